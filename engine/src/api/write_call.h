// Shared by the record write entry points (update_api.cc) and the
// transaction ones (transaction_api.cc): a table call that also gets the
// session (its transaction), the automatic transaction around a write, and
// the version cleanup after an outermost commit or rollback.

#ifndef JETSVC_ENGINE_API_WRITE_CALL_H_
#define JETSVC_ENGINE_API_WRITE_CALL_H_

#include "api/table_call.h"
#include "esent.h"
#include "table/tree_version_restorer.h"
#include "table/version_db.h"
#include "txn/transaction_manager.h"

namespace jet {

template <typename Body>
[[nodiscard]] JET_ERR WithSessionTable(JET_SESID sesid, JET_TABLEID tableid, Body&& body) noexcept {
  return WithSession(sesid, [&](Session& session) -> JET_ERR {
    TableCursor* cursor = session.FindTable(tableid);
    if (cursor == nullptr) return JET_errInvalidTableId;
    if (const JET_ERR err = cursor->RefreshSchema(); err < 0) return err;
    cursor->SetVersionView(&session.transactions().versions(), &session.txn);
    return body(session, *cursor);
  });
}

// After an outermost commit or rollback: drop versions no snapshot needs and
// remove the nodes committed deletes left (errors are not the caller's:
// cleanup runs again after the next commit).
inline void CleanupVersions(TransactionManager& tm) {
  BumpWriteGeneration();  // what readers see changed
  if (!tm.CleanupNeeded()) return;
  TreeVersionRestorer cleaner(tm.versions());
  (void)tm.Cleanup(cleaner);
}

// Runs `work` as ESE runs one update: in a transaction of its own outside
// one (begin ... commit), else in a nested level (up to the 7th; at level 7
// directly), and undoes what it did on an error.
template <typename Work>
[[nodiscard]] JET_ERR RunInTransaction(Session& session, Work&& work) {
  TransactionManager& tm = session.transactions();
  Transaction& txn = session.txn;
  const bool outermost = !txn.active();
  const bool own_level = txn.level() < kMaxTransactionLevel;
  if (own_level) {
    if (const JET_ERR err = tm.Begin(txn); err < 0) return err;
  }
  const JET_ERR err = work();
  if (!own_level) return err;
  if (err < 0) {
    TreeVersionRestorer restorer(tm.versions());
    (void)tm.Rollback(txn, restorer);
    if (outermost) CleanupVersions(tm);
    return err;
  }
  // Commits are lazy: there is no log yet, so nothing is flushed at commit.
  if (const JET_ERR cerr = tm.Commit(txn); cerr < 0) return cerr;
  if (outermost) CleanupVersions(tm);
  return err;
}

}  // namespace jet

#endif  // JETSVC_ENGINE_API_WRITE_CALL_H_
