// One catalog row, both ways: every kind of row (table, fixed / variable /
// tagged column, deleted stub, index with every optional column, LV tree,
// callback) encodes and decodes back to itself, on small and large pages;
// the record carries the fixed columns ESE writes for the kind and nothing
// beyond; the key is ESE's normalised (ObjidTable, Type, Id); and damaged
// records fail with JET_errCatalogCorrupted, never a crash.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "catalog/catalog_format.h"
#include "catalog/catalog_record.h"
#include "catalog/table_def.h"
#include "catalog_test_util.h"
#include "record/record_format.h"
#include "test_data.h"

namespace jet {
namespace {

using catalog_test::Bytes;
using catalog_test::Hex;

CatalogEntry TableRow() {
  TableDef t;
  t.name = "Mailbox";
  t.objid = 42;
  t.pgno_fdp = 300;
  t.density = 90;
  t.initial_pages = 4;
  t.flags = kTableFlagFixedDDL;
  return t.ToCatalogEntry();
}

CatalogEntry FixedColumnRow() {
  ColumnDef c;
  c.name = "Counter";
  c.id = 3;
  c.coltyp = JET_coltypLong;
  c.max_size = 4;
  c.flags = kColumnFlagNotNull | kColumnFlagEscrowUpdate | kColumnFlagDefault;
  c.record_offset = 12;
  c.default_value = {0, 0, 0, 0};
  return c.ToCatalogEntry(42);
}

CatalogEntry VariableColumnRow() {
  ColumnDef c;
  c.name = "Subject";
  c.id = 130;
  c.coltyp = JET_coltypText;
  c.max_size = 200;
  c.code_page = 1200;
  c.flags = kColumnFlagDefault;
  c.default_value = {'n', 0, 'o', 0};
  return c.ToCatalogEntry(42);
}

CatalogEntry TaggedColumnRow() {
  ColumnDef c;
  c.name = "Attachments";
  c.id = 300;
  c.coltyp = JET_coltypLongBinary;
  c.flags = kColumnFlagMultiValued | kColumnFlagCompressed | kColumnFlagUserDefinedDefault;
  c.callback = "mydll!DefaultAttachment";
  c.callback_data = Bytes(40, 0x5a);
  return c.ToCatalogEntry(42);
}

CatalogEntry DeletedColumnRow() {
  ColumnDef c;
  c.name = "JetStub_42_4";
  c.id = 4;
  c.coltyp = JET_coltypNil;
  c.max_size = 8;
  c.record_offset = 16;
  return c.ToCatalogEntry(42);
}

CatalogEntry IndexRow() {
  IndexDef i;
  i.name = "BySubject";
  i.objid = 43;
  i.pgno_fdp = 310;
  i.density = 80;
  i.flags = IndexDef::FlagsFromGrbit(JET_bitIndexUnique | JET_bitIndexIgnoreNull |
                                     JET_bitIndexUnicode | JET_bitIndexDotNetGuid) |
            kIndexFlagLocalizedText;
  i.segments = {{130, false}, {3, true}};
  i.conditional = {{300, false, true}};
  i.locale_name = u"de-DE";
  i.lcmap_flags = 0x00030401;
  i.cb_key_most = 1000;
  i.cb_var_seg_mac = 100;
  i.sort_version = Bytes{1, 2, 3, 4, 5, 6, 7, 8};
  i.sort_id = Bytes(16, 0x11);
  return i.ToCatalogEntry(42);
}

CatalogEntry LongValueRow() {
  LongValueDef lv;
  lv.objid = 44;
  lv.pgno_fdp = 320;
  lv.initial_pages = 1;
  return lv.ToCatalogEntry(42);
}

CatalogEntry CallbackRow() {
  CallbackDef cb;
  cb.cbtyp = JET_cbtypBeforeInsert | JET_cbtypAfterReplace;
  cb.callback = "mydll!OnInsert";
  return cb.ToCatalogEntry(42);
}

struct RowCase {
  const char* kind;
  CatalogEntry (*make)();
  uint32_t last_fixed;  // fidFixedLastInRec ESE writes for the kind
};
const RowCase kRows[] = {
    {"table", TableRow, kMsoRootFlag},
    {"fixed_column", FixedColumnRow, kMsoRecordOffset},
    {"variable_column", VariableColumnRow, kMsoPagesOrLocale},
    {"tagged_column", TaggedColumnRow, kMsoPagesOrLocale},
    {"deleted_column", DeletedColumnRow, kMsoRecordOffset},
    {"index", IndexRow, kMsoKeyMost},
    {"long_value", LongValueRow, kMsoPagesOrLocale},
    {"callback", CallbackRow, kMsoPagesOrLocale},
};

class CatalogRecordRoundTrip : public ::testing::TestWithParam<RowCase> {};

TEST_P(CatalogRecordRoundTrip, EncodeDecodeIsIdentity) {
  const CatalogEntry entry = GetParam().make();
  for (const uint32_t page_size : {4096u, 8192u, 32768u}) {
    SCOPED_TRACE(page_size);
    RecordFormat format;
    format.page_size = page_size;
    Bytes record;
    ASSERT_EQ(EncodeCatalogEntry(entry, format, &record), JET_errSuccess);
    EXPECT_EQ(record[0], GetParam().last_fixed) << "fidFixedLastInRec";
    EXPECT_EQ(LastFixedColumnOf(entry), GetParam().last_fixed);
    CatalogEntry back;
    ASSERT_EQ(DecodeCatalogEntry(record, format, &back), JET_errSuccess);
    EXPECT_EQ(back, entry);
    Bytes again;
    ASSERT_EQ(EncodeCatalogEntry(back, format, &again), JET_errSuccess);
    EXPECT_EQ(again, record);
  }
}

INSTANTIATE_TEST_SUITE_P(Kinds, CatalogRecordRoundTrip, ::testing::ValuesIn(kRows),
                         [](const auto& info) { return std::string(info.param.kind); });

// The optional fixed columns that push fidFixedLastInRec up, and libesedb's
// limit (5..12) respected unless PgnoFDPLastSetTime is set.
TEST(CatalogRecord, LastFixedColumnFollowsTheHighestSet) {
  CatalogEntry e = TableRow();
  e.lv_chunk_max = 8110;
  Bytes record;
  ASSERT_EQ(EncodeCatalogEntry(e, RecordFormat{}, &record), JET_errSuccess);
  EXPECT_EQ(record[0], kMsoLVChunkMax);
  e.pgno_fdp_last_set_time = 0x01d9000000000000ULL;
  ASSERT_EQ(EncodeCatalogEntry(e, RecordFormat{}, &record), JET_errSuccess);
  EXPECT_EQ(record[0], kMsoPgnoFDPLastSetTime);
  CatalogEntry back;
  ASSERT_EQ(DecodeCatalogEntry(record, RecordFormat{}, &back), JET_errSuccess);
  EXPECT_EQ(back, e);

  // Only the NOT NULL columns: PagesOrLocale is the last.
  CatalogEntry minimal;
  minimal.objid_table = 9;
  minimal.type = SysObj::kLongValue;
  minimal.id = 10;
  minimal.name = "LV";
  ASSERT_EQ(EncodeCatalogEntry(minimal, RecordFormat{}, &record), JET_errSuccess);
  EXPECT_EQ(record[0], kMsoPagesOrLocale);
  EXPECT_EQ(record[1], kMsoName) << "only Name among the variable columns";
}

// ESE's key for (8, column, 1) as it stands in every sample's catalog.
TEST(CatalogRecord, KeyIsNormalisedObjidTypeId) {
  EXPECT_EQ(Hex(CatalogEntryKey(8, SysObj::kColumn, 1)), "7f800000087f80027f80000001");
  EXPECT_EQ(Hex(CatalogEntryKey(2, SysObj::kTable, 2)), "7f800000027f80017f80000002");
  // Keys sort as the catalog does: by table, then type, then id.
  EXPECT_LT(CatalogEntryKey(8, SysObj::kCallback, 5), CatalogEntryKey(9, SysObj::kTable, 9));
  EXPECT_LT(CatalogEntryKey(8, SysObj::kColumn, 300), CatalogEntryKey(8, SysObj::kIndex, 9));
  EXPECT_LT(CatalogEntryKey(8, SysObj::kColumn, 2), CatalogEntryKey(8, SysObj::kColumn, 256));
}

TEST(CatalogRecord, EncodeRefusesBadNamesAndValues) {
  Bytes record;
  CatalogEntry e = TableRow();
  e.name = "";
  EXPECT_EQ(EncodeCatalogEntry(e, RecordFormat{}, &record), JET_errInvalidParameter);
  EXPECT_TRUE(record.empty());
  e.name = std::string(JET_cbNameMost + 1, 'x');
  EXPECT_EQ(EncodeCatalogEntry(e, RecordFormat{}, &record), JET_errInvalidParameter);
  e.name = std::string(JET_cbNameMost, 'x');
  EXPECT_EQ(EncodeCatalogEntry(e, RecordFormat{}, &record), JET_errSuccess);
  e.name = "tab\tle";
  EXPECT_EQ(EncodeCatalogEntry(e, RecordFormat{}, &record), JET_errInvalidParameter);
  e = TableRow();
  e.stats = Bytes(JET_cbColumnMost + 1, 1);  // a variable column holds 255 bytes at most
  EXPECT_EQ(EncodeCatalogEntry(e, RecordFormat{}, &record), JET_errInvalidParameter);
  EXPECT_TRUE(record.empty());
}

TEST(CatalogRecord, DecodeRefusesMissingNotNullColumns) {
  Bytes record;
  ASSERT_EQ(EncodeCatalogEntry(TableRow(), RecordFormat{}, &record), JET_errSuccess);
  CatalogEntry e;
  // Cut the record's fixed part down to ObjidTable..Id: the NOT NULL
  // ColtypOrPgnoFDP..PagesOrLocale vanish (valid REC, invalid row).
  Bytes cut = record;
  cut[0] = 3;
  EXPECT_EQ(DecodeCatalogEntry(cut, RecordFormat{}, &e), JET_errCatalogCorrupted);
  // NULL bit of Flags set.
  Bytes null_flags = record;
  const size_t bitmap = static_cast<size_t>(record[2] | (record[3] << 8)) - 1;  // 8 columns: 1 byte
  null_flags[bitmap] |= 1u << (kMsoFlags - 1);
  EXPECT_EQ(DecodeCatalogEntry(null_flags, RecordFormat{}, &e), JET_errCatalogCorrupted);
  // No Name.
  CatalogEntry nameless = TableRow();
  nameless.name = "x";
  ASSERT_EQ(EncodeCatalogEntry(nameless, RecordFormat{}, &record), JET_errSuccess);
  Bytes no_name = record;
  no_name[1] = kNoVariableColumns;  // drop the variable columns
  no_name.resize(static_cast<size_t>(record[2] | (record[3] << 8)));
  EXPECT_EQ(DecodeCatalogEntry(no_name, RecordFormat{}, &e), JET_errCatalogCorrupted);
  EXPECT_EQ(e, CatalogEntry()) << "the output is reset on failure";
}

TEST(CatalogRecord, DecodeRefusesTruncatedRecords) {
  Bytes record;
  ASSERT_EQ(EncodeCatalogEntry(IndexRow(), RecordFormat{}, &record), JET_errSuccess);
  for (size_t size = 0; size < record.size(); ++size) {
    CatalogEntry e;
    const JET_ERR err =
        DecodeCatalogEntry(std::span<const uint8_t>(record).first(size), RecordFormat{}, &e);
    EXPECT_TRUE(err == JET_errCatalogCorrupted || err == JET_errSuccess) << size << ": " << err;
    if (err == JET_errSuccess) {
      // Cutting into the tagged area can leave a shorter, valid row; never
      // the same one.
      EXPECT_NE(e, IndexRow()) << size;
    }
  }
}

// Random damage to real rows: any result but a crash, and the only errors
// are the documented ones.
TEST(CatalogRecord, FuzzedRecordsFailCleanly) {
  std::mt19937_64 random = test::SeededRandom("CatalogRecord.FuzzedRecordsFailCleanly");
  std::vector<Bytes> records;
  for (const RowCase& c : kRows) {
    Bytes r;
    ASSERT_EQ(EncodeCatalogEntry(c.make(), RecordFormat{}, &r), JET_errSuccess);
    records.push_back(r);
  }
  int failed = 0;
  for (int i = 0; i < 20000; ++i) {
    Bytes r = records[random() % records.size()];
    const int flips = 1 + static_cast<int>(random() % 4);
    for (int f = 0; f < flips; ++f)
      r[random() % r.size()] ^= static_cast<uint8_t>(1 + random() % 255);
    if (random() % 8 == 0) r.resize(random() % (r.size() + 1));
    RecordFormat format;
    format.page_size = (random() & 1) ? 4096 : 32768;
    format.new_tagged_format = (random() % 4) != 0;
    CatalogEntry e;
    const JET_ERR err = DecodeCatalogEntry(r, format, &e);
    ASSERT_TRUE(err == JET_errSuccess || err == JET_errCatalogCorrupted ||
                err == JET_errFeatureNotAvailable)
        << err;
    if (err < 0) {
      ++failed;
      continue;
    }
    // What decodes re-encodes (the name and lengths were checked).
    Bytes again;
    format.new_tagged_format = true;
    EXPECT_EQ(EncodeCatalogEntry(e, format, &again), JET_errSuccess);
  }
  EXPECT_GT(failed, 1000);
}

}  // namespace
}  // namespace jet
