// JetBeginTransaction(2), JetCommitTransaction(2), JetRollback: the
// session's Transaction on the instance's TransactionManager (txn/). Levels
// 1..7 (JET_errTransTooDeep), JET_errNotInTransaction at level 0.
//
// There is no log yet: every commit is what ESE calls lazy (nothing to
// flush), so JET_bitCommitLazyFlush and the wait bits change nothing, and
// JetCommitTransaction2's commit id carries only the commit time.

#include <cstring>

#include "api/write_call.h"
#include "esent.h"

namespace {

using jet::Session;

// After a rollback a cursor's copy of its record may be gone or different;
// updates prepared in the session are cancelled (ESE: prepared updates do
// not survive the rollback of their level).
void AfterRollback(Session& session) {
  for (auto& [tableid, open] : session.tables) {
    jet::TableCursor& c = *open.cursor;
    c.ClearUpdate();
    c.SetVersionView(&session.transactions().versions(), &session.txn);
    if (c.OnRecord() && !c.current_deleted() && c.ReloadCurrent() < 0) c.MarkCurrentDeleted();
  }
}

JET_ERR Commit(JET_SESID sesid, JET_GRBIT grbit, JET_COMMIT_ID* commit_id) {
  return jet::WithSession(sesid, [&](Session& session) -> JET_ERR {
    constexpr JET_GRBIT kKnown = JET_bitCommitLazyFlush | JET_bitWaitLastLevel0Commit |
                                 JET_bitWaitAllLevel0Commit | JET_bitForceNewLog;
    if ((grbit & ~kKnown) != 0) return JET_errInvalidGrbit;
    // The wait bits alone (no transaction needed): nothing is pending.
    if ((grbit & (JET_bitWaitLastLevel0Commit | JET_bitWaitAllLevel0Commit)) != 0 &&
        !session.txn.active()) {
      return JET_errSuccess;
    }
    jet::TransactionManager& tm = session.transactions();
    if (const JET_ERR err = tm.Commit(session.txn); err < 0) return err;
    if (!session.txn.active()) jet::CleanupVersions(tm);
    if (commit_id != nullptr) {
      std::memset(commit_id, 0, sizeof(*commit_id));
      commit_id->commitId = static_cast<long long>(session.txn.last_commit_time());
    }
    return JET_errSuccess;
  });
}

}  // namespace

JET_ERR JET_API JetBeginTransaction(JET_SESID sesid) { return JetBeginTransaction2(sesid, 0); }

// JET_bitTransactionReadOnly on the outermost level: updates in the
// transaction are JET_errTransReadOnly.
JET_ERR JET_API JetBeginTransaction2(JET_SESID sesid, JET_GRBIT grbit) {
  return jet::WithSession(sesid, [&](Session& session) -> JET_ERR {
    if ((grbit & ~JET_GRBIT{JET_bitTransactionReadOnly}) != 0) return JET_errInvalidGrbit;
    const bool outermost = !session.txn.active();
    if (const JET_ERR err = session.transactions().Begin(session.txn); err < 0) return err;
    if (outermost) session.txn_read_only = (grbit & JET_bitTransactionReadOnly) != 0;
    return JET_errSuccess;
  });
}

JET_ERR JET_API JetCommitTransaction(JET_SESID sesid, JET_GRBIT grbit) {
  return Commit(sesid, grbit, nullptr);
}

JET_ERR JET_API JetCommitTransaction2(JET_SESID sesid, JET_GRBIT grbit,
                                      unsigned long /*cmsecDurableCommit*/,
                                      JET_COMMIT_ID* pCommitId) {
  return Commit(sesid, grbit, pCommitId);
}

JET_ERR JET_API JetRollback(JET_SESID sesid, JET_GRBIT grbit) {
  return jet::WithSession(sesid, [&](Session& session) -> JET_ERR {
    if ((grbit & ~JET_GRBIT{JET_bitRollbackAll}) != 0) return JET_errInvalidGrbit;
    jet::TransactionManager& tm = session.transactions();
    if (!session.txn.active()) return JET_errNotInTransaction;
    jet::TreeVersionRestorer restorer(tm.versions());
    JET_ERR err = JET_errSuccess;
    do {
      err = tm.Rollback(session.txn, restorer);
    } while (err >= 0 && (grbit & JET_bitRollbackAll) != 0 && session.txn.active());
    AfterRollback(session);
    if (!session.txn.active()) jet::CleanupVersions(tm);
    return err;
  });
}
