// One per instance: the trx clock, the registry of active snapshots and the
// version store. Begin/Commit/Rollback follow ESE's rules: levels 1..7
// (JET_errTransTooDeep beyond), JET_errNotInTransaction for a commit or
// rollback at level 0; the outermost begin takes a snapshot time
// (trxBegin0), the outermost commit a commit time (trxCommit0) from the same
// clock, both under one mutex so that a snapshot begun after a commit sees
// all of that commit and one begun before sees none of it.
//
// Cleanup: versions committed before the oldest active begin time are seen
// through by every present and future snapshot. Call
// `if (tm.CleanupNeeded()) tm.Cleanup(cleaner)` after commits/rollbacks, or
// from a background thread; both are thread-safe.

#ifndef JETSVC_ENGINE_TXN_TRANSACTION_MANAGER_H_
#define JETSVC_ENGINE_TXN_TRANSACTION_MANAGER_H_

#include <cstddef>
#include <functional>
#include <set>
#include <mutex>

#include "esent.h"
#include "txn/transaction.h"
#include "txn/version_store.h"

namespace jet {

class TransactionManager {
 public:
  explicit TransactionManager(const VersionStoreOptions& options = {});
  TransactionManager(const TransactionManager&) = delete;
  TransactionManager& operator=(const TransactionManager&) = delete;

  VersionStore& versions() { return versions_; }
  const VersionStore& versions() const { return versions_; }

  // JetBeginTransaction: level+1; at level 0 a new snapshot.
  [[nodiscard]] JET_ERR Begin(Transaction& txn);
  // JetCommitTransaction of the current level.
  [[nodiscard]] JET_ERR Commit(Transaction& txn);
  // JetRollback of the current level: restores the level's nodes newest
  // first and runs its undo actions. On an error the level stays (its
  // undone part gone) and the error is returned.
  [[nodiscard]] JET_ERR Rollback(Transaction& txn, NodeRestorer& restorer);
  // An undo step run if the current level rolls back (DDL).
  [[nodiscard]] JET_ERR AddUndo(Transaction& txn, std::function<JET_ERR()> undo);

  // The oldest active begin time, or the next clock value when no
  // transaction is active: versions committed before it can go.
  TrxTime CleanupHorizon() const;
  bool CleanupNeeded() const { return versions_.CleanupNeeded(CleanupHorizon()); }
  [[nodiscard]] JET_ERR Cleanup(NodeCleaner& cleaner, size_t* freed = nullptr) {
    return versions_.Cleanup(CleanupHorizon(), cleaner, freed);
  }

  size_t active_transactions() const;

 private:
  mutable std::mutex mu_;
  TrxTime clock_ = 0;
  uint64_t next_id_ = 1;
  std::multiset<TrxTime> active_begins_;  // ordered: begin() is the oldest
  VersionStore versions_;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_TXN_TRANSACTION_MANAGER_H_
