// Facts about ESE column types (JET_coltyp*) that the record format, the key
// normaliser and the catalog all rely on: one table, in one place.
#ifndef JETSVC_ENGINE_FORMAT_COLTYP_H_
#define JETSVC_ENGINE_FORMAT_COLTYP_H_

#include <cstdint>

namespace jet {

// The width of a fixed-size type (Bit 1, Short 2, Long 4, Currency 8, GUID
// 16, ...); 0 for Text/Binary (their width is the column's max_size) and for
// the long-value types, which cannot be fixed.
uint32_t FixedSizeOfColtyp(uint32_t coltyp);

}  // namespace jet

#endif  // JETSVC_ENGINE_FORMAT_COLTYP_H_
