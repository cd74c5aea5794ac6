// An in-memory Env that fails and loses power on command: the engine's only
// path to the "disk" in crash and error tests.
//
// Durability model (what a journaling file system promises, and no more):
//  * a file's contents are durable as of its last Flush (or, on a
//    write_through handle, as of each WriteAt); SetSize is durable at the next
//    Flush;
//  * a directory's entries are durable as of its last SyncDir: a file or
//    directory created, renamed or removed in it is not, until then;
//  * PowerLoss() throws away everything that is not durable. So a missing
//    Flush or SyncDir in the engine shows up in tests as lost data.
// Optionally PowerLoss tears the last unflushed write of each file: its first
// k 512-byte sectors reach the disk and the rest do not, k drawn from the
// seeded generator (0 .. number of sectors the write touched).
//
// It also keeps Windows' sharing rules (share_table.h): a file open for
// writing cannot be opened again for writing, nor removed or renamed over.
//
// Paths: components separated by '/' ('\\' too on Windows), "." and ".."
// resolved, relative paths taken from the root; the root always exists.
//
// The clock is fake and deterministic: it starts at 2025-01-01T00:00:00Z,
// moves 1 us on every reading (so time never stands still for a loop that
// waits on it) and jumps by AdvanceClock.
//
// Thread-safe. Files and locks it hands out must not outlive it.
#ifndef JETSVC_ENGINE_OS_FAULT_ENV_H_
#define JETSVC_ENGINE_OS_FAULT_ENV_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "os/env.h"
#include "os/share_table.h"

namespace jet {

// The calls a fault can be injected into and that are counted.
enum class FaultOp {
  kOpen,        // Env::OpenFile
  kRead,        // File::ReadAt
  kWrite,       // File::WriteAt
  kFlush,       // File::Flush
  kSetSize,     // File::SetSize
  kRename,      // Env::RenameFile
  kSyncDir,     // Env::SyncDir
  kRemoveFile,  // Env::RemoveFile
  kCreateDir,   // Env::CreateDir (and each level of CreateDirs)
  kRemoveDir,   // Env::RemoveDir
  kLock,        // Env::LockFile
};
inline constexpr size_t kFaultOpCount = 11;
[[nodiscard]] const char* FaultOpName(FaultOp op);

enum class FaultMode {
  kOnce,        // only the chosen call fails
  kFromThenOn,  // the chosen call and every later one of its kind fail
};

struct PowerLossOptions {
  // Let the first k sectors of each file's last unflushed write land.
  bool tear_last_write = false;
};

// What PowerLoss did to a file's last unflushed write (with tear_last_write).
struct TornWrite {
  std::string path;     // the file's (durable) path after the power loss
  uint64_t offset = 0;  // where the write started
  uint64_t length = 0;  // how long it was
  uint64_t landed = 0;  // how many of its first bytes reached the disk: 0, a
                        // 512-byte boundary minus offset, or length
};

class FaultEnv final : public Env {
 public:
  static constexpr uint64_t kSectorSize = 512;
  // FreeDiskSpace with no capacity set.
  static constexpr uint64_t kUnlimitedFreeBytes = uint64_t{1} << 40;

  explicit FaultEnv(uint64_t seed);
  ~FaultEnv() override;

  uint64_t seed() const { return seed_; }

  // The n-th call of `op` from now on (n = 1: the next one) fails with error
  // and has no effect. Replaces an earlier fault on the same op.
  void FailNth(FaultOp op, uint64_t n, JET_ERR error, FaultMode mode = FaultMode::kOnce);
  void ClearFaults();

  // Writes and SetSize calls that would grow the files beyond `bytes` in all
  // fail with JET_errDiskFull (overwriting in place still works).
  void SetCapacity(uint64_t bytes);
  void ClearCapacity();
  // Sum of the current sizes of all files reachable by name.
  uint64_t UsedBytes();

  // Calls made of each kind, failed ones included, since construction or
  // ResetCallCounts.
  uint64_t CallCount(FaultOp op) const;
  void ResetCallCounts();

  // The machine loses power: every file and directory reverts to its durable
  // state (see above), every open File and FileLock is dead (its calls return
  // JET_errDiskIO, its destruction does nothing). Returns the tears made.
  std::vector<TornWrite> PowerLoss(const PowerLossOptions& options = PowerLossOptions());
  // The process dies but the OS does not: handles and locks are dead as
  // after PowerLoss, contents and names are all kept.
  void ProcessCrash();
  // Makes everything durable, as if every file were flushed and every
  // directory synced: for setting up a test's starting state.
  void SyncAll();

  void AdvanceClock(uint64_t micros);

  // Env.
  JET_ERR OpenFile(const std::string& path, const FileOptions& options,
                   std::unique_ptr<File>* file) override;
  bool FileExists(const std::string& path) override;
  bool DirExists(const std::string& path) override;
  JET_ERR GetFileSize(const std::string& path, uint64_t* size) override;
  JET_ERR RemoveFile(const std::string& path) override;
  JET_ERR RenameFile(const std::string& from, const std::string& to) override;
  JET_ERR CreateDir(const std::string& path) override;
  JET_ERR RemoveDir(const std::string& path) override;
  JET_ERR ListDir(const std::string& dir, std::vector<std::string>* names) override;
  JET_ERR SyncDir(const std::string& dir) override;
  JET_ERR LockFile(const std::string& path, std::unique_ptr<FileLock>* lock) override;
  JET_ERR FreeDiskSpace(const std::string& path, uint64_t* bytes) override;
  SystemTime NowUtc() override;
  uint64_t NowMicros() override;

 private:
  struct FileNode;
  struct DirNode;
  struct Entry;
  class FaultFile;
  class FaultLock;

  struct Fault {
    bool armed = false;
    bool firing = false;  // kFromThenOn and already reached
    uint64_t remaining = 0;
    JET_ERR error = JET_errSuccess;
    FaultMode mode = FaultMode::kOnce;
  };

  // All private members below are guarded by mu_.
  JET_ERR CountCall(FaultOp op);
  bool Resolve(const std::string& path, std::vector<std::string>* parts) const;
  DirNode* FindDir(const std::vector<std::string>& parts, size_t count) const;
  const Entry* FindEntry(const std::vector<std::string>& parts) const;
  JET_ERR FindParent(const std::string& path, DirNode** parent, std::string* name,
                     std::vector<std::string>* parts) const;
  uint64_t UsedBytesLocked() const;
  JET_ERR CheckGrowth(uint64_t old_size, uint64_t new_size) const;
  void Revert(const std::shared_ptr<DirNode>& dir, const std::string& path,
              const PowerLossOptions& options, std::set<const void*>* seen,
              std::vector<TornWrite>* torn);
  std::shared_ptr<DirNode> CopyTree(const DirNode& dir, std::set<const DirNode*>* on_path);
  void KillHandles();

  const uint64_t seed_;
  mutable std::mutex mu_;
  std::mt19937_64 rng_;
  std::shared_ptr<DirNode> root_;
  uint64_t epoch_ = 1;  // handles from an older epoch belong to a dead process
  uint64_t next_node_id_ = 1;
  ShareTable shares_;
  std::set<std::string> locked_;  // normalized paths
  std::array<Fault, kFaultOpCount> faults_{};
  std::array<uint64_t, kFaultOpCount> calls_{};
  std::optional<uint64_t> capacity_;
  uint64_t clock_micros_ = 0;  // since the fake clock's start
};

}  // namespace jet

#endif  // JETSVC_ENGINE_OS_FAULT_ENV_H_
