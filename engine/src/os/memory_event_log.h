// An EventLog that keeps what it is told, for tests to assert on.
#ifndef JETSVC_ENGINE_OS_MEMORY_EVENT_LOG_H_
#define JETSVC_ENGINE_OS_MEMORY_EVENT_LOG_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "os/event_log.h"

namespace jet {

struct EventRecord {
  EventType type = EventType::kInformation;
  int category = 0;
  uint32_t event_id = 0;
  std::string message;

  friend bool operator==(const EventRecord&, const EventRecord&) = default;
};

class MemoryEventLog final : public EventLog {
 public:
  void Report(EventType type, int category, uint32_t event_id, const std::string& message) override;

  // A copy of every event so far, in the order reported.
  [[nodiscard]] std::vector<EventRecord> Events() const;
  void Clear();

 private:
  mutable std::mutex mu_;
  std::vector<EventRecord> events_;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_OS_MEMORY_EVENT_LOG_H_
