// A small background thread that runs read-ahead requests in order. Read-ahead
// is advice: when the queue is full its oldest request is dropped (a scan has
// moved past it), and the requests of a file going away are cancelled.
#ifndef JETSVC_ENGINE_CACHE_PREFETCHER_H_
#define JETSVC_ENGINE_CACHE_PREFETCHER_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "cache/cache_options.h"

namespace jet {

struct PrefetchRequest {
  CacheFileId file = kInvalidCacheFileId;
  uint32_t first = 0;
  uint32_t count = 0;
};

class Prefetcher {
 public:
  using Work = std::function<void(const PrefetchRequest&)>;

  // The thread starts with the first request.
  Prefetcher(Work work, size_t max_queued);
  // Drops what is queued and waits for the running request.
  ~Prefetcher();
  Prefetcher(const Prefetcher&) = delete;
  Prefetcher& operator=(const Prefetcher&) = delete;

  // False if the request was dropped (no thread could start, or stopping).
  bool Enqueue(const PrefetchRequest& request);
  // Drops the queued requests for `file` and waits for a running one on it.
  void Cancel(CacheFileId file);
  // Waits until nothing is queued or running.
  void Drain();

 private:
  void Run();

  const Work work_;
  const size_t max_queued_;
  std::mutex mu_;
  std::condition_variable work_cv_;  // a request arrived, or stop
  std::condition_variable idle_cv_;  // a request finished
  std::deque<PrefetchRequest> queue_;
  bool busy_ = false;
  CacheFileId busy_file_ = kInvalidCacheFileId;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_CACHE_PREFETCHER_H_
