#include "catalog/catalog_record.h"

#include "format/endian.h"
#include "key/segment_normalizer.h"
#include "record/record_reader.h"
#include "record/record_writer.h"

namespace jet {

namespace {

// The catalog's own columns come from a fixed table, so a failure to find
// one is a bug; a failure to read one is a corrupt record.
const ColumnSpec& Spec(uint32_t id) { return *CatalogRecordSchema().Find(id); }

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > JET_cbNameMost) return false;
  for (const char c : name) {
    if (static_cast<unsigned char>(c) < 0x20) return false;
  }
  return true;
}

// Reads one value of a catalog column. *present is false for NULL. Copies
// (and decompresses) the value into *out.
JET_ERR ReadValue(const RecordReader& reader, uint32_t id, std::vector<uint8_t>* out,
                  bool* present) {
  out->clear();
  *present = false;
  const ColumnSpec& spec = Spec(id);
  uint32_t count = 0;
  if (reader.CountValues(spec, &count) < 0) return JET_errCatalogCorrupted;
  if (count == 0) return JET_errSuccess;
  // No catalog column is multi-valued (rgcdescMSO).
  if (count > 1) return JET_errCatalogCorrupted;
  ColumnValue value;
  const JET_ERR err = reader.GetValue(spec, 1, &value);
  if (err < 0) return JET_errCatalogCorrupted;
  if (err == JET_wrnColumnNull) return JET_errSuccess;
  if (value.separated) return JET_errFeatureNotAvailable;
  if (value.encrypted) return JET_errCatalogCorrupted;
  if (value.compressed) {
    size_t size = 0;
    if (CopyValue(value, {}, &size) < 0) return JET_errCatalogCorrupted;
    out->resize(size);
    if (CopyValue(value, *out, &size) < 0 || size != out->size()) return JET_errCatalogCorrupted;
  } else {
    out->assign(value.data.begin(), value.data.end());
  }
  *present = true;
  return JET_errSuccess;
}

// A fixed column of `width` bytes: the value or nothing.
JET_ERR ReadFixed(const RecordReader& reader, uint32_t id, size_t width, bool required,
                  std::vector<uint8_t>* scratch, bool* present) {
  const JET_ERR err = ReadValue(reader, id, scratch, present);
  if (err < 0) return err;
  if (!*present) return required ? JET_errCatalogCorrupted : JET_errSuccess;
  return scratch->size() == width ? JET_errSuccess : JET_errCatalogCorrupted;
}

JET_ERR ReadU32(const RecordReader& reader, uint32_t id, bool required,
                std::vector<uint8_t>* scratch, std::optional<uint32_t>* out) {
  bool present = false;
  const JET_ERR err = ReadFixed(reader, id, 4, required, scratch, &present);
  if (err < 0) return err;
  if (present) *out = LoadLE32(scratch->data());
  return JET_errSuccess;
}

JET_ERR ReadU16(const RecordReader& reader, uint32_t id, std::vector<uint8_t>* scratch,
                std::optional<uint16_t>* out) {
  bool present = false;
  const JET_ERR err = ReadFixed(reader, id, 2, false, scratch, &present);
  if (err < 0) return err;
  if (present) *out = LoadLE16(scratch->data());
  return JET_errSuccess;
}

JET_ERR ReadBytes(const RecordReader& reader, uint32_t id, std::vector<uint8_t>* out) {
  bool present = false;
  return ReadValue(reader, id, out, &present);
}

JET_ERR ReadText(const RecordReader& reader, uint32_t id, std::vector<uint8_t>* scratch,
                 std::string* out) {
  bool present = false;
  const JET_ERR err = ReadValue(reader, id, scratch, &present);
  if (err < 0) return err;
  out->assign(scratch->begin(), scratch->end());
  return JET_errSuccess;
}

#define CAT_RETURN_IF_ERROR(expr)      \
  do {                                 \
    const JET_ERR cat_err_ = (expr);   \
    if (cat_err_ < 0) return cat_err_; \
  } while (0)

JET_ERR DecodeInto(const RecordReader& reader, CatalogEntry* e) {
  std::vector<uint8_t> scratch;
  std::optional<uint32_t> u32;

  CAT_RETURN_IF_ERROR(ReadU32(reader, kMsoObjidTable, true, &scratch, &u32));
  e->objid_table = *u32;
  std::optional<uint16_t> type;
  CAT_RETURN_IF_ERROR(ReadU16(reader, kMsoType, &scratch, &type));
  if (!type) return JET_errCatalogCorrupted;
  e->type = static_cast<SysObj>(*type);
  CAT_RETURN_IF_ERROR(ReadU32(reader, kMsoId, true, &scratch, &u32));
  e->id = *u32;
  CAT_RETURN_IF_ERROR(ReadU32(reader, kMsoColtypOrPgnoFDP, true, &scratch, &u32));
  e->coltyp_or_pgno_fdp = *u32;
  CAT_RETURN_IF_ERROR(ReadU32(reader, kMsoSpaceUsage, true, &scratch, &u32));
  e->space_usage = *u32;
  CAT_RETURN_IF_ERROR(ReadU32(reader, kMsoFlags, true, &scratch, &u32));
  e->flags = *u32;
  CAT_RETURN_IF_ERROR(ReadU32(reader, kMsoPagesOrLocale, true, &scratch, &u32));
  e->pages_or_locale = *u32;

  bool present = false;
  CAT_RETURN_IF_ERROR(ReadFixed(reader, kMsoRootFlag, 1, false, &scratch, &present));
  if (present) e->root_flag = scratch[0] != 0;
  CAT_RETURN_IF_ERROR(ReadU16(reader, kMsoRecordOffset, &scratch, &e->record_offset));
  CAT_RETURN_IF_ERROR(ReadU32(reader, kMsoLCMapFlags, false, &scratch, &e->lcmap_flags));
  CAT_RETURN_IF_ERROR(ReadU16(reader, kMsoKeyMost, &scratch, &e->key_most));
  CAT_RETURN_IF_ERROR(ReadU32(reader, kMsoLVChunkMax, false, &scratch, &e->lv_chunk_max));
  CAT_RETURN_IF_ERROR(ReadFixed(reader, kMsoPgnoFDPLastSetTime, 8, false, &scratch, &present));
  if (present) e->pgno_fdp_last_set_time = LoadLE64(scratch.data());

  CAT_RETURN_IF_ERROR(ReadText(reader, kMsoName, &scratch, &e->name));
  if (!ValidName(e->name)) return JET_errCatalogCorrupted;
  CAT_RETURN_IF_ERROR(ReadBytes(reader, kMsoStats, &e->stats));
  CAT_RETURN_IF_ERROR(ReadText(reader, kMsoTemplateTable, &scratch, &e->template_table));
  CAT_RETURN_IF_ERROR(ReadBytes(reader, kMsoDefaultValue, &e->default_value));
  CAT_RETURN_IF_ERROR(ReadBytes(reader, kMsoKeyFldIDs, &e->key_fld_ids));
  CAT_RETURN_IF_ERROR(ReadBytes(reader, kMsoVarSegMac, &e->var_seg_mac));
  CAT_RETURN_IF_ERROR(ReadBytes(reader, kMsoConditionalColumns, &e->conditional_columns));
  CAT_RETURN_IF_ERROR(ReadBytes(reader, kMsoTupleLimits, &e->tuple_limits));
  CAT_RETURN_IF_ERROR(ReadBytes(reader, kMsoVersion, &e->version));
  CAT_RETURN_IF_ERROR(ReadBytes(reader, kMsoSortID, &e->sort_id));

  CAT_RETURN_IF_ERROR(ReadBytes(reader, kMsoCallbackData, &e->callback_data));
  CAT_RETURN_IF_ERROR(ReadBytes(reader, kMsoCallbackDependencies, &e->callback_dependencies));
  CAT_RETURN_IF_ERROR(ReadBytes(reader, kMsoSeparateLV, &e->separate_lv));
  CAT_RETURN_IF_ERROR(ReadBytes(reader, kMsoSpaceHints, &e->space_hints));
  CAT_RETURN_IF_ERROR(ReadBytes(reader, kMsoSpaceDeferredLVHints, &e->space_deferred_lv_hints));
  CAT_RETURN_IF_ERROR(ReadBytes(reader, kMsoLocaleName, &e->locale_name));
  return JET_errSuccess;
}

std::vector<uint8_t> Le(uint64_t v, size_t width) {
  std::vector<uint8_t> out(width);
  for (size_t i = 0; i < width; ++i) out[i] = static_cast<uint8_t>(v >> (8 * i));
  return out;
}

void AddValue(RecordValues* values, uint32_t id, std::vector<uint8_t> bytes) {
  ColumnData column;
  column.id = id;
  column.values.push_back(ValueInstance{std::move(bytes), false, false});
  values->columns.push_back(std::move(column));
}

void AddIfSet(RecordValues* values, uint32_t id, const std::vector<uint8_t>& bytes) {
  if (!bytes.empty()) AddValue(values, id, bytes);
}

void AddIfSet(RecordValues* values, uint32_t id, const std::string& text) {
  if (!text.empty()) AddValue(values, id, std::vector<uint8_t>(text.begin(), text.end()));
}

}  // namespace

JET_ERR DecodeCatalogEntry(std::span<const uint8_t> record, const RecordFormat& format,
                           CatalogEntry* out) {
  *out = CatalogEntry();
  RecordReader reader;
  if (RecordReader::Open(record, format, &reader) < 0) return JET_errCatalogCorrupted;
  CatalogEntry entry;
  const JET_ERR err = DecodeInto(reader, &entry);
  if (err < 0) return err;
  *out = std::move(entry);
  return JET_errSuccess;
}

uint32_t LastFixedColumnOf(const CatalogEntry& e) {
  if (e.pgno_fdp_last_set_time) return kMsoPgnoFDPLastSetTime;
  if (e.lv_chunk_max) return kMsoLVChunkMax;
  if (e.key_most) return kMsoKeyMost;
  if (e.lcmap_flags) return kMsoLCMapFlags;
  if (e.record_offset) return kMsoRecordOffset;
  if (e.root_flag) return kMsoRootFlag;
  return kMsoPagesOrLocale;
}

JET_ERR EncodeCatalogEntry(const CatalogEntry& e, const RecordFormat& format,
                           std::vector<uint8_t>* out) {
  out->clear();
  if (!ValidName(e.name) || e.template_table.size() > JET_cbColumnMost) {
    return JET_errInvalidParameter;
  }
  RecordValues values;
  AddValue(&values, kMsoObjidTable, Le(e.objid_table, 4));
  AddValue(&values, kMsoType, Le(static_cast<uint16_t>(e.type), 2));
  AddValue(&values, kMsoId, Le(e.id, 4));
  AddValue(&values, kMsoColtypOrPgnoFDP, Le(e.coltyp_or_pgno_fdp, 4));
  AddValue(&values, kMsoSpaceUsage, Le(e.space_usage, 4));
  AddValue(&values, kMsoFlags, Le(e.flags, 4));
  AddValue(&values, kMsoPagesOrLocale, Le(e.pages_or_locale, 4));
  // ESE stores TRUE in a Bit column as 0xff (cat.cxx, ErrCATAddTable).
  if (e.root_flag) AddValue(&values, kMsoRootFlag, {static_cast<uint8_t>(*e.root_flag ? 0xff : 0)});
  if (e.record_offset) AddValue(&values, kMsoRecordOffset, Le(*e.record_offset, 2));
  if (e.lcmap_flags) AddValue(&values, kMsoLCMapFlags, Le(*e.lcmap_flags, 4));
  if (e.key_most) AddValue(&values, kMsoKeyMost, Le(*e.key_most, 2));
  if (e.lv_chunk_max) AddValue(&values, kMsoLVChunkMax, Le(*e.lv_chunk_max, 4));
  if (e.pgno_fdp_last_set_time) {
    AddValue(&values, kMsoPgnoFDPLastSetTime, Le(*e.pgno_fdp_last_set_time, 8));
  }
  AddIfSet(&values, kMsoName, e.name);
  AddIfSet(&values, kMsoStats, e.stats);
  AddIfSet(&values, kMsoTemplateTable, e.template_table);
  AddIfSet(&values, kMsoDefaultValue, e.default_value);
  AddIfSet(&values, kMsoKeyFldIDs, e.key_fld_ids);
  AddIfSet(&values, kMsoVarSegMac, e.var_seg_mac);
  AddIfSet(&values, kMsoConditionalColumns, e.conditional_columns);
  AddIfSet(&values, kMsoTupleLimits, e.tuple_limits);
  AddIfSet(&values, kMsoVersion, e.version);
  AddIfSet(&values, kMsoSortID, e.sort_id);
  AddIfSet(&values, kMsoCallbackData, e.callback_data);
  AddIfSet(&values, kMsoCallbackDependencies, e.callback_dependencies);
  AddIfSet(&values, kMsoSeparateLV, e.separate_lv);
  AddIfSet(&values, kMsoSpaceHints, e.space_hints);
  AddIfSet(&values, kMsoSpaceDeferredLVHints, e.space_deferred_lv_hints);
  AddIfSet(&values, kMsoLocaleName, e.locale_name);

  const JET_ERR err = EncodeRecord(CatalogRecordSchema(LastFixedColumnOf(e)), format, values, out);
  if (err < 0) {
    out->clear();
    return JET_errInvalidParameter;
  }
  return JET_errSuccess;
}

std::vector<uint8_t> CatalogEntryKey(uint32_t objid_table, SysObj type, uint32_t id) {
  // The Id index: "+ObjidTable\0+Type\0+Id\0", ascending (_cat.cxx).
  std::vector<uint8_t> key;
  std::vector<uint8_t> segment;
  const std::vector<uint8_t> objid_bytes = Le(objid_table, 4);
  NormalizeFixedSegment(JET_coltypLong, objid_bytes, false, &segment);
  key.insert(key.end(), segment.begin(), segment.end());
  const std::vector<uint8_t> type_bytes = Le(static_cast<uint16_t>(type), 2);
  NormalizeFixedSegment(JET_coltypShort, type_bytes, false, &segment);
  key.insert(key.end(), segment.begin(), segment.end());
  const std::vector<uint8_t> id_bytes = Le(id, 4);
  NormalizeFixedSegment(JET_coltypLong, id_bytes, false, &segment);
  key.insert(key.end(), segment.begin(), segment.end());
  return key;
}

#undef CAT_RETURN_IF_ERROR

}  // namespace jet
