// Small helpers shared by the key tests: hex, little-endian values, UTF-16LE
// text, one-segment index definitions, and the random seed.

#ifndef JETSVC_TESTS_ENGINE_KEY_KEY_TEST_UTIL_H_
#define JETSVC_TESTS_ENGINE_KEY_KEY_TEST_UTIL_H_

#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "esent.h"
#include "key/index_key_def.h"

namespace jet::key_test {

using Bytes = std::vector<uint8_t>;

inline Bytes FromHex(std::string_view hex) {
  auto nibble = [](char c) -> uint8_t {
    if (c >= '0' && c <= '9') return static_cast<uint8_t>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<uint8_t>(c - 'a' + 10);
    return static_cast<uint8_t>(c - 'A' + 10);
  };
  Bytes out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<uint8_t>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
  }
  return out;
}

inline std::string ToHex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

// A fixed-width value as a record stores it (and as JetMakeKey takes it on
// every supported host): little-endian.
template <typename T>
Bytes Le(T v) {
  static_assert(std::endian::native == std::endian::little);
  Bytes out(sizeof(T));
  std::memcpy(out.data(), &v, sizeof(T));
  return out;
}

inline Bytes Ascii(std::string_view s) { return Bytes(s.begin(), s.end()); }

inline Bytes Utf16le(std::u16string_view s) {
  Bytes out;
  for (char16_t c : s) {
    out.push_back(static_cast<uint8_t>(c));
    out.push_back(static_cast<uint8_t>(c >> 8));
  }
  return out;
}

inline KeySegmentDef Segment(uint32_t coltyp, bool descending = false, bool fixed_column = false,
                             uint16_t code_page = kCodePageWestern, uint32_t cb_max = 0) {
  KeySegmentDef s;
  s.coltyp = coltyp;
  s.descending = descending;
  s.fixed_column = fixed_column;
  s.code_page = code_page;
  s.cb_max = cb_max;
  return s;
}

inline IndexKeyDef OneSegmentIndex(const KeySegmentDef& seg) {
  IndexKeyDef def;
  def.segments.push_back(seg);
  return def;
}

// The seed of a random test: JET_TEST_SEED if set, else a fresh one. Printed
// either way, so a failure can be replayed with JET_TEST_SEED=<seed>.
inline uint64_t TestSeed(std::string_view test_name) {
  uint64_t seed;
  if (const char* env = std::getenv("JET_TEST_SEED"); env != nullptr && *env != '\0') {
    seed = std::strtoull(env, nullptr, 0);
  } else {
    seed = std::random_device{}();
    seed = (seed << 32) ^ std::random_device{}();
  }
  std::cout << "[ seed     ] " << test_name << ": JET_TEST_SEED=" << seed << std::endl;
  return seed;
}

}  // namespace jet::key_test

#endif  // JETSVC_TESTS_ENGINE_KEY_KEY_TEST_UTIL_H_
