// Windows' file sharing rule (CreateFileW's dwDesiredAccess / dwShareMode),
// kept in plain C++ so that the POSIX Env and the FaultEnv can refuse, inside
// one process, the same second opens, deletes and renames that Windows refuses
// with ERROR_SHARING_VIOLATION. Without it an engine bug that only Windows
// would catch (a file opened twice for writing, a log renamed while open)
// would pass every Linux test.
#ifndef JETSVC_ENGINE_OS_SHARE_TABLE_H_
#define JETSVC_ENGINE_OS_SHARE_TABLE_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "esent.h"

namespace jet {

// What an open handle does and what it lets other handles do.
struct ShareMode {
  bool read = false;         // access: the handle reads
  bool write = false;        // access: the handle writes
  bool share_read = false;   // others may open for reading
  bool share_write = false;  // others may open for writing
};

// True when a handle opened with `incoming` cannot coexist with an already
// open `existing` one: each side's access must be allowed by the other's
// share mode. This is the rule Windows applies to every pair of handles.
[[nodiscard]] bool SharingConflicts(const ShareMode& existing, const ShareMode& incoming);

class ShareTable {
 public:
  // Identifies a file, not a name: (st_dev, st_ino) on POSIX, a node id in
  // the FaultEnv. Two names of one file are one key.
  using Key = std::pair<uint64_t, uint64_t>;

  ShareTable() = default;
  ShareTable(const ShareTable&) = delete;
  ShareTable& operator=(const ShareTable&) = delete;

  // Registers a handle on `key`, or returns JET_errFileAccessDenied (a sharing
  // violation) when an open handle conflicts. *token names the registration
  // for Release.
  [[nodiscard]] JET_ERR Acquire(const Key& key, const ShareMode& mode, uint64_t* token);
  void Release(const Key& key, uint64_t token);

  // Windows refuses to delete or rename a file while any handle without
  // FILE_SHARE_DELETE is open on it; no handle here shares delete.
  [[nodiscard]] bool IsOpen(const Key& key) const;

  // Forgets every handle (the FaultEnv's simulated process died).
  void Clear();

 private:
  struct Handle {
    uint64_t token;
    ShareMode mode;
  };

  mutable std::mutex mu_;
  uint64_t next_token_ = 1;
  std::map<Key, std::vector<Handle>> open_;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_OS_SHARE_TABLE_H_
