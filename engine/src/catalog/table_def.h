// The definitions the catalog holds for one table: the table itself, its
// columns, its indexes and its long-value tree (ESE's FCB/TDB/FIELD/IDB as
// loaded by cat.cxx ErrCATInitFCB), with the conversions to what the layers
// below need: record/'s RecordSchema and key/'s IndexKeyDef.
//
// Every definition converts from its catalog row (FromCatalogEntry, which
// validates what the row alone can tell) and back to one (ToCatalogEntry,
// what the write path inserts). Checks that need the whole table or the
// whole catalog are Catalog's (catalog.h).

#ifndef JETSVC_ENGINE_CATALOG_TABLE_DEF_H_
#define JETSVC_ENGINE_CATALOG_TABLE_DEF_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_format.h"
#include "catalog/catalog_record.h"
#include "esent.h"
#include "key/index_key_def.h"
#include "record/column_schema.h"
#include "record/record_values.h"

namespace jet {

// --- Columns -----------------------------------------------------------------

struct ColumnDef {
  std::string name;
  uint32_t id = 0;                  // FID: 1..127 fixed, 128..255 variable, 256.. tagged
  uint32_t coltyp = JET_coltypNil;  // JET_coltyp*; Nil for a deleted column's stub
  // Fixed Text/Binary: the width; other fixed types: the type's width;
  // variable and tagged columns: the maximum length, 0 = the type's limit.
  uint32_t max_size = 0;
  uint32_t flags = 0;                  // kColumnFlag* (FIELDFLAG)
  uint16_t code_page = 0;              // Text columns: 1252 or 1200; 0 for other types
  uint16_t record_offset = 0;          // fixed columns: offset of the value in the record
  std::vector<uint8_t> default_value;  // raw bytes; empty = no default
  std::string callback;                // user-defined default: the callback's name
  std::vector<uint8_t> callback_data;
  // Set by Catalog for a derived table's copy of its template table's columns.
  bool from_template = false;

  ColumnKind kind() const { return KindOfColumnId(id); }
  bool fixed() const { return kind() == ColumnKind::kFixed; }
  bool variable() const { return kind() == ColumnKind::kVariable; }
  bool tagged() const { return kind() == ColumnKind::kTagged; }
  bool deleted() const { return coltyp == JET_coltypNil; }
  bool not_null() const { return (flags & kColumnFlagNotNull) != 0; }
  bool version() const { return (flags & kColumnFlagVersion) != 0; }
  bool autoincrement() const { return (flags & kColumnFlagAutoincrement) != 0; }
  bool multi_valued() const { return (flags & kColumnFlagMultiValued) != 0; }
  bool has_default() const { return (flags & kColumnFlagDefault) != 0; }
  bool escrow_update() const { return (flags & kColumnFlagEscrowUpdate) != 0; }
  bool finalize() const { return (flags & kColumnFlagFinalize) != 0; }
  bool user_defined_default() const { return (flags & kColumnFlagUserDefinedDefault) != 0; }
  bool delete_on_zero() const { return (flags & kColumnFlagDeleteOnZero) != 0; }
  bool compressed() const { return (flags & kColumnFlagCompressed) != 0; }
  bool encrypted() const { return (flags & kColumnFlagEncrypted) != 0; }
  // In a derived table's records the column's TAGFLDs carry fDerived.
  bool derived_in_records() const {
    return from_template && tagged() && (flags & kColumnFlagTemplateColumnESE98) != 0;
  }

  // The JET_bitColumn* grbit JetGetColumnInfo reports (JET_COLUMNDEF.grbit).
  uint32_t Grbit() const;
  // The FIELDFLAG bits JetAddColumn stores for JET_COLUMNDEF.grbit, plus
  // kColumnFlagDefault when the column gets a default value.
  static uint32_t FlagsFromGrbit(uint32_t grbit, bool has_default);

  // What record/ needs: id, type, width, offset, multi-valued, compressed.
  ColumnSpec ToColumnSpec() const;

  // Checks one column row on its own: id and type agree (long values only
  // tagged, multi-valued only tagged), widths and offsets of fixed columns,
  // lengths of variable ones, default value size. JET_errCatalogCorrupted.
  [[nodiscard]] static JET_ERR FromCatalogEntry(const CatalogEntry& entry, ColumnDef* out);
  CatalogEntry ToCatalogEntry(uint32_t objid_table) const;

  friend bool operator==(const ColumnDef&, const ColumnDef&) = default;
};

// --- Indexes ------------------------------------------------------------------

// One key column (KeyFldIDs) or condition column (ConditionalColumns), with
// what the key layer needs of the column, filled in by Catalog.
struct IndexSegmentDef {
  uint32_t column_id = 0;
  bool descending = false;       // key segments (IDXSEG fDescending)
  bool must_be_null = false;     // condition columns (IDXSEG fMustBeNull)
  bool template_column = false;  // the column is the template table's
  // The column, resolved by Catalog (or by the caller who builds the def).
  uint32_t coltyp = JET_coltypNil;
  uint16_t code_page = 0;
  uint32_t max_size = 0;

  friend bool operator==(const IndexSegmentDef&, const IndexSegmentDef&) = default;
};

// KeyFldIDs / ConditionalColumns as stored: LE_IDXSEG (4 bytes each) with
// kIndexFlagExtendedColumns, else IDXSEG_OLD (signed u16, negative =
// descending / must be NULL). JET_errCatalogCorrupted for a size that is not
// a multiple of the entry, more than JET_ccolKeyMost entries or a column id
// outside 1..65535.
[[nodiscard]] JET_ERR ParseIndexSegments(std::span<const uint8_t> bytes, bool extended,
                                         bool conditional, std::vector<IndexSegmentDef>* out);
std::vector<uint8_t> EncodeIndexSegments(std::span<const IndexSegmentDef> segments,
                                         bool conditional);

struct IndexDef {
  std::string name;
  uint32_t objid = 0;     // the primary index's objid is its table's
  uint32_t pgno_fdp = 0;  // the primary index's tree is its table's
  uint32_t density = kDensityDefault;
  uint32_t flags = 0;                        // kIndexFlag* (IDBFLAG | IDXFLAG << 16)
  std::vector<IndexSegmentDef> segments;     // 1..JET_ccolKeyMost
  std::vector<IndexSegmentDef> conditional;  // conditional columns
  uint32_t lcid = 0;                         // PagesOrLocale: 0 once LocaleName is used
  std::u16string locale_name;                // e.g. u"en-US"; empty for old rows
  uint32_t lcmap_flags = 0;
  uint32_t cb_key_most = JET_cbKeyMost;  // catalog KeyMost, 255 when absent
  uint32_t cb_var_seg_mac = 0;           // catalog VarSegMac; 0 = cb_key_most
  std::vector<uint8_t> tuple_limits;     // raw LE_TUPLELIMITS; set for a tuple index
  std::vector<uint8_t> sort_version;     // catalog Version (NLS sort version)
  std::vector<uint8_t> sort_id;          // catalog SortID (GUID)
  std::vector<uint8_t> space_hints;      // catalog SpaceHints, raw

  bool unique() const { return (flags & kIndexFlagUnique) != 0; }
  bool primary() const { return (flags & kIndexFlagPrimary) != 0; }
  bool disallow_null() const { return (flags & kIndexFlagNoNullSeg) != 0; }
  bool sort_nulls_high() const { return (flags & kIndexFlagSortNullsHigh) != 0; }
  bool localized_text() const { return (flags & kIndexFlagLocalizedText) != 0; }
  bool tuples() const { return !tuple_limits.empty(); }
  bool extended_columns() const { return (flags & kIndexFlagExtendedColumns) != 0; }
  bool dot_net_guid() const { return (flags & kIndexFlagDotNetGuid) != 0; }
  bool template_index() const { return (flags & kIndexFlagTemplateIndex) != 0; }
  bool derived_index() const { return (flags & kIndexFlagDerivedIndex) != 0; }

  // The JET_bitIndex* grbit JetGetIndexInfo reports (ESE's
  // IDB::GrbitFromFlags): Unique, Primary, DisallowNull or the Ignore*Null
  // bits, SortNullsHigh, Unicode, KeyMost, DisallowTruncation, DotNetGuid,
  // CrossProduct, NestedTable, Tuples.
  uint32_t Grbit() const;
  // The IDBFLAG|IDXFLAG word JetCreateIndex stores for `grbit`
  // (IDB::SetFlagsFromGrbit), with kIndexFlagExtendedColumns as ESE always
  // writes it. The Multivalued and LocalizedText bits depend on the columns:
  // the caller adds them.
  static uint32_t FlagsFromGrbit(uint32_t grbit);

  // The key layer's definition: one KeySegmentDef per segment (type,
  // direction, code page, fixed column and its width), key and segment
  // sizes, NULL order, GUID order and the Unicode collation (Windows' NLS
  // unless the index's locale is kJetsvcFoldV1LocaleName). Needs the
  // segments resolved. JET_errFeatureNotAvailable for a tuple index (its
  // keys are substrings, not column values); JET_errInvalidColumnType or
  // JET_errIndexInvalidDef when ValidateIndexKeyDef refuses the result.
  [[nodiscard]] JET_ERR ToIndexKeyDef(size_t page_size, IndexKeyDef* out) const;

  // Checks the row on its own (segment lists, key sizes, name, locale);
  // segments come back unresolved. JET_errCatalogCorrupted.
  [[nodiscard]] static JET_ERR FromCatalogEntry(const CatalogEntry& entry, IndexDef* out);
  CatalogEntry ToCatalogEntry(uint32_t objid_table) const;

  friend bool operator==(const IndexDef&, const IndexDef&) = default;
};

// --- Long values and callbacks ---------------------------------------------------

struct LongValueDef {
  uint32_t objid = 0;
  uint32_t pgno_fdp = 0;
  uint32_t density = kDensityMost;
  uint32_t initial_pages = 0;

  [[nodiscard]] static JET_ERR FromCatalogEntry(const CatalogEntry& entry, LongValueDef* out);
  CatalogEntry ToCatalogEntry(uint32_t objid_table) const;
  friend bool operator==(const LongValueDef&, const LongValueDef&) = default;
};

struct CallbackDef {
  uint32_t cbtyp = 0;    // JET_CBTYP bits (catalog Flags)
  std::string callback;  // "module!function"

  [[nodiscard]] static JET_ERR FromCatalogEntry(const CatalogEntry& entry, CallbackDef* out);
  CatalogEntry ToCatalogEntry(uint32_t objid_table) const;
  friend bool operator==(const CallbackDef&, const CallbackDef&) = default;
};

// --- Tables ---------------------------------------------------------------------

struct TableDef {
  std::string name;
  uint32_t objid = 0;
  uint32_t pgno_fdp = 0;
  uint32_t density = kDensityDefault;
  uint32_t initial_pages = 0;
  uint32_t flags = 0;                            // kTableFlag* (JET_bitObject*)
  std::string template_table;                    // derived tables: the template's name
  uint32_t lv_chunk_max = 0;                     // catalog LVChunkMax; 0 = the page size's default
  uint32_t separate_lv_threshold = 0;            // catalog SeparateLV; 0 = default
  std::vector<uint8_t> space_hints;              // raw
  std::vector<uint8_t> space_deferred_lv_hints;  // raw

  std::vector<ColumnDef> columns;  // by id; a derived table's template columns first
  std::vector<IndexDef> indexes;   // catalog order (by objid)
  std::optional<LongValueDef> long_values;
  std::vector<CallbackDef> callbacks;

  bool system() const { return (flags & kTableFlagSystem) != 0; }
  bool template_table_flag() const { return (flags & kTableFlagTemplate) != 0; }
  bool derived() const { return (flags & kTableFlagDerived) != 0; }
  // MSysObjects or MSysObjectsShadow.
  bool is_catalog() const { return objid == kCatalogObjid || objid == kShadowCatalogObjid; }

  // Look-ups; names compare as ESE compares them (CatalogNamesEqual).
  // Deleted columns (stubs) are never found by name.
  const ColumnDef* FindColumn(std::string_view column_name) const;
  // The table's own column with this id (a derived table's template columns
  // are found by name, or in the template's TableDef).
  const ColumnDef* FindColumn(uint32_t column_id) const;
  const IndexDef* FindIndex(std::string_view index_name) const;
  // The primary index, or nullptr when the table has none (its records are
  // then keyed by a sequential bookmark, and its one tree is still the
  // table's objid / pgno_fdp).
  const IndexDef* PrimaryIndex() const;

  // The LV chunk size for pages of `page_size` bytes: LVChunkMax, or
  // Windows' default (record/long_value.h).
  uint32_t LvChunkSize(uint32_t page_size) const;

  // record/'s view of the table: every column that is not a deleted stub
  // (a template column of a derived table flagged `derived` when its TAGFLDs
  // are). MSysObjects and its shadow get CatalogRecordSchema(): ESE lays
  // them out from its own table, not from their rows. `defaults`, when not
  // null, receives the default value of every column that has one: what a
  // record that does not hold the column reads as, and what a new record
  // starts from (a Bit as 0x00 / 0xff, as ESE stores it in records; the
  // ColumnDef keeps the catalog's bytes). Errors from RecordSchema::Create
  // (a definition record/ cannot use).
  [[nodiscard]] JET_ERR ToRecordSchema(RecordSchema* schema,
                                       RecordValues* defaults = nullptr) const;

  // Gives every fixed column whose record_offset is still 0 the offset ESE
  // gives a new fixed column: right after the fixed column with the next
  // lower id (deleted stubs keep their bytes), in id order. For the write
  // path, before ToCatalogEntries. JET_errInvalidParameter when a column's
  // width is unknown (fixed Text/Binary without max_size) or the fixed data
  // would not fit the record header's 15-bit ibEndOfFixedData.
  [[nodiscard]] JET_ERR AssignFixedOffsets();

  // The table row.
  [[nodiscard]] static JET_ERR FromCatalogEntry(const CatalogEntry& entry, TableDef* out);
  CatalogEntry ToCatalogEntry() const;
  // Every row of the table in catalog order: the table, its own columns
  // (not the template's), indexes, LV tree, callbacks. What the write path
  // inserts for a new table.
  std::vector<CatalogEntry> ToCatalogEntries() const;

  friend bool operator==(const TableDef&, const TableDef&) = default;
};

// JET_coltyp* -> its name in ESE's headers without the prefix ("Long",
// "Text", "LongBinary", ...); "Nil" for 0, "Unknown" beyond.
std::string_view ColtypName(uint32_t coltyp);

}  // namespace jet

#endif  // JETSVC_ENGINE_CATALOG_TABLE_DEF_H_
