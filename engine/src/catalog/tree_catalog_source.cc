#include "catalog/tree_catalog_source.h"

#include "btree/tree_page.h"
#include "catalog/catalog_format.h"
#include "format/page.h"

namespace jet {

TreeCatalogSource::TreeCatalogSource(const BTree& tree) : cursor_(tree) {}

JET_ERR TreeCatalogSource::Next(CatalogNode* node) {
  *node = CatalogNode();
  const JET_ERR err = started_ ? cursor_.MoveNext() : cursor_.MoveFirst();
  started_ = true;
  if (err < 0) {
    error_ = cursor_.error();
    return err;
  }
  key_.assign(cursor_.Key().begin(), cursor_.Key().end());
  const std::span<const uint8_t> data = cursor_.Data();
  data_.assign(data.begin(), data.end());

  // The record format is a property of the leaf (its NewRecordFormat flag),
  // which the cursor does not expose. Read it once per leaf: latches are not
  // re-entrant, so the cursor lets go of the leaf first (it keeps its place
  // as a bookmark and re-seeks on the next move).
  const uint32_t pgno = cursor_.pgno();
  if (pgno != leaf_pgno_) {
    cursor_.Release();
    TreePage page;
    const BTree& tree = cursor_.tree();
    const JET_ERR latch =
        TreePage::Latch(tree.cache(), tree.file(), pgno, PageHint::kNormal, &page);
    if (latch < 0) {
      error_ = {latch, pgno};
      return latch;
    }
    new_record_format_ = page.Has(kPageFlagNewRecordFormat);
    leaf_pgno_ = pgno;
  }
  node->key = key_;
  node->data = data_;
  node->new_record_format = new_record_format_;
  return JET_errSuccess;
}

JET_ERR LoadCatalogFromFile(PageCache* cache, CacheFileId file, uint32_t page_size,
                            CatalogCopy copy, Catalog* out, PageError* error, std::string* detail) {
  *out = Catalog();
  const bool shadow = copy == CatalogCopy::kShadow;
  BTree tree;
  PageError open_error;
  JET_ERR err = BTree::Open(cache, file, shadow ? kShadowCatalogPgno : kCatalogPgno,
                            shadow ? kShadowCatalogObjid : kCatalogObjid, &tree, &open_error);
  if (err < 0) {
    if (error != nullptr) *error = open_error;
    if (detail != nullptr) *detail = "opening the catalog tree";
    return err;
  }
  TreeCatalogSource source(tree);
  err = Catalog::Load(&source, page_size, out, detail);
  if (err < 0 && error != nullptr) *error = source.error();
  return err;
}

}  // namespace jet
