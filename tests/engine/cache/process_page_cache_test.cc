#include "cache/process_page_cache.h"

#include <gtest/gtest.h>

#include <memory>

namespace jet {
namespace {

// One cache for the whole process: every instance that acquires it while it
// lives gets the same one; once the last lets go, the next acquisition makes
// a new one, which may have another page size.
TEST(ProcessPageCacheTest, SharedWhileHeldRecreatedAfter) {
  PageCacheOptions options;
  options.page_size = 8192;
  options.capacity_pages = 100;
  std::shared_ptr<PageCache> a, b;
  ASSERT_EQ(AcquireProcessPageCache(options, &a), JET_errSuccess);
  options.capacity_pages = 5;  // ignored: the live cache is shared as it is
  ASSERT_EQ(AcquireProcessPageCache(options, &b), JET_errSuccess);
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(b->Stats().capacity, 100u);

  options.page_size = 4096;
  std::shared_ptr<PageCache> c;
  EXPECT_EQ(AcquireProcessPageCache(options, &c), JET_errPageSizeMismatch);
  EXPECT_EQ(c, nullptr);

  a.reset();
  b.reset();
  ASSERT_EQ(AcquireProcessPageCache(options, &c), JET_errSuccess);
  EXPECT_EQ(c->page_size(), 4096u);
  EXPECT_EQ(c->Stats().capacity, 5u);
}

TEST(ProcessPageCacheTest, BadOptionsAreRejected) {
  PageCacheOptions options;
  options.page_size = 1000;
  std::shared_ptr<PageCache> cache;
  EXPECT_EQ(AcquireProcessPageCache(options, &cache), JET_errInvalidParameter);
}

}  // namespace
}  // namespace jet
