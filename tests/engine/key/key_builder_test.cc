// JetMakeKey's behaviour: misuse sequences and their errors, the grbits, and
// the limit keys JetSeek / JetSetIndexRange use (a range built from a prefix
// limit holds exactly the keys with that prefix).

#include "key/key_builder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "esent.h"
#include "key/index_entry_key.h"
#include "key/index_key_def.h"
#include "key/key_format.h"
#include "key_test_util.h"

namespace jet {
namespace {

using key_test::Ascii;
using key_test::Bytes;
using key_test::FromHex;
using key_test::Le;
using key_test::OneSegmentIndex;
using key_test::Segment;
using key_test::TestSeed;
using key_test::ToHex;
using key_test::Utf16le;

IndexKeyDef LongTextIndex() {
  IndexKeyDef def;
  def.segments = {Segment(JET_coltypLong, false, true), Segment(JET_coltypText)};
  return def;
}

JET_ERR Make(KeyBuilder& b, const Bytes& v, uint32_t grbit) {
  return b.MakeKey(v.empty() ? nullptr : v.data(), v.size(), grbit);
}

std::string Hex(const KeyBuilder& b) { return ToHex(b.key()); }

bool LessOrEqual(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  return !std::lexicographical_compare(b.begin(), b.end(), a.begin(), a.end());
}

// --- Misuse -------------------------------------------------------------------

TEST(KeyBuilderMisuse, SegmentBeforeNewKey) {
  KeyBuilder b(LongTextIndex());
  EXPECT_EQ(Make(b, Le<int32_t>(1), 0), JET_errKeyNotMade);
  std::vector<uint8_t> key;
  EXPECT_EQ(b.GetSearchKey(&key), JET_errKeyNotMade);
  EXPECT_FALSE(b.prepared());
}

TEST(KeyBuilderMisuse, SegmentAfterTheLast) {
  KeyBuilder b(LongTextIndex());
  ASSERT_EQ(Make(b, Le<int32_t>(1), JET_bitNewKey), JET_errSuccess);
  ASSERT_EQ(Make(b, Ascii("x"), 0), JET_errSuccess);
  EXPECT_EQ(b.segment_count(), 2u);
  EXPECT_EQ(Make(b, Ascii("y"), 0), JET_errKeyIsMade);
  EXPECT_EQ(Hex(b),
            "7f80000001"
            "7f5800")
      << "a refused segment changes nothing";
  // JET_bitNewKey starts over.
  ASSERT_EQ(Make(b, Le<int32_t>(2), JET_bitNewKey), JET_errSuccess);
  EXPECT_EQ(Hex(b), "7f80000002");
}

TEST(KeyBuilderMisuse, SegmentAfterALimit) {
  KeyBuilder b(LongTextIndex());
  ASSERT_EQ(Make(b, Le<int32_t>(1), JET_bitNewKey | JET_bitFullColumnStartLimit), JET_errSuccess);
  EXPECT_TRUE(b.is_limit());
  EXPECT_EQ(Make(b, Ascii("x"), 0), JET_errKeyIsMade);
  ASSERT_EQ(Make(b, Le<int32_t>(1), JET_bitNewKey), JET_errSuccess);
  EXPECT_FALSE(b.is_limit());
}

TEST(KeyBuilderMisuse, WrongSizes) {
  KeyBuilder b(LongTextIndex());
  EXPECT_EQ(Make(b, Bytes{1, 2}, JET_bitNewKey), JET_errInvalidBufferSize);
  // JET_bitNewKey took effect before the size was checked, as in ESE: the old
  // key is gone.
  EXPECT_FALSE(b.prepared());
  EXPECT_EQ(Make(b, Ascii("x"), 0), JET_errKeyNotMade);

  // A tagged column of a fixed-width type is checked too.
  KeyBuilder tagged(OneSegmentIndex(Segment(JET_coltypLongLong)));
  EXPECT_EQ(Make(tagged, Le<int32_t>(1), JET_bitNewKey), JET_errInvalidBufferSize);

  // Fixed binary must be exactly its length; fixed text may be shorter.
  KeyBuilder fixed_binary(OneSegmentIndex(Segment(JET_coltypBinary, false, true, 0, 4)));
  EXPECT_EQ(Make(fixed_binary, Bytes{1, 2, 3}, JET_bitNewKey), JET_errInvalidBufferSize);
  EXPECT_EQ(Make(fixed_binary, Bytes{1, 2, 3, 4, 5}, JET_bitNewKey), JET_errInvalidBufferSize);
  KeyBuilder fixed_text(OneSegmentIndex(Segment(JET_coltypText, false, true, 1252, 4)));
  EXPECT_EQ(Make(fixed_text, Ascii("abcde"), JET_bitNewKey), JET_errInvalidBufferSize);
}

TEST(KeyBuilderMisuse, KeyDataZeroLengthNeedsAVariableTextOrBinaryColumn) {
  KeyBuilder b(LongTextIndex());
  EXPECT_EQ(b.MakeKey(nullptr, 0, JET_bitNewKey | JET_bitKeyDataZeroLength),
            JET_errInvalidBufferSize);
  KeyBuilder fixed_text(OneSegmentIndex(Segment(JET_coltypText, false, true, 1252, 4)));
  EXPECT_EQ(fixed_text.MakeKey(nullptr, 0, JET_bitNewKey | JET_bitKeyDataZeroLength),
            JET_errInvalidBufferSize);
  KeyBuilder text(OneSegmentIndex(Segment(JET_coltypLongText)));
  ASSERT_EQ(text.MakeKey(nullptr, 0, JET_bitNewKey | JET_bitKeyDataZeroLength), JET_errSuccess);
  EXPECT_EQ(Hex(text), "40");
  ASSERT_EQ(text.MakeKey(nullptr, 0, JET_bitNewKey), JET_errSuccess);
  EXPECT_EQ(Hex(text), "00") << "cbData 0 without the grbit is NULL";
}

TEST(KeyBuilderMisuse, BadGrbits) {
  KeyBuilder b(LongTextIndex());
  // Partial limits need text or variable binary.
  EXPECT_EQ(Make(b, Le<int32_t>(1), JET_bitNewKey | JET_bitPartialColumnStartLimit),
            JET_errInvalidGrbit);
  // At most one limit option.
  EXPECT_EQ(Make(b, Le<int32_t>(1),
                 JET_bitNewKey | JET_bitFullColumnStartLimit | JET_bitFullColumnEndLimit),
            JET_errInvalidGrbit);
  KeyBuilder fixed_binary(OneSegmentIndex(Segment(JET_coltypBinary, false, true, 0, 2)));
  EXPECT_EQ(Make(fixed_binary, Bytes{1, 2}, JET_bitNewKey | JET_bitPartialColumnEndLimit),
            JET_errInvalidGrbit);
}

TEST(KeyBuilderMisuse, NullDataWithLength) {
  KeyBuilder b(LongTextIndex());
  EXPECT_EQ(b.MakeKey(nullptr, 4, JET_bitNewKey), JET_errInvalidParameter);
}

TEST(KeyBuilderMisuse, InvalidDefinition) {
  KeyBuilder b(IndexKeyDef{});
  EXPECT_EQ(Make(b, Le<int32_t>(1), JET_bitNewKey), JET_errIndexInvalidDef);
}

// --- Normalised keys (JET_bitNormalizedKey) -------------------------------------

TEST(KeyBuilderNormalizedKey, TakesARetrievedKeyAsIs) {
  KeyBuilder b(LongTextIndex());
  ASSERT_EQ(Make(b, Le<int32_t>(5), JET_bitNewKey), JET_errSuccess);
  ASSERT_EQ(Make(b, Ascii("abc"), 0), JET_errSuccess);
  std::vector<uint8_t> retrieved;
  ASSERT_EQ(b.GetSearchKey(&retrieved), JET_errSuccess);

  KeyBuilder again(LongTextIndex());
  ASSERT_EQ(again.MakeKey(retrieved.data(), retrieved.size(), JET_bitNormalizedKey),
            JET_errSuccess);
  EXPECT_EQ(Hex(again), Hex(b));
  EXPECT_FALSE(again.is_limit());
  EXPECT_EQ(again.segment_count(), 1u);
  // It counts as the first segment: the next one appends the second column.
  ASSERT_EQ(Make(again, Ascii("z"), 0), JET_errSuccess);
  EXPECT_EQ(Hex(again), Hex(b) + "7f5a00");
}

TEST(KeyBuilderNormalizedKey, Lengths) {
  KeyBuilder b(LongTextIndex());
  const Bytes limit_key(256, 0x7f);  // cbKeyMost + 1: a limit key
  ASSERT_EQ(Make(b, limit_key, JET_bitNormalizedKey), JET_errSuccess);
  EXPECT_TRUE(b.is_limit());
  EXPECT_EQ(Make(b, Ascii("x"), 0), JET_errKeyIsMade);
  EXPECT_EQ(Make(b, Bytes(257, 0x7f), JET_bitNormalizedKey), JET_errInvalidParameter);

  IndexKeyDef big = LongTextIndex();
  big.cb_key_most = 500;
  KeyBuilder b2(big);
  EXPECT_EQ(Make(b2, Bytes(501, 1), JET_bitNormalizedKey), JET_errSuccess);
  EXPECT_EQ(Make(b2, Bytes(502, 1), JET_bitNormalizedKey), JET_errInvalidParameter);
}

// --- Segments ------------------------------------------------------------------

TEST(KeyBuilderSegments, FixedTextIsPaddedWithSpaces) {
  KeyBuilder b(OneSegmentIndex(Segment(JET_coltypText, false, true, 1252, 6)));
  ASSERT_EQ(Make(b, Ascii("ab"), JET_bitNewKey), JET_errSuccess);
  EXPECT_EQ(Hex(b),
            "7f"
            "414220202020"
            "00");
  IndexKeyDef udef = OneSegmentIndex(Segment(JET_coltypText, false, true, kCodePageUnicode, 6));
  udef.unicode_collation = UnicodeCollation::kJetsvcFoldV1;
  KeyBuilder uj(udef);
  ASSERT_EQ(Make(uj, Utf16le(u"a"), JET_bitNewKey), JET_errSuccess);
  EXPECT_EQ(Hex(uj),
            "7f"
            "0041"
            "0020"
            "0020"
            "0000");
}

TEST(KeyBuilderSegments, CutSegmentEndsTheKey) {
  IndexKeyDef def;
  def.segments = {Segment(JET_coltypText), Segment(JET_coltypLong, false, true)};
  KeyBuilder b(def);
  ASSERT_EQ(Make(b, Ascii(std::string(400, 'k')), JET_bitNewKey), JET_errSuccess)
      << "JetMakeKey cuts silently";
  EXPECT_TRUE(b.too_big());
  EXPECT_EQ(b.key().size(), 255u);
  ASSERT_EQ(Make(b, Le<int32_t>(3), 0), JET_errSuccess);
  EXPECT_EQ(b.key().size(), 255u) << "nothing is added after a cut segment";
  EXPECT_EQ(b.segment_count(), 2u);
  EXPECT_EQ(Make(b, Le<int32_t>(3), 0), JET_errKeyIsMade);
}

TEST(KeyBuilderSegments, UnicodeUnderWindowsCollation) {
  KeyBuilder b(OneSegmentIndex(Segment(JET_coltypText, false, false, kCodePageUnicode)));
  EXPECT_EQ(Make(b, Utf16le(u"abc"), JET_bitNewKey), JET_errUnicodeNormalizationNotSupported);
  EXPECT_EQ(Make(b, Utf16le(u"abc"), JET_bitNewKey | JET_bitPartialColumnStartLimit),
            JET_errUnicodeNormalizationNotSupported);
  // Seeking for NULL or an empty string needs no sort key.
  ASSERT_EQ(b.MakeKey(nullptr, 0, JET_bitNewKey), JET_errSuccess);
  EXPECT_EQ(Hex(b), "00");
  ASSERT_EQ(b.MakeKey(nullptr, 0, JET_bitNewKey | JET_bitKeyDataZeroLength), JET_errSuccess);
  EXPECT_EQ(Hex(b), "40");
}

// --- Limits --------------------------------------------------------------------

TEST(KeyBuilderLimits, FullColumnLimits) {
  KeyBuilder start(LongTextIndex());
  ASSERT_EQ(Make(start, Le<int32_t>(1), JET_bitNewKey | JET_bitFullColumnStartLimit),
            JET_errSuccess);
  EXPECT_EQ(Hex(start), "7f80000001");
  KeyBuilder end(LongTextIndex());
  ASSERT_EQ(Make(end, Le<int32_t>(1), JET_bitNewKey | JET_bitFullColumnEndLimit), JET_errSuccess);
  ASSERT_EQ(end.key().size(), 256u) << "an end limit is cbKeyMost + 1 bytes";
  EXPECT_EQ(Hex(end).substr(0, 10), "7f80000001");
  EXPECT_EQ(Hex(end).substr(10), std::string(2 * 251, 'f'));
}

TEST(KeyBuilderLimits, PartialTextLimits) {
  KeyBuilder start(LongTextIndex());
  ASSERT_EQ(Make(start, Le<int32_t>(1), JET_bitNewKey), JET_errSuccess);
  ASSERT_EQ(Make(start, Ascii("ab"), JET_bitPartialColumnStartLimit), JET_errSuccess);
  EXPECT_EQ(Hex(start),
            "7f80000001"
            "7f4142")
      << "the terminator is dropped";
  KeyBuilder end(LongTextIndex());
  ASSERT_EQ(Make(end, Le<int32_t>(1), JET_bitNewKey), JET_errSuccess);
  ASSERT_EQ(Make(end, Ascii("ab"), JET_bitPartialColumnEndLimit), JET_errSuccess);
  EXPECT_EQ(Hex(end),
            "7f80000001"
            "7f4142" +
                std::string(2 * 248, 'f'));
  // JET_bitSubStrLimit is the same end limit.
  KeyBuilder sub(LongTextIndex());
  ASSERT_EQ(Make(sub, Le<int32_t>(1), JET_bitNewKey), JET_errSuccess);
  ASSERT_EQ(Make(sub, Ascii("ab"), JET_bitSubStrLimit), JET_errSuccess);
  EXPECT_EQ(Hex(sub), Hex(end));
  // JET_bitStrLimit keeps the whole value, terminator included.
  KeyBuilder str(LongTextIndex());
  ASSERT_EQ(Make(str, Le<int32_t>(1), JET_bitNewKey), JET_errSuccess);
  ASSERT_EQ(Make(str, Ascii("ab"), JET_bitStrLimit), JET_errSuccess);
  EXPECT_EQ(Hex(str),
            "7f80000001"
            "7f414200" +
                std::string(2 * 247, 'f'));
}

TEST(KeyBuilderLimits, PartialBinaryLimits) {
  const IndexKeyDef def = OneSegmentIndex(Segment(JET_coltypBinary));
  KeyBuilder start(def);
  ASSERT_EQ(Make(start, Ascii("ab"), JET_bitNewKey | JET_bitPartialColumnStartLimit),
            JET_errSuccess);
  EXPECT_EQ(Hex(start), "7f6162") << "the chunk padding and length byte are dropped";
  KeyBuilder end(def);
  ASSERT_EQ(Make(end, Ascii("ab"), JET_bitNewKey | JET_bitPartialColumnEndLimit), JET_errSuccess);
  EXPECT_EQ(Hex(end), "7f6162" + std::string(2 * 8, 'f'));
  KeyBuilder str(def);
  ASSERT_EQ(Make(str, Ascii("ab"), JET_bitNewKey | JET_bitStrLimit), JET_errSuccess);
  EXPECT_EQ(Hex(str), Hex(end));
}

TEST(KeyBuilderLimits, DescendingTextPrefix) {
  IndexKeyDef def = OneSegmentIndex(Segment(JET_coltypText, true));
  KeyBuilder start(def);
  ASSERT_EQ(Make(start, Ascii("ab"), JET_bitNewKey | JET_bitPartialColumnStartLimit),
            JET_errSuccess);
  EXPECT_EQ(Hex(start), "80bebd");
}

// The user-visible promise of prefix limits (JetSetIndexRange over a prefix):
// the range [start limit, end limit] holds exactly the index keys whose column
// starts with the prefix (case-insensitively for text), in both directions,
// for ASCII text, variable binary and Unicode text under jetsvc's collation.
TEST(KeyBuilderLimits, PrefixRangeHoldsExactlyThePrefixedValues) {
  std::mt19937_64 rng(TestSeed("KeyBuilderLimits.PrefixRangeHoldsExactlyThePrefixedValues"));
  struct Case {
    uint32_t coltyp;
    uint16_t code_page;
  };
  for (const Case c : {Case{JET_coltypText, kCodePageWestern}, Case{JET_coltypBinary, 0},
                       Case{JET_coltypText, kCodePageUnicode}}) {
    for (bool descending : {false, true}) {
      IndexKeyDef def;
      def.segments = {Segment(JET_coltypShort, false, true),
                      Segment(c.coltyp, descending, false, c.code_page)};
      def.unicode_collation = UnicodeCollation::kJetsvcFoldV1;
      const bool unicode = c.code_page == kCodePageUnicode;
      const bool text = c.coltyp == JET_coltypText;
      auto random_value = [&](size_t max_len) {
        std::u16string s(rng() % (max_len + 1), u'a');
        for (auto& ch : s) ch = u"abAB\u00e9\u00c9"[rng() % (text ? 6 : 2)];
        if (unicode) return Utf16le(s);
        Bytes out;
        for (char16_t ch : s) out.push_back(static_cast<uint8_t>(ch));
        return out;
      };
      auto folded = [&](const Bytes& v) {
        Bytes out;
        for (size_t i = 0; i < v.size(); i += unicode ? 2 : 1) {
          uint8_t ch = v[i];
          if (text && ch >= 'a' && ch <= 'z') ch = static_cast<uint8_t>(ch - 32);
          if (unicode && ch == 0xe9) ch = 0xc9;
          out.push_back(ch);
        }
        return out;
      };
      for (int round = 0; round < 40; ++round) {
        const Bytes prefix = random_value(4);
        if (prefix.empty()) continue;
        const Bytes group = Le<int16_t>(static_cast<int16_t>(round % 3));
        KeyBuilder start(def), end(def);
        ASSERT_EQ(Make(start, group, JET_bitNewKey), JET_errSuccess);
        ASSERT_EQ(Make(start, prefix, JET_bitPartialColumnStartLimit), JET_errSuccess);
        ASSERT_EQ(Make(end, group, JET_bitNewKey), JET_errSuccess);
        ASSERT_EQ(Make(end, prefix, JET_bitPartialColumnEndLimit), JET_errSuccess);
        for (int i = 0; i < 60; ++i) {
          const Bytes value = random_value(6);
          const Bytes value_group = Le<int16_t>(static_cast<int16_t>(rng() % 3));
          std::vector<uint8_t> key;
          IndexEntryKeyInfo info;
          const KeyColumnValue values[] = {KeyColumnValue::Of(value_group),
                                           KeyColumnValue::Of(value)};
          ASSERT_EQ(BuildIndexEntryKey(def, values, &key, &info), JET_errSuccess);
          const Bytes fv = folded(value), fp = folded(prefix);
          const bool has_prefix = value_group == group && fv.size() >= fp.size() &&
                                  std::equal(fp.begin(), fp.end(), fv.begin());
          // Start limits sort first, end limits last, in either direction: a
          // descending prefix's complemented bytes are still a prefix.
          const bool in_range = LessOrEqual(start.key(), key) && LessOrEqual(key, end.key());
          ASSERT_EQ(in_range, has_prefix)
              << (descending ? "descending " : "ascending ") << ToHex(value) << " prefix "
              << ToHex(prefix) << " key " << ToHex(key) << " range " << ToHex(start.key()) << " .. "
              << ToHex(end.key());
        }
      }
    }
  }
}

}  // namespace
}  // namespace jet
