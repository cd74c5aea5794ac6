// RAII handles on a latched page of the cache. A ReadLatch (shared) lets its
// holder read the page's bytes; a WriteLatch (exclusive) lets it change them,
// and then record the change with MarkDirty. While a latch is held the page
// stays in memory. Destroying the handle (or Release) unlatches.
//
// Latches are not re-entrant: a thread that holds a latch on a page must not
// ask for another one on the same page (a waiting writer queues new readers
// behind it, so even a second shared latch can deadlock).
#ifndef JETSVC_ENGINE_CACHE_PAGE_LATCH_H_
#define JETSVC_ENGINE_CACHE_PAGE_LATCH_H_

#include <cstddef>
#include <cstdint>

#include "cache/cache_options.h"

namespace jet {

class PageCache;
class WriteLatch;
struct Frame;

class ReadLatch {
 public:
  ReadLatch() = default;
  ~ReadLatch() { Release(); }
  ReadLatch(ReadLatch&& other) noexcept { MoveFrom(other); }
  ReadLatch& operator=(ReadLatch&& other) noexcept {
    if (this != &other) {
      Release();
      MoveFrom(other);
    }
    return *this;
  }
  ReadLatch(const ReadLatch&) = delete;
  ReadLatch& operator=(const ReadLatch&) = delete;

  bool held() const { return frame_ != nullptr; }
  const uint8_t* data() const { return data_; }
  CacheFileId file() const { return file_; }
  uint32_t pgno() const { return pgno_; }

  void Release();

  // Makes this the page's write latch if no one else holds it: never waits,
  // so it cannot deadlock. On success *out holds the exclusive latch and
  // this handle is empty; on failure (another reader, or a write-back in
  // progress) nothing changes and the caller releases and write-latches.
  [[nodiscard]] bool TryUpgrade(WriteLatch* out);

 private:
  friend class PageCache;
  friend class WriteLatch;
  void MoveFrom(ReadLatch& other) {
    cache_ = other.cache_;
    frame_ = other.frame_;
    data_ = other.data_;
    file_ = other.file_;
    pgno_ = other.pgno_;
    other.cache_ = nullptr;
    other.frame_ = nullptr;
    other.data_ = nullptr;
  }

  PageCache* cache_ = nullptr;
  Frame* frame_ = nullptr;
  const uint8_t* data_ = nullptr;
  CacheFileId file_ = kInvalidCacheFileId;
  uint32_t pgno_ = 0;
};

class WriteLatch {
 public:
  WriteLatch() = default;
  ~WriteLatch() { Release(); }
  WriteLatch(WriteLatch&& other) noexcept { MoveFrom(other); }
  WriteLatch& operator=(WriteLatch&& other) noexcept {
    if (this != &other) {
      Release();
      MoveFrom(other);
    }
    return *this;
  }
  WriteLatch(const WriteLatch&) = delete;
  WriteLatch& operator=(const WriteLatch&) = delete;

  bool held() const { return frame_ != nullptr; }
  uint8_t* data() const { return data_; }
  CacheFileId file() const { return file_; }
  uint32_t pgno() const { return pgno_; }

  // Records a change to the page, logged at `lgpos` (kLgposNone: not
  // logged). The page is dirty until written; its lgposOldest is the
  // smallest position recorded since then, its lgposNewest the largest, and
  // the log is flushed past lgposNewest before the page is written.
  void MarkDirty(PackedLgpos lgpos);
  bool IsDirty() const;
  // True while the page is unchanged since it was last read from or written
  // to disk: the change about to be made is the first since the last write,
  // so the logging layer logs the whole page image (DESIGN, torn pages).
  bool IsFirstDirtySinceWrite() const;
  // The dirty page's oldest / newest change (kLgposNone when clean).
  PackedLgpos lgpos_oldest() const;
  PackedLgpos lgpos_newest() const;

  // Turns this latch into a shared one (never waits); this handle is empty.
  void Downgrade(ReadLatch* out);

  void Release();

 private:
  friend class PageCache;
  friend class ReadLatch;
  void MoveFrom(WriteLatch& other) {
    cache_ = other.cache_;
    frame_ = other.frame_;
    data_ = other.data_;
    file_ = other.file_;
    pgno_ = other.pgno_;
    other.cache_ = nullptr;
    other.frame_ = nullptr;
    other.data_ = nullptr;
  }

  PageCache* cache_ = nullptr;
  Frame* frame_ = nullptr;
  uint8_t* data_ = nullptr;
  CacheFileId file_ = kInvalidCacheFileId;
  uint32_t pgno_ = 0;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_CACHE_PAGE_LATCH_H_
