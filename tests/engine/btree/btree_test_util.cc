#include "btree_test_util.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "format/checksum.h"
#include "format/endian.h"
#include "format/page.h"
#include "pageop/apply.h"
#include "pageop/page_operation.h"
#include "pageop/split_merge.h"

namespace jet::btree_test {

std::unique_ptr<TestDb> TestDb::Open(const Bytes& image, size_t page_size, Options options) {
  std::unique_ptr<TestDb> db(new TestDb());
  db->page_size_ = page_size;
  FileOptions file_options;
  file_options.create = true;
  if (db->env_.OpenFile("test.edb", file_options, &db->file_) < 0) return nullptr;
  if (db->file_->WriteAt(0, image.data(), image.size()) < 0) return nullptr;
  PageCacheOptions cache_options;
  cache_options.page_size = page_size;
  cache_options.capacity_pages = options.capacity_pages;
  cache_options.prefetch_threads = options.prefetch_threads;
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

JET_ERR ScanForward(const BTree& tree, std::vector<Row>* rows, CursorOptions options) {
  Cursor cursor(tree, options);
  JET_ERR err = cursor.MoveFirst();
  while (err >= 0) {
    const auto data = cursor.Data();
    rows->push_back({Bytes(cursor.Key().begin(), cursor.Key().end()),
                     Bytes(data.begin(), data.end()), cursor.NodeFlags(), cursor.pgno()});
    err = cursor.MoveNext();
  }
  return err;
}

JET_ERR ScanBackward(const BTree& tree, std::vector<Row>* rows, CursorOptions options) {
  Cursor cursor(tree, options);
  JET_ERR err = cursor.MoveLast();
  while (err >= 0) {
    const auto data = cursor.Data();
    rows->push_back({Bytes(cursor.Key().begin(), cursor.Key().end()),
                     Bytes(data.begin(), data.end()), cursor.NodeFlags(), cursor.pgno()});
    err = cursor.MovePrev();
  }
  return err;
}

void Reseal(Bytes& image, uint32_t pgno, size_t page_size) {
  if (SetPageChecksum(PageOf(image, pgno, page_size), pgno) < 0) std::abort();
}

namespace {

struct Child {
  Bytes first;  // the first key (with data on non-unique trees) under it
  uint32_t pgno;
};

Bytes PgnoBytes(uint32_t pgno) {
  Bytes b(4);
  StoreLE32(b.data(), pgno);
  return b;
}

}  // namespace

BuiltTree BuildTree(const BuildSpec& spec, const std::vector<Entry>& entries) {
  BuiltTree built;
  std::map<uint32_t, Bytes> pages;
  uint32_t next_pgno = spec.first_pgno;
  const bool non_unique = (spec.extra_flags & kPageFlagNonUniqueKeys) != 0;
  const size_t data_area = spec.page_size - PageHeaderSize(spec.page_size);

  auto write_page = [&](uint32_t pgno, uint32_t flags, uint32_t prev, uint32_t next, Bytes ext,
                        std::vector<NodeImage> nodes) {
    Bytes page(spec.page_size, 0);
    const PageOperation op =
        PageOperation::NewPage(flags, spec.objid, prev, next, std::move(ext), std::move(nodes))
            .At(1, pgno, 0, 1);
    if (ApplyPageOperation(op, page) < 0) std::abort();
    if (SetPageChecksum(page, pgno) < 0) std::abort();
    pages[pgno] = std::move(page);
  };
  // Lays out one level: groups of items into pages, as many per page as
  // `limit` and the page's room allow.
  struct Item {
    Bytes key;
    Bytes data;
    uint8_t flags;
  };
  auto pack = [&](const std::vector<Item>& items, size_t begin, int limit, bool root_page,
                  Bytes* prefix, std::vector<NodeImage>* nodes) {
    size_t count = std::min(items.size() - begin, static_cast<size_t>(limit));
    for (;; --count) {
      std::vector<std::vector<uint8_t>> keys;
      for (size_t i = 0; i < count; ++i) keys.push_back(items[begin + i].key);
      *prefix = root_page ? Bytes() : ChoosePrefix(keys);
      nodes->clear();
      size_t space = root_page ? 16 : prefix->size();
      for (size_t i = 0; i < count; ++i) {
        const Item& it = items[begin + i];
        nodes->push_back(MakeNodeImage(it.key, it.data, *prefix, it.flags));
        space += NodeImageSpace(nodes->back());
      }
      if (space + kTagSize <= data_area || count == 1) return count;
    }
  };

  const uint32_t base_flags = kPageFlagNewRecordFormat | spec.extra_flags;
  std::vector<Item> items;
  for (const Entry& e : entries) items.push_back({e.key, e.data, e.flags});

  // Does everything fit one root leaf?
  {
    Bytes prefix;
    std::vector<NodeImage> nodes;
    if (items.empty() || (static_cast<int>(items.size()) <= spec.leaf_lines &&
                          pack(items, 0, spec.leaf_lines, true, &prefix, &nodes) == items.size())) {
      write_page(spec.root_pgno, base_flags | kPageFlagRoot | kPageFlagLeaf, 0, 0, Bytes(16, 0),
                 nodes);
      built.levels = 1;
      built.leaves = {spec.root_pgno};
    }
  }
  if (built.levels == 0) {
    // Leaves.
    std::vector<Child> children;
    std::vector<std::pair<Bytes, std::vector<NodeImage>>> leaf_pages;
    for (size_t at = 0; at < items.size();) {
      Bytes prefix;
      std::vector<NodeImage> nodes;
      const size_t n = pack(items, at, spec.leaf_lines, false, &prefix, &nodes);
      Bytes first = items[at].key;
      if (non_unique) first.insert(first.end(), items[at].data.begin(), items[at].data.end());
      children.push_back({first, next_pgno++});
      leaf_pages.emplace_back(std::move(prefix), std::move(nodes));
      at += n;
    }
    for (size_t i = 0; i < children.size(); ++i) {
      write_page(children[i].pgno, base_flags | kPageFlagLeaf, i == 0 ? 0 : children[i - 1].pgno,
                 i + 1 == children.size() ? 0 : children[i + 1].pgno,
                 std::move(leaf_pages[i].first), std::move(leaf_pages[i].second));
      built.leaves.push_back(children[i].pgno);
    }
    built.levels = 1;
    // Internal levels until one page holds them all.
    bool parent_of_leaf = true;
    for (;;) {
      ++built.levels;
      const uint32_t level_flags = base_flags | (parent_of_leaf ? kPageFlagParentOfLeaf : 0);
      // Node j: the key above child j (the next child's first key).
      std::vector<Item> seps;
      for (size_t j = 0; j < children.size(); ++j) {
        seps.push_back({j + 1 < children.size() ? children[j + 1].first : Bytes(),
                        PgnoBytes(children[j].pgno), 0});
      }
      // One page?
      Bytes prefix;
      std::vector<NodeImage> nodes;
      if (static_cast<int>(seps.size()) <= spec.fanout &&
          pack(seps, 0, spec.fanout, true, &prefix, &nodes) == seps.size()) {
        nodes.back() = MakeNodeImage({}, PgnoBytes(children.back().pgno), {});
        write_page(spec.root_pgno, level_flags | kPageFlagRoot, 0, 0, Bytes(16, 0), nodes);
        break;
      }
      std::vector<Child> parents;
      for (size_t at = 0; at < seps.size();) {
        const size_t n = pack(seps, at, spec.fanout, false, &prefix, &nodes);
        if (spec.empty_last_key || at + n == seps.size()) {
          nodes.back() = MakeNodeImage({}, seps[at + n - 1].data, prefix);
        }
        const uint32_t pgno = next_pgno++;
        write_page(pgno, level_flags, 0, 0, prefix, nodes);
        parents.push_back({children[at].first, pgno});
        at += n;
      }
      children = std::move(parents);
      parent_of_leaf = false;
    }
  }
  built.max_pgno = std::max(spec.root_pgno, next_pgno);
  built.image.assign((size_t{built.max_pgno} + 2) * spec.page_size, 0);
  for (const auto& [pgno, page] : pages) {
    std::copy(
        page.begin(), page.end(),
        built.image.begin() + static_cast<std::ptrdiff_t>((size_t{pgno} + 1) * spec.page_size));
  }
  return built;
}

}  // namespace jet::btree_test
