// Counters of the buffer cache: for tests now, for the service's metrics later.
#ifndef JETSVC_ENGINE_CACHE_CACHE_STATS_H_
#define JETSVC_ENGINE_CACHE_CACHE_STATS_H_

#include <cstddef>
#include <cstdint>

namespace jet {

struct CacheStats {
  // Since the cache was created.
  uint64_t hits = 0;              // latches on a page already cached (or being read)
  uint64_t misses = 0;            // latches that had to read the page from disk
  uint64_t new_pages = 0;         // WriteLatchNewPage calls that needed a buffer
  uint64_t evictions = 0;         // cached pages dropped to make room
  uint64_t pages_read = 0;        // pages read from disk (demand and prefetch)
  uint64_t read_ios = 0;          // File::ReadAt calls for pages
  uint64_t prefetched_pages = 0;  // pages loaded by Prefetch
  uint64_t read_failures = 0;     // reads that failed or did not verify
  uint64_t pages_written = 0;     // pages written to disk
  uint64_t write_ios = 0;         // File::WriteAt calls for pages
  uint64_t write_failures = 0;    // write-backs that failed (log flush or write)
  uint64_t file_flushes = 0;      // File::Flush calls that succeeded
  uint64_t buffer_waits = 0;      // misses that had to wait for an unlatched buffer

  // Now.
  size_t capacity = 0;       // pages
  size_t page_size = 0;      // bytes
  size_t resident = 0;       // pages cached (or being read)
  size_t dirty = 0;          // of those, changed since last written
  size_t allocated = 0;      // page buffers in memory (resident + free)
  size_t max_allocated = 0;  // the most page buffers ever in memory at once
};

}  // namespace jet

#endif  // JETSVC_ENGINE_CACHE_CACHE_STATS_H_
