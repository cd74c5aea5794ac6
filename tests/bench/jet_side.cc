// The benchmark's JET side: our engine through esent.h only, used the way an
// ESE application would use ESENT. One table, a 16-byte Binary key column
// (primary index "+k") and a 100-byte Binary value column; inserts in
// transactions of options.rows_per_transaction rows, point reads by
// JetMakeKey + JetSeek(JET_bitSeekEQ), one scan by JetMove.

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "bench_data.h"
#include "bench_side.h"
#include "esent.h"
#include "jet_error_name.h"

namespace jetbench {
namespace {

// A failed call: which one, and its error.
struct JetFailure {
  const char* call = nullptr;
  JET_ERR err = JET_errSuccess;
};

// Evaluates a JET call; on an error (negative; warnings pass) records it
// and leaves the function.
#define BENCH_JET(call_expr)                             \
  do {                                                   \
    const JET_ERR bench_err_ = (call_expr);              \
    if (bench_err_ < 0) {                                \
      *failure = JetFailure{#call_expr, bench_err_};     \
      return false;                                      \
    }                                                    \
  } while (0)

class JetBench {
 public:
  explicit JetBench(const SideOptions& options)
      : options_(options), data_(options.seed), path_(options.dir + "/bench.edb") {}

  // Tears down whatever Setup built, in reverse (also after a failure).
  ~JetBench() {
    if (tableid_ != JET_tableidNil) (void)JetCloseTable(sesid_, tableid_);
    if (dbid_ != JET_dbidNil) {
      (void)JetCloseDatabase(sesid_, dbid_, 0);
      (void)JetDetachDatabase(sesid_, path_.c_str());
    }
    if (sesid_ != JET_sesidNil) (void)JetEndSession(sesid_, 0);
    if (initialized_) (void)JetTerm(instance_);
  }

  bool Setup(JetFailure* failure) {
    const unsigned long cache_pages = options_.cache_mib * 1024UL * 1024UL / kPageSize;
    // Process-wide parameters, before the first instance (as in ESE).
    BENCH_JET(JetSetSystemParameter(nullptr, JET_sesidNil, JET_paramDatabasePageSize, kPageSize,
                                    nullptr));
    BENCH_JET(JetSetSystemParameter(nullptr, JET_sesidNil, JET_paramCacheSizeMax, cache_pages,
                                    nullptr));
    BENCH_JET(JetCreateInstance(&instance_, "jet_sqlite_bench"));
    const std::string folder = options_.dir + "/";
    BENCH_JET(JetSetSystemParameter(&instance_, JET_sesidNil, JET_paramSystemPath, 0,
                                    folder.c_str()));
    BENCH_JET(JetSetSystemParameter(&instance_, JET_sesidNil, JET_paramLogFilePath, 0,
                                    folder.c_str()));
    BENCH_JET(JetSetSystemParameter(&instance_, JET_sesidNil, JET_paramTempPath, 0,
                                    (folder + "tmp.edb").c_str()));
    BENCH_JET(JetSetSystemParameter(&instance_, JET_sesidNil, JET_paramNoInformationEvent, 1,
                                    nullptr));
    BENCH_JET(JetInit(&instance_));
    initialized_ = true;
    BENCH_JET(JetBeginSession(instance_, &sesid_, "", ""));
    BENCH_JET(JetCreateDatabase(sesid_, path_.c_str(), "", &dbid_, 0));

    JET_COLUMNCREATE columns[2];
    std::memset(columns, 0, sizeof(columns));
    char key_name[] = "k";
    char value_name[] = "v";
    columns[0].cbStruct = sizeof(JET_COLUMNCREATE);
    columns[0].szColumnName = key_name;
    columns[0].coltyp = JET_coltypBinary;
    columns[0].cbMax = kKeySize;
    columns[0].grbit = JET_bitColumnFixed | JET_bitColumnNotNULL;
    columns[1].cbStruct = sizeof(JET_COLUMNCREATE);
    columns[1].szColumnName = value_name;
    columns[1].coltyp = JET_coltypBinary;
    columns[1].cbMax = kValueSize;
    JET_INDEXCREATE index;
    std::memset(&index, 0, sizeof(index));
    char index_name[] = "primary";
    char index_key[] = "+k\0";  // "+k\0\0": the array adds the last NUL
    index.cbStruct = sizeof(JET_INDEXCREATE);
    index.szIndexName = index_name;
    index.szKey = index_key;
    index.cbKey = sizeof(index_key);
    index.grbit = JET_bitIndexPrimary | JET_bitIndexUnique;
    index.ulDensity = 100;
    JET_TABLECREATE table;
    std::memset(&table, 0, sizeof(table));
    char table_name[] = "t";
    table.cbStruct = sizeof(JET_TABLECREATE);
    table.szTableName = table_name;
    table.ulPages = 16;
    table.ulDensity = 100;
    table.rgcolumncreate = columns;
    table.cColumns = 2;
    table.rgindexcreate = &index;
    table.cIndexes = 1;
    BENCH_JET(JetCreateTableColumnIndex(sesid_, dbid_, &table));
    // ESE opens the new table exclusively; reopen it as an application would.
    BENCH_JET(JetCloseTable(sesid_, table.tableid));
    key_column_ = columns[0].columnid;
    value_column_ = columns[1].columnid;
    BENCH_JET(JetOpenTable(sesid_, dbid_, table_name, nullptr, 0, 0, &tableid_));
    return true;
  }

  bool Load(JetFailure* failure) {
    const JET_GRBIT commit = options_.durable ? 0 : JET_bitCommitLazyFlush;
    uint8_t key[kKeySize];
    uint8_t value[kValueSize];
    JET_SETCOLUMN set[2];
    std::memset(set, 0, sizeof(set));
    set[0].columnid = key_column_;
    set[0].pvData = key;
    set[0].cbData = kKeySize;
    set[0].itagSequence = 1;
    set[1].columnid = value_column_;
    set[1].pvData = value;
    set[1].cbData = kValueSize;
    set[1].itagSequence = 1;
    Stopwatch watch;
    for (uint32_t i = 0; i < options_.rows;) {
      BENCH_JET(JetBeginTransaction(sesid_));
      const uint32_t end = std::min(options_.rows, i + options_.rows_per_transaction);
      for (; i < end; ++i) {
        data_.Key(i, key);
        data_.Value(i, value);
        BENCH_JET(JetPrepareUpdate(sesid_, tableid_, JET_prepInsert));
        BENCH_JET(JetSetColumns(sesid_, tableid_, set, 2));
        BENCH_JET(JetUpdate(sesid_, tableid_, nullptr, 0, nullptr));
      }
      BENCH_JET(JetCommitTransaction(sesid_, commit));
    }
    SideReport::Result("load", options_.rows, watch.Seconds());
    return true;
  }

  bool Read(JetFailure* failure, std::string* wrong) {
    const std::vector<uint32_t> order = data_.ReadOrder(options_.rows);
    uint8_t key[kKeySize];
    uint8_t want[kValueSize];
    uint8_t got[kValueSize + 1];
    Stopwatch watch;
    for (const uint32_t i : order) {
      data_.Key(i, key);
      BENCH_JET(JetMakeKey(sesid_, tableid_, key, kKeySize, JET_bitNewKey));
      BENCH_JET(JetSeek(sesid_, tableid_, JET_bitSeekEQ));
      unsigned long actual = 0;
      BENCH_JET(JetRetrieveColumn(sesid_, tableid_, value_column_, got, sizeof(got), &actual, 0,
                                  nullptr));
      data_.Value(i, want);
      if (actual != kValueSize || std::memcmp(got, want, kValueSize) != 0) {
        *wrong = "row " + std::to_string(i) + ": wrong value read back";
        return true;
      }
    }
    SideReport::Result("read", order.size(), watch.Seconds());
    return true;
  }

  bool Scan(JetFailure* failure, std::string* wrong) {
    uint8_t previous[kKeySize] = {};
    JET_RETRIEVECOLUMN get[2];
    uint8_t key[kKeySize];
    uint8_t value[kValueSize];
    std::memset(get, 0, sizeof(get));
    get[0].columnid = key_column_;
    get[0].pvData = key;
    get[0].cbData = kKeySize;
    get[0].itagSequence = 1;
    get[1].columnid = value_column_;
    get[1].pvData = value;
    get[1].cbData = kValueSize;
    get[1].itagSequence = 1;
    uint64_t rows = 0;
    uint64_t bytes = 0;
    Stopwatch watch;
    JET_ERR err = JetMove(sesid_, tableid_, JET_MoveFirst, 0);
    for (; err >= 0; err = JetMove(sesid_, tableid_, JET_MoveNext, 0)) {
      BENCH_JET(JetRetrieveColumns(sesid_, tableid_, get, 2));
      if (rows > 0 && std::memcmp(previous, key, kKeySize) >= 0) {
        *wrong = "scan: key " + std::to_string(rows) + " not above the one before";
        return true;
      }
      std::memcpy(previous, key, kKeySize);
      bytes += get[0].cbActual + get[1].cbActual;
      ++rows;
    }
    if (err != JET_errNoCurrentRecord) BENCH_JET(err);
    const double seconds = watch.Seconds();
    if (rows != options_.rows || bytes != rows * (kKeySize + kValueSize)) {
      *wrong = "scan: " + std::to_string(rows) + " rows, " + std::to_string(bytes) + " bytes";
      return true;
    }
    SideReport::Result("scan", rows, seconds);
    return true;
  }

  // Clean shutdown, timed: this is where the engine writes its dirty pages.
  bool Close(JetFailure* failure) {
    Stopwatch watch;
    BENCH_JET(JetCloseTable(sesid_, tableid_));
    tableid_ = JET_tableidNil;
    BENCH_JET(JetCloseDatabase(sesid_, dbid_, 0));
    dbid_ = JET_dbidNil;
    BENCH_JET(JetDetachDatabase(sesid_, path_.c_str()));
    BENCH_JET(JetEndSession(sesid_, 0));
    sesid_ = JET_sesidNil;
    initialized_ = false;
    BENCH_JET(JetTerm(instance_));
    SideReport::Result("close", 1, watch.Seconds());
    return true;
  }

 private:
  static constexpr unsigned long kPageSize = 4096;  // SQLite's default page size too

  const SideOptions& options_;
  const DataSet data_;
  const std::string path_;
  JET_INSTANCE instance_ = JET_instanceNil;
  bool initialized_ = false;
  JET_SESID sesid_ = JET_sesidNil;
  JET_DBID dbid_ = JET_dbidNil;
  JET_TABLEID tableid_ = JET_tableidNil;
  JET_COLUMNID key_column_ = 0;
  JET_COLUMNID value_column_ = 0;
};

}  // namespace

int RunJetSide(const SideOptions& options) {
  SideReport::Durability(
      options.durable
          ? "JetCommitTransaction(0): the log flushed at every commit (the engine has no log "
            "yet: nothing is flushed until JetDetachDatabase writes the pages)"
          : "JetCommitTransaction(JET_bitCommitLazyFlush): no flush at commit; pages written "
            "at JetDetachDatabase (timed as close)");
  JetBench bench(options);
  JetFailure failure;
  std::string wrong;
  const bool ok = bench.Setup(&failure) && bench.Load(&failure) &&
                  bench.Read(&failure, &wrong) && wrong.empty() &&
                  bench.Scan(&failure, &wrong) && wrong.empty() && bench.Close(&failure);
  if (ok) return 0;
  if (!wrong.empty()) {
    SideReport::Error("jet: " + wrong);
  } else {
    // "JetCreateDatabase(sesid_, ...)" -> "JetCreateDatabase".
    const std::string call(failure.call);
    SideReport::Error("jet: " + call.substr(0, call.find('(')) + ": " +
                      DescribeJetError(failure.err));
  }
  return 1;
}

}  // namespace jetbench
