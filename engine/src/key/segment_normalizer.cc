#include "key/segment_normalizer.h"

#include <algorithm>
#include <bit>

#include "key/key_format.h"
#include "key/unicode_fold.h"

namespace jet {

// JetMakeKey takes fixed-width values in host order and records hold them
// little-endian; one decoder serves both only on little-endian hosts, which
// is every target the engine builds for.
static_assert(std::endian::native == std::endian::little);

namespace {

uint64_t LoadLittleEndian(const uint8_t* p, size_t width) {
  uint64_t v = 0;
  for (size_t i = width; i > 0; --i) v = (v << 8) | p[i - 1];
  return v;
}

void AppendBigEndian(uint64_t v, size_t width, std::vector<uint8_t>* out) {
  for (size_t i = width; i > 0; --i) out->push_back(static_cast<uint8_t>(v >> (8 * (i - 1))));
}

// Signed integers: flipping the sign bit makes two's complement sort as
// unsigned. IEEE floats: negative values (sign bit set) are complemented
// whole, positive ones get the sign bit set, which orders them as
// -NaN < -inf < ... < -0 < +0 < ... < +inf < +NaN (fldnorm.cxx).
uint64_t FlipHighBit(uint64_t v, size_t width) { return v ^ (uint64_t{1} << (8 * width - 1)); }

uint64_t FloatOrder(uint64_t v, size_t width) {
  const uint64_t high = uint64_t{1} << (8 * width - 1);
  const uint64_t mask = width == 8 ? ~uint64_t{0} : (high << 1) - 1;
  return (v & high) ? (~v & mask) : (v ^ high);
}

// ESE's GUID key orders (fldnorm.cxx): by default the last six bytes first,
// then bytes 8-9, 6-7, 4-5 and 0-3 as stored (SQL Server's uniqueidentifier
// order); with JET_bitIndexDotNetGuid the order of .NET's Guid.CompareTo:
// Data1, Data2, Data3 as numbers, then Data4's bytes.
constexpr uint8_t kGuidKeyOrder[16] = {10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3};
constexpr uint8_t kDotNetGuidKeyOrder[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};

// ESE's ErrUtilNormText (normu.cxx), for text of any code page but 1200.
// `cb_out` is the room left for the normalised bytes after the prefix.
// Returns true when the value was cut.
bool NormalizeAsciiText(std::span<const uint8_t> text, size_t cb_out, std::vector<uint8_t>* seg) {
  auto upper = [](uint8_t c) -> uint8_t {
    return (c >= 'a' && c <= 'z') ? static_cast<uint8_t>(c - ('a' - 'A')) : c;
  };
  auto append_upper_until_nul = [&](size_t cb) {
    size_t n = 0;
    while (n < cb && text[n] != 0) seg->push_back(upper(text[n++]));
    return n;
  };
  if (cb_out > text.size()) {
    append_upper_until_nul(text.size());
    seg->push_back(kAsciiKeyTerminator);
    return false;
  }
  if (cb_out == 0) return false;
  const size_t cb_copy = cb_out - 1;
  const size_t n = append_upper_until_nul(cb_copy);
  if (n == cb_copy && text[cb_copy] != 0) {
    // The key is full: the last byte is the next character, upper-cased by a
    // plain "c - 'a' + 'A'" whatever it is (ESE's _crt_clocale_toupper_broken,
    // kept for the sake of keys already on disk): 'A' becomes '!', ' ' 00.
    seg->push_back(static_cast<uint8_t>(text[cb_copy] - ('a' - 'A')));
    return true;
  }
  seg->push_back(kAsciiKeyTerminator);
  return false;
}

}  // namespace

uint8_t NullSegmentPrefix(uint32_t coltyp, bool zero_length, bool sort_nulls_high) {
  const uint8_t null_prefix = sort_nulls_high ? kKeyPrefixNullHigh : kKeyPrefixNull;
  if (IsFixedWidthColumnType(coltyp)) return null_prefix;
  return zero_length ? kKeyPrefixZeroLength : null_prefix;
}

void NormalizeFixedSegment(uint32_t coltyp, std::span<const uint8_t> value, bool dot_net_guid,
                           std::vector<uint8_t>* seg) {
  const size_t width = FixedWidthOfColumnType(coltyp);
  seg->clear();
  seg->push_back(kKeyPrefixData);
  if (width == 0 || value.size() != width) return;  // callers check; never read past `value`
  const uint64_t v = width <= 8 ? LoadLittleEndian(value.data(), width) : 0;
  switch (coltyp) {
    case JET_coltypBit:
      seg->push_back(v == 0 ? 0x00 : 0xff);
      break;
    case JET_coltypShort:
    case JET_coltypLong:
    case JET_coltypLongLong:
    case JET_coltypCurrency:
      AppendBigEndian(FlipHighBit(v, width), width, seg);
      break;
    case JET_coltypIEEESingle:
    case JET_coltypIEEEDouble:
    case JET_coltypDateTime:  // an OLE automation date: a double
      AppendBigEndian(FloatOrder(v, width), width, seg);
      break;
    case JET_coltypGUID: {
      const uint8_t* order = dot_net_guid ? kDotNetGuidKeyOrder : kGuidKeyOrder;
      for (size_t i = 0; i < 16; ++i) seg->push_back(value[order[i]]);
      break;
    }
    default:  // UnsignedByte, UnsignedShort, UnsignedLong, UnsignedLongLong
      AppendBigEndian(v, width, seg);
      break;
  }
}

BinarySegmentInfo NormalizeBinarySegment(std::span<const uint8_t> value, bool fixed_column,
                                         const SegmentSpace& space, std::vector<uint8_t>* seg) {
  BinarySegmentInfo info;
  seg->clear();
  seg->push_back(kKeyPrefixData);
  const bool var_seg_limited = space.cb_var_seg_mac < space.cb_key_most;

  if (fixed_column) {
    size_t cb_seg = value.size() + 1;
    if (var_seg_limited && cb_seg > space.cb_var_seg_mac) cb_seg = space.cb_var_seg_mac;
    if (cb_seg > space.cb_key_avail) {
      cb_seg = space.cb_key_avail;
      info.column_truncated = true;
    }
    seg->insert(seg->end(), value.begin(), value.begin() + (cb_seg - 1));
    return info;
  }

  bool whole_value = true;
  const size_t chunks = (value.size() + kBinaryChunk - 1) / kBinaryChunk;
  size_t cb_seg = chunks * kBinaryChunkNormalized + 1;
  if (var_seg_limited && cb_seg > space.cb_var_seg_mac) {
    cb_seg = space.cb_var_seg_mac;
    whole_value = false;
  }
  if (cb_seg > space.cb_key_avail) {
    cb_seg = space.cb_key_avail;
    whole_value = false;
    info.column_truncated = true;
  }

  size_t room = cb_seg - 1;
  size_t left = value.size();
  const uint8_t* next = value.data();
  while (room >= kBinaryChunkNormalized && left > 0) {
    if (left <= kBinaryChunk) {
      seg->insert(seg->end(), next, next + left);
      info.delimiter = seg->size();
      if (left == kBinaryChunk) {
        seg->push_back(static_cast<uint8_t>(whole_value ? kBinaryChunk : kBinaryChunkNormalized));
      } else {
        seg->insert(seg->end(), kBinaryChunk - left, 0);
        seg->push_back(static_cast<uint8_t>(left));
      }
      next += left;
      left = 0;
    } else {
      seg->insert(seg->end(), next, next + kBinaryChunk);
      seg->push_back(static_cast<uint8_t>(kBinaryChunkNormalized));
      next += kBinaryChunk;
      left -= kBinaryChunk;
    }
    room -= kBinaryChunkNormalized;
  }
  // What is left of the room (less than a chunk) takes the value's next
  // bytes raw, zero-padded if the value ends first.
  if (room > 0 && left > 0) {
    if (left >= room) {
      seg->insert(seg->end(), next, next + room);
    } else {
      seg->insert(seg->end(), next, next + left);
      info.delimiter = seg->size();
      seg->insert(seg->end(), room - left, 0);
    }
  }
  return info;
}

JET_ERR NormalizeTextSegment(std::span<const uint8_t> value, uint16_t code_page,
                             UnicodeCollation collation, const SegmentSpace& space,
                             std::vector<uint8_t>* seg, bool* too_big) {
  seg->clear();
  *too_big = false;
  const bool unicode = code_page == kCodePageUnicode;
  if (unicode && collation == UnicodeCollation::kWindowsNls) {
    return JET_errUnicodeNormalizationNotSupported;
  }
  const size_t cb_out = std::min(space.cb_key_avail, space.cb_var_seg_mac) - 1;
  const size_t cb_char = unicode ? 2 : 1;
  size_t cb_text = value.size() / cb_char * cb_char;
  if (space.cb_key_most == kCbKeyMostOld) {
    cb_text = std::min(cb_text, (kCbKeyMostOld + cb_char - 1) / cb_char * cb_char);
  }
  const std::span<const uint8_t> text = value.first(cb_text);

  seg->push_back(kKeyPrefixData);
  bool cut =
      unicode ? !AppendUnicodeFold(text, cb_out, seg) : NormalizeAsciiText(text, cb_out, seg);
  if (cut) {
    // A value cut at the index's segment size (cbVarSegMac) is what the index
    // asked for, not a truncated key.
    const size_t cb_var_seg_data = space.cb_var_seg_mac - 1;
    if (space.cb_var_seg_mac < space.cb_key_most && seg->size() - 1 == cb_var_seg_data) {
      cut = false;
    }
  }
  *too_big = cut;
  return JET_errSuccess;
}

void ComplementBytes(std::vector<uint8_t>* bytes, size_t from) {
  for (size_t i = from; i < bytes->size(); ++i) (*bytes)[i] = static_cast<uint8_t>(~(*bytes)[i]);
}

}  // namespace jet
