// The gRPC server: jetsvc's services plus health and reflection.
#ifndef JETSVC_SERVICE_SERVER_H_
#define JETSVC_SERVICE_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/server.h"
#include "jetsvc/v1/config.pb.h"
#include "service/instance_registry.h"
#include "service/instance_service.h"
#include "service/operation_service.h"
#include "service/operation_store.h"

namespace jetsvc {

class Server {
 public:
  // Opens the operation store at config.state_dir() (created if missing; one
  // server per state_dir, guarded by a lock file), then builds and starts the
  // server on config.listen(). A port of 0 picks a free one (see port()).
  static absl::StatusOr<std::unique_ptr<Server>> Start(const jetsvc::v1::ServiceConfig& config);

  ~Server();

  // The TCP port actually bound (0 for a unix socket).
  int port() const { return port_; }
  // The address a client should dial.
  const std::string& address() const { return address_; }
  // The operations kept under state_dir (for the host and tests).
  OperationStore* operations() const { return store_.get(); }

  // Stops accepting calls and waits for running ones (at most the deadline).
  void Shutdown();
  // Blocks until Shutdown() has completed.
  void Wait();

 private:
  explicit Server(const jetsvc::v1::ServiceConfig& config);

  jetsvc::v1::ServiceConfig config_;
  InstanceRegistry registry_;
  InstanceServiceImpl instance_service_;
  // flock()ed state_dir/LOCK, held while the server lives; -1 if none.
  int state_lock_fd_ = -1;
  std::unique_ptr<OperationStore> store_;
  std::unique_ptr<OperationServiceImpl> operation_service_;
  // Declared last: destroyed (and stopped) before the services it calls.
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::string address_;
};

}  // namespace jetsvc

#endif  // JETSVC_SERVICE_SERVER_H_
