#include "service/config.h"

namespace jetsvc {

namespace {

// Two demo instances under ./var, loopback only. Kept as JSON so that it is
// exactly what a user would write in a configuration file.
constexpr char kDefaultConfigJson[] = R"json({
  "listen": "127.0.0.1:50051",
  "state_dir": "var/state",
  "page_size": 4096,
  "instances": [
    {
      "name": "alpha",
      "system_path": "var/alpha/system",
      "log_path": "var/alpha/logs",
      "base_name": "edb",
      "databases": ["var/alpha/db/alpha.edb"],
      "auto_start": true,
      "backup_roots": ["var/backups/alpha"],
      "restore_roots": ["var/restores/alpha"]
    },
    {
      "name": "beta",
      "system_path": "var/beta/system",
      "log_path": "var/beta/logs",
      "base_name": "edb",
      "databases": ["var/beta/db/beta.edb"],
      "auto_start": true,
      "backup_roots": ["var/backups/beta"],
      "restore_roots": ["var/restores/beta"]
    }
  ]
})json";

}  // namespace

jetsvc::v1::ServiceConfig DefaultConfig() {
  auto config = ParseConfig(kDefaultConfigJson);
  // The embedded default is checked by config_test; it cannot fail here.
  return config.ok() ? *config : jetsvc::v1::ServiceConfig();
}

}  // namespace jetsvc
