#include "format/page_editor.h"

#include <cstring>
#include <vector>

#include "format/endian.h"

namespace jet {

namespace {

constexpr int kTagFlagShift = 13;
constexpr uint16_t kNodeFlagBitsMask = 0xe000;

}  // namespace

JET_ERR PageEditor::Format(std::span<uint8_t> page, const NewPage& info, PageEditor* out) {
  if (!IsValidPageSize(page.size())) {
    return JET_errInvalidParameter;
  }
  std::memset(page.data(), 0, page.size());
  PageHeader h;
  h.dbtime_dirtied = info.dbtime;
  h.pgno_prev = info.pgno_prev;
  h.pgno_next = info.pgno_next;
  h.objid_fdp = info.objid_fdp;
  h.flags = info.flags;
  h.pgno = IsLargePage(page.size()) ? info.pgno : 0;
  // One tag: the empty external header.
  h.itag_mic_free = 1;
  h.ib_mic_free = 0;
  h.cb_free = static_cast<uint16_t>(page.size() - PageHeaderSize(page.size()) - kTagSize);
  JET_ERR err = EncodePageHeader(h, page);
  if (err < 0) {
    return err;
  }
  *out = PageEditor(page);
  return JET_errSuccess;
}

JET_ERR PageEditor::Attach(std::span<uint8_t> page, PageEditor* out) {
  PageView view;
  JET_ERR err = PageView::Open(std::span<const uint8_t>(page), &view);
  if (err < 0) {
    return err;
  }
  *out = PageEditor(page);
  return JET_errSuccess;
}

PageHeader PageEditor::header() const {
  PageHeader h;
  (void)DecodePageHeader(page_, &h);  // the size was checked on creation
  return h;
}

size_t PageEditor::HeaderSize() const { return PageHeaderSize(page_.size()); }
size_t PageEditor::DataAreaSize() const { return page_.size() - HeaderSize(); }
uint16_t PageEditor::TagCount() const { return LoadLE16(page_.data() + kPageOffItagMicFree); }
int PageEditor::line_count() const { return TagCount() > 0 ? TagCount() - 1 : 0; }

size_t PageEditor::UsableFreeBytes() const {
  const uint16_t cb_free = LoadLE16(page_.data() + kPageOffCbFree);
  const uint16_t uncommitted = LoadLE16(page_.data() + kPageOffCbUncommittedFree);
  return cb_free > uncommitted ? static_cast<size_t>(cb_free - uncommitted) : 0;
}

void PageEditor::SetDbTime(DbTime dbtime) {
  StoreLE64(page_.data() + kPageOffDbtimeDirtied, static_cast<uint64_t>(dbtime));
}
void PageEditor::SetFlags(uint32_t flags) { StoreLE32(page_.data() + kPageOffFlags, flags); }
void PageEditor::SetPgnoPrev(uint32_t pgno) { StoreLE32(page_.data() + kPageOffPgnoPrev, pgno); }
void PageEditor::SetPgnoNext(uint32_t pgno) { StoreLE32(page_.data() + kPageOffPgnoNext, pgno); }
void PageEditor::SetObjidFdp(uint32_t objid) { StoreLE32(page_.data() + kPageOffObjidFdp, objid); }

JET_ERR PageEditor::SetCbUncommittedFree(uint16_t cb) {
  if (cb > LoadLE16(page_.data() + kPageOffCbFree)) {
    return JET_errInvalidParameter;
  }
  StoreLE16(page_.data() + kPageOffCbUncommittedFree, cb);
  return JET_errSuccess;
}

uint8_t* PageEditor::Data(uint16_t ib) const { return page_.data() + HeaderSize() + ib; }

Tag PageEditor::ReadTag(int itag) const {
  const uint8_t* raw = page_.data() + page_.size() - kTagSize * (static_cast<size_t>(itag) + 1);
  const uint16_t raw_cb = LoadLE16(raw);
  const uint16_t raw_ib = LoadLE16(raw + 2);
  Tag t;
  if (IsLargePage(page_.size())) {
    t.cb = raw_cb & 0x7fff;
    t.ib = raw_ib & 0x7fff;
    if (itag != 0 && t.cb >= 2) {
      t.flags = static_cast<uint8_t>(LoadLE16(Data(t.ib)) >> kTagFlagShift);
    }
  } else {
    t.cb = raw_cb & 0x1fff;
    t.ib = raw_ib & 0x1fff;
    t.flags = static_cast<uint8_t>(raw_ib >> kTagFlagShift);
  }
  return t;
}

void PageEditor::WriteTag(int itag, uint16_t cb, uint16_t ib, uint8_t flags) {
  uint8_t* raw = page_.data() + page_.size() - kTagSize * (static_cast<size_t>(itag) + 1);
  StoreLE16(raw, cb);
  if (IsLargePage(page_.size())) {
    StoreLE16(raw + 2, ib);
    if (itag != 0 && cb >= 2) {
      uint8_t* first = Data(ib);
      const uint16_t word = static_cast<uint16_t>((LoadLE16(first) & ~kNodeFlagBitsMask) |
                                                  ((flags & 0x7) << kTagFlagShift));
      StoreLE16(first, word);
    }
  } else {
    StoreLE16(raw + 2,
              static_cast<uint16_t>(ib | ((itag != 0 ? (flags & 0x7) : 0) << kTagFlagShift)));
  }
}

void PageEditor::AddCbFree(long delta) {
  const long cb_free = LoadLE16(page_.data() + kPageOffCbFree);
  StoreLE16(page_.data() + kPageOffCbFree, static_cast<uint16_t>(cb_free + delta));
}

void PageEditor::Reorganize() {
  const int count = TagCount();
  std::vector<uint8_t> packed;
  packed.reserve(DataAreaSize());
  std::vector<Tag> tags(static_cast<size_t>(count));
  for (int itag = 0; itag < count; ++itag) {
    Tag t = ReadTag(itag);
    const uint8_t* src = Data(t.ib);
    const uint16_t new_ib = static_cast<uint16_t>(packed.size());
    packed.insert(packed.end(), src, src + t.cb);
    t.ib = t.cb > 0 ? new_ib : 0;
    tags[static_cast<size_t>(itag)] = t;
  }
  const size_t used = packed.size();
  const size_t tag_array = kTagSize * static_cast<size_t>(count);
  std::memcpy(Data(0), packed.data(), used);
  std::memset(Data(static_cast<uint16_t>(used)), 0, DataAreaSize() - used - tag_array);
  StoreLE16(page_.data() + kPageOffIbMicFree, static_cast<uint16_t>(used));
  for (int itag = 0; itag < count; ++itag) {
    const Tag& t = tags[static_cast<size_t>(itag)];
    WriteTag(itag, t.cb, t.ib, t.flags);
  }
}

uint16_t PageEditor::Allocate(size_t cb) {
  // `cb` may include 4 bytes for a new tag, which the tag array takes from
  // the same contiguous gap.
  const uint16_t ib_mic_free = LoadLE16(page_.data() + kPageOffIbMicFree);
  const size_t contiguous = DataAreaSize() - ib_mic_free - kTagSize * TagCount();
  if (contiguous < cb) {
    Reorganize();
  }
  return LoadLE16(page_.data() + kPageOffIbMicFree);
}

JET_ERR PageEditor::SetExternalHeader(std::span<const uint8_t> data) {
  if (data.size() > DataAreaSize()) {
    return JET_errInvalidParameter;
  }
  if (TagCount() == 0) {
    if (data.size() + kTagSize > UsableFreeBytes()) {
      return JET_errInvalidParameter;
    }
    const uint16_t ib = Allocate(data.size() + kTagSize);
    std::memcpy(Data(ib), data.data(), data.size());
    StoreLE16(page_.data() + kPageOffIbMicFree, static_cast<uint16_t>(ib + data.size()));
    StoreLE16(page_.data() + kPageOffItagMicFree, 1);
    WriteTag(0, static_cast<uint16_t>(data.size()), data.empty() ? 0 : ib, 0);
    AddCbFree(-static_cast<long>(data.size() + kTagSize));
    return JET_errSuccess;
  }
  const Tag old = ReadTag(0);
  if (data.size() > old.cb + UsableFreeBytes()) {
    return JET_errInvalidParameter;
  }
  if (data.size() <= old.cb) {
    // memmove with an empty span's null data() is undefined, even for 0 bytes.
    if (!data.empty()) std::memmove(Data(old.ib), data.data(), data.size());
    WriteTag(0, static_cast<uint16_t>(data.size()), data.empty() ? 0 : old.ib, 0);
  } else {
    WriteTag(0, 0, 0, 0);
    const uint16_t ib = Allocate(data.size());
    std::memcpy(Data(ib), data.data(), data.size());
    StoreLE16(page_.data() + kPageOffIbMicFree, static_cast<uint16_t>(ib + data.size()));
    WriteTag(0, static_cast<uint16_t>(data.size()), ib, 0);
  }
  AddCbFree(static_cast<long>(old.cb) - static_cast<long>(data.size()));
  return JET_errSuccess;
}

JET_ERR PageEditor::Insert(int iline, std::span<const uint8_t> line, uint8_t flags) {
  const int count = TagCount();
  const int itag = iline + 1;
  if (count == 0 || iline < 0 || itag > count) {
    return JET_errInvalidParameter;
  }
  if (line.empty() || (IsLargePage(page_.size()) && line.size() < 2)) {
    return JET_errInvalidParameter;
  }
  if (line.size() + kTagSize > UsableFreeBytes()) {
    return JET_errInvalidParameter;
  }
  const uint16_t ib = Allocate(line.size() + kTagSize);
  std::memcpy(Data(ib), line.data(), line.size());
  StoreLE16(page_.data() + kPageOffIbMicFree, static_cast<uint16_t>(ib + line.size()));
  // Open a slot in the tag array: tags itag..count-1 move one place down
  // (towards the start of the page).
  uint8_t* end = page_.data() + page_.size();
  uint8_t* lowest = end - kTagSize * static_cast<size_t>(count);
  std::memmove(lowest - kTagSize, lowest, kTagSize * static_cast<size_t>(count - itag));
  StoreLE16(page_.data() + kPageOffItagMicFree, static_cast<uint16_t>(count + 1));
  WriteTag(itag, static_cast<uint16_t>(line.size()), ib, flags);
  AddCbFree(-static_cast<long>(line.size() + kTagSize));
  return JET_errSuccess;
}

JET_ERR PageEditor::Replace(int iline, std::span<const uint8_t> line, uint8_t flags) {
  const int itag = iline + 1;
  if (iline < 0 || itag >= TagCount()) {
    return JET_errInvalidParameter;
  }
  if (line.empty() || (IsLargePage(page_.size()) && line.size() < 2)) {
    return JET_errInvalidParameter;
  }
  const Tag old = ReadTag(itag);
  if (line.size() > old.cb + UsableFreeBytes()) {
    return JET_errInvalidParameter;
  }
  if (line.size() <= old.cb) {
    std::memmove(Data(old.ib), line.data(), line.size());
    WriteTag(itag, static_cast<uint16_t>(line.size()), old.ib, flags);
  } else {
    WriteTag(itag, 0, 0, 0);  // its old bytes become free for compaction
    const uint16_t ib = Allocate(line.size());
    std::memcpy(Data(ib), line.data(), line.size());
    StoreLE16(page_.data() + kPageOffIbMicFree, static_cast<uint16_t>(ib + line.size()));
    WriteTag(itag, static_cast<uint16_t>(line.size()), ib, flags);
  }
  AddCbFree(static_cast<long>(old.cb) - static_cast<long>(line.size()));
  return JET_errSuccess;
}

JET_ERR PageEditor::Delete(int iline) {
  const int count = TagCount();
  const int itag = iline + 1;
  if (iline < 0 || itag >= count) {
    return JET_errInvalidParameter;
  }
  const Tag old = ReadTag(itag);
  // Tags itag+1..count-1 move one place up, over the deleted one.
  uint8_t* end = page_.data() + page_.size();
  uint8_t* lowest = end - kTagSize * static_cast<size_t>(count);
  std::memmove(lowest + kTagSize, lowest, kTagSize * static_cast<size_t>(count - 1 - itag));
  std::memset(lowest, 0, kTagSize);
  StoreLE16(page_.data() + kPageOffItagMicFree, static_cast<uint16_t>(count - 1));
  AddCbFree(static_cast<long>(old.cb + kTagSize));
  return JET_errSuccess;
}

JET_ERR PageEditor::SetLineFlags(int iline, uint8_t flags) {
  const int itag = iline + 1;
  if (iline < 0 || itag >= TagCount()) {
    return JET_errInvalidParameter;
  }
  const Tag t = ReadTag(itag);
  WriteTag(itag, t.cb, t.ib, flags);
  return JET_errSuccess;
}

JET_ERR PageEditor::Seal(uint32_t pgno) {
  if (IsLargePage(page_.size())) {
    StoreLE32(page_.data() + kPageOffPgno, pgno);
  }
  return SetPageChecksum(page_, pgno);
}

}  // namespace jet
