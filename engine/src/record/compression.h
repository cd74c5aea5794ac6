// ESE's value compression (format 0x620): long values of columns created
// with JET_bitColumnCompressed are stored 7-bit packed or Xpress-compressed.
// The first byte of compressed data names the scheme in its top 5 bits
// (Microsoft compression.cxx, COMPRESSION_SCHEME):
//   1 7-bit ASCII, 2 7-bit Unicode   header = scheme << 3 | (last bits - 1)
//   3 Xpress                          0x18, u16 uncompressed size, LZ77 stream
//   4 scrubbed data, 5 Xpress9, 6 Xpress10 (not produced by Windows' esent.dll
//   for format 0x620; not decoded here)
// Whether bytes are compressed at all is not in the bytes: the tagged header
// bit says so for values in a record, the chunk length for long-value chunks
// (long_value.h).

#ifndef JETSVC_ENGINE_RECORD_COMPRESSION_H_
#define JETSVC_ENGINE_RECORD_COMPRESSION_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "esent.h"

namespace jet {

enum class CompressionScheme : uint8_t {
  kNone = 0,
  kSevenBitAscii = 1,
  kSevenBitUnicode = 2,
  kXpress = 3,
  kScrub = 4,
  kXpress9 = 5,
  kXpress10 = 6,
};

// The scheme named by the header byte (kNone for empty input).
CompressionScheme CompressionSchemeOf(std::span<const uint8_t> compressed);

// Size of the 0x18 + u16 header in front of an Xpress stream.
inline constexpr size_t kXpressHeaderSize = 3;

// The decompressed size, read from the header alone (Xpress) or computed
// from the length (7-bit). JET_errDecompressionFailed for an unknown or
// unsupported scheme or an impossible header.
[[nodiscard]] JET_ERR DecompressedSize(std::span<const uint8_t> compressed, size_t* size);

// Decompresses into `out`. `*actual` receives the full decompressed size.
// When `out` is shorter, it gets the leading bytes and the result is
// JET_wrnBufferTruncated (JetRetrieveColumn's contract). The whole input is
// always validated: malformed data gives JET_errDecompressionFailed and
// never reads or writes out of bounds.
[[nodiscard]] JET_ERR Decompress(std::span<const uint8_t> compressed, std::span<uint8_t> out,
                                 size_t* actual);

// Decompresses into a vector sized to fit.
[[nodiscard]] JET_ERR DecompressToVector(std::span<const uint8_t> compressed,
                                         std::vector<uint8_t>* out);

// Which schemes CompressValue may use (ESE's CompressFlags).
enum CompressFlags : uint32_t {
  kCompress7Bit = 0x1,
  kCompressXpress = 0x2,
  kCompressDefault = kCompress7Bit | kCompressXpress,
};

struct CompressOptions {
  uint32_t flags = kCompressDefault;
  // Xpress is only tried from this size up. 1024 matches what Windows does
  // by default: in the genuine sample files every compressed value of 1024
  // bytes or more is Xpress and every shorter one is 7-bit packed.
  size_t xpress_min_size = 1024;
};

// Compresses `data` as ESE would: Xpress first (if allowed, big enough and
// at most 65535 bytes), kept when it beats 7-bit Unicode packing; else 7-bit
// Unicode (preferred) or ASCII when the data allows it. Returns true and
// fills `out` (replacing its contents) only when the result is strictly
// shorter than `data`; false leaves the data to be stored as it is.
bool CompressValue(std::span<const uint8_t> data, const CompressOptions& options,
                   std::vector<uint8_t>* out);

}  // namespace jet

#endif  // JETSVC_ENGINE_RECORD_COMPRESSION_H_
