// Key order in a B-tree: normalised keys compare as bytes (memcmp), a key that
// is a prefix of another sorting first (ESE's CmpKey). A node's key lives in
// two pieces (the page prefix and the node's suffix), so comparisons take
// the pieces as they are rather than assembling them.

#ifndef JETSVC_ENGINE_BTREE_KEY_COMPARE_H_
#define JETSVC_ENGINE_BTREE_KEY_COMPARE_H_

#include <cstdint>
#include <span>

namespace jet {

// <0, 0, >0 as a < b, a == b, a > b.
int CompareKeys(std::span<const uint8_t> a, std::span<const uint8_t> b);

// Compares the concatenation a1 || a2 with b1 || b2.
int CompareConcat(std::span<const uint8_t> a1, std::span<const uint8_t> a2,
                  std::span<const uint8_t> b1, std::span<const uint8_t> b2);

}  // namespace jet

#endif  // JETSVC_ENGINE_BTREE_KEY_COMPARE_H_
