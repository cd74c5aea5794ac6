// Forward processing of page operations (DESIGN: "Pages change only through
// page operations", "Physiological logging with dbtime"): the one place where
// the B-tree writer and the space manager change a cached page. For each
// record, in this order:
//   1. the record is applied to a copy of its page (a record that does not
//      fit changes nothing, and nothing is logged);
//   2. the PageOpSink sees it (the log writer plugs in here; it also learns
//      whether this is the page's first change since it was last written, so
//      it can log the page image first: DESIGN, "Torn pages");
//   3. the change lands on the cached page, the page is sealed (checksum:
//      the cache writes pages as they are, so every page is kept sealed while
//      unlatched) and marked dirty with the sink's log position.
// A group of records (a split, a merge) is tried on copies as a whole before
// any of it is logged or applied.

#ifndef JETSVC_ENGINE_BTREE_PAGE_OP_WRITER_H_
#define JETSVC_ENGINE_BTREE_PAGE_OP_WRITER_H_

#include <atomic>
#include <cstdint>
#include <span>
#include <vector>

#include "cache/page_cache.h"
#include "cache/page_latch.h"
#include "esent.h"
#include "format/primitives.h"
#include "pageop/page_operation.h"

namespace jet {

// The database's dbtime counter (ESE's dbtimeLast, kept in the header's
// dbtimeDirtied at detach): each page change, or each structure change
// (all pages of a split share one value), takes the next value.
class DbTimeSource {
 public:
  virtual ~DbTimeSource() = default;
  virtual DbTime Next() = 0;
};

// A thread-safe counter starting after `last` (the highest dbtime any page
// of the database carries).
class CounterDbTimeSource final : public DbTimeSource {
 public:
  explicit CounterDbTimeSource(DbTime last = 0) : last_(last) {}
  DbTime Next() override { return last_.fetch_add(1) + 1; }
  DbTime last() const { return last_.load(); }

 private:
  std::atomic<DbTime> last_;
};

// Receives every page operation before it changes its page.
class PageOpSink {
 public:
  virtual ~PageOpSink() = default;
  // `page_before`: the page as it is (zeros for a page being created);
  // `first_change_since_write`: the cache holds no unwritten change to it
  // (the log writer logs page_before as a PageImage first). *lgpos: where
  // the record was logged, kLgposNone if it was not. An error stops the
  // change; the page stays as it was.
  [[nodiscard]] virtual JET_ERR OnPageOperation(const PageOperation& op,
                                                std::span<const uint8_t> page_before,
                                                bool first_change_since_write,
                                                PackedLgpos* lgpos) = 0;
};

// Where page operations go: the cache and file, the database's id and
// dbtime counter, and the sink (may be null: nothing logged).
struct PageWriteContext {
  PageCache* cache = nullptr;
  CacheFileId file = kInvalidCacheFileId;
  uint8_t dbid = 0;
  DbTimeSource* dbtime = nullptr;
  PageOpSink* sink = nullptr;
};

// A record and the write latch on its page.
struct LatchedPageOp {
  PageOperation op;
  WriteLatch* latch = nullptr;
};

// Applies one record to its write-latched page as described above.
[[nodiscard]] JET_ERR ApplyLatchedPageOp(const PageWriteContext& ctx, const PageOperation& op,
                                         WriteLatch* latch);

// Applies a group of records (each to a different page) as described above:
// all are tried first; if one does not fit, none is logged or applied and
// its error is returned. A sink error part-way leaves the earlier records
// applied (the log is then unusable and the instance must stop, as in ESE).
[[nodiscard]] JET_ERR ApplyLatchedPageOps(const PageWriteContext& ctx,
                                          std::span<const LatchedPageOp> ops);

}  // namespace jet

#endif  // JETSVC_ENGINE_BTREE_PAGE_OP_WRITER_H_
