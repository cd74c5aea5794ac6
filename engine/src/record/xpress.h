// Xpress LZ77, the compressor ESE uses for long values (compression scheme
// 3 in format 0x620): the "plain LZ77" stream of [MS-XCA] §2.3-2.4, which
// dissect.esedb and libesedb decode and which the genuine Windows files in
// tests/data/windows-edb contain. (The Huffman variant of Xpress is not used
// by ESE; its newer schemes 5 and 6, Xpress9 and Xpress10, are not
// implemented here.)
//
// The stream: a 32-bit little-endian flag word, then the 32 items it
// describes, most significant flag first: 0 = one literal byte, 1 = a match.
// A match is a u16 (offset - 1) << 3 | length field; length fields of 7
// spill into a shared half-byte, a byte, a u16 and finally a u32.

#ifndef JETSVC_ENGINE_RECORD_XPRESS_H_
#define JETSVC_ENGINE_RECORD_XPRESS_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "esent.h"

namespace jet {

// Decodes `input` into exactly `output.size()` bytes. Matches that reach
// before the start of the output, a stream that ends early or that would
// write past the end give JET_errDecompressionFailed; input left over once
// the output is full is ignored (as Windows' decoder, which is told the
// size, does).
[[nodiscard]] JET_ERR XpressDecompress(std::span<const uint8_t> input, std::span<uint8_t> output);

// Appends the plain LZ77 encoding of `input` to `out`. Any input length is
// accepted; the result decodes with XpressDecompress (and [MS-XCA]
// decoders) back to `input`.
void XpressCompress(std::span<const uint8_t> input, std::vector<uint8_t>* out);

}  // namespace jet

#endif  // JETSVC_ENGINE_RECORD_XPRESS_H_
