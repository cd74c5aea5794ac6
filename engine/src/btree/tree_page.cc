#include "btree/tree_page.h"

#include <array>
#include <cstring>
#include <span>
#include <utility>
#include <vector>

#include "format/checksum.h"
#include "format/endian.h"

namespace jet {

PageVerifier EdbPageVerifier(uint32_t pgno_max) {
  return [pgno_max](const uint8_t* page, uint32_t pgno, size_t page_size) -> JET_ERR {
    return VerifyPageChecksum(std::span<const uint8_t>(page, page_size), pgno, nullptr, pgno_max);
  };
}

const PageView TreePage::kNoView;

namespace {

// The bytes a parse depends on, but for checksums (written when the page is
// flushed): the header from the dbtime on, and the tag array.
constexpr size_t kFingerprintFrom = kPageOffDbtimeDirtied;

size_t TagArrayBytes(const PageView& view) {
  return static_cast<size_t>(view.tag_count()) * kTagSize;
}

struct ParsedPage {
  const PageCache* cache = nullptr;
  CacheFileId file = kInvalidCacheFileId;
  uint32_t pgno = 0;
  const uint8_t* data = nullptr;
  std::vector<uint8_t> header;  // [kFingerprintFrom, kPageHeaderSize)
  std::vector<uint8_t> tags;    // the tag array, at the page's end
  std::shared_ptr<const PageView> view;
};

constexpr size_t kParsedPages = 16;

struct ParsedPages {
  std::array<ParsedPage, kParsedPages> entries;
  size_t next = 0;
};

thread_local ParsedPages t_parsed;

bool Matches(const ParsedPage& e, const PageCache* cache, CacheFileId file, uint32_t pgno,
             std::span<const uint8_t> page) {
  if (e.view == nullptr || e.pgno != pgno || e.data != page.data() || e.cache != cache ||
      e.file != file || e.view->page_size() != page.size()) {
    return false;
  }
  return std::memcmp(page.data() + kFingerprintFrom, e.header.data(), e.header.size()) == 0 &&
         std::memcmp(page.data() + page.size() - e.tags.size(), e.tags.data(), e.tags.size()) ==
             0;
}

// The validated view of a latched page, parsed now or found among this
// thread's recent parses.
JET_ERR ParsedView(const PageCache* cache, CacheFileId file, uint32_t pgno,
                   std::span<const uint8_t> page, std::shared_ptr<const PageView>* out) {
  ParsedPages& parsed = t_parsed;
  for (const ParsedPage& e : parsed.entries) {
    if (Matches(e, cache, file, pgno, page)) {
      *out = e.view;
      return JET_errSuccess;
    }
  }
  auto view = std::make_shared<PageView>();
  const JET_ERR err = PageView::Open(page, pgno, view.get());
  if (err < 0) {
    return err;
  }
  ParsedPage& e = parsed.entries[parsed.next];
  parsed.next = (parsed.next + 1) % kParsedPages;
  e.cache = cache;
  e.file = file;
  e.pgno = pgno;
  e.data = page.data();
  e.header.assign(page.begin() + kFingerprintFrom, page.begin() + kPageHeaderSize);
  e.tags.assign(page.end() - static_cast<std::ptrdiff_t>(TagArrayBytes(*view)), page.end());
  e.view = view;
  *out = std::move(view);
  return JET_errSuccess;
}

}  // namespace

JET_ERR TreePage::Latch(PageCache* cache, CacheFileId file, uint32_t pgno, PageHint hint,
                        TreePage* out) {
  out->Release();
  TreePage page;
  JET_ERR err = cache->ReadLatchPage(file, pgno, &page.latch_, hint);
  if (err < 0) {
    return err;
  }
  err = ParsedView(cache, file, pgno,
                   std::span<const uint8_t>(page.latch_.data(), cache->page_size()), &page.view_);
  if (err < 0) {
    return err;
  }
  page.pgno_ = pgno;
  *out = std::move(page);
  return JET_errSuccess;
}

JET_ERR TreePage::LatchIfUnchanged(PageCache* cache, CacheFileId file, uint32_t pgno,
                                   PageHint hint, DbTime dbtime,
                                   const std::shared_ptr<const PageView>& known, TreePage* out,
                                   bool* unchanged) {
  out->Release();
  *unchanged = false;
  TreePage page;
  JET_ERR err = cache->ReadLatchPage(file, pgno, &page.latch_, hint);
  if (err < 0) {
    return err;
  }
  const uint8_t* data = page.latch_.data();
  if (static_cast<DbTime>(LoadLE64(data + kPageOffDbtimeDirtied)) != dbtime) {
    return JET_errSuccess;
  }
  const std::span<const uint8_t> bytes(data, cache->page_size());
  if (known != nullptr && known->bytes().data() == data && known->page_size() == bytes.size()) {
    page.view_ = known;
  } else {
    err = ParsedView(cache, file, pgno, bytes, &page.view_);
    if (err < 0) {
      return err;
    }
  }
  page.pgno_ = pgno;
  *out = std::move(page);
  *unchanged = true;
  return JET_errSuccess;
}

std::shared_ptr<const PageView> TreePage::TakeViewAndRelease() {
  std::shared_ptr<const PageView> view = std::move(view_);
  Release();
  return view;
}

void TreePage::Release() {
  latch_.Release();
  view_.reset();
  pgno_ = 0;
}

}  // namespace jet
