// Order preservation: for random values of every column type, the order of
// the values (as the column type defines it) is the memcmp order of their
// normalised keys, ascending and descending, with NULLs where ESE sorts them,
// and for keys of several columns. The search key JetMakeKey makes of a value
// is the key the index stores for it.
//
// Seeded: the seed is printed, and JET_TEST_SEED=<seed> replays a run.

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "esent.h"
#include "key/index_entry_key.h"
#include "key/index_key_def.h"
#include "key/key_builder.h"
#include "key/key_format.h"
#include "key/unicode_fold.h"
#include "key_test_util.h"

namespace jet {
namespace {

using key_test::Bytes;
using key_test::Le;
using key_test::Segment;
using key_test::TestSeed;
using key_test::ToHex;

constexpr int kValuesPerType = 160;

// A column value: nullopt is NULL.
using Value = std::optional<Bytes>;
// Compares two non-NULL values of one type: <0, 0, >0.
using Compare = std::function<int(const Bytes&, const Bytes&)>;

int Sign(int v) { return (v > 0) - (v < 0); }

int CompareKeys(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  const size_t n = std::min(a.size(), b.size());
  const int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (c != 0) return Sign(c);
  return Sign(static_cast<int>(a.size()) - static_cast<int>(b.size()));
}

template <typename T>
T Get(const Bytes& b) {
  T v;
  std::memcpy(&v, b.data(), sizeof(T));
  return v;
}

template <typename T>
int CompareNumbers(const Bytes& a, const Bytes& b) {
  const T x = Get<T>(a);
  const T y = Get<T>(b);
  return (x > y) - (x < y);
}

// IEEE totalOrder: -NaN < -inf < ... < -0 < +0 < ... < +inf < +NaN.
template <typename T>
int CompareFloats(const Bytes& a, const Bytes& b) {
  const std::strong_ordering o = std::strong_order(Get<T>(a), Get<T>(b));
  return o < 0 ? -1 : (o > 0 ? 1 : 0);
}

int CompareBytes(const Bytes& a, const Bytes& b) {
  if (std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end())) return -1;
  if (std::lexicographical_compare(b.begin(), b.end(), a.begin(), a.end())) return 1;
  return 0;
}

// ESE's ASCII text order: a zero-length value first; otherwise the text up to
// its first NUL with a-z folded to A-Z, compared as unsigned bytes.
int CompareAsciiText(const Bytes& a, const Bytes& b) {
  if (a.empty() || b.empty()) return Sign(static_cast<int>(!a.empty()) - !b.empty());
  auto fold = [](const Bytes& s) {
    Bytes out;
    for (uint8_t c : s) {
      if (c == 0) break;
      out.push_back((c >= 'a' && c <= 'z') ? static_cast<uint8_t>(c - 32) : c);
    }
    return out;
  };
  return CompareBytes(fold(a), fold(b));
}

// jetsvc's Unicode order: a zero-length value first; otherwise the text up to
// its first U+0000, folded unit by unit, compared by code point.
int CompareUnicodeText(const Bytes& a, const Bytes& b) {
  if (a.empty() || b.empty()) return Sign(static_cast<int>(!a.empty()) - !b.empty());
  auto code_points = [](const Bytes& s) {
    std::vector<uint32_t> out;
    for (size_t i = 0; i + 1 < s.size(); i += 2) {
      const char16_t u = static_cast<char16_t>(s[i] | s[i + 1] << 8);
      if (u == 0) break;
      if (u >= 0xd800 && u <= 0xdbff && i + 3 < s.size()) {
        const char16_t lo = static_cast<char16_t>(s[i + 2] | s[i + 3] << 8);
        out.push_back(0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00));
        i += 2;
        continue;
      }
      out.push_back(FoldCodeUnit(u));
    }
    return out;
  };
  const auto x = code_points(a);
  const auto y = code_points(b);
  if (std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end())) return -1;
  if (std::lexicographical_compare(y.begin(), y.end(), x.begin(), x.end())) return 1;
  return 0;
}

// ESE's default GUID order: bytes 10-15, 8-9, 6-7, 4-5, 0-3 as stored
// (SQL Server's uniqueidentifier order).
int CompareGuidSql(const Bytes& a, const Bytes& b) {
  static constexpr int kGroups[5][2] = {{10, 16}, {8, 10}, {6, 8}, {4, 6}, {0, 4}};
  for (const auto& g : kGroups) {
    const int c = CompareBytes(Bytes(a.begin() + g[0], a.begin() + g[1]),
                               Bytes(b.begin() + g[0], b.begin() + g[1]));
    if (c != 0) return c;
  }
  return 0;
}

// .NET's Guid.CompareTo: Data1, Data2, Data3 as unsigned numbers, then Data4.
int CompareGuidDotNet(const Bytes& a, const Bytes& b) {
  if (int c = CompareNumbers<uint32_t>(a, b); c != 0) return c;
  if (int c =
          CompareNumbers<uint16_t>(Bytes(a.begin() + 4, a.end()), Bytes(b.begin() + 4, b.end()));
      c != 0) {
    return c;
  }
  if (int c =
          CompareNumbers<uint16_t>(Bytes(a.begin() + 6, a.end()), Bytes(b.begin() + 6, b.end()));
      c != 0) {
    return c;
  }
  return CompareBytes(Bytes(a.begin() + 8, a.end()), Bytes(b.begin() + 8, b.end()));
}

// NULL sorts before every value, or after it with JET_bitIndexSortNullsHigh.
int CompareValues(const Value& a, const Value& b, const Compare& cmp, bool nulls_high) {
  if (!a || !b) {
    const int c = static_cast<int>(!a.has_value()) - static_cast<int>(!b.has_value());
    return nulls_high ? c : -c;
  }
  return Sign(cmp(*a, *b));
}

// Random values --------------------------------------------------------------

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}
  uint64_t U64() { return rng_(); }
  size_t Below(size_t n) { return static_cast<size_t>(rng_() % n); }
  bool OneIn(size_t n) { return Below(n) == 0; }

  Bytes RandomBytes(size_t width) {
    Bytes b(width);
    for (auto& x : b) x = static_cast<uint8_t>(rng_());
    return b;
  }
  // Small alphabets, so that equal values, prefixes and near-ties are common.
  Bytes Binary(size_t max_len) {
    static constexpr uint8_t kAlphabet[] = {0x00, 0x01, 0x08, 0x09, 0x7f, 0x80, 0xfe, 0xff};
    Bytes b(Below(max_len + 1));
    for (auto& x : b) x = OneIn(4) ? static_cast<uint8_t>(rng_()) : kAlphabet[Below(8)];
    return b;
  }
  Bytes Ascii(size_t max_len) {
    static constexpr char kAlphabet[] = "aAbBzZ_ 09~";
    Bytes b(Below(max_len + 1));
    for (auto& x : b) {
      if (OneIn(40)) {
        x = 0;  // an embedded NUL ends the value
      } else if (OneIn(10)) {
        x = static_cast<uint8_t>(0x80 + Below(0x80));
      } else {
        x = static_cast<uint8_t>(kAlphabet[Below(sizeof(kAlphabet) - 1)]);
      }
    }
    return b;
  }
  // Well-formed UTF-16LE with a mix of ASCII, Latin-1, Greek, Cyrillic,
  // fullwidth forms, private use and supplementary characters.
  Bytes Unicode(size_t max_units) {
    static constexpr char16_t kUnits[] = {
        u'a',  u'A',  u'z',  u'Z',  u'_',  0xe9,  0xc9,   0xff,   0x178,  0x101,  0x100,
        0x3c2, 0x3a3, 0x3c3, 0x430, 0x410, 0x451, 0xff41, 0xff21, 0xe000, 0xfffd, 0x2000};
    std::u16string s;
    const size_t n = Below(max_units + 1);
    while (s.size() < n) {
      if (OneIn(12)) {
        const uint32_t cp = 0x10000 + static_cast<uint32_t>(Below(0x100000));
        s.push_back(static_cast<char16_t>(0xd800 + ((cp - 0x10000) >> 10)));
        s.push_back(static_cast<char16_t>(0xdc00 + ((cp - 0x10000) & 0x3ff)));
      } else if (OneIn(60)) {
        s.push_back(0);
      } else {
        s.push_back(kUnits[Below(sizeof(kUnits) / sizeof(kUnits[0]))]);
      }
    }
    return key_test::Utf16le(s);
  }

 private:
  std::mt19937_64 rng_;
};

// Interesting fixed-width values: extremes, zeros, NaNs, infinities.
std::vector<Bytes> EdgeValues(uint32_t coltyp) {
  switch (coltyp) {
    case JET_coltypShort:
      return {Le<int16_t>(INT16_MIN), Le<int16_t>(-1), Le<int16_t>(0), Le<int16_t>(INT16_MAX)};
    case JET_coltypLong:
      return {Le<int32_t>(INT32_MIN), Le<int32_t>(-1), Le<int32_t>(0), Le<int32_t>(INT32_MAX)};
    case JET_coltypLongLong:
    case JET_coltypCurrency:
      return {Le<int64_t>(INT64_MIN), Le<int64_t>(-1), Le<int64_t>(0), Le<int64_t>(INT64_MAX)};
    case JET_coltypIEEESingle: {
      using L = std::numeric_limits<float>;
      return {Le(-L::infinity()), Le(-L::max()),       Le(-0.0f),
              Le(0.0f),           Le(L::denorm_min()), Le(L::max()),
              Le(L::infinity()),  Le(L::quiet_NaN()),  Le(-L::quiet_NaN())};
    }
    case JET_coltypIEEEDouble:
    case JET_coltypDateTime: {
      using L = std::numeric_limits<double>;
      return {Le(-L::infinity()),  Le(-L::max()), Le(-0.0),          Le(0.0),
              Le(L::denorm_min()), Le(L::max()),  Le(L::infinity()), Le(L::quiet_NaN()),
              Le(-L::quiet_NaN())};
    }
    default:
      return {};
  }
}

struct TypeCase {
  const char* name;
  uint32_t coltyp;
  uint16_t code_page;
  Compare compare;
  bool dot_net_guid = false;
};

void PrintTo(const TypeCase& t, std::ostream* os) { *os << t.name; }

std::vector<TypeCase> AllTypes() {
  return {
      {"Bit", JET_coltypBit, 0,
       [](const Bytes& a, const Bytes& b) { return int(a[0] != 0) - int(b[0] != 0); }},
      {"UnsignedByte", JET_coltypUnsignedByte, 0, CompareNumbers<uint8_t>},
      {"Short", JET_coltypShort, 0, CompareNumbers<int16_t>},
      {"UnsignedShort", JET_coltypUnsignedShort, 0, CompareNumbers<uint16_t>},
      {"Long", JET_coltypLong, 0, CompareNumbers<int32_t>},
      {"UnsignedLong", JET_coltypUnsignedLong, 0, CompareNumbers<uint32_t>},
      {"LongLong", JET_coltypLongLong, 0, CompareNumbers<int64_t>},
      {"UnsignedLongLong", JET_coltypUnsignedLongLong, 0, CompareNumbers<uint64_t>},
      {"Currency", JET_coltypCurrency, 0, CompareNumbers<int64_t>},
      {"IEEESingle", JET_coltypIEEESingle, 0, CompareFloats<float>},
      {"IEEEDouble", JET_coltypIEEEDouble, 0, CompareFloats<double>},
      {"DateTime", JET_coltypDateTime, 0, CompareFloats<double>},
      {"GUID", JET_coltypGUID, 0, CompareGuidSql},
      {"GUIDDotNet", JET_coltypGUID, 0, CompareGuidDotNet, true},
      {"Binary", JET_coltypBinary, 0, CompareBytes},
      {"LongBinary", JET_coltypLongBinary, 0, CompareBytes},
      {"Text", JET_coltypText, kCodePageWestern, CompareAsciiText},
      {"LongText", JET_coltypLongText, kCodePageWestern, CompareAsciiText},
      {"TextUnicodeJetsvc", JET_coltypText, kCodePageUnicode, CompareUnicodeText},
      {"LongTextUnicodeJetsvc", JET_coltypLongText, kCodePageUnicode, CompareUnicodeText},
  };
}

std::vector<Value> RandomValues(const TypeCase& t, Gen& gen, bool with_nulls) {
  std::vector<Value> values;
  const size_t width = FixedWidthOfColumnType(t.coltyp);
  if (width != 0) {
    for (Bytes& b : EdgeValues(t.coltyp)) values.emplace_back(std::move(b));
  }
  if (with_nulls) values.emplace_back(std::nullopt);
  while (values.size() < static_cast<size_t>(kValuesPerType)) {
    if (with_nulls && gen.OneIn(25)) {
      values.emplace_back(std::nullopt);
    } else if (width != 0) {
      Bytes b = gen.RandomBytes(width);
      if (gen.OneIn(3) && width > 1) {  // nearby values: small magnitudes
        for (size_t i = 1; i < width; ++i) b[i] = b[width - 1] >> 7 ? 0xff : 0x00;
      }
      values.emplace_back(std::move(b));
    } else if (IsBinaryColumnType(t.coltyp)) {
      values.emplace_back(gen.Binary(30));
    } else if (t.code_page == kCodePageUnicode) {
      values.emplace_back(gen.Unicode(20));
    } else {
      values.emplace_back(gen.Ascii(24));
    }
  }
  // Some duplicates, so that equal values are tested too.
  for (int i = 0; i < 8; ++i) values.push_back(values[gen.Below(values.size())]);
  return values;
}

IndexKeyDef DefFor(const TypeCase& t, bool descending, bool nulls_high) {
  IndexKeyDef def;
  def.segments.push_back(Segment(t.coltyp, descending, false, t.code_page));
  def.sort_nulls_high = nulls_high;
  def.dot_net_guid = t.dot_net_guid;
  def.unicode_collation = UnicodeCollation::kJetsvcFoldV1;
  return def;
}

std::vector<uint8_t> RecordKey(const IndexKeyDef& def, const std::vector<Value>& row) {
  std::vector<KeyColumnValue> values;
  for (const Value& v : row) values.push_back(v ? KeyColumnValue::Of(*v) : KeyColumnValue::Null());
  std::vector<uint8_t> key;
  IndexEntryKeyInfo info;
  EXPECT_EQ(BuildIndexEntryKey(def, values, &key, &info), JET_errSuccess);
  return key;
}

std::vector<uint8_t> SearchKey(const IndexKeyDef& def, const std::vector<Value>& row) {
  KeyBuilder builder(def);
  for (size_t i = 0; i < row.size(); ++i) {
    uint32_t grbit = i == 0 ? JET_bitNewKey : 0;
    const Value& v = row[i];
    if (v && v->empty()) grbit |= JET_bitKeyDataZeroLength;
    EXPECT_EQ(builder.MakeKey(v ? v->data() : nullptr, v ? v->size() : 0, grbit), JET_errSuccess);
  }
  return std::vector<uint8_t>(builder.key().begin(), builder.key().end());
}

std::string Describe(const Value& v) { return v ? "0x" + ToHex(*v) : std::string("NULL"); }

class KeyOrder : public testing::TestWithParam<TypeCase> {};

TEST_P(KeyOrder, MemcmpOfKeysIsValueOrder) {
  const TypeCase& t = GetParam();
  Gen gen(TestSeed(std::string("KeyOrder.") + t.name));
  for (bool descending : {false, true}) {
    for (bool nulls_high : {false, true}) {
      SCOPED_TRACE(std::string(descending ? "descending" : "ascending") +
                   (nulls_high ? ", NULLs high" : ", NULLs low"));
      const IndexKeyDef def = DefFor(t, descending, nulls_high);
      const std::vector<Value> values = RandomValues(t, gen, true);
      std::vector<std::vector<uint8_t>> keys;
      for (const Value& v : values) {
        keys.push_back(RecordKey(def, {v}));
        ASSERT_EQ(ToHex(SearchKey(def, {v})), ToHex(keys.back()))
            << "JetMakeKey's key differs from the stored key for " << Describe(v);
      }
      for (size_t i = 0; i < values.size(); ++i) {
        for (size_t j = 0; j < values.size(); ++j) {
          int expected = CompareValues(values[i], values[j], t.compare, nulls_high);
          if (descending) expected = -expected;
          ASSERT_EQ(CompareKeys(keys[i], keys[j]), expected)
              << Describe(values[i]) << " vs " << Describe(values[j]) << ": keys " << ToHex(keys[i])
              << " vs " << ToHex(keys[j]);
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllTypes, KeyOrder, testing::ValuesIn(AllTypes()),
                         [](const testing::TestParamInfo<TypeCase>& info) {
                           return std::string(info.param.name);
                         });

// Keys of several columns: the tuple order, column by column, each column in
// its own direction; NULLs and zero-length values included.
TEST(KeyOrderMultiColumn, MemcmpOfKeysIsTupleOrder) {
  Gen gen(TestSeed("KeyOrderMultiColumn.MemcmpOfKeysIsTupleOrder"));
  const std::vector<TypeCase> types = AllTypes();
  for (int round = 0; round < 12; ++round) {
    // 2..4 columns of random types and directions.
    const size_t ncols = 2 + gen.Below(3);
    std::vector<const TypeCase*> cols;
    IndexKeyDef def;
    def.sort_nulls_high = gen.OneIn(2);
    def.unicode_collation = UnicodeCollation::kJetsvcFoldV1;
    std::vector<bool> descending;
    std::string what;
    for (size_t c = 0; c < ncols; ++c) {
      const TypeCase* t = &types[gen.Below(types.size())];
      if (t->dot_net_guid) t = &types[0];
      cols.push_back(t);
      descending.push_back(gen.OneIn(2));
      def.segments.push_back(Segment(t->coltyp, descending.back(), false, t->code_page));
      what += std::string(descending.back() ? "-" : "+") + t->name + " ";
    }
    SCOPED_TRACE(what + (def.sort_nulls_high ? "NULLs high" : "NULLs low"));
    // Rows with few distinct values per column, so that ties in the first
    // columns are common and later columns decide.
    std::vector<std::vector<Value>> pools;
    for (size_t c = 0; c < ncols; ++c) {
      std::vector<Value> pool = RandomValues(*cols[c], gen, true);
      pool.resize(5);
      pools.push_back(pool);
    }
    std::vector<std::vector<Value>> rows;
    for (int r = 0; r < 120; ++r) {
      std::vector<Value> row;
      for (size_t c = 0; c < ncols; ++c) row.push_back(pools[c][gen.Below(pools[c].size())]);
      rows.push_back(row);
    }
    std::vector<std::vector<uint8_t>> keys;
    for (const auto& row : rows) {
      keys.push_back(RecordKey(def, row));
      ASSERT_EQ(ToHex(SearchKey(def, row)), ToHex(keys.back()));
    }
    for (size_t i = 0; i < rows.size(); ++i) {
      for (size_t j = 0; j < rows.size(); ++j) {
        int expected = 0;
        for (size_t c = 0; c < ncols && expected == 0; ++c) {
          expected = CompareValues(rows[i][c], rows[j][c], cols[c]->compare, def.sort_nulls_high);
          if (descending[c]) expected = -expected;
        }
        ASSERT_EQ(CompareKeys(keys[i], keys[j]), expected)
            << "rows " << i << " and " << j << ": keys " << ToHex(keys[i]) << " vs "
            << ToHex(keys[j]);
      }
    }
  }
}

// Values too long for the key: the order is kept where the keys differ, and
// values that share the kept prefix get equal keys (never a reversed order).
// Binary only: ESE's text truncation rule breaks this on purpose (see
// KeyIndexEntry.AsciiTextCutUsesEsesBrokenUpperCase).
TEST(KeyOrderTruncated, LongBinaryKeepsWeakOrder) {
  Gen gen(TestSeed("KeyOrderTruncated.LongBinaryKeepsWeakOrder"));
  for (uint32_t cb_key_most : {255u, 1000u}) {
    IndexKeyDef def = key_test::OneSegmentIndex(Segment(JET_coltypLongBinary));
    def.cb_key_most = cb_key_most;
    std::vector<Value> values;
    for (int i = 0; i < 80; ++i) {
      Bytes v(220 + gen.Below(1200), 0x61);
      for (size_t k = 0; k < 3; ++k) v[gen.Below(v.size())] = static_cast<uint8_t>(gen.U64());
      values.emplace_back(std::move(v));
    }
    std::vector<std::vector<uint8_t>> keys;
    for (const Value& v : values) {
      keys.push_back(RecordKey(def, {v}));
      EXPECT_LE(keys.back().size(), cb_key_most);
    }
    for (size_t i = 0; i < values.size(); ++i) {
      for (size_t j = 0; j < values.size(); ++j) {
        const int expected = CompareBytes(*values[i], *values[j]);
        const int actual = CompareKeys(keys[i], keys[j]);
        ASSERT_TRUE(actual == expected || actual == 0)
            << "cbKeyMost " << cb_key_most << ", values " << i << " and " << j;
      }
    }
  }
}

}  // namespace
}  // namespace jet
