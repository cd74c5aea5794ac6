#include "temp_dir.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <system_error>

namespace jet::testing {
namespace {

std::string ToUtf8(const std::filesystem::path& p) {
  const std::u8string s = p.u8string();
  return std::string(s.begin(), s.end());
}

std::filesystem::path FromUtf8(const std::string& s) {
  return std::filesystem::path(std::u8string(s.begin(), s.end()));
}

}  // namespace

TempDir::TempDir() {
  static std::atomic<unsigned> counter{0};
  std::random_device random;
  const auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string name =
        "jetsvc-os-" + std::to_string(random()) + "-" + std::to_string(counter.fetch_add(1));
    std::error_code ec;
    if (std::filesystem::create_directory(base / name, ec)) {
      path_ = ToUtf8(base / name);
      return;
    }
  }
  throw std::runtime_error("cannot create a temp directory under " + ToUtf8(base));
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(FromUtf8(path_), ec);
}

std::string TempDir::Join(const std::string& name) const { return path_ + "/" + name; }

}  // namespace jet::testing
