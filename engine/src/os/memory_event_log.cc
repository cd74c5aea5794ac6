#include "os/memory_event_log.h"

namespace jet {

void MemoryEventLog::Report(EventType type, int category, uint32_t event_id,
                            const std::string& message) {
  std::lock_guard<std::mutex> lock(mu_);
  events_.push_back(EventRecord{type, category, event_id, message});
}

std::vector<EventRecord> MemoryEventLog::Events() const {
  std::lock_guard<std::mutex> lock(mu_);
  return events_;
}

void MemoryEventLog::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  events_.clear();
}

}  // namespace jet
