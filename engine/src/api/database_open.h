// Opening an attached database in a session (JetOpenDatabase's bookkeeping),
// shared by JetOpenDatabase and JetCreateDatabase (which opens what it
// creates).

#ifndef JETSVC_ENGINE_API_DATABASE_OPEN_H_
#define JETSVC_ENGINE_API_DATABASE_OPEN_H_

#include "api/session_table.h"
#include "esent.h"

namespace jet {

// Opens the database `path` that the session's instance attached:
// JET_errDatabaseNotFound if it is not attached; JET_wrnFileOpenReadOnly
// when the caller did not ask for read-only but the file is attached so.
[[nodiscard]] JET_ERR OpenDatabaseInSession(Session& session, const char* path, JET_DBID* pdbid,
                                            JET_GRBIT grbit);

}  // namespace jet

#endif  // JETSVC_ENGINE_API_DATABASE_OPEN_H_
