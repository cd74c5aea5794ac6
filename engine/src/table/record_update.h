// The copy buffer of JetPrepareUpdate / JetSetColumn(s) / JetUpdate (ESE's
// dataWorkBuf, recupd.cxx ErrIsamPrepareUpdate and fldmod.cxx
// ErrFLDSetOneColumn): the values of one record being inserted or replaced,
// kept per column in clear, and turned into record bytes plus long-value
// work by Finish(). Pure logic: the caller reads and writes the B-trees.
//
// Long values of the original record (replace, insert copy) stay LIDs until
// something needs their bytes (a partial update, a uniqueness check,
// RetrieveCopy); they are then read through the caller's LvFetcher. A long
// value that is changed is always written as a new LV (new LID); the old LID
// is reported as released.

#ifndef JETSVC_ENGINE_TABLE_RECORD_UPDATE_H_
#define JETSVC_ENGINE_TABLE_RECORD_UPDATE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <vector>

#include "catalog/table_def.h"
#include "esent.h"
#include "record/column_schema.h"
#include "record/long_value.h"
#include "record/record_format.h"
#include "record/record_values.h"

namespace jet {

// Reads a whole separated long value (in clear) from the table's LV tree.
using LvFetcher = std::function<JET_ERR(LvId lid, std::vector<uint8_t>* value)>;
// Hands out a fresh LID for a long value about to be stored.
using LidAllocator = std::function<JET_ERR(LvId* lid)>;

enum class UpdateKind { kInsert, kReplace, kInsertCopy };

// A long value Finish() wants stored in the LV tree under `lid`
// (SplitLongValue with the table's chunk size; compress when `compress`).
struct NewLongValue {
  LvId lid = 0;
  std::vector<uint8_t> data;
  bool compress = false;
};

struct UpdateResult {
  std::vector<uint8_t> record;              // the record to insert / replace with
  std::vector<NewLongValue> new_long_values;  // store these (ref count 1)
  // Separated LVs of the original record the new one no longer references:
  // decrement their ref count (delete at 0). Replace only.
  std::vector<LvId> released_long_values;
  // Separated LVs the new record shares with the original: increment their
  // ref count. Insert copy only (ESE: lvaffectReferenceAll).
  std::vector<LvId> shared_long_values;
  std::vector<uint32_t> changed_columns;  // ids, sorted; replace: vs the original
  bool changed = false;                   // replace: the record differs at all
};

// JetDelete's long-value work: every separated LV `record` references
// (decrement each ref count, delete at 0). Record decoding errors.
[[nodiscard]] JET_ERR SeparatedLongValuesOf(const TableDef& table, uint32_t page_size,
                                            std::span<const uint8_t> record,
                                            std::vector<LvId>* lids);

class RecordUpdate {
 public:
  // JetPrepareUpdate. `prep`: JET_prepInsert, JET_prepReplace,
  // JET_prepReplaceNoLock, JET_prepInsertCopy (JET_prepInsertCopyDelete-
  // Original and ...ReplaceOriginal: not here, JET_errInvalidParameter as
  // for any other value). `current` is the record the cursor is on (replace,
  // insert copy). `autoinc` is the value the table's counter gives a new
  // record (insert, insert copy; ignored without an autoincrement column): as
  // in ESE it is in the copy buffer from the start, so RetrieveCopy sees it.
  // `page_size` picks the record format and the LV thresholds.
  [[nodiscard]] static JET_ERR Prepare(const TableDef& table, uint32_t page_size, uint32_t prep,
                                       std::span<const uint8_t> current, uint64_t autoinc,
                                       LvFetcher fetch, RecordUpdate* out);

  RecordUpdate() = default;
  RecordUpdate(RecordUpdate&&) = default;
  RecordUpdate& operator=(RecordUpdate&&) = default;

  UpdateKind kind() const { return kind_; }

  // JetSetColumn with ESE's rules (fldmod.cxx ErrFLDSetOneColumn, rec.cxx,
  // lv.cxx ErrLVOpFromGrbit). `setinfo` NULL means itagSequence 1,
  // ibLongValue 0. itagSequence 0 or beyond the last value adds a value, n
  // replaces the nth; NULL data / cb 0 without JET_bitSetZeroLength removes
  // it (NULL); fixed and variable columns ignore the itag. Errors:
  //   JET_errColumnNotFound       no such column (deleted ones included)
  //   JET_errInvalidParameter     setinfo->cbStruct too small, cb > 2^31-1
  //   JET_errInvalidGrbit         unknown bits, unique + Append/Overwrite/
  //                               SizeLV, Separate + Intrinsic, Compressed +
  //                               Uncompressed, an LV bit combination ESE's
  //                               matrix does not have
  //   JET_errInvalidColumnType    an autoincrement column; a version column
  //                               during a replace
  //   JET_errNullInvalid          NULL for a NOT NULL column
  //   JET_errInvalidBufferSize    a fixed-width type of the wrong size; fixed
  //                               Text/Binary longer than the column (shorter
  //                               is padded: spaces / zeros)
  //   JET_wrnColumnMaxTruncated   variable Text/Binary longer than cbMax
  //                               (255 without one): cut
  //   JET_errColumnTooBig         tagged Text/Binary over the same limit; a
  //                               long value over a non-zero cbMax; more than
  //                               1024 bytes with JET_bitSetIntrinsicLV
  //   JET_errMultiValuedColumnMustBeTagged  itag > 1 on a tagged column that
  //                               is not multi-valued and has a value
  //   JET_errMultiValuedDuplicate(AfterTruncation)  JET_bitSetUnique(Normal-
  //                               ized)MultiValues and an equal other value
  //   JET_errColumnNoChunk        JET_bitSetOverwriteLV past the end of the
  //                               value, or at an offset of a new value
  // A failed call leaves the buffer unchanged. A Bit is stored 0x00 / 0xff.
  [[nodiscard]] JET_ERR SetColumn(uint32_t columnid, const void* data, unsigned long cb,
                                  JET_GRBIT grbit, const JET_SETINFO* setinfo);

  // JetRetrieveColumn(JET_bitRetrieveCopy): value `itag` (1-based) of the
  // column as the copy buffer holds it, the column's default when the record
  // holds nothing for it (unless `ignore_default`). *is_null when there is no
  // such value. JET_errColumnNotFound, JET_errBadItagSequence for 0.
  [[nodiscard]] JET_ERR RetrieveCopy(uint32_t columnid, uint32_t itag, bool ignore_default,
                                     std::vector<uint8_t>* value, bool* is_null);
  // The number of values RetrieveCopy can return (a default counts as one).
  [[nodiscard]] JET_ERR CountCopy(uint32_t columnid, uint32_t* count) const;

  // JetUpdate: adds defaults (insert), the version column's value, checks
  // NOT NULL columns (JET_errNullInvalid), decides which long values are
  // separated and encodes the record (JET_errRecordTooBig when even with
  // every long value separated it does not fit a page). The primary-key
  // check of a replace (JET_errRecordPrimaryChanged) is index_changes.h's.
  [[nodiscard]] JET_ERR Finish(const LidAllocator& allocate_lid, UpdateResult* out);

  // The largest record a page of `page_size` bytes holds (approximate:
  // the default LV chunk size, which is what ESE fits into one node).
  static uint32_t MaxRecordSize(uint32_t page_size);
  // The largest long value kept in the record (rec.hxx cbLVIntrinsicMost =
  // 1023; ESE's ErrFLDSetOneColumn also caps it at half a page).
  static uint32_t IntrinsicLvLimit(uint32_t page_size);

 private:
  struct Value {
    std::vector<uint8_t> data;  // in clear, valid when loaded
    LvId lid = 0;               // separated in the original record and untouched
    bool loaded = true;
    bool force_separate = false;  // JET_bitSetSeparateLV
    bool force_intrinsic = false;  // JET_bitSetIntrinsicLV
    int compress = -1;             // -1 column default, 0 JET_bitSetUncompressed, 1 ...Compressed
  };
  struct Column {
    bool null_override = false;  // tagged: explicit NULL that hides the default
    std::vector<Value> values;
  };

  const ColumnDef* FindDef(uint32_t columnid) const;
  [[nodiscard]] JET_ERR Load(Value* v);
  [[nodiscard]] JET_ERR ApplyValue(const ColumnDef& def, Column* col, uint32_t itag, uint32_t ib,
                                   const uint8_t* data, uint32_t cb, JET_GRBIT grbit, bool unique);
  [[nodiscard]] JET_ERR SetLongValue(const ColumnDef& def, Column* col, uint32_t itag,
                                     uint32_t ib, const uint8_t* data, uint32_t cb,
                                     JET_GRBIT grbit);
  [[nodiscard]] JET_ERR CheckUnique(const ColumnDef& def, Column* col, size_t skip_index,
                                    std::span<const uint8_t> data, bool normalized);
  bool HasStoredState(uint32_t columnid) const;

  const TableDef* table_ = nullptr;
  uint32_t page_size_ = 4096;
  UpdateKind kind_ = UpdateKind::kInsert;
  LvFetcher fetch_;
  RecordSchema schema_;
  RecordValues defaults_;
  std::map<uint32_t, Column> columns_;   // current state of every column in the buffer
  std::map<uint32_t, Column> original_;  // replace / insert copy: the record as prepared
  std::vector<uint32_t> touched_;        // columns SetColumn changed
};

}  // namespace jet

#endif  // JETSVC_ENGINE_TABLE_RECORD_UPDATE_H_
