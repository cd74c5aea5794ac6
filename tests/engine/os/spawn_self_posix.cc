#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <vector>

#include "spawn_self.h"

extern char** environ;

namespace jet::testing {

int RunSelf(const std::vector<std::string>& args) {
  // Linux: /proc/self/exe is this executable whatever the working directory.
  const char* self = "/proc/self/exe";
  std::vector<char*> argv;
  std::string arg0 = self;
  argv.push_back(arg0.data());
  std::vector<std::string> copies = args;
  for (std::string& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_t pid = 0;
  if (::posix_spawn(&pid, self, nullptr, nullptr, argv.data(), environ) != 0) return -1;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace jet::testing
