// Read-ahead: coalesced reads, its limits (end of file, bad pages, a quarter
// of the cache, dirty pages), and demand reads meeting a read-ahead in flight.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "cache/page_cache.h"
#include "cache_test_util.h"
#include "os/fault_env.h"

namespace jet {
namespace {

using cache_test::FillPage;
using cache_test::SyntheticFile;
using cache_test::VerifyPage;
using cache_test::VerifySyntheticPage;

constexpr size_t kPage = 4096;

std::unique_ptr<PageCache> MakeCache(size_t capacity, int prefetch_threads) {
  PageCacheOptions options;
  options.page_size = kPage;
  options.capacity_pages = capacity;
  options.prefetch_threads = prefetch_threads;
  options.max_io_bytes = 64 * kPage;
  options.buffer_wait = std::chrono::milliseconds(50);
  std::unique_ptr<PageCache> cache;
  EXPECT_EQ(PageCache::Create(options, &cache), JET_errSuccess);
  return cache;
}

CacheFileId RegisterSynthetic(PageCache* cache, File* file) {
  CacheFileOptions options;
  options.verifier = VerifySyntheticPage;
  CacheFileId id = kInvalidCacheFileId;
  EXPECT_EQ(cache->RegisterFile(file, kPage, options, &id), JET_errSuccess);
  return id;
}

class CachePrefetchTest : public ::testing::TestWithParam<int> {};

INSTANTIATE_TEST_SUITE_P(Threads, CachePrefetchTest, ::testing::Values(0, 1),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return info.param == 0 ? std::string("Synchronous")
                                                  : std::string("Background");
                         });

TEST_P(CachePrefetchTest, LoadsPagesWithCoalescedReads) {
  SyntheticFile file(1000, kPage);
  auto cache = MakeCache(1024, GetParam());
  const CacheFileId id = RegisterSynthetic(cache.get(), &file);
  ASSERT_EQ(cache->Prefetch(id, 0, 200), JET_errSuccess);
  cache->WaitForPrefetch();
  CacheStats stats = cache->Stats();
  EXPECT_EQ(stats.prefetched_pages, 200u);
  EXPECT_EQ(stats.read_ios, 4u);  // 64 + 64 + 64 + 8
  EXPECT_EQ(stats.resident, 200u);
  for (uint32_t pgno = 0; pgno < 200; ++pgno) {
    ReadLatch latch;
    ASSERT_EQ(cache->ReadLatchPage(id, pgno, &latch), JET_errSuccess);
    EXPECT_EQ(cache_test::PagePgno(latch.data()), pgno);
  }
  stats = cache->Stats();
  EXPECT_EQ(stats.hits, 200u);
  EXPECT_EQ(stats.misses, 0u);
  // Asking again for cached pages reads nothing.
  ASSERT_EQ(cache->Prefetch(id, 0, 200), JET_errSuccess);
  cache->WaitForPrefetch();
  EXPECT_EQ(cache->Stats().read_ios, 4u);
}

TEST_P(CachePrefetchTest, StopsAtEndOfFile) {
  SyntheticFile file(100, kPage);
  auto cache = MakeCache(1024, GetParam());
  const CacheFileId id = RegisterSynthetic(cache.get(), &file);
  ASSERT_EQ(cache->Prefetch(id, 90, 50), JET_errSuccess);
  cache->WaitForPrefetch();
  const CacheStats stats = cache->Stats();
  EXPECT_EQ(stats.prefetched_pages, 10u);
  EXPECT_EQ(stats.resident, 10u);
  EXPECT_EQ(stats.read_failures, 0u);
  ReadLatch latch;
  EXPECT_EQ(cache->ReadLatchPage(id, 100, &latch), JET_errFileIOBeyondEOF);
}

TEST_P(CachePrefetchTest, LoadsAtMostAQuarterOfTheCache) {
  SyntheticFile file(10000, kPage);
  auto cache = MakeCache(64, GetParam());
  const CacheFileId id = RegisterSynthetic(cache.get(), &file);
  ASSERT_EQ(cache->Prefetch(id, 0, 5000), JET_errSuccess);
  cache->WaitForPrefetch();
  EXPECT_EQ(cache->Stats().prefetched_pages, 16u);
}

TEST_P(CachePrefetchTest, BadPageIsNotCached) {
  FaultEnv env(5);
  std::unique_ptr<File> file;
  FileOptions file_options;
  file_options.create = true;
  ASSERT_EQ(env.OpenFile("db.edb", file_options, &file), JET_errSuccess);
  std::vector<uint8_t> page(kPage);
  for (uint32_t pgno = 0; pgno < 20; ++pgno) {
    FillPage(page.data(), kPage, pgno, 1);
    if (pgno == 7) page[500] ^= 1;
    ASSERT_EQ(file->WriteAt(uint64_t{pgno} * kPage, page.data(), kPage), JET_errSuccess);
  }
  auto cache = MakeCache(1024, GetParam());
  CacheFileId id = kInvalidCacheFileId;
  ASSERT_EQ(cache->RegisterFile(file.get(), kPage, VerifyPage, &id), JET_errSuccess);
  ASSERT_EQ(cache->Prefetch(id, 0, 20), JET_errSuccess);
  cache->WaitForPrefetch();
  EXPECT_EQ(cache->Stats().resident, 19u);
  ReadLatch latch;
  EXPECT_EQ(cache->ReadLatchPage(id, 7, &latch), JET_errReadVerifyFailure);
  EXPECT_EQ(cache->ReadLatchPage(id, 8, &latch), JET_errSuccess);
}

// Read-ahead only takes clean unlatched buffers: it never writes.
TEST_P(CachePrefetchTest, NeverEvictsDirtyPages) {
  FaultEnv env(6);
  std::unique_ptr<File> file;
  FileOptions file_options;
  file_options.create = true;
  ASSERT_EQ(env.OpenFile("db.edb", file_options, &file), JET_errSuccess);
  std::vector<uint8_t> page(kPage);
  for (uint32_t pgno = 0; pgno < 40; ++pgno) {
    FillPage(page.data(), kPage, pgno, 1);
    ASSERT_EQ(file->WriteAt(uint64_t{pgno} * kPage, page.data(), kPage), JET_errSuccess);
  }
  auto cache = MakeCache(8, GetParam());
  CacheFileId id = kInvalidCacheFileId;
  ASSERT_EQ(cache->RegisterFile(file.get(), kPage, VerifyPage, &id), JET_errSuccess);
  for (uint32_t pgno = 0; pgno < 8; ++pgno) {
    WriteLatch w;
    ASSERT_EQ(cache->WriteLatchPage(id, pgno, &w), JET_errSuccess);
    FillPage(w.data(), kPage, pgno, 2);
    w.MarkDirty(kLgposNone);
  }
  const uint64_t writes = env.CallCount(FaultOp::kWrite);
  ASSERT_EQ(cache->Prefetch(id, 20, 2), JET_errSuccess);
  cache->WaitForPrefetch();
  EXPECT_EQ(env.CallCount(FaultOp::kWrite), writes);
  EXPECT_EQ(cache->Stats().dirty, 8u);
  EXPECT_EQ(cache->Stats().prefetched_pages, 0u);
}

// A file whose multi-page reads take a while.
class SlowFile final : public File {
 public:
  explicit SlowFile(File* base) : base_(base) {}
  JET_ERR ReadAt(uint64_t offset, void* buf, size_t n, size_t* bytes_read) override {
    reads_.fetch_add(1);
    if (n > kPage) {
      big_reads_started_.fetch_add(1);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return base_->ReadAt(offset, buf, n, bytes_read);
  }
  JET_ERR WriteAt(uint64_t offset, const void* buf, size_t n) override {
    return base_->WriteAt(offset, buf, n);
  }
  JET_ERR Flush() override { return base_->Flush(); }
  JET_ERR Size(uint64_t* size) override { return base_->Size(size); }
  JET_ERR SetSize(uint64_t size) override { return base_->SetSize(size); }
  uint64_t reads() const { return reads_.load(); }
  uint64_t big_reads_started() const { return big_reads_started_.load(); }

 private:
  File* const base_;
  std::atomic<uint64_t> reads_{0};
  std::atomic<uint64_t> big_reads_started_{0};
};

// A demand read of a page that read-ahead is reading waits for it instead of
// reading it a second time.
TEST(CachePrefetchInFlightTest, DemandReadWaitsForReadAhead) {
  SyntheticFile synthetic(100, kPage);
  SlowFile file(&synthetic);
  auto cache = MakeCache(1024, 1);
  const CacheFileId id = RegisterSynthetic(cache.get(), &file);
  ASSERT_EQ(cache->Prefetch(id, 0, 32), JET_errSuccess);
  // Until the read-ahead thread is inside its (slow) read.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (file.big_reads_started() == 0 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_EQ(file.big_reads_started(), 1u);
  ReadLatch latch;
  ASSERT_EQ(cache->ReadLatchPage(id, 5, &latch), JET_errSuccess);
  EXPECT_EQ(cache_test::PagePgno(latch.data()), 5u);
  EXPECT_EQ(file.reads(), 1u);
  EXPECT_EQ(cache->Stats().hits, 1u);
  EXPECT_EQ(cache->Stats().misses, 0u);
}

// Unregistering a file drops its queued read-ahead.
TEST(CachePrefetchInFlightTest, UnregisterCancelsReadAhead) {
  SyntheticFile synthetic(100000, kPage);
  SlowFile file(&synthetic);
  auto cache = MakeCache(4096, 1);
  const CacheFileId id = RegisterSynthetic(cache.get(), &file);
  for (uint32_t i = 0; i < 20; ++i) ASSERT_EQ(cache->Prefetch(id, i * 1000, 500), JET_errSuccess);
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(cache->UnregisterFile(id), JET_errSuccess);
  // At most the running request (a few 100 ms reads) finished, not all 20.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(cache->Stats().resident, 0u);
  EXPECT_EQ(cache->Prefetch(id, 0, 10), JET_errInvalidParameter);
}

}  // namespace
}  // namespace jet
