#include "catalog/system_tables.h"

#include <string>

#include "format/coltyp.h"

namespace jet {

namespace {

IndexSegmentDef Seg(uint32_t column_id) {
  IndexSegmentDef s;
  s.column_id = column_id;
  for (const CatalogColumnInfo& c : CatalogColumns()) {
    if (c.id != column_id) continue;
    s.coltyp = c.coltyp;
    s.code_page = c.coltyp == JET_coltypText ? 1252 : 0;
    s.max_size = c.id >= 128 && c.id < 256 ? 255 : 0;
  }
  return s;
}

IndexDef CatalogIndex(std::string name, uint32_t objid, uint32_t pgno, uint32_t flags,
                      std::vector<uint32_t> columns) {
  IndexDef i;
  i.name = std::move(name);
  i.objid = objid;
  i.pgno_fdp = pgno;
  i.density = kDensityDefault;
  i.flags = flags;
  for (const uint32_t id : columns) i.segments.push_back(Seg(id));
  i.lcmap_flags = kDefaultLcmapFlags;
  i.locale_name = std::u16string(kDefaultLocaleName);
  return i;
}

TableDef CatalogTable(std::string name, uint32_t objid, uint32_t pgno, uint32_t pages) {
  TableDef t;
  t.name = std::move(name);
  t.objid = objid;
  t.pgno_fdp = pgno;
  t.density = kDensityDefault;
  t.initial_pages = pages;
  t.flags = kTableFlagSystem | kTableFlagFixedDDL;
  for (const CatalogColumnInfo& info : CatalogColumns()) {
    // Windows' catalogs (format 0x620 revision 0x14) have no
    // PgnoFDPLastSetTime row.
    if (info.id == kMsoPgnoFDPLastSetTime) continue;
    ColumnDef c;
    c.name = std::string(info.name);
    c.id = info.id;
    c.coltyp = info.coltyp;
    const uint32_t width = FixedSizeOfColtyp(info.coltyp);
    c.max_size = width != 0 ? width : (c.variable() ? 255 : 0);
    c.flags = info.not_null ? kColumnFlagNotNull : 0;
    c.code_page = 1252;   // _cat.cxx: every catalog column row says 1252
    c.record_offset = 4;  // ... and RecordOffset 4 (its layout is built in)
    t.columns.push_back(std::move(c));
  }
  constexpr uint32_t kPrimary =
      kIndexFlagUnique | kIndexFlagNoNullSeg | kIndexFlagPrimary | kIndexFlagExtendedColumns;
  t.indexes.push_back(
      CatalogIndex(std::string(kCatalogIdIndexName), objid, pgno, kPrimary, {1, 2, 3}));
  return t;
}

}  // namespace

TableDef CatalogTableDef() {
  TableDef t = CatalogTable(std::string(kCatalogName), kCatalogObjid, kCatalogPgno, 20);
  t.indexes.push_back(CatalogIndex(
      std::string(kCatalogNameIndexName), kCatalogNameIndexObjid, kCatalogNameIndexPgno,
      kIndexFlagUnique | kIndexFlagNoNullSeg | kIndexFlagExtendedColumns, {1, 2, 128}));
  t.indexes.push_back(CatalogIndex(
      std::string(kCatalogRootObjectsIndexName), kCatalogRootObjectsIndexObjid,
      kCatalogRootObjectsIndexPgno,
      kIndexFlagUnique | kIndexFlagAllowSomeNulls | kIndexFlagExtendedColumns, {8, 128}));
  return t;
}

TableDef ShadowCatalogTableDef() {
  return CatalogTable(std::string(kShadowCatalogName), kShadowCatalogObjid, kShadowCatalogPgno, 5);
}

}  // namespace jet
