// Reads a database's header (page 0 and its shadow, page 1) straight from
// the file, without an instance or the buffer cache: what
// JetGetDatabaseFileInfo and attach both start from (ese-facts §4.5).

#ifndef JETSVC_ENGINE_DATABASE_DB_HEADER_READER_H_
#define JETSVC_ENGINE_DATABASE_DB_HEADER_READER_H_

#include <cstdint>
#include <string>

#include "esent.h"
#include "format/db_header.h"
#include "os/env.h"

namespace jet {

// Opens `path` read-only (sharing reads) and picks its header. The header
// page size is not known before the header is read: the size the primary
// declares is tried first, then every other supported size, so that a
// database whose primary is damaged is still read through its shadow.
// Errors: Env::OpenFile's (JET_errFileNotFound, JET_errFileAccessDenied,
// ...), JET_errDatabaseCorrupted for a file too short to hold a header, then
// PickDbHeader()'s. *file_size receives the file's size when not null.
[[nodiscard]] JET_ERR ReadDbHeaderFromFile(Env* env, const std::string& path, DbHeaderPick* pick,
                                           uint64_t* file_size = nullptr);

// Same, on a file already open.
[[nodiscard]] JET_ERR ReadDbHeader(File* file, DbHeaderPick* pick, uint64_t* file_size = nullptr);

}  // namespace jet

#endif  // JETSVC_ENGINE_DATABASE_DB_HEADER_READER_H_
