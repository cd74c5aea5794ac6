#include "database/attach_registry.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

namespace jet {

AttachRegistry& AttachRegistry::Get() {
  static AttachRegistry* registry = new AttachRegistry;  // never destroyed: usable at exit
  return *registry;
}

std::string AttachRegistry::PathKey(const std::string& path) {
  std::error_code ec;
  const std::u8string u8(path.begin(), path.end());
  std::filesystem::path p(u8);
  // Absolute first: weakly_canonical leaves a relative path to a file that
  // does not exist yet relative, and the same path once the file exists
  // (JetCreateDatabase) would then get another key.
  if (std::filesystem::path abs = std::filesystem::absolute(p, ec); !ec) p = abs;
  ec.clear();
  std::filesystem::path canonical = std::filesystem::weakly_canonical(p, ec);
  if (ec) {
    ec.clear();
    canonical = std::filesystem::absolute(p, ec);
    if (ec) canonical = p;
  }
  const std::u8string normal = canonical.lexically_normal().u8string();
  std::string key(normal.begin(), normal.end());
#ifdef _WIN32
  // NTFS names are case-insensitive.
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
#endif
  return key;
}

JET_ERR AttachRegistry::Attach(JET_INSTANCE owner, const std::string& path, const Opener& open) {
  const std::string key = PathKey(path);
  // The lock is held while the file opens and its catalog loads, so that two
  // instances racing for one file cannot both win.
  std::lock_guard<std::mutex> lock(mu_);
  for (const Entry& e : entries_) {
    if (e.key != key) continue;
    return e.owner == owner ? JET_wrnDatabaseAttached : JET_errDatabaseSharingViolation;
  }
  std::unique_ptr<Database> database;
  if (const JET_ERR err = open(&database); err < 0) return err;
  Entry entry;
  entry.owner = owner;
  entry.path = path;
  entry.key = key;
  entry.dbid = next_dbid_++;
  entry.database = std::shared_ptr<Database>(std::move(database));
  entries_.push_back(std::move(entry));
  return JET_errSuccess;
}

JET_ERR AttachRegistry::Detach(JET_INSTANCE owner, const std::string& path) {
  const std::string key = PathKey(path);
  std::shared_ptr<const Database> dropped;  // destroyed after the lock
  std::lock_guard<std::mutex> lock(mu_);
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [&](const Entry& e) { return e.owner == owner && e.key == key; });
  if (it == entries_.end()) return JET_errDatabaseNotFound;
  if (it->open_count > 0) return JET_errDatabaseInUse;
  dropped = std::move(it->database);
  entries_.erase(it);
  return JET_errSuccess;
}

JET_ERR AttachRegistry::DetachAll(JET_INSTANCE owner) {
  std::vector<std::shared_ptr<const Database>> dropped;
  std::lock_guard<std::mutex> lock(mu_);
  JET_ERR result = JET_errSuccess;
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->owner != owner) {
      ++it;
    } else if (it->open_count > 0) {
      result = JET_errDatabaseInUse;
      ++it;
    } else {
      dropped.push_back(std::move(it->database));
      it = entries_.erase(it);
    }
  }
  return result;
}

void AttachRegistry::ForgetInstance(JET_INSTANCE owner) {
  std::vector<std::shared_ptr<const Database>> dropped;
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->owner == owner) {
      dropped.push_back(std::move(it->database));
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

JET_ERR AttachRegistry::Open(JET_INSTANCE owner, const std::string& path, JET_DBID* dbid,
                             std::shared_ptr<const Database>* database) {
  const std::string key = PathKey(path);
  std::lock_guard<std::mutex> lock(mu_);
  for (Entry& e : entries_) {
    if (e.owner == owner && e.key == key) {
      ++e.open_count;
      *dbid = e.dbid;
      *database = e.database;
      return JET_errSuccess;
    }
  }
  return JET_errDatabaseNotFound;
}

void AttachRegistry::Close(JET_INSTANCE owner, JET_DBID dbid) {
  std::lock_guard<std::mutex> lock(mu_);
  for (Entry& e : entries_) {
    if (e.owner == owner && e.dbid == dbid && e.open_count > 0) {
      --e.open_count;
      return;
    }
  }
}

std::shared_ptr<const Database> AttachRegistry::Find(JET_INSTANCE owner, JET_DBID dbid) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const Entry& e : entries_) {
    if (e.owner == owner && e.dbid == dbid) return e.database;
  }
  return nullptr;
}

std::shared_ptr<Database> AttachRegistry::FindWritable(JET_INSTANCE owner, JET_DBID dbid) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const Entry& e : entries_) {
    if (e.owner == owner && e.dbid == dbid) return e.database;
  }
  return nullptr;
}

std::vector<std::string> AttachRegistry::Paths(JET_INSTANCE owner) const {
  std::vector<std::string> paths;
  std::lock_guard<std::mutex> lock(mu_);
  for (const Entry& e : entries_) {
    if (e.owner == owner) paths.push_back(e.path);
  }
  return paths;
}

}  // namespace jet
