#include "service/instance_registry.h"

#include "absl/strings/str_cat.h"
#include "service/errors.h"

namespace jetsvc {

using jetsvc::v1::Instance;

InstanceRegistry::InstanceRegistry(const jetsvc::v1::ServiceConfig& config) {
  absl::MutexLock lock(&mu_);
  for (const auto& inst : config.instances()) {
    Instance record;
    record.set_name(inst.name());
    // Nothing starts an instance yet: every instance begins OFFLINE.
    record.set_state(Instance::OFFLINE);
    for (const auto& db : inst.databases()) record.add_databases(db);
    record.set_log_path(inst.log_path());
    record.set_system_path(inst.system_path());
    order_.push_back(inst.name());
    instances_[inst.name()] = std::move(record);
  }
}

std::vector<Instance> InstanceRegistry::List() const {
  absl::MutexLock lock(&mu_);
  std::vector<Instance> out;
  out.reserve(order_.size());
  for (const auto& name : order_) out.push_back(instances_.at(name));
  return out;
}

absl::StatusOr<Instance> InstanceRegistry::Get(const std::string& name) const {
  absl::MutexLock lock(&mu_);
  auto it = instances_.find(name);
  if (it == instances_.end()) {
    return ReasonError(absl::StatusCode::kNotFound, "INSTANCE_NOT_FOUND",
                       absl::StrCat("no instance named '", name, "'"));
  }
  return it->second;
}

}  // namespace jetsvc
