#include "record/tagged_fields.h"

#include <algorithm>

#include "format/endian.h"

namespace jet {

namespace {

// TAGFLDs sort with template (derived) columns first, then by fid
// (tagfld.hxx, TAGFLD::CmpTagfld2).
uint32_t SortKey(uint32_t fid, bool derived) { return (derived ? 0u : 0x10000u) | fid; }

bool ValidLidLength(size_t size) { return size == 4 || size == 8; }

}  // namespace

JET_ERR TaggedArea::Parse(std::span<const uint8_t> area, const RecordFormat& format,
                          TaggedArea* out) {
  out->columns_.clear();
  out->old_values_.clear();
  out->old_format_ = !format.new_tagged_format;
  const JET_ERR err =
      format.new_tagged_format ? out->ParseNew(area, format.LargePage()) : out->ParseOld(area);
  if (err < 0) {
    out->columns_.clear();
    out->old_values_.clear();
  }
  return err;
}

JET_ERR TaggedArea::ParseNew(std::span<const uint8_t> area, bool large_page) {
  if (area.empty()) return JET_errSuccess;
  if (area.size() < kTagfldSize) return JET_errDatabaseCorrupted;
  const uint16_t mask = large_page ? kTagfldOffsetMaskLarge : kTagfldOffsetMaskSmall;

  // The first value starts right after the TAGFLD array, so its offset
  // gives the number of TAGFLDs.
  const size_t first = LoadLE16(&area[2]) & mask;
  if (first < kTagfldSize || first % kTagfldSize != 0 || first > area.size()) {
    return JET_errDatabaseCorrupted;
  }
  const size_t n = first / kTagfldSize;
  columns_.reserve(n);

  int64_t prev_key = -1;
  for (size_t i = 0; i < n; ++i) {
    const uint16_t fid = LoadLE16(&area[i * kTagfldSize]);
    const uint16_t ib = LoadLE16(&area[i * kTagfldSize + 2]);
    const size_t start = ib & mask;
    const size_t end =
        (i + 1 < n) ? (LoadLE16(&area[(i + 1) * kTagfldSize + 2]) & mask) : area.size();
    if (start < first || start > end || end > area.size()) return JET_errDatabaseCorrupted;
    if (fid < 256) return JET_errDatabaseCorrupted;

    TaggedColumn col;
    col.fid = fid;
    col.derived = (ib & kTagfldDerived) != 0;
    const int64_t key = SortKey(fid, col.derived);
    if (key <= prev_key) return JET_errDatabaseCorrupted;
    prev_key = key;

    std::span<const uint8_t> value = area.subspan(start, end - start);
    // Small pages flag the header byte and NULL in the TAGFLD; large pages
    // always have the header byte and keep NULL in it.
    if (!large_page && (ib & kTagfldNullSmallPage) != 0) {
      col.null = true;
      columns_.push_back(col);
      continue;
    }
    const bool has_header = large_page || (ib & kTagfldExtendedInfo) != 0;
    if (has_header) {
      if (value.empty()) return JET_errDatabaseCorrupted;
      col.header = value[0];
      if ((col.header & ~kTaggedHeaderMask) != 0) return JET_errDatabaseCorrupted;
      value = value.subspan(1);
    }
    col.body = value;
    if ((col.header & kTaggedNull) != 0) {
      col.null = true;
      columns_.push_back(col);
      continue;
    }

    const uint8_t h = col.header;
    if ((h & kTaggedMultiValues) != 0) {
      // Multi-values are never separated or compressed as a whole: those
      // properties are per instance (MVOFFSET bit, first-instance rule).
      if ((h & kTaggedSeparated) != 0) return JET_errDatabaseCorrupted;
      if ((h & kTaggedTwoValues) != 0) {
        if (value.empty() || size_t{1} + value[0] > value.size()) return JET_errDatabaseCorrupted;
        col.count = 2;
      } else {
        if (value.size() < 2) return JET_errDatabaseCorrupted;
        const size_t first_value = LoadLE16(&value[0]) & kMvOffsetMask;
        if (first_value < 2 || first_value % 2 != 0 || first_value > value.size()) {
          return JET_errDatabaseCorrupted;
        }
        col.count = static_cast<uint32_t>(first_value / 2);
        size_t prev = first_value;
        for (uint32_t j = 0; j < col.count; ++j) {
          const uint16_t entry = LoadLE16(&value[2 * j]);
          const size_t s = entry & kMvOffsetMask;
          const size_t e =
              (j + 1 < col.count) ? (LoadLE16(&value[2 * (j + 1)]) & kMvOffsetMask) : value.size();
          if (s < prev || s > e || e > value.size()) return JET_errDatabaseCorrupted;
          if ((entry & kMvSeparatedInstance) != 0 && !ValidLidLength(e - s)) {
            return JET_errDatabaseCorrupted;
          }
          prev = s;
        }
      }
    } else {
      if ((h & kTaggedTwoValues) != 0) return JET_errDatabaseCorrupted;
      if ((h & kTaggedSeparated) != 0) {
        if ((h & kTaggedCompressed) != 0) return JET_errDatabaseCorrupted;
        if (!ValidLidLength(value.size())) return JET_errDatabaseCorrupted;
      }
      col.count = 1;
    }
    columns_.push_back(col);
  }
  return JET_errSuccess;
}

JET_ERR TaggedArea::ParseOld(std::span<const uint8_t> area) {
  int64_t prev_key = -1;
  size_t pos = 0;
  while (pos < area.size()) {
    if (area.size() - pos < 4) return JET_errDatabaseCorrupted;
    const uint16_t fid = LoadLE16(&area[pos]);
    const uint16_t bits = LoadLE16(&area[pos + 2]);
    const size_t size = bits & kOldTagfldSizeMask;
    if (area.size() - pos - 4 < size) return JET_errDatabaseCorrupted;
    std::span<const uint8_t> data = area.subspan(pos + 4, size);
    pos += 4 + size;
    if (fid < 256) return JET_errDatabaseCorrupted;

    const bool derived = (bits & kOldTagfldDerived) != 0;
    const bool null = (bits & kOldTagfldNull) != 0;
    const bool long_value = (bits & kOldTagfldLongValue) != 0;
    const int64_t key = SortKey(fid, derived);
    if (key < prev_key) return JET_errDatabaseCorrupted;
    const bool same_column = key == prev_key;
    prev_key = key;

    // Several values of one column are consecutive entries with the same
    // fid; a NULL entry stands alone.
    if (same_column && (null || columns_.back().null)) return JET_errDatabaseCorrupted;
    if (!same_column) {
      TaggedColumn col;
      col.fid = fid;
      col.derived = derived;
      col.null = null;
      col.old_first = static_cast<uint32_t>(old_values_.size());
      columns_.push_back(col);
    }
    TaggedColumn& col = columns_.back();
    if (null) continue;

    TaggedInstance value;
    value.long_value = long_value;
    if (long_value) {
      // Old-format long values start with a flag byte: bit 0 = separated.
      if (data.empty()) return JET_errDatabaseCorrupted;
      value.separated = (data[0] & kOldLvSeparated) != 0;
      value.data = data.subspan(1);
      if (value.separated && value.data.size() != 4) return JET_errDatabaseCorrupted;
      col.header |= kTaggedLongValue;
    } else {
      value.data = data;
    }
    old_values_.push_back(value);
    ++col.count;
    if (col.count > 1) col.header |= kTaggedMultiValues;
  }
  return JET_errSuccess;
}

const TaggedColumn* TaggedArea::Find(uint32_t fid, bool derived) const {
  const uint32_t key = SortKey(fid, derived);
  auto it = std::lower_bound(
      columns_.begin(), columns_.end(), key,
      [](const TaggedColumn& c, uint32_t k) { return SortKey(c.fid, c.derived) < k; });
  if (it == columns_.end() || SortKey(it->fid, it->derived) != key) return nullptr;
  return &*it;
}

TaggedInstance TaggedArea::Instance(const TaggedColumn& column, uint32_t index) const {
  if (old_format_) return old_values_[column.old_first + index];

  TaggedInstance v;
  const uint8_t h = column.header;
  v.long_value = (h & kTaggedLongValue) != 0;
  v.encrypted = (h & kTaggedEncrypted) != 0;
  const std::span<const uint8_t> body = column.body;
  if ((h & kTaggedMultiValues) == 0) {
    v.data = body;
    v.separated = (h & kTaggedSeparated) != 0;
    v.compressed = (h & kTaggedCompressed) != 0;
    return v;
  }
  // Only the first of several values can be compressed (tagfld.hxx,
  // MULTIVALUES::ErrRetrieveInstance).
  v.compressed = (h & kTaggedCompressed) != 0 && index == 0;
  if ((h & kTaggedTwoValues) != 0) {
    const size_t first_size = body[0];
    v.data = index == 0 ? body.subspan(1, first_size) : body.subspan(1 + first_size);
    return v;
  }
  const uint16_t entry = LoadLE16(&body[2 * index]);
  const size_t start = entry & kMvOffsetMask;
  const size_t end =
      (index + 1 < column.count) ? (LoadLE16(&body[2 * (index + 1)]) & kMvOffsetMask) : body.size();
  v.data = body.subspan(start, end - start);
  v.separated = (entry & kMvSeparatedInstance) != 0;
  if (v.separated) v.compressed = false;
  return v;
}

}  // namespace jet
