// A B+tree over EDB pages (edb-format §5-§6; ESE's node.cxx / btree.cxx): a
// root page (its tag 0 the space header), internal pages whose nodes map a
// separator key to a child pgno, and leaves linked both ways. Any tree in an
// EDB file reads the same way: a table, a secondary index (non-unique: nodes
// ordered by key then data), a long-value tree, a space tree, the catalog.
//
// BTree names a tree (cache, file, root pgno, objidFDP) and what kind it is;
// reading goes through a Cursor (btree/cursor.h). A BTree is a small value:
// copy it freely, share it between threads (each thread its own Cursor). The
// cache and the file's registration must outlive every tree and cursor on it.
//
// The file must be registered with the cache using EdbPageVerifier()
// (tree_page.h) and first_page_offset = page size, so that every page read
// from disk is checksum- and page-number-checked before a tree sees it.

#ifndef JETSVC_ENGINE_BTREE_BTREE_H_
#define JETSVC_ENGINE_BTREE_BTREE_H_

#include <cstdint>

#include "cache/page_cache.h"
#include "cache/page_latch.h"
#include "btree/tree_page.h"
#include "esent.h"
#include "format/page.h"

namespace jet {

class BTree {
 public:
  BTree() = default;

  // Opens the tree rooted at `root_pgno` whose pages carry `objid`: reads the
  // root once to check it and learn the tree's kind. Errors (the page number
  // in *error when not null):
  //   the page errors of TreePage::Latch()
  //   JET_errDatabaseCorrupted  the page is not a root, or not of `objid`,
  //                             or is an empty / preinitialised page
  //   JET_errInvalidParameter   null cache, root pgno 0
  [[nodiscard]] static JET_ERR Open(PageCache* cache, CacheFileId file, uint32_t root_pgno,
                                    uint32_t objid, BTree* out, PageError* error = nullptr);

  PageCache* cache() const { return cache_; }
  CacheFileId file() const { return file_; }
  uint32_t root_pgno() const { return root_pgno_; }
  uint32_t objid() const { return objid_; }
  // The root's page flags when opened (kPageFlag*).
  uint32_t root_flags() const { return root_flags_; }

  // The tree's kind, from its root's flags (edb-format §5.2).
  bool long_value() const { return (root_flags_ & kPageFlagLongValue) != 0; }
  bool space_tree() const { return (root_flags_ & kPageFlagSpaceTree) != 0; }
  bool index() const { return (root_flags_ & kPageFlagIndex) != 0; }
  // False for non-unique secondary indexes, whose entries are identified by
  // key and data (the primary key), so bookmarks carry both.
  bool unique() const { return (root_flags_ & kPageFlagNonUniqueKeys) == 0; }

 private:
  PageCache* cache_ = nullptr;
  CacheFileId file_ = kInvalidCacheFileId;
  uint32_t root_pgno_ = 0;
  uint32_t objid_ = 0;
  uint32_t root_flags_ = 0;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_BTREE_BTREE_H_
