// Turning what JetCreateTableColumnIndex / JetAddColumn / JetCreateIndex
// are given into catalog definitions (ESE's ErrFILEICheckUserDefinedColumn,
// ErrCATAddColumn's id choice, ErrFILEIValidateCreateIndex and the key
// description parse), with ESE's errors:
//   JET_errInvalidName                  empty, longer than JET_cbNameMost,
//                                       leading space, control characters
//                                       or one of ! . [ ]
//   JET_errInvalidColumnType            no such JET_coltyp
//   JET_errMultiValuedColumnMustBeTagged  multi-valued fixed column
//   JET_errInvalidParameter             widths, Version / Autoincrement on
//                                       the wrong type, Fixed and Tagged both
//   JET_errInvalidCodePage              a Text column's code page other than
//                                       0 (1252), 1252 or 1200
//   JET_errDefaultValueTooBig           a default longer than the column
//   JET_errTooManyColumns               no id left of the column's kind
//   JET_errIndexInvalidDef              a malformed key description
//   JET_errColumnNotFound               a key column that does not exist

#ifndef JETSVC_ENGINE_DDL_DEFINITIONS_H_
#define JETSVC_ENGINE_DDL_DEFINITIONS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "catalog/table_def.h"
#include "esent.h"

namespace jet {

// ESE's object-name check; *out gets the name without trailing spaces.
[[nodiscard]] JET_ERR CheckObjectName(const char* name, std::string* out);

// A column as JetAddColumn describes it, before it has an id.
struct NewColumn {
  std::string name;
  uint32_t coltyp = 0;
  uint32_t cb_max = 0;
  uint32_t grbit = 0;
  uint32_t cp = 0;
  std::span<const uint8_t> default_value;
};

// Builds the definition and gives it the next free id of its kind in
// `table` (fixed 1.., variable 128.., tagged 256..); fixed columns also get
// their record offset. Does not add it to `table`.
[[nodiscard]] JET_ERR BuildColumn(const NewColumn& column, const TableDef& table, ColumnDef* out);

// Parses a key description ("+a\0-b\0\0", cb bytes) against `table`'s
// columns into `out`'s segments (resolved), and sets the flags that depend
// on them (Multivalued, LocalizedText) and the locale. `grbit` is
// JetCreateIndex's; ESE's flags come from IndexDef::FlagsFromGrbit.
[[nodiscard]] JET_ERR BuildIndex(const char* name, const char* key, uint32_t cb_key, uint32_t grbit,
                                 uint32_t density, const TableDef& table, IndexDef* out);

}  // namespace jet

#endif  // JETSVC_ENGINE_DDL_DEFINITIONS_H_
