// errno and Win32 error codes to JET_ERR: every code named in the OS layer's
// contract, on every platform (both tables are plain C++).
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdint>
#include <string>

#include "os/errno_map.h"
#include "os/win32_error_map.h"

namespace jet {
namespace {

struct ErrnoCase {
  int errnum;
  const char* name;
  JET_ERR expected;
};

TEST(ErrorMapTest, ErrnoTable) {
  const ErrnoCase cases[] = {
      {0, "0", JET_errSuccess},
      {ENOSPC, "ENOSPC", JET_errDiskFull},
#ifdef EDQUOT
      {EDQUOT, "EDQUOT", JET_errDiskFull},
#endif
      {EFBIG, "EFBIG", JET_errDiskFull},
      {ENOENT, "ENOENT", JET_errFileNotFound},
      {ENOTDIR, "ENOTDIR", JET_errFileNotFound},
      {EACCES, "EACCES", JET_errFileAccessDenied},
      {EISDIR, "EISDIR", JET_errFileAccessDenied},
      {EBUSY, "EBUSY", JET_errFileAccessDenied},
      {ETXTBSY, "ETXTBSY", JET_errFileAccessDenied},
      {EAGAIN, "EAGAIN (lock held)", JET_errFileAccessDenied},
      {EWOULDBLOCK, "EWOULDBLOCK", JET_errFileAccessDenied},
      {ENOTEMPTY, "ENOTEMPTY", JET_errFileAccessDenied},
      {EPERM, "EPERM", JET_errPermissionDenied},
      {EROFS, "EROFS", JET_errPermissionDenied},
      {EIO, "EIO", JET_errDiskIO},
      {EEXIST, "EEXIST", JET_errFileAlreadyExists},
      {EMFILE, "EMFILE", JET_errOutOfFileHandles},
      {ENFILE, "ENFILE", JET_errOutOfFileHandles},
      {ENOMEM, "ENOMEM", JET_errOutOfMemory},
      {ENAMETOOLONG, "ENAMETOOLONG", JET_errInvalidPath},
      {ELOOP, "ELOOP", JET_errInvalidPath},
      {EXDEV, "EXDEV", JET_errInvalidPath},
      {EBADF, "EBADF", JET_errInvalidParameter},
      {ENOSYS, "ENOSYS", JET_errInvalidParameter},
#ifdef EUCLEAN
      {EUCLEAN, "EUCLEAN", JET_errFileSystemCorruption},
#endif
      {EBADMSG, "EBADMSG", JET_errFileSystemCorruption},
      {EPIPE, "EPIPE (unlisted)", JET_errDiskIO},
      {12345, "12345 (unknown)", JET_errDiskIO},
  };
  for (const ErrnoCase& c : cases) {
    EXPECT_EQ(c.expected, JetErrFromErrno(c.errnum)) << c.name;
    if (c.errnum != EINVAL) {
      EXPECT_EQ(c.expected, JetErrFromErrno(c.errnum, ErrnoContext::kHandle)) << c.name;
    }
  }
}

TEST(ErrorMapTest, EinvalDependsOnTheCall) {
  EXPECT_EQ(JET_errInvalidPath, JetErrFromErrno(EINVAL, ErrnoContext::kPath));
  EXPECT_EQ(JET_errInvalidPath, JetErrFromErrno(EINVAL));  // the default is a path call
  EXPECT_EQ(JET_errInvalidParameter, JetErrFromErrno(EINVAL, ErrnoContext::kHandle));
}

struct Win32Case {
  uint32_t code;
  const char* name;
  JET_ERR expected;
};

TEST(ErrorMapTest, Win32Table) {
  // The numbers, not the k* constants, so that a typo in a constant shows up
  // (env_windows.cc also static_asserts them against <windows.h>).
  const Win32Case cases[] = {
      {0, "ERROR_SUCCESS", JET_errSuccess},
      {112, "ERROR_DISK_FULL", JET_errDiskFull},
      {39, "ERROR_HANDLE_DISK_FULL", JET_errDiskFull},
      {1295, "ERROR_DISK_QUOTA_EXCEEDED", JET_errDiskFull},
      {2, "ERROR_FILE_NOT_FOUND", JET_errFileNotFound},
      {3, "ERROR_PATH_NOT_FOUND", JET_errFileNotFound},
      {18, "ERROR_NO_MORE_FILES", JET_errFileNotFound},
      {15, "ERROR_INVALID_DRIVE", JET_errFileNotFound},
      {5, "ERROR_ACCESS_DENIED", JET_errFileAccessDenied},
      {32, "ERROR_SHARING_VIOLATION", JET_errFileAccessDenied},
      {33, "ERROR_LOCK_VIOLATION", JET_errFileAccessDenied},
      {19, "ERROR_WRITE_PROTECT", JET_errFileAccessDenied},
      {170, "ERROR_BUSY", JET_errFileAccessDenied},
      {1224, "ERROR_USER_MAPPED_FILE", JET_errFileAccessDenied},
      {145, "ERROR_DIR_NOT_EMPTY", JET_errFileAccessDenied},
      {1314, "ERROR_PRIVILEGE_NOT_HELD", JET_errPermissionDenied},
      {23, "ERROR_CRC", JET_errDiskReadVerificationFailure},
      {183, "ERROR_ALREADY_EXISTS", JET_errFileAlreadyExists},
      {80, "ERROR_FILE_EXISTS", JET_errFileAlreadyExists},
      {4, "ERROR_TOO_MANY_OPEN_FILES", JET_errOutOfFileHandles},
      {8, "ERROR_NOT_ENOUGH_MEMORY", JET_errOutOfMemory},
      {14, "ERROR_OUTOFMEMORY", JET_errOutOfMemory},
      {1450, "ERROR_NO_SYSTEM_RESOURCES", JET_errOutOfMemory},
      {1453, "ERROR_WORKING_SET_QUOTA", JET_errOutOfMemory},
      {1455, "ERROR_COMMITMENT_LIMIT", JET_errOutOfMemory},
      {1784, "ERROR_INVALID_USER_BUFFER", JET_errOutOfMemory},
      {123, "ERROR_INVALID_NAME", JET_errInvalidPath},
      {161, "ERROR_BAD_PATHNAME", JET_errInvalidPath},
      {206, "ERROR_FILENAME_EXCED_RANGE", JET_errInvalidPath},
      {267, "ERROR_DIRECTORY", JET_errInvalidPath},
      {17, "ERROR_NOT_SAME_DEVICE", JET_errInvalidPath},
      {38, "ERROR_HANDLE_EOF", JET_errFileIOBeyondEOF},
      {87, "ERROR_INVALID_PARAMETER", JET_errInvalidParameter},
      {6, "ERROR_INVALID_HANDLE", JET_errInvalidParameter},
      {50, "ERROR_NOT_SUPPORTED", JET_errInvalidParameter},
      {120, "ERROR_CALL_NOT_IMPLEMENTED", JET_errInvalidParameter},
      {487, "ERROR_INVALID_ADDRESS", JET_errInvalidParameter},
      {1392, "ERROR_FILE_CORRUPT", JET_errFileSystemCorruption},
      {1393, "ERROR_DISK_CORRUPT", JET_errFileSystemCorruption},
      {1117, "ERROR_IO_DEVICE", JET_errDiskIO},
      {21, "ERROR_NOT_READY", JET_errDiskIO},
      {1167, "ERROR_DEVICE_NOT_CONNECTED", JET_errDiskIO},
      {64, "ERROR_NETNAME_DELETED (unlisted)", JET_errDiskIO},
      {0xFFFFFFFFu, "0xFFFFFFFF (unknown)", JET_errDiskIO},
  };
  for (const Win32Case& c : cases) {
    EXPECT_EQ(c.expected, JetErrFromWin32Error(c.code)) << c.name << " (" << c.code << ")";
  }
}

TEST(ErrorMapTest, Win32ConstantsAreTheDocumentedNumbers) {
  EXPECT_EQ(2u, win32::kErrorFileNotFound);
  EXPECT_EQ(32u, win32::kErrorSharingViolation);
  EXPECT_EQ(33u, win32::kErrorLockViolation);
  EXPECT_EQ(38u, win32::kErrorHandleEof);
  EXPECT_EQ(112u, win32::kErrorDiskFull);
  EXPECT_EQ(183u, win32::kErrorAlreadyExists);
}

}  // namespace
}  // namespace jet
