// Every Jet* entry point runs its body through CallApi, so no C++ exception
// ever crosses the C API: allocation failure becomes JET_errOutOfMemory (as
// ESE reports it) and anything else JET_errInternalError.

#ifndef JETSVC_ENGINE_API_API_GUARD_H_
#define JETSVC_ENGINE_API_API_GUARD_H_

#include <new>
#include <utility>

#include "esent.h"

namespace jet {

template <typename Body>
[[nodiscard]] JET_ERR CallApi(Body&& body) noexcept {
  try {
    return std::forward<Body>(body)();
  } catch (const std::bad_alloc&) {
    return JET_errOutOfMemory;
  } catch (...) {
    return JET_errInternalError;
  }
}

}  // namespace jet

#endif  // JETSVC_ENGINE_API_API_GUARD_H_
