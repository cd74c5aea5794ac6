// The pages of one B-tree, for freeing them when the tree is dropped
// (JetDeleteTable, JetDeleteIndex): the root and every page below it,
// found by walking the internal pages' child pointers.

#ifndef JETSVC_ENGINE_DDL_TREE_PAGES_H_
#define JETSVC_ENGINE_DDL_TREE_PAGES_H_

#include <cstdint>
#include <vector>

#include "btree/btree.h"
#include "esent.h"

namespace jet {

[[nodiscard]] JET_ERR CollectTreePages(PageCache* cache, CacheFileId file, uint32_t root_pgno,
                                       std::vector<uint32_t>* pages);

}  // namespace jet

#endif  // JETSVC_ENGINE_DDL_TREE_PAGES_H_
