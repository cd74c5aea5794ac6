// Reads one separated long value out of a table's long-value tree (lv.cxx,
// ErrRECRetrieveSLongField): its root node (LID -> size), then its chunks
// (LID || offset) in key order, reassembled and decompressed by record/.

#ifndef JETSVC_ENGINE_TABLE_LONG_VALUE_READER_H_
#define JETSVC_ENGINE_TABLE_LONG_VALUE_READER_H_

#include <cstdint>
#include <vector>

#include "btree/btree.h"
#include "esent.h"
#include "record/long_value.h"

namespace jet {

// The whole value of `lid`. JET_errLVCorrupted when the root is missing or
// the chunks do not tile the value; the tree's page errors as they come
// (JET_errReadVerifyFailure, ...); JET_errDecompressionFailed.
[[nodiscard]] JET_ERR ReadLongValue(const BTree& lv_tree, LvId lid, std::vector<uint8_t>* out);

}  // namespace jet

#endif  // JETSVC_ENGINE_TABLE_LONG_VALUE_READER_H_
