// jet_sqlite_bench: our engine (through esent.h) and SQLite side by side on
// the same data and the same durability, in one run (issue 4, "Benchmark").
//
// Workloads: load N rows (16-byte key, 100-byte value, from --seed) in
// transactions of 1,000 rows; N point reads of existing keys in random order;
// one full scan in key order; then a clean close. Each side runs in a child
// process (this program re-executed with --side=jet|sqlite) so that its peak
// RSS (ru_maxrss from wait4) is its own; the sides alternate A B A B for
// --pairs rounds, and the table gives each side's median rate, the median of
// the per-pair ratios jet/sqlite with its spread, and peak RSS
// (CONVENTIONS.md, Benchmarks). A side that fails is reported with its error;
// the exit status is non-zero for that only with --strict.

#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench_side.h"
#include "machine_info.h"

namespace jetbench {
namespace {

const char kUsage[] =
    "usage: jet_sqlite_bench [--rows N] [--pairs P] [--seed S] [--sides jet,sqlite]\n"
    "                        [--dir FOLDER] [--durable] [--cache-mib M]\n"
    "                        [--rows-per-transaction R] [--strict] [--keep]\n"
    "  --rows N        rows loaded, then read back by N point reads (default 1000000)\n"
    "  --pairs P       rounds of A B runs (default 3)\n"
    "  --seed S        the data set's seed (default 1)\n"
    "  --sides LIST    jet, sqlite or jet,sqlite (default)\n"
    "  --dir FOLDER    where the databases go (a fresh folder is made inside;\n"
    "                  default $TMPDIR or /tmp)\n"
    "  --durable       flush at every commit on both sides (default: no flush)\n"
    "  --cache-mib M   each side's page cache budget (default 256)\n"
    "  --strict        exit 1 when a side fails (default: report it, exit 0)\n"
    "  --keep          keep the databases\n";

const char* const kWorkloads[] = {"load", "read", "scan"};

struct Config {
  SideOptions side;
  uint32_t pairs = 3;
  std::vector<std::string> sides = {"jet", "sqlite"};
  std::string child_side;  // set in a child (--side=...)
  std::string base_dir;
  bool strict = false;
  bool keep = false;
};

bool ParseUnsigned(const std::string& text, uint64_t max, uint64_t* out) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return false;
  errno = 0;
  const unsigned long long v = std::strtoull(text.c_str(), nullptr, 10);
  if (errno != 0 || v > max) return false;
  *out = v;
  return true;
}

// Accepts "--name value" and "--name=value".
bool ParseArgs(int argc, char** argv, Config* config, std::string* error) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool has_value = false;
    if (const size_t eq = arg.find('='); eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg.resize(eq);
      has_value = true;
    }
    auto next = [&](std::string* v) {
      if (has_value) {
        *v = value;
        return true;
      }
      if (i + 1 >= argc) return false;
      *v = argv[++i];
      return true;
    };
    auto number = [&](uint64_t min, uint64_t max, uint64_t* out) {
      std::string v;
      if (!next(&v) || !ParseUnsigned(v, max, out) || *out < min) {
        *error = arg + " needs a number in " + std::to_string(min) + ".." + std::to_string(max);
        return false;
      }
      return true;
    };
    uint64_t n = 0;
    if (arg == "--rows") {
      if (!number(1, 100000000, &n)) return false;
      config->side.rows = static_cast<uint32_t>(n);
    } else if (arg == "--pairs") {
      if (!number(1, 1000, &n)) return false;
      config->pairs = static_cast<uint32_t>(n);
    } else if (arg == "--seed") {
      if (!number(0, UINT64_MAX, &n)) return false;
      config->side.seed = n;
    } else if (arg == "--cache-mib") {
      if (!number(1, 65536, &n)) return false;
      config->side.cache_mib = static_cast<uint32_t>(n);
    } else if (arg == "--rows-per-transaction") {
      if (!number(1, 1000000, &n)) return false;
      config->side.rows_per_transaction = static_cast<uint32_t>(n);
    } else if (arg == "--sides") {
      std::string list;
      if (!next(&list)) return false;
      config->sides.clear();
      std::stringstream in(list);
      for (std::string s; std::getline(in, s, ',');) {
        if (s != "jet" && s != "sqlite") {
          *error = "--sides takes jet, sqlite or jet,sqlite";
          return false;
        }
        config->sides.push_back(s);
      }
      if (config->sides.empty()) {
        *error = "--sides is empty";
        return false;
      }
    } else if (arg == "--side") {
      if (!next(&config->child_side) ||
          (config->child_side != "jet" && config->child_side != "sqlite")) {
        *error = "--side takes jet or sqlite";
        return false;
      }
    } else if (arg == "--dir") {
      if (!next(&config->base_dir)) {
        *error = "--dir needs a folder";
        return false;
      }
    } else if (arg == "--durable" && !has_value) {
      config->side.durable = true;
    } else if (arg == "--strict" && !has_value) {
      config->strict = true;
    } else if (arg == "--keep" && !has_value) {
      config->keep = true;
    } else {
      *error = "unknown argument " + std::string(argv[i]);
      return false;
    }
  }
  return true;
}

// --- One child run -----------------------------------------------------------

struct RunResult {
  bool ok = false;
  std::string error;
  std::string durability;
  std::map<std::string, double> ops_per_second;
  double close_seconds = 0;
  long max_rss_kib = 0;
};

RunResult RunChild(const Config& config, const std::string& side, const std::string& dir) {
  RunResult result;
  std::vector<std::string> args = {
      "/proc/self/exe",
      "--side=" + side,
      "--dir=" + dir,
      "--rows=" + std::to_string(config.side.rows),
      "--seed=" + std::to_string(config.side.seed),
      "--cache-mib=" + std::to_string(config.side.cache_mib),
      "--rows-per-transaction=" + std::to_string(config.side.rows_per_transaction)};
  if (config.side.durable) args.push_back("--durable");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int fds[2];
  if (pipe(fds) != 0) {
    result.error = std::string("pipe: ") + std::strerror(errno);
    return result;
  }
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid < 0) {
    result.error = std::string("fork: ") + std::strerror(errno);
    close(fds[0]);
    close(fds[1]);
    return result;
  }
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execv(argv[0], argv.data());
    std::fprintf(stderr, "jet_sqlite_bench: exec %s: %s\n", argv[0], std::strerror(errno));
    _exit(127);
  }
  close(fds[1]);
  std::string output;
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof(buf))) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    output.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  struct rusage usage;
  std::memset(&usage, 0, sizeof(usage));
  while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  result.max_rss_kib = usage.ru_maxrss;  // KiB on Linux

  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream fields(line);
    std::string kind;
    fields >> kind;
    std::string rest;
    std::getline(fields >> std::ws, rest);
    if (kind == "durability") {
      result.durability = rest;
    } else if (kind == "error") {
      result.error = rest;
    } else if (kind == "result") {
      std::istringstream r(rest);
      std::string workload;
      uint64_t ops = 0;
      double seconds = 0;
      if (r >> workload >> ops >> seconds) {
        if (workload == "close") {
          result.close_seconds = seconds;
        } else {
          result.ops_per_second[workload] = seconds > 0 ? ops / seconds : 0;
        }
      }
    }
  }
  const bool exited_ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!exited_ok && result.error.empty()) {
    result.error = WIFSIGNALED(status)
                       ? side + ": killed by signal " + std::to_string(WTERMSIG(status))
                       : side + ": exit status " + std::to_string(WEXITSTATUS(status));
  }
  result.ok = exited_ok && result.error.empty();
  return result;
}

// --- The table ---------------------------------------------------------------

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// 1234567.8 -> "1,234,568".
std::string Grouped(double v) {
  const std::string digits = std::to_string(static_cast<uint64_t>(v + 0.5));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  return buf;
}

struct SideRuns {
  std::string name;
  std::vector<RunResult> runs;  // one per pair, in pair order
};

void PrintTable(const Config& config, const std::vector<SideRuns>& sides) {
  const SideRuns* jet = nullptr;
  const SideRuns* sqlite = nullptr;
  for (const SideRuns& s : sides) (s.name == "jet" ? jet : sqlite) = &s;

  auto side_median = [](const SideRuns* s, const std::string& workload, size_t* n) {
    std::vector<double> v;
    if (s != nullptr) {
      for (const RunResult& r : s->runs) {
        if (auto it = r.ops_per_second.find(workload); r.ok && it != r.ops_per_second.end()) {
          v.push_back(it->second);
        }
      }
    }
    *n = v.size();
    return Median(v);
  };
  auto cell = [](size_t n, const std::string& text) { return n == 0 ? std::string("-") : text; };

  std::printf("\n%-10s %16s %16s   %s\n", "workload", "jet ops/s", "sqlite ops/s",
              "jet/sqlite: median of per-pair ratios [min..max], pairs");
  for (const char* workload : kWorkloads) {
    size_t jet_n = 0;
    size_t sqlite_n = 0;
    const double jet_median = side_median(jet, workload, &jet_n);
    const double sqlite_median = side_median(sqlite, workload, &sqlite_n);
    std::vector<double> ratios;
    if (jet != nullptr && sqlite != nullptr) {
      for (size_t p = 0; p < jet->runs.size() && p < sqlite->runs.size(); ++p) {
        const RunResult& a = jet->runs[p];
        const RunResult& b = sqlite->runs[p];
        auto ia = a.ops_per_second.find(workload);
        auto ib = b.ops_per_second.find(workload);
        if (a.ok && b.ok && ia != a.ops_per_second.end() && ib != b.ops_per_second.end() &&
            ib->second > 0) {
          ratios.push_back(ia->second / ib->second);
        }
      }
    }
    std::string ratio = "-";
    if (!ratios.empty()) {
      ratio = Fixed(Median(ratios), 2) + "x [" +
              Fixed(*std::min_element(ratios.begin(), ratios.end()), 2) + ".." +
              Fixed(*std::max_element(ratios.begin(), ratios.end()), 2) + "], " +
              std::to_string(ratios.size());
    }
    std::printf("%-10s %16s %16s   %s\n", workload, cell(jet_n, Grouped(jet_median)).c_str(),
                cell(sqlite_n, Grouped(sqlite_median)).c_str(), ratio.c_str());
  }
  // Close time (JET: detach writes the dirty pages; SQLite: WAL checkpoint),
  // and peak RSS, per side over its successful runs.
  auto close_and_rss = [](const SideRuns* s, std::string* close_text, std::string* rss_text) {
    std::vector<double> close_s;
    long rss = 0;
    if (s != nullptr) {
      for (const RunResult& r : s->runs) {
        if (!r.ok) continue;
        close_s.push_back(r.close_seconds);
        rss = std::max(rss, r.max_rss_kib);
      }
    }
    *close_text = close_s.empty() ? "-" : Fixed(Median(close_s), 3);
    *rss_text = close_s.empty() ? "-" : Fixed(rss / 1024.0, 1);
  };
  std::string jet_close, jet_rss, sqlite_close, sqlite_rss;
  close_and_rss(jet, &jet_close, &jet_rss);
  close_and_rss(sqlite, &sqlite_close, &sqlite_rss);
  std::printf("%-10s %16s %16s   %s\n", "close (s)", jet_close.c_str(), sqlite_close.c_str(),
              "median seconds of the clean shutdown");
  std::printf("%-10s %16s %16s   %s\n", "peak RSS", jet_rss.c_str(), sqlite_rss.c_str(),
              "MiB, the largest ru_maxrss of the side's child processes");
  (void)config;
}

int RunParent(const Config& config) {
  std::string base = config.base_dir;
  if (base.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    base = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
  }
  std::string folder_template = base + "/jet_sqlite_bench.XXXXXX";
  if (mkdtemp(folder_template.data()) == nullptr) {
    std::fprintf(stderr, "jet_sqlite_bench: cannot make a folder in %s: %s\n", base.c_str(),
                 std::strerror(errno));
    return 2;
  }
  const std::string root = folder_template;

  std::printf("jet_sqlite_bench: %u rows (%u-byte key, %u-byte value, seed %" PRIu64
              "), %u rows per transaction, %u pair(s) alternating",
              config.side.rows, 16u, 100u, config.side.seed, config.side.rows_per_transaction,
              config.pairs);
  for (const std::string& s : config.sides) std::printf(" %s", s.c_str());
  std::printf("\nmachine: %u cores; data folder %s: %s\n", OnlineCores(), root.c_str(),
              FilesystemOf(root).c_str());
  std::printf("both sides: page size 4096, page cache %u MiB, %s\n", config.side.cache_mib,
              config.side.durable ? "--durable (flush per commit)" : "no flush per commit");
#ifndef NDEBUG
  std::printf("note: this program was built without NDEBUG (a debug build): the JET side's "
              "figures are not representative\n");
#endif

  std::vector<SideRuns> sides;
  for (const std::string& s : config.sides) sides.push_back(SideRuns{s, {}});
  std::map<std::string, std::string> durability;
  bool any_failed = false;
  for (uint32_t p = 0; p < config.pairs; ++p) {
    for (SideRuns& side : sides) {
      const std::string dir = root + "/pair" + std::to_string(p + 1) + "-" + side.name;
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      RunResult r = RunChild(config, side.name, dir);
      if (!config.keep) std::filesystem::remove_all(dir, ec);
      if (!r.durability.empty()) durability[side.name] = r.durability;
      std::printf("pair %u %-6s", p + 1, side.name.c_str());
      for (const char* w : kWorkloads) {
        if (auto it = r.ops_per_second.find(w); it != r.ops_per_second.end()) {
          std::printf("  %s %s/s", w, Grouped(it->second).c_str());
        }
      }
      if (r.ok) {
        std::printf("  close %ss  rss %s MiB\n", Fixed(r.close_seconds, 3).c_str(),
                    Fixed(r.max_rss_kib / 1024.0, 1).c_str());
      } else {
        std::printf("  FAILED: %s\n", r.error.c_str());
        any_failed = true;
      }
      std::fflush(stdout);
      side.runs.push_back(std::move(r));
    }
  }
  if (!config.keep) {
    std::error_code ec;
    std::filesystem::remove_all(root, ec);
  }
  std::printf("\ndurability (what each side flushes):\n");
  for (const auto& [name, text] : durability) std::printf("  %-6s %s\n", name.c_str(), text.c_str());
  PrintTable(config, sides);
  for (const SideRuns& s : sides) {
    std::map<std::string, int> errors;
    for (const RunResult& r : s.runs) {
      if (!r.ok) ++errors[r.error];
    }
    for (const auto& [text, n] : errors) {
      std::printf("%s failed in %d of %zu run(s): %s\n", s.name.c_str(), n, s.runs.size(),
                  text.c_str());
    }
  }
  return any_failed && config.strict ? 1 : 0;
}

}  // namespace
}  // namespace jetbench

int main(int argc, char** argv) {
  jetbench::Config config;
  std::string error;
  if (!jetbench::ParseArgs(argc, argv, &config, &error)) {
    std::fprintf(stderr, "jet_sqlite_bench: %s\n%s", error.c_str(), jetbench::kUsage);
    return 2;
  }
  if (config.child_side.empty()) return jetbench::RunParent(config);
  if (config.base_dir.empty()) {
    std::fprintf(stderr, "jet_sqlite_bench: --side needs --dir\n");
    return 2;
  }
  config.side.dir = config.base_dir;
  return config.child_side == "jet" ? jetbench::RunJetSide(config.side)
                                    : jetbench::RunSqliteSide(config.side);
}
