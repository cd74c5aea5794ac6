#include "table/record_update.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <utility>

#include "key/key_format.h"
#include "record/compression.h"
#include "record/record_reader.h"
#include "record/record_writer.h"

namespace jet {
namespace {

// The JET_bitSet* bits JetSetColumn takes (esent.h).
constexpr JET_GRBIT kKnownSetBits =
    JET_bitSetAppendLV | JET_bitSetOverwriteLV | JET_bitSetSizeLV | JET_bitSetZeroLength |
    JET_bitSetSeparateLV | JET_bitSetUniqueMultiValues | JET_bitSetUniqueNormalizedMultiValues |
    JET_bitSetRevertToDefaultValue | JET_bitSetIntrinsicLV | JET_bitSetUncompressed |
    JET_bitSetCompressed;

// JetSetColumn's documented limit for JET_bitSetIntrinsicLV ("more than 1024
// bytes ... JET_errColumnTooBig").
constexpr uint32_t kForcedIntrinsicMost = 1024;

// ESE compares JET_bitSetUniqueNormalizedMultiValues values on their first
// JET_cbKeyMost_OLD normalised bytes (fldmod.cxx).
constexpr size_t kUniqueCompareMost = kCbKeyMostOld;

std::vector<uint8_t> LittleEndian(uint64_t v, size_t width) {
  std::vector<uint8_t> out(width);
  for (size_t i = 0; i < width; ++i) out[i] = static_cast<uint8_t>(v >> (8 * i));
  return out;
}

uint64_t FromLittleEndian(std::span<const uint8_t> b) {
  uint64_t v = 0;
  for (size_t i = 0; i < b.size() && i < 8; ++i) v |= uint64_t{b[i]} << (8 * i);
  return v;
}

bool IsTextOrBinary(uint32_t coltyp) {
  return coltyp == JET_coltypText || coltyp == JET_coltypBinary;
}

// A cheap stand-in for ESE's normalised comparison of multi-values: ASCII
// text compares case-insensitively (what the key normaliser does to it),
// everything else byte for byte.
std::vector<uint8_t> NormalizeForUnique(const ColumnDef& def, std::span<const uint8_t> v,
                                        bool* truncated) {
  std::vector<uint8_t> out(v.begin(), v.begin() + std::min(v.size(), kUniqueCompareMost));
  *truncated = v.size() > kUniqueCompareMost;
  if (IsTextColumnType(def.coltyp) && def.code_page != kCodePageUnicode) {
    for (uint8_t& c : out) {
      if (c >= 'a' && c <= 'z') c = static_cast<uint8_t>(c - 'a' + 'A');
    }
  }
  return out;
}

}  // namespace

JET_ERR SeparatedLongValuesOf(const TableDef& table, uint32_t page_size,
                              std::span<const uint8_t> record, std::vector<LvId>* lids) {
  lids->clear();
  RecordSchema schema;
  if (const JET_ERR err = table.ToRecordSchema(&schema); err < 0) return err;
  RecordReader reader;
  if (const JET_ERR err = RecordReader::Open(record, RecordFormat{page_size, true}, &reader);
      err < 0)
    return err;
  RecordValues values;
  if (const JET_ERR err = reader.DecodeAll(schema, &values); err < 0) return err;
  for (const ColumnData& cd : values.columns) {
    for (const ValueInstance& vi : cd.values) {
      if (!vi.separated) continue;
      LvId lid = 0;
      if (const JET_ERR err = DecodeLidReference(vi.data, &lid); err < 0) return err;
      lids->push_back(lid);
    }
  }
  return JET_errSuccess;
}

uint32_t RecordUpdate::MaxRecordSize(uint32_t page_size) {
  const uint32_t chunk = DefaultLvChunkSize(page_size);
  return chunk != 0 ? chunk : page_size / 2;
}

uint32_t RecordUpdate::IntrinsicLvLimit(uint32_t page_size) {
  return std::min<uint32_t>(kLvIntrinsicMost, page_size / 2);
}

const ColumnDef* RecordUpdate::FindDef(uint32_t columnid) const {
  const ColumnDef* def = table_->FindColumn(columnid);
  if (def == nullptr || def->deleted()) return nullptr;
  return def;
}

JET_ERR RecordUpdate::Prepare(const TableDef& table, uint32_t page_size, uint32_t prep,
                              std::span<const uint8_t> current, uint64_t autoinc,
                              LvFetcher fetch, RecordUpdate* out) {
  RecordUpdate u;
  switch (prep) {
    case JET_prepInsert: u.kind_ = UpdateKind::kInsert; break;
    case JET_prepReplace:
    case JET_prepReplaceNoLock: u.kind_ = UpdateKind::kReplace; break;
    case JET_prepInsertCopy: u.kind_ = UpdateKind::kInsertCopy; break;
    default: return JET_errInvalidParameter;
  }
  u.table_ = &table;
  u.page_size_ = page_size;
  u.fetch_ = std::move(fetch);
  if (const JET_ERR err = table.ToRecordSchema(&u.schema_, &u.defaults_); err < 0) return err;

  if (u.kind_ != UpdateKind::kInsert) {
    RecordReader reader;
    const RecordFormat format{page_size, true};
    if (const JET_ERR err = RecordReader::Open(current, format, &reader); err < 0) return err;
    RecordValues values;
    if (const JET_ERR err = reader.DecodeAll(u.schema_, &values); err < 0) return err;
    for (const ColumnData& cd : values.columns) {
      Column col;
      col.null_override = cd.null;
      for (const ValueInstance& vi : cd.values) {
        Value v;
        if (vi.separated) {
          if (const JET_ERR err = DecodeLidReference(vi.data, &v.lid); err < 0) return err;
          v.loaded = false;
        } else if (vi.compressed) {
          if (const JET_ERR err = DecompressToVector(vi.data, &v.data); err < 0) return err;
        } else {
          v.data = vi.data;
        }
        col.values.push_back(std::move(v));
      }
      u.columns_[cd.id] = std::move(col);
    }
    // A fixed or variable column the record stores as NULL is NULL, not its
    // default: remember it.
    for (const ColumnSpec& spec : u.schema_.columns()) {
      if (spec.Kind() == ColumnKind::kTagged || u.columns_.count(spec.id) != 0) continue;
      if (reader.InRecord(spec)) u.columns_[spec.id].null_override = true;
    }
    u.original_ = u.columns_;
  }

  if (u.kind_ != UpdateKind::kReplace) {
    for (const ColumnDef& def : table.columns) {
      if (!def.autoincrement() || def.deleted() || def.from_template) continue;
      const size_t width = def.coltyp == JET_coltypLong ? 4 : 8;
      Column col;
      col.values.push_back(Value{LittleEndian(autoinc, width)});
      u.columns_[def.id] = std::move(col);
      u.touched_.push_back(def.id);
    }
  }
  *out = std::move(u);
  return JET_errSuccess;
}

bool RecordUpdate::HasStoredState(uint32_t columnid) const {
  return columns_.count(columnid) != 0;
}

JET_ERR RecordUpdate::Load(Value* v) {
  if (v->loaded) return JET_errSuccess;
  if (!fetch_) return JET_errLVCorrupted;
  if (const JET_ERR err = fetch_(v->lid, &v->data); err < 0) return err;
  v->loaded = true;
  return JET_errSuccess;
}

JET_ERR RecordUpdate::CheckUnique(const ColumnDef& def, Column* col, size_t skip_index,
                                  std::span<const uint8_t> data, bool normalized) {
  bool new_trunc = false;
  const std::vector<uint8_t> mine =
      normalized ? NormalizeForUnique(def, data, &new_trunc)
                 : std::vector<uint8_t>(data.begin(), data.end());
  for (size_t i = 0; i < col->values.size(); ++i) {
    if (i == skip_index) continue;
    if (const JET_ERR err = Load(&col->values[i]); err < 0) return err;
    const std::vector<uint8_t>& other = col->values[i].data;
    if (!normalized) {
      if (other.size() == data.size() && std::equal(other.begin(), other.end(), data.begin()))
        return JET_errMultiValuedDuplicate;
      continue;
    }
    bool other_trunc = false;
    if (NormalizeForUnique(def, other, &other_trunc) == mine) {
      return (new_trunc || other_trunc) ? JET_errMultiValuedDuplicateAfterTruncation
                                        : JET_errMultiValuedDuplicate;
    }
  }
  return JET_errSuccess;
}

JET_ERR RecordUpdate::SetColumn(uint32_t columnid, const void* data, unsigned long cb,
                                JET_GRBIT grbit, const JET_SETINFO* setinfo) {
  uint32_t itag = 1;
  uint32_t ib = 0;
  if (setinfo != nullptr) {
    if (setinfo->cbStruct < sizeof(JET_SETINFO)) return JET_errInvalidParameter;
    itag = setinfo->itagSequence;
    ib = setinfo->ibLongValue;
  }
  if ((grbit & ~kKnownSetBits) != 0) return JET_errInvalidGrbit;
  const bool unique = (grbit & (JET_bitSetUniqueMultiValues |
                                JET_bitSetUniqueNormalizedMultiValues)) != 0;
  // ErrFLDSetOneColumn: uniqueness does not combine with partial LV updates.
  if (unique && (grbit & (JET_bitSetAppendLV | JET_bitSetOverwriteLV | JET_bitSetSizeLV)) != 0)
    return JET_errInvalidGrbit;
  if ((grbit & JET_bitSetSeparateLV) && (grbit & JET_bitSetIntrinsicLV)) return JET_errInvalidGrbit;
  if ((grbit & JET_bitSetCompressed) && (grbit & JET_bitSetUncompressed)) return JET_errInvalidGrbit;
  if (cb > JET_cbLVColumnMost) return JET_errInvalidParameter;

  const ColumnDef* def = FindDef(columnid);
  if (def == nullptr) return JET_errColumnNotFound;
  // A NULL buffer is zero bytes, except for JET_bitSetSizeLV.
  if (data == nullptr && !(grbit & JET_bitSetSizeLV)) cb = 0;
  // ESE: an autoincrement column can never be set, a version column not
  // during a replace (JET_errInvalidColumnType).
  if (def->autoincrement()) return JET_errInvalidColumnType;
  if (def->version() && kind_ == UpdateKind::kReplace) return JET_errInvalidColumnType;

  if (grbit & JET_bitSetRevertToDefaultValue) {
    // The column reads as its default again: every value goes.
    columns_.erase(columnid);
    touched_.push_back(columnid);
    return JET_errSuccess;
  }

  // The column's current state: a column without one reads as its default,
  // which becomes the first value once the column is modified.
  auto [it, inserted] = columns_.try_emplace(columnid);
  Column* col = &it->second;
  if (inserted && def->has_default() && !def->default_value.empty()) {
    for (const ColumnData& d : defaults_.columns) {
      if (d.id == columnid && !d.values.empty()) col->values.push_back(Value{d.values[0].data});
    }
  }
  const JET_ERR err = ApplyValue(*def, col, itag, ib, static_cast<const uint8_t*>(data), cb, grbit,
                                  unique);
  if (err < 0) {
    // A failed JetSetColumn leaves the copy buffer as it was.
    if (inserted) columns_.erase(it);
    return err;
  }
  touched_.push_back(columnid);
  return err;
}

JET_ERR RecordUpdate::ApplyValue(const ColumnDef& def_ref, Column* col, uint32_t itag, uint32_t ib,
                                 const uint8_t* bytes, uint32_t cb, JET_GRBIT grbit, bool unique) {
  const ColumnDef* def = &def_ref;
  if (def->tagged() && !def->multi_valued() && itag > 1 && !col->values.empty()) {
    // A second value in a column that is not multi-valued.
    return JET_errMultiValuedColumnMustBeTagged;
  }
  // Fixed and variable columns hold one value: the itag does not matter.
  if (!def->tagged() || !def->multi_valued()) itag = 1;

  if (IsLongValueColtyp(def->coltyp)) {
    const JET_ERR err = SetLongValue(*def, col, itag, ib, bytes, cb, grbit);
    if (err < 0) return err;
    col->null_override = col->values.empty();
    return err;
  }

  // Value index: itag 0 or beyond the last value adds one.
  const size_t index =
      (itag == 0 || itag > col->values.size()) ? col->values.size() : itag - 1;
  const bool set_null = cb == 0 && !(grbit & JET_bitSetZeroLength);
  if (set_null) {
    // ESE refuses a NULL for a NOT NULL column right away.
    if (def->not_null()) return JET_errNullInvalid;
    if (index < col->values.size()) col->values.erase(col->values.begin() + index);
    col->null_override = col->values.empty();
    return JET_errSuccess;
  }

  std::vector<uint8_t> value(bytes, bytes + cb);
  JET_ERR warning = JET_errSuccess;
  if (def->fixed()) {
    const ColumnSpec spec = def->ToColumnSpec();
    const uint32_t width = spec.FixedWidth();
    if (IsTextOrBinary(def->coltyp)) {
      // ErrRECISetIFixedColumn: too long is JET_errInvalidBufferSize.
      if (cb > width) return JET_errInvalidBufferSize;
      // Shorter fixed Text is padded with spaces, Binary with zeros.
      if (def->coltyp == JET_coltypText && def->code_page == kCodePageUnicode) {
        while (value.size() + 2 <= width) { value.push_back(0x20); value.push_back(0x00); }
        value.resize(width, 0x00);
      } else {
        value.resize(width, def->coltyp == JET_coltypText ? 0x20 : 0x00);
      }
    } else if (cb != width) {
      return JET_errInvalidBufferSize;
    }
  } else if (IsTextOrBinary(def->coltyp)) {
    // The column's maximum, JET_cbColumnMost when it has none. A variable
    // column is cut to it with JET_wrnColumnMaxTruncated
    // (ErrRECISetVarColumn), a tagged one refuses the value with
    // JET_errColumnTooBig (ErrRECISetTaggedColumn).
    const uint32_t limit = def->max_size != 0 ? def->max_size : JET_cbColumnMost;
    if (value.size() > limit) {
      if (def->tagged()) return JET_errColumnTooBig;
      value.resize(limit);
      warning = JET_wrnColumnMaxTruncated;
    }
  } else {
    const size_t width = FixedWidthOfColumnType(def->coltyp);
    if (width != 0 && cb != width) return JET_errInvalidBufferSize;
  }
  if (def->coltyp == JET_coltypBit) value[0] = value[0] != 0 ? 0xff : 0x00;

  if (unique) {
    const JET_ERR err = CheckUnique(*def, col, index, value,
                                    (grbit & JET_bitSetUniqueNormalizedMultiValues) != 0);
    if (err < 0) return err;
  }
  if (index < col->values.size()) {
    col->values[index] = Value{std::move(value)};
  } else {
    col->values.push_back(Value{std::move(value)});
  }
  col->null_override = false;
  return warning;
}

JET_ERR RecordUpdate::SetLongValue(const ColumnDef& def, Column* col, uint32_t itag, uint32_t ib,
                                   const uint8_t* data, uint32_t cb, JET_GRBIT grbit) {
  const size_t index =
      (itag == 0 || itag > col->values.size()) ? col->values.size() : itag - 1;
  const bool fresh = index >= col->values.size();  // a new value (ESE's fNewInstance)
  const bool no_data = cb == 0;
  // ESE's "LV grbit matrix" (lv.cxx ErrLVOpFromGrbit): what each
  // combination of the four LV bits does to a new or an existing value.
  enum class Op { kNothing, kReplace, kZeroLength, kDelete, kAppend, kOverwrite, kResize,
                  kOverwriteResize };
  Op op = Op::kNothing;
  const JET_GRBIT lv_bits = grbit & (JET_bitSetAppendLV | JET_bitSetOverwriteLV |
                                     JET_bitSetSizeLV | JET_bitSetZeroLength);
  switch (lv_bits) {
    case JET_bitSetAppendLV:
      op = no_data ? (fresh ? Op::kZeroLength : Op::kNothing) : (fresh ? Op::kReplace : Op::kAppend);
      break;
    case JET_bitSetOverwriteLV:
      if (fresh && ib != 0) return JET_errColumnNoChunk;
      op = no_data ? (fresh ? Op::kZeroLength : Op::kNothing) : (fresh ? Op::kReplace : Op::kOverwrite);
      break;
    case JET_bitSetSizeLV:
    case JET_bitSetSizeLV | JET_bitSetZeroLength:
      op = no_data ? (lv_bits == JET_bitSetSizeLV ? Op::kDelete : Op::kZeroLength) : Op::kResize;
      break;
    case JET_bitSetZeroLength:
      op = no_data ? Op::kZeroLength : Op::kReplace;
      break;
    case JET_bitSetSizeLV | JET_bitSetOverwriteLV:
      if (no_data) {
        op = Op::kDelete;
      } else if (fresh) {
        if (ib != 0) return JET_errColumnNoChunk;
        op = Op::kReplace;
      } else {
        op = Op::kOverwriteResize;
      }
      break;
    case 0:
      op = no_data ? Op::kDelete : Op::kReplace;  // ibLongValue plays no part
      break;
    default:
      return JET_errInvalidGrbit;
  }

  std::vector<uint8_t> value;
  if (!fresh && (op == Op::kAppend || op == Op::kOverwrite || op == Op::kResize ||
                 op == Op::kOverwriteResize)) {
    if (const JET_ERR err = Load(&col->values[index]); err < 0) return err;
    value = col->values[index].data;
  }
  switch (op) {
    case Op::kNothing:
      return JET_errSuccess;
    case Op::kDelete:
      if (!fresh) col->values.erase(col->values.begin() + index);
      return JET_errSuccess;
    case Op::kZeroLength:
      break;
    case Op::kReplace:
      value.assign(data, data + cb);
      break;
    case Op::kAppend:
      value.insert(value.end(), data, data + cb);
      break;
    case Op::kResize:
      value.resize(cb, 0);  // cbData is the size: longer adds zeros, shorter cuts
      break;
    case Op::kOverwrite:
    case Op::kOverwriteResize:
      if (ib > value.size()) return JET_errColumnNoChunk;
      if (op == Op::kOverwriteResize || value.size() < size_t{ib} + cb) value.resize(size_t{ib} + cb);
      std::memcpy(value.data() + ib, data, cb);
      break;
  }

  if (def.max_size != 0 && value.size() > def.max_size) return JET_errColumnTooBig;
  if ((grbit & JET_bitSetIntrinsicLV) && value.size() > kForcedIntrinsicMost)
    return JET_errColumnTooBig;
  if (grbit & (JET_bitSetUniqueMultiValues | JET_bitSetUniqueNormalizedMultiValues)) {
    const JET_ERR err = CheckUnique(def, col, index, value,
                                    (grbit & JET_bitSetUniqueNormalizedMultiValues) != 0);
    if (err < 0) return err;
  }
  Value v;
  v.data = std::move(value);
  v.force_separate = (grbit & JET_bitSetSeparateLV) != 0;
  v.force_intrinsic = (grbit & JET_bitSetIntrinsicLV) != 0;
  if (grbit & JET_bitSetCompressed) v.compress = 1;
  if (grbit & JET_bitSetUncompressed) v.compress = 0;
  if (!fresh) {
    col->values[index] = std::move(v);
  } else {
    col->values.push_back(std::move(v));
  }
  return JET_errSuccess;
}

JET_ERR RecordUpdate::RetrieveCopy(uint32_t columnid, uint32_t itag, bool ignore_default,
                                   std::vector<uint8_t>* value, bool* is_null) {
  value->clear();
  *is_null = true;
  const ColumnDef* def = FindDef(columnid);
  if (def == nullptr) return JET_errColumnNotFound;
  if (itag == 0) return JET_errBadItagSequence;
  auto it = columns_.find(columnid);
  if (it == columns_.end()) {
    if (itag != 1 || ignore_default) return JET_errSuccess;
    for (const ColumnData& d : defaults_.columns) {
      if (d.id == columnid && !d.values.empty()) {
        *value = d.values[0].data;
        *is_null = false;
      }
    }
    return JET_errSuccess;
  }
  if (itag > it->second.values.size()) return JET_errSuccess;
  Value& v = it->second.values[itag - 1];
  if (const JET_ERR err = Load(&v); err < 0) return err;
  *value = v.data;
  *is_null = false;
  return JET_errSuccess;
}

JET_ERR RecordUpdate::CountCopy(uint32_t columnid, uint32_t* count) const {
  *count = 0;
  const ColumnDef* def = FindDef(columnid);
  if (def == nullptr) return JET_errColumnNotFound;
  auto it = columns_.find(columnid);
  if (it != columns_.end()) {
    *count = static_cast<uint32_t>(it->second.values.size());
  } else if (def->has_default() && !def->default_value.empty()) {
    *count = 1;
  }
  return JET_errSuccess;
}

JET_ERR RecordUpdate::Finish(const LidAllocator& allocate_lid, UpdateResult* out) {
  *out = UpdateResult{};
  uint32_t version_id = 0;
  // Version column: 0 on a new record, +1 on every replace.
  for (const ColumnDef& def : table_->columns) {
    if (!def.version() || def.deleted() || def.from_template) continue;
    const size_t width = FixedWidthOfColumnType(def.coltyp) != 0
                             ? FixedWidthOfColumnType(def.coltyp) : 4;
    Column& col = columns_[def.id];
    if (kind_ == UpdateKind::kReplace) {
      const uint64_t old = col.values.empty() ? 0 : FromLittleEndian(col.values[0].data);
      col.values.assign(1, Value{LittleEndian(old + 1, width)});
      version_id = def.id;
    } else if (col.values.empty()) {
      col.values.assign(1, Value{LittleEndian(0, width)});
    }
    col.null_override = false;
  }

  // Which values are separated: the caller's forced choice, else by size.
  const uint32_t intrinsic_limit = IntrinsicLvLimit(page_size_);
  struct Placement { uint32_t id; size_t index; bool separate; };
  std::vector<Placement> lv;
  RecordValues values;
  for (const ColumnSpec& spec : schema_.columns()) {
    const ColumnDef* def = FindDef(spec.id);
    auto it = columns_.find(spec.id);
    if (it == columns_.end()) {
      // No state: the default. Fixed and variable defaults are stored (ESE
      // builds a new record from the table's default record); a tagged
      // default is not, the column reads as it while absent.
      if (spec.Kind() == ColumnKind::kTagged) continue;
      for (const ColumnData& d : defaults_.columns) {
        if (d.id == spec.id) values.columns.push_back(d);
      }
      continue;
    }
    const Column& col = it->second;
    if (col.values.empty()) {
      if (spec.Kind() == ColumnKind::kTagged && col.null_override && def != nullptr &&
          def->has_default() && !def->default_value.empty()) {
        ColumnData cd;
        cd.id = spec.id;
        cd.derived = spec.derived;
        cd.null = true;
        values.columns.push_back(std::move(cd));
      }
      continue;
    }
    ColumnData cd;
    cd.id = spec.id;
    cd.derived = spec.derived;
    for (size_t i = 0; i < col.values.size(); ++i) {
      const Value& v = col.values[i];
      if (spec.IsLongValue()) {
        const bool separate =
            v.lid != 0 || v.force_separate || (!v.force_intrinsic && v.data.size() > intrinsic_limit);
        lv.push_back({spec.id, i, separate});
      }
      cd.values.push_back(ValueInstance{v.data});
    }
    values.columns.push_back(std::move(cd));
  }

  // NOT NULL columns must have a value.
  for (const ColumnDef& def : table_->columns) {
    if (!def.not_null() || def.deleted()) continue;
    bool present = false;
    for (const ColumnData& cd : values.columns) present |= cd.id == def.id && !cd.values.empty();
    if (!present) return JET_errNullInvalid;
  }

  const RecordFormat format{page_size_, true};
  const uint32_t max_record = MaxRecordSize(page_size_);
  // Encodes with the current placement; separates the largest intrinsic
  // long value while the record is too big (ESE's ErrFLDSetOneColumn
  // separates long values when JET_errRecordTooBig).
  std::vector<std::pair<size_t, size_t>> slot;  // lv[i] -> (column index, value index)
  for (const Placement& p : lv) {
    for (size_t c = 0; c < values.columns.size(); ++c) {
      if (values.columns[c].id == p.id) slot.emplace_back(c, p.index);
    }
  }
  std::vector<uint8_t> record;
  while (true) {
    RecordValues enc = values;
    for (size_t i = 0; i < lv.size(); ++i) {
      if (!lv[i].separate) continue;
      ValueInstance& vi = enc.columns[slot[i].first].values[slot[i].second];
      vi.data = EncodeLidReference(1);  // placeholder of a LID32's size
      vi.separated = true;
    }
    if (const JET_ERR err = EncodeRecord(schema_, format, enc, &record); err < 0) return err;
    if (record.size() <= max_record) break;
    size_t best = lv.size();
    for (size_t i = 0; i < lv.size(); ++i) {
      const Value& v = columns_[lv[i].id].values[lv[i].index];
      if (lv[i].separate || v.force_intrinsic || v.data.size() <= 4) continue;
      if (best == lv.size() ||
          v.data.size() > columns_[lv[best].id].values[lv[best].index].data.size())
        best = i;
    }
    if (best == lv.size()) return JET_errRecordTooBig;
    lv[best].separate = true;
  }

  // Final encoding with real LIDs.
  std::set<LvId> kept;
  for (size_t i = 0; i < lv.size(); ++i) {
    if (!lv[i].separate) continue;
    const Column& colstate = columns_[lv[i].id];
    const Value& v = colstate.values[lv[i].index];
    LvId lid = v.lid;
    if (lid == 0) {
      if (const JET_ERR err = allocate_lid(&lid); err < 0) return err;
      const ColumnDef* def = FindDef(lv[i].id);
      const bool compress = v.compress == 1 || (v.compress == -1 && def && def->compressed());
      out->new_long_values.push_back(NewLongValue{lid, v.data, compress});
    } else {
      kept.insert(lid);
    }
    ValueInstance& vi = values.columns[slot[i].first].values[slot[i].second];
    vi.data = EncodeLidReference(lid);
    vi.separated = true;
  }
  if (const JET_ERR err = EncodeRecord(schema_, format, values, &out->record); err < 0) return err;

  for (const auto& [id, col] : original_) {
    for (const Value& v : col.values) {
      if (v.lid == 0) continue;
      if (kind_ == UpdateKind::kReplace && kept.count(v.lid) == 0)
        out->released_long_values.push_back(v.lid);
      if (kind_ == UpdateKind::kInsertCopy && kept.count(v.lid) != 0)
        out->shared_long_values.push_back(v.lid);
    }
  }

  // Changed columns: touched ones whose state differs from the original.
  std::set<uint32_t> changed;
  for (uint32_t id : touched_) {
    if (kind_ != UpdateKind::kReplace) { changed.insert(id); continue; }
    auto a = columns_.find(id);
    auto b = original_.find(id);
    const bool a_has = a != columns_.end();
    const bool b_has = b != original_.end();
    bool same = a_has == b_has;
    if (same && a_has) {
      same = a->second.null_override == b->second.null_override &&
             a->second.values.size() == b->second.values.size();
      for (size_t i = 0; same && i < a->second.values.size(); ++i) {
        const Value& x = a->second.values[i];
        const Value& y = b->second.values[i];
        same = (x.lid != 0 || y.lid != 0) ? x.lid == y.lid : x.data == y.data;
      }
    }
    if (!same) changed.insert(id);
  }
  // The version column moves with any change (not on its own).
  if (version_id != 0 && !changed.empty()) changed.insert(version_id);
  out->changed_columns.assign(changed.begin(), changed.end());
  out->changed = kind_ != UpdateKind::kReplace || !changed.empty();
  return JET_errSuccess;
}

}  // namespace jet
