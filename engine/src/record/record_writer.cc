#include "record/record_writer.h"

#include <algorithm>
#include <cstring>

#include "format/endian.h"
#include "record/compression.h"
#include "record/long_value.h"

namespace jet {

namespace {

// A column of the input matched with its definition.
struct Entry {
  const ColumnSpec* spec;
  const ColumnData* data;
};

uint32_t TaggedSortKey(const ColumnSpec& spec) { return (spec.derived ? 0u : 0x10000u) | spec.id; }

JET_ERR CheckTaggedValues(const ColumnSpec& spec, const ColumnData& data) {
  if (data.values.size() > 1 && !spec.multi_valued) return JET_errInvalidParameter;
  for (size_t i = 0; i < data.values.size(); ++i) {
    const ValueInstance& v = data.values[i];
    if (v.separated) {
      LvId lid = 0;
      if (!spec.IsLongValue() || v.compressed) return JET_errInvalidParameter;
      if (DecodeLidReference(v.data, &lid) < 0) return JET_errInvalidParameter;
    }
    if (v.compressed) {
      // The header's compressed bit covers the first value only
      // (tagfld.hxx, MULTIVALUES::ErrRetrieveInstance).
      if (!spec.IsLongValue() || i != 0) return JET_errInvalidParameter;
      size_t size = 0;
      if (DecompressedSize(v.data, &size) < 0) return JET_errInvalidParameter;
    }
  }
  return JET_errSuccess;
}

// Appends the bytes of one tagged column (header byte included) and returns
// the TAGFLD flag bits that go with them.
JET_ERR EncodeTagged(const ColumnSpec& spec, const ColumnData& data, bool large_page,
                     std::vector<uint8_t>* out, uint16_t* ib_flags) {
  *ib_flags = spec.derived ? kTagfldDerived : 0;
  const uint8_t lv_bit = spec.IsLongValue() ? kTaggedLongValue : 0;

  if (data.null) {
    // Small pages flag NULL in the TAGFLD and store nothing; large pages
    // keep it in the header byte (tagfld.hxx, TAGFLD::SetFNull).
    if (large_page) {
      out->push_back(static_cast<uint8_t>(lv_bit | kTaggedNull));
    } else {
      *ib_flags |= kTagfldNullSmallPage;
    }
    return JET_errSuccess;
  }

  const std::vector<ValueInstance>& values = data.values;
  auto put_header = [&](uint8_t header) {
    if (large_page || header != 0) {
      out->push_back(header);
      if (!large_page) *ib_flags |= kTagfldExtendedInfo;
    }
  };

  if (values.size() == 1) {
    const ValueInstance& v = values[0];
    put_header(static_cast<uint8_t>(lv_bit | (v.separated ? kTaggedSeparated : 0) |
                                    (v.compressed ? kTaggedCompressed : 0)));
    out->insert(out->end(), v.data.begin(), v.data.end());
    return JET_errSuccess;
  }

  // Two values of a column that cannot hold long values: one length byte
  // instead of an offset array (tagfld.hxx, TWOVALUES).
  if (values.size() == 2 && lv_bit == 0 && values[0].data.size() <= 0xff) {
    put_header(kTaggedMultiValues | kTaggedTwoValues);
    out->push_back(static_cast<uint8_t>(values[0].data.size()));
    out->insert(out->end(), values[0].data.begin(), values[0].data.end());
    out->insert(out->end(), values[1].data.begin(), values[1].data.end());
    return JET_errSuccess;
  }

  put_header(static_cast<uint8_t>(kTaggedMultiValues | lv_bit |
                                  (values[0].compressed ? kTaggedCompressed : 0)));
  const size_t array_at = out->size();
  out->resize(array_at + 2 * values.size());
  size_t offset = 2 * values.size();
  for (size_t i = 0; i < values.size(); ++i) {
    if (offset > kMvOffsetMask) return JET_errRecordTooBig;
    const uint16_t entry =
        static_cast<uint16_t>(offset | (values[i].separated ? kMvSeparatedInstance : 0));
    StoreLE16(&(*out)[array_at + 2 * i], entry);
    out->insert(out->end(), values[i].data.begin(), values[i].data.end());
    offset += values[i].data.size();
  }
  return JET_errSuccess;
}

}  // namespace

JET_ERR EncodeRecord(const RecordSchema& schema, const RecordFormat& format,
                     const RecordValues& values, std::vector<uint8_t>* out) {
  out->clear();
  if (!format.new_tagged_format) return JET_errInvalidParameter;

  std::vector<Entry> fixed;
  std::vector<Entry> variable;
  std::vector<Entry> tagged;
  for (const ColumnData& data : values.columns) {
    const ColumnSpec* spec = schema.Find(data.id, data.derived);
    if (spec == nullptr || spec->derived != data.derived) return JET_errColumnNotFound;
    if (data.null && !data.values.empty()) return JET_errInvalidParameter;
    switch (spec->Kind()) {
      case ColumnKind::kFixed:
      case ColumnKind::kVariable: {
        if (data.values.size() > 1) return JET_errInvalidParameter;
        if (!data.values.empty()) {
          const ValueInstance& v = data.values[0];
          if (v.separated || v.compressed) return JET_errInvalidParameter;
          if (spec->Kind() == ColumnKind::kFixed && v.data.size() != spec->FixedWidth()) {
            return JET_errInvalidBufferSize;
          }
          if (spec->Kind() == ColumnKind::kVariable && spec->max_size != 0 &&
              v.data.size() > spec->max_size) {
            return JET_errColumnTooBig;
          }
        }
        (spec->Kind() == ColumnKind::kFixed ? fixed : variable).push_back({spec, &data});
        break;
      }
      case ColumnKind::kTagged: {
        const JET_ERR err = CheckTaggedValues(*spec, data);
        if (err < 0) return err;
        tagged.push_back({spec, &data});
        break;
      }
      default:
        return JET_errColumnNotFound;
    }
  }
  auto by_id = [](const Entry& a, const Entry& b) { return a.spec->id < b.spec->id; };
  std::sort(fixed.begin(), fixed.end(), by_id);
  std::sort(variable.begin(), variable.end(), by_id);
  std::sort(tagged.begin(), tagged.end(), [](const Entry& a, const Entry& b) {
    return TaggedSortKey(*a.spec) < TaggedSortKey(*b.spec);
  });
  auto same_column = [](const Entry& a, const Entry& b) { return a.spec == b.spec; };
  if (std::adjacent_find(fixed.begin(), fixed.end(), same_column) != fixed.end() ||
      std::adjacent_find(variable.begin(), variable.end(), same_column) != variable.end() ||
      std::adjacent_find(tagged.begin(), tagged.end(), same_column) != tagged.end()) {
    return JET_errInvalidParameter;
  }

  // Fixed data and its NULL bitmap (bit set = NULL, unused bits set too).
  const uint32_t last_fixed = schema.LastFixedColumnId();
  const size_t bitmap_size = (last_fixed + 7) / 8;
  const size_t end_of_fixed = schema.EndOfFixedColumns() + bitmap_size;
  std::vector<uint8_t> rec(end_of_fixed, kNullFixedFill);
  rec[0] = static_cast<uint8_t>(last_fixed);
  std::fill(rec.end() - static_cast<std::ptrdiff_t>(bitmap_size), rec.end(), uint8_t{0xff});
  const size_t bitmap = end_of_fixed - bitmap_size;
  for (const Entry& e : fixed) {
    if (e.data->values.empty()) continue;
    const std::vector<uint8_t>& v = e.data->values[0].data;
    std::memcpy(&rec[e.spec->fixed_offset], v.data(), v.size());
    const uint32_t index = e.spec->id - 1;
    rec[bitmap + index / 8] &= static_cast<uint8_t>(~(1u << (index % 8)));
  }
  StoreLE16(&rec[2], static_cast<uint16_t>(end_of_fixed));

  // Variable columns up to the last non-NULL one.
  uint32_t last_var = kNoVariableColumns;
  for (const Entry& e : variable) {
    if (!e.data->values.empty()) last_var = e.spec->id;
  }
  rec[1] = static_cast<uint8_t>(last_var);
  const size_t var_count = last_var - kNoVariableColumns;
  rec.resize(end_of_fixed + 2 * var_count);
  size_t var_end = 0;
  size_t next = 0;  // index into `variable`
  for (uint32_t id = kFirstVariableColumnId; id <= last_var; ++id) {
    while (next < variable.size() && variable[next].spec->id < id) ++next;
    uint16_t entry = 0;
    if (next < variable.size() && variable[next].spec->id == id &&
        !variable[next].data->values.empty()) {
      const std::vector<uint8_t>& v = variable[next].data->values[0].data;
      rec.insert(rec.end(), v.begin(), v.end());
      var_end += v.size();
      if (var_end > kVarOffsetMask) return JET_errRecordTooBig;
      entry = static_cast<uint16_t>(var_end);
    } else {
      entry = static_cast<uint16_t>(var_end | kVarOffsetNull);
    }
    StoreLE16(&rec[end_of_fixed + 2 * (id - kFirstVariableColumnId)], entry);
  }

  // Tagged area: the TAGFLD array, then the values.
  std::vector<const Entry*> present;
  for (const Entry& e : tagged) {
    if (e.data->null || !e.data->values.empty()) present.push_back(&e);
  }
  if (!present.empty()) {
    const bool large = format.LargePage();
    const uint16_t mask = large ? kTagfldOffsetMaskLarge : kTagfldOffsetMaskSmall;
    const size_t array_at = rec.size();
    const size_t array_size = kTagfldSize * present.size();
    rec.resize(array_at + array_size);
    std::vector<uint8_t> body;
    for (size_t i = 0; i < present.size(); ++i) {
      const size_t ib = array_size + body.size();
      if (ib > mask) return JET_errRecordTooBig;
      uint16_t flags = 0;
      const JET_ERR err = EncodeTagged(*present[i]->spec, *present[i]->data, large, &body, &flags);
      if (err < 0) return err;
      StoreLE16(&rec[array_at + kTagfldSize * i], static_cast<uint16_t>(present[i]->spec->id));
      StoreLE16(&rec[array_at + kTagfldSize * i + 2], static_cast<uint16_t>(ib | flags));
    }
    rec.insert(rec.end(), body.begin(), body.end());
  }

  *out = std::move(rec);
  return JET_errSuccess;
}

}  // namespace jet
