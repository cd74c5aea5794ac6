// Checksums of ESE headers and database pages (docs/formats/checksum.md).
//
// * Headers (database header, log and checkpoint headers) carry the 4-byte
//   "old" XOR checksum: 0x89ABCDEF XOR every little-endian 32-bit word of the
//   block except the first (ese-facts §4.1).
// * Database pages carry an 8-byte XECHECKSUM at offset 0, in one of two forms
//   chosen by the page flag fPageNewChecksumFormat (0x2000):
//     old: low 32 bits = the XOR checksum above, high 32 bits = pgno;
//     new: high 32 bits = an ECC (a Hsiao/Hamming code over the bit positions
//          of the block, able to locate a single flipped bit), low 32 bits =
//          the plain XOR of the block's words ^ pgno.
//   4 KiB and 8 KiB pages are one block. 16 KiB and 32 KiB pages are four
//   blocks of 4 KiB / 8 KiB; blocks 1..3 are checksummed as plain blocks into
//   PGHDR2.rgChecksum[0..2] (offset 40), then block 0 as the header block
//   (its first 8 bytes count as zero) into offset 0, so it also covers the
//   three block checksums (edb-format §5.5).
//
// Algorithm facts come from Microsoft's open-source ESE (checksum.cxx,
// checksumstd.cxx); this is an independent implementation.

#ifndef JETSVC_ENGINE_FORMAT_CHECKSUM_H_
#define JETSVC_ENGINE_FORMAT_CHECKSUM_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "esent.h"

namespace jet {

inline constexpr uint32_t kChecksumSeed = 0x89ABCDEF;

// The page flag that selects the new (ECC) checksum form, and the bit it
// occupies counted from the start of the page (PGHDR.fFlags is at byte 36).
inline constexpr uint32_t kPageFlagNewChecksumFormat = 0x2000;
inline constexpr uint32_t kNewChecksumFlagBit = 36 * 8 + 13;

// Offset and count of the extra block checksums in a 16/32 KiB page header.
inline constexpr size_t kBlockChecksumsOffset = 40;
inline constexpr int kMaxChecksumBlocks = 4;

// The old XOR checksum of `block` (whose size must be a multiple of 4; a
// partial last word counts as zero-padded). Used for headers, and for pages in
// the old format.
uint32_t XorChecksum(std::span<const uint8_t> block);

// The 8-byte new-format checksum of one block. `header_block` makes the first
// 8 bytes of the block count as zero (they hold the checksum itself).
// `block.size()` must be a power of two between 1024 and 8192.
uint64_t NewFormatBlockChecksum(std::span<const uint8_t> block, uint32_t pgno, bool header_block);

inline uint32_t EccOf(uint64_t xe_checksum) { return static_cast<uint32_t>(xe_checksum >> 32); }
inline uint32_t XorOf(uint64_t xe_checksum) { return static_cast<uint32_t>(xe_checksum); }

// True for the page sizes the engine accepts: 4, 8, 16 and 32 KiB.
bool IsValidPageSize(size_t page_size);
// True for pages that use PGHDR2 and per-block checksums (16 and 32 KiB).
inline bool IsLargePage(size_t page_size) { return page_size > 8192; }
// The number of checksum blocks of a page: 1 for 4/8 KiB, 4 for 16/32 KiB.
int ChecksumBlockCount(size_t page_size);

// The checksums a page stores or should store: one per block.
struct PageChecksum {
  std::array<uint64_t, kMaxChecksumBlocks> block{};
  int count = 1;
  friend bool operator==(const PageChecksum&, const PageChecksum&) = default;
};

// What VerifyPageChecksum() found.
struct PageChecksumReport {
  bool new_format = false;  // the page's fPageNewChecksumFormat flag
  PageChecksum stored;      // as read from the page
  PageChecksum computed;    // computed from the page's contents for `pgno`
  // A single-bit error (per block) that the ECC can locate. Set whether or not
  // the caller asked for the correction.
  bool correctable = false;
  // The correction was made in the caller's buffer and the page now verifies.
  bool corrected = false;
  // Bit offset, from the start of the page, of the (first) corrected bit.
  uint32_t corrected_bit = 0;
  int corrected_count = 0;
  // For JET_errReadPgnoVerifyFailure: the page number the page was written
  // for.
  uint32_t stored_pgno = 0;
};

// Computes the checksum `page` should carry at page number `pgno`, in the
// form its flag selects. `page.size()` must be a valid page size.
PageChecksum ComputePageChecksum(std::span<const uint8_t> page, uint32_t pgno);

// Writes a checksum into `page` for page number `pgno`: sets the new-format
// flag and stores the ECC checksums (for 16/32 KiB pages the block checksums
// first, then the header block). Returns JET_errInvalidParameter for a buffer
// that is not a valid page size.
[[nodiscard]] JET_ERR SetPageChecksum(std::span<uint8_t> page, uint32_t pgno);

// Same, in the old XOR form (clears the new-format flag): what pre-2004
// engines wrote. For 16/32 KiB pages the XOR covers the whole page.
[[nodiscard]] JET_ERR SetPageChecksumOldFormat(std::span<uint8_t> page, uint32_t pgno);

// Verifies the checksum of `page`, read from page number `pgno`.
//   JET_errSuccess              the page verifies (possibly after correction)
//   JET_errPageNotInitialized   the page is all zeros (never written)
//   JET_errReadVerifyFailure    the checksum does not match the contents
//   JET_errReadPgnoVerifyFailure the checksum is right for another page
//                               number (report->stored_pgno), or a 16/32 KiB
//                               page's PGHDR2.pgno is not `pgno`
//   JET_errInvalidParameter     `page.size()` is not a valid page size
// With `correct` set, a new-format page with one flipped bit (per block) is
// repaired in place, re-verified and reported as report->corrected; the
// fPageNewChecksumFormat bit itself and the stored checksum bytes are never
// "corrected". `report` may be null.
//
// Telling "another page's intact contents" from damage: old-format pages and
// 16/32 KiB pages name their pgno explicitly. A new-format 4/8 KiB page
// does not; it counts as misplaced when its ECC matches and its XOR half is
// right for one other page number, which some damage (an even number of
// flipped bits whose offsets cancel in the ECC) imitates. Pass `pgno_max`,
// the highest page number of the file, to discard claims of pages that
// cannot exist (0: unknown).
[[nodiscard]] JET_ERR VerifyPageChecksum(std::span<uint8_t> page, uint32_t pgno, bool correct,
                                         PageChecksumReport* report, uint32_t pgno_max = 0);
// Read-only form: never corrects; a correctable page is still
// JET_errReadVerifyFailure, with report->correctable set.
[[nodiscard]] JET_ERR VerifyPageChecksum(std::span<const uint8_t> page, uint32_t pgno,
                                         PageChecksumReport* report, uint32_t pgno_max = 0);

// True when every byte of `page` is zero.
bool IsAllZero(std::span<const uint8_t> bytes);

}  // namespace jet

#endif  // JETSVC_ENGINE_FORMAT_CHECKSUM_H_
