#include "space/space_header.h"

#include <gtest/gtest.h>

namespace jet {
namespace {

TEST(SpaceHeaderTest, RoundTripsBothForms) {
  SpaceHeader multi;
  multi.cpg_primary = 256;
  multi.pgno_parent_fdp = 0;
  multi.multiple_extent = true;
  multi.pgno_oe = 2;
  const auto bytes = EncodeSpaceHeader(multi);
  ASSERT_EQ(bytes.size(), 16u);
  EXPECT_EQ(bytes, (std::vector<uint8_t>{0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0}));
  SpaceHeader back;
  ASSERT_EQ(DecodeSpaceHeader(bytes, &back), JET_errSuccess);
  EXPECT_EQ(back, multi);
  EXPECT_EQ(back.pgno_ae(), 3u);

  SpaceHeader single;
  single.cpg_primary = 1;
  single.pgno_parent_fdp = 1;
  single.avail_bitmap = 0x5;
  ASSERT_EQ(DecodeSpaceHeader(EncodeSpaceHeader(single), &back), JET_errSuccess);
  EXPECT_EQ(back, single);
}

TEST(SpaceHeaderTest, RefusesBadHeaders) {
  SpaceHeader h;
  std::vector<uint8_t> bytes(15, 0);
  EXPECT_EQ(DecodeSpaceHeader(bytes, &h), JET_errSPOwnExtCorrupted);
  bytes.assign(16, 0);
  bytes[8] = 0x2;  // unknown flag
  EXPECT_EQ(DecodeSpaceHeader(bytes, &h), JET_errSPOwnExtCorrupted);
}

TEST(SpaceHeaderTest, ExtentNodesAreBigEndianLastPgnoAndCount) {
  EXPECT_EQ(ExtentKey(0x01020304), (std::array<uint8_t, 4>{1, 2, 3, 4}));
  EXPECT_EQ(ExtentData(7), (std::array<uint8_t, 4>{7, 0, 0, 0}));
  Extent e;
  const auto key = ExtentKey(40);
  const auto data = ExtentData(8);
  ASSERT_EQ(DecodeExtent(key, data, &e), JET_errSuccess);
  EXPECT_EQ(e, (Extent{40, 8}));
  EXPECT_EQ(e.first(), 33u);
  const auto zero = ExtentData(0);
  EXPECT_EQ(DecodeExtent(key, zero, &e), JET_errSPAvailExtCorrupted);
}

}  // namespace
}  // namespace jet
