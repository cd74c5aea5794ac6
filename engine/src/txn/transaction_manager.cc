#include "txn/transaction_manager.h"

#include <memory>
#include <utility>

namespace jet {

TransactionManager::TransactionManager(const VersionStoreOptions& options)
    : versions_(options) {}

JET_ERR TransactionManager::Begin(Transaction& txn) {
  if (txn.level_ >= kMaxTransactionLevel) return JET_errTransTooDeep;
  if (txn.level_ == 0) {
    auto state = std::make_shared<TxnState>();
    {
      std::lock_guard<std::mutex> lock(mu_);
      state->id = next_id_++;
      state->begin = ++clock_;
      active_begins_.insert(state->begin);
    }
    txn.state_ = std::move(state);
  }
  ++txn.level_;
  txn.levels_[txn.level_].clear();
  return JET_errSuccess;
}

JET_ERR TransactionManager::Commit(Transaction& txn) {
  if (txn.level_ == 0) return JET_errNotInTransaction;
  if (txn.level_ > 1) {
    versions_.MergeLevel(txn);
    --txn.level_;
    return JET_errSuccess;
  }
  {
    // Stamp and queue under the clock mutex: a snapshot begun later sees
    // every version of this commit, and the cleanup queue stays in commit
    // order.
    std::lock_guard<std::mutex> lock(mu_);
    const TrxTime t = ++clock_;
    txn.state_->commit_time.store(t, std::memory_order_release);
    active_begins_.erase(active_begins_.find(txn.state_->begin));
    versions_.CommitOutermost(txn);
    txn.last_commit_time_ = t;
  }
  txn.level_ = 0;
  txn.state_.reset();
  return JET_errSuccess;
}

JET_ERR TransactionManager::Rollback(Transaction& txn, NodeRestorer& restorer) {
  if (txn.level_ == 0) return JET_errNotInTransaction;
  JET_ERR err = versions_.RollbackLevel(txn, restorer);
  if (err < 0) return err;
  if (--txn.level_ == 0) {
    std::lock_guard<std::mutex> lock(mu_);
    active_begins_.erase(active_begins_.find(txn.state_->begin));
    txn.last_commit_time_ = kTrxNone;
    txn.state_.reset();
  }
  return JET_errSuccess;
}

JET_ERR TransactionManager::AddUndo(Transaction& txn, std::function<JET_ERR()> undo) {
  if (txn.level_ == 0) return JET_errNotInTransaction;
  txn.current().push_back({NodeKey(), std::move(undo)});
  return JET_errSuccess;
}

TrxTime TransactionManager::CleanupHorizon() const {
  std::lock_guard<std::mutex> lock(mu_);
  return active_begins_.empty() ? clock_ + 1 : *active_begins_.begin();
}

size_t TransactionManager::active_transactions() const {
  std::lock_guard<std::mutex> lock(mu_);
  return active_begins_.size();
}

}  // namespace jet
