// Reading the catalog of a database file from its B-tree: a CatalogSource
// over a btree/ Cursor, and LoadCatalogFromFile, which opens MSysObjects (or
// its shadow) in a file registered with the page cache and loads it.
//
// ESE databases keep MSysObjects, objid 2, rooted at page 4 and the shadow
// copy MSysObjectsShadow, objid 3, at page 24 (catalog_format.h); the shadow
// is what to read when the catalog itself is damaged (ESE's repair rebuilds
// the catalog from it).

#ifndef JETSVC_ENGINE_CATALOG_TREE_CATALOG_SOURCE_H_
#define JETSVC_ENGINE_CATALOG_TREE_CATALOG_SOURCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "btree/btree.h"  // first: brings in the cache headers (btree/cache_shim.h)
#include "btree/cursor.h"
#include "catalog/catalog.h"
#include "catalog/catalog_source.h"
#include "esent.h"

namespace jet {

class TreeCatalogSource : public CatalogSource {
 public:
  explicit TreeCatalogSource(const BTree& tree);

  // Walks the leaves first to last. Each node's key and data are copied, so
  // they stay valid until the next call; the leaf's NewRecordFormat flag is
  // read once per leaf. Cursor errors pass through (error() has the page).
  [[nodiscard]] JET_ERR Next(CatalogNode* node) override;

  const PageError& error() const { return error_; }

 private:
  Cursor cursor_;
  bool started_ = false;
  uint32_t leaf_pgno_ = 0;  // the leaf whose flag new_record_format_ holds
  bool new_record_format_ = true;
  std::vector<uint8_t> key_;
  std::vector<uint8_t> data_;
  PageError error_;
};

// Which catalog to read.
enum class CatalogCopy { kPrimary, kShadow };

// Opens the catalog tree of `file` (pages of `page_size` bytes) and loads it
// into *out. Errors: BTree::Open's and the cursor's (page errors, with the
// page number in *error when given), and Catalog::Load's.
[[nodiscard]] JET_ERR LoadCatalogFromFile(PageCache* cache, CacheFileId file, uint32_t page_size,
                                          CatalogCopy copy, Catalog* out,
                                          PageError* error = nullptr,
                                          std::string* detail = nullptr);

}  // namespace jet

#endif  // JETSVC_ENGINE_CATALOG_TREE_CATALOG_SOURCE_H_
