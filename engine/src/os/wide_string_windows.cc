#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

#include <limits>

#include "os/wide_string_windows.h"

namespace jet {

JET_ERR Utf8ToWide(const std::string& utf8, std::wstring* wide) {
  wide->clear();
  if (utf8.empty()) return JET_errSuccess;
  if (utf8.find('\0') != std::string::npos) return JET_errInvalidPath;
  if (utf8.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return JET_errInvalidPath;
  }
  const int in_len = static_cast<int>(utf8.size());
  const int out_len =
      ::MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8.data(), in_len, nullptr, 0);
  if (out_len <= 0) return JET_errInvalidPath;
  wide->resize(static_cast<size_t>(out_len));
  if (::MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8.data(), in_len, wide->data(),
                            out_len) != out_len) {
    wide->clear();
    return JET_errInvalidPath;
  }
  return JET_errSuccess;
}

std::string WideToUtf8(const std::wstring& wide) {
  if (wide.empty() || wide.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return std::string();
  }
  const int in_len = static_cast<int>(wide.size());
  const int out_len =
      ::WideCharToMultiByte(CP_UTF8, 0, wide.data(), in_len, nullptr, 0, nullptr, nullptr);
  if (out_len <= 0) return std::string();
  std::string utf8(static_cast<size_t>(out_len), '\0');
  ::WideCharToMultiByte(CP_UTF8, 0, wide.data(), in_len, utf8.data(), out_len, nullptr, nullptr);
  return utf8;
}

}  // namespace jet
