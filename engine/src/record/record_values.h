// A record's column values as plain data: what RecordReader::DecodeAll
// produces and EncodeRecord consumes. Values are kept as stored: a separated
// long value is its LID bytes, a compressed one its compressed bytes.

#ifndef JETSVC_ENGINE_RECORD_RECORD_VALUES_H_
#define JETSVC_ENGINE_RECORD_RECORD_VALUES_H_

#include <cstdint>
#include <vector>

namespace jet {

struct ValueInstance {
  std::vector<uint8_t> data;
  bool separated = false;   // data is a LID reference (long_value.h)
  bool compressed = false;  // data is compressed (compression.h)

  friend bool operator==(const ValueInstance&, const ValueInstance&) = default;
};

struct ColumnData {
  uint32_t id = 0;
  bool derived = false;  // tagged template column (TAGFLD fDerived)
  // Tagged columns: an explicit NULL that overrides the column's default
  // (no values). Fixed and variable columns: NULL, same as no entry.
  bool null = false;
  // Fixed and variable columns: one value. Tagged: one or more, in
  // itagSequence order.
  std::vector<ValueInstance> values;

  friend bool operator==(const ColumnData&, const ColumnData&) = default;
};

// Columns sorted the way DecodeAll returns them: by kind (fixed, variable,
// tagged), then derived tagged columns first, then by id. EncodeRecord takes
// them in any order.
struct RecordValues {
  std::vector<ColumnData> columns;

  friend bool operator==(const RecordValues&, const RecordValues&) = default;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_RECORD_RECORD_VALUES_H_
