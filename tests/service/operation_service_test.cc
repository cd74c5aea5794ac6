// OperationService against a real server on 127.0.0.1:0 with a temporary
// state_dir; operations are seeded through Server::operations().
#include "service/operation_service.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "jetsvc/v1/operation.grpc.pb.h"
#include "service/config.h"
#include "service/server.h"

namespace jetsvc {
namespace {

using jetsvc::v1::Operation;
using jetsvc::v1::OperationEvent;
using Clock = std::chrono::steady_clock;

std::string ReasonOfGrpc(const grpc::Status& status) {
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details()) || details.details_size() != 1) return "";
  google::rpc::ErrorInfo info;
  if (!details.details(0).UnpackTo(&info)) return "";
  return info.reason();
}

jetsvc::v1::StatusEvent Progress(uint32_t done) {
  jetsvc::v1::StatusEvent status;
  status.set_snp(8);
  status.set_snt(2);
  status.set_units_done(done);
  status.set_units_total(100);
  status.set_phase("copy");
  return status;
}

jetsvc::v1::OperationResult Result(int32_t err) {
  jetsvc::v1::OperationResult result;
  result.set_jet_err(err);
  result.set_message(err == 0 ? "done" : "failed");
  return result;
}

class OperationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "opsvc_test.XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
    // A state_dir that does not exist yet: Start creates it.
    state_dir_ = root_ + "/var/state";
    StartServer();
  }

  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(root_);
  }

  void StartServer() {
    auto config = DefaultConfig();
    config.set_listen("127.0.0.1:0");
    config.set_state_dir(state_dir_);
    auto server = Server::Start(config);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    stub_ = jetsvc::v1::OperationService::NewStub(channel_);
  }

  OperationStore& store() { return *server_->operations(); }

  Operation NewOp(const std::string& instance = "alpha") {
    auto op = store().Create(Operation::RESTORE, instance, R"({"instance":"x"})", "");
    EXPECT_TRUE(op.ok()) << op.status();
    return *op;
  }

  // started, 2 status events, result: sequences 1..4.
  Operation FinishedOp(Operation::State state = Operation::SUCCEEDED) {
    Operation op = NewOp();
    EXPECT_TRUE(store().AppendStatus(op.id(), Progress(50)).ok());
    EXPECT_TRUE(store().AppendStatus(op.id(), Progress(100)).ok());
    auto done = store().Finish(op.id(), state, Result(state == Operation::SUCCEEDED ? 0 : -1030));
    EXPECT_TRUE(done.ok()) << done.status();
    return *done;
  }

  // Reads a whole WatchOperation stream.
  grpc::Status Watch(const std::string& id, uint64_t from, std::vector<OperationEvent>* events) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    jetsvc::v1::WatchOperationRequest request;
    request.set_id(id);
    request.set_from_sequence(from);
    auto reader = stub_->WatchOperation(&ctx, request);
    OperationEvent event;
    while (reader->Read(&event)) events->push_back(event);
    return reader->Finish();
  }

  grpc::Status Get(const std::string& id, Operation* op) {
    grpc::ClientContext ctx;
    jetsvc::v1::GetOperationRequest request;
    request.set_id(id);
    return stub_->GetOperation(&ctx, request, op);
  }

  std::string root_;
  std::string state_dir_;
  std::unique_ptr<Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<jetsvc::v1::OperationService::Stub> stub_;
};

TEST_F(OperationServiceTest, StartCreatesStateDir) {
  EXPECT_TRUE(std::filesystem::is_directory(state_dir_ + "/operations"));
}

TEST_F(OperationServiceTest, GetReturnsTheOperation) {
  Operation seeded = FinishedOp();
  Operation op;
  ASSERT_TRUE(Get(seeded.id(), &op).ok());
  EXPECT_EQ(op.id(), seeded.id());
  EXPECT_EQ(op.state(), Operation::SUCCEEDED);
  EXPECT_EQ(op.instance(), "alpha");
  EXPECT_EQ(op.last_sequence(), 4u);
  EXPECT_EQ(op.units_done(), 100u);
  EXPECT_EQ(op.result().message(), "done");
}

TEST_F(OperationServiceTest, UnknownIsNotFoundWithReasonAndEmptyIdIsInvalid) {
  Operation op;
  grpc::Status status = Get("no-such-op", &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ReasonOfGrpc(status), "OPERATION_NOT_FOUND");

  status = Get("", &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ReasonOfGrpc(status), "OPERATION_ID_MISSING");

  std::vector<OperationEvent> events;
  status = Watch("no-such-op", 0, &events);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ReasonOfGrpc(status), "OPERATION_NOT_FOUND");
  EXPECT_TRUE(events.empty());

  grpc::ClientContext ctx;
  jetsvc::v1::CancelOperationRequest cancel;
  cancel.set_id("no-such-op");
  status = stub_->CancelOperation(&ctx, cancel, &op);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(OperationServiceTest, ListIsNewestFirstWithPaging) {
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(NewOp("alpha").id());
  NewOp("beta");

  jetsvc::v1::ListOperationsRequest request;
  request.set_instance("alpha");
  request.set_page_size(2);
  jetsvc::v1::ListOperationsResponse page1;
  {
    grpc::ClientContext ctx;
    ASSERT_TRUE(stub_->ListOperations(&ctx, request, &page1).ok());
  }
  ASSERT_EQ(page1.operations_size(), 2);
  EXPECT_EQ(page1.operations(0).id(), ids[2]);
  EXPECT_EQ(page1.operations(1).id(), ids[1]);
  ASSERT_FALSE(page1.next_page_token().empty());

  request.set_page_token(page1.next_page_token());
  jetsvc::v1::ListOperationsResponse page2;
  {
    grpc::ClientContext ctx;
    ASSERT_TRUE(stub_->ListOperations(&ctx, request, &page2).ok());
  }
  ASSERT_EQ(page2.operations_size(), 1);
  EXPECT_EQ(page2.operations(0).id(), ids[0]);
  EXPECT_TRUE(page2.next_page_token().empty());

  jetsvc::v1::ListOperationsResponse all;
  {
    grpc::ClientContext ctx;
    ASSERT_TRUE(stub_->ListOperations(&ctx, {}, &all).ok());
  }
  EXPECT_EQ(all.operations_size(), 4);
  EXPECT_EQ(all.operations(0).instance(), "beta");
  EXPECT_TRUE(all.next_page_token().empty());
}

TEST_F(OperationServiceTest, WaitReturnsWhenAnotherThreadFinishes) {
  Operation op = NewOp();
  ASSERT_TRUE(store().AppendStatus(op.id(), Progress(10)).ok());
  std::thread finisher([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ASSERT_TRUE(store().Finish(op.id(), Operation::FAILED, Result(-1030)).ok());
  });
  grpc::ClientContext ctx;
  jetsvc::v1::WaitOperationRequest request;
  request.set_id(op.id());
  request.mutable_timeout()->set_seconds(20);
  Operation result;
  auto start = Clock::now();
  grpc::Status status = stub_->WaitOperation(&ctx, request, &result);
  auto elapsed = Clock::now() - start;
  finisher.join();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(result.state(), Operation::FAILED);
  EXPECT_EQ(result.result().jet_err(), -1030);
  EXPECT_LT(elapsed, std::chrono::seconds(10));
}

TEST_F(OperationServiceTest, WaitTimesOutWithTheRunningOperation) {
  Operation op = NewOp();
  ASSERT_TRUE(store().AppendStatus(op.id(), Progress(10)).ok());
  grpc::ClientContext ctx;
  jetsvc::v1::WaitOperationRequest request;
  request.set_id(op.id());
  request.mutable_timeout()->set_nanos(300'000'000);
  Operation result;
  auto start = Clock::now();
  ASSERT_TRUE(stub_->WaitOperation(&ctx, request, &result).ok());
  auto elapsed = Clock::now() - start;
  EXPECT_EQ(result.state(), Operation::RUNNING);
  EXPECT_GE(elapsed, std::chrono::milliseconds(290));
  EXPECT_LT(elapsed, std::chrono::seconds(10));
}

TEST_F(OperationServiceTest, WaitIsCappedByTheCallDeadline) {
  Operation op = NewOp();
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(800));
  jetsvc::v1::WaitOperationRequest request;
  request.set_id(op.id());  // default timeout (60 s)
  Operation result;
  auto start = Clock::now();
  grpc::Status status = stub_->WaitOperation(&ctx, request, &result);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
  ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
  EXPECT_EQ(result.state(), Operation::PENDING);
}

TEST_F(OperationServiceTest, WatchFromStartAndFromTheMiddle) {
  Operation op = FinishedOp();
  for (uint64_t from : {0u, 1u}) {
    std::vector<OperationEvent> events;
    ASSERT_TRUE(Watch(op.id(), from, &events).ok());
    ASSERT_EQ(events.size(), 4u) << "from " << from;
    for (size_t i = 0; i < events.size(); ++i) {
      EXPECT_EQ(events[i].sequence(), i + 1);
      EXPECT_EQ(events[i].operation_id(), op.id());
    }
    EXPECT_TRUE(events.front().has_started());
    EXPECT_TRUE(events.back().has_result());
  }

  std::vector<OperationEvent> events;
  ASSERT_TRUE(Watch(op.id(), 3, &events).ok());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].sequence(), 3u);
  EXPECT_EQ(events[0].status().units_done(), 100u);
  EXPECT_EQ(events[1].sequence(), 4u);
  EXPECT_TRUE(events[1].has_result());

  // Past the result: nothing more will come, so it ends at once.
  events.clear();
  ASSERT_TRUE(Watch(op.id(), 9, &events).ok());
  EXPECT_TRUE(events.empty());
}

TEST_F(OperationServiceTest, WatchOfAFailedOperationStillEndsOk) {
  Operation op = FinishedOp(Operation::FAILED);
  std::vector<OperationEvent> events;
  grpc::Status status = Watch(op.id(), 1, &events);
  EXPECT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events.back().result().jet_err(), -1030);
}

TEST_F(OperationServiceTest, WatchStreamsLiveEventsAndEndsAfterTheResult) {
  Operation op = NewOp();
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  jetsvc::v1::WatchOperationRequest request;
  request.set_id(op.id());
  request.set_from_sequence(1);
  auto reader = stub_->WatchOperation(&ctx, request);

  OperationEvent event;
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.sequence(), 1u);
  EXPECT_TRUE(event.has_started());

  // Longer than one poll slice, so the watch is waiting on live events.
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  ASSERT_TRUE(store().AppendStatus(op.id(), Progress(40)).ok());
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.sequence(), 2u);
  EXPECT_EQ(event.status().units_done(), 40u);

  std::thread finisher([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ASSERT_TRUE(store().AppendStatus(op.id(), Progress(100)).ok());
    ASSERT_TRUE(store().Finish(op.id(), Operation::SUCCEEDED, Result(0)).ok());
  });
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.sequence(), 3u);
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.sequence(), 4u);
  EXPECT_TRUE(event.has_result());
  EXPECT_FALSE(reader->Read(&event));
  grpc::Status status = reader->Finish();
  finisher.join();
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(OperationServiceTest, ClientCancelEndsTheWatchAndShutdownIsPrompt) {
  Operation op = NewOp();
  {
    grpc::ClientContext ctx;
    jetsvc::v1::WatchOperationRequest request;
    request.set_id(op.id());
    auto reader = stub_->WatchOperation(&ctx, request);
    OperationEvent event;
    ASSERT_TRUE(reader->Read(&event));
    ctx.TryCancel();
    EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  auto start = Clock::now();
  server_.reset();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

TEST_F(OperationServiceTest, CancelReturnsAnEndedOperationAndRefusesARunningOne) {
  Operation ended = FinishedOp();
  Operation result;
  {
    grpc::ClientContext ctx;
    jetsvc::v1::CancelOperationRequest request;
    request.set_id(ended.id());
    ASSERT_TRUE(stub_->CancelOperation(&ctx, request, &result).ok());
  }
  EXPECT_EQ(result.SerializeAsString(), ended.SerializeAsString());

  Operation running = NewOp();
  ASSERT_TRUE(store().AppendStatus(running.id(), Progress(5)).ok());
  {
    grpc::ClientContext ctx;
    jetsvc::v1::CancelOperationRequest request;
    request.set_id(running.id());
    grpc::Status status = stub_->CancelOperation(&ctx, request, &result);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_EQ(ReasonOfGrpc(status), "CANCEL_NOT_SUPPORTED");
    EXPECT_NE(status.error_message().find("not supported"), std::string::npos);
  }
  // Nothing was faked: it is still running.
  Operation now;
  ASSERT_TRUE(Get(running.id(), &now).ok());
  EXPECT_EQ(now.state(), Operation::RUNNING);
  EXPECT_EQ(now.last_sequence(), 2u);
}

TEST_F(OperationServiceTest, RestartTurnsARunningOperationInterrupted) {
  Operation finished = FinishedOp();
  Operation running = NewOp();
  ASSERT_TRUE(store().AppendStatus(running.id(), Progress(30)).ok());

  channel_.reset();
  stub_.reset();
  server_.reset();
  StartServer();

  ASSERT_EQ(server_->operations()->interrupted().size(), 1u);
  EXPECT_EQ(server_->operations()->interrupted()[0].id(), running.id());

  Operation op;
  ASSERT_TRUE(Get(running.id(), &op).ok());
  EXPECT_EQ(op.state(), Operation::INTERRUPTED);
  ASSERT_TRUE(Get(finished.id(), &op).ok());
  EXPECT_EQ(op.state(), Operation::SUCCEEDED);

  std::vector<OperationEvent> events;
  grpc::Status status = Watch(running.id(), 1, &events);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_TRUE(events[0].has_started());
  EXPECT_EQ(events[1].status().units_done(), 30u);
  EXPECT_EQ(events[2].sequence(), 3u);
  EXPECT_TRUE(events[2].has_result());

  // Ended now, so Cancel returns it.
  grpc::ClientContext ctx;
  jetsvc::v1::CancelOperationRequest request;
  request.set_id(running.id());
  ASSERT_TRUE(stub_->CancelOperation(&ctx, request, &op).ok());
  EXPECT_EQ(op.state(), Operation::INTERRUPTED);
}

TEST_F(OperationServiceTest, SecondServerOnTheSameStateDirFails) {
  Operation running = NewOp();
  auto config = DefaultConfig();
  config.set_listen("127.0.0.1:0");
  config.set_state_dir(state_dir_);
  auto second = Server::Start(config);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
  // The live server's operation was not touched.
  Operation op;
  ASSERT_TRUE(Get(running.id(), &op).ok());
  EXPECT_EQ(op.state(), Operation::PENDING);
}

TEST_F(OperationServiceTest, UnopenableStateDirFailsStart) {
  server_.reset();
  // A file where the state folder should be.
  const std::string file = root_ + "/not-a-dir";
  { FILE* f = std::fopen(file.c_str(), "w"); ASSERT_NE(f, nullptr); std::fclose(f); }
  auto config = DefaultConfig();
  config.set_listen("127.0.0.1:0");
  config.set_state_dir(file);
  EXPECT_FALSE(Server::Start(config).ok());
}

}  // namespace
}  // namespace jetsvc
