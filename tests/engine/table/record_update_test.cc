// RecordUpdate: every JetSetColumn rule and error on an in-memory table,
// defaults / autoincrement / version / NOT NULL at JetUpdate, long values
// (partial updates, separation, LIDs, released and shared LVs), replace and
// insert copy, and the finished record read back with RecordReader.
#include "table/record_update.h"

#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "key/key_format.h"
#include "record/record_reader.h"
#include "update_test_table.h"

namespace jet {
namespace {

using update_test::Bytes;
using update_test::Col;
using update_test::MakeTable;
using update_test::Of;
using update_test::Str;

constexpr uint32_t kPage = 4096;

struct Fixture {
  TableDef table = MakeTable();
  std::map<LvId, Bytes> lvs;  // the "LV tree"
  LvId next_lid = 100;
  LvFetcher fetch = [this](LvId lid, Bytes* out) {
    auto it = lvs.find(lid);
    if (it == lvs.end()) return JET_errLVCorrupted;
    *out = it->second;
    return JET_errSuccess;
  };
  LidAllocator alloc = [this](LvId* lid) {
    *lid = next_lid++;
    return JET_errSuccess;
  };

  RecordUpdate Prep(uint32_t prep, std::span<const uint8_t> current = {}, uint64_t autoinc = 1) {
    RecordUpdate u;
    EXPECT_EQ(JET_errSuccess, RecordUpdate::Prepare(table, kPage, prep, current, autoinc, fetch, &u));
    return u;
  }
  // Finishes and stores the new LVs in the "LV tree".
  UpdateResult Finish(RecordUpdate& u, JET_ERR expected = JET_errSuccess) {
    UpdateResult r;
    EXPECT_EQ(expected, u.Finish(alloc, &r));
    for (const NewLongValue& nlv : r.new_long_values) lvs[nlv.lid] = nlv.data;
    return r;
  }
};

JET_ERR Set(RecordUpdate& u, uint32_t col, const Bytes& v, JET_GRBIT grbit = 0,
            uint32_t itag = 1, uint32_t ib = 0) {
  JET_SETINFO si{sizeof(JET_SETINFO), ib, itag};
  return u.SetColumn(col, v.empty() ? nullptr : v.data(), static_cast<unsigned long>(v.size()),
                     grbit, &si);
}

Bytes Copy(RecordUpdate& u, uint32_t col, uint32_t itag = 1, bool* is_null = nullptr) {
  Bytes v;
  bool null = false;
  EXPECT_EQ(JET_errSuccess, u.RetrieveCopy(col, itag, false, &v, &null));
  if (is_null) *is_null = null;
  return v;
}

// Value `itag` of a column of a finished record, as stored.
Bytes Stored(const TableDef& t, const Bytes& rec, uint32_t col, uint32_t itag = 1,
             bool* separated = nullptr, LvId* lid = nullptr) {
  RecordSchema schema;
  EXPECT_EQ(JET_errSuccess, t.ToRecordSchema(&schema));
  RecordReader r;
  EXPECT_EQ(JET_errSuccess, RecordReader::Open(rec, RecordFormat{kPage, true}, &r));
  ColumnValue v;
  const JET_ERR err = r.GetValue(*schema.Find(col), itag, &v);
  EXPECT_GE(err, 0);
  if (separated) *separated = v.separated;
  if (lid) *lid = v.lid;
  if (err == JET_wrnColumnNull) return {};
  return Bytes(v.data.begin(), v.data.end());
}

uint32_t CountStored(const TableDef& t, const Bytes& rec, uint32_t col) {
  RecordSchema schema;
  EXPECT_EQ(JET_errSuccess, t.ToRecordSchema(&schema));
  RecordReader r;
  EXPECT_EQ(JET_errSuccess, RecordReader::Open(rec, RecordFormat{kPage, true}, &r));
  uint32_t n = 0;
  EXPECT_EQ(JET_errSuccess, r.CountValues(*schema.Find(col), &n));
  return n;
}

TEST(RecordUpdateTest, InsertFillsDefaultsAutoincAndVersion) {
  Fixture f;
  RecordUpdate u = f.Prep(JET_prepInsert, {}, 42);
  EXPECT_EQ(Of(42), Copy(u, Col::kAutoinc));  // in the copy buffer from the start
  EXPECT_EQ(Of(7, 2), Copy(u, Col::kDefault));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kId, Of(5)));
  UpdateResult r = f.Finish(u);
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(Of(5), Stored(f.table, r.record, Col::kId));
  EXPECT_EQ(Of(42), Stored(f.table, r.record, Col::kAutoinc));
  EXPECT_EQ(Of(0), Stored(f.table, r.record, Col::kVersion));
  EXPECT_EQ(Of(7, 2), Stored(f.table, r.record, Col::kDefault));
  EXPECT_EQ(Str("dflt"), Stored(f.table, r.record, Col::kVarDefault));
  EXPECT_TRUE(Stored(f.table, r.record, Col::kName).empty());
}

TEST(RecordUpdateTest, NotNullColumnMustBeSet) {
  Fixture f;
  RecordUpdate u = f.Prep(JET_prepInsert);
  f.Finish(u, JET_errNullInvalid);
}

TEST(RecordUpdateTest, PrepareRejectsUnknownPrep) {
  Fixture f;
  RecordUpdate u;
  EXPECT_EQ(JET_errInvalidParameter, RecordUpdate::Prepare(f.table, kPage, JET_prepCancel, {}, 1,
                                                           f.fetch, &u));
}

TEST(RecordUpdateTest, SetColumnErrors) {
  Fixture f;
  RecordUpdate u = f.Prep(JET_prepInsert);
  EXPECT_EQ(JET_errColumnNotFound, Set(u, 999, Of(1)));
  EXPECT_EQ(JET_errInvalidBufferSize, Set(u, Col::kId, Of(1, 2)));
  EXPECT_EQ(JET_errInvalidBufferSize, Set(u, Col::kId, Of(1, 8)));
  EXPECT_EQ(JET_errInvalidBufferSize, Set(u, Col::kFixedText, Str("123456789")));
  EXPECT_EQ(JET_errColumnTooBig, Set(u, Col::kWords, Bytes(256, 'w'), 0, 0));  // tagged: 255 max
  EXPECT_EQ(JET_errSuccess, Set(u, Col::kWords, Bytes(255, 'w'), 0, 0));
  EXPECT_EQ(JET_errNullInvalid, Set(u, Col::kId, {}));  // NOT NULL refuses a NULL at once
  EXPECT_EQ(JET_errInvalidColumnType, Set(u, Col::kAutoinc, Of(3)));
  EXPECT_EQ(JET_errSuccess, Set(u, Col::kVersion, Of(3)));  // allowed on insert
  EXPECT_EQ(JET_errInvalidGrbit, Set(u, Col::kName, Str("x"), 0x40000000));
  EXPECT_EQ(JET_errInvalidGrbit,
            Set(u, Col::kLv, Str("x"), JET_bitSetUniqueMultiValues | JET_bitSetAppendLV));
  EXPECT_EQ(JET_errInvalidGrbit,
            Set(u, Col::kLv, Str("x"), JET_bitSetSeparateLV | JET_bitSetIntrinsicLV));
  JET_SETINFO bad{sizeof(JET_SETINFO) - 1, 0, 1};
  EXPECT_EQ(JET_errInvalidParameter, u.SetColumn(Col::kName, "x", 1, 0, &bad));
  // A second value in a tagged column that is not multi-valued.
  EXPECT_EQ(JET_errSuccess, Set(u, Col::kSingle, Of(1)));
  EXPECT_EQ(JET_errMultiValuedColumnMustBeTagged, Set(u, Col::kSingle, Of(2), 0, 2));
  EXPECT_EQ(JET_errSuccess, Set(u, Col::kSingle, Of(2), 0, 0));  // itag 0 = the one value
  EXPECT_EQ(Of(2), Copy(u, Col::kSingle));
}

TEST(RecordUpdateTest, VersionColumnCannotBeSetOnReplaceAndIncrements) {
  Fixture f;
  RecordUpdate ins = f.Prep(JET_prepInsert);
  ASSERT_EQ(JET_errSuccess, Set(ins, Col::kId, Of(1)));
  const Bytes rec = f.Finish(ins).record;
  RecordUpdate rep = f.Prep(JET_prepReplace, rec);
  EXPECT_EQ(JET_errInvalidColumnType, Set(rep, Col::kVersion, Of(3)));
  EXPECT_EQ(JET_errInvalidColumnType, Set(rep, Col::kAutoinc, Of(3)));
  ASSERT_EQ(JET_errSuccess, Set(rep, Col::kName, Str("n")));
  UpdateResult r = f.Finish(rep);
  EXPECT_EQ(Of(1), Stored(f.table, r.record, Col::kVersion));
  EXPECT_EQ((std::vector<uint32_t>{Col::kVersion, Col::kName}), r.changed_columns);
}

TEST(RecordUpdateTest, FixedTextPaddedBitNormalised) {
  Fixture f;
  RecordUpdate u = f.Prep(JET_prepInsert);
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kFixedText, Str("ab")));
  EXPECT_EQ(Str("ab      "), Copy(u, Col::kFixedText));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kBit, Of(1, 1)));
  EXPECT_EQ(Bytes{0xff}, Copy(u, Col::kBit));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kBit, Of(0, 1)));
  EXPECT_EQ(Bytes{0x00}, Copy(u, Col::kBit));
}

TEST(RecordUpdateTest, VariableColumnsTruncateWithWarning) {
  Fixture f;
  RecordUpdate u = f.Prep(JET_prepInsert);
  EXPECT_EQ(JET_wrnColumnMaxTruncated, Set(u, Col::kName, Str("0123456789AB")));
  EXPECT_EQ(Str("0123456789"), Copy(u, Col::kName));
  EXPECT_EQ(JET_wrnColumnMaxTruncated, Set(u, Col::kBlob, Bytes(300, 1)));
  EXPECT_EQ(255u, Copy(u, Col::kBlob).size());
  EXPECT_EQ(JET_errSuccess, Set(u, Col::kBlob, Bytes(255, 2)));
}

TEST(RecordUpdateTest, NullAndZeroLength) {
  Fixture f;
  RecordUpdate u = f.Prep(JET_prepInsert);
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kId, Of(1)));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kName, {}, JET_bitSetZeroLength));
  bool null = true;
  EXPECT_TRUE(Copy(u, Col::kName, 1, &null).empty());
  EXPECT_FALSE(null);
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kBlob, Str("x")));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kBlob, {}));  // NULL
  Copy(u, Col::kBlob, 1, &null);
  EXPECT_TRUE(null);
  // NULL on a column with a default hides the default.
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kDefault, {}));
  Copy(u, Col::kDefault, 1, &null);
  EXPECT_TRUE(null);
  UpdateResult r = f.Finish(u);
  EXPECT_EQ(Bytes{}, Stored(f.table, r.record, Col::kName));
  EXPECT_EQ(1u, CountStored(f.table, r.record, Col::kName));
  EXPECT_EQ(0u, CountStored(f.table, r.record, Col::kBlob));
  EXPECT_EQ(0u, CountStored(f.table, r.record, Col::kDefault));
}

TEST(RecordUpdateTest, RevertToDefault) {
  Fixture f;
  RecordUpdate u = f.Prep(JET_prepInsert);
  // A failed set leaves the column as it was: still its default.
  EXPECT_EQ(JET_errInvalidBufferSize, Set(u, Col::kTaggedDefault, Of(9, 2)));
  EXPECT_EQ(Of(11), Copy(u, Col::kTaggedDefault));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kTaggedDefault, Of(9)));
  EXPECT_EQ(Of(9), Copy(u, Col::kTaggedDefault));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kTaggedDefault, {}, JET_bitSetRevertToDefaultValue));
  EXPECT_EQ(Of(11), Copy(u, Col::kTaggedDefault));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kTaggedDefault, {}));
  bool null = false;
  Copy(u, Col::kTaggedDefault, 1, &null);
  EXPECT_TRUE(null);
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kId, Of(1)));
  UpdateResult r = f.Finish(u);
  // The explicit NULL is stored (a tagged NULL that overrides the default).
  RecordSchema schema;
  ASSERT_EQ(JET_errSuccess, f.table.ToRecordSchema(&schema));
  RecordReader rr;
  ASSERT_EQ(JET_errSuccess, RecordReader::Open(r.record, RecordFormat{kPage, true}, &rr));
  EXPECT_TRUE(rr.InRecord(*schema.Find(Col::kTaggedDefault)));
}

TEST(RecordUpdateTest, MultiValuedSequencing) {
  Fixture f;
  RecordUpdate u = f.Prep(JET_prepInsert);
  for (int v : {1, 2, 3}) ASSERT_EQ(JET_errSuccess, Set(u, Col::kTags, Of(v), 0, 0));
  uint32_t n = 0;
  ASSERT_EQ(JET_errSuccess, u.CountCopy(Col::kTags, &n));
  EXPECT_EQ(3u, n);
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kTags, Of(9), 0, 2));  // replace the 2nd
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kTags, {}, 0, 1));     // delete the 1st
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kTags, Of(5), 0, 7));  // beyond the last: add
  EXPECT_EQ(Of(9), Copy(u, Col::kTags, 1));
  EXPECT_EQ(Of(3), Copy(u, Col::kTags, 2));
  EXPECT_EQ(Of(5), Copy(u, Col::kTags, 3));
  // A NULL setinfo is itagSequence 1: replaces the first value.
  const int32_t eight = 8;
  ASSERT_EQ(JET_errSuccess, u.SetColumn(Col::kTags, &eight, 4, 0, nullptr));
  EXPECT_EQ(Of(8), Copy(u, Col::kTags, 1));
  EXPECT_EQ(JET_errMultiValuedDuplicate,
            Set(u, Col::kTags, Of(3), JET_bitSetUniqueMultiValues, 0));
  EXPECT_EQ(JET_errSuccess, Set(u, Col::kTags, Of(3), JET_bitSetUniqueMultiValues, 2));  // itself
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kWords, Str("abc"), 0, 0));
  EXPECT_EQ(JET_errSuccess, Set(u, Col::kWords, Str("ABC"), JET_bitSetUniqueMultiValues, 0));
  EXPECT_EQ(JET_errMultiValuedDuplicate,
            Set(u, Col::kWords, Str("aBc"), JET_bitSetUniqueNormalizedMultiValues, 0));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kId, Of(1)));
  UpdateResult r = f.Finish(u);
  EXPECT_EQ(3u, CountStored(f.table, r.record, Col::kTags));
  EXPECT_EQ(Of(5), Stored(f.table, r.record, Col::kTags, 3));
  EXPECT_EQ(Str("ABC"), Stored(f.table, r.record, Col::kWords, 2));
}

TEST(RecordUpdateTest, LongValueOperations) {
  Fixture f;
  RecordUpdate u = f.Prep(JET_prepInsert);
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kLv, Str("hello")));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kLv, Str(" world"), JET_bitSetAppendLV));
  EXPECT_EQ(Str("hello world"), Copy(u, Col::kLv));
  // Overwrite a range; at the end it extends; beyond the end: no chunk.
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kLv, Str("W"), JET_bitSetOverwriteLV, 1, 6));
  EXPECT_EQ(Str("hello World"), Copy(u, Col::kLv));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kLv, Str("!!"), JET_bitSetOverwriteLV, 1, 11));
  EXPECT_EQ(Str("hello World!!"), Copy(u, Col::kLv));
  EXPECT_EQ(JET_errColumnNoChunk, Set(u, Col::kLv, Str("x"), JET_bitSetOverwriteLV, 1, 20));
  // Overwrite and resize: the value ends after the new bytes.
  ASSERT_EQ(JET_errSuccess,
            Set(u, Col::kLv, Str("J"), JET_bitSetOverwriteLV | JET_bitSetSizeLV, 1, 0));
  EXPECT_EQ(Str("J"), Copy(u, Col::kLv));
  // Without a grbit, ibLongValue plays no part: the whole value is replaced.
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kLv, Str("hello"), 0, 1, 3));
  EXPECT_EQ(Str("hello"), Copy(u, Col::kLv));
  // JET_bitSetSizeLV: cbData is the new size, the buffer may be NULL.
  JET_SETINFO si{sizeof(JET_SETINFO), 0, 1};
  ASSERT_EQ(JET_errSuccess, u.SetColumn(Col::kLv, nullptr, 7, JET_bitSetSizeLV, &si));
  EXPECT_EQ((Bytes{'h', 'e', 'l', 'l', 'o', 0, 0}), Copy(u, Col::kLv));
  ASSERT_EQ(JET_errSuccess, u.SetColumn(Col::kLv, nullptr, 4, JET_bitSetSizeLV, &si));
  EXPECT_EQ(Str("hell"), Copy(u, Col::kLv));
  EXPECT_EQ(JET_errInvalidGrbit,
            Set(u, Col::kLv, Str("x"), JET_bitSetAppendLV | JET_bitSetOverwriteLV));
  // A new value: overwrite at an offset has no chunk; append creates it.
  EXPECT_EQ(JET_errColumnNoChunk, Set(u, Col::kMvLv, Str("x"), JET_bitSetOverwriteLV, 0, 2));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kMvLv, Str("new"), JET_bitSetAppendLV, 0));
  EXPECT_EQ(Str("new"), Copy(u, Col::kMvLv));
  // Appending nothing to a new value makes a zero-length one.
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kMvLv, {}, JET_bitSetAppendLV, 0));
  uint32_t n = 0;
  ASSERT_EQ(JET_errSuccess, u.CountCopy(Col::kMvLv, &n));
  EXPECT_EQ(2u, n);
  EXPECT_EQ(JET_errColumnTooBig, Set(u, Col::kLv, Bytes(2000, 1), JET_bitSetIntrinsicLV));
  EXPECT_EQ(JET_errColumnTooBig, Set(u, Col::kLimitedLv, Bytes(101, 1)));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kLimitedLv, Bytes(100, 1)));
  EXPECT_EQ(JET_errColumnTooBig, Set(u, Col::kLimitedLv, Str("x"), JET_bitSetAppendLV));
  // SizeLV 0 and a plain NULL remove the value.
  ASSERT_EQ(JET_errSuccess, u.SetColumn(Col::kLimitedLv, nullptr, 0, JET_bitSetSizeLV, &si));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kLv, {}));
  bool null = false;
  Copy(u, Col::kLv, 1, &null);
  EXPECT_TRUE(null);
  Copy(u, Col::kLimitedLv, 1, &null);
  EXPECT_TRUE(null);
}

TEST(RecordUpdateTest, LongValuesSeparatedBySizeOrRequest) {
  Fixture f;
  RecordUpdate u = f.Prep(JET_prepInsert);
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kId, Of(1)));
  const Bytes big(5000, 'x');
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kLv, big));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kMvLv, Str("small"), JET_bitSetSeparateLV, 0));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kMvLv, Bytes(RecordUpdate::IntrinsicLvLimit(kPage), 'y'), 0, 0));
  UpdateResult r = f.Finish(u);
  ASSERT_EQ(2u, r.new_long_values.size());
  bool sep = false;
  LvId lid = 0;
  Stored(f.table, r.record, Col::kLv, 1, &sep, &lid);
  EXPECT_TRUE(sep);
  EXPECT_EQ(big, f.lvs.at(lid));
  Stored(f.table, r.record, Col::kMvLv, 1, &sep, &lid);
  EXPECT_TRUE(sep);
  EXPECT_EQ(Str("small"), f.lvs.at(lid));
  EXPECT_EQ(Bytes(1023, 'y'), Stored(f.table, r.record, Col::kMvLv, 2, &sep));
  EXPECT_FALSE(sep);
}

TEST(RecordUpdateTest, RecordTooBigSeparatesLargestLongValues) {
  Fixture f;
  RecordUpdate u = f.Prep(JET_prepInsert);
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kId, Of(1)));
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(JET_errSuccess, Set(u, Col::kMvLv, Bytes(1000 + i, static_cast<uint8_t>('a' + i)), 0, 0));
  }
  UpdateResult r = f.Finish(u);
  EXPECT_LE(r.record.size(), RecordUpdate::MaxRecordSize(kPage));
  EXPECT_FALSE(r.new_long_values.empty());
  // Every value still reads back whole.
  for (uint32_t i = 0; i < 5; ++i) {
    bool sep = false;
    LvId lid = 0;
    Bytes v = Stored(f.table, r.record, Col::kMvLv, i + 1, &sep, &lid);
    if (sep) v = f.lvs.at(lid);
    EXPECT_EQ(Bytes(1000 + i, static_cast<uint8_t>('a' + i)), v) << i;
  }
}

TEST(RecordUpdateTest, ReplaceKeepsUntouchedLongValuesAndReleasesReplacedOnes) {
  Fixture f;
  RecordUpdate ins = f.Prep(JET_prepInsert);
  ASSERT_EQ(JET_errSuccess, Set(ins, Col::kId, Of(1)));
  ASSERT_EQ(JET_errSuccess, Set(ins, Col::kLv, Bytes(3000, 'a')));
  ASSERT_EQ(JET_errSuccess, Set(ins, Col::kName, Str("n1")));
  const UpdateResult first = f.Finish(ins);
  ASSERT_EQ(1u, first.new_long_values.size());
  const LvId lid = first.new_long_values[0].lid;

  // Nothing changed.
  RecordUpdate same = f.Prep(JET_prepReplace, first.record);
  ASSERT_EQ(JET_errSuccess, Set(same, Col::kName, Str("n1")));
  UpdateResult r0 = f.Finish(same);
  EXPECT_FALSE(r0.changed);
  EXPECT_TRUE(r0.changed_columns.empty());

  // A fixed/variable change: the LV stays referenced, nothing to store.
  RecordUpdate rep = f.Prep(JET_prepReplaceNoLock, first.record);
  EXPECT_EQ(Bytes(3000, 'a'), Copy(rep, Col::kLv));  // read through the fetcher
  ASSERT_EQ(JET_errSuccess, Set(rep, Col::kName, Str("n2")));
  UpdateResult r1 = f.Finish(rep);
  EXPECT_TRUE(r1.changed);
  EXPECT_EQ((std::vector<uint32_t>{Col::kVersion, Col::kName}), r1.changed_columns);
  EXPECT_TRUE(r1.new_long_values.empty());
  EXPECT_TRUE(r1.released_long_values.empty());
  LvId kept = 0;
  Stored(f.table, r1.record, Col::kLv, 1, nullptr, &kept);
  EXPECT_EQ(lid, kept);
  EXPECT_EQ(Str("n2"), Stored(f.table, r1.record, Col::kName));

  // Appending to the LV: a new LV, the old one released.
  RecordUpdate rep2 = f.Prep(JET_prepReplace, r1.record);
  ASSERT_EQ(JET_errSuccess, Set(rep2, Col::kLv, Str("b"), JET_bitSetAppendLV));
  UpdateResult r2 = f.Finish(rep2);
  ASSERT_EQ(1u, r2.new_long_values.size());
  Bytes expect(3000, 'a');
  expect.push_back('b');
  EXPECT_EQ(expect, r2.new_long_values[0].data);
  EXPECT_EQ(std::vector<LvId>{lid}, r2.released_long_values);
  EXPECT_EQ(Of(2), Stored(f.table, r2.record, Col::kVersion));

  // JetDelete: the LVs the record references.
  std::vector<LvId> lids;
  ASSERT_EQ(JET_errSuccess, SeparatedLongValuesOf(f.table, kPage, r2.record, &lids));
  EXPECT_EQ(std::vector<LvId>{r2.new_long_values[0].lid}, lids);
}

TEST(RecordUpdateTest, InsertCopySharesLongValuesAndTakesNewAutoinc) {
  Fixture f;
  RecordUpdate ins = f.Prep(JET_prepInsert, {}, 1);
  ASSERT_EQ(JET_errSuccess, Set(ins, Col::kId, Of(1)));
  ASSERT_EQ(JET_errSuccess, Set(ins, Col::kLv, Bytes(3000, 'a')));
  const UpdateResult first = f.Finish(ins);
  RecordUpdate copy = f.Prep(JET_prepInsertCopy, first.record, 2);
  EXPECT_EQ(Of(2), Copy(copy, Col::kAutoinc));
  ASSERT_EQ(JET_errSuccess, Set(copy, Col::kId, Of(2)));
  UpdateResult r = f.Finish(copy);
  EXPECT_EQ(Of(2), Stored(f.table, r.record, Col::kAutoinc));
  EXPECT_TRUE(r.new_long_values.empty());
  EXPECT_EQ(std::vector<LvId>{first.new_long_values[0].lid}, r.shared_long_values);
  EXPECT_TRUE(r.released_long_values.empty());
}

TEST(RecordUpdateTest, CompressedFlagFollowsGrbitAndColumn) {
  Fixture f;
  RecordUpdate u = f.Prep(JET_prepInsert);
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kId, Of(1)));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kLv, Bytes(3000, 'a'), JET_bitSetCompressed));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kMvLv, Bytes(3000, 'b'), 0, 0));  // column: compressed
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kMvLv, Bytes(3000, 'c'), JET_bitSetUncompressed, 0));
  ASSERT_EQ(JET_errSuccess, Set(u, Col::kLimitedLv, Bytes(100, 'd'), JET_bitSetSeparateLV));
  UpdateResult r = f.Finish(u);
  ASSERT_EQ(4u, r.new_long_values.size());
  for (const NewLongValue& v : r.new_long_values) {
    EXPECT_EQ(v.data[0] == 'a' || v.data[0] == 'b', v.compress) << v.data[0];
  }
}

}  // namespace
}  // namespace jet
