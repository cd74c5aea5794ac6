// jetsvc: hosts ESE instances and serves restores and backups over gRPC.
// This is the foreground host; systemd and the Windows SCM come later.
#include <signal.h>

#include <cstdio>
#include <iostream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "google/protobuf/util/json_util.h"
#include "service/config.h"
#include "service/server.h"
#include "spdlog/spdlog.h"

ABSL_FLAG(std::string, config, "", "Path of the JSON configuration file (default: built in)");
ABSL_FLAG(std::string, listen, "", "Override the configuration's listen address");
ABSL_FLAG(bool, version, false, "Print the version and exit");
ABSL_FLAG(bool, print_default_config, false, "Print the built-in configuration and exit");

namespace {

int Run() {
  jetsvc::v1::ServiceConfig config;
  std::string path = absl::GetFlag(FLAGS_config);
  if (path.empty()) {
    config = jetsvc::DefaultConfig();
  } else {
    auto loaded = jetsvc::LoadConfigFile(path);
    if (!loaded.ok()) {
      std::fprintf(stderr, "jetsvc: %s\n", std::string(loaded.status().message()).c_str());
      return 2;
    }
    config = *std::move(loaded);
  }
  if (!absl::GetFlag(FLAGS_listen).empty()) config.set_listen(absl::GetFlag(FLAGS_listen));
  if (absl::GetFlag(FLAGS_print_default_config)) {
    std::string json;
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = true;
    options.preserve_proto_field_names = true;
    (void)google::protobuf::util::MessageToJsonString(jetsvc::DefaultConfig(), &json, options);
    std::cout << json;
    return 0;
  }

  // Block SIGINT/SIGTERM in every thread; one thread waits for them and shuts
  // the server down (Server::Shutdown must not run in a signal handler).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto server = jetsvc::Server::Start(config);
  if (!server.ok()) {
    spdlog::error("{}", std::string(server.status().message()));
    return 1;
  }
  spdlog::info("jetsvc {} listening on {} with {} instance(s)", JETSVC_VERSION,
               (*server)->address(), config.instances_size());
  for (const auto& inst : config.instances()) {
    spdlog::info("instance {}: logs {}, databases {}", inst.name(), inst.log_path(),
                 inst.databases_size());
  }

  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("signal {} received, shutting down", sig);
    (*server)->Shutdown();
  });
  (*server)->Wait();
  waiter.join();
  spdlog::info("jetsvc stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("jetsvc [--config PATH] [--listen ADDRESS]");
  absl::ParseCommandLine(argc, argv);
  if (absl::GetFlag(FLAGS_version)) {
    std::printf("jetsvc %s\n", JETSVC_VERSION);
    return 0;
  }
  return Run();
}
