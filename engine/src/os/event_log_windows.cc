// EventLog::Default() on Windows: the Application event log through a
// registered event source (RegisterEventSourceW / ReportEventW).
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

#include <memory>
#include <string>

#include "os/event_log.h"
#include "os/wide_string_windows.h"

namespace jet {
namespace {

WORD EventLogType(EventType type) {
  switch (type) {
    case EventType::kWarning:
      return EVENTLOG_WARNING_TYPE;
    case EventType::kError:
      return EVENTLOG_ERROR_TYPE;
    case EventType::kInformation:
    default:
      return EVENTLOG_INFORMATION_TYPE;
  }
}

class WindowsEventLog final : public EventLog {
 public:
  explicit WindowsEventLog(const std::string& source) {
    std::wstring wide;
    if (Utf8ToWide(source, &wide) >= JET_errSuccess) {
      // Null when the source cannot be registered; events are then dropped.
      source_ = ::RegisterEventSourceW(nullptr, wide.c_str());
    }
  }

  ~WindowsEventLog() override {
    if (source_ != nullptr) ::DeregisterEventSource(source_);
  }

  void Report(EventType type, int category, uint32_t event_id,
              const std::string& message) override {
    if (source_ == nullptr) return;
    std::wstring text;
    if (Utf8ToWide(message, &text) < JET_errSuccess) text = L"(message is not valid UTF-8)";
    LPCWSTR strings[1] = {text.c_str()};
    (void)::ReportEventW(source_, EventLogType(type), static_cast<WORD>(category),
                         static_cast<DWORD>(event_id), nullptr, 1, 0, strings, nullptr);
  }

 private:
  HANDLE source_ = nullptr;
};

}  // namespace

std::unique_ptr<EventLog> EventLog::Default(const std::string& source_name) {
  return std::make_unique<WindowsEventLog>(source_name);
}

}  // namespace jet
