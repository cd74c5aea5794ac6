// The engine's only path to the operating system: files, directories, locks,
// clocks and free space. Env::Default() is the real platform (POSIX or Win32);
// FaultEnv (fault_env.h) is an in-memory one that fails and loses power on
// command, for tests. Engine code takes an Env* and never calls the OS itself.
//
// Every call that can fail returns a JET_ERR from esent.h (the mapping from
// errno / GetLastError is in errno_map.h and win32_error_map.h). Paths are
// UTF-8; on Windows they are converted to UTF-16 for the W APIs.
//
// Thread safety: an Env may be used from any number of threads. A File may be
// used from several threads for ReadAt/WriteAt at distinct offsets; callers
// order a Flush or SetSize against their own writes.
#ifndef JETSVC_ENGINE_OS_ENV_H_
#define JETSVC_ENGINE_OS_ENV_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "esent.h"
#include "os/system_time.h"

namespace jet {

struct FileOptions {
  // Create the file if it does not exist; without it a missing file is
  // JET_errFileNotFound.
  bool create = false;
  // With create: fail with JET_errFileAlreadyExists if the file exists.
  bool exclusive = false;
  // Open for reading only; WriteAt and SetSize return JET_errFileAccessDenied.
  bool read_only = false;
  // Every WriteAt is durable when it returns (FILE_FLAG_WRITE_THROUGH, O_DSYNC).
  bool write_through = false;
  // Let other handles open the file for reading while this one is open.
  // Other writers are always denied (Windows: FILE_SHARE_READ or no sharing).
  bool share_read = true;
};

class File {
 public:
  File() = default;
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  virtual ~File();  // closes the file; does not flush

  // Reads up to n bytes at offset. *bytes_read < n only at end of file, which
  // is not an error (a read entirely past the end reads 0 bytes).
  [[nodiscard]] virtual JET_ERR ReadAt(uint64_t offset, void* buf, size_t n,
                                       size_t* bytes_read) = 0;
  // Writes all n bytes at offset, extending the file if needed; a gap between
  // the old end and offset reads back as zeros.
  [[nodiscard]] virtual JET_ERR WriteAt(uint64_t offset, const void* buf, size_t n) = 0;
  // Makes every completed write and the file's size durable
  // (fdatasync / FlushFileBuffers). A no-op on a read-only file.
  [[nodiscard]] virtual JET_ERR Flush() = 0;
  [[nodiscard]] virtual JET_ERR Size(uint64_t* size) = 0;
  // Extends (the new bytes read as zeros) or truncates.
  [[nodiscard]] virtual JET_ERR SetSize(uint64_t size) = 0;
};

// An exclusive lock on a whole file, held until destruction. It excludes other
// processes and also other LockFile calls in this process.
class FileLock {
 public:
  FileLock() = default;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  virtual ~FileLock();
};

class Env {
 public:
  Env() = default;
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;
  virtual ~Env();

  // The platform's Env. It lives as long as the process; never delete it.
  static Env* Default();

  [[nodiscard]] virtual JET_ERR OpenFile(const std::string& path, const FileOptions& options,
                                         std::unique_ptr<File>* file) = 0;

  // True if path names a regular file (FileExists) / a directory (DirExists).
  // An error while looking (a permission problem) reads as false.
  virtual bool FileExists(const std::string& path) = 0;
  virtual bool DirExists(const std::string& path) = 0;
  [[nodiscard]] virtual JET_ERR GetFileSize(const std::string& path, uint64_t* size) = 0;

  // Named RemoveFile, not DeleteFile: <windows.h> #defines DeleteFile.
  // Removing a file this process has open is JET_errFileAccessDenied on every
  // platform (Windows refuses it; the others refuse it to match).
  [[nodiscard]] virtual JET_ERR RemoveFile(const std::string& path) = 0;
  // Atomically renames, replacing an existing `to`. Until SyncDir of the
  // parent directories, a power loss may undo it. Either file being open in
  // this process is JET_errFileAccessDenied (as on Windows).
  [[nodiscard]] virtual JET_ERR RenameFile(const std::string& from, const std::string& to) = 0;

  // Creates one directory; JET_errFileAlreadyExists if the path exists.
  [[nodiscard]] virtual JET_ERR CreateDir(const std::string& path) = 0;
  // Creates a directory and any missing parents; an existing directory is fine.
  [[nodiscard]] JET_ERR CreateDirs(const std::string& path);
  // Removes an empty directory; a non-empty one is JET_errFileAccessDenied.
  [[nodiscard]] virtual JET_ERR RemoveDir(const std::string& path) = 0;
  // The names (not paths) in dir, files and directories, without "." and "..",
  // sorted by byte value.
  [[nodiscard]] virtual JET_ERR ListDir(const std::string& dir,
                                        std::vector<std::string>* names) = 0;
  // Makes the entries of dir durable: a file created, renamed or removed in it
  // survives a power loss only after this (fsync of the directory on POSIX;
  // Windows needs nothing, see env_windows.cc).
  [[nodiscard]] virtual JET_ERR SyncDir(const std::string& dir) = 0;

  // Locks path (created if missing) for this process. JET_errFileAccessDenied
  // if anyone holds it, this process included.
  [[nodiscard]] virtual JET_ERR LockFile(const std::string& path,
                                         std::unique_ptr<FileLock>* lock) = 0;

  // Bytes available to this process on the volume holding path (a directory).
  [[nodiscard]] virtual JET_ERR FreeDiskSpace(const std::string& path, uint64_t* bytes) = 0;

  // Wall-clock time in UTC, for LOGTIME stamps (ese-facts §4.1).
  virtual SystemTime NowUtc() = 0;
  // A monotonic clock in microseconds from an arbitrary start, for durations.
  virtual uint64_t NowMicros() = 0;
};

// Checks the combinations of FileOptions that make no sense (exclusive
// without create, read_only with create); every Env calls it first.
[[nodiscard]] JET_ERR ValidateFileOptions(const FileOptions& options);

// Reads exactly n bytes at offset: JET_errFileIOBeyondEOF if the file ends
// first (the short ReadAt every page and header reader would otherwise check).
[[nodiscard]] JET_ERR ReadExactlyAt(File* file, uint64_t offset, void* buf, size_t n);

}  // namespace jet

#endif  // JETSVC_ENGINE_OS_ENV_H_
