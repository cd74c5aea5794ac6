#include "os/system_time.h"

namespace jet {
namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kSecondsPerDay = 86400;

// Floor division, so that times before 1970 land on the right day.
int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// Days since 1970-01-01 of a civil date. The calendar is shifted to start in
// March, so that the leap day is the last day of the shifted year and the
// month lengths repeat in a fixed 5-month pattern (153 days).
int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= (month <= 2) ? 1 : 0;
  const int64_t era = FloorDiv(year, 400);
  const int64_t year_of_era = year - era * 400;                         // 0..399
  const int shifted_month = (month + 9) % 12;                           // March = 0
  const int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;  // 0..365
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // 0..146096
  return era * 146097 + day_of_era - 719468;  // 719468: days from 0000-03-01 to 1970-01-01
}

void CivilFromDays(int64_t days, int64_t* year, int* month, int* day) {
  days += 719468;
  const int64_t era = FloorDiv(days, 146097);
  const int64_t day_of_era = days - era * 146097;  // 0..146096
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t shifted_month = (5 * day_of_year + 2) / 153;  // March = 0
  *day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  *month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  *year = year_of_era + era * 400 + (*month <= 2 ? 1 : 0);
}

}  // namespace

SystemTime SystemTimeFromUnixMicros(int64_t unix_micros) {
  const int64_t seconds = FloorDiv(unix_micros, kMicrosPerSecond);
  const int64_t micros = unix_micros - seconds * kMicrosPerSecond;
  const int64_t days = FloorDiv(seconds, kSecondsPerDay);
  const int64_t second_of_day = seconds - days * kSecondsPerDay;

  SystemTime t;
  int64_t year = 0;
  CivilFromDays(days, &year, &t.month, &t.day);
  t.year = static_cast<int>(year);
  t.hour = static_cast<int>(second_of_day / 3600);
  t.minute = static_cast<int>(second_of_day / 60 % 60);
  t.second = static_cast<int>(second_of_day % 60);
  t.millisecond = static_cast<int>(micros / 1000);
  return t;
}

int64_t UnixMicrosFromSystemTime(const SystemTime& t) {
  const int64_t days = DaysFromCivil(t.year, t.month, t.day);
  const int64_t seconds = days * kSecondsPerDay + t.hour * 3600 + t.minute * 60 + t.second;
  return seconds * kMicrosPerSecond + int64_t{t.millisecond} * 1000;
}

}  // namespace jet
