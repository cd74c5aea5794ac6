// The instances the service hosts, one host record per configured instance.
#ifndef JETSVC_SERVICE_INSTANCE_REGISTRY_H_
#define JETSVC_SERVICE_INSTANCE_REGISTRY_H_

#include <map>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "jetsvc/v1/config.pb.h"
#include "jetsvc/v1/instance.pb.h"

namespace jetsvc {

class InstanceRegistry {
 public:
  explicit InstanceRegistry(const jetsvc::v1::ServiceConfig& config);

  InstanceRegistry(const InstanceRegistry&) = delete;
  InstanceRegistry& operator=(const InstanceRegistry&) = delete;

  // Every instance in configuration order.
  std::vector<jetsvc::v1::Instance> List() const;

  // One instance; NOT_FOUND (reason INSTANCE_NOT_FOUND) if unknown.
  absl::StatusOr<jetsvc::v1::Instance> Get(const std::string& name) const;

 private:
  mutable absl::Mutex mu_;
  std::vector<std::string> order_;
  std::map<std::string, jetsvc::v1::Instance> instances_ ABSL_GUARDED_BY(mu_);
};

}  // namespace jetsvc

#endif  // JETSVC_SERVICE_INSTANCE_REGISTRY_H_
