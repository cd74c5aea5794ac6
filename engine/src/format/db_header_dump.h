// A printable summary of a database header, in the spirit of
// `esentutl /mh`: state, signatures, page size, format version, log positions
// and times, backup records. `jetctl file header` prints it.

#ifndef JETSVC_ENGINE_FORMAT_DB_HEADER_DUMP_H_
#define JETSVC_ENGINE_FORMAT_DB_HEADER_DUMP_H_

#include <string>

#include "format/db_header.h"

namespace jet {

// One "Label: value" line per field, newline-terminated.
std::string DumpDbHeader(const DbFileHeader& header);

// The same, preceded by which copy (page 0 or its shadow) was used and what
// was wrong with the other.
std::string DumpDbHeader(const DbHeaderPick& pick);

}  // namespace jet

#endif  // JETSVC_ENGINE_FORMAT_DB_HEADER_DUMP_H_
