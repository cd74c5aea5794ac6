// The read path through the C API on the six genuine Windows-made databases
// (tests/data/windows-edb): every row and column read with JetMove and
// JetRetrieveColumn equals the independent reader's export
// (expected/*.json), seeks through JetMakeKey / JetSeek find the rows on
// every index the key layer can build keys for (Windows' Unicode sort keys
// cannot be: a clear error, while scans work), index ranges, bookmarks,
// retrieval options (truncation, offsets into long values, itagSequence,
// defaults), and a damaged page reported as JET_errReadVerifyFailure.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "api_test_util.h"
#include "esent.h"

namespace jet::api_test {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes Utf8ToUtf16(const std::string& s) {
  Bytes out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t n;
    if (c < 0x80) {
      cp = c;
      n = 1;
    } else if (c < 0xe0) {
      cp = c & 0x1f;
      n = 2;
    } else if (c < 0xf0) {
      cp = c & 0x0f;
      n = 3;
    } else {
      cp = c & 0x07;
      n = 4;
    }
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    i += n;
    auto put = [&](uint32_t u) {
      out.push_back(static_cast<uint8_t>(u));
      out.push_back(static_cast<uint8_t>(u >> 8));
    };
    if (cp >= 0x10000) {
      put(0xd800 + ((cp - 0x10000) >> 10));
      put(0xdc00 + ((cp - 0x10000) & 0x3ff));
    } else {
      put(cp);
    }
  }
  return out;
}

Bytes FromHex(const std::string& hex) {
  Bytes out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

template <typename T>
Bytes LE(T v) {
  Bytes b(sizeof(T));
  std::memcpy(b.data(), &v, sizeof(T));
  return b;
}

// The bytes JetRetrieveColumn must return for an expected JSON value
// (tests/data/windows-edb/README.md gives the encoding).
Bytes ExpectedBytes(const Json& v, const JET_COLUMNDEF& def) {
  switch (def.coltyp) {
    case JET_coltypUnsignedByte:
      return LE(static_cast<uint8_t>(v.Int()));
    case JET_coltypShort:
      return LE(static_cast<int16_t>(v.Int()));
    case JET_coltypUnsignedShort:
      return LE(static_cast<uint16_t>(v.Int()));
    case JET_coltypLong:
      return LE(static_cast<int32_t>(v.Int()));
    case JET_coltypUnsignedLong:
      return LE(static_cast<uint32_t>(v.Int()));
    case JET_coltypCurrency:
    case JET_coltypLongLong:
    case JET_coltypDateTime:
      return LE(static_cast<int64_t>(v.Int()));
    case JET_coltypIEEESingle:
      return LE(static_cast<float>(std::strtod(v.Find("float")->text.c_str(), nullptr)));
    case JET_coltypIEEEDouble:
      return LE(std::strtod(v.Find("float")->text.c_str(), nullptr));
    case JET_coltypGUID: {
      std::string hex;
      for (char c : v.text) {
        if (c != '-') hex += c;
      }
      Bytes b = FromHex(hex);  // as written: the first three groups are little-endian
      std::swap(b[0], b[3]);
      std::swap(b[1], b[2]);
      std::swap(b[4], b[5]);
      std::swap(b[6], b[7]);
      return b;
    }
    case JET_coltypText:
    case JET_coltypLongText:
      return def.cp == 1200 ? Utf8ToUtf16(v.text) : Bytes(v.text.begin(), v.text.end());
    default:
      return FromHex(v.Find("hex")->text);
  }
}

void ExpectValue(const Json& expected, const JET_COLUMNDEF& def, const Bytes& got,
                 const std::string& where) {
  if (def.coltyp == JET_coltypBit) {
    ASSERT_EQ(got.size(), 1u) << where;
    EXPECT_EQ(got[0] != 0, expected.boolean) << where;
    return;
  }
  Bytes want = ExpectedBytes(expected, def);
  // A fixed Unicode column of odd width (Windows allows 255): the last byte
  // is half a character, which the independent reader padded.
  if (def.cp == 1200 && got.size() % 2 == 1 && want.size() == got.size() + 1) want.pop_back();
  EXPECT_EQ(got, want) << where;
}

struct Column {
  std::string name;
  JET_COLUMNDEF def;
};

class WindowsEdbRead : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    ResetEngine();
    expected_ = LoadExpected(GetParam());
    ASSERT_EQ(expected_.type, Json::kObject) << "cannot read expected/" << GetParam() << ".json";
    table_ = &expected_.Find("tables")->items.at(0);
    db_ = std::make_unique<ApiDb>();
    ASSERT_EQ(db_->init_err(), JET_errSuccess);
    ASSERT_EQ(db_->Attach(WindowsEdbPath(GetParam())), JET_errSuccess);
    ASSERT_EQ(db_->OpenTable(table_->Find("name")->text, &tableid_), JET_errSuccess);
    for (const Json& c : table_->Find("columns")->items) {
      Column col{c.Find("name")->text, {}};
      ASSERT_EQ(JetGetTableColumnInfoA(sesid(), tableid_, col.name.c_str(), &col.def,
                                       sizeof(col.def), JET_ColInfo),
                JET_errSuccess)
          << col.name;
      EXPECT_EQ(col.def.columnid, static_cast<JET_COLUMNID>(c.Find("id")->Int())) << col.name;
      columns_.push_back(col);
    }
  }
  void TearDown() override {
    db_.reset();
    ResetEngine();
  }
  JET_SESID sesid() const { return db_->sesid(); }
  const Column* Col(const std::string& name) const {
    for (const Column& c : columns_) {
      if (c.name == name) return &c;
    }
    return nullptr;
  }
  int32_t CurrentId() const {
    auto v = Retrieve(sesid(), tableid_, Col("Id")->def.columnid);
    int32_t id = -1;
    if (v && v->size() == 4) std::memcpy(&id, v->data(), 4);
    return id;
  }

  Json expected_;
  const Json* table_ = nullptr;
  std::unique_ptr<ApiDb> db_;
  JET_TABLEID tableid_ = JET_tableidNil;
  std::vector<Column> columns_;
};

// Tagged columns with a default that the rows do not hold: ESE returns the
// default, the independent reader leaves them out.
bool IsTaggedDefault(const std::string& file, const std::string& column) {
  return file == std::string("default") &&
         (column == "LongBinary" || column == "LongASCII" || column == "LongUnicode");
}

TEST_P(WindowsEdbRead, EveryRowAndColumnEqualsTheIndependentReader) {
  const auto& rows = table_->Find("rows")->items;
  JET_ERR err = JetMove(sesid(), tableid_, JET_MoveFirst, 0);
  size_t n = 0;
  for (; err >= 0; err = JetMove(sesid(), tableid_, JET_MoveNext, 0), ++n) {
    ASSERT_LT(n, rows.size());
    for (const Column& c : columns_) {
      const std::string where =
          std::string(GetParam()) + " row " + std::to_string(n) + " " + c.name;
      const Json* want = rows[n].Find(c.name);
      const bool multi = (c.def.grbit & JET_bitColumnMultiValued) != 0;
      if (want == nullptr || want->type == Json::kNull) {
        JET_ERR rerr = JET_errSuccess;
        const auto got = Retrieve(sesid(), tableid_, c.def.columnid, 1, 0, &rerr);
        if (want == nullptr && IsTaggedDefault(GetParam(), c.name)) {
          EXPECT_TRUE(got.has_value()) << where;
          continue;
        }
        EXPECT_EQ(rerr, JET_wrnColumnNull) << where;
        continue;
      }
      if (multi && want->type == Json::kArray) {
        for (size_t i = 0; i < want->items.size(); ++i) {
          const auto got = Retrieve(sesid(), tableid_, c.def.columnid, i + 1);
          ASSERT_TRUE(got.has_value()) << where << " itag " << i + 1;
          ExpectValue(want->items[i], c.def, *got, where + " itag " + std::to_string(i + 1));
        }
        JET_ERR rerr = JET_errSuccess;
        EXPECT_FALSE(Retrieve(sesid(), tableid_, c.def.columnid, want->items.size() + 1, 0, &rerr));
        EXPECT_EQ(rerr, JET_wrnColumnNull) << where << ": no more values";
        continue;
      }
      const auto got = Retrieve(sesid(), tableid_, c.def.columnid);
      ASSERT_TRUE(got.has_value()) << where;
      ExpectValue(*want, c.def, *got, where);
    }
  }
  EXPECT_EQ(err, JET_errNoCurrentRecord);
  EXPECT_EQ(n, rows.size());
  // Back from the end, the last row again.
  ASSERT_EQ(JetMove(sesid(), tableid_, JET_MovePrevious, 0), JET_errSuccess);
  EXPECT_EQ(CurrentId(), static_cast<int32_t>(rows.back().Find("Id")->Int()));
}

TEST_P(WindowsEdbRead, PrimaryKeySeeksBookmarksAndRanges) {
  const auto& rows = table_->Find("rows")->items;
  const JET_COLUMNID id = Col("Id")->def.columnid;
  for (const Json& row : rows) {
    const int32_t want = static_cast<int32_t>(row.Find("Id")->Int());
    ASSERT_EQ(JetMakeKey(sesid(), tableid_, &want, sizeof(want), JET_bitNewKey), JET_errSuccess);
    ASSERT_EQ(JetSeek(sesid(), tableid_, JET_bitSeekEQ), JET_errSuccess) << want;
    EXPECT_EQ(CurrentId(), want);
    // The key JetRetrieveKey gives back seeks to the same row.
    uint8_t key[JET_cbKeyMost];
    unsigned long cb = 0;
    ASSERT_EQ(JetRetrieveKey(sesid(), tableid_, key, sizeof(key), &cb, 0), JET_errSuccess);
    ASSERT_EQ(JetMakeKey(sesid(), tableid_, key, cb, JET_bitNewKey | JET_bitNormalizedKey),
              JET_errSuccess);
    ASSERT_EQ(JetSeek(sesid(), tableid_, JET_bitSeekEQ), JET_errSuccess);
    EXPECT_EQ(CurrentId(), want);
    // Bookmarks.
    uint8_t bm[JET_cbBookmarkMost];
    unsigned long cbm = 0;
    ASSERT_EQ(JetGetBookmark(sesid(), tableid_, bm, sizeof(bm), &cbm), JET_errSuccess);
    ASSERT_EQ(JetMove(sesid(), tableid_, JET_MoveLast, 0), JET_errSuccess);
    ASSERT_EQ(JetGotoBookmark(sesid(), tableid_, bm, cbm), JET_errSuccess);
    EXPECT_EQ(CurrentId(), want);
  }
  // SeekGE / SeekLE between and beyond the keys.
  const int32_t first = static_cast<int32_t>(rows.front().Find("Id")->Int());
  const int32_t last = static_cast<int32_t>(rows.back().Find("Id")->Int());
  const int32_t below = first - 1;
  const int32_t above = last + 1;
  ASSERT_EQ(JetMakeKey(sesid(), tableid_, &below, 4, JET_bitNewKey), JET_errSuccess);
  EXPECT_EQ(JetSeek(sesid(), tableid_, JET_bitSeekGE), JET_wrnSeekNotEqual);
  EXPECT_EQ(CurrentId(), first);
  ASSERT_EQ(JetMakeKey(sesid(), tableid_, &below, 4, JET_bitNewKey), JET_errSuccess);
  EXPECT_EQ(JetSeek(sesid(), tableid_, JET_bitSeekLE), JET_errRecordNotFound);
  ASSERT_EQ(JetMakeKey(sesid(), tableid_, &below, 4, JET_bitNewKey), JET_errSuccess);
  EXPECT_EQ(JetSeek(sesid(), tableid_, JET_bitSeekEQ), JET_errRecordNotFound);
  EXPECT_EQ(JetRetrieveColumn(sesid(), tableid_, id, nullptr, 0, nullptr, 0, nullptr),
            JET_errNoCurrentRecord);
  ASSERT_EQ(JetMakeKey(sesid(), tableid_, &above, 4, JET_bitNewKey), JET_errSuccess);
  EXPECT_EQ(JetSeek(sesid(), tableid_, JET_bitSeekLE), JET_wrnSeekNotEqual);
  EXPECT_EQ(CurrentId(), last);
  ASSERT_EQ(JetMakeKey(sesid(), tableid_, &above, 4, JET_bitNewKey), JET_errSuccess);
  EXPECT_EQ(JetSeek(sesid(), tableid_, JET_bitSeekGE), JET_errRecordNotFound);
  ASSERT_EQ(JetMakeKey(sesid(), tableid_, &first, 4, JET_bitNewKey), JET_errSuccess);
  EXPECT_EQ(JetSeek(sesid(), tableid_, JET_bitSeekGT),
            rows.size() > 1 ? JET_errSuccess : JET_errRecordNotFound);
  EXPECT_EQ(JetSeek(sesid(), tableid_, JET_bitSeekGE), JET_errKeyNotMade) << "the seek used it";

  // An index range over every row: [first, last] counts them all, and the
  // walk stops at the limit.
  ASSERT_EQ(JetMakeKey(sesid(), tableid_, &first, 4, JET_bitNewKey), JET_errSuccess);
  ASSERT_EQ(JetSeek(sesid(), tableid_, JET_bitSeekGE), JET_errSuccess);
  ASSERT_EQ(JetMakeKey(sesid(), tableid_, &last, 4, JET_bitNewKey), JET_errSuccess);
  ASSERT_EQ(JetSetIndexRange(sesid(), tableid_, JET_bitRangeUpperLimit | JET_bitRangeInclusive),
            JET_errSuccess);
  unsigned long count = 0;
  ASSERT_EQ(JetIndexRecordCount(sesid(), tableid_, &count, 0), JET_errSuccess);
  EXPECT_EQ(count, rows.size());
  for (size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(JetMove(sesid(), tableid_, JET_MoveNext, 0), JET_errSuccess);
  }
  EXPECT_EQ(JetMove(sesid(), tableid_, JET_MoveNext, 0), JET_errNoCurrentRecord);
  // An exclusive upper limit at the first key leaves nothing in range.
  ASSERT_EQ(JetMove(sesid(), tableid_, JET_MoveFirst, 0), JET_errSuccess);
  ASSERT_EQ(JetMakeKey(sesid(), tableid_, &first, 4, JET_bitNewKey), JET_errSuccess);
  EXPECT_EQ(JetSetIndexRange(sesid(), tableid_, JET_bitRangeUpperLimit), JET_errNoCurrentRecord);
  // SeekEQ with JET_bitSetIndexRange: exactly one row.
  ASSERT_EQ(JetMakeKey(sesid(), tableid_, &last, 4, JET_bitNewKey), JET_errSuccess);
  ASSERT_EQ(JetSeek(sesid(), tableid_, JET_bitSeekEQ | JET_bitSetIndexRange), JET_errSuccess);
  ASSERT_EQ(JetIndexRecordCount(sesid(), tableid_, &count, 0), JET_errSuccess);
  EXPECT_EQ(count, 1u);
  EXPECT_EQ(JetMove(sesid(), tableid_, JET_MoveNext, 0), JET_errNoCurrentRecord);
  EXPECT_EQ(JetSetIndexRange(sesid(), tableid_, JET_bitRangeRemove), JET_errInvalidOperation)
      << "walking off the range removed it";

  // Record position.
  ASSERT_EQ(JetMove(sesid(), tableid_, JET_MoveLast, 0), JET_errSuccess);
  JET_RECPOS pos{};
  ASSERT_EQ(JetGetRecordPosition(sesid(), tableid_, &pos, sizeof(pos)), JET_errSuccess);
  EXPECT_EQ(pos.centriesTotal, rows.size());
  EXPECT_EQ(pos.centriesLT, rows.size() - 1);
}

TEST_P(WindowsEdbRead, CursorStatesAndBadArguments) {
  const JET_COLUMNID id = Col("Id")->def.columnid;
  unsigned long actual = 0;
  int32_t v = 0;
  // A new cursor is before the first record.
  EXPECT_EQ(JetRetrieveColumn(sesid(), tableid_, id, &v, 4, &actual, 0, nullptr),
            JET_errNoCurrentRecord);
  EXPECT_EQ(JetMove(sesid(), tableid_, JET_MovePrevious, 0), JET_errNoCurrentRecord);
  EXPECT_EQ(JetMove(sesid(), tableid_, 0, 0), JET_errNoCurrentRecord);
  ASSERT_EQ(JetMove(sesid(), tableid_, JET_MoveNext, 0), JET_errSuccess);
  EXPECT_EQ(JetMove(sesid(), tableid_, 0, 0), JET_errSuccess);
  EXPECT_EQ(JetRetrieveColumn(sesid(), tableid_, 0, &v, 4, &actual, 0, nullptr),
            JET_errBadColumnId);
  EXPECT_EQ(JetRetrieveColumn(sesid(), tableid_, 999, &v, 4, &actual, 0, nullptr),
            JET_errColumnNotFound);
  EXPECT_EQ(JetRetrieveColumn(sesid(), tableid_ + 1000, id, &v, 4, &actual, 0, nullptr),
            JET_errInvalidTableId);
  EXPECT_EQ(JetRetrieveColumn(sesid() + 1000, tableid_, id, &v, 4, &actual, 0, nullptr),
            JET_errInvalidSesid);
  JET_TABLEID other;
  EXPECT_EQ(db_->OpenTable("NoSuchTable", &other), JET_errObjectNotFound);
  EXPECT_EQ(JetSetCurrentIndexA(sesid(), tableid_, "NoSuchIndex"), JET_errIndexNotFound);
  char name[JET_cbNameMost + 1];
  ASSERT_EQ(JetGetCurrentIndexA(sesid(), tableid_, name, sizeof(name)), JET_errSuccess);
  EXPECT_STREQ(name, "IxId");
  // The catalog opens as a table too.
  ASSERT_EQ(db_->OpenTable("MSysObjects", &other), JET_errSuccess);
  EXPECT_EQ(JetMove(sesid(), other, JET_MoveFirst, 0), JET_errSuccess);
  EXPECT_EQ(JetCloseTable(sesid(), other), JET_errSuccess);
  EXPECT_EQ(JetCloseTable(sesid(), other), JET_errInvalidTableId);
}

INSTANTIATE_TEST_SUITE_P(Samples, WindowsEdbRead,
                         ::testing::Values("basic", "binary", "default", "index", "multi", "text"));

// --- Retrieval options --------------------------------------------------------

class ReadOptions : public ::testing::Test {
 protected:
  void Open(const char* file, const char* table) {
    ResetEngine();
    db_ = std::make_unique<ApiDb>();
    ASSERT_EQ(db_->Attach(WindowsEdbPath(file)), JET_errSuccess);
    ASSERT_EQ(db_->OpenTable(table, &tableid_), JET_errSuccess);
    ASSERT_EQ(JetMove(db_->sesid(), tableid_, JET_MoveFirst, 0), JET_errSuccess);
  }
  void TearDown() override {
    db_.reset();
    ResetEngine();
  }
  JET_COLUMNID ColumnId(const char* name) {
    JET_COLUMNDEF def{};
    EXPECT_EQ(JetGetTableColumnInfoA(db_->sesid(), tableid_, name, &def, sizeof(def), JET_ColInfo),
              JET_errSuccess);
    return def.columnid;
  }
  std::unique_ptr<ApiDb> db_;
  JET_TABLEID tableid_ = JET_tableidNil;
};

TEST_F(ReadOptions, TruncationAndLongValueOffsets) {
  Open("binary", "binary");
  for (const char* column :
       {"LongBinary", "LongCompressedBinary", "MaxLongCompressedBinary", "Binary", "FixedBinary"}) {
    const JET_COLUMNID col = ColumnId(column);
    const auto full = Retrieve(db_->sesid(), tableid_, col);
    ASSERT_TRUE(full.has_value()) << column;
    ASSERT_GT(full->size(), 12u);
    uint8_t small[10];
    unsigned long actual = 0;
    EXPECT_EQ(
        JetRetrieveColumn(db_->sesid(), tableid_, col, small, sizeof(small), &actual, 0, nullptr),
        JET_wrnBufferTruncated)
        << column;
    EXPECT_EQ(actual, full->size()) << column;
    EXPECT_EQ(Bytes(small, small + 10), Bytes(full->begin(), full->begin() + 10)) << column;
    // No buffer at all: the size alone.
    EXPECT_EQ(JetRetrieveColumn(db_->sesid(), tableid_, col, nullptr, 0, &actual, 0, nullptr),
              JET_wrnBufferTruncated);
    EXPECT_EQ(actual, full->size());
    if (std::string(column).rfind("Long", 0) == 0 || std::string(column).rfind("MaxLong", 0) == 0) {
      // ibLongValue: the value from an offset on; actual counts from there.
      JET_RETINFO info{sizeof(JET_RETINFO), 7, 1, 0};
      std::vector<uint8_t> rest(full->size());
      ASSERT_EQ(JetRetrieveColumn(db_->sesid(), tableid_, col, rest.data(),
                                  static_cast<unsigned long>(rest.size()), &actual, 0, &info),
                JET_errSuccess);
      EXPECT_EQ(actual, full->size() - 7);
      rest.resize(actual);
      EXPECT_EQ(rest, Bytes(full->begin() + 7, full->end())) << column;
      info.ibLongValue = static_cast<JET_UINT32>(full->size() + 5);
      EXPECT_EQ(JetRetrieveColumn(db_->sesid(), tableid_, col, rest.data(), 1, &actual, 0, &info),
                JET_errSuccess);
      EXPECT_EQ(actual, 0u);
    }
  }
  JET_RETINFO bad{sizeof(JET_RETINFO) - 1, 0, 1, 0};
  unsigned long actual = 0;
  EXPECT_EQ(
      JetRetrieveColumn(db_->sesid(), tableid_, ColumnId("Binary"), nullptr, 0, &actual, 0, &bad),
      JET_errInvalidParameter);
}

TEST_F(ReadOptions, MultiValuesByItagSequence) {
  Open("multi", "multi");
  const JET_COLUMNID shorts = ColumnId("Short");
  JET_RETRIEVECOLUMN rc[2] = {};
  rc[0].columnid = shorts;
  rc[0].itagSequence = 0;  // how many values
  int16_t v = 0;
  rc[1].columnid = shorts;
  rc[1].pvData = &v;
  rc[1].cbData = sizeof(v);
  rc[1].itagSequence = 3;
  ASSERT_EQ(JetRetrieveColumns(db_->sesid(), tableid_, rc, 2), JET_errSuccess);
  EXPECT_EQ(rc[0].itagSequence, 3u);
  EXPECT_EQ(rc[1].err, JET_errSuccess);
  EXPECT_EQ(v, 32767);  // expected/multi.json: [0, -32767, 32767]
  JET_RETINFO info{sizeof(JET_RETINFO), 0, 0, 0};
  unsigned long actual = 0;
  EXPECT_EQ(JetRetrieveColumn(db_->sesid(), tableid_, shorts, &v, 2, &actual, 0, &info),
            JET_errBadItagSequence);
  // The second row holds no values of the multi-valued columns.
  ASSERT_EQ(JetMove(db_->sesid(), tableid_, JET_MoveNext, 0), JET_errSuccess);
  rc[0].itagSequence = 0;
  ASSERT_EQ(JetRetrieveColumns(db_->sesid(), tableid_, rc, 1), JET_errSuccess);
  EXPECT_EQ(rc[0].itagSequence, 0u);
}

TEST_F(ReadOptions, DefaultsOfColumnsTheRecordDoesNotHold) {
  Open("default", "default");
  const JET_COLUMNID col = ColumnId("LongASCII");
  const auto value = Retrieve(db_->sesid(), tableid_, col);
  ASSERT_TRUE(value.has_value());
  const std::string text(value->begin(), value->end());
  EXPECT_EQ(text.rfind("Long default ASCII a", 0), 0u) << text;
  JET_ERR err = JET_errSuccess;
  EXPECT_FALSE(Retrieve(db_->sesid(), tableid_, col, 1, JET_bitRetrieveIgnoreDefault, &err));
  EXPECT_EQ(err, JET_wrnColumnNull);
  const auto binary = Retrieve(db_->sesid(), tableid_, ColumnId("LongBinary"));
  ASSERT_TRUE(binary.has_value());
  EXPECT_EQ(std::string(binary->begin(), binary->begin() + 19), "Long default binary");
}

// index.edb: one secondary index per column type. Every index whose keys the
// key layer can build finds the row by its value; Windows' Unicode indexes
// refuse the key with JET_errUnicodeNormalizationNotSupported but scan.
TEST_F(ReadOptions, SecondaryIndexSeeks) {
  Open("index", "index");
  const Json expected = LoadExpected("index");
  const Json& table = expected.Find("tables")->items.at(0);
  const JET_COLUMNID id = ColumnId("Id");
  int seeks = 0;
  int unicode = 0;
  for (const Json& ix : table.Find("indexes")->items) {
    const std::string index = ix.text;
    std::string column = index.substr(2);
    if (column == "Currenc") column = "Currency";  // the sample's index name is cut short
    SCOPED_TRACE(index);
    ASSERT_EQ(JetSetCurrentIndexA(db_->sesid(), tableid_, index.c_str()), JET_errSuccess);
    // JetSetCurrentIndex moved to the first entry: the row, read through
    // the index from the primary record.
    int32_t got_id = 0;
    unsigned long actual = 0;
    ASSERT_EQ(JetRetrieveColumn(db_->sesid(), tableid_, id, &got_id, 4, &actual, 0, nullptr),
              JET_errSuccess);
    EXPECT_EQ(got_id, 1);
    JET_COLUMNDEF def{};
    ASSERT_EQ(JetGetTableColumnInfoA(db_->sesid(), tableid_, column.c_str(), &def, sizeof(def),
                                     JET_ColInfo),
              JET_errSuccess);
    const auto value = Retrieve(db_->sesid(), tableid_, def.columnid);
    ASSERT_TRUE(value.has_value());
    const JET_ERR made = JetMakeKey(db_->sesid(), tableid_, value->data(),
                                    static_cast<unsigned long>(value->size()), JET_bitNewKey);
    const bool is_unicode =
        (def.coltyp == JET_coltypText || def.coltyp == JET_coltypLongText) && def.cp == 1200;
    if (is_unicode) {
      EXPECT_EQ(made, JET_errUnicodeNormalizationNotSupported);
      ++unicode;
      EXPECT_EQ(JetMove(db_->sesid(), tableid_, JET_MoveFirst, 0), JET_errSuccess);
      EXPECT_EQ(JetMove(db_->sesid(), tableid_, JET_MoveNext, 0), JET_errNoCurrentRecord);
      continue;
    }
    ASSERT_EQ(made, JET_errSuccess);
    ASSERT_EQ(JetMove(db_->sesid(), tableid_, JET_MoveLast, 0), JET_errSuccess);
    ASSERT_EQ(JetMakeKey(db_->sesid(), tableid_, value->data(),
                         static_cast<unsigned long>(value->size()), JET_bitNewKey),
              JET_errSuccess);
    ASSERT_EQ(JetSeek(db_->sesid(), tableid_, JET_bitSeekEQ | JET_bitSetIndexRange),
              JET_errSuccess);
    ++seeks;
    got_id = 0;
    ASSERT_EQ(JetRetrieveColumn(db_->sesid(), tableid_, id, &got_id, 4, &actual, 0, nullptr),
              JET_errSuccess);
    EXPECT_EQ(got_id, 1);
    unsigned long count = 0;
    ASSERT_EQ(JetIndexRecordCount(db_->sesid(), tableid_, &count, 0), JET_errSuccess);
    EXPECT_EQ(count, 1u);
    // A bookmark taken on the secondary index leads back to the entry.
    uint8_t bm[JET_cbBookmarkMost];
    unsigned long cbm = 0;
    ASSERT_EQ(JetGetBookmark(db_->sesid(), tableid_, bm, sizeof(bm), &cbm), JET_errSuccess);
    ASSERT_EQ(JetGotoBookmark(db_->sesid(), tableid_, bm, cbm), JET_errSuccess);
    // Integer keys: GE from below and LE from above land on the row.
    if (def.coltyp == JET_coltypLong) {
      int32_t v;
      std::memcpy(&v, value->data(), 4);
      const int32_t below = v - 1;
      const int32_t above = v + 1;
      ASSERT_EQ(JetMakeKey(db_->sesid(), tableid_, &below, 4, JET_bitNewKey), JET_errSuccess);
      EXPECT_EQ(JetSeek(db_->sesid(), tableid_, JET_bitSeekGE), JET_wrnSeekNotEqual);
      ASSERT_EQ(JetMakeKey(db_->sesid(), tableid_, &above, 4, JET_bitNewKey), JET_errSuccess);
      EXPECT_EQ(JetSeek(db_->sesid(), tableid_, JET_bitSeekLE), JET_wrnSeekNotEqual);
      ASSERT_EQ(JetMakeKey(db_->sesid(), tableid_, &above, 4, JET_bitNewKey), JET_errSuccess);
      EXPECT_EQ(JetSeek(db_->sesid(), tableid_, JET_bitSeekGE), JET_errRecordNotFound);
    }
  }
  EXPECT_EQ(unicode, 2) << "IxUnicode and IxLongUnicode";
  EXPECT_EQ(seeks, 17);
  // Back to the primary index.
  ASSERT_EQ(JetSetCurrentIndexA(db_->sesid(), tableid_, nullptr), JET_errSuccess);
  char name[JET_cbNameMost + 1];
  ASSERT_EQ(JetGetCurrentIndexA(db_->sesid(), tableid_, name, sizeof(name)), JET_errSuccess);
  EXPECT_STREQ(name, "IxId");
}

// A page of the table damaged in a copy: attach still works (the catalog is
// intact), reading the table reports the checksum failure, never crashes.
TEST_F(ReadOptions, DamagedPageIsReadVerifyFailure) {
  ResetEngine();
  TempDir dir;
  const std::string copy = dir.Copy(WindowsEdbPath("basic"), "damaged.edb");
  uint32_t pgno = 0;
  {
    ApiDb db;
    ASSERT_EQ(db.Attach(copy), JET_errSuccess);
    JET_TABLEID t;
    ASSERT_EQ(db.OpenTable("basic", &t), JET_errSuccess);
    JET_INDEXID index_id{};
    ASSERT_EQ(JetGetTableIndexInfoA(db.sesid(), t, nullptr, &index_id, sizeof(index_id),
                                    JET_IdxInfoIndexId),
              JET_errSuccess);
    std::memcpy(&pgno, index_id.rgbIndexId + sizeof(JET_API_PTR) + 4, 4);
  }
  ResetEngine();
  ASSERT_GT(pgno, 4u);
  {
    std::fstream f(copy, std::ios::in | std::ios::out | std::ios::binary);
    // Two bytes far apart: more than the page's ECC could ever explain.
    for (std::streamoff at : {1001, 3003}) {
      const std::streamoff offset = (std::streamoff{pgno} + 1) * 4096 + at;
      f.seekg(offset);
      char c = 0;
      f.read(&c, 1);
      c = static_cast<char>(c ^ 0x5a);
      f.seekp(offset);
      f.write(&c, 1);
    }
  }
  ApiDb db;
  ASSERT_EQ(db.Attach(copy), JET_errSuccess);
  JET_TABLEID t;
  const JET_ERR open = db.OpenTable("basic", &t);
  if (open >= 0) {
    EXPECT_EQ(JetMove(db.sesid(), t, JET_MoveFirst, 0), JET_errReadVerifyFailure);
    unsigned long actual = 0;
    int32_t v = 0;
    EXPECT_EQ(JetRetrieveColumn(db.sesid(), t, 1, &v, 4, &actual, 0, nullptr),
              JET_errNoCurrentRecord);
  } else {
    EXPECT_EQ(open, JET_errReadVerifyFailure);  // the root is the damaged page
  }
}

}  // namespace
}  // namespace jet::api_test
