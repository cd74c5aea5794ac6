// A session's transaction: ESE's PIB transaction fields (trxBegin0, level,
// trxCommit0) and the ordered list of what each level did, so that a
// rollback of one level undoes exactly that level, newest first.
//
// TxnState is shared with the version store: every version points at its
// owner's state, so that readers learn "committed at T" from one atomic
// store made when the outermost level commits (all of a transaction's
// changes become visible at once).
//
// A Transaction belongs to one session and is used by one thread at a time;
// TransactionManager (transaction_manager.h) begins, commits and rolls back.

#ifndef JETSVC_ENGINE_TXN_TRANSACTION_H_
#define JETSVC_ENGINE_TXN_TRANSACTION_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "esent.h"
#include "txn/node_key.h"

namespace jet {

// ESE allows levels 1..7 (JET_errTransTooDeep beyond).
inline constexpr int kMaxTransactionLevel = 7;

// Time on the manager's trx clock; begin and commit times are unique.
using TrxTime = uint64_t;
inline constexpr TrxTime kTrxNone = 0;
// A reader outside any transaction reads "now": every committed change.
inline constexpr TrxTime kTrxNow = UINT64_MAX;

struct TxnState {
  uint64_t id = 0;
  TrxTime begin = kTrxNone;
  // kTrxNone while uncommitted; the commit time (trxCommit0) once the
  // outermost level committed. Rolled-back transactions leave no versions.
  std::atomic<TrxTime> commit_time{kTrxNone};
};

// What a reader sees: its own transaction's changes and changes committed
// before `begin`. The default snapshot reads "now".
struct Snapshot {
  const TxnState* txn = nullptr;
  TrxTime begin = kTrxNow;
};

class Transaction {
 public:
  Transaction() = default;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // 0 outside a transaction; 1..7 inside.
  int level() const { return level_; }
  bool active() const { return level_ > 0; }
  // Valid while active.
  uint64_t id() const { return state_ ? state_->id : 0; }
  TrxTime begin_time() const { return state_ ? state_->begin : kTrxNone; }
  // The commit time of the last committed outermost level (kTrxNone if the
  // last transaction rolled back or none committed yet).
  TrxTime last_commit_time() const { return last_commit_time_; }
  // The reader's view: the transaction's snapshot, or "now" outside one.
  Snapshot snapshot() const {
    return state_ ? Snapshot{state_.get(), state_->begin} : Snapshot{};
  }

 private:
  friend class TransactionManager;
  friend class VersionStore;

  // One step of a level, in the order made: a version the level created on
  // `node` (action empty), or an arbitrary undo action.
  struct UndoEntry {
    NodeKey node;
    std::function<JET_ERR()> action;
  };

  std::vector<UndoEntry>& current() { return levels_[level_]; }

  std::shared_ptr<TxnState> state_;
  int level_ = 0;
  TrxTime last_commit_time_ = kTrxNone;
  std::array<std::vector<UndoEntry>, kMaxTransactionLevel + 1> levels_;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_TXN_TRANSACTION_H_
