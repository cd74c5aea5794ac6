#include "table/table_writer.h"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <utility>

#include "btree/btree_writer.h"
#include "btree/cursor.h"
#include "btree/tree_page.h"
#include "format/page.h"
#include "record/record_reader.h"
#include "table/column_values.h"
#include "table/long_value_reader.h"
#include "table/version_db.h"

namespace jet {
namespace {

constexpr CursorOptions kSeeDeleted{true, false, 0};

// The stored node under `key` (and `data` on non-unique trees), flag-deleted
// or not: *present false when there is none.
JET_ERR Probe(const BTree& tree, std::span<const uint8_t> key, std::span<const uint8_t> data,
              bool* present, bool* flag_deleted, std::vector<uint8_t>* stored) {
  Cursor c(tree, kSeeDeleted);
  JET_ERR err = tree.unique()
                    ? c.Seek(key, SeekMode::kEqual)
                    : c.GotoBookmark(Bookmark{std::vector<uint8_t>(key.begin(), key.end()),
                                              std::vector<uint8_t>(data.begin(), data.end())});
  *present = false;
  *flag_deleted = false;
  if (err == JET_errRecordNotFound) return JET_errSuccess;
  if (err < 0) return err;
  *present = true;
  *flag_deleted = (c.NodeFlags() & kNodeFlagDeleted) != 0;
  if (stored != nullptr) stored->assign(c.Data().begin(), c.Data().end());
  return JET_errSuccess;
}

JET_ERR FormatOfPage(const Database& db, uint32_t pgno, RecordFormat* format) {
  TreePage page;
  if (const JET_ERR err = TreePage::Latch(db.cache(), db.file_id(), pgno, PageHint::kNormal, &page);
      err < 0) {
    return err;
  }
  format->page_size = db.page_size();
  format->new_tagged_format = page.Has(kPageFlagNewRecordFormat);
  return JET_errSuccess;
}

// A signed little-endian integer of 1..8 bytes.
int64_t SignedLe(const std::vector<uint8_t>& v) {
  uint64_t u = 0;
  for (size_t i = 0; i < v.size() && i < 8; ++i) u |= uint64_t{v[i]} << (8 * i);
  if (v.size() < 8 && !v.empty() && (v.back() & 0x80) != 0) u |= ~uint64_t{0} << (8 * v.size());
  return static_cast<int64_t>(u);
}

}  // namespace

TableWriter::TableWriter(std::shared_ptr<const Database> db, uint64_t db_id, const TableDef& table,
                         TransactionManager& tm, Transaction& txn)
    : db_(std::move(db)), db_id_(db_id), table_(table), tm_(tm), txn_(txn) {}

JET_ERR TableWriter::Open() {
  if (db_->read_only()) return JET_errPermissionDenied;
  if (const JET_ERR err = db_->OpenTree(table_.pgno_fdp, table_.objid, &primary_); err < 0) {
    return err;
  }
  if (table_.long_values) {
    BTree lv;
    if (const JET_ERR err =
            db_->OpenTree(table_.long_values->pgno_fdp, table_.long_values->objid, &lv);
        err < 0) {
      return err;
    }
    lv_ = lv;
  }
  indexes_.assign(table_.indexes.size(), std::nullopt);
  return JET_errSuccess;
}

JET_ERR TableWriter::IndexTree(size_t index, BTree* tree) {
  if (!indexes_[index]) {
    const IndexDef& def = table_.indexes[index];
    BTree t;
    if (const JET_ERR err = db_->OpenTree(def.pgno_fdp, def.objid, &t); err < 0) return err;
    indexes_[index] = t;
  }
  *tree = *indexes_[index];
  return JET_errSuccess;
}

NodeKey TableWriter::KeyOf(const BTree& tree, std::span<const uint8_t> key,
                           std::span<const uint8_t> data) const {
  return tree.unique() ? NodeKey(db_id_, tree.objid(), key) : NodeKey(db_id_, tree.objid(), key, data);
}

JET_ERR TableWriter::InsertNode(const BTree& tree, std::span<const uint8_t> key,
                                std::span<const uint8_t> data) {
  const NodeKey node = KeyOf(tree, key, data);
  std::lock_guard<std::mutex> stripe(NodeStripe(node));
  VersionStore& vs = tm_.versions();
  // As in ESE (ErrBTInsert: an insert never returns a write conflict), a key
  // another transaction holds (its uncommitted insert or delete, or a change
  // committed after this transaction began) is a duplicate for an insert.
  if (const JET_ERR err = vs.PrepareWrite(txn_, node); err < 0) {
    return err == JET_errWriteConflict ? JET_errKeyDuplicate : err;
  }
  bool present = false;
  bool flag_deleted = false;
  if (const JET_ERR err = Probe(tree, key, data, &present, &flag_deleted, nullptr); err < 0) {
    return err;
  }
  if (present && !flag_deleted) return JET_errKeyDuplicate;
  vs.Record(txn_, node, false, {}, true);
  BTreeWriter writer(tree, db_->write_context(), db_->allocator());
  const JET_ERR err = writer.Insert(key, data);
  BumpWriteGeneration();
  return err;
}

JET_ERR TableWriter::ReplaceNode(const BTree& tree, std::span<const uint8_t> key,
                                 std::span<const uint8_t> data) {
  const NodeKey node = KeyOf(tree, key, {});
  std::lock_guard<std::mutex> stripe(NodeStripe(node));
  VersionStore& vs = tm_.versions();
  if (const JET_ERR err = vs.PrepareWrite(txn_, node); err < 0) return err;
  bool present = false;
  bool flag_deleted = false;
  std::vector<uint8_t> before;
  if (const JET_ERR err = Probe(tree, key, {}, &present, &flag_deleted, &before); err < 0) {
    return err;
  }
  if (!present || flag_deleted) return JET_errRecordDeleted;
  vs.Record(txn_, node, true, before, true);
  BTreeWriter writer(tree, db_->write_context(), db_->allocator());
  const JET_ERR err = writer.Replace(key, data);
  BumpWriteGeneration();
  return err;
}

JET_ERR TableWriter::FlagDeleteNode(const BTree& tree, std::span<const uint8_t> key,
                                    std::span<const uint8_t> data) {
  const NodeKey node = KeyOf(tree, key, data);
  std::lock_guard<std::mutex> stripe(NodeStripe(node));
  VersionStore& vs = tm_.versions();
  if (const JET_ERR err = vs.PrepareWrite(txn_, node); err < 0) return err;
  bool present = false;
  bool flag_deleted = false;
  std::vector<uint8_t> before;
  if (const JET_ERR err = Probe(tree, key, data, &present, &flag_deleted, &before); err < 0) {
    return err;
  }
  if (!present || flag_deleted) return JET_errRecordDeleted;
  vs.Record(txn_, node, true, before, false);
  BTreeWriter writer(tree, db_->write_context(), db_->allocator());
  const JET_ERR err = writer.FlagDelete(key, tree.unique() ? std::span<const uint8_t>() : data);
  BumpWriteGeneration();
  return err;
}

JET_ERR TableWriter::ReadStored(std::span<const uint8_t> primary_key, std::vector<uint8_t>* record) {
  bool present = false;
  bool flag_deleted = false;
  if (const JET_ERR err = Probe(primary_, primary_key, {}, &present, &flag_deleted, record);
      err < 0) {
    return err;
  }
  return present && !flag_deleted ? JET_errSuccess : JET_errRecordDeleted;
}

JET_ERR TableWriter::ReadLv(LvId lid, std::vector<uint8_t>* value) const {
  if (!lv_) return JET_errLVCorrupted;
  return ReadLongValue(*lv_, lid, value);
}

JET_ERR TableWriter::StoreLv(const NewLongValue& lv) {
  if (!lv_) return JET_errFeatureNotAvailable;  // a table created without LV columns
  CompressOptions options;
  LvRoot root;
  std::vector<LvChunk> chunks;
  // Windows fills a page with one chunk; our B-tree keeps two nodes per
  // page, so chunks are cut at the largest node it takes (readers find
  // chunk boundaries from the keys).
  const uint32_t node_most = static_cast<uint32_t>(BTreeWriter::MaxNodeSize(db_->page_size())) -
                             static_cast<uint32_t>(LvChunkKey(lv.lid, 0).size());
  const uint32_t chunk_size = std::min(table_.LvChunkSize(db_->page_size()), node_most);
  if (const JET_ERR err = SplitLongValue(lv.data, chunk_size,
                                         lv.compress ? &options : nullptr, &root, &chunks);
      err < 0) {
    return err;
  }
  if (const JET_ERR err = InsertNode(*lv_, LvRootKey(lv.lid), EncodeLvRoot(root)); err < 0) {
    return err;
  }
  for (const LvChunk& chunk : chunks) {
    if (const JET_ERR err = InsertNode(*lv_, LvChunkKey(lv.lid, chunk.offset), chunk.data);
        err < 0) {
      return err;
    }
  }
  return JET_errSuccess;
}

JET_ERR TableWriter::AdjustLvRefs(LvId lid, int delta) {
  if (!lv_) return JET_errLVCorrupted;
  const std::vector<uint8_t> root_key = LvRootKey(lid);
  std::vector<uint8_t> stored;
  bool present = false;
  bool flag_deleted = false;
  if (const JET_ERR err = Probe(*lv_, root_key, {}, &present, &flag_deleted, &stored); err < 0) {
    return err;
  }
  if (!present || flag_deleted) return JET_errLVCorrupted;
  LvRoot root;
  if (const JET_ERR err = DecodeLvRoot(stored, &root); err < 0) return err;
  const int64_t refs = int64_t{root.ref_count} + delta;
  if (refs > 0) {
    root.ref_count = static_cast<uint32_t>(refs);
    return ReplaceNode(*lv_, root_key, EncodeLvRoot(root));
  }
  // The last reference: the root and its chunks go (versioned).
  std::vector<std::vector<uint8_t>> chunk_keys;
  {
    Cursor c(*lv_, CursorOptions{false, false, 0});
    JET_ERR err = c.Seek(root_key, SeekMode::kGreater);
    for (; err >= 0; err = c.MoveNext()) {
      const std::span<const uint8_t> k = c.Key();
      if (k.size() != root_key.size() + 4 || !std::equal(root_key.begin(), root_key.end(), k.begin())) {
        break;
      }
      chunk_keys.emplace_back(k.begin(), k.end());
    }
    if (err < 0 && err != JET_errRecordNotFound && err != JET_errNoCurrentRecord) return err;
  }
  if (const JET_ERR err = FlagDeleteNode(*lv_, root_key, {}); err < 0) return err;
  for (const std::vector<uint8_t>& k : chunk_keys) {
    if (const JET_ERR err = FlagDeleteNode(*lv_, k, {}); err < 0) return err;
  }
  return JET_errSuccess;
}

JET_ERR TableWriter::ApplyIndexChanges(const IndexChanges& changes) {
  for (const SecondaryIndexChanges& sc : changes.secondary) {
    BTree tree;
    if (const JET_ERR err = IndexTree(sc.index, &tree); err < 0) return err;
    for (const IndexEntry& e : sc.remove) {
      if (const JET_ERR err = FlagDeleteNode(tree, e.key, e.primary_key); err < 0) return err;
    }
  }
  for (const SecondaryIndexChanges& sc : changes.secondary) {
    BTree tree;
    if (const JET_ERR err = IndexTree(sc.index, &tree); err < 0) return err;
    for (const IndexEntry& e : sc.add) {
      if (const JET_ERR err = InsertNode(tree, e.key, e.primary_key); err < 0) return err;
    }
  }
  return JET_errSuccess;
}

JET_ERR TableWriter::CheckUnique(const IndexChanges& changes) {
  for (const SecondaryIndexChanges& sc : changes.secondary) {
    if (!table_.indexes[sc.index].unique()) continue;
    BTree tree;
    if (const JET_ERR err = IndexTree(sc.index, &tree); err < 0) return err;
    for (const IndexEntry& e : sc.add) {
      bool present = false;
      bool flag_deleted = false;
      if (const JET_ERR err = Probe(tree, e.key, {}, &present, &flag_deleted, nullptr); err < 0) {
        return err;
      }
      if (!present || flag_deleted) continue;
      // The entry this very update removes does not count.
      bool removed = false;
      for (const IndexEntry& r : sc.remove) removed = removed || r.key == e.key;
      if (!removed) return JET_errKeyDuplicate;
    }
  }
  return JET_errSuccess;
}

JET_ERR TableWriter::NextSequentialBookmark(std::vector<uint8_t>* bookmark) {
  const BTree tree = primary_;
  uint64_t dbk = 0;
  if (const JET_ERR err = db_->TakeTableCounter(
          table_.objid, Database::TableCounter::kSequentialBookmark,
          [&](uint64_t* first) -> JET_ERR {
            *first = 1;
            Cursor c(tree, kSeeDeleted);
            JET_ERR e = c.MoveLast();
            if (e == JET_errNoCurrentRecord || e == JET_errRecordNotFound) return JET_errSuccess;
            if (e < 0) return e;
            uint64_t last = 0;
            for (uint8_t b : c.Key()) last = (last << 8) | b;
            *first = last + 1;
            return JET_errSuccess;
          },
          &dbk);
      err < 0) {
    return err;
  }
  if (dbk > 0xffffffffULL) return JET_errOutOfSequentialIndexValues;
  *bookmark = {static_cast<uint8_t>(dbk >> 24), static_cast<uint8_t>(dbk >> 16),
               static_cast<uint8_t>(dbk >> 8), static_cast<uint8_t>(dbk)};
  return JET_errSuccess;
}

JET_ERR TableWriter::Insert(const UpdateResult& result, std::vector<uint8_t>* primary_key) {
  const KeyLvReader read_lv = [this](LvId lid, std::vector<uint8_t>* v) { return ReadLv(lid, v); };
  // Key columns that are new long values are read from the result.
  const KeyLvReader read_new = [&](LvId lid, std::vector<uint8_t>* v) -> JET_ERR {
    for (const NewLongValue& lv : result.new_long_values) {
      if (lv.lid == lid) {
        *v = lv.data;
        return JET_errSuccess;
      }
    }
    return read_lv(lid, v);
  };
  std::vector<uint8_t> dbk;
  if (table_.PrimaryIndex() == nullptr) {
    if (const JET_ERR err = NextSequentialBookmark(&dbk); err < 0) return err;
  }
  IndexChanges changes;
  if (const JET_ERR err =
          ComputeIndexChanges(table_, db_->page_size(), std::nullopt,
                              RecordImage{result.record, dbk}, read_new, &changes);
      err < 0) {
    return err;
  }
  if (const JET_ERR err = CheckUnique(changes); err < 0) return err;
  if (const JET_ERR err = InsertNode(primary_, changes.new_primary_key, result.record); err < 0) {
    return err;
  }
  if (const JET_ERR err = ApplyIndexChanges(changes); err < 0) return err;
  for (const NewLongValue& lv : result.new_long_values) {
    if (const JET_ERR err = StoreLv(lv); err < 0) return err;
  }
  for (LvId lid : result.shared_long_values) {
    if (const JET_ERR err = AdjustLvRefs(lid, +1); err < 0) return err;
  }
  *primary_key = std::move(changes.new_primary_key);
  return JET_errSuccess;
}

JET_ERR TableWriter::Replace(std::span<const uint8_t> primary_key, const UpdateResult& result,
                             const std::optional<std::vector<uint8_t>>& unlocked_record) {
  const NodeKey node = KeyOf(primary_, primary_key, {});
  if (const JET_ERR err = tm_.versions().PrepareWrite(txn_, node); err < 0) return err;
  std::vector<uint8_t> old;
  if (const JET_ERR err = ReadStored(primary_key, &old); err < 0) return err;
  if (unlocked_record && old != *unlocked_record) return JET_errWriteConflict;
  const KeyLvReader read_new = [&](LvId lid, std::vector<uint8_t>* v) -> JET_ERR {
    for (const NewLongValue& lv : result.new_long_values) {
      if (lv.lid == lid) {
        *v = lv.data;
        return JET_errSuccess;
      }
    }
    return ReadLv(lid, v);
  };
  IndexChanges changes;
  if (const JET_ERR err =
          ComputeIndexChanges(table_, db_->page_size(), RecordImage{old, primary_key},
                              RecordImage{result.record, primary_key}, read_new, &changes);
      err < 0) {
    return err;
  }
  if (const JET_ERR err = CheckUnique(changes); err < 0) return err;
  if (const JET_ERR err = ReplaceNode(primary_, primary_key, result.record); err < 0) return err;
  if (const JET_ERR err = ApplyIndexChanges(changes); err < 0) return err;
  for (const NewLongValue& lv : result.new_long_values) {
    if (const JET_ERR err = StoreLv(lv); err < 0) return err;
  }
  for (LvId lid : result.released_long_values) {
    if (const JET_ERR err = AdjustLvRefs(lid, -1); err < 0) return err;
  }
  return JET_errSuccess;
}

JET_ERR TableWriter::Delete(std::span<const uint8_t> primary_key) {
  const NodeKey node = KeyOf(primary_, primary_key, {});
  if (const JET_ERR err = tm_.versions().PrepareWrite(txn_, node); err < 0) return err;
  std::vector<uint8_t> old;
  if (const JET_ERR err = ReadStored(primary_key, &old); err < 0) return err;
  const KeyLvReader read_lv = [this](LvId lid, std::vector<uint8_t>* v) { return ReadLv(lid, v); };
  IndexChanges changes;
  if (const JET_ERR err = ComputeIndexChanges(table_, db_->page_size(),
                                              RecordImage{old, primary_key}, std::nullopt,
                                              read_lv, &changes);
      err < 0) {
    return err;
  }
  std::vector<LvId> lids;
  if (const JET_ERR err = SeparatedLongValuesOf(table_, db_->page_size(), old, &lids); err < 0) {
    return err;
  }
  if (const JET_ERR err = FlagDeleteNode(primary_, primary_key, {}); err < 0) return err;
  if (const JET_ERR err = ApplyIndexChanges(changes); err < 0) return err;
  for (LvId lid : lids) {
    if (const JET_ERR err = AdjustLvRefs(lid, -1); err < 0) return err;
  }
  return JET_errSuccess;
}

JET_ERR TableWriter::Lock(std::span<const uint8_t> primary_key) {
  return tm_.versions().Lock(txn_, KeyOf(primary_, primary_key, {}));
}

JET_ERR TableWriter::NextLid(LvId* lid) {
  if (!lv_) return JET_errFeatureNotAvailable;
  const BTree lv_tree = *lv_;
  uint64_t value = 0;
  const JET_ERR err = db_->TakeTableCounter(
      table_.objid, Database::TableCounter::kLongValueId,
      [&](uint64_t* first) -> JET_ERR {
        *first = 1;
        Cursor c(lv_tree, kSeeDeleted);
        JET_ERR e = c.MoveLast();
        if (e == JET_errNoCurrentRecord || e == JET_errRecordNotFound) return JET_errSuccess;
        if (e < 0) return e;
        LvKey k;
        if (e = ParseLvKey(c.Key(), &k); e < 0) return e;
        *first = (k.lid & ~kLid64Flag) + 1;
        return JET_errSuccess;
      },
      &value);
  if (err < 0) return err;
  if (value > kLid32Max) return JET_errOutOfLongValueIDs;
  *lid = value;
  return JET_errSuccess;
}

JET_ERR TableWriter::NextAutoincrement(uint64_t* value) {
  *value = 0;
  const ColumnDef* autoinc = nullptr;
  for (const ColumnDef& c : table_.columns) {
    if (!c.deleted() && c.autoincrement()) autoinc = &c;
  }
  if (autoinc == nullptr) return JET_errSuccess;
  RecordSchema schema;
  if (const JET_ERR err = table_.ToRecordSchema(&schema); err < 0) return err;
  const ColumnSpec* spec = schema.Find(autoinc->id, autoinc->derived_in_records());
  if (spec == nullptr) return JET_errColumnNotFound;
  const IndexDef* primary = table_.PrimaryIndex();
  const bool keyed = primary != nullptr && primary->segments.size() == 1 &&
                     primary->segments[0].column_id == autoinc->id &&
                     !primary->segments[0].descending;
  const BTree tree = primary_;
  const Database& db = *db_;
  return db_->TakeTableCounter(
      table_.objid, Database::TableCounter::kAutoincrement,
      [&](uint64_t* first) -> JET_ERR {
        int64_t highest = 0;
        Cursor c(tree, kSeeDeleted);
        JET_ERR e = keyed ? c.MoveLast() : c.MoveFirst();
        for (; e >= 0; e = keyed ? JET_errNoCurrentRecord : c.MoveNext()) {
          const std::vector<uint8_t> record(c.Data().begin(), c.Data().end());
          const uint32_t pgno = c.pgno();
          c.Release();  // no second latch on a page while holding one
          RecordFormat format;
          if (e = FormatOfPage(db, pgno, &format); e < 0) return e;
          RecordReader reader;
          if (e = RecordReader::Open(record, format, &reader); e < 0) return e;
          ColumnSource source{&reader, spec, autoinc, nullptr, true};
          std::vector<uint8_t> v;
          bool is_null = true;
          if (e = ReadColumnValue(source, 1, &v, &is_null); e < 0) return e;
          if (!is_null) highest = std::max(highest, SignedLe(v));
        }
        if (e < 0 && e != JET_errNoCurrentRecord && e != JET_errRecordNotFound) return e;
        *first = static_cast<uint64_t>(highest + 1);
        return JET_errSuccess;
      },
      value);
}

}  // namespace jet
