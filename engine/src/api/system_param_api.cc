// JetSetSystemParameter / JetGetSystemParameter (the A forms: UTF-8 strings).

#include "api/api_guard.h"
#include "api/instance_table.h"
#include "esent.h"

using jet::CallApi;
using jet::InstanceTable;

JET_ERR JET_API JetSetSystemParameterA(JET_INSTANCE* pinstance, JET_SESID sesid,
                                       unsigned long paramid, JET_API_PTR lParam,
                                       JET_PCSTR szParam) {
  return CallApi([&] {
    return InstanceTable::Get().SetSystemParameter(pinstance, sesid, paramid, lParam, szParam);
  });
}

JET_ERR JET_API JetGetSystemParameterA(JET_INSTANCE instance, JET_SESID sesid,
                                       unsigned long paramid, JET_API_PTR* plParam,
                                       JET_PSTR szParam, unsigned long cbMax) {
  return CallApi([&] {
    return InstanceTable::Get().GetSystemParameter(instance, sesid, paramid, plParam, szParam,
                                                   cbMax);
  });
}
