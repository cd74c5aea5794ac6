// A buffer of the cache: one page's bytes and what the cache knows about
// them (ESE's BF). Internal to the cache.
//
// Every field except `data`'s bytes is guarded by the cache's mutex. The bytes
// are guarded by the page latch: readers hold it shared, the one writer
// exclusive; a write-back holds it shared for the duration of its I/O, so the
// bytes on their way to disk never change underneath it.
#ifndef JETSVC_ENGINE_CACHE_FRAME_H_
#define JETSVC_ENGINE_CACHE_FRAME_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <new>

#include "cache/cache_options.h"

namespace jet {

struct CachedFile;
class FrameList;

struct Frame {
  enum class State : uint8_t {
    kFree,     // holds no page (on the free list, or just detached)
    kReading,  // being read, verified or zeroed by the thread that installed it
    kValid,    // holds the page; visible to latchers
  };

  // Page buffers are aligned for unbuffered I/O, should the OS layer use it.
  static constexpr size_t kAlignment = 4096;

  // Allocates the page buffer; *ok is false if memory ran out.
  Frame(size_t page_size, bool* ok)
      : data(static_cast<uint8_t*>(
            ::operator new (page_size, std::align_val_t{kAlignment}, std::nothrow))) {
    *ok = data != nullptr;
  }
  ~Frame() { ::operator delete (data, std::align_val_t{kAlignment}); }
  Frame(const Frame&) = delete;
  Frame& operator=(const Frame&) = delete;

  uint8_t* const data;

  // Identity, while in the table.
  CachedFile* file = nullptr;
  uint32_t pgno = 0;
  State state = State::kFree;
  JET_ERR load_error = JET_errSuccess;  // why the last load failed (state kFree)

  // References that keep the frame from eviction: latch holders, latch
  // waiters, and I/O in progress. Only frames with pins == 0 sit on a list.
  uint32_t pins = 0;
  uint32_t readers = 0;          // shared latches held (a write-back holds one)
  bool writer = false;           // exclusive latch held (a load holds it too)
  uint32_t writers_waiting = 0;  // exclusive waiters; new readers queue behind them
  uint32_t readers_waiting = 0;  // shared waiters (a write-back waiting counts)
  // Phase fairness: set when a writer releases with readers waiting; until
  // those readers are in, no new writer is admitted. Without it a thread that
  // re-latches a page in a loop could starve its readers (and its flusher).
  bool readers_turn = false;
  uint32_t waiters = 0;  // threads waiting on cv

  // Dirty state.
  bool dirty = false;
  // Changed since it was last read from or written to disk: the next change
  // is the first since the last write when this is false (torn-page rule).
  bool modified_since_write = false;
  bool write_in_progress = false;
  PackedLgpos lgpos_oldest = kLgposNone;
  PackedLgpos lgpos_newest = kLgposNone;

  // Which LRU list the frame joins when unpinned.
  bool hot = false;

  // Intrusive list links.
  FrameList* list = nullptr;
  Frame* prev = nullptr;
  Frame* next = nullptr;

  std::condition_variable cv;  // latch, load and write-back waits
};

// A doubly linked list of frames, oldest first. A frame is on at most one.
class FrameList {
 public:
  FrameList() = default;
  FrameList(const FrameList&) = delete;
  FrameList& operator=(const FrameList&) = delete;

  bool empty() const { return head_ == nullptr; }
  size_t size() const { return size_; }
  Frame* front() const { return head_; }

  void PushBack(Frame* f) {
    f->list = this;
    f->prev = tail_;
    f->next = nullptr;
    if (tail_ != nullptr) {
      tail_->next = f;
    } else {
      head_ = f;
    }
    tail_ = f;
    ++size_;
  }

  void Remove(Frame* f) {
    if (f->prev != nullptr) {
      f->prev->next = f->next;
    } else {
      head_ = f->next;
    }
    if (f->next != nullptr) {
      f->next->prev = f->prev;
    } else {
      tail_ = f->prev;
    }
    f->list = nullptr;
    f->prev = f->next = nullptr;
    --size_;
  }

  Frame* PopFront() {
    Frame* f = head_;
    if (f != nullptr) Remove(f);
    return f;
  }

 private:
  Frame* head_ = nullptr;
  Frame* tail_ = nullptr;
  size_t size_ = 0;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_CACHE_FRAME_H_
