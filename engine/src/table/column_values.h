// The values of one column of the current record as JetRetrieveColumn sees
// them (ESE's ErrRECRetrieveColumn): a separated long value read from the
// LV tree, a compressed one decompressed, and the column's default when the
// record says nothing about the column (a fixed or variable column beyond
// the last one the record stores, a tagged column without a TAGFLD).
// An explicit NULL in the record is NULL: defaults do not override it.

#ifndef JETSVC_ENGINE_TABLE_COLUMN_VALUES_H_
#define JETSVC_ENGINE_TABLE_COLUMN_VALUES_H_

#include <cstdint>
#include <vector>

#include "btree/btree.h"
#include "catalog/table_def.h"
#include "esent.h"
#include "record/column_schema.h"
#include "record/record_reader.h"

namespace jet {

struct ColumnSource {
  const RecordReader* record = nullptr;
  const ColumnSpec* spec = nullptr;
  const ColumnDef* def = nullptr;
  const BTree* lv_tree = nullptr;  // null when the table has no LV tree
  bool ignore_default = false;     // JET_bitRetrieveIgnoreDefault
};

// Value `itag` (1-based) of the column, whole and in clear. *is_null when
// there is no such value. JET_errBadItagSequence for 0; record, LV and
// decompression errors.
[[nodiscard]] JET_ERR ReadColumnValue(const ColumnSource& source, uint32_t itag,
                                      std::vector<uint8_t>* value, bool* is_null);

// How many values the column has (a default counts as one).
[[nodiscard]] JET_ERR CountColumnValues(const ColumnSource& source, uint32_t* count);

}  // namespace jet

#endif  // JETSVC_ENGINE_TABLE_COLUMN_VALUES_H_
