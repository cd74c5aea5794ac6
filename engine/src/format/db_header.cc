#include "format/db_header.h"

#include "format/checksum.h"
#include "format/endian.h"

namespace jet {

namespace {

// Field offsets of DBFILEHDR (ese-facts §4.5; the engine's own source
// asserts the total of 748 and the file type at 667).
constexpr size_t kOffChecksum = 0;
constexpr size_t kOffMagic = 4;
constexpr size_t kOffVersion = 8;
constexpr size_t kOffAttrib = 12;
constexpr size_t kOffDbtimeDirtied = 16;
constexpr size_t kOffSignDb = 24;
constexpr size_t kOffDbstate = 52;
constexpr size_t kOffLgposConsistent = 56;
constexpr size_t kOffLogtimeConsistent = 64;
constexpr size_t kOffLogtimeAttach = 72;
constexpr size_t kOffLgposAttach = 80;
constexpr size_t kOffLogtimeDetach = 88;
constexpr size_t kOffLgposDetach = 96;
constexpr size_t kOffDbid = 104;
constexpr size_t kOffSignLog = 108;
constexpr size_t kOffBkinfoFullPrev = 136;
constexpr size_t kOffBkinfoIncPrev = 160;
constexpr size_t kOffBkinfoFullCur = 184;
constexpr size_t kOffDbFlags = 208;
constexpr size_t kOffObjidLast = 212;
constexpr size_t kOffOsMajor = 216;
constexpr size_t kOffOsMinor = 220;
constexpr size_t kOffOsBuild = 224;
constexpr size_t kOffOsSp = 228;
constexpr size_t kOffUpdateMajor = 232;
constexpr size_t kOffPageSize = 236;
constexpr size_t kOffRepairCount = 240;
constexpr size_t kOffLogtimeRepair = 244;
constexpr size_t kOffReservedSignSlv = 252;
constexpr size_t kOffDbtimeLastScrub = 280;
constexpr size_t kOffLogtimeScrub = 288;
constexpr size_t kOffGenMinRequired = 296;
constexpr size_t kOffGenMaxRequired = 300;
constexpr size_t kOffCpgUpgrade55Format = 304;
constexpr size_t kOffCpgUpgradeFreePages = 308;
constexpr size_t kOffCpgUpgradeSpaceMapPages = 312;
constexpr size_t kOffBkinfoSnapshotCur = 316;
constexpr size_t kOffCreateVersion = 340;
constexpr size_t kOffCreateUpdate = 344;
constexpr size_t kOffLogtimeGenMaxCreate = 348;
constexpr size_t kOffBkinfoTypeFullPrev = 356;
constexpr size_t kOffBkinfoTypeIncPrev = 360;
constexpr size_t kOffRepairCountOld = 364;
constexpr size_t kOffEccFixSuccess = 368;
constexpr size_t kOffLogtimeEccFixSuccess = 372;
constexpr size_t kOffEccFixSuccessOld = 380;
constexpr size_t kOffEccFixFail = 384;
constexpr size_t kOffLogtimeEccFixFail = 388;
constexpr size_t kOffEccFixFailOld = 396;
constexpr size_t kOffBadChecksum = 400;
constexpr size_t kOffLogtimeBadChecksum = 404;
constexpr size_t kOffBadChecksumOld = 412;
constexpr size_t kOffGenMaxCommitted = 416;
constexpr size_t kOffBkinfoCopyPrev = 420;
constexpr size_t kOffBkinfoDiffPrev = 444;
constexpr size_t kOffBkinfoTypeCopyPrev = 468;
constexpr size_t kOffBkinfoTypeDiffPrev = 472;
constexpr size_t kOffIncReseedCount = 476;
constexpr size_t kOffLogtimeIncReseed = 480;
constexpr size_t kOffIncReseedCountOld = 488;
constexpr size_t kOffPagePatchCount = 492;
constexpr size_t kOffLogtimePagePatch = 496;
constexpr size_t kOffPagePatchCountOld = 504;
constexpr size_t kOffSortVersion = 508;
constexpr size_t kOffLogtimeDbscanPrev = 516;
constexpr size_t kOffLogtimeDbscanStart = 524;
constexpr size_t kOffPgnoDbscanHighestContinuous = 532;
constexpr size_t kOffGenRecovering = 536;
constexpr size_t kOffExtendCount = 540;
constexpr size_t kOffLogtimeLastExtend = 544;
constexpr size_t kOffShrinkCount = 552;
constexpr size_t kOffLogtimeLastShrink = 556;
constexpr size_t kOffLogtimeLastReattach = 564;
constexpr size_t kOffLgposLastReattach = 572;
constexpr size_t kOffTrimCount = 580;
constexpr size_t kOffSignDbHdrFlush = 584;
constexpr size_t kOffSignFlushMapHdrFlush = 612;
constexpr size_t kOffGenMinConsistent = 640;
constexpr size_t kOffUpdateMinor = 644;
constexpr size_t kOffEfvMaxBinAttach = 648;
constexpr size_t kOffPgnoDbscanHighest = 652;
constexpr size_t kOffLgposLastResize = 656;
constexpr size_t kOffReserved = 664;
constexpr size_t kOffFileType = 667;
constexpr size_t kOffReserved2 = 671;
constexpr size_t kOffLogtimeGenMaxRequired = 672;
constexpr size_t kOffGenPreRedoMinConsistent = 680;
constexpr size_t kOffGenPreRedoMinRequired = 684;
constexpr size_t kOffSignRbsHdrFlush = 688;
constexpr size_t kOffRevertCount = 716;
constexpr size_t kOffLogtimeRevertFrom = 720;
constexpr size_t kOffLogtimeRevertTo = 728;
constexpr size_t kOffRevertPageCount = 736;
constexpr size_t kOffLgposCommitBeforeRevert = 740;

static_assert(kOffFileType == kFileTypeOffset);
static_assert(kOffLgposCommitBeforeRevert + kLgposSize == kDbFileHeaderSize);

// Visits every field with its offset, in layout order. The same list drives
// the reader, the writer and the compile-time layout check below.
template <class Io, class Header>
constexpr void VisitFields(Io& io, Header& h) {
  io.Field(kOffChecksum, h.checksum);
  io.Field(kOffMagic, h.magic);
  io.Field(kOffVersion, h.version);
  io.Field(kOffAttrib, h.attrib);
  io.Field(kOffDbtimeDirtied, h.dbtime_dirtied);
  io.Field(kOffSignDb, h.sign_db);
  io.Field(kOffDbstate, h.dbstate);
  io.Field(kOffLgposConsistent, h.lgpos_consistent);
  io.Field(kOffLogtimeConsistent, h.logtime_consistent);
  io.Field(kOffLogtimeAttach, h.logtime_attach);
  io.Field(kOffLgposAttach, h.lgpos_attach);
  io.Field(kOffLogtimeDetach, h.logtime_detach);
  io.Field(kOffLgposDetach, h.lgpos_detach);
  io.Field(kOffDbid, h.dbid);
  io.Field(kOffSignLog, h.sign_log);
  io.Field(kOffBkinfoFullPrev, h.bkinfo_full_prev);
  io.Field(kOffBkinfoIncPrev, h.bkinfo_inc_prev);
  io.Field(kOffBkinfoFullCur, h.bkinfo_full_cur);
  io.Field(kOffDbFlags, h.db_flags);
  io.Field(kOffObjidLast, h.objid_last);
  io.Field(kOffOsMajor, h.os_major_version);
  io.Field(kOffOsMinor, h.os_minor_version);
  io.Field(kOffOsBuild, h.os_build_number);
  io.Field(kOffOsSp, h.os_sp_number);
  io.Field(kOffUpdateMajor, h.update_major);
  io.Field(kOffPageSize, h.page_size);
  io.Field(kOffRepairCount, h.repair_count);
  io.Field(kOffLogtimeRepair, h.logtime_repair);
  io.Field(kOffReservedSignSlv, h.reserved_sign_slv);
  io.Field(kOffDbtimeLastScrub, h.dbtime_last_scrub);
  io.Field(kOffLogtimeScrub, h.logtime_scrub);
  io.Field(kOffGenMinRequired, h.gen_min_required);
  io.Field(kOffGenMaxRequired, h.gen_max_required);
  io.Field(kOffCpgUpgrade55Format, h.cpg_upgrade_55_format);
  io.Field(kOffCpgUpgradeFreePages, h.cpg_upgrade_free_pages);
  io.Field(kOffCpgUpgradeSpaceMapPages, h.cpg_upgrade_space_map_pages);
  io.Field(kOffBkinfoSnapshotCur, h.bkinfo_snapshot_cur);
  io.Field(kOffCreateVersion, h.create_version);
  io.Field(kOffCreateUpdate, h.create_update);
  io.Field(kOffLogtimeGenMaxCreate, h.logtime_gen_max_create);
  io.Field(kOffBkinfoTypeFullPrev, h.bkinfo_type_full_prev);
  io.Field(kOffBkinfoTypeIncPrev, h.bkinfo_type_inc_prev);
  io.Field(kOffRepairCountOld, h.repair_count_old);
  io.Field(kOffEccFixSuccess, h.ecc_fix_success);
  io.Field(kOffLogtimeEccFixSuccess, h.logtime_ecc_fix_success);
  io.Field(kOffEccFixSuccessOld, h.ecc_fix_success_old);
  io.Field(kOffEccFixFail, h.ecc_fix_fail);
  io.Field(kOffLogtimeEccFixFail, h.logtime_ecc_fix_fail);
  io.Field(kOffEccFixFailOld, h.ecc_fix_fail_old);
  io.Field(kOffBadChecksum, h.bad_checksum);
  io.Field(kOffLogtimeBadChecksum, h.logtime_bad_checksum);
  io.Field(kOffBadChecksumOld, h.bad_checksum_old);
  io.Field(kOffGenMaxCommitted, h.gen_max_committed);
  io.Field(kOffBkinfoCopyPrev, h.bkinfo_copy_prev);
  io.Field(kOffBkinfoDiffPrev, h.bkinfo_diff_prev);
  io.Field(kOffBkinfoTypeCopyPrev, h.bkinfo_type_copy_prev);
  io.Field(kOffBkinfoTypeDiffPrev, h.bkinfo_type_diff_prev);
  io.Field(kOffIncReseedCount, h.incremental_reseed_count);
  io.Field(kOffLogtimeIncReseed, h.logtime_incremental_reseed);
  io.Field(kOffIncReseedCountOld, h.incremental_reseed_count_old);
  io.Field(kOffPagePatchCount, h.page_patch_count);
  io.Field(kOffLogtimePagePatch, h.logtime_page_patch);
  io.Field(kOffPagePatchCountOld, h.page_patch_count_old);
  io.Field(kOffSortVersion, h.sort_version);
  io.Field(kOffLogtimeDbscanPrev, h.logtime_dbscan_prev);
  io.Field(kOffLogtimeDbscanStart, h.logtime_dbscan_start);
  io.Field(kOffPgnoDbscanHighestContinuous, h.pgno_dbscan_highest_continuous);
  io.Field(kOffGenRecovering, h.gen_recovering);
  io.Field(kOffExtendCount, h.extend_count);
  io.Field(kOffLogtimeLastExtend, h.logtime_last_extend);
  io.Field(kOffShrinkCount, h.shrink_count);
  io.Field(kOffLogtimeLastShrink, h.logtime_last_shrink);
  io.Field(kOffLogtimeLastReattach, h.logtime_last_reattach);
  io.Field(kOffLgposLastReattach, h.lgpos_last_reattach);
  io.Field(kOffTrimCount, h.trim_count);
  io.Field(kOffSignDbHdrFlush, h.sign_db_hdr_flush);
  io.Field(kOffSignFlushMapHdrFlush, h.sign_flush_map_hdr_flush);
  io.Field(kOffGenMinConsistent, h.gen_min_consistent);
  io.Field(kOffUpdateMinor, h.update_minor);
  io.Field(kOffEfvMaxBinAttach, h.efv_max_bin_attach_diagnostic);
  io.Field(kOffPgnoDbscanHighest, h.pgno_dbscan_highest);
  io.Field(kOffLgposLastResize, h.lgpos_last_resize);
  io.Field(kOffReserved, h.reserved);
  io.Field(kOffFileType, h.file_type);
  io.Field(kOffReserved2, h.reserved2);
  io.Field(kOffLogtimeGenMaxRequired, h.logtime_gen_max_required);
  io.Field(kOffGenPreRedoMinConsistent, h.gen_pre_redo_min_consistent);
  io.Field(kOffGenPreRedoMinRequired, h.gen_pre_redo_min_required);
  io.Field(kOffSignRbsHdrFlush, h.sign_rbs_hdr_flush);
  io.Field(kOffRevertCount, h.revert_count);
  io.Field(kOffLogtimeRevertFrom, h.logtime_revert_from);
  io.Field(kOffLogtimeRevertTo, h.logtime_revert_to);
  io.Field(kOffRevertPageCount, h.revert_page_count);
  io.Field(kOffLgposCommitBeforeRevert, h.lgpos_commit_before_revert);
}

// Checks at compile time that the fields tile bytes 0..747 exactly: each
// starts where the previous one ended, with its on-disk size.
struct LayoutChecker {
  size_t next = 0;
  bool ok = true;
  constexpr void At(size_t offset, size_t size) {
    if (offset != next) {
      ok = false;
    }
    next = offset + size;
  }
  constexpr void Field(size_t off, const uint8_t&) { At(off, 1); }
  constexpr void Field(size_t off, const uint32_t&) { At(off, 4); }
  constexpr void Field(size_t off, const int32_t&) { At(off, 4); }
  constexpr void Field(size_t off, const uint64_t&) { At(off, 8); }
  constexpr void Field(size_t off, const int64_t&) { At(off, 8); }
  constexpr void Field(size_t off, const LogTime&) { At(off, kLogTimeSize); }
  constexpr void Field(size_t off, const Lgpos&) { At(off, kLgposSize); }
  constexpr void Field(size_t off, const Signature&) { At(off, kSignatureSize); }
  constexpr void Field(size_t off, const BkInfo&) { At(off, kBkInfoSize); }
  template <size_t N>
  constexpr void Field(size_t off, const std::array<uint8_t, N>&) {
    At(off, N);
  }
};

constexpr bool LayoutTilesHeader() {
  const DbFileHeader h{};
  LayoutChecker checker;
  VisitFields(checker, h);
  return checker.ok && checker.next == kDbFileHeaderSize;
}
static_assert(LayoutTilesHeader(), "DBFILEHDR fields must tile the 748-byte header exactly");

class Reader {
 public:
  explicit Reader(const uint8_t* base) : base_(base) {}
  void Field(size_t off, uint8_t& v) { v = base_[off]; }
  void Field(size_t off, uint32_t& v) { v = LoadLE32(base_ + off); }
  void Field(size_t off, int32_t& v) { v = static_cast<int32_t>(LoadLE32(base_ + off)); }
  void Field(size_t off, uint64_t& v) { v = LoadLE64(base_ + off); }
  void Field(size_t off, int64_t& v) { v = static_cast<int64_t>(LoadLE64(base_ + off)); }
  void Field(size_t off, LogTime& v) {
    v = DecodeLogTime(std::span<const uint8_t, kLogTimeSize>(base_ + off, kLogTimeSize));
  }
  void Field(size_t off, Lgpos& v) {
    v = DecodeLgpos(std::span<const uint8_t, kLgposSize>(base_ + off, kLgposSize));
  }
  void Field(size_t off, Signature& v) {
    v = DecodeSignature(std::span<const uint8_t, kSignatureSize>(base_ + off, kSignatureSize));
  }
  void Field(size_t off, BkInfo& v) {
    v = DecodeBkInfo(std::span<const uint8_t, kBkInfoSize>(base_ + off, kBkInfoSize));
  }
  template <size_t N>
  void Field(size_t off, std::array<uint8_t, N>& v) {
    for (size_t i = 0; i < N; ++i) {
      v[i] = base_[off + i];
    }
  }

 private:
  const uint8_t* base_;
};

class Writer {
 public:
  explicit Writer(uint8_t* base) : base_(base) {}
  void Field(size_t off, const uint8_t& v) { base_[off] = v; }
  void Field(size_t off, const uint32_t& v) { StoreLE32(base_ + off, v); }
  void Field(size_t off, const int32_t& v) { StoreLE32(base_ + off, static_cast<uint32_t>(v)); }
  void Field(size_t off, const uint64_t& v) { StoreLE64(base_ + off, v); }
  void Field(size_t off, const int64_t& v) { StoreLE64(base_ + off, static_cast<uint64_t>(v)); }
  void Field(size_t off, const LogTime& v) {
    EncodeLogTime(v, std::span<uint8_t, kLogTimeSize>(base_ + off, kLogTimeSize));
  }
  void Field(size_t off, const Lgpos& v) {
    EncodeLgpos(v, std::span<uint8_t, kLgposSize>(base_ + off, kLgposSize));
  }
  void Field(size_t off, const Signature& v) {
    EncodeSignature(v, std::span<uint8_t, kSignatureSize>(base_ + off, kSignatureSize));
  }
  void Field(size_t off, const BkInfo& v) {
    EncodeBkInfo(v, std::span<uint8_t, kBkInfoSize>(base_ + off, kBkInfoSize));
  }
  template <size_t N>
  void Field(size_t off, const std::array<uint8_t, N>& v) {
    for (size_t i = 0; i < N; ++i) {
      base_[off + i] = v[i];
    }
  }

 private:
  uint8_t* base_;
};

bool IsAcceptedDatabaseFileType(uint32_t file_type) {
  // Headers from before the field existed say 0; temporary databases use
  // the same header (ese-facts §4.1).
  return file_type == kFileTypeUnknown || file_type == kFileTypeDatabase ||
         file_type == kFileTypeTempDatabase;
}

}  // namespace

const char* DbStateName(uint32_t dbstate) {
  switch (dbstate) {
    case kDbStateJustCreated:
      return "Just Created";
    case kDbStateDirtyShutdown:
      return "Dirty Shutdown";
    case kDbStateCleanShutdown:
      return "Clean Shutdown";
    case kDbStateBeingConverted:
      return "Being Converted";
    case kDbStateForceDetach:
      return "Force Detach";
    case kDbStateIncrementalReseedInProgress:
      return "Incremental Reseed In Progress";
    case kDbStateDirtyAndPatchedShutdown:
      return "Dirty And Patched Shutdown";
    case kDbStateRevertInProgress:
      return "Revert In Progress";
    default:
      return "Unknown";
  }
}

DbFileHeader NewDbFileHeader(uint32_t page_size) {
  DbFileHeader h;
  h.magic = kDbMagic;
  h.version = kDbVersion;
  h.attrib = 0;
  h.dbstate = kDbStateJustCreated;
  h.update_major = kDbUpdateMajorMax;
  h.page_size = page_size;
  h.create_version = kDbVersion;
  h.create_update = kDbUpdateMajorMax;
  h.file_type = kFileTypeDatabase;
  h.dbid = 1;
  return h;
}

JET_ERR ParseDbHeader(std::span<const uint8_t> page, DbFileHeader* out) {
  if (page.size() < kDbFileHeaderSize) {
    return JET_errDatabaseCorrupted;
  }
  Reader reader(page.data());
  VisitFields(reader, *out);
  return JET_errSuccess;
}

JET_ERR DecodeDbHeader(std::span<const uint8_t> page, DbFileHeader* out) {
  JET_ERR err = ParseDbHeader(page, out);
  if (err < 0) {
    return err;
  }
  if (page.size() % 4 != 0) {
    return JET_errDatabaseCorrupted;
  }
  if (out->checksum != XorChecksum(page)) {
    return JET_errReadVerifyFailure;
  }
  // The header is intact from here on: what remains is whether it is a
  // database header of a format this engine understands.
  if (!IsAcceptedDatabaseFileType(out->file_type)) {
    return JET_errFileInvalidType;
  }
  if (out->magic != kDbMagic) {
    return JET_errDatabaseCorrupted;
  }
  if (out->attrib != 0) {
    return JET_errFileInvalidType;  // streaming file
  }
  if (out->version != kDbVersion || out->update_major > kDbUpdateMajorMax) {
    return JET_errInvalidDatabaseVersion;
  }
  if (!IsValidPageSize(out->EffectivePageSize())) {
    return JET_errDatabaseCorrupted;
  }
  if (out->dbstate < kDbStateJustCreated || out->dbstate > kDbStateRevertInProgress) {
    return JET_errDatabaseCorrupted;
  }
  return JET_errSuccess;
}

JET_ERR EncodeDbHeader(const DbFileHeader& header, std::span<uint8_t> page) {
  if (page.size() < kDbFileHeaderSize || page.size() % 4 != 0) {
    return JET_errInvalidParameter;
  }
  for (uint8_t& b : page) {
    b = 0;
  }
  Writer writer(page.data());
  VisitFields(writer, header);
  StoreLE32(page.data() + kOffChecksum, XorChecksum(page));
  return JET_errSuccess;
}

JET_ERR CheckDbHeaderPageSize(const DbFileHeader& header, uint32_t expected_page_size) {
  return header.EffectivePageSize() == expected_page_size ? JET_errSuccess
                                                          : JET_errPageSizeMismatch;
}

JET_ERR PickDbHeader(std::span<const uint8_t> primary, std::span<const uint8_t> shadow,
                     DbHeaderPick* out) {
  *out = DbHeaderPick{};
  DbFileHeader primary_header;
  DbFileHeader shadow_header;
  out->primary_err = DecodeDbHeader(primary, &primary_header);
  out->shadow_err = DecodeDbHeader(shadow, &shadow_header);
  out->copies_match =
      out->primary_err >= 0 && out->shadow_err >= 0 && primary_header == shadow_header;
  if (out->primary_err >= 0) {
    out->header = primary_header;
    out->source = DbHeaderCopy::kPrimary;
    return JET_errSuccess;
  }
  if (out->primary_err == JET_errInvalidDatabaseVersion ||
      out->primary_err == JET_errFileInvalidType) {
    out->header = primary_header;
    return out->primary_err;
  }
  if (out->shadow_err >= 0) {
    out->header = shadow_header;
    out->source = DbHeaderCopy::kShadow;
    return JET_errSuccess;
  }
  return JET_errDatabaseCorrupted;
}

}  // namespace jet
