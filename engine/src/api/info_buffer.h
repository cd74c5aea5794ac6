// Copying results out to the caller's buffer for the Jet*Info calls.

#ifndef JETSVC_ENGINE_API_INFO_BUFFER_H_
#define JETSVC_ENGINE_API_INFO_BUFFER_H_

#include <cstring>
#include <string_view>

#include "esent.h"

namespace jet {

// A fixed-size result (an integer, a structure): JET_errBufferTooSmall when
// it does not fit.
template <typename T>
[[nodiscard]] JET_ERR CopyInfo(const T& value, void* out, unsigned long cb) {
  if (out == nullptr || cb < sizeof(T)) return JET_errBufferTooSmall;
  std::memcpy(out, &value, sizeof(T));
  return JET_errSuccess;
}

// A NUL-terminated string: JET_errBufferTooSmall when it does not fit with
// its terminator (nothing is written then).
[[nodiscard]] inline JET_ERR CopyInfoString(std::string_view s, void* out, unsigned long cb) {
  if (out == nullptr || cb < s.size() + 1) return JET_errBufferTooSmall;
  std::memcpy(out, s.data(), s.size());
  static_cast<char*>(out)[s.size()] = '\0';
  return JET_errSuccess;
}

}  // namespace jet

#endif  // JETSVC_ENGINE_API_INFO_BUFFER_H_
