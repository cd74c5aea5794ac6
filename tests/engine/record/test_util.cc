#include "test_util.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace jet::test {

namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "bad test vector: %s\n", what);
  std::abort();
}

// Parses hex digits from `p` up to `stop` (or the end), appending bytes.
const char* ParseHex(const char* p, char stop, std::vector<uint8_t>* out) {
  while (*p != '\0' && *p != stop && *p != '[') {
    const int hi = HexDigit(p[0]);
    const int lo = HexDigit(p[1]);
    if (hi < 0 || lo < 0) Fail("hex digit");
    out->push_back(static_cast<uint8_t>(hi << 4 | lo));
    p += 2;
  }
  return p;
}

}  // namespace

std::vector<uint8_t> Unrle(const char* text) {
  std::vector<uint8_t> out;
  const char* p = text;
  while (*p != '\0') {
    if (*p != '[') {
      p = ParseHex(p, '\0', &out);
      continue;
    }
    char* end = nullptr;
    const unsigned long count = std::strtoul(p + 1, &end, 10);
    if (end == nullptr || *end != '*') Fail("run count");
    std::vector<uint8_t> unit;
    p = ParseHex(end + 1, ']', &unit);
    if (*p != ']' || unit.empty()) Fail("run");
    ++p;
    for (unsigned long i = 0; i < count; ++i) out.insert(out.end(), unit.begin(), unit.end());
  }
  return out;
}

std::string Hex(std::span<const uint8_t> bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string s;
  for (uint8_t b : bytes) {
    s.push_back(kDigits[b >> 4]);
    s.push_back(kDigits[b & 0xf]);
  }
  return s;
}

std::vector<uint8_t> Bytes(const std::string& s) {
  return std::vector<uint8_t>(s.begin(), s.end());
}

std::mt19937_64 SeededRandom(const char* test_name) {
  uint64_t seed = 0;
  const char* env = std::getenv("JET_TEST_SEED");
  if (env == nullptr) env = std::getenv("JETSVC_TEST_SEED");
  if (env != nullptr && *env != '\0') {
    seed = std::strtoull(env, nullptr, 0);
  } else {
    seed = static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
  std::printf("%s: seed %llu (set JET_TEST_SEED=%llu to repeat)\n", test_name,
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
  return std::mt19937_64(seed);
}

std::vector<ColumnSpec> WindowsColumnSpecs(const WindowsTable& table) {
  std::vector<ColumnSpec> specs;
  for (const WindowsColumn& c : table.columns) {
    ColumnSpec s;
    s.id = c.id;
    s.coltyp = c.coltyp;
    s.max_size = c.space_usage;
    s.fixed_offset = c.record_offset;
    s.multi_valued = c.multi_valued;
    s.compressed = c.compressed;
    specs.push_back(s);
  }
  return specs;
}

const WindowsTable& WindowsTableNamed(const std::string& name) {
  for (const WindowsTable& t : WindowsTables()) {
    if (name == t.name) return t;
  }
  Fail("no such table");
}

}  // namespace jet::test
