// Access to the genuine Windows-made EDB files (tests/data/windows-edb) and a
// seeded random source for the format tests.

#ifndef JETSVC_TESTS_ENGINE_FORMAT_TEST_DATA_H_
#define JETSVC_TESTS_ENGINE_FORMAT_TEST_DATA_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace jet::test {

// The six sample databases: format 0x620 rev 0x14, 4 KiB pages, 1 MiB.
const std::vector<std::string>& WindowsEdbNames();
inline constexpr size_t kWindowsEdbPageSize = 4096;

// The folder holding the decompressed files: $JETSVC_TEST_EDB_DIR if set,
// else the build-time path (with "Z:" in front on Windows, where wine maps
// the Linux root to drive Z:).
std::filesystem::path WindowsEdbDir();

// Reads a whole file; empty on failure (the caller asserts).
std::vector<uint8_t> ReadWholeFile(const std::filesystem::path& path);

// Reads windows-edb/<name>.edb.
std::vector<uint8_t> ReadWindowsEdb(const std::string& name);

// Physical page `index` of a file image (0 = header, 1 = shadow, n + 1 =
// database page n).
inline std::span<const uint8_t> PhysicalPage(const std::vector<uint8_t>& file, size_t index,
                                             size_t page_size = kWindowsEdbPageSize) {
  return std::span<const uint8_t>(file).subspan(index * page_size, page_size);
}

// A random engine seeded from $JETSVC_TEST_SEED, or from the clock; the seed
// is printed so a failing run can be repeated.
std::mt19937_64 SeededRandom(const char* test_name);

}  // namespace jet::test

#endif  // JETSVC_TESTS_ENGINE_FORMAT_TEST_DATA_H_
