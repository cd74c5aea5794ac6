#include "os/share_table.h"

#include <gtest/gtest.h>

namespace jet {
namespace {

ShareMode Mode(bool read, bool write, bool share_read, bool share_write) {
  ShareMode m;
  m.read = read;
  m.write = write;
  m.share_read = share_read;
  m.share_write = share_write;
  return m;
}

TEST(EnvShareTableTest, WindowsSharingRule) {
  const ShareMode writer = Mode(true, true, true, false);  // FileOptions() default
  const ShareMode reader = Mode(true, false, true, false);
  const ShareMode lonely_reader = Mode(true, false, false, false);
  const ShareMode tolerant_reader = Mode(true, false, true, true);
  EXPECT_TRUE(SharingConflicts(writer, writer));
  EXPECT_TRUE(SharingConflicts(writer, reader));  // reader does not share write
  EXPECT_TRUE(SharingConflicts(reader, writer));  // reader does not share write
  EXPECT_FALSE(SharingConflicts(reader, reader));
  EXPECT_TRUE(SharingConflicts(lonely_reader, reader));
  EXPECT_TRUE(SharingConflicts(reader, lonely_reader));
  EXPECT_FALSE(SharingConflicts(writer, tolerant_reader));
  EXPECT_FALSE(SharingConflicts(tolerant_reader, writer));
}

TEST(EnvShareTableTest, AcquireReleaseAndIsOpen) {
  ShareTable table;
  const ShareTable::Key a{1, 1};
  const ShareTable::Key b{1, 2};
  const ShareMode reader = Mode(true, false, true, false);
  const ShareMode writer = Mode(true, true, true, false);
  uint64_t t1 = 0;
  uint64_t t2 = 0;
  uint64_t t3 = 0;
  EXPECT_FALSE(table.IsOpen(a));
  ASSERT_EQ(JET_errSuccess, table.Acquire(a, reader, &t1));
  ASSERT_EQ(JET_errSuccess, table.Acquire(a, reader, &t2));
  EXPECT_NE(t1, t2);
  EXPECT_EQ(JET_errFileAccessDenied, table.Acquire(a, writer, &t3));
  EXPECT_EQ(JET_errSuccess, table.Acquire(b, writer, &t3)) << "another file";
  table.Release(a, t1);
  EXPECT_TRUE(table.IsOpen(a));
  table.Release(a, t2);
  EXPECT_FALSE(table.IsOpen(a));
  EXPECT_EQ(JET_errSuccess, table.Acquire(a, writer, &t1));
  table.Clear();
  EXPECT_FALSE(table.IsOpen(a));
  EXPECT_FALSE(table.IsOpen(b));
}

}  // namespace
}  // namespace jet
