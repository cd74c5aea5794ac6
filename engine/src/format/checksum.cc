#include "format/checksum.h"

#include <bit>
#include <vector>

#include "format/endian.h"

namespace jet {

namespace {

constexpr size_t kPageFlagsOffset = 36;      // PGHDR.fFlags
constexpr size_t kLargePagePgnoOffset = 64;  // PGHDR2.pgno
constexpr size_t kXeChecksumSize = 8;

static_assert(kNewChecksumFlagBit == kPageFlagsOffset * 8 + 13);
static_assert(kPageFlagNewChecksumFormat == (1u << 13));
static_assert(kBlockChecksumsOffset + 3 * kXeChecksumSize == kLargePagePgnoOffset);

bool Parity(uint32_t v) { return (std::popcount(v) & 1) != 0; }

// The 32-bit code of a bit offset: the offset in the low half and its
// complement in the high half. A single flipped bit at offset b changes the
// ECC by exactly Code(b) (restricted to the bits the block size uses), which
// is how the corrector finds b again.
uint32_t Code(uint32_t bit_offset) {
  return (static_cast<uint32_t>(~bit_offset & 0xffffu) << 16) | (bit_offset & 0xffffu);
}

bool PageHasNewChecksumFormat(std::span<const uint8_t> page) {
  return page.size() >= kPageFlagsOffset + 4 &&
         (LoadLE32(page.data() + kPageFlagsOffset) & kPageFlagNewChecksumFormat) != 0;
}

PageChecksum StoredPageChecksum(std::span<const uint8_t> page, bool new_format) {
  PageChecksum c;
  c.block[0] = LoadLE64(page.data());
  c.count = 1;
  if (new_format && IsLargePage(page.size())) {
    c.count = kMaxChecksumBlocks;
    for (int i = 1; i < kMaxChecksumBlocks; ++i) {
      c.block[i] = LoadLE64(page.data() + kBlockChecksumsOffset + (i - 1) * kXeChecksumSize);
    }
  }
  return c;
}

// Decides whether the difference between a block's stored and computed
// checksums is one flipped data bit; if so sets *bit to its offset in the
// block. Besides ESE's own conditions (the ECC difference is the code of a
// bit offset inside the block, the XOR differs in exactly one bit) the XOR
// bit must be the one the offset names, which makes a wrong "correction" of a
// multi-bit error less likely still.
bool LocateSingleBitError(size_t block_size, uint64_t stored, uint64_t computed, uint32_t* bit) {
  const uint32_t ecc_diff = EccOf(stored) ^ EccOf(computed);
  const uint32_t xor_diff = XorOf(stored) ^ XorOf(computed);
  const uint32_t mask = static_cast<uint32_t>(block_size * 8 - 1);
  if ((((ecc_diff >> 16) ^ ecc_diff) & mask) != mask) {
    return false;
  }
  if (std::popcount(xor_diff) != 1) {
    return false;
  }
  const uint32_t offset = ecc_diff & 0xffffu;
  if (offset >= block_size * 8) {
    return false;
  }
  if (xor_diff != (1u << (offset & 31))) {
    return false;
  }
  *bit = offset;
  return true;
}

uint32_t LargePagePgno(std::span<const uint8_t> page) {
  return LoadLE32(page.data() + kLargePagePgnoOffset);
}

// After the checksum matched: a 16/32 KiB page also names its own number.
JET_ERR CheckLargePagePgno(std::span<const uint8_t> page, uint32_t pgno,
                           PageChecksumReport* report) {
  if (IsLargePage(page.size()) && LargePagePgno(page) != pgno) {
    report->stored_pgno = LargePagePgno(page);
    return JET_errReadPgnoVerifyFailure;
  }
  return JET_errSuccess;
}

// The checksum does not match and no correction applies. A checksum that is
// right for another page number means the page is intact but in the wrong
// place (a misdirected write or read): JET_errReadPgnoVerifyFailure.
JET_ERR ClassifyMismatch(std::span<const uint8_t> page, uint32_t pgno, uint32_t pgno_max,
                         PageChecksumReport* report) {
  const PageChecksum& stored = report->stored;
  const PageChecksum& computed = report->computed;
  if (!report->new_format) {
    // Old form: the XOR covers the stored pgno (bytes 4..7) as well, so an
    // intact page has a matching XOR whatever its place.
    const uint32_t stored_pgno = static_cast<uint32_t>(stored.block[0] >> 32);
    if (XorOf(stored.block[0]) == XorOf(computed.block[0]) && stored_pgno != pgno) {
      report->stored_pgno = stored_pgno;
      return JET_errReadPgnoVerifyFailure;
    }
    return JET_errReadVerifyFailure;
  }
  // New form: the pgno is folded into every block's XOR half. The ECCs all
  // match and every XOR half is off by the same pgno difference.
  const uint32_t diff = XorOf(stored.block[0]) ^ XorOf(computed.block[0]);
  if (diff == 0) {
    return JET_errReadVerifyFailure;
  }
  for (int i = 0; i < computed.count; ++i) {
    if (EccOf(stored.block[i]) != EccOf(computed.block[i])) {
      return JET_errReadVerifyFailure;
    }
    if ((XorOf(stored.block[i]) ^ XorOf(computed.block[i])) != diff) {
      return JET_errReadVerifyFailure;
    }
  }
  // For 4/8 KiB pages nothing else names the page, so this is a strong hint
  // rather than a proof (ESE's own dump says "perhaps this is page N"); a
  // 16/32 KiB page must also name that pgno in PGHDR2. Either way the page
  // is refused.
  const uint32_t stored_pgno = pgno ^ diff;
  if (stored_pgno == 0) {
    return JET_errReadVerifyFailure;
  }
  if (pgno_max != 0 && stored_pgno > pgno_max) {
    return JET_errReadVerifyFailure;
  }
  if (IsLargePage(page.size()) && LargePagePgno(page) != stored_pgno) {
    return JET_errReadVerifyFailure;
  }
  report->stored_pgno = stored_pgno;
  return JET_errReadPgnoVerifyFailure;
}

// Works out the bits to flip to repair a new-format page with one bad bit
// per block (the rules of ESE's TryFixPage). Returns false when the damage is
// not of that kind.
bool PlanCorrection(std::span<const uint8_t> page, const PageChecksum& stored,
                    const PageChecksum& computed, std::vector<uint32_t>* page_bits) {
  const size_t block_size = page.size() / static_cast<size_t>(computed.count);
  std::array<uint64_t, kMaxChecksumBlocks> expected = stored.block;
  for (int b = 0; b < computed.count; ++b) {
    if (expected[b] == computed.block[b]) {
      continue;
    }
    uint32_t bit = 0;
    if (!LocateSingleBitError(block_size, expected[b], computed.block[b], &bit)) {
      return false;
    }
    const uint32_t page_bit = static_cast<uint32_t>(b * block_size * 8) + bit;
    if (b == 0) {
      // Never "correct" the stored checksum or the flag that says which
      // checksum form the page uses.
      if (bit < kXeChecksumSize * 8 || page_bit == kNewChecksumFlagBit) {
        return false;
      }
      // A flipped bit inside the stored block checksums also makes those
      // blocks look bad: compare them with the repaired value instead.
      const uint32_t first = kBlockChecksumsOffset * 8;
      const uint32_t last = first + 3 * kXeChecksumSize * 8;
      if (computed.count > 1 && bit >= first && bit < last) {
        const uint32_t rel = bit - first;
        expected[1 + rel / 64] ^= uint64_t{1} << (rel % 64);
      }
    }
    page_bits->push_back(page_bit);
  }
  return !page_bits->empty();
}

void FlipBit(std::span<uint8_t> bytes, uint32_t bit) {
  bytes[bit / 8] = static_cast<uint8_t>(bytes[bit / 8] ^ (1u << (bit % 8)));
}

JET_ERR Verify(std::span<const uint8_t> page, uint32_t pgno, uint32_t pgno_max,
               std::span<uint8_t> writable, PageChecksumReport* report) {
  if (!IsValidPageSize(page.size())) {
    return JET_errInvalidParameter;
  }
  if (IsAllZero(page)) {
    return JET_errPageNotInitialized;
  }

  report->new_format = PageHasNewChecksumFormat(page);
  report->stored = StoredPageChecksum(page, report->new_format);
  report->computed = ComputePageChecksum(page, pgno);
  if (report->stored == report->computed) {
    return CheckLargePagePgno(page, pgno, report);
  }

  if (report->new_format) {
    std::vector<uint32_t> bits;
    if (PlanCorrection(page, report->stored, report->computed, &bits)) {
      // Repair a copy, and keep it only if the whole page then verifies.
      std::vector<uint8_t> fixed(page.begin(), page.end());
      for (uint32_t bit : bits) {
        FlipBit(fixed, bit);
      }
      const bool fixed_ok = PageHasNewChecksumFormat(fixed) &&
                            StoredPageChecksum(fixed, true) == ComputePageChecksum(fixed, pgno);
      if (fixed_ok) {
        report->correctable = true;
        if (writable.empty()) {
          return JET_errReadVerifyFailure;
        }
        for (size_t i = 0; i < fixed.size(); ++i) {
          writable[i] = fixed[i];
        }
        report->corrected = true;
        report->corrected_bit = bits.front();
        report->corrected_count = static_cast<int>(bits.size());
        report->stored = report->computed;
        return CheckLargePagePgno(writable, pgno, report);
      }
    }
  }
  return ClassifyMismatch(page, pgno, pgno_max, report);
}

}  // namespace

uint32_t XorChecksum(std::span<const uint8_t> block) {
  uint32_t x = kChecksumSeed;
  const size_t whole = block.size() / 4;
  for (size_t i = 1; i < whole; ++i) {
    x ^= LoadLE32(block.data() + 4 * i);
  }
  const size_t tail = block.size() % 4;
  if (tail != 0 && whole >= 1) {
    uint8_t last[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < tail; ++i) {
      last[i] = block[4 * whole + i];
    }
    x ^= LoadLE32(last);
  }
  return x;
}

uint64_t NewFormatBlockChecksum(std::span<const uint8_t> block, uint32_t pgno, bool header_block) {
  // The block is read as rows of four 32-bit words (128 bits). Each row whose
  // bits have odd parity contributes the code of its first bit offset; the
  // column XORs give the word-in-row part, and the XOR of all words the
  // bit-in-word part, of the same code.
  uint32_t p = 0;
  uint32_t col[4] = {0, 0, 0, 0};
  const size_t rows = block.size() / 16;
  for (size_t row = 0; row < rows; ++row) {
    uint32_t w[4];
    for (int j = 0; j < 4; ++j) {
      w[j] = LoadLE32(block.data() + row * 16 + static_cast<size_t>(j) * 4);
    }
    if (header_block && row == 0) {
      w[0] = w[1] = 0;
    }
    for (int j = 0; j < 4; ++j) {
      col[j] ^= w[j];
    }
    if (Parity(w[0] ^ w[1] ^ w[2] ^ w[3])) {
      p ^= Code(static_cast<uint32_t>(row * 128)) & 0xff80ff80u;
    }
  }
  // Word-in-row bits: offset bit 6 (words 2,3) and bit 5 (words 1,3), their
  // complements in bits 22 (words 0,1) and 21 (words 0,2).
  if (Parity(col[0] ^ col[1])) {
    p |= 0x00400000u;
  }
  if (Parity(col[2] ^ col[3])) {
    p |= 0x00000040u;
  }
  const uint32_t even = col[0] ^ col[2];
  const uint32_t odd = col[1] ^ col[3];
  if (Parity(even)) {
    p |= 0x00200000u;
  }
  if (Parity(odd)) {
    p |= 0x00000020u;
  }
  const uint32_t all = even ^ odd;  // XOR of every word of the block

  uint32_t r = 0;
  for (uint32_t i = 0; i < 32; ++i) {
    if ((all >> i) & 1u) {
      r ^= Code(i);
    }
  }

  // Keep only the offset bits the block size can use (and their
  // complements); for 8 KiB blocks that is all of them.
  const uint32_t size_mask = (static_cast<uint32_t>(block.size()) << 19) - 1u;
  const uint32_t ecc = (p & 0xffe0ffe0u & size_mask) | (r & 0x001f001fu);
  return (static_cast<uint64_t>(ecc) << 32) | (all ^ pgno);
}

bool IsValidPageSize(size_t page_size) {
  return page_size == 4096 || page_size == 8192 || page_size == 16384 || page_size == 32768;
}

int ChecksumBlockCount(size_t page_size) { return IsLargePage(page_size) ? kMaxChecksumBlocks : 1; }

bool IsAllZero(std::span<const uint8_t> bytes) {
  for (uint8_t b : bytes) {
    if (b != 0) {
      return false;
    }
  }
  return true;
}

PageChecksum ComputePageChecksum(std::span<const uint8_t> page, uint32_t pgno) {
  PageChecksum c;
  if (!PageHasNewChecksumFormat(page)) {
    c.block[0] = (static_cast<uint64_t>(pgno) << 32) | XorChecksum(page);
    return c;
  }
  if (!IsLargePage(page.size())) {
    c.block[0] = NewFormatBlockChecksum(page, pgno, true);
    return c;
  }
  c.count = kMaxChecksumBlocks;
  const size_t block_size = page.size() / kMaxChecksumBlocks;
  for (int i = 1; i < kMaxChecksumBlocks; ++i) {
    c.block[i] = NewFormatBlockChecksum(
        page.subspan(static_cast<size_t>(i) * block_size, block_size), pgno, false);
  }
  c.block[0] = NewFormatBlockChecksum(page.first(block_size), pgno, true);
  return c;
}

JET_ERR SetPageChecksum(std::span<uint8_t> page, uint32_t pgno) {
  if (!IsValidPageSize(page.size())) {
    return JET_errInvalidParameter;
  }
  uint8_t* flags = page.data() + kPageFlagsOffset;
  StoreLE32(flags, LoadLE32(flags) | kPageFlagNewChecksumFormat);
  if (IsLargePage(page.size())) {
    const size_t block_size = page.size() / kMaxChecksumBlocks;
    for (int i = 1; i < kMaxChecksumBlocks; ++i) {
      const uint64_t c = NewFormatBlockChecksum(
          page.subspan(static_cast<size_t>(i) * block_size, block_size), pgno, false);
      StoreLE64(page.data() + kBlockChecksumsOffset + static_cast<size_t>(i - 1) * kXeChecksumSize,
                c);
    }
    StoreLE64(page.data(), NewFormatBlockChecksum(page.first(block_size), pgno, true));
  } else {
    StoreLE64(page.data(), NewFormatBlockChecksum(page, pgno, true));
  }
  return JET_errSuccess;
}

JET_ERR SetPageChecksumOldFormat(std::span<uint8_t> page, uint32_t pgno) {
  if (!IsValidPageSize(page.size())) {
    return JET_errInvalidParameter;
  }
  uint8_t* flags = page.data() + kPageFlagsOffset;
  StoreLE32(flags, LoadLE32(flags) & ~kPageFlagNewChecksumFormat);
  StoreLE32(page.data() + 4, pgno);  // covered by the XOR below
  StoreLE32(page.data(), XorChecksum(page));
  return JET_errSuccess;
}

JET_ERR VerifyPageChecksum(std::span<uint8_t> page, uint32_t pgno, bool correct,
                           PageChecksumReport* report, uint32_t pgno_max) {
  PageChecksumReport local;
  if (report == nullptr) {
    report = &local;
  }
  *report = PageChecksumReport{};
  return Verify(page, pgno, pgno_max, correct ? page : std::span<uint8_t>(), report);
}

JET_ERR VerifyPageChecksum(std::span<const uint8_t> page, uint32_t pgno, PageChecksumReport* report,
                           uint32_t pgno_max) {
  PageChecksumReport local;
  if (report == nullptr) {
    report = &local;
  }
  *report = PageChecksumReport{};
  return Verify(page, pgno, pgno_max, std::span<uint8_t>(), report);
}

}  // namespace jet
