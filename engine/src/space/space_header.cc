#include "space/space_header.h"

#include "format/endian.h"

namespace jet {

std::vector<uint8_t> EncodeSpaceHeader(const SpaceHeader& header) {
  std::vector<uint8_t> bytes(kSpaceHeaderSize);
  StoreLE32(bytes.data(), header.cpg_primary);
  StoreLE32(bytes.data() + 4, header.pgno_parent_fdp);
  StoreLE32(bytes.data() + 8, header.multiple_extent ? kSpaceHeaderMultipleExtent : 0);
  StoreLE32(bytes.data() + 12, header.multiple_extent ? header.pgno_oe : header.avail_bitmap);
  return bytes;
}

JET_ERR DecodeSpaceHeader(std::span<const uint8_t> bytes, SpaceHeader* out) {
  if (bytes.size() != kSpaceHeaderSize) {
    return JET_errSPOwnExtCorrupted;
  }
  const uint32_t flags = LoadLE32(bytes.data() + 8);
  if ((flags & ~kSpaceHeaderMultipleExtent) != 0) {
    return JET_errSPOwnExtCorrupted;
  }
  SpaceHeader h;
  h.cpg_primary = LoadLE32(bytes.data());
  h.pgno_parent_fdp = LoadLE32(bytes.data() + 4);
  h.multiple_extent = (flags & kSpaceHeaderMultipleExtent) != 0;
  if (h.multiple_extent) {
    h.pgno_oe = LoadLE32(bytes.data() + 12);
  } else {
    h.avail_bitmap = LoadLE32(bytes.data() + 12);
  }
  *out = h;
  return JET_errSuccess;
}

std::array<uint8_t, 4> ExtentKey(uint32_t last_pgno) {
  return {static_cast<uint8_t>(last_pgno >> 24), static_cast<uint8_t>(last_pgno >> 16),
          static_cast<uint8_t>(last_pgno >> 8), static_cast<uint8_t>(last_pgno)};
}

std::array<uint8_t, 4> ExtentData(uint32_t count) {
  std::array<uint8_t, 4> bytes{};
  StoreLE32(bytes.data(), count);
  return bytes;
}

JET_ERR DecodeExtent(std::span<const uint8_t> key, std::span<const uint8_t> data, Extent* out) {
  if (key.size() != 4 || data.size() != 4) {
    return JET_errSPAvailExtCorrupted;
  }
  Extent e;
  e.last = (uint32_t{key[0]} << 24) | (uint32_t{key[1]} << 16) | (uint32_t{key[2]} << 8) | key[3];
  e.count = LoadLE32(data.data());
  if (e.count == 0 || e.count > e.last) {
    return JET_errSPAvailExtCorrupted;
  }
  *out = e;
  return JET_errSuccess;
}

}  // namespace jet
