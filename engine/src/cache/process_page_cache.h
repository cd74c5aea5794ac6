// The process's one buffer cache (DESIGN: "One buffer cache per process",
// shared by every instance and database, sized by JET_paramCacheSizeMax).
//
// Each initialized instance holds a reference; the cache lives while any
// does. The first to acquire it creates it with its options (page size,
// capacity); later ones share it as it is, and change its size with
// PageCache::SetCapacity. Once the last reference is dropped the next
// acquisition creates a fresh cache, possibly with another page size (ESE
// accepts JET_paramDatabasePageSize only while no instance is initialized).
#ifndef JETSVC_ENGINE_CACHE_PROCESS_PAGE_CACHE_H_
#define JETSVC_ENGINE_CACHE_PROCESS_PAGE_CACHE_H_

#include <memory>

#include "cache/cache_options.h"
#include "cache/page_cache.h"
#include "esent.h"

namespace jet {

// JET_errPageSizeMismatch if a live cache has another page size; the
// options' other errors as PageCache::Create.
[[nodiscard]] JET_ERR AcquireProcessPageCache(const PageCacheOptions& options,
                                              std::shared_ptr<PageCache>* cache);

}  // namespace jet

#endif  // JETSVC_ENGINE_CACHE_PROCESS_PAGE_CACHE_H_
