#include "catalog_test_util.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <utility>

#include "btree/tree_page.h"

namespace jet::catalog_test {

std::unique_ptr<TestDb> TestDb::Open(const Bytes& image, size_t page_size) {
  std::unique_ptr<TestDb> db(new TestDb());
  FileOptions file_options;
  file_options.create = true;
  if (db->env_.OpenFile("catalog.edb", file_options, &db->file_) < 0) return nullptr;
  if (db->file_->WriteAt(0, image.data(), image.size()) < 0) return nullptr;
  PageCacheOptions cache_options;
  cache_options.page_size = page_size;
  cache_options.capacity_pages = 128;
  cache_options.prefetch_threads = 0;
  cache_options.buffer_wait = std::chrono::milliseconds(200);
  if (PageCache::Create(cache_options, &db->cache_) < 0) return nullptr;
  CacheFileOptions file;
  file.first_page_offset = page_size;  // EDB: page n at (n + 1) × page size
  const uint32_t pages = static_cast<uint32_t>(image.size() / page_size);
  file.verifier = EdbPageVerifier(pages >= 2 ? pages - 2 : 0);
  if (db->cache_->RegisterFile(db->file_.get(), page_size, file, &db->id_) < 0) return nullptr;
  return db;
}

TestDb::~TestDb() {
  if (cache_ && id_ != kInvalidCacheFileId) {
    (void)cache_->UnregisterFile(id_, PageCache::UnregisterMode::kDiscard);
  }
  cache_.reset();
  file_.reset();
}

JET_ERR ReadTree(const BTree& tree, std::vector<TreeNode>* out) {
  out->clear();
  Cursor cursor(tree);
  JET_ERR err = cursor.MoveFirst();
  while (err >= 0) {
    out->push_back({Bytes(cursor.Key().begin(), cursor.Key().end()),
                    Bytes(cursor.Data().begin(), cursor.Data().end())});
    err = cursor.MoveNext();
  }
  return err == JET_errNoCurrentRecord ? JET_errSuccess : err;
}

JET_ERR VectorCatalogSource::Next(CatalogNode* node) {
  if (next_ >= nodes_.size()) return end_error_;
  const Node& n = nodes_[next_++];
  node->key = n.key;
  node->data = n.data;
  node->new_record_format = n.new_record_format;
  return JET_errSuccess;
}

VectorCatalogSource::Node NodeOf(const CatalogEntry& entry) {
  VectorCatalogSource::Node node;
  node.key = CatalogEntryKey(entry);
  if (EncodeCatalogEntry(entry, RecordFormat{}, &node.data) < 0) std::abort();
  return node;
}

std::vector<VectorCatalogSource::Node> NodesOf(const std::vector<TableDef>& tables) {
  std::vector<VectorCatalogSource::Node> nodes;
  for (const TableDef& t : tables) {
    for (const CatalogEntry& e : t.ToCatalogEntries()) nodes.push_back(NodeOf(e));
  }
  std::sort(nodes.begin(), nodes.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  return nodes;
}

std::string Hex(std::span<const uint8_t> bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

Bytes FromHex(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  Bytes out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<uint8_t>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
  }
  return out;
}

// --- JSON ----------------------------------------------------------------------

const Json& Json::operator[](std::string_view key) const {
  static const Json kNull;
  for (const auto& [k, v] : members) {
    if (k == key) return v;
  }
  return kNull;
}

namespace {

class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : s_(text) {}

  bool Parse(Json* out) {
    if (!Value(out)) return false;
    Space();
    return pos_ == s_.size();
  }

 private:
  void Space() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool Literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  static void AppendUtf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
      out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
  }
  bool Hex4(uint32_t* v) {
    if (pos_ + 4 > s_.size()) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[pos_++];
      *v <<= 4;
      if (c >= '0' && c <= '9')
        *v |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        *v |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        *v |= static_cast<uint32_t>(c - 'A' + 10);
      else
        return false;
    }
    return true;
  }
  bool String(std::string* out) {
    if (pos_ >= s_.size() || s_[pos_] != '"') return false;
    ++pos_;
    while (pos_ < s_.size() && s_[pos_] != '"') {
      char c = s_[pos_++];
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) return false;
      c = s_[pos_++];
      switch (c) {
        case 'n':
          out->push_back('\n');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!Hex4(&cp)) return false;
          if (cp >= 0xd800 && cp < 0xdc00 && Literal("\\u")) {
            uint32_t low = 0;
            if (!Hex4(&low)) return false;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          }
          AppendUtf8(cp, out);
          break;
        }
        default:
          out->push_back(c);
          break;
      }
    }
    if (pos_ >= s_.size()) return false;
    ++pos_;
    return true;
  }
  bool Value(Json* out) {
    Space();
    if (pos_ >= s_.size()) return false;
    const char c = s_[pos_];
    if (c == '{') {
      out->kind = Json::Kind::kObject;
      ++pos_;
      Space();
      if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, true;
      for (;;) {
        Space();
        std::string key;
        if (!String(&key)) return false;
        Space();
        if (pos_ >= s_.size() || s_[pos_++] != ':') return false;
        Json v;
        if (!Value(&v)) return false;
        out->members.emplace_back(std::move(key), std::move(v));
        Space();
        if (pos_ >= s_.size()) return false;
        if (s_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (s_[pos_] == '}') return ++pos_, true;
        return false;
      }
    }
    if (c == '[') {
      out->kind = Json::Kind::kArray;
      ++pos_;
      Space();
      if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, true;
      for (;;) {
        Json v;
        if (!Value(&v)) return false;
        out->items.push_back(std::move(v));
        Space();
        if (pos_ >= s_.size()) return false;
        if (s_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (s_[pos_] == ']') return ++pos_, true;
        return false;
      }
    }
    if (c == '"') {
      out->kind = Json::Kind::kString;
      return String(&out->text);
    }
    if (Literal("true")) {
      out->kind = Json::Kind::kBool;
      out->boolean = true;
      return true;
    }
    if (Literal("false")) {
      out->kind = Json::Kind::kBool;
      return true;
    }
    if (Literal("null")) {
      out->kind = Json::Kind::kNull;
      return true;
    }
    const size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::string_view("+-.eE0123456789").find(s_[pos_]) != std::string_view::npos)) {
      ++pos_;
    }
    if (pos_ == start) return false;
    out->kind = Json::Kind::kNumber;
    out->text = std::string(s_.substr(start, pos_ - start));
    return true;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

bool ParseJson(std::string_view text, Json* out) {
  *out = Json();
  return JsonParser(text).Parse(out);
}

}  // namespace jet::catalog_test
