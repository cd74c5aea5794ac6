#include "btree/cursor.h"

#include <algorithm>
#include <utility>

#include "btree/key_compare.h"
#include "format/endian.h"

namespace jet {

namespace {

// ESE trees are a few levels deep; a longer chain of internal pages can only
// be a cycle.
constexpr int kMaxDepth = 16;
// A stale left link is followed again from the root at most this often.
constexpr int kMaxStaleRetries = 64;

uint32_t ChildPgno(const Node& node) {
  return node.data.size() == 4 ? LoadLE32(node.data.data()) : 0;
}

// Compares two nodes (possibly on different pages) in the tree's order.
int CompareNodes(const Node& a, const Node& b, bool with_data) {
  const int c = CompareConcat(a.prefix, a.suffix, b.prefix, b.suffix);
  if (c != 0 || !with_data) {
    return c;
  }
  return CompareKeys(a.data, b.data);
}

}  // namespace

Cursor::Cursor(const BTree& tree, CursorOptions options) : tree_(tree), options_(options) {}

// ---- small helpers ---------------------------------------------------------

JET_ERR Cursor::Fail(JET_ERR err, uint32_t pgno) {
  error_ = PageError{err, pgno};
  return err;
}

void Cursor::ReleaseAll(State state) {
  page_.Release();
  iline_ = -1;
  state_ = state;
  saved_pgno_ = 0;
  if (state != State::kReleased) {
    key_.clear();
    saved_data_.clear();
    saved_view_.reset();
  }
}

bool Cursor::TryResume() {
  if (state_ != State::kReleased || saved_pgno_ == 0) {
    return false;
  }
  const uint32_t pgno = saved_pgno_;
  saved_pgno_ = 0;
  const std::shared_ptr<const PageView> known = std::move(saved_view_);
  bool unchanged = false;
  const PageHint hint = options_.sequential ? PageHint::kScan : PageHint::kNormal;
  // A failure here is left to the re-seek, which reports it with its page.
  if (TreePage::LatchIfUnchanged(tree_.cache(), tree_.file(), pgno, hint, saved_dbtime_,
                                 known, &page_, &unchanged) < 0 ||
      !unchanged) {
    page_.Release();
    return false;
  }
  iline_ = saved_iline_;
  state_ = State::kOnNode;
  return true;
}

JET_ERR Cursor::LatchPage(uint32_t pgno, bool leaf_hint, TreePage* out) {
  const PageHint hint = options_.sequential && leaf_hint ? PageHint::kScan : PageHint::kNormal;
  const JET_ERR err = TreePage::Latch(tree_.cache(), tree_.file(), pgno, hint, out);
  if (err < 0) {
    return Fail(err, pgno);
  }
  return JET_errSuccess;
}

bool Cursor::Visible(int iline) const {
  return options_.include_deleted || (page_.view().tag(iline + 1).flags & kNodeFlagDeleted) == 0;
}

void Cursor::SetPosition(int iline) {
  iline_ = iline;
  state_ = State::kOnNode;
  const Node node = page_.line(iline);
  key_.assign(node.prefix.begin(), node.prefix.end());
  key_.insert(key_.end(), node.suffix.begin(), node.suffix.end());
}

// ---- comparisons -----------------------------------------------------------

int Cursor::CompareNode(const PageView& view, int iline, const Target& target) const {
  const Node node = view.line(iline);
  const int c = CompareConcat(node.prefix, node.suffix, target.key, {});
  if (c != 0 || !target.with_data) {
    return c;
  }
  return CompareKeys(node.data, target.data);
}

int Cursor::LowerBound(const PageView& view, const Target& target) const {
  int lo = 0;
  int hi = view.line_count();
  while (lo < hi) {
    const int mid = lo + (hi - lo) / 2;
    if (CompareNode(view, mid, target) < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

int Cursor::UpperBound(const PageView& view, const Target& target) const {
  int lo = 0;
  int hi = view.line_count();
  while (lo < hi) {
    const int mid = lo + (hi - lo) / 2;
    if (CompareNode(view, mid, target) <= 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

// ---- descent ---------------------------------------------------------------

JET_ERR Cursor::Descend(const Target* target, Edge edge, TreePage* leaf) {
  uint32_t pgno = tree_.root_pgno();
  TreePage cur;
  JET_ERR err = LatchPage(pgno, false, &cur);
  if (err < 0) {
    return err;
  }
  bool parent_of_leaf = false;
  for (int depth = 0;; ++depth) {
    const PageView& view = cur.view();
    const PageHeader& h = view.header();
    const bool unusable =
        h.objid_fdp != tree_.objid() || view.Has(kPageFlagEmpty) || view.Has(kPageFlagPreInit);
    if (depth == 0) {
      if (unusable || !view.Has(kPageFlagRoot)) {
        return Fail(JET_errDatabaseCorrupted, pgno);
      }
    } else if (unusable || view.Has(kPageFlagRoot) || view.Has(kPageFlagLeaf) != parent_of_leaf) {
      // The parent's pointer leads out of the tree or to the wrong level.
      return Fail(JET_errBadParentPageLink, pgno);
    }
    const int lines = view.line_count();
    if (view.Has(kPageFlagLeaf)) {
      if (lines == 0 && depth > 0) {
        return Fail(JET_errBadEmptyPage, pgno);
      }
      *leaf = std::move(cur);
      return JET_errSuccess;
    }
    if (depth + 1 >= kMaxDepth) {
      return Fail(JET_errBadParentPageLink, pgno);
    }
    if (lines == 0) {
      return Fail(JET_errDatabaseCorrupted, pgno);
    }
    int i = 0;
    if (edge == Edge::kLeftmost) {
      i = 0;
    } else if (edge == Edge::kRightmost) {
      i = lines - 1;
    } else {
      // The first separator above the target: node i holds the keys k with
      // sep(i-1) <= k < sep(i), and the last node everything above
      // (node.cxx, IlineNDISeekGEQInternal + ErrNDISeekInternalPage).
      int lo = 0;
      int hi = lines - 1;
      const std::span<const uint8_t> data =
          target->with_data ? target->data : std::span<const uint8_t>();
      while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        const Node sep = view.line(mid);
        if (CompareConcat(sep.prefix, sep.suffix, target->key, data) > 0) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      i = lo;
    }
    const uint32_t child = ChildPgno(view.line(i));
    if (child == 0 || child == pgno || child == tree_.root_pgno()) {
      return Fail(JET_errBadParentPageLink, pgno);
    }
    parent_of_leaf = view.Has(kPageFlagParentOfLeaf);
    if (parent_of_leaf) {
      CollectLeaves(view, i);
    }
    // Latch coupling, top down: the child is latched before the parent goes.
    TreePage next;
    err = LatchPage(child, parent_of_leaf, &next);
    if (err < 0) {
      return err;
    }
    cur = std::move(next);
    pgno = child;
  }
}

// ---- moving along the leaves ------------------------------------------------

JET_ERR Cursor::CheckSibling(const TreePage& sibling, uint32_t from_pgno, bool forward) {
  const PageHeader& h = sibling.header();
  const uint32_t back = forward ? h.pgno_prev : h.pgno_next;
  if (h.objid_fdp != tree_.objid() || !sibling.Has(kPageFlagLeaf) || sibling.Has(kPageFlagRoot) ||
      sibling.Has(kPageFlagEmpty) || sibling.Has(kPageFlagPreInit) || back != from_pgno) {
    return Fail(JET_errBadPageLink, sibling.pgno());
  }
  if (sibling.line_count() == 0) {
    return Fail(JET_errBadEmptyPage, sibling.pgno());
  }
  return JET_errSuccess;
}

JET_ERR Cursor::StepToNextPage() {
  const uint32_t next = page_.header().pgno_next;
  if (next == 0) {
    return JET_errNoCurrentRecord;
  }
  TreePage sibling;
  JET_ERR err = LatchPage(next, true, &sibling);
  if (err < 0) {
    return err;
  }
  err = CheckSibling(sibling, page_.pgno(), /*forward=*/true);
  if (err < 0) {
    return err;
  }
  // The keys must go on rising across the link (this also stops a cycle).
  if (page_.line_count() > 0 &&
      CompareNodes(page_.line(page_.line_count() - 1), sibling.line(0), !tree_.unique()) >= 0) {
    return Fail(JET_errBadPageLink, next);
  }
  page_ = std::move(sibling);
  OnLeafEntered(next);
  return JET_errSuccess;
}

bool Cursor::Unchanged(uint32_t pgno, DbTime dbtime) {
  ReadLatch latch;
  if (tree_.cache()->ReadLatchPage(tree_.file(), pgno, &latch) < 0) {
    return false;
  }
  return static_cast<DbTime>(LoadLE64(latch.data() + kPageOffDbtimeDirtied)) == dbtime;
}

JET_ERR Cursor::StepToPrevPage(int* from) {
  if (page_.header().pgno_prev == 0) {
    return JET_errNoCurrentRecord;
  }
  if (page_.line_count() == 0) {
    return Fail(JET_errBadEmptyPage, page_.pgno());
  }
  // Where we come from: the page's first node. Every node wanted is below it.
  std::vector<uint8_t> first_key;
  std::vector<uint8_t> first_data;
  {
    const Node first = page_.line(0);
    first_key = first.Key();
    first_data.assign(first.data.begin(), first.data.end());
  }
  Target target;
  target.key = first_key;
  target.data = first_data;
  target.with_data = !tree_.unique();
  for (int attempt = 0;; ++attempt) {
    const uint32_t prev = page_.header().pgno_prev;
    if (prev == 0) {
      return JET_errNoCurrentRecord;
    }
    const uint32_t here = page_.pgno();
    const DbTime here_dbtime = page_.header().dbtime_dirtied;
    // Latches are taken left to right (as writers take them); going left,
    // the page is let go before its left neighbour is latched, and the
    // neighbour must still link back to it.
    page_.Release();
    TreePage sibling;
    JET_ERR err = LatchPage(prev, true, &sibling);
    if (err < 0) {
      return err;
    }
    err = CheckSibling(sibling, here, /*forward=*/false);
    if (err >= 0) {
      const int below = LowerBound(sibling.view(), target);
      if (below != sibling.line_count()) {
        err = Fail(JET_errBadPageLink, prev);  // keys not below ours
      } else if (!Unchanged(here, here_dbtime)) {
        // The page we left changed meanwhile: it may even have been freed
        // and reused, the neighbour's link then naming a different page
        // (which would skip nodes). Latched left to right, as writers do.
        err = Fail(JET_errBadPageLink, here);
      } else {
        page_ = std::move(sibling);
        *from = below - 1;
        return JET_errSuccess;
      }
    }
    // While no latch was held a writer may have merged the neighbour away
    // (and freed it, or reused it elsewhere): the link we followed is stale,
    // which is not corruption. Find the place again from the root, as ESE
    // does with its bookmark; a link still wrong after a few fresh descents
    // is reported.
    if (attempt >= kMaxStaleRetries) {
      return err;
    }
    sibling.Release();
    TreePage leaf;
    err = Descend(&target, Edge::kNone, &leaf);
    if (err < 0) {
      return err;
    }
    page_ = std::move(leaf);
    const int below = LowerBound(page_.view(), target) - 1;
    if (below >= 0) {
      *from = below;
      return JET_errSuccess;
    }
    // Everything on this leaf is at or above the target: go on left.
  }
}

JET_ERR Cursor::SettleForward(int from) {
  int i = from;
  for (;;) {
    const int lines = page_.line_count();
    for (; i < lines; ++i) {
      if (Visible(i)) {
        SetPosition(i);
        return JET_errSuccess;
      }
    }
    const JET_ERR err = StepToNextPage();
    if (err < 0) {
      return err;
    }
    i = 0;
  }
}

JET_ERR Cursor::SettleBackward(int from) {
  int i = from;
  for (;;) {
    for (; i >= 0; --i) {
      if (Visible(i)) {
        SetPosition(i);
        return JET_errSuccess;
      }
    }
    const JET_ERR err = StepToPrevPage(&i);
    if (err < 0) {
      return err;
    }
  }
}

// ---- seeks -----------------------------------------------------------------

JET_ERR Cursor::SeekTarget(const Target& target, SeekMode mode) {
  page_.Release();
  state_ = State::kNone;
  TreePage leaf;
  JET_ERR err = Descend(&target, Edge::kNone, &leaf);
  if (err < 0) {
    ReleaseAll(State::kNone);
    return err;
  }
  page_ = std::move(leaf);
  const PageView& view = page_.view();
  auto current = [&] { return CompareNode(page_.view(), iline_, target); };

  const bool upward = mode == SeekMode::kGreater || mode == SeekMode::kLessOrEqual;
  // First the node just above the key: the first >= key (or > key), found
  // in the leaf and then, since a separator may sit inside a run of equal
  // keys (non-unique trees), confirmed by walking on.
  err = SettleForward(upward ? UpperBound(view, target) : LowerBound(view, target));
  while (err >= 0 && (upward ? current() <= 0 : current() < 0)) {
    err = SettleForward(iline_ + 1);
  }
  const bool backward = mode == SeekMode::kLessOrEqual || mode == SeekMode::kLess;
  if (backward) {
    if (err == JET_errNoCurrentRecord) {
      // Nothing above the key: the answer is the tree's last node.
      err = SettleBackward(page_.line_count() - 1);
    } else if (err >= 0) {
      err = SettleBackward(iline_ - 1);
    }
    // The node found backward must still be below the key (kLess) or at
    // most it (kLessOrEqual). Going left across a page, StepToPrevPage lets
    // the page go before it latches the left neighbour, and a writer may
    // have put keys at or above the target there meanwhile (the first node
    // >= key was found on the right page): such nodes are stepped over.
    // Keys only fall along a backward walk, so the first node that
    // qualifies is the greatest one below (at most) the key.
    while (err >= 0 && (mode == SeekMode::kLess ? current() >= 0 : current() > 0)) {
      err = SettleBackward(iline_ - 1);
    }
  }
  if (err == JET_errNoCurrentRecord) {
    ReleaseAll(State::kNone);
    return JET_errRecordNotFound;
  }
  if (err < 0) {
    ReleaseAll(State::kNone);
    return err;
  }
  const int c = current();
  switch (mode) {
    case SeekMode::kEqual:
      if (c != 0) {
        ReleaseAll(State::kNone);
        return JET_errRecordNotFound;
      }
      return JET_errSuccess;
    case SeekMode::kGreaterOrEqual:
    case SeekMode::kLessOrEqual:
      return c == 0 ? JET_errSuccess : JET_wrnSeekNotEqual;
    case SeekMode::kGreater:
    case SeekMode::kLess:
      return JET_errSuccess;
  }
  return JET_errSuccess;
}

JET_ERR Cursor::Seek(std::span<const uint8_t> key, SeekMode mode) {
  // The key may be the caller's copy of Key(): keep it before moving.
  const std::vector<uint8_t> copy(key.begin(), key.end());
  Target target;
  target.key = copy;
  return SeekTarget(target, mode);
}

// ---- moves -----------------------------------------------------------------

JET_ERR Cursor::Move(MoveTo to) {
  JET_ERR err = JET_errSuccess;
  switch (to) {
    case MoveTo::kFirst:
    case MoveTo::kLast: {
      ReleaseAll(State::kNone);
      TreePage leaf;
      err = Descend(nullptr, to == MoveTo::kFirst ? Edge::kLeftmost : Edge::kRightmost, &leaf);
      if (err < 0) {
        ReleaseAll(State::kNone);
        return err;
      }
      page_ = std::move(leaf);
      err = to == MoveTo::kFirst ? SettleForward(0) : SettleBackward(page_.line_count() - 1);
      if (err < 0) {
        ReleaseAll(State::kNone);  // an empty tree, or a page error
        return err;
      }
      return JET_errSuccess;
    }
    case MoveTo::kNext:
    case MoveTo::kPrevious:
      break;
  }
  const bool forward = to == MoveTo::kNext;
  switch (state_) {
    case State::kNone:
      return JET_errNoCurrentRecord;
    case State::kBeforeFirst:
      return forward ? Move(MoveTo::kFirst) : JET_errNoCurrentRecord;
    case State::kAfterLast:
      return forward ? JET_errNoCurrentRecord : Move(MoveTo::kLast);
    case State::kReleased: {
      if (TryResume()) {
        break;  // on the node again: step from it
      }
      const Bookmark bookmark = SavedBookmark();
      Target target;
      target.key = bookmark.key;
      target.data = bookmark.data;
      target.with_data = !tree_.unique();
      err = SeekTarget(target, forward ? SeekMode::kGreater : SeekMode::kLess);
      if (err == JET_errRecordNotFound) {
        ReleaseAll(forward ? State::kAfterLast : State::kBeforeFirst);
        return JET_errNoCurrentRecord;
      }
      return err;
    }
    case State::kOnNode:
      break;
  }
  err = forward ? SettleForward(iline_ + 1) : SettleBackward(iline_ - 1);
  if (err == JET_errNoCurrentRecord) {
    ReleaseAll(forward ? State::kAfterLast : State::kBeforeFirst);
    return err;
  }
  if (err < 0) {
    ReleaseAll(State::kNone);
    return err;
  }
  if (forward && refill_ahead_) {
    // The scan left the leaves the last descent listed: descend again to the
    // current node to learn the next ones from their parent.
    refill_ahead_ = false;
    const Bookmark here = GetBookmark();
    const uint32_t here_pgno = page_.pgno();
    Target target;
    target.key = here.key;
    target.data = here.data;
    target.with_data = !tree_.unique();
    err = SeekTarget(target, SeekMode::kEqual);
    if (err == JET_errRecordNotFound) {
      // The node we stand on cannot be found from the root.
      return Fail(JET_errDatabaseCorrupted, here_pgno);
    }
    return err;
  }
  return JET_errSuccess;
}

// ---- the current node, bookmarks --------------------------------------------

std::span<const uint8_t> Cursor::Data() const {
  if (!OnNode()) {
    return {};
  }
  return page_.line(iline_).data;
}

uint8_t Cursor::NodeFlags() const {
  if (!OnNode()) {
    return 0;
  }
  return page_.view().tag(iline_ + 1).flags;
}

Bookmark Cursor::SavedBookmark() const {
  Bookmark bookmark;
  bookmark.key = key_;
  bookmark.data = saved_data_;
  return bookmark;
}

Bookmark Cursor::GetBookmark() const {
  if (state_ == State::kReleased) {
    return SavedBookmark();
  }
  Bookmark bookmark;
  if (!OnNode()) {
    return bookmark;
  }
  bookmark.key = key_;
  if (!tree_.unique()) {
    const std::span<const uint8_t> data = Data();
    bookmark.data.assign(data.begin(), data.end());
  }
  return bookmark;
}

JET_ERR Cursor::GotoBookmark(const Bookmark& bookmark) {
  const Bookmark copy = bookmark;  // may be ours
  Target target;
  target.key = copy.key;
  target.data = copy.data;
  target.with_data = !tree_.unique();
  return SeekTarget(target, SeekMode::kEqual);
}

void Cursor::Release() {
  if (!OnNode()) {
    return;
  }
  saved_data_.clear();
  if (!tree_.unique()) {
    const std::span<const uint8_t> data = Data();
    saved_data_.assign(data.begin(), data.end());
  }
  const uint32_t pgno = page_.pgno();
  const DbTime dbtime = page_.header().dbtime_dirtied;
  const int iline = iline_;
  saved_view_ = page_.TakeViewAndRelease();
  ReleaseAll(State::kReleased);
  saved_pgno_ = pgno;
  saved_dbtime_ = dbtime;
  saved_iline_ = iline;
}

JET_ERR Cursor::Relatch() {
  if (OnNode()) {
    return JET_errSuccess;
  }
  if (state_ != State::kReleased) {
    return JET_errNoCurrentRecord;
  }
  if (TryResume()) {
    return JET_errSuccess;
  }
  return GotoBookmark(SavedBookmark());
}

// ---- read-ahead --------------------------------------------------------------

void Cursor::CollectLeaves(const PageView& parent, int from) {
  if (!options_.sequential || options_.read_ahead_pages == 0) {
    return;
  }
  leaves_ahead_.clear();
  for (int i = from; i < parent.line_count(); ++i) {
    leaves_ahead_.push_back(ChildPgno(parent.line(i)));
  }
  ahead_at_ = 0;
  prefetched_to_ = 1;  // the first one is being read on demand
  refill_ahead_ = false;
  IssuePrefetch();
}

void Cursor::OnLeafEntered(uint32_t pgno) {
  if (!options_.sequential || options_.read_ahead_pages == 0) {
    return;
  }
  if (ahead_at_ + 1 < leaves_ahead_.size() && leaves_ahead_[ahead_at_ + 1] == pgno) {
    ++ahead_at_;
    IssuePrefetch();
  } else {
    refill_ahead_ = true;
  }
}

void Cursor::IssuePrefetch() {
  const size_t window = options_.read_ahead_pages;
  const size_t want = std::min(leaves_ahead_.size(), ahead_at_ + 1 + window);
  // Top the window up once half of it has been used, in one go.
  if (prefetched_to_ >= want || prefetched_to_ > ahead_at_ + 1 + window / 2) {
    return;
  }
  size_t i = std::max(prefetched_to_, ahead_at_ + 1);
  while (i < want) {
    const uint32_t first = leaves_ahead_[i];
    uint32_t count = 1;
    while (i + count < want && leaves_ahead_[i + count] == first + count) {
      ++count;
    }
    if (first != 0) {
      // Advice only: a page that fails here is reported by the demand read.
      (void)tree_.cache()->Prefetch(tree_.file(), first, count);
    }
    i += count;
  }
  prefetched_to_ = want;
}

}  // namespace jet
