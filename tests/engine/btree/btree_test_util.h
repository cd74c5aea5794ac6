// Helpers of the B-tree tests: an EDB file image served through a PageCache
// (over FaultEnv), trees built page by page with page operations, and scans.
#ifndef JETSVC_TESTS_ENGINE_BTREE_BTREE_TEST_UTIL_H_
#define JETSVC_TESTS_ENGINE_BTREE_BTREE_TEST_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "btree/btree.h"
#include "btree/cursor.h"
#include "esent.h"
#include "os/env.h"
#include "os/fault_env.h"

namespace jet::btree_test {

using Bytes = std::vector<uint8_t>;

inline Bytes B(std::string_view s) { return Bytes(s.begin(), s.end()); }

// A whole EDB file image (header, shadow, then page n at (n + 1) × page
// size) registered with a fresh PageCache, pages verified by
// EdbPageVerifier.
struct TestDbOptions {
  size_t capacity_pages = 256;
  int prefetch_threads = 0;  // 0: read-ahead happens in the caller
};
class TestDb {
 public:
  using Options = TestDbOptions;
  // The image's size must be a multiple of page_size.
  static std::unique_ptr<TestDb> Open(const Bytes& image, size_t page_size,
                                      Options options = Options());
  ~TestDb();

  PageCache* cache() const { return cache_.get(); }
  CacheFileId file() const { return id_; }
  size_t page_size() const { return page_size_; }

 private:
  TestDb() = default;
  FaultEnv env_{7};
  std::unique_ptr<File> file_;
  std::unique_ptr<PageCache> cache_;
  CacheFileId id_ = kInvalidCacheFileId;
  size_t page_size_ = 0;
};

// The byte range of database page `pgno` in a file image.
inline std::span<uint8_t> PageOf(Bytes& image, uint32_t pgno, size_t page_size) {
  return std::span<uint8_t>(image).subspan((size_t{pgno} + 1) * page_size, page_size);
}

struct Entry {
  Bytes key;
  Bytes data;
  uint8_t flags = 0;  // kNodeFlagVersion / kNodeFlagDeleted (the builder's input)
  friend bool operator==(const Entry&, const Entry&) = default;
};

// What a scan saw.
struct Row {
  Bytes key;
  Bytes data;
  uint8_t flags = 0;
  uint32_t pgno = 0;
  friend bool operator==(const Row& a, const Row& b) {
    return a.key == b.key && a.data == b.data;  // pages differ by direction
  }
};

// Scans the whole tree; returns the error that ended the scan
// (JET_errNoCurrentRecord for a complete one).
JET_ERR ScanForward(const BTree& tree, std::vector<Row>* rows, CursorOptions options = {});
JET_ERR ScanBackward(const BTree& tree, std::vector<Row>* rows, CursorOptions options = {});

// Builds a B+-tree with page operations (NewPage records applied to blank
// pages, then sealed) into a file image, bottom-up: leaves of at most
// `leaf_lines` nodes (or fewer, to fit the page), parents of at most
// `fanout` children. Returns the image, which holds pages up to the last
// one used.
struct BuildSpec {
  size_t page_size = 4096;
  uint32_t root_pgno = 4;
  uint32_t first_pgno = 40;  // where the other pages are numbered from
  uint32_t objid = 11;
  uint32_t extra_flags = 0;  // e.g. kPageFlagIndex | kPageFlagNonUniqueKeys
  int leaf_lines = 50;
  int fanout = 40;
  bool empty_last_key = true;  // non-root internal pages' last key left empty
};
struct BuiltTree {
  Bytes image;
  std::vector<uint32_t> leaves;  // in key order
  int levels = 0;
  uint32_t max_pgno = 0;
};
BuiltTree BuildTree(const BuildSpec& spec, const std::vector<Entry>& entries);

// Seals (checksums) page `pgno` of an image after a test changed it.
void Reseal(Bytes& image, uint32_t pgno, size_t page_size);

}  // namespace jet::btree_test

#endif  // JETSVC_TESTS_ENGINE_BTREE_BTREE_TEST_UTIL_H_
