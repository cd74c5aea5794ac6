#include "format/db_header.h"

#include <gtest/gtest.h>

#include <vector>

#include "format/checksum.h"
#include "format/db_header_dump.h"
#include "format/endian.h"
#include "test_data.h"

namespace jet {
namespace {

std::vector<uint8_t> CopyOf(std::span<const uint8_t> s) {
  return std::vector<uint8_t>(s.begin(), s.end());
}

// Re-seals a hand-edited header page with a correct checksum.
void Reseal(std::vector<uint8_t>& page) { StoreLE32(page.data(), XorChecksum(page)); }

std::vector<uint8_t> GenuineHeaderPage(const std::string& name = "basic", size_t index = 0) {
  const std::vector<uint8_t> file = test::ReadWindowsEdb(name);
  EXPECT_FALSE(file.empty()) << test::WindowsEdbDir();
  if (file.empty()) {
    return std::vector<uint8_t>(4096, 0);
  }
  return CopyOf(test::PhysicalPage(file, index));
}

TEST(DbHeaderTest, GenuineHeadersDecode) {
  for (const std::string& name : test::WindowsEdbNames()) {
    const std::vector<uint8_t> file = test::ReadWindowsEdb(name);
    ASSERT_GE(file.size(), 8192u) << name;
    for (size_t copy = 0; copy < 2; ++copy) {
      DbFileHeader h;
      ASSERT_EQ(DecodeDbHeader(test::PhysicalPage(file, copy), &h), JET_errSuccess)
          << name << " copy " << copy;
      EXPECT_EQ(h.magic, kDbMagic);
      EXPECT_EQ(h.version, 0x620u);
      EXPECT_EQ(h.update_major, 0x14u);
      EXPECT_EQ(h.page_size, 4096u);
      EXPECT_EQ(h.EffectivePageSize(), 4096u);
      EXPECT_EQ(h.dbstate, static_cast<uint32_t>(kDbStateCleanShutdown));
      EXPECT_EQ(h.file_type, static_cast<uint32_t>(kFileTypeDatabase));
      EXPECT_EQ(h.attrib, 0u);
      EXPECT_EQ(h.create_version, 0x620u);
      EXPECT_EQ(h.create_update, 0x14u);
      EXPECT_TRUE(h.sign_db.IsSet());
      EXPECT_TRUE(h.logtime_consistent.utc);
      EXPECT_FALSE(h.lgpos_consistent.IsZero());         // detached cleanly
      EXPECT_EQ(h.sort_version, 0xffffffffffffffffull);  // as the file has
      EXPECT_EQ(CheckDbHeaderPageSize(h, 4096), JET_errSuccess);
      EXPECT_EQ(CheckDbHeaderPageSize(h, 8192), JET_errPageSizeMismatch);
    }
    DbHeaderPick pick;
    ASSERT_EQ(PickDbHeader(test::PhysicalPage(file, 0), test::PhysicalPage(file, 1), &pick),
              JET_errSuccess);
    EXPECT_EQ(pick.source, DbHeaderCopy::kPrimary);
    EXPECT_TRUE(pick.copies_match) << name;
  }
}

TEST(DbHeaderTest, GenuineHeadersReEncodeByteForByte) {
  for (const std::string& name : test::WindowsEdbNames()) {
    for (size_t copy = 0; copy < 2; ++copy) {
      const std::vector<uint8_t> page = GenuineHeaderPage(name, copy);
      DbFileHeader h;
      ASSERT_EQ(DecodeDbHeader(page, &h), JET_errSuccess);
      std::vector<uint8_t> again(page.size(), 0xcc);
      ASSERT_EQ(EncodeDbHeader(h, again), JET_errSuccess);
      EXPECT_EQ(again, page) << name << " copy " << copy;
    }
  }
}

// Every one of the 748 bytes is a field (or kept reserved bytes): random
// contents survive parse + encode unchanged.
TEST(DbHeaderTest, EveryByteOfTheStructureRoundTrips) {
  std::mt19937_64 rng = test::SeededRandom("DbHeaderEveryByteRoundTrips");
  for (int round = 0; round < 20; ++round) {
    std::vector<uint8_t> page(8192, 0);
    for (size_t i = 4; i < kDbFileHeaderSize; ++i) {
      page[i] = static_cast<uint8_t>(rng());
    }
    Reseal(page);
    DbFileHeader h;
    ASSERT_EQ(ParseDbHeader(page, &h), JET_errSuccess);
    EXPECT_EQ(h.checksum, XorChecksum(page));
    std::vector<uint8_t> again(8192, 0xee);
    ASSERT_EQ(EncodeDbHeader(h, again), JET_errSuccess);
    ASSERT_EQ(again, page) << "round " << round;
  }
}

TEST(DbHeaderTest, FieldOffsets) {
  DbFileHeader h = NewDbFileHeader(8192);
  h.dbtime_dirtied = 0x1122334455667788;
  h.dbstate = kDbStateDirtyShutdown;
  h.dbid = 0xabcd;
  h.objid_last = 0x77;
  h.gen_min_required = 5;
  h.gen_max_required = 9;
  h.gen_max_committed = 10;
  h.update_minor = 3;
  h.bkinfo_full_prev.gen_low = 0x41;
  h.bkinfo_full_cur.gen_high = 0x42;
  h.lgpos_last_resize = Lgpos{1, 2, 3};
  h.revert_page_count = 0x99;
  h.lgpos_commit_before_revert = Lgpos{0, 0, 0x5a};
  std::vector<uint8_t> page(8192);
  ASSERT_EQ(EncodeDbHeader(h, page), JET_errSuccess);
  EXPECT_EQ(LoadLE32(page.data() + 4), kDbMagic);
  EXPECT_EQ(LoadLE32(page.data() + 8), 0x620u);
  EXPECT_EQ(LoadLE64(page.data() + 16), 0x1122334455667788u);
  EXPECT_EQ(LoadLE32(page.data() + 52), 2u);
  EXPECT_EQ(LoadLE32(page.data() + 104), 0xabcdu);
  EXPECT_EQ(LoadLE32(page.data() + 136 + 16), 0x41u);  // bkinfoFullPrev.genLow
  EXPECT_EQ(LoadLE32(page.data() + 184 + 20), 0x42u);  // bkinfoFullCur.genHigh
  EXPECT_EQ(LoadLE32(page.data() + 212), 0x77u);
  EXPECT_EQ(LoadLE32(page.data() + 232), 0x14u);
  EXPECT_EQ(LoadLE32(page.data() + 236), 8192u);
  EXPECT_EQ(LoadLE32(page.data() + 296), 5u);
  EXPECT_EQ(LoadLE32(page.data() + 300), 9u);
  EXPECT_EQ(LoadLE32(page.data() + 340), 0x620u);
  EXPECT_EQ(LoadLE32(page.data() + 416), 10u);
  EXPECT_EQ(LoadLE32(page.data() + 644), 3u);
  EXPECT_EQ(LoadLE16(page.data() + 656), 1u);  // lgposLastResize.ib
  EXPECT_EQ(page[667], 1);                     // file type: database
  EXPECT_EQ(LoadLE32(page.data() + 736), 0x99u);
  EXPECT_EQ(LoadLE32(page.data() + 744), 0x5au);
  for (size_t i = kDbFileHeaderSize; i < page.size(); ++i) {
    ASSERT_EQ(page[i], 0) << i;
  }
  EXPECT_EQ(LoadLE32(page.data()), XorChecksum(page));
  DbFileHeader back;
  ASSERT_EQ(DecodeDbHeader(page, &back), JET_errSuccess);
  h.checksum = back.checksum;
  EXPECT_EQ(back, h);
}

// Any single damaged byte of a header page is caught by the checksum.
TEST(DbHeaderTest, EveryFlippedByteOfAHeaderIsRejected) {
  const std::vector<uint8_t> page = GenuineHeaderPage();
  int tried = 0;
  for (size_t at = 0; at < page.size(); ++at) {
    for (uint8_t mask : {uint8_t{0xff}, uint8_t{0x01}, uint8_t{0x80}}) {
      auto bad = page;
      bad[at] = static_cast<uint8_t>(bad[at] ^ mask);
      DbFileHeader h;
      ASSERT_EQ(DecodeDbHeader(bad, &h), JET_errReadVerifyFailure) << at;
      ++tried;
    }
  }
  EXPECT_EQ(tried, 3 * 4096);
}

TEST(DbHeaderTest, ShadowIsUsedWhenThePrimaryIsBad) {
  const std::vector<uint8_t> primary = GenuineHeaderPage("multi", 0);
  const std::vector<uint8_t> shadow = GenuineHeaderPage("multi", 1);
  auto bad = primary;
  bad[100] ^= 0x40;

  DbHeaderPick pick;
  ASSERT_EQ(PickDbHeader(bad, shadow, &pick), JET_errSuccess);
  EXPECT_EQ(pick.source, DbHeaderCopy::kShadow);
  EXPECT_EQ(pick.primary_err, JET_errReadVerifyFailure);
  EXPECT_EQ(pick.shadow_err, JET_errSuccess);
  EXPECT_FALSE(pick.copies_match);
  EXPECT_EQ(pick.header.dbstate, static_cast<uint32_t>(kDbStateCleanShutdown));

  ASSERT_EQ(PickDbHeader(primary, bad, &pick), JET_errSuccess);
  EXPECT_EQ(pick.source, DbHeaderCopy::kPrimary);
  EXPECT_EQ(pick.shadow_err, JET_errReadVerifyFailure);

  std::vector<uint8_t> zero(4096, 0);
  EXPECT_EQ(PickDbHeader(bad, zero, &pick), JET_errDatabaseCorrupted);
  EXPECT_EQ(PickDbHeader(zero, zero, &pick), JET_errDatabaseCorrupted);
  // A file shorter than a header.
  EXPECT_EQ(
      PickDbHeader(std::span<const uint8_t>(primary).first(100), std::span<const uint8_t>(), &pick),
      JET_errDatabaseCorrupted);
}

TEST(DbHeaderTest, IntactHeaderWithWrongMagicIsCorrupt) {
  auto page = GenuineHeaderPage();
  StoreLE32(page.data() + 4, 0x89abcdee);
  Reseal(page);
  DbFileHeader h;
  EXPECT_EQ(DecodeDbHeader(page, &h), JET_errDatabaseCorrupted);
  const auto shadow = GenuineHeaderPage("basic", 1);
  DbHeaderPick pick;
  EXPECT_EQ(PickDbHeader(page, shadow, &pick), JET_errSuccess);
  EXPECT_EQ(pick.source, DbHeaderCopy::kShadow);
}

TEST(DbHeaderTest, VersionChecks) {
  const auto genuine = GenuineHeaderPage();
  DbFileHeader h;
  struct Case {
    uint32_t version;
    uint32_t update_major;
    uint32_t update_minor;
    JET_ERR expected;
  };
  for (const Case& c : {
           Case{0x620, 0x14, 0, JET_errSuccess},
           Case{0x620, 0x09, 0, JET_errSuccess},    // older revisions read
           Case{0x620, 0x14, 500, JET_errSuccess},  // minor: compatible
           Case{0x620, 0x15, 0, JET_errInvalidDatabaseVersion},
           Case{0x620, 0x122, 0, JET_errInvalidDatabaseVersion},
           Case{0x621, 0x14, 0, JET_errInvalidDatabaseVersion},
           Case{0x600, 0x00, 0, JET_errInvalidDatabaseVersion},
       }) {
    auto page = genuine;
    StoreLE32(page.data() + 8, c.version);
    StoreLE32(page.data() + 232, c.update_major);
    StoreLE32(page.data() + 644, c.update_minor);
    Reseal(page);
    EXPECT_EQ(DecodeDbHeader(page, &h), c.expected)
        << std::hex << c.version << "," << c.update_major;
  }

  // An intact primary of a newer format is authoritative: the older shadow
  // is not used instead.
  auto newer = genuine;
  StoreLE32(newer.data() + 232, 0x15);
  Reseal(newer);
  DbHeaderPick pick;
  EXPECT_EQ(PickDbHeader(newer, GenuineHeaderPage("basic", 1), &pick),
            JET_errInvalidDatabaseVersion);
}

TEST(DbHeaderTest, FileTypeChecks) {
  const auto genuine = GenuineHeaderPage();
  DbFileHeader h;
  for (uint32_t type = 0; type < 10; ++type) {
    auto page = genuine;
    StoreLE32(page.data() + kFileTypeOffset, type);
    Reseal(page);
    const bool ok =
        type == kFileTypeUnknown || type == kFileTypeDatabase || type == kFileTypeTempDatabase;
    EXPECT_EQ(DecodeDbHeader(page, &h), ok ? JET_errSuccess : JET_errFileInvalidType) << type;
  }
  // A log header (type 3) is refused as such even though its offset 4 is a
  // generation number, not the database magic.
  auto log = genuine;
  StoreLE32(log.data() + 4, 17);
  StoreLE32(log.data() + kFileTypeOffset, kFileTypeLog);
  Reseal(log);
  EXPECT_EQ(DecodeDbHeader(log, &h), JET_errFileInvalidType);
  // attrib 1 was the streaming (SLV) file.
  auto slv = genuine;
  StoreLE32(slv.data() + 12, 1);
  Reseal(slv);
  EXPECT_EQ(DecodeDbHeader(slv, &h), JET_errFileInvalidType);
}

TEST(DbHeaderTest, PageSizeAndStateChecks) {
  const auto genuine = GenuineHeaderPage();
  DbFileHeader h;
  for (uint32_t size : {0u, 4096u, 8192u, 16384u, 32768u}) {
    auto page = genuine;
    StoreLE32(page.data() + 236, size);
    Reseal(page);
    ASSERT_EQ(DecodeDbHeader(page, &h), JET_errSuccess) << size;
    EXPECT_EQ(h.EffectivePageSize(), size == 0 ? 4096u : size);
  }
  for (uint32_t size : {1u, 2048u, 12288u, 65536u, 0xffffffffu}) {
    auto page = genuine;
    StoreLE32(page.data() + 236, size);
    Reseal(page);
    EXPECT_EQ(DecodeDbHeader(page, &h), JET_errDatabaseCorrupted) << size;
  }
  for (uint32_t state = 0; state < 12; ++state) {
    auto page = genuine;
    StoreLE32(page.data() + 52, state);
    Reseal(page);
    EXPECT_EQ(DecodeDbHeader(page, &h),
              state >= 1 && state <= 8 ? JET_errSuccess : JET_errDatabaseCorrupted)
        << state;
  }
}

TEST(DbHeaderTest, BufferSizes) {
  const auto genuine = GenuineHeaderPage();
  DbFileHeader h;
  EXPECT_EQ(DecodeDbHeader(std::span<const uint8_t>(genuine).first(747), &h),
            JET_errDatabaseCorrupted);
  EXPECT_EQ(ParseDbHeader(std::span<const uint8_t>(genuine).first(747), &h),
            JET_errDatabaseCorrupted);
  EXPECT_EQ(DecodeDbHeader(std::span<const uint8_t>(), &h), JET_errDatabaseCorrupted);
  // The structure alone (the rest of the page is zero, so the checksum is
  // the same over 748 bytes as over the page).
  EXPECT_EQ(DecodeDbHeader(std::span<const uint8_t>(genuine).first(748), &h), JET_errSuccess);
  EXPECT_EQ(DecodeDbHeader(std::span<const uint8_t>(genuine).first(749), &h),
            JET_errDatabaseCorrupted);
  std::vector<uint8_t> small(700);
  EXPECT_EQ(EncodeDbHeader(h, small), JET_errInvalidParameter);
  std::vector<uint8_t> odd(750);
  EXPECT_EQ(EncodeDbHeader(h, odd), JET_errInvalidParameter);
}

TEST(DbHeaderTest, NewHeaderForEachPageSize) {
  for (uint32_t size : {4096u, 8192u, 16384u, 32768u}) {
    DbFileHeader h = NewDbFileHeader(size);
    h.sign_db.random = 42;
    h.sign_db.create_time = LogTime::FromUnixMillis(1700000000000);
    h.sign_db.SetComputerName("JETSVC");
    std::vector<uint8_t> page(size);
    ASSERT_EQ(EncodeDbHeader(h, page), JET_errSuccess);
    DbFileHeader back;
    ASSERT_EQ(DecodeDbHeader(page, &back), JET_errSuccess);
    EXPECT_EQ(back.dbstate, static_cast<uint32_t>(kDbStateJustCreated));
    EXPECT_EQ(back.EffectivePageSize(), size);
    EXPECT_EQ(back.sign_db.ComputerName(), "JETSVC");
  }
}

TEST(DbHeaderTest, DumpLooksLikeEsentutl) {
  DbHeaderPick pick;
  ASSERT_EQ(PickDbHeader(GenuineHeaderPage("basic", 0), GenuineHeaderPage("basic", 1), &pick),
            JET_errSuccess);
  const std::string dump = DumpDbHeader(pick);
  std::cout << dump;
  for (const char* expected : {
           "Header copy used: primary (page 0)",
           "(identical to the primary)",
           "File Type: Database",
           "Format ulMagic: 0x89abcdef",
           "Format ulVersion: 0x620,20,",
           "cbDbPage: 4096",
           "State: Clean Shutdown (3)",
           "DB Signature: Create time:08/19/2022 11:46:32.636 UTC",
           "Last Consistent: (00000001,0016,0000)",
           "Log Signature: Create time:",
           "Previous Full Backup:",
           "Shadowed: Yes",
       }) {
    EXPECT_NE(dump.find(expected), std::string::npos) << expected;
  }
  // A damaged header still dumps (for diagnostics) without crashing.
  std::vector<uint8_t> junk(4096);
  std::mt19937_64 rng = test::SeededRandom("DumpJunk");
  for (auto& b : junk) {
    b = static_cast<uint8_t>(rng());
  }
  DbFileHeader h;
  ASSERT_EQ(ParseDbHeader(junk, &h), JET_errSuccess);
  EXPECT_FALSE(DumpDbHeader(h).empty());
}

}  // namespace
}  // namespace jet
