// jetctl subcommands that talk to a running jetsvc.
#ifndef JETSVC_CLIENT_ONLINE_COMMANDS_H_
#define JETSVC_CLIENT_ONLINE_COMMANDS_H_

#include <string>

#include "CLI/CLI.hpp"

namespace jetctl {

// Exit codes, documented in the README.
enum ExitCode {
  kExitOk = 0,
  kExitOperationFailed = 1,
  kExitUsage = 2,
  kExitUnreachable = 3,
};

struct ConnectionOptions {
  std::string server = "127.0.0.1:50051";
  double deadline_seconds = 10;
};

// Adds `health` and `instances list|get` to the app. Each sets *exit_code.
void AddOnlineCommands(CLI::App* app, ConnectionOptions* connection, int* exit_code);

}  // namespace jetctl

#endif  // JETSVC_CLIENT_ONLINE_COMMANDS_H_
