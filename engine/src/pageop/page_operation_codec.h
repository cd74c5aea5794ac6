// The byte form of a PageOperation, as the log will carry it
// (docs/formats/pageop.md). Little-endian; a 28-byte common prefix modelled
// on ESE's page-operation log records (ese-facts §4.3: lrtyp, dbid, pgno,
// dbtime, dbtimeBefore, iline), then a kind-specific payload whose length the
// prefix states. The transaction fields ESE adds (procid, trxBegin0, level,
// rceid) belong to the log layer's envelope, not here.
//
// Decoding never trusts its input: every count is checked against the bytes
// that remain, unknown kinds and flags are refused, and the decoded record
// must pass ValidatePageOperation().

#ifndef JETSVC_ENGINE_PAGEOP_PAGE_OPERATION_CODEC_H_
#define JETSVC_ENGINE_PAGEOP_PAGE_OPERATION_CODEC_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "esent.h"
#include "pageop/page_operation.h"

namespace jet {

// Size of the common prefix.
inline constexpr size_t kPageOpHeaderSize = 28;
// Offsets in the common prefix.
inline constexpr size_t kPageOpOffKind = 0;
inline constexpr size_t kPageOpOffDbid = 1;
inline constexpr size_t kPageOpOffPgno = 2;
inline constexpr size_t kPageOpOffDbtime = 6;
inline constexpr size_t kPageOpOffDbtimeBefore = 14;
inline constexpr size_t kPageOpOffIline = 22;
inline constexpr size_t kPageOpOffCbPayload = 24;
static_assert(kPageOpOffCbPayload + 4 == kPageOpHeaderSize);

// Bits of a header-change mask.
inline constexpr uint8_t kHeaderChangePrev = 0x01;
inline constexpr uint8_t kHeaderChangeNext = 0x02;
inline constexpr uint8_t kHeaderChangeFlags = 0x04;
inline constexpr uint8_t kHeaderChangeObjid = 0x08;
inline constexpr uint8_t kHeaderChangeExternalHeader = 0x10;

// Bytes EncodePageOperation() appends for `op` (a well-formed record).
size_t EncodedPageOperationSize(const PageOperation& op);

// Appends the record to *out. JET_errInvalidParameter if the record is not
// well formed (ValidatePageOperation()); *out is then unchanged.
[[nodiscard]] JET_ERR EncodePageOperation(const PageOperation& op, std::vector<uint8_t>* out);

// Decodes the record at the start of `in`. With `consumed`, trailing bytes
// are allowed and *consumed says where the record ends; without it the
// record must fill `in` exactly. JET_errLogCorrupted for anything malformed
// (truncated, overlong, unknown kind or flag, counts that do not add up, a
// record that fails ValidatePageOperation()); *op is then unchanged.
[[nodiscard]] JET_ERR DecodePageOperation(std::span<const uint8_t> in, PageOperation* op,
                                          size_t* consumed = nullptr);

}  // namespace jet

#endif  // JETSVC_ENGINE_PAGEOP_PAGE_OPERATION_CODEC_H_
