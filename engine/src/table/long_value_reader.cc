#include "table/long_value_reader.h"

#include "btree/cursor.h"
#include "format/page.h"

namespace jet {

JET_ERR ReadLongValue(const BTree& lv_tree, LvId lid, std::vector<uint8_t>* out) {
  out->clear();
  // Flag-deleted nodes are read too: LIDs are never reused, and a value
  // whose last reference went in a transaction is flag-deleted until no
  // snapshot can still see a record that references it (table_writer.h).
  // A deleted chunk past the value's end (an old truncation) is not part of
  // it.
  Cursor cursor(lv_tree, CursorOptions{true, false, 16});
  const std::vector<uint8_t> root_key = LvRootKey(lid);
  JET_ERR err = cursor.Seek(root_key, SeekMode::kEqual);
  if (err == JET_errRecordNotFound) return JET_errLVCorrupted;
  if (err < 0) return err;
  LvRoot root;
  if (const JET_ERR rerr = DecodeLvRoot(cursor.Data(), &root); rerr < 0) return rerr;

  // Chunks are copied: the cursor's page changes as it moves.
  std::vector<std::vector<uint8_t>> chunk_data;
  std::vector<uint32_t> offsets;
  for (err = cursor.MoveNext(); err >= 0; err = cursor.MoveNext()) {
    LvKey key;
    if (ParseLvKey(cursor.Key(), &key) < 0 || key.lid != lid || key.is_root) break;
    if ((cursor.NodeFlags() & kNodeFlagDeleted) != 0 && key.offset >= root.size) continue;
    offsets.push_back(key.offset);
    chunk_data.emplace_back(cursor.Data().begin(), cursor.Data().end());
  }
  if (err < 0 && err != JET_errNoCurrentRecord) return err;
  std::vector<LvChunkView> chunks;
  chunks.reserve(chunk_data.size());
  for (size_t i = 0; i < chunk_data.size(); ++i) chunks.push_back({offsets[i], chunk_data[i]});
  // Chunk size 0: any tiling that covers the value exactly is accepted.
  return ReassembleLongValue(root, chunks, 0, out);
}

}  // namespace jet
