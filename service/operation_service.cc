#include "service/operation_service.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "service/errors.h"

namespace jetsvc {
namespace {

using jetsvc::v1::Operation;

absl::Status IdMissing() {
  return ReasonError(absl::StatusCode::kInvalidArgument, kReasonOperationIdMissing,
                     "id is required");
}

bool Ended(Operation::State state) {
  return state == Operation::SUCCEEDED || state == Operation::FAILED ||
         state == Operation::CANCELLED || state == Operation::INTERRUPTED;
}

}  // namespace

grpc::Status OperationServiceImpl::GetOperation(grpc::ServerContext*,
                                                const jetsvc::v1::GetOperationRequest* request,
                                                Operation* response) {
  if (request->id().empty()) return ToGrpcStatus(IdMissing());
  auto op = store_->Get(request->id());
  if (!op.ok()) return ToGrpcStatus(op.status());
  *response = *std::move(op);
  return grpc::Status::OK;
}

grpc::Status OperationServiceImpl::ListOperations(
    grpc::ServerContext*, const jetsvc::v1::ListOperationsRequest* request,
    jetsvc::v1::ListOperationsResponse* response) {
  std::string next;
  auto ops = store_->List(request->instance(), request->page_size(), request->page_token(),
                          &next);
  if (!ops.ok()) return ToGrpcStatus(ops.status());
  for (auto& op : *ops) *response->add_operations() = std::move(op);
  response->set_next_page_token(next);
  return grpc::Status::OK;
}

grpc::Status OperationServiceImpl::WaitOperation(grpc::ServerContext* context,
                                                 const jetsvc::v1::WaitOperationRequest* request,
                                                 Operation* response) {
  if (request->id().empty()) return ToGrpcStatus(IdMissing());
  absl::Duration timeout = options_.default_wait_timeout;
  if (request->has_timeout()) {
    const auto& t = request->timeout();
    if (t.seconds() < 0 || t.nanos() < 0 || t.nanos() > 999999999) {
      return ToGrpcStatus(ReasonError(absl::StatusCode::kInvalidArgument, kReasonBadTimeout,
                                      "timeout must be a non-negative duration"));
    }
    timeout = absl::Seconds(t.seconds()) + absl::Nanoseconds(t.nanos());
  }
  const absl::Time now = absl::Now();
  absl::Time deadline = now + timeout;
  // Answer a little before the call's own deadline, so the client gets the
  // operation rather than DEADLINE_EXCEEDED.
  const absl::Time call_deadline = absl::FromChrono(context->deadline()) - absl::Milliseconds(50);
  deadline = std::max(now, std::min(deadline, call_deadline));
  auto op = store_->WaitDone(request->id(), deadline);
  if (!op.ok()) return ToGrpcStatus(op.status());
  *response = *std::move(op);
  return grpc::Status::OK;
}

grpc::Status OperationServiceImpl::WatchOperation(
    grpc::ServerContext* context, const jetsvc::v1::WatchOperationRequest* request,
    grpc::ServerWriter<jetsvc::v1::OperationEvent>* writer) {
  if (request->id().empty()) return ToGrpcStatus(IdMissing());
  // Events after `seen` are still to be sent (from_sequence 0 and 1 both mean
  // from the start).
  uint64_t seen = request->from_sequence() > 0 ? request->from_sequence() - 1 : 0;
  while (true) {
    if (context->IsCancelled()) {
      return grpc::Status(grpc::StatusCode::CANCELLED, "watch cancelled");
    }
    auto batch = store_->WaitForEvent(request->id(), seen, absl::Now() + options_.watch_poll);
    if (!batch.ok()) return ToGrpcStatus(batch.status());
    for (const auto& event : batch->events) {
      // No buffer_hint: with the sync API it stalls the first Write.
      if (!writer->Write(event)) {
        return grpc::Status(grpc::StatusCode::CANCELLED, "client went away");
      }
      seen = event.sequence();
      if (event.has_result()) return grpc::Status::OK;
    }
    // Ended, and the result event was before from_sequence.
    if (batch->done) return grpc::Status::OK;
  }
}

grpc::Status OperationServiceImpl::CancelOperation(
    grpc::ServerContext*, const jetsvc::v1::CancelOperationRequest* request,
    Operation* response) {
  if (request->id().empty()) return ToGrpcStatus(IdMissing());
  auto op = store_->Get(request->id());
  if (!op.ok()) return ToGrpcStatus(op.status());
  if (!Ended(op->state())) {
    return ToGrpcStatus(ReasonError(
        absl::StatusCode::kFailedPrecondition, kReasonCancelNotSupported,
        absl::StrCat("operation ", request->id(), " is ",
                     Operation::State_Name(op->state()),
                     "; cancelling a running operation is not supported yet")));
  }
  *response = *std::move(op);
  return grpc::Status::OK;
}

}  // namespace jetsvc
