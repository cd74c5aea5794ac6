#include "catalog/catalog.h"

#include <algorithm>
#include <set>
#include <utility>

#include "catalog/catalog_record.h"
#include "key/key_format.h"
#include "record/record_format.h"

namespace jet {

namespace {

// What went wrong, for the caller's log: "table 8 (\"index\"): ...".
class Problem {
 public:
  explicit Problem(std::string* detail) : detail_(detail) {}

  JET_ERR Fail(JET_ERR err, std::string what) {
    if (detail_ != nullptr) *detail_ = std::move(what);
    return err;
  }
  JET_ERR Corrupt(std::string what) { return Fail(JET_errCatalogCorrupted, std::move(what)); }

 private:
  std::string* detail_;
};

std::string Describe(const CatalogEntry& e) {
  return "row (" + std::to_string(e.objid_table) + ", " +
         std::to_string(static_cast<uint16_t>(e.type)) + ", " + std::to_string(e.id) + ") \"" +
         e.name + "\"";
}

std::string Describe(const TableDef& t) {
  return "table " + std::to_string(t.objid) + " (\"" + t.name + "\")";
}

// Fills in the column facts of an index's segments from the table's (or,
// for template columns, the template's) columns.
JET_ERR ResolveSegments(const TableDef& table, const TableDef* template_table,
                        std::vector<IndexSegmentDef>* segments) {
  for (IndexSegmentDef& seg : *segments) {
    const TableDef* owner = &table;
    if (seg.template_column) {
      if (template_table == nullptr) return JET_errCatalogCorrupted;
      owner = template_table;
    }
    const ColumnDef* column = owner->FindColumn(seg.column_id);
    if (column == nullptr || column->deleted()) return JET_errCatalogCorrupted;
    seg.coltyp = column->coltyp;
    seg.code_page = column->code_page;
    seg.max_size = column->max_size;
  }
  return JET_errSuccess;
}

// True when every column's type is one record/ can lay out.
bool RecordTypesKnown(const TableDef& table) {
  return std::all_of(table.columns.begin(), table.columns.end(),
                     [](const ColumnDef& c) { return c.deleted() || IsKnownColtyp(c.coltyp); });
}

}  // namespace

bool Catalog::IsSystemTable(const TableDef& table) {
  return table.system() || HasSystemTablePrefix(table.name);
}

const TableDef* Catalog::FindTable(std::string_view name) const {
  const auto it = by_name_.find(FoldCatalogName(name));
  return it == by_name_.end() ? nullptr : &tables_[it->second];
}

const TableDef* Catalog::FindTableByObjid(uint32_t objid) const {
  const auto it = by_objid_.find(objid);
  return it == by_objid_.end() ? nullptr : &tables_[it->second];
}

std::vector<const TableDef*> Catalog::UserTables() const {
  std::vector<const TableDef*> out;
  for (const TableDef& t : tables_) {
    if (!IsSystemTable(t)) out.push_back(&t);
  }
  return out;
}

JET_ERR Catalog::Load(CatalogSource* source, uint32_t page_size, Catalog* out,
                      std::string* detail) {
  *out = Catalog();
  Problem problem(detail);
  if (CbKeyMostForPage(page_size) == 0) {
    return problem.Fail(JET_errInvalidParameter, "unsupported page size");
  }

  std::vector<TableDef> tables;
  std::map<uint32_t, size_t> by_objid;
  std::map<std::string, size_t> by_name;
  // Names taken within each table (by objid), folded: columns and indexes.
  std::map<uint32_t, std::set<std::string>> column_names;
  std::map<uint32_t, std::set<std::string>> index_names;
  std::vector<uint8_t> prev_key;
  bool first = true;

  // Pass 1: every row, attached to its table.
  for (;;) {
    CatalogNode node;
    const JET_ERR next = source->Next(&node);
    if (next == JET_errNoCurrentRecord) break;
    if (next < 0) return problem.Fail(next, "reading the catalog tree");

    if (!first && !std::lexicographical_compare(prev_key.begin(), prev_key.end(), node.key.begin(),
                                                node.key.end())) {
      return problem.Corrupt("catalog keys out of order");
    }
    first = false;
    prev_key.assign(node.key.begin(), node.key.end());

    RecordFormat format;
    format.page_size = page_size;
    format.new_tagged_format = node.new_record_format;
    CatalogEntry entry;
    JET_ERR err = DecodeCatalogEntry(node.data, format, &entry);
    if (err < 0) return problem.Fail(err, "a catalog record does not decode");
    const std::vector<uint8_t> key = CatalogEntryKey(entry);
    if (!std::equal(key.begin(), key.end(), node.key.begin(), node.key.end())) {
      return problem.Corrupt(Describe(entry) + ": its key does not match its columns");
    }

    if (entry.type == SysObj::kTable) {
      TableDef table;
      if (TableDef::FromCatalogEntry(entry, &table) < 0) {
        return problem.Corrupt(Describe(entry) + ": bad table row");
      }
      if (!by_name.emplace(FoldCatalogName(table.name), tables.size()).second) {
        return problem.Corrupt(Describe(entry) + ": table name used twice");
      }
      by_objid[table.objid] = tables.size();
      tables.push_back(std::move(table));
      continue;
    }

    const auto owner = by_objid.find(entry.objid_table);
    if (owner == by_objid.end()) {
      return problem.Corrupt(Describe(entry) + ": no table row for its ObjidTable");
    }
    TableDef& table = tables[owner->second];
    switch (entry.type) {
      case SysObj::kColumn: {
        ColumnDef column;
        if (ColumnDef::FromCatalogEntry(entry, &column) < 0) {
          return problem.Corrupt(Describe(entry) + ": bad column row");
        }
        if (!column.deleted() &&
            !column_names[table.objid].insert(FoldCatalogName(column.name)).second) {
          return problem.Corrupt(Describe(entry) + ": column name used twice");
        }
        table.columns.push_back(std::move(column));
        break;
      }
      case SysObj::kIndex: {
        IndexDef index;
        if (IndexDef::FromCatalogEntry(entry, &index) < 0) {
          return problem.Corrupt(Describe(entry) + ": bad index row");
        }
        if (!index_names[table.objid].insert(FoldCatalogName(index.name)).second) {
          return problem.Corrupt(Describe(entry) + ": index name used twice");
        }
        table.indexes.push_back(std::move(index));
        break;
      }
      case SysObj::kLongValue: {
        LongValueDef lv;
        if (LongValueDef::FromCatalogEntry(entry, &lv) < 0) {
          return problem.Corrupt(Describe(entry) + ": bad long-value row");
        }
        if (table.long_values) return problem.Corrupt(Describe(entry) + ": second LV tree");
        table.long_values = lv;
        break;
      }
      case SysObj::kCallback: {
        CallbackDef callback;
        if (CallbackDef::FromCatalogEntry(entry, &callback) < 0) {
          return problem.Corrupt(Describe(entry) + ": bad callback row");
        }
        table.callbacks.push_back(std::move(callback));
        break;
      }
      default:
        return problem.Corrupt(Describe(entry) + ": unknown row type");
    }
  }

  // Pass 2: templates. A derived table sees its template's columns first.
  for (TableDef& table : tables) {
    if (!table.derived()) continue;
    const auto found = by_name.find(FoldCatalogName(table.template_table));
    const TableDef* tmpl = found == by_name.end() ? nullptr : &tables[found->second];
    if (tmpl == nullptr || !tmpl->template_table_flag() || tmpl->derived()) {
      return problem.Corrupt(Describe(table) + ": its template table is missing or no template");
    }
    std::vector<ColumnDef> merged;
    for (const ColumnDef& c : tmpl->columns) {
      if (c.deleted()) continue;
      ColumnDef copy = c;
      copy.from_template = true;
      // Fixed and variable ids are shared between template and derived
      // table; only tagged template columns may reuse an id (fDerived).
      if (!copy.derived_in_records() && table.FindColumn(copy.id) != nullptr) {
        return problem.Corrupt(Describe(table) + ": a column id is also its template's");
      }
      merged.push_back(std::move(copy));
    }
    for (ColumnDef& c : table.columns) merged.push_back(std::move(c));
    table.columns = std::move(merged);
  }

  // Pass 3: each table as a whole, and objids and pages across tables.
  std::set<uint32_t> objids;
  std::set<uint32_t> pgnos;
  for (TableDef& table : tables) {
    const std::string what = Describe(table);
    if (!objids.insert(table.objid).second) return problem.Corrupt(what + ": objid used twice");
    if (!pgnos.insert(table.pgno_fdp).second)
      return problem.Corrupt(what + ": root page used twice");

    const TableDef* tmpl = nullptr;
    if (table.derived()) {
      // Pass 2 made sure it is there.
      const auto found = by_name.find(FoldCatalogName(table.template_table));
      if (found != by_name.end()) tmpl = &tables[found->second];
    }
    bool has_primary = false;
    for (IndexDef& index : table.indexes) {
      const std::string iwhat = what + ", index \"" + index.name + "\"";
      if (index.primary()) {
        if (has_primary) return problem.Corrupt(iwhat + ": a second primary index");
        has_primary = true;
        // The primary index is the table's own tree (cat.cxx asserts
        // objidIndex == objidTable for it).
        if (index.objid != table.objid || index.pgno_fdp != table.pgno_fdp) {
          return problem.Corrupt(iwhat + ": primary index is not the table's tree");
        }
      } else {
        if (index.objid <= table.objid || !objids.insert(index.objid).second) {
          return problem.Corrupt(iwhat + ": bad or repeated objid");
        }
        if (!pgnos.insert(index.pgno_fdp).second) {
          return problem.Corrupt(iwhat + ": root page used twice");
        }
      }
      if (ResolveSegments(table, tmpl, &index.segments) < 0 ||
          ResolveSegments(table, tmpl, &index.conditional) < 0) {
        return problem.Corrupt(iwhat + ": names a column the table does not have");
      }
      if (!index.tuples()) {
        IndexKeyDef key_def;
        const JET_ERR err = index.ToIndexKeyDef(page_size, &key_def);
        if (err < 0) return problem.Corrupt(iwhat + ": not a valid key definition");
      }
    }
    if (table.long_values) {
      if (table.long_values->objid <= table.objid ||
          !objids.insert(table.long_values->objid).second ||
          !pgnos.insert(table.long_values->pgno_fdp).second) {
        return problem.Corrupt(what + ": bad or repeated LV tree objid or root");
      }
    }
    if (RecordTypesKnown(table)) {
      RecordSchema schema;
      if (table.ToRecordSchema(&schema) < 0) {
        return problem.Corrupt(what + ": its columns do not make a record layout");
      }
    }
  }

  out->page_size_ = page_size;
  out->tables_ = std::move(tables);
  out->by_objid_ = std::move(by_objid);
  out->by_name_ = std::move(by_name);
  return JET_errSuccess;
}

}  // namespace jet
