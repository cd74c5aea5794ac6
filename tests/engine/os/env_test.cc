// The real platform Env (POSIX or Win32), each test in a fresh temp directory.
#include "os/env.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "spawn_self.h"
#include "temp_dir.h"

namespace jet {
namespace {

// The child process of the cross-process lock test: tries the lock at path
// and says how it went in its exit code.
constexpr char kLockChildFlag[] = "--lock-child=";
constexpr int kChildLocked = 0;
constexpr int kChildDenied = 10;
constexpr int kChildOtherError = 20;

int LockChildMain(const std::string& path) {
  std::unique_ptr<FileLock> lock;
  const JET_ERR err = Env::Default()->LockFile(path, &lock);
  if (err == JET_errSuccess) return kChildLocked;
  return err == JET_errFileAccessDenied ? kChildDenied : kChildOtherError;
}

class EnvTest : public ::testing::Test {
 protected:
  Env* env_ = Env::Default();
  testing::TempDir dir_;

  std::string P(const std::string& name) const { return dir_.Join(name); }

  std::unique_ptr<File> Create(const std::string& path, FileOptions options = {}) {
    options.create = true;
    std::unique_ptr<File> file;
    EXPECT_EQ(JET_errSuccess, env_->OpenFile(path, options, &file)) << path;
    return file;
  }

  void WriteFile(const std::string& path, const std::string& data) {
    std::unique_ptr<File> f = Create(path);
    ASSERT_NE(nullptr, f);
    ASSERT_EQ(JET_errSuccess, f->SetSize(0));
    ASSERT_EQ(JET_errSuccess, f->WriteAt(0, data.data(), data.size()));
    ASSERT_EQ(JET_errSuccess, f->Flush());
  }

  std::string ReadFile(const std::string& path) {
    std::unique_ptr<File> f;
    FileOptions ro;
    ro.read_only = true;
    if (env_->OpenFile(path, ro, &f) != JET_errSuccess) return "<cannot open>";
    uint64_t size = 0;
    EXPECT_EQ(JET_errSuccess, f->Size(&size));
    std::string data(static_cast<size_t>(size), '\0');
    size_t got = 0;
    EXPECT_EQ(JET_errSuccess, f->ReadAt(0, data.data(), data.size(), &got));
    data.resize(got);
    return data;
  }
};

TEST_F(EnvTest, OpenMissingCreateAndExclusive) {
  std::unique_ptr<File> f;
  EXPECT_EQ(JET_errFileNotFound, env_->OpenFile(P("missing"), FileOptions(), &f));
  EXPECT_EQ(nullptr, f);

  FileOptions exclusive;
  exclusive.create = true;
  exclusive.exclusive = true;
  ASSERT_EQ(JET_errSuccess, env_->OpenFile(P("a"), exclusive, &f));
  ASSERT_NE(nullptr, f);
  f.reset();
  EXPECT_EQ(JET_errFileAlreadyExists, env_->OpenFile(P("a"), exclusive, &f));
  EXPECT_EQ(JET_errSuccess, env_->OpenFile(P("a"), FileOptions(), &f));  // plain open
  f.reset();

  FileOptions create;
  create.create = true;
  EXPECT_EQ(JET_errSuccess, env_->OpenFile(P("a"), create, &f));  // create opens existing
  f.reset();
  // A missing parent directory is a missing file, on both platforms.
  EXPECT_EQ(JET_errFileNotFound, env_->OpenFile(P("nodir/a"), create, &f));

  FileOptions nonsense;
  nonsense.exclusive = true;  // exclusive without create
  EXPECT_EQ(JET_errInvalidParameter, env_->OpenFile(P("a"), nonsense, &f));
  nonsense = FileOptions();
  nonsense.create = true;
  nonsense.read_only = true;
  EXPECT_EQ(JET_errInvalidParameter, env_->OpenFile(P("b"), nonsense, &f));
}

TEST_F(EnvTest, ReadWriteAtOffsetsAndShortReadAtEof) {
  std::unique_ptr<File> f = Create(P("f"));
  ASSERT_NE(nullptr, f);
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, "hello", 5));
  ASSERT_EQ(JET_errSuccess, f->WriteAt(100, "world", 5));
  uint64_t size = 0;
  ASSERT_EQ(JET_errSuccess, f->Size(&size));
  EXPECT_EQ(105u, size);

  char buf[200];
  size_t got = 0;
  ASSERT_EQ(JET_errSuccess, f->ReadAt(0, buf, 5, &got));
  EXPECT_EQ(5u, got);
  EXPECT_EQ("hello", std::string(buf, 5));
  ASSERT_EQ(JET_errSuccess, f->ReadAt(5, buf, 95, &got));
  EXPECT_EQ(95u, got);
  EXPECT_EQ(std::string(95, '\0'), std::string(buf, 95)) << "the gap reads as zeros";

  // A read that runs past the end is short, not an error.
  ASSERT_EQ(JET_errSuccess, f->ReadAt(102, buf, 10, &got));
  EXPECT_EQ(3u, got);
  EXPECT_EQ("rld", std::string(buf, 3));
  ASSERT_EQ(JET_errSuccess, f->ReadAt(105, buf, 10, &got));
  EXPECT_EQ(0u, got);
  ASSERT_EQ(JET_errSuccess, f->ReadAt(1 << 20, buf, 10, &got));
  EXPECT_EQ(0u, got);
  EXPECT_EQ(JET_errFileIOBeyondEOF, ReadExactlyAt(f.get(), 100, buf, 10));
  EXPECT_EQ(JET_errSuccess, ReadExactlyAt(f.get(), 100, buf, 5));

  // Overwrite in the middle.
  ASSERT_EQ(JET_errSuccess, f->WriteAt(1, "EL", 2));
  ASSERT_EQ(JET_errSuccess, f->Flush());
  f.reset();
  EXPECT_EQ("hELlo", ReadFile(P("f")).substr(0, 5));
}

TEST_F(EnvTest, WriteFarPastEndExtendsWithZeros) {
  std::unique_ptr<File> f = Create(P("sparse"));
  ASSERT_NE(nullptr, f);
  constexpr uint64_t kFar = 8u << 20;  // 8 MiB
  ASSERT_EQ(JET_errSuccess, f->WriteAt(kFar, "x", 1));
  uint64_t size = 0;
  ASSERT_EQ(JET_errSuccess, f->Size(&size));
  EXPECT_EQ(kFar + 1, size);
  std::vector<char> buf(4096, 'q');
  ASSERT_EQ(JET_errSuccess, ReadExactlyAt(f.get(), kFar / 2, buf.data(), buf.size()));
  EXPECT_EQ(std::vector<char>(4096, '\0'), buf);
}

TEST_F(EnvTest, SetSizeGrowsWithZerosAndTruncates) {
  std::unique_ptr<File> f = Create(P("f"));
  ASSERT_NE(nullptr, f);
  const std::string data(100, 'x');
  ASSERT_EQ(JET_errSuccess, f->WriteAt(0, data.data(), data.size()));
  ASSERT_EQ(JET_errSuccess, f->SetSize(10000));
  uint64_t size = 0;
  ASSERT_EQ(JET_errSuccess, f->Size(&size));
  EXPECT_EQ(10000u, size);
  std::string buf(10000, '?');
  ASSERT_EQ(JET_errSuccess, ReadExactlyAt(f.get(), 0, buf.data(), buf.size()));
  EXPECT_EQ(data, buf.substr(0, 100));
  EXPECT_EQ(std::string(9900, '\0'), buf.substr(100));

  ASSERT_EQ(JET_errSuccess, f->SetSize(50));
  ASSERT_EQ(JET_errSuccess, f->Size(&size));
  EXPECT_EQ(50u, size);
  ASSERT_EQ(JET_errSuccess, f->Flush());
  f.reset();
  ASSERT_EQ(JET_errSuccess, env_->GetFileSize(P("f"), &size));
  EXPECT_EQ(50u, size);
  EXPECT_EQ(std::string(50, 'x'), ReadFile(P("f")));
}

TEST_F(EnvTest, ReadOnlyFileRefusesWritesButReads) {
  WriteFile(P("ro"), "data");
  std::unique_ptr<File> f;
  FileOptions ro;
  ro.read_only = true;
  ASSERT_EQ(JET_errSuccess, env_->OpenFile(P("ro"), ro, &f));
  EXPECT_EQ(JET_errFileAccessDenied, f->WriteAt(0, "x", 1));
  EXPECT_EQ(JET_errFileAccessDenied, f->SetSize(0));
  EXPECT_EQ(JET_errSuccess, f->Flush());
  char buf[4];
  EXPECT_EQ(JET_errSuccess, ReadExactlyAt(f.get(), 0, buf, 4));
  EXPECT_EQ("data", std::string(buf, 4));
}

TEST_F(EnvTest, WriteThroughFileWritesAndReadsBack) {
  FileOptions wt;
  wt.write_through = true;
  std::unique_ptr<File> f = Create(P("wt"), wt);
  ASSERT_NE(nullptr, f);
  const std::string page(4096, 'p');
  ASSERT_EQ(JET_errSuccess, f->WriteAt(4096, page.data(), page.size()));
  f.reset();
  const std::string back = ReadFile(P("wt"));
  ASSERT_EQ(8192u, back.size());
  EXPECT_EQ(page, back.substr(4096));
}

TEST_F(EnvTest, OpeningADirectoryAsAFileIsAccessDenied) {
  ASSERT_EQ(JET_errSuccess, env_->CreateDir(P("d")));
  std::unique_ptr<File> f;
  FileOptions create;
  create.create = true;
  EXPECT_EQ(JET_errFileAccessDenied, env_->OpenFile(P("d"), create, &f));
  FileOptions ro;
  ro.read_only = true;
  EXPECT_EQ(JET_errFileAccessDenied, env_->OpenFile(P("d"), ro, &f));
}

TEST_F(EnvTest, ExistsAndGetFileSize) {
  WriteFile(P("f"), "12345");
  ASSERT_EQ(JET_errSuccess, env_->CreateDir(P("d")));
  EXPECT_TRUE(env_->FileExists(P("f")));
  EXPECT_FALSE(env_->DirExists(P("f")));
  EXPECT_TRUE(env_->DirExists(P("d")));
  EXPECT_FALSE(env_->FileExists(P("d")));
  EXPECT_FALSE(env_->FileExists(P("none")));
  EXPECT_FALSE(env_->DirExists(P("none")));
  uint64_t size = 0;
  EXPECT_EQ(JET_errSuccess, env_->GetFileSize(P("f"), &size));
  EXPECT_EQ(5u, size);
  EXPECT_EQ(JET_errFileNotFound, env_->GetFileSize(P("none"), &size));
}

TEST_F(EnvTest, RenameReplacesAnExistingFile) {
  WriteFile(P("new"), "new contents");
  WriteFile(P("old"), "old");
  ASSERT_EQ(JET_errSuccess, env_->RenameFile(P("new"), P("old")));
  EXPECT_FALSE(env_->FileExists(P("new")));
  EXPECT_EQ("new contents", ReadFile(P("old")));
  ASSERT_EQ(JET_errSuccess, env_->SyncDir(dir_.path()));

  EXPECT_EQ(JET_errFileNotFound, env_->RenameFile(P("new"), P("other")));
  // Into a directory that is not there.
  EXPECT_EQ(JET_errFileNotFound, env_->RenameFile(P("old"), P("nodir/x")));
  EXPECT_EQ("new contents", ReadFile(P("old")));
}

TEST_F(EnvTest, ListDirNamesSorted) {
  WriteFile(P("b.log"), "");
  WriteFile(P("a.edb"), "");
  ASSERT_EQ(JET_errSuccess, env_->CreateDir(P("sub")));
  std::vector<std::string> names = {"stale"};
  ASSERT_EQ(JET_errSuccess, env_->ListDir(dir_.path(), &names));
  EXPECT_EQ((std::vector<std::string>{"a.edb", "b.log", "sub"}), names);
  ASSERT_EQ(JET_errSuccess, env_->ListDir(P("sub"), &names));
  EXPECT_TRUE(names.empty());
  EXPECT_EQ(JET_errFileNotFound, env_->ListDir(P("none"), &names));
}

TEST_F(EnvTest, RemoveFileAndDirectories) {
  ASSERT_EQ(JET_errSuccess, env_->CreateDir(P("d")));
  EXPECT_EQ(JET_errFileAlreadyExists, env_->CreateDir(P("d")));
  WriteFile(P("d/f"), "x");
  EXPECT_EQ(JET_errFileAccessDenied, env_->RemoveDir(P("d"))) << "not empty";
  EXPECT_TRUE(env_->DirExists(P("d")));
  EXPECT_EQ(JET_errSuccess, env_->RemoveFile(P("d/f")));
  EXPECT_EQ(JET_errFileNotFound, env_->RemoveFile(P("d/f")));
  EXPECT_EQ(JET_errSuccess, env_->RemoveDir(P("d")));
  EXPECT_FALSE(env_->DirExists(P("d")));
  EXPECT_EQ(JET_errFileNotFound, env_->RemoveDir(P("d")));
}

TEST_F(EnvTest, CreateDirsMakesEveryLevel) {
  ASSERT_EQ(JET_errSuccess, env_->CreateDirs(P("a/b/c")));
  EXPECT_TRUE(env_->DirExists(P("a/b/c")));
  EXPECT_EQ(JET_errSuccess, env_->CreateDirs(P("a/b/c")));   // already there
  EXPECT_EQ(JET_errSuccess, env_->CreateDirs(P("a/b/d/")));  // trailing separator
  EXPECT_TRUE(env_->DirExists(P("a/b/d")));
  WriteFile(P("a/file"), "");
  EXPECT_NE(JET_errSuccess, env_->CreateDirs(P("a/file")));
  EXPECT_LT(env_->CreateDirs(P("a/file/sub")), JET_errSuccess);
}

TEST_F(EnvTest, SyncDir) {
  WriteFile(P("f"), "x");
  EXPECT_EQ(JET_errSuccess, env_->SyncDir(dir_.path()));
  EXPECT_EQ(JET_errFileNotFound, env_->SyncDir(P("none")));
}

// Windows' sharing rules, which the POSIX Env enforces inside the process.
TEST_F(EnvTest, WriterExcludesOtherOpensDeletesAndRenames) {
  WriteFile(P("db"), "x");
  std::unique_ptr<File> writer;
  ASSERT_EQ(JET_errSuccess, env_->OpenFile(P("db"), FileOptions(), &writer));

  std::unique_ptr<File> other;
  EXPECT_EQ(JET_errFileAccessDenied, env_->OpenFile(P("db"), FileOptions(), &other));
  FileOptions ro;
  ro.read_only = true;
  EXPECT_EQ(JET_errFileAccessDenied, env_->OpenFile(P("db"), ro, &other))
      << "a reader does not share writing, so it cannot join a writer";
  EXPECT_EQ(JET_errFileAccessDenied, env_->RemoveFile(P("db")));
  WriteFile(P("other"), "y");
  EXPECT_EQ(JET_errFileAccessDenied, env_->RenameFile(P("other"), P("db")));
  EXPECT_EQ(JET_errFileAccessDenied, env_->RenameFile(P("db"), P("moved")));

  writer.reset();
  EXPECT_EQ(JET_errSuccess, env_->OpenFile(P("db"), FileOptions(), &other));
  other.reset();
  EXPECT_EQ(JET_errSuccess, env_->RenameFile(P("other"), P("db")));
  EXPECT_EQ(JET_errSuccess, env_->RemoveFile(P("db")));
}

TEST_F(EnvTest, ReadersShareUnlessOneDeniesIt) {
  WriteFile(P("f"), "x");
  FileOptions ro;
  ro.read_only = true;
  std::unique_ptr<File> r1;
  std::unique_ptr<File> r2;
  ASSERT_EQ(JET_errSuccess, env_->OpenFile(P("f"), ro, &r1));
  EXPECT_EQ(JET_errSuccess, env_->OpenFile(P("f"), ro, &r2));
  std::unique_ptr<File> w;
  EXPECT_EQ(JET_errFileAccessDenied, env_->OpenFile(P("f"), FileOptions(), &w));
  r1.reset();
  r2.reset();

  FileOptions alone = ro;
  alone.share_read = false;
  ASSERT_EQ(JET_errSuccess, env_->OpenFile(P("f"), alone, &r1));
  EXPECT_EQ(JET_errFileAccessDenied, env_->OpenFile(P("f"), ro, &r2));
}

TEST_F(EnvTest, LockConflictsInsideTheProcess) {
  std::unique_ptr<FileLock> lock;
  ASSERT_EQ(JET_errSuccess, env_->LockFile(P("LOCK"), &lock));
  ASSERT_NE(nullptr, lock);
  EXPECT_TRUE(env_->FileExists(P("LOCK")));
  std::unique_ptr<FileLock> second;
  EXPECT_EQ(JET_errFileAccessDenied, env_->LockFile(P("LOCK"), &second));
  EXPECT_EQ(nullptr, second);
  lock.reset();
  EXPECT_EQ(JET_errSuccess, env_->LockFile(P("LOCK"), &second));
}

TEST_F(EnvTest, LockConflictsWithAnotherProcess) {
  const std::string path = P("LOCK");
  const std::string arg = std::string(kLockChildFlag) + path;
  {
    std::unique_ptr<FileLock> lock;
    ASSERT_EQ(JET_errSuccess, env_->LockFile(path, &lock));
    EXPECT_EQ(kChildDenied, testing::RunSelf({arg})) << "the child must not get a held lock";
  }
  EXPECT_EQ(kChildLocked, testing::RunSelf({arg})) << "released on destruction";
  // And the child's lock died with the child.
  std::unique_ptr<FileLock> again;
  EXPECT_EQ(JET_errSuccess, env_->LockFile(path, &again));
}

TEST_F(EnvTest, FreeDiskSpace) {
  uint64_t bytes = 0;
  ASSERT_EQ(JET_errSuccess, env_->FreeDiskSpace(dir_.path(), &bytes));
  EXPECT_GT(bytes, 0u);
  EXPECT_EQ(JET_errFileNotFound, env_->FreeDiskSpace(P("none"), &bytes));
}

TEST_F(EnvTest, ClocksAreSane) {
  const SystemTime t = env_->NowUtc();
  EXPECT_GE(t.year, 2024);
  EXPECT_LE(t.year, 2200);
  EXPECT_TRUE(t.month >= 1 && t.month <= 12);
  EXPECT_TRUE(t.day >= 1 && t.day <= 31);
  EXPECT_TRUE(t.hour >= 0 && t.hour <= 23);
  EXPECT_TRUE(t.minute >= 0 && t.minute <= 59);
  EXPECT_TRUE(t.second >= 0 && t.second <= 59);
  EXPECT_TRUE(t.millisecond >= 0 && t.millisecond <= 999);

  const uint64_t start = env_->NowMicros();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const uint64_t end = env_->NowMicros();
  EXPECT_GE(end - start, 15000u);
  EXPECT_LT(end - start, 10000000u);

  // NowUtc agrees with the C++ clock to within a few seconds.
  const int64_t ours = UnixMicrosFromSystemTime(env_->NowUtc());
  const int64_t std_now = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
  EXPECT_LT(std::abs(ours - std_now), 5 * 1000000);
}

TEST_F(EnvTest, UnicodeNames) {
  // "été-日本-😀.edb" and a directory "données", in UTF-8.
  const std::string name = "\xC3\xA9t\xC3\xA9-\xE6\x97\xA5\xE6\x9C\xAC-\xF0\x9F\x98\x80.edb";
  const std::string dir = std::string("donn\xC3\xA9") + "es";  // \xA9e would be one escape
  ASSERT_EQ(JET_errSuccess, env_->CreateDir(P(dir)));
  WriteFile(P(dir + "/" + name), "unicode");
  EXPECT_TRUE(env_->FileExists(P(dir + "/" + name)));
  EXPECT_EQ("unicode", ReadFile(P(dir + "/" + name)));
  std::vector<std::string> names;
  ASSERT_EQ(JET_errSuccess, env_->ListDir(P(dir), &names));
  EXPECT_EQ(std::vector<std::string>{name}, names);
  ASSERT_EQ(JET_errSuccess, env_->RenameFile(P(dir + "/" + name), P(dir + "/\xE2\x82\xAC.log")));
  EXPECT_EQ("unicode", ReadFile(P(dir + "/\xE2\x82\xAC.log")));
  std::unique_ptr<FileLock> lock;
  EXPECT_EQ(JET_errSuccess, env_->LockFile(P(dir + "/\xC3\xA9.lock"), &lock));
}

}  // namespace
}  // namespace jet

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind(jet::kLockChildFlag, 0) == 0) {
      return jet::LockChildMain(arg.substr(std::strlen(jet::kLockChildFlag)));
    }
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
