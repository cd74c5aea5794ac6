// The version store (ESE's ver.cxx, simplified). Writes are made in place in
// the B-trees; for every node a transaction changed, the store keeps the
// node's state before the change (its before-image), newest first, so that
//  * readers with an older snapshot see the old state (See),
//  * a writer whose change would overwrite a change it cannot see gets
//    JET_errWriteConflict (PrepareWrite; ESE's rule: the newest version is
//    another transaction's and uncommitted, or committed after my begin),
//  * rollback restores the before-states (RollbackLevel, through the
//    integration's NodeRestorer: the compensation page operations),
//  * versions no snapshot needs any more are dropped (Cleanup), and nodes
//    flag-deleted by a committed versioned delete are physically removed
//    (NodeCleaner::RemoveDeleted).
//
// Contract with the B-tree integration (no window where a reader sees a
// changed node without its version):
//  1. PrepareWrite(txn, node) BEFORE latching the page for the change. It
//     reserves the node for txn (a no-change version) or fails.
//  2. Make the change; call Record(...) with the before-state while still
//     holding the page's write latch.
//  3. Readers call See(...) on a node while the page latch under which they
//     read the node is still held (or the node is known not to change).
//  4. NodeRestorer::Restore and NodeCleaner::RemoveDeleted are called with no
//     store lock held; they latch pages themselves. RemoveDeleted must, under
//     the page's write latch, check that the node is still flag-deleted and
//     that HasVersions(node) is false before deleting it (a new transaction
//     may have re-inserted the key in between).
// Lock order: page latches, then a store shard mutex; the store never waits
// for a latch while holding its own mutexes.
//
// Thread-safe: chains live in hash-sharded maps, each with a mutex held for
// a few map operations only.

#ifndef JETSVC_ENGINE_TXN_VERSION_STORE_H_
#define JETSVC_ENGINE_TXN_VERSION_STORE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <unordered_map>
#include <vector>

#include "esent.h"
#include "txn/node_key.h"
#include "txn/transaction.h"

namespace jet {

// Physically removes nodes that a committed versioned delete left
// flag-deleted. See the contract above.
class NodeCleaner {
 public:
  virtual ~NodeCleaner() = default;
  [[nodiscard]] virtual JET_ERR RemoveDeleted(const NodeKey& node) = 0;
};

// Makes a tree node match a before-state during rollback: exists=false ->
// the node must read as absent (flag-delete it, keep it: older snapshots may
// still need it; RemoveDeleted is called once nothing does), exists=true ->
// the node is present (un-flag-delete it if needed) with exactly `data`.
class NodeRestorer : public NodeCleaner {
 public:
  [[nodiscard]] virtual JET_ERR Restore(const NodeKey& node, bool exists,
                                        std::span<const uint8_t> data) = 0;
};

struct VersionStoreOptions {
  // Bytes of versions (before-images, keys, bookkeeping) beyond which
  // PrepareWrite and Lock fail with JET_errVersionStoreOutOfMemory. ESE's
  // JET_paramMaxVerPages counts 16 KiB buckets; use MaxVerPages * 16384.
  size_t max_bytes = size_t{64} << 20;
  // Number of independently locked shards (a power of two).
  size_t shards = 64;

  // The limit for JET_paramMaxVerPages buckets of JET_paramVerPageSize
  // bytes (16 KiB unless set).
  static constexpr size_t BytesForVerPages(uint32_t max_ver_pages,
                                           uint32_t ver_page_size = 16384) {
    return size_t{max_ver_pages} * ver_page_size;
  }
};

class VersionStore {
 public:
  enum class Visibility {
    kAsStored,  // the node as stored in the tree is what the reader sees
    kAbsent,    // the reader must not see the node
    kImage,     // the node is present with the returned before-image
  };

  explicit VersionStore(const VersionStoreOptions& options = {});
  VersionStore(const VersionStore&) = delete;
  VersionStore& operator=(const VersionStore&) = delete;
  ~VersionStore();

  // Before changing `node` in txn (active): JET_errWriteConflict, or
  // JET_errVersionStoreOutOfMemory, or JET_errNotInTransaction; on success
  // the node is reserved for txn until the transaction ends.
  [[nodiscard]] JET_ERR PrepareWrite(Transaction& txn, const NodeKey& node);

  // JetGetLock: a version that changes nothing but makes later writers of
  // other transactions conflict (read and write locks both behave as write
  // locks here).
  [[nodiscard]] JET_ERR Lock(Transaction& txn, const NodeKey& node) {
    return PrepareWrite(txn, node);
  }

  // After changing `node` (under the page's write latch): the state before
  // the change and whether the node exists after it (false for a versioned
  // delete, which leaves the node flag-deleted). Repeated changes of one node
  // at one level keep the first before-state.
  void Record(Transaction& txn, const NodeKey& node, bool before_exists,
              std::span<const uint8_t> before_data, bool after_exists);

  // What `reader` sees of `node`, stored as (current_exists, current_data)
  // (current_exists is false for a flag-deleted node). For kImage, *image
  // receives the data.
  Visibility See(const Snapshot& reader, const NodeKey& node, bool current_exists,
                 std::span<const uint8_t> current_data,
                 std::vector<uint8_t>* image) const;

  // False when no node of the tree has a version: scans skip See. Cheap
  // (one atomic load; false positives possible, never false negatives).
  bool MayHaveVersions(uint64_t db, uint32_t objid) const;

  // True while some version exists on `node` (RemoveDeleted's check).
  bool HasVersions(const NodeKey& node) const;

  // Drops the versions of committed transactions whose commit time is
  // before `horizon` (TransactionManager::Cleanup passes the oldest active
  // begin time), then calls cleaner.RemoveDeleted for nodes left
  // flag-deleted with no version. Returns the first error of RemoveDeleted;
  // *freed (optional) counts dropped versions. One cleanup runs at a time.
  [[nodiscard]] JET_ERR Cleanup(TrxTime horizon, NodeCleaner& cleaner,
                                size_t* freed = nullptr);
  // Cheap: whether Cleanup(horizon) would drop anything.
  bool CleanupNeeded(TrxTime horizon) const;

  size_t version_count() const { return versions_.load(std::memory_order_relaxed); }
  size_t bytes_used() const { return bytes_.load(std::memory_order_relaxed); }

 private:
  friend class TransactionManager;

  struct Version {
    std::shared_ptr<TxnState> owner;
    int level = 0;
    bool changed = false;  // false: a reservation / lock, no change yet
    bool before_exists = false;
    bool after_exists = true;
    std::vector<uint8_t> before;
  };
  // Oldest first; the newest version is back().
  using Chain = std::vector<Version>;
  struct Shard {
    mutable std::mutex mu;
    std::unordered_map<NodeKey, Chain, NodeKeyHash> chains;
  };
  struct Committed {
    std::shared_ptr<TxnState> owner;
    std::vector<NodeKey> nodes;
  };

  Shard& ShardOf(const NodeKey& node) const;
  std::atomic<size_t>& TreeCounter(uint64_t db, uint32_t objid) const;
  void AddAccounting(const NodeKey& node, const Version& v);
  void SubAccounting(const NodeKey& node, const Version& v);
  // Index of txn's version at `level` in the chain, or -1.
  static int Find(const Chain& chain, const TxnState* owner, int level);

  // Called by TransactionManager.
  // Commit of level n > 1: level n's versions and actions join level n-1.
  void MergeLevel(Transaction& txn);
  // Commit of level 1, after the commit time was stamped: the versions wait
  // for cleanup. Must be called in commit-time order.
  void CommitOutermost(Transaction& txn);
  // Undoes the current level newest first. On an error the failed step and
  // older ones stay (the level can be rolled back again).
  [[nodiscard]] JET_ERR RollbackLevel(Transaction& txn, NodeRestorer& restorer);

  const VersionStoreOptions options_;
  std::unique_ptr<Shard[]> shards_;
  size_t shard_mask_;
  static constexpr size_t kTreeCounters = 1024;
  std::unique_ptr<std::atomic<size_t>[]> tree_counters_;
  std::atomic<size_t> versions_{0};
  std::atomic<size_t> bytes_{0};

  mutable std::mutex committed_mu_;
  std::deque<Committed> committed_;  // in commit-time order
  std::mutex cleanup_mu_;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_TXN_VERSION_STORE_H_
