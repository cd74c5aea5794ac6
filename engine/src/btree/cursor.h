// A read cursor on a B-tree: seek by normalised key, move first / last /
// next / previous across the leaves, read the current node's key and data.
//
// While positioned on a node the cursor holds a read latch on its leaf, so
// Data() points into the cached page. Release() drops the latch and keeps a
// bookmark; the next move re-seeks from it (ESE's "bookmark, then relatch").
//
// Node flags on the read path (edb-format §5.3): a node flagged deleted
// (0x2, a versioned delete waiting for cleanup) is skipped unless the cursor
// was asked to show it; the version flag (0x1) only says the version store
// may know more and does not hide the node; the compressed flag (0x4) is the
// key's prefix compression and is taken care of here.
//
// Checks made while walking (each failure reports its page in error()):
//   a parent's child must be of the same tree, on the level below, and not a
//   root: else JET_errBadParentPageLink; a sibling must be a leaf of the same
//   tree whose link back points to the page we came from, and whose keys
//   follow ours: else JET_errBadPageLink; a linked leaf with no nodes is
//   JET_errBadEmptyPage; page read / verify / structure errors as
//   TreePage::Latch() returns them (JET_errReadVerifyFailure, ...).
//
// Not thread-safe: one cursor per thread.

#ifndef JETSVC_ENGINE_BTREE_CURSOR_H_
#define JETSVC_ENGINE_BTREE_CURSOR_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "btree/btree.h"
#include "btree/tree_page.h"
#include "esent.h"

namespace jet {

enum class SeekMode {
  kEqual,           // the first node whose key equals the key
  kGreaterOrEqual,  // the first node >= key (JET_bitSeekGE)
  kGreater,         // the first node >  key (JET_bitSeekGT)
  kLessOrEqual,     // the last node  <= key (JET_bitSeekLE)
  kLess,            // the last node  <  key (JET_bitSeekLT)
};

enum class MoveTo { kFirst, kPrevious, kNext, kLast };

struct CursorOptions {
  // Show nodes flagged deleted (for the version store / cleanup); a normal
  // reader skips them.
  bool include_deleted = false;
  // A scan: leaves are latched with PageHint::kScan (kept cold in the cache)
  // and read ahead.
  bool sequential = false;
  // How many leaves ahead a sequential cursor asks the cache to prefetch
  // (taken from the parent page's child pointers). 0: no read-ahead.
  uint32_t read_ahead_pages = 16;
};

// Where a node is, independent of pages: its key, and on non-unique trees
// its data (the primary key of an index entry) as well.
struct Bookmark {
  std::vector<uint8_t> key;
  std::vector<uint8_t> data;
  friend bool operator==(const Bookmark&, const Bookmark&) = default;
};

class Cursor {
 public:
  explicit Cursor(const BTree& tree, CursorOptions options = CursorOptions());
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  // Positions on the node `mode` asks for, comparing keys only. Returns
  // JET_errSuccess on an equal key (and always for kGreater / kLess),
  // JET_wrnSeekNotEqual when kGreaterOrEqual / kLessOrEqual found another key,
  // JET_errRecordNotFound when there is no such node (the cursor is then not
  // positioned), or a page error.
  [[nodiscard]] JET_ERR Seek(std::span<const uint8_t> key, SeekMode mode);

  // kFirst / kLast: the first / last node of the tree. kNext / kPrevious:
  // the node after / before the current one; past either end the cursor sits
  // after the last / before the first node and returns
  // JET_errNoCurrentRecord (moving back from there reaches the last / first
  // node again). JET_errNoCurrentRecord also for an empty tree and for
  // kNext / kPrevious on a cursor that was never positioned.
  [[nodiscard]] JET_ERR Move(MoveTo to);
  [[nodiscard]] JET_ERR MoveFirst() { return Move(MoveTo::kFirst); }
  [[nodiscard]] JET_ERR MoveLast() { return Move(MoveTo::kLast); }
  [[nodiscard]] JET_ERR MoveNext() { return Move(MoveTo::kNext); }
  [[nodiscard]] JET_ERR MovePrev() { return Move(MoveTo::kPrevious); }

  // True while on a node (latched); Release() keeps a position but not this.
  bool OnNode() const { return state_ == State::kOnNode; }

  // The current node's whole key (prefix and suffix). Valid while on a node,
  // and after Release() until the next move.
  std::span<const uint8_t> Key() const { return key_; }
  // The current node's data, in the latched page: valid until the cursor
  // moves or releases. Empty when not on a node.
  std::span<const uint8_t> Data() const;
  // The current node's flags (kNodeFlag*); 0 when not on a node.
  uint8_t NodeFlags() const;
  // The leaf page and line of the current node (0 / -1 when not on one).
  uint32_t pgno() const { return OnNode() ? page_.pgno() : 0; }
  int iline() const { return OnNode() ? iline_ : -1; }

  // The current node's bookmark (empty when not on a node or released).
  Bookmark GetBookmark() const;
  // Positions on the node with this bookmark: JET_errRecordNotFound if it is
  // no longer there (the cursor is then not positioned).
  [[nodiscard]] JET_ERR GotoBookmark(const Bookmark& bookmark);

  // Drops the leaf latch, keeping the position as a bookmark: Key() stays,
  // Data() empties, and the next Move(kNext / kPrevious) continues from it.
  // Relatch() returns to the node itself. Both first latch the leaf left
  // (its pgno, dbtime and line are remembered, as ESE's cursor does): if its
  // dbtime is unchanged nobody changed it and the cursor goes on from the
  // remembered line; else they re-seek from the bookmark.
  void Release();
  [[nodiscard]] JET_ERR Relatch();

  // The last failure and the page it was found on.
  const PageError& error() const { return error_; }
  const BTree& tree() const { return tree_; }

 private:
  enum class State { kNone, kOnNode, kBeforeFirst, kAfterLast, kReleased };
  // What a descent looks for.
  struct Target {
    std::span<const uint8_t> key;
    std::span<const uint8_t> data;
    bool with_data = false;  // bookmark order: key, then data
  };
  enum class Edge { kNone, kLeftmost, kRightmost };

  JET_ERR Fail(JET_ERR err, uint32_t pgno);
  JET_ERR LatchPage(uint32_t pgno, bool leaf_hint, TreePage* out);
  JET_ERR Descend(const Target* target, Edge edge, TreePage* leaf);
  int CompareNode(const PageView& view, int iline, const Target& target) const;
  int LowerBound(const PageView& view, const Target& target) const;
  int UpperBound(const PageView& view, const Target& target) const;
  bool Visible(int iline) const;
  // Moves to the first visible node at or after / at or before line `from`
  // of the current page, crossing pages as needed. JET_errNoCurrentRecord at
  // the end / start of the tree.
  JET_ERR SettleForward(int from);
  JET_ERR SettleBackward(int from);
  JET_ERR StepToNextPage();
  // To the leaf on the left; *from is its last line below the page left
  // (normally its last line; after a stale link, wherever a fresh descent
  // finds it).
  JET_ERR StepToPrevPage(int* from);
  // True if page `pgno` still has this dbtime (nobody changed it).
  bool Unchanged(uint32_t pgno, DbTime dbtime);
  // Sibling checks.
  JET_ERR CheckSibling(const TreePage& sibling, uint32_t from_pgno, bool forward);
  JET_ERR SeekTarget(const Target& target, SeekMode mode);
  void SetPosition(int iline);
  // Back on the leaf Release() left if it is unchanged (see Release()).
  bool TryResume();
  void ReleaseAll(State state);
  Bookmark SavedBookmark() const;
  // Read-ahead.
  void CollectLeaves(const PageView& parent, int from);
  void OnLeafEntered(uint32_t pgno);
  void IssuePrefetch();

  BTree tree_;
  CursorOptions options_;
  State state_ = State::kNone;
  TreePage page_;
  int iline_ = -1;
  std::vector<uint8_t> key_;
  std::vector<uint8_t> saved_data_;  // bookmark data while released
  // While released: the leaf left, its dbtime, the line, its parsed view.
  uint32_t saved_pgno_ = 0;
  DbTime saved_dbtime_ = 0;
  int saved_iline_ = -1;
  std::shared_ptr<const PageView> saved_view_;
  PageError error_;

  std::vector<uint32_t> leaves_ahead_;  // leaves from the current one on
  size_t ahead_at_ = 0;                 // the current leaf's index in it
  size_t prefetched_to_ = 0;            // prefetch requested below this index
  bool refill_ahead_ = false;           // left the list: re-descend for more
};

}  // namespace jet

#endif  // JETSVC_ENGINE_BTREE_CURSOR_H_
