// Catalog::Load on catalogs made in memory: a well-formed one loads into the
// definitions it was made from (segments resolved); rows attach to their
// table by ObjidTable; every inconsistency a damaged or hostile catalog can
// have is refused with JET_errCatalogCorrupted and a description, and errors
// of the source itself pass through.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/catalog_format.h"
#include "catalog/catalog_record.h"
#include "catalog/table_def.h"
#include "catalog_test_util.h"

namespace jet {
namespace {

using catalog_test::Bytes;
using catalog_test::NodeOf;
using catalog_test::NodesOf;
using catalog_test::VectorCatalogSource;
using Nodes = std::vector<VectorCatalogSource::Node>;

constexpr uint32_t kPage = 4096;

ColumnDef Column(std::string name, uint32_t id, uint32_t coltyp, uint32_t max_size = 0,
                 uint16_t record_offset = 0) {
  ColumnDef c;
  c.name = std::move(name);
  c.id = id;
  c.coltyp = coltyp;
  c.max_size = max_size;
  c.record_offset = record_offset;
  if (coltyp == JET_coltypText || coltyp == JET_coltypLongText) c.code_page = 1252;
  return c;
}

IndexDef Index(std::string name, uint32_t objid, uint32_t pgno, uint32_t grbit,
               std::vector<uint32_t> columns) {
  IndexDef i;
  i.name = std::move(name);
  i.objid = objid;
  i.pgno_fdp = pgno;
  i.flags = IndexDef::FlagsFromGrbit(grbit);
  for (const uint32_t c : columns) i.segments.push_back({c, false});
  return i;
}

// A table like the samples: Id (primary), Name (secondary, Unicode), a
// multi-valued long text, its LV tree.
TableDef Mail(uint32_t objid = 10, uint32_t pgno = 100, std::string name = "Mail") {
  TableDef t;
  t.name = std::move(name);
  t.objid = objid;
  t.pgno_fdp = pgno;
  t.columns = {Column("Id", 1, JET_coltypLong, 4, 4), Column("Name", 128, JET_coltypText, 255),
               Column("Body", 256, JET_coltypLongText)};
  t.columns[1].code_page = 1200;
  t.columns[2].flags = kColumnFlagMultiValued;
  t.indexes = {Index("Primary", objid, pgno, JET_bitIndexPrimary, {1}),
               Index("ByName", objid + 1, pgno + 1, 0, {128})};
  t.indexes[1].flags |= kIndexFlagLocalizedText;
  t.indexes[1].locale_name = u"en-US";
  t.long_values = LongValueDef{objid + 2, pgno + 2, kDensityMost, 1};
  return t;
}

JET_ERR Load(Nodes nodes, Catalog* catalog, std::string* detail = nullptr) {
  VectorCatalogSource source(std::move(nodes));
  return Catalog::Load(&source, kPage, catalog, detail);
}

// The loader's view of a table: segments resolved from the columns.
TableDef Resolved(TableDef t) {
  for (IndexDef& i : t.indexes) {
    for (IndexSegmentDef& s : i.segments) {
      const ColumnDef* c = t.FindColumn(s.column_id);
      s.coltyp = c->coltyp;
      s.code_page = c->code_page;
      s.max_size = c->max_size;
    }
  }
  return t;
}

TEST(CatalogLoad, LoadsWhatItWasMadeOf) {
  TableDef heap = Mail(20, 200, "Heap");
  heap.indexes.erase(heap.indexes.begin());  // no primary index
  heap.long_values.reset();
  heap.callbacks = {CallbackDef{JET_cbtypBeforeDelete, "x!y"}};
  Catalog catalog;
  std::string detail;
  ASSERT_EQ(Load(NodesOf({Mail(), heap}), &catalog, &detail), JET_errSuccess) << detail;
  ASSERT_EQ(catalog.tables().size(), 2u);
  EXPECT_EQ(catalog.tables()[0], Resolved(Mail()));
  EXPECT_EQ(catalog.tables()[1], Resolved(heap));
  EXPECT_EQ(catalog.page_size(), kPage);
  EXPECT_EQ(catalog.FindTable("MAIL"), &catalog.tables()[0]);
  EXPECT_EQ(catalog.FindTableByObjid(20), &catalog.tables()[1]);
  EXPECT_EQ(catalog.FindTableByObjid(11), nullptr) << "an index objid is not a table";
  // A table without a primary index is clustered in its own tree by a
  // sequential bookmark: nothing names it.
  EXPECT_EQ(catalog.tables()[1].PrimaryIndex(), nullptr);
  EXPECT_EQ(catalog.UserTables().size(), 2u);
  IndexKeyDef key_def;
  ASSERT_EQ(catalog.tables()[0].indexes[1].ToIndexKeyDef(kPage, &key_def), JET_errSuccess);
  EXPECT_EQ(key_def.segments[0].code_page, kCodePageUnicode);
}

TEST(CatalogLoad, SystemTablesAreNotUserTables) {
  TableDef mso = Mail(kCatalogObjid, kCatalogPgno, "MSysObjects");
  mso.flags = kTableFlagSystem | kTableFlagFixedDDL;
  mso.indexes.resize(1);
  mso.long_values.reset();
  TableDef dynamic = Mail(6, 29, "MSysObjids");
  dynamic.flags = kTableFlagSystem | kTableFlagSystemDynamic;
  dynamic.indexes.resize(1);
  dynamic.long_values.reset();
  TableDef unflagged = Mail(30, 300, "MSysSomething");  // named like one
  TableDef user = Mail(40, 400, "Users");
  Catalog catalog;
  std::string detail;
  ASSERT_EQ(Load(NodesOf({mso, dynamic, unflagged, user}), &catalog, &detail), JET_errSuccess)
      << detail;
  ASSERT_EQ(catalog.tables().size(), 4u);
  const std::vector<const TableDef*> users = catalog.UserTables();
  ASSERT_EQ(users.size(), 1u);
  EXPECT_EQ(users[0]->name, "Users");
  EXPECT_TRUE(Catalog::IsSystemTable(*catalog.FindTable("msysobjids")));
}

// A column row whose ObjidTable has no table row is not given to the table
// before it (libesedb's "most recent table row" would do that).
TEST(CatalogLoad, RowsAttachByObjidTable) {
  Nodes nodes = NodesOf({Mail(10, 100), Mail(30, 300, "Other")});
  nodes.push_back(NodeOf(Column("Stray", 2, JET_coltypLong, 4, 8).ToCatalogEntry(20)));
  std::sort(nodes.begin(), nodes.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  Catalog catalog;
  std::string detail;
  EXPECT_EQ(Load(nodes, &catalog, &detail), JET_errCatalogCorrupted);
  EXPECT_NE(detail.find("no table row"), std::string::npos) << detail;
  EXPECT_TRUE(catalog.tables().empty()) << "nothing half-loaded";
}

TEST(CatalogLoad, EmptyCatalogLoadsEmpty) {
  Catalog catalog;
  ASSERT_EQ(Load({}, &catalog), JET_errSuccess);
  EXPECT_TRUE(catalog.tables().empty());
  EXPECT_EQ(catalog.FindTable("Mail"), nullptr);
}

TEST(CatalogLoad, SourceErrorsPassThrough) {
  VectorCatalogSource source(NodesOf({Mail()}));
  source.FailAtEnd(JET_errReadVerifyFailure);
  Catalog catalog;
  EXPECT_EQ(Catalog::Load(&source, kPage, &catalog), JET_errReadVerifyFailure);
  VectorCatalogSource again(NodesOf({Mail()}));
  EXPECT_EQ(Catalog::Load(&again, 1000, &catalog), JET_errInvalidParameter) << "page size";
}

// Each way a catalog can be inconsistent, made from a good one.
struct Damage {
  const char* what;
  void (*apply)(Nodes* nodes);
};

void Replace(Nodes* nodes, const CatalogEntry& old_row, const CatalogEntry& new_row) {
  const Bytes key = CatalogEntryKey(old_row);
  for (auto& n : *nodes) {
    if (n.key == key) n = NodeOf(new_row);
  }
  std::sort(nodes->begin(), nodes->end(),
            [](const auto& a, const auto& b) { return a.key < b.key; });
}

void AddTableRows(Nodes* nodes, const TableDef& t) {
  for (const CatalogEntry& e : t.ToCatalogEntries()) nodes->push_back(NodeOf(e));
  std::sort(nodes->begin(), nodes->end(),
            [](const auto& a, const auto& b) { return a.key < b.key; });
}

void AddRow(Nodes* nodes, const CatalogEntry& e) {
  nodes->push_back(NodeOf(e));
  std::sort(nodes->begin(), nodes->end(),
            [](const auto& a, const auto& b) { return a.key < b.key; });
}

const Damage kDamage[] = {
    {"keys out of order", [](Nodes* n) { std::swap((*n)[1], (*n)[2]); }},
    {"repeated key", [](Nodes* n) { n->insert(n->begin() + 1, (*n)[1]); }},
    {"key of another row",
     [](Nodes* n) { (*n)[1].key = CatalogEntryKey(10, SysObj::kColumn, 77); }},
    {"record that does not parse", [](Nodes* n) { (*n)[2].data.resize(3); }},
    {"unknown row type",
     [](Nodes* n) {
       CatalogEntry e = Column("x", 5, JET_coltypLong, 4, 8).ToCatalogEntry(10);
       e.type = static_cast<SysObj>(6);
       AddRow(n, e);
     }},
    {"table name used twice (other case)",
     [](Nodes* n) { AddTableRows(n, Mail(50, 500, "MAIL")); }},
    {"column name used twice",
     [](Nodes* n) { AddRow(n, Column("name", 129, JET_coltypBinary, 255).ToCatalogEntry(10)); }},
    {"index name used twice",
     [](Nodes* n) { AddRow(n, Index("BYNAME", 15, 150, 0, {1}).ToCatalogEntry(10)); }},
    {"second LV tree",
     [](Nodes* n) {
       AddRow(n, LongValueDef{16, 160, 100, 1}.ToCatalogEntry(10));
     }},
    {"second primary index",
     [](Nodes* n) {
       AddRow(n, Index("Other", 15, 150, JET_bitIndexPrimary, {128}).ToCatalogEntry(10));
     }},
    {"primary index not the table's tree",
     [](Nodes* n) {
       const CatalogEntry old_row = Mail().indexes[0].ToCatalogEntry(10);
       CatalogEntry e = old_row;
       e.coltyp_or_pgno_fdp = 999;
       Replace(n, old_row, e);
     }},
    {"secondary index on the table's objid",
     [](Nodes* n) {
       // Only a primary index shares its table's objid (here in place of
       // the primary, whose key it takes).
       const CatalogEntry old_row = Mail().indexes[0].ToCatalogEntry(10);
       CatalogEntry e = Mail().indexes[1].ToCatalogEntry(10);
       e.name = "ByName2";
       e.id = 10;
       e.coltyp_or_pgno_fdp = 150;
       Replace(n, old_row, e);
     }},
    {"two trees on one page",
     [](Nodes* n) {
       const CatalogEntry old_row = Mail().long_values->ToCatalogEntry(10);
       CatalogEntry e = old_row;
       e.coltyp_or_pgno_fdp = 101;  // ByName's root
       Replace(n, old_row, e);
     }},
    {"objid used by two tables' trees",
     [](Nodes* n) {
       TableDef other = Mail(30, 300, "Other");
       other.long_values->objid = 11;  // Mail's ByName
       AddTableRows(n, other);
     }},
    {"index on a missing column",
     [](Nodes* n) { AddRow(n, Index("ByGhost", 15, 150, 0, {200}).ToCatalogEntry(10)); }},
    {"index on a deleted column",
     [](Nodes* n) {
       AddRow(n, Column("JetStub_10_2", 2, JET_coltypNil, 4, 8).ToCatalogEntry(10));
       AddRow(n, Index("ByStub", 15, 150, 0, {2}).ToCatalogEntry(10));
     }},
    {"index on a template column of a table without template",
     [](Nodes* n) {
       IndexDef i = Index("ByTemplate", 15, 150, 0, {1});
       i.segments[0].template_column = true;
       AddRow(n, i.ToCatalogEntry(10));
     }},
    {"index the key layer refuses",
     [](Nodes* n) {
       IndexDef i = Index("TooBig", 15, 150, JET_bitIndexKeyMost, {1});
       i.cb_key_most = 1500;  // above 4 KiB pages' 1000
       AddRow(n, i.ToCatalogEntry(10));
     }},
    {"fixed columns overlap",
     [](Nodes* n) { AddRow(n, Column("Over", 2, JET_coltypLong, 4, 6).ToCatalogEntry(10)); }},
    {"long text in a fixed column",
     [](Nodes* n) { AddRow(n, Column("LT", 2, JET_coltypLongText, 0, 8).ToCatalogEntry(10)); }},
    {"multi-valued fixed column",
     [](Nodes* n) {
       ColumnDef c = Column("MV", 2, JET_coltypLong, 4, 8);
       c.flags = kColumnFlagMultiValued;
       AddRow(n, c.ToCatalogEntry(10));
     }},
    {"derived table without its template",
     [](Nodes* n) {
       TableDef d = Mail(30, 300, "Derived");
       d.flags = kTableFlagDerived;
       d.template_table = "NoSuchTemplate";
       AddTableRows(n, d);
     }},
    {"template that is not one",
     [](Nodes* n) {
       TableDef d = Mail(30, 300, "Derived");
       d.flags = kTableFlagDerived;
       d.template_table = "Mail";  // exists, but not flagged a template
       AddTableRows(n, d);
     }},
    {"table row whose Id is not its ObjidTable",
     [](Nodes* n) {
       CatalogEntry e = Mail(30, 300, "X").ToCatalogEntry();
       e.objid_table = 29;  // the key follows the columns: (29, table, 30)
       AddRow(n, e);
     }},
};

class CatalogLoadDamaged : public ::testing::TestWithParam<Damage> {};

TEST_P(CatalogLoadDamaged, IsCatalogCorrupted) {
  Nodes nodes = NodesOf({Mail()});
  Catalog catalog;
  ASSERT_EQ(Load(nodes, &catalog), JET_errSuccess) << "the undamaged catalog loads";
  GetParam().apply(&nodes);
  std::string detail;
  EXPECT_EQ(Load(nodes, &catalog, &detail), JET_errCatalogCorrupted) << GetParam().what;
  EXPECT_FALSE(detail.empty());
  EXPECT_TRUE(catalog.tables().empty());
}

INSTANTIATE_TEST_SUITE_P(Damage, CatalogLoadDamaged, ::testing::ValuesIn(kDamage),
                         [](const auto& info) {
                           std::string name;
                           for (const char c : std::string(info.param.what)) {
                             name.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
                           }
                           return name;
                         });

// A derived table sees its template's columns (tagged ones flagged
// fDerived in its records) before its own, and may index them.
TEST(CatalogLoad, DerivedTableGetsTemplateColumns) {
  TableDef tmpl;
  tmpl.name = "Template";
  tmpl.objid = 10;
  tmpl.pgno_fdp = 100;
  tmpl.flags = kTableFlagTemplate | kTableFlagFixedDDL;
  tmpl.columns = {Column("Id", 1, JET_coltypLong, 4, 4), Column("Tag", 256, JET_coltypBinary)};
  tmpl.columns[0].flags = kColumnFlagTemplateColumnESE98;
  tmpl.columns[1].flags = kColumnFlagTemplateColumnESE98;
  tmpl.indexes = {Index("Primary", 10, 100, JET_bitIndexPrimary, {1})};

  TableDef derived;
  derived.name = "Derived";
  derived.objid = 20;
  derived.pgno_fdp = 200;
  derived.flags = kTableFlagDerived;
  derived.template_table = "template";
  derived.columns = {Column("Own", 2, JET_coltypLong, 4, 8), Column("OwnTag", 256, JET_coltypText)};
  IndexDef primary = Index("Primary", 20, 200, JET_bitIndexPrimary, {1});
  primary.segments[0].template_column = true;
  derived.indexes = {primary, Index("ByOwn", 21, 201, 0, {2})};

  Catalog catalog;
  std::string detail;
  ASSERT_EQ(Load(NodesOf({tmpl, derived}), &catalog, &detail), JET_errSuccess) << detail;
  const TableDef* d = catalog.FindTable("Derived");
  ASSERT_NE(d, nullptr);
  ASSERT_EQ(d->columns.size(), 4u);
  EXPECT_TRUE(d->columns[0].from_template);
  EXPECT_TRUE(d->columns[1].from_template);
  EXPECT_FALSE(d->columns[2].from_template);
  EXPECT_EQ(d->FindColumn("Tag"), &d->columns[1]);
  EXPECT_EQ(d->FindColumn(256u), &d->columns[3]) << "by id: the table's own column";
  EXPECT_EQ(d->indexes[0].segments[0].coltyp, uint32_t{JET_coltypLong});
  RecordSchema schema;
  ASSERT_EQ(d->ToRecordSchema(&schema), JET_errSuccess);
  ASSERT_NE(schema.Find(256, true), nullptr);
  EXPECT_EQ(schema.Find(256, false)->coltyp, uint32_t{JET_coltypText});
  // Its own rows are what the write path would insert: no template columns.
  for (const CatalogEntry& e : d->ToCatalogEntries()) EXPECT_NE(e.name, "Tag");
}

// Rows from pages without the NewRecordFormat flag decode with the old
// tagged layout; the loader passes the flag through.
TEST(CatalogLoad, OldRecordFormatPagesDecode) {
  // A row with no tagged columns reads the same in both formats.
  TableDef t = Mail();
  t.indexes.resize(1);
  t.long_values.reset();
  Nodes nodes = NodesOf({t});
  for (auto& n : nodes) n.new_record_format = false;
  Catalog catalog;
  std::string detail;
  ASSERT_EQ(Load(nodes, &catalog, &detail), JET_errSuccess) << detail;
  EXPECT_EQ(catalog.tables()[0], Resolved(t));
}

}  // namespace
}  // namespace jet
