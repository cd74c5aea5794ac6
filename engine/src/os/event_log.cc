#include "os/event_log.h"

namespace jet {

EventLog::~EventLog() = default;

std::string FormatSyslogEvent(int category, uint32_t event_id, const std::string& message) {
  return "[category " + std::to_string(category) + ", event " + std::to_string(event_id) + "] " +
         message;
}

}  // namespace jet
