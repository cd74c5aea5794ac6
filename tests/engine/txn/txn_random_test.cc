// Several sessions in parallel insert, replace, delete, nest levels, commit
// and roll back on one fake tree while a cleanup thread runs; every read is
// checked against a model of committed history (what a snapshot begun at B
// must see: the last commit before B, overlaid with its own levels). The
// seed is printed; JET_TEST_SEED replays it (thread interleaving aside).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "fake_tree.h"
#include "txn/transaction_manager.h"

namespace jet {
namespace {

using txn_test::FakeTree;
using Value = std::optional<std::string>;

uint64_t TestSeed() {
  const char* env = std::getenv("JET_TEST_SEED");
  if (env != nullptr && *env != '\0') return std::strtoull(env, nullptr, 10);
  return std::random_device()();
}

class Model {
 public:
  // Callers hold mu().
  std::mutex& mu() { return mu_; }
  Value At(const std::string& k, TrxTime before) const {
    auto it = history_.find(k);
    Value v;
    if (it == history_.end()) return v;
    for (const auto& [t, value] : it->second) {
      if (t >= before) break;
      v = value;
    }
    return v;
  }
  TrxTime LastCommit(const std::string& k) const {
    auto it = history_.find(k);
    return it == history_.end() || it->second.empty() ? kTrxNone : it->second.back().first;
  }
  void Append(const std::string& k, TrxTime t, Value v) { history_[k].push_back({t, std::move(v)}); }
  std::map<std::string, Value> Latest() const {
    std::map<std::string, Value> out;
    for (const auto& [k, h] : history_) out[k] = h.back().second;
    return out;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::vector<std::pair<TrxTime, Value>>> history_;
};

struct Counters {
  std::atomic<int> reads{0}, writes{0}, conflicts{0}, commits{0}, rollbacks{0};
};

class Session {
 public:
  Session(TransactionManager* tm, FakeTree* tree, Model* model, Counters* c, uint64_t seed)
      : tm_(tm), tree_(tree), model_(model), c_(c), rng_(seed) {}

  void Run(int steps, int keys) {
    for (int i = 0; i < steps && !::testing::Test::HasFailure(); ++i) {
      const std::string k = "k" + std::to_string(Pick(keys));
      const int op = Pick(100);
      if (!txn_.active()) {
        if (op < 15) {
          ReadNow(k);
        } else {
          Begin();
        }
      } else if (op < 30) {
        Read(k);
      } else if (op < 70) {
        Write(k);
      } else if (op < 78 && txn_.level() < kMaxTransactionLevel) {
        Begin();
      } else if (op < 92) {
        Commit();
      } else {
        Rollback();
      }
    }
    while (txn_.active()) Commit();
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  Value Expected(const std::string& k) {
    for (size_t i = overlays_.size(); i-- > 0;) {
      auto it = overlays_[i].find(k);
      if (it != overlays_[i].end()) return it->second;
    }
    std::lock_guard<std::mutex> lock(model_->mu());
    return model_->At(k, txn_.begin_time());
  }

  void Begin() {
    if (!txn_.active()) {
      // Under the model mutex: every commit before my begin is in the model.
      std::lock_guard<std::mutex> lock(model_->mu());
      ASSERT_EQ(JET_errSuccess, tm_->Begin(txn_));
    } else {
      ASSERT_EQ(JET_errSuccess, tm_->Begin(txn_));
    }
    overlays_.emplace_back();
  }

  void ReadNow(const std::string& k) {
    std::lock_guard<std::mutex> lock(model_->mu());
    ASSERT_EQ(model_->At(k, kTrxNow), tree_->Read(Snapshot{}, k)) << k << " read outside";
    ++c_->reads;
  }

  void Read(const std::string& k) {
    const Value want = Expected(k);
    ASSERT_EQ(want, tree_->Read(txn_.snapshot(), k)) << k << " level " << txn_.level();
    ++c_->reads;
  }

  void Write(const std::string& k) {
    const Value seen = Expected(k);
    const std::string v = "s" + std::to_string(txn_.id()) + "." + std::to_string(Pick(1000));
    JET_ERR err;
    Value after;
    if (!seen) {
      err = tree_->Insert(txn_, k, v);
      after = v;
    } else if (Pick(2) == 0) {
      err = tree_->Replace(txn_, k, v);
      after = v;
    } else {
      err = tree_->Delete(txn_, k);
    }
    if (err == JET_errWriteConflict) {
      ++c_->conflicts;
      while (txn_.active()) Rollback();
      return;
    }
    // Past PrepareWrite the stored node is what this transaction sees.
    ASSERT_EQ(JET_errSuccess, err) << k;
    {
      // ESE's rule held: nothing committed on k after my begin.
      std::lock_guard<std::mutex> lock(model_->mu());
      ASSERT_LT(model_->LastCommit(k), txn_.begin_time()) << k;
    }
    overlays_.back()[k] = after;
    ++c_->writes;
  }

  void Commit() {
    if (txn_.level() > 1) {
      ASSERT_EQ(JET_errSuccess, tm_->Commit(txn_));
      for (auto& [k, v] : overlays_.back()) overlays_[overlays_.size() - 2][k] = v;
      overlays_.pop_back();
      return;
    }
    {
      std::lock_guard<std::mutex> lock(model_->mu());
      ASSERT_EQ(JET_errSuccess, tm_->Commit(txn_));
      for (auto& [k, v] : overlays_.back()) model_->Append(k, txn_.last_commit_time(), v);
    }
    overlays_.pop_back();
    ++c_->commits;
  }

  void Rollback() {
    ASSERT_EQ(JET_errSuccess, tm_->Rollback(txn_, *tree_));
    overlays_.pop_back();
    ++c_->rollbacks;
  }

  TransactionManager* tm_;
  FakeTree* tree_;
  Model* model_;
  Counters* c_;
  std::mt19937_64 rng_;
  Transaction txn_;
  std::vector<std::map<std::string, Value>> overlays_;
};

TEST(TxnRandomTest, SessionsAgainstCommittedHistory) {
  const uint64_t seed = TestSeed();
  std::printf("TxnRandomTest seed %llu (set JET_TEST_SEED to replay)\n",
              static_cast<unsigned long long>(seed));
  RecordProperty("seed", std::to_string(seed));
  constexpr int kSessions = 4;
  constexpr int kSteps = 3000;
  constexpr int kKeys = 12;

  VersionStoreOptions options;
  options.shards = 8;
  TransactionManager tm(options);
  FakeTree tree(&tm.versions());
  Model model;
  Counters counters;

  std::atomic<bool> done{false};
  std::atomic<int> cleanups{0};
  std::thread cleaner([&] {
    while (!done.load()) {
      if (tm.CleanupNeeded()) {
        EXPECT_EQ(JET_errSuccess, tm.Cleanup(tree));
        ++cleanups;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  });
  std::vector<std::thread> threads;
  for (int s = 0; s < kSessions; ++s) {
    threads.emplace_back([&, s] {
      Session session(&tm, &tree, &model, &counters, seed * 31 + static_cast<uint64_t>(s));
      session.Run(kSteps, kKeys);
    });
  }
  for (std::thread& t : threads) t.join();
  done = true;
  cleaner.join();
  ASSERT_FALSE(::testing::Test::HasFailure());

  // Everything ended: all versions go, no flag-deleted node stays, the tree
  // is the last committed state.
  ASSERT_EQ(JET_errSuccess, tm.Cleanup(tree));
  EXPECT_EQ(0u, tm.versions().version_count());
  EXPECT_EQ(0u, tm.versions().bytes_used());
  std::map<std::string, Value> latest = model.Latest();
  for (const auto& [k, n] : tree.Nodes()) {
    EXPECT_FALSE(n.flag_deleted) << k;
    EXPECT_EQ(latest[k], Value(txn_test::S(n.data))) << k;
  }
  for (const auto& [k, v] : latest) EXPECT_EQ(v.has_value(), tree.Stored(k)) << k;
  std::printf("reads %d writes %d conflicts %d commits %d rollbacks %d cleanups %d removed %d\n",
              counters.reads.load(), counters.writes.load(), counters.conflicts.load(),
              counters.commits.load(), counters.rollbacks.load(), cleanups.load(),
              tree.removed());
  EXPECT_GT(counters.commits.load(), 0);
  EXPECT_GT(counters.conflicts.load(), 0);
}

}  // namespace
}  // namespace jet
