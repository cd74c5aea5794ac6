// A cursor's search key, built segment by segment as JetMakeKey builds it
// (ESE's ErrIsamMakeKey / ErrFLDNormalizeSegment, fldnorm.cxx), for JetSeek
// and JetSetIndexRange to compare with the keys an index stores.
//
// A key made of the same values as a record's key columns equals the key the
// index stores for that record (index_entry_key.h). The limit grbits turn the
// last segment into a bound instead:
//   JET_bitFullColumnStartLimit / ...EndLimit: every later column is a
//     wildcard (the end limit pads the key with 0xff to one byte more than
//     cbKeyMost, so it sorts after every key that starts with it);
//   JET_bitPartialColumnStartLimit / ...EndLimit (text, variable binary): the
//     value is a prefix of the column (the terminator or the binary chunk
//     padding is dropped; the end limit pads with 0xff);
//   JET_bitSubStrLimit (text): a prefix end limit; JET_bitStrLimit: an end
//     limit just past the whole value.
// After a limit segment the key is complete: JetMakeKey without
// JET_bitNewKey fails with JET_errKeyIsMade.

#ifndef JETSVC_ENGINE_KEY_KEY_BUILDER_H_
#define JETSVC_ENGINE_KEY_KEY_BUILDER_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "esent.h"
#include "key/index_key_def.h"

namespace jet {

class KeyBuilder {
 public:
  // `def` is copied. A definition that fails ValidateIndexKeyDef() (for the
  // largest page size) makes every MakeKey() fail with that error.
  explicit KeyBuilder(const IndexKeyDef& def);

  KeyBuilder(const KeyBuilder&) = default;
  KeyBuilder& operator=(const KeyBuilder&) = default;

  // JetMakeKey(sesid, tableid, data, cb, grbit) on a cursor whose current
  // index is `def`. grbit: JET_bitNewKey, JET_bitNormalizedKey,
  // JET_bitKeyDataZeroLength, JET_bitStrLimit, JET_bitSubStrLimit and at most
  // one of the Full/PartialColumnStart/EndLimit bits. Errors, as ESE's:
  //   JET_errKeyNotMade        no key begun (JET_bitNewKey missing)
  //   JET_errKeyIsMade         every segment given, or a limit already set
  //   JET_errInvalidBufferSize wrong size for a fixed column or a fixed-width
  //                            type (longer, or shorter and not fixed text);
  //                            JET_bitKeyDataZeroLength on a fixed column or
  //                            on a type that has no zero-length value
  //   JET_errInvalidGrbit      a partial limit on a column other than text or
  //                            variable binary; two limit bits together
  //   JET_errInvalidParameter  a normalised key longer than the index allows;
  //                            data == nullptr with cb > 0
  //   JET_errUnicodeNormalizationNotSupported  Unicode text, Windows collation
  // A segment that does not fit is cut silently, as in ESE (JET_errSuccess);
  // once the key is full, later segments add nothing.
  [[nodiscard]] JET_ERR MakeKey(const void* data, size_t cb, uint32_t grbit);

  // Forgets the key, as moving the cursor does.
  void Reset();

  // The key as JetRetrieveKey(JET_bitRetrieveCopy) returns it;
  // JET_errKeyNotMade when none has been begun.
  [[nodiscard]] JET_ERR GetSearchKey(std::vector<uint8_t>* key) const;

  std::span<const uint8_t> key() const { return key_; }
  bool prepared() const { return prepared_; }
  // A limit grbit (or a normalised key longer than cbKeyMost) made the key.
  bool is_limit() const { return limit_; }
  // A segment was cut: later segments add nothing.
  bool too_big() const { return too_big_; }
  // Segments given so far (a JET_bitNormalizedKey key counts as one).
  size_t segment_count() const { return segment_count_; }

 private:
  [[nodiscard]] JET_ERR NormalizeSearchSegment(const KeySegmentDef& sd,
                                               std::span<const uint8_t> value, uint32_t grbit,
                                               uint32_t cb_avail, std::vector<uint8_t>* seg);

  IndexKeyDef def_;
  JET_ERR def_error_;
  std::vector<uint8_t> key_;
  size_t segment_count_ = 0;
  bool prepared_ = false;
  bool limit_ = false;
  bool too_big_ = false;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_KEY_KEY_BUILDER_H_
