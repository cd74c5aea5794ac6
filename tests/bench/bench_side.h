// One side of the benchmark (our engine through esent.h, or SQLite), run in
// its own child process so that its peak RSS is its own. A side reports to
// the parent through lines on stdout (see SideReport), so the parent never
// shares memory or libraries' state with it.

#ifndef JETSVC_TESTS_BENCH_BENCH_SIDE_H_
#define JETSVC_TESTS_BENCH_BENCH_SIDE_H_

#include <chrono>
#include <cstdint>
#include <string>

namespace jetbench {

struct SideOptions {
  uint32_t rows = 1000000;
  uint32_t rows_per_transaction = 1000;
  uint64_t seed = 1;
  std::string dir;         // an empty folder of the side's own
  bool durable = false;    // flush on every commit
  uint32_t cache_mib = 256;  // the same cache budget on both sides
};

// The lines a side prints, one per fact, parsed by the parent:
//   durability <free text>          what this side flushes, and when
//   result <workload> <ops> <secs>  one timed workload
//   error <free text>               the side failed (then exit status 1)
class SideReport {
 public:
  static void Durability(const std::string& text);
  static void Result(const char* workload, uint64_t ops, double seconds);
  static void Error(const std::string& text);
};

// Wall-clock seconds since construction.
class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

// Each side: loads, reads and scans, reporting as above. Returns the exit
// status of the child (0 when every workload ran and read back what was
// written).
int RunJetSide(const SideOptions& options);
int RunSqliteSide(const SideOptions& options);

}  // namespace jetbench

#endif  // JETSVC_TESTS_BENCH_BENCH_SIDE_H_
