#include "cache/page_cache.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <utility>

namespace jet {

namespace {

// How many idle frames a non-blocking miss (read-ahead) looks at for a clean
// one before giving up; it never writes.
constexpr size_t kCleanSearchDepth = 64;
// Write-back failures a miss tolerates while looking for a buffer before it
// returns the write error.
constexpr int kMaxEvictionWriteFailures = 4;
// Read-ahead requests waiting for the prefetch thread.
constexpr size_t kMaxQueuedPrefetches = 64;

}  // namespace

// ---------------------------------------------------------------------------
// Creation and configuration.

JET_ERR PageCache::Create(const PageCacheOptions& options, std::unique_ptr<PageCache>* cache) {
  if (!IsSupportedPageSize(options.page_size) || options.capacity_pages == 0 ||
      options.max_io_bytes == 0 || options.prefetch_threads < 0 || options.prefetch_threads > 1 ||
      options.buffer_wait.count() < 0) {
    return JET_errInvalidParameter;
  }
  cache->reset(new (std::nothrow) PageCache(options));
  return *cache ? JET_errSuccess : JET_errOutOfMemory;
}

PageCache::PageCache(const PageCacheOptions& options)
    : page_size_(options.page_size),
      max_io_pages_(std::max<size_t>(1, options.max_io_bytes / options.page_size)),
      buffer_wait_(options.buffer_wait),
      capacity_(options.capacity_pages) {
  if (options.prefetch_threads > 0) {
    prefetcher_ = std::make_unique<Prefetcher>(
        [this](const PrefetchRequest& request) { PrefetchNow(request); }, kMaxQueuedPrefetches);
  }
}

PageCache::~PageCache() {
  prefetcher_.reset();  // its thread touches frames; stop it first
  for (auto& entry : table_) delete entry.second;
  while (Frame* f = free_.PopFront()) delete f;
}

JET_ERR PageCache::SetCapacity(size_t pages) {
  if (pages == 0) return JET_errInvalidParameter;
  Lock lock(mu_);
  capacity_ = pages;
  JET_ERR first_error = JET_errSuccess;
  int failures = 0;
  while (allocated_ > capacity_) {
    TrimToCapacity();
    if (allocated_ <= capacity_) break;
    // What is left idle is dirty: write it, then drop it.
    Frame* victim = !cold_.empty() ? cold_.front() : hot_.front();
    if (victim == nullptr) break;  // the rest are latched; dropped on release
    Frame* evicted = nullptr;
    const JET_ERR err = WriteBackVictim(lock, victim, &evicted);
    if (evicted != nullptr) DeleteFrame(evicted);
    if (err < JET_errSuccess) {
      if (first_error >= JET_errSuccess) first_error = err;
      if (++failures >= kMaxEvictionWriteFailures) break;
    }
  }
  if (buffer_waiters_ > 0) buffer_cv_.notify_all();  // a larger cache has room
  return first_error;
}

JET_ERR PageCache::RegisterFile(File* file, size_t page_size, const CacheFileOptions& options,
                                CacheFileId* id) {
  if (file == nullptr || id == nullptr) return JET_errInvalidParameter;
  if (page_size != page_size_) return JET_errPageSizeMismatch;
  Lock lock(mu_);
  if (next_file_id_ == kInvalidCacheFileId) return JET_errOutOfMemory;  // 2^32 registrations
  const CacheFileId new_id = next_file_id_++;
  auto cf =
      std::unique_ptr<CachedFile>(new (std::nothrow) CachedFile(new_id, file, page_size_, options));
  if (!cf) return JET_errOutOfMemory;
  files_.emplace(new_id, std::move(cf));
  *id = new_id;
  return JET_errSuccess;
}

JET_ERR PageCache::RegisterFile(File* file, size_t page_size, PageVerifier verifier,
                                CacheFileId* id) {
  CacheFileOptions options;
  options.verifier = std::move(verifier);
  return RegisterFile(file, page_size, options, id);
}

JET_ERR PageCache::UnregisterFile(CacheFileId id, UnregisterMode mode) {
  Lock lock(mu_);
  CachedFile* cf = FindFile(id);
  if (cf == nullptr || cf->closing) return JET_errInvalidParameter;
  cf->closing = true;  // no new latches, flushes or read-ahead from here on
  lock.unlock();
  if (prefetcher_) prefetcher_->Cancel(id);

  const auto deadline = std::chrono::steady_clock::now() + buffer_wait_;
  bool flushed = mode != UnregisterMode::kFlush;
  lock.lock();
  for (;;) {
    // Latch holders, loads and write-backs in flight pin their frames.
    const bool busy = cf->active_ops > 0 || cf->pinned > 0;
    if (!busy && mode == UnregisterMode::kFlush && (!flushed || !cf->dirty.empty())) {
      // (Again, if a latch holder dirtied a page after the first flush.)
      lock.unlock();
      const JET_ERR err = FlushFileUnlocked(cf, kLgposMax, /*always_sync=*/true);
      lock.lock();
      if (err < JET_errSuccess) {
        cf->closing = false;
        return err;
      }
      flushed = true;
      continue;
    }
    if (!busy) break;
    ++buffer_waiters_;
    const auto status = buffer_cv_.wait_until(lock, deadline);
    --buffer_waiters_;
    if (status == std::cv_status::timeout && (cf->active_ops > 0 || cf->pinned > 0)) {
      cf->closing = false;
      return JET_errInvalidOperation;
    }
  }

  std::vector<Frame*> frames;
  for (const auto& entry : table_) {
    if (entry.second->file == cf) frames.push_back(entry.second);
  }
  for (Frame* f : frames) {
    f->list->Remove(f);
    Uninstall(f);  // a dirty page is dropped here (kDiscard)
    if (allocated_ > capacity_) {
      DeleteFrame(f);
    } else {
      free_.PushBack(f);
    }
  }
  files_.erase(id);
  if (buffer_waiters_ > 0) buffer_cv_.notify_all();
  return JET_errSuccess;
}

CachedFile* PageCache::FindFile(CacheFileId id) {
  auto it = files_.find(id);
  return it == files_.end() ? nullptr : it->second.get();
}

Frame* PageCache::FindFrame(CacheFileId id, uint32_t pgno) {
  auto it = table_.find(Key(id, pgno));
  return it == table_.end() ? nullptr : it->second;
}

// ---------------------------------------------------------------------------
// Latching.

JET_ERR PageCache::ReadLatchPage(CacheFileId id, uint32_t pgno, ReadLatch* latch, PageHint hint) {
  latch->Release();
  Frame* f = nullptr;
  const JET_ERR err = Latch(id, pgno, LatchKind::kShared, hint, /*new_page=*/false, &f);
  if (err < JET_errSuccess) return err;
  latch->cache_ = this;
  latch->frame_ = f;
  latch->data_ = f->data;
  latch->file_ = id;
  latch->pgno_ = pgno;
  return JET_errSuccess;
}

JET_ERR PageCache::WriteLatchPage(CacheFileId id, uint32_t pgno, WriteLatch* latch, PageHint hint) {
  latch->Release();
  Frame* f = nullptr;
  const JET_ERR err = Latch(id, pgno, LatchKind::kExclusive, hint, /*new_page=*/false, &f);
  if (err < JET_errSuccess) return err;
  latch->cache_ = this;
  latch->frame_ = f;
  latch->data_ = f->data;
  latch->file_ = id;
  latch->pgno_ = pgno;
  return JET_errSuccess;
}

JET_ERR PageCache::WriteLatchNewPage(CacheFileId id, uint32_t pgno, WriteLatch* latch) {
  latch->Release();
  Frame* f = nullptr;
  const JET_ERR err =
      Latch(id, pgno, LatchKind::kExclusive, PageHint::kNormal, /*new_page=*/true, &f);
  if (err < JET_errSuccess) return err;
  latch->cache_ = this;
  latch->frame_ = f;
  latch->data_ = f->data;
  latch->file_ = id;
  latch->pgno_ = pgno;
  return JET_errSuccess;
}

JET_ERR PageCache::CopyPage(CacheFileId id, uint32_t pgno, uint8_t* out) {
  ReadLatch latch;
  const JET_ERR err = ReadLatchPage(id, pgno, &latch, PageHint::kScan);
  if (err < JET_errSuccess) return err;
  std::memcpy(out, latch.data(), page_size_);
  return JET_errSuccess;
}

JET_ERR PageCache::Latch(CacheFileId id, uint32_t pgno, LatchKind kind, PageHint hint,
                         bool new_page, Frame** out) {
  Lock lock(mu_);
  for (;;) {
    CachedFile* cf = FindFile(id);
    if (cf == nullptr || cf->closing) return JET_errInvalidParameter;

    if (Frame* f = FindFrame(id, pgno)) {
      Pin(f);
      if (hint == PageHint::kNormal) f->hot = true;
      const JET_ERR err = WaitForLatch(lock, f, kind);
      if (err < JET_errSuccess) {  // we waited on a load that failed
        Unpin(f);
        return err;
      }
      ++stats_.hits;
      lock.unlock();
      if (new_page) std::memset(f->data, 0, page_size_);
      *out = f;
      return JET_errSuccess;
    }

    Frame* f = nullptr;
    bool unlocked = false;
    JET_ERR err = ObtainFrame(lock, /*may_block=*/true, &f, &unlocked);
    if (err < JET_errSuccess) return err;
    if (unlocked) {
      // The world moved while we wrote or waited: the file may be closing,
      // another thread may have loaded the page. Look again.
      CachedFile* now = FindFile(id);
      if (now == nullptr || now->closing || FindFrame(id, pgno) != nullptr) {
        if (allocated_ > capacity_) {
          DeleteFrame(f);
        } else {
          free_.PushBack(f);
        }
        if (buffer_waiters_ > 0) buffer_cv_.notify_all();
        continue;
      }
    }

    // Install the frame exclusively latched and in state kReading: latchers
    // of this page queue on it until the bytes are read and verified.
    Install(f, cf, pgno, /*hot=*/hint == PageHint::kNormal || new_page);
    std::vector<Frame*> run{f};
    if (new_page) {
      ++stats_.new_pages;
    } else {
      ++stats_.misses;
      // Inside a read-ahead window the background thread has not reached
      // yet: read on from here in one I/O rather than a page at a time.
      const uint64_t window_end = ReadAheadEnd(cf, pgno);
      if (window_end > uint64_t{pgno} + 1) ExtendRun(lock, cf, pgno, window_end, &run);
    }
    lock.unlock();
    std::vector<JET_ERR> results;
    if (new_page) {
      std::memset(f->data, 0, page_size_);
      results.push_back(JET_errSuccess);
    } else {
      std::unique_ptr<uint8_t[]> staging;
      ReadRun(cf, pgno, run, &staging, &results);
    }
    lock.lock();
    if (!new_page) {
      ++stats_.read_ios;
      for (size_t i = 1; i < run.size(); ++i) FinishReadAhead(run[i], results[i]);
    }
    err = results[0];
    if (err < JET_errSuccess) {
      ++stats_.read_failures;
      f->writer = false;
      f->load_error = err;
      Uninstall(f);  // never cached: a later latch reads again
      if (f->waiters > 0) f->cv.notify_all();
      Unpin(f);
      return err;
    }
    if (!new_page) ++stats_.pages_read;
    f->state = Frame::State::kValid;
    if (kind == LatchKind::kShared) {
      f->writer = false;
      f->readers = 1;
      if (f->waiters > 0) f->cv.notify_all();
    }
    *out = f;
    return JET_errSuccess;
  }
}

JET_ERR PageCache::WaitForLatch(Lock& lock, Frame* f, LatchKind kind) {
  const bool shared = kind == LatchKind::kShared;
  bool queued = false;
  JET_ERR result = JET_errSuccess;
  for (;;) {
    if (f->state == Frame::State::kFree) {  // the load we waited for failed
      result = f->load_error;
      break;
    }
    if (shared) {
      // Behind waiting writers, unless it is the readers' turn.
      if (!f->writer && (f->writers_waiting == 0 || f->readers_turn)) {
        ++f->readers;
        break;
      }
    } else if (!f->writer && f->readers == 0 && !f->readers_turn) {
      f->writer = true;
      break;
    }
    if (!queued) {
      ++(shared ? f->readers_waiting : f->writers_waiting);
      queued = true;
    }
    ++f->waiters;
    f->cv.wait(lock);
    --f->waiters;
  }
  if (queued) {
    if (shared) {
      ReaderAdmitted(f);
    } else {
      --f->writers_waiting;
    }
  }
  return result;
}

void PageCache::ReaderAdmitted(Frame* f) {
  if (--f->readers_waiting == 0 && f->readers_turn) {
    f->readers_turn = false;
    if (f->waiters > 0) f->cv.notify_all();  // a writer may go once they are done
  }
}

uint64_t PageCache::ReadAheadEnd(const CachedFile* cf, uint32_t pgno) const {
  for (const CachedFile::Window& window : cf->read_ahead) {
    if (window.first <= pgno && pgno < window.end) return window.end;
  }
  return 0;
}

void PageCache::ExtendRun(Lock& lock, CachedFile* cf, uint32_t first, uint64_t end,
                          std::vector<Frame*>* run) {
  while (run->size() < max_io_pages_ && first + run->size() < end) {
    const uint32_t pgno = static_cast<uint32_t>(first + run->size());
    if (FindFrame(cf->id, pgno) != nullptr) break;
    Frame* f = nullptr;
    bool unlocked = false;
    if (ObtainFrame(lock, /*may_block=*/false, &f, &unlocked) < JET_errSuccess) break;
    Install(f, cf, pgno, /*hot=*/false);
    run->push_back(f);
  }
}

void PageCache::ReadRun(CachedFile* cf, uint32_t first, const std::vector<Frame*>& run,
                        std::unique_ptr<uint8_t[]>* staging, std::vector<JET_ERR>* results) {
  const size_t n = run.size();
  results->assign(n, JET_errSuccess);
  uint8_t* buf = run.front()->data;
  JET_ERR err = JET_errSuccess;
  if (n > 1) {
    if (!*staging) staging->reset(new (std::nothrow) uint8_t[max_io_pages_ * page_size_]);
    buf = staging->get();
    if (buf == nullptr) err = JET_errOutOfMemory;
  }
  size_t got = 0;
  if (err >= JET_errSuccess) err = cf->file->ReadAt(cf->Offset(first), buf, n * page_size_, &got);
  const size_t full = err < JET_errSuccess ? 0 : got / page_size_;
  for (size_t i = 0; i < n; ++i) {
    if (i >= full) {
      (*results)[i] = err < JET_errSuccess ? err : cf->options.beyond_eof_error;
      continue;
    }
    if (n > 1) std::memcpy(run[i]->data, buf + i * page_size_, page_size_);
    if (cf->options.verifier) {
      (*results)[i] =
          cf->options.verifier(run[i]->data, first + static_cast<uint32_t>(i), page_size_);
    }
  }
}

void PageCache::FinishReadAhead(Frame* f, JET_ERR result) {
  f->writer = false;
  if (result >= JET_errSuccess) {
    f->state = Frame::State::kValid;
    ++stats_.pages_read;
    ++stats_.prefetched_pages;
  } else {
    // Not cached; a demand read will read it again and report why.
    if (result != f->file->options.beyond_eof_error) ++stats_.read_failures;
    f->load_error = result;
    Uninstall(f);
  }
  if (f->waiters > 0) f->cv.notify_all();
  Unpin(f);
}

void PageCache::ReleaseShared(Frame* f) {
  Lock lock(mu_);
  --f->readers;
  if (f->readers == 0 && f->waiters > 0) f->cv.notify_all();
  Unpin(f);
}

void PageCache::ReleaseExclusive(Frame* f) {
  Lock lock(mu_);
  f->writer = false;
  if (f->readers_waiting > 0) f->readers_turn = true;
  if (f->waiters > 0) f->cv.notify_all();
  Unpin(f);
}

bool PageCache::TryUpgrade(Frame* f) {
  Lock lock(mu_);
  if (f->readers != 1 || f->write_in_progress) return false;
  f->readers = 0;
  f->writer = true;
  return true;
}

void PageCache::Downgrade(Frame* f) {
  Lock lock(mu_);
  f->writer = false;
  f->readers = 1;
  if (f->readers_waiting > 0) f->readers_turn = true;
  if (f->waiters > 0) f->cv.notify_all();
}

void PageCache::MarkDirty(Frame* f, PackedLgpos lgpos) {
  Lock lock(mu_);
  CachedFile* cf = f->file;
  if (!f->dirty) {
    f->dirty = true;
    f->lgpos_oldest = f->lgpos_newest = lgpos;
    cf->dirty.emplace(lgpos, f);
  } else {
    if (lgpos < f->lgpos_oldest) {
      cf->dirty.erase({f->lgpos_oldest, f});
      f->lgpos_oldest = lgpos;
      cf->dirty.emplace(lgpos, f);
    }
    f->lgpos_newest = std::max(f->lgpos_newest, lgpos);
  }
  f->modified_since_write = true;
}

bool PageCache::IsDirty(Frame* f) {
  Lock lock(mu_);
  return f->dirty;
}

bool PageCache::IsFirstDirtySinceWrite(Frame* f) {
  Lock lock(mu_);
  return !f->modified_since_write;
}

PackedLgpos PageCache::LgposOldest(Frame* f) {
  Lock lock(mu_);
  return f->lgpos_oldest;
}

PackedLgpos PageCache::LgposNewest(Frame* f) {
  Lock lock(mu_);
  return f->lgpos_newest;
}

// ---------------------------------------------------------------------------
// Frames.

void PageCache::Pin(Frame* f) {
  if (f->pins++ > 0) return;
  if (f->list != nullptr) f->list->Remove(f);
  if (f->file != nullptr) ++f->file->pinned;
}

void PageCache::Unpin(Frame* f) {
  if (--f->pins > 0) return;
  if (f->file != nullptr) --f->file->pinned;
  if (f->state == Frame::State::kFree) {
    if (allocated_ > capacity_) {
      DeleteFrame(f);
    } else {
      free_.PushBack(f);
    }
  } else if (allocated_ > capacity_ && !f->dirty) {
    // The cache shrank while this page was latched.
    Uninstall(f);
    ++stats_.evictions;
    DeleteFrame(f);
  } else {
    (f->hot ? hot_ : cold_).PushBack(f);
  }
  if (buffer_waiters_ > 0) buffer_cv_.notify_all();
}

void PageCache::Install(Frame* f, CachedFile* cf, uint32_t pgno, bool hot) {
  f->file = cf;
  f->pgno = pgno;
  f->state = Frame::State::kReading;
  f->load_error = JET_errSuccess;
  f->pins = 1;
  f->readers = 0;
  f->writer = true;
  f->writers_waiting = 0;
  f->readers_waiting = 0;
  f->readers_turn = false;
  f->dirty = false;
  f->modified_since_write = false;
  f->write_in_progress = false;
  f->lgpos_oldest = f->lgpos_newest = kLgposNone;
  f->hot = hot;
  table_.emplace(Key(cf->id, pgno), f);
  ++cf->resident;
  ++cf->pinned;
}

void PageCache::Uninstall(Frame* f) {
  CachedFile* cf = f->file;
  table_.erase(Key(cf->id, f->pgno));
  --cf->resident;
  if (f->pins > 0) --cf->pinned;  // its last Unpin no longer counts for cf
  if (f->dirty) {
    cf->dirty.erase({f->lgpos_oldest, f});
    f->dirty = false;
  }
  f->state = Frame::State::kFree;
  f->file = nullptr;
}

void PageCache::Evict(Frame* f) {
  f->list->Remove(f);
  Uninstall(f);
  ++stats_.evictions;
}

void PageCache::DeleteFrame(Frame* f) {
  --allocated_;
  delete f;
}

void PageCache::TrimToCapacity() {
  while (allocated_ > capacity_ && !free_.empty()) DeleteFrame(free_.PopFront());
  for (FrameList* list : {&cold_, &hot_}) {
    Frame* f = list->front();
    while (allocated_ > capacity_ && f != nullptr) {
      Frame* next = f->next;
      if (!f->dirty) {
        Evict(f);
        DeleteFrame(f);
      }
      f = next;
    }
  }
}

JET_ERR PageCache::ObtainFrame(Lock& lock, bool may_block, Frame** out, bool* unlocked) {
  *unlocked = false;
  JET_ERR write_error = JET_errSuccess;
  int write_failures = 0;
  bool counted_wait = false;
  const auto deadline = std::chrono::steady_clock::now() + buffer_wait_;
  for (;;) {
    if (allocated_ > capacity_) TrimToCapacity();
    if (!free_.empty() && allocated_ <= capacity_) {
      *out = free_.PopFront();
      return JET_errSuccess;
    }
    if (allocated_ < capacity_) {
      bool ok = false;
      Frame* f = new (std::nothrow) Frame(page_size_, &ok);
      if (f == nullptr || !ok) {
        delete f;
        return JET_errOutOfMemory;
      }
      ++allocated_;
      stats_.max_allocated = std::max(stats_.max_allocated, allocated_);
      *out = f;
      return JET_errSuccess;
    }

    // Evict: cold pages first, then the least recently used hot one.
    Frame* victim = !cold_.empty() ? cold_.front() : hot_.front();
    if (victim != nullptr && victim->dirty && !may_block) {
      // Read-ahead never writes; look a little further for a clean page.
      victim = nullptr;
      size_t looked = 0;
      for (FrameList* list : {&cold_, &hot_}) {
        for (Frame* f = list->front(); f != nullptr && looked < kCleanSearchDepth;
             f = f->next, ++looked) {
          if (!f->dirty) {
            victim = f;
            break;
          }
        }
        if (victim != nullptr) break;
      }
      if (victim == nullptr) return JET_errOutOfBuffers;
    }
    if (victim != nullptr) {
      Frame* evicted = nullptr;
      if (!victim->dirty) {
        Evict(victim);
        evicted = victim;
      } else {
        if (write_failures >= kMaxEvictionWriteFailures) return write_error;
        *unlocked = true;
        const JET_ERR err = WriteBackVictim(lock, victim, &evicted);
        if (err < JET_errSuccess) {
          write_error = err;
          ++write_failures;
        }
      }
      if (evicted != nullptr) {
        if (allocated_ > capacity_) {
          DeleteFrame(evicted);
          continue;
        }
        *out = evicted;
        return JET_errSuccess;
      }
      continue;
    }

    // Every buffer is latched, or being read or written.
    if (!may_block) return JET_errOutOfBuffers;
    if (!counted_wait) {
      ++stats_.buffer_waits;
      counted_wait = true;
    }
    *unlocked = true;
    ++buffer_waiters_;
    const auto status = buffer_cv_.wait_until(lock, deadline);
    --buffer_waiters_;
    if (status == std::cv_status::timeout && free_.empty() && cold_.empty() && hot_.empty() &&
        allocated_ >= capacity_) {
      return write_error < JET_errSuccess ? write_error : JET_errOutOfBuffers;
    }
  }
}

JET_ERR PageCache::WriteBackVictim(Lock& lock, Frame* victim, Frame** out) {
  *out = nullptr;
  CachedFile* cf = victim->file;
  Pin(victim);
  BeginWrite(victim);
  // Write the victim's contiguous dirty neighbours with it, in one I/O (ESE's
  // write clustering): they stay cached, clean, and the next evictions are free.
  std::vector<Frame*> run{victim};
  for (uint32_t pgno = victim->pgno; run.size() < max_io_pages_ && pgno > 0; --pgno) {
    Frame* n = FindFrame(cf->id, pgno - 1);
    if (n == nullptr || !CanBeginWrite(n)) break;
    Pin(n);
    BeginWrite(n);
    run.insert(run.begin(), n);
  }
  for (uint32_t pgno = victim->pgno; run.size() < max_io_pages_ && pgno < UINT32_MAX; ++pgno) {
    Frame* n = FindFrame(cf->id, pgno + 1);
    if (n == nullptr || !CanBeginWrite(n)) break;
    Pin(n);
    BeginWrite(n);
    run.push_back(n);
  }
  const JET_ERR err = WriteRun(lock, cf, run);
  for (Frame* n : run) {
    if (n != victim) Unpin(n);
  }
  if (err >= JET_errSuccess && victim->pins == 1 && !victim->dirty &&
      victim->state == Frame::State::kValid) {
    Uninstall(victim);  // still ours alone: evict without passing through a list
    victim->pins = 0;
    ++stats_.evictions;
    *out = victim;
  } else {
    Unpin(victim);
  }
  return err;
}

// ---------------------------------------------------------------------------
// Write-back.

bool PageCache::CanBeginWrite(const Frame* f) const {
  return f->state == Frame::State::kValid && f->dirty && !f->writer && !f->write_in_progress;
}

void PageCache::BeginWrite(Frame* f) {
  ++f->readers;  // a shared latch: the bytes hold still during the I/O
  f->write_in_progress = true;
}

JET_ERR PageCache::WriteRun(Lock& lock, CachedFile* cf, const std::vector<Frame*>& run) {
  PackedLgpos newest = kLgposNone;
  for (const Frame* f : run) newest = std::max(newest, f->lgpos_newest);
  const uint64_t offset = cf->Offset(run.front()->pgno);
  lock.unlock();

  // Write-ahead: the log first, durable past every change in the run.
  JET_ERR err = JET_errSuccess;
  if (newest != kLgposNone && cf->options.flush_log) err = cf->options.flush_log(newest);
  bool wrote = false;
  if (err >= JET_errSuccess) {
    wrote = true;
    if (run.size() == 1) {
      err = cf->file->WriteAt(offset, run.front()->data, page_size_);
    } else {
      std::unique_ptr<uint8_t[]> staging(new (std::nothrow) uint8_t[run.size() * page_size_]);
      if (!staging) {
        err = JET_errOutOfMemory;
      } else {
        for (size_t i = 0; i < run.size(); ++i) {
          std::memcpy(staging.get() + i * page_size_, run[i]->data, page_size_);
        }
        err = cf->file->WriteAt(offset, staging.get(), run.size() * page_size_);
      }
    }
  }

  lock.lock();
  if (wrote) ++stats_.write_ios;
  if (err < JET_errSuccess) ++stats_.write_failures;
  for (Frame* f : run) {
    f->write_in_progress = false;
    --f->readers;
    if (err >= JET_errSuccess) {
      // Clean, but until the next File::Flush its lgposOldest still holds the
      // checkpoint back.
      cf->dirty.erase({f->lgpos_oldest, f});
      cf->unflushed_min = std::min(cf->unflushed_min, f->lgpos_oldest);
      if (cf->options.page_written) {
        cf->unflushed.push_back(PageWriteInfo{cf->id, f->pgno, f->lgpos_oldest, f->lgpos_newest});
      }
      f->dirty = false;
      f->modified_since_write = false;
      f->lgpos_oldest = f->lgpos_newest = kLgposNone;
      ++stats_.pages_written;
    }
    if (f->waiters > 0) f->cv.notify_all();
  }
  return err;
}

JET_ERR PageCache::WriteDirtyPages(Lock& lock, CachedFile* cf, PackedLgpos limit) {
  std::vector<uint32_t> pgnos;
  for (const auto& [lgpos, f] : cf->dirty) {
    if (lgpos >= limit) break;
    pgnos.push_back(f->pgno);
  }
  std::sort(pgnos.begin(), pgnos.end());

  JET_ERR first_error = JET_errSuccess;
  size_t i = 0;
  while (i < pgnos.size()) {
    Frame* f = FindFrame(cf->id, pgnos[i]);
    if (f != nullptr) {
      // Wait out an exclusive latch or another thread's write-back; either
      // may leave the page clean, written by someone else.
      // It waits as a reader: a writer re-latching the page in a loop lets
      // it in at the next release (phase fairness).
      Pin(f);
      if (f->state == Frame::State::kValid && f->dirty && (f->writer || f->write_in_progress)) {
        ++f->readers_waiting;
        while (f->state == Frame::State::kValid && f->dirty &&
               (f->writer || f->write_in_progress)) {
          ++f->waiters;
          f->cv.wait(lock);
          --f->waiters;
        }
        ReaderAdmitted(f);
      }
      if (!CanBeginWrite(f) || f->lgpos_oldest >= limit) {
        Unpin(f);
        f = nullptr;
      }
    }
    if (f == nullptr) {
      ++i;
      continue;
    }
    BeginWrite(f);
    std::vector<Frame*> run{f};
    size_t j = i + 1;
    while (j < pgnos.size() && run.size() < max_io_pages_ && pgnos[j] == run.back()->pgno + 1) {
      Frame* n = FindFrame(cf->id, pgnos[j]);
      if (n == nullptr || !CanBeginWrite(n) || n->lgpos_oldest >= limit) break;
      Pin(n);
      BeginWrite(n);
      run.push_back(n);
      ++j;
    }
    const JET_ERR err = WriteRun(lock, cf, run);
    for (Frame* n : run) Unpin(n);
    if (err < JET_errSuccess && first_error >= JET_errSuccess) first_error = err;
    i = j;
  }
  return first_error;
}

JET_ERR PageCache::SyncFile(CachedFile* cf) {
  std::vector<PageWriteInfo> durable;
  JET_ERR err;
  {
    std::lock_guard<std::mutex> flush_lock(cf->flush_mu);
    {
      Lock lock(mu_);
      cf->flushing_min = cf->unflushed_min;
      cf->unflushed_min = kLgposMax;
      cf->flushing.swap(cf->unflushed);
    }
    err = cf->file->Flush();
    Lock lock(mu_);
    if (err >= JET_errSuccess) {
      ++stats_.file_flushes;
      durable.swap(cf->flushing);
    } else {
      // Not durable after all: they hold the checkpoint back still.
      cf->unflushed_min = std::min(cf->unflushed_min, cf->flushing_min);
      cf->unflushed.insert(cf->unflushed.end(), cf->flushing.begin(), cf->flushing.end());
      cf->flushing.clear();
    }
    cf->flushing_min = kLgposMax;
  }
  if (cf->options.page_written) {
    for (const PageWriteInfo& write : durable) cf->options.page_written(write);
  }
  return err;
}

JET_ERR PageCache::FlushFileUnlocked(CachedFile* cf, PackedLgpos limit, bool always_sync) {
  JET_ERR err;
  bool sync;
  {
    Lock lock(mu_);
    err = WriteDirtyPages(lock, cf, limit);
    sync = always_sync || cf->unflushed_min < limit || cf->flushing_min < limit;
  }
  if (!sync) return err;
  const JET_ERR sync_err = SyncFile(cf);
  return err < JET_errSuccess ? err : sync_err;
}

JET_ERR PageCache::FlushFile(CacheFileId id) {
  Lock lock(mu_);
  CachedFile* cf = FindFile(id);
  if (cf == nullptr || cf->closing) return JET_errInvalidParameter;
  ++cf->active_ops;
  lock.unlock();
  const JET_ERR err = FlushFileUnlocked(cf, kLgposMax, /*always_sync=*/true);
  lock.lock();
  --cf->active_ops;
  if (buffer_waiters_ > 0) buffer_cv_.notify_all();
  return err;
}

JET_ERR PageCache::FlushUpTo(CacheFileId id, PackedLgpos lgpos) {
  Lock lock(mu_);
  CachedFile* cf = FindFile(id);
  if (cf == nullptr || cf->closing) return JET_errInvalidParameter;
  ++cf->active_ops;
  lock.unlock();
  const JET_ERR err = FlushFileUnlocked(cf, lgpos, /*always_sync=*/false);
  lock.lock();
  --cf->active_ops;
  if (buffer_waiters_ > 0) buffer_cv_.notify_all();
  return err;
}

PackedLgpos PageCache::MinLgposOldest(CacheFileId id) {
  Lock lock(mu_);
  CachedFile* cf = FindFile(id);
  if (cf == nullptr) return kLgposMax;
  PackedLgpos min = std::min(cf->unflushed_min, cf->flushing_min);
  if (!cf->dirty.empty()) min = std::min(min, cf->dirty.begin()->first);
  return min;
}

// ---------------------------------------------------------------------------
// Read-ahead.

JET_ERR PageCache::Prefetch(CacheFileId id, uint32_t first, uint32_t count) {
  {
    Lock lock(mu_);
    CachedFile* cf = FindFile(id);
    if (cf == nullptr || cf->closing) return JET_errInvalidParameter;
    if (count == 0) return JET_errSuccess;
    // Remember the window, so that a demand miss in it reads ahead itself.
    if (cf->read_ahead.size() >= CachedFile::kReadAheadWindows) {
      cf->read_ahead.erase(cf->read_ahead.begin());
    }
    cf->read_ahead.push_back(CachedFile::Window{
        first, std::min<uint64_t>(uint64_t{first} + count, uint64_t{UINT32_MAX} + 1)});
  }
  const PrefetchRequest request{id, first, count};
  if (prefetcher_) {
    prefetcher_->Enqueue(request);  // dropped when the queue is full: it is advice
  } else {
    PrefetchNow(request);
  }
  return JET_errSuccess;
}

void PageCache::WaitForPrefetch() {
  if (prefetcher_) prefetcher_->Drain();
}

void PageCache::PrefetchNow(const PrefetchRequest& request) {
  std::unique_ptr<uint8_t[]> staging;
  std::vector<JET_ERR> results;
  Lock lock(mu_);
  const uint64_t budget = std::max<size_t>(1, capacity_ / 4);
  const uint64_t end = std::min({uint64_t{request.first} + request.count,
                                 uint64_t{request.first} + budget, uint64_t{UINT32_MAX} + 1});
  uint64_t pgno = request.first;
  while (pgno < end) {
    CachedFile* cf = FindFile(request.file);
    if (cf == nullptr || cf->closing) return;
    while (pgno < end && FindFrame(request.file, static_cast<uint32_t>(pgno)) != nullptr) ++pgno;
    if (pgno >= end) return;
    // A request that newer ones have pushed out of the file's windows is
    // stale (this thread fell behind the scan): reading it now would only
    // evict pages for nothing.
    if (ReadAheadEnd(cf, static_cast<uint32_t>(pgno)) == 0) return;

    // The next run of uncached pages, each installed exclusively latched in
    // state kReading so that a demand read of one of them waits for it.
    std::vector<Frame*> run;
    ExtendRun(lock, cf, static_cast<uint32_t>(pgno), end, &run);
    if (run.empty()) return;  // no clean idle buffer: stop, never write
    lock.unlock();
    ReadRun(cf, static_cast<uint32_t>(pgno), run, &staging, &results);
    lock.lock();
    ++stats_.read_ios;
    bool stop = false;
    for (size_t i = 0; i < run.size(); ++i) {
      if (results[i] < JET_errSuccess) stop = true;  // end of file, or a bad page
      FinishReadAhead(run[i], results[i]);
    }
    if (stop) return;
    pgno += run.size();
  }
}

// ---------------------------------------------------------------------------

CacheStats PageCache::Stats() {
  Lock lock(mu_);
  CacheStats stats = stats_;
  stats.capacity = capacity_;
  stats.page_size = page_size_;
  stats.resident = table_.size();
  stats.allocated = allocated_;
  stats.dirty = 0;
  for (const auto& entry : files_) stats.dirty += entry.second->dirty.size();
  return stats;
}

}  // namespace jet
