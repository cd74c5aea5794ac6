// Helpers of the B-tree write and space tests: a new database file over
// FaultEnv and a small PageCache, a sink that captures (and round-trips
// through the codec) every page operation, replay of the captured records,
// and a full check of a tree's invariants.
#ifndef JETSVC_TESTS_ENGINE_BTREE_WRITE_TEST_UTIL_H_
#define JETSVC_TESTS_ENGINE_BTREE_WRITE_TEST_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "btree/btree.h"
#include "btree/btree_writer.h"
#include "btree/page_op_writer.h"
#include "cache/page_cache.h"
#include "os/fault_env.h"
#include "pageop/page_operation.h"
#include "space/space_manager.h"

namespace jet::write_test {

using Bytes = std::vector<uint8_t>;

// Captures every record; each is encoded and decoded on the way to prove
// the byte form carries it whole.
class CaptureSink final : public PageOpSink {
 public:
  JET_ERR OnPageOperation(const PageOperation& op, std::span<const uint8_t> page_before,
                          bool first_change_since_write, PackedLgpos* lgpos) override;
  std::vector<PageOperation> ops;
  size_t first_changes = 0;
  bool codec_ok = true;
};

struct WriteDbOptions {
  size_t page_size = 4096;
  size_t capacity_pages = 32;
  SpaceOptions space;
  uint64_t env_seed = 1;
};

class WriteDb {
 public:
  // Creates "test.edb" (two header pages of zeros) and its space.
  static std::unique_ptr<WriteDb> Create(const WriteDbOptions& options);
  ~WriteDb();

  FaultEnv& env() { return env_; }
  PageCache* cache() const { return cache_.get(); }
  CacheFileId file() const { return id_; }
  File* file_handle() const { return file_.get(); }
  SpaceManager* space() const { return space_.get(); }
  const PageWriteContext& ctx() const { return ctx_; }
  CaptureSink& sink() { return sink_; }
  size_t page_size() const { return options_.page_size; }

  // A new tree (CreateTree + BTree::Open).
  JET_ERR CreateTree(uint32_t objid, uint32_t extra_flags, BTree* tree);
  // FlushFile, then the file's bytes.
  JET_ERR FlushAndRead(Bytes* image);

 private:
  WriteDb() = default;
  WriteDbOptions options_;
  FaultEnv env_{1};
  std::unique_ptr<File> file_;
  std::unique_ptr<PageCache> cache_;
  CacheFileId id_ = kInvalidCacheFileId;
  CounterDbTimeSource dbtime_;
  CaptureSink sink_;
  PageWriteContext ctx_;
  std::unique_ptr<SpaceManager> space_;
};

// Every page 1..last of an image: all zeros (never formatted), or a page
// whose checksum verifies. Returns a description of the first failure.
std::string VerifyChecksums(const Bytes& image, size_t page_size);

// Replays `ops` with RedoPageOperation onto `image` (grown as needed),
// sealing every page it touched. *applied / *skipped count the outcomes.
// Returns a description of the first failure.
std::string Replay(const std::vector<PageOperation>& ops, size_t page_size, Bytes* image,
                   size_t* applied, size_t* skipped);

// Walks the tree from its root: levels, key order (pages and across leaf
// links), separators bounding their subtrees, sibling links both ways,
// no empty non-root leaf, links 0 on internal pages. Fills `pages` with every
// page of the tree. Returns a description of the first violation.
struct TreeShape {
  int levels = 0;
  size_t leaves = 0;
  std::vector<uint32_t> pages;
};
std::string CheckTree(const BTree& tree, TreeShape* shape);

// The seed of a random test: JETSVC_TEST_SEED if set, else `fallback`.
uint64_t TestSeed(uint64_t fallback);

}  // namespace jet::write_test

#endif  // JETSVC_TESTS_ENGINE_BTREE_WRITE_TEST_UTIL_H_
