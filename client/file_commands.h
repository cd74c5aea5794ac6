// jetctl's offline file commands: they read database files directly through
// the engine's C API (esent.h), with no service involved.
//   jetctl file header PATH           the header, like esentutl /mh
//   jetctl file dump PATH [--table T] every user table as JSON
#ifndef JETSVC_CLIENT_FILE_COMMANDS_H_
#define JETSVC_CLIENT_FILE_COMMANDS_H_

#include "CLI/CLI.hpp"

namespace jetctl {

// Adds `file header` and `file dump` to the app. Each sets *exit_code.
void AddFileCommands(CLI::App* app, int* exit_code);

}  // namespace jetctl

#endif  // JETSVC_CLIENT_FILE_COMMANDS_H_
