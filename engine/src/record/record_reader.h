// Reads column values out of an ESE record (REC), format 0x620:
//
//   u8  fidFixedLastInRec   u8 fidVarLastInRec   u16 ibEndOfFixedData
//   fixed values (catalog offsets) | null bitmap | u16 var end offsets |
//   var data | tagged area (tagged_fields.h)
//
// Open() checks the whole record once; afterwards every lookup stays inside
// it. A malformed record gives JET_errDatabaseCorrupted, never an
// out-of-bounds read. docs/formats/record.md has the byte layout.
//
// Values come back as stored (spans into the record): a separated long value
// is its LID (fetch it from the LV tree, long_value.h), a compressed one is
// compressed. CopyValue() turns an inline value into the bytes
// JetRetrieveColumn returns.

#ifndef JETSVC_ENGINE_RECORD_RECORD_READER_H_
#define JETSVC_ENGINE_RECORD_RECORD_READER_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "record/column_schema.h"
#include "esent.h"
#include "record/long_value.h"
#include "record/record_format.h"
#include "record/record_values.h"
#include "record/tagged_fields.h"

namespace jet {

// One value of a column, as stored in the record.
struct ColumnValue {
  std::span<const uint8_t> data;
  bool separated = false;   // data is the LID of a long value (see lid)
  bool compressed = false;  // data is compressed; CopyValue decompresses
  bool long_value = false;  // the tagged header marks a LongText/LongBinary column
  bool encrypted = false;
  LvId lid = 0;  // when separated
};

class RecordReader {
 public:
  RecordReader() = default;

  // Checks and indexes `record`, which must outlive the reader.
  [[nodiscard]] static JET_ERR Open(std::span<const uint8_t> record, const RecordFormat& format,
                                    RecordReader* out);

  uint32_t LastFixedColumnId() const { return last_fixed_; }
  uint32_t LastVariableColumnId() const { return last_var_; }

  // False when the record says nothing about the column (a fixed or
  // variable id beyond the last one stored, a tagged column without a
  // TAGFLD): its value is then the column's default, or NULL.
  bool InRecord(const ColumnSpec& column) const;

  // The number of values: 0 for NULL or not in the record, 1 for a fixed or
  // variable value, 1..n for a tagged column. JET_errDatabaseCorrupted when
  // the column's bytes do not fit the record (schema and record disagree).
  [[nodiscard]] JET_ERR CountValues(const ColumnSpec& column, uint32_t* count) const;

  // Value number `itag_sequence` (1-based) of `column`. JET_wrnColumnNull,
  // with an empty value, when the column is NULL, not in the record or has
  // fewer values; JET_errBadItagSequence for 0. `*in_record` (optional)
  // receives InRecord(column).
  [[nodiscard]] JET_ERR GetValue(const ColumnSpec& column, uint32_t itag_sequence,
                                 ColumnValue* value, bool* in_record = nullptr) const;

  // Every column of `schema` the record holds a non-NULL value for, plus
  // tagged columns that are in the record but not in the schema and explicit
  // tagged NULLs (RecordValues order). Fixed columns not in the schema are
  // skipped: their widths are unknown.
  [[nodiscard]] JET_ERR DecodeAll(const RecordSchema& schema, RecordValues* out) const;

  const TaggedArea& tagged() const { return tagged_; }

 private:
  [[nodiscard]] JET_ERR FixedValue(const ColumnSpec& column, ColumnValue* value, bool* null) const;
  void VariableValue(uint32_t column_id, ColumnValue* value, bool* null) const;

  std::span<const uint8_t> record_;
  uint32_t last_fixed_ = 0;
  uint32_t last_var_ = kNoVariableColumns;
  size_t end_of_fixed_ = kRecordHeaderSize;  // start of the var offset array
  size_t var_data_ = kRecordHeaderSize;      // start of the var data
  TaggedArea tagged_;
};

// JetRetrieveColumn's copy: decompresses a compressed value, copies as much
// as fits into `buffer` and sets `*actual` to the full size
// (JET_wrnBufferTruncated when it did not fit). A separated value cannot be
// copied from the record: JET_errInvalidParameter (read the LV tree).
[[nodiscard]] JET_ERR CopyValue(const ColumnValue& value, std::span<uint8_t> buffer,
                                size_t* actual);

}  // namespace jet

#endif  // JETSVC_ENGINE_RECORD_RECORD_READER_H_
