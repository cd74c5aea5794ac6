// TransactionManager: levels and their errors, nested commit/rollback,
// undo actions, the cleanup horizon.
#include "txn/transaction_manager.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "fake_tree.h"

namespace jet {
namespace {

using txn_test::FakeTree;

TEST(TransactionManagerTest, LevelsAndErrors) {
  TransactionManager tm;
  FakeTree tree(&tm.versions());
  Transaction t;
  EXPECT_EQ(JET_errNotInTransaction, tm.Commit(t));
  EXPECT_EQ(JET_errNotInTransaction, tm.Rollback(t, tree));
  EXPECT_EQ(JET_errNotInTransaction, tm.AddUndo(t, [] { return JET_errSuccess; }));
  EXPECT_EQ(JET_errNotInTransaction, tree.Insert(t, "k", "v"));
  for (int i = 1; i <= 7; ++i) {
    ASSERT_EQ(JET_errSuccess, tm.Begin(t));
    EXPECT_EQ(i, t.level());
  }
  EXPECT_EQ(JET_errTransTooDeep, tm.Begin(t));
  EXPECT_EQ(7, t.level());
  EXPECT_EQ(1u, tm.active_transactions());
  for (int i = 7; i >= 1; --i) ASSERT_EQ(JET_errSuccess, tm.Commit(t));
  EXPECT_FALSE(t.active());
  EXPECT_EQ(0u, tm.active_transactions());
  EXPECT_EQ(JET_errNotInTransaction, tm.Commit(t));
}

TEST(TransactionManagerTest, ClockOrdersBeginsAndCommits) {
  TransactionManager tm;
  Transaction a, b;
  ASSERT_EQ(JET_errSuccess, tm.Begin(a));
  const TrxTime a_begin = a.begin_time();
  ASSERT_EQ(JET_errSuccess, tm.Begin(b));
  EXPECT_GT(b.begin_time(), a_begin);
  EXPECT_NE(a.id(), b.id());
  EXPECT_EQ(a_begin, tm.CleanupHorizon());
  ASSERT_EQ(JET_errSuccess, tm.Commit(a));
  EXPECT_GT(a.last_commit_time(), b.begin_time());
  EXPECT_EQ(b.begin_time(), tm.CleanupHorizon());
  ASSERT_EQ(JET_errSuccess, tm.Commit(b));
  EXPECT_GT(tm.CleanupHorizon(), b.last_commit_time());
}

TEST(TransactionManagerTest, RollbackOfLevel3KeepsLevel2) {
  TransactionManager tm;
  FakeTree tree(&tm.versions());
  Transaction t;
  ASSERT_EQ(JET_errSuccess, tm.Begin(t));
  ASSERT_EQ(JET_errSuccess, tree.Insert(t, "k", "L1"));
  ASSERT_EQ(JET_errSuccess, tm.Begin(t));
  ASSERT_EQ(JET_errSuccess, tree.Replace(t, "k", "L2"));
  ASSERT_EQ(JET_errSuccess, tree.Insert(t, "m", "L2"));
  ASSERT_EQ(JET_errSuccess, tm.Begin(t));
  ASSERT_EQ(JET_errSuccess, tree.Replace(t, "k", "L3"));
  ASSERT_EQ(JET_errSuccess, tree.Delete(t, "m"));
  ASSERT_EQ(JET_errSuccess, tree.Insert(t, "n", "L3"));
  EXPECT_EQ("L3", tree.Read(t.snapshot(), "k"));
  ASSERT_EQ(JET_errSuccess, tm.Rollback(t, tree));
  EXPECT_EQ(2, t.level());
  EXPECT_EQ("L2", tree.Read(t.snapshot(), "k"));
  EXPECT_EQ("L2", tree.Read(t.snapshot(), "m"));
  EXPECT_EQ(std::nullopt, tree.Read(t.snapshot(), "n"));
  // Others still see nothing of it.
  EXPECT_EQ(std::nullopt, tree.Read(Snapshot{}, "k"));
  ASSERT_EQ(JET_errSuccess, tm.Rollback(t, tree));
  EXPECT_EQ("L1", tree.Read(t.snapshot(), "k"));
  EXPECT_EQ(std::nullopt, tree.Read(t.snapshot(), "m"));
  ASSERT_EQ(JET_errSuccess, tm.Commit(t));
  EXPECT_EQ("L1", tree.Read(Snapshot{}, "k"));
  ASSERT_EQ(JET_errSuccess, tm.Cleanup(tree));
  EXPECT_EQ(0u, tm.versions().version_count());
  EXPECT_FALSE(tree.Stored("m"));
  EXPECT_FALSE(tree.Stored("n"));
}

TEST(TransactionManagerTest, CommitMergesIntoTheOuterLevel) {
  TransactionManager tm;
  FakeTree tree(&tm.versions());
  Transaction setup;
  ASSERT_EQ(JET_errSuccess, tm.Begin(setup));
  ASSERT_EQ(JET_errSuccess, tree.Insert(setup, "k", "v0"));
  ASSERT_EQ(JET_errSuccess, tm.Commit(setup));
  ASSERT_EQ(JET_errSuccess, tm.Cleanup(tree));

  Transaction t;
  ASSERT_EQ(JET_errSuccess, tm.Begin(t));
  ASSERT_EQ(JET_errSuccess, tm.versions().Lock(t, tree.Key("k")));  // level 1: lock only
  ASSERT_EQ(JET_errSuccess, tm.Begin(t));
  ASSERT_EQ(JET_errSuccess, tree.Replace(t, "k", "v2"));
  ASSERT_EQ(JET_errSuccess, tm.Begin(t));
  ASSERT_EQ(JET_errSuccess, tree.Replace(t, "k", "v3"));
  ASSERT_EQ(JET_errSuccess, tree.Insert(t, "n", "n3"));
  ASSERT_EQ(JET_errSuccess, tm.Commit(t));  // 3 -> 2
  ASSERT_EQ(JET_errSuccess, tm.Commit(t));  // 2 -> 1
  EXPECT_EQ(1, t.level());
  // One version per node after the merges.
  EXPECT_EQ(2u, tm.versions().version_count());
  EXPECT_EQ("v0", tree.Read(Snapshot{}, "k"));
  // Rolling back level 1 undoes all the merged levels.
  ASSERT_EQ(JET_errSuccess, tm.Rollback(t, tree));
  EXPECT_EQ("v0", tree.Read(Snapshot{}, "k"));
  EXPECT_FALSE(tree.Stored("n"));
  EXPECT_EQ(0u, tm.versions().version_count());
}

TEST(TransactionManagerTest, UndoActionsRunNewestFirstWithNodeRestores) {
  TransactionManager tm;
  FakeTree tree(&tm.versions());
  std::vector<std::string> log;
  Transaction t;
  ASSERT_EQ(JET_errSuccess, tm.Begin(t));
  ASSERT_EQ(JET_errSuccess, tm.AddUndo(t, [&] {
    log.push_back("outer");
    return JET_errSuccess;
  }));
  ASSERT_EQ(JET_errSuccess, tm.Begin(t));
  ASSERT_EQ(JET_errSuccess, tm.AddUndo(t, [&] {
    log.push_back(std::string("first, k ") + (tree.Stored("k") ? "present" : "gone"));
    return JET_errSuccess;
  }));
  ASSERT_EQ(JET_errSuccess, tree.Insert(t, "k", "v"));
  ASSERT_EQ(JET_errSuccess, tm.AddUndo(t, [&] {
    log.push_back("second");
    return JET_errSuccess;
  }));
  ASSERT_EQ(JET_errSuccess, tm.Commit(t));  // actions move to level 1
  ASSERT_EQ(JET_errSuccess, tm.Rollback(t, tree));
  EXPECT_EQ((std::vector<std::string>{"second", "first, k gone", "outer"}), log);

  // A failing action stops the rollback; the level stays.
  log.clear();
  ASSERT_EQ(JET_errSuccess, tm.Begin(t));
  bool fail = true;
  ASSERT_EQ(JET_errSuccess, tm.AddUndo(t, [&] { return fail ? JET_errOutOfMemory : JET_errSuccess; }));
  EXPECT_EQ(JET_errOutOfMemory, tm.Rollback(t, tree));
  EXPECT_EQ(1, t.level());
  fail = false;
  EXPECT_EQ(JET_errSuccess, tm.Rollback(t, tree));
  EXPECT_FALSE(t.active());
  EXPECT_TRUE(log.empty());
}

}  // namespace
}  // namespace jet
