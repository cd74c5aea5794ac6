#include "service/server.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "service/errors.h"

namespace jetsvc {

Server::Server(const jetsvc::v1::ServiceConfig& config)
    : config_(config), registry_(config), instance_service_(&registry_) {}

Server::~Server() {
  Shutdown();
  server_.reset();
  operation_service_.reset();
  store_.reset();
  if (state_lock_fd_ >= 0) ::close(state_lock_fd_);
}

absl::StatusOr<std::unique_ptr<Server>> Server::Start(const jetsvc::v1::ServiceConfig& config) {
  std::unique_ptr<Server> server(new Server(config));

  // The operation store. Opening it turns PENDING/RUNNING operations into
  // INTERRUPTED, so a second server on the same state_dir must not get that
  // far: the lock file keeps it out.
  const std::string& state_dir = config.state_dir();
  if (state_dir.empty()) {
    return ReasonError(absl::StatusCode::kInvalidArgument, "BAD_STATE_DIR", "state_dir is empty");
  }
  std::error_code ec;
  std::filesystem::create_directories(state_dir, ec);
  if (ec) {
    return ReasonError(absl::StatusCode::kInternal, "STATE_IO_ERROR",
                       absl::StrCat("cannot create state_dir ", state_dir, ": ", ec.message()));
  }
  const std::string lock_path = absl::StrCat(state_dir, "/LOCK");
  server->state_lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (server->state_lock_fd_ < 0) {
    return ReasonError(absl::StatusCode::kInternal, "STATE_IO_ERROR",
                       absl::StrCat("open ", lock_path, ": ", std::strerror(errno)));
  }
  if (::flock(server->state_lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    return ReasonError(absl::StatusCode::kFailedPrecondition, "STATE_DIR_IN_USE",
                       absl::StrCat("state_dir ", state_dir,
                                    " is in use by another jetsvc (", lock_path, " is locked)"));
  }
  auto store = OperationStore::Open(state_dir);
  if (!store.ok()) return store.status();
  server->store_ = *std::move(store);
  server->operation_service_ = std::make_unique<OperationServiceImpl>(server->store_.get());

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
  builder.RegisterService(server->operation_service_.get());
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
  health->SetServingStatus(jetsvc::v1::OperationService::service_full_name(), true);
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
