#include "write_test_util.h"

#include <cstdlib>
#include <cstring>
#include <optional>

#include "btree/key_compare.h"
#include "btree/tree_page.h"
#include "format/checksum.h"
#include "format/endian.h"
#include "format/page.h"
#include "pageop/apply.h"
#include "pageop/page_operation_codec.h"

namespace jet::write_test {

JET_ERR CaptureSink::OnPageOperation(const PageOperation& op, std::span<const uint8_t>,
                                     bool first_change_since_write, PackedLgpos* lgpos) {
  std::vector<uint8_t> bytes;
  PageOperation back;
  if (EncodePageOperation(op, &bytes) < 0 || DecodePageOperation(bytes, &back) < 0 ||
      !(back == op)) {
    codec_ok = false;
  }
  if (first_change_since_write) {
    ++first_changes;
  }
  ops.push_back(op);
  *lgpos = kLgposNone;
  return JET_errSuccess;
}

std::unique_ptr<WriteDb> WriteDb::Create(const WriteDbOptions& options) {
  std::unique_ptr<WriteDb> db(new WriteDb());
  db->options_ = options;
  FileOptions file_options;
  file_options.create = true;
  if (db->env_.OpenFile("test.edb", file_options, &db->file_) < 0) return nullptr;
  const std::vector<uint8_t> header(options.page_size * 2, 0);
  if (db->file_->WriteAt(0, header.data(), header.size()) < 0) return nullptr;
  PageCacheOptions cache_options;
  cache_options.page_size = options.page_size;
  cache_options.capacity_pages = options.capacity_pages;
  cache_options.prefetch_threads = 0;
  cache_options.buffer_wait = std::chrono::milliseconds(2000);
  if (PageCache::Create(cache_options, &db->cache_) < 0) return nullptr;
  CacheFileOptions file;
  file.first_page_offset = options.page_size;
  file.verifier = EdbPageVerifier();
  if (db->cache_->RegisterFile(db->file_.get(), options.page_size, file, &db->id_) < 0) {
    return nullptr;
  }
  db->ctx_.cache = db->cache_.get();
  db->ctx_.file = db->id_;
  db->ctx_.dbid = 1;
  db->ctx_.dbtime = &db->dbtime_;
  db->ctx_.sink = &db->sink_;
  if (SpaceManager::Create(db->ctx_, db->file_.get(), options.space, &db->space_) < 0) {
    return nullptr;
  }
  return db;
}

WriteDb::~WriteDb() {
  space_.reset();
  if (cache_ && id_ != kInvalidCacheFileId) {
    (void)cache_->UnregisterFile(id_, PageCache::UnregisterMode::kDiscard);
  }
  cache_.reset();
  file_.reset();
}

JET_ERR WriteDb::CreateTree(uint32_t objid, uint32_t extra_flags, BTree* tree) {
  NewTreeSpec spec;
  spec.objid = objid;
  spec.extra_flags = extra_flags;
  uint32_t root = 0;
  const JET_ERR err = space_->CreateTree(spec, &root);
  if (err < 0) {
    return err;
  }
  return BTree::Open(cache_.get(), id_, root, objid, tree);
}

JET_ERR WriteDb::FlushAndRead(Bytes* image) {
  JET_ERR err = cache_->FlushFile(id_);
  if (err < 0) {
    return err;
  }
  uint64_t size = 0;
  err = file_->Size(&size);
  if (err < 0) {
    return err;
  }
  image->assign(size, 0);
  size_t read = 0;
  return file_->ReadAt(0, image->data(), image->size(), &read);
}

std::string VerifyChecksums(const Bytes& image, size_t page_size) {
  const size_t pages = image.size() / page_size;
  for (size_t n = 2; n < pages; ++n) {
    const auto page = std::span<const uint8_t>(image).subspan(n * page_size, page_size);
    if (IsAllZero(page)) {
      continue;
    }
    const uint32_t pgno = static_cast<uint32_t>(n - 1);
    if (VerifyPageChecksum(page, pgno, nullptr) < 0) {
      return "checksum of page " + std::to_string(pgno);
    }
  }
  return "";
}

std::string Replay(const std::vector<PageOperation>& ops, size_t page_size, Bytes* image,
                   size_t* applied, size_t* skipped) {
  *applied = 0;
  *skipped = 0;
  std::vector<uint32_t> touched;
  for (const PageOperation& op : ops) {
    const size_t end = (size_t{op.pgno} + 2) * page_size;
    if (image->size() < end) {
      image->resize(end, 0);
    }
    auto page = std::span<uint8_t>(*image).subspan((size_t{op.pgno} + 1) * page_size, page_size);
    RedoOutcome outcome;
    const JET_ERR err = RedoPageOperation(op, page, &outcome);
    if (err < 0) {
      return "redo " + op.ToString() + ": " + std::to_string(err);
    }
    (outcome == RedoOutcome::kApplied ? *applied : *skipped) += 1;
    touched.push_back(op.pgno);
  }
  for (const uint32_t pgno : touched) {
    auto page = std::span<uint8_t>(*image).subspan((size_t{pgno} + 1) * page_size, page_size);
    if (SetPageChecksum(page, pgno) < 0) {
      return "seal " + std::to_string(pgno);
    }
  }
  return "";
}

namespace {

using Key = std::vector<uint8_t>;

struct Walker {
  const BTree& tree;
  TreeShape* shape;
  std::string error;
  int leaf_depth = -1;
  std::vector<uint32_t> leaves;
  std::vector<std::pair<uint32_t, uint32_t>> links;  // prev, next per leaf

  // Key of a node in the order descents use (key || data on non-unique).
  Key Ordered(const Node& n) const {
    Key k = n.Key();
    if (!tree.unique()) k.insert(k.end(), n.data.begin(), n.data.end());
    return k;
  }

  void Fail(const std::string& what, uint32_t pgno) {
    if (error.empty()) error = what + " on page " + std::to_string(pgno);
  }

  // lo <= keys < hi (nullopt: unbounded).
  void Walk(uint32_t pgno, int depth, const std::optional<Key>& lo, const std::optional<Key>& hi) {
    if (!error.empty()) return;
    if (depth > 16) return Fail("too deep", pgno);
    TreePage page;
    JET_ERR err = TreePage::Latch(tree.cache(), tree.file(), pgno, PageHint::kNormal, &page);
    if (err < 0) return Fail("latch " + std::to_string(err), pgno);
    shape->pages.push_back(pgno);
    const PageHeader& h = page.header();
    if (h.objid_fdp != tree.objid()) return Fail("objid", pgno);
    if (page.Has(kPageFlagRoot) != (depth == 0)) return Fail("root flag", pgno);
    if (page.Has(kPageFlagEmpty)) return Fail("empty flag", pgno);
    const int lines = page.line_count();
    if (page.Has(kPageFlagLeaf)) {
      if (leaf_depth < 0) leaf_depth = depth;
      if (leaf_depth != depth) return Fail("leaf level", pgno);
      if (page.Has(kPageFlagParentOfLeaf)) return Fail("leaf with parent flag", pgno);
      if (depth > 0 && lines == 0) return Fail("empty leaf", pgno);
      for (int i = 0; i < lines; ++i) {
        const Key k = Ordered(page.line(i));
        if (i > 0) {
          const Node a = page.line(i - 1);
          const Node b = page.line(i);
          int c = CompareConcat(a.prefix, a.suffix, b.prefix, b.suffix);
          if (c == 0 && !tree.unique()) c = CompareKeys(a.data, b.data);
          if (c >= 0) return Fail("leaf order", pgno);
        }
        if (lo && CompareKeys(k, *lo) < 0) return Fail("below separator", pgno);
        if (hi && CompareKeys(k, *hi) >= 0) return Fail("above separator", pgno);
      }
      leaves.push_back(pgno);
      links.emplace_back(h.pgno_prev, h.pgno_next);
      return;
    }
    if (h.pgno_prev != 0 || h.pgno_next != 0) return Fail("internal links", pgno);
    if (lines == 0) return Fail("empty internal", pgno);
    std::vector<std::pair<uint32_t, std::pair<std::optional<Key>, std::optional<Key>>>> kids;
    std::optional<Key> left = lo;
    for (int i = 0; i < lines; ++i) {
      const Node n = page.line(i);
      if (n.data.size() != 4) return Fail("child pointer", pgno);
      const uint32_t child = LoadLE32(n.data.data());
      std::optional<Key> right = hi;
      if (i < lines - 1) {
        right = n.Key();
        if (left && CompareKeys(*left, *right) >= 0) return Fail("separator order", pgno);
        if (hi && CompareKeys(*right, *hi) > 0) return Fail("separator above bound", pgno);
      } else if (depth == 0 && n.KeySize() != 0) {
        return Fail("root's last key not empty", pgno);
      }
      kids.push_back({child, {left, right}});
      left = right;
    }
    const bool parent_of_leaf = page.Has(kPageFlagParentOfLeaf);
    page.Release();  // the walk holds one latch at a time
    for (const auto& kid : kids) {
      Walk(kid.first, depth + 1, kid.second.first, kid.second.second);
      if (!error.empty()) return;
      if (parent_of_leaf != (leaf_depth == depth + 1)) return Fail("parent-of-leaf flag", pgno);
    }
  }
};

}  // namespace

std::string CheckTree(const BTree& tree, TreeShape* shape) {
  *shape = TreeShape();
  Walker w{tree, shape, "", -1, {}, {}};
  w.Walk(tree.root_pgno(), 0, std::nullopt, std::nullopt);
  if (!w.error.empty()) return w.error;
  for (size_t i = 0; i < w.leaves.size(); ++i) {
    const uint32_t prev = i == 0 ? 0 : w.leaves[i - 1];
    const uint32_t next = i + 1 == w.leaves.size() ? 0 : w.leaves[i + 1];
    if (w.leaves.size() == 1 && w.leaf_depth == 0) break;  // root leaf: no links
    if (w.links[i].first != prev || w.links[i].second != next) {
      return "sibling links of page " + std::to_string(w.leaves[i]);
    }
  }
  shape->levels = w.leaf_depth + 1;
  shape->leaves = w.leaves.size();
  return "";
}

uint64_t TestSeed(uint64_t fallback) {
  const char* env = std::getenv("JETSVC_TEST_SEED");
  if (env != nullptr && *env != '\0') {
    return std::strtoull(env, nullptr, 0);
  }
  return fallback;
}

}  // namespace jet::write_test
