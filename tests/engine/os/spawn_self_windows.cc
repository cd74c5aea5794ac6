#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <string>
#include <vector>

#include "spawn_self.h"

namespace jet::testing {
namespace {

std::wstring Widen(const std::string& s) {
  if (s.empty()) return std::wstring();
  const int n = ::MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), nullptr, 0);
  std::wstring w(static_cast<size_t>(n), L'\0');
  ::MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), w.data(), n);
  return w;
}

// Quotes one argument the way CommandLineToArgvW / the C runtime split it:
// backslashes are literal except before a quote, where they are doubled.
std::wstring Quote(const std::wstring& arg) {
  std::wstring out = L"\"";
  size_t backslashes = 0;
  for (wchar_t c : arg) {
    if (c == L'\\') {
      ++backslashes;
      continue;
    }
    out.append(c == L'"' ? backslashes * 2 + 1 : backslashes, L'\\');
    backslashes = 0;
    out += c;
  }
  out.append(backslashes * 2, L'\\');
  out += L'"';
  return out;
}

}  // namespace

int RunSelf(const std::vector<std::string>& args) {
  wchar_t self[32768];
  const DWORD len = ::GetModuleFileNameW(nullptr, self, static_cast<DWORD>(std::size(self)));
  if (len == 0 || len >= std::size(self)) return -1;
  std::wstring command = Quote(std::wstring(self, len));
  for (const std::string& a : args) command += L" " + Quote(Widen(a));

  STARTUPINFOW si = {};
  si.cb = sizeof(si);
  PROCESS_INFORMATION pi = {};
  if (!::CreateProcessW(self, command.data(), nullptr, nullptr, FALSE, 0, nullptr, nullptr, &si,
                        &pi)) {
    return -1;
  }
  ::CloseHandle(pi.hThread);
  int result = -1;
  if (::WaitForSingleObject(pi.hProcess, 60000) == WAIT_OBJECT_0) {
    DWORD code = 0;
    if (::GetExitCodeProcess(pi.hProcess, &code)) result = static_cast<int>(code);
  }
  ::CloseHandle(pi.hProcess);
  return result;
}

}  // namespace jet::testing
