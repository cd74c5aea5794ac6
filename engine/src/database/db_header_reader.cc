#include "database/db_header_reader.h"

#include <memory>
#include <vector>

#include "format/primitives.h"

namespace jet {
namespace {

constexpr uint32_t kCandidatePageSizes[] = {4096, 8192, 16384, 32768};

bool SupportedPageSize(uint32_t page_size) {
  for (uint32_t s : kCandidatePageSizes) {
    if (s == page_size) return true;
  }
  return false;
}

// Physical pages 0 and 1 for a header page size of `page_size`; missing
// bytes (a short file) read as zeros, which the checksum then refuses.
JET_ERR ReadHeaderPages(File* file, uint32_t page_size, std::vector<uint8_t>* pages) {
  pages->assign(size_t{2} * page_size, 0);
  size_t read = 0;
  return file->ReadAt(0, pages->data(), pages->size(), &read);
}

}  // namespace

JET_ERR ReadDbHeader(File* file, DbHeaderPick* pick, uint64_t* file_size) {
  uint64_t size = 0;
  if (const JET_ERR err = file->Size(&size); err < 0) return err;
  if (file_size != nullptr) *file_size = size;
  if (size < kDbFileHeaderSize) return JET_errDatabaseCorrupted;

  // The primary's own claim first.
  std::vector<uint8_t> first(kDbFileHeaderSize);
  if (const JET_ERR err = ReadExactlyAt(file, 0, first.data(), first.size()); err < 0) return err;
  DbFileHeader parsed;
  uint32_t claimed = kDefaultPageSize;
  if (ParseDbHeader(first, &parsed) >= 0 && SupportedPageSize(parsed.EffectivePageSize())) {
    claimed = parsed.EffectivePageSize();
  }

  std::vector<uint32_t> order = {claimed};
  for (uint32_t s : kCandidatePageSizes) {
    if (s != claimed) order.push_back(s);
  }
  JET_ERR first_err = JET_errSuccess;
  DbHeaderPick first_pick;
  std::vector<uint8_t> pages;
  for (uint32_t page_size : order) {
    if (const JET_ERR err = ReadHeaderPages(file, page_size, &pages); err < 0) return err;
    DbHeaderPick candidate;
    const std::span<const uint8_t> all(pages);
    const JET_ERR err =
        PickDbHeader(all.subspan(0, page_size), all.subspan(page_size, page_size), &candidate);
    // A header that is intact at this size must also declare this size;
    // otherwise it was read with the wrong page size by chance.
    if (err >= 0 && candidate.header.EffectivePageSize() == page_size) {
      *pick = candidate;
      return err;
    }
    if (page_size == claimed) {
      first_err = err < 0 ? err : JET_errDatabaseCorrupted;
      first_pick = candidate;
      // An intact primary of another version or kind of file is
      // authoritative (PickDbHeader): do not look further.
      if (err == JET_errInvalidDatabaseVersion || err == JET_errFileInvalidType) break;
    }
  }
  *pick = first_pick;
  return first_err;
}

JET_ERR ReadDbHeaderFromFile(Env* env, const std::string& path, DbHeaderPick* pick,
                             uint64_t* file_size) {
  FileOptions options;
  options.read_only = true;
  options.share_read = true;
  std::unique_ptr<File> file;
  if (const JET_ERR err = env->OpenFile(path, options, &file); err < 0) return err;
  return ReadDbHeader(file.get(), pick, file_size);
}

}  // namespace jet
