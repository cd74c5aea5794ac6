// ESE's value compression: 7-bit packing and Xpress, checked against the
// compressed values Windows wrote into the sample databases, Microsoft's own
// documented examples, round trips and malformed input.

#include "record/compression.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "record/seven_bit.h"
#include "record/xpress.h"
#include "test_util.h"

namespace jet {
namespace {

using test::Bytes;
using test::Hex;
using test::Unrle;

std::vector<uint8_t> Utf16(const std::string& ascii) {
  std::vector<uint8_t> out;
  for (char c : ascii) {
    out.push_back(static_cast<uint8_t>(c));
    out.push_back(0);
  }
  return out;
}

TEST(CompressionWindows, EveryCompressedValueInTheSamplesDecodes) {
  const auto& values = test::WindowsCompressedValues();
  ASSERT_EQ(values.size(), 16u);
  int seven_bit = 0;
  int xpress = 0;
  for (const auto& v : values) {
    SCOPED_TRACE(v.what);
    const std::vector<uint8_t> compressed = Unrle(v.compressed);
    const std::vector<uint8_t> expected = Unrle(v.expected);
    const CompressionScheme scheme = CompressionSchemeOf(compressed);
    if (scheme == CompressionScheme::kXpress) ++xpress;
    if (scheme == CompressionScheme::kSevenBitAscii) ++seven_bit;

    size_t size = 0;
    ASSERT_EQ(DecompressedSize(compressed, &size), JET_errSuccess);
    EXPECT_EQ(size, expected.size());
    std::vector<uint8_t> out;
    ASSERT_EQ(DecompressToVector(compressed, &out), JET_errSuccess);
    EXPECT_EQ(Hex(out), Hex(expected));
  }
  // What Windows chose: Xpress for values of 1024 bytes and more, 7-bit
  // packing below.
  EXPECT_EQ(xpress, 13);
  EXPECT_EQ(seven_bit, 3);
}

TEST(CompressionWindows, SevenBitPackingIsByteIdenticalToWindows) {
  for (const auto& v : test::WindowsCompressedValues()) {
    const std::vector<uint8_t> compressed = Unrle(v.compressed);
    if (CompressionSchemeOf(compressed) != CompressionScheme::kSevenBitAscii) continue;
    SCOPED_TRACE(v.what);
    std::vector<uint8_t> ours;
    ASSERT_TRUE(CompressValue(Unrle(v.expected), CompressOptions{}, &ours));
    EXPECT_EQ(Hex(ours), Hex(compressed));
  }
}

TEST(CompressionWindows, OurCompressorPicksTheSchemeWindowsPicked) {
  for (const auto& v : test::WindowsCompressedValues()) {
    SCOPED_TRACE(v.what);
    const std::vector<uint8_t> theirs = Unrle(v.compressed);
    const std::vector<uint8_t> value = Unrle(v.expected);
    std::vector<uint8_t> ours;
    ASSERT_TRUE(CompressValue(value, CompressOptions{}, &ours));
    EXPECT_EQ(CompressionSchemeOf(ours), CompressionSchemeOf(theirs));
    std::vector<uint8_t> back;
    ASSERT_EQ(DecompressToVector(ours, &back), JET_errSuccess);
    EXPECT_EQ(back, value);
  }
}

// The examples in the comments and unit tests of Microsoft's
// compression.cxx.
TEST(CompressionSevenBit, MicrosoftExamples) {
  std::vector<uint8_t> out;
  PackSevenBit(Bytes("01234567"), false, &out);
  // "Written to the output buffer we end up with: b0 98 6c 46 ab d9 6e";
  // 56 bits fill the last byte, so the header is 1 << 3 | 7.
  EXPECT_EQ(Hex(out), "0fb0986c46abd96e");

  out.clear();
  PackSevenBit(Bytes("1234567890ABCDEF"), false, &out);
  EXPECT_EQ(out.size(), 15u);
  std::vector<uint8_t> back;
  ASSERT_EQ(DecompressToVector(out, &back), JET_errSuccess);
  EXPECT_EQ(back, Bytes("1234567890ABCDEF"));

  // L"12": two 7-bit units, 14 bits, 6 of them in the last byte.
  out.clear();
  PackSevenBit(Utf16("12"), true, &out);
  EXPECT_EQ(Hex(out), "153119");
  ASSERT_EQ(DecompressToVector(out, &back), JET_errSuccess);
  EXPECT_EQ(back, Utf16("12"));

  // Too short to gain anything: "foo" and L"f".
  EXPECT_FALSE(CompressValue(Bytes("foo"), CompressOptions{}, &out));
  EXPECT_FALSE(CompressValue(Utf16("f"), CompressOptions{}, &out));
  EXPECT_TRUE(CompressValue(Utf16("12"), CompressOptions{}, &out));
  EXPECT_EQ(out.size(), 3u);
}

TEST(CompressionSevenBit, PrefersUnicodeAndChecksTheAlphabet) {
  std::vector<uint8_t> out;
  ASSERT_TRUE(CompressValue(Utf16("hello unicode"), CompressOptions{}, &out));
  EXPECT_EQ(CompressionSchemeOf(out), CompressionScheme::kSevenBitUnicode);
  ASSERT_TRUE(CompressValue(Bytes("hello ascii text"), CompressOptions{}, &out));
  EXPECT_EQ(CompressionSchemeOf(out), CompressionScheme::kSevenBitAscii);
  // A byte >= 0x80 rules 7-bit packing out.
  std::vector<uint8_t> high = Bytes("hello ascii text");
  high[3] = 0xe9;
  EXPECT_FALSE(CompressValue(high, CompressOptions{kCompress7Bit, 1024}, &out));
  EXPECT_FALSE(
      CompressValue(Bytes("hello ascii text"), CompressOptions{kCompressXpress, 1024}, &out));
}

TEST(CompressionSevenBit, EveryLengthRoundTrips) {
  std::mt19937_64 rng = test::SeededRandom("CompressionSevenBit.EveryLengthRoundTrips");
  for (size_t n = 1; n < 300; ++n) {
    std::vector<uint8_t> data(n);
    for (auto& b : data) b = static_cast<uint8_t>(rng() & 0x7f);
    for (bool unicode : {false, true}) {
      std::vector<uint8_t> input = data;
      if (unicode) {
        input.clear();
        for (uint8_t b : data) {
          input.push_back(b);
          input.push_back(0);
        }
      }
      std::vector<uint8_t> packed;
      PackSevenBit(input, unicode, &packed);
      ASSERT_EQ(packed.size(), SevenBitPackedSize(n));
      std::vector<uint8_t> back;
      ASSERT_EQ(DecompressToVector(packed, &back), JET_errSuccess) << n;
      ASSERT_EQ(back, input) << n;
    }
  }
}

TEST(CompressionSevenBit, MalformedHeadersAreRejected) {
  std::vector<uint8_t> out;
  size_t size = 0;
  // Header only: no payload.
  EXPECT_EQ(DecompressedSize(std::vector<uint8_t>{0x0f}, &size), JET_errDecompressionFailed);
  // 2 payload bytes with 3 bits in the last: 11 bits, not a multiple of 7.
  EXPECT_EQ(DecompressToVector(std::vector<uint8_t>{0x0a, 0x41, 0x01}, &out),
            JET_errDecompressionFailed);
  // Every header with a valid 7-bit scheme either decodes or is rejected,
  // whatever the payload length.
  for (int header = 0x08; header < 0x18; ++header) {
    for (size_t len = 0; len < 20; ++len) {
      std::vector<uint8_t> v(len + 1, 0x55);
      v[0] = static_cast<uint8_t>(header);
      const JET_ERR err = DecompressToVector(v, &out);
      EXPECT_TRUE(err == JET_errSuccess || err == JET_errDecompressionFailed);
      if (err == JET_errSuccess) {
        EXPECT_EQ(((len - 1) * 8 + (header & 7) + 1) % 7, 0u);
      }
    }
  }
}

TEST(CompressionXpress, UnknownSchemesAreDecompressionFailures) {
  std::vector<uint8_t> out;
  for (int scheme : {0, 4, 5, 6, 7, 31}) {
    std::vector<uint8_t> v = {static_cast<uint8_t>(scheme << 3), 0x10, 0x00, 0, 0, 0, 0, 'a'};
    EXPECT_EQ(DecompressToVector(v, &out), JET_errDecompressionFailed) << scheme;
  }
  EXPECT_EQ(DecompressToVector(std::vector<uint8_t>{}, &out), JET_errDecompressionFailed);
  EXPECT_EQ(DecompressToVector(std::vector<uint8_t>{0x18, 0x01}, &out), JET_errDecompressionFailed);
  // Low bits of the Xpress header are zero in everything ESE writes.
  EXPECT_EQ(DecompressToVector(std::vector<uint8_t>{0x19, 0x01, 0x00, 0, 0, 0, 0, 'a'}, &out),
            JET_errDecompressionFailed);
}

TEST(CompressionXpress, MalformedStreams) {
  std::vector<uint8_t> out(16);
  // A match before the start of the output.
  std::vector<uint8_t> before = {0x00, 0x00, 0x00, 0x80, 0x08, 0x00};
  EXPECT_EQ(XpressDecompress(before, std::span<uint8_t>(out).first(4)), JET_errDecompressionFailed);
  // A literal, then a match longer than the declared size.
  std::vector<uint8_t> longer = {0x00, 0x00, 0x00, 0x40, 'a', 0x06, 0x00};
  EXPECT_EQ(XpressDecompress(longer, std::span<uint8_t>(out).first(5)), JET_errDecompressionFailed);
  EXPECT_EQ(XpressDecompress(longer, std::span<uint8_t>(out).first(10)), JET_errSuccess);
  EXPECT_EQ(std::string(out.begin(), out.begin() + 10), "aaaaaaaaaa");
  // The stream ends before the declared size is reached.
  EXPECT_EQ(XpressDecompress(longer, std::span<uint8_t>(out).first(11)),
            JET_errDecompressionFailed);
  // No flag word at all.
  EXPECT_EQ(XpressDecompress(std::vector<uint8_t>{0x00, 0x00}, std::span<uint8_t>(out).first(1)),
            JET_errDecompressionFailed);
  // An escaped length below 22 (15 + 7) is invalid.
  std::vector<uint8_t> small_u16 = {0x00, 0x00, 0x00, 0x40, 'a', 0x07,
                                    0x00, 0x0f, 0xff, 0x05, 0x00};
  EXPECT_EQ(XpressDecompress(small_u16, std::span<uint8_t>(out).first(16)),
            JET_errDecompressionFailed);
  // Zero bytes decode from anything.
  EXPECT_EQ(XpressDecompress(std::vector<uint8_t>{}, std::span<uint8_t>()), JET_errSuccess);
}

TEST(CompressionXpress, FourByteLengthEscape) {
  // 'a' then a match of 100000 bytes at offset 1: token length 7, half-byte
  // 15, byte 255, u16 0, u32 length - 3.
  const uint32_t len = 100000;
  std::vector<uint8_t> s = {0x00, 0x00, 0x00, 0x40, 'a', 0x07, 0x00, 0x0f, 0xff, 0x00, 0x00};
  const uint32_t v = len - 3;
  for (int i = 0; i < 4; ++i) s.push_back(static_cast<uint8_t>(v >> (8 * i)));
  std::vector<uint8_t> out(len + 1);
  ASSERT_EQ(XpressDecompress(s, out), JET_errSuccess);
  EXPECT_TRUE(std::all_of(out.begin(), out.end(), [](uint8_t b) { return b == 'a'; }));
}

TEST(CompressionXpress, RoundTripsOfEveryShape) {
  std::mt19937_64 rng = test::SeededRandom("CompressionXpress.RoundTripsOfEveryShape");
  for (int iter = 0; iter < 200; ++iter) {
    // Every length up to 40, then mostly values up to a page, now and then
    // past 65535 bytes.
    const size_t n = (iter < 40)        ? static_cast<size_t>(iter)
                     : (iter % 20 == 0) ? 65536 + rng() % 5000
                                        : rng() % 9000;
    std::vector<uint8_t> data(n);
    const int shape = static_cast<int>(rng() % 4);
    for (size_t i = 0; i < n; ++i) {
      switch (shape) {
        case 0:  // random: incompressible
          data[i] = static_cast<uint8_t>(rng());
          break;
        case 1:  // long runs (exercise every length escape)
          data[i] = static_cast<uint8_t>((i / (1 + rng() % 3000)) & 0xff);
          break;
        case 2:  // small alphabet
          data[i] = static_cast<uint8_t>('a' + rng() % 4);
          break;
        default:  // repeated phrases with distant matches
          data[i] = static_cast<uint8_t>("the quick brown fox "[(i * 7 / 5) % 20]);
          break;
      }
    }
    std::vector<uint8_t> stream;
    XpressCompress(data, &stream);
    std::vector<uint8_t> back(n);
    ASSERT_EQ(XpressDecompress(stream, back), JET_errSuccess) << "iter " << iter << " n " << n;
    ASSERT_EQ(back, data) << "iter " << iter;
  }
}

TEST(CompressionXpress, CompressValueUsesXpressFrom1024Bytes) {
  std::vector<uint8_t> text(2000);
  for (size_t i = 0; i < text.size(); ++i) text[i] = static_cast<uint8_t>("abcdefgh"[i % 8] | 0x80);
  std::vector<uint8_t> out;
  ASSERT_TRUE(CompressValue(text, CompressOptions{}, &out));
  EXPECT_EQ(CompressionSchemeOf(out), CompressionScheme::kXpress);
  EXPECT_EQ(out[1] | (out[2] << 8), 2000);
  std::vector<uint8_t> back;
  ASSERT_EQ(DecompressToVector(out, &back), JET_errSuccess);
  EXPECT_EQ(back, text);
  // Below the threshold, high bytes: nothing applies.
  EXPECT_FALSE(CompressValue(std::span<const uint8_t>(text).first(1023), CompressOptions{}, &out));
  // Over 65535 bytes Xpress cannot record the size.
  std::vector<uint8_t> big(70000, 0x90);
  EXPECT_FALSE(CompressValue(big, CompressOptions{}, &out));
  // Random bytes do not compress.
  std::mt19937_64 rng(7);
  std::vector<uint8_t> noise(4000);
  for (auto& b : noise) b = static_cast<uint8_t>(rng());
  EXPECT_FALSE(CompressValue(noise, CompressOptions{}, &out));
}

TEST(CompressionBuffers, TruncationFollowsJetRetrieveColumn) {
  for (const auto& v : test::WindowsCompressedValues()) {
    SCOPED_TRACE(v.what);
    const std::vector<uint8_t> compressed = Unrle(v.compressed);
    const std::vector<uint8_t> expected = Unrle(v.expected);
    for (size_t cap : {size_t{0}, size_t{1}, size_t{7}, expected.size() - 1, expected.size(),
                       expected.size() + 10}) {
      std::vector<uint8_t> buf(cap, 0xcc);
      size_t actual = 0;
      const JET_ERR err = Decompress(compressed, buf, &actual);
      EXPECT_EQ(actual, expected.size());
      const size_t n = std::min(cap, expected.size());
      EXPECT_TRUE(
          std::equal(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n), expected.begin()));
      EXPECT_EQ(err, cap < expected.size() ? JET_wrnBufferTruncated : JET_errSuccess);
      // Bytes past the value are left alone.
      for (size_t i = n; i < cap; ++i) EXPECT_EQ(buf[i], 0xcc);
    }
  }
}

// Truncated and mutated Windows vectors never crash or read out of bounds
// (ASan watches); they decode to something or fail cleanly.
TEST(CompressionMalformed, TruncationsAndMutations) {
  std::mt19937_64 rng = test::SeededRandom("CompressionMalformed.TruncationsAndMutations");
  for (const auto& v : test::WindowsCompressedValues()) {
    const std::vector<uint8_t> compressed = Unrle(v.compressed);
    std::vector<uint8_t> out;
    for (size_t len = 0; len < compressed.size(); ++len) {
      // Heap copies of exactly `len` bytes, so ASan sees any overread.
      std::vector<uint8_t> cut(compressed.begin(),
                               compressed.begin() + static_cast<std::ptrdiff_t>(len));
      const JET_ERR err = DecompressToVector(cut, &out);
      EXPECT_TRUE(err == JET_errSuccess || err == JET_errDecompressionFailed);
      if (CompressionSchemeOf(compressed) == CompressionScheme::kXpress) {
        // The declared size cannot be reached with bytes missing.
        EXPECT_EQ(err, JET_errDecompressionFailed) << v.what << " len " << len;
      }
    }
    for (int i = 0; i < 300; ++i) {
      std::vector<uint8_t> bad = compressed;
      const int flips = 1 + static_cast<int>(rng() % 4);
      for (int f = 0; f < flips; ++f)
        bad[rng() % bad.size()] ^= static_cast<uint8_t>(1 + rng() % 255);
      const JET_ERR err = DecompressToVector(bad, &out);
      EXPECT_TRUE(err == JET_errSuccess || err == JET_errDecompressionFailed);
    }
  }
}

}  // namespace
}  // namespace jet
