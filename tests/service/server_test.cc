// Starts a real server on 127.0.0.1:0 and talks to it over gRPC.
#include "service/server.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "jetsvc/v1/instance.grpc.pb.h"
#include "service/config.h"

namespace jetsvc {
namespace {

// DefaultConfig() keeps state under the relative var/state: use a fresh
// temporary one instead.
std::string TempStateDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "server_test.XXXXXX").string();
  EXPECT_NE(::mkdtemp(tmpl.data()), nullptr);
  return tmpl;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = DefaultConfig();
    config.set_listen("127.0.0.1:0");
    state_dir_ = TempStateDir();
    config.set_state_dir(state_dir_);
    auto server = Server::Start(config);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    ASSERT_GT(server_->port(), 0);
    channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    stub_ = jetsvc::v1::InstanceService::NewStub(channel_);
  }

  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(state_dir_);
  }

  std::string state_dir_;
  std::unique_ptr<Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<jetsvc::v1::InstanceService::Stub> stub_;
};

TEST_F(ServerTest, ListsConfiguredInstancesOffline) {
  grpc::ClientContext ctx;
  jetsvc::v1::ListInstancesResponse response;
  ASSERT_TRUE(stub_->ListInstances(&ctx, {}, &response).ok());
  ASSERT_EQ(response.instances_size(), 2);
  EXPECT_EQ(response.instances(0).name(), "alpha");
  EXPECT_EQ(response.instances(0).state(), jetsvc::v1::Instance::OFFLINE);
  EXPECT_EQ(response.instances(1).databases(0), "var/beta/db/beta.edb");
}

TEST_F(ServerTest, UnknownInstanceIsNotFoundWithErrorInfo) {
  grpc::ClientContext ctx;
  jetsvc::v1::GetInstanceRequest request;
  request.set_name("nope");
  jetsvc::v1::Instance inst;
  grpc::Status status = stub_->GetInstance(&ctx, request, &inst);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "INSTANCE_NOT_FOUND");
  EXPECT_EQ(info.domain(), "jetsvc");
}

TEST_F(ServerTest, SecondServerOnSamePortFails) {
  auto config = DefaultConfig();
  config.set_listen(server_->address());
  config.set_state_dir(state_dir_ + "/second");
  auto second = Server::Start(config);
  EXPECT_FALSE(second.ok());
}

TEST_F(ServerTest, StartAndStopAreNotYetImplemented) {
  grpc::ClientContext ctx;
  jetsvc::v1::StartInstanceRequest request;
  request.set_name("alpha");
  jetsvc::v1::Operation op;
  EXPECT_EQ(stub_->StartInstance(&ctx, request, &op).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

}  // namespace
}  // namespace jetsvc
