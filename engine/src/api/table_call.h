// The common shape of the table-level entry points: the C++ guard, the
// session lease (JET_errInvalidSesid, JET_errSessionSharingViolation) and
// the cursor look-up (JET_errInvalidTableId for a handle the session does
// not own).

#ifndef JETSVC_ENGINE_API_TABLE_CALL_H_
#define JETSVC_ENGINE_API_TABLE_CALL_H_

#include "api/api_guard.h"
#include "api/session_table.h"
#include "esent.h"
#include "table/table_cursor.h"

namespace jet {

template <typename Body>
[[nodiscard]] JET_ERR WithSession(JET_SESID sesid, Body&& body) noexcept {
  return CallApi([&]() -> JET_ERR {
    SessionLease lease;
    if (const JET_ERR err = SessionTable::Get().Acquire(sesid, &lease); err < 0) return err;
    return body(*lease);
  });
}

template <typename Body>
[[nodiscard]] JET_ERR WithTable(JET_SESID sesid, JET_TABLEID tableid, Body&& body) noexcept {
  return WithSession(sesid, [&](Session& session) -> JET_ERR {
    TableCursor* cursor = session.FindTable(tableid);
    if (cursor == nullptr) return JET_errInvalidTableId;
    // Columns and indexes added since the cursor was opened are visible.
    if (const JET_ERR err = cursor->RefreshSchema(); err < 0) return err;
    // Reads go through the session's snapshot.
    cursor->SetVersionView(&session.transactions().versions(), &session.txn);
    return body(*cursor);
  });
}

// For the calls that name a table in an open database instead of a cursor
// (JetGetColumnInfo, JetGetIndexInfo): JET_errInvalidDatabaseId,
// JET_errInvalidParameter for no name, JET_errObjectNotFound.
template <typename Body>
[[nodiscard]] JET_ERR WithTableDef(JET_SESID sesid, JET_DBID dbid, const char* table_name,
                                   Body&& body) noexcept {
  return WithSession(sesid, [&](Session& session) -> JET_ERR {
    const Session::OpenDatabase* open = session.FindDatabase(dbid);
    if (open == nullptr) return JET_errInvalidDatabaseId;
    if (table_name == nullptr) return JET_errInvalidParameter;
    const TableDef* table = open->database->FindTable(table_name);
    if (table == nullptr) return JET_errObjectNotFound;
    return body(*table);
  });
}

}  // namespace jet

#endif  // JETSVC_ENGINE_API_TABLE_CALL_H_
