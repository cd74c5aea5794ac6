// The record write path through the C API (api/update_api.cc over
// table/table_writer.h): inserts, replaces and deletes read back through
// seeks, moves and secondary indexes; long values over several chunks;
// multi-valued columns; unique indexes; autoincrement; NOT NULL; JetUpdate2's
// bookmark; JET_bitRetrieveCopy; a committed database detached and attached
// again; four threads inserting at once; a 1,000-row transaction in the
// default version store.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "btree/cursor.h"
#include "database/attach_registry.h"
#include "write_test_util.h"

namespace jet::write_test {
namespace {

class UpdateApiTest : public WriteTest {
 protected:
  // t(id Long key, name Text (index "name", non-unique), code Long (unique
  // index "code"), data LongBinary, tags Text multi-valued (index "tags"))
  void MakePeople() {
    t_ = CreateTable("people",
                     {Col("id", JET_coltypLong, JET_bitColumnNotNULL), Col("name", JET_coltypText),
                      Col("code", JET_coltypLong), Col("data", JET_coltypLongBinary),
                      Col("tags", JET_coltypText, JET_bitColumnTagged | JET_bitColumnMultiValued)},
                     {Idx("pk", "+id\0", 5, JET_bitIndexPrimary),
                      Idx("name", "+name\0", 7), Idx("code", "+code\0", 7, JET_bitIndexUnique),
                      Idx("tags", "+tags\0", 7)});
    id_ = ColumnId(t_, "id");
    name_ = ColumnId(t_, "name");
    code_ = ColumnId(t_, "code");
    data_ = ColumnId(t_, "data");
    tags_ = ColumnId(t_, "tags");
  }
  JET_ERR Person(int32_t id, const std::string& name, int32_t code) {
    return Insert(t_, {{id_, Bytes(id)}, {name_, Bytes(name)}, {code_, Bytes(code)}});
  }
  // The ids in the order of the current index.
  std::vector<int32_t> Ids() {
    std::vector<int32_t> ids;
    for (JET_ERR err = JetMove(sesid_, t_, JET_MoveFirst, 0); err >= 0;
         err = JetMove(sesid_, t_, JET_MoveNext, 0)) {
      ids.push_back(As<int32_t>(Retrieve(sesid_, t_, id_)));
    }
    return ids;
  }

  // Nodes of the table's LV tree, flag-deleted ones included.
  int LvNodes(const char* table) {
    std::shared_ptr<Database> db = AttachRegistry::Get().FindWritable(instance_, dbid_);
    const TableDef* def = db->FindTable(table);
    if (def == nullptr || !def->long_values) return -1;
    BTree tree;
    if (db->OpenTree(def->long_values->pgno_fdp, def->long_values->objid, &tree) < 0) return -1;
    Cursor c(tree, CursorOptions{true, false, 0});
    int n = 0;
    for (JET_ERR err = c.MoveFirst(); err >= 0; err = c.MoveNext()) ++n;
    return n;
  }

  JET_TABLEID t_ = 0;
  JET_COLUMNID id_ = 0, name_ = 0, code_ = 0, data_ = 0, tags_ = 0;
};

TEST_F(UpdateApiTest, InsertReplaceDeleteKeepIndexesRight) {
  MakePeople();
  ASSERT_EQ(Person(3, "carol", 30), JET_errSuccess);
  ASSERT_EQ(Person(1, "alice", 10), JET_errSuccess);
  ASSERT_EQ(Person(2, "bob", 20), JET_errSuccess);
  EXPECT_EQ(Ids(), (std::vector<int32_t>{1, 2, 3}));
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t_, "name"), JET_errSuccess);
  EXPECT_EQ(Ids(), (std::vector<int32_t>{1, 2, 3}));

  // Replace changes an indexed column: the name index follows.
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t_, nullptr), JET_errSuccess);
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{1})), JET_errSuccess);
  ASSERT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepReplace), JET_errSuccess);
  const std::string zed = "zed";
  ASSERT_EQ(JetSetColumn(sesid_, t_, name_, zed.data(), 3, 0, nullptr), JET_errSuccess);
  ASSERT_EQ(JetUpdate(sesid_, t_, nullptr, 0, nullptr), JET_errSuccess);
  // The cursor stays on the record and reads the new value.
  EXPECT_EQ(Retrieve(sesid_, t_, name_), Bytes(zed));
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t_, "name"), JET_errSuccess);
  EXPECT_EQ(Ids(), (std::vector<int32_t>{2, 3, 1}));
  EXPECT_EQ(SeekEq(t_, Bytes(std::string("alice"))), JET_errRecordNotFound);
  ASSERT_EQ(SeekEq(t_, Bytes(std::string("zed"))), JET_errSuccess);
  EXPECT_EQ(As<int32_t>(Retrieve(sesid_, t_, id_)), 1);

  // Delete through a secondary index: gone from every index.
  ASSERT_EQ(SeekEq(t_, Bytes(std::string("bob"))), JET_errSuccess);
  ASSERT_EQ(JetDelete(sesid_, t_), JET_errSuccess);
  JET_ERR err = JET_errSuccess;
  EXPECT_EQ(Retrieve(sesid_, t_, id_, 1, 0, &err), std::nullopt);
  EXPECT_EQ(err, JET_errRecordDeleted);
  EXPECT_EQ(JetDelete(sesid_, t_), JET_errRecordDeleted);
  // Moving on from the deleted record works.
  ASSERT_EQ(JetMove(sesid_, t_, JET_MoveNext, 0), JET_errSuccess);
  EXPECT_EQ(As<int32_t>(Retrieve(sesid_, t_, id_)), 3);
  EXPECT_EQ(Ids(), (std::vector<int32_t>{3, 1}));
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t_, "code"), JET_errSuccess);
  EXPECT_EQ(Ids(), (std::vector<int32_t>{1, 3}));
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t_, nullptr), JET_errSuccess);
  EXPECT_EQ(SeekEq(t_, Bytes(int32_t{2})), JET_errRecordNotFound);
  // The key can be inserted again (its node may still be flag-deleted).
  ASSERT_EQ(Person(2, "bob2", 20), JET_errSuccess);
  EXPECT_EQ(Ids(), (std::vector<int32_t>{1, 2, 3}));
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{2})), JET_errSuccess);
  EXPECT_EQ(Retrieve(sesid_, t_, name_), Bytes(std::string("bob2")));
  unsigned long count = 0;
  ASSERT_EQ(JetMove(sesid_, t_, JET_MoveFirst, 0), JET_errSuccess);
  ASSERT_EQ(JetIndexRecordCount(sesid_, t_, &count, 0), JET_errSuccess);
  EXPECT_EQ(count, 3u);
}

TEST_F(UpdateApiTest, DuplicateKeysLeaveNothingBehind) {
  MakePeople();
  ASSERT_EQ(Person(1, "alice", 10), JET_errSuccess);
  // Primary duplicate.
  EXPECT_EQ(Person(1, "other", 11), JET_errKeyDuplicate);
  // Unique secondary duplicate: the record (written first) must go too.
  EXPECT_EQ(Person(2, "bob", 10), JET_errKeyDuplicate);
  EXPECT_EQ(Ids(), (std::vector<int32_t>{1}));
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t_, "name"), JET_errSuccess);
  EXPECT_EQ(Ids(), (std::vector<int32_t>{1}));
  EXPECT_EQ(SeekEq(t_, Bytes(std::string("bob"))), JET_errRecordNotFound);
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t_, "code"), JET_errSuccess);
  EXPECT_EQ(Ids(), (std::vector<int32_t>{1}));
  // Inside a transaction too, and the transaction goes on.
  ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess);
  ASSERT_EQ(Person(2, "bob", 20), JET_errSuccess);
  EXPECT_EQ(Person(3, "carol", 20), JET_errKeyDuplicate);
  ASSERT_EQ(JetCommitTransaction(sesid_, 0), JET_errSuccess);
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t_, nullptr), JET_errSuccess);
  EXPECT_EQ(Ids(), (std::vector<int32_t>{1, 2}));
  // A replace onto another record's unique key.
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{2})), JET_errSuccess);
  ASSERT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepReplace), JET_errSuccess);
  const int32_t ten = 10;
  ASSERT_EQ(JetSetColumn(sesid_, t_, code_, &ten, 4, 0, nullptr), JET_errSuccess);
  EXPECT_EQ(JetUpdate(sesid_, t_, nullptr, 0, nullptr), JET_errKeyDuplicate);
  // The update stays prepared after the failure; cancel it.
  EXPECT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepReplace), JET_errAlreadyPrepared);
  ASSERT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepCancel), JET_errSuccess);
  EXPECT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepCancel), JET_errUpdateNotPrepared);
  EXPECT_EQ(As<int32_t>(Retrieve(sesid_, t_, code_)), 20);
  // At level 7 an update has no level of its own to undo: the unique
  // checks come before any change.
  for (int level = 0; level < 7; ++level) ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess);
  EXPECT_EQ(Person(5, "eve", 10), JET_errKeyDuplicate);
  EXPECT_EQ(SeekEq(t_, Bytes(int32_t{5})), JET_errRecordNotFound);
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t_, "name"), JET_errSuccess);
  EXPECT_EQ(SeekEq(t_, Bytes(std::string("eve"))), JET_errRecordNotFound);
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t_, nullptr), JET_errSuccess);
  ASSERT_EQ(JetRollback(sesid_, JET_bitRollbackAll), JET_errSuccess);
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{2})), JET_errSuccess);
  // Changing the primary key by a replace.
  ASSERT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepReplace), JET_errSuccess);
  const int32_t nine = 9;
  ASSERT_EQ(JetSetColumn(sesid_, t_, id_, &nine, 4, 0, nullptr), JET_errSuccess);
  EXPECT_EQ(JetUpdate(sesid_, t_, nullptr, 0, nullptr), JET_errRecordPrimaryChanged);
  ASSERT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepCancel), JET_errSuccess);
}

TEST_F(UpdateApiTest, LongValuesAcrossChunksReplaceAndDelete) {
  MakePeople();
  std::vector<uint8_t> big(20000);
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<uint8_t>(i * 7 + i / 251);
  ASSERT_EQ(Insert(t_, {{id_, Bytes(int32_t{1})}, {data_, big}}), JET_errSuccess);
  EXPECT_GT(LvNodes("people"), 10);  // a root and its chunks
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{1})), JET_errSuccess);
  EXPECT_EQ(Retrieve(sesid_, t_, data_), big);
  // Partial read through ibLongValue.
  std::vector<uint8_t> part(100);
  JET_RETINFO info{sizeof(JET_RETINFO), 9000, 1, 0};
  unsigned long actual = 0;
  ASSERT_EQ(JetRetrieveColumn(sesid_, t_, data_, part.data(), 100, &actual, 0, &info),
            JET_wrnBufferTruncated);
  EXPECT_EQ(actual, big.size() - 9000);
  EXPECT_TRUE(std::equal(part.begin(), part.end(), big.begin() + 9000));
  // Append through JET_bitSetAppendLV.
  ASSERT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepReplace), JET_errSuccess);
  const std::vector<uint8_t> tail(5000, 0xab);
  ASSERT_EQ(JetSetColumn(sesid_, t_, data_, tail.data(), 5000, JET_bitSetAppendLV, nullptr),
            JET_errSuccess);
  ASSERT_EQ(JetUpdate(sesid_, t_, nullptr, 0, nullptr), JET_errSuccess);
  std::vector<uint8_t> both = big;
  both.insert(both.end(), tail.begin(), tail.end());
  EXPECT_EQ(Retrieve(sesid_, t_, data_), both);
  // A second record with its own value; delete the first.
  std::vector<uint8_t> other(9000, 0x5a);
  ASSERT_EQ(Insert(t_, {{id_, Bytes(int32_t{2})}, {code_, Bytes(int32_t{2})}, {data_, other}}), JET_errSuccess);
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{1})), JET_errSuccess);
  ASSERT_EQ(JetDelete(sesid_, t_), JET_errSuccess);
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{2})), JET_errSuccess);
  EXPECT_EQ(Retrieve(sesid_, t_, data_), other);
  // Setting NULL releases the value.
  ASSERT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepReplace), JET_errSuccess);
  ASSERT_EQ(JetSetColumn(sesid_, t_, data_, nullptr, 0, 0, nullptr), JET_errSuccess);
  ASSERT_EQ(JetUpdate(sesid_, t_, nullptr, 0, nullptr), JET_errSuccess);
  EXPECT_EQ(Retrieve(sesid_, t_, data_), std::nullopt);
  // Every LV was released and cleaned up: the LV tree has no node left,
  // flag-deleted or not.
  EXPECT_EQ(LvNodes("people"), 0);
  ASSERT_EQ(JetCloseTable(sesid_, t_), JET_errSuccess);
  Detach();
  Attach();
  t_ = Open("people");
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{2})), JET_errSuccess);
  EXPECT_EQ(Retrieve(sesid_, t_, data_), std::nullopt);
  ASSERT_EQ(Insert(t_, {{id_, Bytes(int32_t{3})}, {code_, Bytes(int32_t{3})}, {data_, big}}), JET_errSuccess);
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{3})), JET_errSuccess);
  EXPECT_EQ(Retrieve(sesid_, t_, data_), big);
}

TEST_F(UpdateApiTest, InsertCopySharesLongValuesByReference) {
  MakePeople();
  const std::vector<uint8_t> big(6000, 0x77);
  ASSERT_EQ(Insert(t_, {{id_, Bytes(int32_t{1})}, {code_, Bytes(int32_t{1})}, {data_, big}}),
            JET_errSuccess);
  const int nodes = LvNodes("people");
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{1})), JET_errSuccess);
  ASSERT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepInsertCopy), JET_errSuccess);
  const int32_t two = 2;
  ASSERT_EQ(JetSetColumn(sesid_, t_, id_, &two, 4, 0, nullptr), JET_errSuccess);
  ASSERT_EQ(JetSetColumn(sesid_, t_, code_, &two, 4, 0, nullptr), JET_errSuccess);
  EXPECT_EQ(Retrieve(sesid_, t_, data_, 1, JET_bitRetrieveCopy), big);
  ASSERT_EQ(JetUpdate(sesid_, t_, nullptr, 0, nullptr), JET_errSuccess);
  EXPECT_EQ(LvNodes("people"), nodes);  // one value, two references
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{1})), JET_errSuccess);
  ASSERT_EQ(JetDelete(sesid_, t_), JET_errSuccess);
  EXPECT_EQ(LvNodes("people"), nodes);
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{2})), JET_errSuccess);
  EXPECT_EQ(Retrieve(sesid_, t_, data_), big);
  ASSERT_EQ(JetDelete(sesid_, t_), JET_errSuccess);
  EXPECT_EQ(LvNodes("people"), 0);
}

TEST_F(UpdateApiTest, MultiValuedColumnsAndTheirIndex) {
  MakePeople();
  ASSERT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepInsert), JET_errSuccess);
  const int32_t one = 1;
  ASSERT_EQ(JetSetColumn(sesid_, t_, id_, &one, 4, 0, nullptr), JET_errSuccess);
  for (const char* tag : {"red", "green", "blue"}) {
    JET_SETINFO si{sizeof(JET_SETINFO), 0, 0};
    ASSERT_EQ(JetSetColumn(sesid_, t_, tags_, tag, static_cast<unsigned long>(strlen(tag)), 0, &si),
              JET_errSuccess);
  }
  ASSERT_EQ(JetUpdate(sesid_, t_, nullptr, 0, nullptr), JET_errSuccess);
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{1})), JET_errSuccess);
  EXPECT_EQ(Retrieve(sesid_, t_, tags_, 1), Bytes(std::string("red")));
  EXPECT_EQ(Retrieve(sesid_, t_, tags_, 2), Bytes(std::string("green")));
  EXPECT_EQ(Retrieve(sesid_, t_, tags_, 3), Bytes(std::string("blue")));
  EXPECT_EQ(Retrieve(sesid_, t_, tags_, 4), std::nullopt);
  // One index entry per value.
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t_, "tags"), JET_errSuccess);
  EXPECT_EQ(Ids().size(), 3u);
  ASSERT_EQ(SeekEq(t_, Bytes(std::string("green"))), JET_errSuccess);
  // Replace the second value, remove the first.
  ASSERT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepReplace), JET_errSuccess);
  JET_SETINFO second{sizeof(JET_SETINFO), 0, 2};
  ASSERT_EQ(JetSetColumn(sesid_, t_, tags_, "teal", 4, 0, &second), JET_errSuccess);
  JET_SETINFO first{sizeof(JET_SETINFO), 0, 1};
  ASSERT_EQ(JetSetColumn(sesid_, t_, tags_, nullptr, 0, 0, &first), JET_errSuccess);
  ASSERT_EQ(JetUpdate(sesid_, t_, nullptr, 0, nullptr), JET_errSuccess);
  EXPECT_EQ(Ids().size(), 2u);
  EXPECT_EQ(SeekEq(t_, Bytes(std::string("green"))), JET_errRecordNotFound);
  EXPECT_EQ(SeekEq(t_, Bytes(std::string("red"))), JET_errRecordNotFound);
  ASSERT_EQ(SeekEq(t_, Bytes(std::string("teal"))), JET_errSuccess);
  EXPECT_EQ(Retrieve(sesid_, t_, tags_, 1), Bytes(std::string("teal")));
  EXPECT_EQ(Retrieve(sesid_, t_, tags_, 2), Bytes(std::string("blue")));
}

TEST_F(UpdateApiTest, EveryColumnTypeRoundTripsThroughTheFile) {
  struct C {
    const char* name;
    JET_COLTYP coltyp;
    std::vector<uint8_t> value;
  };
  const std::vector<C> cs = {
      {"bit", JET_coltypBit, {0xff}},
      {"ubyte", JET_coltypUnsignedByte, {0x7e}},
      {"short", JET_coltypShort, Bytes(int16_t{-1234})},
      {"long", JET_coltypLong, Bytes(int32_t{-123456})},
      {"currency", JET_coltypCurrency, Bytes(int64_t{-99999999999})},
      {"single", JET_coltypIEEESingle, Bytes(1.5f)},
      {"double", JET_coltypIEEEDouble, Bytes(-2.25)},
      {"datetime", JET_coltypDateTime, Bytes(45000.5)},
      {"binary", JET_coltypBinary, {1, 2, 3, 0, 4}},
      {"text", JET_coltypText, Bytes(std::string("hello"))},
      {"longbinary", JET_coltypLongBinary, std::vector<uint8_t>(3000, 0x11)},
      {"longtext", JET_coltypLongText, Bytes(std::string(600, 'x'))},
      {"ulong", JET_coltypUnsignedLong, Bytes(uint32_t{4000000000u})},
      {"longlong", JET_coltypLongLong, Bytes(int64_t{-5})},
      {"guid", JET_coltypGUID, std::vector<uint8_t>(16, 0x42)},
      {"ushort", JET_coltypUnsignedShort, Bytes(uint16_t{65000})},
  };
  std::vector<JET_COLUMNCREATE_A> cols = {Col("k", JET_coltypLong, JET_bitColumnNotNULL)};
  for (const C& c : cs) cols.push_back(Col(c.name, c.coltyp));
  JET_TABLEID t = CreateTable("types", cols, {Idx("pk", "+k\0", 4, JET_bitIndexPrimary)});
  std::vector<std::pair<JET_COLUMNID, std::vector<uint8_t>>> values = {
      {ColumnId(t, "k"), Bytes(int32_t{7})}};
  for (const C& c : cs) values.push_back({ColumnId(t, c.name), c.value});
  ASSERT_EQ(Insert(t, values), JET_errSuccess);
  ASSERT_EQ(JetCloseTable(sesid_, t), JET_errSuccess);
  Detach();
  Attach(JET_bitDbReadOnly);
  t = Open("types");
  ASSERT_EQ(SeekEq(t, Bytes(int32_t{7})), JET_errSuccess);
  for (const C& c : cs) EXPECT_EQ(Retrieve(sesid_, t, ColumnId(t, c.name)), c.value) << c.name;
  // Read-only: no updates.
  EXPECT_EQ(JetPrepareUpdate(sesid_, t, JET_prepInsert), JET_errPermissionDenied);
}

TEST_F(UpdateApiTest, AutoincrementNotNullBookmarkAndRetrieveCopy) {
  JET_TABLEID t = CreateTable(
      "auto",
      {Col("id", JET_coltypLong, JET_bitColumnAutoincrement), Col("v", JET_coltypText),
       Col("must", JET_coltypLong, JET_bitColumnNotNULL)},
      {Idx("pk", "+id\0", 5, JET_bitIndexPrimary)});
  const JET_COLUMNID id = ColumnId(t, "id");
  const JET_COLUMNID v = ColumnId(t, "v");
  const JET_COLUMNID must = ColumnId(t, "must");
  std::vector<int32_t> seen;
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(JetPrepareUpdate(sesid_, t, JET_prepInsert), JET_errSuccess);
    // The copy buffer has the autoincrement value from the start.
    const int32_t auto_value = As<int32_t>(Retrieve(sesid_, t, id, 1, JET_bitRetrieveCopy));
    seen.push_back(auto_value);
    ASSERT_EQ(JetSetColumn(sesid_, t, v, "abc", 3, 0, nullptr), JET_errSuccess);
    EXPECT_EQ(Retrieve(sesid_, t, v, 1, JET_bitRetrieveCopy), Bytes(std::string("abc")));
    ASSERT_EQ(JetSetColumn(sesid_, t, must, &i, 4, 0, nullptr), JET_errSuccess);
    uint8_t bookmark[JET_cbBookmarkMost];
    unsigned long cb = 0;
    ASSERT_EQ(JetUpdate2(sesid_, t, bookmark, sizeof(bookmark), &cb, 0), JET_errSuccess);
    ASSERT_EQ(JetGotoBookmark(sesid_, t, bookmark, cb), JET_errSuccess);
    EXPECT_EQ(As<int32_t>(Retrieve(sesid_, t, id)), auto_value);
  }
  EXPECT_EQ(seen, (std::vector<int32_t>{1, 2, 3}));
  // Setting an autoincrement column is refused; NOT NULL checked at update.
  ASSERT_EQ(JetPrepareUpdate(sesid_, t, JET_prepInsert), JET_errSuccess);
  const int32_t x = 50;
  EXPECT_EQ(JetSetColumn(sesid_, t, id, &x, 4, 0, nullptr), JET_errInvalidColumnType);
  EXPECT_EQ(JetUpdate(sesid_, t, nullptr, 0, nullptr), JET_errNullInvalid);
  ASSERT_EQ(JetPrepareUpdate(sesid_, t, JET_prepCancel), JET_errSuccess);
  // Replace: RetrieveCopy reads the buffer, a plain retrieve the record.
  ASSERT_EQ(JetMove(sesid_, t, JET_MoveFirst, 0), JET_errSuccess);
  ASSERT_EQ(JetPrepareUpdate(sesid_, t, JET_prepReplace), JET_errSuccess);
  ASSERT_EQ(JetSetColumn(sesid_, t, v, "new", 3, 0, nullptr), JET_errSuccess);
  EXPECT_EQ(Retrieve(sesid_, t, v, 1, JET_bitRetrieveCopy), Bytes(std::string("new")));
  EXPECT_EQ(Retrieve(sesid_, t, v), Bytes(std::string("abc")));
  ASSERT_EQ(JetPrepareUpdate(sesid_, t, JET_prepCancel), JET_errSuccess);
  // The counter continues after a detach from the highest value stored.
  ASSERT_EQ(JetCloseTable(sesid_, t), JET_errSuccess);
  Detach();
  Attach();
  t = Open("auto");
  ASSERT_EQ(JetPrepareUpdate(sesid_, t, JET_prepInsert), JET_errSuccess);
  EXPECT_EQ(As<int32_t>(Retrieve(sesid_, t, id, 1, JET_bitRetrieveCopy)), 4);
  ASSERT_EQ(JetPrepareUpdate(sesid_, t, JET_prepCancel), JET_errSuccess);
  // Update errors without a prepared update.
  EXPECT_EQ(JetUpdate(sesid_, t, nullptr, 0, nullptr), JET_errUpdateNotPrepared);
  EXPECT_EQ(JetSetColumn(sesid_, t, v, "a", 1, 0, nullptr), JET_errUpdateNotPrepared);
}

TEST_F(UpdateApiTest, CommittedDataSurvivesDetachAndAttach) {
  MakePeople();
  for (int32_t i = 0; i < 2000; ++i) {
    if (i % 500 == 0) {
      ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess);
    }
    ASSERT_EQ(Person(i, "n" + std::to_string(i % 97), i * 3), JET_errSuccess);
    if (i % 500 == 499) {
      ASSERT_EQ(JetCommitTransaction(sesid_, JET_bitCommitLazyFlush), JET_errSuccess);
    }
  }
  for (int32_t i = 0; i < 2000; i += 3) {
    ASSERT_EQ(SeekEq(t_, Bytes(i)), JET_errSuccess);
    ASSERT_EQ(JetDelete(sesid_, t_), JET_errSuccess);
  }
  ASSERT_EQ(JetCloseTable(sesid_, t_), JET_errSuccess);
  Detach();
  Attach();
  t_ = Open("people");
  id_ = ColumnId(t_, "id");
  name_ = ColumnId(t_, "name");
  const std::vector<int32_t> ids = Ids();
  ASSERT_EQ(ids.size(), 2000u - 667u);
  for (int32_t i : ids) EXPECT_NE(i % 3, 0);
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t_, "code"), JET_errSuccess);
  EXPECT_EQ(Ids().size(), 2000u - 667u);
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t_, "name"), JET_errSuccess);
  EXPECT_EQ(Ids().size(), 2000u - 667u);
}

TEST_F(UpdateApiTest, TableWithoutPrimaryIndexUsesSequentialBookmarks) {
  JET_TABLEID t = CreateTable("seq", {Col("v", JET_coltypText), Col("n", JET_coltypLong)},
                              {Idx("v", "+v\0", 4)});
  const JET_COLUMNID v = ColumnId(t, "v");
  const JET_COLUMNID n = ColumnId(t, "n");
  std::vector<std::vector<uint8_t>> bookmarks;
  for (const char* s : {"c", "a", "b"}) {
    ASSERT_EQ(JetPrepareUpdate(sesid_, t, JET_prepInsert), JET_errSuccess);
    ASSERT_EQ(JetSetColumn(sesid_, t, v, s, 1, 0, nullptr), JET_errSuccess);
    uint8_t bm[JET_cbBookmarkMost];
    unsigned long cb = 0;
    ASSERT_EQ(JetUpdate(sesid_, t, bm, sizeof(bm), &cb), JET_errSuccess);
    bookmarks.emplace_back(bm, bm + cb);
  }
  // Insertion order on the clustered index, 4-byte big-endian bookmarks.
  EXPECT_EQ(bookmarks[0], (std::vector<uint8_t>{0, 0, 0, 1}));
  EXPECT_EQ(bookmarks[2], (std::vector<uint8_t>{0, 0, 0, 3}));
  std::string order;
  for (JET_ERR err = JetMove(sesid_, t, JET_MoveFirst, 0); err >= 0;
       err = JetMove(sesid_, t, JET_MoveNext, 0)) {
    const auto value = Retrieve(sesid_, t, v);
    order += std::string(value->begin(), value->end());
  }
  EXPECT_EQ(order, "cab");
  ASSERT_EQ(JetGotoBookmark(sesid_, t, bookmarks[1].data(), 4), JET_errSuccess);
  ASSERT_EQ(JetPrepareUpdate(sesid_, t, JET_prepReplace), JET_errSuccess);
  const int32_t seven = 7;
  ASSERT_EQ(JetSetColumn(sesid_, t, n, &seven, 4, 0, nullptr), JET_errSuccess);
  ASSERT_EQ(JetUpdate(sesid_, t, nullptr, 0, nullptr), JET_errSuccess);
  ASSERT_EQ(JetGotoBookmark(sesid_, t, bookmarks[0].data(), 4), JET_errSuccess);
  ASSERT_EQ(JetDelete(sesid_, t), JET_errSuccess);
  ASSERT_EQ(JetCloseTable(sesid_, t), JET_errSuccess);
  Detach();
  Attach();
  t = Open("seq");
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t, "v"), JET_errSuccess);
  order.clear();
  for (JET_ERR err = JetMove(sesid_, t, JET_MoveFirst, 0); err >= 0;
       err = JetMove(sesid_, t, JET_MoveNext, 0)) {
    const auto value = Retrieve(sesid_, t, v);
    order += std::string(value->begin(), value->end());
  }
  EXPECT_EQ(order, "ab");
  ASSERT_EQ(JetMove(sesid_, t, JET_MoveFirst, 0), JET_errSuccess);
  EXPECT_EQ(As<int32_t>(Retrieve(sesid_, t, n)), 7);
  // The next bookmark follows the highest one stored.
  ASSERT_EQ(JetPrepareUpdate(sesid_, t, JET_prepInsert), JET_errSuccess);
  ASSERT_EQ(JetSetColumn(sesid_, t, v, "d", 1, 0, nullptr), JET_errSuccess);
  uint8_t bm[8];
  unsigned long cb = 0;
  ASSERT_EQ(JetUpdate(sesid_, t, bm, sizeof(bm), &cb), JET_errSuccess);
  EXPECT_EQ(std::vector<uint8_t>(bm, bm + cb), (std::vector<uint8_t>{0, 0, 0, 4}));
}

TEST_F(UpdateApiTest, CursorsSeeChangesMadeThroughOthers) {
  MakePeople();
  ASSERT_EQ(Person(1, "alice", 10), JET_errSuccess);
  JET_TABLEID other = Open("people");
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{1})), JET_errSuccess);
  EXPECT_EQ(Retrieve(sesid_, t_, name_), Bytes(std::string("alice")));
  ASSERT_EQ(SeekEq(other, Bytes(int32_t{1})), JET_errSuccess);
  ASSERT_EQ(JetPrepareUpdate(sesid_, other, JET_prepReplace), JET_errSuccess);
  ASSERT_EQ(JetSetColumn(sesid_, other, name_, "ann", 3, 0, nullptr), JET_errSuccess);
  ASSERT_EQ(JetUpdate(sesid_, other, nullptr, 0, nullptr), JET_errSuccess);
  EXPECT_EQ(Retrieve(sesid_, t_, name_), Bytes(std::string("ann")));
  ASSERT_EQ(JetDelete(sesid_, other), JET_errSuccess);
  JET_ERR err = JET_errSuccess;
  EXPECT_EQ(Retrieve(sesid_, t_, name_, 1, 0, &err), std::nullopt);
  EXPECT_EQ(err, JET_errRecordDeleted);
  EXPECT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepReplace), JET_errRecordDeleted);
}

TEST_F(UpdateApiTest, DatabaseCreatedByARelativePath) {
  // Work from the test's folder: under wine the temp folder and the current
  // folder may be on different drives, with no relative path between them.
  const std::filesystem::path cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir_.path());
  const std::string relative = "relative.edb";
  JET_DBID dbid = 0;
  const JET_ERR created = JetCreateDatabaseA(sesid_, relative.c_str(), nullptr, &dbid, 0);
  JET_TABLEID t = 0;
  const JET_ERR table = created < 0 ? created : JetCreateTableA(sesid_, dbid, "r", 0, 100, &t);
  const JET_ERR closed = created < 0 ? created : JetCloseDatabase(sesid_, dbid, 0);
  std::filesystem::current_path(cwd);
  ASSERT_EQ(created, JET_errSuccess);
  EXPECT_EQ(table, JET_errSuccess);
  EXPECT_EQ(closed, JET_errSuccess);
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "relative.edb"));
}

// A unique value another transaction holds (its uncommitted insert, or its
// uncommitted delete) makes an insert fail with JET_errKeyDuplicate, not
// JET_errWriteConflict: in ESE an insert never returns a write conflict
// (ErrBTInsert turns it into a duplicate).
TEST_F(UpdateApiTest, UniqueValueHeldByAnotherTransactionIsADuplicate) {
  MakePeople();
  JET_SESID s2 = 0;
  ASSERT_EQ(JetBeginSessionA(instance_, &s2, "", ""), JET_errSuccess);
  JET_DBID d2 = 0;
  ASSERT_GE(JetOpenDatabaseA(s2, path_.c_str(), nullptr, &d2, 0), 0);
  JET_TABLEID t2 = 0;
  ASSERT_EQ(JetOpenTableA(s2, d2, "people", nullptr, 0, 0, &t2), JET_errSuccess);
  auto person2 = [&](int32_t id, int32_t code) {
    return Insert(t2, {{id_, Bytes(id)}, {name_, Bytes(std::string("x"))}, {code_, Bytes(code)}},
                  s2);
  };
  ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess);
  ASSERT_EQ(Person(1, "a", 10), JET_errSuccess);
  EXPECT_EQ(person2(2, 10), JET_errKeyDuplicate);  // uncommitted insert of code 10
  EXPECT_EQ(person2(1, 11), JET_errKeyDuplicate);  // ... and of primary key 1
  ASSERT_EQ(JetCommitTransaction(sesid_, 0), JET_errSuccess);
  ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess);
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{1})), JET_errSuccess);
  ASSERT_EQ(JetDelete(sesid_, t_), JET_errSuccess);
  EXPECT_EQ(person2(3, 10), JET_errKeyDuplicate);  // uncommitted delete of code 10
  EXPECT_EQ(person2(1, 12), JET_errKeyDuplicate);  // ... and of primary key 1
  ASSERT_EQ(JetCommitTransaction(sesid_, 0), JET_errSuccess);
  EXPECT_EQ(person2(3, 10), JET_errSuccess);  // committed: the value is free
  EXPECT_EQ(person2(1, 12), JET_errSuccess);
  ASSERT_EQ(JetEndSession(s2, 0), JET_errSuccess);
}

// The default version store (JET_paramMaxVerPages 64, ESE's default: 64
// buckets of 16 KiB) holds one transaction of 1,000 inserts into a table
// with four indexes (bulk loads commit every 1,000 rows).
TEST_F(UpdateApiTest, AThousandRowTransactionFitsTheDefaultVersionStore) {
  MakePeople();
  ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess);
  for (int32_t i = 0; i < 1000; ++i) {
    const std::string name = "person number " + std::to_string(i) + " of the bulk load";
    ASSERT_EQ(Insert(t_, {{id_, Bytes(i)},
                          {name_, Bytes(name)},
                          {code_, Bytes(int32_t{100000 + i})},
                          {data_, std::vector<uint8_t>(100, static_cast<uint8_t>(i))},
                          {tags_, Bytes(std::string("tag ") + std::to_string(i % 7))}}),
              JET_errSuccess)
        << "row " << i;
  }
  ASSERT_EQ(JetCommitTransaction(sesid_, 0), JET_errSuccess);
  unsigned long count = 0;
  ASSERT_EQ(JetMove(sesid_, t_, JET_MoveFirst, 0), JET_errSuccess);
  ASSERT_EQ(JetIndexRecordCount(sesid_, t_, &count, 0), JET_errSuccess);
  EXPECT_EQ(count, 1000u);
}

TEST_F(UpdateApiTest, FourThreadsInsertIntoOneTable) {
  MakePeople();
  constexpr int kThreads = 4;
  constexpr int kPerThread = 500;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int th = 0; th < kThreads; ++th) {
    threads.emplace_back([&, th] {
      JET_SESID s = 0;
      if (JetBeginSessionA(instance_, &s, "", "") < 0) {
        ++failures;
        return;
      }
      JET_DBID d = 0;
      JET_TABLEID t = 0;
      if (JetOpenDatabaseA(s, path_.c_str(), nullptr, &d, 0) < 0 ||
          JetOpenTableA(s, d, "people", nullptr, 0, 0, &t) < 0) {
        ++failures;
        return;
      }
      for (int i = 0; i < kPerThread; ++i) {
        const int32_t id = th * kPerThread + i;
        const bool txn = i % 10 == 0;
        if (txn && JetBeginTransaction(s) < 0) ++failures;
        if (Insert(t, {{id_, Bytes(id)}, {code_, Bytes(id)}, {name_, Bytes(std::string("x"))}},
                   s) < 0) {
          ++failures;
        }
        if (txn && JetCommitTransaction(s, 0) < 0) ++failures;
      }
      (void)JetEndSession(s, 0);
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  const std::vector<int32_t> ids = Ids();
  ASSERT_EQ(ids.size(), size_t{kThreads * kPerThread});
  for (int i = 0; i < kThreads * kPerThread; ++i) EXPECT_EQ(ids[static_cast<size_t>(i)], i);
  ASSERT_EQ(JetSetCurrentIndexA(sesid_, t_, "code"), JET_errSuccess);
  EXPECT_EQ(Ids().size(), size_t{kThreads * kPerThread});
}

}  // namespace
}  // namespace jet::write_test
