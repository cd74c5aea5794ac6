// Database pages: the page header (PGHDR, 40 bytes, for 4/8 KiB pages;
// PGHDR2, 80 bytes, for 16/32 KiB pages), the page flags, the tag array at the
// end of the page, the external header (tag 0) and the B-tree nodes in the
// other tags (edb-format §5, §6; ese-facts §4.5; docs/formats/page.md).
//
// PageView validates a whole page before anything reads from it, so no byte
// pattern can make a later access go outside the page. ValidatePage() adds
// the checksum and page-number checks in the order ESE applies them.

#ifndef JETSVC_ENGINE_FORMAT_PAGE_H_
#define JETSVC_ENGINE_FORMAT_PAGE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "esent.h"
#include "format/checksum.h"
#include "format/primitives.h"

namespace jet {

inline constexpr size_t kPageHeaderSize = 40;       // PGHDR
inline constexpr size_t kLargePageHeaderSize = 80;  // PGHDR2
inline constexpr size_t kTagSize = 4;

// PGHDR field offsets.
inline constexpr size_t kPageOffChecksum = 0;
inline constexpr size_t kPageOffDbtimeDirtied = 8;
inline constexpr size_t kPageOffPgnoPrev = 16;
inline constexpr size_t kPageOffPgnoNext = 20;
inline constexpr size_t kPageOffObjidFdp = 24;
inline constexpr size_t kPageOffCbFree = 28;
inline constexpr size_t kPageOffCbUncommittedFree = 30;
inline constexpr size_t kPageOffIbMicFree = 32;
inline constexpr size_t kPageOffItagMicFree = 34;
inline constexpr size_t kPageOffFlags = 36;
// PGHDR2 additions.
inline constexpr size_t kPageOffBlockChecksums = 40;
inline constexpr size_t kPageOffPgno = 64;
inline constexpr size_t kPageOffReserved = 68;

static_assert(kPageOffFlags + 4 == kPageHeaderSize);
static_assert(kPageOffBlockChecksums == kBlockChecksumsOffset);
static_assert(kPageOffReserved + 12 == kLargePageHeaderSize);

// Page flags (fFlags; names from ESE's cpage.hxx).
inline constexpr uint32_t kPageFlagRoot = 0x0001;
inline constexpr uint32_t kPageFlagLeaf = 0x0002;
inline constexpr uint32_t kPageFlagParentOfLeaf = 0x0004;
inline constexpr uint32_t kPageFlagEmpty = 0x0008;
inline constexpr uint32_t kPageFlagRepair = 0x0010;
inline constexpr uint32_t kPageFlagSpaceTree = 0x0020;
inline constexpr uint32_t kPageFlagIndex = 0x0040;
inline constexpr uint32_t kPageFlagLongValue = 0x0080;
inline constexpr uint32_t kPageFlagNonUniqueKeys = 0x0400;
inline constexpr uint32_t kPageFlagNewRecordFormat = 0x0800;
inline constexpr uint32_t kPageFlagNewChecksum = kPageFlagNewChecksumFormat;
inline constexpr uint32_t kPageFlagScrubbed = 0x4000;
inline constexpr uint32_t kPageFlagFlushTypeMask = 0x18000;
inline constexpr uint32_t kPageFlagPreInit = 0x20000;

// Node flags: the 3 high bits of the tag's ib (4/8 KiB pages) or of the
// node's first 16-bit word (16/32 KiB pages).
inline constexpr uint8_t kNodeFlagVersion = 0x1;
inline constexpr uint8_t kNodeFlagDeleted = 0x2;
inline constexpr uint8_t kNodeFlagCompressed = 0x4;

// Key lengths in a node (cbPrefix, cbSuffix) use the low 13 bits.
inline constexpr uint16_t kNodeKeyLengthMask = 0x1fff;
// The root of a space tree keeps a SPLIT_BUFFER in front of the prefix in
// its external header.
inline constexpr size_t kSplitBufferSize = 16;

// 40 for 4/8 KiB pages, 80 for 16/32 KiB pages.
inline size_t PageHeaderSize(size_t page_size) {
  return IsLargePage(page_size) ? kLargePageHeaderSize : kPageHeaderSize;
}

struct PageHeader {
  uint64_t checksum = 0;
  DbTime dbtime_dirtied = 0;
  uint32_t pgno_prev = 0;
  uint32_t pgno_next = 0;
  uint32_t objid_fdp = 0;
  uint16_t cb_free = 0;
  uint16_t cb_uncommitted_free = 0;
  uint16_t ib_mic_free = 0;    // end of used data, from the end of the header
  uint16_t itag_mic_free = 0;  // number of tags (itagState)
  uint32_t flags = 0;
  // PGHDR2 only (16/32 KiB pages); zero otherwise.
  std::array<uint64_t, 3> block_checksums{};
  uint32_t pgno = 0;
  std::array<uint8_t, 12> reserved{};

  bool Has(uint32_t flag) const { return (flags & flag) != 0; }
  friend bool operator==(const PageHeader&, const PageHeader&) = default;
};

// Reads / writes the header of `page`, whose size (a valid page size)
// decides between PGHDR and PGHDR2. JET_errInvalidParameter otherwise.
[[nodiscard]] JET_ERR DecodePageHeader(std::span<const uint8_t> page, PageHeader* out);
[[nodiscard]] JET_ERR EncodePageHeader(const PageHeader& header, std::span<uint8_t> page);

// One entry of the tag array. `cb` and `ib` are already masked (13 bits on
// 4/8 KiB pages, 15 bits on 16/32 KiB pages); `ib` counts from the end of the
// page header.
struct Tag {
  uint16_t cb = 0;
  uint16_t ib = 0;
  uint8_t flags = 0;  // node flags; see above for where they live
};

// A B-tree node: [cbPrefix u16 if compressed][cbSuffix u16][suffix][data].
// The key is the first cbPrefix bytes of the page's prefix (from the external
// header) followed by the suffix.
struct Node {
  uint8_t flags = 0;
  uint16_t cb_prefix = 0;           // as stored; 0 if not compressed
  std::span<const uint8_t> prefix;  // the bytes cb_prefix refers to
  std::span<const uint8_t> suffix;
  std::span<const uint8_t> data;

  size_t KeySize() const { return prefix.size() + suffix.size(); }
  std::vector<uint8_t> Key() const;
  bool IsDeleted() const { return (flags & kNodeFlagDeleted) != 0; }
  bool IsVersioned() const { return (flags & kNodeFlagVersion) != 0; }
};

// Parses one node line. `prefix_source` is what the node's prefix refers to
// (PageView::PrefixSource()); `ignore_prefix` is set on FDP root pages, where
// ESE takes no prefix even from a node marked compressed. Returns
// JET_errDatabaseCorrupted when the counts do not fit inside `line`.
[[nodiscard]] JET_ERR ParseNode(std::span<const uint8_t> line, uint8_t flags,
                                std::span<const uint8_t> prefix_source, bool ignore_prefix,
                                Node* out);

// The line bytes of a node with the given key suffix and data, compressed
// (a cbPrefix field first) when `cb_prefix` > 0; also sets *flags'
// compressed bit accordingly. JET_errInvalidParameter if a length does not
// fit in 13 bits.
[[nodiscard]] JET_ERR EncodeNode(uint16_t cb_prefix, std::span<const uint8_t> suffix,
                                 std::span<const uint8_t> data, std::vector<uint8_t>* line,
                                 uint8_t* flags);

// A read-only, validated view of one page. Open() checks the whole page;
// afterwards every accessor is in bounds. The view borrows the bytes.
class PageView {
 public:
  PageView() = default;

  // Validates `page` (checksum excluded; see ValidatePage()). Errors:
  //   JET_errInvalidParameter   `page.size()` is not a valid page size
  //   JET_errPageNotInitialized all zeros
  //   JET_errBadPageLink        a non-leaf page with sibling links, or a
  //                             page linked to itself
  //   JET_errReadPgnoVerifyFailure  a 16/32 KiB page naming another pgno
  //   JET_errDatabaseCorrupted  anything else inconsistent: header counts,
  //                             flags, tags outside the data area or
  //                             overlapping, free-space accounting, nodes
  // `pgno` 0 means "unknown" and skips the checks that need it.
  [[nodiscard]] static JET_ERR Open(std::span<const uint8_t> page, uint32_t pgno, PageView* view);
  [[nodiscard]] static JET_ERR Open(std::span<const uint8_t> page, PageView* view) {
    return Open(page, 0, view);
  }

  const PageHeader& header() const { return header_; }
  std::span<const uint8_t> bytes() const { return page_; }
  size_t page_size() const { return page_.size(); }
  bool large() const { return IsLargePage(page_.size()); }
  bool Has(uint32_t flag) const { return header_.Has(flag); }

  // Tags, counting the external header as tag 0.
  int tag_count() const { return header_.itag_mic_free; }
  Tag tag(int itag) const { return tags_[static_cast<size_t>(itag)]; }
  std::span<const uint8_t> TagData(int itag) const;

  // Tag 0: the root's space header, or a non-root page's key prefix.
  std::span<const uint8_t> ExternalHeader() const;
  // What a compressed node's prefix refers to (ESE's NDIGetKeydataflags).
  std::span<const uint8_t> PrefixSource() const;

  // Nodes are the tags after tag 0: line i is tag i + 1.
  int line_count() const { return tag_count() > 0 ? tag_count() - 1 : 0; }
  Node line(int iline) const;

  // Bytes of free space (cbFree) and of free space in one piece (between
  // ibMicFree and the tag array).
  size_t FreeBytes() const { return header_.cb_free; }
  size_t ContiguousFreeBytes() const;
  size_t DataAreaSize() const;

 private:
  std::span<const uint8_t> page_;
  PageHeader header_;
  std::vector<Tag> tags_;
};

// The page checks ESE runs on a page read from disk, in its order: all-zero
// (JET_errPageNotInitialized), checksum with optional single-bit correction
// (VerifyPageChecksum()), page number, then the structure (PageView::Open()).
// On success *view (if not null) views `page`. `pgno_max` is the highest
// page number of the file, if known (see VerifyPageChecksum()).
struct PageValidation {
  PageChecksumReport checksum;
};
[[nodiscard]] JET_ERR ValidatePage(std::span<uint8_t> page, uint32_t pgno, bool correct,
                                   PageValidation* result, PageView* view, uint32_t pgno_max = 0);

}  // namespace jet

#endif  // JETSVC_ENGINE_FORMAT_PAGE_H_
