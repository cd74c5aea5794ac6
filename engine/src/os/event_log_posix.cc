// EventLog::Default() on POSIX: syslog(3), facility LOG_USER.
#include <syslog.h>

#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "os/event_log.h"

namespace jet {
namespace {

int SyslogPriority(EventType type) {
  switch (type) {
    case EventType::kWarning:
      return LOG_WARNING;
    case EventType::kError:
      return LOG_ERR;
    case EventType::kInformation:
    default:
      return LOG_INFO;
  }
}

// openlog() keeps the identity pointer and is process-wide, so the first
// source opens the log under its name for the life of the process, and any
// other source's messages carry their own name in the text.
std::mutex& IdentityMutex() {
  static std::mutex mu;
  return mu;
}
const std::string* g_identity = nullptr;  // guarded by IdentityMutex(); never freed

class SyslogEventLog final : public EventLog {
 public:
  explicit SyslogEventLog(std::string source) : source_(std::move(source)) {
    std::lock_guard<std::mutex> lock(IdentityMutex());
    if (g_identity == nullptr) {
      g_identity = new std::string(source_);
      ::openlog(g_identity->c_str(), LOG_PID, LOG_USER);
    }
    prefix_source_ = (*g_identity != source_);
  }

  void Report(EventType type, int category, uint32_t event_id,
              const std::string& message) override {
    std::string text = FormatSyslogEvent(category, event_id, message);
    if (prefix_source_) text = source_ + ": " + text;
    ::syslog(LOG_USER | SyslogPriority(type), "%s", text.c_str());
  }

 private:
  const std::string source_;
  bool prefix_source_ = false;
};

}  // namespace

std::unique_ptr<EventLog> EventLog::Default(const std::string& source_name) {
  return std::make_unique<SyslogEventLog>(source_name);
}

}  // namespace jet
