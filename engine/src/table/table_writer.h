// The record write path of one table inside a transaction (ESE's
// recupd.cxx / lv.cxx write side over btree's BTreeWriter): a record
// inserted, replaced or deleted together with its secondary index entries
// and its long values, every node change versioned:
//   PrepareWrite (JET_errWriteConflict) -> Record(before-state) -> change,
// all under the node's stripe (table/version_db.h). The before-state is
// recorded before the change, so a reader never meets a changed node
// without its version, and a change that then fails leaves a version whose
// before-state is the node as it still is (its rollback changes nothing).
//
// Deletes are versioned: nodes are flag-deleted and removed by version
// cleanup (tree_version_restorer.h) once no snapshot needs them.
//
// Long values: a new value is stored under a fresh LID with ref count 1; a
// value a record stops referencing (replace, delete) has its ref count
// decremented in the transaction (a versioned Replace of its root), and at
// 0 its root and chunks are flag-deleted in the transaction, so that cleanup
// removes them physically after commit and rollback brings them back.
//
// Errors are ESE's: JET_errKeyDuplicate (primary or unique secondary index;
// also for an insert whose key another transaction holds: ESE's inserts never
// return a write conflict), JET_errWriteConflict (replace, delete, lock),
// JET_errRecordPrimaryChanged, page and space errors.
// The caller runs each call in a transaction level of its own and rolls
// that level back on an error, so that a failed call leaves nothing.

#ifndef JETSVC_ENGINE_TABLE_TABLE_WRITER_H_
#define JETSVC_ENGINE_TABLE_TABLE_WRITER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "btree/btree.h"
#include "catalog/table_def.h"
#include "database/database.h"
#include "esent.h"
#include "record/long_value.h"
#include "table/index_changes.h"
#include "table/record_update.h"
#include "txn/transaction.h"
#include "txn/transaction_manager.h"

namespace jet {

class TableWriter {
 public:
  // `txn` must be active; `db` writable.
  TableWriter(std::shared_ptr<const Database> db, uint64_t db_id, const TableDef& table,
              TransactionManager& tm, Transaction& txn);

  // Opens the table's trees. JET_errPermissionDenied on a read-only
  // database.
  [[nodiscard]] JET_ERR Open();

  // The record as stored under `primary_key` (any transaction's latest
  // state; a replace or delete has reserved the node first).
  [[nodiscard]] JET_ERR ReadStored(std::span<const uint8_t> primary_key,
                                   std::vector<uint8_t>* record);

  // JetUpdate of an insert: `result` from RecordUpdate::Finish. Returns the
  // new record's primary key (its bookmark).
  [[nodiscard]] JET_ERR Insert(const UpdateResult& result, std::vector<uint8_t>* primary_key);
  // JetUpdate of a replace of the record under `primary_key`. With
  // `unlocked_record` (a replace prepared without a lock: the record as it
  // was at prepare), JET_errWriteConflict when the stored record is no
  // longer that one (another session changed it since).
  [[nodiscard]] JET_ERR Replace(
      std::span<const uint8_t> primary_key, const UpdateResult& result,
      const std::optional<std::vector<uint8_t>>& unlocked_record = std::nullopt);
  // JetDelete.
  [[nodiscard]] JET_ERR Delete(std::span<const uint8_t> primary_key);
  // JetGetLock / JET_prepReplace: reserves the record's node for the
  // transaction (JET_errWriteConflict).
  [[nodiscard]] JET_ERR Lock(std::span<const uint8_t> primary_key);

  // The value JetPrepareUpdate gives a new record's autoincrement column
  // (1 + the highest value stored, found on first use), 0 without one.
  [[nodiscard]] JET_ERR NextAutoincrement(uint64_t* value);
  // A fresh LID (1 + the highest one in the LV tree, found on first use).
  [[nodiscard]] JET_ERR NextLid(LvId* lid);
  // Reads a long value of the table (for the copy buffer and index keys).
  [[nodiscard]] JET_ERR ReadLv(LvId lid, std::vector<uint8_t>* value) const;

 private:
  NodeKey KeyOf(const BTree& tree, std::span<const uint8_t> key,
                std::span<const uint8_t> data) const;
  // Versioned node changes (see the file comment).
  [[nodiscard]] JET_ERR InsertNode(const BTree& tree, std::span<const uint8_t> key,
                                   std::span<const uint8_t> data);
  [[nodiscard]] JET_ERR ReplaceNode(const BTree& tree, std::span<const uint8_t> key,
                                    std::span<const uint8_t> data);
  [[nodiscard]] JET_ERR FlagDeleteNode(const BTree& tree, std::span<const uint8_t> key,
                                       std::span<const uint8_t> data);
  [[nodiscard]] JET_ERR StoreLv(const NewLongValue& lv);
  [[nodiscard]] JET_ERR AdjustLvRefs(LvId lid, int delta);
  [[nodiscard]] JET_ERR ApplyIndexChanges(const IndexChanges& changes);
  // JET_errKeyDuplicate when an entry to add already is in its unique
  // index: checked before anything changes.
  [[nodiscard]] JET_ERR CheckUnique(const IndexChanges& changes);
  // A table without a primary index: the next sequential bookmark (ESE's
  // DBK: 4 bytes big-endian, 1 + the highest one in the tree).
  [[nodiscard]] JET_ERR NextSequentialBookmark(std::vector<uint8_t>* bookmark);
  [[nodiscard]] JET_ERR IndexTree(size_t index, BTree* tree);

  std::shared_ptr<const Database> db_;
  uint64_t db_id_;
  const TableDef& table_;
  TransactionManager& tm_;
  Transaction& txn_;
  BTree primary_;
  std::optional<BTree> lv_;
  std::vector<std::optional<BTree>> indexes_;  // by position in table_.indexes
};

}  // namespace jet

#endif  // JETSVC_ENGINE_TABLE_TABLE_WRITER_H_
