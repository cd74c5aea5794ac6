// OperationStore: every operation and its ordered events, durable across a
// restart (DESIGN.md, Service: "each event is persisted before it is sent, so
// sequence numbers never have gaps, even across a crash").
//
// On disk: one append-only file per operation, state_dir/operations/<id>.oplog.
// Each line is one record:
//
//   H <Operation as created> <request_id>     first line, written with `started`
//   E <OperationEvent>       <state after it>  one per event, sequence 1, 2, 3 ...
//   R <Timestamp start_time> <state RUNNING>   SetRunning (no event)
//
// A record is "<type> <field> <field> <crc>\n": fields in base64 except the
// state number, crc the CRC-32C of "<type> <field> <field>" in 8 hex digits.
// A record is trusted only with its newline and a matching checksum; the first
// bad record and everything after it is dropped on load (and cut from the
// file), so a torn last write never shows up as a gap or a crash.
#ifndef JETSVC_SERVICE_OPERATION_STORE_H_
#define JETSVC_SERVICE_OPERATION_STORE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "jetsvc/v1/operation.pb.h"

namespace jetsvc {

struct OperationStoreOptions {
  // Finished operations kept; the oldest beyond this are deleted.
  size_t max_finished = 1000;
};

// Events after a sequence number, as returned by WaitForEvent.
struct OperationEvents {
  std::vector<jetsvc::v1::OperationEvent> events;
  // The operation has ended and `events` reaches its final `result` event
  // (or the caller had already seen it): nothing more will come.
  bool done = false;
};

class OperationStore {
 public:
  using Operation = jetsvc::v1::Operation;
  using OperationEvent = jetsvc::v1::OperationEvent;

  // Loads every operation under state_dir/operations/ (created if missing).
  // Operations found PENDING or RUNNING were cut off by the previous process:
  // they become INTERRUPTED with a final `result` event; see interrupted().
  static absl::StatusOr<std::unique_ptr<OperationStore>> Open(
      const std::string& state_dir, OperationStoreOptions options = {});

  OperationStore(const OperationStore&) = delete;
  OperationStore& operator=(const OperationStore&) = delete;
  ~OperationStore();

  // The operations Open() turned INTERRUPTED (their instances need a restore).
  const std::vector<Operation>& interrupted() const { return interrupted_; }

  // A new PENDING operation whose first event (sequence 1) is `started`.
  // A non-empty request_id already used for the same kind and instance
  // returns that operation instead (*created = false), whatever its state.
  absl::StatusOr<Operation> Create(Operation::Kind kind, const std::string& instance,
                                   const std::string& request_json,
                                   const std::string& request_id, bool* created = nullptr);

  // PENDING -> RUNNING (sets start_time). No event is recorded.
  absl::StatusOr<Operation> SetRunning(const std::string& id);

  // Appends a `status` event; the operation's progress follows it. A PENDING
  // operation becomes RUNNING. Returns the event as persisted.
  absl::StatusOr<OperationEvent> AppendStatus(const std::string& id,
                                              const jetsvc::v1::StatusEvent& status);

  // Appends the final `result` event and ends the operation in `state`
  // (SUCCEEDED, FAILED, CANCELLED or INTERRUPTED).
  absl::StatusOr<Operation> Finish(const std::string& id, Operation::State state,
                                   const jetsvc::v1::OperationResult& result);

  absl::StatusOr<Operation> Get(const std::string& id) const;

  // Newest first; `instance` empty means all. page_size <= 0 means 50 (at most
  // 1000). next_page_token is empty on the last page.
  absl::StatusOr<std::vector<Operation>> List(const std::string& instance, int page_size,
                                              const std::string& page_token,
                                              std::string* next_page_token) const;

  // Events with sequence >= from_sequence (0 or 1: all).
  absl::StatusOr<std::vector<OperationEvent>> Events(const std::string& id,
                                                     uint64_t from_sequence) const;

  // Blocks until there is an event with sequence > after_sequence, the
  // operation is done, or the deadline passes (then returns no events).
  absl::StatusOr<OperationEvents> WaitForEvent(const std::string& id, uint64_t after_sequence,
                                               absl::Time deadline) const;

  // Blocks until the operation has ended or the deadline passes; returns it
  // as it then is.
  absl::StatusOr<Operation> WaitDone(const std::string& id, absl::Time deadline) const;

  // The file an operation is kept in (for tests and diagnostics).
  std::string PathOf(const std::string& id) const;

 private:
  struct Entry {
    Operation op;
    std::string request_id;
    std::vector<OperationEvent> events;
    // Serializes appends to this operation, so that sequence numbers are
    // handed out and written in order without holding mu_ during I/O.
    std::shared_ptr<absl::Mutex> append_mu = std::make_shared<absl::Mutex>();
  };
  using RequestKey = std::tuple<int, std::string, std::string>;

  OperationStore(std::string dir, OperationStoreOptions options);

  absl::Status Load();
  // The append mutex of operation `id`; NOT_FOUND if there is none.
  absl::StatusOr<std::shared_ptr<absl::Mutex>> AppendMutexOf(const std::string& id) const;
  // Appends one event (built by `fill` under the lock) to operation `id`,
  // persisting it before it becomes visible. `check` may reject the append.
  // `event` gets its id, sequence and time here; `state` is the state after it
  // (0: unchanged, or RUNNING if it was PENDING). Fails if the operation ended.
  // Returns the operation after it; *out receives the event as persisted.
  absl::StatusOr<Operation> Append(const std::string& id, OperationEvent event,
                                   Operation::State state, OperationEvent* out);
  std::string NewId() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Removes the oldest finished operations beyond the limit; returns the
  // files to delete (unlinked by the caller outside the lock). Those in
  // `keep` are neither counted nor removed.
  std::vector<std::string> TrimLocked(const std::set<std::string>& keep = {})
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void RemoveFiles(const std::vector<std::string>& paths);

  const std::string dir_;
  const OperationStoreOptions options_;
  std::vector<Operation> interrupted_;

  mutable absl::Mutex mu_;
  mutable absl::CondVar changed_;
  // Ordered by id, and ids sort by creation time.
  std::map<std::string, Entry> ops_ ABSL_GUARDED_BY(mu_);
  std::map<RequestKey, std::string> by_request_ ABSL_GUARDED_BY(mu_);
  int64_t last_id_micros_ ABSL_GUARDED_BY(mu_) = 0;
  // Held across a Create's I/O so that two retries with one request_id
  // cannot both create; taken before mu_.
  absl::Mutex create_mu_ ABSL_ACQUIRED_BEFORE(mu_);
};

}  // namespace jetsvc

#endif  // JETSVC_SERVICE_OPERATION_STORE_H_
