#include "os/system_time.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace jet {
namespace {

constexpr int64_t kSecond = 1000000;

TEST(EnvSystemTimeTest, KnownInstants) {
  EXPECT_EQ((SystemTime{1970, 1, 1, 0, 0, 0, 0}), SystemTimeFromUnixMicros(0));
  // 2000-02-29T12:34:56.789Z: a leap day in a century leap year.
  EXPECT_EQ((SystemTime{2000, 2, 29, 12, 34, 56, 789}),
            SystemTimeFromUnixMicros(951827696 * kSecond + 789999));
  EXPECT_EQ((SystemTime{2000, 3, 1, 0, 0, 0, 0}), SystemTimeFromUnixMicros(951868800 * kSecond));
  // 2024-12-31T23:59:59.999Z and the next millisecond.
  EXPECT_EQ((SystemTime{2024, 12, 31, 23, 59, 59, 999}),
            SystemTimeFromUnixMicros(1735689599 * kSecond + 999000));
  EXPECT_EQ((SystemTime{2025, 1, 1, 0, 0, 0, 0}), SystemTimeFromUnixMicros(1735689600 * kSecond));
  // 2100 is not a leap year.
  EXPECT_EQ((SystemTime{2100, 3, 1, 0, 0, 0, 0}), SystemTimeFromUnixMicros(4107542400 * kSecond));
  // Before 1970 rounds down, not toward zero.
  EXPECT_EQ((SystemTime{1969, 12, 31, 23, 59, 59, 999}), SystemTimeFromUnixMicros(-1));
}

TEST(EnvSystemTimeTest, RoundTripsEveryDayForCenturies) {
  // 1900-01-01 .. 2200-01-01, one instant a day at a varying time of day.
  for (int64_t day = -25567; day < 84006; ++day) {
    const int64_t micros = (day * 86400 + (day * 7919) % 86400) * kSecond + (day % 1000) * 1000;
    const SystemTime t = SystemTimeFromUnixMicros(micros);
    ASSERT_EQ(micros, UnixMicrosFromSystemTime(t)) << "day " << day;
    ASSERT_TRUE(t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= 31) << "day " << day;
  }
}

}  // namespace
}  // namespace jet
