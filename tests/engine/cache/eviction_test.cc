// Eviction: the page bound under scans far larger than the cache, which pages
// go first, latched pages staying put, and dirty pages written (after the
// log) on their way out.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "cache/page_cache.h"
#include "cache_test_util.h"
#include "os/fault_env.h"

namespace jet {
namespace {

using cache_test::FakeLog;
using cache_test::FillPage;
using cache_test::PageLgpos;
using cache_test::PageVersion;
using cache_test::SyntheticFile;
using cache_test::VerifyPage;
using cache_test::VerifySyntheticPage;
using cache_test::WatchedFile;

constexpr size_t kPage = 4096;

std::unique_ptr<PageCache> MakeCache(
    size_t capacity, int prefetch_threads = 1,
    std::chrono::milliseconds wait = std::chrono::milliseconds(50)) {
  PageCacheOptions options;
  options.page_size = kPage;
  options.capacity_pages = capacity;
  options.prefetch_threads = prefetch_threads;
  options.buffer_wait = wait;
  std::unique_ptr<PageCache> cache;
  EXPECT_EQ(PageCache::Create(options, &cache), JET_errSuccess);
  return cache;
}

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Scans the file's pages [0, pages) in order with read-ahead `window` pages
// ahead (0: none), checking each page; returns MB/s.
double Scan(PageCache* cache, CacheFileId id, uint32_t pages, uint32_t window, size_t capacity) {
  const auto start = std::chrono::steady_clock::now();
  for (uint32_t pgno = 0; pgno < pages; ++pgno) {
    if (window > 0 && pgno % (window / 2) == 0) {
      EXPECT_EQ(cache->Prefetch(id, pgno, window), JET_errSuccess);
    }
    ReadLatch latch;
    const JET_ERR err = cache->ReadLatchPage(id, pgno, &latch, PageHint::kScan);
    if (err != JET_errSuccess) {
      ADD_FAILURE() << "page " << pgno << ": " << err;
      return 0;
    }
    if (cache_test::PagePgno(latch.data()) != pgno) {
      ADD_FAILURE() << "page " << pgno << " holds " << cache_test::PagePgno(latch.data());
      return 0;
    }
    if (pgno % 4096 == 0) {
      const CacheStats stats = cache->Stats();
      EXPECT_LE(stats.resident, capacity);
      EXPECT_LE(stats.allocated, capacity);
    }
  }
  const double seconds = Seconds(start);
  return static_cast<double>(pages) * kPage / (1024.0 * 1024.0) / seconds;
}

// The bound: a 2 GiB file scanned through a 64 MiB cache (32× the cache)
// never has more than 64 MiB of pages in memory, and read-ahead turns the
// scan into large reads.
TEST(CacheEvictionTest, ScanOf2GiBFileStaysWithin64MiB) {
  constexpr uint64_t kFileBytes = uint64_t{2} << 30;
  constexpr size_t kCapacity = (size_t{64} << 20) / kPage;  // 16384 pages
  constexpr uint32_t kPages = static_cast<uint32_t>(kFileBytes / kPage);
  SyntheticFile file(kPages, kPage);
  auto cache = MakeCache(kCapacity);
  CacheFileOptions options;
  options.verifier = VerifySyntheticPage;
  CacheFileId id = kInvalidCacheFileId;
  ASSERT_EQ(cache->RegisterFile(&file, kPage, options, &id), JET_errSuccess);

  const double mbps = Scan(cache.get(), id, kPages, /*window=*/256, kCapacity);
  const CacheStats stats = cache->Stats();
  std::printf(
      "[ measure  ] 2 GiB scan, 64 MiB cache, read-ahead 1 MiB: %.0f MB/s, %llu reads "
      "for %u pages, %llu evictions\n",
      mbps, static_cast<unsigned long long>(stats.read_ios), kPages,
      static_cast<unsigned long long>(stats.evictions));
  EXPECT_LE(stats.max_allocated, kCapacity);
  EXPECT_LE(stats.resident, kCapacity);
  // Each page read once, give or take a read-ahead that a stalled thread
  // started just before the scan passed it.
  EXPECT_GE(stats.pages_read, kPages);
  EXPECT_LE(stats.pages_read, kPages + kPages / 64);
  EXPECT_GE(stats.evictions, stats.pages_read - kCapacity);
  EXPECT_LT(stats.read_ios, kPages / 16);  // coalesced: about 64 pages a read
  EXPECT_EQ(stats.read_failures, 0u);
  EXPECT_EQ(cache->UnregisterFile(id), JET_errSuccess);
}

// The same scan without read-ahead, one page per read (a quarter of the file,
// to keep the test short): the bound holds too.
TEST(CacheEvictionTest, DemandScanStaysWithinCapacity) {
  constexpr size_t kCapacity = 4096;
  constexpr uint32_t kPages = 32 * kCapacity;
  SyntheticFile file(kPages, kPage);
  auto cache = MakeCache(kCapacity);
  CacheFileOptions options;
  options.verifier = VerifySyntheticPage;
  CacheFileId id = kInvalidCacheFileId;
  ASSERT_EQ(cache->RegisterFile(&file, kPage, options, &id), JET_errSuccess);
  const double mbps = Scan(cache.get(), id, kPages, /*window=*/0, kCapacity);
  const CacheStats stats = cache->Stats();
  std::printf("[ measure  ] 512 MiB scan, 16 MiB cache, no read-ahead: %.0f MB/s\n", mbps);
  EXPECT_LE(stats.max_allocated, kCapacity);
  EXPECT_EQ(stats.read_ios, kPages);
  EXPECT_EQ(cache->UnregisterFile(id), JET_errSuccess);
}

// A real file on disk through Env::Default(), 32× the cache.
TEST(CacheEvictionTest, ScanOfRealFileStaysWithinCapacity) {
  Env* env = Env::Default();
  const std::string path = ::testing::TempDir() + "cache_scan_test.edb";
  (void)env->RemoveFile(path);
  constexpr size_t kCapacity = 1024;           // 4 MiB
  constexpr uint32_t kPages = 32 * kCapacity;  // 128 MiB
  std::unique_ptr<File> file;
  FileOptions file_options;
  file_options.create = true;
  ASSERT_EQ(env->OpenFile(path, file_options, &file), JET_errSuccess);
  {
    std::vector<uint8_t> chunk(256 * kPage);
    for (uint32_t pgno = 0; pgno < kPages; pgno += 256) {
      for (uint32_t i = 0; i < 256; ++i) FillPage(chunk.data() + i * kPage, kPage, pgno + i, 1);
      ASSERT_EQ(file->WriteAt(uint64_t{pgno} * kPage, chunk.data(), chunk.size()), JET_errSuccess);
    }
  }
  auto cache = MakeCache(kCapacity);
  CacheFileId id = kInvalidCacheFileId;
  ASSERT_EQ(cache->RegisterFile(file.get(), kPage, VerifyPage, &id), JET_errSuccess);
  const double with_readahead = Scan(cache.get(), id, kPages, 256, kCapacity);
  ASSERT_EQ(cache->UnregisterFile(id), JET_errSuccess);
  ASSERT_EQ(cache->RegisterFile(file.get(), kPage, VerifyPage, &id), JET_errSuccess);
  const double without = Scan(cache.get(), id, kPages, 0, kCapacity);
  std::printf(
      "[ measure  ] 128 MiB real file (OS cache warm), 4 MiB cache: %.0f MB/s with "
      "read-ahead, %.0f MB/s without\n",
      with_readahead, without);
  EXPECT_LE(cache->Stats().max_allocated, kCapacity);
  ASSERT_EQ(cache->UnregisterFile(id), JET_errSuccess);
  file.reset();
  EXPECT_EQ(env->RemoveFile(path), JET_errSuccess);
}

// LRU: pages used often stay while a long run of other pages passes through.
TEST(CacheEvictionTest, LruKeepsHotPages) {
  constexpr size_t kCapacity = 64;
  SyntheticFile file(100000, kPage);
  auto cache = MakeCache(kCapacity);
  CacheFileOptions options;
  options.verifier = VerifySyntheticPage;
  CacheFileId id = kInvalidCacheFileId;
  ASSERT_EQ(cache->RegisterFile(&file, kPage, options, &id), JET_errSuccess);
  auto touch_hot = [&] {
    for (uint32_t pgno = 0; pgno < 8; ++pgno) {
      ReadLatch latch;
      ASSERT_EQ(cache->ReadLatchPage(id, pgno, &latch), JET_errSuccess);
    }
  };
  touch_hot();
  const uint64_t misses_after_warmup = cache->Stats().misses;
  uint64_t cold_reads = 0;
  for (uint32_t pgno = 1000; pgno < 5000; ++pgno) {
    ReadLatch latch;
    ASSERT_EQ(cache->ReadLatchPage(id, pgno, &latch), JET_errSuccess);
    ++cold_reads;
    if (pgno % 16 == 0) touch_hot();  // well within 64 other pages
  }
  // Every miss since the warm-up was a cold page: the hot ones always hit.
  EXPECT_EQ(cache->Stats().misses - misses_after_warmup, cold_reads);
  EXPECT_LE(cache->Stats().max_allocated, kCapacity);
}

// A scan marked kScan does not push out the working set, even one not
// touched during the scan; the same scan without the hint does.
TEST(CacheEvictionTest, ScanHintKeepsWorkingSet) {
  constexpr size_t kCapacity = 64;
  for (PageHint hint : {PageHint::kScan, PageHint::kNormal}) {
    SyntheticFile file(100000, kPage);
    auto cache = MakeCache(kCapacity);
    CacheFileOptions options;
    options.verifier = VerifySyntheticPage;
    CacheFileId id = kInvalidCacheFileId;
    ASSERT_EQ(cache->RegisterFile(&file, kPage, options, &id), JET_errSuccess);
    for (uint32_t pgno = 0; pgno < 32; ++pgno) {
      ReadLatch latch;
      ASSERT_EQ(cache->ReadLatchPage(id, pgno, &latch), JET_errSuccess);
    }
    for (uint32_t pgno = 1000; pgno < 9000; ++pgno) {
      ReadLatch latch;
      ASSERT_EQ(cache->ReadLatchPage(id, pgno, &latch, hint), JET_errSuccess);
    }
    const uint64_t misses = cache->Stats().misses;
    for (uint32_t pgno = 0; pgno < 32; ++pgno) {
      ReadLatch latch;
      ASSERT_EQ(cache->ReadLatchPage(id, pgno, &latch), JET_errSuccess);
    }
    if (hint == PageHint::kScan) {
      EXPECT_EQ(cache->Stats().misses, misses) << "the working set was evicted by a scan";
    } else {
      EXPECT_EQ(cache->Stats().misses, misses + 32) << "plain LRU should have evicted it";
    }
    EXPECT_EQ(cache->UnregisterFile(id), JET_errSuccess);
  }
}

// A latched page is never evicted: with every buffer latched a further miss
// waits buffer_wait for one and then fails with JET_errOutOfBuffers (-1014),
// leaving the latched pages as they were.
TEST(CacheEvictionTest, LatchedPagesAreNeverEvicted) {
  constexpr size_t kCapacity = 8;
  SyntheticFile file(100, kPage);
  auto cache = MakeCache(kCapacity, 1, std::chrono::milliseconds(50));
  CacheFileOptions options;
  options.verifier = VerifySyntheticPage;
  CacheFileId id = kInvalidCacheFileId;
  ASSERT_EQ(cache->RegisterFile(&file, kPage, options, &id), JET_errSuccess);
  std::vector<ReadLatch> readers(kCapacity / 2);
  std::vector<WriteLatch> writers(kCapacity / 2);
  std::vector<const uint8_t*> data;
  for (uint32_t i = 0; i < kCapacity / 2; ++i) {
    ASSERT_EQ(cache->ReadLatchPage(id, i, &readers[i]), JET_errSuccess);
    ASSERT_EQ(cache->WriteLatchPage(id, 50 + i, &writers[i]), JET_errSuccess);
    data.push_back(readers[i].data());
    data.push_back(writers[i].data());
  }
  EXPECT_EQ(JET_errOutOfBuffers, -1014);
  const auto start = std::chrono::steady_clock::now();
  ReadLatch extra;
  EXPECT_EQ(cache->ReadLatchPage(id, 20, &extra), JET_errOutOfBuffers);
  EXPECT_GE(Seconds(start), 0.045);
  EXPECT_EQ(cache->Prefetch(id, 30, 10), JET_errSuccess);  // advice: no room, no harm
  cache->WaitForPrefetch();
  CacheStats stats = cache->Stats();
  EXPECT_EQ(stats.evictions, 0u);
  EXPECT_EQ(stats.resident, kCapacity);
  EXPECT_GE(stats.buffer_waits, 1u);
  for (uint32_t i = 0; i < kCapacity / 2; ++i) {
    EXPECT_EQ(readers[i].data(), data[2 * i]);
    EXPECT_EQ(VerifySyntheticPage(readers[i].data(), i, kPage), JET_errSuccess);
    EXPECT_EQ(VerifySyntheticPage(writers[i].data(), 50 + i, kPage), JET_errSuccess);
  }

  // One buffer freed: the miss takes exactly that one.
  readers[1].Release();
  ASSERT_EQ(cache->ReadLatchPage(id, 20, &extra), JET_errSuccess);
  stats = cache->Stats();
  EXPECT_EQ(stats.evictions, 1u);
  EXPECT_LE(stats.max_allocated, kCapacity);
}

// A miss that finds every buffer latched gets one as soon as it is released.
TEST(CacheEvictionTest, MissWaitsForReleasedBuffer) {
  constexpr size_t kCapacity = 4;
  SyntheticFile file(100, kPage);
  auto cache = MakeCache(kCapacity, 1, std::chrono::milliseconds(5000));
  CacheFileOptions options;
  options.verifier = VerifySyntheticPage;
  CacheFileId id = kInvalidCacheFileId;
  ASSERT_EQ(cache->RegisterFile(&file, kPage, options, &id), JET_errSuccess);
  std::vector<ReadLatch> latches(kCapacity);
  for (uint32_t i = 0; i < kCapacity; ++i) {
    ASSERT_EQ(cache->ReadLatchPage(id, i, &latches[i]), JET_errSuccess);
  }
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    latches[2].Release();
  });
  ReadLatch extra;
  EXPECT_EQ(cache->ReadLatchPage(id, 10, &extra), JET_errSuccess);
  releaser.join();
  EXPECT_LE(cache->Stats().buffer_waits, 1u);  // 0 only if this thread was late
}

class CacheEvictionWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    FileOptions options;
    options.create = true;
    ASSERT_EQ(env_.OpenFile("db.edb", options, &base_), JET_errSuccess);
    std::vector<uint8_t> page(kPage);
    for (uint32_t pgno = 0; pgno < 64; ++pgno) {
      FillPage(page.data(), kPage, pgno, 1);
      ASSERT_EQ(base_->WriteAt(uint64_t{pgno} * kPage, page.data(), kPage), JET_errSuccess);
    }
    file_ = std::make_unique<WatchedFile>(base_.get());
    // The write-ahead rule, checked where it matters: no page reaches the
    // file before the log is durable past the change it carries.
    file_->set_write_hook([this](uint64_t offset, const uint8_t* data, size_t n) {
      EXPECT_EQ(offset % kPage, 0u);
      for (size_t at = 0; at < n; at += kPage) {
        EXPECT_LE(PageLgpos(data + at), log_.durable()) << "page at " << offset + at;
      }
      return JET_errSuccess;
    });
  }

  CacheFileId Register(PageCache* cache) {
    CacheFileOptions options;
    options.verifier = VerifyPage;
    options.flush_log = log_.Hook();
    CacheFileId id = kInvalidCacheFileId;
    EXPECT_EQ(cache->RegisterFile(file_.get(), kPage, options, &id), JET_errSuccess);
    return id;
  }

  void Dirty(PageCache* cache, CacheFileId id, uint32_t pgno, uint64_t version, PackedLgpos lgpos) {
    WriteLatch w;
    ASSERT_EQ(cache->WriteLatchPage(id, pgno, &w), JET_errSuccess);
    FillPage(w.data(), kPage, pgno, version, lgpos);
    w.MarkDirty(lgpos);
  }

  uint64_t DiskVersion(uint32_t pgno) {
    std::vector<uint8_t> page(kPage);
    EXPECT_EQ(ReadExactlyAt(base_.get(), uint64_t{pgno} * kPage, page.data(), kPage),
              JET_errSuccess);
    return PageVersion(page.data());
  }

  FaultEnv env_{7};
  std::unique_ptr<File> base_;
  std::unique_ptr<WatchedFile> file_;
  FakeLog log_;
};

TEST_F(CacheEvictionWriteTest, DirtyPageIsWrittenAfterLogFlushWhenEvicted) {
  auto cache = MakeCache(4);
  const CacheFileId id = Register(cache.get());
  Dirty(cache.get(), id, 0, 2, 400);
  Dirty(cache.get(), id, 0, 3, 500);
  EXPECT_EQ(file_->writes(), 0u);
  EXPECT_TRUE(log_.calls().empty());
  for (uint32_t pgno = 10; pgno < 20; ++pgno) {
    ReadLatch r;
    ASSERT_EQ(cache->ReadLatchPage(id, pgno, &r), JET_errSuccess);
  }
  EXPECT_EQ(log_.calls(), std::vector<PackedLgpos>{500});  // lgposNewest, before the write
  EXPECT_EQ(file_->writes(), 1u);
  EXPECT_EQ(DiskVersion(0), 3u);
  EXPECT_EQ(cache->Stats().pages_written, 1u);
  EXPECT_EQ(cache->Stats().dirty, 0u);
  // Written but not yet flushed: it still holds the checkpoint back.
  EXPECT_EQ(cache->MinLgposOldest(id), 400u);
  ASSERT_EQ(cache->FlushFile(id), JET_errSuccess);
  EXPECT_EQ(cache->MinLgposOldest(id), kLgposMax);
  ReadLatch r;
  ASSERT_EQ(cache->ReadLatchPage(id, 0, &r), JET_errSuccess);
  EXPECT_EQ(PageVersion(r.data()), 3u);
}

// Contiguous dirty neighbours of an evicted page go out with it, in one write.
TEST_F(CacheEvictionWriteTest, EvictionWritesNeighboursTogether) {
  auto cache = MakeCache(8);
  const CacheFileId id = Register(cache.get());
  for (uint32_t pgno = 0; pgno < 4; ++pgno) Dirty(cache.get(), id, pgno, 2, 100 + pgno);
  for (uint32_t pgno = 30; pgno < 40; ++pgno) {
    ReadLatch r;
    ASSERT_EQ(cache->ReadLatchPage(id, pgno, &r), JET_errSuccess);
  }
  EXPECT_EQ(file_->writes(), 1u);
  EXPECT_EQ(log_.calls(), std::vector<PackedLgpos>{103});
  const CacheStats stats = cache->Stats();
  EXPECT_EQ(stats.pages_written, 4u);
  EXPECT_EQ(stats.write_ios, 1u);
  for (uint32_t pgno = 0; pgno < 4; ++pgno) EXPECT_EQ(DiskVersion(pgno), 2u);
}

// A failing write-back surfaces to the reader that needed the buffer; the
// page stays dirty and is written once the disk recovers.
TEST_F(CacheEvictionWriteTest, EvictionWriteFailureSurfacesAndPageStaysDirty) {
  auto cache = MakeCache(2);
  const CacheFileId id = Register(cache.get());
  Dirty(cache.get(), id, 0, 2, 10);
  Dirty(cache.get(), id, 5, 2, 20);
  env_.FailNth(FaultOp::kWrite, 1, JET_errDiskFull, FaultMode::kFromThenOn);
  ReadLatch r;
  EXPECT_EQ(cache->ReadLatchPage(id, 9, &r), JET_errDiskFull);
  CacheStats stats = cache->Stats();
  EXPECT_EQ(stats.dirty, 2u);
  EXPECT_GE(stats.write_failures, 1u);
  EXPECT_EQ(cache->MinLgposOldest(id), 10u);
  EXPECT_EQ(DiskVersion(0), 1u);
  env_.ClearFaults();
  ASSERT_EQ(cache->ReadLatchPage(id, 9, &r), JET_errSuccess);
  r.Release();
  ASSERT_EQ(cache->FlushFile(id), JET_errSuccess);
  EXPECT_EQ(DiskVersion(0), 2u);
  EXPECT_EQ(DiskVersion(5), 2u);
}

// A log that cannot flush keeps the page from being written at all.
TEST_F(CacheEvictionWriteTest, LogFlushFailurePreventsWrite) {
  auto cache = MakeCache(2);
  const CacheFileId id = Register(cache.get());
  Dirty(cache.get(), id, 0, 2, 10);
  Dirty(cache.get(), id, 1, 2, 20);
  log_.FailNext(JET_errLogWriteFail);
  ASSERT_EQ(cache->FlushFile(id), JET_errLogWriteFail);
  EXPECT_EQ(file_->writes(), 0u);
  EXPECT_EQ(cache->Stats().dirty, 2u);
  ASSERT_EQ(cache->FlushFile(id), JET_errSuccess);
  EXPECT_EQ(DiskVersion(1), 2u);
}

}  // namespace
}  // namespace jet
