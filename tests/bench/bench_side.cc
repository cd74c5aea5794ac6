// SideReport: the child-to-parent line protocol (bench_side.h).

#include "bench_side.h"

#include <cinttypes>
#include <cstdio>

namespace jetbench {

void SideReport::Durability(const std::string& text) {
  std::printf("durability %s\n", text.c_str());
  std::fflush(stdout);
}

void SideReport::Result(const char* workload, uint64_t ops, double seconds) {
  std::printf("result %s %" PRIu64 " %.6f\n", workload, ops, seconds);
  std::fflush(stdout);
}

void SideReport::Error(const std::string& text) {
  std::printf("error %s\n", text.c_str());
  std::fflush(stdout);
}

}  // namespace jetbench
