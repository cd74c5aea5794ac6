// The page operation: every change to a database page as a value (DESIGN:
// "Pages change only through page operations"). Forward processing builds a
// PageOperation, (logs it,) and applies it with ApplyPageOperation
// (pageop/apply.h); redo applies the same record with the same function,
// under the dbtime rule (RedoPageOperation). The byte form is in
// pageop/page_operation_codec.h; docs/formats/pageop.md has the layout.
//
// One record changes one page. A split or a merge is several records, one
// per page involved (pageop/split_merge.h builds them).

#ifndef JETSVC_ENGINE_PAGEOP_PAGE_OPERATION_H_
#define JETSVC_ENGINE_PAGEOP_PAGE_OPERATION_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "esent.h"
#include "format/primitives.h"

namespace jet {

// What a record does. The values are ESE's LRTYP numbers where ESE logs the
// same change (ese-facts §4.3); kinds ESE has no record for take values from
// 0xA0 up, outside ESE's range (< 128).
enum class PageOpKind : uint8_t {
  kInsert = 29,             // lrtypInsert: insert a node at iline
  kFlagInsert = 30,         // lrtypFlagInsert: clear a node's deleted flag
  kFlagDelete = 32,         // lrtypFlagDelete: set a node's deleted flag
  kReplace = 33,            // lrtypReplace: a node's full after-image at iline
  kDelete = 35,             // lrtypDelete: remove the node at iline
  kSetExternalHeader = 38,  // lrtypSetExternalHeader: tag 0
  kSplit = 62,              // lrtypSplit2: one page's part in a split
  kMerge = 63,              // lrtypMerge2: one page's part in a merge
  kNewPage = 95,            // lrtypNewPage: format a page (with its nodes)
  kSetNodeFlags = 0xA0,     // set a node's version / deleted flags
  kSetPageHeader = 0xA1,    // sibling links, page flags, objidFDP
  kPageImage = 0xA2,        // the whole page (torn-page protection)
};

// The name used in dumps and messages ("Insert", "Split2", ...).
const char* PageOpKindName(PageOpKind kind);
// True for the values above.
bool IsKnownPageOpKind(uint8_t value);
// NewPage and PageImage replace the whole page: their dbtime_before is not
// checked against the page (the page may be blank, freed or torn).
bool IsWholePageKind(PageOpKind kind);

// The node flags a record may carry (the compressed flag follows cb_prefix).
inline constexpr uint8_t kPageOpNodeFlagsMask = 0x3;  // version | deleted

// A node as a record carries it: flags, how many bytes of the page's prefix
// its key takes, the rest of its key, and its data. ApplyPageOperation
// encodes it with EncodeNode(); a node with cb_prefix > 0 is compressed.
struct NodeImage {
  uint8_t flags = 0;  // kNodeFlagVersion | kNodeFlagDeleted
  uint16_t cb_prefix = 0;
  std::vector<uint8_t> suffix;
  std::vector<uint8_t> data;

  friend bool operator==(const NodeImage&, const NodeImage&) = default;
};

// The node image for `key` and `data` on a page whose prefix source is
// `prefix` (PageView::PrefixSource(): empty on FDP roots). As ESE does, the
// key takes the common prefix only when it is longer than the 2-byte
// cbPrefix field it costs.
NodeImage MakeNodeImage(std::span<const uint8_t> key, std::span<const uint8_t> data,
                        std::span<const uint8_t> prefix, uint8_t flags = 0);

// Header fields a record sets; unset ones are left as they are.
struct PageHeaderChange {
  std::optional<uint32_t> pgno_prev;
  std::optional<uint32_t> pgno_next;
  std::optional<uint32_t> flags;
  std::optional<uint32_t> objid_fdp;
  std::optional<std::vector<uint8_t>> external_header;  // tag 0

  bool empty() const {
    return !pgno_prev && !pgno_next && !flags && !objid_fdp && !external_header;
  }
  friend bool operator==(const PageHeaderChange&, const PageHeaderChange&) = default;
};

// Split/Merge: remove every line from iline to the end of the page.
inline constexpr uint16_t kAllLines = 0xffff;

struct PageOperation {
  PageOpKind kind = PageOpKind::kInsert;
  uint8_t dbid = 0;
  uint32_t pgno = 0;
  // The page's dbtime before the change, and the one the change gives it
  // (ese-facts §4.3: dbtimeBefore / dbtime). For the whole-page kinds
  // dbtime_before is informational.
  DbTime dbtime_before = 0;
  DbTime dbtime_after = 0;
  // Insert / Replace / Delete / FlagInsert / FlagDelete / SetNodeFlags: the
  // line acted on. Split / Merge: the first line removed or inserted.
  uint16_t iline = 0;
  // Split / Merge: how many lines are removed at iline (kAllLines: all of
  // them to the end) before `nodes` are inserted there.
  uint16_t cline_removed = 0;
  // SetNodeFlags: the node's new flags (kPageOpNodeFlagsMask).
  uint8_t node_flags = 0;
  // Insert / Replace: exactly one node. NewPage: the page's nodes, in order.
  // Split / Merge: the nodes inserted at iline.
  std::vector<NodeImage> nodes;
  // NewPage: pgno_prev, pgno_next, flags and objid_fdp are all required;
  // external_header is optional (empty). SetExternalHeader: only
  // external_header. SetPageHeader: at least one field. Split / Merge: any.
  PageHeaderChange header;
  // PageImage: the whole page as it was at dbtime_after.
  std::vector<uint8_t> image;

  // Builders for each kind (the target fields are set with At()).
  static PageOperation Insert(uint16_t iline, NodeImage node);
  static PageOperation Replace(uint16_t iline, NodeImage node);
  static PageOperation Delete(uint16_t iline);
  static PageOperation FlagDelete(uint16_t iline);
  static PageOperation FlagInsert(uint16_t iline);
  static PageOperation SetNodeFlags(uint16_t iline, uint8_t flags);
  static PageOperation SetExternalHeader(std::vector<uint8_t> header);
  static PageOperation SetPageHeader(PageHeaderChange change);
  static PageOperation NewPage(uint32_t flags, uint32_t objid_fdp, uint32_t pgno_prev,
                               uint32_t pgno_next, std::vector<uint8_t> external_header,
                               std::vector<NodeImage> nodes);
  static PageOperation Split(uint16_t iline, uint16_t cline_removed, std::vector<NodeImage> nodes,
                             PageHeaderChange change);
  static PageOperation Merge(uint16_t iline, uint16_t cline_removed, std::vector<NodeImage> nodes,
                             PageHeaderChange change);
  // The image of `page` (a valid page size) at its own dbtime, which becomes
  // both dbtimes of the record.
  static PageOperation PageImage(std::span<const uint8_t> page);

  // Sets the page the record changes and its dbtimes.
  PageOperation& At(uint8_t dbid_in, uint32_t pgno_in, DbTime before, DbTime after) {
    dbid = dbid_in;
    pgno = pgno_in;
    dbtime_before = before;
    dbtime_after = after;
    return *this;
  }

  // One line for dumps: "Insert dbid 1 pgno 13 dbtime 7->8 iline 3 ...".
  std::string ToString() const;

  friend bool operator==(const PageOperation&, const PageOperation&) = default;
};

// Checks that a record is well formed for its kind, whatever page it meets:
// fields the kind needs are there, fields it does not use are empty, counts
// and lengths fit a node (13-bit key lengths), dbtimes move forward
// (after > before, except PageImage where they are equal), the page image
// is a valid page size and carries dbtime_after. JET_errInvalidParameter
// otherwise. Decode and apply both call it.
[[nodiscard]] JET_ERR ValidatePageOperation(const PageOperation& op);

}  // namespace jet

#endif  // JETSVC_ENGINE_PAGEOP_PAGE_OPERATION_H_
