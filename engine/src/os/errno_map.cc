#include "os/errno_map.h"

#include <cerrno>

namespace jet {

JET_ERR JetErrFromErrno(int errnum, ErrnoContext context) {
  switch (errnum) {
    case 0:
      return JET_errSuccess;

    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:  // a quota is a full disk as far as the caller can tell
#endif
#ifdef EFBIG
    case EFBIG:  // file larger than the file system allows: no room for the write
#endif
      return JET_errDiskFull;

    case ENOENT:
    case ENOTDIR:  // a path component is a file: what was asked for is not there
      return JET_errFileNotFound;

    case EACCES:
    case EISDIR:  // a directory opened or unlinked as a file; Win32 says ACCESS_DENIED
    case EBUSY:
#ifdef ETXTBSY
    case ETXTBSY:
#endif
    case EAGAIN:  // fcntl/flock: the lock is held by someone else
#if defined(EWOULDBLOCK) && EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
    case ENOTEMPTY:  // rmdir of a non-empty directory (no ESE error says it better)
      return JET_errFileAccessDenied;

    case EPERM:
    case EROFS:
      return JET_errPermissionDenied;

    case EIO:
      return JET_errDiskIO;

    case EEXIST:
      return JET_errFileAlreadyExists;

    case EMFILE:
    case ENFILE:
      return JET_errOutOfFileHandles;

    case ENOMEM:
      return JET_errOutOfMemory;

    case ENAMETOOLONG:
    case ELOOP:
    case EXDEV:  // rename across volumes: the target path is not reachable by a rename
      return JET_errInvalidPath;

    case EINVAL:
      return context == ErrnoContext::kPath ? JET_errInvalidPath : JET_errInvalidParameter;

    case EBADF:
    case EFAULT:
    case ENOSYS:
    case ENOTSUP:
#if defined(EOPNOTSUPP) && EOPNOTSUPP != ENOTSUP
    case EOPNOTSUPP:
#endif
      return JET_errInvalidParameter;

#ifdef EUCLEAN
    case EUCLEAN:  // ext4/xfs: "structure needs cleaning"
#endif
#ifdef EBADMSG
    case EBADMSG:  // ext4: metadata checksum mismatch
#endif
      return JET_errFileSystemCorruption;

    default:
      return JET_errDiskIO;
  }
}

}  // namespace jet
