// Writes catalog rows (ESE's ErrCATInsert / ErrCATDelete): each row goes
// into MSysObjects, its secondary indexes Name and RootObjects (RootObjects
// holds only rows with RootFlag set: the index ignores rows whose first
// segment is NULL), and the same row into MSysObjectsShadow. Every change is
// a BTreeWriter operation. A secondary index node is the index key with the
// row's primary key (its bookmark) as data.
//
// Not thread-safe: the database's DDL lock serialises catalog writers.

#ifndef JETSVC_ENGINE_CATALOG_CATALOG_WRITER_H_
#define JETSVC_ENGINE_CATALOG_CATALOG_WRITER_H_

#include <cstdint>
#include <vector>

#include "btree/btree.h"
#include "btree/btree_writer.h"
#include "btree/page_op_writer.h"
#include "catalog/catalog_record.h"
#include "catalog/table_def.h"
#include "esent.h"
#include "key/index_key_def.h"

namespace jet {

class CatalogWriter {
 public:
  CatalogWriter(const PageWriteContext& ctx, PageAllocator* space, uint32_t page_size);

  // Opens the four catalog trees (pages 4, 7, 10, 24).
  [[nodiscard]] JET_ERR Open();

  // Inserts one row everywhere; on failure nothing of it stays.
  // JET_errKeyDuplicate when a row with its key (or its Name-index key:
  // same table, type and name) exists.
  [[nodiscard]] JET_ERR Insert(const CatalogEntry& entry);
  // Inserts rows in order; on failure the ones inserted are removed again.
  [[nodiscard]] JET_ERR InsertAll(const std::vector<CatalogEntry>& entries);
  // Removes the row (as given: its key and name) from every tree.
  [[nodiscard]] JET_ERR Delete(const CatalogEntry& entry);
  // Replaces a row whose key and name stay the same (e.g. a table's flags).
  [[nodiscard]] JET_ERR Replace(const CatalogEntry& entry);

 private:
  JET_ERR SecondaryKey(const IndexKeyDef& def, const CatalogEntry& entry, bool root_objects,
                       std::vector<uint8_t>* key, bool* skip) const;

  PageWriteContext ctx_;
  PageAllocator* space_;
  uint32_t page_size_;
  BTree catalog_;
  BTree shadow_;
  BTree name_index_;
  BTree root_objects_index_;
  IndexKeyDef name_def_;
  IndexKeyDef root_objects_def_;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_CATALOG_CATALOG_WRITER_H_
