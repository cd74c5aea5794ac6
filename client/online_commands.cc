#include "client/online_commands.h"

#include <chrono>
#include <cstdio>
#include <memory>

#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "jetsvc/v1/instance.grpc.pb.h"

namespace jetctl {

namespace {

std::shared_ptr<grpc::Channel> Connect(const ConnectionOptions& c) {
  return grpc::CreateChannel(c.server, grpc::InsecureChannelCredentials());
}

void SetDeadline(grpc::ClientContext* ctx, const ConnectionOptions& c) {
  ctx->set_deadline(std::chrono::system_clock::now() +
                    std::chrono::milliseconds(static_cast<int64_t>(c.deadline_seconds * 1000)));
}

// One place maps a failed call to a message and an exit code.
int ReportRpcError(const grpc::Status& status, const ConnectionOptions& c) {
  std::fprintf(stderr, "jetctl: %s\n", status.error_message().c_str());
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      std::fprintf(stderr, "advice: is jetsvc running at %s? (./run.sh starts it)\n",
                   c.server.c_str());
      return kExitUnreachable;
    case grpc::StatusCode::INVALID_ARGUMENT:
      return kExitUsage;
    default:
      return kExitOperationFailed;
  }
}

const char* StateName(jetsvc::v1::Instance::State state) {
  return jetsvc::v1::Instance::State_Name(state).c_str();
}

}  // namespace

void AddOnlineCommands(CLI::App* app, ConnectionOptions* connection, int* exit_code) {
  auto* health = app->add_subcommand("health", "Ask the service's standard health check");
  health->callback([connection, exit_code] {
    auto stub = grpc::health::v1::Health::NewStub(Connect(*connection));
    grpc::ClientContext ctx;
    SetDeadline(&ctx, *connection);
    grpc::health::v1::HealthCheckResponse response;
    grpc::Status status = stub->Check(&ctx, {}, &response);
    if (!status.ok()) {
      *exit_code = ReportRpcError(status, *connection);
      return;
    }
    std::printf("%s %s\n",
                grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status()).c_str(),
                connection->server.c_str());
    *exit_code = response.status() == grpc::health::v1::HealthCheckResponse::SERVING
                     ? kExitOk
                     : kExitOperationFailed;
  });

  auto* instances = app->add_subcommand("instances", "List or describe hosted instances");
  instances->require_subcommand(1);
  auto* list = instances->add_subcommand("list", "List every instance with its state");
  list->callback([connection, exit_code] {
    auto stub = jetsvc::v1::InstanceService::NewStub(Connect(*connection));
    grpc::ClientContext ctx;
    SetDeadline(&ctx, *connection);
    jetsvc::v1::ListInstancesResponse response;
    grpc::Status status = stub->ListInstances(&ctx, {}, &response);
    if (!status.ok()) {
      *exit_code = ReportRpcError(status, *connection);
      return;
    }
    std::printf("%-16s %-14s %s\n", "NAME", "STATE", "DATABASES");
    for (const auto& inst : response.instances()) {
      std::printf("%-16s %-14s %d\n", inst.name().c_str(), StateName(inst.state()),
                  inst.databases_size());
    }
    *exit_code = kExitOk;
  });

  static std::string name;
  auto* get = instances->add_subcommand("get", "Show one instance");
  get->add_option("NAME", name, "Instance name")->required();
  get->callback([connection, exit_code] {
    auto stub = jetsvc::v1::InstanceService::NewStub(Connect(*connection));
    grpc::ClientContext ctx;
    SetDeadline(&ctx, *connection);
    jetsvc::v1::GetInstanceRequest request;
    request.set_name(name);
    jetsvc::v1::Instance inst;
    grpc::Status status = stub->GetInstance(&ctx, request, &inst);
    if (!status.ok()) {
      *exit_code = ReportRpcError(status, *connection);
      return;
    }
    std::printf("name:        %s\nstate:       %s\nlog_path:    %s\nsystem_path: %s\n",
                inst.name().c_str(), StateName(inst.state()), inst.log_path().c_str(),
                inst.system_path().c_str());
    for (const auto& db : inst.databases()) std::printf("database:    %s\n", db.c_str());
    *exit_code = kExitOk;
  });
}

}  // namespace jetctl
