// The key an index stores for one record: its key columns' values, normalised
// segment by segment, concatenated and cut at the index's key size (ESE's
// ErrRECIRetrieveKey, fldnorm.cxx). A secondary index node holds this key and
// the record's primary key; a primary index node holds it and the record.
//
// The caller fetches the values (record/ and long values); for a multi-valued
// column it passes the value of the itag being indexed.

#ifndef JETSVC_ENGINE_KEY_INDEX_ENTRY_KEY_H_
#define JETSVC_ENGINE_KEY_INDEX_ENTRY_KEY_H_

#include <cstdint>
#include <span>
#include <vector>

#include "esent.h"
#include "key/index_key_def.h"

namespace jet {

// One key column's value as the record holds it. Fixed-width types are
// little-endian, text is in its column's code page.
struct KeyColumnValue {
  std::span<const uint8_t> data;
  bool is_null = true;  // a non-NULL value may still be zero-length

  static KeyColumnValue Null() { return {}; }
  static KeyColumnValue Of(std::span<const uint8_t> bytes) { return {bytes, false}; }
};

// What ESE's callers learn besides the key (its wrnFLDNullKey, ...NullFirstSeg,
// ...NullSeg warnings): enough to apply JET_bitIndexIgnoreNull,
// ...IgnoreAnyNull, ...IgnoreFirstNull and ...DisallowNull.
struct IndexEntryKeyInfo {
  bool all_null = false;    // every key column is NULL
  bool first_null = false;  // the first key column is NULL
  bool any_null = false;    // at least one key column is NULL
  bool truncated = false;   // the key was cut at cb_key_most
};

// Builds the index key of one record into *key. `values` has one entry per
// segment of `def`, which must have passed ValidateIndexKeyDef().
// JET_errKeyTruncated when the key had to be cut and the index has
// JET_bitIndexDisallowTruncation; JET_errUnicodeNormalizationNotSupported for
// a Unicode text value under Windows' collation; JET_errInvalidBufferSize for
// a fixed-width value of the wrong size; JET_errInvalidParameter for a value
// count that does not match.
[[nodiscard]] JET_ERR BuildIndexEntryKey(const IndexKeyDef& def,
                                         std::span<const KeyColumnValue> values,
                                         std::vector<uint8_t>* key, IndexEntryKeyInfo* info);

}  // namespace jet

#endif  // JETSVC_ENGINE_KEY_INDEX_ENTRY_KEY_H_
