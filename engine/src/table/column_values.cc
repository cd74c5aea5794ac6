#include "table/column_values.h"

#include "record/compression.h"
#include "table/long_value_reader.h"

namespace jet {
namespace {

bool UsesDefault(const ColumnSource& source, bool in_record) {
  return !in_record && !source.ignore_default && source.def->has_default() &&
         !source.def->default_value.empty();
}

}  // namespace

JET_ERR ReadColumnValue(const ColumnSource& source, uint32_t itag, std::vector<uint8_t>* value,
                        bool* is_null) {
  value->clear();
  *is_null = true;
  if (itag == 0) return JET_errBadItagSequence;
  ColumnValue stored;
  bool in_record = false;
  const JET_ERR err = source.record->GetValue(*source.spec, itag, &stored, &in_record);
  if (err < 0) return err;
  if (err == JET_wrnColumnNull) {
    if (itag == 1 && UsesDefault(source, in_record)) {
      *value = source.def->default_value;
      *is_null = false;
    }
    return JET_errSuccess;
  }
  *is_null = false;
  if (stored.separated) {
    if (source.lv_tree == nullptr) return JET_errLVCorrupted;
    return ReadLongValue(*source.lv_tree, stored.lid, value);
  }
  if (stored.compressed) return DecompressToVector(stored.data, value);
  value->assign(stored.data.begin(), stored.data.end());
  return JET_errSuccess;
}

JET_ERR CountColumnValues(const ColumnSource& source, uint32_t* count) {
  *count = 0;
  if (const JET_ERR err = source.record->CountValues(*source.spec, count); err < 0) return err;
  if (*count == 0 && UsesDefault(source, source.record->InRecord(*source.spec))) *count = 1;
  return JET_errSuccess;
}

}  // namespace jet
