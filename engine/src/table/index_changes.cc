#include "table/index_changes.h"

#include <algorithm>
#include <set>
#include <utility>

#include "key/index_entry_key.h"
#include "key/index_key_def.h"
#include "record/compression.h"
#include "record/record_reader.h"

namespace jet {
namespace {

using Bytes = std::vector<uint8_t>;

// The values of one column as an index sees them: the record's values (long
// values read, compressed ones decompressed), else the column's default.
// Empty = NULL.
class ColumnSource {
 public:
  ColumnSource(const TableDef& table, const RecordSchema& schema, const RecordValues& defaults,
               const RecordReader& reader, const KeyLvReader& read_lv)
      : table_(table), schema_(schema), defaults_(defaults), reader_(reader), read_lv_(read_lv) {}

  JET_ERR Values(uint32_t column_id, bool template_column, std::vector<Bytes>* out) const {
    out->clear();
    const ColumnSpec* spec = schema_.Find(column_id, template_column);
    if (spec == nullptr) spec = schema_.Find(column_id, !template_column);
    if (spec == nullptr) return JET_errColumnNotFound;
    uint32_t count = 0;
    if (const JET_ERR err = reader_.CountValues(*spec, &count); err < 0) return err;
    for (uint32_t itag = 1; itag <= count; ++itag) {
      ColumnValue v;
      const JET_ERR err = reader_.GetValue(*spec, itag, &v);
      if (err < 0) return err;
      if (err == JET_wrnColumnNull) break;
      Bytes bytes;
      if (v.separated) {
        if (!read_lv_) return JET_errLVCorrupted;
        if (const JET_ERR e = read_lv_(v.lid, &bytes); e < 0) return e;
      } else if (v.compressed) {
        if (const JET_ERR e = DecompressToVector(v.data, &bytes); e < 0) return e;
      } else {
        bytes.assign(v.data.begin(), v.data.end());
      }
      out->push_back(std::move(bytes));
    }
    if (out->empty() && !reader_.InRecord(*spec)) {
      for (const ColumnData& d : defaults_.columns) {
        if (d.id == spec->id && d.derived == spec->derived && !d.values.empty())
          out->push_back(d.values[0].data);
      }
    }
    return JET_errSuccess;
  }

  bool MultiValued(uint32_t column_id) const {
    for (const ColumnDef& c : table_.columns) {
      if (c.id == column_id && !c.deleted()) return c.tagged() && c.multi_valued();
    }
    return false;
  }

 private:
  const TableDef& table_;
  const RecordSchema& schema_;
  const RecordValues& defaults_;
  const RecordReader& reader_;
  const KeyLvReader& read_lv_;
};

JET_ERR KeysWithSource(const IndexDef& index, uint32_t page_size, const ColumnSource& source,
                       std::vector<Bytes>* keys) {
  keys->clear();
  IndexKeyDef kdef;
  if (const JET_ERR err = index.ToIndexKeyDef(page_size, &kdef); err < 0) return err;

  // Conditional columns: the record is in the index only when every
  // condition holds.
  for (const IndexSegmentDef& c : index.conditional) {
    std::vector<Bytes> vals;
    if (const JET_ERR err = source.Values(c.column_id, c.template_column, &vals); err < 0)
      return err;
    if (vals.empty() != c.must_be_null) return JET_errSuccess;
  }

  const size_t n = index.segments.size();
  std::vector<std::vector<Bytes>> seg_values(n);
  std::vector<bool> iterates(n, false);
  bool first_mv_seen = false;
  const bool cross = (index.flags & kIndexFlagCrossProduct) != 0;
  for (size_t i = 0; i < n; ++i) {
    const IndexSegmentDef& s = index.segments[i];
    if (const JET_ERR err = source.Values(s.column_id, s.template_column, &seg_values[i]); err < 0)
      return err;
    if (source.MultiValued(s.column_id) && (cross || !first_mv_seen)) {
      iterates[i] = seg_values[i].size() > 1;
      first_mv_seen = true;
    }
  }

  const bool primary = index.primary();
  const bool ignore_all = !primary && (index.flags & kIndexFlagAllowAllNulls) == 0;
  const bool ignore_any = !primary && (index.flags & kIndexFlagAllowSomeNulls) == 0;
  const bool ignore_first = !primary && (index.flags & kIndexFlagAllowFirstNull) == 0;
  const bool disallow = index.disallow_null();

  std::set<Bytes> unique;
  std::vector<size_t> pos(n, 0);
  while (true) {
    std::vector<KeyColumnValue> kv(n);
    for (size_t i = 0; i < n; ++i) {
      const size_t at = iterates[i] ? pos[i] : 0;
      kv[i] = seg_values[i].empty() ? KeyColumnValue::Null()
                                    : KeyColumnValue::Of(seg_values[i][at]);
    }
    Bytes key;
    IndexEntryKeyInfo info;
    if (const JET_ERR err = BuildIndexEntryKey(kdef, kv, &key, &info); err < 0) return err;
    if (info.any_null && disallow) return JET_errNullKeyDisallowed;
    const bool skip = (info.all_null && ignore_all) || (info.any_null && ignore_any) ||
                      (info.first_null && ignore_first);
    if (!skip) unique.insert(std::move(key));
    // Next combination: an odometer over the iterating segments.
    bool advanced = false;
    for (size_t i = n; i-- > 0 && !advanced;) {
      if (!iterates[i]) continue;
      if (++pos[i] < seg_values[i].size()) {
        advanced = true;
      } else {
        pos[i] = 0;
      }
    }
    if (!advanced) break;
  }
  keys->assign(unique.begin(), unique.end());
  return JET_errSuccess;
}

struct Prepared {
  RecordSchema schema;
  RecordValues defaults;
  RecordReader reader;
};

JET_ERR PrepareRecord(const TableDef& table, uint32_t page_size, std::span<const uint8_t> record,
                      Prepared* p) {
  if (const JET_ERR err = table.ToRecordSchema(&p->schema, &p->defaults); err < 0) return err;
  return RecordReader::Open(record, RecordFormat{page_size, true}, &p->reader);
}

JET_ERR PrimaryKeyWith(const TableDef& table, uint32_t page_size, const RecordImage& image,
                       const ColumnSource& source, Bytes* key) {
  key->clear();
  const IndexDef* primary = table.PrimaryIndex();
  if (primary == nullptr) {
    key->assign(image.sequential_bookmark.begin(), image.sequential_bookmark.end());
    return key->empty() ? JET_errInvalidParameter : JET_errSuccess;
  }
  std::vector<Bytes> keys;
  if (const JET_ERR err = KeysWithSource(*primary, page_size, source, &keys); err < 0) return err;
  // A primary key column is never multi-valued in a usable table.
  if (keys.size() != 1) return JET_errInvalidParameter;
  *key = std::move(keys[0]);
  return JET_errSuccess;
}

}  // namespace

JET_ERR IndexKeysOf(const TableDef& table, uint32_t page_size, const IndexDef& index,
                    std::span<const uint8_t> record, const KeyLvReader& read_lv,
                    std::vector<std::vector<uint8_t>>* keys) {
  Prepared p;
  if (const JET_ERR err = PrepareRecord(table, page_size, record, &p); err < 0) return err;
  const ColumnSource source(table, p.schema, p.defaults, p.reader, read_lv);
  return KeysWithSource(index, page_size, source, keys);
}

JET_ERR PrimaryKeyOf(const TableDef& table, uint32_t page_size, const RecordImage& record,
                     const KeyLvReader& read_lv, std::vector<uint8_t>* key) {
  Prepared p;
  if (const JET_ERR err = PrepareRecord(table, page_size, record.record, &p); err < 0) return err;
  const ColumnSource source(table, p.schema, p.defaults, p.reader, read_lv);
  return PrimaryKeyWith(table, page_size, record, source, key);
}

JET_ERR ComputeIndexChanges(const TableDef& table, uint32_t page_size,
                            const std::optional<RecordImage>& old_record,
                            const std::optional<RecordImage>& new_record,
                            const KeyLvReader& read_lv, IndexChanges* out) {
  *out = IndexChanges{};
  if (!old_record && !new_record) return JET_errInvalidParameter;
  Prepared old_p;
  Prepared new_p;
  std::optional<ColumnSource> old_src;
  std::optional<ColumnSource> new_src;
  if (old_record) {
    if (const JET_ERR err = PrepareRecord(table, page_size, old_record->record, &old_p); err < 0)
      return err;
    old_src.emplace(table, old_p.schema, old_p.defaults, old_p.reader, read_lv);
    if (const JET_ERR err =
            PrimaryKeyWith(table, page_size, *old_record, *old_src, &out->old_primary_key);
        err < 0)
      return err;
  }
  if (new_record) {
    if (const JET_ERR err = PrepareRecord(table, page_size, new_record->record, &new_p); err < 0)
      return err;
    new_src.emplace(table, new_p.schema, new_p.defaults, new_p.reader, read_lv);
    if (const JET_ERR err =
            PrimaryKeyWith(table, page_size, *new_record, *new_src, &out->new_primary_key);
        err < 0)
      return err;
  }
  if (old_record && new_record && out->old_primary_key != out->new_primary_key)
    return JET_errRecordPrimaryChanged;

  for (size_t i = 0; i < table.indexes.size(); ++i) {
    const IndexDef& index = table.indexes[i];
    if (index.primary()) continue;
    std::vector<Bytes> old_keys;
    std::vector<Bytes> new_keys;
    if (old_src) {
      if (const JET_ERR err = KeysWithSource(index, page_size, *old_src, &old_keys); err < 0)
        return err;
    }
    if (new_src) {
      if (const JET_ERR err = KeysWithSource(index, page_size, *new_src, &new_keys); err < 0)
        return err;
    }
    SecondaryIndexChanges ch;
    ch.index = i;
    std::vector<Bytes> gone;
    std::vector<Bytes> added;
    std::set_difference(old_keys.begin(), old_keys.end(), new_keys.begin(), new_keys.end(),
                        std::back_inserter(gone));
    std::set_difference(new_keys.begin(), new_keys.end(), old_keys.begin(), old_keys.end(),
                        std::back_inserter(added));
    for (Bytes& k : gone) ch.remove.push_back(IndexEntry{std::move(k), out->old_primary_key});
    for (Bytes& k : added) ch.add.push_back(IndexEntry{std::move(k), out->new_primary_key});
    if (!ch.remove.empty() || !ch.add.empty()) out->secondary.push_back(std::move(ch));
  }
  return JET_errSuccess;
}

}  // namespace jet
