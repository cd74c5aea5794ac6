// Helpers of the catalog tests: a database image served through a PageCache,
// an in-memory CatalogSource, catalogs built from definitions, and a small
// JSON reader for tests/data/windows-edb/expected/*.json.
#ifndef JETSVC_TESTS_ENGINE_CATALOG_CATALOG_TEST_UTIL_H_
#define JETSVC_TESTS_ENGINE_CATALOG_CATALOG_TEST_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "btree/btree.h"  // first: it brings in the cache headers (cache_shim.h)
#include "btree/cursor.h"
#include "catalog/catalog_record.h"
#include "catalog/catalog_source.h"
#include "catalog/table_def.h"
#include "esent.h"
#include "os/fault_env.h"

namespace jet::catalog_test {

using Bytes = std::vector<uint8_t>;

// A whole EDB file image (header, shadow, page n at (n + 1) × page size)
// registered with a fresh PageCache whose reads verify checksums.
class TestDb {
 public:
  static std::unique_ptr<TestDb> Open(const Bytes& image, size_t page_size);
  ~TestDb();

  PageCache* cache() const { return cache_.get(); }
  CacheFileId file() const { return id_; }

 private:
  TestDb() = default;
  FaultEnv env_{11};
  std::unique_ptr<File> file_;
  std::unique_ptr<PageCache> cache_;
  CacheFileId id_ = kInvalidCacheFileId;
};

// Every leaf node of a tree, copied.
struct TreeNode {
  Bytes key;
  Bytes data;
};
JET_ERR ReadTree(const BTree& tree, std::vector<TreeNode>* out);

// A catalog held in memory: nodes given in the order they should be served.
class VectorCatalogSource : public CatalogSource {
 public:
  struct Node {
    Bytes key;
    Bytes data;
    bool new_record_format = true;
  };
  explicit VectorCatalogSource(std::vector<Node> nodes) : nodes_(std::move(nodes)) {}
  JET_ERR Next(CatalogNode* node) override;

  // After the last node, return this instead of JET_errNoCurrentRecord.
  void FailAtEnd(JET_ERR err) { end_error_ = err; }

 private:
  std::vector<Node> nodes_;
  size_t next_ = 0;
  JET_ERR end_error_ = JET_errNoCurrentRecord;
};

// The node of one catalog entry: its key and its encoded record (4 KiB
// pages). Aborts the test binary if the entry does not encode.
VectorCatalogSource::Node NodeOf(const CatalogEntry& entry);
// Nodes of several tables' rows, sorted by key.
std::vector<VectorCatalogSource::Node> NodesOf(const std::vector<TableDef>& tables);

std::string Hex(std::span<const uint8_t> bytes);
Bytes FromHex(std::string_view hex);

// --- JSON (only what expected/*.json uses) ----------------------------------

struct Json {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;  // numbers keep their source text; strings are UTF-8
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;  // in file order

  const Json& operator[](std::string_view key) const;  // a null Json if absent
  const std::string& str() const { return text; }
};
// Parses `text`; false on a syntax error.
bool ParseJson(std::string_view text, Json* out);

}  // namespace jet::catalog_test

#endif  // JETSVC_TESTS_ENGINE_CATALOG_CATALOG_TEST_UTIL_H_
