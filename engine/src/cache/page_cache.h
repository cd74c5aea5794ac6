// The bounded buffer cache (ESE's BF): one per process, shared by every
// instance and database (DESIGN: "One buffer cache per process"), bounded by
// a page count (JET_paramCacheSizeMax).
//
// Pages are named by (file id, pgno); a file is registered first. Readers
// and writers latch pages (page_latch.h); a latched page is never evicted.
// Eviction takes the coldest unlatched page, writing it first if dirty, and a
// dirty page is written only after the log is durable past its newest change
// (the write-ahead rule, ese-facts §5). Every page read from disk passes the
// file's verifier before anyone sees it.
//
// Thread-safe. One mutex guards the cache's bookkeeping and is never held
// during I/O, a verifier, or a hook; page bytes are guarded by the latches.
// Design notes: docs/cache.md.
#ifndef JETSVC_ENGINE_CACHE_PAGE_CACHE_H_
#define JETSVC_ENGINE_CACHE_PAGE_CACHE_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "cache/cache_options.h"
#include "cache/cache_stats.h"
#include "cache/cached_file.h"
#include "cache/frame.h"
#include "cache/page_latch.h"
#include "cache/prefetcher.h"
#include "esent.h"
#include "os/env.h"

#ifndef JET_errOutOfBuffers
#define JET_errOutOfBuffers (-1014)  // ESE's number; esent.h is its real home
#endif

namespace jet {

class PageCache {
 public:
  // Fails with JET_errInvalidParameter for an unsupported page size, a zero
  // capacity or I/O size, or more than one prefetch thread.
  [[nodiscard]] static JET_ERR Create(const PageCacheOptions& options,
                                      std::unique_ptr<PageCache>* cache);

  // Every file must be unregistered first; pages still cached are dropped
  // unwritten.
  ~PageCache();
  PageCache(const PageCache&) = delete;
  PageCache& operator=(const PageCache&) = delete;

  size_t page_size() const { return page_size_; }

  // Changes the bound. Shrinking evicts at once (writing dirty pages first);
  // pages latched now are dropped as they are released. Returns the first
  // write-back error, if any; the new bound holds either way.
  [[nodiscard]] JET_ERR SetCapacity(size_t pages);

  // Registers a file whose pages are page_size bytes (must be the cache's
  // page size: JET_errPageSizeMismatch otherwise). The File must outlive the
  // registration.
  [[nodiscard]] JET_ERR RegisterFile(File* file, size_t page_size, const CacheFileOptions& options,
                                     CacheFileId* id);
  [[nodiscard]] JET_ERR RegisterFile(File* file, size_t page_size, PageVerifier verifier,
                                     CacheFileId* id);

  enum class UnregisterMode {
    kFlush,    // write every dirty page and flush the file first
    kDiscard,  // drop the pages, dirty ones unwritten (the file is going away)
  };
  // Waits (up to buffer_wait) for the file's latches and I/O to end, then
  // drops its pages. JET_errInvalidParameter for an unknown id; with kFlush,
  // a write or flush error leaves the file registered with its dirty pages.
  // JET_errInvalidOperation if a latch was still held when the wait ended.
  [[nodiscard]] JET_ERR UnregisterFile(CacheFileId id,
                                       UnregisterMode mode = UnregisterMode::kFlush);

  // Latches page pgno of a file, reading it (and verifying it) first if it
  // is not cached. Errors: the file's read errors, its verifier's errors,
  // its beyond_eof_error; JET_errOutOfBuffers when every buffer stayed
  // latched for buffer_wait; JET_errInvalidParameter for an unknown file.
  [[nodiscard]] JET_ERR ReadLatchPage(CacheFileId id, uint32_t pgno, ReadLatch* latch,
                                      PageHint hint = PageHint::kNormal);
  [[nodiscard]] JET_ERR WriteLatchPage(CacheFileId id, uint32_t pgno, WriteLatch* latch,
                                       PageHint hint = PageHint::kNormal);
  // Write-latches a page that is being created (or reused from scratch)
  // without reading it: its bytes are zero, whether or not it was cached.
  // The caller fills it and must MarkDirty it before releasing.
  [[nodiscard]] JET_ERR WriteLatchNewPage(CacheFileId id, uint32_t pgno, WriteLatch* latch);

  // Copies the page's current bytes into out (page_size bytes) under a shared
  // latch, for online backup: a cached page is copied from memory (if a
  // write-back is under way the bytes are the ones being written), never
  // from a half-written disk page. An uncached page is read through the
  // cache (verified) and kept cold.
  [[nodiscard]] JET_ERR CopyPage(CacheFileId id, uint32_t pgno, uint8_t* out);

  // Read-ahead: loads pages [first, first+count) that are not cached,
  // with coalesced reads of up to max_io_bytes, on the prefetch thread (or
  // now, with prefetch_threads = 0). Advisory: it stops quietly at the end
  // of the file, at a page that fails to verify (the demand read will report
  // it), or when no unlatched clean buffer is left; it never evicts a dirty
  // page; at most a quarter of the capacity is loaded per call. Loaded pages
  // are cold (PageHint::kScan) until used normally. The file remembers its
  // last few windows: a demand miss inside one reads on to its end in one
  // I/O (so a scan that outruns the thread still reads in large chunks), and
  // a queued request whose window has been superseded is skipped.
  [[nodiscard]] JET_ERR Prefetch(CacheFileId id, uint32_t first, uint32_t count);
  // Waits until queued read-ahead is done (tests; before timing a scan).
  void WaitForPrefetch();

  // Writes every page of the file that is dirty when called (the log flushed
  // first), then File::Flush. Pages latched exclusively are waited for, so
  // the caller must not hold an exclusive latch on the file. Returns the
  // first error; pages that failed stay dirty, the others are written.
  [[nodiscard]] JET_ERR FlushFile(CacheFileId id);
  // Checkpoint advancement: writes the file's dirty pages whose lgposOldest
  // is < lgpos and flushes the file, after which MinLgposOldest(id) >= lgpos
  // unless the page was changed again meanwhile.
  [[nodiscard]] JET_ERR FlushUpTo(CacheFileId id, PackedLgpos lgpos);
  // The oldest log position whose change to this file is not yet durable in
  // it: the minimum lgposOldest of its dirty pages, including pages being
  // written and pages written but not yet flushed. kLgposMax if none; also
  // kLgposMax for an unknown id. The checkpoint may not pass it.
  PackedLgpos MinLgposOldest(CacheFileId id);

  CacheStats Stats();

 private:
  friend class ReadLatch;
  friend class WriteLatch;
  using Lock = std::unique_lock<std::mutex>;
  enum class LatchKind { kShared, kExclusive };

  explicit PageCache(const PageCacheOptions& options);

  static uint64_t Key(CacheFileId id, uint32_t pgno) { return (uint64_t{id} << 32) | pgno; }
  CachedFile* FindFile(CacheFileId id);
  Frame* FindFrame(CacheFileId id, uint32_t pgno);

  // Latching.
  JET_ERR Latch(CacheFileId id, uint32_t pgno, LatchKind kind, PageHint hint, bool new_page,
                Frame** out);
  JET_ERR WaitForLatch(Lock& lock, Frame* f, LatchKind kind);
  void ReaderAdmitted(Frame* f);  // a queued reader got in (or gave up)
  // Reading. ReadAheadEnd: the end of the read-ahead window holding pgno, or
  // 0. ExtendRun installs, for a coalesced read, the uncached pages that
  // follow `first` up to `end` and the I/O size, taking only clean idle
  // buffers (never writing or waiting). ReadRun reads and verifies a run of
  // installed frames with one ReadAt, without mu_. FinishReadAhead publishes
  // (or drops) a page loaded for read-ahead.
  uint64_t ReadAheadEnd(const CachedFile* cf, uint32_t pgno) const;
  void ExtendRun(Lock& lock, CachedFile* cf, uint32_t first, uint64_t end,
                 std::vector<Frame*>* run);
  void ReadRun(CachedFile* cf, uint32_t first, const std::vector<Frame*>& run,
               std::unique_ptr<uint8_t[]>* staging, std::vector<JET_ERR>* results);
  void FinishReadAhead(Frame* f, JET_ERR result);
  void ReleaseShared(Frame* f);
  void ReleaseExclusive(Frame* f);
  bool TryUpgrade(Frame* f);
  void Downgrade(Frame* f);
  void MarkDirty(Frame* f, PackedLgpos lgpos);
  bool IsDirty(Frame* f);
  bool IsFirstDirtySinceWrite(Frame* f);
  PackedLgpos LgposOldest(Frame* f);
  PackedLgpos LgposNewest(Frame* f);

  // Frames. All under mu_.
  void Pin(Frame* f);
  void Unpin(Frame* f);
  void Install(Frame* f, CachedFile* cf, uint32_t pgno, bool hot);
  void Uninstall(Frame* f);  // out of the table; state kFree
  void Evict(Frame* f);      // an idle cached frame: out of its list and the table
  void DeleteFrame(Frame* f);
  // A frame holding no page, for a miss: a free one, a new one under the
  // capacity, or an evicted one (written first if dirty, unless !may_write).
  // With may_block it may unlock (to write or wait), and says so in
  // *unlocked; without it, it never unlocks and fails at once with
  // JET_errOutOfBuffers.
  JET_ERR ObtainFrame(Lock& lock, bool may_block, Frame** out, bool* unlocked);
  // Writes the dirty idle frame `victim` and contiguous dirty neighbours;
  // if the victim is idle and clean afterwards it is evicted into *out.
  JET_ERR WriteBackVictim(Lock& lock, Frame* victim, Frame** out);
  // Drops buffers beyond the capacity where that needs no I/O.
  void TrimToCapacity();

  // Write-back. All under mu_ on entry and exit.
  bool CanBeginWrite(const Frame* f) const;
  void BeginWrite(Frame* f);  // f pinned by the caller; takes a shared latch
  // Writes `run` (contiguous pgnos of one file, each BeginWrite'd): log
  // flush, then one WriteAt. Unlocks during the I/O. Ends each write.
  JET_ERR WriteRun(Lock& lock, CachedFile* cf, const std::vector<Frame*>& run);
  // Writes the dirty pages of cf whose lgposOldest < limit (all: kLgposMax).
  JET_ERR WriteDirtyPages(Lock& lock, CachedFile* cf, PackedLgpos limit);
  // File::Flush, moving the writes it covers out of the checkpoint's way.
  // Called without mu_.
  JET_ERR SyncFile(CachedFile* cf);
  // Writes (WriteDirtyPages) and then syncs: always, or only if a write
  // older than limit awaits a flush.
  JET_ERR FlushFileUnlocked(CachedFile* cf, PackedLgpos limit, bool always_sync);

  void PrefetchNow(const PrefetchRequest& request);

  const size_t page_size_;
  const size_t max_io_pages_;
  const std::chrono::milliseconds buffer_wait_;

  std::mutex mu_;
  size_t capacity_;
  size_t allocated_ = 0;  // frames in existence, each with its page buffer
  std::unordered_map<uint64_t, Frame*> table_;
  FrameList cold_;  // idle cached frames, evicted first, oldest first
  FrameList hot_;   // idle cached frames, least recently used first
  FrameList free_;  // frames holding no page
  std::unordered_map<CacheFileId, std::unique_ptr<CachedFile>> files_;
  CacheFileId next_file_id_ = 1;
  uint32_t buffer_waiters_ = 0;
  std::condition_variable buffer_cv_;  // a frame became idle or free
  CacheStats stats_;

  std::unique_ptr<Prefetcher> prefetcher_;  // null with prefetch_threads = 0
};

}  // namespace jet

#endif  // JETSVC_ENGINE_CACHE_PAGE_CACHE_H_
