// Snapshot isolation, write conflicts, rollback and the update state machine
// through the public C API, with three sessions on one thread (issue 4,
// "Transactions"), as ESE defines them:
//  - a transaction reads the database as of its JetBeginTransaction; other
//    sessions' uncommitted changes are never seen, its own always are;
//    outside a transaction every call sees the newest committed data;
//  - two writers of one record: the second gets JET_errWriteConflict, from
//    JetPrepareUpdate(JET_prepReplace) / JetDelete / JetGetLock inside a
//    transaction (they lock the record), from JetUpdate for a replace
//    prepared at level 0 (ESE's replace-no-lock, checked at update);
//  - rollback undoes every change (records, secondary index entries, long
//    values), 7 nested levels, JET_bitRollbackAll;
//  - the errors of JetPrepareUpdate/JetSetColumn/JetUpdate/JetDelete, and a
//    failed JetUpdate leaves the update prepared (ESE keeps the copy buffer).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "api_test_db.h"
#include "esent.h"

namespace jet::api_test {
namespace {

using Bytes = std::vector<uint8_t>;

#define ASSERT_JET(call)                                                                  \
  do {                                                                                    \
    const JET_ERR assert_err_ = (call);                                                   \
    ASSERT_GE(assert_err_, JET_errSuccess) << #call << " -> " << JetErrText(assert_err_); \
  } while (0)
#define EXPECT_JET(call, expected)                                                              \
  do {                                                                                          \
    const JET_ERR expect_err_ = (call);                                                         \
    EXPECT_EQ(expect_err_, (expected))                                                          \
        << #call << " -> " << JetErrText(expect_err_) << ", expected " << JetErrText(expected); \
  } while (0)

Bytes Pattern(uint8_t seed, size_t size) {
  Bytes b(size);
  for (size_t i = 0; i < size; ++i) b[i] = static_cast<uint8_t>(seed + i * 7 + (i >> 8));
  return b;
}

// A record as the tests see it.
struct Rec {
  int32_t key = 0;
  int32_t val = 0;
  std::optional<Bytes> lv;
  bool operator==(const Rec&) const = default;
};
void PrintTo(const Rec& r, std::ostream* os) {
  *os << "{key " << r.key << ", val " << r.val << ", lv ";
  if (r.lv) {
    *os << r.lv->size() << "B";
  } else {
    *os << "NULL";
  }
  *os << "}";
}

// Sessions 0, 1 and 2 each have the database and table "t" open; records
// 1, 2, 3 are committed: val 10, 20, 30; key 2 has a small long value, key 3
// one of 6000 bytes (a separate long value).
class TransactionApiTest : public ::testing::Test {
 protected:
  static constexpr int kSessions = 3;

  void SetUp() override {
    db_ = folder_.File("txn.edb");
    ASSERT_JET(instance_.Start(folder_));
    for (int i = 0; i < kSessions; ++i) ASSERT_JET(instance_.BeginSession(&s_[i]));
    ASSERT_JET(JetCreateDatabaseA(s_[0], db_.c_str(), nullptr, &d_[0], 0));
    std::vector<JET_COLUMNID> ids;
    ASSERT_JET(CreateTable(
        s_[0], d_[0], "t",
        {{"key", JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnNotNULL},
         {"val", JET_coltypLong, 0, JET_bitColumnFixed},
         {"req", JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnNotNULL},
         {"lv", JET_coltypLongBinary, 0, JET_bitColumnTagged}},
        {{"primary", {"+key"}, JET_bitIndexPrimary | JET_bitIndexUnique}, {"by_val", {"+val"}, 0}},
        &ids));
    key_ = ids[0];
    val_ = ids[1];
    req_ = ids[2];
    lv_ = ids[3];
    for (int i = 1; i < kSessions; ++i) {
      ASSERT_JET(JetOpenDatabaseA(s_[i], db_.c_str(), nullptr, &d_[i], 0));
    }
    for (int i = 0; i < kSessions; ++i) {
      ASSERT_JET(JetOpenTableA(s_[i], d_[i], "t", nullptr, 0, 0, &t_[i]));
    }
    base_ = {{1, 10, std::nullopt}, {2, 20, Pattern(2, 100)}, {3, 30, Pattern(3, 6000)}};
    ASSERT_JET(JetBeginTransaction(s_[0]));
    for (const Rec& r : base_) ASSERT_JET(Insert(0, r.key, r.val, r.lv ? &*r.lv : nullptr));
    ASSERT_JET(JetCommitTransaction(s_[0], 0));
  }

  // --- Writes; each returns the first failing call's error -----------------
  JET_ERR Insert(int who, int32_t key, int32_t val, const Bytes* lv = nullptr) {
    JET_ERR err;
    if ((err = JetPrepareUpdate(s_[who], t_[who], JET_prepInsert)) < 0) return err;
    if ((err = SetInt32(s_[who], t_[who], key_, key)) < 0 ||
        (err = SetInt32(s_[who], t_[who], val_, val)) < 0 ||
        (err = SetInt32(s_[who], t_[who], req_, 1)) < 0 ||
        (lv != nullptr &&
         (err = JetSetColumn(s_[who], t_[who], lv_, lv->data(),
                             static_cast<unsigned long>(lv->size()), 0, nullptr)) < 0) ||
        (err = JetUpdate(s_[who], t_[who], nullptr, 0, nullptr)) < 0) {
      (void)JetPrepareUpdate(s_[who], t_[who], JET_prepCancel);
      return err;
    }
    return err;
  }
  JET_ERR Seek(int who, int32_t key) {
    const JET_ERR err = JetSetCurrentIndexA(s_[who], t_[who], nullptr);
    if (err < 0) return err;
    return SeekInt32(s_[who], t_[who], key, JET_bitSeekEQ);
  }
  // Seek + JetPrepareUpdate(replace) + set + JetUpdate.
  JET_ERR Replace(int who, int32_t key, int32_t val, const Bytes* lv = nullptr) {
    JET_ERR err;
    if ((err = Seek(who, key)) < 0) return err;
    if ((err = JetPrepareUpdate(s_[who], t_[who], JET_prepReplace)) < 0) return err;
    if ((err = SetInt32(s_[who], t_[who], val_, val)) < 0 ||
        (lv != nullptr &&
         (err = JetSetColumn(s_[who], t_[who], lv_, lv->data(),
                             static_cast<unsigned long>(lv->size()), 0, nullptr)) < 0) ||
        (err = JetUpdate(s_[who], t_[who], nullptr, 0, nullptr)) < 0) {
      (void)JetPrepareUpdate(s_[who], t_[who], JET_prepCancel);
      return err;
    }
    return err;
  }
  JET_ERR Delete(int who, int32_t key) {
    const JET_ERR err = Seek(who, key);
    if (err < 0) return err;
    return JetDelete(s_[who], t_[who]);
  }

  // --- Reads ------------------------------------------------------------
  // The current record.
  JET_ERR ReadRec(int who, Rec* rec) {
    std::optional<int32_t> key, val;
    std::optional<Bytes> lv;
    JET_ERR err;
    if ((err = RetrieveInt32(s_[who], t_[who], key_, &key)) < 0 ||
        (err = RetrieveInt32(s_[who], t_[who], val_, &val)) < 0 ||
        (err = RetrieveBytes(s_[who], t_[who], lv_, 1, &lv)) < 0) {
      return err;
    }
    *rec = Rec{key.value_or(-1), val.value_or(-1), std::move(lv)};
    return JET_errSuccess;
  }
  // Every record in primary-key order, as session `who` sees it now.
  std::vector<Rec> Scan(int who) {
    std::vector<Rec> out;
    EXPECT_JET(JetSetCurrentIndexA(s_[who], t_[who], nullptr), JET_errSuccess);
    JET_ERR err = JetMove(s_[who], t_[who], JET_MoveFirst, 0);
    for (; err >= 0; err = JetMove(s_[who], t_[who], JET_MoveNext, 0)) {
      Rec r;
      const JET_ERR read = ReadRec(who, &r);
      EXPECT_GE(read, 0) << "reading a record: " << JetErrText(read);
      if (read < 0) break;
      out.push_back(std::move(r));
    }
    EXPECT_EQ(err, JET_errNoCurrentRecord) << "JetMove: " << JetErrText(err);
    return out;
  }
  // The secondary index by_val: (val, key) in index order.
  std::vector<std::pair<int32_t, int32_t>> ByVal(int who) {
    std::vector<std::pair<int32_t, int32_t>> out;
    EXPECT_JET(JetSetCurrentIndexA(s_[who], t_[who], "by_val"), JET_errSuccess);
    JET_ERR err = JetMove(s_[who], t_[who], JET_MoveFirst, 0);
    for (; err >= 0; err = JetMove(s_[who], t_[who], JET_MoveNext, 0)) {
      Rec r;
      const JET_ERR read = ReadRec(who, &r);
      EXPECT_GE(read, 0) << "reading a record: " << JetErrText(read);
      if (read < 0) break;
      out.emplace_back(r.val, r.key);
    }
    EXPECT_EQ(err, JET_errNoCurrentRecord) << "JetMove: " << JetErrText(err);
    EXPECT_JET(JetSetCurrentIndexA(s_[who], t_[who], nullptr), JET_errSuccess);
    return out;
  }
  static std::vector<std::pair<int32_t, int32_t>> ByValOf(std::vector<Rec> recs) {
    std::vector<std::pair<int32_t, int32_t>> out;
    for (const Rec& r : recs) out.emplace_back(r.val, r.key);
    std::sort(out.begin(), out.end());
    return out;
  }
  // Both indexes of session `who` show exactly `want`.
  void ExpectSees(int who, const std::vector<Rec>& want, const std::string& what) {
    SCOPED_TRACE("session " + std::to_string(who) + ": " + what);
    EXPECT_EQ(Scan(who), want);
    EXPECT_EQ(ByVal(who), ByValOf(want));
  }
  std::optional<int32_t> ValOf(int who, int32_t key) {
    const JET_ERR err = Seek(who, key);
    if (err == JET_errRecordNotFound) return std::nullopt;
    EXPECT_EQ(err, JET_errSuccess) << "seek " << key << ": " << JetErrText(err);
    Rec r;
    EXPECT_GE(ReadRec(who, &r), 0);
    return r.val;
  }

  TestFolder folder_;
  TestInstance instance_;
  std::string db_;
  JET_SESID s_[kSessions] = {JET_sesidNil, JET_sesidNil, JET_sesidNil};
  JET_DBID d_[kSessions] = {JET_dbidNil, JET_dbidNil, JET_dbidNil};
  JET_TABLEID t_[kSessions] = {JET_tableidNil, JET_tableidNil, JET_tableidNil};
  JET_COLUMNID key_ = 0, val_ = 0, req_ = 0, lv_ = 0;
  std::vector<Rec> base_;
};

// --- Snapshot isolation ---------------------------------------------------------

TEST_F(TransactionApiTest, TransactionSeesTheDatabaseAsOfItsBegin) {
  // Session 0 begins and reads nothing yet: the snapshot is its begin, not
  // its first read.
  ASSERT_JET(JetBeginTransaction(s_[0]));
  const Bytes lv3 = Pattern(33, 9000);
  ASSERT_JET(Insert(1, 4, 40));
  ASSERT_JET(Replace(1, 2, 21));
  ASSERT_JET(Replace(1, 3, 31, &lv3));
  ASSERT_JET(Delete(1, 1));
  const std::vector<Rec> after = {{2, 21, Pattern(2, 100)}, {3, 31, lv3}, {4, 40, std::nullopt}};
  ExpectSees(0, base_, "in a transaction begun before the commits");
  EXPECT_JET(Seek(0, 4), JET_errRecordNotFound);
  ExpectSees(2, after, "outside a transaction");
  ASSERT_JET(JetCommitTransaction(s_[0], 0));
  ExpectSees(0, after, "after its commit, outside a transaction");
  ASSERT_JET(JetBeginTransaction(s_[0]));
  ExpectSees(0, after, "in a new transaction");
  ASSERT_JET(JetCommitTransaction(s_[0], 0));
}

// A unique index's node is its key: an entry deleted and its key re-inserted
// for another record (committed, while an older snapshot still needs the
// flag-deleted node's old state) must lead that snapshot to the old record,
// not to the record the stored entry names now.
TEST_F(TransactionApiTest, SnapshotSeesTheOldRecordOfAReusedUniqueKey) {
  std::vector<JET_COLUMNID> ids;
  ASSERT_JET(CreateTable(s_[0], d_[0], "u",
                         {{"key", JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnNotNULL},
                          {"uq", JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnNotNULL}},
                         {{"primary", {"+key"}, JET_bitIndexPrimary | JET_bitIndexUnique},
                          {"by_uq", {"+uq"}, JET_bitIndexUnique}},
                         &ids));
  JET_TABLEID u[2] = {JET_tableidNil, JET_tableidNil};
  for (int i = 0; i < 2; ++i) ASSERT_JET(JetOpenTableA(s_[i], d_[i], "u", nullptr, 0, 0, &u[i]));
  auto insert = [&](int32_t key, int32_t uq) -> JET_ERR {
    JET_ERR err = JetPrepareUpdate(s_[1], u[1], JET_prepInsert);
    if (err >= 0) err = SetInt32(s_[1], u[1], ids[0], key);
    if (err >= 0) err = SetInt32(s_[1], u[1], ids[1], uq);
    if (err >= 0) err = JetUpdate(s_[1], u[1], nullptr, 0, nullptr);
    return err;
  };
  // The key of the record session `who` finds through by_uq EQ uq.
  auto key_by_uq = [&](int who, int32_t uq, std::optional<int32_t>* key) -> JET_ERR {
    JET_ERR err = JetSetCurrentIndexA(s_[who], u[who], "by_uq");
    if (err >= 0) err = SeekInt32(s_[who], u[who], uq, JET_bitSeekEQ);
    if (err >= 0) err = RetrieveInt32(s_[who], u[who], ids[0], key);
    return err;
  };
  ASSERT_JET(insert(1, 7));
  ASSERT_JET(JetBeginTransaction(s_[0]));
  ASSERT_JET(SeekInt32(s_[1], u[1], 1, JET_bitSeekEQ));
  ASSERT_JET(JetDelete(s_[1], u[1]));
  ASSERT_JET(insert(2, 7));
  std::optional<int32_t> key;
  ASSERT_JET(key_by_uq(0, 7, &key));
  EXPECT_EQ(key, 1) << "the snapshot's by_uq 7";
  ASSERT_JET(key_by_uq(1, 7, &key));
  EXPECT_EQ(key, 2) << "by_uq 7 outside a transaction";
  ASSERT_JET(JetCommitTransaction(s_[0], 0));
  ASSERT_JET(key_by_uq(0, 7, &key));
  EXPECT_EQ(key, 2) << "by_uq 7 after the commit";
  for (int i = 0; i < 2; ++i) ASSERT_JET(JetCloseTable(s_[i], u[i]));
}

TEST_F(TransactionApiTest, UncommittedChangesOfOthersAreNeverSeen) {
  const Bytes lv2 = Pattern(22, 5000);
  ASSERT_JET(JetBeginTransaction(s_[1]));
  ASSERT_JET(Insert(1, 4, 40));
  ASSERT_JET(Replace(1, 2, 22, &lv2));
  ASSERT_JET(Delete(1, 1));
  const std::vector<Rec> mine = {{2, 22, lv2}, {3, 30, Pattern(3, 6000)}, {4, 40, std::nullopt}};
  ExpectSees(1, mine, "its own uncommitted changes");
  ExpectSees(0, base_, "outside a transaction");
  ASSERT_JET(JetBeginTransaction(s_[0]));
  ExpectSees(0, base_, "in a transaction begun while they are uncommitted");
  ExpectSees(2, base_, "outside a transaction");
  ASSERT_JET(JetCommitTransaction(s_[1], 0));
  ExpectSees(0, base_, "in a transaction begun before the commit");
  ExpectSees(2, mine, "outside a transaction, after the commit");
  ASSERT_JET(JetCommitTransaction(s_[0], 0));
  ExpectSees(0, mine, "after its own commit");
}

TEST_F(TransactionApiTest, ReadsOutsideATransactionSeeTheNewestCommittedData) {
  EXPECT_EQ(ValOf(0, 2), 20);
  ASSERT_JET(JetBeginTransaction(s_[1]));
  ASSERT_JET(Replace(1, 2, 22));
  EXPECT_EQ(ValOf(0, 2), 20);
  ASSERT_JET(JetCommitTransaction(s_[1], 0));
  EXPECT_EQ(ValOf(0, 2), 22);
  ASSERT_JET(Replace(1, 2, 23));  // level 0: its own transaction
  EXPECT_EQ(ValOf(0, 2), 23);
}

TEST_F(TransactionApiTest, UpdateOutsideATransactionIsItsOwnTransaction) {
  ASSERT_JET(JetBeginTransaction(s_[2]));  // a snapshot from before
  ASSERT_JET(Insert(0, 4, 40));
  ASSERT_JET(Replace(0, 1, 11));
  ASSERT_JET(Delete(0, 3));
  const std::vector<Rec> after = {
      {1, 11, std::nullopt}, {2, 20, Pattern(2, 100)}, {4, 40, std::nullopt}};
  ExpectSees(1, after, "outside a transaction");
  ASSERT_JET(JetBeginTransaction(s_[1]));
  ExpectSees(1, after, "in a transaction begun afterwards");
  ASSERT_JET(JetCommitTransaction(s_[1], 0));
  ExpectSees(2, base_, "in a transaction begun before");
  ASSERT_JET(JetRollback(s_[2], 0));
  // A level-0 update that fails changes nothing.
  EXPECT_JET(Insert(0, 2, 99), JET_errKeyDuplicate);
  ExpectSees(1, after, "after a failed insert");
}

// --- Write conflicts --------------------------------------------------------------

TEST_F(TransactionApiTest, SecondWriterOfAnUncommittedReplaceConflicts) {
  ASSERT_JET(JetBeginTransaction(s_[0]));
  ASSERT_JET(Replace(0, 2, 21));
  ASSERT_JET(JetBeginTransaction(s_[1]));
  ASSERT_JET(Seek(1, 2));
  EXPECT_JET(JetPrepareUpdate(s_[1], t_[1], JET_prepReplace), JET_errWriteConflict);
  EXPECT_JET(JetDelete(s_[1], t_[1]), JET_errWriteConflict);
  EXPECT_JET(JetGetLock(s_[1], t_[1], JET_bitWriteLock), JET_errWriteConflict);
  // Other records are free.
  EXPECT_JET(Replace(1, 3, 33), JET_errSuccess);
  ASSERT_JET(JetRollback(s_[1], 0));
  ASSERT_JET(JetCommitTransaction(s_[0], 0));
  // Begun after the commit: no conflict.
  ASSERT_JET(JetBeginTransaction(s_[1]));
  EXPECT_JET(Replace(1, 2, 22), JET_errSuccess);
  ASSERT_JET(JetCommitTransaction(s_[1], 0));
  EXPECT_EQ(ValOf(2, 2), 22);
}

TEST_F(TransactionApiTest, ReplaceCommittedAfterMyBeginConflicts) {
  ASSERT_JET(JetBeginTransaction(s_[1]));
  ASSERT_JET(Replace(0, 2, 21));  // level 0: committed at once
  ASSERT_JET(Seek(1, 2));
  Rec seen;
  ASSERT_JET(ReadRec(1, &seen));
  EXPECT_EQ(seen.val, 20) << "the snapshot still has the old version";
  EXPECT_JET(JetPrepareUpdate(s_[1], t_[1], JET_prepReplace), JET_errWriteConflict);
  EXPECT_JET(JetDelete(s_[1], t_[1]), JET_errWriteConflict);
  EXPECT_JET(JetGetLock(s_[1], t_[1], JET_bitWriteLock), JET_errWriteConflict);
  ASSERT_JET(JetRollback(s_[1], 0));
  ASSERT_JET(JetBeginTransaction(s_[1]));
  EXPECT_JET(Replace(1, 2, 22), JET_errSuccess);
  ASSERT_JET(JetCommitTransaction(s_[1], 0));
  // Same for a delete committed after my begin.
  ASSERT_JET(JetBeginTransaction(s_[1]));
  ASSERT_JET(Delete(0, 3));
  ASSERT_JET(Seek(1, 3));
  EXPECT_JET(JetPrepareUpdate(s_[1], t_[1], JET_prepReplace), JET_errWriteConflict);
  ASSERT_JET(JetRollback(s_[1], 0));
  EXPECT_EQ(ValOf(2, 2), 22);
  EXPECT_EQ(ValOf(2, 3), std::nullopt);
}

TEST_F(TransactionApiTest, WriteLockBlocksOtherWritersUntilCommit) {
  ASSERT_JET(Seek(0, 2));
  EXPECT_JET(JetGetLock(s_[0], t_[0], JET_bitWriteLock), JET_errNotInTransaction);
  ASSERT_JET(JetBeginTransaction(s_[0]));
  ASSERT_JET(Seek(0, 2));
  ASSERT_JET(JetGetLock(s_[0], t_[0], JET_bitWriteLock));
  // Writers in a transaction conflict at once.
  ASSERT_JET(JetBeginTransaction(s_[1]));
  ASSERT_JET(Seek(1, 2));
  EXPECT_JET(JetPrepareUpdate(s_[1], t_[1], JET_prepReplace), JET_errWriteConflict);
  EXPECT_JET(JetDelete(s_[1], t_[1]), JET_errWriteConflict);
  ASSERT_JET(JetRollback(s_[1], 0));
  // At level 0 a replace is prepared without a lock and conflicts at update;
  // the failed update stays prepared.
  ASSERT_JET(Seek(1, 2));
  ASSERT_JET(JetPrepareUpdate(s_[1], t_[1], JET_prepReplace));
  ASSERT_JET(SetInt32(s_[1], t_[1], val_, 29));
  EXPECT_JET(JetUpdate(s_[1], t_[1], nullptr, 0, nullptr), JET_errWriteConflict);
  EXPECT_JET(JetPrepareUpdate(s_[1], t_[1], JET_prepCancel), JET_errSuccess);
  ASSERT_JET(Seek(1, 2));
  EXPECT_JET(JetDelete(s_[1], t_[1]), JET_errWriteConflict);
  // Readers are not blocked.
  EXPECT_EQ(ValOf(2, 2), 20);
  ASSERT_JET(JetCommitTransaction(s_[0], 0));
  ASSERT_JET(JetBeginTransaction(s_[1]));
  EXPECT_JET(Replace(1, 2, 22), JET_errSuccess);
  ASSERT_JET(JetCommitTransaction(s_[1], 0));
  EXPECT_EQ(ValOf(2, 2), 22);
  // A rollback releases the lock as well.
  ASSERT_JET(JetBeginTransaction(s_[0]));
  ASSERT_JET(Seek(0, 3));
  ASSERT_JET(JetGetLock(s_[0], t_[0], JET_bitWriteLock));
  ASSERT_JET(JetRollback(s_[0], 0));
  EXPECT_JET(Replace(1, 3, 33), JET_errSuccess);
}

// Outside a transaction a replace is prepared without a lock and checked at
// JetUpdate: a record changed (and committed) in between is a conflict.
TEST_F(TransactionApiTest, ReplaceOutsideATransactionChecksAtUpdate) {
  ASSERT_JET(Seek(1, 2));
  ASSERT_JET(JetPrepareUpdate(s_[1], t_[1], JET_prepReplace));
  ASSERT_JET(SetInt32(s_[1], t_[1], val_, 29));
  ASSERT_JET(Replace(0, 2, 21));  // level 0: committed at once
  EXPECT_JET(JetUpdate(s_[1], t_[1], nullptr, 0, nullptr), JET_errWriteConflict);
  EXPECT_JET(JetPrepareUpdate(s_[1], t_[1], JET_prepCancel), JET_errSuccess);
  EXPECT_EQ(ValOf(2, 2), 21);
  // Unchanged in between: it goes through.
  ASSERT_JET(Seek(1, 2));
  ASSERT_JET(JetPrepareUpdate(s_[1], t_[1], JET_prepReplace));
  ASSERT_JET(SetInt32(s_[1], t_[1], val_, 29));
  EXPECT_JET(JetUpdate(s_[1], t_[1], nullptr, 0, nullptr), JET_errSuccess);
  EXPECT_EQ(ValOf(2, 2), 29);
}

// --- Rollback ---------------------------------------------------------------------

TEST_F(TransactionApiTest, RollbackRestoresEveryChange) {
  const Bytes big = Pattern(44, 10000);
  const Bytes lv3 = Pattern(34, 7000);
  ASSERT_JET(JetBeginTransaction(s_[0]));
  ASSERT_JET(Insert(0, 4, 40, &big));
  ASSERT_JET(Delete(0, 1));
  ASSERT_JET(Replace(0, 2, 25));
  ASSERT_JET(Replace(0, 3, 35, &lv3));
  ExpectSees(0, {{2, 25, Pattern(2, 100)}, {3, 35, lv3}, {4, 40, big}}, "its own changes");
  ASSERT_JET(JetRollback(s_[0], 0));
  ExpectSees(0, base_, "after the rollback");
  ExpectSees(1, base_, "another session after the rollback");
  EXPECT_JET(Seek(0, 4), JET_errRecordNotFound);
  // The rolled-back key and unique values are free again.
  EXPECT_JET(Insert(1, 4, 41), JET_errSuccess);
}

TEST_F(TransactionApiTest, NestedLevelsRollBackSeparately) {
  ASSERT_JET(JetBeginTransaction(s_[0]));  // level 1
  ASSERT_JET(Insert(0, 4, 40));
  ASSERT_JET(JetBeginTransaction(s_[0]));  // level 2
  ASSERT_JET(Insert(0, 5, 50));
  ASSERT_JET(Replace(0, 2, 22));
  ASSERT_JET(JetBeginTransaction(s_[0]));  // level 3
  ASSERT_JET(Delete(0, 1));
  EXPECT_EQ(ValOf(0, 1), std::nullopt);
  ASSERT_JET(JetRollback(s_[0], 0));  // back to 2: key 1 is back
  EXPECT_EQ(ValOf(0, 1), 10);
  ASSERT_JET(JetCommitTransaction(s_[0], 0));  // 2 into 1
  ASSERT_JET(JetBeginTransaction(s_[0]));      // level 2 again
  ASSERT_JET(Delete(0, 3));
  ASSERT_JET(JetRollback(s_[0], 0));
  const std::vector<Rec> kept = {{1, 10, std::nullopt},
                                 {2, 22, Pattern(2, 100)},
                                 {3, 30, Pattern(3, 6000)},
                                 {4, 40, std::nullopt},
                                 {5, 50, std::nullopt}};
  ExpectSees(0, kept, "level 1 after the inner rollbacks");
  ExpectSees(1, base_, "another session before the commit");
  ASSERT_JET(JetCommitTransaction(s_[0], 0));
  ExpectSees(1, kept, "another session after the commit");
}

TEST_F(TransactionApiTest, RollbackAllUndoesEveryLevel) {
  ASSERT_JET(JetBeginTransaction(s_[0]));
  ASSERT_JET(Insert(0, 6, 60));
  ASSERT_JET(JetBeginTransaction(s_[0]));
  ASSERT_JET(Insert(0, 7, 70));
  ASSERT_JET(JetBeginTransaction(s_[0]));
  ASSERT_JET(Replace(0, 1, 11));
  ASSERT_JET(JetRollback(s_[0], JET_bitRollbackAll));
  EXPECT_JET(JetRollback(s_[0], 0), JET_errNotInTransaction);
  ExpectSees(0, base_, "after JET_bitRollbackAll");
  ExpectSees(1, base_, "another session");
}

TEST_F(TransactionApiTest, SevenLevelsAndNoMore) {
  EXPECT_JET(JetCommitTransaction(s_[0], 0), JET_errNotInTransaction);
  EXPECT_JET(JetRollback(s_[0], 0), JET_errNotInTransaction);
  for (int level = 1; level <= 7; ++level) {
    EXPECT_JET(JetBeginTransaction(s_[0]), JET_errSuccess);
  }
  EXPECT_JET(JetBeginTransaction(s_[0]), JET_errTransTooDeep);
  EXPECT_JET(JetBeginTransaction2(s_[0], 0), JET_errTransTooDeep);
  ASSERT_JET(Insert(0, 4, 40));  // at level 7
  for (int level = 7; level >= 2; --level) {
    EXPECT_JET(JetCommitTransaction(s_[0], 0), JET_errSuccess);
  }
  ExpectSees(1, base_, "before the outermost commit");
  EXPECT_JET(JetCommitTransaction(s_[0], 0), JET_errSuccess);
  EXPECT_JET(JetCommitTransaction(s_[0], 0), JET_errNotInTransaction);
  EXPECT_EQ(ValOf(1, 4), 40);
}

// --- The update state machine and its errors ----------------------------------------

TEST_F(TransactionApiTest, UpdateNeedsAPreparedUpdate) {
  EXPECT_JET(JetUpdate(s_[0], t_[0], nullptr, 0, nullptr), JET_errUpdateNotPrepared);
  EXPECT_JET(SetInt32(s_[0], t_[0], val_, 1), JET_errUpdateNotPrepared);
  EXPECT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepCancel), JET_errUpdateNotPrepared);
  // Prepared twice.
  ASSERT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepInsert));
  EXPECT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepInsert), JET_errAlreadyPrepared);
  // Cancelled: nothing is written, and the update is gone.
  ASSERT_JET(SetInt32(s_[0], t_[0], key_, 8));
  ASSERT_JET(SetInt32(s_[0], t_[0], req_, 1));
  EXPECT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepCancel), JET_errSuccess);
  EXPECT_JET(JetUpdate(s_[0], t_[0], nullptr, 0, nullptr), JET_errUpdateNotPrepared);
  EXPECT_JET(Seek(0, 8), JET_errRecordNotFound);
  // A cancelled replace leaves the record as it was.
  ASSERT_JET(Seek(0, 2));
  ASSERT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepReplace));
  ASSERT_JET(SetInt32(s_[0], t_[0], val_, 99));
  EXPECT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepCancel), JET_errSuccess);
  ExpectSees(0, base_, "after the cancels");
}

TEST_F(TransactionApiTest, NoCurrentRecord) {
  ASSERT_JET(JetSetCurrentIndexA(s_[0], t_[0], nullptr));
  ASSERT_JET(JetMove(s_[0], t_[0], JET_MoveFirst, 0));
  EXPECT_JET(JetMove(s_[0], t_[0], JET_MovePrevious, 0), JET_errNoCurrentRecord);
  EXPECT_JET(JetDelete(s_[0], t_[0]), JET_errNoCurrentRecord);
  EXPECT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepReplace), JET_errNoCurrentRecord);
  EXPECT_JET(Seek(0, 9), JET_errRecordNotFound);
  EXPECT_JET(JetDelete(s_[0], t_[0]), JET_errNoCurrentRecord);
  ExpectSees(0, base_, "after the failed calls");
}

TEST_F(TransactionApiTest, ReplaceMayNotChangeThePrimaryKey) {
  ASSERT_JET(Seek(0, 2));
  ASSERT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepReplace));
  ASSERT_JET(SetInt32(s_[0], t_[0], key_, 9));
  EXPECT_JET(JetUpdate(s_[0], t_[0], nullptr, 0, nullptr), JET_errRecordPrimaryChanged);
  EXPECT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepCancel), JET_errSuccess);
  ExpectSees(0, base_, "after the refused replace");
  // Setting the key to its own value is no change.
  ASSERT_JET(Seek(0, 2));
  ASSERT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepReplace));
  ASSERT_JET(SetInt32(s_[0], t_[0], key_, 2));
  ASSERT_JET(SetInt32(s_[0], t_[0], val_, 24));
  EXPECT_JET(JetUpdate(s_[0], t_[0], nullptr, 0, nullptr), JET_errSuccess);
  EXPECT_EQ(ValOf(1, 2), 24);
}

TEST_F(TransactionApiTest, NotNullColumnsMustBeSet) {
  ASSERT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepInsert));
  ASSERT_JET(SetInt32(s_[0], t_[0], key_, 7));
  ASSERT_JET(SetInt32(s_[0], t_[0], val_, 70));
  EXPECT_JET(JetUpdate(s_[0], t_[0], nullptr, 0, nullptr), JET_errNullInvalid);
  EXPECT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepCancel), JET_errSuccess);
  EXPECT_JET(Seek(0, 7), JET_errRecordNotFound);
  // Setting a fixed NOT NULL column to NULL is refused at once.
  ASSERT_JET(Seek(0, 2));
  ASSERT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepReplace));
  EXPECT_JET(JetSetColumn(s_[0], t_[0], req_, nullptr, 0, 0, nullptr), JET_errNullInvalid);
  EXPECT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepCancel), JET_errSuccess);
  ExpectSees(0, base_, "after the refused updates");
}

TEST_F(TransactionApiTest, DuplicatePrimaryKey) {
  ASSERT_JET(JetBeginTransaction(s_[0]));
  ASSERT_JET(Insert(0, 4, 40));
  ASSERT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepInsert));
  ASSERT_JET(SetInt32(s_[0], t_[0], key_, 2));
  ASSERT_JET(SetInt32(s_[0], t_[0], val_, 99));
  ASSERT_JET(SetInt32(s_[0], t_[0], req_, 1));
  EXPECT_JET(JetUpdate(s_[0], t_[0], nullptr, 0, nullptr), JET_errKeyDuplicate);
  // Still prepared: fixed and retried, it succeeds.
  ASSERT_JET(SetInt32(s_[0], t_[0], key_, 5));
  EXPECT_JET(JetUpdate(s_[0], t_[0], nullptr, 0, nullptr), JET_errSuccess);
  // A failed update does not undo the transaction's earlier work.
  ASSERT_JET(JetCommitTransaction(s_[0], 0));
  EXPECT_EQ(ValOf(1, 2), 20);
  EXPECT_EQ(ValOf(1, 4), 40);
  EXPECT_EQ(ValOf(1, 5), 99);
  // Also against a key inserted and committed by another session.
  EXPECT_JET(Insert(1, 4, 41), JET_errKeyDuplicate);
}

TEST_F(TransactionApiTest, ReadOnlyCursorsAndDatabasesRefuseUpdates) {
  JET_TABLEID ro = JET_tableidNil;
  ASSERT_JET(JetOpenTableA(s_[0], d_[0], "t", nullptr, 0, JET_bitTableReadOnly, &ro));
  EXPECT_JET(JetPrepareUpdate(s_[0], ro, JET_prepInsert), JET_errPermissionDenied);
  ASSERT_JET(SeekInt32(s_[0], ro, 2, JET_bitSeekEQ));
  EXPECT_JET(JetPrepareUpdate(s_[0], ro, JET_prepReplace), JET_errPermissionDenied);
  EXPECT_JET(JetDelete(s_[0], ro), JET_errPermissionDenied);
  ASSERT_JET(JetCloseTable(s_[0], ro));
  // The whole database attached read-only.
  for (int i = 0; i < kSessions; ++i) {
    ASSERT_JET(JetCloseTable(s_[i], t_[i]));
    ASSERT_JET(JetCloseDatabase(s_[i], d_[i], 0));
  }
  ASSERT_JET(JetDetachDatabaseA(s_[0], db_.c_str()));
  ASSERT_JET(JetAttachDatabaseA(s_[0], db_.c_str(), JET_bitDbReadOnly));
  ASSERT_JET(JetOpenDatabaseA(s_[0], db_.c_str(), nullptr, &d_[0], JET_bitDbReadOnly));
  ASSERT_JET(JetOpenTableA(s_[0], d_[0], "t", nullptr, 0, 0, &t_[0]));
  EXPECT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepInsert), JET_errPermissionDenied);
  ASSERT_JET(Seek(0, 2));
  EXPECT_JET(JetPrepareUpdate(s_[0], t_[0], JET_prepReplace), JET_errPermissionDenied);
  EXPECT_JET(JetDelete(s_[0], t_[0]), JET_errPermissionDenied);
  ASSERT_JET(JetBeginTransaction(s_[0]));
  ASSERT_JET(Seek(0, 2));
  EXPECT_JET(JetGetLock(s_[0], t_[0], JET_bitWriteLock), JET_errPermissionDenied);
  ASSERT_JET(JetCommitTransaction(s_[0], 0));
  ExpectSees(0, base_, "read-only");
}

// --- One session, one thread at a time -----------------------------------------------

// While one thread is inside an update call of a session, another thread's
// call with the same session fails with JET_errSessionSharingViolation and
// does nothing; the calls of the updating thread are retried until they get
// through. Timing decides which calls collide: inserts with 256 KiB long
// values keep the session busy most of the time, and the test runs until a
// collision was seen (at most 20 s).
TEST_F(TransactionApiTest, SessionSharingViolationDuringUpdates) {
  JET_TABLEID second = JET_tableidNil;  // the other thread's cursor, same session
  ASSERT_JET(JetOpenTableA(s_[0], d_[0], "t", nullptr, 0, 0, &second));
  const Bytes big = Pattern(5, 256 * 1024);
  std::atomic<bool> done{false};
  std::atomic<int> violations{0};
  std::string writer_error;
  std::string reader_error;
  int inserted = 0;
  auto retry = [&](auto call) {
    for (;;) {
      const JET_ERR err = call();
      if (err != JET_errSessionSharingViolation) return err;
      violations.fetch_add(1);
    }
  };
  std::thread writer([&] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (int32_t key = 100; std::chrono::steady_clock::now() < deadline; ++key) {
      JET_ERR err = retry([&] { return JetPrepareUpdate(s_[0], t_[0], JET_prepInsert); });
      if (err >= 0) err = retry([&] { return SetInt32(s_[0], t_[0], key_, key); });
      if (err >= 0) err = retry([&] { return SetInt32(s_[0], t_[0], req_, 1); });
      if (err >= 0) {
        err = retry([&] {
          return JetSetColumn(s_[0], t_[0], lv_, big.data(), static_cast<unsigned long>(big.size()),
                              0, nullptr);
        });
      }
      if (err >= 0) err = retry([&] { return JetUpdate(s_[0], t_[0], nullptr, 0, nullptr); });
      if (err < 0) {
        writer_error = "insert of key " + std::to_string(key) + ": " + JetErrText(err);
        break;
      }
      ++inserted;
      if (violations.load() > 0 && inserted >= 4) break;
    }
    done.store(true);
  });
  std::thread reader([&] {
    while (!done.load()) {
      const JET_ERR err = JetMove(s_[0], second, JET_MoveFirst, 0);
      if (err == JET_errSessionSharingViolation) {
        violations.fetch_add(1);
      } else if (err < 0) {
        reader_error = "JetMove: " + JetErrText(err);
        break;
      }
    }
  });
  writer.join();
  reader.join();
  EXPECT_EQ(writer_error, "");
  EXPECT_EQ(reader_error, "");
  EXPECT_GT(violations.load(), 0) << "no call ever met the other thread inside the session";
  // Every insert that got through is there, once.
  const std::vector<Rec> all = Scan(1);
  EXPECT_EQ(all.size(), base_.size() + static_cast<size_t>(inserted));
  ASSERT_JET(JetCloseTable(s_[0], second));
}

}  // namespace
}  // namespace jet::api_test
