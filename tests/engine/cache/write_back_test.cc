// Write-back: FlushFile and FlushUpTo, the write-ahead rule, the oldest
// log position the checkpoint must respect, durability across a power loss,
// and write failures injected by FaultEnv.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <mutex>
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
using cache_test::VerifyPage;
using cache_test::WatchedFile;

constexpr size_t kPage = 8192;                // these tests use 8 KiB pages
constexpr uint64_t kFirstPageOffset = kPage;  // EDB layout: page n at (n+1) × page size
constexpr uint32_t kPages = 64;

class CacheWriteBackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    FileOptions options;
    options.create = true;
    ASSERT_EQ(env_.OpenFile("db.edb", options, &base_), JET_errSuccess);
    std::vector<uint8_t> page(kPage);
    for (uint32_t pgno = 0; pgno < kPages; ++pgno) {
      FillPage(page.data(), kPage, pgno, 1);
      ASSERT_EQ(base_->WriteAt(kFirstPageOffset + uint64_t{pgno} * kPage, page.data(), kPage),
                JET_errSuccess);
    }
    ASSERT_EQ(base_->Flush(), JET_errSuccess);
    env_.SyncAll();
    file_ = std::make_unique<WatchedFile>(base_.get());
    file_->set_write_hook([this](uint64_t offset, const uint8_t* data, size_t n) {
      for (size_t at = 0; at < n; at += kPage) {
        EXPECT_LE(PageLgpos(data + at), log_.durable()) << "write-ahead broken at " << offset;
      }
      return JET_errSuccess;
    });

    PageCacheOptions cache_options;
    cache_options.page_size = kPage;
    cache_options.capacity_pages = 128;
    cache_options.max_io_bytes = 8 * kPage;
    ASSERT_EQ(PageCache::Create(cache_options, &cache_), JET_errSuccess);
    CacheFileOptions file_options;
    file_options.first_page_offset = kFirstPageOffset;
    file_options.verifier = VerifyPage;
    file_options.flush_log = log_.Hook();
    file_options.page_written = [this](const PageWriteInfo& write) {
      std::lock_guard<std::mutex> lock(written_mu_);
      written_.push_back(write);
    };
    ASSERT_EQ(cache_->RegisterFile(file_.get(), kPage, file_options, &id_), JET_errSuccess);
  }

  void Dirty(uint32_t pgno, uint64_t version, PackedLgpos lgpos) {
    WriteLatch w;
    ASSERT_EQ(cache_->WriteLatchPage(id_, pgno, &w), JET_errSuccess);
    FillPage(w.data(), kPage, pgno, version, lgpos);
    w.MarkDirty(lgpos);
  }

  uint64_t DiskVersion(uint32_t pgno) {
    std::vector<uint8_t> page(kPage);
    EXPECT_EQ(
        ReadExactlyAt(base_.get(), kFirstPageOffset + uint64_t{pgno} * kPage, page.data(), kPage),
        JET_errSuccess);
    EXPECT_EQ(VerifyPage(page.data(), pgno, kPage), JET_errSuccess);
    return PageVersion(page.data());
  }

  std::vector<PageWriteInfo> Written() {
    std::lock_guard<std::mutex> lock(written_mu_);
    return written_;
  }

  FaultEnv env_{3};
  std::unique_ptr<File> base_;
  std::unique_ptr<WatchedFile> file_;
  FakeLog log_;
  std::unique_ptr<PageCache> cache_;
  CacheFileId id_ = kInvalidCacheFileId;
  std::mutex written_mu_;
  std::vector<PageWriteInfo> written_;
};

TEST_F(CacheWriteBackTest, FlushFileWritesDirtyPagesAfterTheLogThenFlushes) {
  Dirty(3, 2, 30);
  Dirty(10, 2, 10);
  Dirty(10, 3, 50);
  EXPECT_EQ(cache_->Stats().dirty, 2u);
  EXPECT_EQ(cache_->MinLgposOldest(id_), 10u);
  ASSERT_EQ(cache_->FlushFile(id_), JET_errSuccess);
  // One log flush per write, each with the write's newest change.
  EXPECT_EQ(log_.calls(), (std::vector<PackedLgpos>{30, 50}));
  EXPECT_EQ(file_->writes(), 2u);
  EXPECT_EQ(file_->flushes(), 1u);
  EXPECT_EQ(cache_->Stats().dirty, 0u);
  EXPECT_EQ(cache_->MinLgposOldest(id_), kLgposMax);
  EXPECT_EQ(DiskVersion(3), 2u);
  EXPECT_EQ(DiskVersion(10), 3u);

  // The hook heard of each write once it was durable.
  const std::vector<PageWriteInfo> written = Written();
  ASSERT_EQ(written.size(), 2u);
  EXPECT_EQ(written[0].pgno, 3u);
  EXPECT_EQ(written[0].lgpos_oldest, 30u);
  EXPECT_EQ(written[1].pgno, 10u);
  EXPECT_EQ(written[1].lgpos_oldest, 10u);
  EXPECT_EQ(written[1].lgpos_newest, 50u);
  EXPECT_EQ(written[1].file, id_);

  // Nothing dirty: nothing written, the file still flushed.
  ASSERT_EQ(cache_->FlushFile(id_), JET_errSuccess);
  EXPECT_EQ(file_->writes(), 2u);
  EXPECT_EQ(file_->flushes(), 2u);
}

TEST_F(CacheWriteBackTest, FlushFileCoalescesContiguousPages) {
  for (uint32_t pgno = 4; pgno < 24; ++pgno) Dirty(pgno, 2, 100 + pgno);
  Dirty(30, 2, 5);
  ASSERT_EQ(cache_->FlushFile(id_), JET_errSuccess);
  // 20 contiguous pages in writes of at most 8, plus page 30.
  EXPECT_EQ(file_->writes(), 4u);
  EXPECT_EQ(cache_->Stats().pages_written, 21u);
  for (uint32_t pgno = 4; pgno < 24; ++pgno) EXPECT_EQ(DiskVersion(pgno), 2u);
}

// Checkpoint advancement: FlushUpTo(x) writes just the pages whose oldest
// change is before x, and afterwards nothing older than x holds the
// checkpoint.
TEST_F(CacheWriteBackTest, FlushUpToWritesOnlyOlderPages) {
  Dirty(1, 2, 100);
  Dirty(2, 2, 200);
  Dirty(3, 2, 300);
  Dirty(2, 3, 350);  // oldest stays 200
  ASSERT_EQ(cache_->FlushUpTo(id_, 250), JET_errSuccess);
  EXPECT_EQ(DiskVersion(1), 2u);
  EXPECT_EQ(DiskVersion(2), 3u);
  EXPECT_EQ(DiskVersion(3), 1u);
  EXPECT_EQ(cache_->Stats().dirty, 1u);
  EXPECT_EQ(cache_->MinLgposOldest(id_), 300u);
  EXPECT_EQ(log_.durable(), 350u);
  EXPECT_EQ(file_->flushes(), 1u);

  // Nothing older than 250 left: no write, no flush.
  ASSERT_EQ(cache_->FlushUpTo(id_, 250), JET_errSuccess);
  EXPECT_EQ(file_->flushes(), 1u);
  ASSERT_EQ(cache_->FlushUpTo(id_, 301), JET_errSuccess);
  EXPECT_EQ(cache_->MinLgposOldest(id_), kLgposMax);
}

// DESIGN, torn pages: the checkpoint may not pass a page's first change until
// its write is complete and flushed.
TEST_F(CacheWriteBackTest, WrittenPageHoldsCheckpointUntilFileFlush) {
  env_.FailNth(FaultOp::kFlush, 1, JET_errDiskIO);
  Dirty(5, 2, 70);
  EXPECT_EQ(cache_->FlushFile(id_), JET_errDiskIO);  // written, flush failed
  EXPECT_EQ(cache_->Stats().dirty, 0u);
  EXPECT_EQ(cache_->MinLgposOldest(id_), 70u);
  EXPECT_TRUE(Written().empty());
  ASSERT_EQ(cache_->FlushUpTo(id_, 71), JET_errSuccess);  // nothing to write; flushes
  EXPECT_EQ(cache_->MinLgposOldest(id_), kLgposMax);
  EXPECT_EQ(Written().size(), 1u);
}

// A write failure injected by FaultEnv (the Nth write fails with DiskFull)
// reaches the flusher; that page stays dirty, the others are written.
TEST_F(CacheWriteBackTest, WriteFailureSurfacesAndPageStaysDirty) {
  Dirty(1, 2, 10);
  Dirty(5, 2, 20);
  Dirty(9, 2, 30);
  env_.FailNth(FaultOp::kWrite, 2, JET_errDiskFull);
  EXPECT_EQ(cache_->FlushFile(id_), JET_errDiskFull);
  EXPECT_EQ(DiskVersion(1), 2u);
  EXPECT_EQ(DiskVersion(5), 1u);  // the second write failed
  EXPECT_EQ(DiskVersion(9), 2u);
  EXPECT_EQ(cache_->Stats().dirty, 1u);
  EXPECT_EQ(cache_->Stats().write_failures, 1u);
  EXPECT_EQ(cache_->MinLgposOldest(id_), 20u);
  {
    WriteLatch w;  // still dirty, still not first-since-write
    ASSERT_EQ(cache_->WriteLatchPage(id_, 5, &w), JET_errSuccess);
    EXPECT_TRUE(w.IsDirty());
    EXPECT_FALSE(w.IsFirstDirtySinceWrite());
    EXPECT_EQ(PageVersion(w.data()), 2u);
  }
  ASSERT_EQ(cache_->FlushFile(id_), JET_errSuccess);
  EXPECT_EQ(DiskVersion(5), 2u);
  EXPECT_EQ(cache_->MinLgposOldest(id_), kLgposMax);
}

// Full disk for every write: FlushFile keeps failing, nothing is lost, and
// UnregisterFile(kFlush) refuses to drop the dirty pages.
TEST_F(CacheWriteBackTest, PersistentWriteFailureKeepsPagesAndRegistration) {
  Dirty(1, 2, 10);
  env_.FailNth(FaultOp::kWrite, 1, JET_errDiskFull, FaultMode::kFromThenOn);
  EXPECT_EQ(cache_->FlushFile(id_), JET_errDiskFull);
  EXPECT_EQ(cache_->UnregisterFile(id_), JET_errDiskFull);
  EXPECT_EQ(cache_->Stats().dirty, 1u);
  env_.ClearFaults();
  EXPECT_EQ(cache_->UnregisterFile(id_), JET_errSuccess);
  EXPECT_EQ(DiskVersion(1), 2u);
}

// FlushFile makes the pages durable: they survive a power loss. Pages only
// evicted (written, not flushed) may not.
TEST_F(CacheWriteBackTest, FlushedPagesSurvivePowerLoss) {
  Dirty(1, 2, 10);
  Dirty(2, 2, 20);
  ASSERT_EQ(cache_->FlushFile(id_), JET_errSuccess);
  Dirty(3, 2, 30);  // dirty in memory only
  ASSERT_EQ(cache_->UnregisterFile(id_, PageCache::UnregisterMode::kDiscard), JET_errSuccess);
  env_.PowerLoss();
  std::unique_ptr<File> reopened;
  ASSERT_EQ(env_.OpenFile("db.edb", FileOptions(), &reopened), JET_errSuccess);
  std::vector<uint8_t> page(kPage);
  for (uint32_t pgno : {1u, 2u, 3u}) {
    ASSERT_EQ(ReadExactlyAt(reopened.get(), kFirstPageOffset + uint64_t{pgno} * kPage, page.data(),
                            kPage),
              JET_errSuccess);
    EXPECT_EQ(VerifyPage(page.data(), pgno, kPage), JET_errSuccess);
    EXPECT_EQ(PageVersion(page.data()), pgno == 3 ? 1u : 2u) << pgno;
  }
}

// Pages dirtied without logging need no log flush.
TEST_F(CacheWriteBackTest, UnloggedChangesSkipTheLog) {
  Dirty(4, 2, kLgposNone);
  ASSERT_EQ(cache_->FlushFile(id_), JET_errSuccess);
  EXPECT_TRUE(log_.calls().empty());
  EXPECT_EQ(DiskVersion(4), 2u);
}

// FlushFile waits for a page that is write-latched, then writes what the
// latch holder left.
TEST_F(CacheWriteBackTest, FlushFileWaitsForWriteLatch) {
  Dirty(6, 2, 10);
  WriteLatch w;
  ASSERT_EQ(cache_->WriteLatchPage(id_, 6, &w), JET_errSuccess);
  std::thread flusher([&] { EXPECT_EQ(cache_->FlushFile(id_), JET_errSuccess); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(file_->writes(), 0u);
  FillPage(w.data(), kPage, 6, 3, 15);
  w.MarkDirty(15);
  w.Release();
  flusher.join();
  EXPECT_EQ(DiskVersion(6), 3u);
}

}  // namespace
}  // namespace jet
