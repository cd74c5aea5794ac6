// Pages of a B-tree as the read path sees them: read-latched in the buffer
// cache and structurally validated (PageView::Open), with the page number of
// any failure kept for the caller (PageError).
//
// The checksum and page-number checks run once, when the cache reads a page
// from disk: files holding B-trees are registered with EdbPageVerifier(). The
// structure check runs on every latch, since a PageView is needed anyway.

#ifndef JETSVC_ENGINE_BTREE_TREE_PAGE_H_
#define JETSVC_ENGINE_BTREE_TREE_PAGE_H_

#include <cstdint>

#include "cache/page_cache.h"
#include "cache/page_latch.h"
#include "esent.h"
#include "format/page.h"

namespace jet {

// A failure and the page it was found on (0: not tied to a page).
struct PageError {
  JET_ERR err = JET_errSuccess;
  uint32_t pgno = 0;
};

// The cache's read verifier for EDB database files (CacheFileOptions::
// verifier): ESE's checks on a page read from disk, in its order — blank
// (JET_errPageNotInitialized), checksum (JET_errReadVerifyFailure; a
// single-bit error is reported, not corrected, as the cache's buffer is
// read-only here), page number (JET_errReadPgnoVerifyFailure). `pgno_max`,
// the file's highest page number if known, sharpens the misplaced-page
// diagnosis (VerifyPageChecksum()).
PageVerifier EdbPageVerifier(uint32_t pgno_max = 0);

// One read-latched, validated page. Movable; the latch is released on
// destruction or Release().
class TreePage {
 public:
  TreePage() = default;

  // Latches page `pgno` of `file` for reading and validates its structure.
  // Errors: the cache's (read errors, the verifier's, JET_errOutOfBuffers),
  // then PageView::Open()'s (JET_errPageNotInitialized,
  // JET_errDatabaseCorrupted, JET_errBadPageLink, ...). *out is left empty
  // on failure.
  [[nodiscard]] static JET_ERR Latch(PageCache* cache, CacheFileId file, uint32_t pgno,
                                     PageHint hint, TreePage* out);

  bool held() const { return latch_.held(); }
  uint32_t pgno() const { return pgno_; }
  const PageView& view() const { return view_; }
  const PageHeader& header() const { return view_.header(); }
  bool Has(uint32_t flag) const { return view_.Has(flag); }
  int line_count() const { return view_.line_count(); }
  Node line(int iline) const { return view_.line(iline); }

  void Release();

 private:
  ReadLatch latch_;
  PageView view_;
  uint32_t pgno_ = 0;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_BTREE_TREE_PAGE_H_
