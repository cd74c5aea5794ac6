#include "table/tree_version_restorer.h"

#include <memory>
#include <mutex>

#include "btree/btree_writer.h"
#include "btree/cursor.h"
#include "format/page.h"
#include "table/version_db.h"

namespace jet {
namespace {

constexpr CursorOptions kSeeDeleted{true, false, 0};

// Finds the node (flag-deleted or not): *present, *flag_deleted.
JET_ERR Find(const BTree& tree, const NodeKey& node, bool* present, bool* flag_deleted) {
  Cursor probe(tree, kSeeDeleted);
  const JET_ERR err = tree.unique() ? probe.Seek(node.key, SeekMode::kEqual)
                                    : probe.GotoBookmark(Bookmark{node.key, node.data});
  *present = false;
  *flag_deleted = false;
  if (err == JET_errRecordNotFound) return JET_errSuccess;
  if (err < 0) return err;
  *present = true;
  *flag_deleted = (probe.NodeFlags() & kNodeFlagDeleted) != 0;
  return JET_errSuccess;
}

}  // namespace

JET_ERR TreeVersionRestorer::Restore(const NodeKey& node, bool exists,
                                     std::span<const uint8_t> data) {
  const std::shared_ptr<const Database> db = FindVersionDb(node.db);
  if (db == nullptr) return JET_errSuccess;
  BTree tree;
  if (const JET_ERR err = OpenTreeByObjid(*db, node.objid, &tree); err < 0) {
    return err == JET_errObjectNotFound ? JET_errSuccess : err;  // tree deleted since
  }
  BTreeWriter writer(tree, db->write_context(), db->allocator());
  const std::span<const uint8_t> id_data =
      tree.unique() ? std::span<const uint8_t>() : std::span<const uint8_t>(node.data);
  bool present = false;
  bool flag_deleted = false;
  if (const JET_ERR err = Find(tree, node, &present, &flag_deleted); err < 0) return err;
  if (!exists) {
    if (!present || flag_deleted) return JET_errSuccess;
    return writer.FlagDelete(node.key, id_data);
  }
  if (!present) return writer.Insert(node.key, tree.unique() ? data : id_data);
  if (flag_deleted) {
    if (const JET_ERR err = writer.FlagInsert(node.key, id_data); err < 0) return err;
  }
  // On non-unique trees the data is the node's identity: nothing to replace.
  if (!tree.unique()) return JET_errSuccess;
  return writer.Replace(node.key, data);
}

JET_ERR TreeVersionRestorer::RemoveDeleted(const NodeKey& node) {
  const std::shared_ptr<const Database> db = FindVersionDb(node.db);
  if (db == nullptr) return JET_errSuccess;
  BTree tree;
  if (const JET_ERR err = OpenTreeByObjid(*db, node.objid, &tree); err < 0) {
    return err == JET_errObjectNotFound ? JET_errSuccess : err;
  }
  std::lock_guard<std::mutex> stripe(NodeStripe(node));
  bool present = false;
  bool flag_deleted = false;
  if (const JET_ERR err = Find(tree, node, &present, &flag_deleted); err < 0) return err;
  if (!present || !flag_deleted || versions_.HasVersions(node)) return JET_errSuccess;
  BTreeWriter writer(tree, db->write_context(), db->allocator());
  const JET_ERR err = writer.Delete(
      node.key, tree.unique() ? std::span<const uint8_t>() : std::span<const uint8_t>(node.data));
  return err == JET_errRecordNotFound ? JET_errSuccess : err;
}

}  // namespace jet
