#include "format/checksum.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstring>
#include <iostream>
#include <map>
#include <vector>

#include "format/endian.h"
#include "format/page_editor.h"
#include "test_data.h"

namespace jet {
namespace {

// A second, deliberately naive definition of the ECC: every set bit at offset
// b (the first 8 bytes of a header block count as zero) contributes b in the
// low half and ~b in the high half; the block size then decides which high
// bits are kept. Written from the code's defining property rather than from
// ESE's row/column formulation, so the two implementations check each other.
uint64_t ReferenceBlockChecksum(std::span<const uint8_t> block, uint32_t pgno, bool header_block) {
  uint32_t ecc = 0;
  uint32_t x = 0;
  for (size_t byte = 0; byte < block.size(); ++byte) {
    if (header_block && byte < 8) {
      continue;
    }
    for (int bit = 0; bit < 8; ++bit) {
      if ((block[byte] >> bit) & 1) {
        const uint32_t b = static_cast<uint32_t>(byte * 8 + bit);
        ecc ^= ((~b & 0xffffu) << 16) | b;
        x ^= 1u << (b & 31);
      }
    }
  }
  const uint32_t keep = (static_cast<uint32_t>(block.size()) << 19) - 1u;
  ecc &= keep | 0x001f001fu;
  return (static_cast<uint64_t>(ecc) << 32) | (x ^ pgno);
}

std::vector<uint8_t> RandomBytes(std::mt19937_64& rng, size_t n) {
  std::vector<uint8_t> v(n);
  for (auto& b : v) {
    b = static_cast<uint8_t>(rng());
  }
  return v;
}

std::vector<uint8_t> CopyOf(std::span<const uint8_t> s) {
  return std::vector<uint8_t>(s.begin(), s.end());
}

void FlipBit(std::vector<uint8_t>& page, uint32_t bit) {
  page[bit / 8] = static_cast<uint8_t>(page[bit / 8] ^ (1u << (bit % 8)));
}

// A plausible page of `page_size` bytes filled with random lines, sealed with
// the new-format checksum for `pgno`.
std::vector<uint8_t> BuildRandomPage(std::mt19937_64& rng, size_t page_size, uint32_t pgno) {
  std::vector<uint8_t> page(page_size);
  PageEditor editor;
  PageEditor::NewPage info;
  info.pgno = pgno;
  info.objid_fdp = 7;
  info.flags = 0x0802;  // leaf, new record format
  info.dbtime = 1234;
  EXPECT_EQ(PageEditor::Format(page, info, &editor), JET_errSuccess);
  int line = 0;
  while (true) {
    const auto key = RandomBytes(rng, 1 + rng() % 40);
    const auto data = RandomBytes(rng, 1 + rng() % 300);
    std::vector<uint8_t> node;
    uint8_t flags = 0;
    EXPECT_EQ(EncodeNode(0, key, data, &node, &flags), JET_errSuccess);
    if (node.size() + 4 > editor.UsableFreeBytes()) {
      break;
    }
    EXPECT_EQ(editor.Insert(line++, node, flags), JET_errSuccess);
  }
  EXPECT_EQ(editor.Seal(pgno), JET_errSuccess);
  return page;
}

TEST(ChecksumTest, XorChecksumSkipsTheFirstWordAndUsesTheSeed) {
  std::vector<uint8_t> block(4096, 0);
  EXPECT_EQ(XorChecksum(block), kChecksumSeed);
  block[0] = 0xff;  // the checksum word itself does not count
  EXPECT_EQ(XorChecksum(block), kChecksumSeed);
  block[4] = 0x01;
  block[4095] = 0x80;
  EXPECT_EQ(XorChecksum(block), kChecksumSeed ^ 0x1u ^ 0x80000000u);
}

TEST(ChecksumTest, NewFormatMatchesTheReferenceDefinition) {
  std::mt19937_64 rng = test::SeededRandom("NewFormatMatchesReference");
  for (size_t size : {1024u, 2048u, 4096u, 8192u}) {
    for (int round = 0; round < 6; ++round) {
      auto block = RandomBytes(rng, size);
      if (round == 0) {
        std::fill(block.begin(), block.end(), 0);
      }
      if (round == 1) {
        std::fill(block.begin(), block.end(), 0xff);
      }
      const uint32_t pgno = static_cast<uint32_t>(rng());
      for (bool header : {false, true}) {
        EXPECT_EQ(NewFormatBlockChecksum(block, pgno, header),
                  ReferenceBlockChecksum(block, pgno, header))
            << "size " << size << " round " << round << " header " << header;
      }
    }
  }
}

TEST(ChecksumTest, SingleBitFlipChangesTheEccByTheCodeOfItsOffset) {
  std::mt19937_64 rng = test::SeededRandom("SingleBitFlipCode");
  for (size_t size : {4096u, 8192u}) {
    auto block = RandomBytes(rng, size);
    const uint64_t before = NewFormatBlockChecksum(block, 5, false);
    for (int i = 0; i < 200; ++i) {
      const uint32_t bit = static_cast<uint32_t>(rng() % (size * 8));
      auto flipped = block;
      FlipBit(flipped, bit);
      const uint64_t after = NewFormatBlockChecksum(flipped, 5, false);
      const uint32_t ecc_diff = EccOf(before) ^ EccOf(after);
      EXPECT_EQ(ecc_diff & 0xffffu, bit);
      EXPECT_EQ(XorOf(before) ^ XorOf(after), 1u << (bit % 32));
    }
  }
}

// Every page of the six genuine Windows files verifies; all-zero pages are
// reported as uninitialised, not as corruption.
TEST(ChecksumTest, EveryPageOfTheGenuineWindowsFilesVerifies) {
  const std::map<std::string, int> expected_in_use = {
      {"basic", 23}, {"binary", 25}, {"default", 23}, {"index", 47}, {"multi", 34}, {"text", 32}};
  int total = 0;
  for (const std::string& name : test::WindowsEdbNames()) {
    const std::vector<uint8_t> file = test::ReadWindowsEdb(name);
    ASSERT_EQ(file.size(), 1048576u) << name << " in " << test::WindowsEdbDir();
    const size_t physical = file.size() / test::kWindowsEdbPageSize;
    int in_use = 0;
    int blank = 0;
    for (size_t i = 2; i < physical; ++i) {
      const uint32_t pgno = static_cast<uint32_t>(i - 1);
      PageChecksumReport report;
      const JET_ERR err = VerifyPageChecksum(test::PhysicalPage(file, i), pgno, &report);
      if (err == JET_errPageNotInitialized) {
        ++blank;
        continue;
      }
      ASSERT_EQ(err, JET_errSuccess) << name << " pgno " << pgno;
      EXPECT_TRUE(report.new_format) << name << " pgno " << pgno;
      EXPECT_EQ(report.stored, report.computed);
      EXPECT_FALSE(report.corrected);
      ++in_use;
    }
    EXPECT_EQ(in_use, expected_in_use.at(name)) << name;
    EXPECT_EQ(in_use + blank, 254) << name;
    total += in_use;
    // The header and its shadow carry the old 4-byte form.
    for (size_t i = 0; i < 2; ++i) {
      const auto page = test::PhysicalPage(file, i);
      EXPECT_EQ(LoadLE32(page.data()), XorChecksum(page)) << name << " " << i;
    }
  }
  EXPECT_EQ(total, 184);
}

TEST(ChecksumTest, GenuinePageReadAtTheWrongPageNumber) {
  const std::vector<uint8_t> file = test::ReadWindowsEdb("basic");
  ASSERT_FALSE(file.empty());
  const auto page = test::PhysicalPage(file, 4 + 1);  // pgno 4: the catalog
  PageChecksumReport report;
  EXPECT_EQ(VerifyPageChecksum(page, 4, &report), JET_errSuccess);
  EXPECT_EQ(VerifyPageChecksum(page, 5, &report), JET_errReadPgnoVerifyFailure);
  EXPECT_EQ(report.stored_pgno, 4u);
  EXPECT_EQ(VerifyPageChecksum(page, 0x12345, &report), JET_errReadPgnoVerifyFailure);
  EXPECT_EQ(report.stored_pgno, 4u);
  // Read at 300 of a 254-page file: page 4's contents are still recognised.
  EXPECT_EQ(VerifyPageChecksum(page, 300, &report, 254), JET_errReadPgnoVerifyFailure);
  // Page 300's contents read at page 4 of a 254-page file cannot be: damage.
  auto from_afar = CopyOf(page);
  ASSERT_EQ(SetPageChecksum(from_afar, 300), JET_errSuccess);
  EXPECT_EQ(VerifyPageChecksum(std::span<const uint8_t>(from_afar), 4, &report, 254),
            JET_errReadVerifyFailure);
  EXPECT_EQ(VerifyPageChecksum(std::span<const uint8_t>(from_afar), 4, &report),
            JET_errReadPgnoVerifyFailure);
  EXPECT_EQ(report.stored_pgno, 300u);
}

// Every single-bit flip of a few genuine pages: the ECC corrects it and the
// page comes back bit for bit, except for the bits ESE never corrects.
TEST(ChecksumTest, EverySingleBitFlipOfGenuinePagesIsCorrectedOrRefused) {
  const std::vector<uint8_t> file = test::ReadWindowsEdb("text");
  ASSERT_FALSE(file.empty());
  int corrected = 0;
  int refused = 0;
  for (uint32_t pgno : {1u, 4u, 13u}) {
    const auto original = CopyOf(test::PhysicalPage(file, pgno + 1));
    ASSERT_EQ(VerifyPageChecksum(std::span<const uint8_t>(original), pgno, nullptr),
              JET_errSuccess);
    for (uint32_t bit = 0; bit < original.size() * 8; ++bit) {
      auto page = original;
      FlipBit(page, bit);
      PageChecksumReport report;
      const JET_ERR err = VerifyPageChecksum(std::span<uint8_t>(page), pgno,
                                             /*correct=*/true, &report);
      if (bit < 32 && (pgno ^ (1u << bit)) != 0) {
        // The stored XOR half: the page itself is intact and its checksum
        // now names another page number.
        ASSERT_EQ(err, JET_errReadPgnoVerifyFailure) << bit;
        ASSERT_EQ(report.stored_pgno, pgno ^ (1u << bit));
        ++refused;
      } else if (bit < 32) {
        ASSERT_EQ(err, JET_errReadVerifyFailure) << bit;  // "page 0"
        ++refused;
      } else if (bit < 64 || bit == kNewChecksumFlagBit) {
        // The stored ECC half, or the flag choosing the checksum form.
        ASSERT_EQ(err, JET_errReadVerifyFailure) << bit;
        ASSERT_FALSE(report.corrected);
        ++refused;
      } else {
        ASSERT_EQ(err, JET_errSuccess) << "pgno " << pgno << " bit " << bit;
        ASSERT_TRUE(report.corrected);
        ASSERT_EQ(report.corrected_bit, bit);
        ASSERT_EQ(page, original);
        ++corrected;
        continue;
      }
      ASSERT_NE(page, original);  // refused: the buffer is left as it was
    }
  }
  EXPECT_EQ(corrected, 3 * (4096 * 8 - 65));
  EXPECT_EQ(refused, 3 * 65);
}

TEST(ChecksumTest, ReadOnlyVerifyReportsButNeverCorrects) {
  const std::vector<uint8_t> file = test::ReadWindowsEdb("basic");
  ASSERT_FALSE(file.empty());
  auto page = CopyOf(test::PhysicalPage(file, 4 + 1));
  FlipBit(page, 1000 * 8 + 3);
  const auto damaged = page;
  PageChecksumReport report;
  EXPECT_EQ(VerifyPageChecksum(std::span<const uint8_t>(page), 4, &report),
            JET_errReadVerifyFailure);
  EXPECT_TRUE(report.correctable);
  EXPECT_FALSE(report.corrected);
  EXPECT_EQ(VerifyPageChecksum(std::span<uint8_t>(page), 4, false, &report),
            JET_errReadVerifyFailure);
  EXPECT_TRUE(report.correctable);
  EXPECT_EQ(page, damaged);
}

// Every byte of a few pages, and a sample of bytes of every page, replaced by
// a wrong value: always an error, or (a one-bit change) a correction back to
// the original. Never a silent success with different bytes.
TEST(ChecksumTest, CorruptBytesOfGenuinePagesAreNeverAccepted) {
  std::mt19937_64 rng = test::SeededRandom("CorruptBytesOfGenuinePages");
  int tried = 0;
  int corrected = 0;
  int pgno_like = 0;
  for (const std::string& name : test::WindowsEdbNames()) {
    const std::vector<uint8_t> file = test::ReadWindowsEdb(name);
    ASSERT_FALSE(file.empty());
    for (uint32_t pgno = 1; pgno <= 254; ++pgno) {
      const auto original = CopyOf(test::PhysicalPage(file, pgno + 1));
      if (IsAllZero(original)) {
        continue;
      }
      const bool every_byte = (name == "basic" && (pgno == 1 || pgno == 4));
      const size_t count = every_byte ? original.size() : 64;
      for (size_t k = 0; k < count; ++k) {
        const size_t at = every_byte ? k : rng() % original.size();
        uint8_t mask = static_cast<uint8_t>(rng());
        if (mask == 0) {
          mask = 0xff;
        }
        auto page = original;
        page[at] = static_cast<uint8_t>(page[at] ^ mask);
        PageChecksumReport report;
        const JET_ERR err =
            VerifyPageChecksum(std::span<uint8_t>(page), pgno, true, &report, /*pgno_max=*/254);
        ++tried;
        if (err == JET_errSuccess) {
          ASSERT_TRUE(report.corrected) << name << " " << pgno << " @" << at;
          ASSERT_EQ(page, original) << name << " " << pgno << " @" << at;
          ASSERT_EQ(std::popcount(mask), 1);
          ++corrected;
        } else if (err == JET_errReadPgnoVerifyFailure) {
          // The ECC still matches and only the XOR half differs: the
          // corruption looks like a page written for another pgno of this
          // file (always so for the stored XOR bytes; for data, an even
          // number of flips whose offsets cancel in the ECC, e.g. mask 0x0f,
          // in the low byte of a word).
          ASSERT_LE(report.stored_pgno, 254u);
          ASSERT_TRUE(at < 4 || at % 4 == 0) << at;
          ++pgno_like;
        } else {
          ASSERT_EQ(err, JET_errReadVerifyFailure) << name << " " << pgno << " @" << at;
        }
      }
    }
  }
  std::cout << "corrupt bytes tried: " << tried << ", corrected " << corrected
            << ", refused as misplaced " << pgno_like << "\n";
  EXPECT_GT(tried, 2 * 4096 + 180 * 64 - 1);
}

TEST(ChecksumTest, OldFormatPages) {
  const std::vector<uint8_t> file = test::ReadWindowsEdb("basic");
  ASSERT_FALSE(file.empty());
  auto page = CopyOf(test::PhysicalPage(file, 4 + 1));
  ASSERT_EQ(SetPageChecksumOldFormat(page, 4), JET_errSuccess);
  EXPECT_EQ(LoadLE32(page.data() + 4), 4u);
  PageChecksumReport report;
  EXPECT_EQ(VerifyPageChecksum(std::span<const uint8_t>(page), 4, &report), JET_errSuccess);
  EXPECT_FALSE(report.new_format);

  EXPECT_EQ(VerifyPageChecksum(std::span<const uint8_t>(page), 9, &report),
            JET_errReadPgnoVerifyFailure);
  EXPECT_EQ(report.stored_pgno, 4u);

  for (size_t at = 0; at < page.size(); at += 7) {
    auto bad = page;
    bad[at] ^= 0x10;
    const JET_ERR err = VerifyPageChecksum(std::span<uint8_t>(bad), 4, true, &report);
    // The XOR cannot locate errors: every flip is a failure, none corrected.
    ASSERT_EQ(err, JET_errReadVerifyFailure) << at;
    ASSERT_FALSE(report.correctable);
  }
}

TEST(ChecksumTest, BlankAndWrongSizedPages) {
  std::vector<uint8_t> zero(8192, 0);
  EXPECT_EQ(VerifyPageChecksum(std::span<const uint8_t>(zero), 3, nullptr),
            JET_errPageNotInitialized);
  std::vector<uint8_t> odd(5000, 1);
  EXPECT_EQ(VerifyPageChecksum(std::span<const uint8_t>(odd), 3, nullptr), JET_errInvalidParameter);
  EXPECT_EQ(SetPageChecksum(odd, 3), JET_errInvalidParameter);
  std::vector<uint8_t> tiny(3, 1);
  EXPECT_EQ(VerifyPageChecksum(std::span<const uint8_t>(tiny), 3, nullptr),
            JET_errInvalidParameter);
}

TEST(ChecksumTest, SmallPagesRoundTrip) {
  std::mt19937_64 rng = test::SeededRandom("SmallPagesRoundTrip");
  for (size_t size : {4096u, 8192u}) {
    const auto page = BuildRandomPage(rng, size, 77);
    PageChecksumReport report;
    EXPECT_EQ(VerifyPageChecksum(std::span<const uint8_t>(page), 77, &report), JET_errSuccess);
    EXPECT_EQ(report.computed.count, 1);
    EXPECT_EQ(VerifyPageChecksum(std::span<const uint8_t>(page), 78, &report),
              JET_errReadPgnoVerifyFailure);
    for (int i = 0; i < 300; ++i) {
      auto bad = page;
      const uint32_t bit = 64 + static_cast<uint32_t>(rng() % (size * 8 - 64));
      if (bit == kNewChecksumFlagBit) {
        continue;
      }
      FlipBit(bad, bit);
      ASSERT_EQ(VerifyPageChecksum(std::span<uint8_t>(bad), 77, true, &report), JET_errSuccess);
      ASSERT_EQ(report.corrected_bit, bit);
      ASSERT_EQ(bad, page);
    }
  }
}

// No genuine 16/32 KiB file is available here: the per-block layout is
// checked by round trips, corrections and the reference ECC instead.
TEST(ChecksumTest, LargePagesUseFourBlockChecksums) {
  std::mt19937_64 rng = test::SeededRandom("LargePagesUseFourBlocks");
  for (size_t size : {16384u, 32768u}) {
    const size_t block = size / 4;
    const uint32_t pgno = 300;
    const auto page = BuildRandomPage(rng, size, pgno);
    PageChecksumReport report;
    ASSERT_EQ(VerifyPageChecksum(std::span<const uint8_t>(page), pgno, &report), JET_errSuccess);
    ASSERT_EQ(report.computed.count, 4);
    // The layout: blocks 1..3 into PGHDR2.rgChecksum (offset 40), block 0 as
    // a header block into offset 0.
    for (int i = 1; i < 4; ++i) {
      EXPECT_EQ(LoadLE64(page.data() + 40 + 8 * static_cast<size_t>(i - 1)),
                ReferenceBlockChecksum(std::span<const uint8_t>(page).subspan(i * block, block),
                                       pgno, false));
    }
    EXPECT_EQ(LoadLE64(page.data()),
              ReferenceBlockChecksum(std::span<const uint8_t>(page).first(block), pgno, true));
    EXPECT_EQ(LoadLE32(page.data() + 64), pgno);  // PGHDR2.pgno

    // One flipped bit in each block at once: all four corrected.
    {
      auto bad = page;
      std::vector<uint32_t> bits;
      for (int i = 0; i < 4; ++i) {
        uint32_t bit = static_cast<uint32_t>(i * block * 8 + 800 + i);
        bits.push_back(bit);
        FlipBit(bad, bit);
      }
      ASSERT_EQ(VerifyPageChecksum(std::span<uint8_t>(bad), pgno, true, &report), JET_errSuccess);
      EXPECT_EQ(report.corrected_count, 4);
      EXPECT_EQ(report.corrected_bit, bits[0]);
      EXPECT_EQ(bad, page);
    }
    // A bit of a stored block checksum (inside block 0) is repaired too.
    for (uint32_t bit = 40 * 8; bit < 64 * 8; bit += 5) {
      auto bad = page;
      FlipBit(bad, bit);
      ASSERT_EQ(VerifyPageChecksum(std::span<uint8_t>(bad), pgno, true, &report), JET_errSuccess)
          << bit;
      ASSERT_EQ(bad, page);
    }
    // Random single bits anywhere past the stored checksum.
    for (int i = 0; i < 400; ++i) {
      const uint32_t bit = 64 + static_cast<uint32_t>(rng() % (size * 8 - 64));
      if (bit == kNewChecksumFlagBit) {
        continue;
      }
      auto bad = page;
      FlipBit(bad, bit);
      ASSERT_EQ(VerifyPageChecksum(std::span<uint8_t>(bad), pgno, true, &report), JET_errSuccess)
          << bit;
      ASSERT_EQ(report.corrected_bit, bit);
      ASSERT_EQ(bad, page);
    }
    // Two bits in one block cannot be corrected.
    {
      auto bad = page;
      FlipBit(bad, static_cast<uint32_t>(2 * block * 8 + 100));
      FlipBit(bad, static_cast<uint32_t>(2 * block * 8 + 9000));
      const auto damaged = bad;
      EXPECT_EQ(VerifyPageChecksum(std::span<uint8_t>(bad), pgno, true, &report),
                JET_errReadVerifyFailure);
      EXPECT_EQ(bad, damaged);
    }
    // The page copied to another page number.
    EXPECT_EQ(VerifyPageChecksum(std::span<const uint8_t>(page), pgno + 1, &report),
              JET_errReadPgnoVerifyFailure);
    EXPECT_EQ(report.stored_pgno, pgno);
    // A checksum right for this place but PGHDR2 naming another page.
    {
      auto moved = page;
      StoreLE32(moved.data() + 64, pgno + 5);
      // SetPageChecksum() leaves PGHDR2.pgno alone.
      ASSERT_EQ(SetPageChecksum(moved, pgno), JET_errSuccess);
      EXPECT_EQ(VerifyPageChecksum(std::span<const uint8_t>(moved), pgno, &report),
                JET_errReadPgnoVerifyFailure);
      EXPECT_EQ(report.stored_pgno, pgno + 5);
    }
  }
}

}  // namespace
}  // namespace jet
