// Helpers of the write-path API tests (model_random_test, transaction_api_test):
// a fresh folder per test, an instance whose system, log and temp paths are
// inside it, tables created with JetCreateTableColumnIndex, and small typed
// wrappers of JetMakeKey/JetSeek/JetRetrieveColumn. Public C API (esent.h)
// only: these tests judge the engine from the outside, as an ESE application.
#ifndef JETSVC_TESTS_ENGINE_API_API_TEST_DB_H_
#define JETSVC_TESTS_ENGINE_API_API_TEST_DB_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "esent.h"

namespace jet::api_test {

// "JET_errWriteConflict (-1102)".
std::string JetErrText(JET_ERR err);

// A new, empty folder under the system's temp folder; removed (with what is
// left in it) on destruction.
class TestFolder {
 public:
  TestFolder();
  ~TestFolder();
  TestFolder(const TestFolder&) = delete;
  TestFolder& operator=(const TestFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // `name` inside the folder, as a string for the C API.
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// One instance (multi-instance mode) whose system path, log path and temp
// database live in `folder`. Terminated on destruction if still running.
class TestInstance {
 public:
  TestInstance() = default;
  ~TestInstance() { (void)Stop(); }
  TestInstance(const TestInstance&) = delete;
  TestInstance& operator=(const TestInstance&) = delete;

  // JetCreateInstance with a unique name, the paths, JetInit.
  [[nodiscard]] JET_ERR Start(const TestFolder& folder);
  // JetTerm (ends its sessions; a no-op when not running).
  [[nodiscard]] JET_ERR Stop();
  [[nodiscard]] JET_ERR BeginSession(JET_SESID* sesid) const;
  JET_INSTANCE instance() const { return instance_; }

 private:
  JET_INSTANCE instance_ = 0;
  bool running_ = false;
};

// A column or index of CreateTable. An index key is its columns with their
// directions, e.g. {"+key"} or {"+a", "-b"}.
struct ColumnSpec {
  std::string name;
  JET_COLTYP coltyp = JET_coltypLong;
  unsigned long cb_max = 0;
  JET_GRBIT grbit = 0;
};
struct IndexSpec {
  std::string name;
  std::vector<std::string> key;
  JET_GRBIT grbit = 0;
};

// JetCreateTableColumnIndex, then JetCloseTable of the table it opened
// (exclusively, as ESE does). *ids receives the column ids in spec order.
[[nodiscard]] JET_ERR CreateTable(JET_SESID sesid, JET_DBID dbid, const std::string& table,
                                  const std::vector<ColumnSpec>& columns,
                                  const std::vector<IndexSpec>& indexes,
                                  std::vector<JET_COLUMNID>* ids);

// JetMakeKey(value, JET_bitNewKey) + JetSeek(grbit): the seek's result.
[[nodiscard]] JET_ERR SeekInt32(JET_SESID sesid, JET_TABLEID tableid, int32_t value,
                                JET_GRBIT grbit);
// JetMakeKey(value, JET_bitNewKey) + JetSetIndexRange(grbit).
[[nodiscard]] JET_ERR RangeToInt32(JET_SESID sesid, JET_TABLEID tableid, int32_t value,
                                   JET_GRBIT grbit);

// Value `itag` of a column of the current record: nullopt for NULL
// (JET_wrnColumnNull). Grows the buffer on JET_wrnBufferTruncated. Returns
// JetRetrieveColumn's error (negative) or JET_errSuccess.
[[nodiscard]] JET_ERR RetrieveBytes(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
                                    unsigned long itag, std::optional<std::vector<uint8_t>>* out);
// A 4-byte column; a value of another size is JET_errInvalidColumnType here.
[[nodiscard]] JET_ERR RetrieveInt32(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
                                    std::optional<int32_t>* out);
// Every value of a (multi-valued) column, itagSequence 1, 2, ... up to the
// first NULL.
[[nodiscard]] JET_ERR RetrieveAll(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
                                  std::vector<std::vector<uint8_t>>* out);

// JetSetColumn of a 4-byte value.
[[nodiscard]] JET_ERR SetInt32(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
                               int32_t value);

}  // namespace jet::api_test

#endif  // JETSVC_TESTS_ENGINE_API_API_TEST_DB_H_
