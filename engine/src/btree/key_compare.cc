#include "btree/key_compare.h"

#include <algorithm>
#include <cstring>

namespace jet {

int CompareKeys(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  const size_t n = std::min(a.size(), b.size());
  if (n > 0) {
    const int c = std::memcmp(a.data(), b.data(), n);
    if (c != 0) {
      return c;
    }
  }
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

int CompareConcat(std::span<const uint8_t> a1, std::span<const uint8_t> a2,
                  std::span<const uint8_t> b1, std::span<const uint8_t> b2) {
  // Walk both sides piece by piece, comparing the overlapping runs.
  std::span<const uint8_t> a = a1;
  std::span<const uint8_t> b = b1;
  bool a_second = false;
  bool b_second = false;
  for (;;) {
    if (a.empty() && !a_second) {
      a = a2;
      a_second = true;
      continue;
    }
    if (b.empty() && !b_second) {
      b = b2;
      b_second = true;
      continue;
    }
    if (a.empty() || b.empty()) {
      const bool a_done = a.empty();
      const bool b_done = b.empty();
      return a_done && b_done ? 0 : (a_done ? -1 : 1);
    }
    const size_t n = std::min(a.size(), b.size());
    const int c = std::memcmp(a.data(), b.data(), n);
    if (c != 0) {
      return c;
    }
    a = a.subspan(n);
    b = b.subspan(n);
  }
}

}  // namespace jet
