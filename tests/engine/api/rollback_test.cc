// Transactions through the C API (api/transaction_api.cc): rollback of
// inserts, replaces and deletes (records, secondary index entries, long
// values), nested levels, JET_bitRollbackAll, the level limits, the
// rollback at JetEndSession and JetTerm, and the basics of snapshot reads
// and write conflicts between two sessions.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "btree/cursor.h"
#include "database/attach_registry.h"
#include "write_test_util.h"

namespace jet::write_test {
namespace {

class RollbackTest : public WriteTest {
 protected:
  void SetUp() override {
    WriteTest::SetUp();
    t_ = CreateTable("t",
                     {Col("k", JET_coltypLong, JET_bitColumnNotNULL), Col("v", JET_coltypText),
                      Col("lv", JET_coltypLongBinary)},
                     {Idx("pk", "+k\0", 4, JET_bitIndexPrimary), Idx("v", "+v\0", 4)});
    k_ = ColumnId(t_, "k");
    v_ = ColumnId(t_, "v");
    lv_ = ColumnId(t_, "lv");
  }
  JET_ERR Put(int32_t k, const std::string& v, size_t lv_size = 0, JET_SESID s = 0,
              JET_TABLEID t = 0) {
    std::vector<std::pair<JET_COLUMNID, std::vector<uint8_t>>> values = {{k_, Bytes(k)},
                                                                         {v_, Bytes(v)}};
    if (lv_size > 0) values.push_back({lv_, std::vector<uint8_t>(lv_size, static_cast<uint8_t>(k))});
    return Insert(t ? t : t_, values, s);
  }
  JET_ERR SetV(int32_t k, const std::string& v, JET_SESID s = 0, JET_TABLEID t = 0,
               unsigned long prep = JET_prepReplace) {
    const JET_SESID ses = s ? s : sesid_;
    const JET_TABLEID tab = t ? t : t_;
    if (JET_ERR err = SeekEq(tab, Bytes(k), ses); err < 0) return err;
    if (JET_ERR err = JetPrepareUpdate(ses, tab, prep); err < 0) return err;
    if (JET_ERR err = JetSetColumn(ses, tab, v_, v.data(), static_cast<unsigned long>(v.size()), 0,
                                   nullptr);
        err < 0) {
      return err;
    }
    const JET_ERR err = JetUpdate(ses, tab, nullptr, 0, nullptr);
    if (err < 0) (void)JetPrepareUpdate(ses, tab, JET_prepCancel);
    return err;
  }
  JET_ERR Del(int32_t k, JET_SESID s = 0, JET_TABLEID t = 0) {
    const JET_SESID ses = s ? s : sesid_;
    const JET_TABLEID tab = t ? t : t_;
    if (JET_ERR err = SeekEq(tab, Bytes(k), ses); err < 0) return err;
    return JetDelete(ses, tab);
  }
  // "k=v" for every record by the primary index, then the v index's order.
  std::string Dump(JET_SESID s = 0, JET_TABLEID t = 0) {
    const JET_SESID ses = s ? s : sesid_;
    const JET_TABLEID tab = t ? t : t_;
    std::string out;
    EXPECT_EQ(JetSetCurrentIndexA(ses, tab, nullptr), JET_errSuccess);
    for (JET_ERR err = JetMove(ses, tab, JET_MoveFirst, 0); err >= 0;
         err = JetMove(ses, tab, JET_MoveNext, 0)) {
      const auto v = Retrieve(ses, tab, v_);
      out += std::to_string(As<int32_t>(Retrieve(ses, tab, k_))) + "=" +
             (v ? std::string(v->begin(), v->end()) : "") + " ";
    }
    out += "|";
    EXPECT_EQ(JetSetCurrentIndexA(ses, tab, "v"), JET_errSuccess);
    for (JET_ERR err = JetMove(ses, tab, JET_MoveFirst, 0); err >= 0;
         err = JetMove(ses, tab, JET_MoveNext, 0)) {
      out += " " + std::to_string(As<int32_t>(Retrieve(ses, tab, k_)));
    }
    EXPECT_EQ(JetSetCurrentIndexA(ses, tab, nullptr), JET_errSuccess);
    return out;
  }
  int LvNodes() {
    std::shared_ptr<Database> db = AttachRegistry::Get().FindWritable(instance_, dbid_);
    const TableDef* def = db->FindTable("t");
    BTree tree;
    if (db->OpenTree(def->long_values->pgno_fdp, def->long_values->objid, &tree) < 0) return -1;
    Cursor c(tree, CursorOptions{true, false, 0});
    int n = 0;
    for (JET_ERR err = c.MoveFirst(); err >= 0; err = c.MoveNext()) ++n;
    return n;
  }
  // A second session with the table open.
  void Second(JET_SESID* s, JET_TABLEID* t) {
    ASSERT_EQ(JetBeginSessionA(instance_, s, "", ""), JET_errSuccess);
    JET_DBID d = 0;
    ASSERT_GE(JetOpenDatabaseA(*s, path_.c_str(), nullptr, &d, 0), 0);
    ASSERT_EQ(JetOpenTableA(*s, d, "t", nullptr, 0, 0, t), JET_errSuccess);
  }

  JET_TABLEID t_ = 0;
  JET_COLUMNID k_ = 0, v_ = 0, lv_ = 0;
};

TEST_F(RollbackTest, RollbackUndoesEveryKindOfChange) {
  ASSERT_EQ(Put(1, "a", 5000), JET_errSuccess);
  ASSERT_EQ(Put(2, "b"), JET_errSuccess);
  ASSERT_EQ(Put(3, "c", 3000), JET_errSuccess);
  const std::string before = Dump();
  const int lv_before = LvNodes();
  EXPECT_EQ(before, "1=a 2=b 3=c | 1 2 3");

  ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess);
  ASSERT_EQ(Put(4, "0", 7000), JET_errSuccess);
  ASSERT_EQ(SetV(2, "z"), JET_errSuccess);
  ASSERT_EQ(Del(1), JET_errSuccess);
  // A replace of a long value and a delete of a record that has one.
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{3})), JET_errSuccess);
  ASSERT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepReplace), JET_errSuccess);
  ASSERT_EQ(JetSetColumn(sesid_, t_, lv_, "xyz", 3, 0, nullptr), JET_errSuccess);
  ASSERT_EQ(JetUpdate(sesid_, t_, nullptr, 0, nullptr), JET_errSuccess);
  ASSERT_EQ(Put(5, "e"), JET_errSuccess);
  ASSERT_EQ(Del(5), JET_errSuccess);
  // The transaction sees its own changes.
  EXPECT_EQ(Dump(), "2=z 3=c 4=0 | 4 3 2");
  ASSERT_EQ(JetRollback(sesid_, 0), JET_errSuccess);
  EXPECT_EQ(Dump(), before);
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{1})), JET_errSuccess);
  EXPECT_EQ(Retrieve(sesid_, t_, lv_), std::vector<uint8_t>(5000, 1));
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{3})), JET_errSuccess);
  EXPECT_EQ(Retrieve(sesid_, t_, lv_), std::vector<uint8_t>(3000, 3));
  EXPECT_EQ(SeekEq(t_, Bytes(int32_t{4})), JET_errRecordNotFound);
  // The rolled-back insert's LV nodes are gone once cleaned up.
  EXPECT_EQ(LvNodes(), lv_before);
  EXPECT_EQ(JetRollback(sesid_, 0), JET_errNotInTransaction);
  EXPECT_EQ(JetCommitTransaction(sesid_, 0), JET_errNotInTransaction);
}

TEST_F(RollbackTest, NestedLevelsAndRollbackAll) {
  ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess);
  ASSERT_EQ(Put(1, "a"), JET_errSuccess);
  ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess);
  ASSERT_EQ(Put(2, "b"), JET_errSuccess);
  ASSERT_EQ(SetV(1, "A"), JET_errSuccess);
  ASSERT_EQ(JetRollback(sesid_, 0), JET_errSuccess);  // level 2 only
  EXPECT_EQ(Dump(), "1=a | 1");
  ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess);
  ASSERT_EQ(Put(3, "c"), JET_errSuccess);
  ASSERT_EQ(JetCommitTransaction(sesid_, 0), JET_errSuccess);  // into level 1
  ASSERT_EQ(JetCommitTransaction(sesid_, 0), JET_errSuccess);
  EXPECT_EQ(Dump(), "1=a 3=c | 1 3");

  // Seven levels; the eighth is refused; RollbackAll undoes them all.
  for (int level = 1; level <= 7; ++level) {
    ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess) << level;
    ASSERT_EQ(Put(10 + level, "n"), JET_errSuccess);
  }
  EXPECT_EQ(JetBeginTransaction(sesid_), JET_errTransTooDeep);
  // At level 7 an update runs without a level of its own; a duplicate still
  // changes nothing (its checks come first).
  EXPECT_EQ(Put(11, "dup"), JET_errKeyDuplicate);
  ASSERT_EQ(SetV(1, "deep"), JET_errSuccess);
  ASSERT_EQ(JetRollback(sesid_, JET_bitRollbackAll), JET_errSuccess);
  EXPECT_EQ(Dump(), "1=a 3=c | 1 3");
  EXPECT_EQ(JetRollback(sesid_, 0x10), JET_errInvalidGrbit);

  // A read-only transaction refuses updates.
  ASSERT_EQ(JetBeginTransaction2(sesid_, JET_bitTransactionReadOnly), JET_errSuccess);
  EXPECT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepInsert), JET_errTransReadOnly);
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{1})), JET_errSuccess);
  EXPECT_EQ(JetDelete(sesid_, t_), JET_errTransReadOnly);
  ASSERT_EQ(JetCommitTransaction(sesid_, 0), JET_errSuccess);

  JET_COMMIT_ID id{};
  ASSERT_EQ(JetBeginTransaction2(sesid_, 0), JET_errSuccess);
  ASSERT_EQ(Del(3), JET_errSuccess);
  ASSERT_EQ(JetCommitTransaction2(sesid_, JET_bitCommitLazyFlush, 0, &id), JET_errSuccess);
  EXPECT_GT(id.commitId, 0);
  EXPECT_EQ(Dump(), "1=a | 1");
}

TEST_F(RollbackTest, EndSessionAndTermRollBack) {
  ASSERT_EQ(Put(1, "a"), JET_errSuccess);
  JET_SESID s2 = 0;
  JET_TABLEID t2 = 0;
  Second(&s2, &t2);
  ASSERT_EQ(JetBeginTransaction(s2), JET_errSuccess);
  ASSERT_EQ(Put(2, "b", 0, s2, t2), JET_errSuccess);
  ASSERT_EQ(Del(1, s2, t2), JET_errSuccess);
  ASSERT_EQ(JetEndSession(s2, 0), JET_errSuccess);
  EXPECT_EQ(Dump(), "1=a | 1");

  // No detach inside a transaction.
  ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess);
  EXPECT_EQ(JetDetachDatabaseA(sesid_, path_.c_str()), JET_errInTransaction);
  ASSERT_EQ(JetCommitTransaction(sesid_, 0), JET_errSuccess);

  // JetTerm with a transaction open: rolled back, the file clean.
  ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess);
  ASSERT_EQ(Put(3, "c", 2000), JET_errSuccess);
  ASSERT_EQ(JetTerm(instance_), JET_errSuccess);
  ASSERT_EQ(JetCreateInstanceA(&instance_, "write2"), JET_errSuccess);
  ASSERT_EQ(JetInit(&instance_), JET_errSuccess);
  ASSERT_EQ(JetBeginSessionA(instance_, &sesid_, "", ""), JET_errSuccess);
  Attach();
  t_ = Open("t");
  EXPECT_EQ(Dump(), "1=a | 1");
  EXPECT_EQ(LvNodes(), 0);
}

TEST_F(RollbackTest, SnapshotsAndWriteConflicts) {
  ASSERT_EQ(Put(1, "a"), JET_errSuccess);
  ASSERT_EQ(Put(2, "b"), JET_errSuccess);
  JET_SESID s2 = 0;
  JET_TABLEID t2 = 0;
  Second(&s2, &t2);
  // s2's transaction reads as of its begin.
  ASSERT_EQ(JetBeginTransaction(s2), JET_errSuccess);
  EXPECT_EQ(Dump(s2, t2), "1=a 2=b | 1 2");
  // Uncommitted changes of the first session are invisible to s2...
  ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess);
  ASSERT_EQ(Put(3, "c"), JET_errSuccess);
  ASSERT_EQ(SetV(1, "x"), JET_errSuccess);
  ASSERT_EQ(Del(2), JET_errSuccess);
  EXPECT_EQ(Dump(), "1=x 3=c | 3 1");
  EXPECT_EQ(Dump(s2, t2), "1=a 2=b | 1 2");
  // ...and so are they once committed after s2 began.
  ASSERT_EQ(JetCommitTransaction(sesid_, 0), JET_errSuccess);
  EXPECT_EQ(Dump(s2, t2), "1=a 2=b | 1 2");
  ASSERT_EQ(SeekEq(t2, Bytes(int32_t{2}), s2), JET_errSuccess);
  unsigned long count = 0;
  ASSERT_EQ(JetMove(s2, t2, JET_MoveFirst, 0), JET_errSuccess);
  ASSERT_EQ(JetIndexRecordCount(s2, t2, &count, 0), JET_errSuccess);
  EXPECT_EQ(count, 2u);
  // s2 writing a record changed after its begin: a write conflict.
  EXPECT_EQ(SetV(1, "y", s2, t2), JET_errWriteConflict);
  // An insert of a key changed after s2's begin: ESE's inserts turn the
  // write conflict into JET_errKeyDuplicate (ErrBTInsert).
  EXPECT_EQ(Put(3, "y", 0, s2, t2), JET_errKeyDuplicate);
  ASSERT_EQ(JetCommitTransaction(s2, 0), JET_errSuccess);
  // Outside a transaction s2 reads now.
  EXPECT_EQ(Dump(s2, t2), "1=x 3=c | 3 1");

  // Locks: JetGetLock and JET_prepReplace make the other writer conflict;
  // JET_prepReplaceNoLock does not lock.
  EXPECT_EQ(JetGetLock(sesid_, t_, JET_bitWriteLock), JET_errNotInTransaction);
  ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess);
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{1})), JET_errSuccess);
  ASSERT_EQ(JetGetLock(sesid_, t_, JET_bitReadLock), JET_errSuccess);
  EXPECT_EQ(SetV(1, "q", s2, t2), JET_errWriteConflict);
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{3})), JET_errSuccess);
  ASSERT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepReplace), JET_errSuccess);
  EXPECT_EQ(SetV(3, "q", s2, t2), JET_errWriteConflict);
  ASSERT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepCancel), JET_errSuccess);
  ASSERT_EQ(JetCommitTransaction(sesid_, 0), JET_errSuccess);
  ASSERT_EQ(JetBeginTransaction(sesid_), JET_errSuccess);
  ASSERT_EQ(SeekEq(t_, Bytes(int32_t{3})), JET_errSuccess);
  ASSERT_EQ(JetPrepareUpdate(sesid_, t_, JET_prepReplaceNoLock), JET_errSuccess);
  EXPECT_EQ(SetV(3, "r", s2, t2), JET_errSuccess);
  // The session's own update now conflicts with the committed change.
  ASSERT_EQ(JetSetColumn(sesid_, t_, v_, "s", 1, 0, nullptr), JET_errSuccess);
  EXPECT_EQ(JetUpdate(sesid_, t_, nullptr, 0, nullptr), JET_errWriteConflict);
  ASSERT_EQ(JetRollback(sesid_, 0), JET_errSuccess);
  EXPECT_EQ(Dump(), "1=x 3=r | 3 1");
  ASSERT_EQ(JetEndSession(s2, 0), JET_errSuccess);
}

// A delete committed while an older transaction still reads the record:
// the node stays (flag-deleted) for that reader, and goes once it ends.
TEST_F(RollbackTest, CommittedDeletesWaitForOlderReaders) {
  ASSERT_EQ(Put(1, "a"), JET_errSuccess);
  ASSERT_EQ(Put(2, "b", 3000), JET_errSuccess);
  JET_SESID s2 = 0;
  JET_TABLEID t2 = 0;
  Second(&s2, &t2);
  ASSERT_EQ(JetBeginTransaction(s2), JET_errSuccess);
  ASSERT_EQ(Del(2), JET_errSuccess);
  EXPECT_EQ(Dump(), "1=a | 1");
  EXPECT_EQ(Dump(s2, t2), "1=a 2=b | 1 2");
  ASSERT_EQ(SeekEq(t2, Bytes(int32_t{2}), s2), JET_errSuccess);
  EXPECT_EQ(Retrieve(s2, t2, lv_), std::vector<uint8_t>(3000, 2));
  EXPECT_EQ(LvNodes(), 3);  // still there for s2 (root and two chunks)
  // The key can be inserted again meanwhile; s2 still sees the old record.
  ASSERT_EQ(Put(2, "new"), JET_errSuccess);
  EXPECT_EQ(Dump(s2, t2), "1=a 2=b | 1 2");
  EXPECT_EQ(Dump(), "1=a 2=new | 1 2");
  ASSERT_EQ(JetEndSession(s2, 0), JET_errSuccess);
  EXPECT_EQ(LvNodes(), 0);
  EXPECT_EQ(Dump(), "1=a 2=new | 1 2");
}

// Four sessions on four threads insert, replace and delete overlapping keys
// in small transactions, rolling back on write conflicts (and now and then
// on purpose). Afterwards every index agrees with the table, and the LV tree
// holds exactly the values the records reference. Seed: JET_TEST_SEED.
TEST_F(RollbackTest, ConcurrentWritersKeepEverythingConsistent) {
  const char* env = std::getenv("JET_TEST_SEED");
  const uint32_t seed = env != nullptr ? static_cast<uint32_t>(std::stoul(env)) : 12345u;
  std::printf("seed %u (JET_TEST_SEED)\n", seed);
  constexpr int kThreads = 4;
  std::atomic<int> unexpected{0};
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int th = 0; th < kThreads; ++th) {
    threads.emplace_back([&, th] {
      std::mt19937 rng(seed + static_cast<uint32_t>(th));
      JET_SESID s = 0;
      JET_TABLEID t = 0;
      Second(&s, &t);
      for (int round = 0; round < 150; ++round) {
        if (JetBeginTransaction(s) < 0) ++unexpected;
        JET_ERR err = JET_errSuccess;
        for (int op = 0; op < 4 && err >= 0; ++op) {
          const int32_t k = static_cast<int32_t>(rng() % 40);
          const std::string v = "v" + std::to_string(rng() % 10);
          switch (rng() % 3) {
            case 0:
              err = Put(k, v, rng() % 4 == 0 ? 1500 : 0, s, t);
              if (err == JET_errKeyDuplicate) err = JET_errSuccess;
              break;
            case 1:
              err = SetV(k, v, s, t);
              if (err == JET_errRecordNotFound) err = JET_errSuccess;
              break;
            default:
              err = Del(k, s, t);
              if (err == JET_errRecordNotFound) err = JET_errSuccess;
              break;
          }
        }
        if (err == JET_errWriteConflict) ++conflicts;
        if (err < 0 && err != JET_errWriteConflict) ++unexpected;
        if (err < 0 || rng() % 8 == 0) {
          if (JetRollback(s, 0) < 0) ++unexpected;
        } else if (JetCommitTransaction(s, 0) < 0) {
          ++unexpected;
        }
      }
      (void)JetEndSession(s, 0);
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(unexpected.load(), 0);
  std::printf("%d write conflicts\n", conflicts.load());
  // Every record is in the v index once, and every LV node belongs to a
  // record's value (each 1500-byte value: a root and one chunk).
  const std::string dump = Dump();
  const size_t bar = dump.find('|');
  const int records = static_cast<int>(std::count(dump.begin(), dump.begin() + static_cast<long>(bar), '='));
  const int entries = static_cast<int>(std::count(dump.begin() + static_cast<long>(bar), dump.end(), ' '));
  EXPECT_EQ(records, entries) << dump;
  int lv_values = 0;
  for (JET_ERR err = JetMove(sesid_, t_, JET_MoveFirst, 0); err >= 0;
       err = JetMove(sesid_, t_, JET_MoveNext, 0)) {
    const auto lv = Retrieve(sesid_, t_, lv_);
    if (lv) {
      ++lv_values;
      EXPECT_EQ(lv->size(), 1500u);
    }
  }
  EXPECT_EQ(LvNodes(), 2 * lv_values);
}

}  // namespace
}  // namespace jet::write_test
