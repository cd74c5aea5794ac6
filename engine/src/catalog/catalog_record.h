// One row of the catalog (MSysObjects / MSysObjectsShadow) as plain data, and
// its record bytes both ways (edb-format §9; docs/formats/catalog.md).
//
// A row is a REC (record/) with the fixed layout of catalog_format.h. Its
// B-tree key is (ObjidTable, Type, Id), normalised as every ESE key is
// (CatalogEntryKey). ESE writes a row with its fixed columns up to the
// highest one the row sets (RecordOffset for a fixed column, PagesOrLocale
// for other columns, RootFlag or LVChunkMax for a table, LCMapFlags or
// KeyMost for an index); EncodeCatalogEntry does the same, so
// fidFixedLastInRec stays within what libesedb accepts (5..12) unless the
// row sets PgnoFDPLastSetTime.

#ifndef JETSVC_ENGINE_CATALOG_CATALOG_RECORD_H_
#define JETSVC_ENGINE_CATALOG_CATALOG_RECORD_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "catalog/catalog_format.h"
#include "esent.h"
#include "record/record_format.h"

namespace jet {

// The columns of one catalog row. Columns 1..7 and Name are in every row
// (NOT NULL); the optional fixed columns are std::nullopt when NULL; a
// variable or tagged column is NULL when empty (ESE never stores a
// zero-length catalog value).
struct CatalogEntry {
  uint32_t objid_table = 0;         // ObjidTable: the table the row belongs to
  SysObj type = SysObj::kNil;       // Type
  uint32_t id = 0;                  // Id: table/index/LV objid, column id, 5 for a callback
  uint32_t coltyp_or_pgno_fdp = 0;  // ColtypOrPgnoFDP: JET_coltyp (columns), else root pgno
  uint32_t space_usage = 0;         // SpaceUsage: max length (columns), else density
  uint32_t flags = 0;            // Flags: JET_bitObject* / FIELDFLAG / IDBFLAG|IDXFLAG<<16 / cbtyp
  uint32_t pages_or_locale = 0;  // PagesOrLocale: initial pages, code page, or LCID

  std::optional<bool> root_flag;                   // RootFlag: set (0xff) on table rows
  std::optional<uint16_t> record_offset;           // RecordOffset: fixed columns
  std::optional<uint32_t> lcmap_flags;             // LCMapFlags: indexes
  std::optional<uint16_t> key_most;                // KeyMost: indexes, absent = 255
  std::optional<uint32_t> lv_chunk_max;            // LVChunkMax: tables, absent = default
  std::optional<uint64_t> pgno_fdp_last_set_time;  // PgnoFDPLastSetTime (FILETIME)

  std::string name;                          // Name (ASCII)
  std::vector<uint8_t> stats;                // Stats
  std::string template_table;                // TemplateTable; the Callback of column/callback rows
  std::vector<uint8_t> default_value;        // DefaultValue
  std::vector<uint8_t> key_fld_ids;          // KeyFldIDs
  std::vector<uint8_t> var_seg_mac;          // VarSegMac (u16)
  std::vector<uint8_t> conditional_columns;  // ConditionalColumns
  std::vector<uint8_t> tuple_limits;         // TupleLimits
  std::vector<uint8_t> version;              // Version (the NLS sort version, u64)
  std::vector<uint8_t> sort_id;              // SortID (a GUID)

  std::vector<uint8_t> callback_data;            // CallbackData
  std::vector<uint8_t> callback_dependencies;    // CallbackDependencies
  std::vector<uint8_t> separate_lv;              // SeparateLV (u32 threshold)
  std::vector<uint8_t> space_hints;              // SpaceHints
  std::vector<uint8_t> space_deferred_lv_hints;  // SpaceDeferredLVHints
  std::vector<uint8_t> locale_name;              // LocaleName (UTF-16LE, no terminator)

  friend bool operator==(const CatalogEntry&, const CatalogEntry&) = default;
};

// Decodes one catalog record. `format` is the leaf page's (page size,
// NewRecordFormat flag). Columns this engine does not know (fixed ids above
// 13, variable above 137, tagged above 261: newer ESE) are skipped.
// Errors, with *out reset:
//   JET_errCatalogCorrupted    the record does not parse, a NOT NULL column
//                              is missing, a value has the wrong size, the
//                              name is empty, longer than JET_cbNameMost or
//                              holds a control character, a catalog column
//                              has several values
//   JET_errFeatureNotAvailable a tagged value stored in the catalog's own
//                              long-value tree (ESE keeps catalog values
//                              in the record; none of the samples does
//                              otherwise)
[[nodiscard]] JET_ERR DecodeCatalogEntry(std::span<const uint8_t> record,
                                         const RecordFormat& format, CatalogEntry* out);

// Encodes `entry` as ESE lays out a catalog row (see the file comment),
// replacing *out. JET_errInvalidParameter, with *out empty, for a name that
// DecodeCatalogEntry would refuse or a value longer than its column allows
// (255 bytes for variable columns). New-format pages only
// (format.new_tagged_format).
[[nodiscard]] JET_ERR EncodeCatalogEntry(const CatalogEntry& entry, const RecordFormat& format,
                                         std::vector<uint8_t>* out);

// The highest fixed column `entry` sets: the fidFixedLastInRec of its
// record (at least PagesOrLocale, 7).
uint32_t LastFixedColumnOf(const CatalogEntry& entry);

// The catalog key of a row: ObjidTable (Long), Type (Short), Id (Long),
// each normalised as an ascending key segment, e.g. (8, column, 1) ->
// 7f 80 00 00 08 | 7f 80 02 | 7f 80 00 00 01.
std::vector<uint8_t> CatalogEntryKey(uint32_t objid_table, SysObj type, uint32_t id);
inline std::vector<uint8_t> CatalogEntryKey(const CatalogEntry& entry) {
  return CatalogEntryKey(entry.objid_table, entry.type, entry.id);
}

}  // namespace jet

#endif  // JETSVC_ENGINE_CATALOG_CATALOG_RECORD_H_
