#include "database/db_info.h"

#include <array>
#include <cstring>

#include "format/primitives.h"

namespace jet {
namespace {

// The JET_ structures of the on-disk primitives are byte-packed copies of
// the disk layout (esent.h, pshpack1), so the format's encoders fill them.
void Put(const LogTime& v, JET_LOGTIME* out) {
  std::array<uint8_t, kLogTimeSize> b{};
  EncodeLogTime(v, b);
  std::memcpy(out, b.data(), b.size());
}
void Put(const Lgpos& v, JET_LGPOS* out) {
  std::array<uint8_t, kLgposSize> b{};
  EncodeLgpos(v, b);
  std::memcpy(out, b.data(), b.size());
}
void Put(const Signature& v, JET_SIGNATURE* out) {
  std::array<uint8_t, kSignatureSize> b{};
  EncodeSignature(v, b);
  std::memcpy(out, b.data(), b.size());
}
void Put(const BkInfo& v, JET_BKINFO* out) {
  std::array<uint8_t, kBkInfoSize> b{};
  EncodeBkInfo(v, b);
  std::memcpy(out, b.data(), b.size());
}
static_assert(sizeof(JET_LOGTIME) == kLogTimeSize && sizeof(JET_LGPOS) == kLgposSize &&
              sizeof(JET_SIGNATURE) == kSignatureSize && sizeof(JET_BKINFO) == kBkInfoSize);

}  // namespace

JET_ERR FillDbInfoMisc(const DbFileHeader& h, void* out, size_t cb) {
  if (out == nullptr || cb < sizeof(JET_DBINFOMISC)) return JET_errInvalidBufferSize;
  JET_DBINFOMISC7 m;
  std::memset(&m, 0, sizeof(m));
  m.ulVersion = h.version;
  m.ulUpdate = h.update_major;
  Put(h.sign_db, &m.signDb);
  m.dbstate = h.dbstate;
  Put(h.lgpos_consistent, &m.lgposConsistent);
  Put(h.logtime_consistent, &m.logtimeConsistent);
  Put(h.logtime_attach, &m.logtimeAttach);
  Put(h.lgpos_attach, &m.lgposAttach);
  Put(h.logtime_detach, &m.logtimeDetach);
  Put(h.lgpos_detach, &m.lgposDetach);
  Put(h.sign_log, &m.signLog);
  Put(h.bkinfo_full_prev, &m.bkinfoFullPrev);
  Put(h.bkinfo_inc_prev, &m.bkinfoIncPrev);
  Put(h.bkinfo_full_cur, &m.bkinfoFullCur);
  m.fShadowingDisabled = h.ShadowingDisabled() ? 1 : 0;
  m.fUpgradeDb = (h.db_flags & kDbFlagUpgradeDb) != 0 ? 1 : 0;
  m.dwMajorVersion = h.os_major_version;
  m.dwMinorVersion = h.os_minor_version;
  m.dwBuildNumber = h.os_build_number;
  m.lSPNumber = static_cast<JET_INT32>(h.os_sp_number);
  m.cbPageSize = h.EffectivePageSize();
  // JET_DBINFOMISC2
  m.genMinRequired = static_cast<JET_UINT32>(h.gen_min_required);
  m.genMaxRequired = static_cast<JET_UINT32>(h.gen_max_required);
  Put(h.logtime_gen_max_create, &m.logtimeGenMaxCreate);
  m.ulRepairCount = h.repair_count;
  Put(h.logtime_repair, &m.logtimeRepair);
  m.ulRepairCountOld = h.repair_count_old;
  m.ulECCFixSuccess = h.ecc_fix_success;
  Put(h.logtime_ecc_fix_success, &m.logtimeECCFixSuccess);
  m.ulECCFixSuccessOld = h.ecc_fix_success_old;
  m.ulECCFixFail = h.ecc_fix_fail;
  Put(h.logtime_ecc_fix_fail, &m.logtimeECCFixFail);
  m.ulECCFixFailOld = h.ecc_fix_fail_old;
  m.ulBadChecksum = h.bad_checksum;
  Put(h.logtime_bad_checksum, &m.logtimeBadChecksum);
  m.ulBadChecksumOld = h.bad_checksum_old;
  // JET_DBINFOMISC3
  m.genCommitted = static_cast<JET_UINT32>(h.gen_max_committed);
  // JET_DBINFOMISC4
  Put(h.bkinfo_copy_prev, &m.bkinfoCopyPrev);
  Put(h.bkinfo_diff_prev, &m.bkinfoDiffPrev);
  // JET_DBINFOMISC5
  m.ulIncrementalReseedCount = h.incremental_reseed_count;
  Put(h.logtime_incremental_reseed, &m.logtimeIncrementalReseed);
  m.ulIncrementalReseedCountOld = h.incremental_reseed_count_old;
  m.ulPagePatchCount = h.page_patch_count;
  Put(h.logtime_page_patch, &m.logtimePagePatch);
  m.ulPagePatchCountOld = h.page_patch_count_old;
  // JET_DBINFOMISC6
  Put(h.logtime_dbscan_prev, &m.logtimeChecksumPrev);
  Put(h.logtime_dbscan_start, &m.logtimeChecksumStart);
  m.cpgDatabaseChecked = h.pgno_dbscan_highest_continuous;
  // JET_DBINFOMISC7
  Put(h.logtime_last_reattach, &m.logtimeLastReAttach);
  Put(h.lgpos_last_reattach, &m.lgposLastReAttach);

  // Each version is a prefix of the next: copy the largest that fits.
  size_t n = sizeof(JET_DBINFOMISC);
  for (size_t size : {sizeof(JET_DBINFOMISC2), sizeof(JET_DBINFOMISC3), sizeof(JET_DBINFOMISC4),
                      sizeof(JET_DBINFOMISC5), sizeof(JET_DBINFOMISC6), sizeof(JET_DBINFOMISC7)}) {
    if (cb >= size) n = size;
  }
  std::memcpy(out, &m, n);
  return JET_errSuccess;
}

}  // namespace jet
