#include "key/index_entry_key.h"

#include <algorithm>

#include "key/key_format.h"
#include "key/segment_normalizer.h"

namespace jet {

JET_ERR BuildIndexEntryKey(const IndexKeyDef& def, std::span<const KeyColumnValue> values,
                           std::vector<uint8_t>* key, IndexEntryKeyInfo* info) {
  if (key == nullptr || info == nullptr || values.size() != def.segments.size() ||
      def.segments.empty() || def.cb_key_most == 0) {
    return JET_errInvalidParameter;
  }
  key->clear();
  *info = IndexEntryKeyInfo{};
  info->all_null = true;

  const uint32_t cb_var_seg_mac = def.EffectiveVarSegMac();
  uint32_t cb_key_avail = def.cb_key_most;
  bool column_truncated = false;
  std::vector<uint8_t> seg;

  for (size_t i = 0; i < def.segments.size(); ++i) {
    const KeySegmentDef& sd = def.segments[i];
    const KeyColumnValue& value = values[i];
    std::span<const uint8_t> data = value.is_null ? std::span<const uint8_t>() : value.data;
    // Indexes with the old key size see at most 255 bytes of a value (ESE
    // reads cbKeyMost bytes of it); larger ones see the whole value.
    if (def.cb_key_most == kCbKeyMostOld && data.size() > kCbKeyMostOld) {
      data = data.first(kCbKeyMostOld);
    }

    if (cb_key_avail == 0) {
      // The key is full: later columns add nothing, but still count as NULL.
      info->truncated = true;
      if (def.disallow_truncation) return JET_errKeyTruncated;
      if (value.is_null) {
        info->first_null |= (i == 0);
        info->any_null = true;
      }
      continue;
    }

    const SegmentSpace space{cb_key_avail, def.cb_key_most, cb_var_seg_mac};
    if (value.is_null || data.empty()) {
      if (value.is_null) {
        info->first_null |= (i == 0);
        info->any_null = true;
      } else {
        info->all_null = false;
      }
      seg.assign(1, NullSegmentPrefix(sd.coltyp, !value.is_null, def.sort_nulls_high));
    } else {
      info->all_null = false;
      if (IsTextColumnType(sd.coltyp)) {
        bool too_big = false;
        const JET_ERR err =
            NormalizeTextSegment(data, sd.code_page, def.unicode_collation, space, &seg, &too_big);
        if (err < 0) return err;
        column_truncated |= too_big;
      } else if (IsBinaryColumnType(sd.coltyp)) {
        column_truncated |=
            NormalizeBinarySegment(data, sd.fixed_column, space, &seg).column_truncated;
      } else {
        if (data.size() != FixedWidthOfColumnType(sd.coltyp)) return JET_errInvalidBufferSize;
        NormalizeFixedSegment(sd.coltyp, data, def.dot_net_guid, &seg);
      }
    }

    if (!info->truncated) {
      if (column_truncated) {
        info->truncated = true;
        if (def.disallow_truncation) return JET_errKeyTruncated;
      } else if (seg.size() > cb_key_avail) {
        info->truncated = true;
        if (def.disallow_truncation) return JET_errKeyTruncated;
        seg.resize(cb_key_avail);
      }
      if (sd.descending) ComplementBytes(&seg, 0);
      key->insert(key->end(), seg.begin(), seg.end());
      cb_key_avail -= static_cast<uint32_t>(seg.size());
    }
  }
  return JET_errSuccess;
}

}  // namespace jet
