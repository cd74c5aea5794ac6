#include "os/win32_error_map.h"

namespace jet {

// Follows esent.dll's own translation where it has one; where this project's
// POSIX table says otherwise (a missing directory is JET_errFileNotFound, as
// ENOENT is), the two platforms agree with each other instead.
JET_ERR JetErrFromWin32Error(uint32_t code) {
  using namespace win32;  // NOLINT(google-build-using-namespace): the table reads better
  switch (code) {
    case kErrorSuccess:
      return JET_errSuccess;

    case kErrorDiskFull:
    case kErrorHandleDiskFull:
    case kErrorDiskQuotaExceeded:
      return JET_errDiskFull;

    case kErrorFileNotFound:
    case kErrorPathNotFound:
    case kErrorNoMoreFiles:
    case kErrorInvalidDrive:
      return JET_errFileNotFound;

    case kErrorAccessDenied:
    case kErrorSharingViolation:
    case kErrorLockViolation:
    case kErrorWriteProtect:  // esent.dll: JET_errFileAccessDenied (EROFS differs, see docs)
    case kErrorBusy:
    case kErrorUserMappedFile:
    case kErrorDirNotEmpty:
      return JET_errFileAccessDenied;

    case kErrorPrivilegeNotHeld:
      return JET_errPermissionDenied;

    case kErrorCrc:
      return JET_errDiskReadVerificationFailure;

    case kErrorAlreadyExists:
    case kErrorFileExists:
      return JET_errFileAlreadyExists;

    case kErrorTooManyOpenFiles:
      return JET_errOutOfFileHandles;

    case kErrorNotEnoughMemory:
    case kErrorOutOfMemory:
    case kErrorNoSystemResources:
    case kErrorWorkingSetQuota:
    case kErrorCommitmentLimit:
    case kErrorInvalidUserBuffer:
      return JET_errOutOfMemory;

    case kErrorInvalidName:
    case kErrorBadPathname:
    case kErrorFilenameExcedRange:
    case kErrorDirectory:
    case kErrorNotSameDevice:
      return JET_errInvalidPath;

    case kErrorHandleEof:
      return JET_errFileIOBeyondEOF;

    case kErrorInvalidParameter:
    case kErrorInvalidHandle:
    case kErrorNotSupported:
    case kErrorCallNotImplemented:
    case kErrorInvalidAddress:
      return JET_errInvalidParameter;

    case kErrorFileCorrupt:
    case kErrorDiskCorrupt:
      return JET_errFileSystemCorruption;

    case kErrorIoDevice:
    case kErrorNotReady:
    case kErrorDeviceNotConnected:
    default:
      return JET_errDiskIO;
  }
}

}  // namespace jet
