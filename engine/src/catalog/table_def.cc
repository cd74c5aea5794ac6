#include "catalog/table_def.h"

#include <algorithm>

#include "format/endian.h"
#include "key/key_format.h"
#include "record/long_value.h"
#include "record/record_format.h"

namespace jet {

namespace {

// The longest LocaleName ESE accepts (NORM_LOCALE_NAME_MAX_LENGTH, in
// UTF-16 code units, terminator included).
constexpr size_t kLocaleNameMaxChars = 85;

std::vector<uint8_t> Le32(uint32_t v) {
  std::vector<uint8_t> out(4);
  StoreLE32(out.data(), v);
  return out;
}

bool FitsU16(uint32_t v) { return v <= 0xffff; }

}  // namespace

std::string_view ColtypName(uint32_t coltyp) {
  static constexpr std::string_view kNames[] = {"Nil",
                                                "Bit",
                                                "UnsignedByte",
                                                "Short",
                                                "Long",
                                                "Currency",
                                                "IEEESingle",
                                                "IEEEDouble",
                                                "DateTime",
                                                "Binary",
                                                "Text",
                                                "LongBinary",
                                                "LongText",
                                                "SLV",
                                                "UnsignedLong",
                                                "LongLong",
                                                "GUID",
                                                "UnsignedShort",
                                                "UnsignedLongLong"};
  return coltyp < std::size(kNames) ? kNames[coltyp] : std::string_view("Unknown");
}

// --- ColumnDef -----------------------------------------------------------------

uint32_t ColumnDef::Grbit() const {
  uint32_t grbit = 0;
  if (fixed()) grbit |= JET_bitColumnFixed;
  if (tagged()) grbit |= JET_bitColumnTagged;
  if (not_null()) grbit |= JET_bitColumnNotNULL;
  if (version()) grbit |= JET_bitColumnVersion;
  if (autoincrement()) grbit |= JET_bitColumnAutoincrement;
  if (multi_valued()) grbit |= JET_bitColumnMultiValued;
  if (escrow_update()) grbit |= JET_bitColumnEscrowUpdate;
  if (finalize()) grbit |= JET_bitColumnFinalize;
  if (user_defined_default()) grbit |= JET_bitColumnUserDefinedDefault;
  if (delete_on_zero()) grbit |= JET_bitColumnDeleteOnZero;
  if (compressed()) grbit |= JET_bitColumnCompressed;
  return grbit;
}

uint32_t ColumnDef::FlagsFromGrbit(uint32_t grbit, bool has_default) {
  uint32_t flags = 0;
  if (grbit & JET_bitColumnNotNULL) flags |= kColumnFlagNotNull;
  if (grbit & JET_bitColumnVersion) flags |= kColumnFlagVersion;
  if (grbit & JET_bitColumnAutoincrement) flags |= kColumnFlagAutoincrement;
  if (grbit & JET_bitColumnMultiValued) flags |= kColumnFlagMultiValued;
  if (grbit & JET_bitColumnEscrowUpdate) flags |= kColumnFlagEscrowUpdate;
  if (grbit & JET_bitColumnFinalize) flags |= kColumnFlagFinalize;
  if (grbit & JET_bitColumnUserDefinedDefault) flags |= kColumnFlagUserDefinedDefault;
  if (grbit & JET_bitColumnDeleteOnZero) flags |= kColumnFlagDeleteOnZero;
  if (grbit & JET_bitColumnCompressed) flags |= kColumnFlagCompressed;
  if (has_default) flags |= kColumnFlagDefault;
  return flags;
}

ColumnSpec ColumnDef::ToColumnSpec() const {
  ColumnSpec spec;
  spec.id = id;
  spec.coltyp = coltyp;
  spec.max_size = max_size;
  spec.fixed_offset = fixed() ? record_offset : 0;
  spec.multi_valued = multi_valued();
  // ESE accepts JET_bitColumnCompressed on any text or binary column but
  // only compresses long values; record/ keeps the flag to those.
  spec.compressed = compressed() && IsLongValueColtyp(coltyp);
  spec.derived = derived_in_records();
  return spec;
}

JET_ERR ColumnDef::FromCatalogEntry(const CatalogEntry& e, ColumnDef* out) {
  *out = ColumnDef();
  if (e.type != SysObj::kColumn) return JET_errCatalogCorrupted;
  ColumnDef c;
  c.name = e.name;
  c.id = e.id;
  c.coltyp = e.coltyp_or_pgno_fdp;
  c.max_size = e.space_usage;
  c.flags = e.flags;
  c.callback = e.template_table;
  c.callback_data = e.callback_data;
  c.default_value = e.default_value;
  if (!FitsU16(e.pages_or_locale)) return JET_errCatalogCorrupted;
  c.code_page = static_cast<uint16_t>(e.pages_or_locale);

  const ColumnKind kind = c.kind();
  if (kind == ColumnKind::kInvalid) return JET_errCatalogCorrupted;
  if (c.coltyp >= JET_coltypMax) return JET_errCatalogCorrupted;
  if ((c.flags & ~kColumnFlagsPersistedMask) != 0) return JET_errCatalogCorrupted;
  if (kind == ColumnKind::kFixed) {
    // ESE writes RecordOffset for every fixed column, stubs included.
    if (!e.record_offset || *e.record_offset < kRecordHeaderSize) return JET_errCatalogCorrupted;
    c.record_offset = *e.record_offset;
  } else if (e.record_offset) {
    return JET_errCatalogCorrupted;
  }
  if (c.deleted()) {
    // A stub keeps its id, name and (fixed) offset and width; nothing else
    // about it means anything any more.
    *out = std::move(c);
    return JET_errSuccess;
  }

  // Long values live only in tagged columns; only tagged columns repeat.
  if (IsLongValueColtyp(c.coltyp) && kind != ColumnKind::kTagged) return JET_errCatalogCorrupted;
  if (c.multi_valued() && kind != ColumnKind::kTagged) return JET_errCatalogCorrupted;
  const uint32_t type_width = FixedSizeOfColtyp(c.coltyp);
  if (kind == ColumnKind::kFixed) {
    // SpaceUsage is the width: the type's, or the declared length of a
    // fixed Text/Binary column (UlCATColumnSize).
    if (type_width != 0 ? c.max_size != type_width
                        : (c.max_size == 0 || c.max_size > JET_cbColumnMost)) {
      return JET_errCatalogCorrupted;
    }
  } else if (kind == ColumnKind::kVariable && c.max_size > JET_cbColumnMost) {
    return JET_errCatalogCorrupted;
  }
  if (!c.default_value.empty()) {
    const uint32_t width = type_width != 0 ? type_width : c.max_size;
    if (kind == ColumnKind::kFixed && c.default_value.size() != width) {
      return JET_errCatalogCorrupted;
    }
    if (type_width != 0 && c.default_value.size() != type_width) return JET_errCatalogCorrupted;
    if (kind == ColumnKind::kVariable && c.default_value.size() > JET_cbColumnMost) {
      return JET_errCatalogCorrupted;
    }
  }
  *out = std::move(c);
  return JET_errSuccess;
}

CatalogEntry ColumnDef::ToCatalogEntry(uint32_t objid_table) const {
  CatalogEntry e;
  e.objid_table = objid_table;
  e.type = SysObj::kColumn;
  e.id = id;
  e.coltyp_or_pgno_fdp = coltyp;
  e.space_usage = max_size;
  e.flags = flags & kColumnFlagsPersistedMask;
  e.pages_or_locale = code_page;
  if (fixed()) e.record_offset = record_offset;
  e.name = name;
  e.template_table = callback;
  e.default_value = default_value;
  e.callback_data = callback_data;
  return e;
}

// --- Index segments ---------------------------------------------------------------

JET_ERR ParseIndexSegments(std::span<const uint8_t> bytes, bool extended, bool conditional,
                           std::vector<IndexSegmentDef>* out) {
  out->clear();
  const size_t entry = extended ? kIdxSegSize : kIdxSegOldSize;
  if (bytes.size() % entry != 0 || bytes.size() / entry > JET_ccolKeyMost) {
    return JET_errCatalogCorrupted;
  }
  for (size_t i = 0; i < bytes.size(); i += entry) {
    IndexSegmentDef seg;
    bool negative = false;
    if (extended) {
      // LE_IDXSEG { u8 bFlags; u8 bReserved; u16 fid } (daedef.hxx).
      const uint8_t flags = bytes[i];
      if ((flags & ~(kIdxSegTemplateColumn | kIdxSegDescending | kIdxSegMustBeNull)) != 0) {
        return JET_errCatalogCorrupted;
      }
      seg.column_id = LoadLE16(&bytes[i + 2]);
      seg.template_column = (flags & kIdxSegTemplateColumn) != 0;
      negative = (flags & (conditional ? kIdxSegMustBeNull : kIdxSegDescending)) != 0;
      // The other flag has no meaning in this list.
      if ((flags & (conditional ? kIdxSegDescending : kIdxSegMustBeNull)) != 0) {
        return JET_errCatalogCorrupted;
      }
    } else {
      // IDXSEG_OLD: the fid as a signed 16-bit value, negated for a
      // descending / must-be-NULL column (SetIdxSegFromOldFormat).
      const int16_t v = static_cast<int16_t>(LoadLE16(&bytes[i]));
      negative = v < 0;
      seg.column_id = static_cast<uint32_t>(negative ? -static_cast<int32_t>(v) : v);
    }
    if (KindOfColumnId(seg.column_id) == ColumnKind::kInvalid) return JET_errCatalogCorrupted;
    (conditional ? seg.must_be_null : seg.descending) = negative;
    out->push_back(seg);
  }
  return JET_errSuccess;
}

std::vector<uint8_t> EncodeIndexSegments(std::span<const IndexSegmentDef> segments,
                                         bool conditional) {
  std::vector<uint8_t> out;
  for (const IndexSegmentDef& seg : segments) {
    uint8_t flags = 0;
    if (seg.template_column) flags |= kIdxSegTemplateColumn;
    if (conditional ? seg.must_be_null : seg.descending) {
      flags |= conditional ? kIdxSegMustBeNull : kIdxSegDescending;
    }
    out.push_back(flags);
    out.push_back(0);
    out.push_back(static_cast<uint8_t>(seg.column_id));
    out.push_back(static_cast<uint8_t>(seg.column_id >> 8));
  }
  return out;
}

namespace {

// IDXSEG_OLD, for rows of indexes without kIndexFlagExtendedColumns.
std::vector<uint8_t> EncodeOldIndexSegments(std::span<const IndexSegmentDef> segments,
                                            bool conditional) {
  std::vector<uint8_t> out;
  for (const IndexSegmentDef& seg : segments) {
    const bool negative = conditional ? seg.must_be_null : seg.descending;
    const int32_t v =
        negative ? -static_cast<int32_t>(seg.column_id) : static_cast<int32_t>(seg.column_id);
    const uint16_t u = static_cast<uint16_t>(v);
    out.push_back(static_cast<uint8_t>(u));
    out.push_back(static_cast<uint8_t>(u >> 8));
  }
  return out;
}

}  // namespace

// --- IndexDef ---------------------------------------------------------------------

uint32_t IndexDef::Grbit() const {
  uint32_t grbit = 0;
  if (unique()) grbit |= JET_bitIndexUnique;
  if (primary()) grbit |= JET_bitIndexPrimary;
  if (disallow_null()) {
    grbit |= JET_bitIndexDisallowNull;
  } else {
    if ((flags & kIndexFlagAllowAllNulls) == 0) grbit |= JET_bitIndexIgnoreNull;
    if ((flags & kIndexFlagAllowSomeNulls) == 0) grbit |= JET_bitIndexIgnoreAnyNull;
    if ((flags & kIndexFlagAllowFirstNull) == 0) grbit |= JET_bitIndexIgnoreFirstNull;
  }
  if (sort_nulls_high()) grbit |= JET_bitIndexSortNullsHigh;
  if (flags & kIndexFlagLocaleSet) grbit |= JET_bitIndexUnicode;
  if (tuples()) grbit |= JET_bitIndexTuples;
  if (flags & kIndexFlagCrossProduct) grbit |= JET_bitIndexCrossProduct;
  if (flags & kIndexFlagNestedTable) grbit |= JET_bitIndexNestedTable;
  if (flags & kIndexFlagDisallowTruncation) grbit |= JET_bitIndexDisallowTruncation;
  if (dot_net_guid()) grbit |= JET_bitIndexDotNetGuid;
  if (cb_key_most != JET_cbKeyMost) grbit |= JET_bitIndexKeyMost;
  return grbit;
}

uint32_t IndexDef::FlagsFromGrbit(uint32_t grbit) {
  // fcreate.cxx, ErrFILEICreateIndex: the Allow* bits are the Ignore*Null
  // grbits inverted, each implied by the one before.
  uint32_t flags = kIndexFlagExtendedColumns;
  const bool disallow_null = (grbit & JET_bitIndexDisallowNull) != 0;
  if (!disallow_null && (grbit & JET_bitIndexIgnoreAnyNull) == 0) {
    flags |= kIndexFlagAllowSomeNulls;
    if ((grbit & JET_bitIndexIgnoreFirstNull) == 0) {
      flags |= kIndexFlagAllowFirstNull;
      if ((grbit & JET_bitIndexIgnoreNull) == 0) flags |= kIndexFlagAllowAllNulls;
    }
  }
  if (grbit & JET_bitIndexUnique) flags |= kIndexFlagUnique;
  if (grbit & JET_bitIndexPrimary) flags |= kIndexFlagPrimary | kIndexFlagUnique;
  if (disallow_null) {
    flags |= kIndexFlagNoNullSeg;
  } else if (grbit & JET_bitIndexSortNullsHigh) {
    flags |= kIndexFlagSortNullsHigh;
  }
  if (grbit & JET_bitIndexUnicode) flags |= kIndexFlagLocaleSet;
  if (grbit & JET_bitIndexCrossProduct) flags |= kIndexFlagCrossProduct;
  if (grbit & JET_bitIndexNestedTable) flags |= kIndexFlagNestedTable;
  if (grbit & JET_bitIndexDisallowTruncation) flags |= kIndexFlagDisallowTruncation;
  if (grbit & JET_bitIndexDotNetGuid) flags |= kIndexFlagDotNetGuid;
  return flags;
}

JET_ERR IndexDef::ToIndexKeyDef(size_t page_size, IndexKeyDef* out) const {
  *out = IndexKeyDef();
  if (tuples()) return JET_errFeatureNotAvailable;
  IndexKeyDef def;
  for (const IndexSegmentDef& seg : segments) {
    KeySegmentDef k;
    k.coltyp = seg.coltyp;
    k.descending = seg.descending;
    k.code_page = IsTextColumnType(seg.coltyp) && seg.code_page == kCodePageUnicode
                      ? kCodePageUnicode
                      : kCodePageWestern;
    k.fixed_column = KindOfColumnId(seg.column_id) == ColumnKind::kFixed;
    if (k.fixed_column && (seg.coltyp == JET_coltypText || seg.coltyp == JET_coltypBinary)) {
      k.cb_max = seg.max_size;
    }
    def.segments.push_back(k);
  }
  // ESE shrinks a primary index's key size to the longest key its segments
  // can make when that is below 255 (fcreate.cxx,
  // FILEIMinimizePrimaryCbKeyMost): e.g. KeyMost 5 for one Long column. Such
  // a limit never cuts a key, so the key layer gets the smallest size it
  // accepts instead, and keeps the stored size as the segment limit when
  // the row had none (VarSegMac equal to KeyMost is not stored).
  uint32_t key_most = cb_key_most;
  uint32_t var_seg_mac = cb_var_seg_mac == 0 ? cb_key_most : cb_var_seg_mac;
  if (key_most < JET_cbKeyMostMin) key_most = JET_cbKeyMostMin;
  def.cb_key_most = key_most;
  def.cb_var_seg_mac = var_seg_mac == key_most ? 0 : var_seg_mac;
  def.sort_nulls_high = sort_nulls_high();
  def.dot_net_guid = dot_net_guid();
  def.disallow_truncation = (flags & kIndexFlagDisallowTruncation) != 0;
  def.unicode_collation = UnicodeCollationForLocaleName(locale_name);
  const JET_ERR err = ValidateIndexKeyDef(def, page_size);
  if (err < 0) return err;
  *out = std::move(def);
  return JET_errSuccess;
}

JET_ERR IndexDef::FromCatalogEntry(const CatalogEntry& e, IndexDef* out) {
  *out = IndexDef();
  if (e.type != SysObj::kIndex) return JET_errCatalogCorrupted;
  IndexDef d;
  d.name = e.name;
  d.objid = e.id;
  d.pgno_fdp = e.coltyp_or_pgno_fdp;
  d.density = e.space_usage;
  d.flags = e.flags;
  d.lcid = e.pages_or_locale;
  d.lcmap_flags = e.lcmap_flags.value_or(0);
  d.tuple_limits = e.tuple_limits;
  d.sort_version = e.version;
  d.sort_id = e.sort_id;
  d.space_hints = e.space_hints;
  if (d.objid <= kSystemRootObjid || d.pgno_fdp == 0) return JET_errCatalogCorrupted;
  // Only the two IDXFLAG bits ESE defines may be set in the high half.
  if ((d.flags >> 16) & ~0x3u) return JET_errCatalogCorrupted;

  JET_ERR err = ParseIndexSegments(e.key_fld_ids, d.extended_columns(), false, &d.segments);
  if (err < 0) return err;
  if (d.segments.empty()) return JET_errCatalogCorrupted;
  err = ParseIndexSegments(e.conditional_columns, d.extended_columns(), true, &d.conditional);
  if (err < 0) return err;

  // KeyMost: absent means JET_cbKeyMost_OLD; a primary index's may be
  // smaller (see ToIndexKeyDef); never more than any page size allows.
  d.cb_key_most = e.key_most.value_or(JET_cbKeyMost);
  if (d.cb_key_most == 0 || d.cb_key_most > JET_cbKeyMost8KBytePage) return JET_errCatalogCorrupted;
  if (!e.var_seg_mac.empty()) {
    if (e.var_seg_mac.size() != 2) return JET_errCatalogCorrupted;
    d.cb_var_seg_mac = LoadLE16(e.var_seg_mac.data());
    if (d.cb_var_seg_mac == 0 || d.cb_var_seg_mac > d.cb_key_most) return JET_errCatalogCorrupted;
  }

  // LocaleName: UTF-16LE without a terminator (cat.cxx writes
  // LOSStrLengthW * sizeof(WCHAR)); tolerate one.
  if (e.locale_name.size() % 2 != 0 || e.locale_name.size() / 2 > kLocaleNameMaxChars) {
    return JET_errCatalogCorrupted;
  }
  for (size_t i = 0; i < e.locale_name.size(); i += 2) {
    d.locale_name.push_back(static_cast<char16_t>(LoadLE16(&e.locale_name[i])));
  }
  while (!d.locale_name.empty() && d.locale_name.back() == u'\0') d.locale_name.pop_back();
  *out = std::move(d);
  return JET_errSuccess;
}

CatalogEntry IndexDef::ToCatalogEntry(uint32_t objid_table) const {
  CatalogEntry e;
  e.objid_table = objid_table;
  e.type = SysObj::kIndex;
  e.id = objid;
  e.coltyp_or_pgno_fdp = pgno_fdp;
  e.space_usage = density;
  e.flags = flags;
  e.pages_or_locale = lcid;
  e.lcmap_flags = lcmap_flags;
  // ErrCATAddTableIndex: KeyMost only when not 255, VarSegMac only when it
  // differs from KeyMost.
  if (cb_key_most != JET_cbKeyMost) e.key_most = static_cast<uint16_t>(cb_key_most);
  e.name = name;
  e.key_fld_ids = extended_columns() ? EncodeIndexSegments(segments, false)
                                     : EncodeOldIndexSegments(segments, false);
  e.conditional_columns = extended_columns() ? EncodeIndexSegments(conditional, true)
                                             : EncodeOldIndexSegments(conditional, true);
  if (cb_var_seg_mac != 0 && cb_var_seg_mac != cb_key_most) {
    e.var_seg_mac = {static_cast<uint8_t>(cb_var_seg_mac),
                     static_cast<uint8_t>(cb_var_seg_mac >> 8)};
  }
  e.tuple_limits = tuple_limits;
  e.version = sort_version;
  e.sort_id = sort_id;
  e.space_hints = space_hints;
  for (const char16_t c : locale_name) {
    e.locale_name.push_back(static_cast<uint8_t>(c));
    e.locale_name.push_back(static_cast<uint8_t>(c >> 8));
  }
  return e;
}

// --- LongValueDef / CallbackDef ---------------------------------------------------

JET_ERR LongValueDef::FromCatalogEntry(const CatalogEntry& e, LongValueDef* out) {
  *out = LongValueDef();
  if (e.type != SysObj::kLongValue) return JET_errCatalogCorrupted;
  if (e.id <= kSystemRootObjid || e.coltyp_or_pgno_fdp == 0) return JET_errCatalogCorrupted;
  out->objid = e.id;
  out->pgno_fdp = e.coltyp_or_pgno_fdp;
  out->density = e.space_usage;
  out->initial_pages = e.pages_or_locale;
  return JET_errSuccess;
}

CatalogEntry LongValueDef::ToCatalogEntry(uint32_t objid_table) const {
  // ErrCATIAddTableLV: Flags 0, Name "LV".
  CatalogEntry e;
  e.objid_table = objid_table;
  e.type = SysObj::kLongValue;
  e.id = objid;
  e.coltyp_or_pgno_fdp = pgno_fdp;
  e.space_usage = density;
  e.flags = 0;
  e.pages_or_locale = initial_pages;
  e.name = std::string(kLongValueRowName);
  return e;
}

JET_ERR CallbackDef::FromCatalogEntry(const CatalogEntry& e, CallbackDef* out) {
  *out = CallbackDef();
  // ErrCATAddTableCallback: Id is always sysobjCallback, the callback's name
  // is in the TemplateTable/Callback column.
  if (e.type != SysObj::kCallback || e.id != static_cast<uint32_t>(SysObj::kCallback) ||
      e.template_table.empty()) {
    return JET_errCatalogCorrupted;
  }
  out->cbtyp = e.flags;
  out->callback = e.template_table;
  return JET_errSuccess;
}

CatalogEntry CallbackDef::ToCatalogEntry(uint32_t objid_table) const {
  CatalogEntry e;
  e.objid_table = objid_table;
  e.type = SysObj::kCallback;
  e.id = static_cast<uint32_t>(SysObj::kCallback);
  e.flags = cbtyp;
  e.name = std::string(kCallbackRowName);
  e.template_table = callback;
  return e;
}

// --- TableDef ----------------------------------------------------------------------

const ColumnDef* TableDef::FindColumn(std::string_view column_name) const {
  for (const ColumnDef& c : columns) {
    if (!c.deleted() && CatalogNamesEqual(c.name, column_name)) return &c;
  }
  return nullptr;
}

const ColumnDef* TableDef::FindColumn(uint32_t column_id) const {
  for (const ColumnDef& c : columns) {
    if (c.id == column_id && !c.from_template) return &c;
  }
  return nullptr;
}

const IndexDef* TableDef::FindIndex(std::string_view index_name) const {
  for (const IndexDef& i : indexes) {
    if (CatalogNamesEqual(i.name, index_name)) return &i;
  }
  return nullptr;
}

const IndexDef* TableDef::PrimaryIndex() const {
  for (const IndexDef& i : indexes) {
    if (i.primary()) return &i;
  }
  return nullptr;
}

uint32_t TableDef::LvChunkSize(uint32_t page_size) const {
  return lv_chunk_max != 0 ? lv_chunk_max : DefaultLvChunkSize(page_size);
}

JET_ERR TableDef::ToRecordSchema(RecordSchema* schema, RecordValues* defaults) const {
  if (defaults != nullptr) defaults->columns.clear();
  if (is_catalog()) {
    *schema = CatalogRecordSchema();
    return JET_errSuccess;
  }
  std::vector<ColumnSpec> specs;
  RecordValues values;
  for (const ColumnDef& c : columns) {
    if (c.deleted()) continue;
    specs.push_back(c.ToColumnSpec());
    if (!c.default_value.empty()) {
      ColumnData data;
      data.id = c.id;
      data.derived = c.derived_in_records();
      std::vector<uint8_t> value = c.default_value;
      // ESE keeps the caller's bytes in the catalog but stores a Bit as
      // 0x00 / 0xff in records, its default record included (default.edb:
      // DefaultValue 01, the row's byte ff).
      if (c.coltyp == JET_coltypBit) value = {static_cast<uint8_t>(value[0] != 0 ? 0xff : 0x00)};
      data.values.push_back(ValueInstance{std::move(value), false, false});
      values.columns.push_back(std::move(data));
    }
  }
  RecordSchema built;
  const JET_ERR err = RecordSchema::Create(std::move(specs), &built);
  if (err < 0) return err;
  *schema = std::move(built);
  if (defaults != nullptr) *defaults = std::move(values);
  return JET_errSuccess;
}

JET_ERR TableDef::AssignFixedOffsets() {
  std::vector<ColumnDef*> fixed;
  for (ColumnDef& c : columns) {
    if (c.fixed() && !c.from_template) fixed.push_back(&c);
  }
  std::sort(fixed.begin(), fixed.end(),
            [](const ColumnDef* a, const ColumnDef* b) { return a->id < b->id; });
  uint32_t end = kRecordHeaderSize;
  for (ColumnDef* c : fixed) {
    const uint32_t type_width = FixedSizeOfColtyp(c->coltyp);
    const uint32_t width = type_width != 0 ? type_width : c->max_size;
    if (width == 0) return JET_errInvalidParameter;
    if (c->record_offset == 0) c->record_offset = static_cast<uint16_t>(end);
    end = std::max<uint32_t>(end, uint32_t{c->record_offset} + width);
    // ibEndOfFixedData also covers the null bitmap (rec.hxx).
    if (end + (c->id + 7) / 8 > 0x7fff) return JET_errInvalidParameter;
  }
  return JET_errSuccess;
}

JET_ERR TableDef::FromCatalogEntry(const CatalogEntry& e, TableDef* out) {
  *out = TableDef();
  if (e.type != SysObj::kTable || e.id != e.objid_table) return JET_errCatalogCorrupted;
  if (e.id <= kSystemRootObjid || e.coltyp_or_pgno_fdp == 0) return JET_errCatalogCorrupted;
  TableDef t;
  t.name = e.name;
  t.objid = e.id;
  t.pgno_fdp = e.coltyp_or_pgno_fdp;
  t.density = e.space_usage;
  t.initial_pages = e.pages_or_locale;
  t.flags = e.flags;
  t.template_table = e.template_table;
  t.lv_chunk_max = e.lv_chunk_max.value_or(0);
  if (!e.separate_lv.empty()) {
    if (e.separate_lv.size() != 4) return JET_errCatalogCorrupted;
    t.separate_lv_threshold = LoadLE32(e.separate_lv.data());
  }
  t.space_hints = e.space_hints;
  t.space_deferred_lv_hints = e.space_deferred_lv_hints;
  // A derived table names its template and says so; nothing else does.
  if (t.derived() != !t.template_table.empty()) return JET_errCatalogCorrupted;
  *out = std::move(t);
  return JET_errSuccess;
}

CatalogEntry TableDef::ToCatalogEntry() const {
  CatalogEntry e;
  e.objid_table = objid;
  e.type = SysObj::kTable;
  e.id = objid;
  e.coltyp_or_pgno_fdp = pgno_fdp;
  e.space_usage = density;
  e.flags = flags;
  e.pages_or_locale = initial_pages;
  e.root_flag = true;  // ErrCATAddTable: the RootObjects index finds tables by it
  if (lv_chunk_max != 0) e.lv_chunk_max = lv_chunk_max;
  e.name = name;
  e.template_table = template_table;
  if (separate_lv_threshold != 0) e.separate_lv = Le32(separate_lv_threshold);
  e.space_hints = space_hints;
  e.space_deferred_lv_hints = space_deferred_lv_hints;
  return e;
}

std::vector<CatalogEntry> TableDef::ToCatalogEntries() const {
  std::vector<CatalogEntry> out;
  out.push_back(ToCatalogEntry());
  for (const ColumnDef& c : columns) {
    if (!c.from_template) out.push_back(c.ToCatalogEntry(objid));
  }
  for (const IndexDef& i : indexes) out.push_back(i.ToCatalogEntry(objid));
  if (long_values) out.push_back(long_values->ToCatalogEntry(objid));
  for (const CallbackDef& c : callbacks) out.push_back(c.ToCatalogEntry(objid));
  // Catalog order: by key, i.e. (type, id) within the table.
  std::stable_sort(out.begin(), out.end(), [](const CatalogEntry& a, const CatalogEntry& b) {
    if (a.type != b.type) return a.type < b.type;
    return a.id < b.id;
  });
  return out;
}

}  // namespace jet
