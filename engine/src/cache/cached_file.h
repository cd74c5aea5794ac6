// A file registered with the cache: how its pages map to offsets, its hooks,
// its dirty pages ordered by oldest log position (for the checkpoint), and the
// writes not yet made durable by a File::Flush. Internal to the cache.
#ifndef JETSVC_ENGINE_CACHE_CACHED_FILE_H_
#define JETSVC_ENGINE_CACHE_CACHED_FILE_H_

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <set>
#include <utility>
#include <vector>

#include "cache/cache_options.h"
#include "cache/frame.h"
#include "os/env.h"

namespace jet {

struct CachedFile {
  CachedFile(CacheFileId id_in, File* file_in, size_t page_size_in, CacheFileOptions options_in)
      : id(id_in), file(file_in), page_size(page_size_in), options(std::move(options_in)) {}

  uint64_t Offset(uint32_t pgno) const {
    return options.first_page_offset + uint64_t{pgno} * page_size;
  }

  const CacheFileId id;
  File* const file;
  const size_t page_size;
  const CacheFileOptions options;

  // Guarded by the cache's mutex.
  bool closing = false;     // UnregisterFile is under way: no new latches
  size_t resident = 0;      // frames in the table for this file
  size_t pinned = 0;        // of those, pinned (latched, loading or being written)
  uint32_t active_ops = 0;  // flushes running on this file outside the mutex
  // Dirty frames by (lgpos_oldest, frame): the front is what holds the
  // checkpoint back; FlushUpTo walks it in order.
  std::set<std::pair<PackedLgpos, Frame*>> dirty;
  // Writes done but not yet covered by a File::Flush ("unflushed"), and those
  // the File::Flush in progress will cover ("flushing"). Their oldest lgpos
  // still holds the checkpoint back (DESIGN, torn pages: not past a page's
  // first change until its write is complete and flushed).
  PackedLgpos unflushed_min = kLgposMax;
  PackedLgpos flushing_min = kLgposMax;
  std::vector<PageWriteInfo> unflushed;  // kept only with a page_written hook
  std::vector<PageWriteInfo> flushing;

  // The latest read-ahead requests [first, end): a demand miss inside one
  // reads on to its end in one I/O.
  struct Window {
    uint32_t first;
    uint64_t end;
  };
  static constexpr size_t kReadAheadWindows = 4;
  std::vector<Window> read_ahead;

  // Serializes the cache's File::Flush calls on this file, so each one knows
  // exactly which writes it covers. Taken before, never while holding, the
  // cache's mutex.
  std::mutex flush_mu;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_CACHE_CACHED_FILE_H_
