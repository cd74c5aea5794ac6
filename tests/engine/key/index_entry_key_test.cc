// The key an index stores for a record: segment bytes for NULLs, zero-length
// values, binary chunks and ASCII text, key-size truncation, cbVarSegMac, and
// the NULL information the index's NULL options need.

#include "key/index_entry_key.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "esent.h"
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
using key_test::ToHex;
using key_test::Utf16le;

struct Built {
  JET_ERR err;
  std::string key_hex;
  IndexEntryKeyInfo info;
};

Built Build(const IndexKeyDef& def, const std::vector<KeyColumnValue>& values) {
  Built b{};
  std::vector<uint8_t> key;
  b.err = BuildIndexEntryKey(def, values, &key, &b.info);
  b.key_hex = ToHex(key);
  return b;
}

std::string KeyOf(const IndexKeyDef& def, const Bytes& value) {
  const Built b = Build(def, {KeyColumnValue::Of(value)});
  EXPECT_EQ(b.err, JET_errSuccess);
  return b.key_hex;
}

TEST(KeyIndexEntry, NullAndZeroLengthSegments) {
  // ESE's prefix bytes: NULL 00 (or c0 with SortNullsHigh), zero-length 40.
  IndexKeyDef text = OneSegmentIndex(Segment(JET_coltypText));
  EXPECT_EQ(Build(text, {KeyColumnValue::Null()}).key_hex, "00");
  EXPECT_EQ(Build(text, {KeyColumnValue::Of({})}).key_hex, "40");
  IndexKeyDef binary = OneSegmentIndex(Segment(JET_coltypLongBinary));
  EXPECT_EQ(Build(binary, {KeyColumnValue::Of({})}).key_hex, "40");
  // A fixed-width type has no zero-length form.
  IndexKeyDef tagged_long = OneSegmentIndex(Segment(JET_coltypLong));
  EXPECT_EQ(Build(tagged_long, {KeyColumnValue::Of({})}).key_hex, "00");

  text.sort_nulls_high = true;
  EXPECT_EQ(Build(text, {KeyColumnValue::Null()}).key_hex, "c0");
  EXPECT_EQ(Build(text, {KeyColumnValue::Of({})}).key_hex, "40");

  IndexKeyDef descending = OneSegmentIndex(Segment(JET_coltypText, true));
  EXPECT_EQ(Build(descending, {KeyColumnValue::Null()}).key_hex, "ff");
  EXPECT_EQ(Build(descending, {KeyColumnValue::Of({})}).key_hex, "bf");
  EXPECT_EQ(KeyOf(descending, Ascii("a")), "80beff");
}

TEST(KeyIndexEntry, NullInformation) {
  IndexKeyDef def;
  def.segments = {Segment(JET_coltypLong, false, true), Segment(JET_coltypText)};
  const Bytes one = Le<int32_t>(1);
  Built b = Build(def, {KeyColumnValue::Null(), KeyColumnValue::Null()});
  EXPECT_TRUE(b.info.all_null && b.info.first_null && b.info.any_null);
  EXPECT_EQ(b.key_hex, "0000");
  b = Build(def, {KeyColumnValue::Null(), KeyColumnValue::Of(Ascii("x"))});
  EXPECT_TRUE(!b.info.all_null && b.info.first_null && b.info.any_null);
  b = Build(def, {KeyColumnValue::Of(one), KeyColumnValue::Null()});
  EXPECT_TRUE(!b.info.all_null && !b.info.first_null && b.info.any_null);
  // A zero-length value is a value.
  b = Build(def, {KeyColumnValue::Of(one), KeyColumnValue::Of({})});
  EXPECT_TRUE(!b.info.all_null && !b.info.any_null);
  EXPECT_EQ(b.key_hex, "7f8000000140");
}

TEST(KeyIndexEntry, BinaryChunks) {
  const IndexKeyDef def = OneSegmentIndex(Segment(JET_coltypBinary));
  // Chunks of 8 bytes, each followed by 9 ("more follows") or the count of
  // data bytes in the last one, which is zero-padded.
  EXPECT_EQ(KeyOf(def, Ascii("ab")),
            "7f"
            "6162000000000000"
            "02");
  EXPECT_EQ(KeyOf(def, Ascii("abcdefgh")),
            "7f"
            "6162636465666768"
            "08");
  EXPECT_EQ(KeyOf(def, Ascii("abcdefghi")),
            "7f"
            "6162636465666768"
            "09"
            "6900000000000000"
            "01");
  EXPECT_EQ(KeyOf(def, Bytes{0x00}),
            "7f"
            "0000000000000000"
            "01");
}

TEST(KeyIndexEntry, BinaryCutAtKeySize) {
  // 255 bytes: 28 whole chunks (253 bytes with the prefix), then 2 raw bytes.
  const IndexKeyDef def = OneSegmentIndex(Segment(JET_coltypLongBinary));
  const Bytes value(232, 0x61);  // 29 whole chunks
  const Built b = Build(def, {KeyColumnValue::Of(value)});
  ASSERT_EQ(b.err, JET_errSuccess);
  ASSERT_EQ(b.key_hex.size(), 2u * 255);
  // The value's last chunk is the 29th; the key holds 28 chunks and 2 raw
  // bytes of it, so the value is cut.
  EXPECT_TRUE(b.info.truncated);
  EXPECT_EQ(b.key_hex.substr(2 + 27 * 18, 18), "616161616161616109");
  EXPECT_EQ(b.key_hex.substr(2 + 28 * 18), "6161");

  // A value that ends on a chunk boundary exactly where the key ends fitted
  // whole: its last length byte is 8, not 9.
  IndexKeyDef big = def;
  big.cb_key_most = 1 + 50 * 9;
  const Bytes eight(8 * 50, 0x62);
  const Built b2 = Build(big, {KeyColumnValue::Of(eight)});
  ASSERT_EQ(b2.err, JET_errSuccess);
  EXPECT_FALSE(b2.info.truncated);
  EXPECT_EQ(b2.key_hex.size(), 2u * (1 + 50 * 9));
  EXPECT_EQ(b2.key_hex.substr(b2.key_hex.size() - 2), "08");
}

TEST(KeyIndexEntry, FixedBinaryColumnIsNotChunked) {
  const IndexKeyDef def = OneSegmentIndex(Segment(JET_coltypBinary, false, true, 0, 4));
  EXPECT_EQ(KeyOf(def, Bytes{1, 2, 0, 0}), "7f01020000");
}

TEST(KeyIndexEntry, AsciiText) {
  const IndexKeyDef def = OneSegmentIndex(Segment(JET_coltypText));
  // a-z only are folded; everything else stays as it is; 00 ends the value.
  EXPECT_EQ(KeyOf(def, Ascii("aZ_~")),
            "7f"
            "415a5f7e"
            "00");
  EXPECT_EQ(KeyOf(def, Bytes{0xe9, 0xff, 0x7b}),
            "7f"
            "e9ff7b"
            "00");
  // The value ends at its first NUL.
  EXPECT_EQ(KeyOf(def, Bytes{'a', 0, 'b'}),
            "7f"
            "41"
            "00");
  EXPECT_EQ(KeyOf(def, Bytes{0, 'b'}),
            "7f"
            "00");
}

// When the key is full, ESE's last text byte is the next character "upper
// cased" by a plain c - 0x20, whatever the character (normu.cxx,
// _crt_clocale_toupper_broken): 'a' -> 'A', but 'A' -> '!' and ' ' -> 00. It
// is what ESE wrote into existing indexes, so we write it too.
TEST(KeyIndexEntry, AsciiTextCutUsesEsesBrokenUpperCase) {
  const IndexKeyDef def = OneSegmentIndex(Segment(JET_coltypText));
  auto last_byte = [&](char c) {
    const std::string text = std::string(253, 'x') + c + "tail";
    const Built b = Build(def, {KeyColumnValue::Of(Ascii(text))});
    EXPECT_EQ(b.err, JET_errSuccess);
    EXPECT_TRUE(b.info.truncated);
    EXPECT_EQ(b.key_hex.size(), 2u * 255);
    return b.key_hex.substr(b.key_hex.size() - 2);
  };
  EXPECT_EQ(last_byte('a'), "41");
  EXPECT_EQ(last_byte('A'), "21");
  EXPECT_EQ(last_byte(' '), "00");
  EXPECT_EQ(last_byte('\x05'), "e5");
  // A value that ends exactly where the key ends keeps its terminator...
  const Built fits = Build(def, {KeyColumnValue::Of(Ascii(std::string(253, 'x')))});
  EXPECT_FALSE(fits.info.truncated);
  EXPECT_EQ(fits.key_hex.substr(fits.key_hex.size() - 2), "00");
  // ...one byte longer, and it is cut.
  const Built cut = Build(def, {KeyColumnValue::Of(Ascii(std::string(254, 'x')))});
  EXPECT_TRUE(cut.info.truncated);
  EXPECT_EQ(cut.key_hex.substr(cut.key_hex.size() - 2), "58");
}

TEST(KeyIndexEntry, KeySizeTruncation) {
  IndexKeyDef def;
  def.segments = {Segment(JET_coltypText), Segment(JET_coltypLong, false, true)};
  const Bytes id = Le<int32_t>(7);
  // Room for the text: the second column never makes it into the key.
  Built b = Build(def, {KeyColumnValue::Of(Ascii(std::string(300, 'q'))), KeyColumnValue::Of(id)});
  ASSERT_EQ(b.err, JET_errSuccess);
  EXPECT_EQ(b.key_hex.size(), 2u * 255);
  EXPECT_TRUE(b.info.truncated);
  // A NULL that did not fit still counts as NULL.
  b = Build(def, {KeyColumnValue::Of(Ascii(std::string(300, 'q'))), KeyColumnValue::Null()});
  EXPECT_TRUE(b.info.any_null);

  // A fixed-width column that does not fit whole is cut.
  b = Build(def, {KeyColumnValue::Of(Ascii(std::string(250, 'q'))), KeyColumnValue::Of(id)});
  EXPECT_EQ(b.key_hex.size(), 2u * 255);
  EXPECT_EQ(b.key_hex.substr(2 * 252), "7f8000");
  EXPECT_TRUE(b.info.truncated);

  def.disallow_truncation = true;
  b = Build(def, {KeyColumnValue::Of(Ascii(std::string(300, 'q'))), KeyColumnValue::Of(id)});
  EXPECT_EQ(b.err, JET_errKeyTruncated);
  b = Build(def, {KeyColumnValue::Of(Ascii(std::string(200, 'q'))), KeyColumnValue::Of(id)});
  EXPECT_EQ(b.err, JET_errSuccess);
}

TEST(KeyIndexEntry, LargerKeySizeSeesWholeValues) {
  IndexKeyDef def = OneSegmentIndex(Segment(JET_coltypLongText));
  def.cb_key_most = 2000;
  const Built b = Build(def, {KeyColumnValue::Of(Ascii(std::string(1500, 'm')))});
  ASSERT_EQ(b.err, JET_errSuccess);
  EXPECT_FALSE(b.info.truncated);
  EXPECT_EQ(b.key_hex.size(), 2u * 1502);
}

TEST(KeyIndexEntry, VarSegMacLimitsEachSegment) {
  IndexKeyDef def;
  def.segments = {Segment(JET_coltypText), Segment(JET_coltypBinary), Segment(JET_coltypText)};
  def.cb_var_seg_mac = 8;  // at most 8 bytes per text/binary segment, prefix included
  const Built b =
      Build(def, {KeyColumnValue::Of(Ascii("abcdefghijk")), KeyColumnValue::Of(Ascii("0123456789")),
                  KeyColumnValue::Of(Ascii("z"))});
  ASSERT_EQ(b.err, JET_errSuccess);
  // A cut at cbVarSegMac is not a truncated key: ESE keeps its "broken upper
  // case" last byte but reports no truncation.
  EXPECT_FALSE(b.info.truncated);
  EXPECT_EQ(b.key_hex,
            "7f41424344454647"
            "7f30313233343536"
            "7f5a00");
}

TEST(KeyIndexEntry, DotNetGuidOrder) {
  IndexKeyDef def = OneSegmentIndex(Segment(JET_coltypGUID, false, true));
  const Bytes guid = FromHex("00112233445566778899aabbccddeeff");
  EXPECT_EQ(KeyOf(def, guid),
            "7f"
            "aabbccddeeff"
            "8899"
            "6677"
            "4455"
            "00112233");
  def.dot_net_guid = true;
  EXPECT_EQ(KeyOf(def, guid),
            "7f"
            "33221100"
            "5544"
            "7766"
            "8899aabbccddeeff");
}

TEST(KeyIndexEntry, UnicodeTextUnderWindowsCollation) {
  const IndexKeyDef def = OneSegmentIndex(Segment(JET_coltypText, false, false, kCodePageUnicode));
  EXPECT_EQ(Build(def, {KeyColumnValue::Of(Utf16le(u"abc"))}).err,
            JET_errUnicodeNormalizationNotSupported);
  // NULL and zero-length values need no sort key.
  EXPECT_EQ(Build(def, {KeyColumnValue::Null()}).key_hex, "00");
  EXPECT_EQ(Build(def, {KeyColumnValue::Of({})}).key_hex, "40");
}

TEST(KeyIndexEntry, UnicodeTextUnderJetsvcCollation) {
  IndexKeyDef def = OneSegmentIndex(Segment(JET_coltypText, false, false, kCodePageUnicode));
  def.unicode_collation = UnicodeCollation::kJetsvcFoldV1;
  EXPECT_EQ(KeyOf(def, Utf16le(u"ab\u00e9")),
            "7f"
            "0041"
            "0042"
            "00c9"
            "0000");
  // Odd trailing byte ignored.
  Bytes odd = Utf16le(u"a");
  odd.push_back(0x62);
  EXPECT_EQ(KeyOf(def, odd), "7f00410000");
  // A long value fills the key and is cut (no room for the terminator).
  const Built b = Build(def, {KeyColumnValue::Of(Utf16le(std::u16string(200, u'x')))});
  EXPECT_TRUE(b.info.truncated);
  EXPECT_EQ(b.key_hex.size(), 2u * 255);
}

TEST(KeyIndexEntry, BadArguments) {
  IndexKeyDef def = OneSegmentIndex(Segment(JET_coltypLong, false, true));
  EXPECT_EQ(Build(def, {KeyColumnValue::Of(Bytes{1, 2})}).err, JET_errInvalidBufferSize);
  EXPECT_EQ(Build(def, {}).err, JET_errInvalidParameter);
  std::vector<uint8_t> key;
  IndexEntryKeyInfo info;
  const KeyColumnValue one[] = {KeyColumnValue::Null()};
  EXPECT_EQ(BuildIndexEntryKey(def, one, nullptr, &info), JET_errInvalidParameter);
  EXPECT_EQ(BuildIndexEntryKey(def, one, &key, nullptr), JET_errInvalidParameter);
}

TEST(KeyIndexDef, Validation) {
  IndexKeyDef def = OneSegmentIndex(Segment(JET_coltypLong));
  EXPECT_EQ(ValidateIndexKeyDef(def, 4096), JET_errSuccess);
  EXPECT_EQ(ValidateIndexKeyDef(def, 4000), JET_errInvalidParameter);
  def.cb_key_most = 1000;
  EXPECT_EQ(ValidateIndexKeyDef(def, 4096), JET_errSuccess);
  EXPECT_EQ(ValidateIndexKeyDef(def, 2048), JET_errIndexInvalidDef);
  def.cb_key_most = 2000;
  EXPECT_EQ(ValidateIndexKeyDef(def, 32768), JET_errSuccess);
  def.cb_key_most = 254;
  EXPECT_EQ(ValidateIndexKeyDef(def, 32768), JET_errIndexInvalidDef);
  def.cb_key_most = 255;
  def.cb_var_seg_mac = 256;
  EXPECT_EQ(ValidateIndexKeyDef(def, 4096), JET_errIndexInvalidDef);
  def.cb_var_seg_mac = 0;
  def.segments.assign(JET_ccolKeyMost + 1, Segment(JET_coltypLong));
  EXPECT_EQ(ValidateIndexKeyDef(def, 4096), JET_errIndexInvalidDef);
  def.segments.clear();
  EXPECT_EQ(ValidateIndexKeyDef(def, 4096), JET_errIndexInvalidDef);
  def.segments = {Segment(JET_coltypSLV)};
  EXPECT_EQ(ValidateIndexKeyDef(def, 4096), JET_errInvalidColumnType);
  def.segments = {Segment(JET_coltypLongText, false, true, kCodePageWestern, 10)};
  EXPECT_EQ(ValidateIndexKeyDef(def, 4096), JET_errInvalidColumnType);
  def.segments = {Segment(JET_coltypText, false, true, kCodePageWestern, 0)};
  EXPECT_EQ(ValidateIndexKeyDef(def, 4096), JET_errIndexInvalidDef);
}

TEST(KeyIndexDef, CreateOptions) {
  IndexKeyDef def;
  ASSERT_EQ(ApplyIndexCreateOptions(0, 900, 0, 4096, &def), JET_errSuccess);
  EXPECT_EQ(def.cb_key_most, 255u) << "cbKeyMost counts only with JET_bitIndexKeyMost";
  EXPECT_EQ(def.EffectiveVarSegMac(), 256u);
  ASSERT_EQ(ApplyIndexCreateOptions(JET_bitIndexKeyMost | JET_bitIndexSortNullsHigh |
                                        JET_bitIndexDotNetGuid | JET_bitIndexDisallowTruncation,
                                    900, 100, 4096, &def),
            JET_errSuccess);
  EXPECT_EQ(def.cb_key_most, 900u);
  EXPECT_EQ(def.EffectiveVarSegMac(), 100u);
  EXPECT_TRUE(def.sort_nulls_high && def.dot_net_guid && def.disallow_truncation);
  EXPECT_EQ(ApplyIndexCreateOptions(JET_bitIndexKeyMost, 1001, 0, 4096, &def),
            JET_errIndexInvalidDef);
  EXPECT_EQ(ApplyIndexCreateOptions(JET_bitIndexKeyMost, 100, 0, 4096, &def),
            JET_errIndexInvalidDef);
  EXPECT_EQ(ApplyIndexCreateOptions(0, 0, 300, 4096, &def), JET_errIndexInvalidDef);
  EXPECT_EQ(ApplyIndexCreateOptions(JET_bitIndexTuples, 0, 0, 4096, &def),
            JET_errFeatureNotAvailable);
}

TEST(KeyIndexDef, CollationFromLocaleName) {
  EXPECT_EQ(UnicodeCollationForLocaleName(u"en-US"), UnicodeCollation::kWindowsNls);
  EXPECT_EQ(UnicodeCollationForLocaleName(u""), UnicodeCollation::kWindowsNls);
  EXPECT_EQ(UnicodeCollationForLocaleName(kJetsvcFoldV1LocaleName),
            UnicodeCollation::kJetsvcFoldV1);
}

}  // namespace
}  // namespace jet
