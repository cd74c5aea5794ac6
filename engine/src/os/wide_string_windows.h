// UTF-8 <-> UTF-16 for the Win32 W APIs (Windows build only).
#ifndef JETSVC_ENGINE_OS_WIDE_STRING_WINDOWS_H_
#define JETSVC_ENGINE_OS_WIDE_STRING_WINDOWS_H_

#include <string>

#include "esent.h"

namespace jet {

// JET_errInvalidPath for bytes that are not UTF-8 or for an embedded NUL (no
// W API could take the result as the caller meant it).
[[nodiscard]] JET_ERR Utf8ToWide(const std::string& utf8, std::wstring* wide);
// Unpaired surrogates (possible in NTFS names) become U+FFFD.
[[nodiscard]] std::string WideToUtf8(const std::wstring& wide);

}  // namespace jet

#endif  // JETSVC_ENGINE_OS_WIDE_STRING_WINDOWS_H_
