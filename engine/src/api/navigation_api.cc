// Choosing an index and moving on it: JetSetCurrentIndex*, JetGetCurrentIndex,
// JetMove, bookmarks and JetGetRecordPosition (table/table_cursor.h).

#include <algorithm>
#include <cstring>

#include "api/table_call.h"
#include "esent.h"

JET_ERR JET_API JetSetCurrentIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName) {
  return jet::WithTable(sesid, tableid, [&](jet::TableCursor& c) {
    return c.SetCurrentIndex(szIndexName, JET_bitMoveFirst);
  });
}

JET_ERR JET_API JetSetCurrentIndex2A(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName,
                                     JET_GRBIT grbit) {
  return jet::WithTable(sesid, tableid,
                        [&](jet::TableCursor& c) { return c.SetCurrentIndex(szIndexName, grbit); });
}

// itagSequence picks the value of a multi-valued key column to stay on with
// JET_bitNoMove; the cursor keeps its record's first entry in the index.
JET_ERR JET_API JetSetCurrentIndex3A(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName,
                                     JET_GRBIT grbit, unsigned long itagSequence) {
  return jet::WithTable(sesid, tableid, [&](jet::TableCursor& c) -> JET_ERR {
    if (itagSequence == 0) return JET_errInvalidParameter;
    return c.SetCurrentIndex(szIndexName, grbit);
  });
}

JET_ERR JET_API JetGetCurrentIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PSTR szIndexName,
                                    unsigned long cbIndexName) {
  return jet::WithTable(sesid, tableid, [&](jet::TableCursor& c) -> JET_ERR {
    if (szIndexName == nullptr || cbIndexName == 0) return JET_errInvalidParameter;
    const std::string name = c.CurrentIndexName();
    const size_t n = std::min<size_t>(name.size(), cbIndexName - 1);
    std::memcpy(szIndexName, name.data(), n);
    szIndexName[n] = '\0';
    return n < name.size() ? JET_wrnBufferTruncated : JET_errSuccess;
  });
}

JET_ERR JET_API JetMove(JET_SESID sesid, JET_TABLEID tableid, long cRow, JET_GRBIT grbit) {
  return jet::WithTable(sesid, tableid, [&](jet::TableCursor& c) { return c.Move(cRow, grbit); });
}

JET_ERR JET_API JetGetBookmark(JET_SESID sesid, JET_TABLEID tableid, void* pvBookmark,
                               unsigned long cbMax, unsigned long* pcbActual) {
  return jet::WithTable(sesid, tableid, [&](jet::TableCursor& c) {
    return c.GetBookmark(pvBookmark, cbMax, pcbActual);
  });
}

JET_ERR JET_API JetGotoBookmark(JET_SESID sesid, JET_TABLEID tableid, void* pvBookmark,
                                unsigned long cbBookmark) {
  return jet::WithTable(
      sesid, tableid, [&](jet::TableCursor& c) { return c.GotoBookmark(pvBookmark, cbBookmark); });
}

JET_ERR JET_API JetGetRecordPosition(JET_SESID sesid, JET_TABLEID tableid, JET_RECPOS* precpos,
                                     unsigned long cbRecpos) {
  return jet::WithTable(sesid, tableid, [&](jet::TableCursor& c) -> JET_ERR {
    if (precpos == nullptr || cbRecpos < sizeof(JET_RECPOS)) return JET_errInvalidParameter;
    return c.GetRecordPosition(precpos);
  });
}
