#include "service/config.h"

#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"

namespace jetsvc {

namespace {

using jetsvc::v1::InstanceConfig;
using jetsvc::v1::ServiceConfig;

constexpr int kMaxDatabasesPerInstance = 6;  // ese-facts §3.1: dbid 1..6

absl::Status FieldError(const std::string& field, const std::string& why) {
  return absl::InvalidArgumentError(absl::StrCat("configuration field '", field, "': ", why));
}

bool IsValidName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool HasNul(const std::string& s) { return s.find('\0') != std::string::npos; }

absl::Status ValidatePath(const std::string& field, const std::string& path) {
  if (path.empty()) return FieldError(field, "must not be empty");
  if (HasNul(path)) return FieldError(field, "contains a NUL byte");
  return absl::OkStatus();
}

absl::Status ValidateInstance(const std::string& prefix, InstanceConfig* inst) {
  if (!IsValidName(inst->name())) {
    return FieldError(prefix + ".name", "must be 1-64 characters of [A-Za-z0-9_-]");
  }
  if (inst->base_name().empty()) inst->set_base_name("edb");
  if (inst->base_name().size() != 3) {
    return FieldError(prefix + ".base_name", "must be exactly 3 characters (JET_paramBaseName)");
  }
  if (auto s = ValidatePath(prefix + ".system_path", inst->system_path()); !s.ok()) return s;
  if (auto s = ValidatePath(prefix + ".log_path", inst->log_path()); !s.ok()) return s;
  if (inst->databases_size() == 0) {
    return FieldError(prefix + ".databases", "needs at least one database path");
  }
  if (inst->databases_size() > kMaxDatabasesPerInstance) {
    return FieldError(prefix + ".databases", "at most 6 databases per instance");
  }
  std::set<std::string> seen;
  for (int i = 0; i < inst->databases_size(); ++i) {
    std::string field = absl::StrCat(prefix, ".databases[", i, "]");
    if (auto s = ValidatePath(field, inst->databases(i)); !s.ok()) return s;
    if (!seen.insert(inst->databases(i)).second) return FieldError(field, "listed twice");
  }
  for (int i = 0; i < inst->backup_roots_size(); ++i) {
    auto s = ValidatePath(absl::StrCat(prefix, ".backup_roots[", i, "]"), inst->backup_roots(i));
    if (!s.ok()) return s;
  }
  for (int i = 0; i < inst->restore_roots_size(); ++i) {
    auto s = ValidatePath(absl::StrCat(prefix, ".restore_roots[", i, "]"), inst->restore_roots(i));
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status NormalizeAndValidate(ServiceConfig* config) {
  if (config->listen().empty()) config->set_listen("127.0.0.1:50051");
  if (config->state_dir().empty()) config->set_state_dir("var/state");
  if (config->page_size() == 0) config->set_page_size(4096);
  switch (config->page_size()) {
    case 4096:
    case 8192:
    case 16384:
    case 32768:
      break;
    default:
      return FieldError("page_size", "must be 4096, 8192, 16384 or 32768");
  }
  if (absl::StartsWith(config->listen(), "unix:")) {
    if (config->listen().size() == 5) return FieldError("listen", "unix: needs a socket path");
  } else if (config->listen().find(':') == std::string::npos) {
    return FieldError("listen", "expected host:port or unix:PATH");
  }
  if (config->instances_size() == 0) return FieldError("instances", "needs at least one instance");
  std::set<std::string> names;
  std::set<std::string> log_paths;
  std::set<std::string> databases;
  for (int i = 0; i < config->instances_size(); ++i) {
    std::string prefix = absl::StrCat("instances[", i, "]");
    InstanceConfig* inst = config->mutable_instances(i);
    if (auto s = ValidateInstance(prefix, inst); !s.ok()) return s;
    if (!names.insert(inst->name()).second) {
      return FieldError(prefix + ".name", absl::StrCat("duplicate instance name '", inst->name(), "'"));
    }
    // One log stream per folder (ese-facts §3.1): two instances may not share it.
    if (!log_paths.insert(inst->log_path()).second) {
      return FieldError(prefix + ".log_path", "already used by another instance");
    }
    for (int d = 0; d < inst->databases_size(); ++d) {
      if (!databases.insert(inst->databases(d)).second) {
        return FieldError(absl::StrCat(prefix, ".databases[", d, "]"),
                          "already used by another instance");
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<ServiceConfig> ParseConfig(const std::string& json) {
  ServiceConfig config;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;  // a misspelt field is an error, not a silent default
  auto status = google::protobuf::util::JsonStringToMessage(json, &config, options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("configuration is not valid: ", std::string(status.message())));
  }
  if (auto s = NormalizeAndValidate(&config); !s.ok()) return s;
  return config;
}

absl::StatusOr<ServiceConfig> LoadConfigFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read configuration file ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto config = ParseConfig(buffer.str());
  if (!config.ok()) {
    return absl::Status(config.status().code(),
                        absl::StrCat(path, ": ", config.status().message()));
  }
  return config;
}

}  // namespace jetsvc
