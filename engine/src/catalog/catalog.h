// The catalog of one database, loaded into memory: every table's definition
// (TableDef) built from the MSysObjects rows (edb-format §9; Microsoft
// cat.cxx), checked as a whole, and looked up by name or objid.
//
// Load reads the rows in key order (ObjidTable, Type, Id) from a
// CatalogSource and attaches each column, index, long-value and callback row
// to the table row with its ObjidTable (not merely the last table row seen).
// A malformed catalog fails with JET_errCatalogCorrupted and a description
// of the first problem; it never crashes. What Load checks beyond each row
// on its own (table_def.h):
//   * keys strictly ascending and each equal to its row's (ObjidTable,
//     Type, Id) key;
//   * every non-table row belongs to a table row; one LV row per table;
//   * table names unique, and column / index names unique within a table
//     (ESE compares names without regard to ASCII case: its Name index);
//   * objids and root pages unique across the database, except that a
//     primary index shares its table's (a table without a primary index is
//     clustered by a sequential bookmark, in the same tree);
//   * at most one primary index, whose objid and root are its table's;
//   * every key and condition column of an index exists (in the template
//     table for template columns) and is not a deleted stub; the key layer
//     accepts the index (IndexDef::ToIndexKeyDef, except tuple indexes);
//   * the table's columns make a valid record layout (TableDef::
//     ToRecordSchema) unless a column has a type record/ cannot read;
//   * a derived table's template exists and is a template; its columns are
//     copied in front of the derived table's own (ColumnDef::from_template).

#ifndef JETSVC_ENGINE_CATALOG_CATALOG_H_
#define JETSVC_ENGINE_CATALOG_CATALOG_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_source.h"
#include "catalog/table_def.h"
#include "esent.h"

namespace jet {

class Catalog {
 public:
  Catalog() = default;

  // Loads every row of `source`. `page_size` is the database's (the record
  // format and the key sizes depend on it). On failure *out is left empty
  // and *detail (if given) says which row was wrong and how. Errors:
  //   JET_errCatalogCorrupted     see the file comment and table_def.h
  //   JET_errFeatureNotAvailable  a catalog value kept in a long-value tree
  //   JET_errInvalidParameter     a page size ESE does not have
  //   the source's own errors (page read and verify errors)
  [[nodiscard]] static JET_ERR Load(CatalogSource* source, uint32_t page_size, Catalog* out,
                                    std::string* detail = nullptr);

  uint32_t page_size() const { return page_size_; }

  // Every table, system tables included, in catalog order (by objid).
  const std::vector<TableDef>& tables() const { return tables_; }

  // The table called `name` (ASCII case ignored, as ESE does), or nullptr.
  const TableDef* FindTable(std::string_view name) const;
  // The table with this objid, or nullptr.
  const TableDef* FindTableByObjid(uint32_t objid) const;

  // The tables a user sees (JetGetObjectInfo's list, esentutl /ms): all but
  // the system tables, in catalog order.
  std::vector<const TableDef*> UserTables() const;

  // ESE's own tables: MSysObjects, MSysObjectsShadow, MSysObjids,
  // MSysLocales, ... — flagged JET_bitObjectSystem in the catalog, and all
  // named "MSys*" (the name alone also counts, for catalogs written by
  // tools that leave the flag out).
  static bool IsSystemTable(const TableDef& table);

 private:
  uint32_t page_size_ = 0;
  std::vector<TableDef> tables_;
  std::map<uint32_t, size_t> by_objid_;
  std::map<std::string, size_t> by_name_;  // FoldCatalogName(name)
};

}  // namespace jet

#endif  // JETSVC_ENGINE_CATALOG_CATALOG_H_
