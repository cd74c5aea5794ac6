// JetRetrieveColumn / JetRetrieveColumns on the current record
// (table/table_cursor.h, table/column_values.h).
//
// JET_bitRetrieveCopy reads the copy buffer of a prepared update
// (TableCursor::RetrieveColumn), and the record when none is prepared, as
// ESE does. JET_bitRetrieveFromIndex / FromPrimaryBookmark read the
// record too: the value is the same, only cheaper in ESE.

#include "api/table_call.h"
#include "esent.h"

JET_ERR JET_API JetRetrieveColumn(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
                                  void* pvData, unsigned long cbData, unsigned long* pcbActual,
                                  JET_GRBIT grbit, JET_RETINFO* pretinfo) {
  return jet::WithTable(sesid, tableid, [&](jet::TableCursor& c) {
    return c.RetrieveColumn(columnid, pvData, cbData, pcbActual, grbit, pretinfo);
  });
}

// Each column's result goes to its err field. An itagSequence of 0 asks for
// the number of values, returned in itagSequence. The call returns the first
// error; warnings stay in the err fields.
JET_ERR JET_API JetRetrieveColumns(JET_SESID sesid, JET_TABLEID tableid,
                                   JET_RETRIEVECOLUMN* pretrievecolumn,
                                   unsigned long cretrievecolumn) {
  return jet::WithTable(sesid, tableid, [&](jet::TableCursor& c) -> JET_ERR {
    if (cretrievecolumn > 0 && pretrievecolumn == nullptr) return JET_errInvalidParameter;
    for (unsigned long i = 0; i < cretrievecolumn; ++i) {
      JET_RETRIEVECOLUMN& rc = pretrievecolumn[i];
      JET_ERR err;
      if (rc.itagSequence == 0) {
        unsigned long count = 0;
        err = c.CountColumnValues(rc.columnid, rc.grbit, &count);
        if (err >= 0) rc.itagSequence = static_cast<JET_UINT32>(count);
        rc.cbActual = 0;
      } else {
        JET_RETINFO info{sizeof(JET_RETINFO), rc.ibLongValue, rc.itagSequence, 0};
        unsigned long actual = 0;
        err = c.RetrieveColumn(rc.columnid, rc.pvData, rc.cbData, &actual, rc.grbit, &info);
        rc.cbActual = static_cast<JET_UINT32>(actual);
        rc.columnidNextTagged = info.columnidNextTagged;
      }
      rc.err = static_cast<JET_INT32>(err);
      if (err < 0) return err;
    }
    return JET_errSuccess;
  });
}
