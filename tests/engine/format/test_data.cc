#include "test_data.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

#ifndef JET_TEST_EDB_DIR
#error "JET_TEST_EDB_DIR must name the folder of the decompressed sample files"
#endif

namespace jet::test {

const std::vector<std::string>& WindowsEdbNames() {
  static const std::vector<std::string> names = {"basic", "binary", "default",
                                                 "index", "multi",  "text"};
  return names;
}

std::filesystem::path WindowsEdbDir() {
  if (const char* env = std::getenv("JETSVC_TEST_EDB_DIR"); env != nullptr && env[0] != '\0') {
    return std::filesystem::path(env);
  }
  std::string dir = JET_TEST_EDB_DIR;
#ifdef _WIN32
  // Cross-built on Linux and run under wine: the build folder's absolute
  // Linux path is reachable through drive Z:.
  if (!dir.empty() && dir[0] == '/') dir = "Z:" + dir;
#endif
  return std::filesystem::path(dir);
}

std::vector<uint8_t> ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return {};
  }
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<uint8_t> ReadWindowsEdb(const std::string& name) {
  return ReadWholeFile(WindowsEdbDir() / (name + ".edb"));
}

std::mt19937_64 SeededRandom(const char* test_name) {
  uint64_t seed = 0;
  if (const char* env = std::getenv("JETSVC_TEST_SEED"); env != nullptr && env[0] != '\0') {
    seed = std::strtoull(env, nullptr, 0);
  } else {
    seed = static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
  std::cout << test_name << ": seed " << seed << " (rerun with JETSVC_TEST_SEED=" << seed << ")\n";
  return std::mt19937_64(seed);
}

}  // namespace jet::test
