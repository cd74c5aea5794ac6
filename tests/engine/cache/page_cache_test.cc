// PageCache basics: registration, the pgno → offset mapping, verification on
// read, latches and their handles, new pages, capacity changes.
#include "cache/page_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cache_test_util.h"
#include "os/fault_env.h"

namespace jet {
namespace {

using cache_test::FillPage;
using cache_test::PageIsConsistent;
using cache_test::PageVersion;
using cache_test::VerifyPage;

constexpr size_t kPage = 4096;

class PageCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    FileOptions options;
    options.create = true;
    ASSERT_EQ(env_.OpenFile("db.edb", options, &file_), JET_errSuccess);
  }

  // Writes pages [0, count) with version 1 straight to the file, at the
  // offsets of a file whose pgno 0 is at first_page_offset.
  void WritePages(uint32_t count, uint64_t first_page_offset = 0, size_t page_size = kPage) {
    std::vector<uint8_t> page(page_size);
    for (uint32_t pgno = 0; pgno < count; ++pgno) {
      FillPage(page.data(), page_size, pgno, 1);
      ASSERT_EQ(
          file_->WriteAt(first_page_offset + uint64_t{pgno} * page_size, page.data(), page_size),
          JET_errSuccess);
    }
  }

  void MakeCache(size_t capacity, size_t page_size = kPage,
                 std::chrono::milliseconds buffer_wait = std::chrono::milliseconds(50)) {
    PageCacheOptions options;
    options.page_size = page_size;
    options.capacity_pages = capacity;
    options.buffer_wait = buffer_wait;
    ASSERT_EQ(PageCache::Create(options, &cache_), JET_errSuccess);
  }

  CacheFileId Register(CacheFileOptions options = CacheFileOptions(), size_t page_size = kPage) {
    if (!options.verifier) options.verifier = VerifyPage;
    CacheFileId id = kInvalidCacheFileId;
    EXPECT_EQ(cache_->RegisterFile(file_.get(), page_size, options, &id), JET_errSuccess);
    return id;
  }

  FaultEnv env_{1};
  std::unique_ptr<File> file_;
  std::unique_ptr<PageCache> cache_;
};

TEST_F(PageCacheTest, CreateRejectsBadOptions) {
  std::unique_ptr<PageCache> cache;
  PageCacheOptions options;
  options.page_size = 2048;
  EXPECT_EQ(PageCache::Create(options, &cache), JET_errInvalidParameter);
  options.page_size = 4096;
  options.capacity_pages = 0;
  EXPECT_EQ(PageCache::Create(options, &cache), JET_errInvalidParameter);
  options.capacity_pages = 16;
  options.prefetch_threads = 2;
  EXPECT_EQ(PageCache::Create(options, &cache), JET_errInvalidParameter);
  for (size_t size : {4096u, 8192u, 16384u, 32768u}) {
    options = PageCacheOptions();
    options.page_size = size;
    EXPECT_EQ(PageCache::Create(options, &cache), JET_errSuccess) << size;
    EXPECT_EQ(cache->page_size(), size);
  }
}

TEST_F(PageCacheTest, RegisterChecksPageSize) {
  MakeCache(8);
  CacheFileId id = kInvalidCacheFileId;
  EXPECT_EQ(cache_->RegisterFile(file_.get(), 8192, VerifyPage, &id), JET_errPageSizeMismatch);
  EXPECT_EQ(cache_->RegisterFile(file_.get(), kPage, VerifyPage, &id), JET_errSuccess);
  EXPECT_NE(id, kInvalidCacheFileId);
  EXPECT_EQ(cache_->UnregisterFile(id), JET_errSuccess);
  // A stale id reaches nothing.
  ReadLatch latch;
  EXPECT_EQ(cache_->ReadLatchPage(id, 0, &latch), JET_errInvalidParameter);
  EXPECT_EQ(cache_->UnregisterFile(id), JET_errInvalidParameter);
  EXPECT_EQ(cache_->FlushFile(id), JET_errInvalidParameter);
}

TEST_F(PageCacheTest, ReadHitsAfterMiss) {
  WritePages(4);
  MakeCache(8);
  const CacheFileId id = Register();
  for (int round = 0; round < 3; ++round) {
    for (uint32_t pgno = 0; pgno < 4; ++pgno) {
      ReadLatch latch;
      ASSERT_EQ(cache_->ReadLatchPage(id, pgno, &latch), JET_errSuccess);
      EXPECT_EQ(cache_test::PagePgno(latch.data()), pgno);
      EXPECT_TRUE(PageIsConsistent(latch.data(), kPage));
    }
  }
  const CacheStats stats = cache_->Stats();
  EXPECT_EQ(stats.misses, 4u);
  EXPECT_EQ(stats.hits, 8u);
  EXPECT_EQ(stats.pages_read, 4u);
  EXPECT_EQ(stats.resident, 4u);
  EXPECT_EQ(env_.CallCount(FaultOp::kRead), 4u);
}

// Page n of an EDB file is at (n+1) × page size, for every page size.
TEST_F(PageCacheTest, FirstPageOffsetMapsPgnoToOffset) {
  for (size_t page_size : {4096u, 8192u, 16384u, 32768u}) {
    SCOPED_TRACE(page_size);
    ASSERT_EQ(file_->SetSize(0), JET_errSuccess);
    WritePages(5, /*first_page_offset=*/page_size, page_size);
    MakeCache(8, page_size);
    CacheFileOptions options;
    options.first_page_offset = page_size;
    const CacheFileId id = Register(options, page_size);
    ReadLatch latch;
    ASSERT_EQ(cache_->ReadLatchPage(id, 3, &latch), JET_errSuccess);
    EXPECT_EQ(cache_test::PagePgno(latch.data()), 3u);
    latch.Release();

    WriteLatch write;
    ASSERT_EQ(cache_->WriteLatchPage(id, 2, &write), JET_errSuccess);
    FillPage(write.data(), page_size, 2, 7);
    write.MarkDirty(kLgposNone);
    write.Release();
    ASSERT_EQ(cache_->FlushFile(id), JET_errSuccess);
    std::vector<uint8_t> raw(page_size);
    ASSERT_EQ(ReadExactlyAt(file_.get(), 3 * page_size, raw.data(), page_size), JET_errSuccess);
    EXPECT_EQ(cache_test::PagePgno(raw.data()), 2u);
    EXPECT_EQ(PageVersion(raw.data()), 7u);
    ASSERT_EQ(cache_->UnregisterFile(id), JET_errSuccess);
  }
}

TEST_F(PageCacheTest, VerifierFailureIsReturnedAndNotCached) {
  WritePages(4);
  // Page 1: a flipped bit. Page 2: a good page, but of another pgno.
  uint8_t byte = 0;
  size_t got = 0;
  ASSERT_EQ(file_->ReadAt(kPage + 100, &byte, 1, &got), JET_errSuccess);
  byte ^= 0x10;
  ASSERT_EQ(file_->WriteAt(kPage + 100, &byte, 1), JET_errSuccess);
  std::vector<uint8_t> page(kPage);
  FillPage(page.data(), kPage, 3, 1);
  ASSERT_EQ(file_->WriteAt(2 * kPage, page.data(), kPage), JET_errSuccess);

  MakeCache(8);
  const CacheFileId id = Register();
  for (int attempt = 0; attempt < 2; ++attempt) {
    ReadLatch latch;
    EXPECT_EQ(cache_->ReadLatchPage(id, 1, &latch), JET_errReadVerifyFailure);
    EXPECT_FALSE(latch.held());
    WriteLatch write;
    EXPECT_EQ(cache_->WriteLatchPage(id, 2, &write), JET_errReadPgnoVerifyFailure);
    EXPECT_FALSE(write.held());
  }
  CacheStats stats = cache_->Stats();
  EXPECT_EQ(stats.resident, 0u);  // neither bad page was cached...
  EXPECT_EQ(stats.misses, 4u);    // ...so each attempt read it again
  EXPECT_EQ(stats.read_failures, 4u);
  EXPECT_EQ(stats.hits, 0u);

  // Repaired on disk, the page reads fine: nothing stale was kept.
  FillPage(page.data(), kPage, 1, 1);
  ASSERT_EQ(file_->WriteAt(kPage, page.data(), kPage), JET_errSuccess);
  ReadLatch latch;
  EXPECT_EQ(cache_->ReadLatchPage(id, 1, &latch), JET_errSuccess);
}

TEST_F(PageCacheTest, ReadBeyondEndOfFile) {
  WritePages(2);
  // Half a page at the end.
  ASSERT_EQ(file_->SetSize(2 * kPage + kPage / 2), JET_errSuccess);
  MakeCache(8);
  const CacheFileId id = Register();
  ReadLatch latch;
  EXPECT_EQ(cache_->ReadLatchPage(id, 2, &latch), JET_errFileIOBeyondEOF);
  EXPECT_EQ(cache_->ReadLatchPage(id, 100, &latch), JET_errFileIOBeyondEOF);

  CacheFileOptions options;
  options.beyond_eof_error = JET_errPageNotInitialized;
  const CacheFileId other = Register(options);
  EXPECT_EQ(cache_->ReadLatchPage(other, 5, &latch), JET_errPageNotInitialized);
  EXPECT_EQ(cache_->Stats().resident, 0u);
}

TEST_F(PageCacheTest, ReadErrorFromFileIsReturned) {
  WritePages(2);
  MakeCache(8);
  const CacheFileId id = Register();
  env_.FailNth(FaultOp::kRead, 1, JET_errDiskIO);
  ReadLatch latch;
  EXPECT_EQ(cache_->ReadLatchPage(id, 0, &latch), JET_errDiskIO);
  EXPECT_EQ(cache_->ReadLatchPage(id, 0, &latch), JET_errSuccess);
}

TEST_F(PageCacheTest, SharedLatchesCoexistAndExcludeWriter) {
  WritePages(1);
  MakeCache(8);
  const CacheFileId id = Register();
  ReadLatch a, b;
  ASSERT_EQ(cache_->ReadLatchPage(id, 0, &a), JET_errSuccess);
  ASSERT_EQ(cache_->ReadLatchPage(id, 0, &b), JET_errSuccess);
  EXPECT_EQ(a.data(), b.data());

  // A writer waits until both readers are gone.
  std::atomic<bool> got_write{false};
  std::thread writer([&] {
    WriteLatch w;
    ASSERT_EQ(cache_->WriteLatchPage(id, 0, &w), JET_errSuccess);
    got_write = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_FALSE(got_write.load());
  a.Release();
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_FALSE(got_write.load());
  b.Release();
  writer.join();
  EXPECT_TRUE(got_write.load());
}

TEST_F(PageCacheTest, UpgradeAndDowngrade) {
  WritePages(1);
  MakeCache(8);
  const CacheFileId id = Register();
  ReadLatch a, b;
  ASSERT_EQ(cache_->ReadLatchPage(id, 0, &a), JET_errSuccess);
  ASSERT_EQ(cache_->ReadLatchPage(id, 0, &b), JET_errSuccess);
  WriteLatch w;
  EXPECT_FALSE(a.TryUpgrade(&w));  // b still reads
  EXPECT_TRUE(a.held());
  b.Release();
  ASSERT_TRUE(a.TryUpgrade(&w));
  EXPECT_FALSE(a.held());
  ASSERT_TRUE(w.held());
  FillPage(w.data(), kPage, 0, 2);
  w.MarkDirty(10);
  w.Downgrade(&a);
  EXPECT_FALSE(w.held());
  ASSERT_TRUE(a.held());
  EXPECT_EQ(PageVersion(a.data()), 2u);
  ReadLatch c;  // shared again
  ASSERT_EQ(cache_->ReadLatchPage(id, 0, &c), JET_errSuccess);
}

TEST_F(PageCacheTest, LatchHandlesMove) {
  WritePages(2);
  MakeCache(8);
  const CacheFileId id = Register();
  ReadLatch a;
  ASSERT_EQ(cache_->ReadLatchPage(id, 0, &a), JET_errSuccess);
  ReadLatch b(std::move(a));
  EXPECT_FALSE(a.held());  // NOLINT(bugprone-use-after-move): moved-from is empty
  EXPECT_TRUE(b.held());
  ReadLatch c;
  ASSERT_EQ(cache_->ReadLatchPage(id, 1, &c), JET_errSuccess);
  c = std::move(b);  // c's page 1 latch is released
  EXPECT_EQ(c.pgno(), 0u);
  WriteLatch w;
  ASSERT_EQ(cache_->WriteLatchPage(id, 1, &w), JET_errSuccess);  // would wait if still held
}

// DESIGN, torn pages: the first change after a write logs the whole page.
TEST_F(PageCacheTest, FirstDirtySinceWrite) {
  WritePages(1);
  MakeCache(8);
  const CacheFileId id = Register();
  {
    WriteLatch w;
    ASSERT_EQ(cache_->WriteLatchPage(id, 0, &w), JET_errSuccess);
    EXPECT_TRUE(w.IsFirstDirtySinceWrite());
    EXPECT_FALSE(w.IsDirty());
    FillPage(w.data(), kPage, 0, 2);
    w.MarkDirty(100);
    EXPECT_FALSE(w.IsFirstDirtySinceWrite());
    EXPECT_TRUE(w.IsDirty());
    w.MarkDirty(90);
    w.MarkDirty(120);
    EXPECT_EQ(w.lgpos_oldest(), 90u);
    EXPECT_EQ(w.lgpos_newest(), 120u);
  }
  {
    WriteLatch w;
    ASSERT_EQ(cache_->WriteLatchPage(id, 0, &w), JET_errSuccess);
    EXPECT_FALSE(w.IsFirstDirtySinceWrite());  // not written yet
  }
  ASSERT_EQ(cache_->FlushFile(id), JET_errSuccess);
  {
    WriteLatch w;
    ASSERT_EQ(cache_->WriteLatchPage(id, 0, &w), JET_errSuccess);
    EXPECT_TRUE(w.IsFirstDirtySinceWrite());
    EXPECT_FALSE(w.IsDirty());
    EXPECT_EQ(w.lgpos_oldest(), kLgposNone);
  }
}

TEST_F(PageCacheTest, NewPageIsZeroedWithoutReading) {
  WritePages(2);
  MakeCache(8);
  const CacheFileId id = Register();
  {
    ReadLatch r;  // page 1 cached with contents
    ASSERT_EQ(cache_->ReadLatchPage(id, 1, &r), JET_errSuccess);
  }
  const uint64_t reads = env_.CallCount(FaultOp::kRead);
  for (uint32_t pgno : {1u, 50u}) {  // cached, and past the end of the file
    WriteLatch w;
    ASSERT_EQ(cache_->WriteLatchNewPage(id, pgno, &w), JET_errSuccess);
    for (size_t i = 0; i < kPage; ++i) ASSERT_EQ(w.data()[i], 0) << i;
    EXPECT_TRUE(w.IsFirstDirtySinceWrite());
    FillPage(w.data(), kPage, pgno, 3);
    w.MarkDirty(5);
  }
  EXPECT_EQ(env_.CallCount(FaultOp::kRead), reads);
  ASSERT_EQ(cache_->FlushFile(id), JET_errSuccess);
  std::vector<uint8_t> raw(kPage);
  ASSERT_EQ(ReadExactlyAt(file_.get(), 50 * kPage, raw.data(), kPage), JET_errSuccess);
  EXPECT_EQ(VerifyPage(raw.data(), 50, kPage), JET_errSuccess);
  EXPECT_EQ(PageVersion(raw.data()), 3u);
}

TEST_F(PageCacheTest, UnregisterFlushOrDiscard) {
  WritePages(2);
  MakeCache(8);
  CacheFileId id = Register();
  {
    WriteLatch w;
    ASSERT_EQ(cache_->WriteLatchPage(id, 0, &w), JET_errSuccess);
    FillPage(w.data(), kPage, 0, 5);
    w.MarkDirty(1);
  }
  ASSERT_EQ(cache_->UnregisterFile(id, PageCache::UnregisterMode::kDiscard), JET_errSuccess);
  EXPECT_EQ(cache_->Stats().resident, 0u);
  EXPECT_EQ(cache_->Stats().dirty, 0u);
  std::vector<uint8_t> raw(kPage);
  ASSERT_EQ(ReadExactlyAt(file_.get(), 0, raw.data(), kPage), JET_errSuccess);
  EXPECT_EQ(PageVersion(raw.data()), 1u);  // the change was dropped

  id = Register();
  {
    WriteLatch w;
    ASSERT_EQ(cache_->WriteLatchPage(id, 0, &w), JET_errSuccess);
    FillPage(w.data(), kPage, 0, 6);
    w.MarkDirty(1);
  }
  const uint64_t flushes = env_.CallCount(FaultOp::kFlush);
  ASSERT_EQ(cache_->UnregisterFile(id, PageCache::UnregisterMode::kFlush), JET_errSuccess);
  EXPECT_GT(env_.CallCount(FaultOp::kFlush), flushes);
  ASSERT_EQ(ReadExactlyAt(file_.get(), 0, raw.data(), kPage), JET_errSuccess);
  EXPECT_EQ(PageVersion(raw.data()), 6u);
}

TEST_F(PageCacheTest, UnregisterWithLatchHeldFailsAndKeepsFile) {
  WritePages(2);
  MakeCache(8);
  const CacheFileId id = Register();
  ReadLatch r;
  ASSERT_EQ(cache_->ReadLatchPage(id, 0, &r), JET_errSuccess);
  EXPECT_EQ(cache_->UnregisterFile(id), JET_errInvalidOperation);
  ReadLatch again;  // still registered and usable
  ASSERT_EQ(cache_->ReadLatchPage(id, 1, &again), JET_errSuccess);
  r.Release();
  again.Release();
  EXPECT_EQ(cache_->UnregisterFile(id), JET_errSuccess);
}

TEST_F(PageCacheTest, UnregisterWaitsForLatchRelease) {
  WritePages(2);
  MakeCache(8, kPage, std::chrono::milliseconds(10000));
  const CacheFileId id = Register();
  ReadLatch r;
  ASSERT_EQ(cache_->ReadLatchPage(id, 0, &r), JET_errSuccess);
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    r.Release();
  });
  EXPECT_EQ(cache_->UnregisterFile(id), JET_errSuccess);
  releaser.join();
}

TEST_F(PageCacheTest, SetCapacityShrinksAndGrows) {
  WritePages(32);
  MakeCache(32);
  const CacheFileId id = Register();
  for (uint32_t pgno = 0; pgno < 32; ++pgno) {
    WriteLatch w;
    ASSERT_EQ(cache_->WriteLatchPage(id, pgno, &w), JET_errSuccess);
    if (pgno % 2 == 0) {
      FillPage(w.data(), kPage, pgno, 9);
      w.MarkDirty(pgno + 1);
    }
  }
  EXPECT_EQ(cache_->Stats().resident, 32u);
  EXPECT_EQ(cache_->Stats().dirty, 16u);
  ASSERT_EQ(cache_->SetCapacity(8), JET_errSuccess);
  CacheStats stats = cache_->Stats();
  EXPECT_LE(stats.allocated, 8u);
  EXPECT_LE(stats.resident, 8u);
  EXPECT_EQ(stats.capacity, 8u);
  // The dirty pages that left were written, not lost.
  std::vector<uint8_t> raw(kPage);
  size_t on_disk_v9 = 0;
  for (uint32_t pgno = 0; pgno < 32; pgno += 2) {
    ASSERT_EQ(ReadExactlyAt(file_.get(), pgno * kPage, raw.data(), kPage), JET_errSuccess);
    if (PageVersion(raw.data()) == 9) ++on_disk_v9;
  }
  EXPECT_GE(on_disk_v9 + stats.dirty, 16u);
  for (uint32_t pgno = 0; pgno < 32; ++pgno) {
    ReadLatch r;
    ASSERT_EQ(cache_->ReadLatchPage(id, pgno, &r), JET_errSuccess);
    EXPECT_EQ(PageVersion(r.data()), pgno % 2 == 0 ? 9u : 1u);
  }
  EXPECT_LE(cache_->Stats().allocated, 8u);

  ASSERT_EQ(cache_->SetCapacity(64), JET_errSuccess);
  for (uint32_t pgno = 0; pgno < 32; ++pgno) {
    ReadLatch r;
    ASSERT_EQ(cache_->ReadLatchPage(id, pgno, &r), JET_errSuccess);
  }
  EXPECT_EQ(cache_->Stats().resident, 32u);
  EXPECT_EQ(cache_->SetCapacity(0), JET_errInvalidParameter);
}

// Shrinking below what is latched takes effect as the latches are released.
TEST_F(PageCacheTest, ShrinkBelowLatchedPagesIsLazy) {
  WritePages(8);
  MakeCache(8);
  const CacheFileId id = Register();
  std::vector<ReadLatch> latches(8);
  for (uint32_t pgno = 0; pgno < 8; ++pgno) {
    ASSERT_EQ(cache_->ReadLatchPage(id, pgno, &latches[pgno]), JET_errSuccess);
  }
  ASSERT_EQ(cache_->SetCapacity(2), JET_errSuccess);
  EXPECT_EQ(cache_->Stats().allocated, 8u);
  latches.clear();
  EXPECT_EQ(cache_->Stats().allocated, 2u);
  EXPECT_EQ(cache_->Stats().resident, 2u);
}

}  // namespace
}  // namespace jet
