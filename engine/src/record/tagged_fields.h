// The tagged-column area at the end of a record: parsing and validation.
//
// New format (pages with NewRecordFormat, what Windows writes today): an
// array of TAGFLD { u16 fid; u16 ib } sorted by (not derived, fid), then the
// values; value i spans ib[i]..ib[i+1] (the last one runs to the end of the
// record). A value may start with a TAGFLD_HEADER byte (always on pages above
// 8 KiB, only when flagged on smaller ones) that says whether it is a long
// value, separated (a LID), compressed, or several values (MVOFFSET array or
// the TWOVALUES form). Old format: a run of TAGFLD_OLD { u16 fid; u16 bits;
// data } entries, one per value. Microsoft tagfld.hxx and upgrade.cxx are the
// authority; docs/formats/record.md has the byte layout.

#ifndef JETSVC_ENGINE_RECORD_TAGGED_FIELDS_H_
#define JETSVC_ENGINE_RECORD_TAGGED_FIELDS_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "esent.h"
#include "record/record_format.h"

namespace jet {

// One value of a tagged column, as stored.
struct TaggedInstance {
  std::span<const uint8_t> data;  // the bytes after any header / offset array
  bool separated = false;         // data is a LID (4 or 8 bytes, little-endian)
  bool compressed = false;        // data is compressed (compression.h)
  bool long_value = false;        // the column is LongText / LongBinary
  bool encrypted = false;         // data is encrypted (not supported here)
};

// One tagged column present in a record.
struct TaggedColumn {
  uint16_t fid = 0;
  bool derived = false;           // TAGFLD fDerived: a template column
  bool null = false;              // explicit NULL that overrides a default value
  uint8_t header = 0;             // TAGFLD_HEADER bits, 0 when there is no header byte
  uint32_t count = 0;             // number of values (0 when null)
  std::span<const uint8_t> body;  // new format: the bytes after the header byte
  uint32_t old_first = 0;         // old format: index of the first value
};

class TaggedArea {
 public:
  TaggedArea() = default;

  // Parses `area` (the bytes from the end of the variable data to the end
  // of the record) and checks every offset, header and value array, so the
  // accessors below cannot fail. JET_errDatabaseCorrupted on any
  // inconsistency.
  [[nodiscard]] static JET_ERR Parse(std::span<const uint8_t> area, const RecordFormat& format,
                                     TaggedArea* out);

  std::span<const TaggedColumn> columns() const { return columns_; }

  // The column with `fid` / `derived`, or nullptr.
  const TaggedColumn* Find(uint32_t fid, bool derived) const;

  // Value `index` (0-based, < column.count) of a column of this area.
  TaggedInstance Instance(const TaggedColumn& column, uint32_t index) const;

 private:
  [[nodiscard]] JET_ERR ParseNew(std::span<const uint8_t> area, bool large_page);
  [[nodiscard]] JET_ERR ParseOld(std::span<const uint8_t> area);

  std::vector<TaggedColumn> columns_;
  std::vector<TaggedInstance> old_values_;  // old format only
  bool old_format_ = false;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_RECORD_TAGGED_FIELDS_H_
