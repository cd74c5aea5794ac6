// A cursor on one table of an attached database: ESE's FUCB as the read
// path of the C API needs it (JetOpenTable ... JetCloseTable).
//
// It walks the current index (the primary / clustered index by default, or
// a secondary one: JetSetCurrentIndex), whose entries are the records
// themselves (primary) or keys whose data is the record's primary key
// (secondary; the record is then read from the primary tree). Between API
// calls it holds no page latch: after every move it copies the entry's key
// and the record, and keeps its place as a B-tree bookmark.
//
// Currency follows ESE: a freshly opened cursor is before the first record;
// moving past either end leaves it before the first / after the last one
// (JET_errNoCurrentRecord); a failed seek leaves no current record.
//
// Snapshot reads (SetVersionView): when the version store may hold versions
// of a tree, the cursor also walks flag-deleted nodes and asks the store what
// its session's snapshot sees of each node it lands on (the transaction's
// begin, or "now" outside a transaction): invisible nodes are stepped over
// in the direction of the move or seek, replaced nodes read as their
// before-image. A tree without versions costs one atomic load per node.
//
// The cursor also holds the copy buffer of a prepared update (JetPrepare-
// Update ... JetUpdate), which the write path (api/update_api.cc) fills.
//
// Not thread-safe: the session that owns it serialises calls.

#ifndef JETSVC_ENGINE_TABLE_TABLE_CURSOR_H_
#define JETSVC_ENGINE_TABLE_TABLE_CURSOR_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "btree/btree.h"
#include "btree/cursor.h"
#include "catalog/table_def.h"
#include "database/database.h"
#include "esent.h"
#include "key/index_key_def.h"
#include "key/key_builder.h"
#include "record/column_schema.h"
#include "record/record_format.h"
#include "record/record_reader.h"
#include "table/record_update.h"
#include "txn/transaction.h"
#include "txn/version_store.h"

namespace jet {

class TableCursor {
 public:
  // `database` must stay attached while the cursor lives (the session's
  // open-database count keeps it). Errors: the table's trees do not open
  // (page errors, JET_errDatabaseCorrupted), its schema is unusable.
  [[nodiscard]] static JET_ERR Open(std::shared_ptr<const Database> database, const TableDef* table,
                                    std::unique_ptr<TableCursor>* out);

  ~TableCursor();  // the table is no longer in use by this cursor

  // Schema changes made since (JetAddColumn, JetCreateIndex, ... by anyone):
  // takes the table's current definition from the database's catalog, as
  // ESE's cursors see columns and indexes added after they were opened.
  // Cheap when nothing changed. The table calls of the API call it first.
  [[nodiscard]] JET_ERR RefreshSchema();

  const TableDef& table() const { return *table_; }
  const Database& database() const { return *database_; }

  // --- Indexes ----------------------------------------------------------
  // NULL or "" selects the primary index (or the clustered sequential index
  // of a table without one). JET_errIndexNotFound for an unknown name.
  // Unless grbit has JET_bitNoMove the cursor moves to the first entry of
  // the index; with it, it stays on the same record. Selecting the current
  // index again does nothing.
  [[nodiscard]] JET_ERR SetCurrentIndex(const char* name, JET_GRBIT grbit);
  // The current index's name ("" for a table without a primary index on its
  // clustered index, as ESE reports it).
  std::string CurrentIndexName() const;
  const IndexDef* current_index() const { return index_; }

  // --- Navigation ---------------------------------------------------------
  [[nodiscard]] JET_ERR Move(long crow, JET_GRBIT grbit);
  [[nodiscard]] JET_ERR MakeKey(const void* data, unsigned long cb, JET_GRBIT grbit);
  [[nodiscard]] JET_ERR Seek(JET_GRBIT grbit);
  [[nodiscard]] JET_ERR SetIndexRange(JET_GRBIT grbit);
  [[nodiscard]] JET_ERR RetrieveKey(void* data, unsigned long cb, unsigned long* actual,
                                    JET_GRBIT grbit);
  [[nodiscard]] JET_ERR GetBookmark(void* data, unsigned long cb, unsigned long* actual);
  [[nodiscard]] JET_ERR GotoBookmark(const void* data, unsigned long cb);
  [[nodiscard]] JET_ERR IndexRecordCount(unsigned long* count, unsigned long max);
  [[nodiscard]] JET_ERR GetRecordPosition(JET_RECPOS* recpos);

  // --- Columns ------------------------------------------------------------
  // JetRetrieveColumn on the current record. `retinfo` may be null.
  [[nodiscard]] JET_ERR RetrieveColumn(JET_COLUMNID columnid, void* data, unsigned long cb,
                                       unsigned long* actual, JET_GRBIT grbit,
                                       JET_RETINFO* retinfo);
  // How many values the column has in the current record (JetRetrieveColumns
  // with itagSequence 0).
  [[nodiscard]] JET_ERR CountColumnValues(JET_COLUMNID columnid, JET_GRBIT grbit,
                                          unsigned long* count);

  bool OnRecord() const { return state_ == State::kOnRecord; }

  // Opened with JET_bitTableReadOnly: the API refuses updates through this
  // cursor (JET_errPermissionDenied), as it does on a read-only database.
  void set_read_only(bool read_only) { read_only_ = read_only; }
  bool read_only() const { return read_only_; }

  // --- Versions and updates ------------------------------------------------
  // The store to read through and the session's transaction (null: no
  // versions are consulted). Set before every call by the API.
  void SetVersionView(const VersionStore* store, const Transaction* txn) {
    store_ = store;
    txn_ = txn;
  }
  uint64_t version_db_id() const { return db_id_; }
  const std::shared_ptr<const Database>& database_ptr() const { return database_; }
  // The current record's primary key (its bookmark) and bytes.
  std::vector<uint8_t> CurrentPrimaryKey() const { return PrimaryKeyOfCurrent(); }
  const std::vector<uint8_t>& current_record() const { return record_; }
  // JetDelete on the current record: column reads say JET_errRecordDeleted
  // until the cursor moves.
  void MarkCurrentDeleted() { current_deleted_ = true; }
  bool current_deleted() const { return current_deleted_; }
  // Reads the current record again after a replace.
  [[nodiscard]] JET_ERR ReloadCurrent();
  // Reads the current record again if anything was written since it was
  // read (table/version_db.h WriteGeneration); JET_errRecordDeleted when it
  // is no longer visible.
  [[nodiscard]] JET_ERR RefreshIfStale();
  // The prepared update (null when none).
  RecordUpdate* update() { return update_.get(); }
  const std::vector<uint8_t>& update_primary_key() const { return update_pk_; }
  // A replace prepared without a lock: the record as it was at prepare;
  // JetUpdate fails with JET_errWriteConflict if the stored one differs
  // (ESE's optimistic check of JET_prepReplaceNoLock). Null otherwise.
  const std::optional<std::vector<uint8_t>>& update_unlocked_record() const {
    return update_unlocked_;
  }
  void SetUpdate(std::unique_ptr<RecordUpdate> update, std::vector<uint8_t> primary_key,
                 std::optional<std::vector<uint8_t>> unlocked_record = std::nullopt) {
    update_ = std::move(update);
    update_pk_ = std::move(primary_key);
    update_unlocked_ = std::move(unlocked_record);
  }
  void ClearUpdate() {
    update_.reset();
    update_pk_.clear();
    update_unlocked_.reset();
  }

 private:
  enum class State { kBeforeFirst, kAfterLast, kOnRecord };
  struct Range {
    std::vector<uint8_t> limit;
    bool upper = true;
    bool inclusive = false;
  };

  TableCursor() = default;

  JET_ERR UseIndex(const IndexDef* index);
  // After a successful positioning of cursor_: copies the entry and reads the
  // record; on failure the cursor has no current record.
  JET_ERR LoadCurrent();
  JET_ERR LoadRecord(std::span<const uint8_t> primary_key);
  void Unposition(State state);
  // Steps once; JET_errNoCurrentRecord past an end (or out of the range).
  JET_ERR Step(bool forward);
  bool InRange(std::span<const uint8_t> key, bool forward) const;
  JET_ERR ColumnFor(JET_COLUMNID columnid, const ColumnDef** def, const ColumnSpec** spec) const;
  JET_ERR PositionOnRecord(std::span<const uint8_t> primary_key);
  std::vector<uint8_t> PrimaryKeyOfCurrent() const;
  Snapshot CurrentSnapshot() const { return txn_ != nullptr ? txn_->snapshot() : Snapshot{}; }
  // Whether this cursor may see the node `c` is on; *use_image when it sees
  // the before-image left in *image instead of the stored data.
  [[nodiscard]] bool Visible(const Cursor& c, const BTree& tree, std::vector<uint8_t>* image,
                             bool* use_image) const;
  // Reading "now" (outside a transaction), the record of a secondary index
  // entry may be deleted by a commit between reading the entry and reading
  // the record: LoadCurrent's JET_errRecordDeleted then means the entry is
  // gone too, and moves and seeks go on to the next entry, as ESE, which
  // reads both under one snapshot, would never have seen it.
  bool EntryVanished(JET_ERR err) const;
  // Whether cursor_'s index entry is visible and, as this cursor sees it
  // (stored data or before-image), points at `primary_key`. Sets use_image_.
  [[nodiscard]] bool VisibleEntryLeadsTo(std::span<const uint8_t> primary_key);
  // Moves `c` (on a node) in the direction until it is on a visible node.
  [[nodiscard]] JET_ERR SettleVisible(Cursor& c, const BTree& tree, bool forward,
                                      std::vector<uint8_t>* image, bool* use_image) const;

  std::shared_ptr<const Database> database_;
  const TableDef* table_ = nullptr;
  const Catalog* catalog_seen_ = nullptr;  // the snapshot table_ comes from
  RecordSchema schema_;
  BTree primary_tree_;
  std::optional<BTree> lv_tree_;

  const IndexDef* index_ = nullptr;  // null: primary / clustered
  bool secondary_ = false;
  BTree index_tree_;
  std::unique_ptr<Cursor> cursor_;
  IndexKeyDef key_def_;
  std::optional<KeyBuilder> key_builder_;
  JET_ERR key_def_err_ = JET_errSuccess;

  State state_ = State::kBeforeFirst;
  bool tree_positioned_ = false;     // cursor_ keeps a bookmark past an end
  std::vector<uint8_t> entry_key_;   // the current index entry's key
  std::vector<uint8_t> entry_data_;  // secondary: the record's primary key
  std::vector<uint8_t> record_;      // the current record
  RecordFormat record_format_;
  RecordReader reader_;
  std::optional<Range> range_;

  const VersionStore* store_ = nullptr;
  const Transaction* txn_ = nullptr;
  uint64_t db_id_ = 0;
  std::vector<uint8_t> image_;  // the current node's before-image
  bool use_image_ = false;
  bool current_deleted_ = false;
  bool read_only_ = false;
  uint64_t loaded_generation_ = 0;  // WriteGeneration() when record_ was read
  std::unique_ptr<RecordUpdate> update_;
  std::vector<uint8_t> update_pk_;
  std::optional<std::vector<uint8_t>> update_unlocked_;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_TABLE_TABLE_CURSOR_H_
