// Databases in an instance and a session: attach / detach (the instance's,
// database/attach_registry.h), open / close (the session's), and
// JetGetDatabaseInfo on an open database.
//
// JET_bitDbReadOnly attaches read-only; otherwise the file is attached for
// writing (Database::OpenWritable: dbstate DirtyShutdown until detach).

#include <memory>
#include <string>

#include "api/api_guard.h"
#include "api/database_open.h"
#include "api/info_buffer.h"
#include "api/session_table.h"
#include "api/table_call.h"
#include "api/write_call.h"
#include "database/attach_registry.h"
#include "database/database.h"
#include "database/db_info.h"
#include "esent.h"
#include "os/env.h"

namespace {

using jet::AttachRegistry;
using jet::Session;

// Header pages (the header and its shadow) in front of page 1.
constexpr uint64_t kHeaderPages = 2;

JET_ERR Attach(JET_SESID sesid, JET_PCSTR path, JET_GRBIT grbit) {
  return jet::WithSession(sesid, [&](Session& session) -> JET_ERR {
    if (path == nullptr || path[0] == '\0') return JET_errDatabaseInvalidPath;
    jet::Instance& instance = session.instance();
    const bool read_only = (grbit & JET_bitDbReadOnly) != 0;
    return AttachRegistry::Get().Attach(
        instance.handle(), path, [&](std::unique_ptr<jet::Database>* out) {
          return read_only ? jet::Database::Open(jet::Env::Default(), path, instance.cache(), out)
                           : jet::Database::OpenWritable(jet::Env::Default(), path,
                                                         instance.cache(), out);
        });
  });
}

JET_ERR Detach(JET_SESID sesid, JET_PCSTR path) {
  return jet::WithSession(sesid, [&](Session& session) -> JET_ERR {
    const JET_INSTANCE owner = session.instance().handle();
    // ESE: no detach from inside a transaction.
    if (session.txn.active()) return JET_errInTransaction;
    // Nodes committed deletes left flag-deleted are removed before the file
    // is closed, when no transaction still needs them.
    jet::CleanupVersions(session.transactions());
    // NULL or "": every database of the instance.
    if (path == nullptr || path[0] == '\0') return AttachRegistry::Get().DetachAll(owner);
    return AttachRegistry::Get().Detach(owner, path);
  });
}

}  // namespace

JET_ERR JET_API JetAttachDatabaseA(JET_SESID sesid, JET_PCSTR szFilename, JET_GRBIT grbit) {
  return Attach(sesid, szFilename, grbit);
}

// cpgDatabaseSizeMax limits growth, which a read-only database never does.
JET_ERR JET_API JetAttachDatabase2A(JET_SESID sesid, JET_PCSTR szFilename,
                                    unsigned long /*cpgDatabaseSizeMax*/, JET_GRBIT grbit) {
  return Attach(sesid, szFilename, grbit);
}

JET_ERR JET_API JetDetachDatabaseA(JET_SESID sesid, JET_PCSTR szFilename) {
  return Detach(sesid, szFilename);
}

// JET_bitForceDetach / JET_bitForceCloseAndDetach concern databases with
// open writers; a read-only detach needs neither.
JET_ERR JET_API JetDetachDatabase2A(JET_SESID sesid, JET_PCSTR szFilename, JET_GRBIT /*grbit*/) {
  return Detach(sesid, szFilename);
}

namespace jet {

JET_ERR OpenDatabaseInSession(Session& session, const char* path, JET_DBID* pdbid,
                              JET_GRBIT grbit) {
  JET_DBID dbid = JET_dbidNil;
  const char* szFilename = path;
  std::shared_ptr<const jet::Database> database;
  if (const JET_ERR err =
          AttachRegistry::Get().Open(session.instance().handle(), szFilename, &dbid, &database);
      err < 0) {
    return err;
  }
  bool found = false;
  for (Session::OpenDatabase& db : session.databases) {
    if (db.dbid == dbid) {
      ++db.count;
      found = true;
    }
  }
  if (!found) session.databases.push_back({dbid, database, 1});
  *pdbid = dbid;
  // ESE: a file attached read-only is opened read-only even though the
  // caller did not ask for that.
  return (grbit & JET_bitDbReadOnly) == 0 && database->read_only() ? JET_wrnFileOpenReadOnly
                                                                   : JET_errSuccess;
}

}  // namespace jet

JET_ERR JET_API JetOpenDatabaseA(JET_SESID sesid, JET_PCSTR szFilename, JET_PCSTR /*szConnect*/,
                                 JET_DBID* pdbid, JET_GRBIT grbit) {
  return jet::WithSession(sesid, [&](Session& session) -> JET_ERR {
    if (pdbid == nullptr) return JET_errInvalidParameter;
    if (szFilename == nullptr || szFilename[0] == '\0') return JET_errDatabaseInvalidPath;
    return jet::OpenDatabaseInSession(session, szFilename, pdbid, grbit);
  });
}

JET_ERR JET_API JetCloseDatabase(JET_SESID sesid, JET_DBID dbid, JET_GRBIT /*grbit*/) {
  return jet::WithSession(sesid, [&](Session& session) -> JET_ERR {
    for (auto it = session.databases.begin(); it != session.databases.end(); ++it) {
      if (it->dbid != dbid) continue;
      AttachRegistry::Get().Close(session.instance().handle(), dbid);
      if (--it->count == 0) {
        // The last close of the database in this session closes its tables.
        for (auto t = session.tables.begin(); t != session.tables.end();) {
          t = t->second.dbid == dbid ? session.tables.erase(t) : std::next(t);
        }
        session.databases.erase(it);
      }
      return JET_errSuccess;
    }
    return JET_errInvalidDatabaseId;
  });
}

JET_ERR JET_API JetGetDatabaseInfoA(JET_SESID sesid, JET_DBID dbid, void* pvResult,
                                    unsigned long cbMax, unsigned long InfoLevel) {
  return jet::WithSession(sesid, [&](Session& session) -> JET_ERR {
    const Session::OpenDatabase* open = session.FindDatabase(dbid);
    if (open == nullptr) return JET_errInvalidDatabaseId;
    const jet::Database& db = *open->database;
    switch (InfoLevel) {
      case JET_DbInfoFilename:
        return jet::CopyInfoString(db.path(), pvResult, cbMax);
      case JET_DbInfoPageSize:
        return jet::CopyInfo(static_cast<unsigned long>(db.page_size()), pvResult, cbMax);
      case JET_DbInfoFilesize: {
        // Pages, not counting the header and its shadow (ESE's cpgOwned of
        // a database that owns its whole file).
        const uint64_t pages = db.file_size() / db.page_size();
        return jet::CopyInfo(
            static_cast<unsigned long>(pages > kHeaderPages ? pages - kHeaderPages : 0), pvResult,
            cbMax);
      }
      case JET_DbInfoMisc:
        return jet::FillDbInfoMisc(db.header(), pvResult, cbMax);
      default:
        return JET_errFeatureNotAvailable;
    }
  });
}
