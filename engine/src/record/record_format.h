// Byte-level constants of ESE's record (REC) format, format 0x620. The
// layout is described in docs/formats/record.md and edb-format §7; names
// follow Microsoft's rec.hxx and tagfld.hxx.

#ifndef JETSVC_ENGINE_RECORD_RECORD_FORMAT_H_
#define JETSVC_ENGINE_RECORD_RECORD_FORMAT_H_

#include <cstdint>

namespace jet {

// Which variant of the format a record is in. Both properties come from the
// page that holds the record, not from the record itself.
struct RecordFormat {
  // The database page size. Pages above 8 KiB ("large pages") widen the
  // tagged offsets to 15 bits and always carry the tagged header byte.
  uint32_t page_size = 4096;
  // The page's NewRecordFormat flag (0x800): the TAGFLD-array tagged area.
  // Clear on pages written before the format change: TAGFLD_OLD entries.
  bool new_tagged_format = true;

  bool LargePage() const { return page_size > 8192; }
};

// REC header: fidFixedLastInRec (u8), fidVarLastInRec (u8),
// ibEndOfFixedData (u16).
inline constexpr uint32_t kRecordHeaderSize = 4;
// fidVarLastInRec when the record holds no variable column.
inline constexpr uint8_t kNoVariableColumns = 127;

// Bit 15 of a variable-offset entry: the column is NULL.
inline constexpr uint16_t kVarOffsetNull = 0x8000;
inline constexpr uint16_t kVarOffsetMask = 0x7fff;

// Filler ESE writes into the bytes of a NULL fixed column (seen in the
// genuine Windows files: 0x2a, '*').
inline constexpr uint8_t kNullFixedFill = 0x2a;

// TAGFLD: { u16 fid; u16 ib }. Bits of ib:
inline constexpr uint16_t kTagfldDerived = 0x8000;        // template column
inline constexpr uint16_t kTagfldExtendedInfo = 0x4000;   // small pages: header byte present
inline constexpr uint16_t kTagfldNullSmallPage = 0x2000;  // small pages: NULL override
inline constexpr uint16_t kTagfldOffsetMaskSmall = 0x1fff;
inline constexpr uint16_t kTagfldOffsetMaskLarge = 0x7fff;
inline constexpr uint32_t kTagfldSize = 4;

// TAGFLD_HEADER: the byte in front of a tagged value.
inline constexpr uint8_t kTaggedLongValue = 0x01;    // column is LongText/LongBinary
inline constexpr uint8_t kTaggedCompressed = 0x02;   // value (or first MV instance) compressed
inline constexpr uint8_t kTaggedSeparated = 0x04;    // value is a LID into the LV tree
inline constexpr uint8_t kTaggedMultiValues = 0x08;  // MVOFFSET array follows
inline constexpr uint8_t kTaggedTwoValues = 0x10;    // with MultiValues: u8 length + two values
inline constexpr uint8_t kTaggedNull = 0x20;         // large pages: NULL override
inline constexpr uint8_t kTaggedEncrypted = 0x40;
inline constexpr uint8_t kTaggedHeaderMask = 0x7f;

// MVOFFSET: u16 per instance, offset from the byte after the header.
inline constexpr uint16_t kMvSeparatedInstance = 0x8000;
inline constexpr uint16_t kMvOffsetMask = 0x7fff;

// TAGFLD_OLD (pages without NewRecordFormat): { u16 fid; u16 bits; data }.
inline constexpr uint16_t kOldTagfldSizeMask = 0x0fff;
inline constexpr uint16_t kOldTagfldDerived = 0x2000;
inline constexpr uint16_t kOldTagfldNull = 0x4000;
inline constexpr uint16_t kOldTagfldLongValue = 0x8000;
// Old-format long values start with a flag byte; bit 0 = separated.
inline constexpr uint8_t kOldLvSeparated = 0x01;

}  // namespace jet

#endif  // JETSVC_ENGINE_RECORD_RECORD_FORMAT_H_
