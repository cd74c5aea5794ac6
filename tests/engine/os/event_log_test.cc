#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "os/event_log.h"
#include "os/memory_event_log.h"

namespace jet {
namespace {

TEST(EventLogTest, MemoryLogRecordsEveryEventInOrder) {
  MemoryEventLog log;
  EventLog* sink = &log;  // used through the interface, as the engine does
  sink->Report(EventType::kInformation, 1, 100, "instance started");
  sink->Report(EventType::kWarning, 2, 200, "log file missing, recreated");
  sink->Report(EventType::kError, 3, 0xC0000300u, "database corrupted: \xE2\x82\xAC");

  const std::vector<EventRecord> events = log.Events();
  ASSERT_EQ(3u, events.size());
  EXPECT_EQ((EventRecord{EventType::kInformation, 1, 100, "instance started"}), events[0]);
  EXPECT_EQ((EventRecord{EventType::kWarning, 2, 200, "log file missing, recreated"}), events[1]);
  EXPECT_EQ(EventType::kError, events[2].type);
  EXPECT_EQ(3, events[2].category);
  EXPECT_EQ(0xC0000300u, events[2].event_id);
  EXPECT_EQ("database corrupted: \xE2\x82\xAC", events[2].message);

  log.Clear();
  EXPECT_TRUE(log.Events().empty());
}

TEST(EventLogTest, SyslogLineCarriesCategoryAndId) {
  EXPECT_EQ("[category 7, event 1001] restore complete",
            FormatSyslogEvent(7, 1001, "restore complete"));
}

// The platform log (syslog / the Application event log) takes messages of
// every severity without failing or blocking, even with nothing listening
// (no /dev/log in a container, wine's stub event log).
TEST(EventLogTest, DefaultLogAcceptsMessages) {
  std::unique_ptr<EventLog> log = EventLog::Default("jetsvc-os-test");
  ASSERT_NE(nullptr, log);
  log->Report(EventType::kInformation, 1, 1, "jetsvc os layer test: information");
  log->Report(EventType::kWarning, 1, 2, "jetsvc os layer test: warning");
  log->Report(EventType::kError, 1, 3, "jetsvc os layer test: error \xC3\xA9");
  log->Report(EventType::kError, 1, 4, std::string("not utf-8: \xFF\xFE", 13));
  // A second source in the same process.
  std::unique_ptr<EventLog> other = EventLog::Default("jetsvc-os-test-2");
  ASSERT_NE(nullptr, other);
  other->Report(EventType::kInformation, 0, 0, "second source");
}

}  // namespace
}  // namespace jet
