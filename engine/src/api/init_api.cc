// JetInit, JetInit2, JetInit3: an instance becomes initialized
// (InstanceTable::BeginInit for the modes, StartInstance for the work).
//
// Transaction logging and recovery are a later issue: JetInit creates no
// log or checkpoint file yet and replays nothing, so the recovery grbits
// (JET_bitReplay*, JET_bitTruncateLogsAfterRecovery, ...) and JetInit3's
// JET_RSTINFO (a remapping of database paths for replay) have nothing to act
// on and are accepted as such.

#include "api/api_guard.h"
#include "api/instance_runtime.h"
#include "api/instance_table.h"
#include "esent.h"

namespace {

JET_ERR Init(JET_INSTANCE* pinstance) {
  return jet::CallApi([&]() -> JET_ERR {
    std::shared_ptr<jet::Instance> instance;
    bool created = false;
    jet::InstanceTable& table = jet::InstanceTable::Get();
    if (const JET_ERR err = table.BeginInit(pinstance, &instance, &created); err < 0) return err;
    const JET_ERR err = jet::StartInstance(instance.get());
    if (err < 0 && created) table.AbortInit(instance);
    return err;
  });
}

}  // namespace

JET_ERR JET_API JetInit(JET_INSTANCE* pinstance) { return Init(pinstance); }

JET_ERR JET_API JetInit2(JET_INSTANCE* pinstance, JET_GRBIT /*grbit*/) { return Init(pinstance); }

JET_ERR JET_API JetInit3A(JET_INSTANCE* pinstance, JET_RSTINFO_A* /*prstInfo*/,
                          JET_GRBIT /*grbit*/) {
  return Init(pinstance);
}
