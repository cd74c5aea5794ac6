// Loading and validating the service configuration (ServiceConfig).
#ifndef JETSVC_SERVICE_CONFIG_H_
#define JETSVC_SERVICE_CONFIG_H_

#include <string>

#include "absl/status/statusor.h"
#include "jetsvc/v1/config.pb.h"

namespace jetsvc {

// The configuration used when no file is given: two instances under ./var/.
jetsvc::v1::ServiceConfig DefaultConfig();

// Parses JSON (snake_case field names) into a ServiceConfig, fills defaults
// and validates it. Errors name the offending field.
absl::StatusOr<jetsvc::v1::ServiceConfig> ParseConfig(const std::string& json);

// Reads and parses a configuration file.
absl::StatusOr<jetsvc::v1::ServiceConfig> LoadConfigFile(const std::string& path);

// Fills defaults (listen address, state_dir, page size, base names) and
// checks every field; the error message names the first bad field.
absl::Status NormalizeAndValidate(jetsvc::v1::ServiceConfig* config);

}  // namespace jetsvc

#endif  // JETSVC_SERVICE_CONFIG_H_
