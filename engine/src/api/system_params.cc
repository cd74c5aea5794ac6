#include "api/system_params.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

namespace jet {
namespace {

using enum ParamType;
using enum ParamScope;
using enum ParamLifetime;

constexpr uint64_t kInt32Max = 2147483647;
constexpr uint64_t kGrbitMax = 0xFFFFFFFF;
constexpr uint64_t kUnbounded = std::numeric_limits<uint64_t>::max();

// ESE's folder default is ".\"; on POSIX the same meaning is spelled "./".
#if defined(_WIN32)
constexpr std::string_view kCurrentFolder = ".\\";
#else
constexpr std::string_view kCurrentFolder = "./";
#endif

// Sorted by id. Ranges and defaults are ESE's (sysparamtable.g.cxx, the
// "normal" configuration where it has two); ese-facts §3.2 notes the ones the
// design relies on.
constexpr std::array kParamDefs = {
    ParamDef{JET_paramSystemPath, "JET_paramSystemPath", kFolder, kInstance, kBeforeInstanceInit, 0,
             246, 0, kCurrentFolder},
    ParamDef{JET_paramTempPath, "JET_paramTempPath", kPath, kInstance, kBeforeInstanceInit, 0, 247,
             0, "tmp.edb"},
    ParamDef{JET_paramLogFilePath, "JET_paramLogFilePath", kFolder, kInstance, kBeforeInstanceInit,
             0, 246, 0, kCurrentFolder},
    // ese-facts §3.1: the base name of every log and checkpoint file is
    // exactly three characters.
    ParamDef{JET_paramBaseName, "JET_paramBaseName", kString, kInstance, kBeforeInstanceInit, 3, 3,
             0, "edb"},
    ParamDef{JET_paramEventSource, "JET_paramEventSource", kString, kInstance, kBeforeInstanceInit,
             0, 259, 0, ""},
    ParamDef{JET_paramMaxSessions, "JET_paramMaxSessions", kInteger, kInstance, kBeforeInstanceInit,
             0, 30000, 16, ""},
    ParamDef{JET_paramMaxOpenTables, "JET_paramMaxOpenTables", kInteger, kInstance,
             kBeforeInstanceInit, 0, kInt32Max, 300, ""},
    ParamDef{JET_paramMaxCursors, "JET_paramMaxCursors", kInteger, kInstance, kBeforeInstanceInit,
             0, kInt32Max, 1024, ""},
    ParamDef{JET_paramMaxVerPages, "JET_paramMaxVerPages", kInteger, kInstance, kBeforeInstanceInit,
             1, kInt32Max, 64, ""},
    ParamDef{JET_paramMaxTemporaryTables, "JET_paramMaxTemporaryTables", kInteger, kInstance,
             kBeforeInstanceInit, 0, kInt32Max, 20, ""},
    // KiB. ese-facts §3.2: 64..32768, default 5120 (5 MiB).
    ParamDef{JET_paramLogFileSize, "JET_paramLogFileSize", kInteger, kInstance, kBeforeInstanceInit,
             64, 32768, 5120, ""},
    ParamDef{JET_paramLogBuffers, "JET_paramLogBuffers", kInteger, kInstance, kBeforeInstanceInit,
             1, kInt32Max, 126, ""},
    ParamDef{JET_paramCommitDefault, "JET_paramCommitDefault", kGrbit, kInstance, kAnyTime, 0,
             kGrbitMax, 0, ""},
    ParamDef{JET_paramCircularLog, "JET_paramCircularLog", kBoolean, kInstance, kBeforeInstanceInit,
             0, 0, 0, ""},
    // Pages. One buffer cache per process (DESIGN.md), so global. ESE's
    // default means "as large as memory allows"; the cache clamps it.
    ParamDef{JET_paramCacheSizeMax, "JET_paramCacheSizeMax", kInteger, kGlobal, kAnyTime, 1,
             kUnbounded, 2000000000, ""},
    // Bytes of log.
    ParamDef{JET_paramCheckpointDepthMax, "JET_paramCheckpointDepthMax", kInteger, kInstance,
             kAnyTime, 0, kUnbounded, 20971520, ""},
    // "off" (any case) disables logging; anything else leaves it on.
    ParamDef{JET_paramRecovery, "JET_paramRecovery", kString, kInstance, kBeforeInstanceInit, 0,
             259, 0, "on"},
    ParamDef{JET_paramEnableOnlineDefrag, "JET_paramEnableOnlineDefrag", kGrbit, kInstance,
             kAnyTime, 0, JET_OnlineDefragAll, JET_OnlineDefragAll, ""},
    ParamDef{JET_paramNoInformationEvent, "JET_paramNoInformationEvent", kBoolean, kInstance,
             kBeforeInstanceInit, 0, 0, 0, ""},
    ParamDef{JET_paramEventLoggingLevel, "JET_paramEventLoggingLevel", kInteger, kInstance,
             kBeforeInstanceInit, JET_EventLoggingDisable, JET_EventLoggingLevelMax,
             JET_EventLoggingLevelMax, ""},
    ParamDef{JET_paramDeleteOutOfRangeLogs, "JET_paramDeleteOutOfRangeLogs", kBoolean, kInstance,
             kBeforeInstanceInit, 0, 0, 0, ""},
    ParamDef{JET_paramAccessDeniedRetryPeriod, "JET_paramAccessDeniedRetryPeriod", kInteger,
             kGlobal, kAnyTime, 0, kUnbounded, 10000, ""},
    ParamDef{JET_paramCacheSizeMin, "JET_paramCacheSizeMin", kInteger, kGlobal, kAnyTime, 1,
             kUnbounded, 1, ""},
    // Process-wide; 4, 8, 16 or 32 KiB (ese-facts §3.2, DESIGN.md).
    ParamDef{JET_paramDatabasePageSize, "JET_paramDatabasePageSize", kPageSize, kGlobal,
             kBeforeEngineStart, 4096, 32768, 4096, ""},
    ParamDef{JET_paramLogFileCreateAsynch, "JET_paramLogFileCreateAsynch", kBoolean, kInstance,
             kBeforeInstanceInit, 0, 0, 1, ""},
    ParamDef{JET_paramZeroDatabaseDuringBackup, "JET_paramZeroDatabaseDuringBackup", kBoolean,
             kInstance, kBeforeInstanceInit, 0, 0, 0, ""},
    ParamDef{JET_paramCleanupMismatchedLogFiles, "JET_paramCleanupMismatchedLogFiles", kBoolean,
             kInstance, kBeforeInstanceInit, 0, 0, 0, ""},
    ParamDef{JET_paramOSSnapshotTimeout, "JET_paramOSSnapshotTimeout", kInteger, kGlobal, kAnyTime,
             0, kInt32Max, 70000, ""},
    ParamDef{JET_paramCreatePathIfNotExist, "JET_paramCreatePathIfNotExist", kBoolean, kInstance,
             kAnyTime, 0, 0, 0, ""},
    // ese-facts §3.2: 1..10240, default 16, global.
    ParamDef{JET_paramMaxInstances, "JET_paramMaxInstances", kInteger, kGlobal, kBeforeEngineStart,
             1, 10240, 16, ""},
    ParamDef{JET_paramAlternateDatabaseRecoveryPath, "JET_paramAlternateDatabaseRecoveryPath",
             kFolder, kInstance, kBeforeInstanceInit, 0, 246, 0, ""},
    ParamDef{JET_paramMaxColtyp, "JET_paramMaxColtyp", kInteger, kGlobal, kReadOnly, 0, 0,
             JET_coltypMax, ""},
    // ese-facts §3.1: ESENT's default keeps edb.log / edb.chk and 5-digit
    // generation names while they fit.
    ParamDef{JET_paramLegacyFileNames, "JET_paramLegacyFileNames", kGrbit, kInstance,
             kBeforeInstanceInit, 0, 255, JET_bitESE98FileNames | JET_bitEightDotThreeSoftCompat,
             ""},
};

constexpr bool SortedById() {
  for (size_t i = 1; i < kParamDefs.size(); ++i) {
    if (kParamDefs[i - 1].id >= kParamDefs[i].id) return false;
  }
  return true;
}
static_assert(SortedById(), "kParamDefs must be sorted by id, without duplicates");

bool IsPowerOfTwo(uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

}  // namespace

const ParamDef* FindParamDef(unsigned long id) {
  auto it = std::lower_bound(kParamDefs.begin(), kParamDefs.end(), id,
                             [](const ParamDef& def, unsigned long key) { return def.id < key; });
  if (it == kParamDefs.end() || it->id != id) return nullptr;
  return &*it;
}

std::span<const ParamDef> AllParamDefs() { return kParamDefs; }

ParamValues::ParamValues() {
  for (const ParamDef& def : kParamDefs) {
    ParamValue value;
    value.integer = def.default_integer;
    value.string = std::string(def.default_string);
    values_.emplace(def.id, std::move(value));
  }
}

const ParamValue& ParamValues::Get(const ParamDef& def) const { return values_.at(def.id); }

void ParamValues::Set(const ParamDef& def, ParamValue value) {
  values_.at(def.id) = std::move(value);
}

JET_ERR ParseParamValue(const ParamDef& def, JET_API_PTR lparam, const char* sz, ParamValue* out) {
  if (def.lifetime == kReadOnly) return JET_errInvalidParameter;
  ParamValue value;
  switch (def.type) {
    case kBoolean:
      value.integer = lparam != 0 ? 1 : 0;
      break;
    case kPageSize:
      if (!IsPowerOfTwo(lparam)) return JET_errInvalidParameter;
      [[fallthrough]];
    case kInteger:
    case kGrbit:
      if (lparam < def.min || lparam > def.max) return JET_errInvalidParameter;
      value.integer = lparam;
      break;
    case kString:
    case kPath:
    case kFolder: {
      if (sz == nullptr) return JET_errInvalidParameter;
      // Bounded scan: never read more of the caller's buffer than the longest
      // legal value plus its terminator.
      size_t len = 0;
      while (len <= def.max && sz[len] != '\0') ++len;
      if (len < def.min || len > def.max) return JET_errInvalidParameter;
      value.string.assign(sz, len);
      break;
    }
  }
  *out = std::move(value);
  return JET_errSuccess;
}

JET_ERR CopyParamValueOut(const ParamDef& def, const ParamValue& value, JET_API_PTR* plparam,
                          char* sz, unsigned long cbmax) {
  if (!def.IsString()) {
    if (plparam == nullptr) return JET_errInvalidParameter;
    *plparam = static_cast<JET_API_PTR>(value.integer);
    return JET_errSuccess;
  }
  if (sz == nullptr) return JET_errInvalidParameter;
  const size_t needed = value.string.size() + 1;
  if (cbmax < needed) {
    if (cbmax > 0) {
      std::memcpy(sz, value.string.data(), cbmax - 1);
      sz[cbmax - 1] = '\0';
    }
    return JET_errBufferTooSmall;
  }
  std::memcpy(sz, value.string.c_str(), needed);
  return JET_errSuccess;
}

}  // namespace jet
