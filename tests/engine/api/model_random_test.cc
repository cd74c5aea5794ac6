// Model-based random test of the write path through the public C API (issue
// 4, "Tests"): random inserts, replaces, deletes, seeks (EQ/GE/LE/GT/LT),
// index ranges over the primary and two secondary indexes, JetIndexRecordCount
// and nested transactions (committed, rolled back, rolled back entirely),
// from several threads with a session each, against an in-memory model.
//
// How the model stays exact under concurrency: thread t writes only keys of
// its own partition (key >> kPartitionShift == t, and so do its unique
// values), so it alone decides that partition's contents. Its model is the
// partition as it must see it: what is committed plus its open transaction's
// changes, with one undo list per nesting level (ESE snapshot isolation: a
// session sees its own uncommitted writes, never other sessions'). Reads of
// its own partition must equal the model exactly; records of other
// partitions are only checked to be well formed (each value carries the seed
// it was generated from), and inside a transaction, where the snapshot is
// stable, that secondary index entries point at records that match them.
// After all threads are joined, one full scan of every index must equal the
// union of the models, again after detach/re-attach and after a new
// instance.
//
// Environment:
//   JET_TEST_SEED      the seed (default: random); printed at the start and
//                      in every failure message.
//   JET_MODEL_OPS      operations in total, split over the threads (default
//                      100000; 20000 under ASan, 30000 in unoptimised builds
//                      and in the Windows leg, which runs under wine).
//   JET_MODEL_THREADS  threads, each with its own session (default 4). With 1
//                      the run is fully deterministic for a seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "api_test_db.h"
#include "esent.h"

#if defined(__SANITIZE_ADDRESS__)
#define JET_MODEL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JET_MODEL_ASAN 1
#endif
#endif

namespace jet::api_test {
namespace {

using Bytes = std::vector<uint8_t>;

constexpr int kPartitionShift = 20;
constexpr int32_t kKeySpace = 1024;   // keys per partition
constexpr int32_t kUniqSpace = 4096;  // unique values per partition
constexpr int32_t kSecValues = 64;    // the non-unique secondary column: shared by all
constexpr const char* kTable = "model";
constexpr const char* kBySec = "by_sec";
constexpr const char* kByUniq = "by_uniq";

// --- Configuration -----------------------------------------------------------

struct Config {
  uint64_t seed = 0;
  uint64_t ops = 0;
  int threads = 4;
};

uint64_t DefaultOps() {
#if defined(JET_MODEL_ASAN)
  return 20000;
#elif !defined(NDEBUG) || defined(_WIN32)  // unoptimised, or the Windows leg under wine
  return 30000;
#else
  return 100000;
#endif
}

Config LoadConfig() {
  Config config;
  config.ops = DefaultOps();
  if (const char* s = std::getenv("JET_TEST_SEED"); s != nullptr && *s != '\0') {
    config.seed = std::strtoull(s, nullptr, 0);
  } else {
    std::random_device rd;
    config.seed = (static_cast<uint64_t>(rd()) << 32) ^ rd();
  }
  if (const char* s = std::getenv("JET_MODEL_OPS"); s != nullptr && *s != '\0') {
    config.ops = std::strtoull(s, nullptr, 0);
  }
  if (const char* s = std::getenv("JET_MODEL_THREADS"); s != nullptr && *s != '\0') {
    config.threads = std::clamp(std::atoi(s), 1, 16);
  }
  return config;
}

std::string ReplayHint(const Config& c) {
  return "seed=" + std::to_string(c.seed) + " (replay: JET_TEST_SEED=" + std::to_string(c.seed) +
         " JET_MODEL_OPS=" + std::to_string(c.ops) +
         " JET_MODEL_THREADS=" + std::to_string(c.threads) + ")";
}

// --- Values ------------------------------------------------------------------

uint64_t SplitMix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// A value that carries its own check: 8 bytes of seed, then that seed's
// byte stream. Lets a reader of another partition tell a torn or mixed-up
// value from a good one.
Bytes MakeValue(uint64_t seed, size_t size) {
  Bytes b(std::max<size_t>(size, 8));
  std::memcpy(b.data(), &seed, 8);
  uint64_t x = seed;
  for (size_t i = 8; i < b.size(); ++i) {
    if ((i - 8) % 8 == 0) x = SplitMix(x);
    b[i] = static_cast<uint8_t>(x >> (8 * ((i - 8) % 8)));
  }
  return b;
}

bool WellFormedValue(const Bytes& b) {
  if (b.size() < 8) return false;
  uint64_t seed = 0;
  std::memcpy(&seed, b.data(), 8);
  return MakeValue(seed, b.size()) == b;
}

struct Row {
  int32_t sec = 0;
  int32_t uniq = 0;
  std::optional<Bytes> lv;  // LongBinary, tagged; sometimes > 4 KiB
  std::vector<Bytes> mv;    // Binary, tagged, multi-valued
  bool operator==(const Row&) const = default;
};

std::string Describe(const Row& r) {
  std::string s = "{sec=" + std::to_string(r.sec) + " uniq=" + std::to_string(r.uniq) + " lv=";
  s += r.lv ? std::to_string(r.lv->size()) + "B" : std::string("NULL");
  s += " mv=" + std::to_string(r.mv.size()) + " values";
  for (const Bytes& v : r.mv) s += " " + std::to_string(v.size()) + "B";
  return s + "}";
}

int PartitionOf(int32_t v) { return v >> kPartitionShift; }

// --- The model of one partition ------------------------------------------------

class Model {
 public:
  const std::map<int32_t, Row>& rows() const { return rows_; }
  const std::map<int32_t, int32_t>& uniq() const { return uniq_; }
  int level() const { return static_cast<int>(levels_.size()); }

  void Put(int32_t key, std::optional<Row> row) {
    if (!levels_.empty()) {
      auto it = rows_.find(key);
      levels_.back().push_back(
          {key, it == rows_.end() ? std::nullopt : std::optional<Row>(it->second)});
    }
    Apply(key, std::move(row));
  }
  void Begin() { levels_.emplace_back(); }
  // Commit of level n hands its undo list to level n-1 (its changes become
  // that level's changes); at level 1 they become permanent.
  void Commit() {
    std::vector<Undo> undo = std::move(levels_.back());
    levels_.pop_back();
    if (!levels_.empty()) {
      levels_.back().insert(levels_.back().end(), undo.begin(), undo.end());
    }
  }
  void Rollback() {
    std::vector<Undo> undo = std::move(levels_.back());
    levels_.pop_back();
    for (auto it = undo.rbegin(); it != undo.rend(); ++it) Apply(it->key, it->before);
  }
  void RollbackAll() {
    while (!levels_.empty()) Rollback();
  }

 private:
  struct Undo {
    int32_t key;
    std::optional<Row> before;
  };
  void Apply(int32_t key, std::optional<Row> row) {
    if (auto it = rows_.find(key); it != rows_.end()) {
      uniq_.erase(it->second.uniq);
      rows_.erase(it);
    }
    if (row) {
      uniq_[row->uniq] = key;
      rows_[key] = std::move(*row);
    }
  }

  std::map<int32_t, Row> rows_;
  std::map<int32_t, int32_t> uniq_;  // unique value -> key
  std::vector<std::vector<Undo>> levels_;
};

// --- The table -------------------------------------------------------------------

struct Schema {
  JET_COLUMNID key = 0, sec = 0, uniq = 0, lv = 0, mv = 0;
};

JET_ERR CreateModelTable(JET_SESID sesid, JET_DBID dbid, Schema* schema) {
  std::vector<JET_COLUMNID> ids;
  const JET_ERR err =
      CreateTable(sesid, dbid, kTable,
                  {{"key", JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnNotNULL},
                   {"sec", JET_coltypLong, 0, JET_bitColumnFixed},
                   {"uniq", JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnNotNULL},
                   {"lv", JET_coltypLongBinary, 0, JET_bitColumnTagged},
                   {"mv", JET_coltypBinary, 255, JET_bitColumnTagged | JET_bitColumnMultiValued}},
                  {{"primary", {"+key"}, JET_bitIndexPrimary | JET_bitIndexUnique},
                   {kBySec, {"+sec"}, 0},
                   {kByUniq, {"+uniq"}, JET_bitIndexUnique}},
                  &ids);
  if (err < 0) return err;
  *schema = Schema{ids[0], ids[1], ids[2], ids[3], ids[4]};
  return err;
}

// Reads the current record. *problem describes what is malformed about it
// ("" if nothing); API errors are returned.
JET_ERR ReadRecord(JET_SESID s, JET_TABLEID t, const Schema& c, int32_t* key, Row* row,
                   std::string* problem) {
  std::optional<int32_t> k, sec, uniq;
  std::optional<Bytes> lv;
  std::vector<Bytes> mv;
  JET_ERR err;
  if ((err = RetrieveInt32(s, t, c.key, &k)) < 0) return err;
  if ((err = RetrieveInt32(s, t, c.sec, &sec)) < 0) return err;
  if ((err = RetrieveInt32(s, t, c.uniq, &uniq)) < 0) return err;
  if ((err = RetrieveBytes(s, t, c.lv, 1, &lv)) < 0) return err;
  if ((err = RetrieveAll(s, t, c.mv, &mv)) < 0) return err;
  problem->clear();
  if (!k || !sec || !uniq) {
    *problem = "a NULL key, sec or uniq";
    return JET_errSuccess;
  }
  *key = *k;
  *row = Row{*sec, *uniq, std::move(lv), std::move(mv)};
  if (*sec < 0 || *sec >= kSecValues) *problem = "sec out of range";
  if (PartitionOf(*uniq) != PartitionOf(*k)) *problem = "uniq of another partition than key";
  if (row->lv && !WellFormedValue(*row->lv)) *problem = "a malformed long value";
  for (const Bytes& v : row->mv) {
    if (!WellFormedValue(v)) *problem = "a malformed multi-value";
  }
  if (!problem->empty()) *problem += " in record key=" + std::to_string(*k) + " " + Describe(*row);
  return JET_errSuccess;
}

// --- One thread: a session writing its partition -------------------------------------

struct Shared {
  Config config;
  JET_INSTANCE instance = 0;
  std::string db_path;
  Schema schema;
  std::atomic<bool> stop{false};
};

#define W_JET(call)                                                                \
  do {                                                                             \
    const JET_ERR w_err_ = (call);                                                 \
    if (w_err_ < 0) return Fail(std::string(#call) + " -> " + JetErrText(w_err_)); \
  } while (0)

#define W_EXPECT(call, expected)                                                     \
  do {                                                                               \
    const JET_ERR w_err_ = (call);                                                   \
    if (w_err_ != (expected)) {                                                      \
      return Fail(std::string(#call) + " -> " + JetErrText(w_err_) + ", expected " + \
                  JetErrText(expected));                                             \
    }                                                                                \
  } while (0)

#define W_CHECK(cond, what)                                                      \
  do {                                                                           \
    if (!(cond)) return Fail(std::string("check failed: " #cond ": ") + (what)); \
  } while (0)

class Worker {
 public:
  Worker(Shared* shared, int tid, uint64_t ops)
      : shared_(*shared),
        c_(shared->schema),
        tid_(tid),
        ops_(ops),
        base_(static_cast<int32_t>(tid) << kPartitionShift),
        rng_(SplitMix(shared->config.seed) ^ SplitMix(static_cast<uint64_t>(tid) + 1)) {}

  void Run() {
    if (Open()) {
      for (op_ = 0; op_ < ops_ && !shared_.stop.load(); ++op_) {
        if (!Step()) return;
      }
      if (shared_.stop.load()) return;
      ++op_;
      while (model_.level() > 0) {
        if (!Commit()) return;
      }
      if (!CheckPartition()) return;
    }
    if (failure_.empty()) Close();
  }

  const std::string& failure() const { return failure_; }
  const Model& model() const { return model_; }

 private:
  bool multi() const { return shared_.config.threads > 1; }
  uint64_t R(uint64_t n) { return rng_() % n; }
  bool P(int percent) { return R(100) < static_cast<uint64_t>(percent); }
  int32_t Last() const { return base_ + kKeySpace - 1; }

  bool Fail(const std::string& what) {
    failure_ = "seed " + std::to_string(shared_.config.seed) + ", thread " + std::to_string(tid_) +
               ", op " + std::to_string(op_) + ", level " + std::to_string(model_.level()) + ": " +
               what + "\n  " + ReplayHint(shared_.config);
    shared_.stop.store(true);
    return false;
  }

  bool Open() {
    W_JET(JetBeginSessionA(shared_.instance, &s_, "", ""));
    W_JET(JetOpenDatabaseA(s_, shared_.db_path.c_str(), nullptr, &dbid_, 0));
    W_JET(JetOpenTableA(s_, dbid_, kTable, nullptr, 0, 0, &t_));
    return true;
  }

  void Close() {
    (void)JetCloseTable(s_, t_);
    (void)JetCloseDatabase(s_, dbid_, 0);
    (void)JetEndSession(s_, 0);
  }

  bool Step() {
    const int level = model_.level();
    uint64_t r = R(1000);
    if (level == 0 && r < 200) return Begin();
    if (level > 0) {
      if (r < 40) return Commit();
      if (r < 60) return Rollback();
      if (r < 63) return RollbackAll();
      if (r < 80 && level < 3) return Begin();
    }
    r = R(1000);
    if (r < 260) return Insert(false);
    if (r < 290) return Insert(true);
    if (r < 480) return Replace();
    if (r < 600) return Delete();
    if (r < 620) return DeleteMissing();
    if (r < 760) return Seek();
    if (r < 840) return RangePrimary();
    if (r < 900) return RangeSecondary();
    if (r < 945) return SeekUnique();
    if (r < 995) return multi() && level > 0 ? ReadOthers() : Seek();
    return CheckPartition();
  }

  // --- Transactions ---------------------------------------------------------
  bool Begin() {
    if (P(50)) {
      W_JET(JetBeginTransaction(s_));
    } else {
      W_JET(JetBeginTransaction2(s_, 0));
    }
    model_.Begin();
    return true;
  }
  bool Commit() {
    W_JET(JetCommitTransaction(s_, P(50) ? JET_bitCommitLazyFlush : 0));
    model_.Commit();
    return true;
  }
  bool Rollback() {
    W_JET(JetRollback(s_, 0));
    model_.Rollback();
    return !P(20) || CheckPartition();
  }
  bool RollbackAll() {
    W_JET(JetRollback(s_, JET_bitRollbackAll));
    model_.RollbackAll();
    return CheckPartition();
  }

  // --- Writes ------------------------------------------------------------
  Row RandomRow() {
    Row row;
    row.sec = static_cast<int32_t>(R(kSecValues));
    row.uniq = base_ + static_cast<int32_t>(R(kUniqSpace));
    const uint64_t kind = R(100);
    if (kind >= 30) {
      const size_t size = kind < 92 ? 8 + R(200) : 4097 + R(8000);
      row.lv = MakeValue(rng_(), size);
    }
    if (P(15)) {
      const uint64_t n = 1 + R(4);
      for (uint64_t i = 0; i < n; ++i) row.mv.push_back(MakeValue(rng_(), 8 + R(40)));
    }
    return row;
  }

  int32_t RandomExistingKey() {
    auto it = model_.rows().lower_bound(base_ + static_cast<int32_t>(R(kKeySpace)));
    if (it == model_.rows().end()) it = model_.rows().begin();
    return it->first;
  }

  bool SetLongValue(const Bytes& v) {
    const auto size = static_cast<unsigned long>(v.size());
    if (size > 4096 && P(50)) {  // in two pieces, as a streaming writer would
      const unsigned long first = size / 2;
      W_JET(JetSetColumn(s_, t_, c_.lv, v.data(), first, 0, nullptr));
      W_JET(
          JetSetColumn(s_, t_, c_.lv, v.data() + first, size - first, JET_bitSetAppendLV, nullptr));
    } else {
      W_JET(JetSetColumn(s_, t_, c_.lv, v.data(), size, 0, nullptr));
    }
    return true;
  }

  bool UsePrimary() {
    W_JET(JetSetCurrentIndexA(s_, t_, nullptr));
    return true;
  }

  // A new record; `duplicate` makes it collide with an existing key or
  // unique value. A collision must fail with JET_errKeyDuplicate, leave the
  // update prepared (ESE keeps the copy buffer) and change nothing.
  bool Insert(bool duplicate) {
    int32_t key = base_ + static_cast<int32_t>(R(kKeySpace));
    Row row = RandomRow();
    if (duplicate && !model_.rows().empty()) {
      const int32_t existing = RandomExistingKey();
      if (P(50)) {
        key = existing;
      } else {
        row.uniq = model_.rows().at(existing).uniq;
      }
    }
    const bool collides = model_.rows().count(key) != 0 || model_.uniq().count(row.uniq) != 0;
    W_JET(JetPrepareUpdate(s_, t_, JET_prepInsert));
    W_JET(SetInt32(s_, t_, c_.key, key));
    W_JET(SetInt32(s_, t_, c_.sec, row.sec));
    W_JET(SetInt32(s_, t_, c_.uniq, row.uniq));
    if (row.lv && !SetLongValue(*row.lv)) return false;
    for (const Bytes& v : row.mv) {
      JET_SETINFO append{sizeof(JET_SETINFO), 0, 0};  // itagSequence 0: a new value
      W_JET(
          JetSetColumn(s_, t_, c_.mv, v.data(), static_cast<unsigned long>(v.size()), 0, &append));
    }
    const JET_ERR err = JetUpdate(s_, t_, nullptr, 0, nullptr);
    if (collides) {
      W_CHECK(err == JET_errKeyDuplicate, "JetUpdate (insert of key " + std::to_string(key) +
                                              " uniq " + std::to_string(row.uniq) + ") -> " +
                                              JetErrText(err) + ", expected JET_errKeyDuplicate");
      W_EXPECT(JetPrepareUpdate(s_, t_, JET_prepCancel), JET_errSuccess);
      return !P(10) || ExpectRecord(key);
    }
    W_CHECK(err >= 0,
            "JetUpdate (insert of key " + std::to_string(key) + ") -> " + JetErrText(err));
    model_.Put(key, row);
    return !P(10) || ExpectRecord(key);
  }

  bool Replace() {
    if (model_.rows().empty()) return Insert(false);
    const int32_t key = RandomExistingKey();
    if (!UsePrimary()) return false;
    W_EXPECT(SeekInt32(s_, t_, key, JET_bitSeekEQ), JET_errSuccess);
    W_JET(JetPrepareUpdate(s_, t_, JET_prepReplace));
    if (P(2)) {  // a replace may not change the primary key
      W_JET(SetInt32(s_, t_, c_.key, key == Last() ? base_ : key + 1));
      W_EXPECT(JetUpdate(s_, t_, nullptr, 0, nullptr), JET_errRecordPrimaryChanged);
      W_EXPECT(JetPrepareUpdate(s_, t_, JET_prepCancel), JET_errSuccess);
      return ExpectRecord(key);
    }
    const Row before = model_.rows().at(key);
    Row after = before;
    const Row fresh = RandomRow();
    bool changed = false;
    if (P(50)) {
      after.sec = fresh.sec;
      W_JET(SetInt32(s_, t_, c_.sec, after.sec));
      changed = true;
    }
    if (P(30)) {
      after.uniq = fresh.uniq;
      W_JET(SetInt32(s_, t_, c_.uniq, after.uniq));
      changed = true;
    }
    if (P(40) || !changed) {
      after.lv = fresh.lv;
      if (after.lv) {
        if (!SetLongValue(*after.lv)) return false;
      } else {
        W_JET(JetSetColumn(s_, t_, c_.lv, nullptr, 0, 0, nullptr));
      }
    }
    if (P(15)) {
      // Overwrite values 1..n, then delete the old ones past n, last first.
      after.mv = fresh.mv;
      for (size_t i = 0; i < after.mv.size(); ++i) {
        JET_SETINFO at{sizeof(JET_SETINFO), 0, static_cast<JET_UINT32>(i + 1)};
        W_JET(JetSetColumn(s_, t_, c_.mv, after.mv[i].data(),
                           static_cast<unsigned long>(after.mv[i].size()), 0, &at));
      }
      for (size_t i = before.mv.size(); i > after.mv.size(); --i) {
        JET_SETINFO at{sizeof(JET_SETINFO), 0, static_cast<JET_UINT32>(i)};
        W_JET(JetSetColumn(s_, t_, c_.mv, nullptr, 0, 0, &at));
      }
    }
    auto owner = model_.uniq().find(after.uniq);
    const bool collides = owner != model_.uniq().end() && owner->second != key;
    const JET_ERR err = JetUpdate(s_, t_, nullptr, 0, nullptr);
    if (collides) {
      W_CHECK(err == JET_errKeyDuplicate, "JetUpdate (replace of key " + std::to_string(key) +
                                              " to uniq " + std::to_string(after.uniq) + ") -> " +
                                              JetErrText(err) + ", expected JET_errKeyDuplicate");
      W_EXPECT(JetPrepareUpdate(s_, t_, JET_prepCancel), JET_errSuccess);
      return !P(30) || ExpectRecord(key);
    }
    W_CHECK(err >= 0,
            "JetUpdate (replace of key " + std::to_string(key) + ") -> " + JetErrText(err));
    model_.Put(key, after);
    return !P(10) || ExpectRecord(key);
  }

  bool Delete() {
    if (model_.rows().empty()) return Insert(false);
    const int32_t key = RandomExistingKey();
    if (!UsePrimary()) return false;
    W_EXPECT(SeekInt32(s_, t_, key, JET_bitSeekEQ), JET_errSuccess);
    W_JET(JetDelete(s_, t_));
    model_.Put(key, std::nullopt);
    return !P(20) || ExpectRecord(key);
  }

  // Deleting with no current record: JET_errNoCurrentRecord, nothing changes.
  bool DeleteMissing() {
    int32_t key = base_ + static_cast<int32_t>(R(kKeySpace));
    if (model_.rows().count(key) != 0) return Seek();
    if (!UsePrimary()) return false;
    W_EXPECT(SeekInt32(s_, t_, key, JET_bitSeekEQ), JET_errRecordNotFound);
    W_EXPECT(JetDelete(s_, t_), JET_errNoCurrentRecord);
    return true;
  }

  // --- Reads -------------------------------------------------------------
  // Reads the current record: it must be well formed, and if it is of this
  // partition equal to the model. *key receives its key. `tolerate_deleted`:
  // at level 0 with other writers a foreign record may be deleted between a
  // move and the read (each call sees the newest committed data), *gone is
  // then set.
  bool ReadCurrent(int32_t* key, Row* row, bool* gone = nullptr) {
    std::string problem;
    const JET_ERR err = ReadRecord(s_, t_, c_, key, row, &problem);
    if (gone != nullptr) *gone = false;
    if (err == JET_errRecordDeleted && gone != nullptr && multi() && model_.level() == 0) {
      *gone = true;
      return true;
    }
    W_CHECK(err >= 0, "reading the current record -> " + JetErrText(err));
    W_CHECK(problem.empty(), problem);
    if (PartitionOf(*key) == tid_) {
      auto it = model_.rows().find(*key);
      W_CHECK(it != model_.rows().end(), "record key=" + std::to_string(*key) + " " +
                                             Describe(*row) +
                                             " is not in the model (deleted or never committed)");
      W_CHECK(it->second == *row, "record key=" + std::to_string(*key) + " is " + Describe(*row) +
                                      ", the model has " + Describe(it->second));
    }
    return true;
  }

  // The model's view of one key, through a primary-index seek.
  bool ExpectRecord(int32_t key) {
    if (!UsePrimary()) return false;
    const JET_ERR err = SeekInt32(s_, t_, key, JET_bitSeekEQ);
    if (model_.rows().count(key) == 0) {
      W_CHECK(err == JET_errRecordNotFound, "JetSeek(EQ " + std::to_string(key) + ") -> " +
                                                JetErrText(err) + ", the model has no such key");
      return true;
    }
    W_CHECK(err == JET_errSuccess, "JetSeek(EQ " + std::to_string(key) + ") -> " + JetErrText(err) +
                                       ", the model has the key");
    int32_t got = 0;
    Row row;
    if (!ReadCurrent(&got, &row)) return false;
    W_CHECK(got == key, "JetSeek(EQ " + std::to_string(key) + ") found " + std::to_string(got));
    return true;
  }

  bool Seek() {
    static constexpr JET_GRBIT kModes[] = {JET_bitSeekEQ, JET_bitSeekGE, JET_bitSeekLE,
                                           JET_bitSeekGT, JET_bitSeekLT};
    static constexpr const char* kNames[] = {"EQ", "GE", "LE", "GT", "LT"};
    const size_t m = R(5);
    const int32_t target = base_ + static_cast<int32_t>(R(kKeySpace));
    const auto& rows = model_.rows();
    std::optional<int32_t> want;
    bool exact = false;
    switch (kModes[m]) {
      case JET_bitSeekEQ:
        if (rows.count(target) != 0) want = target;
        exact = true;
        break;
      case JET_bitSeekGE:
        if (auto it = rows.lower_bound(target); it != rows.end()) want = it->first;
        break;
      case JET_bitSeekGT:
        if (auto it = rows.upper_bound(target); it != rows.end()) want = it->first;
        break;
      case JET_bitSeekLE:
        if (auto it = rows.upper_bound(target); it != rows.begin()) want = std::prev(it)->first;
        break;
      default:  // LT
        if (auto it = rows.lower_bound(target); it != rows.begin()) want = std::prev(it)->first;
        break;
    }
    if (want && (kModes[m] == JET_bitSeekGE || kModes[m] == JET_bitSeekLE)) exact = *want == target;
    if (!UsePrimary()) return false;
    const JET_ERR err = SeekInt32(s_, t_, target, kModes[m]);
    const std::string what = std::string("JetSeek(") + kNames[m] + " " + std::to_string(target) +
                             ") -> " + JetErrText(err);
    if (want) {
      if (kModes[m] == JET_bitSeekGT || kModes[m] == JET_bitSeekLT) {
        W_CHECK(err >= 0, what);
      } else {
        W_CHECK(err == (exact ? JET_errSuccess : JET_wrnSeekNotEqual),
                what + ", the model expects key " + std::to_string(*want));
      }
      int32_t got = 0;
      Row row;
      if (!ReadCurrent(&got, &row)) return false;
      W_CHECK(got == *want, what + " found key " + std::to_string(got) + ", the model expects " +
                                std::to_string(*want));
      return true;
    }
    // Nothing in this partition: not found, or (GE/GT/LE/LT) a record of
    // another partition beyond it.
    if (err == JET_errRecordNotFound) return true;
    W_CHECK(err >= 0 && multi() && kModes[m] != JET_bitSeekEQ,
            what + ", the model has no such record");
    int32_t got = 0;
    Row row;
    bool gone = false;
    if (!ReadCurrent(&got, &row, &gone)) return false;
    if (gone) return true;
    const bool forward = kModes[m] == JET_bitSeekGE || kModes[m] == JET_bitSeekGT;
    W_CHECK(forward ? got > Last() : got < base_,
            what + " found key " + std::to_string(got) + ", the model has no such record");
    return true;
  }

  // JetSetIndexRange over the primary index inside the partition: exactly
  // the model's records, in order; JetIndexRecordCount agrees.
  bool RangePrimary() {
    const int32_t lo = base_ + static_cast<int32_t>(R(kKeySpace));
    const int32_t hi = std::min(Last(), lo + static_cast<int32_t>(R(64)));
    std::vector<int32_t> want;
    for (auto it = model_.rows().lower_bound(lo); it != model_.rows().end() && it->first <= hi;
         ++it) {
      want.push_back(it->first);
    }
    if (!UsePrimary()) return false;
    const std::string range = "[" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
    const JET_ERR err = SeekInt32(s_, t_, lo, JET_bitSeekGE);
    if (want.empty()) {
      if (err == JET_errRecordNotFound) return true;
      W_CHECK(err >= 0, "JetSeek(GE " + std::to_string(lo) + ") -> " + JetErrText(err));
      W_EXPECT(RangeToInt32(s_, t_, hi, JET_bitRangeUpperLimit | JET_bitRangeInclusive),
               JET_errNoCurrentRecord);
      return true;
    }
    W_CHECK(err >= 0, "JetSeek(GE " + std::to_string(lo) + ") -> " + JetErrText(err) +
                          ", the model has " + std::to_string(want.size()) + " records in " +
                          range);
    W_JET(RangeToInt32(s_, t_, hi, JET_bitRangeUpperLimit | JET_bitRangeInclusive));
    if (P(50)) {
      unsigned long count = 0;
      const unsigned long max = P(30) ? 3 : 0;
      W_JET(JetIndexRecordCount(s_, t_, &count, max));
      const size_t expect = max == 0 ? want.size() : std::min<size_t>(max, want.size());
      W_CHECK(count == expect, "JetIndexRecordCount in " + range + " = " + std::to_string(count) +
                                   ", the model has " + std::to_string(expect));
    }
    size_t i = 0;
    JET_ERR move = JET_errSuccess;
    for (; move >= 0; move = JetMove(s_, t_, JET_MoveNext, 0), ++i) {
      int32_t got = 0;
      Row row;
      if (!ReadCurrent(&got, &row)) return false;
      W_CHECK(i < want.size() && got == want[i],
              "record " + std::to_string(i) + " of range " + range + " is key " +
                  std::to_string(got) + ", the model has " +
                  (i < want.size() ? std::to_string(want[i]) : std::string("no more")));
    }
    W_CHECK(move == JET_errNoCurrentRecord,
            "JetMove(Next) in " + range + " -> " + JetErrText(move));
    W_CHECK(i == want.size(), "range " + range + " has " + std::to_string(i) +
                                  " records, the model " + std::to_string(want.size()));
    return true;
  }

  // An index range over the non-unique secondary index (sec in [a, b]): this
  // partition's entries are exactly the model's, ordered by (sec, key);
  // inside a transaction every entry matches its record and the count of the
  // range equals the entries walked.
  bool RangeSecondary() {
    const int32_t a = static_cast<int32_t>(R(kSecValues));
    const int32_t b = std::min(kSecValues - 1, a + static_cast<int32_t>(R(4)));
    std::vector<std::pair<int32_t, int32_t>> want;
    for (const auto& [key, row] : model_.rows()) {
      if (row.sec >= a && row.sec <= b) want.emplace_back(row.sec, key);
    }
    std::sort(want.begin(), want.end());
    const std::string range = "by_sec [" + std::to_string(a) + ", " + std::to_string(b) + "]";
    const bool stable = !multi() || model_.level() > 0;  // a snapshot: all entries exact
    W_JET(JetSetCurrentIndexA(s_, t_, kBySec));
    std::vector<std::pair<int32_t, int32_t>> own;
    size_t walked = 0;
    std::optional<unsigned long> count;
    JET_ERR err = SeekInt32(s_, t_, a, JET_bitSeekGE);
    if (err != JET_errRecordNotFound) {
      W_CHECK(err >= 0, "JetSeek(" + range + " GE) -> " + JetErrText(err));
      err = RangeToInt32(s_, t_, b, JET_bitRangeUpperLimit | JET_bitRangeInclusive);
      if (err != JET_errNoCurrentRecord) {
        W_CHECK(err >= 0, "JetSetIndexRange(" + range + ") -> " + JetErrText(err));
        if (P(40)) {
          unsigned long n = 0;
          W_JET(JetIndexRecordCount(s_, t_, &n, 0));
          count = n;
        }
        std::pair<int32_t, int32_t> previous{-1, -1};
        JET_ERR move = JET_errSuccess;
        for (; move >= 0; move = JetMove(s_, t_, JET_MoveNext, 0)) {
          int32_t key = 0;
          Row row;
          bool gone = false;
          if (!ReadCurrent(&key, &row, &gone)) return false;
          ++walked;
          if (gone) continue;
          const bool mine = PartitionOf(key) == tid_;
          if (mine || stable) {
            W_CHECK(row.sec >= a && row.sec <= b,
                    range + " has an entry for key " + std::to_string(key) +
                        " whose record has sec " + std::to_string(row.sec));
            const std::pair<int32_t, int32_t> entry{row.sec, key};
            if (stable) {
              W_CHECK(previous < entry,
                      range + " entries out of order: (" + std::to_string(previous.first) + ", " +
                          std::to_string(previous.second) + ") then (" +
                          std::to_string(entry.first) + ", " + std::to_string(entry.second) + ")");
              previous = entry;
            }
          }
          if (mine) own.emplace_back(row.sec, key);
        }
        W_CHECK(move == JET_errNoCurrentRecord,
                "JetMove(Next) in " + range + " -> " + JetErrText(move));
      }
    }
    W_CHECK(own == want, range + ": this partition has " + std::to_string(own.size()) +
                             " entries, the model " + std::to_string(want.size()) +
                             FirstDifference(own, want));
    if (count && stable) {
      W_CHECK(*count == walked, "JetIndexRecordCount of " + range + " = " + std::to_string(*count) +
                                    ", walked " + std::to_string(walked));
    }
    if (!multi()) W_CHECK(walked == want.size(), range + ": walked " + std::to_string(walked));
    return UsePrimary();
  }

  static std::string FirstDifference(const std::vector<std::pair<int32_t, int32_t>>& got,
                                     const std::vector<std::pair<int32_t, int32_t>>& want) {
    for (size_t i = 0; i < std::max(got.size(), want.size()); ++i) {
      auto show = [](const std::vector<std::pair<int32_t, int32_t>>& v, size_t i) {
        return i < v.size() ? "(sec " + std::to_string(v[i].first) + ", key " +
                                  std::to_string(v[i].second) + ")"
                            : std::string("nothing");
      };
      if (i >= got.size() || i >= want.size() || got[i] != want[i]) {
        return "; entry " + std::to_string(i) + ": got " + show(got, i) + ", the model " +
               show(want, i);
      }
    }
    return "";
  }

  // The unique secondary index: a value of this partition is found iff the
  // model has it, on the model's record.
  bool SeekUnique() {
    const int32_t u = base_ + static_cast<int32_t>(R(kUniqSpace));
    W_JET(JetSetCurrentIndexA(s_, t_, kByUniq));
    const JET_ERR err = SeekInt32(s_, t_, u, JET_bitSeekEQ);
    auto it = model_.uniq().find(u);
    const std::string what = "JetSeek(by_uniq EQ " + std::to_string(u) + ") -> " + JetErrText(err);
    if (it == model_.uniq().end()) {
      W_CHECK(err == JET_errRecordNotFound, what + ", the model has no such value");
    } else {
      W_CHECK(err == JET_errSuccess,
              what + ", the model has it on key " + std::to_string(it->second));
      int32_t key = 0;
      Row row;
      if (!ReadCurrent(&key, &row)) return false;
      W_CHECK(key == it->second, what + " found key " + std::to_string(key) + ", the model has " +
                                     std::to_string(it->second));
    }
    return UsePrimary();
  }

  // Inside a transaction: up to 16 records of another partition are well
  // formed, and each is found again through both secondary indexes.
  bool ReadOthers() {
    int other = static_cast<int>(R(static_cast<uint64_t>(shared_.config.threads - 1)));
    if (other >= tid_) ++other;
    const int32_t first = static_cast<int32_t>(other) << kPartitionShift;
    if (!UsePrimary()) return false;
    const JET_ERR err = SeekInt32(s_, t_, first, JET_bitSeekGE);
    if (err == JET_errRecordNotFound) return true;
    W_CHECK(err >= 0, "JetSeek(GE " + std::to_string(first) + ") -> " + JetErrText(err));
    std::vector<std::pair<int32_t, Row>> seen;
    JET_ERR move = JET_errSuccess;
    for (int n = 0; move >= 0 && n < 16; move = JetMove(s_, t_, JET_MoveNext, 0), ++n) {
      int32_t key = 0;
      Row row;
      if (!ReadCurrent(&key, &row)) return false;
      if (PartitionOf(key) != other) break;
      seen.emplace_back(key, row);
    }
    W_CHECK(move >= 0 || move == JET_errNoCurrentRecord, "JetMove(Next) -> " + JetErrText(move));
    for (const auto& [key, row] : seen) {
      W_JET(JetSetCurrentIndexA(s_, t_, kByUniq));
      W_EXPECT(SeekInt32(s_, t_, row.uniq, JET_bitSeekEQ), JET_errSuccess);
      int32_t got = 0;
      Row again;
      if (!ReadCurrent(&got, &again)) return false;
      W_CHECK(got == key && again == row, "by_uniq " + std::to_string(row.uniq) + " leads to key " +
                                              std::to_string(got) + " " + Describe(again) +
                                              ", the primary index had key " + std::to_string(key) +
                                              " " + Describe(row) + " in the same transaction");
    }
    return UsePrimary();
  }

  // The whole partition, through an index range: exactly the model.
  bool CheckPartition() {
    if (!UsePrimary()) return false;
    const auto& rows = model_.rows();
    JET_ERR err = SeekInt32(s_, t_, base_, JET_bitSeekGE);
    if (err == JET_errRecordNotFound) {
      W_CHECK(rows.empty(),
              "the partition is empty, the model has " + std::to_string(rows.size()) + " records");
      return true;
    }
    W_CHECK(err >= 0, "JetSeek(GE " + std::to_string(base_) + ") -> " + JetErrText(err));
    err = RangeToInt32(s_, t_, Last(), JET_bitRangeUpperLimit | JET_bitRangeInclusive);
    if (err == JET_errNoCurrentRecord) {
      W_CHECK(rows.empty(),
              "the partition is empty, the model has " + std::to_string(rows.size()) + " records");
      return true;
    }
    W_CHECK(err >= 0, "JetSetIndexRange(partition) -> " + JetErrText(err));
    auto it = rows.begin();
    JET_ERR move = JET_errSuccess;
    for (; move >= 0; move = JetMove(s_, t_, JET_MoveNext, 0), ++it) {
      int32_t key = 0;
      Row row;
      if (!ReadCurrent(&key, &row)) return false;  // a key the model lacks fails here
      W_CHECK(it != rows.end() && it->first == key,
              "partition scan found key " + std::to_string(key) + ", the model's next is " +
                  (it == rows.end() ? std::string("none") : std::to_string(it->first)));
    }
    W_CHECK(move == JET_errNoCurrentRecord, "JetMove(Next) -> " + JetErrText(move));
    W_CHECK(it == rows.end(), "partition scan ended before model key " +
                                  std::to_string(it == rows.end() ? 0 : it->first));
    return true;
  }

  Shared& shared_;
  const Schema c_;
  const int tid_;
  const uint64_t ops_;
  const int32_t base_;
  std::mt19937_64 rng_;
  Model model_;
  uint64_t op_ = 0;
  std::string failure_;
  JET_SESID s_ = JET_sesidNil;
  JET_DBID dbid_ = JET_dbidNil;
  JET_TABLEID t_ = JET_tableidNil;
};

#undef W_JET
#undef W_EXPECT
#undef W_CHECK

// --- The whole table after the run ---------------------------------------------

#define ASSERT_JET(call)                                                                  \
  do {                                                                                    \
    const JET_ERR assert_err_ = (call);                                                   \
    ASSERT_GE(assert_err_, JET_errSuccess) << #call << " -> " << JetErrText(assert_err_); \
  } while (0)

// Every index of the table, walked from its first entry, equals `want`.
void CheckWholeTable(JET_SESID s, JET_DBID dbid, const Schema& c,
                     const std::map<int32_t, Row>& want, const std::string& when) {
  SCOPED_TRACE(when);
  JET_TABLEID t = JET_tableidNil;
  ASSERT_JET(JetOpenTableA(s, dbid, kTable, nullptr, 0, JET_bitTableReadOnly, &t));
  // Primary: every record, in key order.
  {
    auto it = want.begin();
    JET_ERR move = JetMove(s, t, JET_MoveFirst, 0);
    if (!want.empty()) {
      unsigned long count = 0;
      ASSERT_JET(move);
      ASSERT_JET(JetIndexRecordCount(s, t, &count, 0));
      EXPECT_EQ(count, want.size()) << "JetIndexRecordCount of the primary index";
    }
    for (; move >= 0; move = JetMove(s, t, JET_MoveNext, 0), ++it) {
      int32_t key = 0;
      Row row;
      std::string problem;
      ASSERT_JET(ReadRecord(s, t, c, &key, &row, &problem));
      ASSERT_EQ(problem, "");
      ASSERT_NE(it, want.end()) << "record key " << key << " is in no model";
      ASSERT_EQ(key, it->first) << "the models' next key is " << it->first;
      ASSERT_TRUE(row == it->second) << "record key " << key << " is " << Describe(row)
                                     << ", the model has " << Describe(it->second);
    }
    ASSERT_EQ(move, JET_errNoCurrentRecord) << JetErrText(move);
    ASSERT_EQ(it, want.end()) << "the table ends before model key " << it->first;
  }
  // Secondary indexes: (sec, key) and (uniq, key), in index order.
  for (const char* index : {kBySec, kByUniq}) {
    SCOPED_TRACE(index);
    std::vector<std::pair<int32_t, int32_t>> expect;
    for (const auto& [key, row] : want) {
      expect.emplace_back(index == kBySec ? row.sec : row.uniq, key);
    }
    std::sort(expect.begin(), expect.end());
    ASSERT_JET(JetSetCurrentIndexA(s, t, index));
    std::vector<std::pair<int32_t, int32_t>> got;
    JET_ERR move = JetMove(s, t, JET_MoveFirst, 0);
    if (!want.empty()) {
      unsigned long count = 0;
      ASSERT_JET(move);
      ASSERT_JET(JetIndexRecordCount(s, t, &count, 0));
      EXPECT_EQ(count, want.size()) << "JetIndexRecordCount";
    }
    for (; move >= 0; move = JetMove(s, t, JET_MoveNext, 0)) {
      std::optional<int32_t> key, value;
      ASSERT_JET(RetrieveInt32(s, t, c.key, &key));
      ASSERT_JET(RetrieveInt32(s, t, index == kBySec ? c.sec : c.uniq, &value));
      ASSERT_TRUE(key && value);
      got.emplace_back(*value, *key);
    }
    ASSERT_EQ(move, JET_errNoCurrentRecord) << JetErrText(move);
    ASSERT_EQ(got.size(), expect.size());
    for (size_t i = 0; i < got.size(); ++i) {
      ASSERT_EQ(got[i], expect[i]) << "entry " << i << " (value, key)";
    }
  }
  ASSERT_JET(JetCloseTable(s, t));
}

TEST(ModelRandomTest, RandomOperationsAgreeWithTheModel) {
  Shared shared;
  shared.config = LoadConfig();
  const Config& config = shared.config;
  std::printf("model_random_test: ops=%" PRIu64 " threads=%d %s\n", config.ops, config.threads,
              ReplayHint(config).c_str());
  std::fflush(stdout);
  RecordProperty("seed", std::to_string(config.seed));
  SCOPED_TRACE(ReplayHint(config));

  TestFolder folder;
  auto instance = std::make_unique<TestInstance>();
  ASSERT_JET(instance->Start(folder));
  shared.instance = instance->instance();
  shared.db_path = folder.File("model.edb");
  JET_SESID s = JET_sesidNil;
  JET_DBID dbid = JET_dbidNil;
  ASSERT_JET(instance->BeginSession(&s));
  ASSERT_JET(JetCreateDatabaseA(s, shared.db_path.c_str(), nullptr, &dbid, 0));
  ASSERT_JET(CreateModelTable(s, dbid, &shared.schema));

  std::vector<std::unique_ptr<Worker>> workers;
  for (int tid = 0; tid < config.threads; ++tid) {
    const uint64_t share = config.ops / static_cast<uint64_t>(config.threads) +
                           (static_cast<uint64_t>(tid) < config.ops % config.threads ? 1 : 0);
    workers.push_back(std::make_unique<Worker>(&shared, tid, share));
  }
  if (config.threads == 1) {
    workers[0]->Run();  // on this thread: nothing but the seed decides
  } else {
    std::vector<std::thread> threads;
    for (auto& w : workers) threads.emplace_back([&w] { w->Run(); });
    for (std::thread& t : threads) t.join();
  }
  bool failed = false;
  for (const auto& w : workers) {
    if (!w->failure().empty()) {
      ADD_FAILURE() << w->failure();
      failed = true;
    }
  }
  if (failed) return;

  std::map<int32_t, Row> all;
  for (const auto& w : workers) all.insert(w->model().rows().begin(), w->model().rows().end());
  std::printf("model_random_test: %zu records at the end\n", all.size());
  CheckWholeTable(s, dbid, shared.schema, all, "after the run");
  if (HasFatalFailure()) return;

  // Persistence: detach and attach again, then a new instance.
  ASSERT_JET(JetCloseDatabase(s, dbid, 0));
  ASSERT_JET(JetDetachDatabaseA(s, shared.db_path.c_str()));
  ASSERT_JET(JetAttachDatabaseA(s, shared.db_path.c_str(), 0));
  ASSERT_JET(JetOpenDatabaseA(s, shared.db_path.c_str(), nullptr, &dbid, 0));
  CheckWholeTable(s, dbid, shared.schema, all, "after detach and re-attach");
  if (HasFatalFailure()) return;
  ASSERT_JET(JetCloseDatabase(s, dbid, 0));
  ASSERT_JET(JetDetachDatabaseA(s, shared.db_path.c_str()));
  ASSERT_JET(JetEndSession(s, 0));
  ASSERT_JET(instance->Stop());

  instance = std::make_unique<TestInstance>();
  ASSERT_JET(instance->Start(folder));
  ASSERT_JET(instance->BeginSession(&s));
  ASSERT_JET(JetAttachDatabaseA(s, shared.db_path.c_str(), 0));
  ASSERT_JET(JetOpenDatabaseA(s, shared.db_path.c_str(), nullptr, &dbid, 0));
  CheckWholeTable(s, dbid, shared.schema, all, "in a new instance");
  if (HasFatalFailure()) return;
  ASSERT_JET(JetCloseDatabase(s, dbid, 0));
  ASSERT_JET(JetDetachDatabaseA(s, shared.db_path.c_str()));
}

// The model itself: nested levels undo exactly what they did.
TEST(ModelRandomTest, ModelUndoesNestedLevels) {
  Model m;
  m.Put(1, Row{1, 10, std::nullopt, {}});
  m.Begin();
  m.Put(2, Row{2, 20, std::nullopt, {}});
  m.Begin();
  m.Put(1, std::nullopt);
  m.Put(3, Row{3, 10, std::nullopt, {}});  // reuses the unique value freed above
  EXPECT_EQ(m.rows().size(), 2u);
  EXPECT_EQ(m.uniq().at(10), 3);
  m.Rollback();
  EXPECT_EQ(m.rows().size(), 2u);
  EXPECT_EQ(m.uniq().at(10), 1);
  EXPECT_EQ(m.rows().count(3), 0u);
  m.Begin();
  m.Put(2, Row{5, 21, std::nullopt, {}});
  m.Commit();  // into level 1
  EXPECT_EQ(m.rows().at(2).sec, 5);
  m.Rollback();  // level 1: undoes its own and the committed level 2 change
  EXPECT_EQ(m.level(), 0);
  EXPECT_EQ(m.rows().size(), 1u);
  EXPECT_EQ(m.rows().count(2), 0u);
  EXPECT_EQ(m.uniq().size(), 1u);
  EXPECT_TRUE(WellFormedValue(MakeValue(7, 5000)));
  Bytes torn = MakeValue(7, 5000);
  torn[4096] ^= 1;
  EXPECT_FALSE(WellFormedValue(torn));
}

}  // namespace
}  // namespace jet::api_test
