#include "format/db_header_dump.h"

#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <utility>

namespace jet {

namespace {

// Appends "<label right-aligned>: <value>\n".
class Lines {
 public:
  void Add(const char* label, const std::string& value) {
    char head[64];
    std::snprintf(head, sizeof(head), "%28s: ", label);
    out_ += head;
    out_ += value;
    out_ += '\n';
  }
  void Section(const char* title) {
    out_ += title;
    out_ += '\n';
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

std::string Fmt(const char* format, ...) {
  char buf[256];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buf, sizeof(buf), format, args);
  va_end(args);
  return buf;
}

std::string Gens(int32_t low, int32_t high) {
  return Fmt("%" PRId32 "-%" PRId32 " (0x%" PRIX32 "-0x%" PRIX32 ")", low, high,
             static_cast<uint32_t>(low), static_cast<uint32_t>(high));
}

std::string Gen(int32_t gen) {
  return Fmt("%" PRId32 " (0x%" PRIX32 ")", gen, static_cast<uint32_t>(gen));
}

std::string PosAndTime(const Lgpos& pos, const LogTime& time) {
  return pos.ToString() + "  " + time.ToString();
}

const char* FileTypeName(uint32_t file_type) {
  switch (file_type) {
    case kFileTypeUnknown:
      return "Unknown (0, pre-filetype header)";
    case kFileTypeDatabase:
      return "Database";
    case kFileTypeStreamingFile:
      return "Streaming File";
    case kFileTypeLog:
      return "Log";
    case kFileTypeCheckpoint:
      return "Checkpoint";
    case kFileTypeTempDatabase:
      return "Temp Database";
    case kFileTypeFtl:
      return "FTL";
    case kFileTypeFlushMap:
      return "Flush Map";
    default:
      return "Invalid";
  }
}

const char* BackupTypeName(uint32_t type) {
  switch (type) {
    case 0:
      return "Normal";
    case 1:
      return "OS Snapshot";
    case 2:
      return "Snapshot";
    case 3:
      return "Surrogate";
    default:
      return "Unknown";
  }
}

void AddBackup(Lines& lines, const char* title, const BkInfo& info, const uint32_t* type) {
  lines.Section(title);
  if (!info.IsSet()) {
    lines.Add("Log Gen", "none");
    return;
  }
  lines.Add("Log Gen",
            Gens(static_cast<int32_t>(info.gen_low), static_cast<int32_t>(info.gen_high)));
  lines.Add("Mark", PosAndTime(info.mark, info.mark_time));
  if (type != nullptr) {
    lines.Add("Type", BackupTypeName(*type));
  }
}

const char* ErrName(JET_ERR err) {
  switch (err) {
    case JET_errSuccess:
      return "OK";
    case JET_errReadVerifyFailure:
      return "bad checksum (JET_errReadVerifyFailure)";
    case JET_errDatabaseCorrupted:
      return "corrupt (JET_errDatabaseCorrupted)";
    case JET_errFileInvalidType:
      return "not a database header (JET_errFileInvalidType)";
    case JET_errInvalidDatabaseVersion:
      return "unsupported version (JET_errInvalidDatabaseVersion)";
    default:
      return "error";
  }
}

}  // namespace

std::string DumpDbHeader(const DbFileHeader& h) {
  Lines lines;
  lines.Add("File Type",
            Fmt("%s%s", FileTypeName(h.file_type), h.attrib == 0 ? "" : " (attrib: streaming)"));
  lines.Add("Checksum", Fmt("0x%08" PRIx32, h.checksum));
  lines.Add("Format ulMagic", Fmt("0x%08" PRIx32, h.magic));
  lines.Add("Engine ulMagic", Fmt("0x%08" PRIx32, kDbMagic));
  lines.Add("Format ulVersion",
            Fmt("0x%" PRIx32 ",%" PRIu32 ",%" PRIu32 "  (attached by %" PRIu32 ")", h.version,
                h.update_major, h.update_minor, h.efv_max_bin_attach_diagnostic));
  lines.Add("Engine ulVersion", Fmt("0x%" PRIx32 ",%" PRIu32, kDbVersion, kDbUpdateMajorMax));
  lines.Add("Created ulVersion", Fmt("0x%" PRIx32 ",%" PRIu32, h.create_version, h.create_update));
  lines.Add("DB Signature", h.sign_db.ToString());
  lines.Add("cbDbPage",
            Fmt("%" PRIu32 "%s", h.EffectivePageSize(), h.page_size == 0 ? " (stored as 0)" : ""));
  lines.Add("dbtime", Fmt("%" PRId64 " (0x%" PRIx64 ")", h.dbtime_dirtied,
                          static_cast<uint64_t>(h.dbtime_dirtied)));
  lines.Add("State", Fmt("%s (%" PRIu32 ")", DbStateName(h.dbstate), h.dbstate));
  lines.Add("Log Required", Gens(h.gen_min_required, h.gen_max_required));
  lines.Add("Log Committed", Gens(0, h.gen_max_committed));
  lines.Add("Log Recovering", Gen(h.gen_recovering));
  lines.Add("Log Consistent", Gen(h.gen_min_consistent));
  lines.Add("GenMax Creation", h.logtime_gen_max_create.ToString());
  lines.Add("Shadowed", h.ShadowingDisabled() ? "No" : "Yes");
  lines.Add("Last Objid", Fmt("%" PRIu32, h.objid_last));
  lines.Add("Scrub Dbtime", Fmt("%" PRId64 " (0x%" PRIx64 ")", h.dbtime_last_scrub,
                                static_cast<uint64_t>(h.dbtime_last_scrub)));
  lines.Add("Scrub Date", h.logtime_scrub.ToString());
  lines.Add("Repair Count", Fmt("%" PRIu32, h.repair_count));
  lines.Add("Repair Date", h.logtime_repair.ToString());
  lines.Add("Old Repair Count", Fmt("%" PRIu32, h.repair_count_old));
  lines.Add("Last Consistent", PosAndTime(h.lgpos_consistent, h.logtime_consistent));
  lines.Add("Last Attach", PosAndTime(h.lgpos_attach, h.logtime_attach));
  lines.Add("Last Detach", PosAndTime(h.lgpos_detach, h.logtime_detach));
  lines.Add("Last ReAttach", PosAndTime(h.lgpos_last_reattach, h.logtime_last_reattach));
  lines.Add("Last Resize", h.lgpos_last_resize.ToString());
  lines.Add("Dbid", Fmt("%" PRIu32, h.dbid));
  lines.Add("Log Signature", h.sign_log.ToString());
  lines.Add("OS Version",
            Fmt("(%" PRIu32 ".%" PRIu32 ".%" PRIu32 " SP %" PRIu32 ")", h.os_major_version,
                h.os_minor_version, h.os_build_number, h.os_sp_number));
  lines.Add("Flags", Fmt("0x%" PRIx32, h.db_flags));
  lines.Add("Extend Count", Fmt("%" PRIu32, h.extend_count));
  lines.Add("Shrink Count", Fmt("%" PRIu32, h.shrink_count));
  lines.Add("Trim Count", Fmt("%" PRIu32, h.trim_count));
  lines.Add("ECC Fix Success Count", Fmt("%" PRIu32, h.ecc_fix_success));
  lines.Add("ECC Fix Error Count", Fmt("%" PRIu32, h.ecc_fix_fail));
  lines.Add("Bad Checksum Count", Fmt("%" PRIu32, h.bad_checksum));
  lines.Add("Reseed Count", Fmt("%" PRIu32, h.incremental_reseed_count));
  lines.Add("Patch Count", Fmt("%" PRIu32, h.page_patch_count));
  lines.Add("Revert Count", Fmt("%" PRIu32, h.revert_count));
  AddBackup(lines, "Previous Full Backup:", h.bkinfo_full_prev, &h.bkinfo_type_full_prev);
  AddBackup(lines, "Previous Incremental Backup:", h.bkinfo_inc_prev, &h.bkinfo_type_inc_prev);
  AddBackup(lines, "Previous Copy Backup:", h.bkinfo_copy_prev, &h.bkinfo_type_copy_prev);
  AddBackup(lines, "Previous Differential Backup:", h.bkinfo_diff_prev, &h.bkinfo_type_diff_prev);
  AddBackup(lines, "Current Full Backup:", h.bkinfo_full_cur, nullptr);
  AddBackup(lines, "Current Snapshot Backup:", h.bkinfo_snapshot_cur, nullptr);
  return lines.Take();
}

std::string DumpDbHeader(const DbHeaderPick& pick) {
  std::string out;
  const bool primary = pick.source == DbHeaderCopy::kPrimary;
  out += Fmt("Header copy used: %s\n", primary ? "primary (page 0)" : "shadow (page 1)");
  out += Fmt("Primary header: %s\n", ErrName(pick.primary_err));
  out += Fmt("Shadow header: %s%s\n", ErrName(pick.shadow_err),
             pick.copies_match ? " (identical to the primary)" : "");
  out += DumpDbHeader(pick.header);
  return out;
}

}  // namespace jet
