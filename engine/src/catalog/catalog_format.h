// The persisted vocabulary of ESE's catalog, MSysObjects (edb-format §9;
// Microsoft cat.hxx, _cat.cxx, field.hxx, idb.hxx, daedef.hxx): where the
// catalog lives, its column ids and types, the row types, and the flag words
// its rows store. Every value here is on disk in every EDB file: none of them
// may change. docs/formats/catalog.md has the byte layout.
//
// Where the catalog lives (cat.hxx): a database made by ESE has MSysObjects
// (objid 2) rooted at page 4 and its copy MSysObjectsShadow (objid 3) at page
// 24; the catalog's two secondary indexes, Name (objid 4) and RootObjects
// (objid 5), at pages 7 and 10. Page 1 is the database root (objid 1). The
// catalog describes itself: its first rows are MSysObjects' own table,
// column and index rows.

#ifndef JETSVC_ENGINE_CATALOG_CATALOG_FORMAT_H_
#define JETSVC_ENGINE_CATALOG_CATALOG_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "esent.h"
#include "record/column_schema.h"

namespace jet {

// --- Where the catalog is (cat.hxx) ------------------------------------------

inline constexpr uint32_t kSystemRootObjid = 1;  // the database root, page 1
inline constexpr uint32_t kCatalogObjid = 2;     // MSysObjects
inline constexpr uint32_t kCatalogPgno = 4;
inline constexpr uint32_t kShadowCatalogObjid = 3;  // MSysObjectsShadow
inline constexpr uint32_t kShadowCatalogPgno = 24;
inline constexpr uint32_t kCatalogNameIndexObjid = 4;
inline constexpr uint32_t kCatalogNameIndexPgno = 7;
inline constexpr uint32_t kCatalogRootObjectsIndexObjid = 5;
inline constexpr uint32_t kCatalogRootObjectsIndexPgno = 10;

// Names ESE gives its own tables and the catalog's indexes (_cat.cxx). ESE
// compares names without regard to ASCII case (UtilCmpName).
inline constexpr std::string_view kCatalogName = "MSysObjects";
inline constexpr std::string_view kShadowCatalogName = "MSysObjectsShadow";
inline constexpr std::string_view kObjidsTableName = "MSysObjids";
inline constexpr std::string_view kLocalesTableName = "MSysLocales";
inline constexpr std::string_view kCatalogIdIndexName = "Id";
inline constexpr std::string_view kCatalogNameIndexName = "Name";
inline constexpr std::string_view kCatalogRootObjectsIndexName = "RootObjects";
// The Name of every long-value row and of every callback row.
inline constexpr std::string_view kLongValueRowName = "LV";
inline constexpr std::string_view kCallbackRowName = "CB";
// Every table ESE creates for itself starts with this (MSysObjids,
// MSysLocales, MSysUnicodeFixupVer2, MSysDefrag1, ...).
inline constexpr std::string_view kSystemTablePrefix = "MSys";

// --- Row types (cat.hxx, SYSOBJ) ----------------------------------------------
// The catalog key is (ObjidTable, Type, Id), so a table's rows follow its
// table row in this order.

enum class SysObj : uint16_t {
  kNil = 0,
  kTable = 1,
  kColumn = 2,
  kIndex = 3,
  kLongValue = 4,
  kCallback = 5,
  // 6 and 7 were the SLV objects; obsolete, never in a format 0x620 catalog.
};

// --- MSysObjects columns (cat.hxx fidMSO_*; _cat.cxx rgcdescMSO) -------------
// "Overloaded" columns mean different things in different row types; the
// second name is the meaning in column rows.

inline constexpr uint32_t kMsoObjidTable = 1;           // Long, not NULL
inline constexpr uint32_t kMsoType = 2;                 // Short, not NULL
inline constexpr uint32_t kMsoId = 3;                   // Long, not NULL
inline constexpr uint32_t kMsoColtypOrPgnoFDP = 4;      // Long, not NULL
inline constexpr uint32_t kMsoSpaceUsage = 5;           // Long, not NULL
inline constexpr uint32_t kMsoFlags = 6;                // Long, not NULL
inline constexpr uint32_t kMsoPagesOrLocale = 7;        // Long, not NULL
inline constexpr uint32_t kMsoRootFlag = 8;             // Bit
inline constexpr uint32_t kMsoRecordOffset = 9;         // Short
inline constexpr uint32_t kMsoLCMapFlags = 10;          // Long
inline constexpr uint32_t kMsoKeyMost = 11;             // UnsignedShort
inline constexpr uint32_t kMsoLVChunkMax = 12;          // Long
inline constexpr uint32_t kMsoPgnoFDPLastSetTime = 13;  // DateTime (newer ESE only)
inline constexpr uint32_t kMsoLastFixed = kMsoPgnoFDPLastSetTime;

inline constexpr uint32_t kMsoName = 128;                // Text, not NULL
inline constexpr uint32_t kMsoStats = 129;               // Binary
inline constexpr uint32_t kMsoTemplateTable = 130;       // Text (column rows: Callback)
inline constexpr uint32_t kMsoDefaultValue = 131;        // Binary
inline constexpr uint32_t kMsoKeyFldIDs = 132;           // Binary
inline constexpr uint32_t kMsoVarSegMac = 133;           // Binary
inline constexpr uint32_t kMsoConditionalColumns = 134;  // Binary
inline constexpr uint32_t kMsoTupleLimits = 135;         // Binary
inline constexpr uint32_t kMsoVersion = 136;             // Binary
inline constexpr uint32_t kMsoSortID = 137;              // Binary

inline constexpr uint32_t kMsoCallbackData = 256;          // LongBinary
inline constexpr uint32_t kMsoCallbackDependencies = 257;  // LongBinary
inline constexpr uint32_t kMsoSeparateLV = 258;            // LongBinary
inline constexpr uint32_t kMsoSpaceHints = 259;            // LongBinary
inline constexpr uint32_t kMsoSpaceDeferredLVHints = 260;  // LongBinary
inline constexpr uint32_t kMsoLocaleName = 261;            // LongBinary (UTF-16LE)

// One column of MSysObjects as ESE defines it.
struct CatalogColumnInfo {
  uint32_t id;
  std::string_view name;
  uint32_t coltyp;
  bool not_null;
};

// The 29 columns of MSysObjects (rgcdescMSO), in column-id order.
std::span<const CatalogColumnInfo> CatalogColumns();

// The record layout of every MSysObjects (and MSysObjectsShadow) row:
// columns 1..13 at offsets 4, 8, 10, 14, ..., 43 (packed in id order), Text
// and Binary variable columns of up to 255 bytes, LongBinary tagged columns.
// ESE builds the catalog's layout from this fixed table, not from the
// catalog's own column rows (their RecordOffset is always 4: _cat.cxx,
// ErrCATPopulateCatalog).
const RecordSchema& CatalogRecordSchema();
// The same with the fixed columns cut at `last_fixed` (1..13): the schema
// a row whose highest fixed column is `last_fixed` is written with, so that
// fidFixedLastInRec is what ESE writes (ErrCATInsert's iHighestFixedToSet).
const RecordSchema& CatalogRecordSchema(uint32_t last_fixed);

// --- Table rows: Flags (JET_bitObject*) ---------------------------------------

inline constexpr uint32_t kTableFlagSystem = JET_bitObjectSystem;           // 0x80000000
inline constexpr uint32_t kTableFlagFixedDDL = JET_bitObjectTableFixedDDL;  // 0x40000000
inline constexpr uint32_t kTableFlagTemplate = JET_bitObjectTableTemplate;  // 0x20000000
inline constexpr uint32_t kTableFlagDerived = JET_bitObjectTableDerived;    // 0x10000000
// JET_bitObjectSystemDynamic is kTableFlagSystem | this: a system table ESE
// creates on demand (MSysObjids, MSysLocales; esent.h of the SDK).
inline constexpr uint32_t kTableFlagSystemDynamic = 0x08000000;
inline constexpr uint32_t kTableFlagNoFixedVarColumnsInDerivedTables =
    JET_bitObjectTableNoFixedVarColumnsInDerivedTables;  // 0x04000000

// --- Column rows: Flags (FIELDFLAG, field.hxx; the low 16 bits persist) -----
// Not the JET_bitColumn* grbits: ColumnDef converts between the two.

inline constexpr uint32_t kColumnFlagNotNull = 0x0001;
inline constexpr uint32_t kColumnFlagVersion = 0x0002;
inline constexpr uint32_t kColumnFlagAutoincrement = 0x0004;
inline constexpr uint32_t kColumnFlagMultiValued = 0x0008;
inline constexpr uint32_t kColumnFlagDefault = 0x0010;  // DefaultValue holds the default
inline constexpr uint32_t kColumnFlagEscrowUpdate = 0x0020;
inline constexpr uint32_t kColumnFlagFinalize = 0x0040;
inline constexpr uint32_t kColumnFlagUserDefinedDefault = 0x0080;  // default from a callback
// A template table's column made by ESE98 or later: derived tables' records
// flag its TAGFLDs fDerived.
inline constexpr uint32_t kColumnFlagTemplateColumnESE98 = 0x0100;
inline constexpr uint32_t kColumnFlagDeleteOnZero = 0x0200;
inline constexpr uint32_t kColumnFlagPrimaryIndexPlaceholder = 0x0800;
inline constexpr uint32_t kColumnFlagCompressed = 0x1000;
inline constexpr uint32_t kColumnFlagEncrypted = 0x2000;
inline constexpr uint32_t kColumnFlagsPersistedMask = 0xffff;

// A deleted column stays in the catalog as a stub of type JET_coltypNil whose
// name starts with this (_cat.cxx); its fixed bytes stay in old records.
inline constexpr std::string_view kDeletedColumnStubPrefix = "JetStub_";

// --- Index rows: Flags = IDBFLAG (low 16 bits) | IDXFLAG << 16 (idb.hxx) ------

inline constexpr uint32_t kIndexFlagUnique = 0x0001;
inline constexpr uint32_t kIndexFlagAllowAllNulls = 0x0002;   // not JET_bitIndexIgnoreNull
inline constexpr uint32_t kIndexFlagAllowFirstNull = 0x0004;  // not ...IgnoreFirstNull
inline constexpr uint32_t kIndexFlagAllowSomeNulls = 0x0008;  // not ...IgnoreAnyNull
inline constexpr uint32_t kIndexFlagNoNullSeg = 0x0010;       // JET_bitIndexDisallowNull
inline constexpr uint32_t kIndexFlagPrimary = 0x0020;
inline constexpr uint32_t kIndexFlagLocaleSet = 0x0040;    // LocaleName set (JET_bitIndexUnicode)
inline constexpr uint32_t kIndexFlagMultivalued = 0x0080;  // has a multi-valued segment
inline constexpr uint32_t kIndexFlagTemplateIndex = 0x0100;
inline constexpr uint32_t kIndexFlagDerivedIndex = 0x0200;
inline constexpr uint32_t kIndexFlagLocalizedText = 0x0400;  // has a Unicode text segment
inline constexpr uint32_t kIndexFlagSortNullsHigh = 0x0800;
inline constexpr uint32_t kIndexFlagUnicodeFixupOn = 0x1000;  // deprecated
inline constexpr uint32_t kIndexFlagCrossProduct = 0x2000;
inline constexpr uint32_t kIndexFlagDisallowTruncation = 0x4000;
inline constexpr uint32_t kIndexFlagNestedTable = 0x8000;
// IDXFLAG, shifted into the high half.
inline constexpr uint32_t kIndexFlagExtendedColumns = 0x0001u << 16;  // KeyFldIDs are LE_IDXSEG
inline constexpr uint32_t kIndexFlagDotNetGuid = 0x0002u << 16;

// KeyFldIDs / ConditionalColumns. With kIndexFlagExtendedColumns (all ESE
// since 2000 writes it): LE_IDXSEG { u8 flags; u8 reserved; u16 fid }.
// Without: IDXSEG_OLD, a signed 16-bit fid, negative = descending (key) or
// must-be-NULL (conditional).
inline constexpr size_t kIdxSegSize = 4;
inline constexpr size_t kIdxSegOldSize = 2;
inline constexpr uint8_t kIdxSegTemplateColumn = 0x80;
inline constexpr uint8_t kIdxSegDescending = 0x40;
inline constexpr uint8_t kIdxSegMustBeNull = 0x20;

// --- Space usage (density) -----------------------------------------------------

inline constexpr uint32_t kDensityLeast = 20;    // ulFILEDensityLeast
inline constexpr uint32_t kDensityMost = 100;    // ulFILEDensityMost
inline constexpr uint32_t kDensityDefault = 80;  // ulFILEDefaultDensity

// Compares catalog names as ESE does: ASCII letters without regard to case,
// every other byte as is.
bool CatalogNamesEqual(std::string_view a, std::string_view b);
// The form two names that CatalogNamesEqual share: ASCII letters upper-cased.
std::string FoldCatalogName(std::string_view name);
// True for a name that starts with "MSys" (any case).
bool HasSystemTablePrefix(std::string_view name);

}  // namespace jet

#endif  // JETSVC_ENGINE_CATALOG_CATALOG_FORMAT_H_
