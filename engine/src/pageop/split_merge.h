// Splits and merges as page operations: given the pages involved (read-only
// views), these build the records, one per page, that carry the change out
// when each is applied with ApplyPageOperation(). They decide nothing about
// when to split or merge; the B-tree does.
//
// Every record of one split or merge moves its page to the same new dbtime
// (each from its own dbtime_before), so the whole structure change is one
// step in dbtime order.
//
// Key ranges (edb-format §6, ESE node.cxx): in a parent page, node i points
// to the child holding the keys k with sep(i-1) <= k < sep(i); the last node
// of an internal page covers everything up to the page's own upper bound,
// whatever its key (the root's last key is empty). A split's new separator is
// the first key of the new right page (with its data, on pages of
// non-unique trees, whose nodes are ordered by key then data).

#ifndef JETSVC_ENGINE_PAGEOP_SPLIT_MERGE_H_
#define JETSVC_ENGINE_PAGEOP_SPLIT_MERGE_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "esent.h"
#include "format/page.h"
#include "pageop/page_operation.h"

namespace jet {

// A page taking part, as it is now.
struct PageRefForOp {
  uint32_t pgno = 0;
  const PageView* view = nullptr;  // null: no such page
};

// The bytes a node image takes on a page: its line plus its tag.
size_t NodeImageSpace(const NodeImage& node);

// The longest prefix worth storing in tag 0 for these keys (sorted): their
// common prefix, ignoring empty keys (an internal page's last node), or
// nothing if it is too short to save anything.
std::vector<uint8_t> ChoosePrefix(const std::vector<std::vector<uint8_t>>& keys);

// The page flags of a non-root page split off or copied from `flags`: the
// same tree-kind flags, without Root and the flush-type / state bits.
uint32_t ChildPageFlags(uint32_t flags);

struct SplitRequest {
  uint8_t dbid = 0;
  DbTime dbtime = 0;           // the dbtime every page moves to
  PageRefForOp page;           // the page that is full
  int split_iline = 0;         // horizontal: lines [split_iline, n) move right
  uint32_t new_pgno = 0;       // the page the moved lines go to
  DbTime new_page_dbtime = 0;  // its dbtime now (0 for a blank page)
  // Horizontal splits only:
  PageRefForOp right;    // the page's right sibling (leaves with pgno_next)
  PageRefForOp parent;   // the page's parent
  int parent_iline = 0;  // the parent's line that points to `page`
};

// Horizontal split of a non-root page (leaf or internal): the new page gets
// lines [split_iline, n) and becomes the page's right sibling; the parent
// gets a separator for the page and points the old separator at the new page.
// Records: NewPage (new page), Split2 (page), SetPageHeader (old right
// sibling's back link, leaves only), Split2 (parent).
// *separator receives the new separator key. JET_errInvalidParameter for a
// request that does not fit the pages (a root page, split_iline out of
// 1..n-1, a parent line that does not point to the page, a sibling that is
// not the page's right sibling, a parent with no room for the separator).
[[nodiscard]] JET_ERR PlanHorizontalSplit(const SplitRequest& request,
                                          std::vector<PageOperation>* ops,
                                          std::vector<uint8_t>* separator = nullptr);

// Vertical split of a root page: all its lines move to the new page (a child
// on the root's level), and the root becomes its parent with one node (empty
// key) pointing to it; the root keeps its external header (space header).
// Records: NewPage (new page), Split2 (root). Uses dbid, dbtime, page (the
// root), new_pgno, new_page_dbtime.
[[nodiscard]] JET_ERR PlanVerticalSplit(const SplitRequest& request,
                                        std::vector<PageOperation>* ops);

enum class MergeDirection {
  kIntoRight,  // the page's lines go in front of its right sibling's
  kIntoLeft,   // the page's lines go after its left sibling's
};

struct MergeRequest {
  uint8_t dbid = 0;
  DbTime dbtime = 0;
  MergeDirection direction = MergeDirection::kIntoRight;
  PageRefForOp page;     // the page that is emptied and leaves the tree
  PageRefForOp sibling;  // the page that receives its lines (same parent)
  PageRefForOp outer;    // leaves: the page's other neighbour, if any, whose
                         // link must now skip the page
  PageRefForOp parent;
  int parent_iline = 0;  // the parent's line that points to `page`
};

// Full merge of a non-root page into a sibling under the same parent. The
// emptied page keeps no lines and becomes an Empty page with no links (the
// caller frees its space). On internal pages the left page's last node is
// re-keyed with its separator from the parent, as it stops being the last.
// Records: Merge2 (sibling), Merge2 (page), SetPageHeader (outer, leaves),
// Merge2 (parent). JET_errInvalidParameter if the pages do not fit the
// request or the sibling has no room.
[[nodiscard]] JET_ERR PlanMerge(const MergeRequest& request, std::vector<PageOperation>* ops);

}  // namespace jet

#endif  // JETSVC_ENGINE_PAGEOP_SPLIT_MERGE_H_
