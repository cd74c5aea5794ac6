#include "ddl/schema_change.h"

#include <algorithm>
#include <mutex>

#include "btree/btree_writer.h"
#include "btree/cursor.h"
#include "catalog/catalog_format.h"
#include "catalog/catalog_writer.h"
#include "ddl/tree_pages.h"
#include "key/index_entry_key.h"
#include "record/long_value.h"
#include "record/record_reader.h"
#include "table/column_values.h"

namespace jet {

namespace {

// The catalog row of a long-value tree says how many pages it was created
// with: ESE's ErrCATAddTableLV writes cpgLVTree (1, as in Windows-made
// files), the one page NewTree gives the tree.
constexpr uint32_t kLvTreePages = 1;

// The long-value chunk size the write path cuts at (table/table_writer.cc
// StoreLv): the page size's default (ESE's 4014 on 4 KiB pages) when one
// chunk node fits our B-tree, else the largest node it takes. When that is
// not the default, the table's catalog row records it (LVChunkMax), as ESE
// does for a table with a non-default chunk size, so that an engine that
// finds chunks by offset cuts at the same boundaries.
uint32_t LvChunkMaxToRecord(uint32_t page_size) {
  const uint32_t fallback = DefaultLvChunkSize(page_size);
  const uint32_t node_most = static_cast<uint32_t>(BTreeWriter::MaxNodeSize(page_size)) -
                             static_cast<uint32_t>(LvChunkKey(0, 0).size());
  return fallback != 0 && node_most < fallback ? node_most : 0;
}

bool IsLongColtyp(uint32_t coltyp) {
  return coltyp == JET_coltypLongText || coltyp == JET_coltypLongBinary;
}

// What a DDL call made so far, undone unless Commit() is called.
class Undo {
 public:
  Undo(Database* db, CatalogWriter* writer) : db_(db), writer_(writer) {}
  ~Undo() {
    if (committed_) return;
    for (auto it = rows_.rbegin(); it != rows_.rend(); ++it) (void)writer_->Delete(*it);
    for (auto it = trees_.rbegin(); it != trees_.rend(); ++it) FreeTree(it->first, it->second);
    (void)db_->ReloadCatalog();
  }
  void Tree(uint32_t objid, uint32_t pgno) { trees_.emplace_back(objid, pgno); }
  void Row(const CatalogEntry& row) { rows_.push_back(row); }
  void Commit() { committed_ = true; }

  void FreeTree(uint32_t objid, uint32_t pgno) {
    std::vector<uint32_t> pages;
    if (CollectTreePages(db_->cache(), db_->file_id(), pgno, &pages) < 0) return;
    for (const uint32_t p : pages) (void)db_->space()->FreePage(objid, p);
  }

 private:
  Database* db_;
  CatalogWriter* writer_;
  std::vector<std::pair<uint32_t, uint32_t>> trees_;
  std::vector<CatalogEntry> rows_;
  bool committed_ = false;
};

JET_ERR NewTree(Database* db, uint32_t objid, uint32_t parent, uint32_t flags, uint32_t* pgno) {
  NewTreeSpec spec;
  spec.objid = objid;
  spec.pgno_parent_fdp = parent;
  spec.extra_flags = flags;
  return db->space()->CreateTree(spec, pgno);
}

uint32_t IndexTreeFlags(const IndexDef& index) {
  return kPageFlagIndex | (index.unique() ? 0 : kPageFlagNonUniqueKeys);
}

JET_ERR Writable(Database* db, CatalogWriter* writer) {
  if (db->read_only()) return JET_errPermissionDenied;
  return writer->Open();
}

// The checks every change to an existing table's schema starts with (the
// caller holds the DDL mutex): a writable database, the table, and a table
// whose DDL is not fixed.
JET_ERR OpenTableChange(Database* db, uint32_t table_objid, CatalogWriter* writer,
                        const TableDef** table) {
  if (const JET_ERR err = Writable(db, writer); err < 0) return err;
  *table = db->catalog().FindTableByObjid(table_objid);
  if (*table == nullptr) return JET_errObjectNotFound;
  if (((*table)->flags & kTableFlagFixedDDL) != 0) return JET_errFixedDDL;
  return JET_errSuccess;
}

// Gives `index` (not yet in `table`) its tree or the table's, checking it.
JET_ERR CheckIndexDef(const Database& db, const TableDef& table, const IndexDef& index) {
  if (table.FindIndex(index.name) != nullptr) return JET_errIndexDuplicate;
  if (index.primary() && table.PrimaryIndex() != nullptr) return JET_errIndexHasPrimary;
  IndexKeyDef key_def;
  return index.ToIndexKeyDef(db.page_size(), &key_def);
}

// Inserts the index entries of every record of `table` into the new tree
// of `index` (ESE's ErrFILEBuildIndex).
JET_ERR BuildIndexFromRecords(Database* db, const TableDef& table, const IndexDef& index) {
  IndexKeyDef key_def;
  if (const JET_ERR err = index.ToIndexKeyDef(db->page_size(), &key_def); err < 0) return err;
  RecordSchema schema;
  if (const JET_ERR err = table.ToRecordSchema(&schema); err < 0) return err;
  BTree primary;
  BTree tree;
  if (const JET_ERR err = db->OpenTree(table.pgno_fdp, table.objid, &primary); err < 0) return err;
  if (const JET_ERR err = db->OpenTree(index.pgno_fdp, index.objid, &tree); err < 0) return err;
  std::optional<BTree> lv;
  if (table.long_values) {
    BTree t;
    if (const JET_ERR err = db->OpenTree(table.long_values->pgno_fdp, table.long_values->objid, &t);
        err < 0) {
      return err;
    }
    lv = t;
  }
  RecordFormat format;
  format.page_size = db->page_size();
  BTreeWriter writer(tree, db->write_context(), db->allocator());
  Cursor cursor(primary);
  JET_ERR err = cursor.MoveFirst();
  for (; err >= 0; err = cursor.MoveNext()) {
    const std::vector<uint8_t> pk(cursor.Key().begin(), cursor.Key().end());
    const std::vector<uint8_t> record(cursor.Data().begin(), cursor.Data().end());
    RecordReader reader;
    if (const JET_ERR e = RecordReader::Open(record, format, &reader); e < 0) return e;
    // One entry per value of the first multi-valued key column (ESE's
    // default without JET_bitIndexCrossProduct); the others give their
    // first value.
    size_t mv_segment = index.segments.size();
    uint32_t mv_count = 1;
    std::vector<ColumnSource> sources;
    for (size_t i = 0; i < index.segments.size(); ++i) {
      const ColumnDef* def = table.FindColumn(index.segments[i].column_id);
      const ColumnSpec* spec = schema.Find(index.segments[i].column_id);
      if (def == nullptr || spec == nullptr) return JET_errColumnNotFound;
      sources.push_back(ColumnSource{&reader, spec, def, lv ? &*lv : nullptr, false});
      if (def->multi_valued() && mv_segment == index.segments.size()) {
        mv_segment = i;
        if (const JET_ERR e = CountColumnValues(sources.back(), &mv_count); e < 0) return e;
        mv_count = std::max<uint32_t>(mv_count, 1);
      }
    }
    for (uint32_t itag = 1; itag <= mv_count; ++itag) {
      std::vector<std::vector<uint8_t>> values(index.segments.size());
      std::vector<KeyColumnValue> key_values;
      for (size_t i = 0; i < index.segments.size(); ++i) {
        bool is_null = true;
        if (const JET_ERR e =
                ReadColumnValue(sources[i], i == mv_segment ? itag : 1, &values[i], &is_null);
            e < 0) {
          return e;
        }
        key_values.push_back(is_null ? KeyColumnValue::Null() : KeyColumnValue::Of(values[i]));
      }
      std::vector<uint8_t> key;
      IndexEntryKeyInfo info;
      if (const JET_ERR e = BuildIndexEntryKey(key_def, key_values, &key, &info); e < 0) return e;
      // The Ignore*Null grbits leave such entries out of the index.
      if (info.all_null && (index.flags & kIndexFlagAllowAllNulls) == 0) continue;
      if (info.first_null && (index.flags & kIndexFlagAllowFirstNull) == 0) continue;
      if (info.any_null && (index.flags & kIndexFlagAllowSomeNulls) == 0) continue;
      if (info.any_null && index.disallow_null()) return JET_errNullKeyDisallowed;
      JET_ERR e = writer.Insert(key, pk);
      // Two values of one record with the same key make one entry.
      if (e == JET_errKeyDuplicate && itag > 1 && !index.unique()) e = JET_errSuccess;
      if (e < 0) return e;
    }
  }
  return err == JET_errNoCurrentRecord ? JET_errSuccess : err;
}

bool TableHasRecords(const Database& db, const TableDef& table) {
  BTree primary;
  if (db.OpenTree(table.pgno_fdp, table.objid, &primary) < 0) return true;
  Cursor cursor(primary);
  return cursor.MoveFirst() >= 0;
}

}  // namespace

JET_ERR CreateTable(Database* db, const NewTable& in, std::vector<uint32_t>* column_ids,
                    uint32_t* objid) {
  std::lock_guard<std::mutex> ddl(db->ddl_mutex());
  CatalogWriter writer(db->write_context(), db->allocator(), db->page_size());
  if (const JET_ERR err = Writable(db, &writer); err < 0) return err;
  TableDef table;
  if (const JET_ERR err = CheckObjectName(in.name.c_str(), &table.name); err < 0) return err;
  if (db->FindTable(table.name) != nullptr) return JET_errTableDuplicate;
  table.density = in.density == 0 ? kDensityDefault : in.density;
  if (table.density < kDensityLeast || table.density > kDensityMost) return JET_errDensityInvalid;
  table.initial_pages = in.pages;
  table.flags = in.flags;
  table.lv_chunk_max = LvChunkMaxToRecord(db->page_size());
  column_ids->clear();
  bool has_long = false;
  for (const NewColumn& c : in.columns) {
    NewColumn named = c;
    if (const JET_ERR err = CheckObjectName(c.name.c_str(), &named.name); err < 0) return err;
    if (table.FindColumn(named.name) != nullptr) return JET_errColumnDuplicate;
    ColumnDef def;
    if (const JET_ERR err = BuildColumn(named, table, &def); err < 0) return err;
    has_long = has_long || IsLongColtyp(def.coltyp);
    column_ids->push_back(def.id);
    table.columns.push_back(std::move(def));
  }
  std::vector<IndexDef> indexes;
  for (const NewIndex& i : in.indexes) {
    IndexDef def;
    if (const JET_ERR err =
            BuildIndex(i.name.c_str(), i.key.data(), static_cast<uint32_t>(i.key.size()), i.grbit,
                       i.density, table, &def);
        err < 0) {
      return err;
    }
    if (const JET_ERR err = CheckIndexDef(*db, table, def); err < 0) return err;
    table.indexes.push_back(std::move(def));
  }

  Undo undo(db, &writer);
  table.objid = db->AllocateObjid();
  if (const JET_ERR err = NewTree(db, table.objid, kSystemRootObjid, 0, &table.pgno_fdp); err < 0) {
    return err;
  }
  undo.Tree(table.objid, table.pgno_fdp);
  for (IndexDef& index : table.indexes) {
    if (index.primary()) {
      index.objid = table.objid;
      index.pgno_fdp = table.pgno_fdp;
      continue;
    }
    index.objid = db->AllocateObjid();
    if (const JET_ERR err =
            NewTree(db, index.objid, table.pgno_fdp, IndexTreeFlags(index), &index.pgno_fdp);
        err < 0) {
      return err;
    }
    undo.Tree(index.objid, index.pgno_fdp);
  }
  if (has_long) {
    LongValueDef lv;
    lv.initial_pages = kLvTreePages;
    lv.objid = db->AllocateObjid();
    if (const JET_ERR err = NewTree(db, lv.objid, table.pgno_fdp, kPageFlagLongValue, &lv.pgno_fdp);
        err < 0) {
      return err;
    }
    undo.Tree(lv.objid, lv.pgno_fdp);
    table.long_values = lv;
  }
  for (const CatalogEntry& row : table.ToCatalogEntries()) {
    if (const JET_ERR err = writer.Insert(row); err < 0) {
      return err == JET_errKeyDuplicate ? JET_errTableDuplicate : err;
    }
    undo.Row(row);
  }
  if (const JET_ERR err = db->ReloadCatalog(); err < 0) return err;
  undo.Commit();
  *objid = table.objid;
  return JET_errSuccess;
}

JET_ERR DeleteTable(Database* db, std::string_view name) {
  std::lock_guard<std::mutex> ddl(db->ddl_mutex());
  CatalogWriter writer(db->write_context(), db->allocator(), db->page_size());
  if (const JET_ERR err = Writable(db, &writer); err < 0) return err;
  const TableDef* found = db->FindTable(name);
  if (found == nullptr) return JET_errObjectNotFound;
  const TableDef table = *found;
  if (Catalog::IsSystemTable(table)) return JET_errInvalidParameter;
  if (db->TableInUse(table.objid)) return JET_errTableInUse;
  // The rows first (the table is gone once its table row is), then pages.
  std::vector<CatalogEntry> rows = table.ToCatalogEntries();
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    if (const JET_ERR err = writer.Delete(*it); err < 0 && err != JET_errRecordNotFound) {
      return err;
    }
  }
  Undo pages(db, &writer);  // frees nothing on its own: used for FreeTree
  pages.Commit();
  for (const IndexDef& index : table.indexes) {
    if (!index.primary()) pages.FreeTree(index.objid, index.pgno_fdp);
  }
  if (table.long_values) pages.FreeTree(table.long_values->objid, table.long_values->pgno_fdp);
  pages.FreeTree(table.objid, table.pgno_fdp);
  return db->ReloadCatalog();
}

JET_ERR AddColumn(Database* db, uint32_t table_objid, const NewColumn& in, uint32_t* column_id) {
  std::lock_guard<std::mutex> ddl(db->ddl_mutex());
  CatalogWriter writer(db->write_context(), db->allocator(), db->page_size());
  const TableDef* table = nullptr;
  if (const JET_ERR err = OpenTableChange(db, table_objid, &writer, &table); err < 0) return err;
  NewColumn named = in;
  if (const JET_ERR err = CheckObjectName(in.name.c_str(), &named.name); err < 0) return err;
  if (table->FindColumn(named.name) != nullptr) return JET_errColumnDuplicate;
  ColumnDef def;
  if (const JET_ERR err = BuildColumn(named, *table, &def); err < 0) return err;
  Undo undo(db, &writer);
  if (IsLongColtyp(def.coltyp) && !table->long_values) {
    LongValueDef lv;
    lv.initial_pages = kLvTreePages;
    lv.objid = db->AllocateObjid();
    if (const JET_ERR err =
            NewTree(db, lv.objid, table->pgno_fdp, kPageFlagLongValue, &lv.pgno_fdp);
        err < 0) {
      return err;
    }
    undo.Tree(lv.objid, lv.pgno_fdp);
    const CatalogEntry row = lv.ToCatalogEntry(table_objid);
    if (const JET_ERR err = writer.Insert(row); err < 0) return err;
    undo.Row(row);
  }
  const CatalogEntry row = def.ToCatalogEntry(table_objid);
  if (const JET_ERR err = writer.Insert(row); err < 0) {
    return err == JET_errKeyDuplicate ? JET_errColumnDuplicate : err;
  }
  undo.Row(row);
  if (const JET_ERR err = db->ReloadCatalog(); err < 0) return err;
  undo.Commit();
  *column_id = def.id;
  return JET_errSuccess;
}

JET_ERR DeleteColumn(Database* db, uint32_t table_objid, std::string_view name) {
  std::lock_guard<std::mutex> ddl(db->ddl_mutex());
  CatalogWriter writer(db->write_context(), db->allocator(), db->page_size());
  const TableDef* table = nullptr;
  if (const JET_ERR err = OpenTableChange(db, table_objid, &writer, &table); err < 0) return err;
  const ColumnDef* column = table->FindColumn(name);
  if (column == nullptr) return JET_errColumnNotFound;
  for (const IndexDef& index : table->indexes) {
    for (const IndexSegmentDef& s : index.segments) {
      if (s.column_id == column->id) return JET_errColumnIndexed;
    }
  }
  const CatalogEntry row = column->ToCatalogEntry(table_objid);
  if (const JET_ERR err = writer.Delete(row); err < 0) return err;
  if (column->fixed()) {
    // A fixed column keeps its place in the records: a stub of type Nil
    // holds its offset and width (ESE's JetStub_<objid>_<fid>).
    ColumnDef stub = *column;
    stub.coltyp = JET_coltypNil;
    stub.name = std::string(kDeletedColumnStubPrefix) + std::to_string(table_objid) + "_" +
                std::to_string(column->id);
    stub.flags = 0;
    stub.default_value.clear();
    if (const JET_ERR err = writer.Insert(stub.ToCatalogEntry(table_objid)); err < 0) {
      (void)writer.Insert(row);
      return err;
    }
  }
  return db->ReloadCatalog();
}

JET_ERR CreateIndex(Database* db, uint32_t table_objid, const NewIndex& in) {
  std::lock_guard<std::mutex> ddl(db->ddl_mutex());
  CatalogWriter writer(db->write_context(), db->allocator(), db->page_size());
  const TableDef* table = nullptr;
  if (const JET_ERR err = OpenTableChange(db, table_objid, &writer, &table); err < 0) return err;
  IndexDef index;
  if (const JET_ERR err =
          BuildIndex(in.name.c_str(), in.key.data(), static_cast<uint32_t>(in.key.size()), in.grbit,
                     in.density, *table, &index);
      err < 0) {
    return err;
  }
  if (const JET_ERR err = CheckIndexDef(*db, *table, index); err < 0) return err;
  Undo undo(db, &writer);
  if (index.primary()) {
    // The records are keyed by the primary index: only an empty table can
    // get one.
    if (TableHasRecords(*db, *table)) return JET_errTableNotEmpty;
    index.objid = table->objid;
    index.pgno_fdp = table->pgno_fdp;
  } else {
    index.objid = db->AllocateObjid();
    if (const JET_ERR err =
            NewTree(db, index.objid, table->pgno_fdp, IndexTreeFlags(index), &index.pgno_fdp);
        err < 0) {
      return err;
    }
    undo.Tree(index.objid, index.pgno_fdp);
    if (const JET_ERR err = BuildIndexFromRecords(db, *table, index); err < 0) return err;
  }
  const CatalogEntry row = index.ToCatalogEntry(table_objid);
  if (const JET_ERR err = writer.Insert(row); err < 0) {
    return err == JET_errKeyDuplicate ? JET_errIndexDuplicate : err;
  }
  undo.Row(row);
  if (const JET_ERR err = db->ReloadCatalog(); err < 0) return err;
  undo.Commit();
  return JET_errSuccess;
}

JET_ERR DeleteIndex(Database* db, uint32_t table_objid, std::string_view name) {
  std::lock_guard<std::mutex> ddl(db->ddl_mutex());
  CatalogWriter writer(db->write_context(), db->allocator(), db->page_size());
  const TableDef* table = nullptr;
  if (const JET_ERR err = OpenTableChange(db, table_objid, &writer, &table); err < 0) return err;
  const IndexDef* found = table->FindIndex(name);
  if (found == nullptr) return JET_errIndexNotFound;
  if (found->primary()) return JET_errIndexMustStay;
  const IndexDef index = *found;
  if (const JET_ERR err = writer.Delete(index.ToCatalogEntry(table_objid)); err < 0) return err;
  Undo pages(db, &writer);
  pages.Commit();
  pages.FreeTree(index.objid, index.pgno_fdp);
  return db->ReloadCatalog();
}

}  // namespace jet
