// Readers and writers on one tree at once: scans (forward, backward, and
// released between moves, so every step is a re-seek or a relatch) must see
// a consistent tree while writers delete whole leaves' worth of keys (merges,
// subtree removals: leaves unlinked and freed) and insert them again
// (splits, freed pages reused). A reader must never report a page error
// (JET_errBadEmptyPage, JET_errBadPageLink, ...) for a state a writer
// passes through, must see keys strictly in order, and must see every key
// no writer touches.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "btree/btree_writer.h"
#include "btree/cursor.h"
#include "btree/key_compare.h"
#include "write_test_util.h"

namespace jet {
namespace {

using write_test::Bytes;
using write_test::WriteDb;
using write_test::WriteDbOptions;

constexpr uint32_t kBlock = 96;   // keys per block: two to three 4 KiB leaves
constexpr uint32_t kBlocks = 24;  // every third block is never touched
constexpr size_t kDataSize = 90;

Bytes KeyOf(uint32_t n) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "k%07u", n);
  return Bytes(buf, buf + 8);
}

bool Stable(uint32_t block) { return block % 3 == 0; }

struct ReaderResult {
  std::string failure;  // empty: fine
  uint64_t scans = 0;
};

// One scan; fills `failure` on a page error, keys out of order, or a stable
// key missing.
void ScanOnce(const BTree& tree, bool backward, bool release_each_step, ReaderResult* result) {
  Cursor cursor(tree);
  JET_ERR err = backward ? cursor.MoveLast() : cursor.MoveFirst();
  Bytes last;
  bool have_last = false;
  std::vector<bool> seen(kBlock * kBlocks, false);
  while (err >= 0) {
    const Bytes key(cursor.Key().begin(), cursor.Key().end());
    if (have_last) {
      const int c = CompareKeys(last, key);
      if (backward ? c <= 0 : c >= 0) {
        result->failure = "keys out of order at " + std::string(key.begin(), key.end());
        return;
      }
    }
    if (cursor.Data().size() != kDataSize) {
      result->failure = "bad data size";
      return;
    }
    const uint32_t n = static_cast<uint32_t>(std::stoul(std::string(key.begin() + 1, key.end())));
    if (n < seen.size()) seen[n] = true;
    last = key;
    have_last = true;
    if (release_each_step) cursor.Release();
    err = backward ? cursor.MovePrev() : cursor.MoveNext();
  }
  if (err != JET_errNoCurrentRecord) {
    result->failure = "scan ended with " + std::to_string(err) + " on page " +
                      std::to_string(cursor.error().pgno);
    return;
  }
  for (uint32_t n = 0; n < seen.size(); ++n) {
    if (Stable(n / kBlock) && !seen[n]) {
      result->failure = "stable key " + std::to_string(n) + " not seen";
      return;
    }
  }
  ++result->scans;
}

void RunReadersAndWriters(uint64_t seed, int writers, int readers, int rounds) {
  std::printf("seed %llu (JETSVC_TEST_SEED replays)\n", static_cast<unsigned long long>(seed));
  WriteDbOptions options;
  options.page_size = 4096;
  options.capacity_pages = 512;
  auto db = WriteDb::Create(options);
  ASSERT_NE(db, nullptr);
  BTree tree;
  ASSERT_EQ(db->CreateTree(10, 0, &tree), JET_errSuccess);
  // The capturing sink is not made for several threads: log nothing.
  PageWriteContext ctx = db->ctx();
  ctx.sink = nullptr;
  const Bytes data(kDataSize, 'd');
  {
    BTreeWriter writer(tree, ctx, db->space());
    for (uint32_t n = 0; n < kBlock * kBlocks; ++n) {
      ASSERT_EQ(writer.Insert(KeyOf(n), data), JET_errSuccess);
    }
  }

  std::atomic<bool> stop{false};
  std::vector<std::string> writer_failures(static_cast<size_t>(writers));
  std::vector<ReaderResult> reader_results(static_cast<size_t>(readers));
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      std::mt19937_64 rng(seed * 1000 + static_cast<uint64_t>(w));
      BTreeWriter writer(tree, ctx, db->space());
      // Writer w owns the unstable blocks b with b % writers == w.
      std::vector<uint32_t> mine;
      for (uint32_t b = 0; b < kBlocks; ++b) {
        if (!Stable(b) && b % static_cast<uint32_t>(writers) == static_cast<uint32_t>(w)) {
          mine.push_back(b);
        }
      }
      for (int round = 0; round < rounds && writer_failures[static_cast<size_t>(w)].empty();
           ++round) {
        const uint32_t b = mine[rng() % mine.size()];
        // Delete the block (in a random direction), then insert it again.
        const bool down = rng() % 2 == 0;
        for (uint32_t i = 0; i < kBlock; ++i) {
          const uint32_t n = b * kBlock + (down ? kBlock - 1 - i : i);
          const JET_ERR err = writer.Delete(KeyOf(n));
          if (err != JET_errSuccess) {
            writer_failures[static_cast<size_t>(w)] = "delete " + std::to_string(n) + ": " +
                                                      std::to_string(err);
            break;
          }
        }
        for (uint32_t i = 0; i < kBlock && writer_failures[static_cast<size_t>(w)].empty(); ++i) {
          const uint32_t n = b * kBlock + i;
          const JET_ERR err = writer.Insert(KeyOf(n), data);
          if (err != JET_errSuccess) {
            writer_failures[static_cast<size_t>(w)] = "insert " + std::to_string(n) + ": " +
                                                      std::to_string(err);
          }
        }
      }
    });
  }
  for (int r = 0; r < readers; ++r) {
    threads.emplace_back([&, r] {
      ReaderResult& result = reader_results[static_cast<size_t>(r)];
      const bool backward = r % 2 == 1;
      const bool release = (r / 2) % 2 == 1;
      while (!stop.load() && result.failure.empty()) {
        ScanOnce(tree, backward, release, &result);
      }
    });
  }
  for (int w = 0; w < writers; ++w) {
    threads[static_cast<size_t>(w)].join();
  }
  stop = true;
  for (size_t t = static_cast<size_t>(writers); t < threads.size(); ++t) {
    threads[t].join();
  }
  for (int w = 0; w < writers; ++w) {
    EXPECT_EQ(writer_failures[static_cast<size_t>(w)], "") << "writer " << w;
  }
  for (int r = 0; r < readers; ++r) {
    EXPECT_EQ(reader_results[static_cast<size_t>(r)].failure, "") << "reader " << r;
    EXPECT_GT(reader_results[static_cast<size_t>(r)].scans, 0u) << "reader " << r;
  }
  // Afterwards every key is back.
  ReaderResult final_scan;
  ScanOnce(tree, false, false, &final_scan);
  EXPECT_EQ(final_scan.failure, "");
}

TEST(BTreeConcurrencyTest, ReadersScanWhileWritersEmptyAndRefillLeaves) {
  RunReadersAndWriters(write_test::TestSeed(1), /*writers=*/2, /*readers=*/4, /*rounds=*/150);
}

}  // namespace
}  // namespace jet
