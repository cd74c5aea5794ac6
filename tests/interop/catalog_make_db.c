/* Makes a database with the engine through esent.h alone, for
 * catalog_readers.py: two tables (every column type in one, a long-value
 * column added later to the other), primary and secondary indexes, one
 * table deleted again. Usage: catalog_make_db FILE.edb. Exit status 0 on
 * success; every failing call is printed. */
#include <stdio.h>
#include <string.h>

#include "esent.h"

static int failed = 0;
#define CALL(x)                                                  \
  do {                                                           \
    JET_ERR err_ = (x);                                          \
    if (err_ < 0) {                                              \
      fprintf(stderr, "%s failed: %ld\n", #x, (long)err_);       \
      failed = 1;                                                \
    }                                                            \
  } while (0)

static JET_COLUMNCREATE_A Col(const char* name, JET_COLTYP coltyp, JET_GRBIT grbit,
                              unsigned long cp) {
  JET_COLUMNCREATE_A c;
  memset(&c, 0, sizeof(c));
  c.cbStruct = sizeof(c);
  c.szColumnName = (char*)name;
  c.coltyp = coltyp;
  c.grbit = grbit;
  c.cp = cp;
  return c;
}

int main(int argc, char** argv) {
  JET_INSTANCE instance;
  JET_SESID sesid;
  JET_DBID dbid;
  JET_TABLEID tableid;
  JET_COLUMNCREATE_A cols[17];
  JET_INDEXCREATE_A idx[2];
  JET_TABLECREATE_A table;
  JET_COLUMNDEF def;
  JET_COLUMNID columnid;
  if (argc != 2) {
    fprintf(stderr, "usage: catalog_make_db FILE.edb\n");
    return 2;
  }
  CALL(JetCreateInstanceA(&instance, "catalog_make_db"));
  CALL(JetSetSystemParameterA(&instance, 0, JET_paramRecovery, 0, "Off"));
  CALL(JetInit(&instance));
  CALL(JetBeginSessionA(instance, &sesid, NULL, NULL));
  CALL(JetCreateDatabaseA(sesid, argv[1], NULL, &dbid, JET_bitDbOverwriteExisting));
  if (failed) return 1;

  cols[0] = Col("Id", JET_coltypLong, JET_bitColumnAutoincrement, 0);
  cols[1] = Col("Flag", JET_coltypBit, 0, 0);
  cols[2] = Col("Byte", JET_coltypUnsignedByte, 0, 0);
  cols[3] = Col("Short", JET_coltypShort, 0, 0);
  cols[4] = Col("Money", JET_coltypCurrency, 0, 0);
  cols[5] = Col("Single", JET_coltypIEEESingle, 0, 0);
  cols[6] = Col("Double", JET_coltypIEEEDouble, 0, 0);
  cols[7] = Col("When", JET_coltypDateTime, 0, 0);
  cols[8] = Col("ULong", JET_coltypUnsignedLong, 0, 0);
  cols[9] = Col("LongLong", JET_coltypLongLong, 0, 0);
  cols[10] = Col("Guid", JET_coltypGUID, 0, 0);
  cols[11] = Col("UShort", JET_coltypUnsignedShort, 0, 0);
  cols[12] = Col("Name", JET_coltypText, 0, 1200);
  cols[13] = Col("Blob", JET_coltypBinary, 0, 0);
  cols[14] = Col("Notes", JET_coltypLongText, 0, 1252);
  cols[15] = Col("Image", JET_coltypLongBinary, 0, 0);
  cols[16] = Col("Tags", JET_coltypText, JET_bitColumnTagged | JET_bitColumnMultiValued, 1252);
  memset(idx, 0, sizeof(idx));
  idx[0].cbStruct = sizeof(idx[0]);
  idx[0].szIndexName = "PrimaryKey";
  idx[0].szKey = "+Id\0";
  idx[0].cbKey = 5;
  idx[0].grbit = JET_bitIndexPrimary;
  idx[1].cbStruct = sizeof(idx[1]);
  idx[1].szIndexName = "ByNameWhen";
  idx[1].szKey = "+Name\0-When\0";
  idx[1].cbKey = 13;
  memset(&table, 0, sizeof(table));
  table.cbStruct = sizeof(table);
  table.szTableName = "everything";
  table.rgcolumncreate = cols;
  table.cColumns = 17;
  table.rgindexcreate = idx;
  table.cIndexes = 2;
  CALL(JetCreateTableColumnIndexA(sesid, dbid, &table));
  CALL(JetCloseTable(sesid, table.tableid));

  CALL(JetCreateTableA(sesid, dbid, "gone", 0, 0, &tableid));
  CALL(JetCloseTable(sesid, tableid));
  CALL(JetDeleteTableA(sesid, dbid, "gone"));

  CALL(JetCreateTableA(sesid, dbid, "later", 0, 0, &tableid));
  memset(&def, 0, sizeof(def));
  def.cbStruct = sizeof(def);
  def.coltyp = JET_coltypLong;
  CALL(JetAddColumnA(sesid, tableid, "Key", &def, NULL, 0, &columnid));
  def.coltyp = JET_coltypLongBinary;
  CALL(JetAddColumnA(sesid, tableid, "Payload", &def, NULL, 0, &columnid));
  CALL(JetCreateIndexA(sesid, tableid, "ByKey", JET_bitIndexPrimary, "+Key\0", 6, 0));
  CALL(JetCloseTable(sesid, tableid));

  CALL(JetCloseDatabase(sesid, dbid, 0));
  CALL(JetDetachDatabaseA(sesid, argv[1]));
  CALL(JetEndSession(sesid, 0));
  CALL(JetTerm(instance));
  return failed;
}
