// write_sample_db: writes a database through esent.h only, the way an ESE
// application would, for the interop test written_db_readers_agree.py
// (issue 4, "Interop"): third-party readers (esedbexport, impacket) must
// read back exactly what was written.
//
// usage: write_sample_db OUT.edb EXPECTED.json [--rows N] [--expected-only]
//
// Table "Sample": a column of every type (Bit .. UnsignedShort), fixed,
// variable and tagged ones, ASCII (code page 1252) and Unicode (1200) text,
// long values stored in-record (short) and separately (> 4 KiB, the larger
// ones set in two pieces with JET_bitSetAppendLV), two multi-valued tagged
// columns (0 to 3 values), NULLs, a primary index on Id and a secondary index
// on two columns, one descending; N rows (default 3000, enough for a
// 2-level tree), inserted in a shuffled order in transactions of 100.
// Table "Small": five rows. Then JetDetachDatabase + JetTerm (clean shutdown).
//
// EXPECTED.json holds every row of every table in the encoding of
// `jetctl file dump` (tests/data/windows-edb/README.md), rows in primary-key
// order, columns with the ids the engine returned in JET_COLUMNCREATE, plus
// each column's "cp" and "multi". With --expected-only the engine is not
// called and ids are the ones ESE assigns (fixed 1.., variable 128..,
// tagged 256.., in creation order): the test's self-check uses that.
//
// Exit status: 0 written; 1 a JET call failed (printed with its error);
// 2 bad usage or the JSON file could not be written.

#include <algorithm>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "bench/jet_error_name.h"
#include "esent.h"

namespace {

using Bytes = std::vector<uint8_t>;

// --- Deterministic values -----------------------------------------------------

uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// One row's random stream.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(Mix64(seed + 0x1234567)) {}
  uint64_t Next() { return Mix64(state_ += 0x9e3779b97f4a7c15ULL); }
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(Next() % n); }
  Bytes RandomBytes(size_t n) {
    Bytes b(n);
    for (uint8_t& c : b) c = static_cast<uint8_t>(Next());
    return b;
  }
  // Printable ASCII without TAB/LF and without ';' (esedbexport joins
  // multi-values with "; ").
  std::string Ascii(size_t n) {
    static const char kChars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,";
    std::string s(n, ' ');
    for (char& c : s) c = kChars[Below(sizeof(kChars) - 1)];
    return s;
  }
  // UTF-8 text of n characters, some outside ASCII but inside the BMP.
  std::string Unicode(size_t n) {
    static const char* const kPieces[] = {"a", "b", "z", "0", " ", "\xc3\xa9", "\xc3\xbc",
                                          "\xce\xa9", "\xd0\x96", "\xe4\xb8\xad", "\xe2\x82\xac"};
    std::string s;
    for (size_t i = 0; i < n; ++i) s += kPieces[Below(sizeof(kPieces) / sizeof(kPieces[0]))];
    return s;
  }

 private:
  uint64_t state_;
};

template <typename T>
Bytes Raw(T v) {
  Bytes b(sizeof(T));
  std::memcpy(b.data(), &v, sizeof(T));
  return b;
}

// UTF-8 (BMP only, as generated above) -> UTF-16LE.
Bytes Utf16(const std::string& s) {
  Bytes out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<uint8_t>(s[i]);
    uint32_t cp;
    if (c < 0x80) {
      cp = c;
      i += 1;
    } else if (c < 0xe0) {
      cp = (c & 0x1fu) << 6 | (static_cast<uint8_t>(s[i + 1]) & 0x3fu);
      i += 2;
    } else {
      cp = (c & 0x0fu) << 12 | (static_cast<uint8_t>(s[i + 1]) & 0x3fu) << 6 |
           (static_cast<uint8_t>(s[i + 2]) & 0x3fu);
      i += 3;
    }
    out.push_back(static_cast<uint8_t>(cp));
    out.push_back(static_cast<uint8_t>(cp >> 8));
  }
  return out;
}

// --- JSON spelling (jetctl file dump's) ---------------------------------------

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<uint8_t>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string Hex(const Bytes& b) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const uint8_t c : b) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string HexJson(const Bytes& b) { return "{\"hex\": \"" + Hex(b) + "\"}"; }

std::string FloatJson(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*g", digits, v);
  return "{\"float\": \"" + std::string(buf) + "\"}";
}

std::string GuidJson(const Bytes& b) {
  char buf[40];
  std::snprintf(buf, sizeof(buf),
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[3], b[2],
                b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return JsonString(buf);
}

// One stored value: the bytes handed to JetSetColumn and their JSON.
struct Value {
  Bytes raw;
  std::string json;
};

// --- The schema ---------------------------------------------------------------

struct Column {
  const char* name;
  JET_COLTYP coltyp;
  JET_GRBIT grbit;
  unsigned long cb_max;
  unsigned short cp;
  JET_COLUMNID id = 0;  // from JetCreateTableColumnIndex (or ESE's rule)

  bool multi() const { return (grbit & JET_bitColumnMultiValued) != 0; }
};

const char* ColtypName(JET_COLTYP t) {
  switch (t) {
    case JET_coltypBit: return "Bit";
    case JET_coltypUnsignedByte: return "UnsignedByte";
    case JET_coltypShort: return "Short";
    case JET_coltypLong: return "Long";
    case JET_coltypCurrency: return "Currency";
    case JET_coltypIEEESingle: return "IEEESingle";
    case JET_coltypIEEEDouble: return "IEEEDouble";
    case JET_coltypDateTime: return "DateTime";
    case JET_coltypBinary: return "Binary";
    case JET_coltypText: return "Text";
    case JET_coltypLongBinary: return "LongBinary";
    case JET_coltypLongText: return "LongText";
    case JET_coltypUnsignedLong: return "UnsignedLong";
    case JET_coltypLongLong: return "LongLong";
    case JET_coltypGUID: return "GUID";
    case JET_coltypUnsignedShort: return "UnsignedShort";
    default: return "Unknown";
  }
}

constexpr JET_GRBIT kFixed = JET_bitColumnFixed;
constexpr JET_GRBIT kTagged = JET_bitColumnTagged;
constexpr JET_GRBIT kMulti = JET_bitColumnTagged | JET_bitColumnMultiValued;

std::vector<Column> SampleColumns() {
  return {
      {"Id", JET_coltypLong, kFixed | JET_bitColumnNotNULL, 0, 0},
      {"Bit", JET_coltypBit, kFixed, 0, 0},
      {"UnsignedByte", JET_coltypUnsignedByte, kFixed, 0, 0},
      {"Short", JET_coltypShort, kFixed, 0, 0},
      {"Long", JET_coltypLong, kFixed, 0, 0},
      {"Currency", JET_coltypCurrency, kFixed, 0, 0},
      {"IEEESingle", JET_coltypIEEESingle, kFixed, 0, 0},
      {"IEEEDouble", JET_coltypIEEEDouble, kFixed, 0, 0},
      {"DateTime", JET_coltypDateTime, kFixed, 0, 0},
      {"UnsignedLong", JET_coltypUnsignedLong, kFixed, 0, 0},
      {"LongLong", JET_coltypLongLong, kFixed, 0, 0},
      {"GUID", JET_coltypGUID, kFixed, 0, 0},
      {"UnsignedShort", JET_coltypUnsignedShort, kFixed, 0, 0},
      {"FixedBinary", JET_coltypBinary, kFixed, 8, 0},
      {"FixedText", JET_coltypText, kFixed, 10, 1252},
      {"VarBinary", JET_coltypBinary, 0, 255, 0},
      {"VarText", JET_coltypText, 0, 255, 1252},
      {"VarUnicode", JET_coltypText, 0, 255, 1200},
      {"TaggedLongLong", JET_coltypLongLong, kTagged, 0, 0},
      {"TaggedUnicode", JET_coltypText, kTagged, 255, 1200},
      {"LongBinary", JET_coltypLongBinary, 0, 0, 0},
      {"LongText", JET_coltypLongText, 0, 0, 1252},
      {"LongUnicode", JET_coltypLongText, 0, 0, 1200},
      {"MultiLong", JET_coltypLong, kMulti, 0, 0},
      {"MultiUnicode", JET_coltypText, kMulti, 255, 1200},
  };
}

std::vector<Column> SmallColumns() {
  return {
      {"Id", JET_coltypLong, kFixed | JET_bitColumnNotNULL, 0, 0},
      {"Amount", JET_coltypCurrency, kFixed, 0, 0},
      {"Name", JET_coltypText, 0, 255, 1200},
  };
}

// ESE's column id rule: fixed columns 1.., variable 128.., tagged 256..
// (long values and multi-valued columns are tagged), in creation order.
void AssignEseIds(std::vector<Column>* columns) {
  JET_COLUMNID fixed = 1, variable = 128, tagged = 256;
  for (Column& c : *columns) {
    const bool is_long = c.coltyp == JET_coltypLongBinary || c.coltyp == JET_coltypLongText;
    if ((c.grbit & JET_bitColumnTagged) || is_long) {
      c.id = tagged++;
    } else if ((c.grbit & JET_bitColumnFixed) || (c.coltyp != JET_coltypBinary &&
                                                   c.coltyp != JET_coltypText)) {
      c.id = fixed++;
    } else {
      c.id = variable++;
    }
  }
}

Value TextValue(const std::string& utf8, unsigned short cp) {
  return {cp == 1200 ? Utf16(utf8) : Bytes(utf8.begin(), utf8.end()), JsonString(utf8)};
}

// One cell of table Sample: its values (none = NULL).
std::vector<Value> SampleCell(const Column& c, uint32_t row, Rng& rng) {
  const uint32_t id = row + 1;
  if (std::strcmp(c.name, "Id") == 0) return {{Raw<int32_t>(static_cast<int32_t>(id)), std::to_string(id)}};
  const bool fixed_null = row % 17 == 5;
  const bool variable_null = row % 13 == 3;
  switch (c.coltyp) {
    case JET_coltypBit:
      if (fixed_null) return {};
      return {{Raw<uint8_t>(row % 2 ? 0xff : 0), row % 2 ? "true" : "false"}};
    case JET_coltypUnsignedByte:
      if (fixed_null) return {};
      return {{Raw<uint8_t>(static_cast<uint8_t>(row)), std::to_string(row % 256)}};
    case JET_coltypShort: {
      if (fixed_null) return {};
      const auto v = static_cast<int16_t>(static_cast<int32_t>(row * 37 % 65536) - 32768);
      return {{Raw(v), std::to_string(v)}};
    }
    case JET_coltypLong: {
      if (c.multi()) {
        std::vector<Value> values;
        for (uint32_t k = 0; k < row % 4; ++k) {
          const auto v = static_cast<int32_t>(rng.Next());
          values.push_back({Raw(v), std::to_string(v)});
        }
        return values;
      }
      if (fixed_null) return {};
      const int32_t v = static_cast<int32_t>(row) * 100003 - 150000000;
      return {{Raw(v), std::to_string(v)}};
    }
    case JET_coltypCurrency: {
      if (fixed_null) return {};
      const int64_t v = static_cast<int64_t>(row) * 1234567891011LL - 5000000000000000LL;
      return {{Raw(v), std::to_string(v)}};
    }
    case JET_coltypIEEESingle: {
      if (fixed_null) return {};
      const float v = static_cast<float>(row) * 0.37f - 100.25f;
      return {{Raw(v), FloatJson(v, 9)}};
    }
    case JET_coltypIEEEDouble: {
      if (fixed_null) return {};
      const double v = row / 7.0 - 3;
      return {{Raw(v), FloatJson(v, 17)}};
    }
    case JET_coltypDateTime: {
      if (fixed_null) return {};
      const double ole_date = 44000.25 + row * 0.5;  // days since 1899-12-30
      int64_t bits;
      std::memcpy(&bits, &ole_date, 8);
      return {{Raw(bits), std::to_string(bits)}};
    }
    case JET_coltypUnsignedLong: {
      if (fixed_null) return {};
      const auto v = static_cast<uint32_t>(row * 2654435761ULL);
      return {{Raw(v), std::to_string(v)}};
    }
    case JET_coltypLongLong: {
      if ((c.grbit & JET_bitColumnTagged) ? row % 3 != 0 : fixed_null) return {};
      const auto v = static_cast<int64_t>(rng.Next());
      return {{Raw(v), std::to_string(v)}};
    }
    case JET_coltypGUID: {
      if (fixed_null) return {};
      const Bytes b = rng.RandomBytes(16);
      return {{b, GuidJson(b)}};
    }
    case JET_coltypUnsignedShort: {
      if (fixed_null) return {};
      const auto v = static_cast<uint16_t>(row * 7919);
      return {{Raw(v), std::to_string(v)}};
    }
    case JET_coltypBinary: {
      if (c.grbit & JET_bitColumnFixed) {
        if (fixed_null) return {};
        const Bytes b = rng.RandomBytes(c.cb_max);  // exactly cbMax: no padding
        return {{b, HexJson(b)}};
      }
      if (variable_null) return {};
      const Bytes b = rng.RandomBytes(1 + rng.Below(255));
      return {{b, HexJson(b)}};
    }
    case JET_coltypText: {
      if (c.multi()) {
        std::vector<Value> values;
        for (uint32_t k = 0; k < (row / 2) % 4; ++k) {
          values.push_back(TextValue("v" + std::to_string(k) + " " + rng.Unicode(1 + rng.Below(20)), c.cp));
        }
        return values;
      }
      if (c.grbit & JET_bitColumnFixed) {
        if (fixed_null) return {};
        return {TextValue(rng.Ascii(c.cb_max), c.cp)};  // exactly cbMax
      }
      if (c.grbit & JET_bitColumnTagged) {
        if (row % 4 != 0) return {};
        return {TextValue(rng.Unicode(1 + rng.Below(60)), c.cp)};
      }
      if (variable_null) return {};
      if (c.cp == 1200) return {TextValue(rng.Unicode(1 + rng.Below(100)), c.cp)};
      return {TextValue("row " + std::to_string(id) + " " + rng.Ascii(rng.Below(80)), c.cp)};
    }
    case JET_coltypLongBinary: {
      Bytes b;
      if (row % 50 == 0) {
        b = rng.RandomBytes(5000 + rng.Below(3000));  // separated
      } else if (row % 5 == 1) {
        b = rng.RandomBytes(1 + rng.Below(200));  // in the record
      } else {
        return {};
      }
      return {{b, HexJson(b)}};
    }
    case JET_coltypLongText: {
      const bool unicode = c.cp == 1200;
      if (row % (unicode ? 70 : 60) == (unicode ? 9 : 7)) {
        return {TextValue(unicode ? rng.Unicode(2500 + rng.Below(1000))
                                  : rng.Ascii(5000 + rng.Below(3000)),
                          c.cp)};  // > 4 KiB: separated
      }
      if (row % (unicode ? 7 : 5) == (unicode ? 3 : 2)) {
        return {TextValue(unicode ? rng.Unicode(1 + rng.Below(60)) : rng.Ascii(1 + rng.Below(150)),
                          c.cp)};
      }
      return {};
    }
    default:
      return {};
  }
}

std::vector<Value> SmallCell(const Column& c, uint32_t row) {
  if (std::strcmp(c.name, "Id") == 0) return {{Raw<int32_t>(static_cast<int32_t>(row + 10)), std::to_string(row + 10)}};
  if (std::strcmp(c.name, "Amount") == 0) {
    if (row == 3) return {};
    const int64_t v = -25000 + static_cast<int64_t>(row) * 12345;
    return {{Raw(v), std::to_string(v)}};
  }
  static const char* const kNames[] = {"alpha", "\xce\xb2\xce\xb7\xcf\x84\xce\xb1", "gamma", "",
                                       "\xe4\xb8\xad\xe6\x96\x87"};
  if (kNames[row][0] == '\0') return {};
  return {TextValue(kNames[row], c.cp)};
}

// --- Writing through esent.h --------------------------------------------------

struct Failure {
  std::string call;
  JET_ERR err = JET_errSuccess;
};

#define WRITE_JET(call_expr)                                                      \
  do {                                                                            \
    const JET_ERR write_err_ = (call_expr);                                       \
    if (write_err_ < 0) {                                                         \
      const std::string call_(#call_expr);                                        \
      *failure = Failure{call_.substr(0, call_.find('(')), write_err_};           \
      return false;                                                               \
    }                                                                             \
  } while (0)

struct TableSpec {
  const char* name;
  std::vector<Column> columns;
  std::vector<const char*> index_names;
  std::vector<std::string> index_keys;  // "+Id\0\0" style, NULs included
  std::vector<JET_GRBIT> index_grbits;
  std::vector<std::vector<std::vector<Value>>> rows;  // [row][column] values
  std::vector<uint32_t> insert_order;
};

bool CreateTable(JET_SESID sesid, JET_DBID dbid, TableSpec* t, Failure* failure) {
  std::vector<JET_COLUMNCREATE> cc(t->columns.size());
  std::vector<std::string> names;
  for (const Column& c : t->columns) names.emplace_back(c.name);
  for (size_t i = 0; i < cc.size(); ++i) {
    std::memset(&cc[i], 0, sizeof(cc[i]));
    cc[i].cbStruct = sizeof(JET_COLUMNCREATE);
    cc[i].szColumnName = names[i].data();
    cc[i].coltyp = t->columns[i].coltyp;
    cc[i].cbMax = t->columns[i].cb_max;
    cc[i].grbit = t->columns[i].grbit;
    cc[i].cp = t->columns[i].cp;
  }
  std::vector<JET_INDEXCREATE> ic(t->index_names.size());
  std::vector<std::string> index_names(t->index_names.begin(), t->index_names.end());
  std::vector<std::string> keys = t->index_keys;
  for (size_t i = 0; i < ic.size(); ++i) {
    std::memset(&ic[i], 0, sizeof(ic[i]));
    ic[i].cbStruct = sizeof(JET_INDEXCREATE);
    ic[i].szIndexName = index_names[i].data();
    ic[i].szKey = keys[i].data();
    ic[i].cbKey = static_cast<JET_UINT32>(keys[i].size());
    ic[i].grbit = t->index_grbits[i];
    ic[i].ulDensity = 90;
  }
  JET_TABLECREATE tc;
  std::memset(&tc, 0, sizeof(tc));
  std::string table_name = t->name;
  tc.cbStruct = sizeof(JET_TABLECREATE);
  tc.szTableName = table_name.data();
  tc.ulPages = 4;
  tc.ulDensity = 90;
  tc.rgcolumncreate = cc.data();
  tc.cColumns = static_cast<JET_UINT32>(cc.size());
  tc.rgindexcreate = ic.data();
  tc.cIndexes = static_cast<JET_UINT32>(ic.size());
  WRITE_JET(JetCreateTableColumnIndex(sesid, dbid, &tc));
  for (size_t i = 0; i < cc.size(); ++i) t->columns[i].id = cc[i].columnid;
  WRITE_JET(JetCloseTable(sesid, tc.tableid));
  return true;
}

bool SetCell(JET_SESID sesid, JET_TABLEID tableid, const Column& c,
             const std::vector<Value>& values, Failure* failure) {
  for (const Value& v : values) {
    const auto size = static_cast<unsigned long>(v.raw.size());
    if (c.multi()) {
      JET_SETINFO append_value = {sizeof(JET_SETINFO), 0, 0};  // itagSequence 0: a new value
      WRITE_JET(JetSetColumn(sesid, tableid, c.id, v.raw.data(), size, 0, &append_value));
    } else if (c.coltyp == JET_coltypLongBinary && size > 4096) {
      // A long value written in two pieces, as a streaming writer would.
      const unsigned long first = size / 2;
      WRITE_JET(JetSetColumn(sesid, tableid, c.id, v.raw.data(), first, 0, nullptr));
      WRITE_JET(JetSetColumn(sesid, tableid, c.id, v.raw.data() + first, size - first,
                             JET_bitSetAppendLV, nullptr));
    } else {
      WRITE_JET(JetSetColumn(sesid, tableid, c.id, v.raw.data(), size, 0, nullptr));
    }
  }
  return true;
}

bool FillTable(JET_SESID sesid, JET_DBID dbid, const TableSpec& t, Failure* failure) {
  JET_TABLEID tableid = JET_tableidNil;
  WRITE_JET(JetOpenTable(sesid, dbid, t.name, nullptr, 0, 0, &tableid));
  constexpr size_t kRowsPerTransaction = 100;
  for (size_t n = 0; n < t.insert_order.size(); n += kRowsPerTransaction) {
    WRITE_JET(JetBeginTransaction(sesid));
    const size_t end = std::min(t.insert_order.size(), n + kRowsPerTransaction);
    for (size_t k = n; k < end; ++k) {
      const auto& row = t.rows[t.insert_order[k]];
      WRITE_JET(JetPrepareUpdate(sesid, tableid, JET_prepInsert));
      for (size_t c = 0; c < t.columns.size(); ++c) {
        if (!SetCell(sesid, tableid, t.columns[c], row[c], failure)) return false;
      }
      WRITE_JET(JetUpdate(sesid, tableid, nullptr, 0, nullptr));
    }
    WRITE_JET(JetCommitTransaction(sesid, 0));
  }
  // Read the table back in key order: as many rows as written.
  size_t count = 0;
  JET_ERR err = JetMove(sesid, tableid, JET_MoveFirst, 0);
  for (; err >= 0; err = JetMove(sesid, tableid, JET_MoveNext, 0)) ++count;
  if (err != JET_errNoCurrentRecord) WRITE_JET(err);
  if (count != t.rows.size()) {
    *failure = Failure{"JetMove (" + std::to_string(count) + " rows read back of " +
                           std::to_string(t.rows.size()) + ")",
                       JET_errSuccess};
    return false;
  }
  WRITE_JET(JetCloseTable(sesid, tableid));
  return true;
}

bool WriteDatabase(const std::string& path, std::vector<TableSpec>* tables, Failure* failure) {
  JET_INSTANCE instance = JET_instanceNil;
  JET_SESID sesid = JET_sesidNil;
  JET_DBID dbid = JET_dbidNil;
  std::string folder = path.substr(0, path.find_last_of('/') + 1);
  if (folder.empty()) folder = "./";
  struct Teardown {  // after a failure: undo what was done, in reverse
    JET_INSTANCE* instance;
    JET_SESID* sesid;
    JET_DBID* dbid;
    const std::string& path;
    ~Teardown() {
      if (*dbid != JET_dbidNil) {
        (void)JetCloseDatabase(*sesid, *dbid, 0);
        (void)JetDetachDatabase(*sesid, path.c_str());
      }
      if (*sesid != JET_sesidNil) (void)JetEndSession(*sesid, 0);
      if (*instance != JET_instanceNil) (void)JetTerm(*instance);
    }
  } teardown{&instance, &sesid, &dbid, path};

  JET_INSTANCE created = JET_instanceNil;
  WRITE_JET(JetCreateInstance(&created, "write_sample_db"));
  instance = created;
  WRITE_JET(JetSetSystemParameter(&instance, JET_sesidNil, JET_paramSystemPath, 0, folder.c_str()));
  WRITE_JET(JetSetSystemParameter(&instance, JET_sesidNil, JET_paramLogFilePath, 0, folder.c_str()));
  WRITE_JET(JetSetSystemParameter(&instance, JET_sesidNil, JET_paramTempPath, 0,
                                  (folder + "tmp.edb").c_str()));
  WRITE_JET(JetInit(&instance));
  WRITE_JET(JetBeginSession(instance, &sesid, "", ""));
  WRITE_JET(JetCreateDatabase(sesid, path.c_str(), "", &dbid, 0));
  for (TableSpec& t : *tables) {
    if (!CreateTable(sesid, dbid, &t, failure)) return false;
  }
  for (const TableSpec& t : *tables) {
    if (!FillTable(sesid, dbid, t, failure)) return false;
  }
  // Clean shutdown.
  WRITE_JET(JetCloseDatabase(sesid, dbid, 0));
  dbid = JET_dbidNil;
  WRITE_JET(JetDetachDatabase(sesid, path.c_str()));
  WRITE_JET(JetEndSession(sesid, 0));
  sesid = JET_sesidNil;
  const JET_INSTANCE running = instance;
  instance = JET_instanceNil;
  WRITE_JET(JetTerm(running));
  return true;
}

// --- The expected contents ------------------------------------------------------

std::string ExpectedJson(const std::vector<TableSpec>& tables) {
  std::string out = "{\n \"page_size\": 4096,\n \"tables\": [";
  for (size_t ti = 0; ti < tables.size(); ++ti) {
    const TableSpec& t = tables[ti];
    std::vector<size_t> by_id(t.columns.size());
    for (size_t i = 0; i < by_id.size(); ++i) by_id[i] = i;
    std::sort(by_id.begin(), by_id.end(),
              [&](size_t a, size_t b) { return t.columns[a].id < t.columns[b].id; });
    out += std::string(ti ? ",\n" : "\n") + "  {\n   \"name\": " + JsonString(t.name) +
           ",\n   \"columns\": [";
    for (size_t k = 0; k < by_id.size(); ++k) {
      const Column& c = t.columns[by_id[k]];
      out += std::string(k ? "," : "") + "\n    {\"name\": " + JsonString(c.name) +
             ", \"type\": " + JsonString(ColtypName(c.coltyp)) + ", \"id\": " +
             std::to_string(c.id) + ", \"cp\": " + std::to_string(c.cp) +
             ", \"multi\": " + (c.multi() ? "true" : "false") + "}";
    }
    out += "\n   ],\n   \"indexes\": [";
    for (size_t x = 0; x < t.index_names.size(); ++x) {
      out += std::string(x ? ", " : "") + JsonString(t.index_names[x]);
    }
    out += "],\n   \"rows\": [";
    for (size_t r = 0; r < t.rows.size(); ++r) {  // rows are in primary-key order
      out += std::string(r ? ",\n" : "\n") + "    {";
      for (size_t k = 0; k < by_id.size(); ++k) {
        const Column& c = t.columns[by_id[k]];
        const std::vector<Value>& values = t.rows[r][by_id[k]];
        out += std::string(k ? ", " : "") + JsonString(c.name) + ": ";
        if (values.empty()) {
          out += "null";
        } else if (c.multi()) {
          out += "[";
          for (size_t v = 0; v < values.size(); ++v) out += (v ? ", " : "") + values[v].json;
          out += "]";
        } else {
          out += values[0].json;
        }
      }
      out += "}";
    }
    out += "\n   ]\n  }";
  }
  return out + "\n ]\n}\n";
}

std::vector<TableSpec> BuildTables(uint32_t rows) {
  using namespace std::string_literals;
  TableSpec sample{"Sample", SampleColumns(), {"PrimaryKey", "ByVarTextShort"},
                   {"+Id\0\0"s, "+VarText\0-Short\0\0"s},
                   {JET_bitIndexPrimary | JET_bitIndexUnique, 0}, {}, {}};
  for (uint32_t r = 0; r < rows; ++r) {
    Rng rng(r);
    std::vector<std::vector<Value>> row;
    for (const Column& c : sample.columns) row.push_back(SampleCell(c, r, rng));
    sample.rows.push_back(std::move(row));
  }
  // Insert in a shuffled order, so splits happen inside the tree, not only
  // at its right edge.
  sample.insert_order.resize(rows);
  for (uint32_t r = 0; r < rows; ++r) sample.insert_order[r] = r;
  Rng shuffle(0xfeed);
  for (uint32_t r = rows; r > 1; --r) std::swap(sample.insert_order[r - 1], sample.insert_order[shuffle.Below(r)]);

  TableSpec small{"Small", SmallColumns(), {"PrimaryKey"}, {"+Id\0\0"s},
                  {JET_bitIndexPrimary | JET_bitIndexUnique}, {}, {4, 2, 0, 3, 1}};
  for (uint32_t r = 0; r < 5; ++r) {
    std::vector<std::vector<Value>> row;
    for (const Column& c : small.columns) row.push_back(SmallCell(c, r));
    small.rows.push_back(std::move(row));
  }
  return {std::move(sample), std::move(small)};
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> positional;
  uint32_t rows = 3000;
  bool expected_only = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--expected-only") {
      expected_only = true;
    } else if (arg == "--rows" && i + 1 < argc) {
      rows = static_cast<uint32_t>(std::strtoul(argv[++i], nullptr, 10));
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 2 || rows == 0 || rows > 1000000) {
    std::fprintf(stderr,
                 "usage: write_sample_db OUT.edb EXPECTED.json [--rows N] [--expected-only]\n");
    return 2;
  }
  std::vector<TableSpec> tables = BuildTables(rows);
  if (expected_only) {
    for (TableSpec& t : tables) AssignEseIds(&t.columns);
  } else {
    Failure failure;
    if (!WriteDatabase(positional[0], &tables, &failure)) {
      std::fprintf(stderr, "write_sample_db: %s: %s\n", failure.call.c_str(),
                   failure.err < 0 ? jetbench::DescribeJetError(failure.err).c_str()
                                   : "wrong row count");
      return 1;
    }
  }
  std::ofstream out(positional[1], std::ios::binary | std::ios::trunc);
  out << ExpectedJson(tables);
  out.close();
  if (!out) {
    std::fprintf(stderr, "write_sample_db: cannot write %s\n", positional[1].c_str());
    return 2;
  }
  std::printf("write_sample_db: %s: %zu tables, %u + 5 rows%s\n", positional[0].c_str(),
              tables.size(), rows, expected_only ? " (expected contents only)" : "");
  return 0;
}
