// Helpers shared by the record tests.

#ifndef JETSVC_TESTS_ENGINE_RECORD_TEST_UTIL_H_
#define JETSVC_TESTS_ENGINE_RECORD_TEST_UTIL_H_

#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "record/column_schema.h"
#include "windows_vectors.h"

namespace jet::test {

// Hex digits, where "[n*hh..]" stands for the bytes hh.. repeated n times.
// Aborts the test binary on malformed input (test data is checked in).
std::vector<uint8_t> Unrle(const char* text);

std::string Hex(std::span<const uint8_t> bytes);

std::vector<uint8_t> Bytes(const std::string& s);

// A random engine seeded from $JET_TEST_SEED (or $JETSVC_TEST_SEED), else
// from the clock. The seed is printed so a failing run can be repeated.
std::mt19937_64 SeededRandom(const char* test_name);

// The ColumnSpecs of a table from the Windows samples.
std::vector<ColumnSpec> WindowsColumnSpecs(const WindowsTable& table);

const WindowsTable& WindowsTableNamed(const std::string& name);

}  // namespace jet::test

#endif  // JETSVC_TESTS_ENGINE_RECORD_TEST_UTIL_H_
