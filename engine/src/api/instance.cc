#include "api/instance.h"

#include "btree/btree.h"  // the cache headers, through btree's shim
#include "txn/transaction_manager.h"
#include "database/attach_registry.h"

#include <stdexcept>
#include <utility>

namespace jet {

Instance::Instance(JET_INSTANCE handle, std::optional<std::string> name,
                   std::optional<std::string> display_name, ParamValues params)
    : handle_(handle),
      name_(std::move(name)),
      display_name_(std::move(display_name)),
      params_(std::move(params)) {}

ParamValue Instance::GetParam(const ParamDef& def) const {
  std::lock_guard<std::mutex> lock(mu_);
  return params_.Get(def);
}

void Instance::SetParam(const ParamDef& def, ParamValue value) {
  std::lock_guard<std::mutex> lock(mu_);
  params_.Set(def, std::move(value));
}

uint64_t Instance::IntegerParam(unsigned long id) const {
  const ParamDef* def = FindParamDef(id);
  if (def == nullptr || def->IsString()) throw std::logic_error("not an integer parameter");
  return GetParam(*def).integer;
}

std::string Instance::StringParam(unsigned long id) const {
  const ParamDef* def = FindParamDef(id);
  if (def == nullptr || !def->IsString()) throw std::logic_error("not a string parameter");
  return GetParam(*def).string;
}

std::vector<std::string> Instance::AttachedDatabasePaths() const {
  return AttachRegistry::Get().Paths(handle_);
}

std::shared_ptr<PageCache> Instance::cache() const {
  std::lock_guard<std::mutex> lock(mu_);
  return cache_;
}

void Instance::set_cache(std::shared_ptr<PageCache> cache) {
  std::lock_guard<std::mutex> lock(mu_);
  cache_ = std::move(cache);
}

}  // namespace jet

namespace jet {

std::shared_ptr<TransactionManager> Instance::transactions() const {
  std::lock_guard<std::mutex> lock(mu_);
  return transactions_;
}

void Instance::set_transactions(std::shared_ptr<TransactionManager> tm) {
  std::lock_guard<std::mutex> lock(mu_);
  transactions_ = std::move(tm);
}

}  // namespace jet
