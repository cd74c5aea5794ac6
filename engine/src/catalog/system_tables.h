// The definitions ESE gives its own catalog tables when it creates a
// database (_cat.cxx ErrCATCreate / rgcdescMSO): MSysObjects with its
// primary index Id and secondary indexes Name and RootObjects, and its copy
// MSysObjectsShadow (primary index only). What a new database's catalog
// holds about itself, row for row as Windows writes it (checked against the
// Windows-made samples in tests/engine/catalog/system_tables_test.cc).

#ifndef JETSVC_ENGINE_CATALOG_SYSTEM_TABLES_H_
#define JETSVC_ENGINE_CATALOG_SYSTEM_TABLES_H_

#include <cstdint>

#include "catalog/table_def.h"

namespace jet {

// The LCMapFlags ESE stores on every index it makes (NORM_IGNORECASE |
// NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH | LCMAP_SORTKEY ...: 0x30401).
inline constexpr uint32_t kDefaultLcmapFlags = 0x30401;
// The locale name ESE stores on its indexes.
inline constexpr std::u16string_view kDefaultLocaleName = u"en-US";

// MSysObjects (objid 2, page 4; indexes Id, Name at 7, RootObjects at 10).
TableDef CatalogTableDef();
// MSysObjectsShadow (objid 3, page 24; index Id).
TableDef ShadowCatalogTableDef();

}  // namespace jet

#endif  // JETSVC_ENGINE_CATALOG_SYSTEM_TABLES_H_
