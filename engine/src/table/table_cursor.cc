#include "table/table_cursor.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "btree/key_compare.h"
#include "btree/tree_page.h"
#include "key/index_entry_key.h"
#include "table/column_values.h"
#include "table/version_db.h"

namespace jet {
namespace {

// Cursors see flag-deleted nodes: the version store decides (Visible).
constexpr CursorOptions kVersionedCursor{true, false, 16};

constexpr JET_GRBIT kSeekBits =
    JET_bitSeekEQ | JET_bitSeekLT | JET_bitSeekLE | JET_bitSeekGE | JET_bitSeekGT;

// JET_MoveFirst is 0x80000000 in a long: only the low 32 bits count
// (docs/api.md, "Integer widths").
int32_t Low32(long crow) { return static_cast<int32_t>(static_cast<uint32_t>(crow)); }

bool SameBytes(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

JET_ERR RecordFormatOfPage(PageCache* cache, CacheFileId file, uint32_t pgno, uint32_t page_size,
                           RecordFormat* format) {
  TreePage page;
  if (const JET_ERR err = TreePage::Latch(cache, file, pgno, PageHint::kNormal, &page); err < 0) {
    return err;
  }
  format->page_size = page_size;
  format->new_tagged_format = page.Has(kPageFlagNewRecordFormat);
  return JET_errSuccess;
}

}  // namespace

JET_ERR TableCursor::Open(std::shared_ptr<const Database> database, const TableDef* table,
                          std::unique_ptr<TableCursor>* out) {
  out->reset();
  if (database == nullptr || table == nullptr) return JET_errInvalidParameter;
  std::unique_ptr<TableCursor> cursor(new TableCursor());
  cursor->database_ = std::move(database);
  cursor->db_id_ = VersionDbId(cursor->database_);
  cursor->table_ = table;
  if (const JET_ERR err = table->ToRecordSchema(&cursor->schema_); err < 0) return err;
  if (const JET_ERR err =
          cursor->database_->OpenTree(table->pgno_fdp, table->objid, &cursor->primary_tree_);
      err < 0) {
    return err;
  }
  if (table->long_values) {
    BTree lv;
    if (const JET_ERR err = cursor->database_->OpenTree(table->long_values->pgno_fdp,
                                                        table->long_values->objid, &lv);
        err < 0) {
      return err;
    }
    cursor->lv_tree_ = lv;
  }
  if (const JET_ERR err = cursor->UseIndex(table->PrimaryIndex()); err < 0) return err;
  cursor->database_->TableOpened(table->objid);
  cursor->catalog_seen_ = &cursor->database_->catalog();
  *out = std::move(cursor);
  return JET_errSuccess;
}

TableCursor::~TableCursor() {
  if (database_ != nullptr && catalog_seen_ != nullptr) database_->TableClosed(table_->objid);
}

JET_ERR TableCursor::RefreshSchema() {
  const Catalog* current = &database_->catalog();
  if (current == catalog_seen_) return JET_errSuccess;
  const TableDef* table = current->FindTableByObjid(table_->objid);
  if (table == nullptr) return JET_errSuccess;  // deleted: keep the old definition
  RecordSchema schema;
  if (const JET_ERR err = table->ToRecordSchema(&schema); err < 0) return err;
  if (table->long_values && !lv_tree_) {
    BTree lv;
    if (const JET_ERR err =
            database_->OpenTree(table->long_values->pgno_fdp, table->long_values->objid, &lv);
        err < 0) {
      return err;
    }
    lv_tree_ = lv;
  }
  // The current index, by name in the new definition (same tree).
  if (index_ != nullptr) {
    const IndexDef* index = table->FindIndex(index_->name);
    if (index != nullptr && index->objid == index_->objid) index_ = index;
  }
  schema_ = std::move(schema);
  table_ = table;
  catalog_seen_ = current;
  return JET_errSuccess;
}

JET_ERR TableCursor::UseIndex(const IndexDef* index) {
  BTree tree = primary_tree_;
  bool secondary = false;
  if (index != nullptr && !index->primary()) {
    if (const JET_ERR err = database_->OpenTree(index->pgno_fdp, index->objid, &tree); err < 0) {
      return err;
    }
    secondary = true;
  }
  index_ = index;
  secondary_ = secondary;
  index_tree_ = tree;
  cursor_ = std::make_unique<Cursor>(index_tree_, kVersionedCursor);
  key_builder_.reset();
  key_def_err_ = JET_errSuccess;
  if (index_ != nullptr) {
    IndexKeyDef def;
    key_def_err_ = index_->ToIndexKeyDef(database_->page_size(), &def);
    if (key_def_err_ >= 0) {
      key_def_ = def;
      key_builder_.emplace(def);
    }
  }
  range_.reset();
  tree_positioned_ = false;
  Unposition(State::kBeforeFirst);
  return JET_errSuccess;
}

std::string TableCursor::CurrentIndexName() const {
  return index_ == nullptr ? std::string() : index_->name;
}

void TableCursor::Unposition(State state) {
  state_ = state;
  entry_key_.clear();
  entry_data_.clear();
  record_.clear();
  reader_ = RecordReader();
  use_image_ = false;
  current_deleted_ = false;
}

bool TableCursor::Visible(const Cursor& c, const BTree& tree, std::vector<uint8_t>* image,
                          bool* use_image) const {
  *use_image = false;
  const bool flag_deleted = (c.NodeFlags() & kNodeFlagDeleted) != 0;
  if (store_ == nullptr || !store_->MayHaveVersions(db_id_, tree.objid())) return !flag_deleted;
  const NodeKey node = tree.unique() ? NodeKey(db_id_, tree.objid(), c.Key())
                                     : NodeKey(db_id_, tree.objid(), c.Key(), c.Data());
  switch (store_->See(CurrentSnapshot(), node, !flag_deleted, c.Data(), image)) {
    case VersionStore::Visibility::kAsStored:
      return true;
    case VersionStore::Visibility::kImage:
      *use_image = true;
      return true;
    case VersionStore::Visibility::kAbsent:
      return false;
  }
  return false;
}

bool TableCursor::VisibleEntryLeadsTo(std::span<const uint8_t> primary_key) {
  if (!Visible(*cursor_, index_tree_, &image_, &use_image_)) return false;
  return SameBytes(use_image_ ? std::span<const uint8_t>(image_) : cursor_->Data(), primary_key);
}

JET_ERR TableCursor::SettleVisible(Cursor& c, const BTree& tree, bool forward,
                                   std::vector<uint8_t>* image, bool* use_image) const {
  while (!Visible(c, tree, image, use_image)) {
    if (const JET_ERR err = forward ? c.MoveNext() : c.MovePrev(); err < 0) return err;
  }
  return JET_errSuccess;
}

JET_ERR TableCursor::RefreshIfStale() {
  if (!OnRecord() || current_deleted_) return JET_errSuccess;
  const uint64_t generation = WriteGeneration();
  if (generation == loaded_generation_) return JET_errSuccess;
  JET_ERR err = LoadRecord(PrimaryKeyOfCurrent());
  if (err >= 0) err = RecordReader::Open(record_, record_format_, &reader_);
  if (err == JET_errRecordDeleted) current_deleted_ = true;
  if (err < 0) return err;
  loaded_generation_ = generation;
  return JET_errSuccess;
}

JET_ERR TableCursor::ReloadCurrent() {
  if (!OnRecord()) return JET_errSuccess;
  const std::vector<uint8_t> pk = PrimaryKeyOfCurrent();
  if (secondary_) {
    std::optional<Range> range = range_;
    const JET_ERR err = PositionOnRecord(pk);
    range_ = std::move(range);
    return err;
  }
  loaded_generation_ = WriteGeneration();
  if (const JET_ERR err = LoadRecord(pk); err < 0) return err;
  return RecordReader::Open(record_, record_format_, &reader_);
}

JET_ERR TableCursor::LoadRecord(std::span<const uint8_t> primary_key) {
  Cursor primary(primary_tree_, kVersionedCursor);
  JET_ERR err = primary.Seek(primary_key, SeekMode::kEqual);
  // An index entry whose record is gone: ESE's answer for a bookmark that no
  // longer leads anywhere.
  if (err == JET_errRecordNotFound) return JET_errRecordDeleted;
  if (err < 0) return err;
  bool use_image = false;
  if (!Visible(primary, primary_tree_, &image_, &use_image)) return JET_errRecordDeleted;
  if (use_image) {
    record_ = image_;
  } else {
    record_.assign(primary.Data().begin(), primary.Data().end());
  }
  // The page's format flag is read after letting go of the node's latch: a
  // second read latch on a page would wait behind a writer queued for it.
  const uint32_t pgno = primary.pgno();
  primary.Release();
  return RecordFormatOfPage(database_->cache(), database_->file_id(), pgno,
                            database_->page_size(), &record_format_);
}

JET_ERR TableCursor::LoadCurrent() {
  loaded_generation_ = WriteGeneration();
  entry_key_.assign(cursor_->Key().begin(), cursor_->Key().end());
  JET_ERR err = JET_errSuccess;
  if (secondary_) {
    // A unique index's node is its key alone: a snapshot that sees an older
    // state of it (an entry deleted, then its key re-inserted for another
    // record) sees that state's primary key, not the stored one.
    if (use_image_) {
      entry_data_ = image_;
    } else {
      entry_data_.assign(cursor_->Data().begin(), cursor_->Data().end());
    }
    cursor_->Release();
    err = LoadRecord(entry_data_);
  } else {
    entry_data_.clear();
    if (use_image_) {
      record_ = image_;
    } else {
      record_.assign(cursor_->Data().begin(), cursor_->Data().end());
    }
    const uint32_t pgno = cursor_->pgno();
    cursor_->Release();  // before latching the page again (see LoadRecord)
    err = RecordFormatOfPage(database_->cache(), database_->file_id(), pgno,
                             database_->page_size(), &record_format_);
  }
  use_image_ = false;
  current_deleted_ = false;
  tree_positioned_ = true;
  if (err >= 0) err = RecordReader::Open(record_, record_format_, &reader_);
  if (err < 0) {
    Unposition(State::kBeforeFirst);
    tree_positioned_ = false;
    return err;
  }
  state_ = State::kOnRecord;
  return JET_errSuccess;
}

bool TableCursor::InRange(std::span<const uint8_t> key, bool /*forward*/) const {
  if (!range_) return true;
  const int c = CompareKeys(key, range_->limit);
  if (range_->upper) return range_->inclusive ? c <= 0 : c < 0;
  return range_->inclusive ? c >= 0 : c > 0;
}

bool TableCursor::EntryVanished(JET_ERR err) const {
  return err == JET_errRecordDeleted && secondary_ && CurrentSnapshot().begin == kTrxNow;
}

JET_ERR TableCursor::Step(bool forward) {
  for (;;) {
    JET_ERR err;
    if (state_ == State::kOnRecord || tree_positioned_) {
      err = cursor_->Move(forward ? MoveTo::kNext : MoveTo::kPrevious);
    } else if (state_ == State::kBeforeFirst) {
      if (!forward) return JET_errNoCurrentRecord;
      err = cursor_->MoveFirst();
    } else {
      if (forward) return JET_errNoCurrentRecord;
      err = cursor_->MoveLast();
    }
    if (err >= 0) err = SettleVisible(*cursor_, index_tree_, forward, &image_, &use_image_);
    if (err == JET_errNoCurrentRecord) {
      range_.reset();  // past the end of the index is past any range too
      Unposition(forward ? State::kAfterLast : State::kBeforeFirst);
      return err;
    }
    if (err < 0) {
      Unposition(State::kBeforeFirst);
      tree_positioned_ = false;
      return err;
    }
    if (!InRange(cursor_->Key(), forward)) {
      // Walking off the index range ends it (ESE's ErrFUCBCheckIndexRange).
      range_.reset();
      cursor_->Release();
      Unposition(forward ? State::kAfterLast : State::kBeforeFirst);
      tree_positioned_ = true;
      return JET_errNoCurrentRecord;
    }
    err = LoadCurrent();
    if (!EntryVanished(err)) return err;
    tree_positioned_ = true;  // on from the vanished entry
  }
}

JET_ERR TableCursor::Move(long crow, JET_GRBIT grbit) {
  if ((grbit & ~JET_bitMoveKeyNE) != 0) return JET_errInvalidGrbit;
  const int32_t rows = Low32(crow);
  if (key_builder_) key_builder_->Reset();
  if (rows == static_cast<int32_t>(JET_MoveFirst) || rows == JET_MoveLast) {
    range_.reset();
    const bool first = rows == static_cast<int32_t>(JET_MoveFirst);
    JET_ERR err = first ? cursor_->MoveFirst() : cursor_->MoveLast();
    if (err >= 0) err = SettleVisible(*cursor_, index_tree_, first, &image_, &use_image_);
    if (err < 0) {
      Unposition(first ? State::kBeforeFirst : State::kAfterLast);
      tree_positioned_ = false;
      return err;
    }
    err = LoadCurrent();
    if (!EntryVanished(err)) return err;
    tree_positioned_ = true;  // on from the vanished entry
    return Step(first);
  }
  if (rows == 0) return OnRecord() ? JET_errSuccess : JET_errNoCurrentRecord;
  const bool forward = rows > 0;
  int64_t count = rows > 0 ? int64_t{rows} : -int64_t{rows};
  while (count-- > 0) {
    const std::vector<uint8_t> from = entry_key_;
    const bool was_on = OnRecord();
    JET_ERR err = Step(forward);
    if (err < 0) return err;
    if ((grbit & JET_bitMoveKeyNE) != 0 && was_on) {
      while (SameBytes(entry_key_, from)) {
        if (err = Step(forward); err < 0) return err;
      }
    }
  }
  return JET_errSuccess;
}

JET_ERR TableCursor::MakeKey(const void* data, unsigned long cb, JET_GRBIT grbit) {
  // A table without a primary index is clustered on a sequential bookmark
  // (a DBK); keys on it are not supported yet.
  if (index_ == nullptr) return JET_errFeatureNotAvailable;
  if (key_def_err_ < 0) return key_def_err_;
  return key_builder_->MakeKey(data, cb, grbit);
}

JET_ERR TableCursor::Seek(JET_GRBIT grbit) {
  if (!key_builder_ || !key_builder_->prepared()) return JET_errKeyNotMade;
  const JET_GRBIT seek = grbit & kSeekBits;
  if ((grbit & ~(kSeekBits | JET_bitSetIndexRange | JET_bitCheckUniqueness)) != 0 || seek == 0 ||
      (seek & (seek - 1)) != 0) {
    return JET_errInvalidGrbit;
  }
  if ((grbit & JET_bitSetIndexRange) != 0 && seek != JET_bitSeekEQ) return JET_errInvalidGrbit;
  SeekMode mode = SeekMode::kEqual;
  switch (seek) {
    case JET_bitSeekLT:
      mode = SeekMode::kLess;
      break;
    case JET_bitSeekLE:
      mode = SeekMode::kLessOrEqual;
      break;
    case JET_bitSeekGE:
      mode = SeekMode::kGreaterOrEqual;
      break;
    case JET_bitSeekGT:
      mode = SeekMode::kGreater;
      break;
    default:
      break;
  }
  const std::vector<uint8_t> key(key_builder_->key().begin(), key_builder_->key().end());
  key_builder_->Reset();
  range_.reset();
  const bool backward = mode == SeekMode::kLess || mode == SeekMode::kLessOrEqual;
  JET_ERR err = cursor_->Seek(key, mode);
  for (;;) {
    if (err >= 0) {
      // An invisible node: on in the seek's direction, then the seek's answer
      // for the node reached.
      const JET_ERR serr = SettleVisible(*cursor_, index_tree_, !backward, &image_, &use_image_);
      if (serr == JET_errNoCurrentRecord) {
        err = JET_errRecordNotFound;
      } else if (serr < 0) {
        err = serr;
      } else {
        const bool equal = SameBytes(cursor_->Key(), key);
        if (mode == SeekMode::kEqual && !equal) err = JET_errRecordNotFound;
        if (mode == SeekMode::kGreaterOrEqual || mode == SeekMode::kLessOrEqual) {
          err = equal ? JET_errSuccess : JET_wrnSeekNotEqual;
        }
      }
      if (err == JET_errRecordNotFound) cursor_->Release();
    } else if (err == JET_errNoCurrentRecord) {
      err = JET_errRecordNotFound;  // stepped off the end from a vanished entry
    }
    if (err < 0) {
      Unposition(State::kBeforeFirst);
      tree_positioned_ = false;
      return err;
    }
    const JET_ERR lerr = LoadCurrent();
    if (!EntryVanished(lerr)) {
      if (lerr < 0) return lerr;
      break;
    }
    // Read now, the entry's record went after the entry was read (by a
    // commit in between): the entry went with it; on in the seek's direction.
    err = cursor_->Move(backward ? MoveTo::kPrevious : MoveTo::kNext);
  }
  if ((grbit & JET_bitSetIndexRange) != 0) range_ = Range{key, true, true};
  return err;
}

JET_ERR TableCursor::SetIndexRange(JET_GRBIT grbit) {
  constexpr JET_GRBIT kKnown = JET_bitRangeInclusive | JET_bitRangeUpperLimit |
                               JET_bitRangeInstantDuration | JET_bitRangeRemove;
  if ((grbit & ~kKnown) != 0) return JET_errInvalidGrbit;
  if ((grbit & JET_bitRangeRemove) != 0) {
    if (!range_) return JET_errInvalidOperation;
    range_.reset();
    return JET_errSuccess;
  }
  if (!OnRecord()) return JET_errNoCurrentRecord;
  if (!key_builder_ || !key_builder_->prepared()) return JET_errKeyNotMade;
  Range range{std::vector<uint8_t>(key_builder_->key().begin(), key_builder_->key().end()),
              (grbit & JET_bitRangeUpperLimit) != 0, (grbit & JET_bitRangeInclusive) != 0};
  key_builder_->Reset();
  std::optional<Range> previous = std::move(range_);
  range_ = std::move(range);
  const bool in = InRange(entry_key_, true);
  if (!in || (grbit & JET_bitRangeInstantDuration) != 0) range_ = std::move(previous);
  if (!in) {
    range_.reset();
    return JET_errNoCurrentRecord;
  }
  return JET_errSuccess;
}

JET_ERR TableCursor::RetrieveKey(void* data, unsigned long cb, unsigned long* actual,
                                 JET_GRBIT grbit) {
  std::vector<uint8_t> key;
  if ((grbit & JET_bitRetrieveCopy) != 0) {
    if (!key_builder_) return JET_errKeyNotMade;
    if (const JET_ERR err = key_builder_->GetSearchKey(&key); err < 0) return err;
  } else {
    if (!OnRecord()) return JET_errNoCurrentRecord;
    key = entry_key_;
  }
  const size_t n = std::min<size_t>(key.size(), data == nullptr ? 0 : cb);
  if (n > 0) std::memcpy(data, key.data(), n);
  if (actual != nullptr) *actual = static_cast<unsigned long>(key.size());
  return key.size() > n ? JET_wrnBufferTruncated : JET_errSuccess;
}

std::vector<uint8_t> TableCursor::PrimaryKeyOfCurrent() const {
  return secondary_ ? entry_data_ : entry_key_;
}

JET_ERR TableCursor::GetBookmark(void* data, unsigned long cb, unsigned long* actual) {
  if (!OnRecord()) return JET_errNoCurrentRecord;
  const std::vector<uint8_t> bookmark = PrimaryKeyOfCurrent();
  if (actual != nullptr) *actual = static_cast<unsigned long>(bookmark.size());
  if (data == nullptr || cb < bookmark.size()) return JET_errBufferTooSmall;
  std::memcpy(data, bookmark.data(), bookmark.size());
  return JET_errSuccess;
}

JET_ERR TableCursor::PositionOnRecord(std::span<const uint8_t> primary_key) {
  const std::vector<uint8_t> pk(primary_key.begin(), primary_key.end());
  range_.reset();
  if (key_builder_) key_builder_->Reset();
  JET_ERR err;
  if (!secondary_) {
    err = cursor_->GotoBookmark(Bookmark{pk, {}});
    if (err >= 0 && !Visible(*cursor_, index_tree_, &image_, &use_image_)) {
      cursor_->Release();
      err = JET_errRecordNotFound;
    }
    if (err == JET_errRecordNotFound) err = JET_errRecordDeleted;
    if (err < 0) {
      Unposition(State::kBeforeFirst);
      tree_positioned_ = false;
      return err;
    }
    return LoadCurrent();
  }
  // The index entry of a record: its key computed from the record's values
  // when the key layer can (not for Windows' Unicode sort keys), else found
  // by scanning the index for the entry that points at the record.
  if (err = LoadRecord(pk); err < 0) return err;
  RecordReader reader;
  if (err = RecordReader::Open(record_, record_format_, &reader); err < 0) return err;
  std::vector<uint8_t> entry_key;
  bool have_key = false;
  if (index_ != nullptr && key_def_err_ >= 0) {
    std::vector<std::vector<uint8_t>> values(index_->segments.size());
    std::vector<KeyColumnValue> key_values;
    bool ok = true;
    for (size_t i = 0; i < index_->segments.size() && ok; ++i) {
      const ColumnDef* def = nullptr;
      const ColumnSpec* spec = nullptr;
      if (ColumnFor(index_->segments[i].column_id, &def, &spec) < 0) {
        ok = false;
        break;
      }
      bool is_null = true;
      ColumnSource source{&reader, spec, def, lv_tree_ ? &*lv_tree_ : nullptr, false};
      if (ReadColumnValue(source, 1, &values[i], &is_null) < 0) ok = false;
      key_values.push_back(is_null ? KeyColumnValue::Null() : KeyColumnValue::Of(values[i]));
    }
    IndexEntryKeyInfo info;
    have_key = ok && BuildIndexEntryKey(key_def_, key_values, &entry_key, &info) >= 0;
  }
  if (have_key) {
    err = cursor_->GotoBookmark(
        Bookmark{entry_key, index_tree_.unique() ? std::vector<uint8_t>() : pk});
    if (err >= 0) {
      if (VisibleEntryLeadsTo(pk)) return LoadCurrent();
    } else if (err != JET_errRecordNotFound) {
      return err;
    }
  }
  for (err = cursor_->MoveFirst(); err >= 0; err = cursor_->MoveNext()) {
    if (VisibleEntryLeadsTo(pk)) return LoadCurrent();
  }
  Unposition(State::kBeforeFirst);
  tree_positioned_ = false;
  return err == JET_errNoCurrentRecord ? JET_errRecordDeleted : err;
}

JET_ERR TableCursor::GotoBookmark(const void* data, unsigned long cb) {
  if (data == nullptr || cb == 0 || cb > JET_cbBookmarkMostMost) return JET_errInvalidBookmark;
  const auto* bytes = static_cast<const uint8_t*>(data);
  return PositionOnRecord(std::span<const uint8_t>(bytes, cb));
}

JET_ERR TableCursor::SetCurrentIndex(const char* name, JET_GRBIT grbit) {
  if ((grbit & ~(JET_bitMoveFirst | JET_bitNoMove)) != 0) return JET_errInvalidGrbit;
  const IndexDef* target = nullptr;
  if (name == nullptr || name[0] == '\0') {
    target = table_->PrimaryIndex();
  } else {
    target = table_->FindIndex(name);
    if (target == nullptr) return JET_errIndexNotFound;
  }
  if (target == index_) return JET_errSuccess;
  const bool keep = (grbit & JET_bitNoMove) != 0 && OnRecord();
  const std::vector<uint8_t> pk = keep ? PrimaryKeyOfCurrent() : std::vector<uint8_t>();
  if (const JET_ERR err = UseIndex(target); err < 0) return err;
  if (keep) return PositionOnRecord(pk);
  if ((grbit & JET_bitNoMove) != 0) return JET_errSuccess;
  const JET_ERR err = Move(static_cast<long>(JET_MoveFirst), 0);
  return err == JET_errNoCurrentRecord ? JET_errSuccess : err;
}

JET_ERR TableCursor::IndexRecordCount(unsigned long* count, unsigned long max) {
  *count = 0;
  if (!OnRecord()) return JET_errNoCurrentRecord;
  Cursor counter(index_tree_, kVersionedCursor);
  JET_ERR err = counter.GotoBookmark(
      Bookmark{entry_key_, index_tree_.unique() ? std::vector<uint8_t>() : entry_data_});
  unsigned long n = 0;
  std::vector<uint8_t> image;
  bool use_image = false;
  for (; err >= 0; err = counter.MoveNext()) {
    if (!InRange(counter.Key(), true)) break;
    if (!Visible(counter, index_tree_, &image, &use_image)) continue;
    ++n;
    if (max != 0 && n >= max) break;
  }
  if (err < 0 && err != JET_errNoCurrentRecord) return err;
  *count = n;
  return JET_errSuccess;
}

JET_ERR TableCursor::GetRecordPosition(JET_RECPOS* recpos) {
  if (!OnRecord()) return JET_errNoCurrentRecord;
  // Exact counts: ESE estimates from the tree's shape; an exact answer is
  // within any estimate's tolerance, at the price of a scan.
  Cursor counter(index_tree_, kVersionedCursor);
  uint32_t before = 0;
  uint32_t total = 0;
  bool seen = false;
  std::vector<uint8_t> image;
  bool use_image = false;
  JET_ERR err = counter.MoveFirst();
  for (; err >= 0; err = counter.MoveNext()) {
    if (!Visible(counter, index_tree_, &image, &use_image)) continue;
    if (!seen && SameBytes(counter.Key(), entry_key_) &&
        (!secondary_ || index_tree_.unique() || SameBytes(counter.Data(), entry_data_))) {
      seen = true;
    }
    if (!seen) ++before;
    ++total;
  }
  if (err != JET_errNoCurrentRecord) return err;
  recpos->cbStruct = sizeof(JET_RECPOS);
  recpos->centriesLT = before;
  recpos->centriesInRange = 1;
  recpos->centriesTotal = total;
  return JET_errSuccess;
}

JET_ERR TableCursor::ColumnFor(JET_COLUMNID columnid, const ColumnDef** def,
                               const ColumnSpec** spec) const {
  if (columnid == 0 || columnid > kLastTaggedColumnId) return JET_errBadColumnId;
  const ColumnDef* column = table_->FindColumn(columnid);
  if (column == nullptr || column->deleted()) return JET_errColumnNotFound;
  const ColumnSpec* s = schema_.Find(columnid, column->derived_in_records());
  if (s == nullptr) return JET_errColumnNotFound;
  *def = column;
  *spec = s;
  return JET_errSuccess;
}

JET_ERR TableCursor::RetrieveColumn(JET_COLUMNID columnid, void* data, unsigned long cb,
                                    unsigned long* actual, JET_GRBIT grbit, JET_RETINFO* retinfo) {
  if (retinfo != nullptr && retinfo->cbStruct < sizeof(JET_RETINFO)) {
    return JET_errInvalidParameter;
  }
  const ColumnDef* def = nullptr;
  const ColumnSpec* spec = nullptr;
  if (const JET_ERR err = ColumnFor(columnid, &def, &spec); err < 0) return err;
  const bool from_copy = (grbit & JET_bitRetrieveCopy) != 0 && update_ != nullptr;
  if (!from_copy && !OnRecord()) return JET_errNoCurrentRecord;
  if (!from_copy) {
    if (const JET_ERR err = RefreshIfStale(); err < 0) return err;
    if (current_deleted_) return JET_errRecordDeleted;
  }
  const uint32_t itag = retinfo != nullptr ? retinfo->itagSequence : 1;
  const uint32_t ib = retinfo != nullptr && spec->IsLongValue() ? retinfo->ibLongValue : 0;
  if (retinfo != nullptr) retinfo->columnidNextTagged = 0;

  std::vector<uint8_t> value;
  bool is_null = true;
  if (from_copy) {
    if (const JET_ERR err = update_->RetrieveCopy(
            columnid, itag, (grbit & JET_bitRetrieveIgnoreDefault) != 0, &value, &is_null);
        err < 0) {
      return err;
    }
  } else {
    ColumnSource source{&reader_, spec, def, lv_tree_ ? &*lv_tree_ : nullptr,
                        (grbit & JET_bitRetrieveIgnoreDefault) != 0};
    if (const JET_ERR err = ReadColumnValue(source, itag, &value, &is_null); err < 0) return err;
  }
  if (is_null) {
    if (actual != nullptr) *actual = 0;
    return JET_wrnColumnNull;
  }
  const size_t start = std::min<size_t>(ib, value.size());
  const size_t remaining = value.size() - start;
  const size_t n = std::min<size_t>(remaining, data == nullptr ? 0 : cb);
  if (n > 0) std::memcpy(data, value.data() + start, n);
  if (actual != nullptr) *actual = static_cast<unsigned long>(remaining);
  return remaining > n ? JET_wrnBufferTruncated : JET_errSuccess;
}

JET_ERR TableCursor::CountColumnValues(JET_COLUMNID columnid, JET_GRBIT grbit,
                                       unsigned long* count) {
  const ColumnDef* def = nullptr;
  const ColumnSpec* spec = nullptr;
  if (const JET_ERR err = ColumnFor(columnid, &def, &spec); err < 0) return err;
  if ((grbit & JET_bitRetrieveCopy) != 0 && update_ != nullptr) {
    uint32_t n = 0;
    if (const JET_ERR err = update_->CountCopy(columnid, &n); err < 0) return err;
    *count = n;
    return JET_errSuccess;
  }
  if (!OnRecord()) return JET_errNoCurrentRecord;
  if (const JET_ERR err = RefreshIfStale(); err < 0) return err;
  if (current_deleted_) return JET_errRecordDeleted;
  ColumnSource source{&reader_, spec, def, lv_tree_ ? &*lv_tree_ : nullptr,
                      (grbit & JET_bitRetrieveIgnoreDefault) != 0};
  uint32_t n = 0;
  if (const JET_ERR err = jet::CountColumnValues(source, &n); err < 0) return err;
  *count = n;
  return JET_errSuccess;
}

}  // namespace jet
