// JetInit in its two run modes, sessions and their handles, and the rule
// that one session is used by one thread at a time.
#include <gtest/gtest.h>

#include <thread>

#include "api/instance_table.h"
#include "api/session_table.h"
#include "api_test_util.h"
#include "esent.h"

namespace jet::api_test {
namespace {

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override { ResetEngine(); }
  void TearDown() override { ResetEngine(); }
};

TEST_F(SessionTest, LegacyJetInitCreatesTheGlobalInstance) {
  JET_INSTANCE inst = 0;
  ASSERT_EQ(JetInit(&inst), JET_errSuccess);
  EXPECT_NE(inst, 0u);
  EXPECT_EQ(InstanceTable::Get().mode(), RunMode::kSingleInstance);
  EXPECT_EQ(JetInit(&inst), JET_errAlreadyInitialized);
  JET_INSTANCE other;
  EXPECT_EQ(JetCreateInstanceA(&other, "x"), JET_errRunningInOneInstanceMode);
  // A nil instance means the global one in this mode.
  JET_SESID sesid;
  ASSERT_EQ(JetBeginSessionA(0, &sesid, nullptr, nullptr), JET_errSuccess);
  EXPECT_EQ(JetEndSession(sesid, 0), JET_errSuccess);
  ASSERT_EQ(JetTerm(inst), JET_errSuccess);
  EXPECT_EQ(InstanceTable::Get().mode(), RunMode::kNotSet);
  // JetInit(NULL) works too, and JetTerm(0) ends it.
  ASSERT_EQ(JetInit(nullptr), JET_errSuccess);
  ASSERT_EQ(JetTerm(0), JET_errSuccess);
  EXPECT_EQ(InstanceTable::Get().instance_count(), 0u);
}

TEST_F(SessionTest, MultiInstanceJetInit) {
  JET_INSTANCE inst;
  ASSERT_EQ(JetCreateInstanceA(&inst, "m"), JET_errSuccess);
  EXPECT_EQ(JetInit(nullptr), JET_errRunningInMultiInstanceMode);
  JET_INSTANCE bogus = inst + 77;
  EXPECT_EQ(JetInit(&bogus), JET_errInvalidParameter);
  JET_SESID sesid;
  EXPECT_EQ(JetBeginSessionA(inst, &sesid, "", ""), JET_errNotInitialized);
  ASSERT_EQ(JetInit2(&inst, 0), JET_errSuccess);
  EXPECT_EQ(JetInit(&inst), JET_errAlreadyInitialized);
  // Initialized: static instance parameters are fixed.
  EXPECT_EQ(JetSetSystemParameterA(&inst, JET_sesidNil, JET_paramMaxSessions, 5, nullptr),
            JET_errAlreadyInitialized);
  EXPECT_EQ(JetBeginSessionA(bogus, &sesid, "", ""), JET_errInvalidParameter);
  ASSERT_EQ(JetBeginSessionA(inst, &sesid, "", ""), JET_errSuccess);
  ASSERT_EQ(JetTerm2(inst, JET_bitTermComplete), JET_errSuccess);
  // The session went with its instance.
  EXPECT_EQ(JetEndSession(sesid, 0), JET_errInvalidSesid);
}

TEST_F(SessionTest, SessionHandles) {
  ApiDb db;
  ASSERT_EQ(db.init_err(), JET_errSuccess);
  JET_SESID second;
  ASSERT_EQ(JetBeginSessionA(db.instance(), &second, "", ""), JET_errSuccess);
  EXPECT_NE(second, db.sesid());
  EXPECT_EQ(JetEndSession(second, 0), JET_errSuccess);
  EXPECT_EQ(JetEndSession(second, 0), JET_errInvalidSesid);
  EXPECT_EQ(JetEndSession(JET_sesidNil, 0), JET_errInvalidSesid);
  EXPECT_EQ(JetBeginSessionA(db.instance(), nullptr, "", ""), JET_errInvalidParameter);
  // A table handle of one session is not valid in another.
  ASSERT_EQ(db.Attach(WindowsEdbPath("basic")), JET_errSuccess);
  JET_TABLEID t;
  ASSERT_EQ(db.OpenTable("basic", &t), JET_errSuccess);
  ASSERT_EQ(JetBeginSessionA(db.instance(), &second, "", ""), JET_errSuccess);
  EXPECT_EQ(JetMove(second, t, JET_MoveFirst, 0), JET_errInvalidTableId);
  EXPECT_EQ(JetOpenTableA(second, db.dbid(), "basic", nullptr, 0, 0, &t), JET_errInvalidDatabaseId);
  // Ending a session closes its tables and databases.
  EXPECT_EQ(JetEndSession(db.sesid(), 0), JET_errSuccess);
  EXPECT_EQ(JetDetachDatabaseA(second, WindowsEdbPath("basic").c_str()), JET_errSuccess);
}

TEST_F(SessionTest, OneThreadAtATime) {
  ApiDb db;
  ASSERT_EQ(db.Attach(WindowsEdbPath("basic")), JET_errSuccess);
  JET_TABLEID t;
  ASSERT_EQ(db.OpenTable("basic", &t), JET_errSuccess);
  {
    // Another thread is inside a call with the session (held here as the
    // entry points hold it).
    SessionLease lease;
    ASSERT_EQ(SessionTable::Get().Acquire(db.sesid(), &lease), JET_errSuccess);
    JET_ERR moved = JET_errSuccess;
    JET_ERR ended = JET_errSuccess;
    std::thread other([&] {
      moved = JetMove(db.sesid(), t, JET_MoveFirst, 0);
      ended = JetEndSession(db.sesid(), 0);
    });
    other.join();
    EXPECT_EQ(moved, JET_errSessionSharingViolation);
    EXPECT_EQ(ended, JET_errSessionSharingViolation);
  }
  // Once the call is over, any thread may use the session.
  JET_ERR moved = JET_errSuccess;
  std::thread later([&] { moved = JetMove(db.sesid(), t, JET_MoveFirst, 0); });
  later.join();
  EXPECT_EQ(moved, JET_errSuccess);
}

}  // namespace
}  // namespace jet::api_test
