// Changes to a B+tree (ESE's btree.cxx / node.cxx write side): insert,
// replace, delete and the versioned delete flags, with splits when a page is
// full and merges when a leaf empties. Every change is a page operation
// (pageop/) applied through ApplyLatchedPageOps (btree/page_op_writer.h) on
// pages write-latched in the cache; splits and merges are the records of
// pageop/split_merge.h. docs/formats/space.md describes where pages come
// from.
//
// Key order is the read path's (btree/cursor.h): leaves by key (unique
// trees) or by key then data (non-unique trees); in internal pages node i
// covers sep(i-1) <= k < sep(i) and the last node everything above, the
// target being key || data on non-unique trees.
//
// Latching (cannot deadlock with readers, whose order is top-down with latch
// coupling, and left to right along the leaves, letting go of a page before
// latching its left neighbour):
//  * optimistic pass: read latches down (coupled), the leaf write-latched
//    while its parent is still read-latched, the parent then released. A
//    change that fits the leaf is made there and then; nothing else is
//    latched.
//  * pessimistic pass (a split, a merge, an emptied leaf): every latch let
//    go, then write latches from the root down the whole path, kept. Holding
//    the root exclusively, this writer is the only one changing the tree's
//    structure; new descents wait at the root. Leaves beside the path are
//    latched left to right: a left neighbour is latched only after letting go
//    of the leaf (no one can reach it meanwhile: its parent is held) and the
//    leaf is latched again. New pages (from the PageAllocator) are free, so
//    nobody else waits for them. A leaf losing its last node keeps it until
//    both neighbours are latched: the delete and the unlinking happen under
//    the same latches, so no reader ever meets an empty linked leaf.
//  * the PageAllocator is called with tree latches held; it latches only
//    space-tree pages and free pages and never waits for a tree's latch: the
//    order is always tree pages -> space pages.
//
// Limits (so a split always makes room): keys up to MaxKeySize() bytes (key
// and data together on non-unique trees, whose separators hold both), nodes
// up to MaxNodeSize() bytes of key and data: JET_errKeyTooBig,
// JET_errRecordTooBig beyond.
//
// Not thread-safe per object; any number of writers and readers may work on
// one tree concurrently, each with its own BTreeWriter / Cursor.

#ifndef JETSVC_ENGINE_BTREE_BTREE_WRITER_H_
#define JETSVC_ENGINE_BTREE_BTREE_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "btree/btree.h"
#include "btree/page_op_writer.h"
#include "cache/page_latch.h"
#include "esent.h"
#include "format/page.h"

namespace jet {

// Where a tree's new pages come from and its freed pages go
// (space/space_manager.h).
class PageAllocator {
 public:
  virtual ~PageAllocator() = default;
  // A free page for the tree `objid_fdp`, near `near_pgno` when possible.
  // The caller formats it (a NewPage record). JET_errDiskFull when the file
  // cannot grow.
  [[nodiscard]] virtual JET_ERR AllocatePage(uint32_t objid_fdp, uint32_t near_pgno,
                                             uint32_t* pgno) = 0;
  // Takes back a page the tree no longer uses (already marked Empty).
  [[nodiscard]] virtual JET_ERR FreePage(uint32_t objid_fdp, uint32_t pgno) = 0;
};

struct BTreeWriterStats {
  uint64_t horizontal_splits = 0;
  uint64_t vertical_splits = 0;
  uint64_t merges = 0;           // an emptied leaf merged away (PlanMerge)
  uint64_t subtree_removals = 0; // an emptied leaf and its one-child parents
  uint64_t root_collapses = 0;   // the root took its only child's nodes
  uint64_t pessimistic = 0;      // changes that needed the whole path
};

class BTreeWriter {
 public:
  // `space` gives and takes pages (may be null for a tree that must not
  // change shape: a split is then JET_errInvalidOperation).
  BTreeWriter(const BTree& tree, const PageWriteContext& ctx, PageAllocator* space);
  BTreeWriter(const BTreeWriter&) = delete;
  BTreeWriter& operator=(const BTreeWriter&) = delete;
  ~BTreeWriter();

  static size_t MaxKeySize(size_t page_size);
  static size_t MaxNodeSize(size_t page_size);

  // Inserts a node. JET_errKeyDuplicate if the key (unique trees) or the key
  // and data (non-unique trees) are there already. A node with that key that
  // is flagged deleted (a versioned delete not yet cleaned up) is replaced
  // by the new one, unflagged (ESE's FlagInsertAndReplaceData).
  [[nodiscard]] JET_ERR Insert(std::span<const uint8_t> key, std::span<const uint8_t> data);
  // Replaces the data of the node with this key (unique trees; keeps its
  // version flag). JET_errRecordNotFound if there is none or it is flagged
  // deleted; JET_errInvalidParameter on a non-unique tree.
  [[nodiscard]] JET_ERR Replace(std::span<const uint8_t> key, std::span<const uint8_t> data);
  // Removes the node (flagged deleted or not) physically: the cleanup of a
  // versioned delete, or an unversioned delete. On non-unique trees `data`
  // is part of the node's identity. JET_errRecordNotFound if absent.
  [[nodiscard]] JET_ERR Delete(std::span<const uint8_t> key, std::span<const uint8_t> data = {});
  // Versioned delete: sets the node's deleted flag (readers skip it).
  // JET_errRecordNotFound if absent or already flagged.
  [[nodiscard]] JET_ERR FlagDelete(std::span<const uint8_t> key,
                                   std::span<const uint8_t> data = {});
  // Undoes FlagDelete. JET_errRecordNotFound if absent or not flagged.
  [[nodiscard]] JET_ERR FlagInsert(std::span<const uint8_t> key,
                                   std::span<const uint8_t> data = {});

  const BTreeWriterStats& stats() const { return stats_; }
  const BTree& tree() const { return tree_; }

 private:
  struct Held;
  struct Path;
  struct Target {
    std::span<const uint8_t> key;
    std::span<const uint8_t> data;
    bool with_data = false;
  };
  enum class Change { kInsert, kReplace, kDelete, kFlagDelete, kFlagInsert };

  JET_ERR CheckSizes(std::span<const uint8_t> key, std::span<const uint8_t> data) const;
  JET_ERR Run(Change change, const Target& target);
  // Makes the change on a write-latched leaf if it fits there; kNeedPath
  // when it needs a split or a merge.
  JET_ERR ChangeLeaf(Change change, const Target& target, Held* leaf, bool pessimistic,
                     int* pos, size_t* space);
  JET_ERR LatchWrite(uint32_t pgno, Held* out);
  JET_ERR RelatchWrite(Held* held);
  JET_ERR LatchLeafOptimistic(const Target& target, Held* leaf);
  JET_ERR LatchPath(const Target& target, Path* path);
  JET_ERR MakeRoom(Path* path, size_t level, int pos, size_t space, bool replacing);
  JET_ERR SplitRoot(Path* path);
  // Deletes line `pos`, the last node of the path's (non-root) leaf, and
  // takes the leaf out of the tree (a merge, or a chain of one-child pages).
  JET_ERR RemoveLastNode(Path* path, int pos);
  JET_ERR LatchNeighbours(Path* path, Held* left, Held* right);
  JET_ERR MergeEmptyLeaf(Path* path, Held* left, Held* right);
  JET_ERR RemoveChain(Path* path, size_t top, Held* left, Held* right);
  JET_ERR CollapseRoot(Path* path);
  JET_ERR Allocate(uint32_t near_pgno, uint32_t* pgno);
  JET_ERR Free(uint32_t pgno);
  JET_ERR Apply(PageOperation op, Held* page);
  JET_ERR ApplyGroup(std::vector<PageOperation>& ops, const std::vector<Held*>& pages);

  BTree tree_;
  PageWriteContext ctx_;
  PageAllocator* space_;
  bool unique_;
  BTreeWriterStats stats_;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_BTREE_BTREE_WRITER_H_
