// Cursors on trees built with page operations: every page size, one to four
// levels, unique and non-unique keys, flag-deleted nodes, seeks of every
// mode against a model, bookmarks and released latches, read-ahead, and
// damaged trees (each failure reported with its page number).
#include "btree/cursor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>

#include "btree/key_compare.h"
#include "btree_test_util.h"
#include "format/endian.h"
#include "format/page.h"
#include "format/page_editor.h"

namespace jet {
namespace {

using btree_test::B;
using btree_test::BuildSpec;
using btree_test::BuildTree;
using btree_test::BuiltTree;
using btree_test::Bytes;
using btree_test::Entry;
using btree_test::Row;
using btree_test::TestDb;

std::mt19937_64 Seeded(const char* name) {
  uint64_t seed = 0;
  if (const char* env = std::getenv("JETSVC_TEST_SEED"); env != nullptr && env[0] != '\0') {
    seed = std::strtoull(env, nullptr, 0);
  } else {
    seed = std::random_device{}();
  }
  std::printf("%s: seed %llu (rerun with JETSVC_TEST_SEED=%llu)\n", name,
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
  return std::mt19937_64(seed);
}

bool Less(const Bytes& a, const Bytes& b) { return CompareKeys(a, b) < 0; }

// Sorted unique random keys sharing a prefix, with data.
std::vector<Entry> RandomEntries(std::mt19937_64& rng, size_t count, size_t max_key = 40) {
  std::set<Bytes, decltype(&Less)> keys(&Less);
  while (keys.size() < count) {
    Bytes key = B("row-");
    const size_t len = 1 + rng() % max_key;
    for (size_t i = 0; i < len; ++i) key.push_back(static_cast<uint8_t>(rng() % 7 + 'a'));
    keys.insert(key);
  }
  std::vector<Entry> entries;
  int i = 0;
  for (const Bytes& key : keys) {
    Bytes data(1 + rng() % 60, static_cast<uint8_t>(i++));
    entries.push_back({key, data, 0});
  }
  return entries;
}

std::vector<Row> Expected(const std::vector<Entry>& entries, bool include_deleted = false) {
  std::vector<Row> rows;
  for (const Entry& e : entries) {
    if (!include_deleted && (e.flags & kNodeFlagDeleted) != 0) continue;
    rows.push_back({e.key, e.data, 0, 0});
  }
  return rows;
}

struct Built {
  BuiltTree tree;
  std::unique_ptr<TestDb> db;
  BTree btree;
};

Built Make(const BuildSpec& spec, const std::vector<Entry>& entries,
           TestDb::Options options = TestDb::Options()) {
  Built b;
  b.tree = BuildTree(spec, entries);
  b.db = TestDb::Open(b.tree.image, spec.page_size, options);
  EXPECT_NE(b.db, nullptr);
  EXPECT_EQ(BTree::Open(b.db->cache(), b.db->file(), spec.root_pgno, spec.objid, &b.btree),
            JET_errSuccess);
  return b;
}

// ---- shapes ------------------------------------------------------------------

struct Shape {
  size_t page_size;
  size_t entries;
  int leaf_lines;
  int fanout;
  int levels;  // expected
};

class CursorShapeTest : public ::testing::TestWithParam<Shape> {};

TEST_P(CursorShapeTest, ScansAndSeeksMatchTheModel) {
  const Shape shape = GetParam();
  std::mt19937_64 rng = Seeded("CursorShapeTest");
  const std::vector<Entry> entries = RandomEntries(rng, shape.entries);
  BuildSpec spec;
  spec.page_size = shape.page_size;
  spec.leaf_lines = shape.leaf_lines;
  spec.fanout = shape.fanout;
  spec.empty_last_key = rng() % 2 == 0;
  Built b = Make(spec, entries);
  ASSERT_NE(b.db, nullptr);
  EXPECT_EQ(b.tree.levels, shape.levels);

  // Forward and backward scans.
  std::vector<Row> forward;
  EXPECT_EQ(btree_test::ScanForward(b.btree, &forward), JET_errNoCurrentRecord);
  EXPECT_EQ(forward, Expected(entries));
  std::vector<Row> backward;
  EXPECT_EQ(btree_test::ScanBackward(b.btree, &backward), JET_errNoCurrentRecord);
  std::reverse(backward.begin(), backward.end());
  EXPECT_EQ(backward, forward);
  // The scan visited the leaves in their order.
  std::vector<uint32_t> visited;
  for (const Row& r : forward) {
    if (visited.empty() || visited.back() != r.pgno) visited.push_back(r.pgno);
  }
  EXPECT_EQ(visited, b.tree.leaves);

  // Every key, exactly.
  Cursor cursor(b.btree);
  for (const Entry& e : entries) {
    ASSERT_EQ(cursor.Seek(e.key, SeekMode::kEqual), JET_errSuccess);
    EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), e.key);
    EXPECT_EQ(Bytes(cursor.Data().begin(), cursor.Data().end()), e.data);
  }

  // Random probes in every mode against a sorted vector.
  std::vector<Bytes> keys;
  for (const Entry& e : entries) keys.push_back(e.key);
  for (int probe = 0; probe < 600; ++probe) {
    Bytes key;
    if (probe % 3 == 0) {
      key = keys[rng() % keys.size()];  // present
    } else {
      key = B("row-");
      const size_t len = rng() % 12;
      for (size_t i = 0; i < len; ++i) key.push_back(static_cast<uint8_t>(rng() % 8 + 'a'));
      if (probe % 7 == 0) key = B(probe % 2 ? "a" : "zzz");  // before / after all
    }
    const auto lower = std::lower_bound(keys.begin(), keys.end(), key, Less);
    const auto upper = std::upper_bound(keys.begin(), keys.end(), key, Less);
    const bool present = lower != upper;
    struct Want {
      SeekMode mode;
      const Bytes* key;  // null: not found
      JET_ERR err;
    };
    const Want wants[] = {
        {SeekMode::kEqual, present ? &*lower : nullptr,
         present ? JET_errSuccess : JET_errRecordNotFound},
        {SeekMode::kGreaterOrEqual, lower != keys.end() ? &*lower : nullptr,
         lower == keys.end() ? JET_errRecordNotFound
                             : (present ? JET_errSuccess : JET_wrnSeekNotEqual)},
        {SeekMode::kGreater, upper != keys.end() ? &*upper : nullptr,
         upper == keys.end() ? JET_errRecordNotFound : JET_errSuccess},
        {SeekMode::kLessOrEqual, upper != keys.begin() ? &*(upper - 1) : nullptr,
         upper == keys.begin() ? JET_errRecordNotFound
                               : (present ? JET_errSuccess : JET_wrnSeekNotEqual)},
        {SeekMode::kLess, lower != keys.begin() ? &*(lower - 1) : nullptr,
         lower == keys.begin() ? JET_errRecordNotFound : JET_errSuccess},
    };
    for (const Want& want : wants) {
      const JET_ERR err = cursor.Seek(key, want.mode);
      ASSERT_EQ(err, want.err) << static_cast<int>(want.mode);
      if (want.key == nullptr) {
        EXPECT_FALSE(cursor.OnNode());
      } else {
        ASSERT_TRUE(cursor.OnNode());
        EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), *want.key);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, CursorShapeTest,
                         ::testing::Values(Shape{4096, 30, 50, 40, 1},     // one root leaf
                                           Shape{4096, 400, 50, 40, 2},    // root over leaves
                                           Shape{4096, 3000, 20, 8, 4},    // deep
                                           Shape{8192, 2000, 40, 10, 3},   //
                                           Shape{16384, 3000, 60, 12, 3},  // node flags in the node
                                           Shape{32768, 5000, 500, 4, 3}),  // large leaves
                         [](const auto& info) {
                           return std::to_string(info.param.page_size) + "_" +
                                  std::to_string(info.param.levels) + "levels";
                         });

// ---- node flags ----------------------------------------------------------------

TEST(CursorDeletedNodes, AreSkippedUnlessAskedFor) {
  std::mt19937_64 rng = Seeded("CursorDeletedNodes");
  std::vector<Entry> entries = RandomEntries(rng, 500);
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i % 3 == 1) entries[i].flags = kNodeFlagDeleted;
    if (i % 5 == 0) entries[i].flags |= kNodeFlagVersion;  // visible
  }
  // A whole leaf of deleted nodes too.
  for (size_t i = 100; i < 140; ++i) entries[i].flags = kNodeFlagDeleted;
  BuildSpec spec;
  spec.leaf_lines = 20;
  Built b = Make(spec, entries);
  ASSERT_NE(b.db, nullptr);
  std::vector<Row> rows;
  EXPECT_EQ(btree_test::ScanForward(b.btree, &rows), JET_errNoCurrentRecord);
  EXPECT_EQ(rows, Expected(entries));
  for (const Row& r : rows) EXPECT_EQ(r.flags & kNodeFlagDeleted, 0);
  rows.clear();
  EXPECT_EQ(btree_test::ScanBackward(b.btree, &rows), JET_errNoCurrentRecord);
  std::reverse(rows.begin(), rows.end());
  EXPECT_EQ(rows, Expected(entries));
  rows.clear();
  CursorOptions all;
  all.include_deleted = true;
  EXPECT_EQ(btree_test::ScanForward(b.btree, &rows, all), JET_errNoCurrentRecord);
  EXPECT_EQ(rows, Expected(entries, true));

  Cursor cursor(b.btree);
  for (size_t i = 0; i + 1 < entries.size(); ++i) {
    if ((entries[i].flags & kNodeFlagDeleted) == 0) continue;
    EXPECT_EQ(cursor.Seek(entries[i].key, SeekMode::kEqual), JET_errRecordNotFound);
    // GE lands on the next visible node.
    size_t next = i + 1;
    while (next < entries.size() && (entries[next].flags & kNodeFlagDeleted)) ++next;
    const JET_ERR err = cursor.Seek(entries[i].key, SeekMode::kGreaterOrEqual);
    if (next == entries.size()) {
      EXPECT_EQ(err, JET_errRecordNotFound);
    } else {
      EXPECT_EQ(err, JET_wrnSeekNotEqual);
      EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), entries[next].key);
    }
  }
}

// ---- non-unique trees ----------------------------------------------------------

TEST(CursorNonUnique, DuplicatesOrderByDataAndBookmarksCarryIt) {
  // Index entries: key = a column value with many duplicates, data = the
  // primary key, ordered by (key, data).
  std::vector<Entry> entries;
  for (int v = 0; v < 40; ++v) {
    for (int pk = 0; pk < 30; ++pk) {
      Bytes key = B("val-");
      key.push_back(static_cast<uint8_t>('A' + v / 26));
      key.push_back(static_cast<uint8_t>('A' + v % 26));
      Bytes data(4);
      StoreLE32(data.data(), static_cast<uint32_t>(pk * 7919 % 1000));
      std::reverse(data.begin(), data.end());  // big-endian: byte order = number order
      entries.push_back({key, data, 0});
    }
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    const int c = CompareKeys(a.key, b.key);
    return c != 0 ? c < 0 : CompareKeys(a.data, b.data) < 0;
  });
  BuildSpec spec;
  spec.extra_flags = kPageFlagIndex | kPageFlagNonUniqueKeys;
  spec.leaf_lines = 17;  // runs of equal keys span leaves
  spec.fanout = 6;
  Built b = Make(spec, entries);
  ASSERT_NE(b.db, nullptr);
  ASSERT_GE(b.tree.levels, 3);
  EXPECT_FALSE(b.btree.unique());
  EXPECT_TRUE(b.btree.index());

  std::vector<Row> rows;
  EXPECT_EQ(btree_test::ScanForward(b.btree, &rows), JET_errNoCurrentRecord);
  EXPECT_EQ(rows, Expected(entries));

  Cursor cursor(b.btree);
  for (int v = 0; v < 40; ++v) {
    const Bytes& key = entries[static_cast<size_t>(v) * 30].key;
    // GE and EQ: the first duplicate; LE: the last one.
    ASSERT_EQ(cursor.Seek(key, SeekMode::kEqual), JET_errSuccess);
    EXPECT_EQ(Bytes(cursor.Data().begin(), cursor.Data().end()), entries[v * 30].data);
    ASSERT_EQ(cursor.Seek(key, SeekMode::kLessOrEqual), JET_errSuccess);
    EXPECT_EQ(Bytes(cursor.Data().begin(), cursor.Data().end()), entries[v * 30 + 29].data);
    ASSERT_EQ(cursor.Seek(key, SeekMode::kGreater),
              v == 39 ? JET_errRecordNotFound : JET_errSuccess);
    if (v < 39) {
      EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), entries[(v + 1) * 30].key);
    }
    ASSERT_EQ(cursor.Seek(key, SeekMode::kLess), v == 0 ? JET_errRecordNotFound : JET_errSuccess);
    if (v > 0) {
      EXPECT_EQ(Bytes(cursor.Data().begin(), cursor.Data().end()), entries[v * 30 - 1].data);
    }
  }
  // Every entry through its bookmark (key + data).
  for (const Entry& e : entries) {
    Bookmark bm{e.key, e.data};
    ASSERT_EQ(cursor.GotoBookmark(bm), JET_errSuccess);
    EXPECT_EQ(cursor.GetBookmark(), bm);
  }
  Bookmark missing{entries[5].key, B("nope")};
  EXPECT_EQ(cursor.GotoBookmark(missing), JET_errRecordNotFound);

  // A scan that lets go of its latch after every entry continues exactly.
  rows.clear();
  JET_ERR err = cursor.MoveFirst();
  while (err >= 0) {
    rows.push_back({Bytes(cursor.Key().begin(), cursor.Key().end()),
                    Bytes(cursor.Data().begin(), cursor.Data().end()), 0, 0});
    cursor.Release();
    EXPECT_FALSE(cursor.OnNode());
    EXPECT_TRUE(cursor.Data().empty());
    EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), rows.back().key);
    err = cursor.MoveNext();
  }
  EXPECT_EQ(err, JET_errNoCurrentRecord);
  EXPECT_EQ(rows, Expected(entries));
}

// ---- moves at the edges, release / relatch -------------------------------------

TEST(CursorMoves, EdgesAndReleasedPositions) {
  std::mt19937_64 rng = Seeded("CursorMoves");
  const std::vector<Entry> entries = RandomEntries(rng, 300);
  BuildSpec spec;
  spec.leaf_lines = 25;
  Built b = Make(spec, entries);
  ASSERT_NE(b.db, nullptr);
  Cursor cursor(b.btree);
  EXPECT_EQ(cursor.MoveNext(), JET_errNoCurrentRecord);  // never positioned
  EXPECT_EQ(cursor.MovePrev(), JET_errNoCurrentRecord);
  ASSERT_EQ(cursor.MoveLast(), JET_errSuccess);
  EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), entries.back().key);
  EXPECT_EQ(cursor.MoveNext(), JET_errNoCurrentRecord);  // after the last
  EXPECT_EQ(cursor.MoveNext(), JET_errNoCurrentRecord);
  ASSERT_EQ(cursor.MovePrev(), JET_errSuccess);  // back on the last
  EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), entries.back().key);
  ASSERT_EQ(cursor.MoveFirst(), JET_errSuccess);
  EXPECT_EQ(cursor.MovePrev(), JET_errNoCurrentRecord);  // before the first
  ASSERT_EQ(cursor.MoveNext(), JET_errSuccess);
  EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), entries.front().key);

  // Release and relatch in the middle of a leaf and at leaf boundaries.
  for (size_t i : {size_t{0}, size_t{24}, size_t{25}, size_t{150}, entries.size() - 1}) {
    ASSERT_EQ(cursor.Seek(entries[i].key, SeekMode::kEqual), JET_errSuccess);
    const Bookmark bm = cursor.GetBookmark();
    cursor.Release();
    EXPECT_EQ(cursor.GetBookmark(), bm);
    ASSERT_EQ(cursor.Relatch(), JET_errSuccess);
    EXPECT_EQ(Bytes(cursor.Data().begin(), cursor.Data().end()), entries[i].data);
    cursor.Release();
    if (i + 1 < entries.size()) {
      ASSERT_EQ(cursor.MoveNext(), JET_errSuccess);
      EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), entries[i + 1].key);
    } else {
      EXPECT_EQ(cursor.MoveNext(), JET_errNoCurrentRecord);
    }
    ASSERT_EQ(cursor.Seek(entries[i].key, SeekMode::kEqual), JET_errSuccess);
    cursor.Release();
    if (i > 0) {
      ASSERT_EQ(cursor.MovePrev(), JET_errSuccess);
      EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), entries[i - 1].key);
    } else {
      EXPECT_EQ(cursor.MovePrev(), JET_errNoCurrentRecord);
    }
  }
  // The cursor's own key as the seek key.
  ASSERT_EQ(cursor.Seek(entries[10].key, SeekMode::kEqual), JET_errSuccess);
  ASSERT_EQ(cursor.Seek(cursor.Key(), SeekMode::kGreater), JET_errSuccess);
  EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), entries[11].key);
}

TEST(CursorMoves, EmptyTree) {
  BuildSpec spec;
  Built b = Make(spec, {});
  ASSERT_NE(b.db, nullptr);
  Cursor cursor(b.btree);
  EXPECT_EQ(cursor.MoveFirst(), JET_errNoCurrentRecord);
  EXPECT_EQ(cursor.MoveLast(), JET_errNoCurrentRecord);
  EXPECT_EQ(cursor.Seek(B("x"), SeekMode::kGreaterOrEqual), JET_errRecordNotFound);
  EXPECT_EQ(cursor.Seek(B("x"), SeekMode::kLessOrEqual), JET_errRecordNotFound);
  EXPECT_FALSE(cursor.OnNode());
}

// ---- read-ahead -------------------------------------------------------------------

TEST(CursorReadAhead, SequentialScanPrefetchesTheNextLeaves) {
  std::mt19937_64 rng = Seeded("CursorReadAhead");
  const std::vector<Entry> entries = RandomEntries(rng, 6000, 20);
  BuildSpec spec;
  spec.leaf_lines = 30;
  spec.fanout = 50;  // several parent-of-leaf pages: the list is refilled
  TestDb::Options options;
  options.capacity_pages = 64;  // smaller than the tree
  for (bool sequential : {false, true}) {
    Built b = Make(spec, entries, options);
    ASSERT_NE(b.db, nullptr);
    ASSERT_GT(b.tree.leaves.size(), 150u);
    CursorOptions cursor_options;
    cursor_options.sequential = sequential;
    cursor_options.read_ahead_pages = 8;
    std::vector<Row> rows;
    EXPECT_EQ(btree_test::ScanForward(b.btree, &rows, cursor_options), JET_errNoCurrentRecord);
    EXPECT_EQ(rows.size(), entries.size());
    const CacheStats stats = b.db->cache()->Stats();
    std::printf("sequential=%d: %zu leaves, %llu prefetched, %llu misses, %llu read I/Os\n",
                sequential, b.tree.leaves.size(),
                static_cast<unsigned long long>(stats.prefetched_pages),
                static_cast<unsigned long long>(stats.misses),
                static_cast<unsigned long long>(stats.read_ios));
    if (sequential) {
      // Nearly every leaf came in ahead of the cursor, in coalesced reads.
      EXPECT_GE(stats.prefetched_pages, b.tree.leaves.size() - 10);
      EXPECT_LT(stats.misses, b.tree.leaves.size() / 4);
      EXPECT_LT(stats.read_ios, b.tree.leaves.size() / 2);
    } else {
      EXPECT_EQ(stats.prefetched_pages, 0u);
    }
  }
}

// ---- damage ------------------------------------------------------------------------

class CursorDamage : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937_64 rng(12345);
    entries_ = RandomEntries(rng, 400);
    spec_.leaf_lines = 20;
    spec_.fanout = 8;
    built_ = BuildTree(spec_, entries_);
    ASSERT_EQ(built_.levels, 3);
  }
  // Opens the (damaged) image and scans it; returns the scan's end.
  JET_ERR Scan(const Bytes& image, bool forward, PageError* error, size_t* rows_seen) {
    db_ = TestDb::Open(image, spec_.page_size);
    EXPECT_NE(db_, nullptr);
    BTree tree;
    JET_ERR err =
        BTree::Open(db_->cache(), db_->file(), spec_.root_pgno, spec_.objid, &tree, error);
    if (err < 0) return err;
    Cursor cursor(tree);
    err = forward ? cursor.MoveFirst() : cursor.MoveLast();
    *rows_seen = 0;
    while (err >= 0) {
      ++*rows_seen;
      err = forward ? cursor.MoveNext() : cursor.MovePrev();
    }
    *error = cursor.error();
    return err;
  }
  void SetU32(Bytes& image, uint32_t pgno, size_t offset, uint32_t value) {
    StoreLE32(btree_test::PageOf(image, pgno, spec_.page_size).data() + offset, value);
    btree_test::Reseal(image, pgno, spec_.page_size);
  }
  uint32_t Leaf(size_t i) const { return built_.leaves[i]; }

  std::vector<Entry> entries_;
  BuildSpec spec_;
  BuiltTree built_;
  std::unique_ptr<TestDb> db_;
};

TEST_F(CursorDamage, ABadChecksumStopsTheScanAtThatPage) {
  Bytes image = built_.image;
  const uint32_t victim = Leaf(5);
  btree_test::PageOf(image, victim, spec_.page_size)[200] ^= 0x10;  // not resealed
  for (bool forward : {true, false}) {
    PageError error;
    size_t rows = 0;
    EXPECT_EQ(Scan(image, forward, &error, &rows), JET_errReadVerifyFailure);
    EXPECT_EQ(error.pgno, victim);
    EXPECT_GT(rows, 0u);
    EXPECT_LT(rows, entries_.size());
  }
  // A seek into the page reports it too.
  db_ = TestDb::Open(image, spec_.page_size);
  BTree tree;
  ASSERT_EQ(BTree::Open(db_->cache(), db_->file(), spec_.root_pgno, spec_.objid, &tree),
            JET_errSuccess);
  Cursor cursor(tree);
  size_t first_on_victim = 0;
  {
    // The 6th leaf's first entry: count the entries on the first five.
    Bytes clean = built_.image;
    auto clean_db = TestDb::Open(clean, spec_.page_size);
    BTree t;
    ASSERT_EQ(BTree::Open(clean_db->cache(), clean_db->file(), spec_.root_pgno, spec_.objid, &t),
              JET_errSuccess);
    std::vector<Row> rows;
    (void)btree_test::ScanForward(t, &rows);
    while (rows[first_on_victim].pgno != victim) ++first_on_victim;
  }
  EXPECT_EQ(cursor.Seek(entries_[first_on_victim].key, SeekMode::kEqual), JET_errReadVerifyFailure);
  EXPECT_EQ(cursor.error().pgno, victim);
  EXPECT_FALSE(cursor.OnNode());
}

TEST_F(CursorDamage, SiblingLinksAreCheckedBothWays) {
  struct Case {
    const char* name;
    uint32_t pgno;
    size_t offset;
    uint32_t value;
    uint32_t bad_page;  // where the scan notices
    bool forward;
  };
  const Case cases[] = {
      // 3's back link points elsewhere: found moving right from 2.
      {"back link", Leaf(3), kPageOffPgnoPrev, Leaf(1), Leaf(3), true},
      // 2 skips 3: 4's back link names 3, not 2.
      {"forward link skips", Leaf(2), kPageOffPgnoNext, Leaf(4), Leaf(4), true},
      // Moving left from 6: 5's next link names 7.
      {"next link", Leaf(5), kPageOffPgnoNext, Leaf(7), Leaf(5), false},
      // A link into another tree's page.
      {"other tree", Leaf(8), kPageOffObjidFdp, 99, Leaf(8), true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Bytes image = built_.image;
    SetU32(image, c.pgno, c.offset, c.value);
    PageError error;
    size_t rows = 0;
    EXPECT_EQ(Scan(image, c.forward, &error, &rows), JET_errBadPageLink);
    EXPECT_EQ(error.pgno, c.bad_page);
  }
}

TEST_F(CursorDamage, LinksThatAgreeButBreakKeyOrderAreCaught) {
  // Leaves 2 -> 4 -> 3 -> 5, every link answered by its back link: only the
  // keys going down from 4 to 3 show it.
  Bytes image = built_.image;
  SetU32(image, Leaf(2), kPageOffPgnoNext, Leaf(4));
  SetU32(image, Leaf(4), kPageOffPgnoPrev, Leaf(2));
  SetU32(image, Leaf(4), kPageOffPgnoNext, Leaf(3));
  SetU32(image, Leaf(3), kPageOffPgnoPrev, Leaf(4));
  SetU32(image, Leaf(3), kPageOffPgnoNext, Leaf(5));
  SetU32(image, Leaf(5), kPageOffPgnoPrev, Leaf(3));
  PageError error;
  size_t rows = 0;
  EXPECT_EQ(Scan(image, true, &error, &rows), JET_errBadPageLink);
  EXPECT_EQ(error.pgno, Leaf(3));
  EXPECT_EQ(Scan(image, false, &error, &rows), JET_errBadPageLink);
  EXPECT_EQ(error.pgno, Leaf(4));  // going left from 3 to 4: 4 holds larger keys

  // A cycle: the last leaf links on to the first (which links back).
  image = built_.image;
  const uint32_t last = built_.leaves.back();
  SetU32(image, last, kPageOffPgnoNext, Leaf(0));
  SetU32(image, Leaf(0), kPageOffPgnoPrev, last);
  EXPECT_EQ(Scan(image, true, &error, &rows), JET_errBadPageLink);
  EXPECT_EQ(error.pgno, Leaf(0));
  EXPECT_EQ(rows, entries_.size());
  EXPECT_EQ(Scan(image, false, &error, &rows), JET_errBadPageLink);
  EXPECT_EQ(error.pgno, last);
}

TEST_F(CursorDamage, ParentLinksAreChecked) {
  // The root's first child pointer, redirected.
  const Bytes clean = built_.image;
  PageView root;
  ASSERT_EQ(
      PageView::Open(
          btree_test::PageOf(const_cast<Bytes&>(clean), spec_.root_pgno, spec_.page_size), &root),
      JET_errSuccess);
  const Node first = root.line(0);
  const size_t data_offset = static_cast<size_t>(first.data.data() - root.bytes().data());
  const uint32_t internal = LoadLE32(first.data.data());
  struct Case {
    const char* name;
    uint32_t target;
  };
  const Case cases[] = {
      {"to a leaf, skipping a level", Leaf(0)},
      {"to itself", spec_.root_pgno},
      {"to nowhere", 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Bytes image = clean;
    SetU32(image, spec_.root_pgno, data_offset, c.target);
    PageError error;
    size_t rows = 0;
    EXPECT_EQ(Scan(image, true, &error, &rows), JET_errBadParentPageLink);
    EXPECT_EQ(error.pgno, c.target == Leaf(0) ? Leaf(0) : spec_.root_pgno);
  }
  // A child of another tree.
  Bytes image = clean;
  SetU32(image, internal, kPageOffObjidFdp, 77);
  PageError error;
  size_t rows = 0;
  EXPECT_EQ(Scan(image, true, &error, &rows), JET_errBadParentPageLink);
  EXPECT_EQ(error.pgno, internal);
  // Opening something that is not the tree's root.
  db_ = TestDb::Open(clean, spec_.page_size);
  BTree tree;
  EXPECT_EQ(BTree::Open(db_->cache(), db_->file(), internal, spec_.objid, &tree, &error),
            JET_errDatabaseCorrupted);
  EXPECT_EQ(error.pgno, internal);
  EXPECT_EQ(BTree::Open(db_->cache(), db_->file(), spec_.root_pgno, spec_.objid + 1, &tree, &error),
            JET_errDatabaseCorrupted);
  // A blank page.
  EXPECT_EQ(BTree::Open(db_->cache(), db_->file(), built_.max_pgno, spec_.objid, &tree, &error),
            JET_errPageNotInitialized);
}

TEST_F(CursorDamage, ALinkedLeafWithoutNodesIsABadEmptyPage) {
  Bytes image = built_.image;
  const uint32_t victim = Leaf(4);
  // Rebuild leaf 4 with its links but no nodes.
  auto page = btree_test::PageOf(image, victim, spec_.page_size);
  PageHeader h;
  ASSERT_EQ(DecodePageHeader(page, &h), JET_errSuccess);
  PageEditor editor;
  PageEditor::NewPage info;
  info.objid_fdp = h.objid_fdp;
  info.flags = h.flags;
  info.pgno_prev = h.pgno_prev;
  info.pgno_next = h.pgno_next;
  info.dbtime = 9;
  ASSERT_EQ(PageEditor::Format(page, info, &editor), JET_errSuccess);
  btree_test::Reseal(image, victim, spec_.page_size);
  PageError error;
  size_t rows = 0;
  EXPECT_EQ(Scan(image, true, &error, &rows), JET_errBadEmptyPage);
  EXPECT_EQ(error.pgno, victim);
}

}  // namespace
}  // namespace jet
