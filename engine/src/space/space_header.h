// The root space header: tag 0 of every FDP root page (edb-format §5.4;
// ESE's SPACE_HEADER, space.cxx). 16 bytes, little-endian:
//   0  u32 cpgPrimary     pages in the FDP's primary extent
//   4  u32 pgnoParentFDP  the parent FDP's root (0 for the database root)
//   8  u32 flags          bit 0: multiple extents (OE/AE space trees)
//  12  u32 single extent: bitmap of available pages after the root;
//          multiple extents: pgnoOE (the AE tree's root is pgnoOE + 1)
// And the nodes of space trees: key = big-endian last pgno of an extent,
// data = little-endian u32 page count.

#ifndef JETSVC_ENGINE_SPACE_SPACE_HEADER_H_
#define JETSVC_ENGINE_SPACE_SPACE_HEADER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "esent.h"

namespace jet {

inline constexpr size_t kSpaceHeaderSize = 16;
inline constexpr uint32_t kSpaceHeaderMultipleExtent = 0x1;

struct SpaceHeader {
  uint32_t cpg_primary = 0;
  uint32_t pgno_parent_fdp = 0;
  bool multiple_extent = false;
  uint32_t avail_bitmap = 0;  // single extent
  uint32_t pgno_oe = 0;       // multiple extent
  uint32_t pgno_ae() const { return pgno_oe + 1; }

  friend bool operator==(const SpaceHeader&, const SpaceHeader&) = default;
};

std::vector<uint8_t> EncodeSpaceHeader(const SpaceHeader& header);
// JET_errSPOwnExtCorrupted unless `bytes` is 16 bytes with known flags.
[[nodiscard]] JET_ERR DecodeSpaceHeader(std::span<const uint8_t> bytes, SpaceHeader* out);

// An extent: pages [first(), last].
struct Extent {
  uint32_t last = 0;
  uint32_t count = 0;
  uint32_t first() const { return last - count + 1; }
  friend bool operator==(const Extent&, const Extent&) = default;
};

// Space-tree node key and data.
std::array<uint8_t, 4> ExtentKey(uint32_t last_pgno);
std::array<uint8_t, 4> ExtentData(uint32_t count);
// JET_errSPAvailExtCorrupted for a node that is not 4 + 4 bytes.
[[nodiscard]] JET_ERR DecodeExtent(std::span<const uint8_t> key, std::span<const uint8_t> data,
                                   Extent* out);

}  // namespace jet

#endif  // JETSVC_ENGINE_SPACE_SPACE_HEADER_H_
