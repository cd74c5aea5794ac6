#include "txn/node_key.h"

namespace jet {
namespace {

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t Mix(uint64_t h, const uint8_t* p, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    h ^= p[i];
    h *= kFnvPrime;
  }
  return h;
}

uint64_t MixU64(uint64_t h, uint64_t v) {
  uint8_t b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<uint8_t>(v >> (8 * i));
  return Mix(h, b, sizeof(b));
}

}  // namespace

size_t NodeKeyHash::operator()(const NodeKey& k) const {
  uint64_t h = MixU64(kFnvOffset, k.db);
  h = MixU64(h, k.objid);
  h = MixU64(h, k.key.size());
  h = Mix(h, k.key.data(), k.key.size());
  h = Mix(h, k.data.data(), k.data.size());
  return static_cast<size_t>(h ^ (h >> 32));
}

size_t TreeHash(uint64_t db, uint32_t objid) {
  uint64_t h = MixU64(MixU64(kFnvOffset, db), objid);
  return static_cast<size_t>(h ^ (h >> 32));
}

}  // namespace jet
