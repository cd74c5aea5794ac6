#include "ddl/definitions.h"

#include <algorithm>
#include <cstring>

#include "catalog/catalog_format.h"
#include "catalog/system_tables.h"
#include "format/coltyp.h"
#include "key/index_key_def.h"

namespace jet {

namespace {

bool KnownColtyp(uint32_t coltyp) {
  switch (coltyp) {
    case JET_coltypBit:
    case JET_coltypUnsignedByte:
    case JET_coltypShort:
    case JET_coltypLong:
    case JET_coltypCurrency:
    case JET_coltypIEEESingle:
    case JET_coltypIEEEDouble:
    case JET_coltypDateTime:
    case JET_coltypBinary:
    case JET_coltypText:
    case JET_coltypLongBinary:
    case JET_coltypLongText:
    case JET_coltypUnsignedLong:
    case JET_coltypLongLong:
    case JET_coltypGUID:
    case JET_coltypUnsignedShort:
      return true;
    default:
      return false;
  }
}

bool IsLong(uint32_t coltyp) {
  return coltyp == JET_coltypLongText || coltyp == JET_coltypLongBinary;
}
bool IsTextual(uint32_t coltyp) { return coltyp == JET_coltypText || coltyp == JET_coltypLongText; }

}  // namespace

JET_ERR CheckObjectName(const char* name, std::string* out) {
  if (name == nullptr) return JET_errInvalidName;
  std::string s(name, strnlen(name, JET_cbNameMost + 2));
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (s.empty() || s.size() > JET_cbNameMost || s.front() == ' ') return JET_errInvalidName;
  for (const char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || c == '!' || c == '.' || c == '[' || c == ']') return JET_errInvalidName;
  }
  *out = std::move(s);
  return JET_errSuccess;
}

JET_ERR BuildColumn(const NewColumn& in, const TableDef& table, ColumnDef* out) {
  if (!KnownColtyp(in.coltyp)) return JET_errInvalidColumnType;
  const uint32_t g = in.grbit;
  if ((g & JET_bitColumnFixed) != 0 && (g & JET_bitColumnTagged) != 0) {
    return JET_errInvalidParameter;
  }
  const uint32_t type_width = FixedSizeOfColtyp(in.coltyp);
  ColumnKind kind;
  if ((g & JET_bitColumnTagged) != 0 || IsLong(in.coltyp) || (g & JET_bitColumnMultiValued) != 0) {
    if ((g & JET_bitColumnFixed) != 0) {
      return (g & JET_bitColumnMultiValued) != 0 ? JET_errMultiValuedColumnMustBeTagged
                                                 : JET_errInvalidParameter;
    }
    kind = ColumnKind::kTagged;
  } else if ((g & JET_bitColumnFixed) != 0 || type_width != 0) {
    kind = ColumnKind::kFixed;
  } else {
    kind = ColumnKind::kVariable;
  }
  if ((g & JET_bitColumnVersion) != 0 && in.coltyp != JET_coltypLong) {
    return JET_errInvalidParameter;
  }
  if ((g & JET_bitColumnAutoincrement) != 0 && in.coltyp != JET_coltypLong &&
      in.coltyp != JET_coltypCurrency) {
    return JET_errInvalidParameter;
  }
  if ((g & (JET_bitColumnVersion | JET_bitColumnAutoincrement)) != 0 &&
      kind != ColumnKind::kFixed) {
    return JET_errInvalidParameter;
  }
  ColumnDef c;
  c.name = in.name;
  c.coltyp = in.coltyp;
  if (IsTextual(in.coltyp)) {
    const uint32_t cp = in.cp == 0 ? 1252 : in.cp;
    if (cp != 1252 && cp != 1200) return JET_errInvalidCodePage;
    c.code_page = static_cast<uint16_t>(cp);
  }
  if (type_width != 0) {
    c.max_size = type_width;
  } else if (IsLong(in.coltyp)) {
    c.max_size = in.cb_max;
  } else {
    // Text / Binary: at most 255 bytes; fixed ones are exactly cbMax wide.
    if (in.cb_max > JET_cbColumnMost) return JET_errInvalidParameter;
    c.max_size = in.cb_max;
    if (kind == ColumnKind::kFixed && c.max_size == 0) c.max_size = JET_cbColumnMost;
  }
  const bool has_default = !in.default_value.empty();
  if (has_default) {
    const uint32_t limit = IsLong(in.coltyp) ? JET_cbLVDefaultValueMost
                           : c.max_size != 0 ? c.max_size
                                             : JET_cbColumnMost;
    if (in.default_value.size() > limit) return JET_errDefaultValueTooBig;
    if (type_width != 0 && in.default_value.size() != type_width) {
      return JET_errInvalidParameter;
    }
    c.default_value.assign(in.default_value.begin(), in.default_value.end());
  }
  c.flags = ColumnDef::FlagsFromGrbit(g, has_default);

  // The next id of its kind.
  uint32_t first = 1;
  uint32_t last = JET_ccolFixedMost;
  if (kind == ColumnKind::kVariable) {
    first = 128;
    last = 255;
  } else if (kind == ColumnKind::kTagged) {
    first = 256;
    last = 0xfffe;
  }
  uint32_t next = first;
  for (const ColumnDef& other : table.columns) {
    if (other.id >= first && other.id <= last) next = std::max(next, other.id + 1);
  }
  if (next > last) return JET_errTooManyColumns;
  c.id = next;
  if (kind == ColumnKind::kFixed) {
    // Right after the fixed data of the table as it is.
    TableDef copy;
    copy.columns = table.columns;
    copy.columns.push_back(c);
    if (copy.AssignFixedOffsets() < 0) return JET_errTooManyColumns;
    c.record_offset = copy.columns.back().record_offset;
  }
  *out = std::move(c);
  return JET_errSuccess;
}

JET_ERR BuildIndex(const char* name, const char* key, uint32_t cb_key, uint32_t grbit,
                   uint32_t density, const TableDef& table, IndexDef* out) {
  IndexDef index;
  if (const JET_ERR err = CheckObjectName(name, &index.name); err < 0) return err;
  if (key == nullptr || cb_key < 2 || key[cb_key - 1] != '\0' || key[cb_key - 2] != '\0') {
    return JET_errIndexInvalidDef;
  }
  if (density == 0) density = kDensityDefault;
  if (density < kDensityLeast || density > kDensityMost) return JET_errDensityInvalid;
  index.density = density;
  size_t pos = 0;
  while (pos < cb_key && key[pos] != '\0') {
    const char* segment = key + pos;
    const size_t len = strnlen(segment, cb_key - pos);
    pos += len + 1;
    bool descending = false;
    std::string_view column_name(segment, len);
    if (column_name.front() == '+' || column_name.front() == '-') {
      descending = column_name.front() == '-';
      column_name.remove_prefix(1);
    }
    if (column_name.empty()) return JET_errIndexInvalidDef;
    const ColumnDef* column = table.FindColumn(column_name);
    if (column == nullptr) return JET_errColumnNotFound;
    for (const IndexSegmentDef& s : index.segments) {
      if (s.column_id == column->id) return JET_errIndexInvalidDef;  // twice in the key
    }
    if (index.segments.size() == JET_ccolKeyMost) return JET_errIndexInvalidDef;
    IndexSegmentDef s;
    s.column_id = column->id;
    s.descending = descending;
    s.coltyp = column->coltyp;
    s.code_page = column->code_page;
    s.max_size = column->max_size;
    index.segments.push_back(s);
    if (column->multi_valued()) index.flags |= kIndexFlagMultivalued;
    if (IsTextual(column->coltyp) && column->code_page == 1200) {
      index.flags |= kIndexFlagLocalizedText;
    }
  }
  if (index.segments.empty()) return JET_errIndexInvalidDef;
  index.flags |= IndexDef::FlagsFromGrbit(grbit);
  index.lcmap_flags = kDefaultLcmapFlags;
  // Unicode text keys use this engine's own folding (key/unicode_fold.h),
  // named so that no one mistakes it for Windows' collation.
  index.locale_name = (index.flags & kIndexFlagLocalizedText) != 0
                          ? std::u16string(kJetsvcFoldV1LocaleName)
                          : std::u16string(kDefaultLocaleName);
  *out = std::move(index);
  return JET_errSuccess;
}

}  // namespace jet
