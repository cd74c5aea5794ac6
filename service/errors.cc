#include "service/errors.h"

#include "absl/strings/cord.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace jetsvc {

namespace {

constexpr char kReasonPayloadUrl[] = "type.jetsvc/reason";

}  // namespace

absl::Status ReasonError(absl::StatusCode code, const std::string& reason,
                         const std::string& message) {
  absl::Status status(code, message);
  status.SetPayload(kReasonPayloadUrl, absl::Cord(reason));
  return status;
}

std::string ReasonOf(const absl::Status& status) {
  auto payload = status.GetPayload(kReasonPayloadUrl);
  return payload ? std::string(*payload) : std::string();
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  auto code = static_cast<grpc::StatusCode>(status.code());
  std::string message(status.message());
  std::string reason = ReasonOf(status);
  if (reason.empty()) return grpc::Status(code, message);

  google::rpc::ErrorInfo info;
  info.set_reason(reason);
  info.set_domain(kErrorDomain);
  google::rpc::Status details;
  details.set_code(static_cast<int>(code));
  details.set_message(message);
  details.add_details()->PackFrom(info);
  return grpc::Status(code, message, details.SerializeAsString());
}

}  // namespace jetsvc
