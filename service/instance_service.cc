#include "service/instance_service.h"

#include "service/errors.h"

namespace jetsvc {

grpc::Status InstanceServiceImpl::ListInstances(grpc::ServerContext*,
                                                const jetsvc::v1::ListInstancesRequest*,
                                                jetsvc::v1::ListInstancesResponse* response) {
  for (auto& inst : registry_->List()) *response->add_instances() = std::move(inst);
  return grpc::Status::OK;
}

grpc::Status InstanceServiceImpl::GetInstance(grpc::ServerContext*,
                                              const jetsvc::v1::GetInstanceRequest* request,
                                              jetsvc::v1::Instance* response) {
  if (request->name().empty()) {
    return ToGrpcStatus(ReasonError(absl::StatusCode::kInvalidArgument, "INSTANCE_NAME_MISSING",
                                    "name is required"));
  }
  auto inst = registry_->Get(request->name());
  if (!inst.ok()) return ToGrpcStatus(inst.status());
  *response = *std::move(inst);
  return grpc::Status::OK;
}

}  // namespace jetsvc
