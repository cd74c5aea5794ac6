// The schema-changing entry points (JetCreateTable*, JetDeleteTable,
// JetAddColumn, JetDeleteColumn*, JetCreateIndex*, JetDeleteIndex): the
// arguments checked and converted, then ddl/schema_change.h on the
// database the session opened. Tables come back open, as from ESE.

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "api/table_call.h"
#include "catalog/catalog_format.h"
#include "database/attach_registry.h"
#include "database/database.h"
#include "ddl/schema_change.h"
#include "esent.h"

namespace {

using jet::Session;

// The writable Database behind an id the session opened.
JET_ERR DatabaseOf(Session& session, JET_DBID dbid, std::shared_ptr<jet::Database>* out) {
  if (session.FindDatabase(dbid) == nullptr) return JET_errInvalidDatabaseId;
  *out = jet::AttachRegistry::Get().FindWritable(session.instance().handle(), dbid);
  return *out == nullptr ? JET_errInvalidDatabaseId : JET_errSuccess;
}

JET_ERR OpenNewTable(Session& session, JET_DBID dbid, uint32_t objid, JET_TABLEID* ptableid) {
  const Session::OpenDatabase* open = session.FindDatabase(dbid);
  const jet::TableDef* table = open->database->catalog().FindTableByObjid(objid);
  if (table == nullptr) return JET_errObjectNotFound;
  std::unique_ptr<jet::TableCursor> cursor;
  if (const JET_ERR err = jet::TableCursor::Open(open->database, table, &cursor); err < 0) {
    return err;
  }
  const JET_TABLEID tableid = jet::SessionTable::Get().NewTableId();
  session.tables[tableid] = Session::OpenTable{dbid, std::move(cursor)};
  *ptableid = tableid;
  return JET_errSuccess;
}

jet::NewColumn ColumnOf(const char* name, JET_COLTYP coltyp, unsigned long cb_max, JET_GRBIT grbit,
                        unsigned long cp, const void* pv_default, unsigned long cb_default) {
  jet::NewColumn c;
  c.name = name == nullptr ? "" : name;
  c.coltyp = coltyp;
  c.cb_max = static_cast<uint32_t>(cb_max);
  c.grbit = grbit;
  c.cp = static_cast<uint32_t>(cp);
  if (pv_default != nullptr && cb_default > 0) {
    c.default_value = std::span<const uint8_t>(static_cast<const uint8_t*>(pv_default), cb_default);
  }
  return c;
}

JET_ERR IndexOf(const char* name, const char* key, unsigned long cb_key, JET_GRBIT grbit,
                unsigned long density, jet::NewIndex* out) {
  if (key == nullptr || cb_key == 0) return JET_errIndexInvalidDef;
  out->name = name == nullptr ? "" : name;
  out->key.assign(key, cb_key);
  // ESE accepts a description whose final NUL is left out of cbKey.
  if (out->key.size() < 2 || out->key.back() != '\0') out->key.push_back('\0');
  if (out->key[out->key.size() - 2] != '\0') out->key.push_back('\0');
  out->grbit = grbit;
  out->density = static_cast<uint32_t>(density);
  return JET_errSuccess;
}

template <typename TableCreate>
JET_ERR CreateTableColumnIndex(JET_SESID sesid, JET_DBID dbid, TableCreate* create) {
  return jet::WithSession(sesid, [&](Session& session) -> JET_ERR {
    if (create == nullptr || create->cbStruct < sizeof(TableCreate)) {
      return JET_errInvalidParameter;
    }
    if (create->szTemplateTableName != nullptr) return JET_errFeatureNotAvailable;
    constexpr JET_GRBIT kKnown = JET_bitTableCreateFixedDDL | JET_bitTableCreateTemplateTable |
                                 JET_bitTableCreateNoFixedVarColumnsInDerivedTables |
                                 JET_bitTableCreateImmutableStructure;
    if ((create->grbit & ~kKnown) != 0) return JET_errInvalidGrbit;
    // Template tables (and what goes with them) are not made yet.
    if ((create->grbit & ~JET_GRBIT{JET_bitTableCreateFixedDDL}) != 0) {
      return JET_errFeatureNotAvailable;
    }
    std::shared_ptr<jet::Database> db;
    if (const JET_ERR err = DatabaseOf(session, dbid, &db); err < 0) return err;
    create->cCreated = 0;
    create->tableid = JET_tableidNil;
    jet::NewTable table;
    table.name = create->szTableName == nullptr ? "" : create->szTableName;
    table.pages = create->ulPages;
    table.density = create->ulDensity;
    if (create->grbit & JET_bitTableCreateFixedDDL) table.flags |= jet::kTableFlagFixedDDL;
    if (create->cColumns > 0 && create->rgcolumncreate == nullptr) return JET_errInvalidParameter;
    for (unsigned long i = 0; i < create->cColumns; ++i) {
      const JET_COLUMNCREATE_A& c = create->rgcolumncreate[i];
      if (c.cbStruct != sizeof(JET_COLUMNCREATE_A)) return JET_errInvalidParameter;
      table.columns.push_back(
          ColumnOf(c.szColumnName, c.coltyp, c.cbMax, c.grbit, c.cp, c.pvDefault, c.cbDefault));
    }
    if (create->cIndexes > 0 && create->rgindexcreate == nullptr) return JET_errInvalidParameter;
    for (unsigned long i = 0; i < create->cIndexes; ++i) {
      const JET_INDEXCREATE_A& x = create->rgindexcreate[i];
      if (x.cbStruct != sizeof(JET_INDEXCREATE_A)) return JET_errInvalidParameter;
      jet::NewIndex index;
      if (const JET_ERR err =
              IndexOf(x.szIndexName, x.szKey, x.cbKey, x.grbit, x.ulDensity, &index);
          err < 0) {
        return err;
      }
      table.indexes.push_back(std::move(index));
    }
    std::vector<uint32_t> ids;
    uint32_t objid = 0;
    if (const JET_ERR err = jet::CreateTable(db.get(), table, &ids, &objid); err < 0) return err;
    for (unsigned long i = 0; i < create->cColumns; ++i) {
      create->rgcolumncreate[i].columnid = ids[i];
      create->rgcolumncreate[i].err = JET_errSuccess;
    }
    for (unsigned long i = 0; i < create->cIndexes; ++i) {
      create->rgindexcreate[i].err = JET_errSuccess;
    }
    // ESE counts the table, its columns and its indexes.
    create->cCreated = static_cast<JET_UINT32>(1 + create->cColumns + create->cIndexes);
    return OpenNewTable(session, dbid, objid, &create->tableid);
  });
}

// The table a cursor is on, and its writable database.
template <typename Body>
JET_ERR WithWritableTable(JET_SESID sesid, JET_TABLEID tableid, Body&& body) {
  return jet::WithSession(sesid, [&](Session& session) -> JET_ERR {
    auto it = session.tables.find(tableid);
    if (it == session.tables.end()) return JET_errInvalidTableId;
    if (const JET_ERR err = it->second.cursor->RefreshSchema(); err < 0) return err;
    std::shared_ptr<jet::Database> db;
    if (const JET_ERR err = DatabaseOf(session, it->second.dbid, &db); err < 0) return err;
    const JET_ERR err = body(db.get(), it->second.cursor->table().objid);
    if (err >= 0) {
      if (const JET_ERR r = it->second.cursor->RefreshSchema(); r < 0) return r;
    }
    return err;
  });
}

}  // namespace

JET_ERR JET_API JetCreateTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName,
                                unsigned long lPages, unsigned long lDensity,
                                JET_TABLEID* ptableid) {
  return jet::WithSession(sesid, [&](Session& session) -> JET_ERR {
    if (ptableid == nullptr) return JET_errInvalidParameter;
    std::shared_ptr<jet::Database> db;
    if (const JET_ERR err = DatabaseOf(session, dbid, &db); err < 0) return err;
    jet::NewTable table;
    table.name = szTableName == nullptr ? "" : szTableName;
    table.pages = static_cast<uint32_t>(lPages);
    table.density = static_cast<uint32_t>(lDensity);
    std::vector<uint32_t> ids;
    uint32_t objid = 0;
    if (const JET_ERR err = jet::CreateTable(db.get(), table, &ids, &objid); err < 0) return err;
    return OpenNewTable(session, dbid, objid, ptableid);
  });
}

JET_ERR JET_API JetCreateTableColumnIndexA(JET_SESID sesid, JET_DBID dbid,
                                           JET_TABLECREATE_A* ptablecreate) {
  return CreateTableColumnIndex(sesid, dbid, ptablecreate);
}

JET_ERR JET_API JetCreateTableColumnIndex2A(JET_SESID sesid, JET_DBID dbid,
                                            JET_TABLECREATE2_A* ptablecreate) {
  if (ptablecreate != nullptr && ptablecreate->szCallback != nullptr) {
    return JET_errFeatureNotAvailable;
  }
  return CreateTableColumnIndex(sesid, dbid, ptablecreate);
}

JET_ERR JET_API JetDeleteTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName) {
  return jet::WithSession(sesid, [&](Session& session) -> JET_ERR {
    if (szTableName == nullptr) return JET_errInvalidParameter;
    std::shared_ptr<jet::Database> db;
    if (const JET_ERR err = DatabaseOf(session, dbid, &db); err < 0) return err;
    return jet::DeleteTable(db.get(), szTableName);
  });
}

JET_ERR JET_API JetAddColumnA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName,
                              const JET_COLUMNDEF* pcolumndef, const void* pvDefault,
                              unsigned long cbDefault, JET_COLUMNID* pcolumnid) {
  return WithWritableTable(sesid, tableid, [&](jet::Database* db, uint32_t objid) -> JET_ERR {
    if (pcolumndef == nullptr || pcolumndef->cbStruct < sizeof(JET_COLUMNDEF)) {
      return JET_errInvalidParameter;
    }
    uint32_t id = 0;
    const JET_ERR err =
        jet::AddColumn(db, objid,
                       ColumnOf(szColumnName, pcolumndef->coltyp, pcolumndef->cbMax,
                                pcolumndef->grbit, pcolumndef->cp, pvDefault, cbDefault),
                       &id);
    if (err >= 0 && pcolumnid != nullptr) *pcolumnid = id;
    return err;
  });
}

JET_ERR JET_API JetDeleteColumnA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName) {
  return JetDeleteColumn2A(sesid, tableid, szColumnName, 0);
}

JET_ERR JET_API JetDeleteColumn2A(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName,
                                  JET_GRBIT grbit) {
  return WithWritableTable(sesid, tableid, [&](jet::Database* db, uint32_t objid) -> JET_ERR {
    if ((grbit & ~JET_bitDeleteColumnIgnoreTemplateColumns) != 0) return JET_errInvalidGrbit;
    if (szColumnName == nullptr) return JET_errInvalidParameter;
    return jet::DeleteColumn(db, objid, szColumnName);
  });
}

JET_ERR JET_API JetCreateIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName,
                                JET_GRBIT grbit, const char* szKey, unsigned long cbKey,
                                unsigned long lDensity) {
  return WithWritableTable(sesid, tableid, [&](jet::Database* db, uint32_t objid) -> JET_ERR {
    jet::NewIndex index;
    if (const JET_ERR err = IndexOf(szIndexName, szKey, cbKey, grbit, lDensity, &index); err < 0) {
      return err;
    }
    return jet::CreateIndex(db, objid, index);
  });
}

JET_ERR JET_API JetCreateIndex2A(JET_SESID sesid, JET_TABLEID tableid,
                                 JET_INDEXCREATE_A* pindexcreate, unsigned long cIndexCreate) {
  return WithWritableTable(sesid, tableid, [&](jet::Database* db, uint32_t objid) -> JET_ERR {
    if (pindexcreate == nullptr && cIndexCreate > 0) return JET_errInvalidParameter;
    for (unsigned long i = 0; i < cIndexCreate; ++i) {
      JET_INDEXCREATE_A& x = pindexcreate[i];
      if (x.cbStruct != sizeof(JET_INDEXCREATE_A)) return JET_errInvalidParameter;
      jet::NewIndex index;
      JET_ERR err = IndexOf(x.szIndexName, x.szKey, x.cbKey, x.grbit, x.ulDensity, &index);
      if (err >= 0) err = jet::CreateIndex(db, objid, index);
      x.err = err;
      if (err < 0) return err;
    }
    return JET_errSuccess;
  });
}

JET_ERR JET_API JetDeleteIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName) {
  return WithWritableTable(sesid, tableid, [&](jet::Database* db, uint32_t objid) -> JET_ERR {
    if (szIndexName == nullptr) return JET_errInvalidParameter;
    return jet::DeleteIndex(db, objid, szIndexName);
  });
}
