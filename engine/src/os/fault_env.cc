#include "os/fault_env.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <utility>

namespace jet {

struct FaultEnv::FileNode {
  struct Write {
    uint64_t offset = 0;
    std::string bytes;
  };

  uint64_t id = 0;
  std::string data;                     // what a read returns now
  std::string durable;                  // what survives a power loss: as of the last Flush
  std::optional<Write> last_unflushed;  // the write PowerLoss may tear
};

struct FaultEnv::Entry {
  std::shared_ptr<FileNode> file;  // exactly one of file / dir is set
  std::shared_ptr<DirNode> dir;
};

struct FaultEnv::DirNode {
  std::map<std::string, Entry> entries;  // now
  std::map<std::string, Entry> durable;  // as of the last SyncDir of this directory
};

namespace {

constexpr uint64_t kSector = FaultEnv::kSectorSize;
// Where the fake wall clock starts: 2025-01-01T00:00:00Z.
constexpr int64_t kClockStartUnixMicros = int64_t{1735689600} * 1000000;

bool IsSeparator(char c) {
#ifdef _WIN32
  return c == '/' || c == '\\';
#else
  return c == '/';
#endif
}

bool SizeFits(uint64_t offset, uint64_t n) {
  // std::string holds the contents; keep well inside what it can address.
  constexpr uint64_t kMax = uint64_t{1} << 48;
  return offset <= kMax && n <= kMax - offset;
}

void WriteInto(std::string* data, uint64_t offset, const char* bytes, size_t n) {
  if (n == 0) return;
  if (data->size() < offset + n) data->resize(static_cast<size_t>(offset + n), '\0');
  std::memcpy(data->data() + offset, bytes, n);
}

std::string JoinPath(const std::string& dir, const std::string& name) { return dir + "/" + name; }

}  // namespace

const char* FaultOpName(FaultOp op) {
  switch (op) {
    case FaultOp::kOpen:
      return "open";
    case FaultOp::kRead:
      return "read";
    case FaultOp::kWrite:
      return "write";
    case FaultOp::kFlush:
      return "flush";
    case FaultOp::kSetSize:
      return "setsize";
    case FaultOp::kRename:
      return "rename";
    case FaultOp::kSyncDir:
      return "syncdir";
    case FaultOp::kRemoveFile:
      return "removefile";
    case FaultOp::kCreateDir:
      return "createdir";
    case FaultOp::kRemoveDir:
      return "removedir";
    case FaultOp::kLock:
      return "lock";
  }
  return "?";
}

// ---------------------------------------------------------------------------
// Handles

class FaultEnv::FaultFile final : public File {
 public:
  FaultFile(FaultEnv* env, std::shared_ptr<FileNode> node, uint64_t epoch,
            const FileOptions& options, uint64_t share_token)
      : env_(env),
        node_(std::move(node)),
        epoch_(epoch),
        read_only_(options.read_only),
        write_through_(options.write_through),
        share_token_(share_token) {}

  ~FaultFile() override {
    std::lock_guard<std::mutex> lock(env_->mu_);
    if (epoch_ == env_->epoch_) env_->shares_.Release({node_->id, 0}, share_token_);
  }

  JET_ERR ReadAt(uint64_t offset, void* buf, size_t n, size_t* bytes_read) override {
    *bytes_read = 0;
    std::lock_guard<std::mutex> lock(env_->mu_);
    if (epoch_ != env_->epoch_) return JET_errDiskIO;
    JET_ERR err = env_->CountCall(FaultOp::kRead);
    if (err < JET_errSuccess) return err;
    if (!SizeFits(offset, n)) return JET_errInvalidParameter;
    const std::string& data = node_->data;
    if (offset >= data.size()) return JET_errSuccess;
    const size_t got = static_cast<size_t>(std::min<uint64_t>(n, data.size() - offset));
    std::memcpy(buf, data.data() + offset, got);
    *bytes_read = got;
    return JET_errSuccess;
  }

  JET_ERR WriteAt(uint64_t offset, const void* buf, size_t n) override {
    std::lock_guard<std::mutex> lock(env_->mu_);
    if (epoch_ != env_->epoch_) return JET_errDiskIO;
    JET_ERR err = env_->CountCall(FaultOp::kWrite);
    if (err < JET_errSuccess) return err;
    if (read_only_) return JET_errFileAccessDenied;
    if (!SizeFits(offset, n)) return JET_errInvalidParameter;
    const uint64_t old_size = node_->data.size();
    err = env_->CheckGrowth(old_size, std::max<uint64_t>(old_size, offset + n));
    if (err < JET_errSuccess) return err;

    const char* bytes = static_cast<const char*>(buf);
    WriteInto(&node_->data, offset, bytes, n);
    if (write_through_) {
      // Durable on return. An older unflushed write it overlaps must not be
      // torn back on top of it later, so that one is forgotten (it is lost
      // on power loss either way).
      WriteInto(&node_->durable, offset, bytes, n);
      node_->last_unflushed.reset();
    } else {
      node_->last_unflushed = FileNode::Write{offset, std::string(bytes, n)};
    }
    return JET_errSuccess;
  }

  JET_ERR Flush() override {
    std::lock_guard<std::mutex> lock(env_->mu_);
    if (epoch_ != env_->epoch_) return JET_errDiskIO;
    JET_ERR err = env_->CountCall(FaultOp::kFlush);
    if (err < JET_errSuccess) return err;
    if (read_only_) return JET_errSuccess;
    node_->durable = node_->data;
    node_->last_unflushed.reset();
    return JET_errSuccess;
  }

  JET_ERR Size(uint64_t* size) override {
    std::lock_guard<std::mutex> lock(env_->mu_);
    if (epoch_ != env_->epoch_) return JET_errDiskIO;
    *size = node_->data.size();
    return JET_errSuccess;
  }

  JET_ERR SetSize(uint64_t size) override {
    std::lock_guard<std::mutex> lock(env_->mu_);
    if (epoch_ != env_->epoch_) return JET_errDiskIO;
    JET_ERR err = env_->CountCall(FaultOp::kSetSize);
    if (err < JET_errSuccess) return err;
    if (read_only_) return JET_errFileAccessDenied;
    if (!SizeFits(size, 0)) return JET_errInvalidParameter;
    err = env_->CheckGrowth(node_->data.size(), size);
    if (err < JET_errSuccess) return err;
    node_->data.resize(static_cast<size_t>(size), '\0');
    return JET_errSuccess;
  }

 private:
  FaultEnv* const env_;
  const std::shared_ptr<FileNode> node_;
  const uint64_t epoch_;
  const bool read_only_;
  const bool write_through_;
  const uint64_t share_token_;
};

class FaultEnv::FaultLock final : public FileLock {
 public:
  FaultLock(FaultEnv* env, std::string key, uint64_t epoch)
      : env_(env), key_(std::move(key)), epoch_(epoch) {}

  ~FaultLock() override {
    std::lock_guard<std::mutex> lock(env_->mu_);
    if (epoch_ == env_->epoch_) env_->locked_.erase(key_);
  }

 private:
  FaultEnv* const env_;
  const std::string key_;
  const uint64_t epoch_;
};

// ---------------------------------------------------------------------------
// Setup, faults, counters, clock

FaultEnv::FaultEnv(uint64_t seed) : seed_(seed), rng_(seed), root_(std::make_shared<DirNode>()) {}

FaultEnv::~FaultEnv() = default;

void FaultEnv::FailNth(FaultOp op, uint64_t n, JET_ERR error, FaultMode mode) {
  std::lock_guard<std::mutex> lock(mu_);
  Fault& f = faults_[static_cast<size_t>(op)];
  f = Fault();
  f.armed = n > 0;
  f.remaining = n;
  f.error = error;
  f.mode = mode;
}

void FaultEnv::ClearFaults() {
  std::lock_guard<std::mutex> lock(mu_);
  faults_.fill(Fault());
}

void FaultEnv::SetCapacity(uint64_t bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  capacity_ = bytes;
}

void FaultEnv::ClearCapacity() {
  std::lock_guard<std::mutex> lock(mu_);
  capacity_.reset();
}

uint64_t FaultEnv::UsedBytes() {
  std::lock_guard<std::mutex> lock(mu_);
  return UsedBytesLocked();
}

uint64_t FaultEnv::CallCount(FaultOp op) const {
  std::lock_guard<std::mutex> lock(mu_);
  return calls_[static_cast<size_t>(op)];
}

void FaultEnv::ResetCallCounts() {
  std::lock_guard<std::mutex> lock(mu_);
  calls_.fill(0);
}

void FaultEnv::AdvanceClock(uint64_t micros) {
  std::lock_guard<std::mutex> lock(mu_);
  clock_micros_ += micros;
}

SystemTime FaultEnv::NowUtc() {
  std::lock_guard<std::mutex> lock(mu_);
  const uint64_t now = clock_micros_++;
  return SystemTimeFromUnixMicros(kClockStartUnixMicros + static_cast<int64_t>(now));
}

uint64_t FaultEnv::NowMicros() {
  std::lock_guard<std::mutex> lock(mu_);
  return clock_micros_++;
}

JET_ERR FaultEnv::CountCall(FaultOp op) {
  const size_t i = static_cast<size_t>(op);
  ++calls_[i];
  Fault& f = faults_[i];
  if (!f.armed) return JET_errSuccess;
  if (f.firing) return f.error;
  if (--f.remaining > 0) return JET_errSuccess;
  if (f.mode == FaultMode::kOnce) {
    f.armed = false;
  } else {
    f.firing = true;
  }
  return f.error;
}

// ---------------------------------------------------------------------------
// Paths

bool FaultEnv::Resolve(const std::string& path, std::vector<std::string>* parts) const {
  parts->clear();
  if (path.empty() || path.find('\0') != std::string::npos) return false;
  size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && IsSeparator(path[i])) ++i;
    size_t end = i;
    while (end < path.size() && !IsSeparator(path[end])) ++end;
    if (end > i) {
      std::string part = path.substr(i, end - i);
      if (part == "..") {
        if (!parts->empty()) parts->pop_back();
      } else if (part != ".") {
#ifdef _WIN32
        // A drive ("C:") names the root of the one volume this file system has.
        if (parts->empty() && i == 0 && part.size() == 2 && part[1] == ':') {
          i = end;
          continue;
        }
#endif
        parts->push_back(std::move(part));
      }
    }
    i = end;
  }
  return true;
}

FaultEnv::DirNode* FaultEnv::FindDir(const std::vector<std::string>& parts, size_t count) const {
  DirNode* dir = root_.get();
  for (size_t i = 0; i < count; ++i) {
    auto it = dir->entries.find(parts[i]);
    if (it == dir->entries.end() || it->second.dir == nullptr) return nullptr;
    dir = it->second.dir.get();
  }
  return dir;
}

const FaultEnv::Entry* FaultEnv::FindEntry(const std::vector<std::string>& parts) const {
  if (parts.empty()) return nullptr;  // the root has no entry of its own
  const DirNode* parent = FindDir(parts, parts.size() - 1);
  if (parent == nullptr) return nullptr;
  auto it = parent->entries.find(parts.back());
  return it == parent->entries.end() ? nullptr : &it->second;
}

JET_ERR FaultEnv::FindParent(const std::string& path, DirNode** parent, std::string* name,
                             std::vector<std::string>* parts) const {
  if (!Resolve(path, parts)) return JET_errInvalidPath;
  if (parts->empty()) return JET_errFileAccessDenied;  // the root itself: EISDIR / EBUSY
  *parent = FindDir(*parts, parts->size() - 1);
  if (*parent == nullptr) return JET_errFileNotFound;
  *name = parts->back();
  return JET_errSuccess;
}

uint64_t FaultEnv::UsedBytesLocked() const {
  uint64_t used = 0;
  std::set<const void*> seen;
  std::vector<const DirNode*> pending = {root_.get()};
  while (!pending.empty()) {
    const DirNode* dir = pending.back();
    pending.pop_back();
    for (const auto& [name, entry] : dir->entries) {
      if (entry.dir != nullptr) {
        pending.push_back(entry.dir.get());
      } else if (seen.insert(entry.file.get()).second) {
        used += entry.file->data.size();
      }
    }
  }
  return used;
}

JET_ERR FaultEnv::CheckGrowth(uint64_t old_size, uint64_t new_size) const {
  if (!capacity_.has_value() || new_size <= old_size) return JET_errSuccess;
  const uint64_t used = UsedBytesLocked();
  return used + (new_size - old_size) > *capacity_ ? JET_errDiskFull : JET_errSuccess;
}

// ---------------------------------------------------------------------------
// Env

JET_ERR FaultEnv::OpenFile(const std::string& path, const FileOptions& options,
                           std::unique_ptr<File>* file) {
  file->reset();
  std::lock_guard<std::mutex> lock(mu_);
  JET_ERR err = CountCall(FaultOp::kOpen);
  if (err < JET_errSuccess) return err;
  err = ValidateFileOptions(options);
  if (err < JET_errSuccess) return err;
  DirNode* parent = nullptr;
  std::string name;
  std::vector<std::string> parts;
  err = FindParent(path, &parent, &name, &parts);
  if (err < JET_errSuccess) return err;

  std::shared_ptr<FileNode> node;
  auto it = parent->entries.find(name);
  if (it != parent->entries.end()) {
    if (it->second.dir != nullptr) return JET_errFileAccessDenied;  // a directory
    if (options.exclusive) return JET_errFileAlreadyExists;
    node = it->second.file;
  } else if (!options.create) {
    return JET_errFileNotFound;
  }

  ShareMode mode;
  mode.read = true;
  mode.write = !options.read_only;
  mode.share_read = options.share_read;
  if (node == nullptr) {
    node = std::make_shared<FileNode>();
    node->id = next_node_id_++;
  }
  uint64_t token = 0;
  err = shares_.Acquire({node->id, 0}, mode, &token);
  if (err < JET_errSuccess) return err;  // only an existing file can be open already
  if (it == parent->entries.end()) parent->entries[name] = Entry{node, nullptr};
  *file = std::make_unique<FaultFile>(this, node, epoch_, options, token);
  return JET_errSuccess;
}

bool FaultEnv::FileExists(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> parts;
  if (!Resolve(path, &parts)) return false;
  const Entry* entry = FindEntry(parts);
  return entry != nullptr && entry->file != nullptr;
}

bool FaultEnv::DirExists(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> parts;
  if (!Resolve(path, &parts)) return false;
  return FindDir(parts, parts.size()) != nullptr;
}

JET_ERR FaultEnv::GetFileSize(const std::string& path, uint64_t* size) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> parts;
  if (!Resolve(path, &parts)) return JET_errInvalidPath;
  if (parts.empty()) return JET_errFileAccessDenied;
  const Entry* entry = FindEntry(parts);
  if (entry == nullptr) return JET_errFileNotFound;
  if (entry->dir != nullptr) return JET_errFileAccessDenied;
  *size = entry->file->data.size();
  return JET_errSuccess;
}

JET_ERR FaultEnv::RemoveFile(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  JET_ERR err = CountCall(FaultOp::kRemoveFile);
  if (err < JET_errSuccess) return err;
  DirNode* parent = nullptr;
  std::string name;
  std::vector<std::string> parts;
  err = FindParent(path, &parent, &name, &parts);
  if (err < JET_errSuccess) return err;
  auto it = parent->entries.find(name);
  if (it == parent->entries.end()) return JET_errFileNotFound;
  if (it->second.dir != nullptr) return JET_errFileAccessDenied;
  if (shares_.IsOpen({it->second.file->id, 0})) return JET_errFileAccessDenied;
  parent->entries.erase(it);
  return JET_errSuccess;
}

JET_ERR FaultEnv::RenameFile(const std::string& from, const std::string& to) {
  std::lock_guard<std::mutex> lock(mu_);
  JET_ERR err = CountCall(FaultOp::kRename);
  if (err < JET_errSuccess) return err;
  DirNode* from_parent = nullptr;
  DirNode* to_parent = nullptr;
  std::string from_name;
  std::string to_name;
  std::vector<std::string> from_parts;
  std::vector<std::string> to_parts;
  err = FindParent(from, &from_parent, &from_name, &from_parts);
  if (err < JET_errSuccess) return err;
  auto from_it = from_parent->entries.find(from_name);
  if (from_it == from_parent->entries.end()) return JET_errFileNotFound;
  err = FindParent(to, &to_parent, &to_name, &to_parts);
  if (err < JET_errSuccess) return err;
  if (from_parts == to_parts) return JET_errSuccess;

  const Entry moving = from_it->second;
  auto to_it = to_parent->entries.find(to_name);
  if (moving.file != nullptr) {
    if (shares_.IsOpen({moving.file->id, 0})) return JET_errFileAccessDenied;
    if (to_it != to_parent->entries.end()) {
      if (to_it->second.dir != nullptr) return JET_errFileAccessDenied;
      if (shares_.IsOpen({to_it->second.file->id, 0})) return JET_errFileAccessDenied;
    }
  } else {
    // A directory moves only to a free name (Windows cannot replace one) and
    // never into itself (EINVAL).
    if (to_it != to_parent->entries.end()) return JET_errFileAccessDenied;
    if (to_parts.size() > from_parts.size() &&
        std::equal(from_parts.begin(), from_parts.end(), to_parts.begin())) {
      return JET_errInvalidParameter;
    }
  }
  to_parent->entries[to_name] = moving;
  from_parent->entries.erase(from_name);
  return JET_errSuccess;
}

JET_ERR FaultEnv::CreateDir(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  JET_ERR err = CountCall(FaultOp::kCreateDir);
  if (err < JET_errSuccess) return err;
  DirNode* parent = nullptr;
  std::string name;
  std::vector<std::string> parts;
  err = FindParent(path, &parent, &name, &parts);
  if (err == JET_errFileAccessDenied && parts.empty()) return JET_errFileAlreadyExists;  // "/"
  if (err < JET_errSuccess) return err;
  if (parent->entries.count(name) != 0) return JET_errFileAlreadyExists;
  parent->entries[name] = Entry{nullptr, std::make_shared<DirNode>()};
  return JET_errSuccess;
}

JET_ERR FaultEnv::RemoveDir(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  JET_ERR err = CountCall(FaultOp::kRemoveDir);
  if (err < JET_errSuccess) return err;
  DirNode* parent = nullptr;
  std::string name;
  std::vector<std::string> parts;
  err = FindParent(path, &parent, &name, &parts);
  if (err < JET_errSuccess) return err;
  auto it = parent->entries.find(name);
  if (it == parent->entries.end() || it->second.dir == nullptr) return JET_errFileNotFound;
  if (!it->second.dir->entries.empty()) return JET_errFileAccessDenied;  // ENOTEMPTY
  parent->entries.erase(it);
  return JET_errSuccess;
}

JET_ERR FaultEnv::ListDir(const std::string& dir, std::vector<std::string>* names) {
  names->clear();
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> parts;
  if (!Resolve(dir, &parts)) return JET_errInvalidPath;
  const DirNode* node = FindDir(parts, parts.size());
  if (node == nullptr) return JET_errFileNotFound;
  for (const auto& [name, entry] : node->entries) names->push_back(name);  // std::map: sorted
  return JET_errSuccess;
}

JET_ERR FaultEnv::SyncDir(const std::string& dir) {
  std::lock_guard<std::mutex> lock(mu_);
  JET_ERR err = CountCall(FaultOp::kSyncDir);
  if (err < JET_errSuccess) return err;
  std::vector<std::string> parts;
  if (!Resolve(dir, &parts)) return JET_errInvalidPath;
  DirNode* node = FindDir(parts, parts.size());
  if (node == nullptr) return JET_errFileNotFound;
  node->durable = node->entries;
  return JET_errSuccess;
}

JET_ERR FaultEnv::LockFile(const std::string& path, std::unique_ptr<FileLock>* lock_out) {
  lock_out->reset();
  std::lock_guard<std::mutex> lock(mu_);
  JET_ERR err = CountCall(FaultOp::kLock);
  if (err < JET_errSuccess) return err;
  DirNode* parent = nullptr;
  std::string name;
  std::vector<std::string> parts;
  err = FindParent(path, &parent, &name, &parts);
  if (err < JET_errSuccess) return err;
  auto it = parent->entries.find(name);
  if (it != parent->entries.end() && it->second.dir != nullptr) return JET_errFileAccessDenied;

  std::string key;
  for (const std::string& part : parts) key = JoinPath(key, part);
  if (locked_.count(key) != 0) return JET_errFileAccessDenied;
  if (it == parent->entries.end()) {  // the real Envs create the lock file too
    auto node = std::make_shared<FileNode>();
    node->id = next_node_id_++;
    parent->entries[name] = Entry{node, nullptr};
  }
  locked_.insert(key);
  *lock_out = std::make_unique<FaultLock>(this, key, epoch_);
  return JET_errSuccess;
}

JET_ERR FaultEnv::FreeDiskSpace(const std::string& path, uint64_t* bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> parts;
  if (!Resolve(path, &parts)) return JET_errInvalidPath;
  if (!parts.empty() && FindEntry(parts) == nullptr) return JET_errFileNotFound;
  const uint64_t used = UsedBytesLocked();
  const uint64_t total = capacity_.value_or(kUnlimitedFreeBytes);
  *bytes = used >= total ? 0 : total - used;
  return JET_errSuccess;
}

// ---------------------------------------------------------------------------
// Power loss

void FaultEnv::KillHandles() {
  ++epoch_;
  shares_.Clear();
  locked_.clear();
}

void FaultEnv::ProcessCrash() {
  std::lock_guard<std::mutex> lock(mu_);
  KillHandles();
}

std::vector<TornWrite> FaultEnv::PowerLoss(const PowerLossOptions& options) {
  std::lock_guard<std::mutex> lock(mu_);
  KillHandles();
  std::vector<TornWrite> torn;
  std::set<const void*> seen;
  Revert(root_, "", options, &seen, &torn);
  return torn;
}

void FaultEnv::Revert(const std::shared_ptr<DirNode>& dir, const std::string& path,
                      const PowerLossOptions& options, std::set<const void*>* seen,
                      std::vector<TornWrite>* torn) {
  dir->entries = dir->durable;
  for (auto& [name, entry] : dir->entries) {
    const std::string child_path = JoinPath(path, name);
    if (entry.dir != nullptr) {
      if (!seen->insert(entry.dir.get()).second) {
        std::set<const DirNode*> on_path = {dir.get()};
        entry.dir = CopyTree(*entry.dir, &on_path);
      } else {
        Revert(entry.dir, child_path, options, seen, torn);
      }
      dir->durable[name] = entry;
      continue;
    }
    FileNode* node = entry.file.get();
    if (!seen->insert(node).second) {
      auto copy = std::make_shared<FileNode>(*node);
      copy->id = next_node_id_++;
      entry.file = copy;
      dir->durable[name] = entry;
      continue;
    }
    node->data = node->durable;
    if (options.tear_last_write && node->last_unflushed.has_value()) {
      const FileNode::Write& w = *node->last_unflushed;
      const uint64_t end = w.offset + w.bytes.size();
      // The sector boundaries inside the write, then its end: landing k of
      // them means the write reached the disk up to the k-th.
      std::vector<uint64_t> cuts;
      for (uint64_t b = (w.offset / kSector + 1) * kSector; b < end; b += kSector) {
        cuts.push_back(b);
      }
      cuts.push_back(end);
      const uint64_t k = rng_() % (cuts.size() + 1);
      const uint64_t landed = k == 0 ? 0 : cuts[static_cast<size_t>(k - 1)] - w.offset;
      WriteInto(&node->data, w.offset, w.bytes.data(), static_cast<size_t>(landed));
      torn->push_back(TornWrite{child_path, w.offset, w.bytes.size(), landed});
    }
    node->durable = node->data;
    node->last_unflushed.reset();
  }
}

// A deep copy, for a node the durable state reaches under two names (a move
// between directories of which only the target was synced): after the power
// loss the two names must not share one file. Directories already on the path
// being copied are left out, so that a cycle (possible only in such mixes of
// synced and unsynced moves) cannot recurse forever.
std::shared_ptr<FaultEnv::DirNode> FaultEnv::CopyTree(const DirNode& dir,
                                                      std::set<const DirNode*>* on_path) {
  auto copy = std::make_shared<DirNode>();
  on_path->insert(&dir);
  for (const auto& [name, entry] : dir.entries) {
    Entry e;
    if (entry.dir != nullptr) {
      if (on_path->count(entry.dir.get()) != 0) continue;
      e.dir = CopyTree(*entry.dir, on_path);
    } else {
      e.file = std::make_shared<FileNode>(*entry.file);
      e.file->id = next_node_id_++;
    }
    copy->entries[name] = e;
  }
  on_path->erase(&dir);
  copy->durable = copy->entries;
  return copy;
}

void FaultEnv::SyncAll() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<DirNode*> pending = {root_.get()};
  while (!pending.empty()) {
    DirNode* dir = pending.back();
    pending.pop_back();
    dir->durable = dir->entries;
    for (auto& [name, entry] : dir->entries) {
      if (entry.dir != nullptr) {
        pending.push_back(entry.dir.get());
      } else {
        entry.file->durable = entry.file->data;
        entry.file->last_unflushed.reset();
      }
    }
  }
}

}  // namespace jet
