// JetGetTableInfo on an open cursor: the table's JET_OBJECTINFO, name,
// database id, template name, and its space (the pages of its trees: the
// table, its secondary indexes and its long values).

#include <vector>

#include "api/info_buffer.h"
#include "api/table_call.h"
#include "ddl/tree_pages.h"
#include "esent.h"

namespace {

// Pages owned by the table's trees.
JET_ERR TablePages(const jet::TableCursor& cursor, unsigned long* count) {
  const jet::TableDef& t = cursor.table();
  const jet::Database& db = cursor.database();
  std::vector<uint32_t> roots{t.pgno_fdp};
  for (const jet::IndexDef& i : t.indexes) {
    if (!i.primary()) roots.push_back(i.pgno_fdp);
  }
  if (t.long_values) roots.push_back(t.long_values->pgno_fdp);
  unsigned long total = 0;
  for (const uint32_t root : roots) {
    std::vector<uint32_t> pages;
    if (const JET_ERR err = jet::CollectTreePages(db.cache(), db.file_id(), root, &pages);
        err < 0) {
      return err;
    }
    total += static_cast<unsigned long>(pages.size());
  }
  *count = total;
  return JET_errSuccess;
}

}  // namespace

JET_ERR JET_API JetGetTableInfoA(JET_SESID sesid, JET_TABLEID tableid, void* pvResult,
                                 unsigned long cbMax, unsigned long InfoLevel) {
  return jet::WithSession(sesid, [&](jet::Session& session) -> JET_ERR {
    auto it = session.tables.find(tableid);
    if (it == session.tables.end()) return JET_errInvalidTableId;
    jet::TableCursor& cursor = *it->second.cursor;
    if (const JET_ERR err = cursor.RefreshSchema(); err < 0) return err;
    const jet::TableDef& t = cursor.table();
    switch (InfoLevel) {
      case JET_TblInfo: {
        JET_OBJECTINFO info{};
        info.cbStruct = sizeof(info);
        info.objtyp = JET_objtypTable;
        info.grbit = JET_bitTableInfoBookmark | JET_bitTableInfoRollback |
                     (cursor.database().read_only() ? 0 : JET_bitTableInfoUpdatable);
        info.flags = t.flags;
        return jet::CopyInfo(info, pvResult, cbMax);
      }
      case JET_TblInfoName:
        return jet::CopyInfoString(t.name, pvResult, cbMax);
      case JET_TblInfoTemplateTableName:
        return jet::CopyInfoString(t.template_table, pvResult, cbMax);
      case JET_TblInfoDbid:
        // ESE fills two JET_DBIDs (the table's database twice).
        if (cbMax >= 2 * sizeof(JET_DBID) && pvResult != nullptr) {
          static_cast<JET_DBID*>(pvResult)[0] = it->second.dbid;
          static_cast<JET_DBID*>(pvResult)[1] = it->second.dbid;
          return JET_errSuccess;
        }
        return jet::CopyInfo(it->second.dbid, pvResult, cbMax);
      case JET_TblInfoSpaceAlloc:
      case JET_TblInfoSpaceOwned: {
        unsigned long pages = 0;
        if (const JET_ERR err = TablePages(cursor, &pages); err < 0) return err;
        return jet::CopyInfo(pages, pvResult, cbMax);
      }
      case JET_TblInfoSpaceAvailable:
        // Trees take pages from the database's space one at a time: a table
        // keeps none aside.
        return jet::CopyInfo(0ul, pvResult, cbMax);
      default:
        return JET_errInvalidParameter;
    }
  });
}
