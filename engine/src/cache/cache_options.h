// The vocabulary of the buffer cache: how a cache and a file registered with
// it are configured, and the hooks through which the format and logging layers
// take part in reads and writes (docs/cache.md).
#ifndef JETSVC_ENGINE_CACHE_CACHE_OPTIONS_H_
#define JETSVC_ENGINE_CACHE_CACHE_OPTIONS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "esent.h"

namespace jet {

// A file's handle in the cache, from RegisterFile. Ids are never reused
// within one cache, so a stale id fails cleanly instead of reaching another
// file's pages.
using CacheFileId = uint32_t;
inline constexpr CacheFileId kInvalidCacheFileId = 0;

// An LGPOS as one integer: (lGeneration, isec, ib) compares as a
// little-endian u64 (ese-facts §4, LGPOS; format/primitives.h Lgpos::AsU64()),
// so log order is integer order.
using PackedLgpos = uint64_t;
// "Not logged": a page dirtied with kLgposNone needs no log flush before it
// is written. Real positions are > 0 (generations start at 1).
inline constexpr PackedLgpos kLgposNone = 0;
// What MinLgposOldest answers when nothing holds the checkpoint back.
inline constexpr PackedLgpos kLgposMax = UINT64_MAX;

// Page sizes the engine accepts (DESIGN: 4K default; 8K, 16K, 32K).
[[nodiscard]] constexpr bool IsSupportedPageSize(size_t page_size) {
  return page_size == 4096 || page_size == 8192 || page_size == 16384 || page_size == 32768;
}

// Checks a page just read from disk, before anyone can see it: the format
// layer's checksum and page-number check. A negative result (for example
// JET_errReadVerifyFailure, JET_errReadPgnoVerifyFailure) is returned to the
// reader and the page is not cached.
using PageVerifier = std::function<JET_ERR(const uint8_t* page, uint32_t pgno, size_t page_size)>;

// Makes the log durable up to and including `lgpos`. The cache calls it
// before writing a dirty page, with (at least) the page's lgposNewest: the
// write-ahead rule (ese-facts §5). An error leaves the page dirty and unwritten.
using LogFlushHook = std::function<JET_ERR(PackedLgpos lgpos)>;

// One page write that has reached stable storage (written, then File::Flush).
struct PageWriteInfo {
  CacheFileId file = kInvalidCacheFileId;
  uint32_t pgno = 0;
  PackedLgpos lgpos_oldest = kLgposNone;  // the dirty page's oldest and newest
  PackedLgpos lgpos_newest = kLgposNone;  // changes, as they were when written
};
// Called, without any cache lock held, once per page write after the
// File::Flush that made it durable.
using PageWrittenHook = std::function<void(const PageWriteInfo& write)>;

// How a page is used, which decides where it waits for eviction.
enum class PageHint : uint8_t {
  // Normal use: the page joins (or is promoted to) the hot LRU list.
  kNormal,
  // One pass over many pages (a table scan, a backup): a page this access
  // loads is kept on the cold list, evicted before any hot page, so a scan
  // does not push out the working set. A hot page stays hot.
  kScan,
};

struct PageCacheOptions {
  // Bytes per page, process-wide (IsSupportedPageSize).
  size_t page_size = 4096;
  // The bound on cached pages (JET_paramCacheSizeMax is in pages). Page
  // memory never exceeds capacity_pages × page_size; see docs/cache.md for
  // the bookkeeping on top.
  size_t capacity_pages = 8192;
  // Largest single read (Prefetch) or write (write-back of contiguous dirty
  // pages) the cache issues. At least one page.
  size_t max_io_bytes = 256 * 1024;
  // Prefetch runs on this many background threads (0 or 1): 0 makes Prefetch
  // read synchronously in the caller.
  int prefetch_threads = 1;
  // How long a miss waits for a buffer when every cached page is latched (or
  // being read or written) before failing with JET_errOutOfBuffers.
  std::chrono::milliseconds buffer_wait{5000};
};

struct CacheFileOptions {
  // Page pgno lives at first_page_offset + pgno × page_size. EDB files
  // (DESIGN: page n at (n+1) × page size) use first_page_offset = page_size;
  // a plain array of pages uses 0.
  uint64_t first_page_offset = 0;
  // May be empty: pages are then taken as read.
  PageVerifier verifier;
  // May be empty: no log to flush (a file without logging).
  LogFlushHook flush_log;
  // May be empty.
  PageWrittenHook page_written;
  // What a read of a page that ends past the end of the file returns.
  JET_ERR beyond_eof_error = JET_errFileIOBeyondEOF;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_CACHE_CACHE_OPTIONS_H_
