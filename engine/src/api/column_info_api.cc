// JetGetTableColumnInfo / JetGetColumnInfo: a column's definition from the
// catalog.
//
// Supported levels: JET_ColInfo, JET_ColInfoByColid (szColumnName then
// points at a JET_COLUMNID), JET_ColInfoBase, JET_ColInfoBaseByColid. The
// list levels (JET_ColInfoList, ...ListCompact, ...ListSortColumnid) return
// a temporary table (JET_COLUMNLIST) and temporary tables do not exist yet:
// they return JET_errFeatureNotAvailable. Enumerate columns meanwhile by
// reading MSysObjects (open it as a table; Type 2 rows are columns).

#include <cstring>
#include <string_view>

#include "api/info_buffer.h"
#include "api/table_call.h"
#include "catalog/table_def.h"
#include "esent.h"

namespace {

constexpr unsigned long kInfoGrbits = JET_ColInfoGrbitNonDerivedColumnsOnly |
                                      JET_ColInfoGrbitMinimalInfo | JET_ColInfoGrbitSortByColumnid;
// ESE reports every column with the default country and language.
constexpr unsigned short kCountryDefault = 1;
constexpr unsigned short kLangidDefault = 0x409;

void FillColumnDef(const jet::ColumnDef& c, JET_COLUMNDEF* out) {
  std::memset(out, 0, sizeof(*out));
  out->cbStruct = sizeof(JET_COLUMNDEF);
  out->columnid = c.id;
  out->coltyp = c.coltyp;
  out->wCountry = kCountryDefault;
  out->langid = kLangidDefault;
  out->cp = c.code_page;
  out->cbMax = c.max_size;
  out->grbit = c.Grbit();
}

void CopyName(std::string_view name, char (&out)[256]) {
  const size_t n = std::min<size_t>(name.size(), sizeof(out) - 1);
  std::memcpy(out, name.data(), n);
  out[n] = '\0';
}

JET_ERR ColumnInfo(const jet::TableDef& table, JET_PCSTR column, void* pv, unsigned long cb,
                   unsigned long level) {
  level &= ~kInfoGrbits;
  const bool by_id = level == JET_ColInfoByColid || level == JET_ColInfoBaseByColid;
  const bool base = level == JET_ColInfoBase || level == JET_ColInfoBaseByColid;
  if (level == JET_ColInfoList || level == JET_ColInfoListCompact ||
      level == JET_ColInfoListSortColumnid || level == JET_ColInfoSysTabCursor) {
    return JET_errFeatureNotAvailable;  // a JET_COLUMNLIST temporary table
  }
  if (level != JET_ColInfo && !by_id && !base) return JET_errInvalidParameter;
  if (column == nullptr) return JET_errInvalidParameter;
  const jet::ColumnDef* def = nullptr;
  if (by_id) {
    JET_COLUMNID columnid;
    std::memcpy(&columnid, column, sizeof(columnid));
    def = table.FindColumn(static_cast<uint32_t>(columnid));
  } else {
    def = table.FindColumn(std::string_view(column));
  }
  if (def == nullptr || def->deleted()) return JET_errColumnNotFound;
  if (!base) {
    if (pv == nullptr || cb < sizeof(JET_COLUMNDEF)) return JET_errBufferTooSmall;
    JET_COLUMNDEF out;
    FillColumnDef(*def, &out);
    std::memcpy(pv, &out, sizeof(out));
    return JET_errSuccess;
  }
  if (pv == nullptr || cb < sizeof(JET_COLUMNBASE_A)) return JET_errBufferTooSmall;
  JET_COLUMNBASE_A out;
  std::memset(&out, 0, sizeof(out));
  JET_COLUMNDEF d;
  FillColumnDef(*def, &d);
  out.cbStruct = sizeof(JET_COLUMNBASE_A);
  out.columnid = d.columnid;
  out.coltyp = d.coltyp;
  out.wCountry = d.wCountry;
  out.langid = d.langid;
  out.cp = d.cp;
  out.cbMax = d.cbMax;
  out.grbit = d.grbit;
  // The base table: the template table for a column inherited from one.
  CopyName(def->from_template ? std::string_view(table.template_table) : table.name,
           out.szBaseTableName);
  CopyName(def->name, out.szBaseColumnName);
  std::memcpy(pv, &out, sizeof(out));
  return JET_errSuccess;
}

}  // namespace

JET_ERR JET_API JetGetTableColumnInfoA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName,
                                       void* pvResult, unsigned long cbMax,
                                       unsigned long InfoLevel) {
  return jet::WithTable(sesid, tableid, [&](jet::TableCursor& cursor) {
    return ColumnInfo(cursor.table(), szColumnName, pvResult, cbMax, InfoLevel);
  });
}

JET_ERR JET_API JetGetColumnInfoA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName,
                                  JET_PCSTR pColumnNameOrId, void* pvResult, unsigned long cbMax,
                                  unsigned long InfoLevel) {
  return jet::WithTableDef(sesid, dbid, szTableName, [&](const jet::TableDef& table) {
    return ColumnInfo(table, pColumnNameOrId, pvResult, cbMax, InfoLevel);
  });
}
