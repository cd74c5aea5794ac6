// Helpers of the read-path tests: the genuine Windows-made databases opened
// through the C API (an instance, a session, the file attached read-only and
// opened), copies of them to damage, and a small JSON reader for
// tests/data/windows-edb/expected/*.json.
#ifndef JETSVC_TESTS_ENGINE_TABLE_API_TEST_UTIL_H_
#define JETSVC_TESTS_ENGINE_TABLE_API_TEST_UTIL_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "esent.h"

namespace jet::api_test {

// The decompressed sample (tests/engine/format/test_data.h), as a path.
std::string WindowsEdbPath(const std::string& name);
std::filesystem::path ExpectedJsonPath(const std::string& name);

// A fresh folder under the system's temp folder, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  // Copies `from` into the folder as `name`; returns the new path.
  std::string Copy(const std::string& from, const std::string& name) const;

 private:
  std::filesystem::path path_;
};

// Forgets every instance, as a fresh process (each test starts clean).
void ResetEngine();

// An instance (multi-instance mode) with one session, and optionally a
// database attached read-only and opened. Terminated on destruction.
class ApiDb {
 public:
  explicit ApiDb(const std::string& instance_name = "test");
  ~ApiDb();
  JET_ERR Attach(const std::string& path);  // attach + open; returns the attach result
  JET_ERR OpenTable(const std::string& table, JET_TABLEID* tableid) const;

  JET_INSTANCE instance() const { return instance_; }
  JET_SESID sesid() const { return sesid_; }
  JET_DBID dbid() const { return dbid_; }
  JET_ERR init_err() const { return init_err_; }

 private:
  JET_INSTANCE instance_ = 0;
  JET_SESID sesid_ = JET_sesidNil;
  JET_DBID dbid_ = JET_dbidNil;
  JET_ERR init_err_ = JET_errSuccess;
};

// Value `itag` of a column of the current record (nullopt for NULL);
// *err (optional) receives JetRetrieveColumn's result.
std::optional<std::vector<uint8_t>> Retrieve(JET_SESID sesid, JET_TABLEID tableid,
                                             JET_COLUMNID columnid, unsigned long itag = 1,
                                             JET_GRBIT grbit = 0, JET_ERR* err = nullptr);

// --- A minimal JSON value and reader ---------------------------------------
struct Json {
  enum Type { kNull, kBool, kNumber, kString, kArray, kObject } type = kNull;
  bool boolean = false;
  std::string text;  // numbers keep their text (int64 precision); strings UTF-8
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;  // in document order

  const Json* Find(const std::string& key) const;
  int64_t Int() const { return std::stoll(text); }
};
// Parses a whole document; false on a syntax error.
bool ParseJson(const std::string& text, Json* out);
Json LoadExpected(const std::string& name);

}  // namespace jet::api_test

#endif  // JETSVC_TESTS_ENGINE_TABLE_API_TEST_UTIL_H_
