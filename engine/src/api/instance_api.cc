// The instance entry points of the C API: multi-instance mode, creating and
// terminating instances, listing them, and freeing the buffers the engine
// hands out. The rules live in InstanceTable; these only guard the boundary.

#include "api/api_guard.h"
#include "api/engine_buffers.h"
#include "api/instance_table.h"
#include "esent.h"

using jet::CallApi;
using jet::InstanceTable;

JET_ERR JET_API JetEnableMultiInstanceA(JET_SETSYSPARAM_A* psetsysparam, unsigned long csetsysparam,
                                        unsigned long* pcsetsucceed) {
  return CallApi([&] {
    return InstanceTable::Get().EnableMultiInstance(psetsysparam, csetsysparam, pcsetsucceed);
  });
}

JET_ERR JET_API JetCreateInstanceA(JET_INSTANCE* pinstance, JET_PCSTR szInstanceName) {
  return CallApi(
      [&] { return InstanceTable::Get().CreateInstance(szInstanceName, nullptr, pinstance); });
}

JET_ERR JET_API JetCreateInstance2A(JET_INSTANCE* pinstance, JET_PCSTR szInstanceName,
                                    JET_PCSTR szDisplayName, JET_GRBIT /*grbit: reserved*/) {
  return CallApi([&] {
    return InstanceTable::Get().CreateInstance(szInstanceName, szDisplayName, pinstance);
  });
}

// JetTerm is JetTerm2 with JET_bitTermAbrupt, as in ESE.
JET_ERR JET_API JetTerm(JET_INSTANCE instance) {
  return CallApi([&] { return InstanceTable::Get().Terminate(instance, JET_bitTermAbrupt); });
}

JET_ERR JET_API JetTerm2(JET_INSTANCE instance, JET_GRBIT grbit) {
  return CallApi([&] { return InstanceTable::Get().Terminate(instance, grbit); });
}

JET_ERR JET_API JetGetInstanceInfoA(unsigned long* pcInstanceInfo,
                                    JET_INSTANCE_INFO_A** paInstanceInfo) {
  return CallApi(
      [&] { return InstanceTable::Get().GetInstanceInfo(pcInstanceInfo, paInstanceInfo); });
}

// A NULL buffer is accepted and ignored; a pointer the engine did not hand
// out is refused rather than passed to the allocator.
JET_ERR JET_API JetFreeBuffer(char* pbBuf) {
  return CallApi([&]() -> JET_ERR {
    if (pbBuf == nullptr) return JET_errSuccess;
    return jet::FreeEngineBuffer(pbBuf) ? JET_errSuccess : JET_errInvalidParameter;
  });
}
