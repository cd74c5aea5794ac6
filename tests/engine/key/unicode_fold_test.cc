// jetsvc's own Unicode collation ("x-jetsvc-fold-v1"): the fold, the byte
// form, and what makes it safe to compare with memcmp.

#include "key/unicode_fold.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "key_test_util.h"

namespace jet {
namespace {

using key_test::ToHex;
using key_test::Utf16le;

std::string Fold(std::u16string_view s, size_t cb_max = 1000, bool* fitted = nullptr) {
  std::vector<uint8_t> out;
  const bool ok = AppendUnicodeFold(Utf16le(s), cb_max, &out);
  if (fitted != nullptr) *fitted = ok;
  return ToHex(out);
}

TEST(KeyUnicodeFold, CaseAndWidth) {
  EXPECT_EQ(FoldCodeUnit(u'a'), u'A');
  EXPECT_EQ(FoldCodeUnit(u'Z'), u'Z');
  EXPECT_EQ(FoldCodeUnit(u'_'), u'_');
  EXPECT_EQ(FoldCodeUnit(0xe9), 0xc9);    // e acute
  EXPECT_EQ(FoldCodeUnit(0xf7), 0xf7);    // division sign
  EXPECT_EQ(FoldCodeUnit(0xdf), 0xdf);    // sharp s has no single upper case
  EXPECT_EQ(FoldCodeUnit(0xff), 0x178);   // y diaeresis
  EXPECT_EQ(FoldCodeUnit(0x101), 0x100);  // a macron
  EXPECT_EQ(FoldCodeUnit(0x13a), 0x139);  // l acute (odd upper)
  EXPECT_EQ(FoldCodeUnit(0x131), 0x131);  // dotless i stays
  EXPECT_EQ(FoldCodeUnit(0x17f), u'S');   // long s
  EXPECT_EQ(FoldCodeUnit(0x3c2), 0x3a3);  // final sigma
  EXPECT_EQ(FoldCodeUnit(0x3c9), 0x3a9);  // omega
  EXPECT_EQ(FoldCodeUnit(0x44f), 0x42f);  // ya
  EXPECT_EQ(FoldCodeUnit(0x451), 0x401);  // io
  EXPECT_EQ(FoldCodeUnit(0xff41), u'A');  // fullwidth a
  EXPECT_EQ(FoldCodeUnit(0xff10), u'0');  // fullwidth 0
  EXPECT_EQ(FoldCodeUnit(0xd83e), 0xd83e);
  for (char32_t u = 1; u <= 0xffff; ++u) {
    EXPECT_NE(FoldCodeUnit(static_cast<char16_t>(u)), 0) << "no unit folds to U+0000";
  }
}

TEST(KeyUnicodeFold, ByteForm) {
  EXPECT_EQ(Fold(u"aB"),
            "00410042"
            "0000");
  EXPECT_EQ(Fold(u""), "0000");
  // The value ends at its first U+0000.
  EXPECT_EQ(Fold(std::u16string(u"a\0b", 3)),
            "0041"
            "0000");
  // Code point order: a supplementary character (surrogates D83E DD8A) sorts
  // after every BMP character, U+FFFD included.
  EXPECT_EQ(Fold(u"\U0001F98A"),
            "f83e"
            "fd8a"
            "0000");
  EXPECT_EQ(Fold(u"\uFFFD"),
            "f7fd"
            "0000");
  EXPECT_EQ(Fold(u"\uE000"),
            "d800"
            "0000");
  EXPECT_LT(Fold(u"\uFFFD"), Fold(u"\U0001F98A"));
}

TEST(KeyUnicodeFold, CutWhenTooLong) {
  bool fitted = true;
  EXPECT_EQ(Fold(u"abc", 8, &fitted),
            "004100420043"
            "0000");
  EXPECT_TRUE(fitted);
  EXPECT_EQ(Fold(u"abc", 7, &fitted), "00410042004300");
  EXPECT_FALSE(fitted);
  EXPECT_EQ(Fold(u"abc", 3, &fitted), "004100");
  EXPECT_FALSE(fitted);
}

}  // namespace
}  // namespace jet
