#include "api_test_util.h"

#include <atomic>
#include <fstream>
#include <random>
#include <sstream>

#include "api/instance_table.h"
#include "test_data.h"

namespace jet::api_test {

std::string WindowsEdbPath(const std::string& name) {
  return (test::WindowsEdbDir() / (name + ".edb")).string();
}

std::filesystem::path ExpectedJsonPath(const std::string& name) {
  std::string dir = JET_TEST_EXPECTED_DIR;
#ifdef _WIN32
  // Under wine the Linux root is drive Z: (as in test_data.cc).
  if (!dir.empty() && dir[0] == '/') dir = "Z:" + dir;
#endif
  return std::filesystem::path(dir) / (name + ".json");
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("jet-api-test-" + std::to_string(rd()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::Copy(const std::string& from, const std::string& name) const {
  const auto to = path_ / name;
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
  return to.string();
}

void ResetEngine() {
  // Terminate what a failed test left behind, then forget the rest.
  unsigned long count = 0;
  JET_INSTANCE_INFO_A* info = nullptr;
  if (JetGetInstanceInfoA(&count, &info) >= 0) {
    std::vector<JET_INSTANCE> live;
    for (unsigned long i = 0; i < count; ++i) live.push_back(info[i].hInstanceId);
    JetFreeBuffer(reinterpret_cast<char*>(info));
    for (JET_INSTANCE inst : live) (void)JetTerm(inst);
  }
  InstanceTable::Get().ResetForTesting();
}

ApiDb::ApiDb(const std::string& instance_name) {
  init_err_ = JetCreateInstanceA(&instance_, instance_name.c_str());
  if (init_err_ >= 0) init_err_ = JetInit(&instance_);
  if (init_err_ >= 0) init_err_ = JetBeginSessionA(instance_, &sesid_, "", "");
}

ApiDb::~ApiDb() { (void)JetTerm(instance_); }

JET_ERR ApiDb::Attach(const std::string& path) {
  const JET_ERR err = JetAttachDatabaseA(sesid_, path.c_str(), JET_bitDbReadOnly);
  if (err < 0) return err;
  const JET_ERR open = JetOpenDatabaseA(sesid_, path.c_str(), nullptr, &dbid_, JET_bitDbReadOnly);
  return open < 0 ? open : err;
}

JET_ERR ApiDb::OpenTable(const std::string& table, JET_TABLEID* tableid) const {
  return JetOpenTableA(sesid_, dbid_, table.c_str(), nullptr, 0, JET_bitTableReadOnly, tableid);
}

std::optional<std::vector<uint8_t>> Retrieve(JET_SESID sesid, JET_TABLEID tableid,
                                             JET_COLUMNID columnid, unsigned long itag,
                                             JET_GRBIT grbit, JET_ERR* err_out) {
  std::vector<uint8_t> buf(16);
  for (;;) {
    JET_RETINFO info{sizeof(JET_RETINFO), 0, static_cast<JET_UINT32>(itag), 0};
    unsigned long actual = 0;
    const JET_ERR err =
        JetRetrieveColumn(sesid, tableid, columnid, buf.data(),
                          static_cast<unsigned long>(buf.size()), &actual, grbit, &info);
    if (err_out != nullptr) *err_out = err;
    if (err < 0 || err == JET_wrnColumnNull) return std::nullopt;
    if (err == JET_wrnBufferTruncated) {
      buf.resize(actual);
      continue;
    }
    buf.resize(actual);
    return buf;
  }
}

// --- JSON -------------------------------------------------------------------

const Json* Json::Find(const std::string& key) const {
  for (const auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

namespace {

class Parser {
 public:
  explicit Parser(const std::string& s) : s_(s) {}
  bool Value(Json* out) {
    Skip();
    if (i_ >= s_.size()) return false;
    const char c = s_[i_];
    if (c == '{') return Object(out);
    if (c == '[') return Array(out);
    if (c == '"') {
      out->type = Json::kString;
      return String(&out->text);
    }
    if (s_.compare(i_, 4, "null") == 0) return i_ += 4, out->type = Json::kNull, true;
    if (s_.compare(i_, 4, "true") == 0) {
      i_ += 4;
      out->type = Json::kBool;
      out->boolean = true;
      return true;
    }
    if (s_.compare(i_, 5, "false") == 0) {
      i_ += 5;
      out->type = Json::kBool;
      return true;
    }
    const size_t start = i_;
    while (i_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-' ||
                              s_[i_] == '+' || s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
    }
    if (start == i_) return false;
    out->type = Json::kNumber;
    out->text = s_.substr(start, i_ - start);
    return true;
  }
  bool AtEnd() {
    Skip();
    return i_ == s_.size();
  }

 private:
  void Skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool Object(Json* out) {
    out->type = Json::kObject;
    ++i_;
    Skip();
    if (i_ < s_.size() && s_[i_] == '}') return ++i_, true;
    for (;;) {
      Skip();
      std::string key;
      if (i_ >= s_.size() || s_[i_] != '"' || !String(&key)) return false;
      Skip();
      if (i_ >= s_.size() || s_[i_++] != ':') return false;
      Json value;
      if (!Value(&value)) return false;
      out->members.emplace_back(std::move(key), std::move(value));
      Skip();
      if (i_ >= s_.size()) return false;
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      return s_[i_++] == '}';
    }
  }
  bool Array(Json* out) {
    out->type = Json::kArray;
    ++i_;
    Skip();
    if (i_ < s_.size() && s_[i_] == ']') return ++i_, true;
    for (;;) {
      Json value;
      if (!Value(&value)) return false;
      out->items.push_back(std::move(value));
      Skip();
      if (i_ >= s_.size()) return false;
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      return s_[i_++] == ']';
    }
  }
  static void Utf8(uint32_t cp, std::string* out) {
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
  bool Hex4(uint32_t* v) {
    if (i_ + 4 > s_.size()) return false;
    *v = static_cast<uint32_t>(std::stoul(s_.substr(i_, 4), nullptr, 16));
    i_ += 4;
    return true;
  }
  bool String(std::string* out) {
    ++i_;  // the quote
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_++];
      if (c != '\\') {
        *out += c;
        continue;
      }
      if (i_ >= s_.size()) return false;
      c = s_[i_++];
      switch (c) {
        case 'n':
          *out += '\n';
          break;
        case 't':
          *out += '\t';
          break;
        case 'r':
          *out += '\r';
          break;
        case 'b':
          *out += '\b';
          break;
        case 'f':
          *out += '\f';
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!Hex4(&cp)) return false;
          if (cp >= 0xd800 && cp < 0xdc00 && s_.compare(i_, 2, "\\u") == 0) {
            i_ += 2;
            uint32_t lo = 0;
            if (!Hex4(&lo)) return false;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          }
          Utf8(cp, out);
          break;
        }
        default:
          *out += c;
      }
    }
    if (i_ >= s_.size()) return false;
    ++i_;
    return true;
  }

  const std::string& s_;
  size_t i_ = 0;
};

}  // namespace

bool ParseJson(const std::string& text, Json* out) {
  Parser p(text);
  return p.Value(out) && p.AtEnd();
}

Json LoadExpected(const std::string& name) {
  std::ifstream in(ExpectedJsonPath(name), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  Json json;
  if (!ParseJson(ss.str(), &json)) json = Json();
  return json;
}

}  // namespace jet::api_test
