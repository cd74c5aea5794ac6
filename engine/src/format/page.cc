#include "format/page.h"

#include <algorithm>
#include <utility>

#include "format/endian.h"

namespace jet {

namespace {

constexpr uint16_t kSmallTagMask = 0x1fff;  // 13-bit cb / ib, 4/8 KiB pages
constexpr uint16_t kLargeTagMask = 0x7fff;  // 15-bit cb / ib, 16/32 KiB
constexpr int kTagFlagShift = 13;

// The raw 4-byte tag `itag`, counted backwards from the end of the page.
void LoadRawTag(std::span<const uint8_t> page, int itag, uint16_t* cb, uint16_t* ib) {
  const size_t at = page.size() - kTagSize * (static_cast<size_t>(itag) + 1);
  *cb = LoadLE16(page.data() + at);
  *ib = LoadLE16(page.data() + at + 2);
}

}  // namespace

JET_ERR DecodePageHeader(std::span<const uint8_t> page, PageHeader* out) {
  if (!IsValidPageSize(page.size())) {
    return JET_errInvalidParameter;
  }
  const uint8_t* p = page.data();
  PageHeader h;
  h.checksum = LoadLE64(p + kPageOffChecksum);
  h.dbtime_dirtied = static_cast<DbTime>(LoadLE64(p + kPageOffDbtimeDirtied));
  h.pgno_prev = LoadLE32(p + kPageOffPgnoPrev);
  h.pgno_next = LoadLE32(p + kPageOffPgnoNext);
  h.objid_fdp = LoadLE32(p + kPageOffObjidFdp);
  h.cb_free = LoadLE16(p + kPageOffCbFree);
  h.cb_uncommitted_free = LoadLE16(p + kPageOffCbUncommittedFree);
  h.ib_mic_free = LoadLE16(p + kPageOffIbMicFree);
  h.itag_mic_free = LoadLE16(p + kPageOffItagMicFree);
  h.flags = LoadLE32(p + kPageOffFlags);
  if (IsLargePage(page.size())) {
    for (size_t i = 0; i < h.block_checksums.size(); ++i) {
      h.block_checksums[i] = LoadLE64(p + kPageOffBlockChecksums + 8 * i);
    }
    h.pgno = LoadLE32(p + kPageOffPgno);
    for (size_t i = 0; i < h.reserved.size(); ++i) {
      h.reserved[i] = p[kPageOffReserved + i];
    }
  }
  *out = h;
  return JET_errSuccess;
}

JET_ERR EncodePageHeader(const PageHeader& h, std::span<uint8_t> page) {
  if (!IsValidPageSize(page.size())) {
    return JET_errInvalidParameter;
  }
  uint8_t* p = page.data();
  StoreLE64(p + kPageOffChecksum, h.checksum);
  StoreLE64(p + kPageOffDbtimeDirtied, static_cast<uint64_t>(h.dbtime_dirtied));
  StoreLE32(p + kPageOffPgnoPrev, h.pgno_prev);
  StoreLE32(p + kPageOffPgnoNext, h.pgno_next);
  StoreLE32(p + kPageOffObjidFdp, h.objid_fdp);
  StoreLE16(p + kPageOffCbFree, h.cb_free);
  StoreLE16(p + kPageOffCbUncommittedFree, h.cb_uncommitted_free);
  StoreLE16(p + kPageOffIbMicFree, h.ib_mic_free);
  StoreLE16(p + kPageOffItagMicFree, h.itag_mic_free);
  StoreLE32(p + kPageOffFlags, h.flags);
  if (IsLargePage(page.size())) {
    for (size_t i = 0; i < h.block_checksums.size(); ++i) {
      StoreLE64(p + kPageOffBlockChecksums + 8 * i, h.block_checksums[i]);
    }
    StoreLE32(p + kPageOffPgno, h.pgno);
    for (size_t i = 0; i < h.reserved.size(); ++i) {
      p[kPageOffReserved + i] = h.reserved[i];
    }
  }
  return JET_errSuccess;
}

std::vector<uint8_t> Node::Key() const {
  std::vector<uint8_t> key(prefix.begin(), prefix.end());
  key.insert(key.end(), suffix.begin(), suffix.end());
  return key;
}

JET_ERR ParseNode(std::span<const uint8_t> line, uint8_t flags,
                  std::span<const uint8_t> prefix_source, bool ignore_prefix, Node* out) {
  Node n;
  n.flags = flags;
  size_t at = 0;
  if ((flags & kNodeFlagCompressed) != 0) {
    if (line.size() < 2) {
      return JET_errDatabaseCorrupted;
    }
    n.cb_prefix = LoadLE16(line.data()) & kNodeKeyLengthMask;
    at = 2;
    if (!ignore_prefix) {
      if (n.cb_prefix > prefix_source.size()) {
        return JET_errDatabaseCorrupted;
      }
      n.prefix = prefix_source.first(n.cb_prefix);
    }
  }
  if (line.size() - at < 2) {
    return JET_errDatabaseCorrupted;
  }
  const uint16_t cb_suffix = LoadLE16(line.data() + at) & kNodeKeyLengthMask;
  at += 2;
  if (cb_suffix > line.size() - at) {
    return JET_errDatabaseCorrupted;
  }
  n.suffix = line.subspan(at, cb_suffix);
  n.data = line.subspan(at + cb_suffix);
  *out = n;
  return JET_errSuccess;
}

JET_ERR EncodeNode(uint16_t cb_prefix, std::span<const uint8_t> suffix,
                   std::span<const uint8_t> data, std::vector<uint8_t>* line, uint8_t* flags) {
  if (cb_prefix > kNodeKeyLengthMask || suffix.size() > kNodeKeyLengthMask) {
    return JET_errInvalidParameter;
  }
  line->clear();
  uint8_t count[2];
  if (cb_prefix > 0) {
    StoreLE16(count, cb_prefix);
    line->insert(line->end(), count, count + 2);
    *flags = static_cast<uint8_t>(*flags | kNodeFlagCompressed);
  } else {
    *flags = static_cast<uint8_t>(*flags & ~kNodeFlagCompressed);
  }
  StoreLE16(count, static_cast<uint16_t>(suffix.size()));
  line->insert(line->end(), count, count + 2);
  line->insert(line->end(), suffix.begin(), suffix.end());
  line->insert(line->end(), data.begin(), data.end());
  return JET_errSuccess;
}

// ---- PageView -------------------------------------------------------------

size_t PageView::DataAreaSize() const { return page_.size() - PageHeaderSize(page_.size()); }

size_t PageView::ContiguousFreeBytes() const {
  return DataAreaSize() - header_.ib_mic_free -
         kTagSize * static_cast<size_t>(header_.itag_mic_free);
}

std::span<const uint8_t> PageView::TagData(int itag) const {
  const Tag& t = tags_[static_cast<size_t>(itag)];
  return page_.subspan(PageHeaderSize(page_.size()) + t.ib, t.cb);
}

std::span<const uint8_t> PageView::ExternalHeader() const {
  if (tag_count() == 0) {
    return {};
  }
  return TagData(0);
}

std::span<const uint8_t> PageView::PrefixSource() const {
  const std::span<const uint8_t> ext = ExternalHeader();
  if (!Has(kPageFlagRoot)) {
    return ext;
  }
  if (Has(kPageFlagSpaceTree)) {
    return ext.size() > kSplitBufferSize ? ext.subspan(kSplitBufferSize)
                                         : std::span<const uint8_t>();
  }
  return {};
}

Node PageView::line(int iline) const {
  Node n;
  const int itag = iline + 1;
  // Cannot fail: Open() parsed every line with the same arguments.
  (void)ParseNode(TagData(itag), tags_[static_cast<size_t>(itag)].flags, PrefixSource(),
                  Has(kPageFlagRoot) && !Has(kPageFlagSpaceTree), &n);
  return n;
}

JET_ERR PageView::Open(std::span<const uint8_t> page, uint32_t pgno, PageView* view) {
  if (!IsValidPageSize(page.size())) {
    return JET_errInvalidParameter;
  }
  if (IsAllZero(page)) {
    return JET_errPageNotInitialized;
  }

  PageView v;
  v.page_ = page;
  JET_ERR err = DecodePageHeader(page, &v.header_);
  if (err < 0) {
    return err;
  }
  const PageHeader& h = v.header_;
  const bool large = IsLargePage(page.size());
  const size_t data_size = v.DataAreaSize();

  // Header counts (ESE's CPAGE::ErrCheckPage).
  if (h.cb_free > data_size) {
    return JET_errDatabaseCorrupted;
  }
  if (h.cb_uncommitted_free > h.cb_free) {
    return JET_errDatabaseCorrupted;
  }
  if (h.ib_mic_free > data_size) {
    return JET_errDatabaseCorrupted;
  }
  if (h.itag_mic_free >= data_size / kTagSize) {
    return JET_errDatabaseCorrupted;
  }
  // Used data may not run into the tag array.
  if (h.ib_mic_free + kTagSize * h.itag_mic_free > data_size) {
    return JET_errDatabaseCorrupted;
  }

  // Flags that cannot go together.
  if (h.Has(kPageFlagEmpty) && h.Has(kPageFlagPreInit)) {
    return JET_errDatabaseCorrupted;
  }
  if (h.Has(kPageFlagLeaf) && h.Has(kPageFlagParentOfLeaf)) {
    return JET_errDatabaseCorrupted;
  }
  if (h.Has(kPageFlagIndex) && h.Has(kPageFlagLongValue)) {
    return JET_errDatabaseCorrupted;
  }
  if (h.itag_mic_free == 0 && !h.Has(kPageFlagEmpty) && !h.Has(kPageFlagPreInit)) {
    return JET_errDatabaseCorrupted;
  }
  if (h.Has(kPageFlagPreInit) && (h.itag_mic_free != 0 || h.pgno_prev != 0 || h.pgno_next != 0)) {
    return JET_errDatabaseCorrupted;
  }

  // Sibling links: only leaves are chained, and never to themselves.
  if (!h.Has(kPageFlagLeaf) && !h.Has(kPageFlagEmpty) && (h.pgno_prev != 0 || h.pgno_next != 0)) {
    return JET_errBadPageLink;
  }
  if (pgno != 0 && (h.pgno_prev == pgno || h.pgno_next == pgno)) {
    return JET_errBadPageLink;
  }
  if (large && pgno != 0 && h.pgno != pgno) {
    return JET_errReadPgnoVerifyFailure;
  }

  // The tag array.
  const uint16_t mask = large ? kLargeTagMask : kSmallTagMask;
  const size_t header_size = PageHeaderSize(page.size());
  v.tags_.resize(h.itag_mic_free);
  std::vector<std::pair<uint32_t, uint32_t>> extents;  // (ib, end)
  extents.reserve(h.itag_mic_free);
  size_t cb_total = 0;
  for (int itag = 0; itag < h.itag_mic_free; ++itag) {
    uint16_t raw_cb = 0;
    uint16_t raw_ib = 0;
    LoadRawTag(page, itag, &raw_cb, &raw_ib);
    Tag t;
    t.cb = raw_cb & mask;
    t.ib = raw_ib & mask;
    if (t.cb == 0 && itag != 0) {
      return JET_errDatabaseCorrupted;
    }
    if (static_cast<uint32_t>(t.ib) + t.cb > h.ib_mic_free) {
      return JET_errDatabaseCorrupted;
    }
    if (!large) {
      t.flags = static_cast<uint8_t>(raw_ib >> kTagFlagShift);
    } else if (itag != 0 && t.cb >= 2) {
      // 16/32 KiB pages keep the node flags in the node's first word.
      t.flags = static_cast<uint8_t>(LoadLE16(page.data() + header_size + t.ib) >> kTagFlagShift);
    }
    cb_total += t.cb;
    if (t.cb > 0) {
      extents.emplace_back(t.ib, t.ib + t.cb);
    }
    v.tags_[static_cast<size_t>(itag)] = t;
  }
  std::sort(extents.begin(), extents.end());
  for (size_t i = 1; i < extents.size(); ++i) {
    if (extents[i - 1].second > extents[i].first) {
      return JET_errDatabaseCorrupted;  // tags overlap
    }
  }
  // Every byte of the data area is a tag's, free, or the tag array.
  if (cb_total + h.cb_free + kTagSize * h.itag_mic_free != data_size) {
    return JET_errDatabaseCorrupted;
  }

  // The nodes.
  const std::span<const uint8_t> prefix_source = v.PrefixSource();
  const bool ignore_prefix = h.Has(kPageFlagRoot) && !h.Has(kPageFlagSpaceTree);
  for (int itag = 1; itag < h.itag_mic_free; ++itag) {
    Node n;
    err = ParseNode(v.TagData(itag), v.tags_[static_cast<size_t>(itag)].flags, prefix_source,
                    ignore_prefix, &n);
    if (err < 0) {
      return err;
    }
  }

  *view = std::move(v);
  return JET_errSuccess;
}

JET_ERR ValidatePage(std::span<uint8_t> page, uint32_t pgno, bool correct, PageValidation* result,
                     PageView* view, uint32_t pgno_max) {
  PageValidation local;
  if (result == nullptr) {
    result = &local;
  }
  *result = PageValidation{};
  JET_ERR err = VerifyPageChecksum(page, pgno, correct, &result->checksum, pgno_max);
  if (err < 0) {
    return err;
  }
  PageView parsed;
  err = PageView::Open(std::span<const uint8_t>(page), pgno, &parsed);
  if (err < 0) {
    return err;
  }
  if (view != nullptr) {
    *view = std::move(parsed);
  }
  return JET_errSuccess;
}

}  // namespace jet
