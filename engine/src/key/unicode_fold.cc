#include "key/unicode_fold.h"

namespace jet {

namespace {

char16_t FoldAsciiLower(char16_t unit) {
  return (unit >= u'a' && unit <= u'z') ? static_cast<char16_t>(unit - 0x20) : unit;
}

// UTF-16 code units compare in code point order once the surrogates
// (D800..DFFF) move above E000..FFFF.
uint16_t CodePointOrder(char16_t unit) {
  if (unit >= 0xd800 && unit <= 0xdfff) return static_cast<uint16_t>(unit + 0x2000);
  if (unit >= 0xe000) return static_cast<uint16_t>(unit - 0x800);
  return unit;
}

}  // namespace

char16_t FoldCodeUnit(char16_t u) {
  if (u < 0x80) return FoldAsciiLower(u);
  if (u >= 0xff01 && u <= 0xff5e) {  // fullwidth ASCII
    return FoldAsciiLower(static_cast<char16_t>(u - 0xff01 + 0x21));
  }
  if (u >= 0xe0 && u <= 0xfe && u != 0xf7) return static_cast<char16_t>(u - 0x20);
  if (u == 0xff) return 0x178;  // y diaeresis
  if (u >= 0x100 && u <= 0x17f) {
    // Latin Extended-A: upper/lower pairs, except a few letters without one.
    if (u == 0x130 || u == 0x131 || u == 0x138 || u == 0x149 || u == 0x178) return u;
    if (u == 0x17f) return u'S';  // long s
    const bool odd_is_upper = (u >= 0x139 && u <= 0x148) || (u >= 0x179 && u <= 0x17e);
    const bool is_lower = odd_is_upper ? (u % 2 == 0) : (u % 2 == 1);
    return is_lower ? static_cast<char16_t>(u - 1) : u;
  }
  if (u == 0x3c2) return 0x3a3;  // final sigma
  if (u >= 0x3b1 && u <= 0x3c9) return static_cast<char16_t>(u - 0x20);
  if (u >= 0x430 && u <= 0x44f) return static_cast<char16_t>(u - 0x20);
  if (u >= 0x450 && u <= 0x45f) return static_cast<char16_t>(u - 0x50);
  return u;
}

bool AppendUnicodeFold(std::span<const uint8_t> utf16le, size_t cb_max, std::vector<uint8_t>* out) {
  size_t written = 0;
  auto put = [&](uint8_t b) {
    if (written == cb_max) return false;
    out->push_back(b);
    ++written;
    return true;
  };
  for (size_t i = 0; i + 1 < utf16le.size(); i += 2) {
    const char16_t unit = static_cast<char16_t>(utf16le[i] | (utf16le[i + 1] << 8));
    if (unit == 0) break;  // like ASCII text, the value ends at its first NUL
    const uint16_t v = CodePointOrder(FoldCodeUnit(unit));
    if (!put(static_cast<uint8_t>(v >> 8)) || !put(static_cast<uint8_t>(v))) return false;
  }
  return put(kUnicodeFoldTerminator[0]) && put(kUnicodeFoldTerminator[1]);
}

}  // namespace jet
