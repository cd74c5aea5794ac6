// The system parameters the engine knows (JetSetSystemParameter /
// JetGetSystemParameter): their type, scope, when they may still change, legal
// range and default, and the value checks and copy-out rules ESE applies.
//
// Ids, ranges and defaults follow ESE's parameter table (ese-facts §3.2;
// Extensible-Storage-Engine sysparamtable.g.cxx). A parameter that is not in
// the table is unknown: setting or getting it is JET_errInvalidParameter.

#ifndef JETSVC_ENGINE_API_SYSTEM_PARAMS_H_
#define JETSVC_ENGINE_API_SYSTEM_PARAMS_H_

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "esent.h"

namespace jet {

enum class ParamType : uint8_t {
  kInteger,   // an integer in [min, max]
  kBoolean,   // any integer; stored as 0 or 1
  kGrbit,     // a bit set in [min, max]
  kPageSize,  // a power of two in [min, max]
  kString,    // UTF-8 text of min..max bytes
  kPath,      // a file path of min..max bytes
  kFolder,    // a folder path of min..max bytes
};

// Global parameters have one process-wide value. Instance parameters have one
// value per instance; the process-wide value of an instance parameter is the
// default that instances created later start from.
enum class ParamScope : uint8_t { kInstance, kGlobal };

// When a value may still change.
enum class ParamLifetime : uint8_t {
  kAnyTime,             // dynamic
  kBeforeInstanceInit,  // fixed by JetInit for that instance
  kBeforeEngineStart,   // global, fixed while any instance exists (ESE starts
                        // its process-wide state with the first instance)
  kReadOnly,            // reported by the engine, never set
};

struct ParamDef {
  unsigned long id;
  std::string_view name;  // "JET_paramXxx", for messages
  ParamType type;
  ParamScope scope;
  ParamLifetime lifetime;
  uint64_t min;  // integers: smallest value; strings: shortest length
  uint64_t max;  // integers: largest value; strings: longest length
  uint64_t default_integer;
  std::string_view default_string;

  bool IsString() const {
    return type == ParamType::kString || type == ParamType::kPath || type == ParamType::kFolder;
  }
};

// nullptr for an id the engine does not know.
const ParamDef* FindParamDef(unsigned long id);
std::span<const ParamDef> AllParamDefs();

struct ParamValue {
  uint64_t integer = 0;  // integer-valued types
  std::string string;    // string-valued types

  bool operator==(const ParamValue&) const = default;
};

// One value per known parameter, starting from the defaults.
class ParamValues {
 public:
  ParamValues();

  const ParamValue& Get(const ParamDef& def) const;
  void Set(const ParamDef& def, ParamValue value);

 private:
  std::map<unsigned long, ParamValue> values_;
};

// Checks a JetSetSystemParameter argument pair against `def` and sets *out to
// the value to store. JET_errInvalidParameter when it is out of range, of the
// wrong length, missing (a NULL string), or `def` is read-only.
[[nodiscard]] JET_ERR ParseParamValue(const ParamDef& def, JET_API_PTR lparam, const char* sz,
                                      ParamValue* out);

// Copies `value` out as JetGetSystemParameter does: integers to *plparam,
// strings NUL-terminated into sz[0..cbmax). A string that does not fit is
// truncated (when cbmax > 0) and JET_errBufferTooSmall returned.
[[nodiscard]] JET_ERR CopyParamValueOut(const ParamDef& def, const ParamValue& value,
                                        JET_API_PTR* plparam, char* sz, unsigned long cbmax);

}  // namespace jet

#endif  // JETSVC_ENGINE_API_SYSTEM_PARAMS_H_
