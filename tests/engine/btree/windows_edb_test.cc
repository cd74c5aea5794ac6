// The B-tree read path on the six genuine Windows-made databases
// (tests/data/windows-edb, format 0x620 rev 0x14, 4 KiB pages): the catalog
// scanned both ways and sought key by key, every tree the catalog names (and
// their space trees) read in order, secondary indexes leading back to their
// rows, the user table's rows, columns and indexes counted against the
// independent reader's export (tests/data/windows-edb/expected/*.json), and
// damaged copies refused with the right error and page number.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "btree/btree.h"
#include "btree/cursor.h"
#include "btree/key_compare.h"
#include "btree_test_util.h"
#include "format/endian.h"
#include "format/page.h"
#include "test_data.h"

namespace jet {
namespace {

using btree_test::Bytes;
using btree_test::Row;
using btree_test::TestDb;

constexpr size_t kPage = test::kWindowsEdbPageSize;
// edb-format §3, §9: the catalog MSysObjects, objid 2, at page 4.
constexpr uint32_t kCatalogPgno = 4;
constexpr uint32_t kCatalogObjid = 2;

// What the independent reader found (expected/NAME.json), and the catalog's
// size as counted with a throwaway script over the raw pages.
struct Expected {
  const char* name;
  size_t catalog_rows;
  size_t columns;
  size_t indexes;
  size_t rows;
};
const Expected kFiles[] = {
    {"basic", 87, 13, 1, 2},   {"binary", 87, 12, 1, 1}, {"default", 93, 19, 1, 1},
    {"index", 112, 19, 19, 1}, {"multi", 97, 22, 1, 2},  {"text", 102, 27, 1, 1},
};

// The fixed columns of a catalog record (edb-format §7, §9): ObjidTable
// (Long, offset 4), Type (Short, 8), Id (Long, 10), ColtypOrPgnoFDP (Long,
// 14), then the first variable column, Name (128).
struct CatalogRow {
  uint32_t objid_table = 0;
  uint16_t type = 0;
  uint32_t id = 0;
  uint32_t pgno_fdp = 0;
  std::string name;
};

bool ParseCatalogRow(std::span<const uint8_t> rec, CatalogRow* out) {
  if (rec.size() < 18 || rec[0] < 4) return false;
  const uint8_t var_last = rec[1];
  const uint16_t ib_end = LoadLE16(rec.data() + 2);
  out->objid_table = LoadLE32(rec.data() + 4);
  out->type = LoadLE16(rec.data() + 8);
  out->id = LoadLE32(rec.data() + 10);
  out->pgno_fdp = LoadLE32(rec.data() + 14);
  out->name.clear();
  if (var_last >= 128) {
    const size_t nvar = var_last - 127u;
    if (ib_end + 2 * nvar > rec.size()) return false;
    const uint16_t end = LoadLE16(rec.data() + ib_end);
    if ((end & 0x8000) == 0) {
      const size_t start = ib_end + 2 * nvar;
      const size_t len = end & 0x7fff;
      if (start + len > rec.size()) return false;
      out->name.assign(rec.begin() + static_cast<std::ptrdiff_t>(start),
                       rec.begin() + static_cast<std::ptrdiff_t>(start + len));
    }
  }
  return true;
}

class WindowsEdb : public ::testing::TestWithParam<Expected> {
 protected:
  void SetUp() override {
    image_ = test::ReadWindowsEdb(GetParam().name);
    ASSERT_EQ(image_.size(), 1u << 20) << "missing " << GetParam().name << ".edb";
    Open(image_);
  }
  void Open(const Bytes& image) {
    db_ = TestDb::Open(image, kPage);
    ASSERT_NE(db_, nullptr);
  }
  BTree OpenTree(uint32_t pgno, uint32_t objid) {
    BTree tree;
    PageError error;
    EXPECT_EQ(BTree::Open(db_->cache(), db_->file(), pgno, objid, &tree, &error), JET_errSuccess)
        << "tree at " << pgno << " objid " << objid << ": page " << error.pgno;
    return tree;
  }
  std::vector<CatalogRow> Catalog() {
    std::vector<Row> rows;
    EXPECT_EQ(btree_test::ScanForward(OpenTree(kCatalogPgno, kCatalogObjid), &rows),
              JET_errNoCurrentRecord);
    std::vector<CatalogRow> out;
    for (const Row& r : rows) {
      CatalogRow c;
      EXPECT_TRUE(ParseCatalogRow(r.data, &c));
      out.push_back(c);
    }
    return out;
  }
  // The root's space header (tag 0): its OE/AE space trees, if it has them.
  std::vector<uint32_t> SpaceTrees(uint32_t root_pgno) {
    PageView view;
    EXPECT_EQ(PageView::Open(btree_test::PageOf(image_, root_pgno, kPage), &view), JET_errSuccess);
    const auto ext = view.ExternalHeader();
    if (ext.size() < 16 || (LoadLE32(ext.data() + 8) & 1) == 0) return {};  // single extent
    const uint32_t oe = LoadLE32(ext.data() + 12);
    return {oe, oe + 1};  // edb-format §5.4: AE = OE + 1
  }

  Bytes image_;
  std::unique_ptr<TestDb> db_;
};

// Keys strictly rising in the tree's order (key, then data on non-unique
// trees).
void ExpectOrdered(const std::vector<Row>& rows, bool unique) {
  for (size_t i = 1; i < rows.size(); ++i) {
    int c = CompareKeys(rows[i - 1].key, rows[i].key);
    if (c == 0 && !unique) c = CompareKeys(rows[i - 1].data, rows[i].data);
    ASSERT_LT(c, 0) << "rows " << i - 1 << " and " << i;
  }
}

TEST_P(WindowsEdb, BTreeCatalogScansBothWays) {
  const BTree catalog = OpenTree(kCatalogPgno, kCatalogObjid);
  EXPECT_TRUE(catalog.unique());
  EXPECT_EQ(catalog.root_flags() & kPageFlagLeaf, 0u) << "the catalog is a two-level tree";
  std::vector<Row> forward;
  ASSERT_EQ(btree_test::ScanForward(catalog, &forward), JET_errNoCurrentRecord);
  EXPECT_EQ(forward.size(), GetParam().catalog_rows);
  ExpectOrdered(forward, true);
  std::set<uint32_t> leaves;
  for (const Row& r : forward) leaves.insert(r.pgno);
  EXPECT_GE(leaves.size(), 2u);
  EXPECT_EQ(*leaves.begin(), 13u);  // the first catalog leaf in every sample

  std::vector<Row> backward;
  ASSERT_EQ(btree_test::ScanBackward(catalog, &backward), JET_errNoCurrentRecord);
  std::reverse(backward.begin(), backward.end());
  EXPECT_EQ(backward, forward);

  // The catalog describes itself first: (2, table, 2) "MSysObjects" at page 4.
  CatalogRow first;
  ASSERT_TRUE(ParseCatalogRow(forward.front().data, &first));
  EXPECT_EQ(first.objid_table, 2u);
  EXPECT_EQ(first.type, 1);
  EXPECT_EQ(first.pgno_fdp, kCatalogPgno);
  EXPECT_EQ(first.name, "MSysObjects");
  EXPECT_EQ(forward.front().key, (Bytes{0x7f, 0x80, 0, 0, 2, 0x7f, 0x80, 1, 0x7f, 0x80, 0, 0, 2}));
}

TEST_P(WindowsEdb, BTreeEverySeekFindsItsKey) {
  const BTree catalog = OpenTree(kCatalogPgno, kCatalogObjid);
  std::vector<Row> rows;
  ASSERT_EQ(btree_test::ScanForward(catalog, &rows), JET_errNoCurrentRecord);
  ASSERT_GE(rows.size(), 2u);
  Cursor cursor(catalog);
  auto key = [&] { return Bytes(cursor.Key().begin(), cursor.Key().end()); };
  for (size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(cursor.Seek(rows[i].key, SeekMode::kEqual), JET_errSuccess) << i;
    EXPECT_EQ(key(), rows[i].key);
    EXPECT_EQ(Bytes(cursor.Data().begin(), cursor.Data().end()), rows[i].data);
    if (i + 1 == rows.size()) break;
    // A key between this one and the next: the next (GE), this one (LE).
    Bytes between = rows[i].key;
    between.push_back(0);
    ASSERT_LT(CompareKeys(between, rows[i + 1].key), 0);
    ASSERT_EQ(cursor.Seek(between, SeekMode::kGreaterOrEqual), JET_wrnSeekNotEqual);
    EXPECT_EQ(key(), rows[i + 1].key);
    ASSERT_EQ(cursor.Seek(between, SeekMode::kLessOrEqual), JET_wrnSeekNotEqual);
    EXPECT_EQ(key(), rows[i].key);
    ASSERT_EQ(cursor.Seek(between, SeekMode::kEqual), JET_errRecordNotFound);
    ASSERT_EQ(cursor.Seek(rows[i].key, SeekMode::kGreater), JET_errSuccess);
    EXPECT_EQ(key(), rows[i + 1].key);
    ASSERT_EQ(cursor.Seek(rows[i + 1].key, SeekMode::kLess), JET_errSuccess);
    EXPECT_EQ(key(), rows[i].key);
    // And on from there, across leaf boundaries.
    ASSERT_EQ(cursor.MoveNext(), JET_errSuccess);
    EXPECT_EQ(key(), rows[i + 1].key);
  }
  // Before the first key and after the last.
  const Bytes low = {0x7f};  // a prefix of every key
  EXPECT_EQ(cursor.Seek(low, SeekMode::kLessOrEqual), JET_errRecordNotFound);
  ASSERT_EQ(cursor.Seek(low, SeekMode::kGreaterOrEqual), JET_wrnSeekNotEqual);
  EXPECT_EQ(key(), rows.front().key);
  const Bytes high = {0xff};
  EXPECT_EQ(cursor.Seek(high, SeekMode::kGreaterOrEqual), JET_errRecordNotFound);
  ASSERT_EQ(cursor.Seek(high, SeekMode::kLessOrEqual), JET_wrnSeekNotEqual);
  EXPECT_EQ(key(), rows.back().key);
}

TEST_P(WindowsEdb, BTreeEveryTreeTheCatalogNamesReads) {
  const std::vector<CatalogRow> catalog = Catalog();
  ASSERT_EQ(catalog.size(), GetParam().catalog_rows);
  const BTree catalog_tree = OpenTree(kCatalogPgno, kCatalogObjid);

  // The user table and what belongs to it.
  const CatalogRow* table = nullptr;
  size_t columns = 0;
  size_t indexes = 0;
  for (const CatalogRow& row : catalog) {
    if (row.type == 1 && row.name == GetParam().name) table = &row;
  }
  ASSERT_NE(table, nullptr);
  // In all six samples the user table is objid 8 at page 31 (found here from
  // its catalog row; the constant only documents the samples).
  EXPECT_EQ(table->id, 8u);
  EXPECT_EQ(table->pgno_fdp, 31u);
  for (const CatalogRow& row : catalog) {
    if (row.objid_table != table->id) continue;
    columns += row.type == 2;
    indexes += row.type == 3;
  }
  EXPECT_EQ(columns, GetParam().columns);
  EXPECT_EQ(indexes, GetParam().indexes);

  // Every tree: tables (type 1), secondary indexes (type 3 with their own
  // FDP), long-value trees (type 4), and each one's space trees.
  std::map<uint32_t, uint32_t> primary_of;  // table objid -> FDP pgno
  for (const CatalogRow& row : catalog) {
    if (row.type == 1) primary_of[row.id] = row.pgno_fdp;
  }
  struct TreeRef {
    uint32_t pgno;
    uint32_t objid;
    uint32_t table_objid;
    uint16_t type;
    std::string name;
  };
  std::vector<TreeRef> trees;
  for (const CatalogRow& row : catalog) {
    const bool own_tree = row.type == 1 || row.type == 4 ||
                          (row.type == 3 && row.pgno_fdp != primary_of[row.objid_table]);
    if (own_tree) trees.push_back({row.pgno_fdp, row.id, row.objid_table, row.type, row.name});
  }
  const size_t fdp_trees = trees.size();
  for (size_t i = 0; i < fdp_trees; ++i) {
    for (uint32_t pgno : SpaceTrees(trees[i].pgno)) {
      trees.push_back({pgno, trees[i].objid, trees[i].table_objid, 0, trees[i].name + " space"});
    }
  }
  size_t space_trees = 0;
  size_t index_entries = 0;
  for (const TreeRef& ref : trees) {
    SCOPED_TRACE(ref.name + " at page " + std::to_string(ref.pgno));
    const BTree tree = OpenTree(ref.pgno, ref.objid);
    EXPECT_EQ(tree.space_tree(), ref.type == 0);
    if (ref.type != 0) {  // space trees carry their owner's Index / LongValue flag
      EXPECT_EQ(tree.long_value(), ref.type == 4);
      EXPECT_EQ(tree.index(), ref.type == 3);
    }
    space_trees += tree.space_tree();
    std::vector<Row> forward;
    ASSERT_EQ(btree_test::ScanForward(tree, &forward), JET_errNoCurrentRecord);
    ExpectOrdered(forward, tree.unique());
    std::vector<Row> backward;
    ASSERT_EQ(btree_test::ScanBackward(tree, &backward), JET_errNoCurrentRecord);
    std::reverse(backward.begin(), backward.end());
    EXPECT_EQ(backward, forward);
    Cursor cursor(tree);
    for (const Row& r : forward) {
      ASSERT_EQ(cursor.GotoBookmark({r.key, tree.unique() ? Bytes() : r.data}), JET_errSuccess);
      EXPECT_EQ(Bytes(cursor.Data().begin(), cursor.Data().end()), r.data);
    }
    if (ref.type == 1 && ref.objid == table->id) {
      EXPECT_EQ(forward.size(), GetParam().rows) << "the user table's rows";
    }
    if (ref.type == 3) {
      // A secondary index entry's data is its row's primary key.
      const BTree primary = ref.table_objid == kCatalogObjid
                                ? catalog_tree
                                : OpenTree(primary_of[ref.table_objid], ref.table_objid);
      Cursor rows(primary);
      for (const Row& r : forward) {
        EXPECT_EQ(rows.Seek(r.data, SeekMode::kEqual), JET_errSuccess);
        ++index_entries;
      }
    }
  }
  EXPECT_GE(space_trees, 4u);  // the database's and the catalog's at least
  EXPECT_GT(index_entries, 0u);
  std::printf("%s: %zu trees read (%zu space trees), %zu index entries led back to their rows\n",
              GetParam().name, trees.size(), space_trees, index_entries);
}

TEST_P(WindowsEdb, BTreeAFlagDeletedNodeIsSkipped) {
  // Every sample has one: in the shadow catalog's AE space tree (page 26),
  // the node for the extent ending at page 0x1c is flagged deleted.
  const BTree tree = OpenTree(26, 3);
  EXPECT_TRUE(tree.space_tree());
  std::vector<Row> visible;
  EXPECT_EQ(btree_test::ScanForward(tree, &visible), JET_errNoCurrentRecord);
  CursorOptions all_options;
  all_options.include_deleted = true;
  std::vector<Row> all;
  EXPECT_EQ(btree_test::ScanForward(tree, &all, all_options), JET_errNoCurrentRecord);
  ASSERT_EQ(all.size(), visible.size() + 1);
  const Bytes deleted_key = {0, 0, 0, 0x1c};  // the extent's last pgno, big-endian
  for (const Row& r : visible) {
    EXPECT_EQ(r.flags & kNodeFlagDeleted, 0);
    EXPECT_NE(r.key, deleted_key);
  }
  const auto it =
      std::find_if(all.begin(), all.end(), [&](const Row& r) { return r.key == deleted_key; });
  ASSERT_NE(it, all.end());
  EXPECT_EQ(it->flags & kNodeFlagDeleted, kNodeFlagDeleted);
  Cursor cursor(tree);
  EXPECT_EQ(cursor.Seek(deleted_key, SeekMode::kEqual), JET_errRecordNotFound);
}

TEST_P(WindowsEdb, BTreeBadChecksumMidScanNamesThePage) {
  // The catalog's second leaf (14) with one bit flipped, checksum not redone.
  Bytes image = image_;
  btree_test::PageOf(image, 14, kPage)[1000] ^= 0x01;
  Open(image);
  const BTree catalog = OpenTree(kCatalogPgno, kCatalogObjid);
  for (bool forward : {true, false}) {
    Cursor cursor(catalog);
    JET_ERR err = forward ? cursor.MoveFirst() : cursor.MoveLast();
    size_t rows = 0;
    while (err >= 0) {
      ++rows;
      err = forward ? cursor.MoveNext() : cursor.MovePrev();
    }
    EXPECT_EQ(err, JET_errReadVerifyFailure);
    EXPECT_EQ(cursor.error().err, JET_errReadVerifyFailure);
    EXPECT_EQ(cursor.error().pgno, 14u);
    if (forward) {
      EXPECT_EQ(rows, 59u) << "the first leaf's rows were read";  // 60 tags - tag 0
    }
    EXPECT_FALSE(cursor.OnNode());
  }
}

TEST_P(WindowsEdb, BTreeCorruptedSiblingLinkIsABadPageLink) {
  // Leaf 14's back link no longer names 13 (and its checksum is redone, so
  // only the link is wrong).
  Bytes image = image_;
  StoreLE32(btree_test::PageOf(image, 14, kPage).data() + kPageOffPgnoPrev, 12);
  btree_test::Reseal(image, 14, kPage);
  Open(image);
  Cursor cursor(OpenTree(kCatalogPgno, kCatalogObjid));
  JET_ERR err = cursor.MoveFirst();
  while (err >= 0) err = cursor.MoveNext();
  EXPECT_EQ(err, JET_errBadPageLink);
  EXPECT_EQ(cursor.error().pgno, 14u);

  // Leaf 13's forward link jumps to another page of the catalog.
  image = image_;
  StoreLE32(btree_test::PageOf(image, 13, kPage).data() + kPageOffPgnoNext, 4);
  btree_test::Reseal(image, 13, kPage);
  Open(image);
  Cursor cursor2(OpenTree(kCatalogPgno, kCatalogObjid));
  err = cursor2.MoveFirst();
  while (err >= 0) err = cursor2.MoveNext();
  EXPECT_EQ(err, JET_errBadPageLink);
  EXPECT_EQ(cursor2.error().pgno, 4u);  // the root: not a leaf
}

TEST_P(WindowsEdb, BTreeTwoLevelTreesAreWalkedThroughTheirParents) {
  // The catalog root (4) is a parent of leaves; every leaf it points to is
  // reached by a seek through it, and the leaf chain visits them in order.
  PageView root;
  ASSERT_EQ(PageView::Open(btree_test::PageOf(image_, kCatalogPgno, kPage), &root), JET_errSuccess);
  ASSERT_TRUE(root.Has(kPageFlagParentOfLeaf));
  std::vector<uint32_t> children;
  for (int i = 0; i < root.line_count(); ++i)
    children.push_back(LoadLE32(root.line(i).data.data()));
  EXPECT_TRUE(root.line(root.line_count() - 1).Key().empty());  // the last key is empty
  std::vector<Row> rows;
  ASSERT_EQ(btree_test::ScanForward(OpenTree(kCatalogPgno, kCatalogObjid), &rows),
            JET_errNoCurrentRecord);
  std::vector<uint32_t> visited;
  for (const Row& r : rows) {
    if (visited.empty() || visited.back() != r.pgno) visited.push_back(r.pgno);
  }
  EXPECT_EQ(visited, children);
  // Each separator is the first key of the page to its right.
  Cursor cursor(OpenTree(kCatalogPgno, kCatalogObjid));
  for (int i = 0; i + 1 < root.line_count(); ++i) {
    const Bytes sep = root.line(i).Key();
    ASSERT_EQ(cursor.Seek(sep, SeekMode::kEqual), JET_errSuccess);
    EXPECT_EQ(cursor.pgno(), children[static_cast<size_t>(i) + 1]);
    EXPECT_EQ(cursor.iline(), 0);
    ASSERT_EQ(cursor.Seek(sep, SeekMode::kLess), JET_errSuccess);
    EXPECT_EQ(cursor.pgno(), children[static_cast<size_t>(i)]);
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, WindowsEdb, ::testing::ValuesIn(kFiles),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(BTreeWindowsEdb, MultiLongValueTreeHasFiveLeaves) {
  // multi.edb's long-value tree (objid 9, root 32) spans leaves 43..47.
  const Bytes image = test::ReadWindowsEdb("multi");
  ASSERT_EQ(image.size(), 1u << 20);
  auto db = TestDb::Open(image, kPage);
  ASSERT_NE(db, nullptr);
  BTree lv;
  ASSERT_EQ(BTree::Open(db->cache(), db->file(), 32, 9, &lv), JET_errSuccess);
  EXPECT_TRUE(lv.long_value());
  std::vector<Row> rows;
  ASSERT_EQ(btree_test::ScanForward(lv, &rows), JET_errNoCurrentRecord);
  std::vector<uint32_t> visited;
  for (const Row& r : rows) {
    if (visited.empty() || visited.back() != r.pgno) visited.push_back(r.pgno);
  }
  EXPECT_EQ(visited, (std::vector<uint32_t>{43, 44, 45, 46, 47}));
  // LV keys: a LID (big-endian), alone for the LVROOT (8 bytes of data:
  // refcount and size), then with each chunk's offset.
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0].key.size(), 4u);
  EXPECT_EQ(rows[0].data.size(), 8u);
  EXPECT_EQ(rows[1].key.size(), 8u);
  EXPECT_EQ(Bytes(rows[1].key.begin(), rows[1].key.begin() + 4), rows[0].key);
}

}  // namespace
}  // namespace jet
