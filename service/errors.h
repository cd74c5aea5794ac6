// Service errors: absl::Status inside the service, converted to a gRPC status
// carrying google.rpc.ErrorInfo at the edge, in this one place.
#ifndef JETSVC_SERVICE_ERRORS_H_
#define JETSVC_SERVICE_ERRORS_H_

#include <string>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace jetsvc {

// The ErrorInfo domain of every jetsvc error.
inline constexpr char kErrorDomain[] = "jetsvc";

// An error with a jetsvc reason (UPPER_SNAKE_CASE) where no JET error applies,
// e.g. INSTANCE_NOT_FOUND, PATH_NOT_ALLOWED.
absl::Status ReasonError(absl::StatusCode code, const std::string& reason,
                         const std::string& message);

// The reason attached by ReasonError, or "" if none.
std::string ReasonOf(const absl::Status& status);

// Converts to a gRPC status whose details hold a google.rpc.Status with one
// google.rpc.ErrorInfo{reason, domain "jetsvc", metadata}.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace jetsvc

#endif  // JETSVC_SERVICE_ERRORS_H_
