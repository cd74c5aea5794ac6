// Where Catalog::Load gets the catalog's rows from: the leaf nodes of the
// catalog B-tree (MSysObjects at page 4, or its shadow at page 24), in key
// order. TreeCatalogSource (tree_catalog_source.h) reads them with a B-tree
// cursor; tests feed rows from memory.

#ifndef JETSVC_ENGINE_CATALOG_CATALOG_SOURCE_H_
#define JETSVC_ENGINE_CATALOG_CATALOG_SOURCE_H_

#include <cstdint>
#include <span>

#include "esent.h"

namespace jet {

// One leaf node of the catalog tree.
struct CatalogNode {
  std::span<const uint8_t> key;   // the whole key (prefix and suffix)
  std::span<const uint8_t> data;  // the record
  // The leaf page's NewRecordFormat flag (0x800): clear only on pages
  // written before ESE's tagged-column format change (record_format.h).
  bool new_record_format = true;
};

class CatalogSource {
 public:
  virtual ~CatalogSource() = default;

  // The next node in key order; its spans stay valid until the next call.
  // JET_errNoCurrentRecord after the last node; any other error ends the
  // load with that error.
  [[nodiscard]] virtual JET_ERR Next(CatalogNode* node) = 0;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_CATALOG_CATALOG_SOURCE_H_
