// Key order: bytes as memcmp orders them, a prefix first; and the
// two-piece comparison the cursor uses on (prefix, suffix) keys.
#include "btree/key_compare.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace jet {
namespace {

using Bytes = std::vector<uint8_t>;

int Sign(int v) { return (v > 0) - (v < 0); }

TEST(BTreeKeyCompare, BytesThenLength) {
  EXPECT_EQ(CompareKeys(Bytes{}, Bytes{}), 0);
  EXPECT_LT(CompareKeys(Bytes{}, Bytes{0}), 0);
  EXPECT_LT(CompareKeys(Bytes{1, 2}, Bytes{1, 2, 0}), 0);
  EXPECT_GT(CompareKeys(Bytes{1, 3}, Bytes{1, 2, 9}), 0);
  EXPECT_LT(CompareKeys(Bytes{0x7f}, Bytes{0x80}), 0);  // unsigned bytes
  EXPECT_GT(CompareKeys(Bytes{0xff}, Bytes{0x00, 0xff}), 0);
}

TEST(BTreeKeyCompare, ConcatenationMatchesTheJoinedKeys) {
  std::mt19937_64 rng(99);
  auto piece = [&] {
    Bytes b(rng() % 4);
    for (auto& x : b) x = static_cast<uint8_t>(rng() % 3);
    return b;
  };
  for (int i = 0; i < 20000; ++i) {
    const Bytes a1 = piece(), a2 = piece(), b1 = piece(), b2 = piece();
    Bytes a = a1, b = b1;
    a.insert(a.end(), a2.begin(), a2.end());
    b.insert(b.end(), b2.begin(), b2.end());
    ASSERT_EQ(Sign(CompareConcat(a1, a2, b1, b2)), Sign(CompareKeys(a, b)));
  }
}

}  // namespace
}  // namespace jet
