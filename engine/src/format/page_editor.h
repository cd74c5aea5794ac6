// In-place edits of a database page that keep it valid: format a new page,
// set the external header, insert / replace / delete lines, change node
// flags, compact the data area, and seal the page with its checksum. These are
// the primitive page operations the B-tree's logged page operations apply;
// tests use them to build pages. Every method leaves a page that
// PageView::Open() accepts (the checksum aside, until Seal()).

#ifndef JETSVC_ENGINE_FORMAT_PAGE_EDITOR_H_
#define JETSVC_ENGINE_FORMAT_PAGE_EDITOR_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "esent.h"
#include "format/page.h"

namespace jet {

class PageEditor {
 public:
  // Header values of a freshly formatted page.
  struct NewPage {
    uint32_t pgno = 0;  // stored in PGHDR2 on 16/32 KiB pages
    uint32_t objid_fdp = 0;
    uint32_t flags = 0;
    DbTime dbtime = 0;
    uint32_t pgno_prev = 0;
    uint32_t pgno_next = 0;
  };

  PageEditor() = default;

  // Zeroes `page` and formats it with an empty external header and no lines.
  // JET_errInvalidParameter if `page.size()` is not a valid page size.
  [[nodiscard]] static JET_ERR Format(std::span<uint8_t> page, const NewPage& info,
                                      PageEditor* out);
  // Edits an existing page; fails as PageView::Open() does on a bad page.
  [[nodiscard]] static JET_ERR Attach(std::span<uint8_t> page, PageEditor* out);

  PageHeader header() const;
  int line_count() const;
  // Bytes an insert may use: cbFree less cbUncommittedFree. Inserting a line
  // of n bytes needs n + 4 (its tag).
  size_t UsableFreeBytes() const;

  void SetDbTime(DbTime dbtime);
  void SetFlags(uint32_t flags);
  void SetPgnoPrev(uint32_t pgno);
  void SetPgnoNext(uint32_t pgno);
  void SetObjidFdp(uint32_t objid);
  // JET_errInvalidParameter if more than cbFree.
  [[nodiscard]] JET_ERR SetCbUncommittedFree(uint16_t cb);

  // Line edits. `line` is a node's bytes (EncodeNode()); `flags` its node
  // flags. Lines are numbered from 0 (tag 1). Errors are
  // JET_errInvalidParameter: a line number out of range, an empty line, or no
  // room on the page (check UsableFreeBytes() first, as ESE does).
  [[nodiscard]] JET_ERR SetExternalHeader(std::span<const uint8_t> data);
  [[nodiscard]] JET_ERR Insert(int iline, std::span<const uint8_t> line, uint8_t flags);
  [[nodiscard]] JET_ERR Replace(int iline, std::span<const uint8_t> line, uint8_t flags);
  [[nodiscard]] JET_ERR Delete(int iline);
  [[nodiscard]] JET_ERR SetLineFlags(int iline, uint8_t flags);

  // Moves all line data together at the start of the data area, so the free
  // space is in one piece (and zeroed).
  void Reorganize();

  // Stores `pgno` (16/32 KiB pages) and the new-format checksum.
  [[nodiscard]] JET_ERR Seal(uint32_t pgno);

  std::span<uint8_t> bytes() const { return page_; }

 private:
  explicit PageEditor(std::span<uint8_t> page) : page_(page) {}

  size_t HeaderSize() const;
  size_t DataAreaSize() const;
  uint16_t TagCount() const;
  Tag ReadTag(int itag) const;
  void WriteTag(int itag, uint16_t cb, uint16_t ib, uint8_t flags);
  uint8_t* Data(uint16_t ib) const;
  // Finds room for `cb` bytes of data (compacting if needed) and returns
  // its ib. The caller has checked that cbFree covers it.
  uint16_t Allocate(size_t cb);
  void AddCbFree(long delta);

  std::span<uint8_t> page_;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_FORMAT_PAGE_EDITOR_H_
