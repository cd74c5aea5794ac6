#include "service/operation_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "absl/time/clock.h"

namespace jetsvc {
namespace {

using jetsvc::v1::Operation;
using jetsvc::v1::OperationEvent;
using jetsvc::v1::OperationResult;
using jetsvc::v1::StatusEvent;
using ::testing::HasSubstr;

class OperationStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/operation_store_test.XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<OperationStore> OpenStore(OperationStoreOptions options = {}) {
    auto store = OperationStore::Open(dir_, options);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }

  static StatusEvent Progress(uint32_t done, uint32_t total, const std::string& phase) {
    StatusEvent status;
    status.set_snp(8);
    status.set_snt(2);
    status.set_units_done(done);
    status.set_units_total(total);
    status.set_phase(phase);
    return status;
  }

  static OperationResult Ok() {
    OperationResult result;
    result.set_jet_err(0);
    result.set_jet_err_name("JET_errSuccess");
    result.set_message("done");
    return result;
  }

  std::string dir_;
};

void ExpectGapless(const std::vector<OperationEvent>& events, const std::string& id) {
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].sequence(), i + 1);
    EXPECT_EQ(events[i].operation_id(), id);
  }
}

TEST_F(OperationStoreTest, CreateAppendFinishAndReadBack) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  bool created = false;
  auto op = store->Create(Operation::RESTORE, "alpha", R"({"instance":"alpha"})", "", &created);
  ASSERT_TRUE(op.ok()) << op.status();
  EXPECT_TRUE(created);
  EXPECT_THAT(op->id(), ::testing::StartsWith("op-"));
  EXPECT_EQ(op->state(), Operation::PENDING);
  EXPECT_EQ(op->last_sequence(), 1u);
  EXPECT_TRUE(op->has_create_time());

  ASSERT_TRUE(store->SetRunning(op->id()).ok());
  auto e2 = store->AppendStatus(op->id(), Progress(10, 100, "copy"));
  ASSERT_TRUE(e2.ok()) << e2.status();
  EXPECT_EQ(e2->sequence(), 2u);
  auto e3 = store->AppendStatus(op->id(), Progress(60, 100, "replay"));
  ASSERT_TRUE(e3.ok());
  EXPECT_EQ(e3->sequence(), 3u);

  auto running = store->Get(op->id());
  ASSERT_TRUE(running.ok());
  EXPECT_EQ(running->state(), Operation::RUNNING);
  EXPECT_EQ(running->units_done(), 60u);
  EXPECT_EQ(running->units_total(), 100u);
  EXPECT_EQ(running->phase(), "replay");
  EXPECT_TRUE(running->has_start_time());

  auto done = store->Finish(op->id(), Operation::SUCCEEDED, Ok());
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(done->state(), Operation::SUCCEEDED);
  EXPECT_EQ(done->last_sequence(), 4u);
  EXPECT_TRUE(done->has_end_time());
  EXPECT_EQ(done->result().message(), "done");
  EXPECT_EQ(done->request(), R"({"instance":"alpha"})");

  auto events = store->Events(op->id(), 0);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 4u);
  ExpectGapless(*events, op->id());
  EXPECT_TRUE((*events)[0].has_started());
  EXPECT_EQ((*events)[0].started().instance(), "alpha");
  EXPECT_TRUE((*events)[1].has_status());
  EXPECT_TRUE((*events)[3].has_result());

  auto tail = store->Events(op->id(), 3);
  ASSERT_TRUE(tail.ok());
  ASSERT_EQ(tail->size(), 2u);
  EXPECT_EQ((*tail)[0].sequence(), 3u);

  // Nothing can follow the result event.
  auto late = store->AppendStatus(op->id(), Progress(1, 1, "x"));
  EXPECT_EQ(late.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store->Get("op-nope").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(OperationStoreTest, ConcurrentAppendsAreGapless) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  auto op = store->Create(Operation::BACKUP, "alpha", "{}", "");
  ASSERT_TRUE(op.ok());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        EXPECT_TRUE(store->AppendStatus(op->id(), Progress(t * 10 + i, 40, "p")).ok());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  auto events = store->Events(op->id(), 1);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 41u);
  ExpectGapless(*events, op->id());

  // The same on disk.
  store.reset();
  store = OpenStore();
  events = store->Events(op->id(), 1);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 42u);  // + the interrupted result
  ExpectGapless(*events, op->id());
}

TEST_F(OperationStoreTest, ListIsNewestFirstWithPaging) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    auto op = store->Create(Operation::VERIFY, i % 2 == 0 ? "alpha" : "beta", "{}", "");
    ASSERT_TRUE(op.ok());
    ids.push_back(op->id());
  }
  std::string next;
  auto page1 = store->List("", 2, "", &next);
  ASSERT_TRUE(page1.ok());
  ASSERT_EQ(page1->size(), 2u);
  EXPECT_EQ((*page1)[0].id(), ids[4]);
  EXPECT_EQ((*page1)[1].id(), ids[3]);
  ASSERT_FALSE(next.empty());
  auto page2 = store->List("", 2, next, &next);
  ASSERT_TRUE(page2.ok());
  ASSERT_EQ(page2->size(), 2u);
  EXPECT_EQ((*page2)[0].id(), ids[2]);
  EXPECT_EQ((*page2)[1].id(), ids[1]);
  auto page3 = store->List("", 2, next, &next);
  ASSERT_TRUE(page3.ok());
  ASSERT_EQ(page3->size(), 1u);
  EXPECT_EQ((*page3)[0].id(), ids[0]);
  EXPECT_TRUE(next.empty());

  auto alpha = store->List("alpha", 10, "", &next);
  ASSERT_TRUE(alpha.ok());
  ASSERT_EQ(alpha->size(), 3u);
  EXPECT_EQ((*alpha)[0].id(), ids[4]);
  EXPECT_EQ((*alpha)[2].id(), ids[0]);
  EXPECT_TRUE(next.empty());

  // An exact page leaves no dangling token.
  auto beta = store->List("beta", 2, "", &next);
  ASSERT_TRUE(beta.ok());
  EXPECT_EQ(beta->size(), 2u);
  EXPECT_TRUE(next.empty());

  EXPECT_EQ(store->List("", 2, "garbage", &next).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(OperationStoreTest, RequestIdMakesCreateIdempotent) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  auto first = store->Create(Operation::RESTORE, "alpha", "{}", "req-1");
  ASSERT_TRUE(first.ok());
  bool created = true;
  auto again = store->Create(Operation::RESTORE, "alpha", "{}", "req-1", &created);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(created);
  EXPECT_EQ(again->id(), first->id());
  // Another instance, another kind, or no request_id: new operations.
  EXPECT_NE(store->Create(Operation::RESTORE, "beta", "{}", "req-1")->id(), first->id());
  EXPECT_NE(store->Create(Operation::BACKUP, "alpha", "{}", "req-1")->id(), first->id());
  EXPECT_NE(store->Create(Operation::RESTORE, "alpha", "{}", "")->id(),
            store->Create(Operation::RESTORE, "alpha", "{}", "")->id());

  // Kept across a restart.
  store.reset();
  store = OpenStore();
  auto after = store->Create(Operation::RESTORE, "alpha", "{}", "req-1", &created);
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(created);
  EXPECT_EQ(after->id(), first->id());
  EXPECT_EQ(after->state(), Operation::INTERRUPTED);
}

TEST_F(OperationStoreTest, ReopenKeepsEverything) {
  std::string id;
  {
    auto store = OpenStore();
    ASSERT_NE(store, nullptr);
    auto op = store->Create(Operation::BACKUP, "alpha", R"({"x":1})", "r");
    ASSERT_TRUE(op.ok());
    id = op->id();
    ASSERT_TRUE(store->AppendStatus(id, Progress(5, 10, "copy")).ok());
    OperationResult failed;
    failed.set_jet_err(-1022);
    failed.set_jet_err_name("JET_errDiskIO");
    failed.set_message("disk error");
    failed.add_warnings("w1");
    ASSERT_TRUE(store->Finish(id, Operation::FAILED, failed).ok());
  }
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(store->interrupted().empty());
  auto op = store->Get(id);
  ASSERT_TRUE(op.ok()) << op.status();
  EXPECT_EQ(op->state(), Operation::FAILED);
  EXPECT_EQ(op->kind(), Operation::BACKUP);
  EXPECT_EQ(op->instance(), "alpha");
  EXPECT_EQ(op->request(), R"({"x":1})");
  EXPECT_EQ(op->units_done(), 5u);
  EXPECT_EQ(op->phase(), "copy");
  EXPECT_EQ(op->last_sequence(), 3u);
  EXPECT_EQ(op->result().jet_err(), -1022);
  EXPECT_EQ(op->result().warnings(0), "w1");
  EXPECT_TRUE(op->has_start_time());
  EXPECT_TRUE(op->has_end_time());
  auto events = store->Events(id, 0);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  ExpectGapless(*events, id);
  EXPECT_EQ((*events)[2].result().jet_err_name(), "JET_errDiskIO");
}

TEST_F(OperationStoreTest, RunningAtReopenBecomesInterrupted) {
  std::string running_id, pending_id, done_id;
  {
    auto store = OpenStore();
    ASSERT_NE(store, nullptr);
    running_id = store->Create(Operation::RESTORE, "alpha", "{}", "")->id();
    ASSERT_TRUE(store->SetRunning(running_id).ok());
    ASSERT_TRUE(store->AppendStatus(running_id, Progress(3, 10, "replay")).ok());
    pending_id = store->Create(Operation::START, "beta", "{}", "")->id();
    done_id = store->Create(Operation::STOP, "beta", "{}", "")->id();
    ASSERT_TRUE(store->Finish(done_id, Operation::SUCCEEDED, Ok()).ok());
  }  // "crash": the store just goes away
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  ASSERT_EQ(store->interrupted().size(), 2u);
  for (const std::string& id : {running_id, pending_id}) {
    auto op = store->Get(id);
    ASSERT_TRUE(op.ok());
    EXPECT_EQ(op->state(), Operation::INTERRUPTED);
    EXPECT_THAT(op->result().message(), HasSubstr("interrupted by a service restart"));
    EXPECT_TRUE(op->has_end_time());
    auto events = store->Events(id, 0);
    ASSERT_TRUE(events.ok());
    ExpectGapless(*events, id);
    ASSERT_TRUE(events->back().has_result());
    EXPECT_EQ(events->back().sequence(), op->last_sequence());
  }
  EXPECT_EQ(store->Get(running_id)->last_sequence(), 3u);
  EXPECT_EQ(store->Get(running_id)->units_done(), 3u);
  EXPECT_EQ(store->Get(done_id)->state(), Operation::SUCCEEDED);

  // A second reopen changes nothing: no second result event.
  store.reset();
  store = OpenStore();
  EXPECT_TRUE(store->interrupted().empty());
  EXPECT_EQ(store->Get(running_id)->last_sequence(), 3u);
}

TEST_F(OperationStoreTest, TornLastRecordIsDropped) {
  std::string id;
  std::string path;
  {
    auto store = OpenStore();
    ASSERT_NE(store, nullptr);
    id = store->Create(Operation::RESTORE, "alpha", "{}", "")->id();
    ASSERT_TRUE(store->AppendStatus(id, Progress(1, 10, "a")).ok());
    ASSERT_TRUE(store->AppendStatus(id, Progress(2, 10, "b")).ok());
    path = store->PathOf(id);
  }
  // Cut the last record in the middle, as a crash mid-write would.
  auto size = std::filesystem::file_size(path);
  std::string content;
  {
    std::ifstream in(path, std::ios::binary);
    content.assign(std::istreambuf_iterator<char>(in), {});
  }
  size_t last_start = content.rfind('\n', content.size() - 2) + 1;
  std::filesystem::resize_file(path, last_start + (size - last_start) / 2);

  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  auto events = store->Events(id, 0);
  ASSERT_TRUE(events.ok());
  // started, status(1) and then the interrupted result takes sequence 3.
  ASSERT_EQ(events->size(), 3u);
  ExpectGapless(*events, id);
  EXPECT_EQ((*events)[1].status().units_done(), 1u);
  EXPECT_TRUE((*events)[2].has_result());
  EXPECT_EQ(store->Get(id)->units_done(), 1u);

  // And it reads back clean again (the torn bytes were cut, not appended to).
  store.reset();
  store = OpenStore();
  events = store->Events(id, 0);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 3u);
}

TEST_F(OperationStoreTest, CorruptRecordAndGarbageFilesDoNotCrash) {
  std::string id;
  std::string path;
  {
    auto store = OpenStore();
    ASSERT_NE(store, nullptr);
    id = store->Create(Operation::RESTORE, "alpha", "{}", "")->id();
    ASSERT_TRUE(store->AppendStatus(id, Progress(1, 10, "a")).ok());
    ASSERT_TRUE(store->Finish(id, Operation::SUCCEEDED, Ok()).ok());
    path = store->PathOf(id);
  }
  // Flip a byte inside the last record: its checksum no longer matches.
  std::string content;
  {
    std::ifstream in(path, std::ios::binary);
    content.assign(std::istreambuf_iterator<char>(in), {});
  }
  content[content.size() - 15] ^= 0x01;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
  }
  // A file with no valid header (crash inside Create) and one of garbage.
  { std::ofstream(dir_ + "/operations/op-0000000000000001-000000.oplog") << "H abc"; }
  { std::ofstream(dir_ + "/operations/op-0000000000000002-000000.oplog") << "\n\n\x01 x y z\n"; }

  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  auto op = store->Get(id);
  ASSERT_TRUE(op.ok());
  EXPECT_EQ(op->state(), Operation::INTERRUPTED);  // the result record was lost
  EXPECT_EQ(op->last_sequence(), 3u);
  std::string next;
  EXPECT_EQ(store->List("", 10, "", &next)->size(), 1u);
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/operations/op-0000000000000001-000000.oplog"));
}

TEST_F(OperationStoreTest, WaitForEventWakesOnAppend) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  std::string id = store->Create(Operation::RESTORE, "alpha", "{}", "")->id();

  // Past events come back at once.
  auto past = store->WaitForEvent(id, 0, absl::Now());
  ASSERT_TRUE(past.ok());
  EXPECT_EQ(past->events.size(), 1u);
  // Nothing new: times out empty.
  auto none = store->WaitForEvent(id, 1, absl::Now() + absl::Milliseconds(20));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->events.empty());
  EXPECT_FALSE(none->done);

  std::thread writer([&] {
    absl::SleepFor(absl::Milliseconds(50));
    ASSERT_TRUE(store->AppendStatus(id, Progress(1, 2, "x")).ok());
    absl::SleepFor(absl::Milliseconds(50));
    ASSERT_TRUE(store->Finish(id, Operation::SUCCEEDED, Ok()).ok());
  });
  absl::Time start = absl::Now();
  auto woke = store->WaitForEvent(id, 1, absl::Now() + absl::Seconds(30));
  ASSERT_TRUE(woke.ok());
  ASSERT_EQ(woke->events.size(), 1u);
  EXPECT_EQ(woke->events[0].sequence(), 2u);
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));

  auto done = store->WaitDone(id, absl::Now() + absl::Seconds(30));
  writer.join();
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->state(), Operation::SUCCEEDED);
  auto last = store->WaitForEvent(id, 2, absl::Now() + absl::Seconds(30));
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->events.size(), 1u);
  EXPECT_TRUE(last->events[0].has_result());
  EXPECT_TRUE(last->done);
  auto after_end = store->WaitForEvent(id, 3, absl::Now() + absl::Seconds(30));
  ASSERT_TRUE(after_end.ok());
  EXPECT_TRUE(after_end->events.empty());
  EXPECT_TRUE(after_end->done);

  // WaitDone on a running operation returns at the deadline, still running.
  std::string other = store->Create(Operation::BACKUP, "alpha", "{}", "")->id();
  auto timed_out = store->WaitDone(other, absl::Now() + absl::Milliseconds(20));
  ASSERT_TRUE(timed_out.ok());
  EXPECT_EQ(timed_out->state(), Operation::PENDING);
}

TEST_F(OperationStoreTest, RetentionDeletesOldestFinishedOnly) {
  OperationStoreOptions options;
  options.max_finished = 2;
  auto store = OpenStore(options);
  ASSERT_NE(store, nullptr);
  std::string old_running = store->Create(Operation::RESTORE, "alpha", "{}", "")->id();
  ASSERT_TRUE(store->SetRunning(old_running).ok());
  std::vector<std::string> done;
  for (int i = 0; i < 4; ++i) {
    done.push_back(store->Create(Operation::VERIFY, "alpha", "{}", "")->id());
    ASSERT_TRUE(store->Finish(done.back(), Operation::SUCCEEDED, Ok()).ok());
  }
  EXPECT_EQ(store->Get(done[0]).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store->Get(done[1]).status().code(), absl::StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(store->PathOf(done[0])));
  EXPECT_FALSE(std::filesystem::exists(store->PathOf(done[1])));
  EXPECT_TRUE(store->Get(done[2]).ok());
  EXPECT_TRUE(store->Get(done[3]).ok());
  // The oldest operation of all is still running: never deleted.
  EXPECT_TRUE(store->Get(old_running).ok());
  EXPECT_TRUE(std::filesystem::exists(store->PathOf(old_running)));

  // At reopen the running one becomes INTERRUPTED; though the oldest, it is
  // kept so that its instance's retry can find it; the others stay too.
  store.reset();
  store = OpenStore(options);
  EXPECT_EQ(store->interrupted().size(), 1u);
  EXPECT_EQ(store->Get(old_running)->state(), Operation::INTERRUPTED);
  EXPECT_TRUE(store->Get(done[2]).ok());
  EXPECT_TRUE(store->Get(done[3]).ok());
  // The next finished operation makes it count again: the oldest go.
  std::string newest = store->Create(Operation::VERIFY, "alpha", "{}", "")->id();
  ASSERT_TRUE(store->Finish(newest, Operation::SUCCEEDED, Ok()).ok());
  EXPECT_EQ(store->Get(old_running).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store->Get(done[2]).status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(store->Get(done[3]).ok());
  EXPECT_TRUE(store->Get(newest).ok());
}

}  // namespace
}  // namespace jetsvc
