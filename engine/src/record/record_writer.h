// Builds ESE records (REC, format 0x620) from column values, laid out the
// way Windows' esent.dll lays out a freshly inserted record, so that its
// engine and the third-party readers (libesedb, dissect.esedb) read them:
//
//  * every fixed column of the schema is present (ESE copies them from the
//    table's default record); a NULL one has its bitmap bit set and its
//    bytes filled with 0x2a;
//  * variable columns up to the last non-NULL one, NULLs flagged in the
//    offset array;
//  * tagged columns sorted (template columns first, then by id); a header
//    byte only when needed on pages up to 8 KiB, always on larger ones; two
//    values of a non-long-value column in the TWOVALUES form, more values
//    (or several long values) with an MVOFFSET array.
//
// EncodeRecord(x) decodes (RecordReader::DecodeAll) back to x, up to the
// normalisation described in record_values.h.

#ifndef JETSVC_ENGINE_RECORD_RECORD_WRITER_H_
#define JETSVC_ENGINE_RECORD_RECORD_WRITER_H_

#include <cstdint>
#include <vector>

#include "record/column_schema.h"
#include "esent.h"
#include "record/record_format.h"
#include "record/record_values.h"

namespace jet {

// Encodes `values` into `out` (replacing its contents). Errors, with `out`
// left empty:
//   JET_errColumnNotFound      a column that is not in the schema
//   JET_errInvalidBufferSize   a fixed value of the wrong width
//   JET_errColumnTooBig        a variable value longer than its max_size
//   JET_errInvalidParameter    a repeated column, several values for a
//                              column that is not multi-valued, a separated
//                              value that is not a valid LID reference or
//                              whose column is not a long-value column, a
//                              compressed value that is not the first value
//                              of a long-value column or does not parse, a
//                              NULL with values
//   JET_errRecordTooBig        offsets that do not fit their bit fields
// New-format tagged data only: RecordFormat::new_tagged_format must be true.
[[nodiscard]] JET_ERR EncodeRecord(const RecordSchema& schema, const RecordFormat& format,
                                   const RecordValues& values, std::vector<uint8_t>* out);

}  // namespace jet

#endif  // JETSVC_ENGINE_RECORD_RECORD_WRITER_H_
