// Normalisation of one key segment: the bytes one column value contributes to
// an index key, exactly as ESE builds them (docs/formats/keys.md; ESE's
// fldnorm.cxx / normu.cxx are the authority these rules were taken from).
//
// Every function here writes one segment into `seg` (replacing its contents):
// the prefix byte, then the normalised value. Ascending order only: callers
// complement the bytes of a descending segment, and apply key-wide truncation
// and limits (index_entry_key.h, key_builder.h).

#ifndef JETSVC_ENGINE_KEY_SEGMENT_NORMALIZER_H_
#define JETSVC_ENGINE_KEY_SEGMENT_NORMALIZER_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "esent.h"
#include "key/index_key_def.h"

namespace jet {

// The room one segment may take.
struct SegmentSpace {
  uint32_t cb_key_avail = 0;    // key bytes still free, > 0
  uint32_t cb_key_most = 0;     // the index's key size
  uint32_t cb_var_seg_mac = 0;  // IndexKeyDef::EffectiveVarSegMac()
};

// The one-byte segment of a NULL value, or of a zero-length text or binary
// value (`zero_length`). Fixed-width types have no zero-length form: theirs
// is the NULL byte.
uint8_t NullSegmentPrefix(uint32_t coltyp, bool zero_length, bool sort_nulls_high);

// A fixed-width value (Bit .. GUID): prefix + the value in an order memcmp
// agrees with. `value` holds exactly FixedWidthOfColumnType(coltyp) bytes,
// little-endian as records store them (JetMakeKey's host order is the same on
// every target: x86-64 and ARM64 Windows/Linux). `dot_net_guid` selects
// .NET's GUID order (JET_bitIndexDotNetGuid) over ESE's default.
void NormalizeFixedSegment(uint32_t coltyp, std::span<const uint8_t> value, bool dot_net_guid,
                           std::vector<uint8_t>* seg);

struct BinarySegmentInfo {
  // The key ran out of room and cut the value (not: cut at cbVarSegMac).
  bool column_truncated = false;
  // Offset in the segment just past the value's last byte; 0 when the value
  // does not end inside the segment, or for a fixed column. Partial-column
  // limits cut or pad from here.
  size_t delimiter = 0;
};

// A non-empty Binary/LongBinary value. A fixed column's bytes go in as they
// are; any other column's go in 8-byte chunks, each followed by its length
// byte (kBinaryChunk; key_format.h).
BinarySegmentInfo NormalizeBinarySegment(std::span<const uint8_t> value, bool fixed_column,
                                         const SegmentSpace& space, std::vector<uint8_t>* seg);

// A non-empty Text/LongText value. Code page 1200 is UTF-16LE text, normalised
// with the index's Unicode collation; any other code page gets ESE's ASCII
// rules: the value ends at its first NUL, a-z become A-Z, a 00 terminator
// follows. Sets *too_big when the key ran out of room and cut the value.
// JET_errUnicodeNormalizationNotSupported for Unicode text under
// UnicodeCollation::kWindowsNls (Windows' LCMapString sort keys).
[[nodiscard]] JET_ERR NormalizeTextSegment(std::span<const uint8_t> value, uint16_t code_page,
                                           UnicodeCollation collation, const SegmentSpace& space,
                                           std::vector<uint8_t>* seg, bool* too_big);

// Complements every byte from `from` on: a descending segment.
void ComplementBytes(std::vector<uint8_t>* bytes, size_t from);

}  // namespace jet

#endif  // JETSVC_ENGINE_KEY_SEGMENT_NORMALIZER_H_
