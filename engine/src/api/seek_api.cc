// Keys: JetMakeKey, JetSeek, JetSetIndexRange, JetRetrieveKey and
// JetIndexRecordCount (table/table_cursor.h, key/key_builder.h).

#include "api/table_call.h"
#include "esent.h"

JET_ERR JET_API JetMakeKey(JET_SESID sesid, JET_TABLEID tableid, const void* pvData,
                           unsigned long cbData, JET_GRBIT grbit) {
  return jet::WithTable(sesid, tableid,
                        [&](jet::TableCursor& c) { return c.MakeKey(pvData, cbData, grbit); });
}

JET_ERR JET_API JetSeek(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit) {
  return jet::WithTable(sesid, tableid, [&](jet::TableCursor& c) { return c.Seek(grbit); });
}

JET_ERR JET_API JetSetIndexRange(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit) {
  return jet::WithTable(sesid, tableid,
                        [&](jet::TableCursor& c) { return c.SetIndexRange(grbit); });
}

JET_ERR JET_API JetRetrieveKey(JET_SESID sesid, JET_TABLEID tableid, void* pvData,
                               unsigned long cbMax, unsigned long* pcbActual, JET_GRBIT grbit) {
  return jet::WithTable(sesid, tableid, [&](jet::TableCursor& c) {
    return c.RetrieveKey(pvData, cbMax, pcbActual, grbit);
  });
}

JET_ERR JET_API JetIndexRecordCount(JET_SESID sesid, JET_TABLEID tableid, unsigned long* pcrec,
                                    unsigned long crecMax) {
  return jet::WithTable(sesid, tableid, [&](jet::TableCursor& c) -> JET_ERR {
    if (pcrec == nullptr) return JET_errInvalidParameter;
    return c.IndexRecordCount(pcrec, crecMax);
  });
}
