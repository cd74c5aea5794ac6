#include "api/instance.h"

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

}  // namespace jet
