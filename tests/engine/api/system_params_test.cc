// JetSetSystemParameter / JetGetSystemParameter: ESE's defaults, ranges,
// scopes (process-wide, per instance, global), lifetimes and errors.

#include <string>

#include "api/instance_table.h"
#include "api/system_params.h"
#include "esent.h"
#include "gtest/gtest.h"

namespace jet {
namespace {

#if defined(_WIN32)
constexpr const char* kCurrentFolder = ".\\";
#else
constexpr const char* kCurrentFolder = "./";
#endif

class SystemParamsTest : public ::testing::Test {
 protected:
  void SetUp() override { InstanceTable::Get().ResetForTesting(); }
  void TearDown() override { InstanceTable::Get().ResetForTesting(); }

  static JET_ERR Set(JET_INSTANCE instance, unsigned long paramid, JET_API_PTR value,
                     const char* sz = nullptr) {
    return JetSetSystemParameter(&instance, JET_sesidNil, paramid, value, sz);
  }
  static JET_API_PTR GetInteger(JET_INSTANCE instance, unsigned long paramid) {
    JET_API_PTR value = 0xDEADBEEF;
    EXPECT_EQ(JetGetSystemParameter(instance, JET_sesidNil, paramid, &value, nullptr, 0),
              JET_errSuccess)
        << "param " << paramid;
    return value;
  }
  static std::string GetString(JET_INSTANCE instance, unsigned long paramid) {
    char buffer[512] = "untouched";
    EXPECT_EQ(
        JetGetSystemParameter(instance, JET_sesidNil, paramid, nullptr, buffer, sizeof(buffer)),
        JET_errSuccess)
        << "param " << paramid;
    return buffer;
  }
  static JET_INSTANCE NewInstance(const char* name) {
    JET_INSTANCE instance = 0;
    EXPECT_EQ(JetCreateInstance(&instance, name), JET_errSuccess);
    return instance;
  }
};

TEST_F(SystemParamsTest, DefaultsAreEsesOnes) {
  // ese-facts §3.2 and ESE's parameter table.
  for (JET_INSTANCE instance : {JET_INSTANCE{0}, NewInstance("fresh")}) {
    EXPECT_EQ(GetString(instance, JET_paramSystemPath), kCurrentFolder);
    EXPECT_EQ(GetString(instance, JET_paramTempPath), "tmp.edb");
    EXPECT_EQ(GetString(instance, JET_paramLogFilePath), kCurrentFolder);
    EXPECT_EQ(GetString(instance, JET_paramBaseName), "edb");
    EXPECT_EQ(GetString(instance, JET_paramEventSource), "");
    EXPECT_EQ(GetString(instance, JET_paramRecovery), "on");
    EXPECT_EQ(GetString(instance, JET_paramAlternateDatabaseRecoveryPath), "");
    EXPECT_EQ(GetInteger(instance, JET_paramMaxSessions), 16u);
    EXPECT_EQ(GetInteger(instance, JET_paramLogFileSize), 5120u);
    EXPECT_EQ(GetInteger(instance, JET_paramLogBuffers), 126u);
    EXPECT_EQ(GetInteger(instance, JET_paramCircularLog), 0u);
    EXPECT_EQ(GetInteger(instance, JET_paramCheckpointDepthMax), 20971520u);
    EXPECT_EQ(GetInteger(instance, JET_paramCommitDefault), 0u);
    EXPECT_EQ(GetInteger(instance, JET_paramDatabasePageSize), 4096u);
    EXPECT_EQ(GetInteger(instance, JET_paramMaxInstances), 16u);
    EXPECT_EQ(GetInteger(instance, JET_paramCreatePathIfNotExist), 0u);
    EXPECT_EQ(GetInteger(instance, JET_paramDeleteOutOfRangeLogs), 0u);
    EXPECT_EQ(GetInteger(instance, JET_paramEnableOnlineDefrag), JET_OnlineDefragAll);
    EXPECT_EQ(GetInteger(instance, JET_paramLegacyFileNames),
              JET_bitESE98FileNames | JET_bitEightDotThreeSoftCompat);
    EXPECT_EQ(GetInteger(instance, JET_paramOSSnapshotTimeout), 70000u);
    EXPECT_EQ(GetInteger(instance, JET_paramCacheSizeMax), 2000000000u);
    EXPECT_EQ(GetInteger(instance, JET_paramMaxColtyp), JET_coltypMax);
  }
}

TEST_F(SystemParamsTest, EveryDefaultIsALegalValue) {
  for (const ParamDef& def : AllParamDefs()) {
    if (def.lifetime == ParamLifetime::kReadOnly) continue;
    ParamValue value;
    const std::string sz(def.default_string);
    EXPECT_EQ(ParseParamValue(def, def.default_integer, sz.c_str(), &value), JET_errSuccess)
        << def.name;
  }
}

TEST_F(SystemParamsTest, UnknownParameterIsInvalid) {
  JET_API_PTR value = 0;
  for (unsigned long id : {33ul, 9999ul, 218ul, 4097ul}) {
    EXPECT_EQ(Set(0, id, 1), JET_errInvalidParameter) << id;
    EXPECT_EQ(JetGetSystemParameter(0, JET_sesidNil, id, &value, nullptr, 0),
              JET_errInvalidParameter)
        << id;
  }
}

TEST_F(SystemParamsTest, BaseNameIsExactlyThreeCharacters) {
  EXPECT_EQ(Set(0, JET_paramBaseName, 0, "ab"), JET_errInvalidParameter);
  EXPECT_EQ(Set(0, JET_paramBaseName, 0, "abcd"), JET_errInvalidParameter);
  EXPECT_EQ(Set(0, JET_paramBaseName, 0, ""), JET_errInvalidParameter);
  EXPECT_EQ(Set(0, JET_paramBaseName, 0, nullptr), JET_errInvalidParameter);
  EXPECT_EQ(GetString(0, JET_paramBaseName), "edb") << "unchanged after a failed set";
  EXPECT_EQ(Set(0, JET_paramBaseName, 0, "abc"), JET_errSuccess);
  EXPECT_EQ(GetString(0, JET_paramBaseName), "abc");
}

TEST_F(SystemParamsTest, LogFileSizeIsBetween64And32768KiB) {
  EXPECT_EQ(Set(0, JET_paramLogFileSize, 63), JET_errInvalidParameter);
  EXPECT_EQ(Set(0, JET_paramLogFileSize, 32769), JET_errInvalidParameter);
  EXPECT_EQ(Set(0, JET_paramLogFileSize, 64), JET_errSuccess);
  EXPECT_EQ(Set(0, JET_paramLogFileSize, 32768), JET_errSuccess);
  EXPECT_EQ(GetInteger(0, JET_paramLogFileSize), 32768u);
}

TEST_F(SystemParamsTest, DatabasePageSizeIsFourToThirtyTwoKiB) {
  for (JET_API_PTR size : {4096u, 8192u, 16384u, 32768u}) {
    EXPECT_EQ(Set(0, JET_paramDatabasePageSize, size), JET_errSuccess) << size;
    EXPECT_EQ(GetInteger(0, JET_paramDatabasePageSize), size);
  }
  for (JET_API_PTR size : {0u, 2048u, 12288u, 5000u, 65536u}) {
    EXPECT_EQ(Set(0, JET_paramDatabasePageSize, size), JET_errInvalidParameter) << size;
  }
}

TEST_F(SystemParamsTest, EngineWideParametersAreFixedWhileAnInstanceExists) {
  const JET_INSTANCE instance = NewInstance("x");
  EXPECT_EQ(Set(0, JET_paramDatabasePageSize, 8192), JET_errAlreadyInitialized);
  EXPECT_EQ(Set(instance, JET_paramDatabasePageSize, 8192), JET_errAlreadyInitialized);
  EXPECT_EQ(Set(0, JET_paramMaxInstances, 4), JET_errAlreadyInitialized);
  EXPECT_EQ(GetInteger(0, JET_paramDatabasePageSize), 4096u);
  // Dynamic global parameters still change.
  EXPECT_EQ(Set(0, JET_paramCacheSizeMax, 1000), JET_errSuccess);

  ASSERT_EQ(JetTerm(instance), JET_errSuccess);
  EXPECT_EQ(Set(0, JET_paramDatabasePageSize, 8192), JET_errSuccess);
}

TEST_F(SystemParamsTest, MaxInstancesRange) {
  EXPECT_EQ(Set(0, JET_paramMaxInstances, 0), JET_errInvalidParameter);
  EXPECT_EQ(Set(0, JET_paramMaxInstances, 10241), JET_errInvalidParameter);
  EXPECT_EQ(Set(0, JET_paramMaxInstances, 10240), JET_errSuccess);
}

TEST_F(SystemParamsTest, InstancesStartFromTheProcessDefaults) {
  ASSERT_EQ(Set(0, JET_paramLogFileSize, 1024), JET_errSuccess);
  ASSERT_EQ(Set(0, JET_paramLogFilePath, 0, "logs/"), JET_errSuccess);
  const JET_INSTANCE a = NewInstance("a");
  EXPECT_EQ(GetInteger(a, JET_paramLogFileSize), 1024u);
  EXPECT_EQ(GetString(a, JET_paramLogFilePath), "logs/");

  // Later process-wide changes reach only instances created later...
  ASSERT_EQ(Set(0, JET_paramLogFileSize, 2048), JET_errSuccess);
  EXPECT_EQ(GetInteger(a, JET_paramLogFileSize), 1024u);
  const JET_INSTANCE b = NewInstance("b");
  EXPECT_EQ(GetInteger(b, JET_paramLogFileSize), 2048u);

  // ...and an instance's own value stays its own.
  ASSERT_EQ(Set(a, JET_paramLogFileSize, 4096), JET_errSuccess);
  EXPECT_EQ(GetInteger(a, JET_paramLogFileSize), 4096u);
  EXPECT_EQ(GetInteger(b, JET_paramLogFileSize), 2048u);
  EXPECT_EQ(GetInteger(0, JET_paramLogFileSize), 2048u);
}

TEST_F(SystemParamsTest, GlobalParametersSetThroughAnInstanceAreProcessWide) {
  const JET_INSTANCE a = NewInstance("a");
  const JET_INSTANCE b = NewInstance("b");
  ASSERT_EQ(Set(a, JET_paramCacheSizeMax, 1234), JET_errSuccess);
  EXPECT_EQ(GetInteger(0, JET_paramCacheSizeMax), 1234u);
  EXPECT_EQ(GetInteger(b, JET_paramCacheSizeMax), 1234u);
}

TEST_F(SystemParamsTest, NilAndNullInstanceMeanProcessWide) {
  ASSERT_EQ(JetSetSystemParameter(nullptr, JET_sesidNil, JET_paramMaxSessions, 100, nullptr),
            JET_errSuccess);
  EXPECT_EQ(GetInteger(JET_instanceNil, JET_paramMaxSessions), 100u);
  JET_INSTANCE nil = JET_instanceNil;
  ASSERT_EQ(JetSetSystemParameter(&nil, 0, JET_paramMaxSessions, 200, nullptr), JET_errSuccess);
  EXPECT_EQ(GetInteger(0, JET_paramMaxSessions), 200u);
}

TEST_F(SystemParamsTest, InvalidHandlesAreRefused) {
  const JET_INSTANCE instance = NewInstance("x");
  JET_API_PTR value = 0;
  EXPECT_EQ(Set(instance + 1, JET_paramMaxSessions, 1), JET_errInvalidInstance);
  EXPECT_EQ(JetGetSystemParameter(0x42, JET_sesidNil, JET_paramMaxSessions, &value, nullptr, 0),
            JET_errInvalidInstance);
  // No session exists yet, so any session handle is invalid.
  EXPECT_EQ(JetSetSystemParameter(nullptr, 0x99, JET_paramMaxSessions, 1, nullptr),
            JET_errInvalidSesid);
  EXPECT_EQ(JetGetSystemParameter(instance, 0x99, JET_paramMaxSessions, &value, nullptr, 0),
            JET_errInvalidSesid);
}

TEST_F(SystemParamsTest, InstanceParametersFreezeAtInit) {
  const JET_INSTANCE instance = NewInstance("x");
  // What JetInit will do; the table honours it now.
  InstanceTable::Get().Find(instance)->set_initialized(true);
  EXPECT_EQ(Set(instance, JET_paramSystemPath, 0, "elsewhere/"), JET_errAlreadyInitialized);
  EXPECT_EQ(Set(instance, JET_paramLogFileSize, 1024), JET_errAlreadyInitialized);
  EXPECT_EQ(Set(instance, JET_paramCircularLog, 1), JET_errAlreadyInitialized);
  EXPECT_EQ(GetString(instance, JET_paramSystemPath), kCurrentFolder);
  // Dynamic ones still change, and the process defaults are not frozen.
  EXPECT_EQ(Set(instance, JET_paramCheckpointDepthMax, 65536), JET_errSuccess);
  EXPECT_EQ(Set(instance, JET_paramCommitDefault, JET_bitCommitLazyFlush), JET_errSuccess);
  EXPECT_EQ(Set(instance, JET_paramCreatePathIfNotExist, 1), JET_errSuccess);
  EXPECT_EQ(Set(0, JET_paramLogFileSize, 1024), JET_errSuccess);
  EXPECT_EQ(GetInteger(instance, JET_paramCommitDefault), JET_bitCommitLazyFlush);
}

TEST_F(SystemParamsTest, StringGetFollowsTheBufferRules) {
  ASSERT_EQ(Set(0, JET_paramEventSource, 0, "jetsvc"), JET_errSuccess);
  char exact[7];
  EXPECT_EQ(
      JetGetSystemParameter(0, JET_sesidNil, JET_paramEventSource, nullptr, exact, sizeof(exact)),
      JET_errSuccess);
  EXPECT_STREQ(exact, "jetsvc");

  char small[4] = {'x', 'x', 'x', 'x'};
  EXPECT_EQ(
      JetGetSystemParameter(0, JET_sesidNil, JET_paramEventSource, nullptr, small, sizeof(small)),
      JET_errBufferTooSmall);
  EXPECT_STREQ(small, "jet") << "truncated, still terminated";

  char untouched = 'u';
  EXPECT_EQ(JetGetSystemParameter(0, JET_sesidNil, JET_paramEventSource, nullptr, &untouched, 0),
            JET_errBufferTooSmall);
  EXPECT_EQ(untouched, 'u');

  EXPECT_EQ(JetGetSystemParameter(0, JET_sesidNil, JET_paramEventSource, nullptr, nullptr, 64),
            JET_errInvalidParameter);
  EXPECT_EQ(
      JetGetSystemParameter(0, JET_sesidNil, JET_paramMaxSessions, nullptr, exact, sizeof(exact)),
      JET_errInvalidParameter)
      << "an integer parameter needs plParam";
}

TEST_F(SystemParamsTest, StringLengthLimits) {
  const std::string folder_246(246, 'd');
  const std::string folder_247(247, 'd');
  EXPECT_EQ(Set(0, JET_paramSystemPath, 0, folder_246.c_str()), JET_errSuccess);
  EXPECT_EQ(Set(0, JET_paramSystemPath, 0, folder_247.c_str()), JET_errInvalidParameter);
  EXPECT_EQ(Set(0, JET_paramTempPath, 0, folder_247.c_str()), JET_errSuccess);
  const std::string source_260(260, 's');
  EXPECT_EQ(Set(0, JET_paramEventSource, 0, source_260.c_str()), JET_errInvalidParameter);
  EXPECT_EQ(Set(0, JET_paramRecovery, 0, "off"), JET_errSuccess);
  EXPECT_EQ(GetString(0, JET_paramRecovery), "off");
}

TEST_F(SystemParamsTest, IntegerRangesAndBooleans) {
  EXPECT_EQ(Set(0, JET_paramMaxSessions, 30001), JET_errInvalidParameter);
  EXPECT_EQ(Set(0, JET_paramLogBuffers, 0), JET_errInvalidParameter);
  EXPECT_EQ(Set(0, JET_paramEnableOnlineDefrag, 0x10000), JET_errInvalidParameter);
  EXPECT_EQ(Set(0, JET_paramLegacyFileNames, 256), JET_errInvalidParameter);
  EXPECT_EQ(Set(0, JET_paramCacheSizeMax, 0), JET_errInvalidParameter);
  EXPECT_EQ(Set(0, JET_paramCircularLog, 5), JET_errSuccess);
  EXPECT_EQ(GetInteger(0, JET_paramCircularLog), 1u) << "booleans read back as 0 or 1";
  EXPECT_EQ(Set(0, JET_paramDeleteOutOfRangeLogs, 1), JET_errSuccess);
  EXPECT_EQ(Set(0, JET_paramEnableOnlineDefrag, JET_OnlineDefragDisable), JET_errSuccess);
  EXPECT_EQ(GetInteger(0, JET_paramEnableOnlineDefrag), 0u);
}

TEST_F(SystemParamsTest, ReadOnlyParametersCannotBeSet) {
  EXPECT_EQ(Set(0, JET_paramMaxColtyp, 5), JET_errInvalidParameter);
  EXPECT_EQ(GetInteger(0, JET_paramMaxColtyp), JET_coltypMax);
}

}  // namespace
}  // namespace jet
