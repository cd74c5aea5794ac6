// The one function that changes a database page: ApplyPageOperation. Forward
// processing and redo both go through it, so a replayed record gives the
// page exactly the bytes the original change gave it (DESIGN: "Pages change
// only through page operations", "Physiological logging with dbtime").
//
// Neither function updates the page checksum: a page is sealed
// (PageEditor::Seal / SetPageChecksum) when it is written, as ESE does.

#ifndef JETSVC_ENGINE_PAGEOP_APPLY_H_
#define JETSVC_ENGINE_PAGEOP_APPLY_H_

#include <cstdint>
#include <span>

#include "esent.h"
#include "format/primitives.h"
#include "pageop/page_operation.h"

namespace jet {

// The dbtime stored in a page's header (dbtimeDirtied); 0 for a page too
// short to hold one.
DbTime PageDbTime(std::span<const uint8_t> page);

// Applies `op` to `page` and sets the page's dbtime to op.dbtime_after.
//
// The page's dbtime must be op.dbtime_before (NewPage and PageImage replace
// the whole page and do not look at it). Errors, with the page unchanged:
//   JET_errInvalidParameter   the record is malformed (ValidatePageOperation)
//                             or the page is not a valid page size, or a
//                             page image of another size
//   JET_errDbTimeTooOld       page dbtime < dbtime_before
//   JET_errDbTimeTooNew       page dbtime > dbtime_before
//   JET_errDatabaseCorrupted  the page cannot take the change: a line out of
//                             range, no room, a key prefix the page does not
//                             have, a result PageView::Open() refuses
//   PageView::Open() errors   the page itself is not a valid page (node
//                             kinds, Split, Merge, header changes)
[[nodiscard]] JET_ERR ApplyPageOperation(const PageOperation& op, std::span<uint8_t> page);

enum class RedoOutcome {
  kApplied,  // the page was at dbtime_before and now is at dbtime_after
  kSkipped,  // the page was already at or past dbtime_after: left alone
};

// Redo under the dbtime rule (ese-facts §5): if the page's dbtime is at or
// past op.dbtime_after the change is already there and the page is left
// alone (kSkipped); otherwise the page must be at op.dbtime_before (else
// JET_errDbTimeTooOld / JET_errDbTimeTooNew) and the record is applied
// with ApplyPageOperation. Running a log twice therefore changes nothing the
// second time.
//
// The caller passes a page it trusts: one read and verified, or from the
// cache. A page that failed verification (torn, blank) must be passed as
// zeros (dbtime 0) so that a NewPage or PageImage record rebuilds it; node
// records then fail with JET_errPageNotInitialized.
[[nodiscard]] JET_ERR RedoPageOperation(const PageOperation& op, std::span<uint8_t> page,
                                        RedoOutcome* outcome);

}  // namespace jet

#endif  // JETSVC_ENGINE_PAGEOP_APPLY_H_
