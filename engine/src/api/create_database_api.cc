// JetCreateDatabase(2): a new database file (database/database.h,
// Database::Create), attached to the session's instance for writing and
// opened in the session (ESE's ErrDBCreateDatabase returns an open dbid).
//
// JET_errDatabaseDuplicate for a file that exists (unless
// JET_bitDbOverwriteExisting) or that the instance has attached already;
// JET_errInvalidGrbit for bits JetCreateDatabase does not take.

#include <memory>
#include <string>

#include "api/database_open.h"
#include "api/table_call.h"
#include "database/attach_registry.h"
#include "database/database.h"
#include "esent.h"
#include "os/env.h"

namespace {

constexpr JET_GRBIT kCreateGrbits =
    JET_bitDbRecoveryOff | JET_bitDbShadowingOff | JET_bitDbOverwriteExisting;

JET_ERR Create(JET_SESID sesid, JET_PCSTR path, JET_DBID* pdbid, JET_GRBIT grbit) {
  return jet::WithSession(sesid, [&](jet::Session& session) -> JET_ERR {
    if (pdbid == nullptr) return JET_errInvalidParameter;
    if (path == nullptr || path[0] == '\0') return JET_errDatabaseInvalidPath;
    if ((grbit & ~kCreateGrbits) != 0) return JET_errInvalidGrbit;
    jet::Instance& instance = session.instance();
    const JET_ERR err = jet::AttachRegistry::Get().Attach(
        instance.handle(), path, [&](std::unique_ptr<jet::Database>* out) {
          return jet::Database::Create(jet::Env::Default(), path, instance.cache(),
                                       (grbit & JET_bitDbOverwriteExisting) != 0, out);
        });
    if (err < 0) return err == JET_errDatabaseSharingViolation ? JET_errDatabaseDuplicate : err;
    // Attached already (by this instance): the file exists.
    if (err == JET_wrnDatabaseAttached) return JET_errDatabaseDuplicate;
    const JET_ERR open = jet::OpenDatabaseInSession(session, path, pdbid, 0);
    return open < 0 ? open : JET_errSuccess;
  });
}

}  // namespace

JET_ERR JET_API JetCreateDatabaseA(JET_SESID sesid, JET_PCSTR szFilename, JET_PCSTR /*szConnect*/,
                                   JET_DBID* pdbid, JET_GRBIT grbit) {
  return Create(sesid, szFilename, pdbid, grbit);
}

// cpgDatabaseSizeMax would cap the file's growth; not enforced yet.
JET_ERR JET_API JetCreateDatabase2A(JET_SESID sesid, JET_PCSTR szFilename,
                                    unsigned long /*cpgDatabaseSizeMax*/, JET_DBID* pdbid,
                                    JET_GRBIT grbit) {
  return Create(sesid, szFilename, pdbid, grbit);
}
