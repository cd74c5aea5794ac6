// Online backup's view of a page (DESIGN, backup folders): copied under the
// page latch, so a copy is never a mix of two versions, whether the page is
// being changed or being written to disk at the time.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
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
using cache_test::PageIsConsistent;
using cache_test::PageVersion;
using cache_test::VerifyPage;
using cache_test::WatchedFile;

constexpr size_t kPage = 4096;
constexpr uint32_t kPages = 32;

class CacheBackupCopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    FileOptions options;
    options.create = true;
    ASSERT_EQ(env_.OpenFile("db.edb", options, &base_), JET_errSuccess);
    std::vector<uint8_t> page(kPage);
    for (uint32_t pgno = 0; pgno < kPages; ++pgno) {
      FillPage(page.data(), kPage, pgno, 0);
      ASSERT_EQ(base_->WriteAt(uint64_t{pgno} * kPage, page.data(), kPage), JET_errSuccess);
    }
    file_ = std::make_unique<WatchedFile>(base_.get());
  }

  void MakeCache(size_t capacity) {
    PageCacheOptions options;
    options.page_size = kPage;
    options.capacity_pages = capacity;
    ASSERT_EQ(PageCache::Create(options, &cache_), JET_errSuccess);
    CacheFileOptions file_options;
    file_options.verifier = VerifyPage;
    file_options.flush_log = log_.Hook();
    ASSERT_EQ(cache_->RegisterFile(file_.get(), kPage, file_options, &id_), JET_errSuccess);
  }

  FaultEnv env_{11};
  std::unique_ptr<File> base_;
  std::unique_ptr<WatchedFile> file_;
  FakeLog log_;
  std::unique_ptr<PageCache> cache_;
  CacheFileId id_ = kInvalidCacheFileId;
};

// A writer rewrites page 0 in two halves with a pause between them while
// copiers copy it and a flusher writes it back: every copy is whole.
TEST_F(CacheBackupCopyTest, CopyIsConsistentWhileWriterModifies) {
  MakeCache(8);
  // Slow writes, so that copies overlap write-backs.
  file_->set_write_hook([](uint64_t, const uint8_t*, size_t) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    return JET_errSuccess;
  });
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> bad_copies{0}, copies{0}, max_version_seen{0};
  std::thread writer([&] {
    // At least 500 versions, and on until copies and write-backs have
    // overlapped it for a while (threads start late on a busy machine).
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (uint64_t version = 1;
         (version <= 500 || copies.load() < 1000 || cache_->Stats().pages_written < 10) &&
         std::chrono::steady_clock::now() < give_up;
         ++version) {
      WriteLatch w;
      if (cache_->WriteLatchPage(id_, 0, &w) != JET_errSuccess) {
        bad_copies += 1000000;
        break;
      }
      // Half the page, a pause, the other half: without the latch a copy
      // would catch the mix.
      std::vector<uint8_t> next(kPage);
      FillPage(next.data(), kPage, 0, version, version);
      std::memcpy(w.data(), next.data(), kPage / 2);
      std::this_thread::yield();
      std::memcpy(w.data() + kPage / 2, next.data() + kPage / 2, kPage / 2);
      w.MarkDirty(version);
    }
    stop = true;
  });
  std::thread flusher([&] {
    while (!stop) {  // a checkpoint's pace, not back to back
      if (cache_->FlushFile(id_) != JET_errSuccess) bad_copies += 1000000;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  std::vector<std::thread> copiers;
  for (int t = 0; t < 2; ++t) {
    copiers.emplace_back([&] {
      std::vector<uint8_t> copy(kPage);
      while (!stop) {
        if (cache_->CopyPage(id_, 0, copy.data()) != JET_errSuccess ||
            !PageIsConsistent(copy.data(), kPage)) {
          ++bad_copies;
        }
        uint64_t seen = max_version_seen.load();
        while (PageVersion(copy.data()) > seen &&
               !max_version_seen.compare_exchange_weak(seen, PageVersion(copy.data()))) {
        }
        ++copies;
        std::this_thread::yield();  // two cores: let the writer run
      }
    });
  }
  writer.join();
  flusher.join();
  for (auto& t : copiers) t.join();
  std::printf("[ info     ] copies %llu, versions %llu, pages written %llu\n",
              static_cast<unsigned long long>(copies.load()),
              static_cast<unsigned long long>(max_version_seen.load()),
              static_cast<unsigned long long>(cache_->Stats().pages_written));
  EXPECT_EQ(bad_copies.load(), 0u);
  EXPECT_GE(copies.load(), 1000u);
  EXPECT_GT(max_version_seen.load(), 1u);  // the copies saw the page change
  EXPECT_GE(cache_->Stats().pages_written, 10u);
}

// While a page is on its way to disk, a copy gets exactly the bytes being
// written, and a writer waits until the write is done.
TEST_F(CacheBackupCopyTest, CopyDuringWriteBackSeesTheBytesBeingWritten) {
  MakeCache(8);
  std::mutex mu;
  std::condition_variable cv;
  bool in_write = false, release_write = false;
  file_->set_write_hook([&](uint64_t, const uint8_t*, size_t) {
    std::unique_lock<std::mutex> lock(mu);
    in_write = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release_write; });
    return JET_errSuccess;
  });
  {
    WriteLatch w;
    ASSERT_EQ(cache_->WriteLatchPage(id_, 3, &w), JET_errSuccess);
    FillPage(w.data(), kPage, 3, 7, 70);
    w.MarkDirty(70);
  }
  std::thread flusher([&] { EXPECT_EQ(cache_->FlushFile(id_), JET_errSuccess); });
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return in_write; });
  }
  std::vector<uint8_t> copy(kPage);
  ASSERT_EQ(cache_->CopyPage(id_, 3, copy.data()), JET_errSuccess);  // does not wait
  EXPECT_TRUE(PageIsConsistent(copy.data(), kPage));
  EXPECT_EQ(PageVersion(copy.data()), 7u);

  std::atomic<bool> writer_in{false};
  std::thread writer([&] {
    WriteLatch w;
    ASSERT_EQ(cache_->WriteLatchPage(id_, 3, &w), JET_errSuccess);
    writer_in = true;
    FillPage(w.data(), kPage, 3, 8, 80);
    w.MarkDirty(80);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_FALSE(writer_in.load());  // the bytes being written hold still
  {
    std::lock_guard<std::mutex> lock(mu);
    release_write = true;
  }
  cv.notify_all();
  flusher.join();
  writer.join();
  EXPECT_TRUE(writer_in.load());
  std::vector<uint8_t> disk(kPage);
  ASSERT_EQ(ReadExactlyAt(base_.get(), 3 * kPage, disk.data(), kPage), JET_errSuccess);
  EXPECT_EQ(PageVersion(disk.data()), 7u);
  ASSERT_EQ(cache_->CopyPage(id_, 3, copy.data()), JET_errSuccess);
  EXPECT_EQ(PageVersion(copy.data()), 8u);
}

// Copying a whole file through a small cache: pages not cached are read
// (verified) and kept cold, so the working set survives the backup.
TEST_F(CacheBackupCopyTest, CopyOfUncachedPagesKeepsWorkingSet) {
  MakeCache(8);
  for (uint32_t pgno = 0; pgno < 4; ++pgno) {
    ReadLatch r;
    ASSERT_EQ(cache_->ReadLatchPage(id_, pgno, &r), JET_errSuccess);
  }
  std::vector<uint8_t> copy(kPage);
  for (uint32_t pgno = 0; pgno < kPages; ++pgno) {
    ASSERT_EQ(cache_->CopyPage(id_, pgno, copy.data()), JET_errSuccess);
    EXPECT_EQ(VerifyPage(copy.data(), pgno, kPage), JET_errSuccess);
  }
  const uint64_t misses = cache_->Stats().misses;
  for (uint32_t pgno = 0; pgno < 4; ++pgno) {
    ReadLatch r;
    ASSERT_EQ(cache_->ReadLatchPage(id_, pgno, &r), JET_errSuccess);
  }
  EXPECT_EQ(cache_->Stats().misses, misses);
  EXPECT_EQ(cache_->CopyPage(id_, kPages + 5, copy.data()), JET_errFileIOBeyondEOF);
}

}  // namespace
}  // namespace jet
