#include "ddl/tree_pages.h"

#include "btree/tree_page.h"
#include "format/endian.h"
#include "format/page.h"

namespace jet {

JET_ERR CollectTreePages(PageCache* cache, CacheFileId file, uint32_t root_pgno,
                         std::vector<uint32_t>* pages) {
  pages->clear();
  std::vector<uint32_t> todo{root_pgno};
  while (!todo.empty()) {
    const uint32_t pgno = todo.back();
    todo.pop_back();
    pages->push_back(pgno);
    TreePage page;
    if (const JET_ERR err = TreePage::Latch(cache, file, pgno, PageHint::kNormal, &page); err < 0) {
      return err;
    }
    if (page.Has(kPageFlagLeaf)) continue;
    for (int i = 0; i < page.line_count(); ++i) {
      const Node node = page.line(i);
      if (node.data.size() < 4) return JET_errDatabaseCorrupted;
      todo.push_back(LoadLE32(node.data.data()));
    }
  }
  return JET_errSuccess;
}

}  // namespace jet
