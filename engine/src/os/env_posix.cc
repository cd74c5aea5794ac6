// Env::Default() on Linux and other POSIX systems.
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "os/env.h"
#include "os/errno_map.h"
#include "os/share_table.h"

namespace jet {
namespace {

constexpr mode_t kFileMode = 0644;
constexpr mode_t kDirMode = 0755;
// Keep single read()/write() calls below what every kernel accepts in one go.
constexpr size_t kMaxIoChunk = size_t{1} << 30;

JET_ERR PathError(int errnum) { return JetErrFromErrno(errnum, ErrnoContext::kPath); }
JET_ERR HandleError(int errnum) { return JetErrFromErrno(errnum, ErrnoContext::kHandle); }

ShareTable::Key KeyOf(const struct stat& st) {
  return {static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino)};
}

bool OffsetFits(uint64_t offset, uint64_t n) {
  constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<off_t>::max());
  return offset <= kMax && n <= kMax - offset;
}

int CloseFd(int fd) {
  // close() must not be retried on EINTR on Linux: the descriptor is gone.
  return ::close(fd);
}

class PosixFile final : public File {
 public:
  PosixFile(int fd, bool read_only, ShareTable* shares, ShareTable::Key key, uint64_t token)
      : fd_(fd), read_only_(read_only), shares_(shares), key_(key), token_(token) {}

  ~PosixFile() override {
    (void)CloseFd(fd_);
    shares_->Release(key_, token_);
  }

  JET_ERR ReadAt(uint64_t offset, void* buf, size_t n, size_t* bytes_read) override {
    *bytes_read = 0;
    if (!OffsetFits(offset, n)) return JET_errInvalidParameter;
    char* p = static_cast<char*>(buf);
    size_t done = 0;
    while (done < n) {
      const size_t chunk = std::min(n - done, kMaxIoChunk);
      const ssize_t r = ::pread(fd_, p + done, chunk, static_cast<off_t>(offset + done));
      if (r < 0) {
        if (errno == EINTR) continue;
        *bytes_read = done;
        return HandleError(errno);
      }
      if (r == 0) break;  // end of file
      done += static_cast<size_t>(r);
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
      const size_t chunk = std::min(n - done, kMaxIoChunk);
      const ssize_t r = ::pwrite(fd_, p + done, chunk, static_cast<off_t>(offset + done));
      if (r < 0) {
        if (errno == EINTR) continue;
        return HandleError(errno);
      }
      // A short write (a signal, a nearly full disk) is continued: the next
      // pwrite either writes more or says why it cannot.
      if (r == 0) return JET_errDiskIO;
      done += static_cast<size_t>(r);
    }
    return JET_errSuccess;
  }

  JET_ERR Flush() override {
    if (read_only_) return JET_errSuccess;
    // fdatasync also writes the metadata needed to read the data back, the
    // file size included; timestamps, which nothing here relies on, may lag.
    while (::fdatasync(fd_) != 0) {
      if (errno != EINTR) return HandleError(errno);
    }
    return JET_errSuccess;
  }

  JET_ERR Size(uint64_t* size) override {
    struct stat st;
    if (::fstat(fd_, &st) != 0) return HandleError(errno);
    *size = static_cast<uint64_t>(st.st_size);
    return JET_errSuccess;
  }

  JET_ERR SetSize(uint64_t size) override {
    if (read_only_) return JET_errFileAccessDenied;
    if (!OffsetFits(size, 0)) return JET_errInvalidParameter;
    uint64_t current = 0;
    const JET_ERR err = Size(&current);
    if (err < JET_errSuccess) return err;
    if (size > current) {
      // Allocate the blocks now, so that a full disk shows up here and not on
      // some later write into a hole. posix_fallocate returns the error.
      int rc = 0;
      do {
        rc =
            ::posix_fallocate(fd_, static_cast<off_t>(current), static_cast<off_t>(size - current));
      } while (rc == EINTR);
      if (rc == 0) return JET_errSuccess;
      if (rc != EINVAL && rc != EOPNOTSUPP) return HandleError(rc);
      // The file system cannot allocate: a sparse extension still reads as zeros.
    }
    while (::ftruncate(fd_, static_cast<off_t>(size)) != 0) {
      if (errno != EINTR) return HandleError(errno);
    }
    return JET_errSuccess;
  }

 private:
  const int fd_;
  const bool read_only_;
  ShareTable* const shares_;
  const ShareTable::Key key_;
  const uint64_t token_;
};

class PosixFileLock final : public FileLock {
 public:
  explicit PosixFileLock(int fd) : fd_(fd) {}
  ~PosixFileLock() override { (void)CloseFd(fd_); }  // closing releases the lock

 private:
  const int fd_;
};

// Locks the whole of fd. An open-file-description lock (Linux) or flock()
// belongs to the open file, not to the process, so a second open of the same
// file in this process conflicts too; a classic fcntl(F_SETLK) lock would
// not, and would be dropped when any descriptor of the file is closed.
int LockWholeFile(int fd) {
#ifdef F_OFD_SETLK
  struct flock fl;
  std::memset(&fl, 0, sizeof(fl));
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = 0;
  fl.l_len = 0;  // to the end, however large the file grows
  if (::fcntl(fd, F_OFD_SETLK, &fl) == 0) return 0;
  if (errno != EINVAL) return errno;  // EINVAL: kernel without OFD locks
#endif
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EINTR) return errno;
  }
  return 0;
}

class PosixEnv final : public Env {
 public:
  JET_ERR OpenFile(const std::string& path, const FileOptions& options,
                   std::unique_ptr<File>* file) override {
    file->reset();
    JET_ERR err = ValidateFileOptions(options);
    if (err < JET_errSuccess) return err;

    int flags = O_CLOEXEC | (options.read_only ? O_RDONLY : O_RDWR);
    if (options.create) flags |= O_CREAT;
    if (options.exclusive) flags |= O_EXCL;
    if (options.write_through) flags |= O_DSYNC;
    int fd = -1;
    do {
      fd = ::open(path.c_str(), flags, kFileMode);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return PathError(errno);

    struct stat st;
    if (::fstat(fd, &st) != 0) {
      err = HandleError(errno);
      (void)CloseFd(fd);
      return err;
    }
    if (S_ISDIR(st.st_mode)) {  // only reachable read-only; Windows refuses it too
      (void)CloseFd(fd);
      return JET_errFileAccessDenied;
    }

    ShareMode mode;
    mode.read = true;
    mode.write = !options.read_only;
    mode.share_read = options.share_read;
    mode.share_write = false;
    uint64_t token = 0;
    err = shares_.Acquire(KeyOf(st), mode, &token);
    if (err < JET_errSuccess) {
      // A file this call just created cannot be open elsewhere in the process,
      // so no cleanup of a new file is needed here.
      (void)CloseFd(fd);
      return err;
    }
    *file = std::make_unique<PosixFile>(fd, options.read_only, &shares_, KeyOf(st), token);
    return JET_errSuccess;
  }

  bool FileExists(const std::string& path) override {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
  }

  bool DirExists(const std::string& path) override {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  }

  JET_ERR GetFileSize(const std::string& path, uint64_t* size) override {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return PathError(errno);
    if (S_ISDIR(st.st_mode)) return JET_errFileAccessDenied;
    *size = static_cast<uint64_t>(st.st_size);
    return JET_errSuccess;
  }

  JET_ERR RemoveFile(const std::string& path) override {
    if (IsOpenHere(path)) return JET_errFileAccessDenied;
    if (::unlink(path.c_str()) != 0) return PathError(errno);
    return JET_errSuccess;
  }

  JET_ERR RenameFile(const std::string& from, const std::string& to) override {
    if (IsOpenHere(from) || IsOpenHere(to)) return JET_errFileAccessDenied;
    if (::rename(from.c_str(), to.c_str()) != 0) return PathError(errno);
    return JET_errSuccess;
  }

  JET_ERR CreateDir(const std::string& path) override {
    if (::mkdir(path.c_str(), kDirMode) != 0) return PathError(errno);
    return JET_errSuccess;
  }

  JET_ERR RemoveDir(const std::string& path) override {
    if (::rmdir(path.c_str()) != 0) {
      // POSIX lets rmdir report a non-empty directory as EEXIST too.
      return PathError(errno == EEXIST ? ENOTEMPTY : errno);
    }
    return JET_errSuccess;
  }

  JET_ERR ListDir(const std::string& dir, std::vector<std::string>* names) override {
    names->clear();
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) return PathError(errno);
    JET_ERR err = JET_errSuccess;
    for (;;) {
      errno = 0;
      const struct dirent* entry = ::readdir(d);
      if (entry == nullptr) {
        if (errno != 0) err = HandleError(errno);
        break;
      }
      const std::string name = entry->d_name;
      if (name != "." && name != "..") names->push_back(name);
    }
    ::closedir(d);
    if (err < JET_errSuccess) {
      names->clear();
      return err;
    }
    std::sort(names->begin(), names->end());
    return JET_errSuccess;
  }

  JET_ERR SyncDir(const std::string& dir) override {
    int fd = -1;
    do {
      fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return PathError(errno);
    JET_ERR err = JET_errSuccess;
    while (::fsync(fd) != 0) {
      if (errno == EINTR) continue;
      // Some file systems cannot fsync a directory and say EINVAL; they have
      // nothing to sync that way, so that is not a failure.
      if (errno != EINVAL) err = HandleError(errno);
      break;
    }
    (void)CloseFd(fd);
    return err;
  }

  JET_ERR LockFile(const std::string& path, std::unique_ptr<FileLock>* lock) override {
    lock->reset();
    int fd = -1;
    do {
      fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, kFileMode);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return PathError(errno);
    const int rc = LockWholeFile(fd);
    if (rc != 0) {
      (void)CloseFd(fd);
      return HandleError(rc);  // EAGAIN / EWOULDBLOCK / EACCES: JET_errFileAccessDenied
    }
    *lock = std::make_unique<PosixFileLock>(fd);
    return JET_errSuccess;
  }

  JET_ERR FreeDiskSpace(const std::string& path, uint64_t* bytes) override {
    struct statvfs sv;
    if (::statvfs(path.c_str(), &sv) != 0) return PathError(errno);
    *bytes = static_cast<uint64_t>(sv.f_bavail) * static_cast<uint64_t>(sv.f_frsize);
    return JET_errSuccess;
  }

  SystemTime NowUtc() override {
    struct timespec ts;
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return SystemTimeFromUnixMicros(static_cast<int64_t>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000);
  }

  uint64_t NowMicros() override {
    struct timespec ts;
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<uint64_t>(ts.tv_sec) * 1000000 + static_cast<uint64_t>(ts.tv_nsec) / 1000;
  }

 private:
  // Whether this process has path open through this Env (see share_table.h).
  bool IsOpenHere(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && shares_.IsOpen(KeyOf(st));
  }

  ShareTable shares_;
};

}  // namespace

Env* Env::Default() {
  static Env* const env = new PosixEnv;  // never destroyed: Files may outlive static destructors
  return env;
}

}  // namespace jet
