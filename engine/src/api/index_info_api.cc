// JetGetTableIndexInfo / JetGetIndexInfo: an index's definition from the
// catalog.
//
// Supported levels, on the named index (NULL or "" = the primary index):
// JET_IdxInfoCount (unsigned long: the table's index count), JET_IdxInfoIndexId
// (JET_INDEXID), JET_IdxInfoSpaceAlloc (unsigned long density),
// JET_IdxInfoLCID (LCID), JET_IdxInfoKeyMost and JET_IdxInfoVarSegMac
// (unsigned short), JET_IdxInfoLocaleName (UTF-16, NUL-terminated).
// JET_IdxInfo and JET_IdxInfoList return a temporary table (JET_INDEXLIST),
// which does not exist yet: JET_errFeatureNotAvailable. Index names are
// meanwhile read from MSysObjects (Type 3 rows).

#include <cstring>
#include <string_view>

#include "api/info_buffer.h"
#include "api/table_call.h"
#include "catalog/table_def.h"
#include "esent.h"

namespace {

JET_ERR IndexInfo(const jet::TableDef& table, JET_PCSTR name, void* pv, unsigned long cb,
                  unsigned long level) {
  if (level == JET_IdxInfoCount) {
    return jet::CopyInfo(static_cast<unsigned long>(table.indexes.size()), pv, cb);
  }
  if (level == JET_IdxInfo || level == JET_IdxInfoList || level == JET_IdxInfoSysTabCursor) {
    return JET_errFeatureNotAvailable;  // a JET_INDEXLIST temporary table
  }
  const jet::IndexDef* index = name == nullptr || name[0] == '\0'
                                   ? table.PrimaryIndex()
                                   : table.FindIndex(std::string_view(name));
  if (index == nullptr) return JET_errIndexNotFound;
  switch (level) {
    case JET_IdxInfoIndexId: {
      // ESE's JET_INDEXID carries its FCB, objidFDP and pgnoFDP; ours the
      // same two numbers after an empty first word.
      JET_INDEXID id;
      std::memset(&id, 0, sizeof(id));
      id.cbStruct = sizeof(JET_INDEXID);
      const uint32_t objid = index->objid;
      const uint32_t pgno = index->pgno_fdp;
      std::memcpy(id.rgbIndexId + sizeof(JET_API_PTR), &objid, sizeof(objid));
      std::memcpy(id.rgbIndexId + sizeof(JET_API_PTR) + sizeof(uint32_t), &pgno, sizeof(pgno));
      return jet::CopyInfo(id, pv, cb);
    }
    case JET_IdxInfoSpaceAlloc:
      return jet::CopyInfo(static_cast<unsigned long>(index->density), pv, cb);
    case JET_IdxInfoLCID:
      return jet::CopyInfo(static_cast<JET_UINT32>(index->lcid), pv, cb);
    case JET_IdxInfoKeyMost:
      return jet::CopyInfo(static_cast<unsigned short>(index->cb_key_most), pv, cb);
    case JET_IdxInfoVarSegMac:
      return jet::CopyInfo(
          static_cast<unsigned short>(index->cb_var_seg_mac == 0 ? index->cb_key_most
                                                                 : index->cb_var_seg_mac),
          pv, cb);
    case JET_IdxInfoLocaleName: {
      const std::u16string& locale = index->locale_name;
      const size_t bytes = (locale.size() + 1) * sizeof(char16_t);
      if (pv == nullptr || cb < bytes) return JET_errBufferTooSmall;
      std::memcpy(pv, locale.c_str(), bytes);
      return JET_errSuccess;
    }
    default:
      return JET_errFeatureNotAvailable;
  }
}

}  // namespace

JET_ERR JET_API JetGetTableIndexInfoA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName,
                                      void* pvResult, unsigned long cbResult,
                                      unsigned long InfoLevel) {
  return jet::WithTable(sesid, tableid, [&](jet::TableCursor& cursor) {
    return IndexInfo(cursor.table(), szIndexName, pvResult, cbResult, InfoLevel);
  });
}

JET_ERR JET_API JetGetIndexInfoA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName,
                                 JET_PCSTR szIndexName, void* pvResult, unsigned long cbResult,
                                 unsigned long InfoLevel) {
  return jet::WithTableDef(sesid, dbid, szTableName, [&](const jet::TableDef& table) {
    return IndexInfo(table, szIndexName, pvResult, cbResult, InfoLevel);
  });
}
