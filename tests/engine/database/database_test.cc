// Attaching databases through the C API: the header checks of an attach
// (dirty, backup copy, page size, missing file), who may attach a file
// (one instance at a time), detach rules, JetGetDatabaseFileInfo without an
// instance and JetGetDatabaseInfo on an open database.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "api_test_util.h"
#include "esent.h"
#include "format/db_header.h"
#include "test_data.h"

namespace jet::api_test {
namespace {

constexpr size_t kPage = 4096;

// Rewrites both header copies of a database file.
void EditHeader(const std::string& path, void (*edit)(DbFileHeader*)) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  for (int copy = 0; copy < 2; ++copy) {
    std::vector<uint8_t> page(kPage);
    f.seekg(static_cast<std::streamoff>(copy * kPage));
    f.read(reinterpret_cast<char*>(page.data()), kPage);
    DbFileHeader header;
    ASSERT_EQ(DecodeDbHeader(page, &header), JET_errSuccess);
    edit(&header);
    ASSERT_EQ(EncodeDbHeader(header, page), JET_errSuccess);
    f.seekp(static_cast<std::streamoff>(copy * kPage));
    f.write(reinterpret_cast<const char*>(page.data()), kPage);
  }
}

class AttachTest : public ::testing::Test {
 protected:
  void SetUp() override { ResetEngine(); }
  void TearDown() override { ResetEngine(); }
  TempDir dir_;
};

TEST_F(AttachTest, DatabaseFileInfoWithoutAnInstance) {
  for (const std::string& name : test::WindowsEdbNames()) {
    const std::string path = WindowsEdbPath(name);
    JET_DBINFOMISC7 misc;
    std::memset(&misc, 0xcc, sizeof(misc));
    ASSERT_EQ(JetGetDatabaseFileInfoA(path.c_str(), &misc, sizeof(misc), JET_DbInfoMisc),
              JET_errSuccess)
        << name;
    EXPECT_EQ(misc.dbstate, static_cast<JET_UINT32>(JET_dbstateCleanShutdown)) << name;
    EXPECT_EQ(misc.cbPageSize, 4096u);
    EXPECT_EQ(misc.ulVersion, 0x620u);
    EXPECT_EQ(misc.ulUpdate, 0x14u);
    EXPECT_EQ(misc.bkinfoFullCur.genLow, 0u);
    // The smallest version fits a JET_DBINFOMISC buffer; less is refused.
    JET_DBINFOMISC small;
    EXPECT_EQ(JetGetDatabaseFileInfoA(path.c_str(), &small, sizeof(small), JET_DbInfoMisc),
              JET_errSuccess);
    EXPECT_EQ(std::memcmp(&small, &misc, sizeof(small)), 0);
    EXPECT_EQ(JetGetDatabaseFileInfoA(path.c_str(), &small, sizeof(small) - 1, JET_DbInfoMisc),
              JET_errInvalidBufferSize);
    unsigned long page_size = 0;
    ASSERT_EQ(
        JetGetDatabaseFileInfoA(path.c_str(), &page_size, sizeof(page_size), JET_DbInfoPageSize),
        JET_errSuccess);
    EXPECT_EQ(page_size, 4096u);
    unsigned long long size = 0;
    ASSERT_EQ(JetGetDatabaseFileInfoA(path.c_str(), &size, sizeof(size), JET_DbInfoFilesize),
              JET_errSuccess);
    EXPECT_EQ(size, 1u << 20);
  }
  JET_DBINFOMISC misc;
  EXPECT_EQ(JetGetDatabaseFileInfoA((dir_.path() / "missing.edb").string().c_str(), &misc,
                                    sizeof(misc), JET_DbInfoMisc),
            JET_errFileNotFound);
}

TEST_F(AttachTest, HeaderChecks) {
  ApiDb db;
  ASSERT_EQ(db.init_err(), JET_errSuccess);
  EXPECT_EQ(db.Attach((dir_.path() / "missing.edb").string()), JET_errFileNotFound);

  const std::string dirty = dir_.Copy(WindowsEdbPath("basic"), "dirty.edb");
  EditHeader(dirty, [](DbFileHeader* h) { h->dbstate = kDbStateDirtyShutdown; });
  EXPECT_EQ(db.Attach(dirty), JET_errDatabaseDirtyShutdown);
  JET_DBINFOMISC misc;
  ASSERT_EQ(JetGetDatabaseFileInfoA(dirty.c_str(), &misc, sizeof(misc), JET_DbInfoMisc),
            JET_errSuccess);
  EXPECT_EQ(misc.dbstate, static_cast<JET_UINT32>(JET_dbstateDirtyShutdown));

  const std::string backup = dir_.Copy(WindowsEdbPath("basic"), "backup.edb");
  EditHeader(backup, [](DbFileHeader* h) {
    h->bkinfo_full_cur.gen_low = 5;
    h->bkinfo_full_cur.gen_high = 7;
  });
  EXPECT_EQ(db.Attach(backup), JET_errSoftRecoveryOnBackupDatabase);

  const std::string future = dir_.Copy(WindowsEdbPath("basic"), "future.edb");
  EditHeader(future, [](DbFileHeader* h) { h->version = 0x700; });
  EXPECT_EQ(db.Attach(future), JET_errInvalidDatabaseVersion);

  // Both header copies broken: corrupted.
  const std::string broken = dir_.Copy(WindowsEdbPath("basic"), "broken.edb");
  {
    std::fstream f(broken, std::ios::in | std::ios::out | std::ios::binary);
    for (std::streamoff at : {std::streamoff{100}, std::streamoff{kPage + 100}}) {
      f.seekp(at);
      f.write("garbage!", 8);
    }
  }
  EXPECT_EQ(db.Attach(broken), JET_errDatabaseCorrupted);

  // The primary alone broken: the shadow serves.
  const std::string shadowed = dir_.Copy(WindowsEdbPath("basic"), "shadowed.edb");
  {
    std::fstream f(shadowed, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.write("garbage!", 8);
  }
  EXPECT_EQ(db.Attach(shadowed), JET_errSuccess);
}

TEST_F(AttachTest, PageSizeMustBeTheEngines) {
  ASSERT_EQ(JetSetSystemParameterA(nullptr, JET_sesidNil, JET_paramDatabasePageSize, 8192, nullptr),
            JET_errSuccess);
  {
    ApiDb db;
    ASSERT_EQ(db.init_err(), JET_errSuccess);
    EXPECT_EQ(db.Attach(WindowsEdbPath("basic")), JET_errPageSizeMismatch);
  }
  ResetEngine();  // back to 4096 for the other tests
}

TEST_F(AttachTest, OneInstanceAtATime) {
  const std::string path = WindowsEdbPath("basic");
  ApiDb a("a");
  ApiDb b("b");
  ASSERT_EQ(a.Attach(path), JET_errSuccess);
  EXPECT_EQ(JetAttachDatabaseA(a.sesid(), path.c_str(), JET_bitDbReadOnly),
            JET_wrnDatabaseAttached);
  EXPECT_EQ(JetAttachDatabaseA(b.sesid(), path.c_str(), JET_bitDbReadOnly),
            JET_errDatabaseSharingViolation);
  // Another spelling of the same file is the same file.
  const std::string dotted = (test::WindowsEdbDir() / "." / "basic.edb").string();
  EXPECT_EQ(JetAttachDatabaseA(b.sesid(), dotted.c_str(), JET_bitDbReadOnly),
            JET_errDatabaseSharingViolation);
  // Open in a session: cannot be detached.
  EXPECT_EQ(JetDetachDatabaseA(a.sesid(), path.c_str()), JET_errDatabaseInUse);
  EXPECT_EQ(JetCloseDatabase(a.sesid(), a.dbid(), 0), JET_errSuccess);
  EXPECT_EQ(JetCloseDatabase(a.sesid(), a.dbid(), 0), JET_errInvalidDatabaseId);
  EXPECT_EQ(JetDetachDatabaseA(a.sesid(), path.c_str()), JET_errSuccess);
  EXPECT_EQ(JetDetachDatabaseA(a.sesid(), path.c_str()), JET_errDatabaseNotFound);
  // Now the other instance may have it.
  EXPECT_EQ(b.Attach(path), JET_errSuccess);
  // Not attached to `a`: not openable there.
  JET_DBID dbid;
  EXPECT_EQ(JetOpenDatabaseA(a.sesid(), path.c_str(), nullptr, &dbid, JET_bitDbReadOnly),
            JET_errDatabaseNotFound);
}

TEST_F(AttachTest, DatabaseInfoAndInstanceInfo) {
  const std::string path = WindowsEdbPath("index");
  ApiDb db;
  ASSERT_EQ(db.Attach(path), JET_errSuccess);
  char name[1024];
  ASSERT_EQ(JetGetDatabaseInfoA(db.sesid(), db.dbid(), name, sizeof(name), JET_DbInfoFilename),
            JET_errSuccess);
  EXPECT_EQ(std::string(name), path);
  EXPECT_EQ(JetGetDatabaseInfoA(db.sesid(), db.dbid(), name, 3, JET_DbInfoFilename),
            JET_errBufferTooSmall);
  unsigned long value = 0;
  ASSERT_EQ(JetGetDatabaseInfoA(db.sesid(), db.dbid(), &value, sizeof(value), JET_DbInfoPageSize),
            JET_errSuccess);
  EXPECT_EQ(value, 4096u);
  ASSERT_EQ(JetGetDatabaseInfoA(db.sesid(), db.dbid(), &value, sizeof(value), JET_DbInfoFilesize),
            JET_errSuccess);
  EXPECT_EQ(value, 256u - 2u);  // 1 MiB of 4 KiB pages, less the header and its shadow
  JET_DBINFOMISC misc;
  ASSERT_EQ(JetGetDatabaseInfoA(db.sesid(), db.dbid(), &misc, sizeof(misc), JET_DbInfoMisc),
            JET_errSuccess);
  EXPECT_EQ(misc.dbstate, static_cast<JET_UINT32>(JET_dbstateCleanShutdown));
  EXPECT_EQ(
      JetGetDatabaseInfoA(db.sesid(), db.dbid() + 100, &value, sizeof(value), JET_DbInfoPageSize),
      JET_errInvalidDatabaseId);

  unsigned long count = 0;
  JET_INSTANCE_INFO_A* info = nullptr;
  ASSERT_EQ(JetGetInstanceInfoA(&count, &info), JET_errSuccess);
  ASSERT_EQ(count, 1u);
  ASSERT_EQ(info[0].cDatabases, 1u);
  EXPECT_EQ(std::string(info[0].szDatabaseFileName[0]), path);
  JetFreeBuffer(reinterpret_cast<char*>(info));
}

}  // namespace
}  // namespace jet::api_test
