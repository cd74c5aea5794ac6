// RecordReader against the records Windows wrote into the sample databases
// and against hand-built records of every layout, valid and corrupt.

#include "record/record_reader.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "record/long_value.h"
#include "test_util.h"

namespace jet {
namespace {

using test::Hex;
using test::Unrle;

// Little helpers to write records by hand.
void Put16(std::vector<uint8_t>* v, uint16_t x) {
  v->push_back(static_cast<uint8_t>(x));
  v->push_back(static_cast<uint8_t>(x >> 8));
}
void Put32(std::vector<uint8_t>* v, uint32_t x) {
  Put16(v, static_cast<uint16_t>(x));
  Put16(v, static_cast<uint16_t>(x >> 16));
}
void PutStr(std::vector<uint8_t>* v, const std::string& s) {
  v->insert(v->end(), s.begin(), s.end());
}

ColumnSpec Col(uint32_t id, uint32_t coltyp, uint32_t max_size = 0, bool multi = false) {
  ColumnSpec c;
  c.id = id;
  c.coltyp = coltyp;
  c.max_size = max_size;
  c.multi_valued = multi;
  return c;
}

ColumnSpec Derived(ColumnSpec c) {
  c.derived = true;
  return c;
}

RecordSchema MakeSchema(std::vector<ColumnSpec> cols) {
  RecordSchema s;
  EXPECT_EQ(RecordSchema::Create(std::move(cols), &s), JET_errSuccess);
  return s;
}

std::string ValueString(const RecordReader& r, const ColumnSpec& c, uint32_t itag = 1) {
  ColumnValue v;
  const JET_ERR err = r.GetValue(c, itag, &v);
  if (err == JET_wrnColumnNull) return "<null>";
  if (err != JET_errSuccess) return "<err " + std::to_string(err) + ">";
  return std::string(v.data.begin(), v.data.end());
}

const RecordFormat kSmall{4096, true};
const RecordFormat kLarge{32768, true};
const RecordFormat kOld{4096, false};

// The long values of a sample table, by LID.
std::map<LvId, std::vector<uint8_t>> SampleLongValues(const test::WindowsTable& table) {
  std::map<LvId, LvRoot> roots;
  std::map<LvId, std::vector<std::pair<uint32_t, std::vector<uint8_t>>>> chunks;
  for (const auto& node : table.lv_nodes) {
    const std::vector<uint8_t> key = Unrle(node.key);
    LvKey k;
    EXPECT_EQ(ParseLvKey(key, &k), JET_errSuccess);
    if (k.is_root) {
      EXPECT_EQ(DecodeLvRoot(Unrle(node.data), &roots[k.lid]), JET_errSuccess);
    } else {
      chunks[k.lid].emplace_back(k.offset, Unrle(node.data));
    }
  }
  std::map<LvId, std::vector<uint8_t>> values;
  for (const auto& [lid, root] : roots) {
    std::vector<LvChunkView> views;
    for (const auto& [offset, data] : chunks[lid]) views.push_back({offset, data});
    EXPECT_EQ(ReassembleLongValue(root, views, DefaultLvChunkSize(4096), &values[lid]),
              JET_errSuccess)
        << "lid " << lid;
  }
  return values;
}

TEST(RecordReaderWindows, EveryValueMatchesTheIndependentReader) {
  int checked = 0;
  for (const test::WindowsTable& table : test::WindowsTables()) {
    SCOPED_TRACE(table.name);
    const RecordSchema schema = MakeSchema(test::WindowsColumnSpecs(table));
    const std::map<LvId, std::vector<uint8_t>> long_values = SampleLongValues(table);
    for (const test::WindowsRow& row : table.rows) {
      const std::vector<uint8_t> record = Unrle(row.record);
      RecordReader reader;
      ASSERT_EQ(RecordReader::Open(record, kSmall, &reader), JET_errSuccess);
      for (const test::WindowsExpected& expected : row.expected) {
        const ColumnSpec* column = schema.Find(expected.id);
        ASSERT_NE(column, nullptr);
        SCOPED_TRACE(std::to_string(expected.id));
        uint32_t count = 0;
        ASSERT_EQ(reader.CountValues(*column, &count), JET_errSuccess);
        ASSERT_EQ(count, expected.values.size());
        for (uint32_t i = 0; i < count; ++i) {
          ColumnValue value;
          ASSERT_EQ(reader.GetValue(*column, i + 1, &value), JET_errSuccess);
          std::vector<uint8_t> got;
          if (value.separated) {
            ASSERT_TRUE(long_values.count(value.lid)) << value.lid;
            got = long_values.at(value.lid);
          } else {
            got.resize(1 << 16);
            size_t actual = 0;
            ASSERT_EQ(CopyValue(value, got, &actual), JET_errSuccess);
            got.resize(actual);
          }
          EXPECT_EQ(Hex(got), Hex(Unrle(expected.values[i]))) << "itag " << i + 1;
          ++checked;
        }
        ColumnValue past;
        EXPECT_EQ(reader.GetValue(*column, count + 1, &past), JET_wrnColumnNull);
        EXPECT_TRUE(past.data.empty());
      }
    }
  }
  EXPECT_EQ(checked, 108);  // every value of expected/{binary,text,multi}.json
}

TEST(RecordReaderWindows, LayoutDetailsOfTheSamples) {
  const test::WindowsTable& binary = test::WindowsTableNamed("binary");
  const RecordSchema schema = MakeSchema(test::WindowsColumnSpecs(binary));
  const std::vector<uint8_t> record = Unrle(binary.rows[0].record);
  RecordReader r;
  ASSERT_EQ(RecordReader::Open(record, kSmall, &r), JET_errSuccess);
  EXPECT_EQ(r.LastFixedColumnId(), 3u);
  EXPECT_EQ(r.LastVariableColumnId(), 130u);

  ColumnValue v;
  bool in_record = false;
  // NULL fixed column inside the record vs tagged column never set.
  EXPECT_EQ(r.GetValue(*schema.Find(3), 1, &v, &in_record), JET_wrnColumnNull);
  EXPECT_TRUE(in_record);
  EXPECT_EQ(r.GetValue(*schema.Find(257), 1, &v, &in_record), JET_wrnColumnNull);
  EXPECT_FALSE(in_record);
  // A tagged Binary value without header byte.
  ASSERT_EQ(r.GetValue(*schema.Find(256), 1, &v), JET_errSuccess);
  EXPECT_FALSE(v.long_value);
  // Inline long value, separated long value, 7-bit compressed long value.
  ASSERT_EQ(r.GetValue(*schema.Find(258), 1, &v), JET_errSuccess);
  EXPECT_TRUE(v.long_value);
  EXPECT_FALSE(v.separated || v.compressed);
  EXPECT_EQ(v.data.size(), 1022u);
  EXPECT_LE(v.data.size(), kLvIntrinsicMost);
  ASSERT_EQ(r.GetValue(*schema.Find(259), 1, &v), JET_errSuccess);
  EXPECT_TRUE(v.separated);
  EXPECT_EQ(v.lid, 1u);
  // 1033 bytes: separated, although Xpress makes them 51.
  EXPECT_GT(Unrle(binary.rows[0].expected[9].values[0]).size(), kLvIntrinsicMost);
  ASSERT_EQ(r.GetValue(*schema.Find(261), 1, &v), JET_errSuccess);
  EXPECT_TRUE(v.compressed);
  EXPECT_EQ(v.data.size(), 821u);
  size_t full_size = 0;
  EXPECT_EQ(CopyValue(v, std::span<uint8_t>(), &full_size), JET_wrnBufferTruncated);
  EXPECT_EQ(full_size, Unrle(binary.rows[0].expected[11].values[0]).size());

  // multi row 2: the first of the three long values is 7-bit packed, the
  // others are not; a separated long value cannot be copied out of the
  // record.
  const test::WindowsTable& multi = test::WindowsTableNamed("multi");
  const RecordSchema mschema = MakeSchema(test::WindowsColumnSpecs(multi));
  const std::vector<uint8_t> row2 = Unrle(multi.rows[1].record);
  ASSERT_EQ(RecordReader::Open(row2, kSmall, &r), JET_errSuccess);
  ASSERT_EQ(r.GetValue(*mschema.Find(271), 1, &v), JET_errSuccess);
  EXPECT_TRUE(v.compressed);
  ASSERT_EQ(r.GetValue(*mschema.Find(271), 2, &v), JET_errSuccess);
  EXPECT_FALSE(v.compressed);
  EXPECT_EQ(std::string(v.data.begin(), v.data.end()), std::string(40, 'b'));
  const std::vector<uint8_t> row1 = Unrle(multi.rows[0].record);
  ASSERT_EQ(RecordReader::Open(row1, kSmall, &r), JET_errSuccess);
  ASSERT_EQ(r.GetValue(*mschema.Find(265), 3, &v), JET_errSuccess);
  EXPECT_TRUE(v.separated);
  EXPECT_EQ(v.lid, 3u);
  size_t actual = 0;
  std::vector<uint8_t> buf(16);
  EXPECT_EQ(CopyValue(v, buf, &actual), JET_errInvalidParameter);
}

TEST(RecordReaderLayout, FixedColumnsAndTheNullBitmap) {
  const RecordSchema s =
      MakeSchema({Col(1, JET_coltypLong), Col(2, JET_coltypShort), Col(3, JET_coltypBit)});
  // fidFixedLast 2: Long 42, Short NULL (bit 1); column 3 not in the record.
  std::vector<uint8_t> rec = {2, 127, 11, 0};
  Put32(&rec, 42);
  Put16(&rec, 0x2a2a);
  rec.push_back(0xfe);
  RecordReader r;
  ASSERT_EQ(RecordReader::Open(rec, kSmall, &r), JET_errSuccess);
  ColumnValue v;
  bool in_record = false;
  ASSERT_EQ(r.GetValue(*s.Find(1), 1, &v, &in_record), JET_errSuccess);
  EXPECT_EQ(Hex(v.data), "2a000000");
  EXPECT_TRUE(in_record);
  EXPECT_EQ(r.GetValue(*s.Find(2), 1, &v, &in_record), JET_wrnColumnNull);
  EXPECT_TRUE(in_record);
  EXPECT_EQ(r.GetValue(*s.Find(3), 1, &v, &in_record), JET_wrnColumnNull);
  EXPECT_FALSE(in_record);
  // Fixed columns have one value; itagSequence 2 is NULL, 0 is an error.
  EXPECT_EQ(r.GetValue(*s.Find(1), 2, &v), JET_wrnColumnNull);
  EXPECT_EQ(r.GetValue(*s.Find(1), 0, &v), JET_errBadItagSequence);
  uint32_t count = 9;
  ASSERT_EQ(r.CountValues(*s.Find(2), &count), JET_errSuccess);
  EXPECT_EQ(count, 0u);
  // A schema whose column lies beyond the record's fixed data.
  ColumnSpec wide = Col(2, JET_coltypCurrency);
  wide.fixed_offset = 8;
  EXPECT_EQ(r.GetValue(wide, 1, &v), JET_errDatabaseCorrupted);
  EXPECT_EQ(r.GetValue(Col(0, JET_coltypLong), 1, &v), JET_errBadColumnId);
}

TEST(RecordReaderLayout, VariableColumns) {
  // fidVarLast 131: "abc", NULL, "" (empty, not NULL), "de".
  std::vector<uint8_t> rec = {0, 131, 4, 0};
  Put16(&rec, 3);
  Put16(&rec, 0x8003);
  Put16(&rec, 3);
  Put16(&rec, 5);
  PutStr(&rec, "abcde");
  RecordReader r;
  ASSERT_EQ(RecordReader::Open(rec, kSmall, &r), JET_errSuccess);
  EXPECT_EQ(ValueString(r, Col(128, JET_coltypText)), "abc");
  EXPECT_EQ(ValueString(r, Col(129, JET_coltypText)), "<null>");
  EXPECT_EQ(ValueString(r, Col(130, JET_coltypText)), "");
  EXPECT_EQ(ValueString(r, Col(131, JET_coltypBinary)), "de");
  EXPECT_EQ(ValueString(r, Col(132, JET_coltypBinary)), "<null>");
  EXPECT_FALSE(r.InRecord(Col(132, JET_coltypBinary)));
}

// Tagged columns on a 4 KiB page: header bytes only where flagged.
TEST(RecordReaderLayout, TaggedColumnsSmallPage) {
  std::vector<uint8_t> values;
  std::vector<std::pair<uint16_t, uint16_t>> tags;
  auto add = [&](uint16_t fid, uint16_t flags, const std::vector<uint8_t>& bytes) {
    tags.emplace_back(fid, flags);
    values.insert(values.end(), bytes.begin(), bytes.end());
    return bytes.size();
  };
  std::vector<size_t> sizes;
  // Derived (template) column 256 sorts first.
  sizes.push_back(add(256, kTagfldDerived, test::Bytes("tmpl")));
  // 256: plain value, no header.
  sizes.push_back(add(256, 0, test::Bytes("plain")));
  // 257: NULL override.
  sizes.push_back(add(257, kTagfldNullSmallPage, {}));
  // 258: long value inline (header 0x01).
  sizes.push_back(add(258, kTagfldExtendedInfo, {0x01, 'l', 'v'}));
  // 259: separated long value, LID 7.
  sizes.push_back(add(259, kTagfldExtendedInfo, {0x05, 7, 0, 0, 0}));
  // 260: three values.
  sizes.push_back(
      add(260, kTagfldExtendedInfo, {0x08, 6, 0, 7, 0, 9, 0, 'x', 'y', 'y', 'z', 'z', 'z'}));
  // 261: two values, TWOVALUES form.
  sizes.push_back(add(261, kTagfldExtendedInfo, {0x18, 2, 'a', 'b', 'c', 'd', 'e'}));
  // 262: two long values: "12345678" 7-bit packed (the header's compressed
  // bit covers the first value only), then a separated one, LID 9.
  sizes.push_back(add(262, kTagfldExtendedInfo,
                      {0x0b, 0x04, 0x00, 0x0c, 0x80, 0x0f, 0x31, 0xd9, 0x8c, 0x56, 0xb3, 0xdd, 0x70,
                       0x09, 0, 0, 0}));
  // 263: zero-length value.
  sizes.push_back(add(263, 0, {}));

  std::vector<uint8_t> rec = {0, 127, 4, 0};
  size_t ib = 4 * tags.size();
  for (size_t i = 0; i < tags.size(); ++i) {
    Put16(&rec, tags[i].first);
    Put16(&rec, static_cast<uint16_t>(ib | tags[i].second));
    ib += sizes[i];
  }
  rec.insert(rec.end(), values.begin(), values.end());

  RecordReader r;
  ASSERT_EQ(RecordReader::Open(rec, kSmall, &r), JET_errSuccess);
  EXPECT_EQ(r.tagged().columns().size(), 9u);
  EXPECT_EQ(ValueString(r, Derived(Col(256, JET_coltypBinary))), "tmpl");
  EXPECT_EQ(ValueString(r, Col(256, JET_coltypBinary)), "plain");
  ColumnValue v;
  bool in_record = false;
  EXPECT_EQ(r.GetValue(Col(257, JET_coltypText), 1, &v, &in_record), JET_wrnColumnNull);
  EXPECT_TRUE(in_record);  // explicitly NULL: the default does not apply
  EXPECT_EQ(r.GetValue(Col(300, JET_coltypText), 1, &v, &in_record), JET_wrnColumnNull);
  EXPECT_FALSE(in_record);
  ASSERT_EQ(r.GetValue(Col(258, JET_coltypLongText), 1, &v), JET_errSuccess);
  EXPECT_TRUE(v.long_value);
  EXPECT_EQ(ValueString(r, Col(258, JET_coltypLongText)), "lv");
  ASSERT_EQ(r.GetValue(Col(259, JET_coltypLongText), 1, &v), JET_errSuccess);
  EXPECT_TRUE(v.separated);
  EXPECT_EQ(v.lid, 7u);

  const ColumnSpec mv = Col(260, JET_coltypText, 0, true);
  uint32_t count = 0;
  ASSERT_EQ(r.CountValues(mv, &count), JET_errSuccess);
  EXPECT_EQ(count, 3u);
  EXPECT_EQ(ValueString(r, mv, 1), "x");
  EXPECT_EQ(ValueString(r, mv, 2), "yy");
  EXPECT_EQ(ValueString(r, mv, 3), "zzz");
  EXPECT_EQ(ValueString(r, mv, 4), "<null>");

  const ColumnSpec two = Col(261, JET_coltypText, 0, true);
  ASSERT_EQ(r.CountValues(two, &count), JET_errSuccess);
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(ValueString(r, two, 1), "ab");
  EXPECT_EQ(ValueString(r, two, 2), "cde");

  const ColumnSpec lvs = Col(262, JET_coltypLongText, 0, true);
  ASSERT_EQ(r.GetValue(lvs, 1, &v), JET_errSuccess);
  EXPECT_TRUE(v.compressed);
  EXPECT_FALSE(v.separated);
  std::vector<uint8_t> buf(32);
  size_t actual = 0;
  ASSERT_EQ(CopyValue(v, buf, &actual), JET_errSuccess);
  EXPECT_EQ(std::string(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(actual)),
            "12345678");
  ASSERT_EQ(r.GetValue(lvs, 2, &v), JET_errSuccess);
  EXPECT_TRUE(v.separated);
  EXPECT_FALSE(v.compressed);
  EXPECT_EQ(v.lid, 9u);

  ASSERT_EQ(r.CountValues(Col(263, JET_coltypBinary), &count), JET_errSuccess);
  EXPECT_EQ(count, 1u);
  EXPECT_EQ(ValueString(r, Col(263, JET_coltypBinary)), "");
}

// Pages above 8 KiB: 15-bit offsets, a header byte on every value, NULL in
// the header.
TEST(RecordReaderLayout, TaggedColumnsLargePage) {
  std::vector<uint8_t> rec = {0, 127, 4, 0};
  const std::string big(0x2400, 'q');  // pushes the next offset past 0x2000
  // 256: header 0 + big value; 257: NULL (header 0x20); 258: LV separated
  // LID64.
  const size_t n = 3;
  size_t ib = 4 * n;
  Put16(&rec, 256);
  Put16(&rec, static_cast<uint16_t>(ib));
  ib += 1 + big.size();
  Put16(&rec, 257);
  Put16(&rec, static_cast<uint16_t>(ib));
  ib += 1;
  Put16(&rec, 258);
  Put16(&rec, static_cast<uint16_t>(ib));
  rec.push_back(0x00);
  PutStr(&rec, big);
  rec.push_back(0x20);
  rec.push_back(0x05);
  for (uint8_t b : {0x11, 0, 0, 0, 0, 0, 0, 0x80}) rec.push_back(b);  // LID64 0x80..11

  RecordReader r;
  ASSERT_EQ(RecordReader::Open(rec, kLarge, &r), JET_errSuccess);
  EXPECT_EQ(ValueString(r, Col(256, JET_coltypBinary)), big);
  ColumnValue v;
  bool in_record = false;
  EXPECT_EQ(r.GetValue(Col(257, JET_coltypBinary), 1, &v, &in_record), JET_wrnColumnNull);
  EXPECT_TRUE(in_record);
  ASSERT_EQ(r.GetValue(Col(258, JET_coltypLongBinary), 1, &v), JET_errSuccess);
  EXPECT_TRUE(v.separated);
  EXPECT_EQ(v.lid, 0x8000000000000011ULL);
  // Read as a small-page record, bit 13 of the offsets is the NULL flag and
  // the values come apart differently.
  ASSERT_EQ(RecordReader::Open(rec, kSmall, &r), JET_errSuccess);
  EXPECT_NE(ValueString(r, Col(256, JET_coltypBinary)), big);
}

// Records on pages without the NewRecordFormat flag: TAGFLD_OLD entries.
TEST(RecordReaderLayout, OldTaggedFormat) {
  std::vector<uint8_t> rec = {0, 127, 4, 0};
  auto entry = [&](uint16_t fid, uint16_t flags, const std::vector<uint8_t>& data) {
    Put16(&rec, fid);
    Put16(&rec, static_cast<uint16_t>(data.size() | flags));
    rec.insert(rec.end(), data.begin(), data.end());
  };
  entry(256, kOldTagfldDerived, {'t'});
  entry(256, 0, {'o', 'n', 'e'});
  entry(257, 0, {'a'});
  entry(257, 0, {'b', 'b'});
  entry(258, kOldTagfldNull, {});
  entry(259, kOldTagfldLongValue, {0x00, 'i', 'n'});
  entry(260, kOldTagfldLongValue, {0x01, 5, 0, 0, 0});

  RecordReader r;
  ASSERT_EQ(RecordReader::Open(rec, kOld, &r), JET_errSuccess);
  EXPECT_EQ(ValueString(r, Derived(Col(256, JET_coltypText))), "t");
  EXPECT_EQ(ValueString(r, Col(256, JET_coltypText)), "one");
  const ColumnSpec mv = Col(257, JET_coltypText, 0, true);
  uint32_t count = 0;
  ASSERT_EQ(r.CountValues(mv, &count), JET_errSuccess);
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(ValueString(r, mv, 1), "a");
  EXPECT_EQ(ValueString(r, mv, 2), "bb");
  ColumnValue v;
  bool in_record = false;
  EXPECT_EQ(r.GetValue(Col(258, JET_coltypText), 1, &v, &in_record), JET_wrnColumnNull);
  EXPECT_TRUE(in_record);
  ASSERT_EQ(r.GetValue(Col(259, JET_coltypLongText), 1, &v), JET_errSuccess);
  EXPECT_TRUE(v.long_value);
  EXPECT_FALSE(v.separated);
  EXPECT_EQ(std::string(v.data.begin(), v.data.end()), "in");
  ASSERT_EQ(r.GetValue(Col(260, JET_coltypLongText), 1, &v), JET_errSuccess);
  EXPECT_TRUE(v.separated);
  EXPECT_EQ(v.lid, 5u);

  // An entry running past the end, and out-of-order fids.
  std::vector<uint8_t> past = {0, 127, 4, 0};
  Put16(&past, 256);
  Put16(&past, 5);
  PutStr(&past, "abc");
  EXPECT_EQ(RecordReader::Open(past, kOld, &r), JET_errDatabaseCorrupted);
  std::vector<uint8_t> order = {0, 127, 4, 0};
  Put16(&order, 257);
  Put16(&order, 0);
  Put16(&order, 256);
  Put16(&order, 0);
  EXPECT_EQ(RecordReader::Open(order, kOld, &r), JET_errDatabaseCorrupted);
}

std::vector<uint8_t> TaggedRecord(const std::vector<std::pair<uint16_t, uint16_t>>& tags,
                                  const std::vector<uint8_t>& data) {
  std::vector<uint8_t> rec = {0, 127, 4, 0};
  for (const auto& [fid, ib] : tags) {
    Put16(&rec, fid);
    Put16(&rec, ib);
  }
  rec.insert(rec.end(), data.begin(), data.end());
  return rec;
}

TEST(RecordReaderCorrupt, HeaderFixedAndVariableAreas) {
  RecordReader r;
  const std::vector<std::vector<uint8_t>> bad = {
      {},                                         // empty
      {0, 127, 4},                                // short header
      {200, 127, 30, 0},                          // fixed id out of range
      {0, 100, 4, 0},                             // variable id below 127
      {0, 127, 9, 0},                             // ibEndOfFixedData past the end
      {8, 127, 4, 0},                             // no room for the null bitmap
      {0, 128, 4, 0},                             // variable offset array cut off
      {0, 129, 4, 0, 3, 0, 2, 0, 'a', 'b', 'c'},  // offsets going backwards
      {0, 128, 4, 0, 9, 0, 'a'},                  // variable data past the end
  };
  for (const auto& rec : bad) {
    EXPECT_EQ(RecordReader::Open(rec, kSmall, &r), JET_errDatabaseCorrupted) << Hex(rec);
  }
}

TEST(RecordReaderCorrupt, TaggedArea) {
  RecordReader r;
  const std::vector<std::vector<uint8_t>> bad = {
      TaggedRecord({}, {1, 2}),                        // shorter than a TAGFLD
      TaggedRecord({{256, 6}}, {0, 0, 0}),             // first offset not a multiple of 4
      TaggedRecord({{256, 0}}, {}),                    // first offset below 4
      TaggedRecord({{256, 12}}, {}),                   // first offset past the end
      TaggedRecord({{256, 8}, {257, 4}}, {'a', 'b'}),  // offset inside the TAGFLD array
      TaggedRecord({{256, 12}, {257, 14}, {258, 13}}, {'a', 'b', 'c', 'd'}),  // overlap
      TaggedRecord({{256, 8}, {257, 20}}, {'a'}),                             // past the end
      TaggedRecord({{257, 8}, {256, 8}}, {}),                                 // unsorted
      TaggedRecord({{256, 8}, {256, 8}}, {}),                                 // duplicate
      TaggedRecord({{255, 4}}, {}),                                           // not a tagged id
      TaggedRecord({{256, 4 | kTagfldExtendedInfo}}, {}),                     // header byte missing
      TaggedRecord({{256, 4 | kTagfldExtendedInfo}}, {0x80, 'a'}),            // unknown header bit
      TaggedRecord({{256, 4 | kTagfldExtendedInfo}}, {0x05, 1, 0, 0}),        // 3-byte LID
      TaggedRecord({{256, 4 | kTagfldExtendedInfo}}, {0x07, 1, 0, 0, 0}),  // separated+compressed
      TaggedRecord({{256, 4 | kTagfldExtendedInfo}}, {0x10, 'a'}),         // two values without MV
      TaggedRecord({{256, 4 | kTagfldExtendedInfo}}, {0x18, 5, 'a'}),      // first value too long
      TaggedRecord({{256, 4 | kTagfldExtendedInfo}}, {0x18}),              // no length byte
      TaggedRecord({{256, 4 | kTagfldExtendedInfo}}, {0x08, 3, 0, 'a'}),   // odd MVOFFSET start
      TaggedRecord({{256, 4 | kTagfldExtendedInfo}}, {0x08, 9, 0, 'a'}),   // MVOFFSET past the end
      TaggedRecord({{256, 4 | kTagfldExtendedInfo}}, {0x08, 4, 0, 3, 0, 'a'}),  // backwards
      TaggedRecord({{256, 4 | kTagfldExtendedInfo}},
                   {0x09, 4, 0, 6, 0x80, 'a', 'b', 1, 0}),                           // bad LID size
      TaggedRecord({{256, 4 | kTagfldExtendedInfo}}, {0x0c, 4, 0, 6, 0, 'a', 'b'}),  // MV separated
      TaggedRecord({{256, 4 | kTagfldExtendedInfo}}, {0x08}),  // MV without offsets
  };
  for (const auto& rec : bad) {
    EXPECT_EQ(RecordReader::Open(rec, kSmall, &r), JET_errDatabaseCorrupted) << Hex(rec);
  }
  // On a large page every value needs its header byte.
  EXPECT_EQ(RecordReader::Open(TaggedRecord({{256, 8}, {257, 8}}, {0x00}), kLarge, &r),
            JET_errDatabaseCorrupted);
  // A LID of 0 passes the layout check but is refused when read.
  const std::vector<uint8_t> lid0 =
      TaggedRecord({{256, 4 | kTagfldExtendedInfo}}, {0x05, 0, 0, 0, 0});
  ASSERT_EQ(RecordReader::Open(lid0, kSmall, &r), JET_errSuccess);
  ColumnValue v;
  EXPECT_EQ(r.GetValue(Col(256, JET_coltypLongBinary), 1, &v), JET_errDatabaseCorrupted);
}

// Every prefix of every sample record and random damage to them: Open either
// refuses the record or every lookup afterwards stays inside it (ASan
// checks), with only the documented results.
TEST(RecordReaderCorrupt, TruncatedAndMutatedSamples) {
  std::mt19937_64 rng = test::SeededRandom("RecordReaderCorrupt.TruncatedAndMutatedSamples");
  auto exercise = [](const std::vector<uint8_t>& rec, const RecordSchema& schema,
                     const RecordFormat& format) {
    RecordReader r;
    const JET_ERR err = RecordReader::Open(rec, format, &r);
    if (err < 0) {
      EXPECT_EQ(err, JET_errDatabaseCorrupted);
      return false;
    }
    for (const ColumnSpec& c : schema.columns()) {
      uint32_t count = 0;
      const JET_ERR cerr = r.CountValues(c, &count);
      EXPECT_TRUE(cerr == JET_errSuccess || cerr == JET_errDatabaseCorrupted);
      for (uint32_t i = 1; i <= count + 1; ++i) {
        ColumnValue v;
        const JET_ERR gerr = r.GetValue(c, i, &v);
        EXPECT_TRUE(gerr == JET_errSuccess || gerr == JET_wrnColumnNull ||
                    gerr == JET_errDatabaseCorrupted)
            << gerr;
        if (gerr == JET_errSuccess && !v.separated) {
          std::vector<uint8_t> buf(64);
          size_t actual = 0;
          const JET_ERR copy = CopyValue(v, buf, &actual);
          EXPECT_TRUE(copy == JET_errSuccess || copy == JET_wrnBufferTruncated ||
                      copy == JET_errDecompressionFailed);
        }
      }
    }
    RecordValues all;
    const JET_ERR derr = r.DecodeAll(schema, &all);
    EXPECT_TRUE(derr == JET_errSuccess || derr == JET_errDatabaseCorrupted);
    return true;
  };
  for (const test::WindowsTable& table : test::WindowsTables()) {
    const RecordSchema schema = MakeSchema(test::WindowsColumnSpecs(table));
    for (const test::WindowsRow& row : table.rows) {
      const std::vector<uint8_t> record = Unrle(row.record);
      int opened = 0;
      for (size_t len = 0; len < record.size(); ++len) {
        const std::vector<uint8_t> cut(record.begin(),
                                       record.begin() + static_cast<std::ptrdiff_t>(len));
        opened += exercise(cut, schema, kSmall) ? 1 : 0;
      }
      // Cutting into the fixed area, the offsets or the TAGFLD array is
      // always caught; only cuts inside the last tagged value can parse.
      EXPECT_LT(opened, static_cast<int>(record.size()) / 2);
      for (int i = 0; i < 400; ++i) {
        std::vector<uint8_t> bad = record;
        const int flips = 1 + static_cast<int>(rng() % 3);
        for (int f = 0; f < flips; ++f) {
          // Most damage goes to the structural bytes near the front.
          const size_t at =
              (rng() % 2 == 0) ? rng() % std::min<size_t>(bad.size(), 64) : rng() % bad.size();
          bad[at] ^= static_cast<uint8_t>(1 + rng() % 255);
        }
        exercise(bad, schema, kSmall);
        exercise(bad, schema, kLarge);
        exercise(bad, schema, kOld);
      }
    }
  }
}

}  // namespace
}  // namespace jet
