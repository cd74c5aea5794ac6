// Long values: LID references, LV tree keys and roots, chunking and
// reassembly, checked against the LV trees of the Windows samples.

#include "record/long_value.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "test_util.h"

namespace jet {
namespace {

using test::Hex;
using test::Unrle;

TEST(LongValueLid, RecordReferences) {
  LvId lid = 0;
  ASSERT_EQ(DecodeLidReference(std::vector<uint8_t>{0x01, 0, 0, 0}, &lid), JET_errSuccess);
  EXPECT_EQ(lid, 1u);
  EXPECT_EQ(Hex(EncodeLidReference(0x12345678)), "78563412");
  const LvId lid64 = 0x8000000010000001ULL;
  EXPECT_EQ(Hex(EncodeLidReference(lid64)), "0100001000000080");
  ASSERT_EQ(DecodeLidReference(EncodeLidReference(lid64), &lid), JET_errSuccess);
  EXPECT_EQ(lid, lid64);
  EXPECT_TRUE(IsLid64(lid64));
  EXPECT_EQ(LidSize(lid64), 8u);
  EXPECT_EQ(LidSize(7), 4u);

  const std::vector<std::vector<uint8_t>> bad = {
      {},
      {1, 0, 0},
      {0, 0, 0, 0},                 // LID 0
      {1, 0, 0, 0x80},              // 4 bytes with the LID64 bit
      {1, 0, 0, 0, 0, 0, 0, 0},     // 8 bytes without it
      {1, 0, 0, 0, 0, 0, 0, 0x81},  // reserved top byte
      {0, 0, 0, 0, 0, 0, 0, 0x80},  // LID64 0
      {1, 0, 0, 0, 0},
  };
  for (const auto& b : bad)
    EXPECT_EQ(DecodeLidReference(b, &lid), JET_errDatabaseCorrupted) << Hex(b);
}

TEST(LongValueKeys, BigEndianLidAndOffset) {
  EXPECT_EQ(Hex(LvRootKey(1)), "00000001");
  EXPECT_EQ(Hex(LvChunkKey(1, 4014)), "0000000100000fae");
  EXPECT_EQ(Hex(LvRootKey(0x8000000010000001ULL)), "8000000010000001");
  EXPECT_EQ(Hex(LvChunkKey(0x8000000010000001ULL, 8150)), "800000001000000100001fd6");

  LvKey k;
  ASSERT_EQ(ParseLvKey(LvRootKey(0x2a), &k), JET_errSuccess);
  EXPECT_TRUE(k.is_root);
  EXPECT_EQ(k.lid, 0x2au);
  // 8 bytes: a LID32 chunk key or a LID64 root key, told apart by the top bit.
  ASSERT_EQ(ParseLvKey(LvChunkKey(0x2a, 8028), &k), JET_errSuccess);
  EXPECT_FALSE(k.is_root);
  EXPECT_EQ(k.lid, 0x2au);
  EXPECT_EQ(k.offset, 8028u);
  ASSERT_EQ(ParseLvKey(LvRootKey(0x8000000000000005ULL), &k), JET_errSuccess);
  EXPECT_TRUE(k.is_root);
  EXPECT_EQ(k.lid, 0x8000000000000005ULL);
  ASSERT_EQ(ParseLvKey(LvChunkKey(0x8000000000000005ULL, 12), &k), JET_errSuccess);
  EXPECT_FALSE(k.is_root);
  EXPECT_EQ(k.offset, 12u);

  for (const auto& bad : std::vector<std::vector<uint8_t>>{{},
                                                           {0, 0, 1},
                                                           {0, 0, 0, 0},
                                                           {0x80, 0, 0, 1},
                                                           {0, 0, 0, 1, 0},
                                                           std::vector<uint8_t>(12, 0),
                                                           std::vector<uint8_t>(13, 1)}) {
    EXPECT_EQ(ParseLvKey(bad, &k), JET_errLVCorrupted) << Hex(bad);
  }
}

TEST(LongValueRoot, EightAndNineByteForms) {
  LvRoot root;
  ASSERT_EQ(DecodeLvRoot(Unrle("0100000009040000"), &root), JET_errSuccess);  // binary.edb, LID 1
  EXPECT_EQ(root.ref_count, 1u);
  EXPECT_EQ(root.size, 1033u);
  EXPECT_FALSE(root.has_flags);
  EXPECT_EQ(Hex(EncodeLvRoot(root)), "0100000009040000");
  root.has_flags = true;
  root.flags = kLvRootEncrypted;
  EXPECT_EQ(Hex(EncodeLvRoot(root)), "010000000904000001");
  LvRoot back;
  ASSERT_EQ(DecodeLvRoot(EncodeLvRoot(root), &back), JET_errSuccess);
  EXPECT_TRUE(back.has_flags);
  EXPECT_EQ(back.flags, kLvRootEncrypted);
  EXPECT_EQ(DecodeLvRoot(std::vector<uint8_t>(7), &back), JET_errLVCorrupted);
  EXPECT_EQ(DecodeLvRoot(std::vector<uint8_t>(10), &back), JET_errLVCorrupted);
}

TEST(LongValueChunks, DefaultSizesPerPageSize) {
  EXPECT_EQ(DefaultLvChunkSize(2048), 1966u);
  EXPECT_EQ(DefaultLvChunkSize(4096), 4014u);
  EXPECT_EQ(DefaultLvChunkSize(8192), 8110u);
  EXPECT_EQ(DefaultLvChunkSize(16384), 4050u);
  EXPECT_EQ(DefaultLvChunkSize(32768), 8150u);
  EXPECT_EQ(DefaultLvChunkSize(1000), 0u);
}

// Every long value Windows stored in the samples (plain and compressed,
// ASCII, UTF-16 and binary) reassembles to its root's size, and the
// compressed ones are exactly those whose chunk is shorter.
TEST(LongValueWindows, SampleTreesReassemble) {
  int values = 0;
  int compressed = 0;
  for (const test::WindowsTable& table : test::WindowsTables()) {
    std::map<LvId, LvRoot> roots;
    std::map<LvId, std::vector<std::vector<uint8_t>>> chunk_data;
    std::map<LvId, std::vector<uint32_t>> offsets;
    for (const auto& node : table.lv_nodes) {
      LvKey k;
      ASSERT_EQ(ParseLvKey(Unrle(node.key), &k), JET_errSuccess);
      if (k.is_root) {
        ASSERT_EQ(DecodeLvRoot(Unrle(node.data), &roots[k.lid]), JET_errSuccess);
      } else {
        chunk_data[k.lid].push_back(Unrle(node.data));
        offsets[k.lid].push_back(k.offset);
      }
    }
    for (const auto& [lid, root] : roots) {
      SCOPED_TRACE(std::string(table.name) + " lid " + std::to_string(lid));
      std::vector<LvChunkView> views;
      for (size_t i = 0; i < chunk_data[lid].size(); ++i) {
        views.push_back({offsets[lid][i], chunk_data[lid][i]});
        if (chunk_data[lid][i].size() < root.size) ++compressed;
      }
      std::vector<uint8_t> value;
      ASSERT_EQ(ReassembleLongValue(root, views, 4014, &value), JET_errSuccess);
      EXPECT_EQ(value.size(), root.size);
      EXPECT_EQ(root.ref_count, 1u);
      ++values;
    }
  }
  EXPECT_EQ(values, 1 + 6 + 18);
  EXPECT_EQ(compressed, 13);
}

TEST(LongValueChunks, SplitAndReassembleRoundTrip) {
  std::mt19937_64 rng = test::SeededRandom("LongValueChunks.SplitAndReassembleRoundTrip");
  const uint32_t chunk_sizes[] = {1966, 4014, 8110, 4050, 8150, 100, 1};
  for (int iter = 0; iter < 120; ++iter) {
    const uint32_t chunk = chunk_sizes[rng() % std::size(chunk_sizes)];
    // Tiny chunk sizes only for small values: one chunk per byte adds up.
    const size_t limit = chunk >= 1000 ? 40000 : 3000;
    const size_t n = (iter < 5) ? static_cast<size_t>(iter) : rng() % limit;
    std::vector<uint8_t> value(n);
    const bool text = rng() % 2 == 0;
    for (size_t i = 0; i < n; ++i) {
      value[i] = text ? static_cast<uint8_t>("lorem ipsum dolor "[(i * 3) % 18])
                      : static_cast<uint8_t>(rng());
    }
    for (bool compress : {false, true}) {
      CompressOptions options;
      LvRoot root;
      std::vector<LvChunk> chunks;
      ASSERT_EQ(SplitLongValue(value, chunk, compress ? &options : nullptr, &root, &chunks),
                JET_errSuccess);
      EXPECT_EQ(root.size, n);
      EXPECT_EQ(chunks.size(), (n + chunk - 1) / chunk);
      std::vector<LvChunkView> views;
      for (size_t i = 0; i < chunks.size(); ++i) {
        EXPECT_EQ(chunks[i].offset, i * chunk);
        const size_t logical = std::min<size_t>(chunk, n - chunks[i].offset);
        EXPECT_LE(chunks[i].data.size(), logical);
        if (!compress) {
          EXPECT_EQ(chunks[i].data.size(), logical);
        }
        views.push_back({chunks[i].offset, chunks[i].data});
      }
      std::vector<uint8_t> back;
      ASSERT_EQ(ReassembleLongValue(root, views, chunk, &back), JET_errSuccess)
          << "iter " << iter << " chunk " << chunk;
      EXPECT_EQ(back, value);
      // Without knowing the chunk size the offsets alone are enough.
      ASSERT_EQ(ReassembleLongValue(root, views, 0, &back), JET_errSuccess);
      EXPECT_EQ(back, value);
    }
  }
  LvRoot root;
  std::vector<LvChunk> chunks;
  EXPECT_EQ(SplitLongValue(std::vector<uint8_t>(10), 0, nullptr, &root, &chunks),
            JET_errInvalidParameter);
}

TEST(LongValueChunks, BrokenTreesAreCorrupt) {
  std::vector<uint8_t> value(10000);
  for (size_t i = 0; i < value.size(); ++i) value[i] = static_cast<uint8_t>(i * 31);
  LvRoot root;
  std::vector<LvChunk> chunks;
  ASSERT_EQ(SplitLongValue(value, 4014, nullptr, &root, &chunks), JET_errSuccess);
  ASSERT_EQ(chunks.size(), 3u);
  auto views = [&](std::vector<size_t> which) {
    std::vector<LvChunkView> v;
    for (size_t i : which) v.push_back({chunks[i].offset, chunks[i].data});
    return v;
  };
  std::vector<uint8_t> out;
  EXPECT_EQ(ReassembleLongValue(root, views({0, 1, 2}), 4014, &out), JET_errSuccess);
  EXPECT_EQ(ReassembleLongValue(root, views({1, 2}), 4014, &out), JET_errLVCorrupted);  // no first
  EXPECT_EQ(ReassembleLongValue(root, views({0, 2}), 4014, &out), JET_errLVCorrupted);  // gap
  EXPECT_EQ(ReassembleLongValue(root, views({0, 1}), 4014, &out), JET_errLVCorrupted);  // no tail
  EXPECT_EQ(ReassembleLongValue(root, views({0, 1, 1, 2}), 4014, &out), JET_errLVCorrupted);
  EXPECT_EQ(ReassembleLongValue(root, views({0, 2, 1}), 4014, &out), JET_errLVCorrupted);
  EXPECT_EQ(ReassembleLongValue(root, {}, 4014, &out), JET_errLVCorrupted);
  EXPECT_EQ(ReassembleLongValue(root, views({0, 1, 2}), 4000, &out), JET_errLVCorrupted);
  LvRoot shorter = root;
  shorter.size = 9000;  // the last chunk holds more than the root admits
  EXPECT_EQ(ReassembleLongValue(shorter, views({0, 1, 2}), 4014, &out), JET_errLVCorrupted);
  EXPECT_TRUE(out.empty());
  LvRoot empty;
  EXPECT_EQ(ReassembleLongValue(empty, {}, 4014, &out), JET_errSuccess);
  EXPECT_TRUE(out.empty());
  LvRoot encrypted = root;
  encrypted.has_flags = true;
  encrypted.flags = kLvRootEncrypted;
  EXPECT_EQ(ReassembleLongValue(encrypted, views({0, 1, 2}), 4014, &out),
            JET_errFeatureNotAvailable);

  // A short chunk is taken as compressed; garbage there is a decompression
  // failure, a valid stream of the wrong size a corrupt tree.
  std::vector<uint8_t> garbage(100, 0xee);
  std::vector<LvChunkView> bad = views({0, 1, 2});
  bad[1].data = garbage;
  EXPECT_EQ(ReassembleLongValue(root, bad, 4014, &out), JET_errDecompressionFailed);
  std::vector<uint8_t> packed;
  ASSERT_TRUE(CompressValue(std::vector<uint8_t>(3000, 'a'), CompressOptions{}, &packed));
  bad[1].data = packed;
  EXPECT_EQ(ReassembleLongValue(root, bad, 4014, &out), JET_errLVCorrupted);
}

}  // namespace
}  // namespace jet
