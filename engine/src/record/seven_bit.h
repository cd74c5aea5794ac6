// ESE's 7-bit packing: text whose bytes (ASCII) or UTF-16 code units
// (Unicode) are all below 0x80 is stored as a stream of 7-bit values,
// least significant bit first. Byte 0 is the compression header:
// (scheme << 3) | (bits used in the last byte - 1), scheme 1 = ASCII,
// 2 = Unicode. Microsoft compression.cxx (ErrCompress7BitAscii_ and
// friends) is the authority; docs/formats/record.md has the layout.

#ifndef JETSVC_ENGINE_RECORD_SEVEN_BIT_H_
#define JETSVC_ENGINE_RECORD_SEVEN_BIT_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "esent.h"

namespace jet {

// Bytes of the packed form of `count` characters, header included:
// 1 + ceil(7 * count / 8).
size_t SevenBitPackedSize(size_t count);

// True when every byte of `data` is < 0x80.
bool IsSevenBitAscii(std::span<const uint8_t> data);
// True when `data` has an even length and every little-endian UTF-16 unit
// is < 0x80.
bool IsSevenBitUnicode(std::span<const uint8_t> data);

// Appends the packed form of `data` (header byte first) to `out`. `unicode`
// packs the low byte of every 16-bit unit. The caller checked the data with
// IsSevenBitAscii / IsSevenBitUnicode and that it is not empty.
void PackSevenBit(std::span<const uint8_t> data, bool unicode, std::vector<uint8_t>* out);

// The unpacked size of a packed value; JET_errDecompressionFailed when the
// header or the length is inconsistent.
[[nodiscard]] JET_ERR SevenBitUnpackedSize(std::span<const uint8_t> packed, size_t* size);

// Unpacks into `out`. `*actual` receives the full unpacked size; when `out`
// is shorter, its bytes are filled with the prefix and the result is
// JET_wrnBufferTruncated.
[[nodiscard]] JET_ERR UnpackSevenBit(std::span<const uint8_t> packed, std::span<uint8_t> out,
                                     size_t* actual);

}  // namespace jet

#endif  // JETSVC_ENGINE_RECORD_SEVEN_BIT_H_
