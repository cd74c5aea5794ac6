// jetctl file header / file dump: offline tools over esent.h only.
//
// `file dump` prints every user table of a database as JSON, in the
// encoding of tests/data/windows-edb/README.md: bytes {"hex": ...}, floats
// {"float": "<Python repr>"}, DateTime as the raw int64 of its 8 bytes,
// GUIDs as lower-case 8-4-4-4-12 strings (Windows byte order), text as
// UTF-8, multi-valued columns as lists, NULL as null. Tables are found the
// way an ESE application without JetGetObjectInfo finds them: by opening
// MSysObjects read-only and reading its table, column and index rows.

#include "client/file_commands.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "client/online_commands.h"
#include "esent.h"

namespace jetctl {
namespace {

// --- Errors ------------------------------------------------------------------

const char* JetErrorName(JET_ERR err) {
  switch (err) {
    case JET_errFileNotFound:
      return "JET_errFileNotFound";
    case JET_errFileAccessDenied:
      return "JET_errFileAccessDenied";
    case JET_errDatabaseDirtyShutdown:
      return "JET_errDatabaseDirtyShutdown";
    case JET_errSoftRecoveryOnBackupDatabase:
      return "JET_errSoftRecoveryOnBackupDatabase";
    case JET_errDatabaseCorrupted:
      return "JET_errDatabaseCorrupted";
    case JET_errReadVerifyFailure:
      return "JET_errReadVerifyFailure";
    case JET_errInvalidDatabaseVersion:
      return "JET_errInvalidDatabaseVersion";
    case JET_errFileInvalidType:
      return "JET_errFileInvalidType";
    case JET_errPageSizeMismatch:
      return "JET_errPageSizeMismatch";
    case JET_errDatabaseSharingViolation:
      return "JET_errDatabaseSharingViolation";
    case JET_errCatalogCorrupted:
      return "JET_errCatalogCorrupted";
    case JET_errLVCorrupted:
      return "JET_errLVCorrupted";
    case JET_errDecompressionFailed:
      return "JET_errDecompressionFailed";
    case JET_errObjectNotFound:
      return "JET_errObjectNotFound";
    case JET_errColumnNotFound:
      return "JET_errColumnNotFound";
    case JET_errOutOfMemory:
      return "JET_errOutOfMemory";
    case JET_errInvalidParameter:
      return "JET_errInvalidParameter";
    case JET_errInvalidPath:
      return "JET_errInvalidPath";
    case JET_errDatabaseInvalidPath:
      return "JET_errDatabaseInvalidPath";
    case JET_errFeatureNotAvailable:
      return "JET_errFeatureNotAvailable";
    case JET_errFileIOBeyondEOF:
      return "JET_errFileIOBeyondEOF";
    case JET_errDiskIO:
      return "JET_errDiskIO";
    case JET_errInternalError:
      return "JET_errInternalError";
    default:
      return "JET_err?";
  }
}

std::string Describe(JET_ERR err) {
  return std::string(JetErrorName(err)) + " (" + std::to_string(err) + ")";
}

// A failed call: what was being done and the JET error.
struct Failure {
  std::string what;
  JET_ERR err;
};

#define JETCTL_CALL(what, call)                              \
  do {                                                       \
    const JET_ERR jetctl_err_ = (call);                      \
    if (jetctl_err_ < 0) throw Failure{(what), jetctl_err_}; \
  } while (0)

// --- JSON ------------------------------------------------------------------

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xc0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xe0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    *out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    *out += static_cast<char>(0xf0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    *out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// An odd trailing byte (a fixed Unicode column of odd width, as Windows
// allows) is taken as a code unit whose high byte is zero.
std::string Utf16ToUtf8(std::vector<uint8_t> b) {
  if (b.size() % 2 != 0) b.push_back(0);
  std::string out;
  const size_t n = b.size() / 2;
  for (size_t i = 0; i < n; ++i) {
    uint32_t u = b[2 * i] | (uint32_t{b[2 * i + 1]} << 8);
    if (u >= 0xd800 && u < 0xdc00 && i + 1 < n) {
      const uint32_t lo = b[2 * i + 2] | (uint32_t{b[2 * i + 3]} << 8);
      if (lo >= 0xdc00 && lo < 0xe000) {
        u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
        ++i;
      } else {
        u = 0xfffd;
      }
    } else if (u >= 0xd800 && u < 0xe000) {
      u = 0xfffd;
    }
    AppendUtf8(u, &out);
  }
  return out;
}

// Windows-1252, the code page of ESE's "ASCII" text columns.
std::string Cp1252ToUtf8(const std::vector<uint8_t>& b) {
  static const uint16_t k80[32] = {0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
                                   0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
                                   0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
                                   0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178};
  std::string out;
  for (uint8_t c : b) AppendUtf8(c >= 0x80 && c < 0xa0 ? k80[c - 0x80] : c, &out);
  return out;
}

std::string Hex(const std::vector<uint8_t>& b) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (uint8_t c : b) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

// Python's repr() of a float: the shortest digits that round-trip, in fixed
// notation for decimal exponents -4..15 (with ".0" when integral), else
// d.ddde±XX.
std::string PythonFloatRepr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  const size_t e = sci.find('e');
  std::string mant = sci.substr(0, e);
  const int exp = std::stoi(sci.substr(e + 1));
  std::string sign;
  if (mant[0] == '-') {
    sign = "-";
    mant.erase(0, 1);
  }
  std::string digits;
  for (char c : mant) {
    if (c != '.') digits += c;
  }
  if (exp >= -5 + 1 && exp < 16) {
    std::string out;
    if (exp < 0) {
      out = "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
    } else if (static_cast<size_t>(exp) + 1 >= digits.size()) {
      out = digits + std::string(static_cast<size_t>(exp) + 1 - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, static_cast<size_t>(exp) + 1) + "." +
            digits.substr(static_cast<size_t>(exp) + 1);
    }
    return sign + out;
  }
  std::string out = digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  char ebuf[16];
  std::snprintf(ebuf, sizeof(ebuf), "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  return sign + out + ebuf;
}

template <typename T>
T Load(const std::vector<uint8_t>& b) {
  T v{};
  std::memcpy(&v, b.data(), std::min(sizeof(T), b.size()));
  return v;
}

std::string GuidString(const std::vector<uint8_t>& b) {
  if (b.size() != 16) return JsonString(Hex(b));
  char buf[40];
  std::snprintf(buf, sizeof(buf),
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[3], b[2],
                b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return JsonString(buf);
}

// One value as JSON, by column type and code page.
std::string ValueJson(JET_COLTYP coltyp, unsigned short cp, const std::vector<uint8_t>& b) {
  switch (coltyp) {
    case JET_coltypBit:
      return Load<uint8_t>(b) != 0 ? "true" : "false";
    case JET_coltypUnsignedByte:
      return std::to_string(Load<uint8_t>(b));
    case JET_coltypShort:
      return std::to_string(Load<int16_t>(b));
    case JET_coltypLong:
      return std::to_string(Load<int32_t>(b));
    case JET_coltypCurrency:
    case JET_coltypLongLong:
    case JET_coltypDateTime:
      return std::to_string(Load<int64_t>(b));
    case JET_coltypUnsignedLong:
      return std::to_string(Load<uint32_t>(b));
    case JET_coltypUnsignedShort:
      return std::to_string(Load<uint16_t>(b));
    case JET_coltypIEEESingle:
      return "{\"float\": " + JsonString(PythonFloatRepr(static_cast<double>(Load<float>(b)))) +
             "}";
    case JET_coltypIEEEDouble:
      return "{\"float\": " + JsonString(PythonFloatRepr(Load<double>(b))) + "}";
    case JET_coltypGUID:
      return GuidString(b);
    case JET_coltypText:
    case JET_coltypLongText:
      return JsonString(cp == 1200 ? Utf16ToUtf8(b) : Cp1252ToUtf8(b));
    default:
      return "{\"hex\": " + JsonString(Hex(b)) + "}";
  }
}

const char* ColtypName(JET_COLTYP coltyp) {
  switch (coltyp) {
    case JET_coltypBit:
      return "Bit";
    case JET_coltypUnsignedByte:
      return "UnsignedByte";
    case JET_coltypShort:
      return "Short";
    case JET_coltypLong:
      return "Long";
    case JET_coltypCurrency:
      return "Currency";
    case JET_coltypIEEESingle:
      return "IEEESingle";
    case JET_coltypIEEEDouble:
      return "IEEEDouble";
    case JET_coltypDateTime:
      return "DateTime";
    case JET_coltypBinary:
      return "Binary";
    case JET_coltypText:
      return "Text";
    case JET_coltypLongBinary:
      return "LongBinary";
    case JET_coltypLongText:
      return "LongText";
    case JET_coltypUnsignedLong:
      return "UnsignedLong";
    case JET_coltypLongLong:
      return "LongLong";
    case JET_coltypGUID:
      return "GUID";
    case JET_coltypUnsignedShort:
      return "UnsignedShort";
    default:
      return "Unknown";
  }
}

// --- Engine session ----------------------------------------------------------

// An instance with one session and the database attached read-only; torn
// down in reverse on destruction.
class ReadOnlyDatabase {
 public:
  explicit ReadOnlyDatabase(const std::string& path) {
    unsigned long page_size = 0;
    JETCTL_CALL(
        "reading the header of " + path,
        JetGetDatabaseFileInfoA(path.c_str(), &page_size, sizeof(page_size), JET_DbInfoPageSize));
    // The engine's page size is process-wide and must be the database's.
    JETCTL_CALL("setting the page size",
                JetSetSystemParameterA(nullptr, JET_sesidNil, JET_paramDatabasePageSize, page_size,
                                       nullptr));
    static std::atomic<int> counter{0};
    const std::string name =
        "jetctl-file-" +
        std::to_string(static_cast<long long>(std::hash<std::string>{}(path)&0xffffff)) + "-" +
        std::to_string(counter++);
    std::error_code ec;
    temp_dir_ = std::filesystem::temp_directory_path(ec) / name;
    std::filesystem::create_directories(temp_dir_, ec);
    JETCTL_CALL("creating an instance", JetCreateInstanceA(&instance_, name.c_str()));
    created_ = true;
    const std::string dir = temp_dir_.string() + "/";
    // Recovery is not needed for a read-only look; the paths keep anything
    // the engine might write out of the caller's folders.
    (void)JetSetSystemParameterA(&instance_, JET_sesidNil, JET_paramRecovery, 0, "off");
    (void)JetSetSystemParameterA(&instance_, JET_sesidNil, JET_paramSystemPath, 0, dir.c_str());
    (void)JetSetSystemParameterA(&instance_, JET_sesidNil, JET_paramLogFilePath, 0, dir.c_str());
    (void)JetSetSystemParameterA(&instance_, JET_sesidNil, JET_paramTempPath, 0,
                                 (dir + "tmp.edb").c_str());
    JETCTL_CALL("initializing the instance", JetInit(&instance_));
    JETCTL_CALL("beginning a session", JetBeginSessionA(instance_, &sesid_, "", ""));
    JETCTL_CALL("attaching " + path, JetAttachDatabaseA(sesid_, path.c_str(), JET_bitDbReadOnly));
    JETCTL_CALL("opening " + path,
                JetOpenDatabaseA(sesid_, path.c_str(), nullptr, &dbid_, JET_bitDbReadOnly));
    page_size_ = page_size;
  }
  ~ReadOnlyDatabase() {
    if (created_) (void)JetTerm2(instance_, JET_bitTermComplete);
    std::error_code ec;
    if (!temp_dir_.empty()) std::filesystem::remove_all(temp_dir_, ec);
  }
  ReadOnlyDatabase(const ReadOnlyDatabase&) = delete;
  ReadOnlyDatabase& operator=(const ReadOnlyDatabase&) = delete;

  JET_SESID sesid() const { return sesid_; }
  JET_DBID dbid() const { return dbid_; }
  unsigned long page_size() const { return page_size_; }

 private:
  JET_INSTANCE instance_ = 0;
  bool created_ = false;
  JET_SESID sesid_ = JET_sesidNil;
  JET_DBID dbid_ = JET_dbidNil;
  unsigned long page_size_ = 0;
  std::filesystem::path temp_dir_;
};

class Table {
 public:
  Table(const ReadOnlyDatabase& db, const std::string& name) : sesid_(db.sesid()) {
    JETCTL_CALL("opening table " + name, JetOpenTableA(sesid_, db.dbid(), name.c_str(), nullptr, 0,
                                                       JET_bitTableReadOnly, &tableid_));
  }
  ~Table() { (void)JetCloseTable(sesid_, tableid_); }
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  JET_TABLEID id() const { return tableid_; }

  JET_COLUMNDEF Column(const std::string& name) const {
    JET_COLUMNDEF def;
    JETCTL_CALL("reading column " + name, JetGetTableColumnInfoA(sesid_, tableid_, name.c_str(),
                                                                 &def, sizeof(def), JET_ColInfo));
    return def;
  }

  // Value `itag` of a column, or nullopt when NULL.
  std::optional<std::vector<uint8_t>> Value(JET_COLUMNID columnid, unsigned long itag = 1) const {
    std::vector<uint8_t> buf(256);
    for (;;) {
      JET_RETINFO info{sizeof(JET_RETINFO), 0, static_cast<JET_UINT32>(itag), 0};
      unsigned long actual = 0;
      const JET_ERR err =
          JetRetrieveColumn(sesid_, tableid_, columnid, buf.data(),
                            static_cast<unsigned long>(buf.size()), &actual, 0, &info);
      if (err < 0) throw Failure{"reading column " + std::to_string(columnid), err};
      if (err == JET_wrnColumnNull) return std::nullopt;
      if (err == JET_wrnBufferTruncated) {
        buf.resize(actual);
        continue;
      }
      buf.resize(actual);
      return buf;
    }
  }

  JET_SESID sesid() const { return sesid_; }

 private:
  JET_SESID sesid_;
  JET_TABLEID tableid_ = JET_tableidNil;
};

struct ColumnInfo {
  std::string name;
  JET_COLUMNID id = 0;
  JET_COLTYP coltyp = 0;
  unsigned short cp = 0;
  bool multi_valued = false;
};
struct TableInfo {
  uint32_t objid = 0;
  std::string name;
  std::vector<ColumnInfo> columns;
  std::vector<std::string> indexes;
};

std::string TextOf(const std::optional<std::vector<uint8_t>>& v) {
  return v ? std::string(v->begin(), v->end()) : std::string();
}
template <typename T>
T NumberOf(const std::optional<std::vector<uint8_t>>& v) {
  return v ? Load<T>(*v) : T{};
}

// The user tables, their columns and indexes, from MSysObjects' rows (in
// its key order: by table, then row type, then id).
std::vector<TableInfo> ReadCatalog(const ReadOnlyDatabase& db) {
  Table catalog(db, "MSysObjects");
  const JET_COLUMNID objid_table = catalog.Column("ObjidTable").columnid;
  const JET_COLUMNID type = catalog.Column("Type").columnid;
  const JET_COLUMNID id = catalog.Column("Id").columnid;
  const JET_COLUMNID coltyp = catalog.Column("ColtypOrPgnoFDP").columnid;
  const JET_COLUMNID flags = catalog.Column("Flags").columnid;
  const JET_COLUMNID pages_or_locale = catalog.Column("PagesOrLocale").columnid;
  const JET_COLUMNID name = catalog.Column("Name").columnid;

  std::vector<TableInfo> tables;
  std::map<uint32_t, size_t> by_objid;
  for (JET_ERR err = JetMove(catalog.sesid(), catalog.id(), JET_MoveFirst, 0); err >= 0;
       err = JetMove(catalog.sesid(), catalog.id(), JET_MoveNext, 0)) {
    const auto row_type = NumberOf<int16_t>(catalog.Value(type));
    const auto table = NumberOf<uint32_t>(catalog.Value(objid_table));
    const std::string row_name = TextOf(catalog.Value(name));
    const auto row_flags = NumberOf<uint32_t>(catalog.Value(flags));
    if (row_type == 1) {  // a table
      const bool system = (row_flags & JET_bitObjectSystem) != 0 || row_name.rfind("MSys", 0) == 0;
      if (!system) {
        by_objid[table] = tables.size();
        tables.push_back(TableInfo{table, row_name, {}, {}});
      }
      continue;
    }
    auto it = by_objid.find(table);
    if (it == by_objid.end()) continue;
    TableInfo& t = tables[it->second];
    if (row_type == 2) {  // a column
      ColumnInfo c;
      c.name = row_name;
      c.id = NumberOf<uint32_t>(catalog.Value(id));
      c.coltyp = NumberOf<uint32_t>(catalog.Value(coltyp));
      c.cp = static_cast<unsigned short>(NumberOf<uint32_t>(catalog.Value(pages_or_locale)));
      if (c.coltyp != 0) t.columns.push_back(c);  // 0: a deleted column's stub
    } else if (row_type == 3) {                   // an index
      t.indexes.push_back(row_name);
    }
  }
  return tables;
}

void DumpRows(const ReadOnlyDatabase& db, TableInfo& info, std::ostream& out) {
  Table table(db, info.name);
  for (ColumnInfo& c : info.columns) {
    const JET_COLUMNDEF def = table.Column(c.name);
    c.multi_valued = (def.grbit & JET_bitColumnMultiValued) != 0;
    c.cp = def.cp;
  }
  out << "   \"rows\": [";
  bool first_row = true;
  JET_ERR err = JetMove(table.sesid(), table.id(), JET_MoveFirst, 0);
  for (; err >= 0; err = JetMove(table.sesid(), table.id(), JET_MoveNext, 0)) {
    out << (first_row ? "\n" : ",\n") << "    {";
    first_row = false;
    bool first_col = true;
    for (const ColumnInfo& c : info.columns) {
      out << (first_col ? "\n" : ",\n") << "     " << JsonString(c.name) << ": ";
      first_col = false;
      if (!c.multi_valued) {
        const auto v = table.Value(c.id);
        out << (v ? ValueJson(c.coltyp, c.cp, *v) : "null");
        continue;
      }
      std::vector<std::string> values;
      for (unsigned long itag = 1;; ++itag) {
        const auto v = table.Value(c.id, itag);
        if (!v) break;
        values.push_back(ValueJson(c.coltyp, c.cp, *v));
      }
      if (values.empty()) {
        out << "null";
        continue;
      }
      out << "[";
      for (size_t i = 0; i < values.size(); ++i) out << (i ? ", " : "") << values[i];
      out << "]";
    }
    out << "\n    }";
  }
  if (err != JET_errNoCurrentRecord) throw Failure{"reading table " + info.name, err};
  out << (first_row ? "]\n" : "\n   ]\n");
}

int RunHeader(const std::string& path) {
  JET_DBINFOMISC7 m;
  std::memset(&m, 0, sizeof(m));
  const JET_ERR err = JetGetDatabaseFileInfoA(path.c_str(), &m, sizeof(m), JET_DbInfoMisc);
  if (err < 0) {
    std::cerr << "jetctl: cannot read the header of " << path << ": " << Describe(err) << "\n";
    return kExitOperationFailed;
  }
  auto logtime = [](const JET_LOGTIME& t) {
    char buf[64];
    const int ms = (static_cast<unsigned char>(t.bFiller1) >> 1) |
                   ((static_cast<unsigned char>(t.bFiller2) >> 1 & 7) << 7);
    std::snprintf(buf, sizeof(buf), "%02d/%02d/%04d %02d:%02d:%02d.%03d", t.bMonth, t.bDay,
                  1900 + static_cast<unsigned char>(t.bYear), t.bHours, t.bMinutes, t.bSeconds, ms);
    return std::string(buf);
  };
  auto lgpos = [](const JET_LGPOS& p) {
    char buf[48];
    std::snprintf(buf, sizeof(buf), "(0x%X,%X,%X)", static_cast<unsigned>(p.lGeneration), p.isec,
                  p.ib);
    return std::string(buf);
  };
  auto signature = [&](const JET_SIGNATURE& s) {
    std::string computer(s.szComputerName, strnlen(s.szComputerName, sizeof(s.szComputerName)));
    return "Create time:" + logtime(s.logtimeCreate) + " Rand:" + std::to_string(s.ulRandom) +
           " Computer:" + computer;
  };
  auto bkinfo = [&](const JET_BKINFO& b) {
    if (b.genLow == 0 && b.genHigh == 0) return std::string("(none)");
    return "Log Gen: " + std::to_string(b.genLow) + "-" + std::to_string(b.genHigh) +
           " Mark: " + lgpos(b.lgposMark) + " " + logtime(b.logtimeMark);
  };
  static const char* kStates[] = {"",
                                  "Just Created",
                                  "Dirty Shutdown",
                                  "Clean Shutdown",
                                  "Being Converted",
                                  "Force Detach",
                                  "Incremental Reseed In Progress",
                                  "Dirty And Patched Shutdown",
                                  "Revert In Progress"};
  const std::string state = m.dbstate >= 1 && m.dbstate <= 8
                                ? kStates[m.dbstate]
                                : "Unknown (" + std::to_string(m.dbstate) + ")";
  char version[32];
  std::snprintf(version, sizeof(version), "0x%X,%u", m.ulVersion, m.ulUpdate);
  std::cout << "Database: " << path << "\n\n"
            << "        File Type: Database\n"
            << "   Format ulVersion: " << version << "\n"
            << "     DB Signature: " << signature(m.signDb) << "\n"
            << "         cbDbPage: " << m.cbPageSize << "\n"
            << "            State: " << state << "\n"
            << "     Log Required: " << m.genMinRequired << "-" << m.genMaxRequired << "\n"
            << "    Log Committed: 0-" << m.genCommitted << "\n"
            << "   Log Consistent: " << lgpos(m.lgposConsistent) << "  "
            << logtime(m.logtimeConsistent) << "\n"
            << "      Last Attach: " << lgpos(m.lgposAttach) << "  " << logtime(m.logtimeAttach)
            << "\n"
            << "      Last Detach: " << lgpos(m.lgposDetach) << "  " << logtime(m.logtimeDetach)
            << "\n"
            << "    Log Signature: " << signature(m.signLog) << "\n"
            << "       OS Version: (" << m.dwMajorVersion << "." << m.dwMinorVersion << "."
            << m.dwBuildNumber << " SP " << m.lSPNumber << ")\n"
            << "  Previous Full Backup: " << bkinfo(m.bkinfoFullPrev) << "\n"
            << "  Previous Incremental Backup: " << bkinfo(m.bkinfoIncPrev) << "\n"
            << "  Current Full Backup: " << bkinfo(m.bkinfoFullCur) << "\n"
            << "  Previous Copy Backup: " << bkinfo(m.bkinfoCopyPrev) << "\n"
            << "  Previous Differential Backup: " << bkinfo(m.bkinfoDiffPrev) << "\n"
            << "     Repair Count: " << m.ulRepairCount << "\n"
            << "   Bad Checksums: " << m.ulBadChecksum << "\n";
  return kExitOk;
}

int RunDump(const std::string& path, const std::string& only_table) {
  try {
    ReadOnlyDatabase db(path);
    std::vector<TableInfo> tables = ReadCatalog(db);
    if (!only_table.empty()) {
      std::erase_if(tables, [&](const TableInfo& t) { return t.name != only_table; });
      if (tables.empty()) throw Failure{"finding table " + only_table, JET_errObjectNotFound};
    }
    std::ostringstream out;
    out << "{\n \"page_size\": " << db.page_size() << ",\n \"tables\": [";
    for (size_t i = 0; i < tables.size(); ++i) {
      TableInfo& t = tables[i];
      out << (i ? ",\n" : "\n") << "  {\n   \"name\": " << JsonString(t.name)
          << ",\n   \"columns\": [";
      for (size_t c = 0; c < t.columns.size(); ++c) {
        out << (c ? "," : "") << "\n    {\"name\": " << JsonString(t.columns[c].name)
            << ", \"type\": " << JsonString(ColtypName(t.columns[c].coltyp))
            << ", \"id\": " << t.columns[c].id << "}";
      }
      out << "\n   ],\n   \"indexes\": [";
      for (size_t x = 0; x < t.indexes.size(); ++x) {
        out << (x ? ", " : "") << JsonString(t.indexes[x]);
      }
      out << "],\n";
      DumpRows(db, t, out);
      out << "  }";
    }
    out << "\n ]\n}\n";
    std::cout << out.str();
    return kExitOk;
  } catch (const Failure& f) {
    std::cerr << "jetctl: " << f.what << ": " << Describe(f.err) << "\n";
    return kExitOperationFailed;
  }
}

}  // namespace

void AddFileCommands(CLI::App* app, int* exit_code) {
  auto* file = app->add_subcommand("file", "Read database files offline (no service needed)");
  file->require_subcommand(1);

  auto* header = file->add_subcommand("header", "Print a database's header (like esentutl /mh)");
  auto* header_path = new std::string;
  header->add_option("path", *header_path, "The database file")->required();
  header->callback([header_path, exit_code] { *exit_code = RunHeader(*header_path); });

  auto* dump = file->add_subcommand("dump", "Print every user table of a database as JSON");
  auto* dump_path = new std::string;
  auto* dump_table = new std::string;
  dump->add_option("path", *dump_path, "The database file")->required();
  dump->add_option("--table", *dump_table, "Only this table");
  dump->callback(
      [dump_path, dump_table, exit_code] { *exit_code = RunDump(*dump_path, *dump_table); });
}

}  // namespace jetctl
