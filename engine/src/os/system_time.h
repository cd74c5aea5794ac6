// UTC wall-clock time broken down the way ESE's LOGTIME stores it
// (ese-facts §4.1: seconds, minutes, hours, day, month, year, milliseconds).
#ifndef JETSVC_ENGINE_OS_SYSTEM_TIME_H_
#define JETSVC_ENGINE_OS_SYSTEM_TIME_H_

#include <cstdint>

namespace jet {

struct SystemTime {
  int year = 1970;      // full year, e.g. 2025 (LOGTIME stores year - 1900)
  int month = 1;        // 1..12
  int day = 1;          // 1..31
  int hour = 0;         // 0..23
  int minute = 0;       // 0..59
  int second = 0;       // 0..59 (no leap seconds: Unix time has none)
  int millisecond = 0;  // 0..999

  friend bool operator==(const SystemTime&, const SystemTime&) = default;
};

// Microseconds since 1970-01-01T00:00:00Z (proleptic Gregorian calendar,
// negative before 1970) to a broken-down UTC time, and back. Sub-millisecond
// digits are dropped.
[[nodiscard]] SystemTime SystemTimeFromUnixMicros(int64_t unix_micros);
[[nodiscard]] int64_t UnixMicrosFromSystemTime(const SystemTime& time);

}  // namespace jet

#endif  // JETSVC_ENGINE_OS_SYSTEM_TIME_H_
