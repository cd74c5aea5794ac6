#include "record/column_schema.h"

#include <algorithm>

namespace jet {

namespace {

// JET_cbColumnMost: the longest fixed or variable value.
constexpr uint32_t kColumnMost = 255;

}  // namespace

ColumnKind KindOfColumnId(uint32_t column_id) {
  if (column_id >= kFirstFixedColumnId && column_id <= kLastFixedColumnId) {
    return ColumnKind::kFixed;
  }
  if (column_id >= kFirstVariableColumnId && column_id <= kLastVariableColumnId) {
    return ColumnKind::kVariable;
  }
  if (column_id >= kFirstTaggedColumnId && column_id <= kLastTaggedColumnId) {
    return ColumnKind::kTagged;
  }
  return ColumnKind::kInvalid;
}

bool IsLongValueColtyp(uint32_t coltyp) {
  return coltyp == JET_coltypLongBinary || coltyp == JET_coltypLongText;
}

bool IsKnownColtyp(uint32_t coltyp) {
  return coltyp >= JET_coltypBit && coltyp <= JET_coltypUnsignedShort && coltyp != JET_coltypSLV;
}

uint32_t ColumnSpec::FixedWidth() const {
  const uint32_t width = FixedSizeOfColtyp(coltyp);
  return width != 0 ? width : max_size;
}

JET_ERR RecordSchema::Create(std::vector<ColumnSpec> columns, RecordSchema* out) {
  std::sort(columns.begin(), columns.end(), [](const ColumnSpec& a, const ColumnSpec& b) {
    if (a.id != b.id) return a.id < b.id;
    return a.derived && !b.derived;
  });

  bool any_offset = false;
  bool all_offsets = true;
  for (size_t i = 0; i < columns.size(); ++i) {
    const ColumnSpec& c = columns[i];
    const ColumnKind kind = c.Kind();
    if (kind == ColumnKind::kInvalid) return JET_errBadColumnId;
    if (i > 0 && columns[i - 1].id == c.id && columns[i - 1].derived == c.derived) {
      return JET_errInvalidParameter;
    }
    if (!IsKnownColtyp(c.coltyp)) return JET_errInvalidColumnType;
    if (c.derived && kind != ColumnKind::kTagged) return JET_errInvalidParameter;
    if (c.multi_valued && kind != ColumnKind::kTagged) {
      return JET_errMultiValuedColumnMustBeTagged;
    }
    if (c.compressed && !c.IsLongValue()) return JET_errInvalidParameter;
    if (kind == ColumnKind::kFixed) {
      if (c.IsLongValue()) return JET_errInvalidColumnType;
      const uint32_t width = c.FixedWidth();
      if (width == 0) return JET_errInvalidParameter;
      if (width > kColumnMost) return JET_errColumnTooBig;
      if (c.fixed_offset != 0) {
        any_offset = true;
      } else {
        all_offsets = false;
      }
    } else if (kind == ColumnKind::kVariable) {
      if (c.IsLongValue()) return JET_errInvalidColumnType;
      if (c.max_size > kColumnMost) return JET_errColumnTooBig;
    }
  }
  if (any_offset && !all_offsets) return JET_errInvalidParameter;

  // Fixed columns are laid out in id order right after the 4-byte header
  // (edb-format §7). Catalog offsets may leave gaps (a deleted column keeps
  // its bytes) but never overlap or go backwards.
  uint32_t end = 4;
  uint32_t last_fixed = 0;
  for (ColumnSpec& c : columns) {
    if (c.Kind() != ColumnKind::kFixed) continue;
    if (!any_offset) c.fixed_offset = end;
    if (c.fixed_offset < end) return JET_errInvalidParameter;
    end = c.fixed_offset + c.FixedWidth();
    last_fixed = c.id;
  }
  // ibEndOfFixedData is 16 bits and also covers the null bitmap.
  if (end + (last_fixed + 7) / 8 > 0x7fff) return JET_errRecordTooBig;

  out->columns_ = std::move(columns);
  out->last_fixed_id_ = last_fixed;
  out->end_of_fixed_ = end;
  return JET_errSuccess;
}

const ColumnSpec* RecordSchema::Find(uint32_t column_id, bool derived) const {
  auto it = std::lower_bound(columns_.begin(), columns_.end(), column_id,
                             [](const ColumnSpec& c, uint32_t id) { return c.id < id; });
  for (; it != columns_.end() && it->id == column_id; ++it) {
    if (it->Kind() != ColumnKind::kTagged || it->derived == derived) return &*it;
  }
  return nullptr;
}

}  // namespace jet
