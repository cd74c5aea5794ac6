#include "key/index_key_def.h"

namespace jet {

UnicodeCollation UnicodeCollationForLocaleName(std::u16string_view locale_name) {
  return locale_name == kJetsvcFoldV1LocaleName ? UnicodeCollation::kJetsvcFoldV1
                                                : UnicodeCollation::kWindowsNls;
}

uint32_t IndexKeyDef::EffectiveVarSegMac() const {
  // fldnorm.cxx: cbVarSegMac == cbKeyMost means "no segment limit", which the
  // normaliser spells cbKeyMost + 1.
  const uint32_t var_seg_mac = cb_var_seg_mac == 0 ? cb_key_most : cb_var_seg_mac;
  return var_seg_mac == cb_key_most ? cb_key_most + 1 : var_seg_mac;
}

JET_ERR ValidateIndexKeyDef(const IndexKeyDef& def, size_t page_size) {
  const uint32_t cb_key_most_for_page = CbKeyMostForPage(page_size);
  if (cb_key_most_for_page == 0) return JET_errInvalidParameter;
  if (def.segments.empty() || def.segments.size() > JET_ccolKeyMost) {
    return JET_errIndexInvalidDef;
  }
  if (def.cb_key_most < JET_cbKeyMostMin || def.cb_key_most > cb_key_most_for_page) {
    return JET_errIndexInvalidDef;
  }
  if (def.cb_var_seg_mac > def.cb_key_most) return JET_errIndexInvalidDef;
  for (const KeySegmentDef& seg : def.segments) {
    if (!IsKeyColumnType(seg.coltyp)) return JET_errInvalidColumnType;
    if (!seg.fixed_column) continue;
    if (seg.coltyp == JET_coltypLongText || seg.coltyp == JET_coltypLongBinary) {
      return JET_errInvalidColumnType;  // long values are always tagged
    }
    if ((seg.coltyp == JET_coltypText || seg.coltyp == JET_coltypBinary) &&
        (seg.cb_max == 0 || seg.cb_max > JET_cbColumnMost)) {
      return JET_errIndexInvalidDef;
    }
  }
  return JET_errSuccess;
}

JET_ERR ApplyIndexCreateOptions(uint32_t grbit, uint32_t cb_key_most, uint32_t cb_var_seg_mac,
                                size_t page_size, IndexKeyDef* def) {
  const uint32_t cb_key_most_for_page = CbKeyMostForPage(page_size);
  if (def == nullptr || cb_key_most_for_page == 0) return JET_errInvalidParameter;
  if (grbit & (JET_bitIndexTuples | JET_bitIndexTupleLimits)) return JET_errFeatureNotAvailable;

  uint32_t key_most = kCbKeyMostOld;
  if (grbit & JET_bitIndexKeyMost) {
    if (cb_key_most < JET_cbKeyMostMin || cb_key_most > cb_key_most_for_page) {
      return JET_errIndexInvalidDef;
    }
    key_most = cb_key_most;
  }
  if (cb_var_seg_mac > key_most) return JET_errIndexInvalidDef;

  def->cb_key_most = key_most;
  def->cb_var_seg_mac = cb_var_seg_mac == 0 ? key_most : cb_var_seg_mac;
  def->sort_nulls_high = (grbit & JET_bitIndexSortNullsHigh) != 0;
  def->dot_net_guid = (grbit & JET_bitIndexDotNetGuid) != 0;
  def->disallow_truncation = (grbit & JET_bitIndexDisallowTruncation) != 0;
  return JET_errSuccess;
}

}  // namespace jet
