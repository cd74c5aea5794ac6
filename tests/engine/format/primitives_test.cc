#include "format/primitives.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "test_data.h"

namespace jet {
namespace {

template <size_t N>
std::array<uint8_t, N> Bytes(std::initializer_list<int> values) {
  std::array<uint8_t, N> out{};
  size_t i = 0;
  for (int v : values) {
    out[i++] = static_cast<uint8_t>(v);
  }
  return out;
}

TEST(PrimitivesTest, LogTimeDecodesFieldsOfAGenuineHeader) {
  // logtimeAttach of basic.edb (offset 72): 2022-08-19 11:46:32.952 UTC.
  const auto raw = Bytes<8>({0x20, 0x2e, 0x0b, 0x13, 0x08, 0x7a, 0x71, 0x0e});
  const LogTime t = DecodeLogTime(raw);
  EXPECT_EQ(t.seconds, 32);
  EXPECT_EQ(t.minutes, 46);
  EXPECT_EQ(t.hours, 11);
  EXPECT_EQ(t.day, 19);
  EXPECT_EQ(t.month, 8);
  EXPECT_EQ(t.year, 122);
  EXPECT_TRUE(t.utc);
  EXPECT_EQ(t.milliseconds, 952);
  EXPECT_FALSE(t.os_snapshot);
  EXPECT_EQ(t.ToString(), "08/19/2022 11:46:32.952 UTC");

  std::array<uint8_t, 8> back{};
  EncodeLogTime(t, back);
  EXPECT_EQ(back, raw);
}

TEST(PrimitivesTest, LogTimeKeepsEveryBitOfTheFlagBytes) {
  for (int b6 = 0; b6 < 256; ++b6) {
    for (int b7 = 0; b7 < 256; ++b7) {
      const auto raw = Bytes<8>({59, 59, 23, 31, 12, 255, b6, b7});
      std::array<uint8_t, 8> back{};
      EncodeLogTime(DecodeLogTime(raw), back);
      ASSERT_EQ(back, raw) << b6 << " " << b7;
    }
  }
}

TEST(PrimitivesTest, LogTimeMillisecondsSplitAcrossTwoBytes) {
  LogTime t;
  t.milliseconds = 999;  // 0b1111100111: low 7 = 0x67, high 3 = 0x7
  t.utc = true;
  t.os_snapshot = true;
  std::array<uint8_t, 8> raw{};
  EncodeLogTime(t, raw);
  EXPECT_EQ(raw[6], (0x67 << 1) | 1);
  EXPECT_EQ(raw[7], (0x7 << 1) | 1);
  EXPECT_EQ(DecodeLogTime(raw), t);
}

TEST(PrimitivesTest, LogTimeFromUnixMillis) {
  const LogTime t = LogTime::FromUnixMillis(1660909592952);
  EXPECT_EQ(t.ToString(), "08/19/2022 11:46:32.952 UTC");
  EXPECT_TRUE(t.IsSet());
  EXPECT_EQ(LogTime::FromUnixMillis(946684799999).ToString(), "12/31/1999 23:59:59.999 UTC");
  EXPECT_EQ(LogTime::FromUnixMillis(0).ToString(), "01/01/1970 00:00:00.000 UTC");
  EXPECT_FALSE(LogTime{}.IsSet());
}

TEST(PrimitivesTest, LgposComparesAsOneU64) {
  const Lgpos a{/*ib=*/0xffff, /*isec=*/0xffff, /*generation=*/1};
  const Lgpos b{/*ib=*/0, /*isec=*/0, /*generation=*/2};
  const Lgpos c{/*ib=*/1, /*isec=*/0, /*generation=*/2};
  const Lgpos d{/*ib=*/0, /*isec=*/1, /*generation=*/2};
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_LT(c, d);
  EXPECT_EQ(b, (Lgpos{0, 0, 2}));
  EXPECT_EQ(d.AsU64(), 0x0000000200010000ull);

  std::array<uint8_t, 8> raw{};
  EncodeLgpos(d, raw);
  EXPECT_EQ(raw, (Bytes<8>({0, 0, 1, 0, 2, 0, 0, 0})));
  EXPECT_EQ(DecodeLgpos(raw), d);
}

TEST(PrimitivesTest, LgposPrintsGenerationSectorOffset) {
  // lgposConsistent of basic.edb: generation 1, sector 0x16, offset 0.
  const auto raw = Bytes<8>({0x00, 0x00, 0x16, 0x00, 0x01, 0x00, 0x00, 0x00});
  const Lgpos p = DecodeLgpos(raw);
  EXPECT_EQ(p.generation, 1);
  EXPECT_EQ(p.isec, 0x16);
  EXPECT_EQ(p.ib, 0);
  EXPECT_EQ(p.ToString(), "(00000001,0016,0000)");
  EXPECT_EQ((Lgpos{0xABCD, 0x12, -1}).ToString(), "(FFFFFFFF,0012,ABCD)");
}

TEST(PrimitivesTest, SignatureOfAGenuineHeader) {
  // signDb of basic.edb (offset 24).
  const auto raw =
      Bytes<28>({0x9e, 0xf0, 0xc3, 0x87, 0x20, 0x2e, 0x0b, 0x13, 0x08, 0x7a, 0xf9, 0x08});
  const Signature s = DecodeSignature(raw);
  EXPECT_EQ(s.random, 0x87c3f09eu);
  EXPECT_EQ(s.create_time.ToString(), "08/19/2022 11:46:32.636 UTC");
  EXPECT_EQ(s.ComputerName(), "");
  EXPECT_TRUE(s.IsSet());
  EXPECT_EQ(s.ToString(),
            "Create time:08/19/2022 11:46:32.636 UTC Rand:2277765278 "
            "Computer:");
  std::array<uint8_t, 28> back{};
  EncodeSignature(s, back);
  EXPECT_EQ(back, raw);
}

TEST(PrimitivesTest, SignatureComputerNameIsTruncatedAndPadded) {
  Signature s;
  s.SetComputerName("A-VERY-LONG-COMPUTER-NAME");
  EXPECT_EQ(s.ComputerName(), "A-VERY-LONG-COM");  // 15 characters
  EXPECT_EQ(s.computer_name[15], 0);
  s.SetComputerName("HOST");
  EXPECT_EQ(s.ComputerName(), "HOST");
  EXPECT_EQ(s.computer_name[4], 0);

  std::array<uint8_t, 28> raw{};
  EncodeSignature(s, raw);
  EXPECT_EQ(raw[12], 'H');
  EXPECT_EQ(raw[15], 'T');
  EXPECT_EQ(DecodeSignature(raw), s);
}

TEST(PrimitivesTest, BkInfoRoundTrip) {
  BkInfo b;
  EXPECT_FALSE(b.IsSet());
  b.mark = Lgpos{0x10, 0x20, 7};
  b.mark_time = LogTime::FromUnixMillis(1660909592952);
  b.gen_low = 3;
  b.gen_high = 9;
  EXPECT_TRUE(b.IsSet());
  std::array<uint8_t, 24> raw{};
  EncodeBkInfo(b, raw);
  EXPECT_EQ(raw[0], 0x10);  // lgposMark.ib
  EXPECT_EQ(raw[4], 7);     // lgposMark.lGeneration
  EXPECT_EQ(raw[16], 3);    // genLow
  EXPECT_EQ(raw[20], 9);    // genHigh
  EXPECT_EQ(DecodeBkInfo(raw), b);
}

TEST(PrimitivesTest, DbTimeIsSigned64BitLittleEndian) {
  std::array<uint8_t, 8> raw{};
  EncodeDbTime(-2, raw);
  EXPECT_EQ(raw, (Bytes<8>({0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})));
  EXPECT_EQ(DecodeDbTime(raw), -2);
  EncodeDbTime(0x0102030405060708, raw);
  EXPECT_EQ(raw[0], 0x08);
  EXPECT_EQ(raw[7], 0x01);
}

TEST(PrimitivesTest, CheckedDecodersRejectEveryOutOfBoundsRead) {
  std::vector<uint8_t> buf(40, 0x5a);
  for (size_t offset = 0; offset <= buf.size() + 8; ++offset) {
    LogTime t;
    Lgpos p;
    Signature s;
    BkInfo b;
    DbTime d = 0;
    const bool fits8 = offset + 8 <= buf.size();
    EXPECT_EQ(DecodeLogTimeAt(buf, offset, &t) == JET_errSuccess, fits8);
    EXPECT_EQ(DecodeLgposAt(buf, offset, &p) == JET_errSuccess, fits8);
    EXPECT_EQ(DecodeDbTimeAt(buf, offset, &d) == JET_errSuccess, fits8);
    EXPECT_EQ(DecodeSignatureAt(buf, offset, &s) == JET_errSuccess, offset + 28 <= buf.size());
    EXPECT_EQ(DecodeBkInfoAt(buf, offset, &b) == JET_errSuccess, offset + 24 <= buf.size());
    if (!fits8) {
      EXPECT_EQ(DecodeLogTimeAt(buf, offset, &t), JET_errDatabaseCorrupted);
    }
  }
  // A huge offset must not wrap around.
  Lgpos p;
  EXPECT_EQ(DecodeLgposAt(buf, static_cast<size_t>(-4), &p), JET_errDatabaseCorrupted);
}

TEST(PrimitivesTest, GenuineHeaderPrimitivesRoundTrip) {
  for (const std::string& name : test::WindowsEdbNames()) {
    const std::vector<uint8_t> file = test::ReadWindowsEdb(name);
    ASSERT_GE(file.size(), 2 * test::kWindowsEdbPageSize) << name;
    // Every LOGTIME, LGPOS and SIGNATURE slot of the header's first 208
    // bytes decodes and re-encodes to the same bytes.
    for (size_t off : {24u, 108u}) {
      Signature s;
      ASSERT_EQ(DecodeSignatureAt(file, off, &s), JET_errSuccess);
      std::array<uint8_t, 28> back{};
      EncodeSignature(s, back);
      EXPECT_TRUE(std::equal(back.begin(), back.end(), file.begin() + off));
    }
    for (size_t off : {64u, 72u, 88u}) {
      LogTime t;
      ASSERT_EQ(DecodeLogTimeAt(file, off, &t), JET_errSuccess);
      EXPECT_TRUE(t.utc) << name << " @" << off;
      EXPECT_EQ(t.year, 122) << name;  // 2022
    }
    for (size_t off : {56u, 80u, 96u}) {
      Lgpos p;
      ASSERT_EQ(DecodeLgposAt(file, off, &p), JET_errSuccess);
      std::array<uint8_t, 8> back{};
      EncodeLgpos(p, back);
      EXPECT_TRUE(std::equal(back.begin(), back.end(), file.begin() + off));
    }
  }
}

}  // namespace
}  // namespace jet
