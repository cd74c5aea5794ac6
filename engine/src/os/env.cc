#include "os/env.h"

#include <string_view>

namespace jet {

File::~File() = default;
FileLock::~FileLock() = default;
Env::~Env() = default;

namespace {

bool IsSeparator(char c) {
#ifdef _WIN32
  return c == '/' || c == '\\';
#else
  return c == '/';
#endif
}

// Where the part of path that CreateDirs may create begins: past a POSIX
// root "/", a Windows drive "C:" or "C:\", or a UNC "\\server\share\".
size_t CreatablePartStart(std::string_view path) {
  size_t i = 0;
#ifdef _WIN32
  if (path.size() >= 2 && IsSeparator(path[0]) && IsSeparator(path[1])) {
    // \\server\share: neither component can be created.
    i = 2;
    for (int components = 0; components < 2 && i < path.size(); ++components) {
      while (i < path.size() && !IsSeparator(path[i])) ++i;
      while (i < path.size() && IsSeparator(path[i])) ++i;
    }
    return i;
  }
  if (path.size() >= 2 && path[1] == ':') i = 2;
#endif
  while (i < path.size() && IsSeparator(path[i])) ++i;
  return i;
}

}  // namespace

JET_ERR Env::CreateDirs(const std::string& path) {
  if (path.empty()) return JET_errInvalidPath;
  size_t end = path.size();
  while (end > 0 && IsSeparator(path[end - 1])) --end;  // "a/b/" is "a/b"
  const std::string target = path.substr(0, end);
  if (target.empty() || DirExists(target)) return JET_errSuccess;  // "/" or already there

  // Each prefix that ends at a separator (and the whole path), shortest first.
  for (size_t i = CreatablePartStart(target); i <= target.size(); ++i) {
    if (i != target.size() && !IsSeparator(target[i])) continue;
    if (i > 0 && IsSeparator(target[i - 1])) continue;  // "a//b": skip the empty component
    const std::string prefix = target.substr(0, i);
    if (DirExists(prefix)) continue;
    const JET_ERR err = CreateDir(prefix);
    // Someone else may have created it since DirExists looked; a file there
    // is still an error, reported by the next CreateDir or the check below.
    if (err < JET_errSuccess && err != JET_errFileAlreadyExists) return err;
  }
  return DirExists(target) ? JET_errSuccess : JET_errFileAlreadyExists;
}

JET_ERR ValidateFileOptions(const FileOptions& options) {
  if (options.exclusive && !options.create) return JET_errInvalidParameter;
  if (options.read_only && options.create) return JET_errInvalidParameter;
  return JET_errSuccess;
}

JET_ERR ReadExactlyAt(File* file, uint64_t offset, void* buf, size_t n) {
  size_t got = 0;
  const JET_ERR err = file->ReadAt(offset, buf, n, &got);
  if (err < JET_errSuccess) return err;
  return got == n ? JET_errSuccess : JET_errFileIOBeyondEOF;
}

}  // namespace jet
