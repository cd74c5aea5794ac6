// JetOpenTable / JetCloseTable: a table cursor (table/table_cursor.h) owned
// by the session, on a database the session opened.

#include <memory>

#include "api/table_call.h"
#include "esent.h"

// pvParameters / cbParameters are obsolete in ESE and ignored. Every grbit
// is accepted; JET_bitTableReadOnly makes the cursor refuse updates
// (JET_errPermissionDenied, as a read-only database does).
JET_ERR JET_API JetOpenTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName,
                              const void* /*pvParameters*/, unsigned long /*cbParameters*/,
                              JET_GRBIT grbit, JET_TABLEID* ptableid) {
  return jet::WithSession(sesid, [&](jet::Session& session) -> JET_ERR {
    if (ptableid == nullptr || szTableName == nullptr) return JET_errInvalidParameter;
    const jet::Session::OpenDatabase* open = session.FindDatabase(dbid);
    if (open == nullptr) return JET_errInvalidDatabaseId;
    // MSysObjects and the other system tables open like any other table, as
    // in ESE (read-only there too).
    const jet::TableDef* table = open->database->FindTable(szTableName);
    if (table == nullptr) return JET_errObjectNotFound;
    std::unique_ptr<jet::TableCursor> cursor;
    if (const JET_ERR err = jet::TableCursor::Open(open->database, table, &cursor); err < 0) {
      return err;
    }
    cursor->set_read_only((grbit & JET_bitTableReadOnly) != 0);
    const JET_TABLEID tableid = jet::SessionTable::Get().NewTableId();
    session.tables[tableid] = jet::Session::OpenTable{dbid, std::move(cursor)};
    *ptableid = tableid;
    return JET_errSuccess;
  });
}

JET_ERR JET_API JetCloseTable(JET_SESID sesid, JET_TABLEID tableid) {
  return jet::WithSession(sesid, [&](jet::Session& session) -> JET_ERR {
    return session.tables.erase(tableid) == 1 ? JET_errSuccess : JET_errInvalidTableId;
  });
}
