// Helpers of the write-path API tests (update_api_test, rollback_test): a
// fresh database in a temp folder with an instance and a session, tables
// made through JetCreateTableColumnIndex, and short forms of the calls.
#ifndef JETSVC_TESTS_ENGINE_API_WRITE_TEST_UTIL_H_
#define JETSVC_TESTS_ENGINE_API_WRITE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "api_test_util.h"
#include "esent.h"

namespace jet::write_test {

using api_test::Retrieve;

inline JET_COLUMNCREATE_A Col(const char* name, JET_COLTYP coltyp, JET_GRBIT grbit = 0,
                              unsigned long cb_max = 0) {
  JET_COLUMNCREATE_A c{};
  c.cbStruct = sizeof(c);
  c.szColumnName = const_cast<char*>(name);
  c.coltyp = coltyp;
  c.grbit = grbit;
  c.cbMax = static_cast<JET_UINT32>(cb_max);
  c.cp = coltyp == JET_coltypText || coltyp == JET_coltypLongText ? 1252 : 0;
  return c;
}

inline JET_INDEXCREATE_A Idx(const char* name, const char* key, size_t cb_key,
                             JET_GRBIT grbit = 0) {
  JET_INDEXCREATE_A i{};
  i.cbStruct = sizeof(i);
  i.szIndexName = const_cast<char*>(name);
  i.szKey = const_cast<char*>(key);
  i.cbKey = static_cast<JET_UINT32>(cb_key);
  i.grbit = grbit;
  i.ulDensity = 100;
  return i;
}

inline std::vector<uint8_t> Bytes(const std::string& s) {
  return std::vector<uint8_t>(s.begin(), s.end());
}
template <typename T>
std::vector<uint8_t> Bytes(T v) {
  std::vector<uint8_t> b(sizeof(T));
  std::memcpy(b.data(), &v, sizeof(T));
  return b;
}
template <typename T>
T As(const std::optional<std::vector<uint8_t>>& v) {
  T out{};
  if (v && v->size() == sizeof(T)) std::memcpy(&out, v->data(), sizeof(T));
  return out;
}

class WriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    api_test::ResetEngine();
    path_ = (dir_.path() / "w.edb").string();
    ASSERT_EQ(JetCreateInstanceA(&instance_, "write"), JET_errSuccess);
    ASSERT_EQ(JetInit(&instance_), JET_errSuccess);
    ASSERT_EQ(JetBeginSessionA(instance_, &sesid_, "", ""), JET_errSuccess);
    ASSERT_EQ(JetCreateDatabaseA(sesid_, path_.c_str(), nullptr, &dbid_, 0), JET_errSuccess);
  }
  void TearDown() override { (void)JetTerm(instance_); }

  // Creates `name` with the columns and indexes and returns it open.
  JET_TABLEID CreateTable(const char* name, std::vector<JET_COLUMNCREATE_A> cols,
                          std::vector<JET_INDEXCREATE_A> idx) {
    JET_TABLECREATE_A t{};
    t.cbStruct = sizeof(t);
    t.szTableName = const_cast<char*>(name);
    t.rgcolumncreate = cols.data();
    t.cColumns = static_cast<JET_UINT32>(cols.size());
    t.rgindexcreate = idx.data();
    t.cIndexes = static_cast<JET_UINT32>(idx.size());
    EXPECT_EQ(JetCreateTableColumnIndexA(sesid_, dbid_, &t), JET_errSuccess);
    for (const JET_COLUMNCREATE_A& c : cols) EXPECT_EQ(c.err, JET_errSuccess) << c.szColumnName;
    for (const JET_INDEXCREATE_A& i : idx) EXPECT_EQ(i.err, JET_errSuccess) << i.szIndexName;
    return t.tableid;
  }
  JET_COLUMNID ColumnId(JET_TABLEID t, const char* name, JET_SESID s = 0) {
    JET_COLUMNDEF def{};
    def.cbStruct = sizeof(def);
    EXPECT_EQ(JetGetTableColumnInfoA(s ? s : sesid_, t, name, &def, sizeof(def), JET_ColInfo),
              JET_errSuccess)
        << name;
    return def.columnid;
  }
  void Detach() {
    ASSERT_EQ(JetCloseDatabase(sesid_, dbid_, 0), JET_errSuccess);
    ASSERT_EQ(JetDetachDatabaseA(sesid_, path_.c_str()), JET_errSuccess);
  }
  void Attach(JET_GRBIT grbit = 0) {
    ASSERT_EQ(JetAttachDatabaseA(sesid_, path_.c_str(), grbit), JET_errSuccess);
    ASSERT_GE(JetOpenDatabaseA(sesid_, path_.c_str(), nullptr, &dbid_, grbit), 0);
  }
  JET_TABLEID Open(const char* name, JET_SESID s = 0, JET_DBID d = 0) {
    JET_TABLEID t = 0;
    EXPECT_EQ(JetOpenTableA(s ? s : sesid_, d ? d : dbid_, name, nullptr, 0, 0, &t),
              JET_errSuccess);
    return t;
  }
  // Inserts one record with the given (column, bytes) values.
  JET_ERR Insert(JET_TABLEID t, const std::vector<std::pair<JET_COLUMNID, std::vector<uint8_t>>>& v,
                 JET_SESID s = 0) {
    const JET_SESID ses = s ? s : sesid_;
    JET_ERR err = JetPrepareUpdate(ses, t, JET_prepInsert);
    if (err < 0) return err;
    for (const auto& [col, bytes] : v) {
      err = JetSetColumn(ses, t, col, bytes.data(), static_cast<unsigned long>(bytes.size()),
                         bytes.empty() ? JET_bitSetZeroLength : 0, nullptr);
      if (err < 0) return err;
    }
    err = JetUpdate(ses, t, nullptr, 0, nullptr);
    if (err < 0) (void)JetPrepareUpdate(ses, t, JET_prepCancel);
    return err;
  }
  JET_ERR SeekEq(JET_TABLEID t, const std::vector<uint8_t>& key, JET_SESID s = 0) {
    const JET_SESID ses = s ? s : sesid_;
    if (JET_ERR err = JetMakeKey(ses, t, key.data(), static_cast<unsigned long>(key.size()),
                                 JET_bitNewKey);
        err < 0) {
      return err;
    }
    return JetSeek(ses, t, JET_bitSeekEQ);
  }
  // The number of records reached by moving through the current index.
  int Count(JET_TABLEID t, JET_SESID s = 0) {
    const JET_SESID ses = s ? s : sesid_;
    int n = 0;
    for (JET_ERR err = JetMove(ses, t, JET_MoveFirst, 0); err >= 0;
         err = JetMove(ses, t, JET_MoveNext, 0)) {
      ++n;
    }
    return n;
  }

  api_test::TempDir dir_;
  std::string path_;
  JET_INSTANCE instance_ = 0;
  JET_SESID sesid_ = JET_sesidNil;
  JET_DBID dbid_ = JET_dbidNil;
};

}  // namespace jet::write_test

#endif  // JETSVC_TESTS_ENGINE_API_WRITE_TEST_UTIL_H_
