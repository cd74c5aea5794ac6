// The index work of one JetUpdate / JetDelete (ESE's recupd.cxx
// ErrRECIInsertIndexEntries / ErrRECIReplaceIndexEntries / ...Delete...):
// the record's primary key and, per secondary index, the entries to remove
// and to add, computed from the old and the new record bytes.
//
// ESE's rules: one entry per value of the index's first multi-valued key
// column (other multi-valued key columns give their first value), the cross
// product of every multi-valued key column's values with
// JET_bitIndexCrossProduct; no entry when JET_bitIndexIgnoreNull (all key
// columns NULL), ...IgnoreAnyNull (one NULL) or ...IgnoreFirstNull (first
// NULL) says so; JET_errNullKeyDisallowed with JET_bitIndexDisallowNull; no
// entry when a conditional column's condition fails; keys cut at the index's
// key size. Entries of the old and new record with the same key (and the same
// primary key) are unchanged and listed in neither set.

#ifndef JETSVC_ENGINE_TABLE_INDEX_CHANGES_H_
#define JETSVC_ENGINE_TABLE_INDEX_CHANGES_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "catalog/table_def.h"
#include "esent.h"
#include "record/long_value.h"

namespace jet {

// Reads a separated long value of the record (a key column may be one).
using KeyLvReader = std::function<JET_ERR(LvId lid, std::vector<uint8_t>* value)>;

// One node of a secondary index: its key, and the record's primary key
// (bookmark) as data.
struct IndexEntry {
  std::vector<uint8_t> key;
  std::vector<uint8_t> primary_key;
  friend bool operator==(const IndexEntry&, const IndexEntry&) = default;
};

struct SecondaryIndexChanges {
  size_t index = 0;  // position in TableDef::indexes
  std::vector<IndexEntry> remove;
  std::vector<IndexEntry> add;
};

struct IndexChanges {
  std::vector<uint8_t> old_primary_key;  // empty for an insert
  std::vector<uint8_t> new_primary_key;  // empty for a delete
  // Only the indexes with something to do.
  std::vector<SecondaryIndexChanges> secondary;
};

// A record image: its bytes and, for a table without a primary index, its
// sequential bookmark (the caller's; it is its primary key).
struct RecordImage {
  std::span<const uint8_t> record;
  std::span<const uint8_t> sequential_bookmark;
};

// The primary key of `record`: the primary index's key, or the sequential
// bookmark. The primary index's null rules apply (JET_errNullKeyDisallowed).
[[nodiscard]] JET_ERR PrimaryKeyOf(const TableDef& table, uint32_t page_size,
                                   const RecordImage& record, const KeyLvReader& read_lv,
                                   std::vector<uint8_t>* key);

// Every key `index` holds for `record` (sorted, without duplicates; empty
// when the record is not in the index).
[[nodiscard]] JET_ERR IndexKeysOf(const TableDef& table, uint32_t page_size, const IndexDef& index,
                                  std::span<const uint8_t> record, const KeyLvReader& read_lv,
                                  std::vector<std::vector<uint8_t>>* keys);

// Insert: old_record empty; delete: new_record empty; replace: both. A
// replace whose primary key changes fails with JET_errRecordPrimaryChanged
// (ESE's ErrRECIReplace: "primary key may not change").
[[nodiscard]] JET_ERR ComputeIndexChanges(const TableDef& table, uint32_t page_size,
                                          const std::optional<RecordImage>& old_record,
                                          const std::optional<RecordImage>& new_record,
                                          const KeyLvReader& read_lv, IndexChanges* out);

}  // namespace jet

#endif  // JETSVC_ENGINE_TABLE_INDEX_CHANGES_H_
