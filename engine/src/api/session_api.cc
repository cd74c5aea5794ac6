// JetBeginSession / JetEndSession (api/session_table.h).

#include "api/api_guard.h"
#include "api/instance_table.h"
#include "api/session_table.h"
#include "esent.h"

// The user name and password are ignored, as by ESE.
JET_ERR JET_API JetBeginSessionA(JET_INSTANCE instance, JET_SESID* psesid, JET_PCSTR /*szUserName*/,
                                 JET_PCSTR /*szPassword*/) {
  return jet::CallApi([&]() -> JET_ERR {
    if (psesid == nullptr) return JET_errInvalidParameter;
    std::shared_ptr<jet::Instance> inst;
    if (const JET_ERR err = jet::InstanceTable::Get().FindInitialized(instance, &inst); err < 0) {
      return err;
    }
    return jet::SessionTable::Get().Begin(std::move(inst), psesid);
  });
}

JET_ERR JET_API JetEndSession(JET_SESID sesid, JET_GRBIT /*grbit: reserved*/) {
  return jet::CallApi([&] { return jet::SessionTable::Get().End(sesid); });
}
