// Schema changes (DDL) of a writable database: tables, columns and indexes
// created and deleted (ESE's fcreate.cxx / fdelete.cxx / ErrCATAdd*), each
// made of new trees (SpaceManager::CreateTree), catalog rows
// (CatalogWriter: MSysObjects, its indexes and MSysObjectsShadow) and a
// fresh catalog snapshot (Database::ReloadCatalog).
//
// Not transactional yet (no version store): each call is atomic on its own;
// on failure what it did is undone (rows removed, pages freed). Calls on
// one database are serialised by its ddl_mutex().
//
// Errors common to all: JET_errPermissionDenied on a read-only database;
// those of ddl/definitions.h; page and space errors.

#ifndef JETSVC_ENGINE_DDL_SCHEMA_CHANGE_H_
#define JETSVC_ENGINE_DDL_SCHEMA_CHANGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "database/database.h"
#include "ddl/definitions.h"
#include "esent.h"

namespace jet {

struct NewIndex {
  std::string name;
  std::string key;  // "+a\0-b\0\0" with its NULs
  uint32_t grbit = 0;
  uint32_t density = 0;  // 0: the default (80)
};

struct NewTable {
  std::string name;
  uint32_t pages = 0;
  uint32_t density = 0;  // 0: the default (80)
  uint32_t flags = 0;    // kTableFlag* (JET_bitTableCreateFixedDDL: kTableFlagFixedDDL)
  std::vector<NewColumn> columns;
  std::vector<NewIndex> indexes;
};

// JET_errTableDuplicate, JET_errColumnDuplicate, JET_errIndexDuplicate,
// JET_errIndexHasPrimary (two primary indexes), JET_errDensityInvalid.
// *column_ids gets each column's id, in the order given.
[[nodiscard]] JET_ERR CreateTable(Database* db, const NewTable& table,
                                  std::vector<uint32_t>* column_ids, uint32_t* objid);

// JET_errObjectNotFound, JET_errTableInUse (a cursor has it open; the
// caller's own cursors must be closed first), JET_errInvalidParameter for a
// system table. Frees every page of the table's trees.
[[nodiscard]] JET_ERR DeleteTable(Database* db, std::string_view name);

// JET_errColumnDuplicate. A long-value column gives the table its LV tree
// if it has none.
[[nodiscard]] JET_ERR AddColumn(Database* db, uint32_t table_objid, const NewColumn& column,
                                uint32_t* column_id);

// JET_errColumnNotFound; JET_errColumnIndexed when an index uses it. The
// column's row goes (ESE keeps a stub only for fixed columns of tables with
// records; records are not rewritten: a fixed column keeps its bytes).
[[nodiscard]] JET_ERR DeleteColumn(Database* db, uint32_t table_objid, std::string_view name);

// JET_errIndexDuplicate, JET_errIndexHasPrimary; a secondary index on a
// table with records is built from them (JET_errKeyDuplicate on a unique
// index with duplicates, nothing left behind). A primary index can only be
// added to an empty table (JET_errTableNotEmpty).
[[nodiscard]] JET_ERR CreateIndex(Database* db, uint32_t table_objid, const NewIndex& index);

// JET_errIndexNotFound; JET_errIndexMustStay for the primary index.
[[nodiscard]] JET_ERR DeleteIndex(Database* db, uint32_t table_objid, std::string_view name);

}  // namespace jet

#endif  // JETSVC_ENGINE_DDL_SCHEMA_CHANGE_H_
