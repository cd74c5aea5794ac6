// JET_DBINFOMISC (and its larger versions) from a database header, as
// JetGetDatabaseFileInfo(JET_DbInfoMisc) and JetGetDatabaseInfo report it
// (ESE's UtilLoadDbinfomiscFromPdbfilehdr).

#ifndef JETSVC_ENGINE_DATABASE_DB_INFO_H_
#define JETSVC_ENGINE_DATABASE_DB_INFO_H_

#include <cstddef>

#include "esent.h"
#include "format/db_header.h"

namespace jet {

// Fills the largest JET_DBINFOMISC version that fits in `cb` bytes (each
// version extends the previous one). JET_errInvalidBufferSize when `cb` is
// smaller than JET_DBINFOMISC.
[[nodiscard]] JET_ERR FillDbInfoMisc(const DbFileHeader& header, void* out, size_t cb);

}  // namespace jet

#endif  // JETSVC_ENGINE_DATABASE_DB_INFO_H_
