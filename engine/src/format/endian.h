// Little-endian loads and stores, byte by byte.
//
// Every on-disk integer in an EDB file is little-endian (ese-facts §4). The
// format code never reinterprets a buffer as a struct: it reads and writes
// each field through these helpers, so it is the same on every host and never
// depends on alignment.

#ifndef JETSVC_ENGINE_FORMAT_ENDIAN_H_
#define JETSVC_ENGINE_FORMAT_ENDIAN_H_

#include <cstdint>

namespace jet {

inline uint16_t LoadLE16(const uint8_t* p) {
  return static_cast<uint16_t>(static_cast<uint16_t>(p[0]) | (static_cast<uint16_t>(p[1]) << 8));
}

inline uint32_t LoadLE32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}

inline uint64_t LoadLE64(const uint8_t* p) {
  return static_cast<uint64_t>(LoadLE32(p)) | (static_cast<uint64_t>(LoadLE32(p + 4)) << 32);
}

inline void StoreLE16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v);
  p[1] = static_cast<uint8_t>(v >> 8);
}

inline void StoreLE32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v);
  p[1] = static_cast<uint8_t>(v >> 8);
  p[2] = static_cast<uint8_t>(v >> 16);
  p[3] = static_cast<uint8_t>(v >> 24);
}

inline void StoreLE64(uint8_t* p, uint64_t v) {
  StoreLE32(p, static_cast<uint32_t>(v));
  StoreLE32(p + 4, static_cast<uint32_t>(v >> 32));
}

}  // namespace jet

#endif  // JETSVC_ENGINE_FORMAT_ENDIAN_H_
