// The instance table through the C API: multi-instance mode, creating and
// terminating instances, JetGetInstanceInfo / JetFreeBuffer, and ESE's error
// for each misuse.

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "api/engine_buffers.h"
#include "api/instance_table.h"
#include "esent.h"
#include "gtest/gtest.h"

namespace jet {
namespace {

class InstanceTableTest : public ::testing::Test {
 protected:
  void SetUp() override { InstanceTable::Get().ResetForTesting(); }
  void TearDown() override { InstanceTable::Get().ResetForTesting(); }

  static JET_ERR SetGlobal(unsigned long paramid, JET_API_PTR value) {
    return JetSetSystemParameter(nullptr, JET_sesidNil, paramid, value, nullptr);
  }
};

TEST_F(InstanceTableTest, CreateInstanceReturnsDistinctLiveHandles) {
  JET_INSTANCE a = 0;
  JET_INSTANCE b = 0;
  ASSERT_EQ(JetCreateInstance(&a, "a"), JET_errSuccess);
  ASSERT_EQ(JetCreateInstance2(&b, "b", "Instance B", JET_bitNil), JET_errSuccess);
  EXPECT_NE(a, JET_INSTANCE{0});
  EXPECT_NE(a, JET_instanceNil);
  EXPECT_NE(a, b);
  EXPECT_EQ(InstanceTable::Get().mode(), RunMode::kMultiInstance);
  EXPECT_EQ(InstanceTable::Get().instance_count(), 2u);
  ASSERT_NE(InstanceTable::Get().Find(b), nullptr);
  EXPECT_EQ(*InstanceTable::Get().Find(b)->name(), "b");
  EXPECT_EQ(*InstanceTable::Get().Find(b)->display_name(), "Instance B");
}

TEST_F(InstanceTableTest, CreateInstanceNeedsAnOutputHandle) {
  EXPECT_EQ(JetCreateInstance(nullptr, "x"), JET_errInvalidParameter);
  EXPECT_EQ(InstanceTable::Get().instance_count(), 0u);
}

TEST_F(InstanceTableTest, InstanceNamesAreUniqueIncludingNull) {
  JET_INSTANCE first = 0;
  JET_INSTANCE second = JET_instanceNil;
  ASSERT_EQ(JetCreateInstance(&first, "same"), JET_errSuccess);
  EXPECT_EQ(JetCreateInstance(&second, "same"), JET_errInstanceNameInUse);
  EXPECT_EQ(second, JET_instanceNil) << "the output is left alone on failure";
  EXPECT_EQ(JetCreateInstance2(&second, "same", "other display name", 0), JET_errInstanceNameInUse);

  // Names compare exactly, and only one instance may be unnamed.
  EXPECT_EQ(JetCreateInstance(&second, "Same"), JET_errSuccess);
  JET_INSTANCE unnamed = 0;
  ASSERT_EQ(JetCreateInstance(&unnamed, nullptr), JET_errSuccess);
  EXPECT_EQ(JetCreateInstance(&second, nullptr), JET_errInstanceNameInUse);
  EXPECT_EQ(JetCreateInstance(&second, ""), JET_errSuccess) << "\"\" is a name, NULL is not";

  // A name is free again once its instance is gone.
  ASSERT_EQ(JetTerm(first), JET_errSuccess);
  EXPECT_EQ(JetCreateInstance(&first, "same"), JET_errSuccess);
}

TEST_F(InstanceTableTest, MaxInstancesLimitsLiveInstances) {
  ASSERT_EQ(SetGlobal(JET_paramMaxInstances, 2), JET_errSuccess);
  JET_INSTANCE a = 0, b = 0, c = 0;
  ASSERT_EQ(JetCreateInstance(&a, "a"), JET_errSuccess);
  ASSERT_EQ(JetCreateInstance(&b, "b"), JET_errSuccess);
  EXPECT_EQ(JetCreateInstance(&c, "c"), JET_errTooManyInstances);
  ASSERT_EQ(JetTerm(a), JET_errSuccess);
  EXPECT_EQ(JetCreateInstance(&c, "c"), JET_errSuccess);
}

TEST_F(InstanceTableTest, MaxInstancesIsReadWhenMultiInstanceModeBegins) {
  JET_SETSYSPARAM params[] = {{JET_paramMaxInstances, 1, nullptr, JET_wrnNyi}};
  unsigned long succeeded = 0;
  ASSERT_EQ(JetEnableMultiInstance(params, 1, &succeeded), JET_errSuccess);
  EXPECT_EQ(succeeded, 1ul);
  EXPECT_EQ(params[0].err, JET_errSuccess);
  // Still settable (no instance exists yet), but the limit is already fixed.
  ASSERT_EQ(SetGlobal(JET_paramMaxInstances, 5), JET_errSuccess);
  JET_INSTANCE a = 0, b = 0;
  ASSERT_EQ(JetCreateInstance(&a, "a"), JET_errSuccess);
  EXPECT_EQ(JetCreateInstance(&b, "b"), JET_errTooManyInstances);
}

TEST_F(InstanceTableTest, EnableMultiInstanceSetsGlobalParametersOnce) {
  JET_SETSYSPARAM params[] = {
      {JET_paramDatabasePageSize, 8192, nullptr, JET_wrnNyi},
      {JET_paramMaxInstances, 3, nullptr, JET_wrnNyi},
      {JET_paramBaseName, 0, "abc", JET_wrnNyi},
  };
  unsigned long succeeded = 0;
  ASSERT_EQ(JetEnableMultiInstance(params, 3, &succeeded), JET_errSuccess);
  EXPECT_EQ(succeeded, 3ul);
  for (const auto& p : params) EXPECT_EQ(p.err, JET_errSuccess);
  EXPECT_EQ(InstanceTable::Get().mode(), RunMode::kMultiInstance);

  JET_API_PTR page_size = 0;
  ASSERT_EQ(
      JetGetSystemParameter(0, JET_sesidNil, JET_paramDatabasePageSize, &page_size, nullptr, 0),
      JET_errSuccess);
  EXPECT_EQ(page_size, 8192u);

  // Already in multi-instance mode: nothing is set, and the caller learns
  // how many of its values are already in force.
  JET_SETSYSPARAM again[] = {
      {JET_paramDatabasePageSize, 8192, nullptr, JET_wrnNyi},  // agrees
      {JET_paramMaxInstances, 7, nullptr, JET_wrnNyi},         // differs
  };
  EXPECT_EQ(JetEnableMultiInstance(again, 2, &succeeded), JET_errSystemParamsAlreadySet);
  EXPECT_EQ(succeeded, 1ul);
  EXPECT_EQ(JetEnableMultiInstance(nullptr, 0, nullptr), JET_errSystemParamsAlreadySet);
}

TEST_F(InstanceTableTest, EnableMultiInstanceAfterCreateInstanceIsAlreadySet) {
  JET_INSTANCE instance = 0;
  ASSERT_EQ(JetCreateInstance(&instance, "x"), JET_errSuccess);
  unsigned long succeeded = 99;
  EXPECT_EQ(JetEnableMultiInstance(nullptr, 0, &succeeded), JET_errSystemParamsAlreadySet);
  EXPECT_EQ(succeeded, 0ul);
}

TEST_F(InstanceTableTest, EnableMultiInstanceStopsAtTheFirstBadParameter) {
  JET_SETSYSPARAM params[] = {
      {JET_paramMaxInstances, 4, nullptr, JET_wrnNyi},
      {JET_paramDatabasePageSize, 5000, nullptr, JET_wrnNyi},  // not a page size
      {JET_paramLogFileSize, 1024, nullptr, JET_wrnNyi},
  };
  unsigned long succeeded = 0;
  EXPECT_EQ(JetEnableMultiInstance(params, 3, &succeeded), JET_errInvalidParameter);
  EXPECT_EQ(succeeded, 1ul);
  EXPECT_EQ(params[0].err, JET_errSuccess);
  EXPECT_EQ(params[1].err, JET_errInvalidParameter);
  EXPECT_EQ(params[2].err, JET_wrnNyi) << "never attempted";
  EXPECT_EQ(InstanceTable::Get().mode(), RunMode::kNotSet) << "the mode is unchanged";
  EXPECT_EQ(JetEnableMultiInstance(params, 1, &succeeded), JET_errSuccess);
}

TEST_F(InstanceTableTest, EnableMultiInstanceRejectsMissingArray) {
  unsigned long succeeded = 0;
  EXPECT_EQ(JetEnableMultiInstance(nullptr, 2, &succeeded), JET_errInvalidParameter);
  EXPECT_EQ(InstanceTable::Get().mode(), RunMode::kNotSet);
}

TEST_F(InstanceTableTest, ModeIsForgottenWhenTheLastInstanceGoes) {
  JET_INSTANCE instance = 0;
  ASSERT_EQ(JetCreateInstance(&instance, "x"), JET_errSuccess);
  ASSERT_EQ(JetTerm(instance), JET_errSuccess);
  EXPECT_EQ(InstanceTable::Get().mode(), RunMode::kNotSet);
  EXPECT_EQ(JetEnableMultiInstance(nullptr, 0, nullptr), JET_errSuccess);
}

TEST_F(InstanceTableTest, TermOfACreatedInstanceFreesItsHandle) {
  JET_INSTANCE keep = 0, gone = 0;
  ASSERT_EQ(JetCreateInstance(&keep, "keep"), JET_errSuccess);
  ASSERT_EQ(JetCreateInstance(&gone, "gone"), JET_errSuccess);
  ASSERT_EQ(JetTerm2(gone, JET_bitTermComplete), JET_errSuccess);
  EXPECT_EQ(InstanceTable::Get().Find(gone), nullptr);
  EXPECT_EQ(InstanceTable::Get().instance_count(), 1u);

  // The stale handle is refused, never followed.
  EXPECT_EQ(JetTerm(gone), JET_errInvalidParameter);
  EXPECT_EQ(JetSetSystemParameter(&gone, JET_sesidNil, JET_paramMaxSessions, 10, nullptr),
            JET_errInvalidInstance);
  JET_API_PTR value = 0;
  EXPECT_EQ(JetGetSystemParameter(gone, JET_sesidNil, JET_paramMaxSessions, &value, nullptr, 0),
            JET_errInvalidInstance);
}

TEST_F(InstanceTableTest, TermRejectsHandlesThatAreNotInstances) {
  JET_INSTANCE instance = 0;
  ASSERT_EQ(JetCreateInstance(&instance, "x"), JET_errSuccess);
  EXPECT_EQ(JetTerm(0), JET_errInvalidParameter);
  EXPECT_EQ(JetTerm(JET_instanceNil), JET_errInvalidParameter);
  EXPECT_EQ(JetTerm(0x1234), JET_errInvalidParameter);
  EXPECT_EQ(JetTerm(instance + 1), JET_errInvalidParameter);
  EXPECT_EQ(InstanceTable::Get().instance_count(), 1u);
}

TEST_F(InstanceTableTest, TermWithNoInstanceSucceeds) {
  // ESE (and ManagedEsent's tests) accept terminating when nothing runs.
  EXPECT_EQ(JetTerm(0), JET_errSuccess);
  EXPECT_EQ(JetTerm2(0x1234, JET_bitTermAbrupt), JET_errSuccess);
}

TEST_F(InstanceTableTest, Term2ChecksItsGrbit) {
  JET_INSTANCE instance = 0;
  ASSERT_EQ(JetCreateInstance(&instance, "x"), JET_errSuccess);
  EXPECT_EQ(JetTerm2(instance, 0x10), JET_errInvalidGrbit);
  EXPECT_EQ(InstanceTable::Get().instance_count(), 1u);
  EXPECT_EQ(JetTerm2(instance, JET_bitTermStopBackup | JET_bitTermDirty), JET_errSuccess);
}

TEST_F(InstanceTableTest, HandlesAreNotReused) {
  JET_INSTANCE first = 0, second = 0;
  ASSERT_EQ(JetCreateInstance(&first, "x"), JET_errSuccess);
  ASSERT_EQ(JetTerm(first), JET_errSuccess);
  ASSERT_EQ(JetCreateInstance(&second, "x"), JET_errSuccess);
  EXPECT_NE(first, second);
}

TEST_F(InstanceTableTest, GetInstanceInfoWithNoInstances) {
  unsigned long count = 7;
  JET_INSTANCE_INFO* info = reinterpret_cast<JET_INSTANCE_INFO*>(&count);
  ASSERT_EQ(JetGetInstanceInfo(&count, &info), JET_errSuccess);
  EXPECT_EQ(count, 0ul);
  EXPECT_EQ(info, nullptr);
}

TEST_F(InstanceTableTest, GetInstanceInfoListsInstancesInCreationOrder) {
  JET_INSTANCE named = 0, unnamed = 0;
  ASSERT_EQ(JetCreateInstance(&named, "first"), JET_errSuccess);
  ASSERT_EQ(JetCreateInstance2(&unnamed, nullptr, "display", 0), JET_errSuccess);

  unsigned long count = 0;
  JET_INSTANCE_INFO* info = nullptr;
  ASSERT_EQ(JetGetInstanceInfo(&count, &info), JET_errSuccess);
  ASSERT_EQ(count, 2ul);
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info[0].hInstanceId, named);
  ASSERT_NE(info[0].szInstanceName, nullptr);
  EXPECT_STREQ(info[0].szInstanceName, "first");
  EXPECT_EQ(info[0].cDatabases, 0u);
  EXPECT_EQ(info[0].szDatabaseFileName, nullptr);
  EXPECT_EQ(info[0].szDatabaseDisplayName, nullptr);
  EXPECT_EQ(info[0].szDatabaseSLVFileName_Obsolete, nullptr);
  EXPECT_EQ(info[1].hInstanceId, unnamed);
  EXPECT_EQ(info[1].szInstanceName, nullptr);

  EXPECT_EQ(OutstandingEngineBuffers(), 1u);
  EXPECT_EQ(JetFreeBuffer(reinterpret_cast<char*>(info)), JET_errSuccess);
  EXPECT_EQ(OutstandingEngineBuffers(), 0u);
}

TEST_F(InstanceTableTest, GetInstanceInfoNeedsBothOutputs) {
  unsigned long count = 0;
  JET_INSTANCE_INFO* info = nullptr;
  EXPECT_EQ(JetGetInstanceInfo(nullptr, &info), JET_errInvalidParameter);
  EXPECT_EQ(JetGetInstanceInfo(&count, nullptr), JET_errInvalidParameter);
}

TEST_F(InstanceTableTest, FreeBufferAcceptsOnlyEngineBuffers) {
  EXPECT_EQ(JetFreeBuffer(nullptr), JET_errSuccess);
  char not_ours[16];
  EXPECT_EQ(JetFreeBuffer(not_ours), JET_errInvalidParameter);

  JET_INSTANCE instance = 0;
  ASSERT_EQ(JetCreateInstance(&instance, "x"), JET_errSuccess);
  unsigned long count = 0;
  JET_INSTANCE_INFO* info = nullptr;
  ASSERT_EQ(JetGetInstanceInfo(&count, &info), JET_errSuccess);
  char* buffer = reinterpret_cast<char*>(info);
  EXPECT_EQ(JetFreeBuffer(buffer), JET_errSuccess);
  EXPECT_EQ(JetFreeBuffer(buffer), JET_errInvalidParameter) << "a second free is refused";
}

TEST_F(InstanceTableTest, ConcurrentCreateAndTerm) {
  ASSERT_EQ(SetGlobal(JET_paramMaxInstances, 64), JET_errSuccess);
  constexpr int kThreads = 8;
  constexpr int kRounds = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &failures] {
      for (int round = 0; round < kRounds; ++round) {
        const std::string name = "t" + std::to_string(t) + "r" + std::to_string(round);
        JET_INSTANCE instance = 0;
        if (JetCreateInstance(&instance, name.c_str()) != JET_errSuccess) ++failures;
        if (JetTerm(instance) != JET_errSuccess) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(InstanceTable::Get().instance_count(), 0u);
  EXPECT_EQ(InstanceTable::Get().mode(), RunMode::kNotSet);
}

}  // namespace
}  // namespace jet
