#include "api/session_table.h"

#include <algorithm>

#include "database/attach_registry.h"
#include "table/tree_version_restorer.h"

namespace jet {
namespace {

// Session and table handles carry "JETS" / "JETT" in their high half, so a
// handle of one kind passed as another never matches (instances: "JETI").
constexpr JET_SESID kFirstSession = (JET_SESID{0x4A455453} << 32) | 1;
constexpr JET_TABLEID kFirstTable = (JET_TABLEID{0x4A455454} << 32) | 1;

}  // namespace

const Session::OpenDatabase* Session::FindDatabase(JET_DBID dbid) const {
  for (const OpenDatabase& db : databases) {
    if (db.dbid == dbid) return &db;
  }
  return nullptr;
}

TableCursor* Session::FindTable(JET_TABLEID tableid) {
  auto it = tables.find(tableid);
  return it == tables.end() ? nullptr : it->second.cursor.get();
}

SessionTable& SessionTable::Get() {
  static SessionTable* table = new SessionTable;  // never destroyed: usable at exit
  return *table;
}

SessionTable::SessionTable() : next_session_(kFirstSession), next_table_(kFirstTable) {}

JET_ERR SessionTable::Begin(std::shared_ptr<Instance> instance, JET_SESID* sesid) {
  const uint64_t max_sessions = instance->IntegerParam(JET_paramMaxSessions);
  std::lock_guard<std::mutex> lock(mu_);
  size_t count = 0;
  for (const auto& [handle, s] : sessions_) {
    if (s->instance().handle() == instance->handle()) ++count;
  }
  if (count >= max_sessions) return JET_errOutOfSessions;
  const JET_SESID handle = next_session_++;
  sessions_.emplace(handle, std::make_shared<Session>(handle, std::move(instance)));
  *sesid = handle;
  return JET_errSuccess;
}

JET_ERR SessionTable::Acquire(JET_SESID sesid, SessionLease* lease) {
  std::shared_ptr<Session> session;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = sessions_.find(sesid);
    if (it == sessions_.end()) return JET_errInvalidSesid;
    session = it->second;
  }
  std::unique_lock<std::mutex> busy(session->busy_, std::try_to_lock);
  if (!busy.owns_lock()) return JET_errSessionSharingViolation;
  if (session->ended) return JET_errInvalidSesid;
  lease->session_ = std::move(session);
  lease->lock_ = std::move(busy);
  return JET_errSuccess;
}

void SessionTable::Release(Session* session) {
  // ESE rolls back the transaction a session ends in.
  if (session->txn.active()) {
    TransactionManager& tm = session->transactions();
    TreeVersionRestorer restorer(tm.versions());
    while (session->txn.active()) {
      if (tm.Rollback(session->txn, restorer) < 0) break;  // nothing more can be done
    }
    if (tm.CleanupNeeded()) (void)tm.Cleanup(restorer);
  }
  session->tables.clear();
  for (const Session::OpenDatabase& db : session->databases) {
    for (int i = 0; i < db.count; ++i) {
      AttachRegistry::Get().Close(session->instance().handle(), db.dbid);
    }
  }
  session->databases.clear();
  session->ended = true;
}

JET_ERR SessionTable::End(JET_SESID sesid) {
  SessionLease lease;
  if (const JET_ERR err = Acquire(sesid, &lease); err < 0) return err;
  Release(lease.session_.get());
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(sesid);
  return JET_errSuccess;
}

void SessionTable::EndAllOf(JET_INSTANCE instance) {
  std::vector<std::shared_ptr<Session>> ending;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      if (it->second->instance().handle() == instance) {
        ending.push_back(it->second);
        it = sessions_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const auto& session : ending) {
    std::lock_guard<std::mutex> busy(session->busy_);
    Release(session.get());
  }
}

JET_TABLEID SessionTable::NewTableId() {
  std::lock_guard<std::mutex> lock(mu_);
  return next_table_++;
}

size_t SessionTable::CountOf(JET_INSTANCE instance) const {
  std::lock_guard<std::mutex> lock(mu_);
  size_t n = 0;
  for (const auto& [handle, s] : sessions_) {
    if (s->instance().handle() == instance) ++n;
  }
  return n;
}

}  // namespace jet
