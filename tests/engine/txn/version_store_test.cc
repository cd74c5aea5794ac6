// VersionStore through a fake tree: what readers with older snapshots see,
// write conflicts, cleanup of versions and of flag-deleted nodes, the
// memory limit, the cheap per-tree check.
#include "txn/version_store.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "fake_tree.h"
#include "txn/transaction_manager.h"

namespace jet {
namespace {

using txn_test::B;
using txn_test::FakeTree;

class VersionStoreTest : public ::testing::Test {
 protected:
  // Commits "k" = v in its own transaction.
  void Put(const std::string& k, const std::string& v) {
    Transaction t;
    ASSERT_EQ(JET_errSuccess, tm_.Begin(t));
    JET_ERR err = tree_.Insert(t, k, v);
    if (err == JET_errKeyDuplicate) err = tree_.Replace(t, k, v);
    ASSERT_EQ(JET_errSuccess, err);
    ASSERT_EQ(JET_errSuccess, tm_.Commit(t));
  }

  TransactionManager tm_;
  FakeTree tree_{&tm_.versions()};
};

TEST_F(VersionStoreTest, OlderSnapshotKeepsSeeingOldData) {
  Put("a", "a1");
  Put("d", "d1");
  Transaction reader;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(reader));

  Transaction w;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(w));
  ASSERT_EQ(JET_errSuccess, tree_.Replace(w, "a", "a2"));
  ASSERT_EQ(JET_errSuccess, tree_.Insert(w, "i", "i1"));
  ASSERT_EQ(JET_errSuccess, tree_.Delete(w, "d"));
  // The writer sees its own changes, nobody else does yet.
  EXPECT_EQ("a2", tree_.Read(w.snapshot(), "a"));
  EXPECT_EQ("i1", tree_.Read(w.snapshot(), "i"));
  EXPECT_EQ(std::nullopt, tree_.Read(w.snapshot(), "d"));
  EXPECT_EQ("a1", tree_.Read(Snapshot{}, "a"));
  EXPECT_EQ(std::nullopt, tree_.Read(Snapshot{}, "i"));
  EXPECT_EQ("d1", tree_.Read(Snapshot{}, "d"));
  ASSERT_EQ(JET_errSuccess, tm_.Commit(w));

  // Begun before the commit: the old state, inserted-then-invisible and
  // deleted-but-still-visible included.
  EXPECT_EQ("a1", tree_.Read(reader.snapshot(), "a"));
  EXPECT_EQ(std::nullopt, tree_.Read(reader.snapshot(), "i"));
  EXPECT_EQ("d1", tree_.Read(reader.snapshot(), "d"));
  // Outside a transaction and in a new one: the commit.
  Transaction later;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(later));
  for (const Snapshot& s : {Snapshot{}, later.snapshot()}) {
    EXPECT_EQ("a2", tree_.Read(s, "a"));
    EXPECT_EQ("i1", tree_.Read(s, "i"));
    EXPECT_EQ(std::nullopt, tree_.Read(s, "d"));
  }
  ASSERT_EQ(JET_errSuccess, tm_.Commit(later));
  ASSERT_EQ(JET_errSuccess, tm_.Commit(reader));
}

TEST_F(VersionStoreTest, ChainOfCommitsEachSnapshotSeesItsOwn) {
  Put("k", "v1");
  Transaction r1;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(r1));
  Put("k", "v2");
  Transaction r2;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(r2));
  Put("k", "v3");
  EXPECT_EQ("v1", tree_.Read(r1.snapshot(), "k"));
  EXPECT_EQ("v2", tree_.Read(r2.snapshot(), "k"));
  EXPECT_EQ("v3", tree_.Read(Snapshot{}, "k"));
  ASSERT_EQ(JET_errSuccess, tm_.Commit(r1));
  ASSERT_EQ(JET_errSuccess, tm_.Cleanup(tree_));
  EXPECT_EQ("v2", tree_.Read(r2.snapshot(), "k"));
  ASSERT_EQ(JET_errSuccess, tm_.Commit(r2));
}

TEST_F(VersionStoreTest, WriteConflictWithUncommittedWriter) {
  Put("k", "v1");
  Transaction a, b;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(a));
  ASSERT_EQ(JET_errSuccess, tm_.Begin(b));
  ASSERT_EQ(JET_errSuccess, tree_.Replace(a, "k", "a"));
  EXPECT_EQ(JET_errWriteConflict, tree_.Replace(b, "k", "b"));
  EXPECT_EQ(JET_errWriteConflict, tree_.Delete(b, "k"));
  // A second change by the owner is fine.
  EXPECT_EQ(JET_errSuccess, tree_.Replace(a, "k", "a2"));
  ASSERT_EQ(JET_errSuccess, tm_.Rollback(a, tree_));
  // Rolled back: no conflict any more.
  EXPECT_EQ(JET_errSuccess, tree_.Replace(b, "k", "b"));
  ASSERT_EQ(JET_errSuccess, tm_.Commit(b));
  EXPECT_EQ("b", tree_.Read(Snapshot{}, "k"));
}

TEST_F(VersionStoreTest, WriteConflictWithCommitAfterMyBegin) {
  Put("k", "v1");
  Transaction mine;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(mine));
  Put("k", "v2");  // commits after mine began
  EXPECT_EQ(JET_errWriteConflict, tree_.Replace(mine, "k", "x"));
  // Another node is fine; a transaction begun after the commit is fine.
  EXPECT_EQ(JET_errSuccess, tree_.Insert(mine, "other", "o"));
  ASSERT_EQ(JET_errSuccess, tm_.Commit(mine));
  Transaction later;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(later));
  EXPECT_EQ(JET_errSuccess, tree_.Replace(later, "k", "v3"));
  ASSERT_EQ(JET_errSuccess, tm_.Commit(later));
}

TEST_F(VersionStoreTest, LockMakesLaterWritersConflict) {
  Put("k", "v1");
  Transaction a, b;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(a));
  ASSERT_EQ(JET_errSuccess, tm_.Begin(b));
  ASSERT_EQ(JET_errSuccess, tm_.versions().Lock(a, tree_.Key("k")));
  EXPECT_EQ("v1", tree_.Read(b.snapshot(), "k"));  // a lock changes nothing
  EXPECT_EQ(JET_errWriteConflict, tree_.Replace(b, "k", "b"));
  ASSERT_EQ(JET_errSuccess, tm_.Commit(a));
  // Committed after b began: still a conflict for b (ESE's rule).
  EXPECT_EQ(JET_errWriteConflict, tree_.Replace(b, "k", "b"));
  ASSERT_EQ(JET_errSuccess, tm_.Rollback(b, tree_));
}

TEST_F(VersionStoreTest, RollbackRestoresExactly) {
  Put("a", "a1");
  Put("d", "d1");
  ASSERT_EQ(JET_errSuccess, tm_.Cleanup(tree_));
  ASSERT_EQ(0u, tm_.versions().version_count());
  auto before = tree_.Nodes();
  Transaction w;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(w));
  ASSERT_EQ(JET_errSuccess, tree_.Replace(w, "a", "a2"));
  ASSERT_EQ(JET_errSuccess, tree_.Replace(w, "a", "a3"));
  ASSERT_EQ(JET_errSuccess, tree_.Delete(w, "d"));
  ASSERT_EQ(JET_errSuccess, tree_.Insert(w, "d", "d2"));  // over its own delete
  ASSERT_EQ(JET_errSuccess, tree_.Insert(w, "n", "n1"));
  ASSERT_EQ(JET_errSuccess, tm_.Rollback(w, tree_));
  EXPECT_FALSE(w.active());
  EXPECT_EQ(0u, tm_.versions().version_count());
  EXPECT_EQ(0u, tm_.versions().bytes_used());
  // The undone insert was flag-deleted by Restore, then removed.
  auto after = tree_.Nodes();
  ASSERT_EQ(before.size(), after.size());
  for (const auto& [k, n] : before) {
    ASSERT_TRUE(after.count(k)) << k;
    EXPECT_EQ(n.flag_deleted, after[k].flag_deleted) << k;
    EXPECT_EQ(n.data, after[k].data) << k;
  }
}

TEST_F(VersionStoreTest, CleanupWaitsForOldSnapshotsThenRemovesDeleted) {
  Put("d", "d1");
  ASSERT_EQ(JET_errSuccess, tm_.Cleanup(tree_));
  EXPECT_EQ(0u, tm_.versions().version_count());

  Transaction old;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(old));
  Transaction w;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(w));
  ASSERT_EQ(JET_errSuccess, tree_.Delete(w, "d"));
  ASSERT_EQ(JET_errSuccess, tm_.Commit(w));

  // `old` still needs the before-image: nothing to clean.
  EXPECT_FALSE(tm_.CleanupNeeded());
  size_t freed = 99;
  ASSERT_EQ(JET_errSuccess, tm_.Cleanup(tree_, &freed));
  EXPECT_EQ(0u, freed);
  EXPECT_TRUE(tree_.FlagDeleted("d"));
  EXPECT_EQ("d1", tree_.Read(old.snapshot(), "d"));

  ASSERT_EQ(JET_errSuccess, tm_.Commit(old));
  EXPECT_TRUE(tm_.CleanupNeeded());
  ASSERT_EQ(JET_errSuccess, tm_.Cleanup(tree_, &freed));
  EXPECT_EQ(1u, freed);
  EXPECT_FALSE(tree_.Stored("d"));
  EXPECT_EQ(1, tree_.removed());
  EXPECT_EQ(0u, tm_.versions().version_count());
  EXPECT_FALSE(tm_.versions().MayHaveVersions(1, 7));
}

TEST_F(VersionStoreTest, CleanupKeepsANodeReinsertedByANewerTransaction) {
  Put("d", "d1");
  ASSERT_EQ(JET_errSuccess, tm_.Cleanup(tree_));
  Transaction old;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(old));
  Transaction del;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(del));
  ASSERT_EQ(JET_errSuccess, tree_.Delete(del, "d"));
  ASSERT_EQ(JET_errSuccess, tm_.Commit(del));
  Transaction ins;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(ins));
  ASSERT_EQ(JET_errSuccess, tree_.Insert(ins, "d", "d2"));
  ASSERT_EQ(JET_errSuccess, tm_.Commit(old));
  // The delete's version goes; the re-insert (uncommitted) keeps the node.
  ASSERT_EQ(JET_errSuccess, tm_.Cleanup(tree_));
  EXPECT_TRUE(tree_.Stored("d"));
  EXPECT_EQ(0, tree_.removed());
  EXPECT_EQ("d2", tree_.Read(ins.snapshot(), "d"));
  EXPECT_EQ(std::nullopt, tree_.Read(Snapshot{}, "d"));
  ASSERT_EQ(JET_errSuccess, tm_.Commit(ins));
  ASSERT_EQ(JET_errSuccess, tm_.Cleanup(tree_));
  EXPECT_EQ("d2", tree_.Read(Snapshot{}, "d"));
  EXPECT_EQ(0u, tm_.versions().version_count());
}

TEST_F(VersionStoreTest, RemoveDeletedLeavesANodeThatHasVersions) {
  // The race the contract closes: cleanup decided to remove "d", then a new
  // transaction reserved it before RemoveDeleted ran.
  Put("d", "d1");
  Transaction del;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(del));
  ASSERT_EQ(JET_errSuccess, tree_.Delete(del, "d"));
  ASSERT_EQ(JET_errSuccess, tm_.Commit(del));
  ASSERT_EQ(JET_errSuccess, tm_.Cleanup(tree_));
  // Cleanup removed it (nothing reserved it).
  EXPECT_FALSE(tree_.Stored("d"));
  Put("e", "e1");
  Transaction del2, ins;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(del2));
  ASSERT_EQ(JET_errSuccess, tree_.Delete(del2, "e"));
  ASSERT_EQ(JET_errSuccess, tm_.Commit(del2));
  ASSERT_EQ(JET_errSuccess, tm_.Cleanup(tree_));
  EXPECT_FALSE(tree_.Stored("e"));
  // A direct call while a version exists does nothing.
  Put("f", "f1");
  ASSERT_EQ(JET_errSuccess, tm_.Begin(ins));
  ASSERT_EQ(JET_errSuccess, tree_.Delete(ins, "f"));
  ASSERT_EQ(JET_errSuccess, tree_.RemoveDeleted(tree_.Key("f")));
  EXPECT_TRUE(tree_.Stored("f"));
  ASSERT_EQ(JET_errSuccess, tm_.Rollback(ins, tree_));
  EXPECT_EQ("f1", tree_.Read(Snapshot{}, "f"));
}

TEST_F(VersionStoreTest, ALockOnADeletedNodeDoesNotKeepItForever) {
  for (bool commit : {false, true}) {
    Put("d", "d1");
    Transaction del;
    ASSERT_EQ(JET_errSuccess, tm_.Begin(del));
    ASSERT_EQ(JET_errSuccess, tree_.Delete(del, "d"));
    ASSERT_EQ(JET_errSuccess, tm_.Commit(del));
    Transaction locker;
    ASSERT_EQ(JET_errSuccess, tm_.Begin(locker));
    ASSERT_EQ(JET_errSuccess, tm_.versions().Lock(locker, tree_.Key("d")));
    // The delete's version goes; the lock still holds the node.
    ASSERT_EQ(JET_errSuccess, tm_.Cleanup(tree_));
    EXPECT_TRUE(tree_.FlagDeleted("d"));
    if (commit) {
      ASSERT_EQ(JET_errSuccess, tm_.Commit(locker));
      ASSERT_EQ(JET_errSuccess, tm_.Cleanup(tree_));
    } else {
      ASSERT_EQ(JET_errSuccess, tm_.Rollback(locker, tree_));
    }
    EXPECT_FALSE(tree_.Stored("d")) << commit;
    EXPECT_EQ(0u, tm_.versions().version_count());
  }
}

TEST_F(VersionStoreTest, MayHaveVersionsPerTree) {
  FakeTree other(&tm_.versions(), 1, 8);
  EXPECT_FALSE(tm_.versions().MayHaveVersions(1, 7));
  Transaction w;
  ASSERT_EQ(JET_errSuccess, tm_.Begin(w));
  ASSERT_EQ(JET_errSuccess, tree_.Insert(w, "x", "1"));
  EXPECT_TRUE(tm_.versions().MayHaveVersions(1, 7));
  EXPECT_FALSE(tm_.versions().MayHaveVersions(1, 8));
  EXPECT_FALSE(tm_.versions().MayHaveVersions(2, 7));
  ASSERT_EQ(JET_errSuccess, tm_.Commit(w));
  EXPECT_TRUE(tm_.versions().MayHaveVersions(1, 7));
  ASSERT_EQ(JET_errSuccess, tm_.Cleanup(tree_));
  EXPECT_FALSE(tm_.versions().MayHaveVersions(1, 7));
}

TEST(VersionStoreLimitTest, OutOfVersionStoreMemory) {
  // 16 KiB of versions; before-images of 1000 bytes count in full.
  VersionStoreOptions options;
  options.max_bytes = VersionStoreOptions::BytesForVerPages(4, 4096);
  TransactionManager tm(options);
  FakeTree tree(&tm.versions());
  const std::string big(1000, 'x');
  constexpr int kKeys = 30;
  for (int i = 0; i < kKeys; ++i) {
    Transaction t;
    ASSERT_EQ(JET_errSuccess, tm.Begin(t));
    ASSERT_EQ(JET_errSuccess, tree.Insert(t, "k" + std::to_string(i), big));
    ASSERT_EQ(JET_errSuccess, tm.Commit(t));
    ASSERT_EQ(JET_errSuccess, tm.Cleanup(tree));
  }
  Transaction w;
  ASSERT_EQ(JET_errSuccess, tm.Begin(w));
  JET_ERR err = JET_errSuccess;
  int made = 0;
  for (; made < kKeys; ++made) {
    err = tree.Replace(w, "k" + std::to_string(made), "small");
    if (err < 0) break;
  }
  EXPECT_EQ(JET_errVersionStoreOutOfMemory, err);
  EXPECT_GE(made, 10);
  EXPECT_LE(made, 16);
  // The refused change did not happen.
  EXPECT_EQ(big, tree.Read(Snapshot{}, "k" + std::to_string(made)));
  // Rolling back frees the space.
  ASSERT_EQ(JET_errSuccess, tm.Rollback(w, tree));
  EXPECT_EQ(0u, tm.versions().bytes_used());
  EXPECT_EQ(big, tree.Read(Snapshot{}, "k0"));
  ASSERT_EQ(JET_errSuccess, tm.Begin(w));
  EXPECT_EQ(JET_errSuccess, tree.Replace(w, "k0", "again"));
  ASSERT_EQ(JET_errSuccess, tm.Commit(w));
}

}  // namespace
}  // namespace jet
