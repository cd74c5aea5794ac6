// gRPC InstanceService: lists and describes the hosted instances.
#ifndef JETSVC_SERVICE_INSTANCE_SERVICE_H_
#define JETSVC_SERVICE_INSTANCE_SERVICE_H_

#include "jetsvc/v1/instance.grpc.pb.h"
#include "service/instance_registry.h"

namespace jetsvc {

// StartInstance and StopInstance are not overridden yet: gRPC answers them
// with UNIMPLEMENTED until the engine can initialize an instance.
class InstanceServiceImpl final : public jetsvc::v1::InstanceService::Service {
 public:
  explicit InstanceServiceImpl(InstanceRegistry* registry) : registry_(registry) {}

  grpc::Status ListInstances(grpc::ServerContext* context,
                             const jetsvc::v1::ListInstancesRequest* request,
                             jetsvc::v1::ListInstancesResponse* response) override;
  grpc::Status GetInstance(grpc::ServerContext* context,
                           const jetsvc::v1::GetInstanceRequest* request,
                           jetsvc::v1::Instance* response) override;

 private:
  InstanceRegistry* registry_;
};

}  // namespace jetsvc

#endif  // JETSVC_SERVICE_INSTANCE_SERVICE_H_
