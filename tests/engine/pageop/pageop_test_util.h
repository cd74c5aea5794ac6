// Helpers of the page-operation tests: pages built directly with PageEditor
// (not through the code under test), their nodes read back with PageView,
// and a seeded random source.
#ifndef JETSVC_TESTS_ENGINE_PAGEOP_PAGEOP_TEST_UTIL_H_
#define JETSVC_TESTS_ENGINE_PAGEOP_PAGEOP_TEST_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "format/page.h"
#include "format/primitives.h"

namespace jet::pageop_test {

using Bytes = std::vector<uint8_t>;

inline Bytes B(std::string_view s) { return Bytes(s.begin(), s.end()); }

struct NodeRec {
  Bytes key;
  Bytes data;
  uint8_t flags = 0;  // as stored (with the compressed bit)
  friend bool operator==(const NodeRec&, const NodeRec&) = default;
};

struct PageSpec {
  size_t page_size = 4096;
  uint32_t pgno = 10;
  uint32_t objid = 7;
  uint32_t flags = kPageFlagLeaf | kPageFlagNewRecordFormat;
  DbTime dbtime = 100;
  uint32_t prev = 0;
  uint32_t next = 0;
  Bytes external_header;  // the prefix (non-root) or space header (root)
};

// A page with `nodes` (sorted by the caller), each compressed against the
// page's prefix when that saves anything, built with PageEditor.
Bytes MakePage(const PageSpec& spec, const std::vector<NodeRec>& nodes);

// Every node of a valid page, keys reassembled.
std::vector<NodeRec> ReadNodes(std::span<const uint8_t> page);
PageHeader ReadHeader(std::span<const uint8_t> page);

// "key-0042"-like keys with a shared prefix, and some data.
Bytes Key(int i);
Bytes Data(int i, size_t size = 12);

// A generator seeded from $JETSVC_TEST_SEED, or from the clock; the seed is
// printed so that a failure can be replayed.
std::mt19937_64 SeededRandom(const char* test_name);

}  // namespace jet::pageop_test

#endif  // JETSVC_TESTS_ENGINE_PAGEOP_PAGEOP_TEST_UTIL_H_
