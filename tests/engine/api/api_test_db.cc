#include "api_test_db.h"

#include <atomic>
#include <cstring>
#include <random>

#include "jet_error_name.h"

namespace jet::api_test {

std::string JetErrText(JET_ERR err) { return jetbench::DescribeJetError(err); }

TestFolder::TestFolder() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("jet-write-test-" + std::to_string(rd()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(path_);
}

TestFolder::~TestFolder() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

JET_ERR TestInstance::Start(const TestFolder& folder) {
  if (running_) return JET_errAlreadyInitialized;
  static std::atomic<int> counter{0};
  const std::string name = "write-test-" + std::to_string(counter++);
  JET_INSTANCE created = 0;
  JET_ERR err = JetCreateInstanceA(&created, name.c_str());
  if (err < 0) return err;
  instance_ = created;
  running_ = true;  // created: JetTerm releases it even if JetInit fails
  const std::string dir = (folder.path() / "").string();  // with the trailing separator
  const std::string temp = folder.File("tmp.edb");
  if ((err = JetSetSystemParameterA(&instance_, JET_sesidNil, JET_paramSystemPath, 0,
                                    dir.c_str())) < 0 ||
      (err = JetSetSystemParameterA(&instance_, JET_sesidNil, JET_paramLogFilePath, 0,
                                    dir.c_str())) < 0 ||
      (err = JetSetSystemParameterA(&instance_, JET_sesidNil, JET_paramTempPath, 0, temp.c_str())) <
          0 ||
      (err = JetSetSystemParameterA(&instance_, JET_sesidNil, JET_paramNoInformationEvent, 1,
                                    nullptr)) < 0) {
    return err;
  }
  return JetInit(&instance_);
}

JET_ERR TestInstance::Stop() {
  if (!running_) return JET_errSuccess;
  running_ = false;
  return JetTerm(instance_);
}

JET_ERR TestInstance::BeginSession(JET_SESID* sesid) const {
  return JetBeginSessionA(instance_, sesid, "", "");
}

JET_ERR CreateTable(JET_SESID sesid, JET_DBID dbid, const std::string& table,
                    const std::vector<ColumnSpec>& columns, const std::vector<IndexSpec>& indexes,
                    std::vector<JET_COLUMNID>* ids) {
  // The C structures take mutable strings: keep copies alive meanwhile.
  std::vector<std::string> column_names;
  std::vector<std::string> index_names;
  std::vector<std::string> index_keys;
  for (const ColumnSpec& c : columns) column_names.push_back(c.name);
  for (const IndexSpec& x : indexes) {
    index_names.push_back(x.name);
    std::string key;  // "+a\0-b\0\0"
    for (const std::string& segment : x.key) {
      key += segment;
      key.push_back('\0');
    }
    key.push_back('\0');
    index_keys.push_back(key);
  }
  std::vector<JET_COLUMNCREATE_A> cc(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    std::memset(&cc[i], 0, sizeof(cc[i]));
    cc[i].cbStruct = sizeof(JET_COLUMNCREATE_A);
    cc[i].szColumnName = column_names[i].data();
    cc[i].coltyp = columns[i].coltyp;
    cc[i].cbMax = static_cast<JET_UINT32>(columns[i].cb_max);
    cc[i].grbit = columns[i].grbit;
  }
  std::vector<JET_INDEXCREATE_A> ic(indexes.size());
  for (size_t i = 0; i < indexes.size(); ++i) {
    std::memset(&ic[i], 0, sizeof(ic[i]));
    ic[i].cbStruct = sizeof(JET_INDEXCREATE_A);
    ic[i].szIndexName = index_names[i].data();
    ic[i].szKey = index_keys[i].data();
    ic[i].cbKey = static_cast<JET_UINT32>(index_keys[i].size());
    ic[i].grbit = indexes[i].grbit;
    ic[i].ulDensity = 90;
  }
  std::string table_name = table;
  JET_TABLECREATE_A tc;
  std::memset(&tc, 0, sizeof(tc));
  tc.cbStruct = sizeof(JET_TABLECREATE_A);
  tc.szTableName = table_name.data();
  tc.ulPages = 4;
  tc.ulDensity = 90;
  tc.rgcolumncreate = cc.data();
  tc.cColumns = static_cast<JET_UINT32>(cc.size());
  tc.rgindexcreate = ic.data();
  tc.cIndexes = static_cast<JET_UINT32>(ic.size());
  JET_ERR err = JetCreateTableColumnIndexA(sesid, dbid, &tc);
  if (err < 0) return err;
  if (ids != nullptr) {
    ids->clear();
    for (const JET_COLUMNCREATE_A& c : cc) ids->push_back(c.columnid);
  }
  return JetCloseTable(sesid, tc.tableid);
}

JET_ERR SeekInt32(JET_SESID sesid, JET_TABLEID tableid, int32_t value, JET_GRBIT grbit) {
  const JET_ERR err = JetMakeKey(sesid, tableid, &value, sizeof(value), JET_bitNewKey);
  if (err < 0) return err;
  return JetSeek(sesid, tableid, grbit);
}

JET_ERR RangeToInt32(JET_SESID sesid, JET_TABLEID tableid, int32_t value, JET_GRBIT grbit) {
  const JET_ERR err = JetMakeKey(sesid, tableid, &value, sizeof(value), JET_bitNewKey);
  if (err < 0) return err;
  return JetSetIndexRange(sesid, tableid, grbit);
}

JET_ERR RetrieveBytes(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
                      unsigned long itag, std::optional<std::vector<uint8_t>>* out) {
  out->reset();
  std::vector<uint8_t> buf(64);
  for (;;) {
    JET_RETINFO info{sizeof(JET_RETINFO), 0, static_cast<JET_UINT32>(itag), 0};
    unsigned long actual = 0;
    const JET_ERR err =
        JetRetrieveColumn(sesid, tableid, columnid, buf.data(),
                          static_cast<unsigned long>(buf.size()), &actual, 0, &info);
    if (err < 0) return err;
    if (err == JET_wrnColumnNull) return JET_errSuccess;
    if (err == JET_wrnBufferTruncated && actual > buf.size()) {
      buf.resize(actual);
      continue;
    }
    buf.resize(actual);
    *out = std::move(buf);
    return JET_errSuccess;
  }
}

JET_ERR RetrieveInt32(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
                      std::optional<int32_t>* out) {
  out->reset();
  std::optional<std::vector<uint8_t>> bytes;
  const JET_ERR err = RetrieveBytes(sesid, tableid, columnid, 1, &bytes);
  if (err < 0) return err;
  if (!bytes) return JET_errSuccess;
  if (bytes->size() != sizeof(int32_t)) return JET_errInvalidColumnType;
  int32_t v = 0;
  std::memcpy(&v, bytes->data(), sizeof(v));
  *out = v;
  return JET_errSuccess;
}

JET_ERR RetrieveAll(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
                    std::vector<std::vector<uint8_t>>* out) {
  out->clear();
  for (unsigned long itag = 1;; ++itag) {
    std::optional<std::vector<uint8_t>> value;
    const JET_ERR err = RetrieveBytes(sesid, tableid, columnid, itag, &value);
    if (err < 0) return err;
    if (!value) return JET_errSuccess;
    out->push_back(std::move(*value));
  }
}

JET_ERR SetInt32(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid, int32_t value) {
  return JetSetColumn(sesid, tableid, columnid, &value, sizeof(value), 0, nullptr);
}

}  // namespace jet::api_test
