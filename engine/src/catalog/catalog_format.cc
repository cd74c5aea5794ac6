#include "catalog/catalog_format.h"

#include <array>
#include <cstdlib>
#include <vector>

namespace jet {

namespace {

// _cat.cxx, rgcdescMSO, in column-id order. The column names are ESE's; the
// types and NOT NULL bits are what ESE's own column rows for MSysObjects say.
constexpr std::array<CatalogColumnInfo, 29> kColumns = {{
    {kMsoObjidTable, "ObjidTable", JET_coltypLong, true},
    {kMsoType, "Type", JET_coltypShort, true},
    {kMsoId, "Id", JET_coltypLong, true},
    {kMsoColtypOrPgnoFDP, "ColtypOrPgnoFDP", JET_coltypLong, true},
    {kMsoSpaceUsage, "SpaceUsage", JET_coltypLong, true},
    {kMsoFlags, "Flags", JET_coltypLong, true},
    {kMsoPagesOrLocale, "PagesOrLocale", JET_coltypLong, true},
    {kMsoRootFlag, "RootFlag", JET_coltypBit, false},
    {kMsoRecordOffset, "RecordOffset", JET_coltypShort, false},
    {kMsoLCMapFlags, "LCMapFlags", JET_coltypLong, false},
    {kMsoKeyMost, "KeyMost", JET_coltypUnsignedShort, false},
    {kMsoLVChunkMax, "LVChunkMax", JET_coltypLong, false},
    {kMsoPgnoFDPLastSetTime, "PgnoFDPLastSetTime", JET_coltypDateTime, false},
    {kMsoName, "Name", JET_coltypText, true},
    {kMsoStats, "Stats", JET_coltypBinary, false},
    {kMsoTemplateTable, "TemplateTable", JET_coltypText, false},
    {kMsoDefaultValue, "DefaultValue", JET_coltypBinary, false},
    {kMsoKeyFldIDs, "KeyFldIDs", JET_coltypBinary, false},
    {kMsoVarSegMac, "VarSegMac", JET_coltypBinary, false},
    {kMsoConditionalColumns, "ConditionalColumns", JET_coltypBinary, false},
    {kMsoTupleLimits, "TupleLimits", JET_coltypBinary, false},
    {kMsoVersion, "Version", JET_coltypBinary, false},
    {kMsoSortID, "SortID", JET_coltypBinary, false},
    {kMsoCallbackData, "CallbackData", JET_coltypLongBinary, false},
    {kMsoCallbackDependencies, "CallbackDependencies", JET_coltypLongBinary, false},
    {kMsoSeparateLV, "SeparateLV", JET_coltypLongBinary, false},
    {kMsoSpaceHints, "SpaceHints", JET_coltypLongBinary, false},
    {kMsoSpaceDeferredLVHints, "SpaceDeferredLVHints", JET_coltypLongBinary, false},
    {kMsoLocaleName, "LocaleName", JET_coltypLongBinary, false},
}};

RecordSchema BuildSchema(uint32_t last_fixed) {
  std::vector<ColumnSpec> specs;
  for (const CatalogColumnInfo& c : kColumns) {
    if (KindOfColumnId(c.id) == ColumnKind::kFixed && c.id > last_fixed) continue;
    ColumnSpec spec;
    spec.id = c.id;
    spec.coltyp = c.coltyp;
    // Variable columns: JET_cbColumnMost; the offsets follow from the widths.
    spec.max_size = KindOfColumnId(c.id) == ColumnKind::kVariable ? JET_cbColumnMost : 0;
    specs.push_back(spec);
  }
  RecordSchema schema;
  // A fixed table of valid definitions: failing here is a bug in this file.
  if (RecordSchema::Create(std::move(specs), &schema) < 0) std::abort();
  return schema;
}

char AsciiUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

std::span<const CatalogColumnInfo> CatalogColumns() { return kColumns; }

const RecordSchema& CatalogRecordSchema() { return CatalogRecordSchema(kMsoLastFixed); }

const RecordSchema& CatalogRecordSchema(uint32_t last_fixed) {
  static const std::array<RecordSchema, kMsoLastFixed + 1> schemas = [] {
    std::array<RecordSchema, kMsoLastFixed + 1> out;
    for (uint32_t i = 0; i <= kMsoLastFixed; ++i) out[i] = BuildSchema(i);
    return out;
  }();
  return schemas[last_fixed <= kMsoLastFixed ? last_fixed : kMsoLastFixed];
}

bool CatalogNamesEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiUpper(a[i]) != AsciiUpper(b[i])) return false;
  }
  return true;
}

std::string FoldCatalogName(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = AsciiUpper(c);
  return out;
}

bool HasSystemTablePrefix(std::string_view name) {
  return name.size() >= kSystemTablePrefix.size() &&
         CatalogNamesEqual(name.substr(0, kSystemTablePrefix.size()), kSystemTablePrefix);
}

}  // namespace jet
