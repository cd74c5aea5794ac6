// Sessions (JET_SESID) and what they hold: the databases they opened
// (JET_DBID) and their table cursors (JET_TABLEID).
//
// Handles are opaque and never reused: they are looked up here, never
// dereferenced, so a stale or foreign handle is an error, not a crash
// (JET_errInvalidSesid, JET_errInvalidTableId, JET_errInvalidDatabaseId).
//
// A session is used by one thread at a time. Every entry point takes a
// SessionLease, which holds the session for the call; a second thread that
// calls with the same session meanwhile gets JET_errSessionSharingViolation,
// as from ESE (which ties a session to the thread using it).

#ifndef JETSVC_ENGINE_API_SESSION_TABLE_H_
#define JETSVC_ENGINE_API_SESSION_TABLE_H_

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "api/instance.h"
#include "database/database.h"
#include "esent.h"
#include "table/table_cursor.h"
#include "txn/transaction.h"
#include "txn/transaction_manager.h"

namespace jet {

class Session {
 public:
  Session(JET_SESID handle, std::shared_ptr<Instance> instance)
      : handle_(handle), instance_(std::move(instance)), tm_(instance_->transactions()) {}

  JET_SESID handle() const { return handle_; }
  Instance& instance() const { return *instance_; }

  // Everything below is used only under the session's lease.
  struct OpenDatabase {
    JET_DBID dbid = JET_dbidNil;
    std::shared_ptr<const Database> database;
    int count = 0;  // JetOpenDatabase calls not yet closed
  };
  struct OpenTable {
    JET_DBID dbid = JET_dbidNil;
    std::unique_ptr<TableCursor> cursor;
  };
  std::vector<OpenDatabase> databases;
  std::map<JET_TABLEID, OpenTable> tables;
  bool ended = false;
  // The session's transaction (JetBeginTransaction ... JetCommitTransaction
  // / JetRollback) and the instance's manager it belongs to.
  Transaction txn;
  // The outermost level began with JET_bitTransactionReadOnly: updates are
  // JET_errTransReadOnly until it ends.
  bool txn_read_only = false;
  bool WritesRefused() const { return txn.active() && txn_read_only; }
  TransactionManager& transactions() const { return *tm_; }

  // The database this session opened under `dbid`, or nullptr.
  const OpenDatabase* FindDatabase(JET_DBID dbid) const;
  // The cursor `tableid` of this session, or nullptr.
  TableCursor* FindTable(JET_TABLEID tableid);

 private:
  friend class SessionTable;
  friend class SessionLease;
  const JET_SESID handle_;
  const std::shared_ptr<Instance> instance_;
  const std::shared_ptr<TransactionManager> tm_;
  std::mutex busy_;  // held by the lease of the call using the session
};

// Holds a session for one API call.
class SessionLease {
 public:
  SessionLease() = default;
  Session* operator->() const { return session_.get(); }
  Session& operator*() const { return *session_; }

 private:
  friend class SessionTable;
  std::shared_ptr<Session> session_;
  std::unique_lock<std::mutex> lock_;
};

class SessionTable {
 public:
  static SessionTable& Get();

  // JetBeginSession on an initialized instance. JET_errOutOfSessions beyond
  // the instance's JET_paramMaxSessions.
  [[nodiscard]] JET_ERR Begin(std::shared_ptr<Instance> instance, JET_SESID* sesid);
  // JetEndSession: closes the session's tables and databases.
  [[nodiscard]] JET_ERR End(JET_SESID sesid);
  // JetTerm: ends every session of an instance, whatever it holds. A session
  // in use by another thread is waited for.
  void EndAllOf(JET_INSTANCE instance);

  // Takes a session for a call: JET_errInvalidSesid for an unknown or ended
  // handle, JET_errSessionSharingViolation while another thread uses it.
  [[nodiscard]] JET_ERR Acquire(JET_SESID sesid, SessionLease* lease);

  // A fresh table handle (never reused).
  JET_TABLEID NewTableId();

  size_t CountOf(JET_INSTANCE instance) const;

 private:
  // Closes what the session holds; the session's lease is held.
  static void Release(Session* session);

  mutable std::mutex mu_;
  std::map<JET_SESID, std::shared_ptr<Session>> sessions_;  // guarded by mu_
  JET_SESID next_session_;                                  // guarded by mu_
  JET_TABLEID next_table_;                                  // guarded by mu_

 public:
  SessionTable();
};

}  // namespace jet

#endif  // JETSVC_ENGINE_API_SESSION_TABLE_H_
