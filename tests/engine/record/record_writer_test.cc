// EncodeRecord: byte-identical to what Windows wrote for the same values,
// the layout choices ESE makes, argument checks, and a seeded random
// round-trip property through RecordReader.

#include "record/record_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "record/compression.h"
#include "record/long_value.h"
#include "record/record_reader.h"
#include "test_util.h"

namespace jet {
namespace {

using test::Bytes;
using test::Hex;
using test::Unrle;

const RecordFormat kSmall{4096, true};
const RecordFormat kLarge{32768, true};

ColumnSpec Col(uint32_t id, uint32_t coltyp, uint32_t max_size = 0, bool multi = false) {
  ColumnSpec c;
  c.id = id;
  c.coltyp = coltyp;
  c.max_size = max_size;
  c.multi_valued = multi;
  return c;
}

RecordSchema MakeSchema(std::vector<ColumnSpec> cols) {
  RecordSchema s;
  EXPECT_EQ(RecordSchema::Create(std::move(cols), &s), JET_errSuccess);
  return s;
}

ColumnData Data(uint32_t id, std::vector<std::vector<uint8_t>> values) {
  ColumnData d;
  d.id = id;
  for (auto& v : values) d.values.push_back(ValueInstance{std::move(v), false, false});
  return d;
}

// Windows' own records come back out of the writer byte for byte when fed
// the values the reader found in them.
TEST(RecordWriterWindows, ReproducesTheSampleRecordsExactly) {
  int rows = 0;
  for (const test::WindowsTable& table : test::WindowsTables()) {
    const RecordSchema schema = MakeSchema(test::WindowsColumnSpecs(table));
    for (const test::WindowsRow& row : table.rows) {
      SCOPED_TRACE(std::string(table.name) + " " + row.key);
      const std::vector<uint8_t> original = Unrle(row.record);
      RecordReader reader;
      ASSERT_EQ(RecordReader::Open(original, kSmall, &reader), JET_errSuccess);
      RecordValues values;
      ASSERT_EQ(reader.DecodeAll(schema, &values), JET_errSuccess);
      std::vector<uint8_t> encoded;
      ASSERT_EQ(EncodeRecord(schema, kSmall, values, &encoded), JET_errSuccess);
      EXPECT_EQ(Hex(encoded), Hex(original));
      ++rows;
    }
  }
  EXPECT_EQ(rows, 4);
}

TEST(RecordWriterLayout, FixedNullsAndVariableOffsets) {
  const RecordSchema s =
      MakeSchema({Col(1, JET_coltypLong), Col(2, JET_coltypShort), Col(3, JET_coltypBinary, 3),
                  Col(128, JET_coltypText), Col(129, JET_coltypText), Col(130, JET_coltypText)});
  RecordValues v;
  v.columns.push_back(Data(1, {{1, 0, 0, 0}}));
  v.columns.push_back(Data(129, {Bytes("xyz")}));
  std::vector<uint8_t> rec;
  ASSERT_EQ(EncodeRecord(s, kSmall, v, &rec), JET_errSuccess);
  // fidFixedLast 3 (every fixed column of the table), fidVarLast 129,
  // ibEndOfFixedData 4 + 4 + 2 + 3 + 1; NULL fixed bytes are 0x2a; bitmap
  // 0xfe: column 1 present, 2 and 3 NULL, unused bits set; 128 NULL ending
  // at 0, 129 ending at 3.
  EXPECT_EQ(Hex(rec),
            "0381"
            "0e00"
            "01000000"
            "2a2a"
            "2a2a2a"
            "fe"
            "0080"
            "0300"
            "78797a");
}

TEST(RecordWriterLayout, TaggedFormsSmallAndLargePage) {
  ColumnSpec lv = Col(259, JET_coltypLongBinary, 0, true);
  ColumnSpec tmpl = Col(300, JET_coltypText);
  tmpl.derived = true;
  const RecordSchema s =
      MakeSchema({Col(256, JET_coltypText), Col(257, JET_coltypShort, 0, true),
                  Col(258, JET_coltypText, 0, true), lv, tmpl, Col(260, JET_coltypText)});
  RecordValues v;
  v.columns.push_back(Data(256, {Bytes("hi")}));
  v.columns.push_back(Data(257, {{1, 0}, {2, 0}}));                         // two values
  v.columns.push_back(Data(258, {Bytes("a"), Bytes("bb"), Bytes("ccc")}));  // three
  ColumnData lvs = Data(259, {Bytes("ab")});
  lvs.values.push_back(ValueInstance{EncodeLidReference(9), true, false});
  v.columns.push_back(lvs);
  ColumnData t = Data(300, {Bytes("t")});
  t.derived = true;
  v.columns.push_back(t);
  ColumnData null;
  null.id = 260;
  null.null = true;
  v.columns.push_back(null);

  std::vector<uint8_t> rec;
  ASSERT_EQ(EncodeRecord(s, kSmall, v, &rec), JET_errSuccess);
  // TAGFLDs: the template column first (fDerived 0x8000); 256 without
  // header; TWOVALUES (0x18) for the Shorts; an MVOFFSET array (0x08) for
  // three texts; long values keep the array even for two (0x09, the second
  // separated: 0x8000); NULL as TAGFLD bit 0x2000 with no bytes.
  EXPECT_EQ(Hex(rec),
            "007f0400"
            "2c011880"
            "0001"
            "1900"
            "01011b40"
            "02012140"
            "03012e40"
            "04013920"
            "74"
            "6869"
            "18"
            "02"
            "0100"
            "0200"
            "08"
            "0600"
            "0700"
            "0900"
            "61"
            "6262"
            "636363"
            "09"
            "0400"
            "0680"
            "6162"
            "09000000");

  ASSERT_EQ(EncodeRecord(s, kLarge, v, &rec), JET_errSuccess);
  // Large pages: a header byte on every value, NULL in the header (0x20).
  EXPECT_EQ(Hex(rec),
            "007f0400"
            "2c011880"
            "0001"
            "1a00"
            "01011d00"
            "02012300"
            "03013000"
            "04013b00"
            "0074"
            "006869"
            "18"
            "02"
            "0100"
            "0200"
            "08"
            "0600"
            "0700"
            "0900"
            "61"
            "6262"
            "636363"
            "09"
            "0400"
            "0680"
            "6162"
            "09000000"
            "20");
  RecordReader r;
  ASSERT_EQ(RecordReader::Open(rec, kLarge, &r), JET_errSuccess);
  RecordValues back;
  ASSERT_EQ(r.DecodeAll(s, &back), JET_errSuccess);
  EXPECT_EQ(back.columns.size(), 6u);
}

TEST(RecordWriterLayout, CompressedFirstValueAndNoFixedColumns) {
  const RecordSchema s = MakeSchema({Col(256, JET_coltypLongText, 0, true)});
  std::vector<uint8_t> packed;
  ASSERT_TRUE(CompressValue(Bytes(std::string(41, 'a')), CompressOptions{}, &packed));
  RecordValues v;
  ColumnData d;
  d.id = 256;
  d.values.push_back(ValueInstance{packed, false, true});
  d.values.push_back(ValueInstance{Bytes(std::string(41, 'b')), false, false});
  v.columns.push_back(d);
  std::vector<uint8_t> rec;
  ASSERT_EQ(EncodeRecord(s, kSmall, v, &rec), JET_errSuccess);
  // The multi.edb row 2 layout: header 0x0b, compressed bit for value 1.
  EXPECT_EQ(Hex(std::span<const uint8_t>(rec).first(13)),
            "007f0400"
            "00010440"
            "0b"
            "0400"
            "2900");
  RecordReader r;
  ASSERT_EQ(RecordReader::Open(rec, kSmall, &r), JET_errSuccess);
  RecordValues back;
  ASSERT_EQ(r.DecodeAll(s, &back), JET_errSuccess);
  EXPECT_EQ(back, v);
}

TEST(RecordWriterArguments, BadInputIsRefused) {
  const RecordSchema s =
      MakeSchema({Col(1, JET_coltypLong), Col(128, JET_coltypText, 10), Col(256, JET_coltypText),
                  Col(257, JET_coltypLongText), Col(258, JET_coltypLongText, 0, true)});
  auto encode = [&](std::vector<ColumnData> cols, RecordFormat f = kSmall) {
    RecordValues v;
    v.columns = std::move(cols);
    std::vector<uint8_t> rec(3, 1);
    const JET_ERR err = EncodeRecord(s, f, v, &rec);
    if (err < 0) {
      EXPECT_TRUE(rec.empty());
    }
    return err;
  };
  EXPECT_EQ(encode({Data(2, {{1}})}), JET_errColumnNotFound);
  EXPECT_EQ(encode({Data(300, {{1}})}), JET_errColumnNotFound);
  EXPECT_EQ(encode({Data(1, {{1, 2}})}), JET_errInvalidBufferSize);
  EXPECT_EQ(encode({Data(128, {Bytes("this is too long")})}), JET_errColumnTooBig);
  EXPECT_EQ(encode({Data(1, {{1, 0, 0, 0}}), Data(1, {{2, 0, 0, 0}})}), JET_errInvalidParameter);
  EXPECT_EQ(encode({Data(128, {Bytes("a"), Bytes("b")})}), JET_errInvalidParameter);
  EXPECT_EQ(encode({Data(256, {Bytes("a"), Bytes("b")})}), JET_errInvalidParameter);
  ColumnData sep = Data(256, {});
  sep.values.push_back(ValueInstance{EncodeLidReference(3), true, false});
  EXPECT_EQ(encode({sep}), JET_errInvalidParameter);  // not a long-value column
  sep.id = 257;
  sep.values[0].data = {0, 0, 0, 0};
  EXPECT_EQ(encode({sep}), JET_errInvalidParameter);  // LID 0
  sep.values[0].data = EncodeLidReference(3);
  EXPECT_EQ(encode({sep}), JET_errSuccess);
  ColumnData comp = Data(258, {Bytes("plain")});
  std::vector<uint8_t> packed;
  ASSERT_TRUE(CompressValue(Bytes("packed packed packed"), CompressOptions{}, &packed));
  comp.values.push_back(ValueInstance{packed, false, true});
  EXPECT_EQ(encode({comp}), JET_errInvalidParameter);  // only the first may be compressed
  comp.values[0] = ValueInstance{Bytes("not compressed"), false, true};
  comp.values.pop_back();
  EXPECT_EQ(encode({comp}), JET_errInvalidParameter);  // does not parse
  ColumnData null_with_values = Data(256, {Bytes("x")});
  null_with_values.null = true;
  EXPECT_EQ(encode({null_with_values}), JET_errInvalidParameter);
  EXPECT_EQ(encode({Data(256, {Bytes("x")})}, RecordFormat{4096, false}), JET_errInvalidParameter);
  // Offsets must fit: 13 bits on small pages, 15 on large ones.
  const RecordSchema wide =
      MakeSchema({Col(256, JET_coltypLongBinary), Col(257, JET_coltypLongBinary)});
  RecordValues big;
  big.columns.push_back(Data(256, {std::vector<uint8_t>(0x2000, 1)}));
  big.columns.push_back(Data(257, {{2}}));
  std::vector<uint8_t> rec;
  EXPECT_EQ(EncodeRecord(wide, kSmall, big, &rec), JET_errRecordTooBig);
  EXPECT_EQ(EncodeRecord(wide, kLarge, big, &rec), JET_errSuccess);
}

TEST(RecordWriterSchema, DefinitionsAreChecked) {
  RecordSchema s;
  EXPECT_EQ(RecordSchema::Create({Col(0, JET_coltypLong)}, &s), JET_errBadColumnId);
  EXPECT_EQ(RecordSchema::Create({Col(70000, JET_coltypLong)}, &s), JET_errBadColumnId);
  EXPECT_EQ(RecordSchema::Create({Col(1, 99)}, &s), JET_errInvalidColumnType);
  EXPECT_EQ(RecordSchema::Create({Col(1, JET_coltypLongText)}, &s), JET_errInvalidColumnType);
  EXPECT_EQ(RecordSchema::Create({Col(1, JET_coltypLong, 0, true)}, &s),
            JET_errMultiValuedColumnMustBeTagged);
  EXPECT_EQ(RecordSchema::Create({Col(1, JET_coltypBinary)}, &s), JET_errInvalidParameter);
  EXPECT_EQ(RecordSchema::Create({Col(1, JET_coltypBinary, 256)}, &s), JET_errColumnTooBig);
  EXPECT_EQ(RecordSchema::Create({Col(1, JET_coltypLong), Col(1, JET_coltypLong)}, &s),
            JET_errInvalidParameter);
  ColumnSpec compressed = Col(256, JET_coltypText);
  compressed.compressed = true;
  EXPECT_EQ(RecordSchema::Create({compressed}, &s), JET_errInvalidParameter);
  // Catalog offsets: all or none, never overlapping.
  ColumnSpec a = Col(1, JET_coltypLong);
  ColumnSpec b = Col(2, JET_coltypLong);
  a.fixed_offset = 4;
  EXPECT_EQ(RecordSchema::Create({a, b}, &s), JET_errInvalidParameter);
  b.fixed_offset = 6;
  EXPECT_EQ(RecordSchema::Create({a, b}, &s), JET_errInvalidParameter);
  b.fixed_offset = 12;  // a gap, as a deleted column leaves
  ASSERT_EQ(RecordSchema::Create({b, a}, &s), JET_errSuccess);
  EXPECT_EQ(s.LastFixedColumnId(), 2u);
  EXPECT_EQ(s.EndOfFixedColumns(), 16u);
  ASSERT_EQ(RecordSchema::Create({Col(2, JET_coltypGUID), Col(1, JET_coltypBit)}, &s),
            JET_errSuccess);
  EXPECT_EQ(s.Find(1)->fixed_offset, 4u);
  EXPECT_EQ(s.Find(2)->fixed_offset, 5u);
  EXPECT_EQ(s.EndOfFixedColumns(), 21u);
}

// The writer's output decodes to its input, for random schemas and values on
// every page size. JET_TEST_SEED=<n> repeats a run.
TEST(RecordWriterProperty, DecodeOfEncodeIsIdentity) {
  std::mt19937_64 rng = test::SeededRandom("RecordWriterProperty.DecodeOfEncodeIsIdentity");
  const uint32_t fixed_types[] = {
      JET_coltypBit,          JET_coltypUnsignedByte, JET_coltypShort,      JET_coltypLong,
      JET_coltypCurrency,     JET_coltypIEEESingle,   JET_coltypIEEEDouble, JET_coltypDateTime,
      JET_coltypUnsignedLong, JET_coltypLongLong,     JET_coltypGUID,       JET_coltypUnsignedShort,
      JET_coltypBinary,       JET_coltypText};
  const uint32_t page_sizes[] = {2048, 4096, 8192, 16384, 32768};
  auto random_bytes = [&](size_t n) {
    std::vector<uint8_t> v(n);
    for (auto& b : v) b = static_cast<uint8_t>(rng());
    return v;
  };
  int encoded = 0;
  for (int iter = 0; iter < 1500; ++iter) {
    const RecordFormat format{page_sizes[rng() % std::size(page_sizes)], true};
    // A schema: some fixed, variable and tagged columns with random ids.
    std::vector<ColumnSpec> cols;
    std::set<uint32_t> ids;
    const int nfixed = static_cast<int>(rng() % 6);
    const int nvar = static_cast<int>(rng() % 6);
    const int ntagged = static_cast<int>(rng() % 10);
    auto fresh = [&](uint32_t lo, uint32_t span) {
      for (;;) {
        const uint32_t id = lo + static_cast<uint32_t>(rng() % span);
        if (ids.insert(id).second) return id;
      }
    };
    for (int i = 0; i < nfixed; ++i) {
      ColumnSpec c = Col(fresh(1, 127), fixed_types[rng() % std::size(fixed_types)]);
      if (c.coltyp == JET_coltypBinary || c.coltyp == JET_coltypText) {
        c.max_size = 1 + static_cast<uint32_t>(rng() % 255);
      }
      cols.push_back(c);
    }
    for (int i = 0; i < nvar; ++i) cols.push_back(Col(fresh(128, 128), JET_coltypBinary));
    for (int i = 0; i < ntagged; ++i) {
      const bool lv = rng() % 2 == 0;
      ColumnSpec c =
          Col(fresh(256, 400), lv ? JET_coltypLongBinary : JET_coltypBinary, 0, rng() % 2 == 0);
      c.derived = rng() % 5 == 0;
      cols.push_back(c);
    }
    RecordSchema schema;
    ASSERT_EQ(RecordSchema::Create(cols, &schema), JET_errSuccess);

    // Values for a random subset, including NULLs and empty values.
    RecordValues values;
    for (const ColumnSpec& c : schema.columns()) {
      if (rng() % 4 == 0) continue;
      ColumnData d;
      d.id = c.id;
      d.derived = c.derived;
      if (c.Kind() == ColumnKind::kFixed) {
        if (rng() % 3 == 0) continue;  // NULL
        d.values.push_back(ValueInstance{random_bytes(c.FixedWidth()), false, false});
      } else if (c.Kind() == ColumnKind::kVariable) {
        d.values.push_back(ValueInstance{random_bytes(rng() % 60), false, false});
      } else {
        if (rng() % 8 == 0) {
          d.null = true;
        } else {
          const size_t n = c.multi_valued ? 1 + rng() % 5 : 1;
          for (size_t i = 0; i < n; ++i) {
            ValueInstance inst;
            const int kind = c.IsLongValue() ? static_cast<int>(rng() % 3) : 0;
            if (kind == 1) {
              const LvId lid =
                  rng() % 2 ? 1 + rng() % kLid32Max : kLid64Flag | (1 + rng() % 0xffffff);
              inst.data = EncodeLidReference(lid);
              inst.separated = true;
            } else if (kind == 2 && i == 0) {
              std::vector<uint8_t> text(20 + rng() % 200);
              for (auto& b : text) b = static_cast<uint8_t>('a' + rng() % 26);
              ASSERT_TRUE(CompressValue(text, CompressOptions{}, &inst.data));
              inst.compressed = true;
            } else {
              inst.data = random_bytes(rng() % 50);
            }
            d.values.push_back(std::move(inst));
          }
        }
      }
      values.columns.push_back(std::move(d));
    }
    std::shuffle(values.columns.begin(), values.columns.end(), rng);

    std::vector<uint8_t> rec;
    ASSERT_EQ(EncodeRecord(schema, format, values, &rec), JET_errSuccess) << "iter " << iter;
    ++encoded;
    RecordReader reader;
    ASSERT_EQ(RecordReader::Open(rec, format, &reader), JET_errSuccess) << "iter " << iter;
    RecordValues back;
    ASSERT_EQ(reader.DecodeAll(schema, &back), JET_errSuccess);

    // DecodeAll's normal form: fixed, variable (non-NULL only), then tagged
    // with template columns first; tagged columns with nothing dropped.
    RecordValues expected;
    auto rank = [](const ColumnData& d) {
      const ColumnKind k = KindOfColumnId(d.id);
      const uint32_t group = k == ColumnKind::kFixed      ? 0
                             : k == ColumnKind::kVariable ? 1
                             : d.derived                  ? 2
                                                          : 3;
      return std::make_pair(group, d.id);
    };
    for (const ColumnData& d : values.columns) {
      if (!d.null && d.values.empty()) continue;
      expected.columns.push_back(d);
    }
    std::sort(expected.columns.begin(), expected.columns.end(),
              [&](const ColumnData& a, const ColumnData& b) { return rank(a) < rank(b); });
    ASSERT_EQ(back, expected) << "iter " << iter << " page " << format.page_size;

    // And value by value through GetValue.
    for (const ColumnData& d : expected.columns) {
      const ColumnSpec* c = schema.Find(d.id, d.derived);
      ASSERT_NE(c, nullptr);
      uint32_t count = 0;
      ASSERT_EQ(reader.CountValues(*c, &count), JET_errSuccess);
      ASSERT_EQ(count, d.values.size());
      for (uint32_t i = 0; i < count; ++i) {
        ColumnValue v;
        ASSERT_EQ(reader.GetValue(*c, i + 1, &v), JET_errSuccess);
        EXPECT_EQ(std::vector<uint8_t>(v.data.begin(), v.data.end()), d.values[i].data);
        EXPECT_EQ(v.separated, d.values[i].separated);
        EXPECT_EQ(v.compressed, d.values[i].compressed);
      }
    }
  }
  EXPECT_EQ(encoded, 1500);
}

}  // namespace
}  // namespace jet
