#include "api/instance_table.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include "api/engine_buffers.h"
#include "api/instance_runtime.h"

namespace jet {
namespace {

static_assert(sizeof(JET_INSTANCE) == 8, "the engine supports 64-bit targets only");

// Instance handles carry "JETI" in their high half, so a session or table
// handle passed where an instance is expected can never match one.
constexpr JET_INSTANCE kFirstInstanceHandle = (JET_INSTANCE{0x4A455449} << 32) | 1;

constexpr JET_GRBIT kTermGrbits =
    JET_bitTermComplete | JET_bitTermAbrupt | JET_bitTermStopBackup | JET_bitTermDirty;

std::optional<std::string> OptionalString(const char* s) {
  if (s == nullptr) return std::nullopt;
  return std::string(s);
}

size_t AlignUp(size_t n, size_t alignment) { return (n + alignment - 1) / alignment * alignment; }

}  // namespace

InstanceTable& InstanceTable::Get() {
  static InstanceTable* table = new InstanceTable;  // never destroyed: usable at exit
  return *table;
}

InstanceTable::InstanceTable() : next_handle_(kFirstInstanceHandle) {}

RunMode InstanceTable::mode() const {
  std::lock_guard<std::mutex> lock(mu_);
  return mode_;
}

size_t InstanceTable::instance_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return instances_.size();
}

std::shared_ptr<Instance> InstanceTable::Find(JET_INSTANCE instance) const {
  std::lock_guard<std::mutex> lock(mu_);
  return FindLocked(instance);
}

std::shared_ptr<Instance> InstanceTable::FindLocked(JET_INSTANCE instance) const {
  if (IsNilInstance(instance)) return nullptr;
  for (const auto& inst : instances_) {
    if (inst->handle() == instance) return inst;
  }
  return nullptr;
}

ParamValue InstanceTable::ProcessParam(const ParamDef& def) const {
  std::lock_guard<std::mutex> lock(mu_);
  return process_params_.Get(def);
}

void InstanceTable::EnterMultiInstanceModeLocked() {
  // ESE reads JET_paramMaxInstances when the mode is fixed (jetapi.cxx
  // RUNINSTSetModeMultiInst), not when each instance is created.
  const ParamDef* max_def = FindParamDef(JET_paramMaxInstances);
  mode_ = RunMode::kMultiInstance;
  max_instances_ = static_cast<uint32_t>(process_params_.Get(*max_def).integer);
}

JET_ERR InstanceTable::EnableMultiInstance(JET_SETSYSPARAM_A* params, unsigned long count,
                                           unsigned long* succeeded) {
  if (succeeded != nullptr) *succeeded = 0;
  if (count > 0 && params == nullptr) return JET_errInvalidParameter;

  std::lock_guard<std::mutex> lock(mu_);
  if (mode_ == RunMode::kSingleInstance) return JET_errRunningInOneInstanceMode;
  if (mode_ == RunMode::kMultiInstance) {
    // Nothing is set, but tell the caller which of its values are already in
    // force: a second component agreeing on the same settings can go on.
    unsigned long agreeing = 0;
    for (unsigned long i = 0; i < count; ++i) {
      const ParamDef* def = FindParamDef(params[i].paramid);
      ParamValue wanted;
      if (def != nullptr && ParseParamValue(*def, params[i].lParam, params[i].sz, &wanted) >= 0 &&
          process_params_.Get(*def) == wanted) {
        ++agreeing;
      }
    }
    if (succeeded != nullptr) *succeeded = agreeing;
    return JET_errSystemParamsAlreadySet;
  }

  for (unsigned long i = 0; i < count; ++i) {
    const ParamDef* def = FindParamDef(params[i].paramid);
    const JET_ERR err = def == nullptr
                            ? JET_errInvalidParameter
                            : SetParameterLocked(nullptr, *def, params[i].lParam, params[i].sz);
    params[i].err = static_cast<JET_INT32>(err);
    if (err < JET_errSuccess) return err;
    if (succeeded != nullptr) ++*succeeded;
  }
  EnterMultiInstanceModeLocked();
  return JET_errSuccess;
}

JET_ERR InstanceTable::CreateInstance(const char* name, const char* display_name,
                                      JET_INSTANCE* instance) {
  if (instance == nullptr) return JET_errInvalidParameter;

  std::lock_guard<std::mutex> lock(mu_);
  if (mode_ == RunMode::kSingleInstance) return JET_errRunningInOneInstanceMode;
  const bool entered_mode = mode_ == RunMode::kNotSet;
  if (entered_mode) EnterMultiInstanceModeLocked();

  // A failed first creation leaves the engine with no mode, as ESE's does.
  auto fail = [&](JET_ERR err) {
    if (entered_mode && instances_.empty()) {
      mode_ = RunMode::kNotSet;
      max_instances_ = 0;
    }
    return err;
  };

  if (instances_.size() >= max_instances_) return fail(JET_errTooManyInstances);
  for (const auto& inst : instances_) {
    const bool same = name == nullptr ? !inst->name().has_value()
                                      : inst->name().has_value() && *inst->name() == name;
    if (same) return fail(JET_errInstanceNameInUse);
  }

  auto inst = std::make_shared<Instance>(next_handle_, OptionalString(name),
                                         OptionalString(display_name), process_params_);
  instances_.push_back(inst);
  ++next_handle_;
  *instance = inst->handle();
  return JET_errSuccess;
}

JET_ERR InstanceTable::BeginInit(JET_INSTANCE* pinstance, std::shared_ptr<Instance>* instance,
                                 bool* created) {
  *created = false;
  std::lock_guard<std::mutex> lock(mu_);
  if (mode_ == RunMode::kMultiInstance) {
    // ESE: in multi-instance mode JetInit initializes an instance made by
    // JetCreateInstance; it never makes one.
    if (pinstance == nullptr) return JET_errRunningInMultiInstanceMode;
    std::shared_ptr<Instance> inst = FindLocked(*pinstance);
    if (inst == nullptr) return JET_errInvalidParameter;
    if (inst->initialized()) return JET_errAlreadyInitialized;
    *instance = std::move(inst);
    return JET_errSuccess;
  }
  // Single-instance mode exists only while its global instance does, and
  // that instance is initialized (or being initialized).
  if (mode_ == RunMode::kSingleInstance) return JET_errAlreadyInitialized;

  // Legacy mode (JetInit with no JetCreateInstance): the global instance.
  mode_ = RunMode::kSingleInstance;
  max_instances_ = 1;
  auto inst = std::make_shared<Instance>(next_handle_, std::nullopt, std::nullopt, process_params_);
  instances_.push_back(inst);
  ++next_handle_;
  if (pinstance != nullptr) *pinstance = inst->handle();
  *instance = std::move(inst);
  *created = true;
  return JET_errSuccess;
}

void InstanceTable::AbortInit(const std::shared_ptr<Instance>& instance) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = std::find(instances_.begin(), instances_.end(), instance);
  if (it != instances_.end()) instances_.erase(it);
  if (instances_.empty()) {
    mode_ = RunMode::kNotSet;
    max_instances_ = 0;
  }
}

JET_ERR InstanceTable::FindInitialized(JET_INSTANCE instance,
                                       std::shared_ptr<Instance>* out) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::shared_ptr<Instance> inst;
  if (mode_ == RunMode::kSingleInstance && IsNilInstance(instance) && !instances_.empty()) {
    inst = instances_.front();
  } else {
    inst = FindLocked(instance);
  }
  if (inst == nullptr) {
    return instances_.empty() ? JET_errNotInitialized : JET_errInvalidParameter;
  }
  if (!inst->initialized()) return JET_errNotInitialized;
  *out = std::move(inst);
  return JET_errSuccess;
}

JET_ERR InstanceTable::Terminate(JET_INSTANCE instance, JET_GRBIT grbit) {
  if ((grbit & ~kTermGrbits) != 0) return JET_errInvalidGrbit;

  std::shared_ptr<Instance> target;
  {
    std::lock_guard<std::mutex> lock(mu_);
    // No instance in the process: nothing to end. ESE returns success here
    // (ManagedEsent relies on JetTerm of a never-created instance succeeding).
    if (instances_.empty()) return JET_errSuccess;
    if (mode_ == RunMode::kSingleInstance && IsNilInstance(instance)) {
      target = instances_.front();  // legacy JetTerm(0): the global instance
    } else {
      // ESE's ErrFindPinst: an unknown or nil handle is JET_errInvalidParameter.
      target = FindLocked(instance);
    }
    if (target == nullptr) return JET_errInvalidParameter;
  }
  // An initialized instance ends its sessions, detaches its databases and
  // lets go of the cache (api/instance_runtime.h), without holding mu_.
  if (target->initialized()) StopInstance(target.get(), grbit);

  std::lock_guard<std::mutex> lock(mu_);
  auto it = std::find(instances_.begin(), instances_.end(), target);
  if (it == instances_.end()) return JET_errSuccess;  // another JetTerm won
  (*it)->set_initialized(false);
  instances_.erase(it);
  if (instances_.empty()) {
    mode_ = RunMode::kNotSet;
    max_instances_ = 0;
  }
  return JET_errSuccess;
}

JET_ERR InstanceTable::GetInstanceInfo(unsigned long* count, JET_INSTANCE_INFO_A** info) const {
  if (count == nullptr || info == nullptr) return JET_errInvalidParameter;
  *count = 0;
  *info = nullptr;

  std::lock_guard<std::mutex> lock(mu_);
  if (instances_.empty()) return JET_errSuccess;

  // One block, freed with a single JetFreeBuffer: the entries, then the
  // per-instance arrays of database path pointers, then all strings.
  std::vector<std::vector<std::string>> databases;
  size_t pointer_count = 0;
  size_t chars = 0;
  for (const auto& inst : instances_) {
    databases.push_back(inst->AttachedDatabasePaths());
    pointer_count += 2 * databases.back().size();  // file names + display names
    if (inst->name()) chars += inst->name()->size() + 1;
    for (const auto& path : databases.back()) chars += path.size() + 1;
  }
  const size_t entries_size = instances_.size() * sizeof(JET_INSTANCE_INFO_A);
  const size_t pointers_offset = AlignUp(entries_size, alignof(char*));
  const size_t chars_offset = pointers_offset + pointer_count * sizeof(char*);
  char* block = AllocateEngineBuffer(chars_offset + chars);
  if (block == nullptr) return JET_errOutOfMemory;

  auto* entries = reinterpret_cast<JET_INSTANCE_INFO_A*>(block);
  auto* pointers = reinterpret_cast<char**>(block + pointers_offset);
  char* text = block + chars_offset;
  auto copy_string = [&text](const std::string& s) {
    char* out = text;
    std::memcpy(out, s.c_str(), s.size() + 1);
    text += s.size() + 1;
    return out;
  };

  for (size_t i = 0; i < instances_.size(); ++i) {
    const Instance& inst = *instances_[i];
    JET_INSTANCE_INFO_A& entry = entries[i];
    entry.hInstanceId = inst.handle();
    entry.szInstanceName = inst.name() ? copy_string(*inst.name()) : nullptr;
    entry.cDatabases = databases[i].size();
    if (!databases[i].empty()) {
      entry.szDatabaseFileName = pointers;
      pointers += databases[i].size();
      entry.szDatabaseDisplayName = pointers;  // ESE leaves these NULL
      pointers += databases[i].size();
      for (size_t d = 0; d < databases[i].size(); ++d) {
        entry.szDatabaseFileName[d] = copy_string(databases[i][d]);
      }
    }
    entry.szDatabaseSLVFileName_Obsolete = nullptr;
  }
  *count = static_cast<unsigned long>(instances_.size());
  *info = entries;
  return JET_errSuccess;
}

JET_ERR InstanceTable::SetParameterLocked(Instance* instance, const ParamDef& def,
                                          JET_API_PTR lparam, const char* sz) {
  if (def.lifetime == ParamLifetime::kBeforeEngineStart && !instances_.empty()) {
    return JET_errAlreadyInitialized;
  }
  const bool per_instance = def.scope == ParamScope::kInstance && instance != nullptr;
  if (per_instance && def.lifetime == ParamLifetime::kBeforeInstanceInit &&
      instance->initialized()) {
    return JET_errAlreadyInitialized;
  }
  ParamValue value;
  if (const JET_ERR err = ParseParamValue(def, lparam, sz, &value); err < JET_errSuccess) {
    return err;
  }
  // A global parameter set through an instance is still process-wide, as
  // since Windows Vista.
  if (per_instance) {
    instance->SetParam(def, std::move(value));
  } else {
    process_params_.Set(def, std::move(value));
  }
  return JET_errSuccess;
}

JET_ERR InstanceTable::SetSystemParameter(const JET_INSTANCE* pinstance, JET_SESID sesid,
                                          unsigned long paramid, JET_API_PTR lparam,
                                          const char* sz) {
  // No session exists yet, so any session handle is invalid.
  if (!IsNilSession(sesid)) return JET_errInvalidSesid;
  const ParamDef* def = FindParamDef(paramid);
  if (def == nullptr) return JET_errInvalidParameter;

  std::lock_guard<std::mutex> lock(mu_);
  const JET_INSTANCE handle = pinstance == nullptr ? 0 : *pinstance;
  std::shared_ptr<Instance> instance;
  if (!IsNilInstance(handle)) {
    instance = FindLocked(handle);
    if (instance == nullptr) return JET_errInvalidInstance;
  }
  return SetParameterLocked(instance.get(), *def, lparam, sz);
}

JET_ERR InstanceTable::GetSystemParameter(JET_INSTANCE handle, JET_SESID sesid,
                                          unsigned long paramid, JET_API_PTR* plparam, char* sz,
                                          unsigned long cbmax) const {
  if (!IsNilSession(sesid)) return JET_errInvalidSesid;
  const ParamDef* def = FindParamDef(paramid);
  if (def == nullptr) return JET_errInvalidParameter;

  std::lock_guard<std::mutex> lock(mu_);
  std::shared_ptr<Instance> instance;
  if (!IsNilInstance(handle)) {
    instance = FindLocked(handle);
    if (instance == nullptr) return JET_errInvalidInstance;
  }
  const ParamValue value = instance != nullptr && def->scope == ParamScope::kInstance
                               ? instance->GetParam(*def)
                               : process_params_.Get(*def);
  return CopyParamValueOut(*def, value, plparam, sz, cbmax);
}

void InstanceTable::ResetForTesting() {
  std::lock_guard<std::mutex> lock(mu_);
  instances_.clear();
  mode_ = RunMode::kNotSet;
  max_instances_ = 0;
  process_params_ = ParamValues();
}

}  // namespace jet
