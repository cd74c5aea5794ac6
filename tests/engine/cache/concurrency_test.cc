// Many sessions at once: 8 threads doing seeded random reads, writes,
// upgrades, two-page changes, new pages, copies, read-ahead and flushes on a
// cache far smaller than the file. Page contents stay consistent, every
// latch sees the last version written, the write-ahead rule holds for every
// write, and after a final flush the disk holds exactly the last versions.
//
// JET_TEST_SEED=<n> replays a run.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cache/page_cache.h"
#include "cache_test_util.h"
#include "os/fault_env.h"

namespace jet {
namespace {

using cache_test::FakeLog;
using cache_test::FillPage;
using cache_test::PageIsConsistent;
using cache_test::PageLgpos;
using cache_test::PageVersion;
using cache_test::VerifyPage;
using cache_test::WatchedFile;

constexpr size_t kPage = 4096;
constexpr uint32_t kPages = 256;
constexpr size_t kCapacity = 48;
constexpr int kThreads = 8;
constexpr int kOpsPerThread = 6000;

class Failures {
 public:
  void Add(const std::string& what) {
    std::lock_guard<std::mutex> lock(mu_);
    if (messages_.size() < 20) messages_.push_back(what);
    ++count_;
  }
  size_t count() {
    std::lock_guard<std::mutex> lock(mu_);
    return count_;
  }
  std::string Summary() {
    std::lock_guard<std::mutex> lock(mu_);
    std::string out;
    for (const std::string& m : messages_) out += m + "\n";
    return out;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> messages_;
  size_t count_ = 0;
};

TEST(CacheConcurrencyTest, RandomOpsFromEightThreadsKeepPagesConsistent) {
  const uint64_t seed = cache_test::TestSeed();
  FaultEnv env(seed);
  std::unique_ptr<File> base;
  FileOptions file_options;
  file_options.create = true;
  ASSERT_EQ(env.OpenFile("db.edb", file_options, &base), JET_errSuccess);
  {
    std::vector<uint8_t> page(kPage);
    for (uint32_t pgno = 0; pgno < kPages; ++pgno) {
      FillPage(page.data(), kPage, pgno, 0);
      ASSERT_EQ(base->WriteAt(uint64_t{pgno} * kPage, page.data(), kPage), JET_errSuccess);
    }
  }
  Failures failures;
  FakeLog log;
  WatchedFile file(base.get());
  file.set_write_hook([&](uint64_t offset, const uint8_t* data, size_t n) {
    for (size_t at = 0; at < n; at += kPage) {
      const uint32_t pgno = static_cast<uint32_t>((offset + at) / kPage);
      if (VerifyPage(data + at, pgno, kPage) != JET_errSuccess ||
          !PageIsConsistent(data + at, kPage)) {
        failures.Add("torn or misplaced page written: " + std::to_string(pgno));
      }
      if (PageLgpos(data + at) > log.durable()) {
        failures.Add("write-ahead broken for page " + std::to_string(pgno));
      }
    }
    return JET_errSuccess;
  });

  PageCacheOptions options;
  options.page_size = kPage;
  options.capacity_pages = kCapacity;
  options.max_io_bytes = 8 * kPage;
  options.buffer_wait = std::chrono::milliseconds(20000);
  std::unique_ptr<PageCache> cache;
  ASSERT_EQ(PageCache::Create(options, &cache), JET_errSuccess);
  CacheFileOptions cache_file_options;
  cache_file_options.verifier = VerifyPage;
  cache_file_options.flush_log = log.Hook();
  CacheFileId id = kInvalidCacheFileId;
  ASSERT_EQ(cache->RegisterFile(&file, kPage, cache_file_options, &id), JET_errSuccess);

  // The version each page is at; changed only under the page's write latch.
  std::vector<std::atomic<uint64_t>> expected(kPages);
  for (auto& v : expected) v = 0;
  std::atomic<PackedLgpos> next_lgpos{1};

  auto check = [&](const uint8_t* data, uint32_t pgno, const char* op) {
    if (VerifyPage(data, pgno, kPage) != JET_errSuccess || !PageIsConsistent(data, kPage)) {
      failures.Add(std::string(op) + ": inconsistent page " + std::to_string(pgno));
      return false;
    }
    if (PageVersion(data) != expected[pgno].load()) {
      failures.Add(std::string(op) + ": page " + std::to_string(pgno) + " at version " +
                   std::to_string(PageVersion(data)) + ", expected " +
                   std::to_string(expected[pgno].load()));
      return false;
    }
    return true;
  };
  auto modify = [&](WriteLatch* w, uint32_t pgno) {
    const uint64_t version = expected[pgno].load() + 1;
    const PackedLgpos lgpos = next_lgpos.fetch_add(1);
    FillPage(w->data(), kPage, pgno, version, lgpos);
    w->MarkDirty(lgpos);
    expected[pgno] = version;
  };

  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(seed + static_cast<uint64_t>(t) * 7919);
      auto pick = [&] { return static_cast<uint32_t>(rng() % kPages); };
      auto fail = [&](const char* op, JET_ERR err) {
        failures.Add(std::string(op) + " failed: " + std::to_string(err));
      };
      for (int op = 0; op < kOpsPerThread && failures.count() == 0; ++op) {
        const int dice = static_cast<int>(rng() % 100);
        if (dice < 40) {  // read
          const uint32_t pgno = pick();
          ReadLatch r;
          const PageHint hint = rng() % 4 == 0 ? PageHint::kScan : PageHint::kNormal;
          if (JET_ERR err = cache->ReadLatchPage(id, pgno, &r, hint); err != JET_errSuccess) {
            fail("read", err);
            continue;
          }
          check(r.data(), pgno, "read");
        } else if (dice < 62) {  // write
          const uint32_t pgno = pick();
          WriteLatch w;
          if (JET_ERR err = cache->WriteLatchPage(id, pgno, &w); err != JET_errSuccess) {
            fail("write", err);
            continue;
          }
          if (check(w.data(), pgno, "write")) modify(&w, pgno);
        } else if (dice < 70) {  // read, then upgrade if alone
          const uint32_t pgno = pick();
          ReadLatch r;
          if (JET_ERR err = cache->ReadLatchPage(id, pgno, &r); err != JET_errSuccess) {
            fail("upgrade-read", err);
            continue;
          }
          if (!check(r.data(), pgno, "upgrade-read")) continue;
          WriteLatch w;
          if (!r.TryUpgrade(&w)) {
            r.Release();
            if (JET_ERR err = cache->WriteLatchPage(id, pgno, &w); err != JET_errSuccess) {
              fail("upgrade-write", err);
              continue;
            }
          }
          if (check(w.data(), pgno, "upgrade")) modify(&w, pgno);
        } else if (dice < 78) {  // two pages, latched in page order
          uint32_t a = pick(), b = pick();
          if (a == b) continue;
          if (a > b) std::swap(a, b);
          WriteLatch wa, wb;
          if (JET_ERR err = cache->WriteLatchPage(id, a, &wa); err != JET_errSuccess) {
            fail("pair-a", err);
            continue;
          }
          if (JET_ERR err = cache->WriteLatchPage(id, b, &wb); err != JET_errSuccess) {
            fail("pair-b", err);
            continue;
          }
          if (check(wa.data(), a, "pair") && check(wb.data(), b, "pair")) {
            modify(&wa, a);
            modify(&wb, b);
          }
        } else if (dice < 82) {  // a page rebuilt from scratch
          const uint32_t pgno = pick();
          WriteLatch w;
          if (JET_ERR err = cache->WriteLatchNewPage(id, pgno, &w); err != JET_errSuccess) {
            fail("new", err);
            continue;
          }
          modify(&w, pgno);
        } else if (dice < 89) {  // backup copy
          const uint32_t pgno = pick();
          std::vector<uint8_t> copy(kPage);
          if (JET_ERR err = cache->CopyPage(id, pgno, copy.data()); err != JET_errSuccess) {
            fail("copy", err);
            continue;
          }
          if (VerifyPage(copy.data(), pgno, kPage) != JET_errSuccess ||
              !PageIsConsistent(copy.data(), kPage)) {
            failures.Add("copy: inconsistent page " + std::to_string(pgno));
          }
        } else if (dice < 94) {  // read-ahead
          if (JET_ERR err = cache->Prefetch(id, pick(), 1 + static_cast<uint32_t>(rng() % 16));
              err != JET_errSuccess) {
            fail("prefetch", err);
          }
        } else if (dice < 97) {
          if (JET_ERR err = cache->FlushFile(id); err != JET_errSuccess) fail("flush", err);
        } else {
          const PackedLgpos now = next_lgpos.load();
          const PackedLgpos limit = now > 200 ? now - 200 : 1;
          if (JET_ERR err = cache->FlushUpTo(id, limit); err != JET_errSuccess) {
            fail("flush-up-to", err);
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_EQ(failures.count(), 0u) << "seed " << seed << "\n" << failures.Summary();

  cache->WaitForPrefetch();
  const CacheStats stats = cache->Stats();
  std::printf(
      "[ stats    ] hits %llu, misses %llu, evictions %llu, written %llu in %llu writes, "
      "prefetched %llu, buffer waits %llu\n",
      static_cast<unsigned long long>(stats.hits), static_cast<unsigned long long>(stats.misses),
      static_cast<unsigned long long>(stats.evictions),
      static_cast<unsigned long long>(stats.pages_written),
      static_cast<unsigned long long>(stats.write_ios),
      static_cast<unsigned long long>(stats.prefetched_pages),
      static_cast<unsigned long long>(stats.buffer_waits));
  EXPECT_LE(stats.max_allocated, kCapacity);
  EXPECT_GT(stats.evictions, 0u);
  EXPECT_GT(stats.pages_written, 0u);

  ASSERT_EQ(cache->FlushFile(id), JET_errSuccess);
  EXPECT_EQ(cache->MinLgposOldest(id), kLgposMax);
  EXPECT_EQ(cache->Stats().dirty, 0u);
  ASSERT_EQ(cache->UnregisterFile(id), JET_errSuccess);
  std::vector<uint8_t> page(kPage);
  for (uint32_t pgno = 0; pgno < kPages; ++pgno) {
    ASSERT_EQ(ReadExactlyAt(base.get(), uint64_t{pgno} * kPage, page.data(), kPage),
              JET_errSuccess);
    ASSERT_EQ(VerifyPage(page.data(), pgno, kPage), JET_errSuccess) << pgno;
    EXPECT_EQ(PageVersion(page.data()), expected[pgno].load()) << "page " << pgno;
  }
  EXPECT_EQ(failures.count(), 0u) << failures.Summary();
}

// Many sessions reading cached pages at once share their latches: every
// latch is a hit, and the rate is printed (the hit path takes the cache's
// mutex twice; see docs/cache.md).
TEST(CacheConcurrencyTest, ParallelReadersOfCachedPages) {
  constexpr uint32_t kHot = 1024;
  constexpr int kReadsPerThread = 100000;
  cache_test::SyntheticFile file(kHot, kPage);
  PageCacheOptions options;
  options.page_size = kPage;
  options.capacity_pages = 2 * kHot;
  std::unique_ptr<PageCache> cache;
  ASSERT_EQ(PageCache::Create(options, &cache), JET_errSuccess);
  CacheFileOptions file_options;
  file_options.verifier = cache_test::VerifySyntheticPage;
  CacheFileId id = kInvalidCacheFileId;
  ASSERT_EQ(cache->RegisterFile(&file, kPage, file_options, &id), JET_errSuccess);
  for (uint32_t pgno = 0; pgno < kHot; ++pgno) {
    ReadLatch r;
    ASSERT_EQ(cache->ReadLatchPage(id, pgno, &r), JET_errSuccess);
  }
  std::atomic<uint64_t> errors{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      uint32_t pgno = static_cast<uint32_t>(t) * 97;
      for (int i = 0; i < kReadsPerThread; ++i) {
        pgno = (pgno * 1103515245u + 12345u) % kHot;
        ReadLatch r;
        if (cache->ReadLatchPage(id, pgno, &r) != JET_errSuccess ||
            cache_test::PagePgno(r.data()) != pgno) {
          ++errors;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("[ measure  ] %d threads, cached pages: %.2f M shared latches/s\n", kThreads,
              kThreads * kReadsPerThread / seconds / 1e6);
  EXPECT_EQ(errors.load(), 0u);
  const CacheStats stats = cache->Stats();
  EXPECT_EQ(stats.misses, kHot);
  EXPECT_EQ(stats.hits, uint64_t{kThreads} * kReadsPerThread);
}

}  // namespace
}  // namespace jet
