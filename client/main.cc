// jetctl: the command-line client of jetsvc.
#include <cstdlib>

#include "CLI/CLI.hpp"
#include "client/file_commands.h"
#include "client/online_commands.h"

int main(int argc, char** argv) {
  CLI::App app{"jetctl: back up, restore and inspect jetsvc instances"};
  app.require_subcommand(1);
  jetctl::ConnectionOptions connection;
  if (const char* env = std::getenv("JETCTL_SERVER")) connection.server = env;
  app.add_option("--server", connection.server, "Service address (env JETCTL_SERVER)")
      ->capture_default_str();
  app.add_option("--deadline", connection.deadline_seconds, "Seconds to wait for an answer")
      ->capture_default_str();
  int exit_code = jetctl::kExitOk;
  jetctl::AddOnlineCommands(&app, &connection, &exit_code);
  jetctl::AddFileCommands(&app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : jetctl::kExitUsage;
  }
  return exit_code;
}
