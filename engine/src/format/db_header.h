// The database file header, DBFILEHDR: physical page 0 of an EDB file, with
// an identical shadow copy in physical page 1 (ese-facts §4.5,
// docs/formats/db_header.md). The structure is 748 bytes; the rest of the
// header page is zero, and the header checksum (the old XOR form) covers the
// whole page.

#ifndef JETSVC_ENGINE_FORMAT_DB_HEADER_H_
#define JETSVC_ENGINE_FORMAT_DB_HEADER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "esent.h"
#include "format/file_type.h"
#include "format/primitives.h"

namespace jet {

inline constexpr size_t kDbFileHeaderSize = 748;
inline constexpr uint32_t kDbMagic = 0x89ABCDEF;  // ulDAEMagic
// The format this engine reads and writes: 0x620 ("ESE97" and every engine
// since), update 0x14 (Windows 8 / Exchange 2013). Newer updates change
// on-disk structures this code does not know.
inline constexpr uint32_t kDbVersion = 0x620;
inline constexpr uint32_t kDbUpdateMajorMax = 0x14;
inline constexpr uint32_t kDefaultPageSize = 4096;

// dbstate values (ese-facts §4.5).
enum DbState : uint32_t {
  kDbStateJustCreated = 1,
  kDbStateDirtyShutdown = 2,
  kDbStateCleanShutdown = 3,
  kDbStateBeingConverted = 4,
  kDbStateForceDetach = 5,
  kDbStateIncrementalReseedInProgress = 6,
  kDbStateDirtyAndPatchedShutdown = 7,
  kDbStateRevertInProgress = 8,
};

// "Clean Shutdown", "Dirty Shutdown", ... or "Unknown (N)".
const char* DbStateName(uint32_t dbstate);

// Bits of byte 0 of the db-flags word (offset 208).
inline constexpr uint32_t kDbFlagShadowingDisabled = 0x01;
inline constexpr uint32_t kDbFlagUpgradeDb = 0x02;

// Every field of DBFILEHDR, named after ESE's fields, at the offsets listed
// in db_header.cc. Unused and reserved bytes are kept so that decoding and
// re-encoding a header gives back the same bytes.
struct DbFileHeader {
  uint32_t checksum = 0;  // as stored; EncodeDbHeader() recomputes it
  uint32_t magic = 0;
  uint32_t version = 0;  // ulVersion
  uint32_t attrib = 0;   // 0 = database
  DbTime dbtime_dirtied = 0;
  Signature sign_db;
  uint32_t dbstate = 0;
  Lgpos lgpos_consistent;
  LogTime logtime_consistent;
  LogTime logtime_attach;
  Lgpos lgpos_attach;
  LogTime logtime_detach;
  Lgpos lgpos_detach;
  uint32_t dbid = 0;
  Signature sign_log;
  BkInfo bkinfo_full_prev;
  BkInfo bkinfo_inc_prev;
  BkInfo bkinfo_full_cur;
  uint32_t db_flags = 0;
  uint32_t objid_last = 0;
  uint32_t os_major_version = 0;
  uint32_t os_minor_version = 0;
  uint32_t os_build_number = 0;
  uint32_t os_sp_number = 0;
  uint32_t update_major = 0;  // ulDaeUpdateMajor ("format revision")
  uint32_t page_size = 0;     // cbPageSize; 0 means 4096
  uint32_t repair_count = 0;
  LogTime logtime_repair;
  std::array<uint8_t, kSignatureSize> reserved_sign_slv{};
  DbTime dbtime_last_scrub = 0;
  LogTime logtime_scrub;
  int32_t gen_min_required = 0;
  int32_t gen_max_required = 0;
  int32_t cpg_upgrade_55_format = 0;
  int32_t cpg_upgrade_free_pages = 0;
  int32_t cpg_upgrade_space_map_pages = 0;
  BkInfo bkinfo_snapshot_cur;
  uint32_t create_version = 0;
  uint32_t create_update = 0;
  LogTime logtime_gen_max_create;
  uint32_t bkinfo_type_full_prev = 0;
  uint32_t bkinfo_type_inc_prev = 0;
  uint32_t repair_count_old = 0;
  uint32_t ecc_fix_success = 0;
  LogTime logtime_ecc_fix_success;
  uint32_t ecc_fix_success_old = 0;
  uint32_t ecc_fix_fail = 0;
  LogTime logtime_ecc_fix_fail;
  uint32_t ecc_fix_fail_old = 0;
  uint32_t bad_checksum = 0;
  LogTime logtime_bad_checksum;
  uint32_t bad_checksum_old = 0;
  int32_t gen_max_committed = 0;
  BkInfo bkinfo_copy_prev;
  BkInfo bkinfo_diff_prev;
  uint32_t bkinfo_type_copy_prev = 0;
  uint32_t bkinfo_type_diff_prev = 0;
  uint32_t incremental_reseed_count = 0;
  LogTime logtime_incremental_reseed;
  uint32_t incremental_reseed_count_old = 0;
  uint32_t page_patch_count = 0;
  LogTime logtime_page_patch;
  uint32_t page_patch_count_old = 0;
  uint64_t sort_version = 0;  // deprecated
  LogTime logtime_dbscan_prev;
  LogTime logtime_dbscan_start;
  uint32_t pgno_dbscan_highest_continuous = 0;
  int32_t gen_recovering = 0;
  uint32_t extend_count = 0;
  LogTime logtime_last_extend;
  uint32_t shrink_count = 0;
  LogTime logtime_last_shrink;
  LogTime logtime_last_reattach;
  Lgpos lgpos_last_reattach;
  uint32_t trim_count = 0;
  Signature sign_db_hdr_flush;
  Signature sign_flush_map_hdr_flush;
  int32_t gen_min_consistent = 0;
  uint32_t update_minor = 0;  // ulDaeUpdateMinor
  uint32_t efv_max_bin_attach_diagnostic = 0;
  uint32_t pgno_dbscan_highest = 0;
  Lgpos lgpos_last_resize;
  std::array<uint8_t, 3> reserved{};
  uint32_t file_type = 0;  // at offset 667: kFileTypeDatabase
  uint8_t reserved2 = 0;
  LogTime logtime_gen_max_required;
  int32_t gen_pre_redo_min_consistent = 0;
  int32_t gen_pre_redo_min_required = 0;
  Signature sign_rbs_hdr_flush;
  uint32_t revert_count = 0;
  LogTime logtime_revert_from;
  LogTime logtime_revert_to;
  uint32_t revert_page_count = 0;
  Lgpos lgpos_commit_before_revert;

  // The page size this header declares (cbPageSize, with 0 meaning 4096).
  uint32_t EffectivePageSize() const { return page_size == 0 ? kDefaultPageSize : page_size; }
  bool ShadowingDisabled() const { return (db_flags & kDbFlagShadowingDisabled) != 0; }

  friend bool operator==(const DbFileHeader&, const DbFileHeader&) = default;
};

// A header for a new database of `page_size` bytes per page in the format
// this engine writes: magic, version 0x620 / update 0x14, file type
// database, state "just created". The caller fills in signatures and times.
DbFileHeader NewDbFileHeader(uint32_t page_size);

// Reads every field of the header at the start of `page` without judging
// any of them. Fails (JET_errDatabaseCorrupted) only when `page` is shorter
// than the 748-byte structure.
[[nodiscard]] JET_ERR ParseDbHeader(std::span<const uint8_t> page, DbFileHeader* out);

// Reads and validates a header page (pass the whole page: the checksum covers
// it). In order:
//   JET_errDatabaseCorrupted   shorter than 748 bytes or not whole words
//   JET_errReadVerifyFailure   the checksum does not match
//   JET_errFileInvalidType     intact, but the header of another kind of file
//                              (a log, a checkpoint, a streaming file, ...)
//   JET_errDatabaseCorrupted   wrong magic, unknown dbstate, invalid page size
//   JET_errInvalidDatabaseVersion  a version other than 0x620, or an update
//                              newer than kDbUpdateMajorMax
// On failure *out still holds whatever could be parsed (for diagnostics).
[[nodiscard]] JET_ERR DecodeDbHeader(std::span<const uint8_t> page, DbFileHeader* out);

// Writes `header` into `page` (a whole header page: at least 748 bytes, a
// multiple of 4), zeroes the rest of the page and stores the checksum. The
// fields are written as given; nothing is validated, so tests can build bad
// headers. JET_errInvalidParameter for a buffer of the wrong size.
[[nodiscard]] JET_ERR EncodeDbHeader(const DbFileHeader& header, std::span<uint8_t> page);

// JET_errPageSizeMismatch unless the header declares `expected_page_size`.
[[nodiscard]] JET_ERR CheckDbHeaderPageSize(const DbFileHeader& header,
                                            uint32_t expected_page_size);

// Header + shadow: which copy was used.
enum class DbHeaderCopy { kPrimary, kShadow };

struct DbHeaderPick {
  DbFileHeader header;
  DbHeaderCopy source = DbHeaderCopy::kPrimary;
  JET_ERR primary_err = JET_errSuccess;  // DecodeDbHeader() of page 0
  JET_ERR shadow_err = JET_errSuccess;   // DecodeDbHeader() of page 1
  bool copies_match = false;             // both valid and identical
};

// Picks the header of a database from its physical pages 0 and 1: the
// primary when it is valid, else the shadow. An intact primary of the wrong
// version or file type is authoritative: its error is returned without
// looking at the shadow. Both copies bad: JET_errDatabaseCorrupted.
[[nodiscard]] JET_ERR PickDbHeader(std::span<const uint8_t> primary,
                                   std::span<const uint8_t> shadow, DbHeaderPick* out);

}  // namespace jet

#endif  // JETSVC_ENGINE_FORMAT_DB_HEADER_H_
