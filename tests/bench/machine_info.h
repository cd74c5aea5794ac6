// What the benchmark table notes about the machine (CONVENTIONS.md,
// Benchmarks): its core count and the filesystem holding the data folder.

#ifndef JETSVC_TESTS_BENCH_MACHINE_INFO_H_
#define JETSVC_TESTS_BENCH_MACHINE_INFO_H_

#include <string>

namespace jetbench {

// Online cores (sysconf), as the scheduler sees them.
unsigned OnlineCores();

// "ext4 on /dev/vda (mounted at /)": the /proc/mounts entry with the longest
// mount point containing `folder`, or "unknown" when there is none.
std::string FilesystemOf(const std::string& folder);

}  // namespace jetbench

#endif  // JETSVC_TESTS_BENCH_MACHINE_INFO_H_
