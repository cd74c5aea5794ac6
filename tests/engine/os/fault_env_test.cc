// FaultEnv: what survives a power loss, torn writes, injected failures, a
// full disk, locks and sharing. Run with --seed=N to repeat a run; the seed in
// use is printed at start and in every failure's trace.
#include "os/fault_env.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace jet {
namespace {

uint64_t g_seed = 0;

class FaultEnvTest : public ::testing::Test {
 protected:
  FaultEnvTest() : env_(g_seed), trace_(__FILE__, __LINE__, "seed=" + std::to_string(g_seed)) {}

  // A durable "/db" directory to work in.
  void SetUp() override {
    ASSERT_EQ(JET_errSuccess, env_.CreateDir("/db"));
    ASSERT_EQ(JET_errSuccess, env_.SyncDir("/"));
  }

  std::unique_ptr<File> Open(const std::string& path, FileOptions options = {}) {
    options.create = true;
    std::unique_ptr<File> f;
    EXPECT_EQ(JET_errSuccess, env_.OpenFile(path, options, &f)) << path;
    return f;
  }

  // Creates path with data, flushed, and its directory synced: fully durable.
  void MakeDurableFile(const std::string& path, const std::string& data) {
    std::unique_ptr<File> f = Open(path);
    ASSERT_NE(nullptr, f);
    ASSERT_EQ(JET_errSuccess, f->WriteAt(0, data.data(), data.size()));
    ASSERT_EQ(JET_errSuccess, f->Flush());
    ASSERT_EQ(JET_errSuccess, env_.SyncDir(path.substr(0, path.rfind('/'))));
  }

  std::string Contents(const std::string& path) {
    std::unique_ptr<File> f;
    FileOptions ro;
    ro.read_only = true;
    if (env_.OpenFile(path, ro, &f) != JET_errSuccess) return "<missing>";
    uint64_t size = 0;
    EXPECT_EQ(JET_errSuccess, f->Size(&size));
    std::string data(static_cast<size_t>(size), '\0');
    size_t got = 0;
    EXPECT_EQ(JET_errSuccess, f->ReadAt(0, data.data(), data.size(), &got));
    return data;
  }

  FaultEnv env_;
  ::testing::ScopedTrace trace_;
};

// --- What survives a power loss ---------------------------------------------

TEST_F(FaultEnvTest, UnflushedWriteIsLost) {
  MakeDurableFile("/db/f", "");
  std::unique_ptr<File> f = Open("/db/f");
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, "hello", 5));
  f.reset();  // a reader cannot join a writer (sharing rules)
  EXPECT_EQ("hello", Contents("/db/f")) << "visible before the crash";
  env_.PowerLoss();
  EXPECT_TRUE(env_.FileExists("/db/f"));
  EXPECT_EQ("", Contents("/db/f"));
}

TEST_F(FaultEnvTest, FlushedWriteIsKept) {
  MakeDurableFile("/db/f", "");
  std::unique_ptr<File> f = Open("/db/f");
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, "hello", 5));
  ASSERT_EQ(JET_errSuccess, f->Flush());
  ASSERT_EQ(JET_errSuccess, f->WriteAt(5, " world", 6));  // after the flush: lost
  env_.PowerLoss();
  EXPECT_EQ("hello", Contents("/db/f"));
}

TEST_F(FaultEnvTest, NewFileWithoutSyncDirIsGone) {
  std::unique_ptr<File> f = Open("/db/new");
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, "data", 4));
  ASSERT_EQ(JET_errSuccess, f->Flush());  // contents durable, the name is not
  f.reset();
  env_.PowerLoss();
  EXPECT_FALSE(env_.FileExists("/db/new"));
  std::vector<std::string> names;
  ASSERT_EQ(JET_errSuccess, env_.ListDir("/db", &names));
  EXPECT_TRUE(names.empty());
}

TEST_F(FaultEnvTest, NewFileWithSyncDirSurvives) {
  std::unique_ptr<File> f = Open("/db/new");
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, "data", 4));
  ASSERT_EQ(JET_errSuccess, f->Flush());
  ASSERT_EQ(JET_errSuccess, env_.SyncDir("/db"));
  env_.PowerLoss();
  EXPECT_EQ("data", Contents("/db/new"));
}

TEST_F(FaultEnvTest, SyncDirWithoutFlushKeepsTheNameNotTheData) {
  std::unique_ptr<File> f = Open("/db/new");
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, "data", 4));
  ASSERT_EQ(JET_errSuccess, env_.SyncDir("/db"));
  env_.PowerLoss();
  EXPECT_TRUE(env_.FileExists("/db/new"));
  EXPECT_EQ("", Contents("/db/new"));
}

TEST_F(FaultEnvTest, RenameWithoutSyncDirBringsTheOldNameBack) {
  MakeDurableFile("/db/edbtmp.log", "log");
  ASSERT_EQ(JET_errSuccess, env_.RenameFile("/db/edbtmp.log", "/db/edb.log"));
  EXPECT_TRUE(env_.FileExists("/db/edb.log"));
  EXPECT_FALSE(env_.FileExists("/db/edbtmp.log"));
  env_.PowerLoss();
  EXPECT_FALSE(env_.FileExists("/db/edb.log"));
  EXPECT_EQ("log", Contents("/db/edbtmp.log"));

  ASSERT_EQ(JET_errSuccess, env_.RenameFile("/db/edbtmp.log", "/db/edb.log"));
  ASSERT_EQ(JET_errSuccess, env_.SyncDir("/db"));
  env_.PowerLoss();
  EXPECT_FALSE(env_.FileExists("/db/edbtmp.log"));
  EXPECT_EQ("log", Contents("/db/edb.log"));
}

TEST_F(FaultEnvTest, RenameOverAnExistingFileIsUndoneWhole) {
  MakeDurableFile("/db/new", "new");
  MakeDurableFile("/db/cur", "old");
  ASSERT_EQ(JET_errSuccess, env_.RenameFile("/db/new", "/db/cur"));
  EXPECT_EQ("new", Contents("/db/cur"));
  env_.PowerLoss();
  EXPECT_EQ("new", Contents("/db/new"));
  EXPECT_EQ("old", Contents("/db/cur"));
}

TEST_F(FaultEnvTest, RemoveWithoutSyncDirComesBack) {
  MakeDurableFile("/db/f", "kept");
  ASSERT_EQ(JET_errSuccess, env_.RemoveFile("/db/f"));
  EXPECT_FALSE(env_.FileExists("/db/f"));
  env_.PowerLoss();
  EXPECT_EQ("kept", Contents("/db/f"));
  ASSERT_EQ(JET_errSuccess, env_.RemoveFile("/db/f"));
  ASSERT_EQ(JET_errSuccess, env_.SyncDir("/db"));
  env_.PowerLoss();
  EXPECT_FALSE(env_.FileExists("/db/f"));
}

TEST_F(FaultEnvTest, DirectoriesNeedTheirParentSynced) {
  ASSERT_EQ(JET_errSuccess, env_.CreateDirs("/db/a/b"));
  MakeDurableFile("/db/a/b/f", "x");  // syncs /db/a/b only
  env_.PowerLoss();
  EXPECT_FALSE(env_.DirExists("/db/a"));

  ASSERT_EQ(JET_errSuccess, env_.CreateDirs("/db/a/b"));
  MakeDurableFile("/db/a/b/f", "x");
  ASSERT_EQ(JET_errSuccess, env_.SyncDir("/db/a"));
  ASSERT_EQ(JET_errSuccess, env_.SyncDir("/db"));
  env_.PowerLoss();
  EXPECT_EQ("x", Contents("/db/a/b/f"));
}

TEST_F(FaultEnvTest, SetSizeIsDurableAtTheNextFlush) {
  MakeDurableFile("/db/f", "0123456789");
  std::unique_ptr<File> f = Open("/db/f");
  ASSERT_EQ(JET_errSuccess, f->SetSize(4));
  env_.PowerLoss();
  EXPECT_EQ("0123456789", Contents("/db/f"));
  f = Open("/db/f");
  ASSERT_EQ(JET_errSuccess, f->SetSize(4));
  ASSERT_EQ(JET_errSuccess, f->SetSize(6));
  ASSERT_EQ(JET_errSuccess, f->Flush());
  env_.PowerLoss();
  EXPECT_EQ(std::string("0123\0\0", 6), Contents("/db/f"));
}

TEST_F(FaultEnvTest, WriteThroughWritesAreDurableAtOnce) {
  MakeDurableFile("/db/log", "");
  FileOptions wt;
  wt.write_through = true;
  std::unique_ptr<File> f = Open("/db/log", wt);
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, "committed", 9));
  env_.PowerLoss();
  EXPECT_EQ("committed", Contents("/db/log"));
}

TEST_F(FaultEnvTest, ProcessCrashKeepsEverythingButHandles) {
  std::unique_ptr<File> f = Open("/db/f");
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, "cached", 6));
  std::unique_ptr<FileLock> lock;
  ASSERT_EQ(JET_errSuccess, env_.LockFile("/db/LOCK", &lock));
  env_.ProcessCrash();
  EXPECT_EQ("cached", Contents("/db/f")) << "the OS cache outlives the process";
  EXPECT_EQ(JET_errDiskIO, f->WriteAt(0, "x", 1)) << "the dead process's handle";
  std::unique_ptr<FileLock> relock;
  EXPECT_EQ(JET_errSuccess, env_.LockFile("/db/LOCK", &relock)) << "its lock died with it";
  std::unique_ptr<File> writer;
  EXPECT_EQ(JET_errSuccess, env_.OpenFile("/db/f", FileOptions(), &writer));
  // The old objects' destruction must not release the new process's lock or share.
  f.reset();
  lock.reset();
  std::unique_ptr<FileLock> third;
  EXPECT_EQ(JET_errFileAccessDenied, env_.LockFile("/db/LOCK", &third));
  std::unique_ptr<File> second;
  EXPECT_EQ(JET_errFileAccessDenied, env_.OpenFile("/db/f", FileOptions(), &second));
}

TEST_F(FaultEnvTest, HandlesFromBeforeAPowerLossAreDead) {
  MakeDurableFile("/db/f", "abc");
  std::unique_ptr<File> f = Open("/db/f");
  env_.PowerLoss();
  char c;
  size_t got = 0;
  EXPECT_EQ(JET_errDiskIO, f->ReadAt(0, &c, 1, &got));
  EXPECT_EQ(JET_errDiskIO, f->WriteAt(0, "x", 1));
  EXPECT_EQ(JET_errDiskIO, f->Flush());
  uint64_t size = 0;
  EXPECT_EQ(JET_errDiskIO, f->Size(&size));
  EXPECT_EQ(JET_errDiskIO, f->SetSize(0));
  EXPECT_EQ("abc", Contents("/db/f"));
}

// --- Torn writes -----------------------------------------------------------

TEST_F(FaultEnvTest, TornWriteLandsAWholeNumberOfLeadingSectors) {
  const std::string old_data(4096, 'o');
  const std::string new_data(4096, 'n');
  std::set<uint64_t> seen_landed;
  for (int round = 0; round < 64; ++round) {
    MakeDurableFile("/db/page", old_data);
    std::unique_ptr<File> f = Open("/db/page");
    ASSERT_EQ(JET_errSuccess, f->WriteAt(0, new_data.data(), new_data.size()));
    f.reset();
    PowerLossOptions tear;
    tear.tear_last_write = true;
    const std::vector<TornWrite> torn = env_.PowerLoss(tear);
    ASSERT_EQ(1u, torn.size());
    EXPECT_EQ("/db/page", torn[0].path);
    EXPECT_EQ(0u, torn[0].offset);
    EXPECT_EQ(4096u, torn[0].length);
    const uint64_t landed = torn[0].landed;
    ASSERT_EQ(0u, landed % FaultEnv::kSectorSize) << landed;
    ASSERT_LE(landed, 4096u);
    seen_landed.insert(landed);
    const std::string after = Contents("/db/page");
    ASSERT_EQ(4096u, after.size());
    EXPECT_EQ(std::string(landed, 'n') + std::string(4096 - landed, 'o'), after)
        << "first " << landed << " bytes new, the rest old";
  }
  EXPECT_GE(seen_landed.size(), 4u) << "k is drawn from the seeded generator";
}

TEST_F(FaultEnvTest, TornUnalignedWriteBreaksOnlyAtSectorBoundaries) {
  for (int round = 0; round < 32; ++round) {
    MakeDurableFile("/db/f", std::string(2048, 'o'));
    std::unique_ptr<File> f = Open("/db/f");
    ASSERT_EQ(JET_errSuccess, f->WriteAt(100, std::string(1000, 'n').data(), 1000));
    f.reset();
    PowerLossOptions tear;
    tear.tear_last_write = true;
    const std::vector<TornWrite> torn = env_.PowerLoss(tear);
    ASSERT_EQ(1u, torn.size());
    const uint64_t landed = torn[0].landed;
    // Sectors touched: [100,512) [512,1024) [1024,1100).
    ASSERT_TRUE(landed == 0 || landed == 412 || landed == 924 || landed == 1000) << landed;
    EXPECT_EQ(
        std::string(100, 'o') + std::string(landed, 'n') + std::string(2048 - 100 - landed, 'o'),
        Contents("/db/f"));
  }
}

TEST_F(FaultEnvTest, OnlyTheLastUnflushedWriteIsTorn) {
  MakeDurableFile("/db/f", std::string(2048, 'o'));
  std::unique_ptr<File> f = Open("/db/f");
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, std::string(512, 'a').data(), 512));
  ASSERT_EQ(JET_errSuccess, f->WriteAt(1024, std::string(1024, 'b').data(), 1024));
  f.reset();
  PowerLossOptions tear;
  tear.tear_last_write = true;
  const std::vector<TornWrite> torn = env_.PowerLoss(tear);
  ASSERT_EQ(1u, torn.size());
  EXPECT_EQ(1024u, torn[0].offset);
  const std::string after = Contents("/db/f");
  EXPECT_EQ(std::string(1024, 'o'), after.substr(0, 1024)) << "the earlier write is lost";
  EXPECT_EQ(std::string(torn[0].landed, 'b'), after.substr(1024, torn[0].landed));
}

TEST_F(FaultEnvTest, TornAppendGrowsTheFileByWhatLanded) {
  MakeDurableFile("/db/log", "");
  std::unique_ptr<File> f = Open("/db/log");
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, std::string(3000, 'r').data(), 3000));
  f.reset();
  PowerLossOptions tear;
  tear.tear_last_write = true;
  const std::vector<TornWrite> torn = env_.PowerLoss(tear);
  ASSERT_EQ(1u, torn.size());
  EXPECT_EQ(std::string(torn[0].landed, 'r'), Contents("/db/log"));
}

TEST_F(FaultEnvTest, FlushedWriteIsNotTornAndNoTearWithoutTheOption) {
  MakeDurableFile("/db/a", std::string(1024, 'o'));
  std::unique_ptr<File> f = Open("/db/a");
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, std::string(1024, 'n').data(), 1024));
  ASSERT_EQ(JET_errSuccess, f->Flush());
  f.reset();
  PowerLossOptions tear;
  tear.tear_last_write = true;
  EXPECT_TRUE(env_.PowerLoss(tear).empty());
  EXPECT_EQ(std::string(1024, 'n'), Contents("/db/a"));

  f = Open("/db/a");
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, std::string(1024, 'x').data(), 1024));
  f.reset();
  EXPECT_TRUE(env_.PowerLoss().empty());
  EXPECT_EQ(std::string(1024, 'n'), Contents("/db/a"));
}

TEST_F(FaultEnvTest, SameSeedSameTears) {
  auto run = [](uint64_t seed) {
    FaultEnv env(seed);
    std::vector<uint64_t> landed;
    std::unique_ptr<File> f;
    FileOptions create;
    create.create = true;
    EXPECT_EQ(JET_errSuccess, env.OpenFile("/f", create, &f));
    f.reset();
    env.SyncAll();
    PowerLossOptions tear;
    tear.tear_last_write = true;
    for (int i = 0; i < 50; ++i) {
      EXPECT_EQ(JET_errSuccess, env.OpenFile("/f", create, &f));
      EXPECT_EQ(JET_errSuccess, f->WriteAt(0, std::string(8192, 'w').data(), 8192));
      f.reset();
      for (const TornWrite& t : env.PowerLoss(tear)) landed.push_back(t.landed);
    }
    return landed;
  };
  EXPECT_EQ(run(g_seed), run(g_seed));
  EXPECT_EQ(50u, run(g_seed).size());
}

// --- Injected failures -------------------------------------------------------

struct OpCase {
  FaultOp op;
  // Performs one call of op that succeeds when no fault is injected.
  std::function<JET_ERR(FaultEnv*, int)> call;
};

std::vector<OpCase> AllOps() {
  return {
      {FaultOp::kOpen,
       [](FaultEnv* env, int i) {
         std::unique_ptr<File> f;
         FileOptions o;
         o.create = true;
         return env->OpenFile("/db/open" + std::to_string(i), o, &f);
       }},
      {FaultOp::kRead,
       [](FaultEnv* env, int) {
         std::unique_ptr<File> f;
         JET_ERR err = env->OpenFile("/db/f", FileOptions(), &f);
         if (err < 0) return err;
         char c;
         size_t got;
         return f->ReadAt(0, &c, 1, &got);
       }},
      {FaultOp::kWrite,
       [](FaultEnv* env, int) {
         std::unique_ptr<File> f;
         JET_ERR err = env->OpenFile("/db/f", FileOptions(), &f);
         return err < 0 ? err : f->WriteAt(0, "w", 1);
       }},
      {FaultOp::kFlush,
       [](FaultEnv* env, int) {
         std::unique_ptr<File> f;
         JET_ERR err = env->OpenFile("/db/f", FileOptions(), &f);
         return err < 0 ? err : f->Flush();
       }},
      {FaultOp::kSetSize,
       [](FaultEnv* env, int i) {
         std::unique_ptr<File> f;
         JET_ERR err = env->OpenFile("/db/f", FileOptions(), &f);
         return err < 0 ? err : f->SetSize(10 + i);
       }},
      {FaultOp::kRename,
       [](FaultEnv* env, int i) {
         return env->RenameFile("/db/r" + std::to_string(i), "/db/r" + std::to_string(i + 1));
       }},
      {FaultOp::kSyncDir, [](FaultEnv* env, int) { return env->SyncDir("/db"); }},
      {FaultOp::kRemoveFile,
       [](FaultEnv* env, int i) { return env->RemoveFile("/db/rm" + std::to_string(i)); }},
      {FaultOp::kCreateDir,
       [](FaultEnv* env, int i) { return env->CreateDir("/db/d" + std::to_string(i)); }},
      {FaultOp::kRemoveDir,
       [](FaultEnv* env, int i) { return env->RemoveDir("/db/rd" + std::to_string(i)); }},
      {FaultOp::kLock,
       [](FaultEnv* env, int i) {
         std::unique_ptr<FileLock> lock;
         return env->LockFile("/db/lock" + std::to_string(i), &lock);
       }},
  };
}

// Files and directories every op's calls 0..9 need.
void Prepare(FaultEnv* env) {
  std::unique_ptr<File> f;
  FileOptions o;
  o.create = true;
  ASSERT_EQ(JET_errSuccess, env->OpenFile("/db/f", o, &f));
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, "0123456789", 10));
  f.reset();
  ASSERT_EQ(JET_errSuccess, env->OpenFile("/db/r0", o, &f));
  f.reset();
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(JET_errSuccess, env->OpenFile("/db/rm" + std::to_string(i), o, &f));
    f.reset();
    ASSERT_EQ(JET_errSuccess, env->CreateDir("/db/rd" + std::to_string(i)));
  }
  env->ResetCallCounts();
}

TEST_F(FaultEnvTest, FailNthOnceFailsExactlyThatCall) {
  const std::vector<OpCase> ops = AllOps();
  ASSERT_EQ(kFaultOpCount, ops.size());
  for (const OpCase& c : ops) {
    SCOPED_TRACE(FaultOpName(c.op));
    FaultEnv env(g_seed);
    ASSERT_EQ(JET_errSuccess, env.CreateDir("/db"));
    Prepare(&env);
    env.FailNth(c.op, 3, JET_errDiskIO);
    int call = 0;
    for (int i = 0; i < 6; ++i) {
      // A failed rename has no effect, so the next try renames the same file.
      const JET_ERR err = c.call(&env, call);
      if (i == 2) {
        EXPECT_EQ(JET_errDiskIO, err) << "call " << i + 1;
      } else {
        EXPECT_EQ(JET_errSuccess, err) << "call " << i + 1;
        ++call;
      }
    }
    EXPECT_EQ(6u, env.CallCount(c.op));
  }
}

TEST_F(FaultEnvTest, FailNthFromThenOnKeepsFailing) {
  for (const OpCase& c : AllOps()) {
    SCOPED_TRACE(FaultOpName(c.op));
    FaultEnv env(g_seed);
    ASSERT_EQ(JET_errSuccess, env.CreateDir("/db"));
    Prepare(&env);
    env.FailNth(c.op, 2, JET_errDiskFull, FaultMode::kFromThenOn);
    EXPECT_EQ(JET_errSuccess, c.call(&env, 0));
    for (int i = 1; i < 5; ++i) EXPECT_EQ(JET_errDiskFull, c.call(&env, 1));
    env.ClearFaults();
    EXPECT_EQ(JET_errSuccess, c.call(&env, 1));
  }
}

TEST_F(FaultEnvTest, FailedCallsChangeNothing) {
  MakeDurableFile("/db/f", "original");
  std::unique_ptr<File> f = Open("/db/f");
  env_.FailNth(FaultOp::kWrite, 1, JET_errDiskIO);
  EXPECT_EQ(JET_errDiskIO, f->WriteAt(0, "XXXXXXXXXXXX", 12));
  char buf[16];
  size_t got = 0;
  ASSERT_EQ(JET_errSuccess, f->ReadAt(0, buf, sizeof(buf), &got));
  EXPECT_EQ("original", std::string(buf, got));

  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, "flushed?", 8));
  env_.FailNth(FaultOp::kFlush, 1, JET_errDiskIO);
  EXPECT_EQ(JET_errDiskIO, f->Flush());
  f.reset();
  env_.PowerLoss();
  EXPECT_EQ("original", Contents("/db/f")) << "a failed flush made nothing durable";

  env_.FailNth(FaultOp::kRename, 1, JET_errDiskIO);
  EXPECT_EQ(JET_errDiskIO, env_.RenameFile("/db/f", "/db/g"));
  EXPECT_TRUE(env_.FileExists("/db/f"));
  EXPECT_FALSE(env_.FileExists("/db/g"));

  env_.FailNth(FaultOp::kSyncDir, 1, JET_errDiskIO);
  ASSERT_EQ(JET_errSuccess, env_.RemoveFile("/db/f"));
  EXPECT_EQ(JET_errDiskIO, env_.SyncDir("/db"));
  env_.PowerLoss();
  EXPECT_TRUE(env_.FileExists("/db/f")) << "a failed SyncDir made nothing durable";

  env_.FailNth(FaultOp::kOpen, 1, JET_errOutOfFileHandles);
  std::unique_ptr<File> g;
  FileOptions create;
  create.create = true;
  EXPECT_EQ(JET_errOutOfFileHandles, env_.OpenFile("/db/g", create, &g));
  EXPECT_EQ(nullptr, g);
  EXPECT_FALSE(env_.FileExists("/db/g"));
}

TEST_F(FaultEnvTest, CallCounters) {
  env_.ResetCallCounts();
  std::unique_ptr<File> f = Open("/db/f");
  for (int i = 0; i < 5; ++i) ASSERT_EQ(JET_errSuccess, f->WriteAt(i, "x", 1));
  ASSERT_EQ(JET_errSuccess, f->Flush());
  ASSERT_EQ(JET_errSuccess, f->Flush());
  ASSERT_EQ(JET_errSuccess, env_.SyncDir("/db"));
  EXPECT_EQ(1u, env_.CallCount(FaultOp::kOpen));
  EXPECT_EQ(5u, env_.CallCount(FaultOp::kWrite));
  EXPECT_EQ(2u, env_.CallCount(FaultOp::kFlush));
  EXPECT_EQ(1u, env_.CallCount(FaultOp::kSyncDir));
  EXPECT_EQ(0u, env_.CallCount(FaultOp::kRead));
  env_.ResetCallCounts();
  EXPECT_EQ(0u, env_.CallCount(FaultOp::kWrite));
}

// --- A full disk -------------------------------------------------------------

TEST_F(FaultEnvTest, DiskCapacity) {
  env_.SetCapacity(1000);
  uint64_t free_bytes = 0;
  ASSERT_EQ(JET_errSuccess, env_.FreeDiskSpace("/db", &free_bytes));
  EXPECT_EQ(1000u, free_bytes);

  std::unique_ptr<File> a = Open("/db/a");
  std::unique_ptr<File> b = Open("/db/b");
  ASSERT_EQ(JET_errSuccess, a->WriteAt(0, std::string(600, 'a').data(), 600));
  EXPECT_EQ(600u, env_.UsedBytes());
  EXPECT_EQ(JET_errDiskFull, b->WriteAt(0, std::string(600, 'b').data(), 600));
  EXPECT_EQ(JET_errDiskFull, b->SetSize(401));
  EXPECT_EQ(JET_errSuccess, b->WriteAt(0, std::string(400, 'b').data(), 400)) << "exactly full";
  EXPECT_EQ(JET_errSuccess, a->WriteAt(0, std::string(600, 'A').data(), 600))
      << "overwriting in place needs no space";
  EXPECT_EQ(JET_errDiskFull, a->WriteAt(600, "x", 1));
  ASSERT_EQ(JET_errSuccess, env_.FreeDiskSpace("/db", &free_bytes));
  EXPECT_EQ(0u, free_bytes);

  ASSERT_EQ(JET_errSuccess, b->SetSize(0));  // shrinking frees space
  EXPECT_EQ(JET_errSuccess, a->WriteAt(600, "x", 1));
  b.reset();
  ASSERT_EQ(JET_errSuccess, env_.RemoveFile("/db/b"));
  env_.ClearCapacity();
  ASSERT_EQ(JET_errSuccess, env_.FreeDiskSpace("/db", &free_bytes));
  EXPECT_EQ(FaultEnv::kUnlimitedFreeBytes - 601, free_bytes);
}

// --- Locks, sharing, names ---------------------------------------------------

TEST_F(FaultEnvTest, LockTwiceFails) {
  std::unique_ptr<FileLock> lock;
  ASSERT_EQ(JET_errSuccess, env_.LockFile("/db/LOCK", &lock));
  EXPECT_TRUE(env_.FileExists("/db/LOCK"));
  std::unique_ptr<FileLock> second;
  EXPECT_EQ(JET_errFileAccessDenied, env_.LockFile("/db/LOCK", &second));
  EXPECT_EQ(JET_errFileAccessDenied, env_.LockFile("/db/./x/../LOCK", &second)) << "same file";
  lock.reset();
  EXPECT_EQ(JET_errSuccess, env_.LockFile("/db/LOCK", &second));
  EXPECT_EQ(JET_errFileNotFound, env_.LockFile("/nodir/LOCK", &lock));
}

TEST_F(FaultEnvTest, WindowsSharingRules) {
  MakeDurableFile("/db/f", "x");
  MakeDurableFile("/db/g", "y");
  std::unique_ptr<File> writer = Open("/db/f");
  std::unique_ptr<File> other;
  EXPECT_EQ(JET_errFileAccessDenied, env_.OpenFile("/db/f", FileOptions(), &other));
  FileOptions ro;
  ro.read_only = true;
  EXPECT_EQ(JET_errFileAccessDenied, env_.OpenFile("/db/f", ro, &other));
  EXPECT_EQ(JET_errFileAccessDenied, env_.RemoveFile("/db/f"));
  EXPECT_EQ(JET_errFileAccessDenied, env_.RenameFile("/db/f", "/db/h"));
  EXPECT_EQ(JET_errFileAccessDenied, env_.RenameFile("/db/g", "/db/f"));
  writer.reset();
  std::unique_ptr<File> r1;
  std::unique_ptr<File> r2;
  EXPECT_EQ(JET_errSuccess, env_.OpenFile("/db/f", ro, &r1));
  EXPECT_EQ(JET_errSuccess, env_.OpenFile("/db/f", ro, &r2));
  r1.reset();
  r2.reset();
  EXPECT_EQ(JET_errSuccess, env_.RenameFile("/db/g", "/db/f"));
}

TEST_F(FaultEnvTest, NamespaceFollowsTheCurrentState) {
  ASSERT_EQ(JET_errSuccess, env_.CreateDirs("/db/sub/deeper"));
  std::unique_ptr<File> f = Open("/db/b");
  f = Open("/db/a");
  f.reset();
  std::vector<std::string> names;
  ASSERT_EQ(JET_errSuccess, env_.ListDir("/db", &names));
  EXPECT_EQ((std::vector<std::string>{"a", "b", "sub"}), names);
  ASSERT_EQ(JET_errSuccess, env_.ListDir("db/./sub/..", &names)) << "relative, . and ..";
  EXPECT_EQ((std::vector<std::string>{"a", "b", "sub"}), names);
  EXPECT_TRUE(env_.FileExists("/db/a"));
  EXPECT_FALSE(env_.FileExists("/db/sub"));
  EXPECT_TRUE(env_.DirExists("/db/sub"));
  EXPECT_TRUE(env_.DirExists("/"));
  EXPECT_EQ(JET_errFileNotFound, env_.ListDir("/db/a", &names));
  EXPECT_EQ(JET_errFileNotFound, env_.ListDir("/none", &names));

  EXPECT_EQ(JET_errFileAccessDenied, env_.RemoveDir("/db/sub")) << "not empty";
  EXPECT_EQ(JET_errFileAlreadyExists, env_.CreateDir("/db/sub"));
  EXPECT_EQ(JET_errFileAccessDenied, env_.OpenFile("/db/sub", FileOptions(), &f));
  EXPECT_EQ(JET_errFileNotFound, env_.OpenFile("/db/none", FileOptions(), &f));
  EXPECT_EQ(JET_errFileNotFound, env_.OpenFile("/db/none/x", FileOptions(), &f));
  FileOptions exclusive;
  exclusive.create = true;
  exclusive.exclusive = true;
  EXPECT_EQ(JET_errFileAlreadyExists, env_.OpenFile("/db/a", exclusive, &f));
  EXPECT_EQ(JET_errFileAccessDenied, env_.RemoveFile("/db/sub"));
  EXPECT_EQ(JET_errFileNotFound, env_.RemoveDir("/db/a"));
  EXPECT_EQ(JET_errSuccess, env_.RemoveDir("/db/sub/deeper"));
  EXPECT_EQ(JET_errSuccess, env_.RemoveDir("/db/sub"));

  ASSERT_EQ(JET_errSuccess, env_.CreateDir("/db/d"));
  EXPECT_EQ(JET_errInvalidParameter, env_.RenameFile("/db/d", "/db/d/inside"));
  EXPECT_EQ(JET_errSuccess, env_.RenameFile("/db/d", "/db/e"));
  EXPECT_TRUE(env_.DirExists("/db/e"));
}

TEST_F(FaultEnvTest, MoveBetweenDirectoriesSyncedOnOneSideOnly) {
  ASSERT_EQ(JET_errSuccess, env_.CreateDir("/db/x"));
  ASSERT_EQ(JET_errSuccess, env_.SyncDir("/db"));
  MakeDurableFile("/db/f", "shared?");
  ASSERT_EQ(JET_errSuccess, env_.RenameFile("/db/f", "/db/x/f"));
  ASSERT_EQ(JET_errSuccess, env_.SyncDir("/db/x"));  // not /db
  env_.PowerLoss();
  // Both names come back; they must be two files, not one.
  EXPECT_EQ("shared?", Contents("/db/f"));
  EXPECT_EQ("shared?", Contents("/db/x/f"));
  std::unique_ptr<File> f = Open("/db/f");
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, "S", 1));
  EXPECT_EQ("shared?", Contents("/db/x/f"));
}

TEST_F(FaultEnvTest, ClockIsDeterministic) {
  EXPECT_EQ((SystemTime{2025, 1, 1, 0, 0, 0, 0}), env_.NowUtc());
  env_.AdvanceClock(1500000);
  EXPECT_EQ((SystemTime{2025, 1, 1, 0, 0, 1, 500}), env_.NowUtc());
  const uint64_t a = env_.NowMicros();
  const uint64_t b = env_.NowMicros();
  EXPECT_LT(a, b);
  env_.AdvanceClock(86400ull * 1000000);
  EXPECT_EQ(2, env_.NowUtc().day);
}

TEST_F(FaultEnvTest, SyncAllMakesEverythingDurable) {
  ASSERT_EQ(JET_errSuccess, env_.CreateDirs("/db/a/b"));
  std::unique_ptr<File> f = Open("/db/a/b/f");
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, "all", 3));
  env_.SyncAll();
  env_.PowerLoss();
  EXPECT_EQ("all", Contents("/db/a/b/f"));
}

// Many crash points in a row, as crash tests drive it: every fully synced
// write survives, nothing written after the last flush does.
TEST_F(FaultEnvTest, RepeatedPowerLossKeepsExactlyTheDurablePrefix) {
  std::mt19937_64 rng(g_seed);
  MakeDurableFile("/db/log", "");
  std::string durable;
  for (int round = 0; round < 500; ++round) {
    std::unique_ptr<File> f = Open("/db/log");
    std::string current = durable;
    const int writes = static_cast<int>(rng() % 4);
    for (int w = 0; w < writes; ++w) {
      const std::string rec(1 + rng() % 700, static_cast<char>('a' + rng() % 26));
      ASSERT_EQ(JET_errSuccess, f->WriteAt(current.size(), rec.data(), rec.size()));
      current += rec;
      if (rng() % 2 == 0) {
        ASSERT_EQ(JET_errSuccess, f->Flush());
        durable = current;
      }
    }
    f.reset();
    env_.PowerLoss();
    ASSERT_EQ(durable, Contents("/db/log")) << "round " << round;
  }
}

}  // namespace
}  // namespace jet

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  jet::g_seed = std::random_device()();
  for (int i = 1; i < argc; ++i) {
    const char* kFlag = "--seed=";
    if (std::strncmp(argv[i], kFlag, std::strlen(kFlag)) == 0) {
      jet::g_seed = std::strtoull(argv[i] + std::strlen(kFlag), nullptr, 10);
    }
  }
  std::cout << "fault_env_test seed: " << jet::g_seed << " (repeat with --seed=" << jet::g_seed
            << ")" << std::endl;
  return RUN_ALL_TESTS();
}
