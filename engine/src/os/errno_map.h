// POSIX errno values to JET_ERR. A plain table over <cerrno> names, so it
// builds and is unit-tested on every platform, Windows included.
#ifndef JETSVC_ENGINE_OS_ERRNO_MAP_H_
#define JETSVC_ENGINE_OS_ERRNO_MAP_H_

#include "esent.h"

namespace jet {

// Some errno values mean different things depending on the call: EINVAL from
// open()/rename() says the path is malformed, from pread()/ftruncate() that an
// argument (offset, size) is.
enum class ErrnoContext {
  kPath,    // the call named a path: open, rename, mkdir, unlink, stat, ...
  kHandle,  // the call used an open descriptor: pread, pwrite, fsync, ...
};

// 0 maps to JET_errSuccess; anything the table does not name to JET_errDiskIO,
// as esent.dll does for unknown Win32 errors.
[[nodiscard]] JET_ERR JetErrFromErrno(int errnum, ErrnoContext context = ErrnoContext::kPath);

}  // namespace jet

#endif  // JETSVC_ENGINE_OS_ERRNO_MAP_H_
