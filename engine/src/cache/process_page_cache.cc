#include "cache/process_page_cache.h"

#include <mutex>
#include <utility>

namespace jet {

JET_ERR AcquireProcessPageCache(const PageCacheOptions& options,
                                std::shared_ptr<PageCache>* cache) {
  // Function-local statics: no order-of-initialization trouble, and never
  // destroyed before a caller at exit (they are trivially small).
  static std::mutex* const mu = new std::mutex;
  static std::weak_ptr<PageCache>* const current = new std::weak_ptr<PageCache>;

  std::lock_guard<std::mutex> lock(*mu);
  if (std::shared_ptr<PageCache> live = current->lock()) {
    if (live->page_size() != options.page_size) return JET_errPageSizeMismatch;
    *cache = std::move(live);
    return JET_errSuccess;
  }
  std::unique_ptr<PageCache> created;
  const JET_ERR err = PageCache::Create(options, &created);
  if (err < JET_errSuccess) return err;
  std::shared_ptr<PageCache> shared(std::move(created));
  *current = shared;
  *cache = std::move(shared);
  return JET_errSuccess;
}

}  // namespace jet
