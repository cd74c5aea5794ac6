// The benchmark's data set, the same on both sides: row i has a 16-byte key
// (16 hex digits of a bijective 64-bit mix of seed and i, so keys are unique
// and arrive in random key order) and a 100-byte pseudo-random value. Both are
// recomputed on demand, so neither side holds the data set in memory and
// each can check what it reads back.

#ifndef JETSVC_TESTS_BENCH_BENCH_DATA_H_
#define JETSVC_TESTS_BENCH_BENCH_DATA_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace jetbench {

constexpr size_t kKeySize = 16;
constexpr size_t kValueSize = 100;

// splitmix64's output function: a bijection on 64-bit integers.
inline uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class DataSet {
 public:
  explicit DataSet(uint64_t seed) : seed_(seed) {}

  // Row i's key: distinct i give distinct keys (Mix64 is a bijection).
  void Key(uint64_t i, uint8_t out[kKeySize]) const {
    static const char kHex[] = "0123456789abcdef";
    const uint64_t k = Mix64(i ^ Mix64(seed_));
    for (size_t d = 0; d < kKeySize; ++d) out[d] = kHex[(k >> (60 - 4 * d)) & 15];
  }

  // Row i's value: incompressible bytes from a splitmix64 stream.
  void Value(uint64_t i, uint8_t out[kValueSize]) const {
    uint64_t state = Mix64(i + 0x9e3779b97f4a7c15ULL * (seed_ + 1));
    for (size_t off = 0; off < kValueSize; off += 8) {
      state += 0x9e3779b97f4a7c15ULL;
      const uint64_t r = Mix64(state);
      std::memcpy(out + off, &r, off + 8 <= kValueSize ? 8 : kValueSize - off);
    }
  }

  // The order of the point reads: a permutation of 0..rows-1 (Fisher-Yates
  // driven by the seed), the same on both sides.
  std::vector<uint32_t> ReadOrder(uint32_t rows) const {
    std::vector<uint32_t> order(rows);
    for (uint32_t i = 0; i < rows; ++i) order[i] = i;
    uint64_t state = Mix64(seed_ ^ 0x5eedULL);
    for (uint32_t i = rows; i > 1; --i) {
      state += 0x9e3779b97f4a7c15ULL;
      const uint32_t j = static_cast<uint32_t>(Mix64(state) % i);
      std::swap(order[i - 1], order[j]);
    }
    return order;
  }

 private:
  uint64_t seed_;
};

}  // namespace jetbench

#endif  // JETSVC_TESTS_BENCH_BENCH_DATA_H_
