// Win32 error codes (GetLastError) to JET_ERR. The codes are spelled here as
// plain numbers, so the table builds and is unit-tested on every platform;
// env_windows.cc static_asserts that they equal <windows.h>'s.
#ifndef JETSVC_ENGINE_OS_WIN32_ERROR_MAP_H_
#define JETSVC_ENGINE_OS_WIN32_ERROR_MAP_H_

#include <cstdint>

#include "esent.h"

namespace jet {
namespace win32 {

inline constexpr uint32_t kErrorSuccess = 0;
inline constexpr uint32_t kErrorFileNotFound = 2;
inline constexpr uint32_t kErrorPathNotFound = 3;
inline constexpr uint32_t kErrorTooManyOpenFiles = 4;
inline constexpr uint32_t kErrorAccessDenied = 5;
inline constexpr uint32_t kErrorInvalidHandle = 6;
inline constexpr uint32_t kErrorNotEnoughMemory = 8;
inline constexpr uint32_t kErrorOutOfMemory = 14;
inline constexpr uint32_t kErrorInvalidDrive = 15;
inline constexpr uint32_t kErrorNotSameDevice = 17;
inline constexpr uint32_t kErrorNoMoreFiles = 18;
inline constexpr uint32_t kErrorWriteProtect = 19;
inline constexpr uint32_t kErrorNotReady = 21;
inline constexpr uint32_t kErrorCrc = 23;
inline constexpr uint32_t kErrorSharingViolation = 32;
inline constexpr uint32_t kErrorLockViolation = 33;
inline constexpr uint32_t kErrorHandleEof = 38;
inline constexpr uint32_t kErrorHandleDiskFull = 39;
inline constexpr uint32_t kErrorNotSupported = 50;
inline constexpr uint32_t kErrorFileExists = 80;
inline constexpr uint32_t kErrorInvalidParameter = 87;
inline constexpr uint32_t kErrorDiskFull = 112;
inline constexpr uint32_t kErrorCallNotImplemented = 120;
inline constexpr uint32_t kErrorInvalidName = 123;
inline constexpr uint32_t kErrorDirNotEmpty = 145;
inline constexpr uint32_t kErrorBadPathname = 161;
inline constexpr uint32_t kErrorBusy = 170;
inline constexpr uint32_t kErrorAlreadyExists = 183;
inline constexpr uint32_t kErrorFilenameExcedRange = 206;
inline constexpr uint32_t kErrorDirectory = 267;
inline constexpr uint32_t kErrorInvalidAddress = 487;
inline constexpr uint32_t kErrorIoDevice = 1117;
inline constexpr uint32_t kErrorDeviceNotConnected = 1167;
inline constexpr uint32_t kErrorUserMappedFile = 1224;
inline constexpr uint32_t kErrorDiskQuotaExceeded = 1295;
inline constexpr uint32_t kErrorPrivilegeNotHeld = 1314;
inline constexpr uint32_t kErrorFileCorrupt = 1392;
inline constexpr uint32_t kErrorDiskCorrupt = 1393;
inline constexpr uint32_t kErrorNoSystemResources = 1450;
inline constexpr uint32_t kErrorWorkingSetQuota = 1453;
inline constexpr uint32_t kErrorCommitmentLimit = 1455;
inline constexpr uint32_t kErrorInvalidUserBuffer = 1784;

}  // namespace win32

// 0 maps to JET_errSuccess; anything the table does not name to JET_errDiskIO,
// as esent.dll does.
[[nodiscard]] JET_ERR JetErrFromWin32Error(uint32_t code);

}  // namespace jet

#endif  // JETSVC_ENGINE_OS_WIN32_ERROR_MAP_H_
