// The byte vocabulary of ESE normalised keys: the bytes JetMakeKey builds and
// index pages store (docs/formats/keys.md; edb-format §6 "Keys").
//
// Every value here is persisted: a B-tree is ordered by memcmp of these bytes,
// so changing one makes every existing index unreadable.

#ifndef JETSVC_ENGINE_KEY_KEY_FORMAT_H_
#define JETSVC_ENGINE_KEY_KEY_FORMAT_H_

#include <cstddef>
#include <cstdint>

#include "esent.h"

namespace jet {

// First byte of every segment. Their order is the order of the segment kinds:
// NULL (low) < zero-length < data < NULL (JET_bitIndexSortNullsHigh).
inline constexpr uint8_t kKeyPrefixNull = 0x00;
inline constexpr uint8_t kKeyPrefixZeroLength = 0x40;  // text and binary only
inline constexpr uint8_t kKeyPrefixData = 0x7f;
inline constexpr uint8_t kKeyPrefixNullHigh = 0xc0;

// Limit keys (JET_bitStrLimit, ...EndLimit) pad with this byte, so they sort
// after every key that shares their prefix.
inline constexpr uint8_t kKeySentinel = 0xff;

// Ends the normalised form of ASCII text (code pages other than 1200).
inline constexpr uint8_t kAsciiKeyTerminator = 0x00;

// Variable-length binary data is cut into chunks of 8 bytes; each is followed
// by a byte that says how much of it is data: 9 = "more chunks follow",
// 1..8 = "the column ends here, this many bytes". A column that ends exactly
// on a chunk boundary gets 8 when the whole column fitted into the key, 9 when
// the key had to cut it.
inline constexpr size_t kBinaryChunk = 8;
inline constexpr size_t kBinaryChunkNormalized = kBinaryChunk + 1;

// The key size of every index created without JET_bitIndexKeyMost (ESE's
// JET_cbKeyMost_OLD, an internal name). Also the only size older formats know.
inline constexpr uint32_t kCbKeyMostOld = 255;
static_assert(kCbKeyMostOld == JET_cbKeyMost);
static_assert(kCbKeyMostOld == JET_cbKeyMostMin);

// JetMakeKey's limit grbits as a group (ESE's internal JET_maskLimitOptions).
inline constexpr uint32_t kMakeKeyLimitOptionsMask = 0x00000f00;
static_assert((JET_bitFullColumnStartLimit | JET_bitFullColumnEndLimit |
               JET_bitPartialColumnStartLimit | JET_bitPartialColumnEndLimit) ==
              kMakeKeyLimitOptionsMask);

inline constexpr uint16_t kCodePageUnicode = 1200;  // UTF-16LE
inline constexpr uint16_t kCodePageWestern = 1252;  // ESE's default for text

// A limit key may be one byte longer than the index's key size: the sentinel
// byte that makes it sort after every real key (ESE's KEY::CbLimitKeyMost).
inline constexpr uint32_t CbLimitKeyMost(uint32_t cb_key_most) { return cb_key_most + 1; }

// The largest cbKeyMost an index may have on pages of `page_size` bytes
// (JET_cbKeyMost2KBytePage, ...4KBytePage, ...8KBytePage; 16 and 32 KiB pages
// have the 8 KiB limit). 0 for a page size ESE does not have.
uint32_t CbKeyMostForPage(size_t page_size);

// Column type families, as the normaliser sees them.
bool IsTextColumnType(uint32_t coltyp);    // Text, LongText
bool IsBinaryColumnType(uint32_t coltyp);  // Binary, LongBinary
// Bit .. GUID: the types whose value has one fixed width.
bool IsFixedWidthColumnType(uint32_t coltyp);
// The value width of a fixed-width type; 0 for any other type.
size_t FixedWidthOfColumnType(uint32_t coltyp);
// Every type an index key can hold (all but Nil, SLV and unknown values).
bool IsKeyColumnType(uint32_t coltyp);

}  // namespace jet

#endif  // JETSVC_ENGINE_KEY_KEY_FORMAT_H_
