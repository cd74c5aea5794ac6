// What the record codec needs to know about a table's columns.
//
// The catalog (MSysObjects column rows, edb-format §9) fills these in; the
// record layer never reads the catalog itself. A column's storage class
// follows from its id alone (edb-format §7): 1..127 fixed, 128..255
// variable, 256 and up tagged.

#ifndef JETSVC_ENGINE_RECORD_COLUMN_SCHEMA_H_
#define JETSVC_ENGINE_RECORD_COLUMN_SCHEMA_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "esent.h"
#include "format/coltyp.h"  // FixedSizeOfColtyp

namespace jet {

// Column id ranges (ESE's FID).
inline constexpr uint32_t kFirstFixedColumnId = 1;
inline constexpr uint32_t kLastFixedColumnId = 127;
inline constexpr uint32_t kFirstVariableColumnId = 128;
inline constexpr uint32_t kLastVariableColumnId = 255;
inline constexpr uint32_t kFirstTaggedColumnId = 256;
inline constexpr uint32_t kLastTaggedColumnId = 0xffff;

enum class ColumnKind { kInvalid, kFixed, kVariable, kTagged };

// The storage class of a column id; kInvalid for 0 and ids above 0xffff.
ColumnKind KindOfColumnId(uint32_t column_id);

// JET_coltypLongText / JET_coltypLongBinary: the types whose tagged values
// carry the "long value" header bit and may be separated or compressed.
bool IsLongValueColtyp(uint32_t coltyp);

// True for JET_coltypBit .. JET_coltypUnsignedShort except JET_coltypSLV.
bool IsKnownColtyp(uint32_t coltyp);

struct ColumnSpec {
  uint32_t id = 0;  // FID: 1..127 fixed, 128..255 variable, 256+ tagged
  uint32_t coltyp = JET_coltypNil;
  // Fixed columns: the width in the record (catalog SpaceUsage). Others: the
  // maximum length, 0 meaning "the type's limit" (not enforced here).
  uint32_t max_size = 0;
  // Fixed columns: byte offset of the value from the start of the record
  // (catalog RecordOffset, >= 4). 0 = not known yet; RecordSchema computes
  // it from the widths of the fixed columns with lower ids.
  uint32_t fixed_offset = 0;
  bool multi_valued = false;  // JET_bitColumnMultiValued (tagged only)
  bool compressed = false;    // JET_bitColumnCompressed (long values only)
  // A template column seen from a derived table: its TAGFLD carries the
  // fDerived bit and sorts before the table's own tagged columns.
  bool derived = false;

  ColumnKind Kind() const { return KindOfColumnId(id); }
  // The width of a fixed column: the type's width, or max_size for
  // Text/Binary.
  uint32_t FixedWidth() const;
  bool IsLongValue() const { return IsLongValueColtyp(coltyp); }
};

// A table's columns, sorted by id, with fixed offsets filled in.
class RecordSchema {
 public:
  RecordSchema() = default;

  // Checks every column (id range, type, width, flags that need a tagged or
  // long-value column, duplicate ids, fixed offsets that overlap the header
  // or each other) and sorts them. JET_errBadColumnId, JET_errInvalidColumnType,
  // JET_errMultiValuedColumnMustBeTagged, JET_errColumnTooBig or
  // JET_errInvalidParameter on a bad definition.
  [[nodiscard]] static JET_ERR Create(std::vector<ColumnSpec> columns, RecordSchema* out);

  std::span<const ColumnSpec> columns() const { return columns_; }

  // The column with `column_id` (and, for tagged columns, `derived`), or
  // nullptr.
  const ColumnSpec* Find(uint32_t column_id, bool derived = false) const;

  // Highest fixed column id defined, 0 if none.
  uint32_t LastFixedColumnId() const { return last_fixed_id_; }
  // One past the last byte of fixed data: 4 + the widths (the offset where
  // the null bitmap starts when every fixed column is in the record).
  uint32_t EndOfFixedColumns() const { return end_of_fixed_; }

 private:
  std::vector<ColumnSpec> columns_;
  uint32_t last_fixed_id_ = 0;
  uint32_t end_of_fixed_ = 4;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_RECORD_COLUMN_SCHEMA_H_
