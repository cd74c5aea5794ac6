// Env::Default() on Windows: the W APIs on UTF-16 paths.
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "os/env.h"
#include "os/wide_string_windows.h"
#include "os/win32_error_map.h"

namespace jet {

// The plain-number table in win32_error_map.h must say what <windows.h> says.
static_assert(win32::kErrorFileNotFound == ERROR_FILE_NOT_FOUND);
static_assert(win32::kErrorPathNotFound == ERROR_PATH_NOT_FOUND);
static_assert(win32::kErrorTooManyOpenFiles == ERROR_TOO_MANY_OPEN_FILES);
static_assert(win32::kErrorAccessDenied == ERROR_ACCESS_DENIED);
static_assert(win32::kErrorInvalidHandle == ERROR_INVALID_HANDLE);
static_assert(win32::kErrorNotEnoughMemory == ERROR_NOT_ENOUGH_MEMORY);
static_assert(win32::kErrorOutOfMemory == ERROR_OUTOFMEMORY);
static_assert(win32::kErrorInvalidDrive == ERROR_INVALID_DRIVE);
static_assert(win32::kErrorNotSameDevice == ERROR_NOT_SAME_DEVICE);
static_assert(win32::kErrorNoMoreFiles == ERROR_NO_MORE_FILES);
static_assert(win32::kErrorWriteProtect == ERROR_WRITE_PROTECT);
static_assert(win32::kErrorNotReady == ERROR_NOT_READY);
static_assert(win32::kErrorCrc == ERROR_CRC);
static_assert(win32::kErrorSharingViolation == ERROR_SHARING_VIOLATION);
static_assert(win32::kErrorLockViolation == ERROR_LOCK_VIOLATION);
static_assert(win32::kErrorHandleEof == ERROR_HANDLE_EOF);
static_assert(win32::kErrorHandleDiskFull == ERROR_HANDLE_DISK_FULL);
static_assert(win32::kErrorNotSupported == ERROR_NOT_SUPPORTED);
static_assert(win32::kErrorFileExists == ERROR_FILE_EXISTS);
static_assert(win32::kErrorInvalidParameter == ERROR_INVALID_PARAMETER);
static_assert(win32::kErrorDiskFull == ERROR_DISK_FULL);
static_assert(win32::kErrorCallNotImplemented == ERROR_CALL_NOT_IMPLEMENTED);
static_assert(win32::kErrorInvalidName == ERROR_INVALID_NAME);
static_assert(win32::kErrorDirNotEmpty == ERROR_DIR_NOT_EMPTY);
static_assert(win32::kErrorBadPathname == ERROR_BAD_PATHNAME);
static_assert(win32::kErrorBusy == ERROR_BUSY);
static_assert(win32::kErrorAlreadyExists == ERROR_ALREADY_EXISTS);
static_assert(win32::kErrorFilenameExcedRange == ERROR_FILENAME_EXCED_RANGE);
static_assert(win32::kErrorDirectory == ERROR_DIRECTORY);
static_assert(win32::kErrorInvalidAddress == ERROR_INVALID_ADDRESS);
static_assert(win32::kErrorIoDevice == ERROR_IO_DEVICE);
static_assert(win32::kErrorDeviceNotConnected == ERROR_DEVICE_NOT_CONNECTED);
static_assert(win32::kErrorUserMappedFile == ERROR_USER_MAPPED_FILE);
#ifdef ERROR_DISK_QUOTA_EXCEEDED  // missing from mingw-w64 10's winerror.h
static_assert(win32::kErrorDiskQuotaExceeded == ERROR_DISK_QUOTA_EXCEEDED);
#endif
static_assert(win32::kErrorPrivilegeNotHeld == ERROR_PRIVILEGE_NOT_HELD);
static_assert(win32::kErrorFileCorrupt == ERROR_FILE_CORRUPT);
static_assert(win32::kErrorDiskCorrupt == ERROR_DISK_CORRUPT);
static_assert(win32::kErrorNoSystemResources == ERROR_NO_SYSTEM_RESOURCES);
static_assert(win32::kErrorWorkingSetQuota == ERROR_WORKING_SET_QUOTA);
static_assert(win32::kErrorCommitmentLimit == ERROR_COMMITMENT_LIMIT);
static_assert(win32::kErrorInvalidUserBuffer == ERROR_INVALID_USER_BUFFER);

namespace {

// ReadFile/WriteFile take a DWORD count; stay well below it.
constexpr size_t kMaxIoChunk = size_t{1} << 30;
// FILETIME counts 100 ns from 1601-01-01; Unix time from 1970-01-01.
constexpr uint64_t kFileTimeUnixEpoch = 116444736000000000ULL;

JET_ERR LastError() { return JetErrFromWin32Error(::GetLastError()); }

bool OffsetFits(uint64_t offset, uint64_t n) {
  constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  return offset <= kMax && n <= kMax - offset;
}

OVERLAPPED OverlappedAt(uint64_t offset) {
  OVERLAPPED ov = {};
  ov.Offset = static_cast<DWORD>(offset & 0xFFFFFFFFu);
  ov.OffsetHigh = static_cast<DWORD>(offset >> 32);
  return ov;
}

class WindowsFile final : public File {
 public:
  WindowsFile(HANDLE handle, bool read_only) : handle_(handle), read_only_(read_only) {}
  ~WindowsFile() override { ::CloseHandle(handle_); }

  JET_ERR ReadAt(uint64_t offset, void* buf, size_t n, size_t* bytes_read) override {
    *bytes_read = 0;
    if (!OffsetFits(offset, n)) return JET_errInvalidParameter;
    char* p = static_cast<char*>(buf);
    size_t done = 0;
    while (done < n) {
      const DWORD chunk = static_cast<DWORD>(std::min(n - done, kMaxIoChunk));
      // An OVERLAPPED offset on a synchronous handle is a positional read:
      // no shared file pointer, so concurrent readers do not race.
      OVERLAPPED ov = OverlappedAt(offset + done);
      DWORD got = 0;
      if (!::ReadFile(handle_, p + done, chunk, &got, &ov)) {
        const DWORD error = ::GetLastError();
        if (error == ERROR_HANDLE_EOF) break;  // the contract: a short read, not an error
        *bytes_read = done;
        return JetErrFromWin32Error(error);
      }
      if (got == 0) break;
      done += got;
    }
    *bytes_read = done;
    return JET_errSuccess;
  }

  JET_ERR WriteAt(uint64_t offset, const void* buf, size_t n) override {
    if (read_only_) return JET_errFileAccessDenied;
    if (!OffsetFits(offset, n)) return JET_errInvalidParameter;
    const char* p = static_cast<const char*>(buf);
    size_t done = 0;
    while (done < n) {
      const DWORD chunk = static_cast<DWORD>(std::min(n - done, kMaxIoChunk));
      OVERLAPPED ov = OverlappedAt(offset + done);
      DWORD put = 0;
      if (!::WriteFile(handle_, p + done, chunk, &put, &ov)) return LastError();
      if (put == 0) return JET_errDiskIO;
      done += put;
    }
    return JET_errSuccess;
  }

  JET_ERR Flush() override {
    // FlushFileBuffers needs write access; a read-only file has nothing to flush.
    if (read_only_) return JET_errSuccess;
    if (!::FlushFileBuffers(handle_)) return LastError();
    return JET_errSuccess;
  }

  JET_ERR Size(uint64_t* size) override {
    LARGE_INTEGER li;
    if (!::GetFileSizeEx(handle_, &li)) return LastError();
    *size = static_cast<uint64_t>(li.QuadPart);
    return JET_errSuccess;
  }

  JET_ERR SetSize(uint64_t size) override {
    if (read_only_) return JET_errFileAccessDenied;
    if (!OffsetFits(size, 0)) return JET_errInvalidParameter;
    // Allocates the clusters of an extension (the file is not sparse), so a
    // full disk shows up here; the new bytes read as zeros.
    FILE_END_OF_FILE_INFO info;
    info.EndOfFile.QuadPart = static_cast<LONGLONG>(size);
    if (!::SetFileInformationByHandle(handle_, FileEndOfFileInfo, &info, sizeof(info))) {
      return LastError();
    }
    return JET_errSuccess;
  }

 private:
  const HANDLE handle_;
  const bool read_only_;
};

class WindowsFileLock final : public FileLock {
 public:
  explicit WindowsFileLock(HANDLE handle) : handle_(handle) {}
  ~WindowsFileLock() override {
    OVERLAPPED ov = {};
    ::UnlockFileEx(handle_, 0, MAXDWORD, MAXDWORD, &ov);
    ::CloseHandle(handle_);
  }

 private:
  const HANDLE handle_;
};

DWORD Attributes(const std::string& path) {
  std::wstring wide;
  if (Utf8ToWide(path, &wide) < JET_errSuccess) return INVALID_FILE_ATTRIBUTES;
  return ::GetFileAttributesW(wide.c_str());
}

class WindowsEnv final : public Env {
 public:
  WindowsEnv() {
    LARGE_INTEGER frequency;
    ::QueryPerformanceFrequency(&frequency);  // never fails on XP and later
    counts_per_second_ = static_cast<uint64_t>(frequency.QuadPart);
  }

  JET_ERR OpenFile(const std::string& path, const FileOptions& options,
                   std::unique_ptr<File>* file) override {
    file->reset();
    JET_ERR err = ValidateFileOptions(options);
    if (err < JET_errSuccess) return err;
    std::wstring wide;
    err = Utf8ToWide(path, &wide);
    if (err < JET_errSuccess) return err;

    const DWORD access = GENERIC_READ | (options.read_only ? 0 : GENERIC_WRITE);
    // No FILE_SHARE_WRITE ever, and no FILE_SHARE_DELETE: while a file is
    // open here nobody else writes it, deletes it or renames it.
    const DWORD share = options.share_read ? FILE_SHARE_READ : 0;
    const DWORD disposition =
        !options.create ? OPEN_EXISTING : (options.exclusive ? CREATE_NEW : OPEN_ALWAYS);
    const DWORD flags =
        FILE_ATTRIBUTE_NORMAL | (options.write_through ? FILE_FLAG_WRITE_THROUGH : 0);
    const HANDLE h =
        ::CreateFileW(wide.c_str(), access, share, nullptr, disposition, flags, nullptr);
    if (h == INVALID_HANDLE_VALUE) return LastError();
    *file = std::make_unique<WindowsFile>(h, options.read_only);
    return JET_errSuccess;
  }

  bool FileExists(const std::string& path) override {
    const DWORD attributes = Attributes(path);
    return attributes != INVALID_FILE_ATTRIBUTES && !(attributes & FILE_ATTRIBUTE_DIRECTORY);
  }

  bool DirExists(const std::string& path) override {
    const DWORD attributes = Attributes(path);
    return attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY);
  }

  JET_ERR GetFileSize(const std::string& path, uint64_t* size) override {
    std::wstring wide;
    const JET_ERR err = Utf8ToWide(path, &wide);
    if (err < JET_errSuccess) return err;
    WIN32_FILE_ATTRIBUTE_DATA data;
    if (!::GetFileAttributesExW(wide.c_str(), GetFileExInfoStandard, &data)) return LastError();
    if (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) return JET_errFileAccessDenied;
    *size = (static_cast<uint64_t>(data.nFileSizeHigh) << 32) | data.nFileSizeLow;
    return JET_errSuccess;
  }

  JET_ERR RemoveFile(const std::string& path) override {
    std::wstring wide;
    const JET_ERR err = Utf8ToWide(path, &wide);
    if (err < JET_errSuccess) return err;
    if (!::DeleteFileW(wide.c_str())) return LastError();
    return JET_errSuccess;
  }

  JET_ERR RenameFile(const std::string& from, const std::string& to) override {
    std::wstring wide_from;
    std::wstring wide_to;
    JET_ERR err = Utf8ToWide(from, &wide_from);
    if (err >= JET_errSuccess) err = Utf8ToWide(to, &wide_to);
    if (err < JET_errSuccess) return err;
    // WRITE_THROUGH: returns only once the rename is on disk, which is why
    // SyncDir has nothing left to do on Windows.
    if (!::MoveFileExW(wide_from.c_str(), wide_to.c_str(),
                       MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
      return LastError();
    }
    return JET_errSuccess;
  }

  JET_ERR CreateDir(const std::string& path) override {
    std::wstring wide;
    const JET_ERR err = Utf8ToWide(path, &wide);
    if (err < JET_errSuccess) return err;
    if (!::CreateDirectoryW(wide.c_str(), nullptr)) return LastError();
    return JET_errSuccess;
  }

  JET_ERR RemoveDir(const std::string& path) override {
    std::wstring wide;
    const JET_ERR err = Utf8ToWide(path, &wide);
    if (err < JET_errSuccess) return err;
    if (!::RemoveDirectoryW(wide.c_str())) return LastError();
    return JET_errSuccess;
  }

  JET_ERR ListDir(const std::string& dir, std::vector<std::string>* names) override {
    names->clear();
    std::wstring pattern;
    const JET_ERR err = Utf8ToWide(dir, &pattern);
    if (err < JET_errSuccess) return err;
    if (!pattern.empty() && pattern.back() != L'\\' && pattern.back() != L'/') pattern += L'\\';
    pattern += L'*';

    WIN32_FIND_DATAW data;
    const HANDLE find = ::FindFirstFileW(pattern.c_str(), &data);
    if (find == INVALID_HANDLE_VALUE) {
      const DWORD error = ::GetLastError();
      // A drive root has no "." entry, so an empty one finds nothing at all.
      if (error == ERROR_FILE_NOT_FOUND && DirExists(dir)) return JET_errSuccess;
      return JetErrFromWin32Error(error);
    }
    DWORD error = ERROR_SUCCESS;
    do {
      const std::wstring name = data.cFileName;
      if (name != L"." && name != L"..") names->push_back(WideToUtf8(name));
    } while (::FindNextFileW(find, &data));
    error = ::GetLastError();
    ::FindClose(find);
    if (error != ERROR_NO_MORE_FILES) {
      names->clear();
      return JetErrFromWin32Error(error);
    }
    std::sort(names->begin(), names->end());
    return JET_errSuccess;
  }

  // Windows has no way to fsync a directory, and needs none here: RenameFile
  // uses MOVEFILE_WRITE_THROUGH, which returns only once the rename is durable,
  // and NTFS journals a new file's directory entry with its metadata, which
  // FlushFileBuffers on the new file commits. So a caller that does what
  // POSIX requires (flush the file, then SyncDir) is durable on both. The
  // directory must still exist, as on POSIX.
  JET_ERR SyncDir(const std::string& dir) override {
    const DWORD attributes = Attributes(dir);
    if (attributes == INVALID_FILE_ATTRIBUTES) return LastError();
    if (!(attributes & FILE_ATTRIBUTE_DIRECTORY)) return JET_errFileNotFound;
    return JET_errSuccess;
  }

  JET_ERR LockFile(const std::string& path, std::unique_ptr<FileLock>* lock) override {
    lock->reset();
    std::wstring wide;
    const JET_ERR err = Utf8ToWide(path, &wide);
    if (err < JET_errSuccess) return err;
    // Shared open, exclusive byte-range lock: a second locker can open the
    // file and is then refused by LockFileEx with ERROR_LOCK_VIOLATION, in
    // this process or another.
    const HANDLE h = ::CreateFileW(wide.c_str(), GENERIC_READ | GENERIC_WRITE,
                                   FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_ALWAYS,
                                   FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) return LastError();
    OVERLAPPED ov = {};
    if (!::LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, MAXDWORD, MAXDWORD,
                      &ov)) {
      const DWORD error = ::GetLastError();
      ::CloseHandle(h);
      return JetErrFromWin32Error(error);
    }
    *lock = std::make_unique<WindowsFileLock>(h);
    return JET_errSuccess;
  }

  JET_ERR FreeDiskSpace(const std::string& path, uint64_t* bytes) override {
    std::wstring wide;
    const JET_ERR err = Utf8ToWide(path, &wide);
    if (err < JET_errSuccess) return err;
    ULARGE_INTEGER available;
    if (!::GetDiskFreeSpaceExW(wide.c_str(), &available, nullptr, nullptr)) return LastError();
    *bytes = available.QuadPart;
    return JET_errSuccess;
  }

  SystemTime NowUtc() override {
    FILETIME ft;
    ::GetSystemTimePreciseAsFileTime(&ft);
    const uint64_t ticks = (static_cast<uint64_t>(ft.dwHighDateTime) << 32) | ft.dwLowDateTime;
    return SystemTimeFromUnixMicros(static_cast<int64_t>((ticks - kFileTimeUnixEpoch) / 10));
  }

  uint64_t NowMicros() override {
    LARGE_INTEGER counter;
    ::QueryPerformanceCounter(&counter);
    const uint64_t c = static_cast<uint64_t>(counter.QuadPart);
    // Split to avoid overflowing c * 1e6 after a long uptime.
    return c / counts_per_second_ * 1000000 + c % counts_per_second_ * 1000000 / counts_per_second_;
  }

 private:
  uint64_t counts_per_second_ = 1;
};

}  // namespace

Env* Env::Default() {
  static Env* const env = new WindowsEnv;  // never destroyed: Files may outlive static destructors
  return env;
}

}  // namespace jet
