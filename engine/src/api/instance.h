// One engine instance (a JET_INSTANCE): its name, display name, its copy of
// the instance-scope system parameters and whether JetInit has run on it.
//
// Instances are created and destroyed only by the InstanceTable, which hands
// out shared_ptrs so that an API call can keep using an instance while
// another thread terminates it.

#ifndef JETSVC_ENGINE_API_INSTANCE_H_
#define JETSVC_ENGINE_API_INSTANCE_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/system_params.h"
#include "esent.h"

namespace jet {

class PageCache;
class TransactionManager;

class Instance {
 public:
  // `params` is the instance's own copy: the process-wide values at the time
  // it was created (ESE clones the defaults into each new instance).
  Instance(JET_INSTANCE handle, std::optional<std::string> name,
           std::optional<std::string> display_name, ParamValues params);

  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  JET_INSTANCE handle() const { return handle_; }
  // nullopt for an instance created with a NULL name (at most one may be).
  const std::optional<std::string>& name() const { return name_; }
  const std::optional<std::string>& display_name() const { return display_name_; }

  // True from a successful JetInit until JetTerm. Instance parameters whose
  // lifetime is kBeforeInstanceInit are fixed while it is true.
  bool initialized() const { return initialized_.load(std::memory_order_acquire); }
  void set_initialized(bool initialized) {
    initialized_.store(initialized, std::memory_order_release);
  }

  // The instance's value of an instance-scope parameter. Thread-safe.
  ParamValue GetParam(const ParamDef& def) const;
  void SetParam(const ParamDef& def, ParamValue value);

  // Convenience readers for engine code; `id` must name a known parameter of
  // the matching kind.
  uint64_t IntegerParam(unsigned long id) const;
  std::string StringParam(unsigned long id) const;

  // Paths of the databases attached to this instance, for JetGetInstanceInfo
  // (database/attach_registry.h), in attach order.
  std::vector<std::string> AttachedDatabasePaths() const;

  // The process-wide buffer cache, held from JetInit to JetTerm
  // (api/instance_runtime.h). Null while not initialized.
  std::shared_ptr<PageCache> cache() const;
  void set_cache(std::shared_ptr<PageCache> cache);

  // The instance's transactions and version store, from JetInit to JetTerm
  // (null otherwise). Sessions keep their own reference.
  std::shared_ptr<TransactionManager> transactions() const;
  void set_transactions(std::shared_ptr<TransactionManager> tm);

 private:
  const JET_INSTANCE handle_;
  const std::optional<std::string> name_;
  const std::optional<std::string> display_name_;
  std::atomic<bool> initialized_{false};

  mutable std::mutex mu_;
  ParamValues params_;                // guarded by mu_
  std::shared_ptr<PageCache> cache_;  // guarded by mu_
  std::shared_ptr<TransactionManager> transactions_;  // guarded by mu_
};

}  // namespace jet

#endif  // JETSVC_ENGINE_API_INSTANCE_H_
