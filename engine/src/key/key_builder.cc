#include "key/key_builder.h"

#include <algorithm>
#include <cstddef>

#include "key/key_format.h"
#include "key/segment_normalizer.h"
#include "key/unicode_fold.h"

namespace jet {

namespace {

constexpr size_t kLargestPageSize = 32768;

// Fixed text shorter than its column is padded as the record pads it: with
// spaces, or for Unicode with the bytes of L' ' in little-endian order,
// placed by byte offset (ESE's RECTextColumnPadding).
void PadFixedText(uint16_t code_page, size_t cb_max, std::vector<uint8_t>* text) {
  if (code_page == kCodePageUnicode) {
    for (size_t i = text->size(); i < cb_max; ++i) text->push_back(i % 2 == 0 ? 0x20 : 0x00);
  } else {
    text->resize(cb_max, ' ');
  }
}

// Limit keys (fldnorm.cxx FLDISetFullColumnLimit & co.). `cb_avail_with_suffix`
// is the room left in the key plus the one byte a limit key may have beyond
// cbKeyMost.

void SetFullColumnLimit(size_t cb_avail_with_suffix, bool end_limit, std::vector<uint8_t>* seg) {
  if (end_limit) seg->resize(cb_avail_with_suffix, kKeySentinel);
}

void SetPartialColumnLimitOnText(size_t cb_avail_with_suffix, bool descending, bool end_limit,
                                 uint16_t code_page, UnicodeCollation collation,
                                 std::vector<uint8_t>* seg) {
  if (seg->size() < 2) {  // NULL or zero-length: nothing to be a prefix of
    SetFullColumnLimit(cb_avail_with_suffix, end_limit, seg);
    return;
  }
  const uint8_t flip = descending ? 0xff : 0x00;
  const size_t ib_suffix = cb_avail_with_suffix - 1;
  size_t ib_end = seg->size();  // where the prefix ends
  if (code_page != kCodePageUnicode) {
    if ((*seg)[ib_end - 1] == (kAsciiKeyTerminator ^ flip)) --ib_end;
  } else if (collation == UnicodeCollation::kJetsvcFoldV1) {
    const bool whole_units = (ib_end - 1) % 2 == 0;
    if (whole_units && ib_end >= 3 && (*seg)[ib_end - 2] == (kUnicodeFoldTerminator[0] ^ flip) &&
        (*seg)[ib_end - 1] == (kUnicodeFoldTerminator[1] ^ flip)) {
      ib_end -= 2;
    }
  } else {
    // Windows sort keys: the prefix ends at the first 01 separator. Never
    // reached: a Windows Unicode data segment fails before any limit.
    const uint8_t separator = 0x01 ^ flip;
    ib_end = 1;
    while (ib_end < seg->size() && ib_end < ib_suffix && (*seg)[ib_end] != separator) ++ib_end;
  }
  ib_end = std::min(ib_end, ib_suffix);
  seg->resize(ib_end);
  if (end_limit) seg->resize(cb_avail_with_suffix, kKeySentinel);
}

void SetPartialColumnLimitOnBinary(size_t cb_avail_with_suffix, size_t delimiter, bool end_limit,
                                   std::vector<uint8_t>* seg) {
  if (delimiter == 0) {
    SetFullColumnLimit(cb_avail_with_suffix, end_limit, seg);
  } else if (end_limit) {
    seg->push_back(0);
    std::fill(seg->begin() + static_cast<ptrdiff_t>(delimiter), seg->end(), kKeySentinel);
  } else {
    seg->resize(delimiter);
  }
}

}  // namespace

KeyBuilder::KeyBuilder(const IndexKeyDef& def)
    : def_(def), def_error_(ValidateIndexKeyDef(def, kLargestPageSize)) {}

void KeyBuilder::Reset() {
  key_.clear();
  segment_count_ = 0;
  prepared_ = false;
  limit_ = false;
  too_big_ = false;
}

JET_ERR KeyBuilder::GetSearchKey(std::vector<uint8_t>* key) const {
  if (key == nullptr) return JET_errInvalidParameter;
  if (!prepared_) return JET_errKeyNotMade;
  key->assign(key_.begin(), key_.end());
  return JET_errSuccess;
}

JET_ERR KeyBuilder::MakeKey(const void* data, size_t cb, uint32_t grbit) {
  if (def_error_ < 0) return def_error_;
  if (cb > 0 && data == nullptr) return JET_errInvalidParameter;
  const auto* bytes = static_cast<const uint8_t*>(data);
  const uint32_t cb_key_most = def_.cb_key_most;

  if (grbit & JET_bitNormalizedKey) {
    // A key from JetRetrieveKey, taken as it is (one byte more than cbKeyMost
    // for a limit key).
    const size_t cb_limit_key_most = CbLimitKeyMost(cb_key_most);
    if (cb > cb_limit_key_most && cb > JET_cbKeyMost) return JET_errInvalidParameter;
    const size_t cb_copy = std::min(cb, cb_limit_key_most);
    Reset();
    key_.assign(bytes, bytes + cb_copy);
    segment_count_ = 1;
    prepared_ = true;
    limit_ = cb_copy > cb_key_most;
    return JET_errSuccess;
  }

  if (grbit & JET_bitNewKey) {
    Reset();
  } else if (limit_) {
    return JET_errKeyIsMade;
  } else if (!prepared_) {
    return JET_errKeyNotMade;
  }
  if (segment_count_ >= def_.segments.size()) return JET_errKeyIsMade;
  const KeySegmentDef& sd = def_.segments[segment_count_];

  // Indexes with the old key size see at most 255 bytes of a value.
  std::span<const uint8_t> value(bytes,
                                 cb_key_most == kCbKeyMostOld ? std::min<size_t>(cb, 255) : cb);
  std::vector<uint8_t> padded;
  const size_t width = FixedWidthOfColumnType(sd.coltyp);
  if (cb > 0) {
    if (sd.fixed_column) {
      const size_t cb_max = width != 0 ? width : sd.cb_max;
      if (cb != cb_max) {
        if (sd.coltyp != JET_coltypText || cb > cb_max) return JET_errInvalidBufferSize;
        padded.assign(value.begin(), value.end());
        PadFixedText(sd.code_page, cb_max, &padded);
        value = padded;
      }
    } else if (width != 0 && cb != width) {
      // A tagged column of a fixed-width type: ESE would read `width` bytes
      // whatever cb is; refuse instead.
      return JET_errInvalidBufferSize;
    }
  }

  switch (grbit & kMakeKeyLimitOptionsMask) {
    case JET_bitPartialColumnStartLimit:
    case JET_bitPartialColumnEndLimit:
      if (!IsTextColumnType(sd.coltyp) && (sd.fixed_column || !IsBinaryColumnType(sd.coltyp))) {
        return JET_errInvalidGrbit;
      }
      break;
    case 0:
    case JET_bitFullColumnStartLimit:
    case JET_bitFullColumnEndLimit:
      break;
    default:
      return JET_errInvalidGrbit;
  }

  std::vector<uint8_t> seg;
  if (!too_big_ && key_.size() < cb_key_most) {
    const uint32_t cb_avail = cb_key_most - static_cast<uint32_t>(key_.size());
    const JET_ERR err = NormalizeSearchSegment(sd, value, grbit, cb_avail, &seg);
    if (err < 0) return err;
  }
  ++segment_count_;
  const size_t room = CbLimitKeyMost(cb_key_most) - key_.size();
  if (seg.size() > room) seg.resize(room);
  key_.insert(key_.end(), seg.begin(), seg.end());
  prepared_ = true;
  return JET_errSuccess;
}

JET_ERR KeyBuilder::NormalizeSearchSegment(const KeySegmentDef& sd, std::span<const uint8_t> value,
                                           uint32_t grbit, uint32_t cb_avail,
                                           std::vector<uint8_t>* seg) {
  const SegmentSpace space{cb_avail, def_.cb_key_most, def_.EffectiveVarSegMac()};
  size_t binary_delimiter = 0;

  if (value.empty()) {
    const bool zero_length = (grbit & JET_bitKeyDataZeroLength) != 0;
    if (zero_length &&
        (sd.fixed_column || (!IsTextColumnType(sd.coltyp) && !IsBinaryColumnType(sd.coltyp)))) {
      return JET_errInvalidBufferSize;
    }
    seg->assign(1, NullSegmentPrefix(sd.coltyp, zero_length, def_.sort_nulls_high));
  } else if (IsTextColumnType(sd.coltyp)) {
    bool cut = false;
    const JET_ERR err =
        NormalizeTextSegment(value, sd.code_page, def_.unicode_collation, space, seg, &cut);
    if (err < 0) return err;
    too_big_ |= cut;
  } else if (IsBinaryColumnType(sd.coltyp)) {
    const BinarySegmentInfo info = NormalizeBinarySegment(value, sd.fixed_column, space, seg);
    binary_delimiter = info.delimiter;
    too_big_ |= info.column_truncated;
  } else {
    NormalizeFixedSegment(sd.coltyp, value, def_.dot_net_guid, seg);
    if (seg->size() > cb_avail) {
      seg->resize(cb_avail);
      too_big_ = true;
    }
  }

  if (sd.descending) ComplementBytes(seg, 0);

  const size_t cb_avail_with_suffix = size_t{cb_avail} + 1;
  switch (grbit & kMakeKeyLimitOptionsMask) {
    case JET_bitFullColumnStartLimit:
    case JET_bitFullColumnEndLimit:
      SetFullColumnLimit(cb_avail_with_suffix, grbit & JET_bitFullColumnEndLimit, seg);
      limit_ = true;
      break;
    case JET_bitPartialColumnStartLimit:
    case JET_bitPartialColumnEndLimit:
      if (IsTextColumnType(sd.coltyp)) {
        SetPartialColumnLimitOnText(cb_avail_with_suffix, sd.descending,
                                    grbit & JET_bitPartialColumnEndLimit, sd.code_page,
                                    def_.unicode_collation, seg);
      } else {
        SetPartialColumnLimitOnBinary(cb_avail_with_suffix, binary_delimiter,
                                      grbit & JET_bitPartialColumnEndLimit, seg);
      }
      limit_ = true;
      break;
    default:
      if ((grbit & JET_bitSubStrLimit) && IsTextColumnType(sd.coltyp)) {
        SetPartialColumnLimitOnText(cb_avail_with_suffix, sd.descending, true, sd.code_page,
                                    def_.unicode_collation, seg);
        limit_ = true;
      } else if (grbit & JET_bitStrLimit) {
        SetPartialColumnLimitOnBinary(cb_avail_with_suffix, binary_delimiter, true, seg);
        limit_ = true;
      }
      break;
  }
  return JET_errSuccess;
}

}  // namespace jet
