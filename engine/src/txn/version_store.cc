#include "txn/version_store.h"

#include <utility>

namespace jet {
namespace {

// Bookkeeping bytes per version beyond its before-image and key.
constexpr size_t kVersionOverhead = 64;

size_t RoundUpPow2(size_t n) {
  size_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

}  // namespace

VersionStore::VersionStore(const VersionStoreOptions& options)
    : options_(options),
      shards_(new Shard[RoundUpPow2(options.shards == 0 ? 1 : options.shards)]),
      shard_mask_(RoundUpPow2(options.shards == 0 ? 1 : options.shards) - 1),
      tree_counters_(new std::atomic<size_t>[kTreeCounters]) {
  for (size_t i = 0; i < kTreeCounters; ++i) tree_counters_[i].store(0);
}

VersionStore::~VersionStore() = default;

VersionStore::Shard& VersionStore::ShardOf(const NodeKey& node) const {
  return shards_[NodeKeyHash()(node) & shard_mask_];
}

std::atomic<size_t>& VersionStore::TreeCounter(uint64_t db, uint32_t objid) const {
  return tree_counters_[TreeHash(db, objid) % kTreeCounters];
}

void VersionStore::AddAccounting(const NodeKey& node, const Version& v) {
  TreeCounter(node.db, node.objid).fetch_add(1, std::memory_order_relaxed);
  versions_.fetch_add(1, std::memory_order_relaxed);
  bytes_.fetch_add(kVersionOverhead + node.Footprint() + v.before.size(),
                   std::memory_order_relaxed);
}

void VersionStore::SubAccounting(const NodeKey& node, const Version& v) {
  TreeCounter(node.db, node.objid).fetch_sub(1, std::memory_order_relaxed);
  versions_.fetch_sub(1, std::memory_order_relaxed);
  bytes_.fetch_sub(kVersionOverhead + node.Footprint() + v.before.size(),
                   std::memory_order_relaxed);
}

int VersionStore::Find(const Chain& chain, const TxnState* owner, int level) {
  for (size_t i = chain.size(); i-- > 0;) {
    if (chain[i].owner.get() == owner && chain[i].level == level) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

JET_ERR VersionStore::PrepareWrite(Transaction& txn, const NodeKey& node) {
  if (!txn.active()) return JET_errNotInTransaction;
  const TxnState* me = txn.state_.get();
  Shard& shard = ShardOf(node);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.chains.find(node);
  // What the node will be if this reservation never becomes a change: the
  // newest version's after-state, or unknown (false: RemoveDeleted, which
  // re-checks the node, is asked once the version goes).
  bool inherited_after = false;
  if (it != shard.chains.end() && !it->second.empty()) {
    const Version& newest = it->second.back();
    if (newest.owner.get() == me) {
      if (newest.level == txn.level_) return JET_errSuccess;  // reserved already
    } else {
      // ESE's rule: the newest change must be one this transaction sees.
      const TrxTime t = newest.owner->commit_time.load(std::memory_order_acquire);
      if (t == kTrxNone || t > me->begin) return JET_errWriteConflict;
    }
    inherited_after = newest.after_exists;
  }
  if (bytes_.load(std::memory_order_relaxed) >= options_.max_bytes) {
    return JET_errVersionStoreOutOfMemory;
  }
  Version v;
  v.owner = txn.state_;
  v.level = txn.level_;
  v.after_exists = inherited_after;
  AddAccounting(node, v);
  if (it == shard.chains.end()) it = shard.chains.emplace(node, Chain()).first;
  it->second.push_back(std::move(v));
  txn.current().push_back({node, {}});
  return JET_errSuccess;
}

void VersionStore::Record(Transaction& txn, const NodeKey& node, bool before_exists,
                          std::span<const uint8_t> before_data, bool after_exists) {
  if (!txn.active()) return;  // PrepareWrite refused it already
  Shard& shard = ShardOf(node);
  std::lock_guard<std::mutex> lock(shard.mu);
  Chain& chain = shard.chains[node];
  int i = Find(chain, txn.state_.get(), txn.level_);
  if (i < 0) {
    // No PrepareWrite (the caller knows there can be no conflict, e.g. a
    // node it created itself in this transaction's new tree).
    Version v;
    v.owner = txn.state_;
    v.level = txn.level_;
    AddAccounting(node, v);
    chain.push_back(std::move(v));
    txn.current().push_back({node, {}});
    i = static_cast<int>(chain.size()) - 1;
  }
  Version& v = chain[static_cast<size_t>(i)];
  if (!v.changed) {
    SubAccounting(node, v);
    v.changed = true;
    v.before_exists = before_exists;
    v.before.assign(before_data.begin(), before_data.end());
    AddAccounting(node, v);
  }
  v.after_exists = after_exists;
}

VersionStore::Visibility VersionStore::See(const Snapshot& reader, const NodeKey& node,
                                           bool current_exists,
                                           std::span<const uint8_t> current_data,
                                           std::vector<uint8_t>* image) const {
  // The stored data is the caller's to return for kAsStored.
  (void)current_data;
  if (!MayHaveVersions(node.db, node.objid)) {
    return current_exists ? Visibility::kAsStored : Visibility::kAbsent;
  }
  Shard& shard = ShardOf(node);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.chains.find(node);
  // The state seen so far walking from the newest version: nullptr = as
  // stored; otherwise that version's before-state.
  const Version* state = nullptr;
  if (it != shard.chains.end()) {
    const Chain& chain = it->second;
    for (size_t i = chain.size(); i-- > 0;) {
      const Version& v = chain[i];
      if (!v.changed) continue;  // a reservation changes nothing
      if (v.owner.get() == reader.txn) break;
      const TrxTime t = v.owner->commit_time.load(std::memory_order_acquire);
      if (t != kTrxNone && (reader.begin == kTrxNow || t < reader.begin)) break;
      state = &v;
    }
  }
  if (state == nullptr) {
    return current_exists ? Visibility::kAsStored : Visibility::kAbsent;
  }
  if (!state->before_exists) return Visibility::kAbsent;
  if (image != nullptr) *image = state->before;
  return Visibility::kImage;
}

bool VersionStore::MayHaveVersions(uint64_t db, uint32_t objid) const {
  if (versions_.load(std::memory_order_acquire) == 0) return false;
  return TreeCounter(db, objid).load(std::memory_order_acquire) != 0;
}

bool VersionStore::HasVersions(const NodeKey& node) const {
  Shard& shard = ShardOf(node);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.chains.find(node);
  return it != shard.chains.end() && !it->second.empty();
}

void VersionStore::MergeLevel(Transaction& txn) {
  const int from = txn.level_;
  const int to = from - 1;
  const TxnState* me = txn.state_.get();
  std::vector<Transaction::UndoEntry> moved = std::move(txn.levels_[from]);
  txn.levels_[from].clear();
  for (Transaction::UndoEntry& e : moved) {
    if (e.action) {
      txn.levels_[to].push_back(std::move(e));
      continue;
    }
    Shard& shard = ShardOf(e.node);
    std::lock_guard<std::mutex> lock(shard.mu);
    auto it = shard.chains.find(e.node);
    if (it == shard.chains.end()) continue;
    Chain& chain = it->second;
    const int newer = Find(chain, me, from);
    if (newer < 0) continue;
    const int older = Find(chain, me, to);
    if (older < 0) {
      chain[static_cast<size_t>(newer)].level = to;
      txn.levels_[to].push_back(std::move(e));
      continue;
    }
    // Level n-1 already has a version: its before-state is the older one,
    // unless it changed nothing (then level n's change is the first).
    Version& keep = chain[static_cast<size_t>(older)];
    Version& drop = chain[static_cast<size_t>(newer)];
    SubAccounting(e.node, drop);
    if (drop.changed) {
      SubAccounting(e.node, keep);
      if (!keep.changed) {
        keep.changed = true;
        keep.before_exists = drop.before_exists;
        keep.before = std::move(drop.before);
        drop.before.clear();
      }
      keep.after_exists = drop.after_exists;
      AddAccounting(e.node, keep);
    }
    chain.erase(chain.begin() + newer);
  }
}

void VersionStore::CommitOutermost(Transaction& txn) {
  Committed c;
  c.owner = txn.state_;
  for (Transaction::UndoEntry& e : txn.levels_[1]) {
    if (!e.action) c.nodes.push_back(std::move(e.node));
  }
  txn.levels_[1].clear();
  if (c.nodes.empty()) return;
  std::lock_guard<std::mutex> lock(committed_mu_);
  committed_.push_back(std::move(c));
}

JET_ERR VersionStore::RollbackLevel(Transaction& txn, NodeRestorer& restorer) {
  const int level = txn.level_;
  const TxnState* me = txn.state_.get();
  std::vector<Transaction::UndoEntry>& entries = txn.levels_[level];
  while (!entries.empty()) {
    Transaction::UndoEntry& e = entries.back();
    if (e.action) {
      JET_ERR err = e.action();
      if (err < 0) return err;
      entries.pop_back();
      continue;
    }
    Shard& shard = ShardOf(e.node);
    bool changed = false;
    bool before_exists = false;
    bool after_if_unchanged = true;
    std::vector<uint8_t> before;
    {
      std::lock_guard<std::mutex> lock(shard.mu);
      auto it = shard.chains.find(e.node);
      const int i = it == shard.chains.end() ? -1 : Find(it->second, me, level);
      if (i >= 0) {
        const Version& v = it->second[static_cast<size_t>(i)];
        changed = v.changed;
        before_exists = v.before_exists;
        after_if_unchanged = v.after_exists;
        before = v.before;
      }
    }
    // The version stays while the node is restored: readers keep seeing
    // its before-state, which the node now reaches.
    if (changed) {
      JET_ERR err = restorer.Restore(e.node, before_exists, before);
      if (err < 0) return err;
    }
    bool remove_node = false;
    {
      std::lock_guard<std::mutex> lock(shard.mu);
      auto it = shard.chains.find(e.node);
      if (it != shard.chains.end()) {
        Chain& chain = it->second;
        const int i = Find(chain, me, level);
        if (i >= 0) {
          SubAccounting(e.node, chain[static_cast<size_t>(i)]);
          chain.erase(chain.begin() + i);
        }
        if (chain.empty()) {
          shard.chains.erase(it);
          // An undone insert (or a reservation on a flag-deleted node) left
          // a flag-deleted node nobody needs.
          remove_node = changed ? !before_exists : !after_if_unchanged;
        }
      }
    }
    if (remove_node) {
      JET_ERR err = restorer.RemoveDeleted(e.node);
      if (err < 0) return err;
    }
    entries.pop_back();
  }
  return JET_errSuccess;
}

bool VersionStore::CleanupNeeded(TrxTime horizon) const {
  std::lock_guard<std::mutex> lock(committed_mu_);
  return !committed_.empty() &&
         committed_.front().owner->commit_time.load(std::memory_order_acquire) < horizon;
}

JET_ERR VersionStore::Cleanup(TrxTime horizon, NodeCleaner& cleaner, size_t* freed) {
  std::lock_guard<std::mutex> cleanup_lock(cleanup_mu_);
  size_t dropped = 0;
  std::vector<NodeKey> deleted;
  for (;;) {
    Committed c;
    {
      std::lock_guard<std::mutex> lock(committed_mu_);
      if (committed_.empty()) break;
      const TrxTime t = committed_.front().owner->commit_time.load(std::memory_order_acquire);
      if (t >= horizon) break;
      c = std::move(committed_.front());
      committed_.pop_front();
    }
    for (NodeKey& node : c.nodes) {
      Shard& shard = ShardOf(node);
      std::lock_guard<std::mutex> lock(shard.mu);
      auto it = shard.chains.find(node);
      if (it == shard.chains.end()) continue;
      Chain& chain = it->second;
      bool last_deleted = false;
      for (size_t i = 0; i < chain.size();) {
        if (chain[i].owner == c.owner) {
          last_deleted = !chain[i].after_exists;
          SubAccounting(node, chain[i]);
          chain.erase(chain.begin() + static_cast<std::ptrdiff_t>(i));
          ++dropped;
        } else {
          ++i;
        }
      }
      if (chain.empty()) {
        shard.chains.erase(it);
        // A committed versioned delete with no newer version: the
        // flag-deleted node can go (RemoveDeleted re-checks under latch).
        if (last_deleted) deleted.push_back(std::move(node));
      }
    }
  }
  if (freed != nullptr) *freed = dropped;
  JET_ERR first = JET_errSuccess;
  for (const NodeKey& node : deleted) {
    JET_ERR err = cleaner.RemoveDeleted(node);
    if (err < 0 && first == JET_errSuccess) first = err;
  }
  return first;
}

}  // namespace jet
