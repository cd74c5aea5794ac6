// Long values (LongText / LongBinary data that does not live in the record):
// the LID a record holds, the keys and nodes of a table's long-value tree,
// and the chunking of a value into that tree (Microsoft rec.hxx, lv.hxx,
// lv.cxx; edb-format §8; docs/formats/record.md).
//
// A record refers to a separated value by its LID, little-endian: 4 bytes
// (LID32, bit 31 clear) or 8 bytes (LID64, bit 63 set). In the LV tree the
// LID is big-endian:
//   key LID                 -> LVROOT  { u32 ref count; u32 size [; u8 flags] }
//   key LID || BE32(offset) -> the chunk of the value starting at `offset`
// Chunks start at multiples of the table's chunk size; a chunk shorter than
// the logical bytes it covers is compressed (lv.cxx, FLVCompressedChunk).
//
// Walking the tree is the B+tree's job; this file turns nodes into values and
// values into nodes.

#ifndef JETSVC_ENGINE_RECORD_LONG_VALUE_H_
#define JETSVC_ENGINE_RECORD_LONG_VALUE_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "record/compression.h"
#include "esent.h"

namespace jet {

// A long-value id. LID32s are 1..0x7fffffff; LID64s have bit 63 set and
// their top byte is 0x80 (rec.hxx).
using LvId = uint64_t;
inline constexpr LvId kLid64Flag = uint64_t{1} << 63;
inline constexpr LvId kLid32Max = 0x7fffffff;
inline constexpr LvId kLid64Max = kLid64Flag | 0x00ffffffffffffffULL;

inline bool IsLid64(LvId lid) { return (lid & kLid64Flag) != 0; }
bool IsValidLid(LvId lid);
// 4 for a LID32, 8 for a LID64.
inline size_t LidSize(LvId lid) { return IsLid64(lid) ? 8 : 4; }

// The LID stored in a record for a separated value: 4 or 8 little-endian
// bytes whose size agrees with the LID64 bit. JET_errDatabaseCorrupted
// otherwise.
[[nodiscard]] JET_ERR DecodeLidReference(std::span<const uint8_t> data, LvId* lid);
// The record form of `lid` (4 or 8 bytes).
std::vector<uint8_t> EncodeLidReference(LvId lid);

// LV tree keys.
std::vector<uint8_t> LvRootKey(LvId lid);
std::vector<uint8_t> LvChunkKey(LvId lid, uint32_t offset);

struct LvKey {
  LvId lid = 0;
  bool is_root = false;
  uint32_t offset = 0;  // chunks only
};
// Classifies a key of the LV tree: 4 bytes = LID32 root, 8 bytes = LID64
// root (top bit set) or LID32 chunk, 12 bytes = LID64 chunk (lv.hxx,
// FIsLVRootKey). JET_errLVCorrupted for any other key.
[[nodiscard]] JET_ERR ParseLvKey(std::span<const uint8_t> key, LvKey* out);

// LVROOT (8 bytes) or LVROOT2 (9 bytes, with flags; 0x01 = encrypted).
struct LvRoot {
  uint32_t ref_count = 1;
  uint32_t size = 0;  // logical (uncompressed) size of the whole value
  bool has_flags = false;
  uint8_t flags = 0;
};
inline constexpr uint8_t kLvRootEncrypted = 0x01;
[[nodiscard]] JET_ERR DecodeLvRoot(std::span<const uint8_t> data, LvRoot* out);
std::vector<uint8_t> EncodeLvRoot(const LvRoot& root);

// The longest value ESE keeps in the record by default (rec.hxx,
// cbLVIntrinsicMost; a table may prefer less). The test is on the size
// before compression: a longer value is separated even when it would
// compress to a few bytes, as in the samples (1022 bytes inline; 1033 bytes
// separated although its chunk is 51 bytes of Xpress). A value that fits
// this limit but not the record is separated too (lv.cxx,
// ErrRECSetLongField).
inline constexpr uint32_t kLvIntrinsicMost = 1023;

// The chunk size Windows uses by default for a page size
// (JET_paramLVChunkSizeMost): 1966 (2 KiB pages), 4014 (4 KiB), 8110 (8 KiB),
// 4050 (16 KiB), 8150 (32 KiB); 0 for other page sizes. A table created with
// a different size records it in its catalog row (LVChunkMax, revision
// 0x14+), which then wins.
uint32_t DefaultLvChunkSize(uint32_t page_size);

// One chunk node: its logical offset (from the key) and its data.
struct LvChunk {
  uint32_t offset = 0;
  std::vector<uint8_t> data;
};
// A view of a chunk node for reassembly.
struct LvChunkView {
  uint32_t offset = 0;
  std::span<const uint8_t> data;
};

// Decodes one chunk: `logical_size` is the number of value bytes the chunk
// covers (the distance to the next chunk, or to the end of the value). A
// chunk holding fewer bytes is compressed and is decompressed; one holding
// more is corrupt. Appends to `out`.
[[nodiscard]] JET_ERR DecodeLvChunk(std::span<const uint8_t> data, uint32_t logical_size,
                                    std::vector<uint8_t>* out);

// Rebuilds a value from its root and its chunks in key order. The chunks
// must tile [0, root.size) exactly: JET_errLVCorrupted for a gap, an overlap
// or a missing tail, JET_errDecompressionFailed for a bad compressed chunk.
// `chunk_size`, when not 0, must also match every chunk's offset.
[[nodiscard]] JET_ERR ReassembleLongValue(const LvRoot& root, std::span<const LvChunkView> chunks,
                                          uint32_t chunk_size, std::vector<uint8_t>* out);

// Splits `value` into chunks of `chunk_size` bytes at offsets 0, chunk_size,
// ...; with `compress`, each chunk is compressed on its own when that makes
// it smaller (as Windows does for columns with JET_bitColumnCompressed).
// Fills `root` (ref count 1, the value's size). JET_errInvalidParameter for a
// zero chunk size or a value of 4 GiB or more.
[[nodiscard]] JET_ERR SplitLongValue(std::span<const uint8_t> value, uint32_t chunk_size,
                                     const CompressOptions* compress, LvRoot* root,
                                     std::vector<LvChunk>* chunks);

}  // namespace jet

#endif  // JETSVC_ENGINE_RECORD_LONG_VALUE_H_
