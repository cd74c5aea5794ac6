#include "record/seven_bit.h"

#include <algorithm>

namespace jet {

namespace {

constexpr uint8_t kSchemeAscii = 1;
constexpr uint8_t kSchemeUnicode = 2;

}  // namespace

size_t SevenBitPackedSize(size_t count) { return 1 + (count * 7 + 7) / 8; }

bool IsSevenBitAscii(std::span<const uint8_t> data) {
  return std::all_of(data.begin(), data.end(), [](uint8_t b) { return b < 0x80; });
}

bool IsSevenBitUnicode(std::span<const uint8_t> data) {
  if (data.size() % 2 != 0) return false;
  for (size_t i = 0; i < data.size(); i += 2) {
    if (data[i] >= 0x80 || data[i + 1] != 0) return false;
  }
  return true;
}

void PackSevenBit(std::span<const uint8_t> data, bool unicode, std::vector<uint8_t>* out) {
  const size_t step = unicode ? 2 : 1;
  const size_t count = data.size() / step;
  const size_t header_at = out->size();
  out->push_back(0);
  uint32_t acc = 0;  // pending bits, LSB first
  int acc_bits = 0;
  for (size_t i = 0; i < count; ++i) {
    acc |= static_cast<uint32_t>(data[i * step] & 0x7f) << acc_bits;
    acc_bits += 7;
    while (acc_bits >= 8) {
      out->push_back(static_cast<uint8_t>(acc));
      acc >>= 8;
      acc_bits -= 8;
    }
  }
  // Bits used in the last byte: a partial byte, or 8 when the stream ended
  // on a byte boundary.
  int last_bits = 8;
  if (acc_bits > 0) {
    out->push_back(static_cast<uint8_t>(acc));
    last_bits = acc_bits;
  }
  (*out)[header_at] =
      static_cast<uint8_t>(((unicode ? kSchemeUnicode : kSchemeAscii) << 3) | (last_bits - 1));
}

JET_ERR SevenBitUnpackedSize(std::span<const uint8_t> packed, size_t* size) {
  *size = 0;
  // A header and at least one byte of payload.
  if (packed.size() < 2) return JET_errDecompressionFailed;
  const uint8_t scheme = packed[0] >> 3;
  if (scheme != kSchemeAscii && scheme != kSchemeUnicode) return JET_errDecompressionFailed;
  const size_t last_bits = (packed[0] & 0x7u) + 1;
  const size_t total_bits = (packed.size() - 2) * 8 + last_bits;
  // The packer emits exactly 7 bits per character, so anything else is not
  // a stream it wrote.
  if (total_bits % 7 != 0) return JET_errDecompressionFailed;
  const size_t count = total_bits / 7;
  *size = scheme == kSchemeUnicode ? count * 2 : count;
  return JET_errSuccess;
}

JET_ERR UnpackSevenBit(std::span<const uint8_t> packed, std::span<uint8_t> out, size_t* actual) {
  size_t size = 0;
  const JET_ERR err = SevenBitUnpackedSize(packed, &size);
  *actual = size;
  if (err < 0) return err;
  const bool unicode = (packed[0] >> 3) == kSchemeUnicode;
  const std::span<const uint8_t> payload = packed.subspan(1);
  const size_t n = std::min(size, out.size());
  for (size_t i = 0; i < n; ++i) {
    if (unicode && (i % 2) == 1) {
      out[i] = 0;
      continue;
    }
    const size_t ch = unicode ? i / 2 : i;
    const size_t bit = ch * 7;
    const size_t byte = bit / 8;
    const unsigned shift = bit % 8;
    // SevenBitUnpackedSize proved that `ch` lies inside the payload; the
    // second byte is only read when the value straddles into it.
    uint32_t v = payload[byte];
    if (shift > 1) v |= static_cast<uint32_t>(payload[byte + 1]) << 8;
    out[i] = static_cast<uint8_t>((v >> shift) & 0x7f);
  }
  return n < size ? JET_wrnBufferTruncated : JET_errSuccess;
}

}  // namespace jet
