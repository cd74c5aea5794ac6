#include "record/record_reader.h"

#include <algorithm>
#include <cstring>

#include "format/endian.h"
#include "record/compression.h"

namespace jet {

JET_ERR RecordReader::Open(std::span<const uint8_t> record, const RecordFormat& format,
                           RecordReader* out) {
  *out = RecordReader();
  if (record.size() < kRecordHeaderSize) return JET_errDatabaseCorrupted;
  const uint32_t last_fixed = record[0];
  const uint32_t last_var = record[1];
  const size_t end_of_fixed = LoadLE16(&record[2]);
  if (last_fixed > kLastFixedColumnId) return JET_errDatabaseCorrupted;
  if (last_var < kNoVariableColumns || last_var > kLastVariableColumnId) {
    return JET_errDatabaseCorrupted;
  }
  const size_t bitmap_size = (last_fixed + 7) / 8;
  if (end_of_fixed < kRecordHeaderSize + bitmap_size || end_of_fixed > record.size()) {
    return JET_errDatabaseCorrupted;
  }

  // Variable offsets: the END of each value, relative to the start of the
  // variable data; a NULL value ends where the previous one did.
  const size_t var_count = last_var - kNoVariableColumns;
  if (record.size() - end_of_fixed < 2 * var_count) return JET_errDatabaseCorrupted;
  const size_t var_data = end_of_fixed + 2 * var_count;
  size_t var_end = 0;
  for (size_t i = 0; i < var_count; ++i) {
    const size_t end = LoadLE16(&record[end_of_fixed + 2 * i]) & kVarOffsetMask;
    if (end < var_end) return JET_errDatabaseCorrupted;
    var_end = end;
  }
  if (record.size() - var_data < var_end) return JET_errDatabaseCorrupted;

  const JET_ERR err = TaggedArea::Parse(record.subspan(var_data + var_end), format, &out->tagged_);
  if (err < 0) return err;
  out->record_ = record;
  out->last_fixed_ = last_fixed;
  out->last_var_ = last_var;
  out->end_of_fixed_ = end_of_fixed;
  out->var_data_ = var_data;
  return JET_errSuccess;
}

bool RecordReader::InRecord(const ColumnSpec& column) const {
  switch (column.Kind()) {
    case ColumnKind::kFixed:
      return column.id <= last_fixed_;
    case ColumnKind::kVariable:
      return column.id <= last_var_;
    case ColumnKind::kTagged:
      return tagged_.Find(column.id, column.derived) != nullptr;
    default:
      return false;
  }
}

JET_ERR RecordReader::FixedValue(const ColumnSpec& column, ColumnValue* value, bool* null) const {
  const size_t bitmap_size = (last_fixed_ + 7) / 8;
  const size_t bitmap = end_of_fixed_ - bitmap_size;
  const uint32_t index = column.id - 1;
  // Bit set = NULL (rec.hxx, FFixedNullBit).
  *null = (record_[bitmap + index / 8] & (1u << (index % 8))) != 0;
  const size_t width = column.FixedWidth();
  const size_t offset = column.fixed_offset;
  if (offset < kRecordHeaderSize || width == 0) return JET_errInvalidParameter;
  if (offset > bitmap || bitmap - offset < width) return JET_errDatabaseCorrupted;
  if (!*null) value->data = record_.subspan(offset, width);
  return JET_errSuccess;
}

void RecordReader::VariableValue(uint32_t column_id, ColumnValue* value, bool* null) const {
  const size_t index = column_id - kFirstVariableColumnId;
  const uint16_t entry = LoadLE16(&record_[end_of_fixed_ + 2 * index]);
  *null = (entry & kVarOffsetNull) != 0;
  if (*null) return;
  const size_t start =
      index == 0 ? 0 : (LoadLE16(&record_[end_of_fixed_ + 2 * (index - 1)]) & kVarOffsetMask);
  const size_t end = entry & kVarOffsetMask;
  value->data = record_.subspan(var_data_ + start, end - start);
}

JET_ERR RecordReader::CountValues(const ColumnSpec& column, uint32_t* count) const {
  *count = 0;
  switch (column.Kind()) {
    case ColumnKind::kFixed: {
      if (column.id > last_fixed_) return JET_errSuccess;
      ColumnValue v;
      bool null = false;
      const JET_ERR err = FixedValue(column, &v, &null);
      if (err < 0) return err;
      *count = null ? 0 : 1;
      return JET_errSuccess;
    }
    case ColumnKind::kVariable: {
      if (column.id > last_var_) return JET_errSuccess;
      ColumnValue v;
      bool null = false;
      VariableValue(column.id, &v, &null);
      *count = null ? 0 : 1;
      return JET_errSuccess;
    }
    case ColumnKind::kTagged: {
      const TaggedColumn* c = tagged_.Find(column.id, column.derived);
      if (c != nullptr) *count = c->count;
      return JET_errSuccess;
    }
    default:
      return JET_errBadColumnId;
  }
}

JET_ERR RecordReader::GetValue(const ColumnSpec& column, uint32_t itag_sequence, ColumnValue* value,
                               bool* in_record) const {
  *value = ColumnValue();
  if (in_record != nullptr) *in_record = false;
  if (itag_sequence == 0) return JET_errBadItagSequence;
  const ColumnKind kind = column.Kind();
  if (kind == ColumnKind::kInvalid) return JET_errBadColumnId;
  const bool present = InRecord(column);
  if (in_record != nullptr) *in_record = present;
  if (!present) return JET_wrnColumnNull;

  if (kind == ColumnKind::kFixed || kind == ColumnKind::kVariable) {
    bool null = false;
    if (kind == ColumnKind::kFixed) {
      ColumnValue v;
      const JET_ERR err = FixedValue(column, &v, &null);
      if (err < 0) return err;
      if (!null && itag_sequence == 1) *value = v;
    } else {
      ColumnValue v;
      VariableValue(column.id, &v, &null);
      if (!null && itag_sequence == 1) *value = v;
    }
    return (null || itag_sequence != 1) ? JET_wrnColumnNull : JET_errSuccess;
  }

  const TaggedColumn* c = tagged_.Find(column.id, column.derived);
  if (c == nullptr || itag_sequence > c->count) return JET_wrnColumnNull;
  const TaggedInstance inst = tagged_.Instance(*c, itag_sequence - 1);
  ColumnValue v;
  v.data = inst.data;
  v.separated = inst.separated;
  v.compressed = inst.compressed;
  v.long_value = inst.long_value;
  v.encrypted = inst.encrypted;
  if (v.separated) {
    const JET_ERR err = DecodeLidReference(v.data, &v.lid);
    if (err < 0) return err;
  }
  *value = v;
  return JET_errSuccess;
}

JET_ERR RecordReader::DecodeAll(const RecordSchema& schema, RecordValues* out) const {
  out->columns.clear();
  for (const ColumnSpec& column : schema.columns()) {
    if (column.Kind() != ColumnKind::kFixed || column.id > last_fixed_) continue;
    ColumnValue v;
    bool null = false;
    const JET_ERR err = FixedValue(column, &v, &null);
    if (err < 0) return err;
    if (null) continue;
    ColumnData data;
    data.id = column.id;
    data.values.push_back(ValueInstance{{v.data.begin(), v.data.end()}, false, false});
    out->columns.push_back(std::move(data));
  }
  for (uint32_t id = kFirstVariableColumnId; id <= last_var_; ++id) {
    ColumnValue v;
    bool null = false;
    VariableValue(id, &v, &null);
    if (null) continue;
    ColumnData data;
    data.id = id;
    data.values.push_back(ValueInstance{{v.data.begin(), v.data.end()}, false, false});
    out->columns.push_back(std::move(data));
  }
  for (const TaggedColumn& c : tagged_.columns()) {
    ColumnData data;
    data.id = c.fid;
    data.derived = c.derived;
    data.null = c.null;
    for (uint32_t i = 0; i < c.count; ++i) {
      const TaggedInstance inst = tagged_.Instance(c, i);
      if (inst.separated) {
        LvId lid = 0;
        const JET_ERR err = DecodeLidReference(inst.data, &lid);
        if (err < 0) return err;
      }
      data.values.push_back(
          ValueInstance{{inst.data.begin(), inst.data.end()}, inst.separated, inst.compressed});
    }
    out->columns.push_back(std::move(data));
  }
  return JET_errSuccess;
}

JET_ERR CopyValue(const ColumnValue& value, std::span<uint8_t> buffer, size_t* actual) {
  *actual = 0;
  if (value.separated) return JET_errInvalidParameter;
  if (value.compressed) return Decompress(value.data, buffer, actual);
  const size_t n = std::min(buffer.size(), value.data.size());
  if (n > 0) std::memcpy(buffer.data(), value.data.data(), n);
  *actual = value.data.size();
  return n < value.data.size() ? JET_wrnBufferTruncated : JET_errSuccess;
}

}  // namespace jet
