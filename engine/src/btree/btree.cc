#include "btree/btree.h"

namespace jet {

JET_ERR BTree::Open(PageCache* cache, CacheFileId file, uint32_t root_pgno, uint32_t objid,
                    BTree* out, PageError* error) {
  PageError local;
  if (error == nullptr) {
    error = &local;
  }
  *error = PageError{};
  if (cache == nullptr || root_pgno == 0) {
    *error = PageError{JET_errInvalidParameter, root_pgno};
    return JET_errInvalidParameter;
  }
  TreePage root;
  JET_ERR err = TreePage::Latch(cache, file, root_pgno, PageHint::kNormal, &root);
  if (err < 0) {
    *error = PageError{err, root_pgno};
    return err;
  }
  const PageHeader& h = root.header();
  if (!root.Has(kPageFlagRoot) || h.objid_fdp != objid || root.Has(kPageFlagEmpty) ||
      root.Has(kPageFlagPreInit)) {
    *error = PageError{JET_errDatabaseCorrupted, root_pgno};
    return JET_errDatabaseCorrupted;
  }
  BTree tree;
  tree.cache_ = cache;
  tree.file_ = file;
  tree.root_pgno_ = root_pgno;
  tree.objid_ = objid;
  tree.root_flags_ = h.flags;
  *out = tree;
  return JET_errSuccess;
}

}  // namespace jet
