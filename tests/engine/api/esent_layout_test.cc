// esent.h's structures have the sizes and field offsets Windows x64 gives
// them (struct_layouts.inc), on every platform: checked at compile time, and
// reported field by field at run time.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "esent.h"
#include "gtest/gtest.h"

namespace {

#define JET_LAYOUT_SIZE(type, bytes) \
  static_assert(sizeof(type) == (bytes), "sizeof(" #type ") differs from Windows x64");
#define JET_LAYOUT_FIELD(type, field, offset) \
  static_assert(offsetof(type, field) == (offset), #type "." #field " differs from Windows x64");
#include "struct_layouts.inc"
#undef JET_LAYOUT_SIZE
#undef JET_LAYOUT_FIELD

TEST(esentLayout, StructuresMatchWindowsX64) {
  int checked = 0;
#define JET_LAYOUT_SIZE(type, bytes) \
  ++checked;                         \
  EXPECT_EQ(sizeof(type), size_t{bytes}) << "sizeof(" #type ")";
#define JET_LAYOUT_FIELD(type, field, offset) \
  ++checked;                                  \
  EXPECT_EQ(offsetof(type, field), size_t{offset}) << #type "." #field;
#include "struct_layouts.inc"
#undef JET_LAYOUT_SIZE
#undef JET_LAYOUT_FIELD
  EXPECT_GT(checked, 200);
}

TEST(esentLayout, ScalarTypesHaveWindowsX64Widths) {
  // Windows is LLP64: the unsigned long typedefs are 32 bits, handles 64.
  EXPECT_EQ(sizeof(JET_API_PTR), 8u);
  EXPECT_EQ(sizeof(JET_INSTANCE), 8u);
  EXPECT_EQ(sizeof(JET_SESID), 8u);
  EXPECT_EQ(sizeof(JET_TABLEID), 8u);
  EXPECT_EQ(sizeof(JET_HANDLE), 8u);
  EXPECT_EQ(sizeof(JET_OSSNAPID), 8u);
  EXPECT_EQ(sizeof(JET_COLUMNID), 4u);
  EXPECT_EQ(sizeof(JET_DBID), 4u);
  EXPECT_EQ(sizeof(JET_GRBIT), 4u);
  EXPECT_EQ(sizeof(JET_COLTYP), 4u);
  EXPECT_EQ(sizeof(JET_SNP), 4u);
  EXPECT_EQ(sizeof(JET_SNT), 4u);
  EXPECT_EQ(sizeof(JET_SNC), 4u);
  EXPECT_EQ(sizeof(JET_CBTYP), 4u);
  EXPECT_TRUE(std::is_unsigned_v<JET_API_PTR>);
  EXPECT_TRUE(std::is_unsigned_v<JET_GRBIT>);
  EXPECT_TRUE((std::is_same_v<JET_ERR, long>));
}

TEST(esentLayout, LogTimeBitFieldsUseWindowsBitOrder) {
  // Byte 6: fTimeIsUTC is bit 0, bMillisecondsLow bits 1-7. Byte 7: bit 0 is
  // fReserved (fOSSnapshot in JET_BKLOGTIME), bMillisecondsHigh bits 1-3.
  // 1000 ms = 0b1111101000: low 7 bits 0x68, high 3 bits 0x7.
  const unsigned char bytes[8] = {59, 30, 23, 31, 12, 125, 0x68 << 1 | 1, 0x7 << 1 | 1};
  JET_LOGTIME logtime;
  static_assert(sizeof(logtime) == sizeof(bytes));
  std::memcpy(&logtime, bytes, sizeof(bytes));
  EXPECT_EQ(logtime.bSeconds, 59);
  EXPECT_EQ(logtime.bYear, 125);
  EXPECT_EQ(logtime.fTimeIsUTC, 1);
  EXPECT_EQ(logtime.bMillisecondsLow, 0x68);
  EXPECT_EQ(logtime.fReserved, 1);
  EXPECT_EQ(logtime.bMillisecondsHigh, 0x7);
  EXPECT_EQ(logtime.fUnused, 0);
  EXPECT_EQ(logtime.bMillisecondsHigh << 7 | logtime.bMillisecondsLow, 1000);

  JET_BKLOGTIME bklogtime;
  std::memcpy(&bklogtime, bytes, sizeof(bytes));
  EXPECT_EQ(bklogtime.fOSSnapshot, 1);
  EXPECT_EQ(bklogtime.bMillisecondsHigh, 0x7);
  EXPECT_EQ(bklogtime.fReserved, 0);

  // And the other way round: setting the fields gives the same bytes.
  JET_LOGTIME built;
  std::memset(&built, 0, sizeof(built));
  built.bSeconds = 59;
  built.bMinutes = 30;
  built.bHours = 23;
  built.bDay = 31;
  built.bMonth = 12;
  built.bYear = 125;
  built.fTimeIsUTC = 1;
  built.bMillisecondsLow = 0x68;
  built.fReserved = 1;
  built.bMillisecondsHigh = 0x7;
  EXPECT_EQ(std::memcmp(&built, bytes, sizeof(bytes)), 0);
}

TEST(esentLayout, LgposComparesAsLittleEndianInteger) {
  // ese-facts §4.1: ib, isec, lGeneration in that order, so a packed LGPOS
  // read as a little-endian 64-bit integer orders positions correctly.
  JET_LGPOS lgpos{0x0102, 0x0304, 0x05060708};
  unsigned char bytes[sizeof(lgpos)];
  std::memcpy(bytes, &lgpos, sizeof(lgpos));
  const unsigned char expected[8] = {0x02, 0x01, 0x04, 0x03, 0x08, 0x07, 0x06, 0x05};
  EXPECT_EQ(std::memcmp(bytes, expected, sizeof(expected)), 0);
}

}  // namespace
