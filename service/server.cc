#include "service/server.h"

#include <chrono>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace jetsvc {

Server::Server(const jetsvc::v1::ServiceConfig& config)
    : config_(config), registry_(config), instance_service_(&registry_) {}

Server::~Server() { Shutdown(); }

absl::StatusOr<std::unique_ptr<Server>> Server::Start(const jetsvc::v1::ServiceConfig& config) {
  std::unique_ptr<Server> server(new Server(config));
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  // gRPC 1.51 enables SO_REUSEPORT by default: a second service on the same
  // port would silently share connections with the first.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  int bound_port = 0;
  const std::string& listen = config.listen();
  // TLS arrives with the security work; until then only plaintext, and the
  // configuration's default address is loopback.
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(),
                           absl::StartsWith(listen, "unix:") ? nullptr : &bound_port);
  builder.RegisterService(&server->instance_service_);
  server->server_ = builder.BuildAndStart();
  if (!server->server_) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", listen,
                                               " (address in use or not allowed)"));
  }
  server->port_ = bound_port;
  if (absl::StartsWith(listen, "unix:")) {
    server->address_ = listen;
  } else {
    std::string host = listen.substr(0, listen.rfind(':'));
    server->address_ = absl::StrCat(host, ":", bound_port);
  }
  auto* health = server->server_->GetHealthCheckService();
  health->SetServingStatus("", true);
  health->SetServingStatus(jetsvc::v1::InstanceService::service_full_name(), true);
  return server;
}

void Server::Shutdown() {
  if (server_) {
    server_->GetHealthCheckService()->Shutdown();
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(10));
  }
}

void Server::Wait() {
  if (server_) server_->Wait();
}

}  // namespace jetsvc
