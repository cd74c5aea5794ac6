#include "cache/prefetcher.h"

#include <algorithm>
#include <system_error>
#include <utility>

namespace jet {

Prefetcher::Prefetcher(Work work, size_t max_queued)
    : work_(std::move(work)), max_queued_(std::max<size_t>(1, max_queued)) {}

Prefetcher::~Prefetcher() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    queue_.clear();
  }
  work_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool Prefetcher::Enqueue(const PrefetchRequest& request) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stop_) return false;
  // A scan asks for overlapping windows; one already queued that covers this
  // one is enough.
  for (const PrefetchRequest& queued : queue_) {
    if (queued.file == request.file && queued.first <= request.first &&
        uint64_t{request.first} + request.count <= uint64_t{queued.first} + queued.count) {
      return true;
    }
  }
  if (!thread_.joinable()) {
    try {
      thread_ = std::thread([this] { Run(); });
    } catch (const std::system_error&) {
      return false;  // read-ahead is advice; the reads will happen on demand
    }
  }
  // Full: the oldest request is the least useful one (a scan has moved on).
  if (queue_.size() >= max_queued_) queue_.pop_front();
  queue_.push_back(request);
  work_cv_.notify_one();
  return true;
}

void Prefetcher::Cancel(CacheFileId file) {
  std::unique_lock<std::mutex> lock(mu_);
  std::erase_if(queue_, [file](const PrefetchRequest& r) { return r.file == file; });
  idle_cv_.wait(lock, [&] { return !(busy_ && busy_file_ == file); });
}

void Prefetcher::Drain() {
  std::unique_lock<std::mutex> lock(mu_);
  idle_cv_.wait(lock, [&] { return queue_.empty() && !busy_; });
}

void Prefetcher::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (stop_) break;
    const PrefetchRequest request = queue_.front();
    queue_.pop_front();
    busy_ = true;
    busy_file_ = request.file;
    lock.unlock();
    work_(request);
    lock.lock();
    busy_ = false;
    busy_file_ = kInvalidCacheFileId;
    idle_cv_.notify_all();
  }
  busy_ = false;
  idle_cv_.notify_all();
}

}  // namespace jet
