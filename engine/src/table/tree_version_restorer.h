// The version store's hands on the B-trees (txn/version_store.h contract):
// rollback restores a node's before-state with compensation page operations
// (BTreeWriter: FlagDelete / FlagInsert / Replace / Insert), and cleanup
// physically removes nodes a committed versioned delete left flag-deleted
// once no version of them remains. One object serves every database: the
// node's NodeKey::db names it (table/version_db.h); a database detached
// meanwhile has nothing left to restore or clean (no-op).

#ifndef JETSVC_ENGINE_TABLE_TREE_VERSION_RESTORER_H_
#define JETSVC_ENGINE_TABLE_TREE_VERSION_RESTORER_H_

#include <span>

#include "esent.h"
#include "txn/version_store.h"

namespace jet {

class TreeVersionRestorer : public NodeRestorer {
 public:
  explicit TreeVersionRestorer(const VersionStore& versions) : versions_(versions) {}

  // exists=false: the node reads as absent (flag-deleted, kept); true: the
  // node is present with exactly `data` (un-flagged, replaced, or inserted
  // again). A node already in that state is no error.
  [[nodiscard]] JET_ERR Restore(const NodeKey& node, bool exists,
                                std::span<const uint8_t> data) override;
  // Deletes the node if it is still flag-deleted and has no version.
  [[nodiscard]] JET_ERR RemoveDeleted(const NodeKey& node) override;

 private:
  const VersionStore& versions_;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_TABLE_TREE_VERSION_RESTORER_H_
