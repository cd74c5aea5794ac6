// The catalog of the six genuine Windows-made databases
// (tests/data/windows-edb, format 0x620 rev 0x14, 4 KiB pages), loaded
// through the B-tree and compared with what an independent reader found
// (expected/NAME.json): the user tables, every column's name, type and id,
// and the index names, in order. Then what the definitions are for: every
// table row's key rebuilt from its record with ToRecordSchema and the
// primary index's ToIndexKeyDef, every secondary index entry of index.edb
// rebuilt the same way (Windows' Unicode collation refused clearly), column
// defaults read back, every catalog record re-encoded byte for byte, and a
// damaged catalog record refused with JET_errCatalogCorrupted.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "btree/btree.h"  // first: it brings in the cache headers (cache_shim.h)
#include "btree/cursor.h"
#include "catalog/catalog.h"
#include "catalog/catalog_format.h"
#include "catalog/catalog_record.h"
#include "catalog/table_def.h"
#include "catalog/tree_catalog_source.h"
#include "catalog_test_util.h"
#include "format/checksum.h"
#include "format/page.h"
#include "key/index_entry_key.h"
#include "record/long_value.h"
#include "record/record_reader.h"
#include "test_data.h"

#ifndef JET_TEST_EXPECTED_DIR
#error "JET_TEST_EXPECTED_DIR must name tests/data/windows-edb/expected"
#endif

namespace jet {
namespace {

using catalog_test::Bytes;
using catalog_test::Json;
using catalog_test::TestDb;
using catalog_test::TreeNode;

constexpr uint32_t kPage = test::kWindowsEdbPageSize;

std::filesystem::path ExpectedDir() {
  std::string dir = JET_TEST_EXPECTED_DIR;
#ifdef _WIN32
  if (!dir.empty() && dir[0] == '/') dir = "Z:" + dir;  // wine maps / to Z:
#endif
  return std::filesystem::path(dir);
}

Json ReadExpected(const std::string& name) {
  const std::vector<uint8_t> text = test::ReadWholeFile(ExpectedDir() / (name + ".json"));
  Json json;
  EXPECT_FALSE(text.empty()) << "missing expected/" << name << ".json";
  EXPECT_TRUE(
      ParseJson(std::string_view(reinterpret_cast<const char*>(text.data()), text.size()), &json));
  return json;
}

class CatalogWindowsEdb : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    image_ = test::ReadWindowsEdb(GetParam());
    ASSERT_EQ(image_.size(), 1u << 20) << "missing " << GetParam() << ".edb";
    db_ = TestDb::Open(image_, kPage);
    ASSERT_NE(db_, nullptr);
    std::string detail;
    PageError error;
    ASSERT_EQ(LoadCatalogFromFile(db_->cache(), db_->file(), kPage, CatalogCopy::kPrimary,
                                  &catalog_, &error, &detail),
              JET_errSuccess)
        << detail << " (page " << error.pgno << ")";
  }

  BTree OpenTree(uint32_t pgno, uint32_t objid) {
    BTree tree;
    EXPECT_EQ(BTree::Open(db_->cache(), db_->file(), pgno, objid, &tree), JET_errSuccess)
        << "tree at " << pgno << " objid " << objid;
    return tree;
  }

  // The logical bytes of a separated long value of `table`.
  Bytes ReadLongValue(const TableDef& table, LvId lid) {
    EXPECT_TRUE(table.long_values.has_value());
    if (!table.long_values) return {};
    Cursor cursor(OpenTree(table.long_values->pgno_fdp, table.long_values->objid));
    const Bytes root_key = LvRootKey(lid);
    EXPECT_EQ(cursor.Seek(root_key, SeekMode::kEqual), JET_errSuccess);
    LvRoot root;
    EXPECT_EQ(DecodeLvRoot(cursor.Data(), &root), JET_errSuccess);
    std::vector<Bytes> chunk_data;
    std::vector<uint32_t> offsets;
    while (cursor.MoveNext() >= 0) {
      LvKey key;
      if (ParseLvKey(cursor.Key(), &key) < 0 || key.lid != lid || key.is_root) break;
      offsets.push_back(key.offset);
      chunk_data.emplace_back(cursor.Data().begin(), cursor.Data().end());
    }
    std::vector<LvChunkView> chunks;
    for (size_t i = 0; i < offsets.size(); ++i) chunks.push_back({offsets[i], chunk_data[i]});
    Bytes value;
    EXPECT_EQ(ReassembleLongValue(root, chunks, table.LvChunkSize(kPage), &value), JET_errSuccess);
    return value;
  }

  // The value of `column` in `record` as a key sees it: NULL, the bytes, a
  // default, or a long value fetched from the LV tree.
  KeyColumnValue ValueOf(const TableDef& table, const RecordSchema& schema,
                         const RecordValues& defaults, const RecordReader& reader,
                         uint32_t column_id, Bytes* storage) {
    const ColumnSpec* spec = schema.Find(column_id);
    EXPECT_NE(spec, nullptr) << column_id;
    if (spec == nullptr) return KeyColumnValue::Null();
    ColumnValue value;
    bool in_record = false;
    const JET_ERR err = reader.GetValue(*spec, 1, &value, &in_record);
    EXPECT_GE(err, 0);
    if (!in_record) {
      for (const ColumnData& d : defaults.columns) {
        if (d.id == column_id) {
          *storage = d.values.front().data;
          return KeyColumnValue::Of(*storage);
        }
      }
      return KeyColumnValue::Null();
    }
    if (err == JET_wrnColumnNull) return KeyColumnValue::Null();
    if (value.separated) {
      *storage = ReadLongValue(table, value.lid);
    } else {
      size_t size = 0;
      (void)CopyValue(value, {}, &size);
      storage->resize(size);
      EXPECT_GE(CopyValue(value, *storage, &size), 0);
    }
    return KeyColumnValue::Of(*storage);
  }

  Bytes image_;
  std::unique_ptr<TestDb> db_;
  Catalog catalog_;
};

// Every user table, column and index the independent reader listed, in its
// order, with the same names, types and ids; and nothing else.
TEST_P(CatalogWindowsEdb, UserTablesMatchExpectedJson) {
  const Json expected = ReadExpected(GetParam());
  const Json& tables = expected["tables"];
  ASSERT_EQ(tables.kind, Json::Kind::kArray);
  const std::vector<const TableDef*> user = catalog_.UserTables();
  ASSERT_EQ(user.size(), tables.items.size());
  for (size_t t = 0; t < user.size(); ++t) {
    const TableDef& table = *user[t];
    const Json& want = tables.items[t];
    EXPECT_EQ(table.name, want["name"].str());
    EXPECT_EQ(catalog_.FindTable(want["name"].str()), &table);

    const Json& columns = want["columns"];
    ASSERT_EQ(table.columns.size(), columns.items.size()) << table.name;
    for (size_t c = 0; c < columns.items.size(); ++c) {
      const ColumnDef& column = table.columns[c];
      const Json& wc = columns.items[c];
      EXPECT_EQ(column.name, wc["name"].str());
      EXPECT_EQ(ColtypName(column.coltyp), wc["type"].str()) << column.name;
      EXPECT_EQ(std::to_string(column.id), wc["id"].str()) << column.name;
      EXPECT_EQ(table.FindColumn(column.name), &column);
      EXPECT_EQ(table.FindColumn(column.id), &column);
    }

    const Json& indexes = want["indexes"];
    ASSERT_EQ(table.indexes.size(), indexes.items.size()) << table.name;
    for (size_t i = 0; i < indexes.items.size(); ++i) {
      EXPECT_EQ(table.indexes[i].name, indexes.items[i].str());
    }
    // Every sample table is keyed by "Id" through its primary index IxId.
    const IndexDef* primary = table.PrimaryIndex();
    ASSERT_NE(primary, nullptr);
    EXPECT_EQ(primary->name, "IxId");
    EXPECT_EQ(primary->objid, table.objid);
    EXPECT_EQ(primary->pgno_fdp, table.pgno_fdp);
    ASSERT_EQ(primary->segments.size(), 1u);
    EXPECT_EQ(primary->segments[0].column_id, table.FindColumn("Id")->id);
  }
}

// ESE's own tables are in the catalog, found by name in any case and by
// objid, but are not user tables.
TEST_P(CatalogWindowsEdb, SystemTablesPresentButNotListed) {
  struct System {
    const char* name;
    uint32_t objid;
  };
  for (const System& s :
       {System{"MSysObjects", kCatalogObjid}, System{"MSysObjectsShadow", kShadowCatalogObjid},
        System{"MSysObjids", 6}, System{"MSysLocales", 7}}) {
    const TableDef* table = catalog_.FindTable(s.name);
    ASSERT_NE(table, nullptr) << s.name;
    EXPECT_EQ(table->objid, s.objid);
    EXPECT_EQ(catalog_.FindTableByObjid(s.objid), table);
    EXPECT_TRUE(Catalog::IsSystemTable(*table));
    EXPECT_TRUE(table->system()) << "flagged JET_bitObjectSystem";
    for (const TableDef* user : catalog_.UserTables()) EXPECT_NE(user, table);
  }
  EXPECT_EQ(catalog_.FindTable("msysOBJECTS"), catalog_.FindTable("MSysObjects"));
  EXPECT_EQ(catalog_.FindTable("MSysObjects")->pgno_fdp, kCatalogPgno);
  EXPECT_EQ(catalog_.FindTable("MSysObjectsShadow")->pgno_fdp, kShadowCatalogPgno);
  EXPECT_EQ(catalog_.FindTable("NoSuchTable"), nullptr);
  EXPECT_EQ(catalog_.FindTableByObjid(999), nullptr);
  EXPECT_EQ(catalog_.tables().size(), 5u);
  ASSERT_EQ(catalog_.UserTables().size(), 1u);
  EXPECT_EQ(catalog_.UserTables()[0]->name, GetParam());
  EXPECT_EQ(catalog_.FindTable(GetParam())->objid, 8u);
  EXPECT_EQ(catalog_.FindTable(GetParam())->pgno_fdp, 31u);
}

// MSysObjects describes itself: the columns of catalog_format.h (without
// PgnoFDPLastSetTime, which revision 0x14 predates) and its three indexes.
TEST_P(CatalogWindowsEdb, CatalogDescribesItself) {
  const TableDef* mso = catalog_.FindTable(kCatalogName);
  ASSERT_NE(mso, nullptr);
  EXPECT_EQ(mso->flags, kTableFlagSystem | kTableFlagFixedDDL);
  ASSERT_EQ(mso->columns.size(), CatalogColumns().size() - 1);
  size_t i = 0;
  for (const CatalogColumnInfo& info : CatalogColumns()) {
    if (info.id == kMsoPgnoFDPLastSetTime) continue;
    const ColumnDef& c = mso->columns[i++];
    EXPECT_EQ(c.id, info.id);
    EXPECT_EQ(c.name, info.name);
    EXPECT_EQ(c.coltyp, info.coltyp) << c.name;
    EXPECT_EQ(c.not_null(), info.not_null) << c.name;
  }
  struct Want {
    const char* name;
    uint32_t objid;
    uint32_t pgno;
    std::vector<uint32_t> columns;
  };
  const Want want[] = {
      {"Id", kCatalogObjid, kCatalogPgno, {1, 2, 3}},
      {"Name", kCatalogNameIndexObjid, kCatalogNameIndexPgno, {1, 2, 128}},
      {"RootObjects", kCatalogRootObjectsIndexObjid, kCatalogRootObjectsIndexPgno, {8, 128}}};
  ASSERT_EQ(mso->indexes.size(), 3u);
  for (size_t k = 0; k < 3; ++k) {
    const IndexDef& index = mso->indexes[k];
    EXPECT_EQ(index.name, want[k].name);
    EXPECT_EQ(index.objid, want[k].objid);
    EXPECT_EQ(index.pgno_fdp, want[k].pgno);
    std::vector<uint32_t> ids;
    for (const IndexSegmentDef& s : index.segments) ids.push_back(s.column_id);
    EXPECT_EQ(ids, want[k].columns);
    EXPECT_EQ(index.locale_name, u"en-US");
  }
  EXPECT_EQ(mso->indexes[0].Grbit(),
            uint32_t{JET_bitIndexPrimary | JET_bitIndexUnique | JET_bitIndexDisallowNull});
  EXPECT_EQ(mso->indexes[2].Grbit(),
            uint32_t{JET_bitIndexUnique | JET_bitIndexIgnoreNull | JET_bitIndexIgnoreFirstNull});
  // Its rows' RecordOffset is always 4; the layout is ESE's fixed table.
  RecordSchema schema;
  ASSERT_EQ(mso->ToRecordSchema(&schema), JET_errSuccess);
  EXPECT_EQ(schema.columns().size(), CatalogRecordSchema().columns().size());
  EXPECT_EQ(schema.Find(kMsoKeyMost)->fixed_offset, 37u);
}

// The shadow catalog at page 24 holds the same definitions.
TEST_P(CatalogWindowsEdb, ShadowCatalogMatches) {
  Catalog shadow;
  std::string detail;
  ASSERT_EQ(LoadCatalogFromFile(db_->cache(), db_->file(), kPage, CatalogCopy::kShadow, &shadow,
                                nullptr, &detail),
            JET_errSuccess)
      << detail;
  EXPECT_EQ(shadow.tables(), catalog_.tables());
}

// Decoding then encoding each catalog record gives Windows' bytes back,
// and its key is CatalogEntryKey of its columns.
TEST_P(CatalogWindowsEdb, EveryCatalogRecordReencodesByteForByte) {
  std::vector<TreeNode> nodes;
  ASSERT_EQ(catalog_test::ReadTree(OpenTree(kCatalogPgno, kCatalogObjid), &nodes), JET_errSuccess);
  ASSERT_GT(nodes.size(), 80u);
  for (const TreeNode& node : nodes) {
    CatalogEntry entry;
    ASSERT_EQ(DecodeCatalogEntry(node.data, RecordFormat{}, &entry), JET_errSuccess);
    EXPECT_EQ(CatalogEntryKey(entry), node.key) << entry.name;
    EXPECT_EQ(LastFixedColumnOf(entry), node.data[0]) << entry.name;
    Bytes again;
    ASSERT_EQ(EncodeCatalogEntry(entry, RecordFormat{}, &again), JET_errSuccess);
    EXPECT_EQ(catalog_test::Hex(again), catalog_test::Hex(node.data))
        << "(" << entry.objid_table << ", " << static_cast<int>(entry.type) << ", " << entry.id
        << ") " << entry.name;
  }
}

// Each user table's records read with ToRecordSchema, and their primary
// keys rebuilt with the primary index's ToIndexKeyDef, match the tree.
TEST_P(CatalogWindowsEdb, RecordsKeyedByPrimaryIndexDefinition) {
  const Json expected = ReadExpected(GetParam());
  for (const TableDef* table : catalog_.UserTables()) {
    RecordSchema schema;
    RecordValues defaults;
    ASSERT_EQ(table->ToRecordSchema(&schema, &defaults), JET_errSuccess);
    const IndexDef* primary = table->PrimaryIndex();
    ASSERT_NE(primary, nullptr);
    IndexKeyDef key_def;
    ASSERT_EQ(primary->ToIndexKeyDef(kPage, &key_def), JET_errSuccess);
    EXPECT_EQ(primary->cb_key_most, 5u) << "ESE shrinks a Long primary key's KeyMost";
    EXPECT_EQ(key_def.cb_key_most, JET_cbKeyMostMin);

    std::vector<TreeNode> rows;
    ASSERT_EQ(catalog_test::ReadTree(OpenTree(table->pgno_fdp, table->objid), &rows),
              JET_errSuccess);
    EXPECT_EQ(rows.size(), expected["tables"].items[0]["rows"].items.size());
    for (const TreeNode& row : rows) {
      RecordReader reader;
      ASSERT_EQ(RecordReader::Open(row.data, RecordFormat{}, &reader), JET_errSuccess);
      RecordValues all;
      ASSERT_EQ(reader.DecodeAll(schema, &all), JET_errSuccess);
      std::vector<Bytes> storage(primary->segments.size());
      std::vector<KeyColumnValue> values;
      for (size_t s = 0; s < primary->segments.size(); ++s) {
        values.push_back(
            ValueOf(*table, schema, defaults, reader, primary->segments[s].column_id, &storage[s]));
      }
      Bytes key;
      IndexEntryKeyInfo info;
      ASSERT_EQ(BuildIndexEntryKey(key_def, values, &key, &info), JET_errSuccess);
      EXPECT_EQ(catalog_test::Hex(key), catalog_test::Hex(row.key));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Files, CatalogWindowsEdb, ::testing::ValuesIn(test::WindowsEdbNames()),
                         [](const auto& info) { return info.param; });

// --- index.edb: one secondary index per column type ---------------------------

class CatalogWindowsIndexEdb : public CatalogWindowsEdb {};

// What the key layer is given for each index: one segment of the column's
// type, fixed for ids 1..127, Unicode code page for the Unicode columns, and
// Windows' collation for every index Windows made.
TEST_P(CatalogWindowsIndexEdb, IndexKeyDefsHaveTheSegmentsKeyExpects) {
  const TableDef* table = catalog_.FindTable("index");
  ASSERT_NE(table, nullptr);
  ASSERT_EQ(table->indexes.size(), 19u);
  for (const IndexDef& index : table->indexes) {
    SCOPED_TRACE(index.name);
    ASSERT_EQ(index.segments.size(), 1u);
    const ColumnDef* column = table->FindColumn(index.segments[0].column_id);
    ASSERT_NE(column, nullptr);
    // "IxCurrenc" is the sample's own spelling.
    EXPECT_EQ(index.name,
              column->name == "Currency" ? std::string("IxCurrenc") : "Ix" + column->name);
    EXPECT_EQ(index.primary(), column->name == "Id");
    EXPECT_EQ(index.locale_name, u"en-US");
    EXPECT_EQ(index.lcmap_flags, 0x00030401u);
    IndexKeyDef def;
    ASSERT_EQ(index.ToIndexKeyDef(kPage, &def), JET_errSuccess);
    ASSERT_EQ(def.segments.size(), 1u);
    const KeySegmentDef& seg = def.segments[0];
    EXPECT_EQ(seg.coltyp, column->coltyp);
    EXPECT_FALSE(seg.descending);
    EXPECT_EQ(seg.fixed_column, column->id <= 127);
    const bool unicode = column->name.find("Unicode") != std::string::npos;
    EXPECT_EQ(seg.code_page, unicode ? kCodePageUnicode : kCodePageWestern);
    EXPECT_EQ(def.unicode_collation, UnicodeCollation::kWindowsNls);
    EXPECT_EQ(def.cb_key_most, JET_cbKeyMost);
    // ESE shrank the primary index's key size to 5 (one Long); the key layer
    // gets 255 with the stored size as the segment limit, which is the same.
    EXPECT_EQ(index.cb_key_most, index.primary() ? 5u : 255u);
    EXPECT_EQ(def.cb_var_seg_mac, index.primary() ? 5u : 0u);
    EXPECT_FALSE(def.sort_nulls_high);
    EXPECT_FALSE(def.dot_net_guid);
    EXPECT_EQ(index.localized_text(), unicode);
  }
}

// Every secondary index's one entry is the key the definition builds from
// the table's one row (its data is the row's primary key); the Unicode
// indexes refuse with JET_errUnicodeNormalizationNotSupported.
TEST_P(CatalogWindowsIndexEdb, SecondaryIndexEntriesRebuiltFromDefinitions) {
  const TableDef* table = catalog_.FindTable("index");
  ASSERT_NE(table, nullptr);
  RecordSchema schema;
  RecordValues defaults;
  ASSERT_EQ(table->ToRecordSchema(&schema, &defaults), JET_errSuccess);
  std::vector<TreeNode> rows;
  ASSERT_EQ(catalog_test::ReadTree(OpenTree(table->pgno_fdp, table->objid), &rows), JET_errSuccess);
  ASSERT_EQ(rows.size(), 1u);
  RecordReader reader;
  ASSERT_EQ(RecordReader::Open(rows[0].data, RecordFormat{}, &reader), JET_errSuccess);

  int checked = 0;
  for (const IndexDef& index : table->indexes) {
    if (index.primary()) continue;
    SCOPED_TRACE(index.name);
    std::vector<TreeNode> entries;
    ASSERT_EQ(catalog_test::ReadTree(OpenTree(index.pgno_fdp, index.objid), &entries),
              JET_errSuccess);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].data, rows[0].key) << "an index entry's data is the primary key";

    IndexKeyDef def;
    ASSERT_EQ(index.ToIndexKeyDef(kPage, &def), JET_errSuccess);
    Bytes storage;
    const KeyColumnValue value =
        ValueOf(*table, schema, defaults, reader, index.segments[0].column_id, &storage);
    Bytes key;
    IndexEntryKeyInfo info;
    const JET_ERR err = BuildIndexEntryKey(def, {&value, 1}, &key, &info);
    if (index.localized_text()) {
      EXPECT_EQ(err, JET_errUnicodeNormalizationNotSupported);
      continue;
    }
    ASSERT_EQ(err, JET_errSuccess);
    EXPECT_EQ(catalog_test::Hex(key), catalog_test::Hex(entries[0].key));
    ++checked;
  }
  EXPECT_EQ(checked, 16);  // 18 secondary indexes, two of them Unicode
}

INSTANTIATE_TEST_SUITE_P(Index, CatalogWindowsIndexEdb, ::testing::Values(std::string("index")),
                         [](const auto& info) { return info.param; });

// --- default.edb: column default values ----------------------------------------

class CatalogWindowsDefaultEdb : public CatalogWindowsEdb {};

// Every column but Id has a default; the row, inserted with only Id set,
// reads as the defaults, which are what the independent reader saw.
TEST_P(CatalogWindowsDefaultEdb, DefaultsReadBack) {
  const TableDef* table = catalog_.FindTable("default");
  ASSERT_NE(table, nullptr);
  RecordSchema schema;
  RecordValues defaults;
  ASSERT_EQ(table->ToRecordSchema(&schema, &defaults), JET_errSuccess);
  EXPECT_EQ(defaults.columns.size(), table->columns.size() - 1);
  for (const ColumnDef& c : table->columns) {
    EXPECT_EQ(c.has_default(), c.name != "Id") << c.name;
    EXPECT_EQ(c.default_value.empty(), c.name == "Id") << c.name;
  }
  std::vector<TreeNode> rows;
  ASSERT_EQ(catalog_test::ReadTree(OpenTree(table->pgno_fdp, table->objid), &rows), JET_errSuccess);
  ASSERT_EQ(rows.size(), 1u);
  RecordReader reader;
  ASSERT_EQ(RecordReader::Open(rows[0].data, RecordFormat{}, &reader), JET_errSuccess);
  for (const ColumnData& d : defaults.columns) {
    const ColumnDef* c = table->FindColumn(d.id);
    ASSERT_NE(c, nullptr);
    Bytes storage;
    const KeyColumnValue v = ValueOf(*table, schema, defaults, reader, d.id, &storage);
    ASSERT_FALSE(v.is_null) << c->name;
    EXPECT_EQ(Bytes(v.data.begin(), v.data.end()), d.values.front().data) << c->name;
  }
  // The catalog keeps the caller's Bit byte; records hold 0xff.
  EXPECT_EQ(table->FindColumn("Bit")->default_value, Bytes{0x01});
  // A few against the independent reader's values (expected/default.json).
  const Json row = ReadExpected("default")["tables"].items[0]["rows"].items[0];
  const auto le32 = [](uint32_t v) {
    return Bytes{static_cast<uint8_t>(v), static_cast<uint8_t>(v >> 8),
                 static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 24)};
  };
  EXPECT_EQ(table->FindColumn("Long")->default_value,
            le32(static_cast<uint32_t>(std::stoul(row["Long"].str()))));
  const std::string ascii = row["ASCII"].str();
  EXPECT_EQ(table->FindColumn("ASCII")->default_value, Bytes(ascii.begin(), ascii.end()));
  EXPECT_EQ(table->FindColumn("Binary")->default_value,
            catalog_test::FromHex(row["Binary"]["hex"].str()));
}

INSTANTIATE_TEST_SUITE_P(Default, CatalogWindowsDefaultEdb,
                         ::testing::Values(std::string("default")),
                         [](const auto& info) { return info.param; });

// --- A damaged catalog ------------------------------------------------------------

// The catalog row of basic's column "Bit", made unreadable in the page
// itself (checksum resealed so only the catalog notices): the load fails
// with JET_errCatalogCorrupted, and the shadow copy still loads.
TEST(CatalogWindowsDamaged, CorruptRecordIsCatalogCorrupted) {
  Bytes image = test::ReadWindowsEdb("basic");
  ASSERT_EQ(image.size(), 1u << 20);
  const Bytes target_key = CatalogEntryKey(8, SysObj::kColumn, 2);  // (basic, column, "Bit")
  bool damaged = false;
  for (uint32_t pgno : {13u, 14u, 19u}) {  // the catalog's leaves in every sample
    std::span<uint8_t> page(image.data() + (size_t{pgno} + 1) * kPage, kPage);
    PageView view;
    ASSERT_EQ(PageView::Open(page, pgno, &view), JET_errSuccess);
    for (int i = 0; i < view.line_count(); ++i) {
      const Node node = view.line(i);
      if (node.Key() != target_key) continue;
      // fidVarLastInRec beyond the last variable column id: not a record.
      const size_t at = static_cast<size_t>(node.data.data() - page.data());
      page[at + 1] = 0x01;
      damaged = true;
    }
    if (damaged) {
      ASSERT_EQ(SetPageChecksum(page, pgno), JET_errSuccess);
      break;
    }
  }
  ASSERT_TRUE(damaged);
  auto db = TestDb::Open(image, kPage);
  ASSERT_NE(db, nullptr);
  Catalog catalog;
  std::string detail;
  EXPECT_EQ(LoadCatalogFromFile(db->cache(), db->file(), kPage, CatalogCopy::kPrimary, &catalog,
                                nullptr, &detail),
            JET_errCatalogCorrupted);
  EXPECT_FALSE(detail.empty());
  EXPECT_TRUE(catalog.tables().empty());
  EXPECT_EQ(LoadCatalogFromFile(db->cache(), db->file(), kPage, CatalogCopy::kShadow, &catalog),
            JET_errSuccess);
  EXPECT_NE(catalog.FindTable("basic"), nullptr);
}

// A catalog leaf that fails the cache's read verification fails the load
// with the page's own error (the verifier's diagnosis, not
// JET_errCatalogCorrupted) and its page number.
TEST(CatalogWindowsDamaged, UnreadableCatalogPageReportsItsPage) {
  Bytes image = test::ReadWindowsEdb("basic");
  ASSERT_EQ(image.size(), 1u << 20);
  // Break page 14's checksum (a catalog leaf).
  image[(14 + 1) * size_t{kPage} + 100] ^= 0x55;
  auto db = TestDb::Open(image, kPage);
  ASSERT_NE(db, nullptr);
  Catalog catalog;
  PageError error;
  const JET_ERR err =
      LoadCatalogFromFile(db->cache(), db->file(), kPage, CatalogCopy::kPrimary, &catalog, &error);
  EXPECT_LT(err, 0);
  EXPECT_NE(err, JET_errCatalogCorrupted) << "a page error is the page's, not the catalog's";
  EXPECT_EQ(error.pgno, 14u);
}

}  // namespace
}  // namespace jet
