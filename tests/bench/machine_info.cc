// Core count and filesystem of the data folder, for the benchmark's header.

#include "machine_info.h"

#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace jetbench {

unsigned OnlineCores() {
  const long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<unsigned>(n) : 0;
}

std::string FilesystemOf(const std::string& folder) {
  char resolved[PATH_MAX];
  if (realpath(folder.c_str(), resolved) == nullptr) return "unknown";
  const std::string path = std::string(resolved) + "/";
  std::ifstream mounts("/proc/mounts");
  std::string line;
  std::string best;
  size_t best_length = 0;
  while (std::getline(mounts, line)) {
    std::istringstream fields(line);
    std::string device, mount_point, type;
    if (!(fields >> device >> mount_point >> type)) continue;
    const std::string prefix = mount_point == "/" ? "/" : mount_point + "/";
    if (path.compare(0, prefix.size(), prefix) == 0 && prefix.size() >= best_length) {
      best_length = prefix.size();
      best = type + " on " + device + " (mounted at " + mount_point + ")";
    }
  }
  return best.empty() ? "unknown" : best;
}

}  // namespace jetbench
