// Where the engine reports what an administrator should see: the Windows
// Application event log, syslog elsewhere, or memory in tests.
#ifndef JETSVC_ENGINE_OS_EVENT_LOG_H_
#define JETSVC_ENGINE_OS_EVENT_LOG_H_

#include <cstdint>
#include <memory>
#include <string>

namespace jet {

enum class EventType {
  kInformation,  // EVENTLOG_INFORMATION_TYPE / LOG_INFO
  kWarning,      // EVENTLOG_WARNING_TYPE / LOG_WARNING
  kError,        // EVENTLOG_ERROR_TYPE / LOG_ERR
};

class EventLog {
 public:
  EventLog() = default;
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;
  virtual ~EventLog();

  // Best effort, as logging is: a sink that cannot deliver drops the event
  // rather than fail the operation being reported. category and event_id are
  // the event's Windows category and id (16 and 32 bits there); syslog gets
  // them in the text.
  virtual void Report(EventType type, int category, uint32_t event_id,
                      const std::string& message) = 0;

  // The platform's log under source_name (the Windows event source, the
  // syslog identity). Installing the Windows source's registry key and message
  // file is the installer's job; without them Event Viewer still shows the
  // message text, after a "description not found" preamble.
  static std::unique_ptr<EventLog> Default(const std::string& source_name);
};

// The syslog line for an event: "[category C, event E] message" (exposed so
// that its format is tested on every platform).
[[nodiscard]] std::string FormatSyslogEvent(int category, uint32_t event_id,
                                            const std::string& message);

}  // namespace jet

#endif  // JETSVC_ENGINE_OS_EVENT_LOG_H_
