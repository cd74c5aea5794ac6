// Which database files are attached, and by which instance: process-wide,
// because ESE refuses a file another instance of the process has attached
// (JET_errDatabaseSharingViolation) and reports a second attach by the same
// instance with JET_wrnDatabaseAttached.
//
// Each attachment has a JET_DBID (never reused) and counts the sessions that
// opened it (JetOpenDatabase); a database open in a session cannot be
// detached (JET_errDatabaseInUse).

#ifndef JETSVC_ENGINE_DATABASE_ATTACH_REGISTRY_H_
#define JETSVC_ENGINE_DATABASE_ATTACH_REGISTRY_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "database/database.h"
#include "esent.h"

namespace jet {

class AttachRegistry {
 public:
  static AttachRegistry& Get();

  // The key two paths of one file share: absolute, normalised, and (on
  // Windows) case-folded.
  static std::string PathKey(const std::string& path);

  // Attaches `path` to `owner`, opening it with `open` unless some instance
  // already has it. JET_wrnDatabaseAttached (nothing done) when `owner` has
  // it; JET_errDatabaseSharingViolation when another instance has it;
  // `open`'s errors.
  using Opener = std::function<JET_ERR(std::unique_ptr<Database>*)>;
  [[nodiscard]] JET_ERR Attach(JET_INSTANCE owner, const std::string& path, const Opener& open);

  // Detaches one database of `owner` (JET_errDatabaseNotFound if it has no
  // such attachment; JET_errDatabaseInUse while a session has it open).
  [[nodiscard]] JET_ERR Detach(JET_INSTANCE owner, const std::string& path);
  // Detaches every database of `owner` not open in a session
  // (JET_errDatabaseInUse if one is; the others are detached).
  [[nodiscard]] JET_ERR DetachAll(JET_INSTANCE owner);
  // JetTerm: drops every attachment of `owner`, open or not.
  void ForgetInstance(JET_INSTANCE owner);

  // JetOpenDatabase / JetCloseDatabase bookkeeping.
  [[nodiscard]] JET_ERR Open(JET_INSTANCE owner, const std::string& path, JET_DBID* dbid,
                             std::shared_ptr<const Database>* database);
  void Close(JET_INSTANCE owner, JET_DBID dbid);
  // The database of an id `owner` has attached, or nullptr.
  std::shared_ptr<const Database> Find(JET_INSTANCE owner, JET_DBID dbid) const;
  // The same, for the schema and record changes of a writable database.
  std::shared_ptr<Database> FindWritable(JET_INSTANCE owner, JET_DBID dbid) const;

  // The paths `owner` attached, as given, in attach order.
  std::vector<std::string> Paths(JET_INSTANCE owner) const;

 private:
  struct Entry {
    JET_INSTANCE owner = 0;
    std::string path;  // as given to the attach
    std::string key;   // PathKey(path)
    JET_DBID dbid = 0;
    int open_count = 0;
    std::shared_ptr<Database> database;
  };

  mutable std::mutex mu_;
  std::vector<Entry> entries_;  // guarded by mu_
  JET_DBID next_dbid_ = 1;      // guarded by mu_
};

}  // namespace jet

#endif  // JETSVC_ENGINE_DATABASE_ATTACH_REGISTRY_H_
