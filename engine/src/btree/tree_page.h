// Pages of a B-tree as the read path sees them: read-latched in the buffer
// cache and structurally validated (PageView::Open), with the page number of
// any failure kept for the caller (PageError).
//
// The checksum and page-number checks run once, when the cache reads a page
// from disk: files holding B-trees are registered with EdbPageVerifier(). The
// structure check (PageView::Open: it walks every tag and node) runs when a
// page is latched in a state this thread has not parsed yet: each thread
// keeps its last few parses, found again by the page's address in the cache,
// number, and header and tag array bytes (which hold its dbtime: every change
// to a page gives it a new one).

#ifndef JETSVC_ENGINE_BTREE_TREE_PAGE_H_
#define JETSVC_ENGINE_BTREE_TREE_PAGE_H_

#include <cstdint>
#include <memory>

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

  // Latches page `pgno` again for a cursor that held it before, at
  // `dbtime`. Every change to a page gives it a new dbtime, so the same
  // dbtime means the same bytes: *unchanged is then true and *out holds the
  // page, reusing `known` (the view parsed back then) when the page sits at
  // the same address in the cache. A changed page is not latched
  // (*unchanged false, *out empty).
  [[nodiscard]] static JET_ERR LatchIfUnchanged(PageCache* cache, CacheFileId file,
                                                uint32_t pgno, PageHint hint, DbTime dbtime,
                                                const std::shared_ptr<const PageView>& known,
                                                TreePage* out, bool* unchanged);

  // Hands the view out (for LatchIfUnchanged) and releases the page.
  std::shared_ptr<const PageView> TakeViewAndRelease();

  bool held() const { return latch_.held(); }
  uint32_t pgno() const { return pgno_; }
  const PageView& view() const { return view_ != nullptr ? *view_ : kNoView; }
  const PageHeader& header() const { return view().header(); }
  bool Has(uint32_t flag) const { return view().Has(flag); }
  int line_count() const { return view().line_count(); }
  Node line(int iline) const { return view().line(iline); }

  void Release();

 private:
  static const PageView kNoView;

  ReadLatch latch_;
  // Shared: a page latched again unchanged reuses its parse (tree_page.cc).
  std::shared_ptr<const PageView> view_;
  uint32_t pgno_ = 0;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_BTREE_TREE_PAGE_H_
