// Database creation, writable attach and schema changes through the C API
// (engine/src/database, engine/src/ddl, engine/src/api/ddl_api.cc): the
// definitions made are read back after a detach / attach through
// JetGetTableColumnInfo, JetGetTableInfo and the catalog loaded from the
// file (Catalog::Load via Database::Open), compared with what was asked;
// ESE's errors; the space of a deleted table reused; the header's dbstate;
// the catalog's rows about itself equal to a Windows-made database's.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "api_test_util.h"
#include "btree/btree_writer.h"
#include "catalog/catalog.h"
#include "catalog/catalog_format.h"
#include "catalog/system_tables.h"
#include "database/attach_registry.h"
#include "database/database.h"
#include "database/db_header_reader.h"
#include "esent.h"
#include "key/index_entry_key.h"
#include "os/env.h"
#include "record/long_value.h"
#include "record/record_writer.h"
#include "test_data.h"

namespace jet {
namespace {

using api_test::ResetEngine;
using api_test::TempDir;

class DdlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ResetEngine();
    path_ = (dir_.path() / "new.edb").string();
    ASSERT_EQ(JetCreateInstanceA(&instance_, "ddl"), JET_errSuccess);
    ASSERT_EQ(JetInit(&instance_), JET_errSuccess);
    ASSERT_EQ(JetBeginSessionA(instance_, &sesid_, "", ""), JET_errSuccess);
  }
  void TearDown() override { (void)JetTerm(instance_); }

  void Create() {
    ASSERT_EQ(JetCreateDatabaseA(sesid_, path_.c_str(), nullptr, &dbid_, 0), JET_errSuccess);
  }
  void Detach() {
    ASSERT_EQ(JetCloseDatabase(sesid_, dbid_, 0), JET_errSuccess);
    ASSERT_EQ(JetDetachDatabaseA(sesid_, path_.c_str()), JET_errSuccess);
  }
  void Attach(JET_GRBIT grbit) {
    ASSERT_EQ(JetAttachDatabaseA(sesid_, path_.c_str(), grbit), JET_errSuccess);
    ASSERT_GE(JetOpenDatabaseA(sesid_, path_.c_str(), nullptr, &dbid_, grbit), 0);
  }
  // The catalog as a fresh read-only open of the file loads it.
  std::unique_ptr<Database> OpenFile() {
    PageCacheOptions options;
    std::unique_ptr<PageCache> cache;
    EXPECT_EQ(PageCache::Create(options, &cache), JET_errSuccess);
    std::unique_ptr<Database> db;
    EXPECT_EQ(
        Database::Open(Env::Default(), path_, std::shared_ptr<PageCache>(std::move(cache)), &db),
        JET_errSuccess);
    return db;
  }
  uint32_t DbState() {
    FileOptions options;
    options.read_only = true;
    std::unique_ptr<File> file;
    EXPECT_EQ(Env::Default()->OpenFile(path_, options, &file), JET_errSuccess);
    if (file == nullptr) return 0;
    DbHeaderPick pick;
    EXPECT_EQ(ReadDbHeader(file.get(), &pick), JET_errSuccess);
    EXPECT_TRUE(pick.copies_match);
    return pick.header.dbstate;
  }
  std::shared_ptr<Database> Writable() {
    return AttachRegistry::Get().FindWritable(instance_, dbid_);
  }

  TempDir dir_;
  std::string path_;
  JET_INSTANCE instance_ = 0;
  JET_SESID sesid_ = JET_sesidNil;
  JET_DBID dbid_ = JET_dbidNil;
};

JET_COLUMNCREATE_A Col(const char* name, JET_COLTYP coltyp, JET_GRBIT grbit = 0,
                       unsigned long cb_max = 0, unsigned long cp = 0) {
  JET_COLUMNCREATE_A c{};
  c.cbStruct = sizeof(c);
  c.szColumnName = const_cast<char*>(name);
  c.coltyp = coltyp;
  c.grbit = grbit;
  c.cbMax = static_cast<JET_UINT32>(cb_max);
  c.cp = static_cast<JET_UINT32>(cp);
  return c;
}

JET_INDEXCREATE_A Idx(const char* name, const char* key, size_t cb_key, JET_GRBIT grbit = 0) {
  JET_INDEXCREATE_A i{};
  i.cbStruct = sizeof(i);
  i.szIndexName = const_cast<char*>(name);
  i.szKey = const_cast<char*>(key);
  i.cbKey = static_cast<JET_UINT32>(cb_key);
  i.grbit = grbit;
  return i;
}

JET_TABLECREATE_A Table(const char* name, std::vector<JET_COLUMNCREATE_A>& cols,
                        std::vector<JET_INDEXCREATE_A>& idx) {
  JET_TABLECREATE_A t{};
  t.cbStruct = sizeof(t);
  t.szTableName = const_cast<char*>(name);
  t.rgcolumncreate = cols.data();
  t.cColumns = static_cast<JET_UINT32>(cols.size());
  t.rgindexcreate = idx.data();
  t.cIndexes = static_cast<JET_UINT32>(idx.size());
  return t;
}

// Every column type and kind, with the flags ESE stores.
struct WantColumn {
  const char* name;
  JET_COLTYP coltyp;
  JET_GRBIT grbit;
  uint32_t id;
};
const WantColumn kColumns[] = {
    {"Id", JET_coltypLong, JET_bitColumnAutoincrement | JET_bitColumnNotNULL, 1},
    {"Bit", JET_coltypBit, 0, 2},
    {"UnsignedByte", JET_coltypUnsignedByte, 0, 3},
    {"Short", JET_coltypShort, 0, 4},
    {"Currency", JET_coltypCurrency, 0, 5},
    {"IEEESingle", JET_coltypIEEESingle, 0, 6},
    {"IEEEDouble", JET_coltypIEEEDouble, 0, 7},
    {"DateTime", JET_coltypDateTime, 0, 8},
    {"UnsignedLong", JET_coltypUnsignedLong, 0, 9},
    {"LongLong", JET_coltypLongLong, 0, 10},
    {"GUID", JET_coltypGUID, 0, 11},
    {"UnsignedShort", JET_coltypUnsignedShort, 0, 12},
    {"FixedText", JET_coltypText, JET_bitColumnFixed, 13},
    {"Text", JET_coltypText, 0, 128},
    {"Binary", JET_coltypBinary, 0, 129},
    {"LongText", JET_coltypLongText, 0, 256},
    {"LongBinary", JET_coltypLongBinary, 0, 257},
    {"Tags", JET_coltypText, JET_bitColumnTagged | JET_bitColumnMultiValued, 258},
};

TEST_F(DdlTest, CreateDatabaseErrorsAndHeaderStates) {
  Create();
  // While attached the file is not shared with other writers or readers
  // (as ESE's): the attached database's own view of its header.
  EXPECT_EQ(Writable()->header().dbstate, uint32_t{kDbStateDirtyShutdown});
  JET_DBID other;
  // Attached already, and the file exists.
  EXPECT_EQ(JetCreateDatabaseA(sesid_, path_.c_str(), nullptr, &other, 0),
            JET_errDatabaseDuplicate);
  EXPECT_EQ(JetCreateDatabaseA(sesid_, path_.c_str(), nullptr, &other, 0x40000000),
            JET_errInvalidGrbit);
  Detach();
  EXPECT_EQ(DbState(), uint32_t{kDbStateCleanShutdown});
  EXPECT_EQ(JetCreateDatabaseA(sesid_, path_.c_str(), nullptr, &other, 0),
            JET_errDatabaseDuplicate);
  EXPECT_EQ(JetCreateDatabaseA(sesid_, path_.c_str(), nullptr, &dbid_, JET_bitDbOverwriteExisting),
            JET_errSuccess);
  Detach();
  // Writable attach: dirty while attached, clean after.
  Attach(0);
  EXPECT_EQ(Writable()->header().dbstate, uint32_t{kDbStateDirtyShutdown});
  EXPECT_FALSE(Writable()->read_only());
  Detach();
  EXPECT_EQ(DbState(), uint32_t{kDbStateCleanShutdown});
}

TEST_F(DdlTest, JetTermShutsDownCleanly) {
  Create();
  JET_TABLEID t;
  ASSERT_EQ(JetCreateTableA(sesid_, dbid_, "t", 0, 0, &t), JET_errSuccess);
  ASSERT_EQ(JetTerm(instance_), JET_errSuccess);
  EXPECT_EQ(DbState(), uint32_t{kDbStateCleanShutdown});
  std::unique_ptr<Database> db = OpenFile();
  ASSERT_NE(db, nullptr);
  EXPECT_NE(db->FindTable("t"), nullptr);
}

TEST_F(DdlTest, CatalogDescribesItselfAsWindowsDoes) {
  Create();
  Detach();
  std::unique_ptr<Database> ours = OpenFile();
  ASSERT_NE(ours, nullptr);
  // The pages ESE gives the catalog trees.
  const TableDef* mso = ours->FindTable(kCatalogName);
  const TableDef* shadow = ours->FindTable(kShadowCatalogName);
  ASSERT_NE(mso, nullptr);
  ASSERT_NE(shadow, nullptr);
  EXPECT_EQ(mso->pgno_fdp, kCatalogPgno);
  EXPECT_EQ(shadow->pgno_fdp, kShadowCatalogPgno);
  ASSERT_EQ(mso->indexes.size(), 3u);
  EXPECT_EQ(mso->indexes[1].pgno_fdp, kCatalogNameIndexPgno);
  EXPECT_EQ(mso->indexes[2].pgno_fdp, kCatalogRootObjectsIndexPgno);

  // Row for row what Windows wrote about MSysObjects and its shadow.
  PageCacheOptions options;
  std::unique_ptr<PageCache> cache;
  ASSERT_EQ(PageCache::Create(options, &cache), JET_errSuccess);
  std::unique_ptr<Database> windows;
  ASSERT_EQ(Database::Open(Env::Default(), api_test::WindowsEdbPath("basic"),
                           std::shared_ptr<PageCache>(std::move(cache)), &windows),
            JET_errSuccess);
  for (const std::string_view name : {kCatalogName, kShadowCatalogName}) {
    const TableDef* a = ours->FindTable(name);
    const TableDef* b = windows->FindTable(name);
    ASSERT_NE(b, nullptr);
    const std::vector<CatalogEntry> ra = a->ToCatalogEntries();
    const std::vector<CatalogEntry> rb = b->ToCatalogEntries();
    ASSERT_EQ(ra.size(), rb.size()) << name;
    for (size_t i = 0; i < ra.size(); ++i) EXPECT_EQ(ra[i], rb[i]) << name << " row " << i;
  }
}

TEST_F(DdlTest, TablesRoundTripThroughTheFile) {
  Create();
  std::vector<JET_COLUMNCREATE_A> cols;
  for (const WantColumn& w : kColumns) {
    cols.push_back(Col(w.name, w.coltyp, w.grbit, w.coltyp == JET_coltypText ? 64 : 0,
                       w.coltyp == JET_coltypText || w.coltyp == JET_coltypLongText ? 1200 : 0));
  }
  const int32_t default_short = 7;
  cols[3].pvDefault = const_cast<int32_t*>(&default_short);
  cols[3].cbDefault = 2;
  std::vector<JET_INDEXCREATE_A> idx = {
      Idx("Primary", "+Id\0", 5, JET_bitIndexPrimary),
      Idx("ByTextDesc", "-Text\0+Short\0", 14, JET_bitIndexUnique),
      Idx("ByDate", "+DateTime\0\0", 11, JET_bitIndexIgnoreNull),
  };
  JET_TABLECREATE_A t = Table("everything", cols, idx);
  ASSERT_EQ(JetCreateTableColumnIndexA(sesid_, dbid_, &t), JET_errSuccess);
  EXPECT_EQ(t.cCreated, 1u + cols.size() + idx.size());
  for (size_t i = 0; i < cols.size(); ++i) EXPECT_EQ(cols[i].columnid, kColumns[i].id) << i;
  char name[JET_cbNameMost + 1];
  ASSERT_EQ(JetGetTableInfoA(sesid_, t.tableid, name, sizeof(name), JET_TblInfoName),
            JET_errSuccess);
  EXPECT_STREQ(name, "everything");
  unsigned long pages = 0;
  ASSERT_EQ(JetGetTableInfoA(sesid_, t.tableid, &pages, sizeof(pages), JET_TblInfoSpaceAlloc),
            JET_errSuccess);
  EXPECT_EQ(pages, 4u);  // the table, two secondary indexes, the LV tree
  ASSERT_EQ(JetCloseTable(sesid_, t.tableid), JET_errSuccess);
  Detach();

  for (const JET_GRBIT grbit : {JET_GRBIT{JET_bitDbReadOnly}, JET_GRBIT{0}}) {
    Attach(grbit);
    for (const WantColumn& w : kColumns) {
      JET_COLUMNDEF def{};
      ASSERT_EQ(
          JetGetColumnInfoA(sesid_, dbid_, "everything", w.name, &def, sizeof(def), JET_ColInfo),
          JET_errSuccess)
          << w.name;
      EXPECT_EQ(def.columnid, w.id) << w.name;
      EXPECT_EQ(def.coltyp, w.coltyp) << w.name;
      EXPECT_EQ(
          def.grbit &
              (JET_bitColumnNotNULL | JET_bitColumnAutoincrement | JET_bitColumnMultiValued),
          w.grbit & (JET_bitColumnNotNULL | JET_bitColumnAutoincrement | JET_bitColumnMultiValued))
          << w.name;
    }
    Detach();
  }

  std::unique_ptr<Database> db = OpenFile();
  const TableDef* table = db->FindTable("everything");
  ASSERT_NE(table, nullptr);
  ASSERT_EQ(table->columns.size(), std::size(kColumns));
  const ColumnDef* text = table->FindColumn("Text");
  EXPECT_EQ(text->code_page, 1200);
  EXPECT_EQ(text->max_size, 64u);
  const ColumnDef* fixed_text = table->FindColumn("FixedText");
  EXPECT_TRUE(fixed_text->fixed());
  const ColumnDef* shrt = table->FindColumn("Short");
  EXPECT_TRUE(shrt->has_default());
  EXPECT_EQ(shrt->default_value, (std::vector<uint8_t>{7, 0}));
  EXPECT_TRUE(table->FindColumn("Tags")->multi_valued());
  EXPECT_TRUE(table->FindColumn("Tags")->tagged());
  ASSERT_TRUE(table->long_values.has_value());
  // As ESE (and Windows-made files): the LV row's PagesOrLocale is 1,
  // its density 100.
  EXPECT_EQ(table->long_values->initial_pages, 1u);
  EXPECT_EQ(table->long_values->density, 100u);
  // The chunk size the writer cuts long values at is in the table's row
  // when it is not the page size's default (our B-tree's largest node is
  // smaller than ESE's chunk on 4 and 8 KiB pages).
  const uint32_t page = db->page_size();
  const uint32_t cut = std::min<uint32_t>(
      DefaultLvChunkSize(page),
      static_cast<uint32_t>(BTreeWriter::MaxNodeSize(page) - LvChunkKey(0, 0).size()));
  EXPECT_EQ(table->lv_chunk_max, cut == DefaultLvChunkSize(page) ? 0u : cut);
  EXPECT_EQ(table->LvChunkSize(page), cut);
  ASSERT_EQ(table->indexes.size(), 3u);
  const IndexDef* primary = table->PrimaryIndex();
  ASSERT_NE(primary, nullptr);
  EXPECT_EQ(primary->name, "Primary");
  EXPECT_EQ(primary->pgno_fdp, table->pgno_fdp);
  const IndexDef* by_text = table->FindIndex("ByTextDesc");
  ASSERT_NE(by_text, nullptr);
  EXPECT_TRUE(by_text->unique());
  ASSERT_EQ(by_text->segments.size(), 2u);
  EXPECT_EQ(by_text->segments[0].column_id, 128u);
  EXPECT_TRUE(by_text->segments[0].descending);
  EXPECT_FALSE(by_text->segments[1].descending);
  const IndexDef* by_date = table->FindIndex("ByDate");
  EXPECT_EQ(by_date->Grbit() & JET_bitIndexIgnoreNull, uint32_t{JET_bitIndexIgnoreNull});
  EXPECT_FALSE(by_date->unique());
}

TEST_F(DdlTest, Errors) {
  Create();
  JET_TABLEID t;
  ASSERT_EQ(JetCreateTableA(sesid_, dbid_, "t", 0, 0, &t), JET_errSuccess);
  JET_TABLEID t2;
  EXPECT_EQ(JetCreateTableA(sesid_, dbid_, "T", 0, 0, &t2), JET_errTableDuplicate);
  EXPECT_EQ(JetCreateTableA(sesid_, dbid_, "bad.name", 0, 0, &t2), JET_errInvalidName);
  EXPECT_EQ(JetCreateTableA(sesid_, dbid_, "", 0, 0, &t2), JET_errInvalidName);
  JET_COLUMNDEF def{};
  def.cbStruct = sizeof(def);
  def.coltyp = JET_coltypLong;
  JET_COLUMNID id;
  ASSERT_EQ(JetAddColumnA(sesid_, t, "a", &def, nullptr, 0, &id), JET_errSuccess);
  EXPECT_EQ(id, 1u);
  EXPECT_EQ(JetAddColumnA(sesid_, t, "A", &def, nullptr, 0, &id), JET_errColumnDuplicate);
  def.coltyp = 99;
  EXPECT_EQ(JetAddColumnA(sesid_, t, "b", &def, nullptr, 0, &id), JET_errInvalidColumnType);
  def.coltyp = JET_coltypLong;
  def.grbit = JET_bitColumnFixed | JET_bitColumnMultiValued;
  EXPECT_EQ(JetAddColumnA(sesid_, t, "b", &def, nullptr, 0, &id),
            JET_errMultiValuedColumnMustBeTagged);
  def.grbit = 0;
  EXPECT_EQ(JetCreateIndexA(sesid_, t, "i", 0, "+nope\0", 7, 0), JET_errColumnNotFound);
  EXPECT_EQ(JetCreateIndexA(sesid_, t, "i", 0, "+\0", 3, 0), JET_errIndexInvalidDef);
  EXPECT_EQ(JetCreateIndexA(sesid_, t, "i", 0, nullptr, 0, 0), JET_errIndexInvalidDef);
  ASSERT_EQ(JetCreateIndexA(sesid_, t, "pk", JET_bitIndexPrimary, "+a\0", 4, 0), JET_errSuccess);
  EXPECT_EQ(JetCreateIndexA(sesid_, t, "pk2", JET_bitIndexPrimary, "-a\0", 4, 0),
            JET_errIndexHasPrimary);
  EXPECT_EQ(JetCreateIndexA(sesid_, t, "PK", 0, "-a\0", 4, 0), JET_errIndexDuplicate);
  EXPECT_EQ(JetDeleteIndexA(sesid_, t, "nope"), JET_errIndexNotFound);
  EXPECT_EQ(JetDeleteIndexA(sesid_, t, "pk"), JET_errIndexMustStay);
  EXPECT_EQ(JetDeleteColumnA(sesid_, t, "a"), JET_errColumnIndexed);
  EXPECT_EQ(JetDeleteColumnA(sesid_, t, "nope"), JET_errColumnNotFound);
  EXPECT_EQ(JetDeleteTableA(sesid_, dbid_, "nope"), JET_errObjectNotFound);
  EXPECT_EQ(JetDeleteTableA(sesid_, dbid_, "t"), JET_errTableInUse);
  // 127 fixed columns at most.
  for (int i = 2; i <= 127; ++i) {
    const std::string name = "f" + std::to_string(i);
    ASSERT_EQ(JetAddColumnA(sesid_, t, name.c_str(), &def, nullptr, 0, &id), JET_errSuccess);
    ASSERT_EQ(id, static_cast<JET_COLUMNID>(i));
  }
  EXPECT_EQ(JetAddColumnA(sesid_, t, "f128", &def, nullptr, 0, &id), JET_errTooManyColumns);
  ASSERT_EQ(JetCloseTable(sesid_, t), JET_errSuccess);
  EXPECT_EQ(JetDeleteTableA(sesid_, dbid_, "t"), JET_errSuccess);
  EXPECT_EQ(JetDeleteTableA(sesid_, dbid_, "t"), JET_errObjectNotFound);
  Detach();
  // Read-only: no schema changes.
  Attach(JET_bitDbReadOnly);
  EXPECT_EQ(JetCreateTableA(sesid_, dbid_, "t", 0, 0, &t), JET_errPermissionDenied);
}

TEST_F(DdlTest, CursorSeesColumnsAndIndexesAddedLater) {
  Create();
  JET_TABLEID a;
  ASSERT_EQ(JetCreateTableA(sesid_, dbid_, "t", 0, 0, &a), JET_errSuccess);
  JET_TABLEID b;
  ASSERT_EQ(JetOpenTableA(sesid_, dbid_, "t", nullptr, 0, 0, &b), JET_errSuccess);
  JET_COLUMNDEF def{};
  def.cbStruct = sizeof(def);
  def.coltyp = JET_coltypLongText;
  JET_COLUMNID id;
  ASSERT_EQ(JetAddColumnA(sesid_, a, "notes", &def, nullptr, 0, &id), JET_errSuccess);
  EXPECT_EQ(id, 256u);
  JET_COLUMNDEF got{};
  ASSERT_EQ(JetGetTableColumnInfoA(sesid_, b, "notes", &got, sizeof(got), JET_ColInfo),
            JET_errSuccess);
  EXPECT_EQ(got.columnid, 256u);
  ASSERT_EQ(JetCreateIndexA(sesid_, a, "byNotes", 0, "+notes\0", 8, 0), JET_errSuccess);
  EXPECT_EQ(JetSetCurrentIndexA(sesid_, b, "byNotes"), JET_errSuccess);
  ASSERT_EQ(JetDeleteColumnA(sesid_, a, "notes"), JET_errColumnIndexed);
  ASSERT_EQ(JetDeleteIndexA(sesid_, a, "byNotes"), JET_errSuccess);
  ASSERT_EQ(JetDeleteColumnA(sesid_, a, "notes"), JET_errSuccess);
  EXPECT_EQ(JetGetTableColumnInfoA(sesid_, b, "notes", &got, sizeof(got), JET_ColInfo),
            JET_errColumnNotFound);
  // A deleted fixed column leaves a stub that keeps its id and bytes.
  def.coltyp = JET_coltypLong;
  ASSERT_EQ(JetAddColumnA(sesid_, a, "f", &def, nullptr, 0, &id), JET_errSuccess);
  EXPECT_EQ(id, 1u);
  ASSERT_EQ(JetDeleteColumnA(sesid_, b, "f"), JET_errSuccess);
  ASSERT_EQ(JetAddColumnA(sesid_, a, "g", &def, nullptr, 0, &id), JET_errSuccess);
  EXPECT_EQ(id, 2u);
  ASSERT_EQ(JetCloseTable(sesid_, a), JET_errSuccess);
  ASSERT_EQ(JetCloseTable(sesid_, b), JET_errSuccess);
  Detach();
  std::unique_ptr<Database> db = OpenFile();
  ASSERT_NE(db, nullptr);
  const TableDef* table = db->FindTable("t");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->FindColumn("f"), nullptr);
  ASSERT_NE(table->FindColumn(1u), nullptr);
  EXPECT_TRUE(table->FindColumn(1u)->deleted());
  EXPECT_EQ(table->FindColumn("g")->record_offset, 8u);
}

TEST_F(DdlTest, DeletedTablePagesAreReused) {
  Create();
  std::vector<JET_COLUMNCREATE_A> cols = {Col("k", JET_coltypLong), Col("v", JET_coltypLongBinary)};
  std::vector<JET_INDEXCREATE_A> idx = {Idx("pk", "+k\0", 4, JET_bitIndexPrimary),
                                        Idx("byK", "-k\0", 4)};
  JET_TABLECREATE_A t = Table("doomed", cols, idx);
  ASSERT_EQ(JetCreateTableColumnIndexA(sesid_, dbid_, &t), JET_errSuccess);
  ASSERT_EQ(JetCloseTable(sesid_, t.tableid), JET_errSuccess);
  std::shared_ptr<Database> db = Writable();
  ASSERT_NE(db, nullptr);
  const TableDef* doomed = db->FindTable("doomed");
  ASSERT_NE(doomed, nullptr);
  std::vector<uint32_t> pages = {doomed->pgno_fdp, doomed->indexes[1].pgno_fdp,
                                 doomed->long_values->pgno_fdp};
  std::vector<Extent> before;
  ASSERT_EQ(db->space()->AvailableExtents(&before), JET_errSuccess);
  ASSERT_EQ(JetDeleteTableA(sesid_, dbid_, "doomed"), JET_errSuccess);
  EXPECT_EQ(db->FindTable("doomed"), nullptr);
  // Every page is free again (in the AE or the space reserve).
  std::vector<Extent> after;
  ASSERT_EQ(db->space()->AvailableExtents(&after), JET_errSuccess);
  const std::vector<uint32_t> reserve = db->space()->reserved_pages();
  for (const uint32_t pgno : pages) {
    bool free = std::find(reserve.begin(), reserve.end(), pgno) != reserve.end();
    for (const Extent& e : after) free = free || (pgno >= e.first() && pgno <= e.last);
    EXPECT_TRUE(free) << pgno;
  }
  // A new table takes one of them.
  JET_TABLEID fresh;
  ASSERT_EQ(JetCreateTableA(sesid_, dbid_, "fresh", 0, 0, &fresh), JET_errSuccess);
  const TableDef* table = db->FindTable("fresh");
  ASSERT_NE(table, nullptr);
  EXPECT_NE(std::find(pages.begin(), pages.end(), table->pgno_fdp), pages.end()) << table->pgno_fdp;
}

// Records put straight into the primary tree (the record-update path is
// another layer's), then indexes built from them.
TEST_F(DdlTest, CreateIndexBuildsFromRecords) {
  Create();
  std::vector<JET_COLUMNCREATE_A> cols = {
      Col("k", JET_coltypLong), Col("v", JET_coltypLong),
      Col("tags", JET_coltypLong, JET_bitColumnTagged | JET_bitColumnMultiValued)};
  std::vector<JET_INDEXCREATE_A> idx = {Idx("pk", "+k\0", 4, JET_bitIndexPrimary)};
  JET_TABLECREATE_A t = Table("rows", cols, idx);
  ASSERT_EQ(JetCreateTableColumnIndexA(sesid_, dbid_, &t), JET_errSuccess);
  std::shared_ptr<Database> db = Writable();
  const TableDef* table = db->FindTable("rows");
  ASSERT_NE(table, nullptr);
  RecordSchema schema;
  ASSERT_EQ(table->ToRecordSchema(&schema), JET_errSuccess);
  IndexKeyDef pk_def;
  ASSERT_EQ(table->PrimaryIndex()->ToIndexKeyDef(db->page_size(), &pk_def), JET_errSuccess);
  BTree primary;
  ASSERT_EQ(db->OpenTree(table->pgno_fdp, table->objid, &primary), JET_errSuccess);
  BTreeWriter writer(primary, db->write_context(), db->allocator());
  RecordFormat format;
  format.page_size = db->page_size();
  const int32_t kRows = 300;  // several pages
  for (int32_t k = 0; k < kRows; ++k) {
    const int32_t v = k % 7;  // duplicates
    std::vector<uint8_t> kb(4), vb(4);
    std::memcpy(kb.data(), &k, 4);
    std::memcpy(vb.data(), &v, 4);
    RecordValues values;
    values.columns.push_back(ColumnData{1, false, false, {ValueInstance{kb, false, false}}});
    values.columns.push_back(ColumnData{2, false, false, {ValueInstance{vb, false, false}}});
    // Two tags on every record: k and k + 1000.
    std::vector<uint8_t> t1(4), t2(4);
    const int32_t k2 = k + 1000;
    std::memcpy(t1.data(), &k, 4);
    std::memcpy(t2.data(), &k2, 4);
    values.columns.push_back(ColumnData{
        256, false, false, {ValueInstance{t1, false, false}, ValueInstance{t2, false, false}}});
    std::vector<uint8_t> record;
    ASSERT_EQ(EncodeRecord(schema, format, values, &record), JET_errSuccess);
    std::vector<uint8_t> key;
    IndexEntryKeyInfo info;
    const KeyColumnValue kv[] = {KeyColumnValue::Of(kb)};
    ASSERT_EQ(BuildIndexEntryKey(pk_def, kv, &key, &info), JET_errSuccess);
    ASSERT_EQ(writer.Insert(key, record), JET_errSuccess);
  }
  std::vector<Extent> before;
  ASSERT_EQ(db->space()->AvailableExtents(&before), JET_errSuccess);
  const size_t reserved_before = db->space()->reserved();
  // Unique on a column with duplicates: refused, nothing left behind.
  EXPECT_EQ(JetCreateIndexA(sesid_, t.tableid, "byV", JET_bitIndexUnique, "+v\0", 4, 0),
            JET_errKeyDuplicate);
  EXPECT_EQ(db->FindTable("rows")->FindIndex("byV"), nullptr);
  std::vector<Extent> after;
  ASSERT_EQ(db->space()->AvailableExtents(&after), JET_errSuccess);
  size_t free_before = 0, free_after = 0;
  for (const Extent& e : before) free_before += e.count;
  for (const Extent& e : after) free_after += e.count;
  EXPECT_EQ(free_after + db->space()->reserved(), free_before + reserved_before);
  // Not unique, descending on v then k: every record, in that order.
  ASSERT_EQ(JetCreateIndexA(sesid_, t.tableid, "byV", 0, "-v\0+k\0", 7, 0), JET_errSuccess);
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t.tableid, "byV"), JET_errSuccess);
  int count = 0;
  int32_t last_v = 7;
  int32_t last_k = -1;
  for (JET_ERR err = JetMove(sesid_, t.tableid, JET_MoveFirst, 0); err >= 0;
       err = JetMove(sesid_, t.tableid, JET_MoveNext, 0)) {
    int32_t k = 0, v = 0;
    unsigned long actual = 0;
    ASSERT_EQ(JetRetrieveColumn(sesid_, t.tableid, 1, &k, 4, &actual, 0, nullptr), JET_errSuccess);
    ASSERT_EQ(JetRetrieveColumn(sesid_, t.tableid, 2, &v, 4, &actual, 0, nullptr), JET_errSuccess);
    EXPECT_TRUE(v < last_v || (v == last_v && k > last_k)) << v << " " << k;
    last_v = v;
    last_k = k;
    ++count;
  }
  EXPECT_EQ(count, kRows);
  // A multi-valued column: one entry per value.
  ASSERT_EQ(JetCreateIndexA(sesid_, t.tableid, "byTag", JET_bitIndexUnique, "+tags\0", 7, 0),
            JET_errSuccess);
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t.tableid, "byTag"), JET_errSuccess);
  unsigned long entries = 0;
  ASSERT_EQ(JetIndexRecordCount(sesid_, t.tableid, &entries, 0), JET_errSuccess);
  EXPECT_EQ(entries, 2u * kRows);
}

}  // namespace
}  // namespace jet
