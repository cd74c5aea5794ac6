#include "btree/tree_page.h"

#include <span>
#include <utility>

#include "format/checksum.h"

namespace jet {

PageVerifier EdbPageVerifier(uint32_t pgno_max) {
  return [pgno_max](const uint8_t* page, uint32_t pgno, size_t page_size) -> JET_ERR {
    return VerifyPageChecksum(std::span<const uint8_t>(page, page_size), pgno, nullptr, pgno_max);
  };
}

JET_ERR TreePage::Latch(PageCache* cache, CacheFileId file, uint32_t pgno, PageHint hint,
                        TreePage* out) {
  out->Release();
  TreePage page;
  JET_ERR err = cache->ReadLatchPage(file, pgno, &page.latch_, hint);
  if (err < 0) {
    return err;
  }
  err = PageView::Open(std::span<const uint8_t>(page.latch_.data(), cache->page_size()), pgno,
                       &page.view_);
  if (err < 0) {
    return err;
  }
  page.pgno_ = pgno;
  *out = std::move(page);
  return JET_errSuccess;
}

void TreePage::Release() {
  latch_.Release();
  view_ = PageView();
  pgno_ = 0;
}

}  // namespace jet
