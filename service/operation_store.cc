#include "service/operation_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <random>
#include <set>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/timestamp.pb.h"
#include "service/errors.h"
#include "spdlog/spdlog.h"

namespace jetsvc {
namespace {

using jetsvc::v1::Operation;
using jetsvc::v1::OperationEvent;

constexpr char kSuffix[] = ".oplog";
constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;

// CRC-32C (Castagnoli), reflected, as in iSCSI/ext4; table built once.
uint32_t Crc32c(absl::string_view data) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char ch : data) crc = table[(crc ^ ch) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

std::string Record(char type, absl::string_view field1, absl::string_view field2) {
  std::string body = absl::StrCat(std::string(1, type), " ", field1, " ", field2);
  return absl::StrCat(body, " ", absl::Hex(Crc32c(body), absl::kZeroPad8), "\n");
}

std::string EventRecord(const OperationEvent& event, Operation::State state) {
  return Record('E', absl::Base64Escape(event.SerializeAsString()),
                absl::StrCat(static_cast<int>(state)));
}

google::protobuf::Timestamp ToProto(absl::Time t) {
  google::protobuf::Timestamp ts;
  int64_t seconds = absl::ToUnixSeconds(t);
  ts.set_seconds(seconds);
  ts.set_nanos(static_cast<int32_t>((t - absl::FromUnixSeconds(seconds)) / absl::Nanoseconds(1)));
  return ts;
}

bool IsDone(Operation::State state) {
  return state == Operation::SUCCEEDED || state == Operation::FAILED ||
         state == Operation::CANCELLED || state == Operation::INTERRUPTED;
}

absl::Status ErrnoError(const std::string& what, const std::string& path) {
  return ReasonError(absl::StatusCode::kInternal, "STATE_IO_ERROR",
                     absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

absl::Status NotFound(const std::string& id) {
  return ReasonError(absl::StatusCode::kNotFound, "OPERATION_NOT_FOUND",
                     absl::StrCat("no operation '", id, "'"));
}

absl::Status SyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("open", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return ErrnoError("fsync", dir);
  return absl::OkStatus();
}

// Writes `data` at the end of `path` and makes it durable before returning.
// With `create`, the file must not exist yet and its directory is synced too.
absl::Status WriteDurable(const std::string& path, const std::string& data, bool create) {
  int flags = O_WRONLY | O_APPEND | O_CLOEXEC | (create ? O_CREAT | O_EXCL : 0);
  int fd = ::open(path.c_str(), flags, 0644);
  if (fd < 0) return ErrnoError("open", path);
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      absl::Status status = ErrnoError("write", path);
      ::close(fd);
      return status;
    }
    done += static_cast<size_t>(n);
  }
  if (::fdatasync(fd) != 0) {
    absl::Status status = ErrnoError("fdatasync", path);
    ::close(fd);
    return status;
  }
  if (::close(fd) != 0) return ErrnoError("close", path);
  if (create) return SyncDir(path.substr(0, path.rfind('/')));
  return absl::OkStatus();
}

absl::Status MakeDir(const std::string& path) {
  if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) return ErrnoError("mkdir", path);
  return absl::OkStatus();
}

// Applies a loaded or newly written event to the operation it belongs to.
void ApplyEvent(Operation* op, const OperationEvent& event, Operation::State state) {
  op->set_last_sequence(event.sequence());
  if (event.has_status()) {
    const auto& status = event.status();
    op->set_units_done(status.units_done());
    op->set_units_total(status.units_total());
    op->set_phase(status.phase());
    if (!op->has_start_time()) *op->mutable_start_time() = event.time();
  }
  if (event.has_result()) {
    *op->mutable_result() = event.result();
    *op->mutable_end_time() = event.time();
  }
  if (state != Operation::STATE_UNSPECIFIED) op->set_state(state);
}

}  // namespace

OperationStore::OperationStore(std::string dir, OperationStoreOptions options)
    : dir_(std::move(dir)), options_(options) {}

OperationStore::~OperationStore() = default;

std::string OperationStore::PathOf(const std::string& id) const {
  return absl::StrCat(dir_, "/", id, kSuffix);
}

absl::StatusOr<std::unique_ptr<OperationStore>> OperationStore::Open(
    const std::string& state_dir, OperationStoreOptions options) {
  if (state_dir.empty()) {
    return ReasonError(absl::StatusCode::kInvalidArgument, "BAD_STATE_DIR", "state_dir is empty");
  }
  if (absl::Status s = MakeDir(state_dir); !s.ok()) return s;
  std::string dir = absl::StrCat(state_dir, "/operations");
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) {
    if (absl::Status s = MakeDir(dir); !s.ok()) return s;
    if (absl::Status s = SyncDir(state_dir); !s.ok()) return s;
  }
  std::unique_ptr<OperationStore> store(new OperationStore(dir, options));
  if (absl::Status s = store->Load(); !s.ok()) return s;
  return store;
}

absl::Status OperationStore::Load() {
  std::vector<std::string> ids;
  DIR* d = ::opendir(dir_.c_str());
  if (d == nullptr) return ErrnoError("opendir", dir_);
  while (dirent* de = ::readdir(d)) {
    absl::string_view name = de->d_name;
    if (absl::EndsWith(name, kSuffix)) {
      ids.emplace_back(name.substr(0, name.size() - std::strlen(kSuffix)));
    }
  }
  ::closedir(d);

  std::vector<std::string> to_delete;
  for (const std::string& id : ids) {
    const std::string path = PathOf(id);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoError("open", path);
    std::string content;
    char buf[65536];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) content.append(buf, static_cast<size_t>(n));
    ::close(fd);
    if (n < 0) return ErrnoError("read", path);

    Entry entry;
    bool have_header = false;
    size_t valid = 0;  // bytes of good records
    size_t pos = 0;
    while (pos < content.size()) {
      size_t nl = content.find('\n', pos);
      if (nl == std::string::npos) break;  // torn last write
      absl::string_view line(content.data() + pos, nl - pos);
      std::vector<absl::string_view> parts = absl::StrSplit(line, ' ');
      if (parts.size() != 4) break;
      absl::string_view body = line.substr(0, line.size() - parts[3].size() - 1);
      if (parts[3] != absl::StrCat(absl::Hex(Crc32c(body), absl::kZeroPad8)) || parts[0].size() != 1) break;
      std::string f1;
      if (!absl::Base64Unescape(parts[1], &f1)) break;
      char type = parts[0][0];
      if (type == 'H') {
        std::string request_id;
        if (have_header || !entry.op.ParseFromString(f1) || entry.op.id() != id ||
            !absl::Base64Unescape(parts[2], &request_id)) {
          break;
        }
        entry.request_id = std::move(request_id);
        have_header = true;
      } else if (type == 'E' || type == 'R') {
        int state = 0;
        if (!have_header || !absl::SimpleAtoi(parts[2], &state) ||
            !Operation::State_IsValid(state)) {
          break;
        }
        if (type == 'R') {
          if (!entry.op.mutable_start_time()->ParseFromString(f1)) break;
          entry.op.set_state(static_cast<Operation::State>(state));
        } else {
          OperationEvent event;
          if (!event.ParseFromString(f1) || event.operation_id() != id ||
              event.sequence() != entry.events.size() + 1) {
            break;  // never a gap
          }
          ApplyEvent(&entry.op, event, static_cast<Operation::State>(state));
          entry.events.push_back(std::move(event));
        }
      } else {
        break;
      }
      pos = nl + 1;
      valid = pos;
    }
    if (!have_header || entry.events.empty()) {
      // Cut off inside Create, before it returned: nobody has seen it.
      spdlog::warn("operation store: dropping incomplete {}", path);
      to_delete.push_back(path);
      continue;
    }
    if (valid < content.size()) {
      spdlog::warn("operation store: {}: dropping {} bytes of a torn or bad record", path,
                   content.size() - valid);
      if (::truncate(path.c_str(), static_cast<off_t>(valid)) != 0) {
        return ErrnoError("truncate", path);
      }
    }
    if (!IsDone(entry.op.state())) {
      OperationEvent event;
      event.set_operation_id(id);
      event.set_sequence(entry.events.size() + 1);
      *event.mutable_time() = ToProto(absl::Now());
      event.mutable_result()->set_message(
          "interrupted by a service restart: the previous service process ended while the "
          "operation was running");
      if (absl::Status s = WriteDurable(path, EventRecord(event, Operation::INTERRUPTED), false);
          !s.ok()) {
        return s;
      }
      ApplyEvent(&entry.op, event, Operation::INTERRUPTED);
      entry.events.push_back(std::move(event));
      interrupted_.push_back(entry.op);
      spdlog::warn("operation {} on instance '{}' was interrupted by a service restart", id,
                   entry.op.instance());
    }
    absl::MutexLock lock(&mu_);
    if (!entry.request_id.empty()) {
      by_request_[{entry.op.kind(), entry.op.instance(), entry.request_id}] = id;
    }
    ops_.emplace(id, std::move(entry));
  }
  {
    absl::MutexLock lock(&mu_);
    // The operations just interrupted stay whatever their age: their
    // instances need them to be retried (same request_id) and completed.
    std::set<std::string> keep;
    for (const Operation& op : interrupted_) keep.insert(op.id());
    std::vector<std::string> trimmed = TrimLocked(keep);
    to_delete.insert(to_delete.end(), trimmed.begin(), trimmed.end());
  }
  RemoveFiles(to_delete);
  return absl::OkStatus();
}

std::string OperationStore::NewId() {
  int64_t micros = absl::ToUnixMicros(absl::Now());
  if (micros <= last_id_micros_) micros = last_id_micros_ + 1;
  last_id_micros_ = micros;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return absl::StrCat("op-", absl::Hex(micros, absl::kZeroPad16), "-",
                      absl::Hex(rng() & 0xFFFFFF, absl::kZeroPad6));
}

absl::StatusOr<Operation> OperationStore::Create(Operation::Kind kind, const std::string& instance,
                                                 const std::string& request_json,
                                                 const std::string& request_id, bool* created) {
  if (created != nullptr) *created = false;
  absl::MutexLock create_lock(&create_mu_);
  Entry entry;
  {
    absl::MutexLock lock(&mu_);
    if (!request_id.empty()) {
      auto it = by_request_.find({kind, instance, request_id});
      if (it != by_request_.end()) {
        auto op = ops_.find(it->second);
        if (op != ops_.end()) return op->second.op;
      }
    }
    entry.op.set_id(NewId());
  }
  const std::string& id = entry.op.id();
  absl::Time now = absl::Now();
  entry.op.set_kind(kind);
  entry.op.set_instance(instance);
  entry.op.set_state(Operation::PENDING);
  entry.op.set_request(request_json);
  *entry.op.mutable_create_time() = ToProto(now);
  entry.request_id = request_id;

  OperationEvent started;
  started.set_operation_id(id);
  started.set_sequence(1);
  *started.mutable_time() = entry.op.create_time();
  started.mutable_started()->set_kind(kind);
  started.mutable_started()->set_instance(instance);

  std::string data = Record('H', absl::Base64Escape(entry.op.SerializeAsString()),
                            absl::Base64Escape(request_id)) +
                     EventRecord(started, Operation::PENDING);
  if (absl::Status s = WriteDurable(PathOf(id), data, /*create=*/true); !s.ok()) {
    ::unlink(PathOf(id).c_str());
    return s;
  }
  ApplyEvent(&entry.op, started, Operation::PENDING);
  entry.events.push_back(std::move(started));
  Operation result = entry.op;
  {
    absl::MutexLock lock(&mu_);
    if (!request_id.empty()) by_request_[{kind, instance, request_id}] = id;
    ops_.emplace(id, std::move(entry));
    changed_.SignalAll();
  }
  if (created != nullptr) *created = true;
  return result;
}

absl::StatusOr<std::shared_ptr<absl::Mutex>> OperationStore::AppendMutexOf(
    const std::string& id) const {
  absl::MutexLock lock(&mu_);
  auto it = ops_.find(id);
  if (it == ops_.end()) return NotFound(id);
  return it->second.append_mu;
}

absl::StatusOr<Operation> OperationStore::SetRunning(const std::string& id) {
  auto append_mu = AppendMutexOf(id);
  if (!append_mu.ok()) return append_mu.status();
  absl::MutexLock append_lock(append_mu->get());
  google::protobuf::Timestamp start;
  {
    absl::MutexLock lock(&mu_);
    auto it = ops_.find(id);
    if (it == ops_.end()) return NotFound(id);
    const Operation& op = it->second.op;
    if (op.state() == Operation::RUNNING) return op;
    if (op.state() != Operation::PENDING) {
      return ReasonError(absl::StatusCode::kFailedPrecondition, "OPERATION_ENDED",
                         absl::StrCat("operation '", id, "' has already ended"));
    }
    start = op.has_start_time() ? op.start_time() : ToProto(absl::Now());
  }
  std::string data = Record('R', absl::Base64Escape(start.SerializeAsString()),
                            absl::StrCat(static_cast<int>(Operation::RUNNING)));
  if (absl::Status s = WriteDurable(PathOf(id), data, false); !s.ok()) return s;
  absl::MutexLock lock(&mu_);
  auto it = ops_.find(id);
  if (it == ops_.end()) return NotFound(id);
  it->second.op.set_state(Operation::RUNNING);
  *it->second.op.mutable_start_time() = start;
  changed_.SignalAll();
  return it->second.op;
}

absl::StatusOr<Operation> OperationStore::Append(const std::string& id, OperationEvent event,
                                                 Operation::State state, OperationEvent* out) {
  auto append_mu = AppendMutexOf(id);
  if (!append_mu.ok()) return append_mu.status();
  // Held across the write: the next append to this operation waits, so
  // sequences are written in order; mu_ is free for readers meanwhile.
  absl::MutexLock append_lock(append_mu->get());
  {
    absl::MutexLock lock(&mu_);
    auto it = ops_.find(id);
    if (it == ops_.end()) return NotFound(id);
    const Operation& op = it->second.op;
    if (IsDone(op.state())) {
      return ReasonError(absl::StatusCode::kFailedPrecondition, "OPERATION_ENDED",
                         absl::StrCat("operation '", id, "' has already ended"));
    }
    if (state == Operation::STATE_UNSPECIFIED && op.state() == Operation::PENDING) {
      state = Operation::RUNNING;
    }
    event.set_operation_id(id);
    event.set_sequence(op.last_sequence() + 1);
    *event.mutable_time() = ToProto(absl::Now());
  }
  if (absl::Status s = WriteDurable(PathOf(id), EventRecord(event, state), false); !s.ok()) {
    return s;
  }
  std::vector<std::string> trimmed;
  Operation result;
  {
    absl::MutexLock lock(&mu_);
    auto it = ops_.find(id);
    if (it == ops_.end()) return NotFound(id);
    ApplyEvent(&it->second.op, event, state);
    it->second.events.push_back(event);
    result = it->second.op;
    if (IsDone(state)) trimmed = TrimLocked();
    changed_.SignalAll();
  }
  RemoveFiles(trimmed);
  if (out != nullptr) *out = std::move(event);
  return result;
}

absl::StatusOr<OperationEvent> OperationStore::AppendStatus(const std::string& id,
                                                            const jetsvc::v1::StatusEvent& status) {
  OperationEvent event;
  *event.mutable_status() = status;
  OperationEvent out;
  absl::StatusOr<Operation> op = Append(id, std::move(event), Operation::STATE_UNSPECIFIED, &out);
  if (!op.ok()) return op.status();
  return out;
}

absl::StatusOr<Operation> OperationStore::Finish(const std::string& id, Operation::State state,
                                                 const jetsvc::v1::OperationResult& result) {
  if (!IsDone(state)) {
    return ReasonError(absl::StatusCode::kInvalidArgument, "BAD_FINAL_STATE",
                       absl::StrCat("Finish needs a final state, not ", Operation::State_Name(state)));
  }
  OperationEvent event;
  *event.mutable_result() = result;
  return Append(id, std::move(event), state, nullptr);
}

absl::StatusOr<Operation> OperationStore::Get(const std::string& id) const {
  absl::MutexLock lock(&mu_);
  auto it = ops_.find(id);
  if (it == ops_.end()) return NotFound(id);
  return it->second.op;
}

absl::StatusOr<std::vector<Operation>> OperationStore::List(const std::string& instance,
                                                            int page_size,
                                                            const std::string& page_token,
                                                            std::string* next_page_token) const {
  if (page_size <= 0) page_size = kDefaultPageSize;
  page_size = std::min(page_size, kMaxPageSize);
  if (!page_token.empty() && !absl::StartsWith(page_token, "op-")) {
    return ReasonError(absl::StatusCode::kInvalidArgument, "BAD_PAGE_TOKEN",
                       "page_token is not one this service returned");
  }
  std::vector<Operation> page;
  std::string next;
  absl::MutexLock lock(&mu_);
  // The token is the last id returned; ids sort by creation time.
  auto it = page_token.empty() ? ops_.end() : ops_.lower_bound(page_token);
  while (it != ops_.begin()) {
    --it;
    if (!instance.empty() && it->second.op.instance() != instance) continue;
    if (static_cast<int>(page.size()) == page_size) {
      next = page.back().id();
      break;
    }
    page.push_back(it->second.op);
  }
  if (next_page_token != nullptr) *next_page_token = next;
  return page;
}

absl::StatusOr<std::vector<OperationEvent>> OperationStore::Events(const std::string& id,
                                                                   uint64_t from_sequence) const {
  absl::MutexLock lock(&mu_);
  auto it = ops_.find(id);
  if (it == ops_.end()) return NotFound(id);
  const auto& events = it->second.events;
  size_t first = from_sequence == 0 ? 0 : static_cast<size_t>(from_sequence - 1);
  if (first >= events.size()) return std::vector<OperationEvent>{};
  return std::vector<OperationEvent>(events.begin() + static_cast<ptrdiff_t>(first), events.end());
}

absl::StatusOr<OperationEvents> OperationStore::WaitForEvent(const std::string& id,
                                                             uint64_t after_sequence,
                                                             absl::Time deadline) const {
  absl::MutexLock lock(&mu_);
  while (true) {
    auto it = ops_.find(id);
    if (it == ops_.end()) return NotFound(id);
    const Entry& entry = it->second;
    OperationEvents result;
    result.done = IsDone(entry.op.state());
    if (entry.events.size() > after_sequence) {
      result.events.assign(entry.events.begin() + static_cast<ptrdiff_t>(after_sequence),
                           entry.events.end());
      return result;
    }
    if (result.done) return result;
    if (changed_.WaitWithDeadline(&mu_, deadline)) {
      // Timed out; one last look (the wait may have raced a signal).
      if (absl::Now() >= deadline) {
        it = ops_.find(id);
        if (it == ops_.end()) return NotFound(id);
        if (it->second.events.size() <= after_sequence && !IsDone(it->second.op.state())) {
          return OperationEvents{};
        }
      }
    }
  }
}

absl::StatusOr<Operation> OperationStore::WaitDone(const std::string& id,
                                                   absl::Time deadline) const {
  absl::MutexLock lock(&mu_);
  while (true) {
    auto it = ops_.find(id);
    if (it == ops_.end()) return NotFound(id);
    if (IsDone(it->second.op.state())) return it->second.op;
    if (changed_.WaitWithDeadline(&mu_, deadline) && absl::Now() >= deadline) {
      it = ops_.find(id);
      if (it == ops_.end()) return NotFound(id);
      return it->second.op;
    }
  }
}

std::vector<std::string> OperationStore::TrimLocked(const std::set<std::string>& keep) {
  auto counts = [&](const std::string& id, const Entry& entry) {
    return IsDone(entry.op.state()) && keep.count(id) == 0;
  };
  size_t finished = 0;
  for (const auto& [id, entry] : ops_) finished += counts(id, entry) ? 1 : 0;
  std::vector<std::string> paths;
  for (auto it = ops_.begin(); it != ops_.end() && finished > options_.max_finished;) {
    if (!counts(it->first, it->second)) {
      ++it;
      continue;
    }
    const Operation& op = it->second.op;
    if (!it->second.request_id.empty()) {
      by_request_.erase({op.kind(), op.instance(), it->second.request_id});
    }
    paths.push_back(PathOf(it->first));
    it = ops_.erase(it);
    --finished;
  }
  if (!paths.empty()) changed_.SignalAll();  // waiters on a removed one get NotFound
  return paths;
}

void OperationStore::RemoveFiles(const std::vector<std::string>& paths) {
  for (const std::string& path : paths) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
      spdlog::warn("operation store: cannot delete {}: {}", path, std::strerror(errno));
    }
  }
}

}  // namespace jetsvc
