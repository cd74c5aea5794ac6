// Definitions and their catalog rows: each converts to its row and back;
// rows that ESE could not have written are refused with
// JET_errCatalogCorrupted; flags map to and from the JET_bit* grbits as ESE
// maps them (checked against the flag words Windows stored in the samples);
// and tables give record/ and key/ what they need.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "catalog/catalog_format.h"
#include "catalog/catalog_record.h"
#include "catalog/table_def.h"
#include "catalog_test_util.h"
#include "key/index_key_def.h"

namespace jet {
namespace {

using catalog_test::Bytes;

ColumnDef Column(std::string name, uint32_t id, uint32_t coltyp, uint32_t max_size = 0,
                 uint16_t record_offset = 0) {
  ColumnDef c;
  c.name = std::move(name);
  c.id = id;
  c.coltyp = coltyp;
  c.max_size = max_size;
  c.record_offset = record_offset;
  if (coltyp == JET_coltypText || coltyp == JET_coltypLongText) c.code_page = 1252;
  return c;
}

TEST(CatalogColumnDef, RowRoundTrip) {
  std::vector<ColumnDef> columns = {
      Column("Id", 1, JET_coltypLong, 4, 4),          Column("Fixed", 2, JET_coltypText, 10, 8),
      Column("Var", 128, JET_coltypBinary, 255),      Column("Tagged", 256, JET_coltypLongText),
      Column("JetStub_9_3", 3, JET_coltypNil, 8, 18),
  };
  columns[0].flags = kColumnFlagNotNull | kColumnFlagAutoincrement;
  columns[1].flags = kColumnFlagDefault;
  columns[1].default_value = Bytes(10, 'x');
  columns[3].flags = kColumnFlagMultiValued | kColumnFlagCompressed;
  columns[3].code_page = 1200;
  for (const ColumnDef& c : columns) {
    SCOPED_TRACE(c.name);
    const CatalogEntry e = c.ToCatalogEntry(9);
    EXPECT_EQ(e.objid_table, 9u);
    EXPECT_EQ(e.type, SysObj::kColumn);
    EXPECT_EQ(e.record_offset.has_value(), c.fixed());
    ColumnDef back;
    ASSERT_EQ(ColumnDef::FromCatalogEntry(e, &back), JET_errSuccess);
    EXPECT_EQ(back, c);
  }
  EXPECT_TRUE(columns[4].deleted());
  EXPECT_FALSE(columns[0].deleted());
}

TEST(CatalogColumnDef, RefusesRowsEseCannotWrite) {
  struct Bad {
    const char* why;
    CatalogEntry entry;
  };
  const auto row = [](ColumnDef c) { return c.ToCatalogEntry(9); };
  std::vector<Bad> bad;
  bad.push_back({"long value in a fixed column", row(Column("a", 1, JET_coltypLongText, 0, 4))});
  bad.push_back({"long value in a variable column", row(Column("a", 128, JET_coltypLongBinary))});
  ColumnDef mv = Column("a", 128, JET_coltypBinary, 255);
  mv.flags = kColumnFlagMultiValued;
  bad.push_back({"multi-valued variable column", row(mv)});
  CatalogEntry no_offset = row(Column("a", 1, JET_coltypLong, 4, 4));
  no_offset.record_offset.reset();
  bad.push_back({"fixed column without RecordOffset", no_offset});
  CatalogEntry low_offset = row(Column("a", 1, JET_coltypLong, 4, 4));
  low_offset.record_offset = 3;
  bad.push_back({"RecordOffset inside the record header", low_offset});
  CatalogEntry var_offset = row(Column("a", 128, JET_coltypBinary, 255));
  var_offset.record_offset = 10;
  bad.push_back({"RecordOffset on a variable column", var_offset});
  bad.push_back({"Long of width 8", row(Column("a", 1, JET_coltypLong, 8, 4))});
  bad.push_back({"fixed Text of width 0", row(Column("a", 1, JET_coltypText, 0, 4))});
  bad.push_back({"variable column of 300 bytes", row(Column("a", 128, JET_coltypBinary, 300))});
  bad.push_back({"column id 0", row(Column("a", 0, JET_coltypLong, 4))});
  bad.push_back({"column id 65536", row(Column("a", 65536, JET_coltypBinary))});
  bad.push_back({"unknown type", row(Column("a", 256, JET_coltypMax))});
  ColumnDef bad_default = Column("a", 1, JET_coltypLong, 4, 4);
  bad_default.default_value = {1, 2};
  bad.push_back({"default of the wrong width", row(bad_default)});
  ColumnDef tagged_default = Column("a", 256, JET_coltypShort);
  tagged_default.default_value = {1, 2, 3};
  bad.push_back({"Short default of 3 bytes", row(tagged_default)});
  CatalogEntry big_flags = row(Column("a", 256, JET_coltypBinary));
  big_flags.flags = 0x10000;
  bad.push_back({"flags beyond the persisted ones", big_flags});
  CatalogEntry big_cp = row(Column("a", 256, JET_coltypText));
  big_cp.pages_or_locale = 0x10000;
  bad.push_back({"code page beyond 16 bits", big_cp});
  CatalogEntry not_column = row(Column("a", 256, JET_coltypBinary));
  not_column.type = SysObj::kIndex;
  bad.push_back({"not a column row", not_column});
  for (const Bad& b : bad) {
    ColumnDef out;
    EXPECT_EQ(ColumnDef::FromCatalogEntry(b.entry, &out), JET_errCatalogCorrupted) << b.why;
  }
}

TEST(CatalogColumnDef, GrbitMapsToPersistedFlags) {
  const uint32_t grbit = JET_bitColumnNotNULL | JET_bitColumnVersion | JET_bitColumnAutoincrement |
                         JET_bitColumnMultiValued | JET_bitColumnEscrowUpdate |
                         JET_bitColumnFinalize | JET_bitColumnUserDefinedDefault |
                         JET_bitColumnDeleteOnZero | JET_bitColumnCompressed;
  ColumnDef c = Column("a", 256, JET_coltypLongBinary);
  c.flags = ColumnDef::FlagsFromGrbit(grbit, true);
  EXPECT_EQ(c.flags, 0x12ffu);  // every FIELDFLAG but the template and placeholder bits
  EXPECT_EQ(c.Grbit(), grbit | JET_bitColumnTagged);
  EXPECT_TRUE(c.has_default());
  // What Windows stored (index.edb): Id NotNULL|Autoincrement = 5;
  // MSysLocales' iValue Default|EscrowUpdate = 0x30.
  EXPECT_EQ(ColumnDef::FlagsFromGrbit(JET_bitColumnNotNULL | JET_bitColumnAutoincrement, false),
            5u);
  EXPECT_EQ(ColumnDef::FlagsFromGrbit(JET_bitColumnEscrowUpdate, true), 0x30u);
  EXPECT_EQ(Column("a", 1, JET_coltypLong, 4, 4).Grbit(), uint32_t{JET_bitColumnFixed});
  EXPECT_EQ(Column("a", 128, JET_coltypBinary).Grbit(), 0u);
}

TEST(CatalogIndexDef, FlagsMatchWhatWindowsStored) {
  // IDBFLAG | IDXFLAG << 16 in the samples' index rows.
  EXPECT_EQ(IndexDef::FlagsFromGrbit(JET_bitIndexPrimary | JET_bitIndexUnique), 0x1002Fu);  // IxId
  EXPECT_EQ(IndexDef::FlagsFromGrbit(0), 0x1000Eu);                                         // IxBit
  EXPECT_EQ(IndexDef::FlagsFromGrbit(JET_bitIndexPrimary | JET_bitIndexDisallowNull),
            0x10031u);  // MSysObjects Id
  EXPECT_EQ(IndexDef::FlagsFromGrbit(JET_bitIndexUnique | JET_bitIndexDisallowNull),
            0x10011u);  // MSysObjects Name
  EXPECT_EQ(IndexDef::FlagsFromGrbit(JET_bitIndexUnique | JET_bitIndexIgnoreFirstNull),
            0x10009u);  // MSysObjects RootObjects
  EXPECT_EQ(IndexDef::FlagsFromGrbit(JET_bitIndexPrimary | JET_bitIndexUnique |
                                     JET_bitIndexDisallowTruncation),
            0x1402Fu);  // MSysLocales KeyPrimary

  // grbit -> flags -> grbit for what JetGetIndexInfo reports.
  for (const uint32_t grbit :
       {uint32_t{0}, uint32_t{JET_bitIndexUnique},
        uint32_t{JET_bitIndexUnique | JET_bitIndexPrimary}, uint32_t{JET_bitIndexDisallowNull},
        uint32_t{JET_bitIndexIgnoreNull | JET_bitIndexIgnoreFirstNull | JET_bitIndexIgnoreAnyNull},
        uint32_t{JET_bitIndexIgnoreNull | JET_bitIndexSortNullsHigh},
        uint32_t{JET_bitIndexUnicode | JET_bitIndexDotNetGuid | JET_bitIndexDisallowTruncation},
        uint32_t{JET_bitIndexCrossProduct}, uint32_t{JET_bitIndexNestedTable}}) {
    IndexDef d;
    d.flags = IndexDef::FlagsFromGrbit(grbit);
    uint32_t want = grbit;
    // ESE implies the weaker Ignore bits from the stronger ones.
    if (want & JET_bitIndexIgnoreAnyNull)
      want |= JET_bitIndexIgnoreFirstNull | JET_bitIndexIgnoreNull;
    if (want & JET_bitIndexIgnoreFirstNull) want |= JET_bitIndexIgnoreNull;
    EXPECT_EQ(d.Grbit(), want) << std::hex << grbit;
  }
}

IndexDef SampleIndex() {
  IndexDef i;
  i.name = "ByName";
  i.objid = 12;
  i.pgno_fdp = 40;
  i.flags = IndexDef::FlagsFromGrbit(JET_bitIndexUnique);
  i.segments = {{129, false}, {2, true}, {300, false, false, true}};
  i.conditional = {{260, false, true}, {261, false, false}};
  i.locale_name = u"en-US";
  i.lcmap_flags = 0x00030401;
  return i;
}

TEST(CatalogIndexDef, RowRoundTrip) {
  IndexDef i = SampleIndex();
  CatalogEntry e = i.ToCatalogEntry(11);
  EXPECT_EQ(e.key_fld_ids, (Bytes{0, 0, 129, 0, 0x40, 0, 2, 0, 0x80, 0, 0x2c, 1}));
  EXPECT_EQ(e.conditional_columns, (Bytes{0x20, 0, 4, 1, 0, 0, 5, 1}));
  EXPECT_FALSE(e.key_most.has_value()) << "255 is not stored";
  EXPECT_TRUE(e.var_seg_mac.empty());
  EXPECT_EQ(e.locale_name, (Bytes{'e', 0, 'n', 0, '-', 0, 'U', 0, 'S', 0}));
  IndexDef back;
  ASSERT_EQ(IndexDef::FromCatalogEntry(e, &back), JET_errSuccess);
  EXPECT_EQ(back, i);

  i.cb_key_most = 500;
  i.cb_var_seg_mac = 100;
  i.tuple_limits = Bytes(20, 3);
  e = i.ToCatalogEntry(11);
  EXPECT_EQ(e.key_most, 500);
  EXPECT_EQ(e.var_seg_mac, (Bytes{100, 0}));
  ASSERT_EQ(IndexDef::FromCatalogEntry(e, &back), JET_errSuccess);
  EXPECT_EQ(back, i);
  EXPECT_TRUE(back.tuples());

  // Without kIndexFlagExtendedColumns the segments are IDXSEG_OLD: signed
  // fids, negative for descending.
  IndexDef old = SampleIndex();
  old.flags &= ~kIndexFlagExtendedColumns;
  old.segments = {{129, false}, {2, true}};
  old.conditional = {{260, false, true}};
  e = old.ToCatalogEntry(11);
  EXPECT_EQ(e.key_fld_ids, (Bytes{129, 0, 0xfe, 0xff}));
  EXPECT_EQ(e.conditional_columns, (Bytes{0xfc, 0xfe}));
  ASSERT_EQ(IndexDef::FromCatalogEntry(e, &back), JET_errSuccess);
  EXPECT_EQ(back, old);
}

TEST(CatalogIndexDef, RefusesBadRows) {
  const CatalogEntry good = SampleIndex().ToCatalogEntry(11);
  IndexDef out;
  ASSERT_EQ(IndexDef::FromCatalogEntry(good, &out), JET_errSuccess);
  struct Bad {
    const char* why;
    void (*spoil)(CatalogEntry*);
  };
  const Bad bad[] = {
      {"no key columns", [](CatalogEntry* e) { e->key_fld_ids.clear(); }},
      {"KeyFldIDs not a multiple of 4", [](CatalogEntry* e) { e->key_fld_ids.push_back(0); }},
      {"17 key columns",
       [](CatalogEntry* e) {
         e->key_fld_ids.clear();
         for (int i = 0; i < 17; ++i) e->key_fld_ids.insert(e->key_fld_ids.end(), {0, 0, 1, 0});
       }},
      {"key column 0",
       [](CatalogEntry* e) {
         e->key_fld_ids = {0, 0, 0, 0};
       }},
      {"unknown IDXSEG flag",
       [](CatalogEntry* e) {
         e->key_fld_ids = {0x01, 0, 1, 0};
       }},
      {"must-be-null in a key",
       [](CatalogEntry* e) {
         e->key_fld_ids = {0x20, 0, 1, 0};
       }},
      {"descending condition",
       [](CatalogEntry* e) {
         e->conditional_columns = {0x40, 0, 1, 0};
       }},
      {"VarSegMac of 3 bytes",
       [](CatalogEntry* e) {
         e->var_seg_mac = {1, 0, 0};
       }},
      {"VarSegMac above KeyMost",
       [](CatalogEntry* e) {
         e->var_seg_mac = {0, 1};
       }},
      {"VarSegMac 0",
       [](CatalogEntry* e) {
         e->var_seg_mac = {0, 0};
       }},
      {"KeyMost 0", [](CatalogEntry* e) { e->key_most = 0; }},
      {"KeyMost 2001", [](CatalogEntry* e) { e->key_most = 2001; }},
      {"odd LocaleName", [](CatalogEntry* e) { e->locale_name.push_back(0); }},
      {"root page 0", [](CatalogEntry* e) { e->coltyp_or_pgno_fdp = 0; }},
      {"objid 1", [](CatalogEntry* e) { e->id = 1; }},
      {"unknown IDXFLAG", [](CatalogEntry* e) { e->flags |= 0x40000; }},
  };
  for (const Bad& b : bad) {
    CatalogEntry e = good;
    b.spoil(&e);
    EXPECT_EQ(IndexDef::FromCatalogEntry(e, &out), JET_errCatalogCorrupted) << b.why;
  }
}

TEST(CatalogIndexDef, KeyDefFromResolvedSegments) {
  IndexDef i;
  i.name = "Mixed";
  i.objid = 20;
  i.pgno_fdp = 50;
  i.flags = IndexDef::FlagsFromGrbit(JET_bitIndexSortNullsHigh | JET_bitIndexDotNetGuid |
                                     JET_bitIndexDisallowTruncation);
  i.segments = {
      {2, false, false, false, JET_coltypText, 1252, 20},      // fixed text: cb_max 20
      {128, true, false, false, JET_coltypText, 1200, 255},    // Unicode, descending
      {3, false, false, false, JET_coltypGUID, 0, 16},         // fixed GUID
      {256, false, false, false, JET_coltypLongBinary, 0, 0},  // tagged
  };
  i.cb_key_most = 1000;
  i.cb_var_seg_mac = 100;
  IndexKeyDef def;
  ASSERT_EQ(i.ToIndexKeyDef(4096, &def), JET_errSuccess);
  ASSERT_EQ(def.segments.size(), 4u);
  EXPECT_EQ(def.segments[0].coltyp, uint32_t{JET_coltypText});
  EXPECT_TRUE(def.segments[0].fixed_column);
  EXPECT_EQ(def.segments[0].cb_max, 20u);
  EXPECT_EQ(def.segments[0].code_page, kCodePageWestern);
  EXPECT_TRUE(def.segments[1].descending);
  EXPECT_FALSE(def.segments[1].fixed_column);
  EXPECT_EQ(def.segments[1].code_page, kCodePageUnicode);
  EXPECT_TRUE(def.segments[2].fixed_column);
  EXPECT_EQ(def.segments[2].cb_max, 0u) << "only fixed Text/Binary carry a width";
  EXPECT_EQ(def.segments[3].code_page, kCodePageWestern) << "not text";
  EXPECT_EQ(def.cb_key_most, 1000u);
  EXPECT_EQ(def.cb_var_seg_mac, 100u);
  EXPECT_TRUE(def.sort_nulls_high);
  EXPECT_TRUE(def.dot_net_guid);
  EXPECT_TRUE(def.disallow_truncation);
  EXPECT_EQ(def.unicode_collation, UnicodeCollation::kWindowsNls);

  // Our own collation only for indexes that name it.
  i.locale_name = std::u16string(kJetsvcFoldV1LocaleName);
  ASSERT_EQ(i.ToIndexKeyDef(4096, &def), JET_errSuccess);
  EXPECT_EQ(def.unicode_collation, UnicodeCollation::kJetsvcFoldV1);

  // A key size the page cannot hold; a tuple index; an unknown type.
  i.cb_key_most = 2000;
  EXPECT_EQ(i.ToIndexKeyDef(4096, &def), JET_errIndexInvalidDef);
  EXPECT_EQ(i.ToIndexKeyDef(8192, &def), JET_errSuccess);
  i.tuple_limits = Bytes(12, 1);
  EXPECT_EQ(i.ToIndexKeyDef(8192, &def), JET_errFeatureNotAvailable);
  i.tuple_limits.clear();
  i.segments[3].coltyp = JET_coltypNil;
  EXPECT_EQ(i.ToIndexKeyDef(8192, &def), JET_errInvalidColumnType);
}

TableDef SampleTable() {
  TableDef t;
  t.name = "Mail";
  t.objid = 11;
  t.pgno_fdp = 33;
  t.initial_pages = 1;
  t.columns = {Column("Id", 1, JET_coltypLong, 4, 4),
               Column("JetStub_11_2", 2, JET_coltypNil, 8, 8),
               Column("Flag", 3, JET_coltypBit, 1, 16), Column("Subject", 129, JET_coltypText, 255),
               Column("Body", 300, JET_coltypLongText)};
  t.columns[2].flags = kColumnFlagDefault;
  t.columns[2].default_value = {0x01};
  t.columns[3].flags = kColumnFlagDefault;
  t.columns[3].default_value = {'h', 'i'};
  t.columns[4].flags = kColumnFlagMultiValued | kColumnFlagCompressed;
  IndexDef primary;
  primary.name = "Primary";
  primary.objid = 11;
  primary.pgno_fdp = 33;
  primary.flags = IndexDef::FlagsFromGrbit(JET_bitIndexPrimary);
  primary.segments = {{1, false}};
  t.indexes = {primary, SampleIndex()};
  t.indexes[1].segments = {{129, false}};
  t.indexes[1].conditional.clear();
  t.long_values = LongValueDef{13, 45, kDensityMost, 1};
  t.callbacks = {CallbackDef{JET_cbtypAfterInsert, "cb!After"}};
  return t;
}

TEST(CatalogTableDef, RowsInCatalogOrder) {
  const TableDef t = SampleTable();
  const std::vector<CatalogEntry> rows = t.ToCatalogEntries();
  ASSERT_EQ(rows.size(), 1u + 5u + 2u + 1u + 1u);
  for (size_t i = 1; i < rows.size(); ++i) {
    EXPECT_LT(CatalogEntryKey(rows[i - 1]), CatalogEntryKey(rows[i]));
    EXPECT_EQ(rows[i].objid_table, t.objid);
  }
  EXPECT_EQ(rows.front().type, SysObj::kTable);
  EXPECT_EQ(rows.front().root_flag, true);
  EXPECT_EQ(rows.back().type, SysObj::kCallback);

  TableDef back;
  ASSERT_EQ(TableDef::FromCatalogEntry(rows.front(), &back), JET_errSuccess);
  EXPECT_EQ(back.name, t.name);
  EXPECT_EQ(back.objid, t.objid);
  EXPECT_EQ(back.pgno_fdp, t.pgno_fdp);
  EXPECT_EQ(back.density, t.density);
  EXPECT_EQ(back.initial_pages, t.initial_pages);
  LongValueDef lv;
  ASSERT_EQ(LongValueDef::FromCatalogEntry(rows[8], &lv), JET_errSuccess);
  EXPECT_EQ(lv, *t.long_values);
  EXPECT_EQ(rows[8].name, "LV");
  CallbackDef cb;
  ASSERT_EQ(CallbackDef::FromCatalogEntry(rows[9], &cb), JET_errSuccess);
  EXPECT_EQ(cb, t.callbacks[0]);
}

TEST(CatalogTableDef, TableRowFields) {
  TableDef t = SampleTable();
  t.lv_chunk_max = 2000;
  t.separate_lv_threshold = 512;
  t.flags = kTableFlagTemplate | kTableFlagFixedDDL;
  CatalogEntry e = t.ToCatalogEntry();
  TableDef back;
  ASSERT_EQ(TableDef::FromCatalogEntry(e, &back), JET_errSuccess);
  EXPECT_EQ(back.lv_chunk_max, 2000u);
  EXPECT_EQ(back.LvChunkSize(4096), 2000u);
  EXPECT_EQ(SampleTable().LvChunkSize(4096), 4014u) << "Windows' default for 4 KiB pages";
  EXPECT_EQ(back.separate_lv_threshold, 512u);
  EXPECT_TRUE(back.template_table_flag());

  e.id = 12;  // a table row's Id is its ObjidTable
  EXPECT_EQ(TableDef::FromCatalogEntry(e, &back), JET_errCatalogCorrupted);
  e = t.ToCatalogEntry();
  e.flags = kTableFlagDerived;  // derived, but no template named
  EXPECT_EQ(TableDef::FromCatalogEntry(e, &back), JET_errCatalogCorrupted);
  e = t.ToCatalogEntry();
  e.separate_lv = {1, 2};
  EXPECT_EQ(TableDef::FromCatalogEntry(e, &back), JET_errCatalogCorrupted);
}

TEST(CatalogTableDef, RecordSchemaAndDefaults) {
  const TableDef t = SampleTable();
  RecordSchema schema;
  RecordValues defaults;
  ASSERT_EQ(t.ToRecordSchema(&schema, &defaults), JET_errSuccess);
  // The deleted stub is not a column, but its bytes stay: Flag at 16.
  ASSERT_EQ(schema.columns().size(), 4u);
  EXPECT_EQ(schema.Find(2), nullptr);
  EXPECT_EQ(schema.Find(3)->fixed_offset, 16u);
  EXPECT_EQ(schema.EndOfFixedColumns(), 17u);
  EXPECT_TRUE(schema.Find(300)->multi_valued);
  EXPECT_TRUE(schema.Find(300)->compressed);
  ASSERT_EQ(defaults.columns.size(), 2u);
  EXPECT_EQ(defaults.columns[0].id, 3u);
  EXPECT_EQ(defaults.columns[0].values[0].data, Bytes{0xff}) << "a Bit is stored as 0xff";
  EXPECT_EQ(defaults.columns[1].id, 129u);
  EXPECT_EQ(defaults.columns[1].values[0].data, (Bytes{'h', 'i'}));

  // Offsets that overlap cannot be a record.
  TableDef overlap = t;
  overlap.columns[2].record_offset = 6;
  EXPECT_LT(overlap.ToRecordSchema(&schema), 0);
  // The catalog's own layout does not come from its rows.
  TableDef mso = t;
  mso.objid = kCatalogObjid;
  ASSERT_EQ(mso.ToRecordSchema(&schema, &defaults), JET_errSuccess);
  EXPECT_EQ(schema.columns().size(), CatalogRecordSchema().columns().size());
  EXPECT_TRUE(defaults.columns.empty());
}

// New fixed columns go after the fixed column before them, as ESE appends
// them; offsets already given (and stubs) stay.
TEST(CatalogTableDef, AssignFixedOffsetsAppends) {
  TableDef t;
  t.name = "New";
  t.objid = 11;
  t.pgno_fdp = 33;
  t.columns = {Column("A", 1, JET_coltypLong, 4), Column("B", 2, JET_coltypText, 10),
               Column("Var", 128, JET_coltypBinary, 255), Column("C", 3, JET_coltypBit, 1),
               Column("D", 4, JET_coltypGUID, 16)};
  ASSERT_EQ(t.AssignFixedOffsets(), JET_errSuccess);
  EXPECT_EQ(t.columns[0].record_offset, 4);
  EXPECT_EQ(t.columns[1].record_offset, 8);
  EXPECT_EQ(t.columns[2].record_offset, 0) << "not fixed";
  EXPECT_EQ(t.columns[3].record_offset, 18);
  EXPECT_EQ(t.columns[4].record_offset, 19);
  RecordSchema schema;
  ASSERT_EQ(t.ToRecordSchema(&schema), JET_errSuccess);
  EXPECT_EQ(schema.EndOfFixedColumns(), 35u);

  // A column added after a deleted one starts after the stub's bytes.
  TableDef later = SampleTable();  // Id at 4, stub 2 at 8 (8 bytes), Flag at 16
  later.columns.push_back(Column("New", 4, JET_coltypShort, 2));
  ASSERT_EQ(later.AssignFixedOffsets(), JET_errSuccess);
  EXPECT_EQ(later.columns.back().record_offset, 17);
  EXPECT_EQ(later.columns[2].record_offset, 16) << "given offsets stay";

  TableDef unknown_width;
  unknown_width.columns = {Column("T", 1, JET_coltypText, 0)};
  EXPECT_EQ(unknown_width.AssignFixedOffsets(), JET_errInvalidParameter);
}

TEST(CatalogTableDef, Lookups) {
  const TableDef t = SampleTable();
  EXPECT_EQ(t.FindColumn("subject"), &t.columns[3]);
  EXPECT_EQ(t.FindColumn("JetStub_11_2"), nullptr) << "stubs are not found by name";
  EXPECT_EQ(t.FindColumn(2u), &t.columns[1]);
  EXPECT_EQ(t.FindColumn(999u), nullptr);
  EXPECT_EQ(t.FindIndex("BYNAME"), &t.indexes[1]);
  EXPECT_EQ(t.PrimaryIndex(), &t.indexes[0]);
  TableDef heap = t;
  heap.indexes.erase(heap.indexes.begin());
  EXPECT_EQ(heap.PrimaryIndex(), nullptr);
  EXPECT_EQ(ColtypName(JET_coltypLongBinary), "LongBinary");
  EXPECT_EQ(ColtypName(JET_coltypUnsignedShort), "UnsignedShort");
  EXPECT_EQ(ColtypName(99), "Unknown");
}

TEST(CatalogFormat, CatalogSchemaIsEseLayout) {
  const RecordSchema& schema = CatalogRecordSchema();
  // Packed in id order from offset 4 (ObjidTable 4, Type 8, Id 10, ...).
  const uint32_t offsets[] = {4, 8, 10, 14, 18, 22, 26, 30, 31, 33, 37, 39, 43};
  for (uint32_t id = 1; id <= kMsoLastFixed; ++id) {
    EXPECT_EQ(schema.Find(id)->fixed_offset, offsets[id - 1]) << id;
  }
  EXPECT_EQ(CatalogRecordSchema(kMsoPagesOrLocale).LastFixedColumnId(), kMsoPagesOrLocale);
  EXPECT_EQ(CatalogRecordSchema(kMsoPagesOrLocale).Find(kMsoName)->max_size, 255u);
  EXPECT_EQ(CatalogColumns().size(), 29u);
  EXPECT_TRUE(CatalogNamesEqual("MSysObjects", "msysOBJECTS"));
  EXPECT_FALSE(CatalogNamesEqual("MSysObjects", "MSysObject"));
  EXPECT_TRUE(HasSystemTablePrefix("msysLocales"));
  EXPECT_FALSE(HasSystemTablePrefix("MSy"));
}

}  // namespace
}  // namespace jet
