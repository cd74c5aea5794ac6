// gRPC OperationService: polls, lists, waits on and watches the operations
// kept by an OperationStore.
#ifndef JETSVC_SERVICE_OPERATION_SERVICE_H_
#define JETSVC_SERVICE_OPERATION_SERVICE_H_

#include "absl/time/time.h"
#include "jetsvc/v1/operation.grpc.pb.h"
#include "service/operation_store.h"

namespace jetsvc {

// Error reasons (google.rpc.ErrorInfo.reason) of this service besides the
// store's own (OPERATION_NOT_FOUND, BAD_PAGE_TOKEN, ...).
inline constexpr char kReasonOperationIdMissing[] = "OPERATION_ID_MISSING";
inline constexpr char kReasonBadTimeout[] = "BAD_TIMEOUT";
inline constexpr char kReasonCancelNotSupported[] = "CANCEL_NOT_SUPPORTED";

struct OperationServiceOptions {
  // WaitOperation's timeout when the request has none (always capped by the
  // call's deadline).
  absl::Duration default_wait_timeout = absl::Seconds(60);
  // WatchOperation waits for live events in slices this long, checking
  // between them whether the client went away or the server is stopping.
  absl::Duration watch_poll = absl::Milliseconds(500);
};

// CancelOperation: there is no cancellation machinery yet. An operation that
// has already ended is returned unchanged; one still PENDING or RUNNING gets
// FAILED_PRECONDITION with reason CANCEL_NOT_SUPPORTED. The host (restore and
// backup workers) will wire real cancellation later: a cancel flag checked at
// the operation's next safe point, ending it CANCELLED.
//
// WatchOperation ends with OK right after the `result` event is written,
// whatever the outcome; a from_sequence past a finished operation's last
// event ends at once with OK and no events. If the client goes away the
// handler returns CANCELLED within about one watch_poll.
class OperationServiceImpl final : public jetsvc::v1::OperationService::Service {
 public:
  explicit OperationServiceImpl(OperationStore* store, OperationServiceOptions options = {})
      : store_(store), options_(options) {}

  grpc::Status GetOperation(grpc::ServerContext* context,
                            const jetsvc::v1::GetOperationRequest* request,
                            jetsvc::v1::Operation* response) override;
  grpc::Status ListOperations(grpc::ServerContext* context,
                              const jetsvc::v1::ListOperationsRequest* request,
                              jetsvc::v1::ListOperationsResponse* response) override;
  grpc::Status WaitOperation(grpc::ServerContext* context,
                             const jetsvc::v1::WaitOperationRequest* request,
                             jetsvc::v1::Operation* response) override;
  grpc::Status WatchOperation(grpc::ServerContext* context,
                              const jetsvc::v1::WatchOperationRequest* request,
                              grpc::ServerWriter<jetsvc::v1::OperationEvent>* writer) override;
  grpc::Status CancelOperation(grpc::ServerContext* context,
                               const jetsvc::v1::CancelOperationRequest* request,
                               jetsvc::v1::Operation* response) override;

 private:
  OperationStore* store_;
  const OperationServiceOptions options_;
};

}  // namespace jetsvc

#endif  // JETSVC_SERVICE_OPERATION_SERVICE_H_
