// The benchmark's SQLite side: the same rows as the JET side in a
// `WITHOUT ROWID` table keyed by the 16-byte key (so both sides keep the rows
// in one B+tree in key order), prepared statements, BEGIN/COMMIT per
// options.rows_per_transaction rows, the same page size and cache budget.

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "bench_data.h"
#include "bench_side.h"

namespace jetbench {
namespace {

class SqliteBench {
 public:
  explicit SqliteBench(const SideOptions& options)
      : options_(options), data_(options.seed), path_(options.dir + "/bench.sqlite") {}

  ~SqliteBench() {
    FinalizeAll();
    if (db_ != nullptr) sqlite3_close(db_);
  }

  const std::string& error() const { return error_; }

  bool Setup() {
    if (!Check(sqlite3_open(path_.c_str(), &db_), "sqlite3_open")) return false;
    const std::string pragmas =
        "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; PRAGMA synchronous=" +
        std::string(options_.durable ? "FULL" : "OFF") +
        "; PRAGMA cache_size=-" + std::to_string(options_.cache_mib * 1024) + ";";
    return Exec(pragmas) && Exec("CREATE TABLE t(k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID") &&
           Prepare("INSERT INTO t(k, v) VALUES(?1, ?2)", &insert_) &&
           Prepare("SELECT v FROM t WHERE k = ?1", &select_) &&
           Prepare("SELECT k, v FROM t ORDER BY k", &scan_) && Prepare("BEGIN", &begin_) &&
           Prepare("COMMIT", &commit_);
  }

  bool Load() {
    uint8_t key[kKeySize];
    uint8_t value[kValueSize];
    Stopwatch watch;
    for (uint32_t i = 0; i < options_.rows;) {
      if (!Step(begin_, SQLITE_DONE, "BEGIN")) return false;
      const uint32_t end = std::min(options_.rows, i + options_.rows_per_transaction);
      for (; i < end; ++i) {
        data_.Key(i, key);
        data_.Value(i, value);
        sqlite3_bind_blob(insert_, 1, key, kKeySize, SQLITE_STATIC);
        sqlite3_bind_blob(insert_, 2, value, kValueSize, SQLITE_STATIC);
        if (!Step(insert_, SQLITE_DONE, "INSERT")) return false;
      }
      if (!Step(commit_, SQLITE_DONE, "COMMIT")) return false;
    }
    SideReport::Result("load", options_.rows, watch.Seconds());
    return true;
  }

  bool Read() {
    const std::vector<uint32_t> order = data_.ReadOrder(options_.rows);
    uint8_t key[kKeySize];
    uint8_t want[kValueSize];
    Stopwatch watch;
    for (const uint32_t i : order) {
      data_.Key(i, key);
      sqlite3_bind_blob(select_, 1, key, kKeySize, SQLITE_STATIC);
      const int rc = sqlite3_step(select_);
      if (rc != SQLITE_ROW) {
        return Fail("SELECT row " + std::to_string(i) + ": " + Describe(rc));
      }
      data_.Value(i, want);
      const int size = sqlite3_column_bytes(select_, 0);
      if (size != static_cast<int>(kValueSize) ||
          std::memcmp(sqlite3_column_blob(select_, 0), want, kValueSize) != 0) {
        return Fail("row " + std::to_string(i) + ": wrong value read back");
      }
      sqlite3_reset(select_);
    }
    SideReport::Result("read", order.size(), watch.Seconds());
    return true;
  }

  bool Scan() {
    uint8_t previous[kKeySize] = {};
    uint64_t rows = 0;
    uint64_t bytes = 0;
    Stopwatch watch;
    int rc;
    while ((rc = sqlite3_step(scan_)) == SQLITE_ROW) {
      const int key_size = sqlite3_column_bytes(scan_, 0);
      const void* key = sqlite3_column_blob(scan_, 0);
      if (key_size != static_cast<int>(kKeySize) ||
          (rows > 0 && std::memcmp(previous, key, kKeySize) >= 0)) {
        return Fail("scan: key " + std::to_string(rows) + " not above the one before");
      }
      std::memcpy(previous, key, kKeySize);
      bytes += static_cast<uint64_t>(key_size) + sqlite3_column_bytes(scan_, 1);
      ++rows;
    }
    if (rc != SQLITE_DONE) return Fail("scan: " + Describe(rc));
    const double seconds = watch.Seconds();
    if (rows != options_.rows || bytes != rows * (kKeySize + kValueSize)) {
      return Fail("scan: " + std::to_string(rows) + " rows, " + std::to_string(bytes) + " bytes");
    }
    SideReport::Result("scan", rows, seconds);
    return true;
  }

  // Closing checkpoints the WAL into the database file.
  bool Close() {
    Stopwatch watch;
    FinalizeAll();
    const int rc = sqlite3_close(db_);
    db_ = nullptr;
    if (!Check(rc, "sqlite3_close")) return false;
    SideReport::Result("close", 1, watch.Seconds());
    return true;
  }

 private:
  void FinalizeAll() {
    for (sqlite3_stmt** s : {&insert_, &select_, &scan_, &begin_, &commit_}) {
      sqlite3_finalize(*s);
      *s = nullptr;
    }
  }
  std::string Describe(int rc) const {
    std::string text = std::string(sqlite3_errstr(rc)) + " (" + std::to_string(rc) + ")";
    if (db_ != nullptr) text += ": " + std::string(sqlite3_errmsg(db_));
    return text;
  }
  bool Fail(const std::string& text) {
    error_ = text;
    return false;
  }
  bool Check(int rc, const char* what) {
    return rc == SQLITE_OK || Fail(std::string(what) + ": " + Describe(rc));
  }
  bool Exec(const std::string& sql) {
    return Check(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), sql.c_str());
  }
  bool Prepare(const char* sql, sqlite3_stmt** stmt) {
    return Check(sqlite3_prepare_v2(db_, sql, -1, stmt, nullptr), sql);
  }
  bool Step(sqlite3_stmt* stmt, int want, const char* what) {
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    return rc == want || Fail(std::string(what) + ": " + Describe(rc));
  }

  const SideOptions& options_;
  const DataSet data_;
  const std::string path_;
  std::string error_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* select_ = nullptr;
  sqlite3_stmt* scan_ = nullptr;
  sqlite3_stmt* begin_ = nullptr;
  sqlite3_stmt* commit_ = nullptr;
};

}  // namespace

int RunSqliteSide(const SideOptions& options) {
  SideReport::Durability(
      options.durable
          ? "journal_mode=WAL, synchronous=FULL: the WAL fsynced at every COMMIT"
          : "journal_mode=WAL, synchronous=OFF: no fsync at all (WAL checkpointed into the "
            "database file at close, timed as close)");
  SqliteBench bench(options);
  if (bench.Setup() && bench.Load() && bench.Read() && bench.Scan() && bench.Close()) return 0;
  SideReport::Error("sqlite: " + bench.error());
  return 1;
}

}  // namespace jetbench
