// The process-wide engine state behind the instance and system-parameter
// APIs: the run mode, the table of live instances with their opaque handles,
// and the process-wide parameter values.
//
// ESE's rules (jetapi.cxx; ese-facts §1, §3.2):
//  * The engine starts with no mode. The first multi-instance call
//    (JetEnableMultiInstance, JetCreateInstance) fixes multi-instance mode;
//    the mode is forgotten again when the last instance goes away.
//  * In multi-instance mode JetEnableMultiInstance fails with
//    JET_errSystemParamsAlreadySet; in single-instance mode, multi-instance
//    calls fail with JET_errRunningInOneInstanceMode.
//  * JET_paramMaxInstances is read when multi-instance mode begins; creating
//    more instances fails with JET_errTooManyInstances.
//  * Instance names are unique, NULL included (one unnamed instance at most):
//    JET_errInstanceNameInUse.
//  * Handles are never dereferenced: they are looked up here, and a handle
//    that is not live is an error, never a crash. Handles are not reused.

#ifndef JETSVC_ENGINE_API_INSTANCE_TABLE_H_
#define JETSVC_ENGINE_API_INSTANCE_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "api/instance.h"
#include "api/system_params.h"
#include "esent.h"

namespace jet {

enum class RunMode {
  kNotSet,          // no instance exists and none was asked for
  kSingleInstance,  // legacy mode: JetInit with no instance created first
  kMultiInstance,
};

class InstanceTable {
 public:
  // The one table of the process.
  static InstanceTable& Get();

  InstanceTable();
  InstanceTable(const InstanceTable&) = delete;
  InstanceTable& operator=(const InstanceTable&) = delete;

  // JetEnableMultiInstance: sets each parameter process-wide (recording each
  // one's result in its err field) and enters multi-instance mode. On the
  // first failure stops, leaves the mode unchanged and returns that error;
  // *succeeded (optional) counts the parameters set. In multi-instance mode
  // returns JET_errSystemParamsAlreadySet and counts in *succeeded the
  // parameters whose current value already equals the requested one.
  [[nodiscard]] JET_ERR EnableMultiInstance(JET_SETSYSPARAM_A* params, unsigned long count,
                                            unsigned long* succeeded);

  // JetCreateInstance2: name and display name may be NULL.
  [[nodiscard]] JET_ERR CreateInstance(const char* name, const char* display_name,
                                       JET_INSTANCE* instance);

  // The first half of JetInit: finds the instance to initialize. In
  // multi-instance mode *pinstance must be a live instance
  // (JET_errRunningInMultiInstanceMode for a NULL pinstance,
  // JET_errInvalidParameter for an unknown handle, JET_errAlreadyInitialized
  // for an initialized one). With no mode yet, JetInit enters the legacy
  // single-instance mode: the global, unnamed instance is created here and
  // its handle stored in *pinstance (when not NULL); *created says so. In
  // single-instance mode a second JetInit is JET_errAlreadyInitialized.
  [[nodiscard]] JET_ERR BeginInit(JET_INSTANCE* pinstance, std::shared_ptr<Instance>* instance,
                                  bool* created);
  // Undoes BeginInit's creation when the initialization failed.
  void AbortInit(const std::shared_ptr<Instance>& instance);

  // The instance a session is begun on: a live, initialized one; in
  // single-instance mode a nil handle means the global instance.
  // JET_errInvalidParameter for an unknown handle (ESE's ErrFindPinst),
  // JET_errNotInitialized when it is not initialized.
  [[nodiscard]] JET_ERR FindInitialized(JET_INSTANCE instance,
                                        std::shared_ptr<Instance>* out) const;

  // JetTerm2: ends the instance and frees its handle. With no instance in
  // the process there is nothing to end and the call succeeds, as ESE's does;
  // otherwise an invalid handle is JET_errInvalidParameter.
  [[nodiscard]] JET_ERR Terminate(JET_INSTANCE instance, JET_GRBIT grbit);

  // JetGetInstanceInfo: one JetFreeBuffer-able block with an entry per live
  // instance, in creation order. No instances: *count = 0, *info = NULL.
  [[nodiscard]] JET_ERR GetInstanceInfo(unsigned long* count, JET_INSTANCE_INFO_A** info) const;

  // JetSetSystemParameter / JetGetSystemParameter. An instance of 0 or
  // JET_instanceNil (or a NULL pinstance) means the process-wide values.
  [[nodiscard]] JET_ERR SetSystemParameter(const JET_INSTANCE* pinstance, JET_SESID sesid,
                                           unsigned long paramid, JET_API_PTR lparam,
                                           const char* sz);
  [[nodiscard]] JET_ERR GetSystemParameter(JET_INSTANCE instance, JET_SESID sesid,
                                           unsigned long paramid, JET_API_PTR* plparam, char* sz,
                                           unsigned long cbmax) const;

  // The live instance with this handle, or nullptr.
  std::shared_ptr<Instance> Find(JET_INSTANCE instance) const;

  // The process-wide value of a parameter (a global one's only value).
  ParamValue ProcessParam(const ParamDef& def) const;

  RunMode mode() const;
  size_t instance_count() const;

  // Forgets every instance and parameter, as a fresh process would have them.
  // Tests only: live handles become invalid.
  void ResetForTesting();

 private:
  static bool IsNilInstance(JET_INSTANCE instance) {
    return instance == 0 || instance == JET_instanceNil;
  }
  static bool IsNilSession(JET_SESID sesid) { return sesid == 0 || sesid == JET_sesidNil; }

  std::shared_ptr<Instance> FindLocked(JET_INSTANCE instance) const;
  // Sets a parameter on `instance` (nullptr: process-wide). mu_ held.
  JET_ERR SetParameterLocked(Instance* instance, const ParamDef& def, JET_API_PTR lparam,
                             const char* sz);
  void EnterMultiInstanceModeLocked();

  mutable std::mutex mu_;
  RunMode mode_ = RunMode::kNotSet;                   // guarded by mu_
  uint32_t max_instances_ = 0;                        // guarded by mu_; fixed with the mode
  ParamValues process_params_;                        // guarded by mu_
  std::vector<std::shared_ptr<Instance>> instances_;  // guarded by mu_; creation order
  JET_INSTANCE next_handle_;                          // guarded by mu_
};

}  // namespace jet

#endif  // JETSVC_ENGINE_API_INSTANCE_TABLE_H_
