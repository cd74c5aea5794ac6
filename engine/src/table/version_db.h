// The glue between the version store (txn/) and the trees of attached
// databases: the number a database goes by in NodeKey::db, the tree of an
// objid, and the striped locks that keep version cleanup from removing a
// node a writer is bringing back.
//
// Database ids are process-wide and never reused (a detached database's
// leftover versions can never name a database attached later); the
// registry keeps weak references, so a detached database is simply not
// found (its cleanup and restore steps are then no-ops).

#ifndef JETSVC_ENGINE_TABLE_VERSION_DB_H_
#define JETSVC_ENGINE_TABLE_VERSION_DB_H_

#include <cstdint>
#include <memory>
#include <mutex>

#include "btree/btree.h"
#include "database/database.h"
#include "esent.h"
#include "txn/node_key.h"

namespace jet {

// The id of `db` for NodeKey::db (registered on first use).
uint64_t VersionDbId(const std::shared_ptr<const Database>& db);
// The database with that id while it is alive, else nullptr.
std::shared_ptr<const Database> FindVersionDb(uint64_t id);

// The tree (table, secondary index or LV tree) with objid `objid` in the
// database's current catalog. JET_errObjectNotFound if there is none.
[[nodiscard]] JET_ERR OpenTreeByObjid(const Database& db, uint32_t objid, BTree* tree);

// Bumped by every record change, commit and rollback in the process: a
// cursor whose copy of its record is older reads it again before using it
// (another cursor or session may have changed it).
uint64_t WriteGeneration();
void BumpWriteGeneration();

// A writer holds the stripe of a node from PrepareWrite to the end of its
// change; RemoveDeleted holds it from its checks to the physical delete, so
// a node re-inserted in between is never removed. One stripe at a time, and
// always before any page latch.
std::mutex& NodeStripe(const NodeKey& node);

}  // namespace jet

#endif  // JETSVC_ENGINE_TABLE_VERSION_DB_H_
