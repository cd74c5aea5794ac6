// Shared helpers of the cache tests: self-checking page contents, a seeded
// random source, and File implementations the tests need besides FaultEnv's
// (a generated multi-GiB file, and a wrapper that watches every write).
#ifndef JETSVC_TESTS_ENGINE_CACHE_CACHE_TEST_UTIL_H_
#define JETSVC_TESTS_ENGINE_CACHE_CACHE_TEST_UTIL_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "cache/cache_options.h"
#include "esent.h"
#include "os/env.h"

namespace jet::cache_test {

// A test page: a header, then a body every byte of which follows from
// (pgno, version), so a torn or mixed page is detected.
//   [0, 8)   checksum of bytes [8, page_size)
//   [8, 12)  pgno
//   [12, 20) version
//   [20, 28) lgpos of the change that made this version
//   [28, ..) body
inline constexpr size_t kPgnoOffset = 8;
inline constexpr size_t kVersionOffset = 12;
inline constexpr size_t kLgposOffset = 20;
inline constexpr size_t kBodyOffset = 28;

inline uint64_t Load64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline void Store64(uint8_t* p, uint64_t v) { std::memcpy(p, &v, 8); }
inline uint32_t Load32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline void Store32(uint8_t* p, uint32_t v) { std::memcpy(p, &v, 4); }

inline uint64_t PageChecksum(const uint8_t* page, size_t page_size) {
  uint64_t sum = 0x9E3779B97F4A7C15ull;
  for (size_t i = 8; i + 8 <= page_size; i += 8) {
    sum = (sum ^ Load64(page + i)) * 0x100000001B3ull;
  }
  return sum;
}

inline uint8_t BodyByte(uint32_t pgno, uint64_t version) {
  return static_cast<uint8_t>((pgno * 131u) ^ (version * 7u) ^ 0x5Au);
}

inline void FillPage(uint8_t* page, size_t page_size, uint32_t pgno, uint64_t version,
                     PackedLgpos lgpos = kLgposNone) {
  Store32(page + kPgnoOffset, pgno);
  Store64(page + kVersionOffset, version);
  Store64(page + kLgposOffset, lgpos);
  std::memset(page + kBodyOffset, BodyByte(pgno, version), page_size - kBodyOffset);
  Store64(page, PageChecksum(page, page_size));
}

inline uint64_t PageVersion(const uint8_t* page) { return Load64(page + kVersionOffset); }
inline uint32_t PagePgno(const uint8_t* page) { return Load32(page + kPgnoOffset); }
inline PackedLgpos PageLgpos(const uint8_t* page) { return Load64(page + kLgposOffset); }

// The format layer's verifier, in miniature: checksum, then page number.
inline JET_ERR VerifyPage(const uint8_t* page, uint32_t pgno, size_t page_size) {
  if (Load64(page) != PageChecksum(page, page_size)) return JET_errReadVerifyFailure;
  if (PagePgno(page) != pgno) return JET_errReadPgnoVerifyFailure;
  return JET_errSuccess;
}

// True if the body matches the header's (pgno, version): no mixed bytes.
inline bool PageIsConsistent(const uint8_t* page, size_t page_size) {
  const uint8_t expected = BodyByte(PagePgno(page), PageVersion(page));
  for (size_t i = kBodyOffset; i < page_size; ++i) {
    if (page[i] != expected) return false;
  }
  return Load64(page) == PageChecksum(page, page_size);
}

// The seed of a random test: JET_TEST_SEED if set, else a fresh one. Printed
// so that a failure can be replayed.
inline uint64_t TestSeed() {
  uint64_t seed;
  if (const char* env = std::getenv("JET_TEST_SEED"); env != nullptr && *env != '\0') {
    seed = std::strtoull(env, nullptr, 0);
  } else {
    seed = std::random_device{}();
    seed = (seed << 32) ^ std::random_device{}();
  }
  std::printf("[ seed     ] JET_TEST_SEED=%llu\n", static_cast<unsigned long long>(seed));
  return seed;
}

// A read-only file of `pages` pages that exist only when read: page n holds
// FillPage-like contents (pgno, version 0) without a checksum in its header,
// so it costs no memory however large it is. Verify with VerifySyntheticPage.
class SyntheticFile final : public File {
 public:
  SyntheticFile(uint64_t pages, size_t page_size, uint64_t first_page_offset = 0)
      : pages_(pages), page_size_(page_size), first_page_offset_(first_page_offset) {}

  JET_ERR ReadAt(uint64_t offset, void* buf, size_t n, size_t* bytes_read) override {
    reads_.fetch_add(1, std::memory_order_relaxed);
    const uint64_t size = first_page_offset_ + pages_ * page_size_;
    *bytes_read = 0;
    if (offset >= size) return JET_errSuccess;
    const size_t len = static_cast<size_t>(std::min<uint64_t>(n, size - offset));
    auto* out = static_cast<uint8_t*>(buf);
    size_t done = 0;
    while (done < len) {
      const uint64_t at = offset + done;
      if (at < first_page_offset_) {
        const size_t k =
            static_cast<size_t>(std::min<uint64_t>(first_page_offset_ - at, len - done));
        std::memset(out + done, 0, k);
        done += k;
        continue;
      }
      const uint64_t pgno = (at - first_page_offset_) / page_size_;
      const size_t in_page = static_cast<size_t>((at - first_page_offset_) % page_size_);
      const size_t k = std::min(page_size_ - in_page, len - done);
      if (in_page == 0 && k == page_size_) {
        MakePage(out + done, static_cast<uint32_t>(pgno));
      } else {
        std::string page(page_size_, '\0');
        MakePage(reinterpret_cast<uint8_t*>(page.data()), static_cast<uint32_t>(pgno));
        std::memcpy(out + done, page.data() + in_page, k);
      }
      done += k;
    }
    *bytes_read = len;
    return JET_errSuccess;
  }
  JET_ERR WriteAt(uint64_t, const void*, size_t) override { return JET_errFileAccessDenied; }
  JET_ERR Flush() override { return JET_errSuccess; }
  JET_ERR Size(uint64_t* size) override {
    *size = first_page_offset_ + pages_ * page_size_;
    return JET_errSuccess;
  }
  JET_ERR SetSize(uint64_t) override { return JET_errFileAccessDenied; }

  uint64_t reads() const { return reads_.load(); }

  // The page's body is one byte, so the check can look at a few places.
  void MakePage(uint8_t* page, uint32_t pgno) const {
    std::memset(page, BodyByte(pgno, 0), page_size_);
    Store64(page, ~uint64_t{pgno});
    Store32(page + kPgnoOffset, pgno);
    Store64(page + kVersionOffset, 0);
    Store64(page + kLgposOffset, 0);
  }

 private:
  const uint64_t pages_;
  const size_t page_size_;
  const uint64_t first_page_offset_;
  std::atomic<uint64_t> reads_{0};
};

inline JET_ERR VerifySyntheticPage(const uint8_t* page, uint32_t pgno, size_t page_size) {
  if (Load64(page) != ~uint64_t{PagePgno(page)}) return JET_errReadVerifyFailure;
  if (page[page_size - 1] != BodyByte(PagePgno(page), 0)) return JET_errReadVerifyFailure;
  if (PagePgno(page) != pgno) return JET_errReadPgnoVerifyFailure;
  return JET_errSuccess;
}

// Forwards to another File and lets a test watch (and delay or fail) writes
// and flushes.
class WatchedFile final : public File {
 public:
  using WriteHook = std::function<JET_ERR(uint64_t offset, const uint8_t* data, size_t n)>;
  using FlushHook = std::function<JET_ERR()>;

  explicit WatchedFile(File* base) : base_(base) {}
  void set_write_hook(WriteHook hook) { write_hook_ = std::move(hook); }
  void set_flush_hook(FlushHook hook) { flush_hook_ = std::move(hook); }

  JET_ERR ReadAt(uint64_t offset, void* buf, size_t n, size_t* bytes_read) override {
    reads_.fetch_add(1);
    return base_->ReadAt(offset, buf, n, bytes_read);
  }
  JET_ERR WriteAt(uint64_t offset, const void* buf, size_t n) override {
    writes_.fetch_add(1);
    if (write_hook_) {
      const JET_ERR err = write_hook_(offset, static_cast<const uint8_t*>(buf), n);
      if (err < JET_errSuccess) return err;
    }
    return base_->WriteAt(offset, buf, n);
  }
  JET_ERR Flush() override {
    flushes_.fetch_add(1);
    if (flush_hook_) {
      const JET_ERR err = flush_hook_();
      if (err < JET_errSuccess) return err;
    }
    return base_->Flush();
  }
  JET_ERR Size(uint64_t* size) override { return base_->Size(size); }
  JET_ERR SetSize(uint64_t size) override { return base_->SetSize(size); }

  uint64_t reads() const { return reads_.load(); }
  uint64_t writes() const { return writes_.load(); }
  uint64_t flushes() const { return flushes_.load(); }

 private:
  File* const base_;
  WriteHook write_hook_;
  FlushHook flush_hook_;
  std::atomic<uint64_t> reads_{0};
  std::atomic<uint64_t> writes_{0};
  std::atomic<uint64_t> flushes_{0};
};

// A log that only records: the highest position flushed, and each call.
class FakeLog {
 public:
  JET_ERR FlushTo(PackedLgpos lgpos) {
    std::lock_guard<std::mutex> lock(mu_);
    calls_.push_back(lgpos);
    if (fail_next_ != JET_errSuccess) {
      const JET_ERR err = fail_next_;
      fail_next_ = JET_errSuccess;
      return err;
    }
    if (lgpos > durable_) durable_ = lgpos;
    return JET_errSuccess;
  }
  LogFlushHook Hook() {
    return [this](PackedLgpos lgpos) { return FlushTo(lgpos); };
  }
  PackedLgpos durable() {
    std::lock_guard<std::mutex> lock(mu_);
    return durable_;
  }
  std::vector<PackedLgpos> calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  void FailNext(JET_ERR err) {
    std::lock_guard<std::mutex> lock(mu_);
    fail_next_ = err;
  }

 private:
  std::mutex mu_;
  PackedLgpos durable_ = kLgposNone;
  std::vector<PackedLgpos> calls_;
  JET_ERR fail_next_ = JET_errSuccess;
};

}  // namespace jet::cache_test

#endif  // JETSVC_TESTS_ENGINE_CACHE_CACHE_TEST_UTIL_H_
