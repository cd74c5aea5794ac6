#include "btree/btree_writer.h"

#include <algorithm>
#include <utility>

#include "btree/key_compare.h"
#include "format/endian.h"
#include "pageop/split_merge.h"

namespace jet {

namespace {

// ESE trees are a few levels deep; a longer chain can only be a cycle.
constexpr size_t kMaxDepth = 16;
// A change that still needs room after this many structure changes is not
// making progress: the tree is not what it seems.
constexpr int kMaxRounds = 64;
// ChangeLeaf's "not here": the change needs the pessimistic pass.
constexpr JET_ERR kNeedPath = 1;

uint32_t ChildPgno(const Node& node) {
  return node.data.size() == 4 ? LoadLE32(node.data.data()) : 0;
}

size_t UsableFree(const PageView& view) {
  const PageHeader& h = view.header();
  return h.cb_free > h.cb_uncommitted_free ? h.cb_free - h.cb_uncommitted_free : 0;
}

size_t LineSpace(const PageView& view, int iline) {
  return view.TagData(iline + 1).size() + kTagSize;
}

std::vector<uint8_t> PgnoBytes(uint32_t pgno) {
  std::vector<uint8_t> bytes(4);
  StoreLE32(bytes.data(), pgno);
  return bytes;
}

uint32_t EmptiedFlags(const PageView& view) {
  return kPageFlagEmpty | (view.header().flags & kPageFlagNewChecksum);
}

}  // namespace

// A write-latched page and a view of it (refreshed after each change).
struct BTreeWriter::Held {
  uint32_t pgno = 0;
  WriteLatch latch;
  PageView view;
};

// The pages from the root to a leaf, write-latched; ilines[i] is the line of
// pages[i] that points to pages[i + 1]. unique_ptr: LatchedPageOp keeps
// pointers to the latches.
struct BTreeWriter::Path {
  std::vector<std::unique_ptr<Held>> pages;
  std::vector<int> ilines;
  Held& leaf() { return *pages.back(); }
  size_t leaf_level() const { return pages.size() - 1; }
};

BTreeWriter::BTreeWriter(const BTree& tree, const PageWriteContext& ctx, PageAllocator* space)
    : tree_(tree), ctx_(ctx), space_(space), unique_(tree.unique()) {}

BTreeWriter::~BTreeWriter() = default;

size_t BTreeWriter::MaxKeySize(size_t page_size) {
  const size_t data_area = page_size - PageHeaderSize(page_size);
  return std::min(data_area / 8, size_t{kNodeKeyLengthMask});
}

size_t BTreeWriter::MaxNodeSize(size_t page_size) {
  // Two nodes, a prefix as long as a key (or a root's 16-byte external
  // header) and their tags fit on one page: a leaf holding one node can
  // always take one more after a split.
  const size_t data_area = page_size - PageHeaderSize(page_size);
  const size_t header = std::max(kSplitBufferSize, MaxKeySize(page_size));
  const size_t per_node_overhead = 2 + 2 + kTagSize;  // cbPrefix, cbSuffix, tag
  return (data_area - kTagSize - header) / 2 - per_node_overhead;
}

JET_ERR BTreeWriter::CheckSizes(std::span<const uint8_t> key,
                                std::span<const uint8_t> data) const {
  const size_t page_size = ctx_.cache->page_size();
  const size_t max_key = MaxKeySize(page_size);
  if (key.size() > max_key || (!unique_ && key.size() + data.size() > max_key)) {
    return JET_errKeyTooBig;
  }
  if (key.size() + data.size() > MaxNodeSize(page_size)) {
    return JET_errRecordTooBig;
  }
  return JET_errSuccess;
}

// ---- searching -------------------------------------------------------------

namespace {

struct Probe {
  std::span<const uint8_t> key;
  std::span<const uint8_t> data;
  bool with_data = false;
};

int CompareLine(const PageView& view, int iline, const Probe& t) {
  const Node n = view.line(iline);
  const int c = CompareConcat(n.prefix, n.suffix, t.key, {});
  if (c != 0 || !t.with_data) {
    return c;
  }
  return CompareKeys(n.data, t.data);
}

int LowerBound(const PageView& view, const Probe& t) {
  int lo = 0;
  int hi = view.line_count();
  while (lo < hi) {
    const int mid = lo + (hi - lo) / 2;
    if (CompareLine(view, mid, t) < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

// The line of an internal page whose child holds the target: the first
// separator above it, else the last line (as Cursor::Descend).
int ChildIndex(const PageView& view, const Probe& t) {
  int lo = 0;
  int hi = view.line_count() - 1;
  const std::span<const uint8_t> data = t.with_data ? t.data : std::span<const uint8_t>();
  while (lo < hi) {
    const int mid = lo + (hi - lo) / 2;
    const Node sep = view.line(mid);
    if (CompareConcat(sep.prefix, sep.suffix, t.key, data) > 0) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

}  // namespace

// ---- latching --------------------------------------------------------------

JET_ERR BTreeWriter::RelatchWrite(Held* held) {
  held->view = PageView();
  held->latch.Release();
  JET_ERR err = ctx_.cache->WriteLatchPage(ctx_.file, held->pgno, &held->latch);
  if (err < 0) {
    return err;
  }
  err = PageView::Open(std::span<const uint8_t>(held->latch.data(), ctx_.cache->page_size()),
                       held->pgno, &held->view);
  if (err < 0) {
    held->latch.Release();
    return err;
  }
  const PageHeader& h = held->view.header();
  if (h.objid_fdp != tree_.objid() || held->view.Has(kPageFlagEmpty) ||
      held->view.Has(kPageFlagPreInit)) {
    held->latch.Release();
    return JET_errBadParentPageLink;
  }
  return JET_errSuccess;
}

JET_ERR BTreeWriter::LatchWrite(uint32_t pgno, Held* out) {
  out->pgno = pgno;
  return RelatchWrite(out);
}

JET_ERR BTreeWriter::LatchLeafOptimistic(const Target& target, Held* leaf) {
  const Probe probe{target.key, target.data, target.with_data};
  const size_t page_size = ctx_.cache->page_size();
  for (int attempt = 0; attempt < 4; ++attempt) {
    ReadLatch latch;
    JET_ERR err = ctx_.cache->ReadLatchPage(ctx_.file, tree_.root_pgno(), &latch);
    if (err < 0) {
      return err;
    }
    PageView view;
    err = PageView::Open(std::span<const uint8_t>(latch.data(), page_size), tree_.root_pgno(),
                         &view);
    if (err < 0) {
      return err;
    }
    if (view.Has(kPageFlagLeaf)) {
      // A root leaf: latch it for writing and check it still is one.
      latch.Release();
      err = LatchWrite(tree_.root_pgno(), leaf);
      if (err < 0) {
        return err;
      }
      if (leaf->view.Has(kPageFlagLeaf)) {
        return JET_errSuccess;
      }
      leaf->latch.Release();
      continue;
    }
    uint32_t pgno = tree_.root_pgno();
    for (size_t depth = 0;; ++depth) {
      if (depth + 1 >= kMaxDepth || view.line_count() == 0) {
        return JET_errBadParentPageLink;
      }
      const uint32_t child = ChildPgno(view.line(ChildIndex(view, probe)));
      if (child == 0 || child == pgno || child == tree_.root_pgno()) {
        return JET_errBadParentPageLink;
      }
      if (view.Has(kPageFlagParentOfLeaf)) {
        // Coupled: the leaf is latched before its parent goes.
        err = LatchWrite(child, leaf);
        if (err < 0) {
          return err;
        }
        latch.Release();
        if (!leaf->view.Has(kPageFlagLeaf) || leaf->view.Has(kPageFlagRoot)) {
          leaf->latch.Release();
          return JET_errBadParentPageLink;
        }
        return JET_errSuccess;
      }
      ReadLatch next;
      err = ctx_.cache->ReadLatchPage(ctx_.file, child, &next);
      if (err < 0) {
        return err;
      }
      latch = std::move(next);
      pgno = child;
      err = PageView::Open(std::span<const uint8_t>(latch.data(), page_size), pgno, &view);
      if (err < 0) {
        return err;
      }
      if (view.header().objid_fdp != tree_.objid() || view.Has(kPageFlagLeaf) ||
          view.Has(kPageFlagRoot) || view.Has(kPageFlagEmpty)) {
        return JET_errBadParentPageLink;
      }
    }
  }
  return JET_errDatabaseCorrupted;
}

JET_ERR BTreeWriter::LatchPath(const Target& target, Path* path) {
  const Probe probe{target.key, target.data, target.with_data};
  path->pages.clear();
  path->ilines.clear();
  auto root = std::make_unique<Held>();
  JET_ERR err = LatchWrite(tree_.root_pgno(), root.get());
  if (err < 0) {
    return err;
  }
  if (!root->view.Has(kPageFlagRoot)) {
    return JET_errDatabaseCorrupted;
  }
  path->pages.push_back(std::move(root));
  for (;;) {
    Held& cur = *path->pages.back();
    if (cur.view.Has(kPageFlagLeaf)) {
      return JET_errSuccess;
    }
    if (path->pages.size() >= kMaxDepth || cur.view.line_count() == 0) {
      return JET_errBadParentPageLink;
    }
    const int i = ChildIndex(cur.view, probe);
    const uint32_t child = ChildPgno(cur.view.line(i));
    if (child == 0 || child == cur.pgno || child == tree_.root_pgno()) {
      return JET_errBadParentPageLink;
    }
    const bool parent_of_leaf = cur.view.Has(kPageFlagParentOfLeaf);
    auto next = std::make_unique<Held>();
    err = LatchWrite(child, next.get());
    if (err < 0) {
      return err;
    }
    if (next->view.Has(kPageFlagRoot) || next->view.Has(kPageFlagLeaf) != parent_of_leaf) {
      return JET_errBadParentPageLink;
    }
    path->ilines.push_back(i);
    path->pages.push_back(std::move(next));
  }
}

// ---- applying --------------------------------------------------------------

JET_ERR BTreeWriter::Apply(PageOperation op, Held* page) {
  JET_ERR err = ApplyLatchedPageOp(ctx_, op, &page->latch);
  if (err < 0) {
    return err;
  }
  return PageView::Open(std::span<const uint8_t>(page->latch.data(), ctx_.cache->page_size()),
                        page->pgno, &page->view);
}

JET_ERR BTreeWriter::ApplyGroup(std::vector<PageOperation>& ops,
                                const std::vector<Held*>& pages) {
  std::vector<LatchedPageOp> group;
  for (PageOperation& op : ops) {
    Held* page = nullptr;
    for (Held* p : pages) {
      if (p != nullptr && p->pgno == op.pgno && p->latch.held()) {
        page = p;
      }
    }
    if (page == nullptr) {
      return JET_errInvalidParameter;
    }
    group.push_back(LatchedPageOp{std::move(op), &page->latch});
  }
  JET_ERR err = ApplyLatchedPageOps(ctx_, group);
  if (err < 0) {
    return err;
  }
  for (Held* p : pages) {
    if (p != nullptr && p->latch.held()) {
      err = PageView::Open(std::span<const uint8_t>(p->latch.data(), ctx_.cache->page_size()),
                           p->pgno, &p->view);
      if (err < 0) {
        return err;
      }
    }
  }
  return JET_errSuccess;
}

JET_ERR BTreeWriter::Allocate(uint32_t near_pgno, uint32_t* pgno) {
  if (space_ == nullptr) {
    return JET_errInvalidOperation;
  }
  return space_->AllocatePage(tree_.objid(), near_pgno, pgno);
}

JET_ERR BTreeWriter::Free(uint32_t pgno) {
  if (space_ == nullptr) {
    return JET_errSuccess;  // nowhere to return it: it stays an Empty page
  }
  return space_->FreePage(tree_.objid(), pgno);
}

// ---- the public changes ----------------------------------------------------

JET_ERR BTreeWriter::Insert(std::span<const uint8_t> key, std::span<const uint8_t> data) {
  const JET_ERR err = CheckSizes(key, data);
  if (err < 0) {
    return err;
  }
  return Run(Change::kInsert, Target{key, data, !unique_});
}

JET_ERR BTreeWriter::Replace(std::span<const uint8_t> key, std::span<const uint8_t> data) {
  if (!unique_) {
    return JET_errInvalidParameter;  // a non-unique node's data is its identity
  }
  const JET_ERR err = CheckSizes(key, data);
  if (err < 0) {
    return err;
  }
  return Run(Change::kReplace, Target{key, data, false});
}

JET_ERR BTreeWriter::Delete(std::span<const uint8_t> key, std::span<const uint8_t> data) {
  return Run(Change::kDelete, Target{key, data, !unique_});
}

JET_ERR BTreeWriter::FlagDelete(std::span<const uint8_t> key, std::span<const uint8_t> data) {
  return Run(Change::kFlagDelete, Target{key, data, !unique_});
}

JET_ERR BTreeWriter::FlagInsert(std::span<const uint8_t> key, std::span<const uint8_t> data) {
  return Run(Change::kFlagInsert, Target{key, data, !unique_});
}

JET_ERR BTreeWriter::ChangeLeaf(Change change, const Target& target, Held* leaf,
                                bool pessimistic, int* pos_out, size_t* space_out) {
  const PageView& view = leaf->view;
  const Probe probe{target.key, target.data, target.with_data};
  const int lines = view.line_count();
  const int pos = LowerBound(view, probe);
  const bool found = pos < lines && CompareLine(view, pos, probe) == 0;
  const uint8_t node_flags = found ? view.tag(pos + 1).flags : 0;
  const bool deleted = (node_flags & kNodeFlagDeleted) != 0;
  const bool root = view.Has(kPageFlagRoot);
  *pos_out = pos;
  *space_out = 0;

  PageOperation op;
  switch (change) {
    case Change::kInsert:
    case Change::kReplace: {
      if (change == Change::kInsert && found && !deleted) {
        return JET_errKeyDuplicate;
      }
      if (change == Change::kReplace && (!found || deleted)) {
        return JET_errRecordNotFound;
      }
      // A replace keeps the version flag; an insert over a flag-deleted node
      // makes it a live node again.
      const uint8_t flags =
          change == Change::kReplace ? static_cast<uint8_t>(node_flags & kNodeFlagVersion) : 0;
      NodeImage node = MakeNodeImage(target.key, target.data, view.PrefixSource(), flags);
      const size_t need = NodeImageSpace(node);
      const size_t have = UsableFree(view) + (found ? LineSpace(view, pos) : 0);
      *space_out = need;
      if (need > have) {
        return kNeedPath;
      }
      op = found ? PageOperation::Replace(static_cast<uint16_t>(pos), std::move(node))
                 : PageOperation::Insert(static_cast<uint16_t>(pos), std::move(node));
      break;
    }
    case Change::kDelete:
      if (!found) {
        return JET_errRecordNotFound;
      }
      if (lines == 1 && !root) {
        // The leaf would empty: it leaves the tree, and its last node goes
        // in RemoveLastNode, with the neighbours latched first: an empty
        // leaf must never be seen linked into the tree.
        (void)pessimistic;
        return kNeedPath;
      }
      op = PageOperation::Delete(static_cast<uint16_t>(pos));
      break;
    case Change::kFlagDelete:
      if (!found || deleted) {
        return JET_errRecordNotFound;
      }
      op = PageOperation::FlagDelete(static_cast<uint16_t>(pos));
      break;
    case Change::kFlagInsert:
      if (!found || !deleted) {
        return JET_errRecordNotFound;
      }
      op = PageOperation::FlagInsert(static_cast<uint16_t>(pos));
      break;
  }
  op.At(ctx_.dbid, leaf->pgno, view.header().dbtime_dirtied, ctx_.dbtime->Next());
  return Apply(std::move(op), leaf);
}

JET_ERR BTreeWriter::Run(Change change, const Target& target) {
  if (ctx_.cache == nullptr || ctx_.dbtime == nullptr) {
    return JET_errInvalidParameter;
  }
  int pos = 0;
  size_t space = 0;
  {
    Held leaf;
    JET_ERR err = LatchLeafOptimistic(target, &leaf);
    if (err < 0) {
      return err;
    }
    err = ChangeLeaf(change, target, &leaf, false, &pos, &space);
    if (err != kNeedPath) {
      return err;
    }
  }
  ++stats_.pessimistic;
  for (int round = 0; round < kMaxRounds; ++round) {
    Path path;
    JET_ERR err = LatchPath(target, &path);
    if (err < 0) {
      return err;
    }
    Held& leaf = path.leaf();
    err = ChangeLeaf(change, target, &leaf, true, &pos, &space);
    if (err != kNeedPath) {
      return err;
    }
    if (change == Change::kDelete) {
      // The last node of a non-root leaf.
      return RemoveLastNode(&path, pos);
    }
    // No room: split, then look again from the root.
    err = MakeRoom(&path, path.leaf_level(), pos, space, change == Change::kReplace);
    if (err < 0) {
      return err;
    }
  }
  return JET_errDatabaseCorrupted;
}

// ---- splits ----------------------------------------------------------------

namespace {

// Where to split a page of n >= 2 lines to make room for an item of `space`
// bytes at `pos` (replacing line pos, or inserted before it): lines
// [m, n) move right. The item goes left when pos <= m (its key is below the
// new separator). Sequential inserts at the end of the last leaf split off
// just the last line (ESE's append split), leaving full pages behind.
int ChooseSplit(const PageView& view, int pos, size_t space, bool replacing) {
  const int n = view.line_count();
  if (!replacing && pos == n && view.Has(kPageFlagLeaf) && view.header().pgno_next == 0) {
    return n - 1;
  }
  std::vector<size_t> sizes(static_cast<size_t>(n));
  size_t total = 0;
  for (int i = 0; i < n; ++i) {
    sizes[static_cast<size_t>(i)] = (replacing && i == pos) ? space : LineSpace(view, i);
    total += sizes[static_cast<size_t>(i)];
  }
  int best = n / 2;
  size_t best_cost = SIZE_MAX;
  size_t left = 0;
  for (int m = 1; m < n; ++m) {
    left += sizes[static_cast<size_t>(m - 1)];
    size_t l = left;
    size_t r = total - left;
    if (!replacing) {
      (pos <= m ? l : r) += space;
    }
    const size_t cost = std::max(l, r);
    if (cost < best_cost) {
      best_cost = cost;
      best = m;
    }
  }
  return best;
}

}  // namespace

JET_ERR BTreeWriter::SplitRoot(Path* path) {
  Held& root = *path->pages[0];
  if (root.view.line_count() == 0) {
    return JET_errRecordTooBig;  // nothing to move: the item can never fit
  }
  uint32_t new_pgno = 0;
  JET_ERR err = Allocate(root.pgno, &new_pgno);
  if (err < 0) {
    return err;
  }
  SplitRequest request;
  request.dbid = ctx_.dbid;
  request.dbtime = ctx_.dbtime->Next();
  request.page = PageRefForOp{root.pgno, &root.view};
  request.new_pgno = new_pgno;
  request.new_page_dbtime = 0;  // a new page is latched as zeros
  std::vector<PageOperation> ops;
  err = PlanVerticalSplit(request, &ops);
  if (err < 0) {
    (void)Free(new_pgno);
    return JET_errDatabaseCorrupted;
  }
  Held child;
  child.pgno = new_pgno;
  err = ctx_.cache->WriteLatchNewPage(ctx_.file, new_pgno, &child.latch);
  if (err < 0) {
    (void)Free(new_pgno);
    return err;
  }
  err = ApplyGroup(ops, {&root, &child});
  if (err < 0) {
    child.latch.MarkDirty(kLgposNone);
    return err;
  }
  ++stats_.vertical_splits;
  return JET_errSuccess;
}

JET_ERR BTreeWriter::MakeRoom(Path* path, size_t level, int pos, size_t space, bool replacing) {
  if (level == 0) {
    return SplitRoot(path);
  }
  Held& page = *path->pages[level];
  Held& parent = *path->pages[level - 1];
  const int parent_iline = path->ilines[level - 1];
  const int lines = page.view.line_count();
  if (lines < 2) {
    return JET_errRecordTooBig;
  }
  const bool leaf = page.view.Has(kPageFlagLeaf);
  const int m = ChooseSplit(page.view, pos, space, replacing);

  // The separator the parent will take, and whether it has room for it.
  std::vector<uint8_t> sep;
  if (leaf) {
    const Node first = page.view.line(m);
    sep = first.Key();
    if (!unique_) {
      sep.insert(sep.end(), first.data.begin(), first.data.end());
    }
  } else {
    sep = page.view.line(m - 1).Key();
  }
  const size_t parent_need =
      NodeImageSpace(MakeNodeImage(sep, PgnoBytes(page.pgno), parent.view.PrefixSource()));
  if (parent_need > UsableFree(parent.view)) {
    return MakeRoom(path, level - 1, parent_iline, parent_need, false);
  }

  uint32_t new_pgno = 0;
  JET_ERR err = Allocate(page.pgno, &new_pgno);
  if (err < 0) {
    return err;
  }
  // Leaves beside the path: the right neighbour, latched after the page
  // (left to right).
  Held right;
  const uint32_t next = leaf ? page.view.header().pgno_next : 0;
  if (next != 0) {
    err = LatchWrite(next, &right);
    if (err < 0) {
      (void)Free(new_pgno);
      return err;
    }
  }
  SplitRequest request;
  request.dbid = ctx_.dbid;
  request.dbtime = ctx_.dbtime->Next();
  request.page = PageRefForOp{page.pgno, &page.view};
  request.split_iline = m;
  request.new_pgno = new_pgno;
  request.new_page_dbtime = 0;
  if (next != 0) {
    request.right = PageRefForOp{next, &right.view};
  }
  request.parent = PageRefForOp{parent.pgno, &parent.view};
  request.parent_iline = parent_iline;
  std::vector<PageOperation> ops;
  err = PlanHorizontalSplit(request, &ops);
  if (err < 0) {
    (void)Free(new_pgno);
    return JET_errDatabaseCorrupted;
  }
  Held fresh;
  fresh.pgno = new_pgno;
  err = ctx_.cache->WriteLatchNewPage(ctx_.file, new_pgno, &fresh.latch);
  if (err < 0) {
    (void)Free(new_pgno);
    return err;
  }
  err = ApplyGroup(ops, {&page, &fresh, &right, &parent});
  if (err < 0) {
    fresh.latch.MarkDirty(kLgposNone);
    return err;
  }
  ++stats_.horizontal_splits;
  return JET_errSuccess;
}

// ---- emptied leaves ----------------------------------------------------------

// Why the neighbours are latched before the last node goes: latching the
// left neighbour means letting go of the leaf for a moment (left to right,
// as readers go). Were the leaf already empty then, a reader stepping onto
// it from either side would find an empty page still linked into the tree
// and report JET_errBadEmptyPage (cursor.h). So the leaf keeps its node
// until every page of the change is write-latched; the delete and the
// unlinking then happen with no latch let go in between, and a reader sees
// either the leaf with its node or the tree without the leaf.
JET_ERR BTreeWriter::LatchNeighbours(Path* path, Held* left, Held* right) {
  Held& leaf = path->leaf();
  const PageHeader h = leaf.view.header();
  const int lines = leaf.view.line_count();
  JET_ERR err;
  if (h.pgno_prev != 0) {
    leaf.view = PageView();
    leaf.latch.Release();
    err = LatchWrite(h.pgno_prev, left);
    if (err < 0) {
      return err;
    }
    err = RelatchWrite(&leaf);
    if (err < 0) {
      return err;
    }
    // The parent stayed write-latched: no writer can have reached the leaf
    // meanwhile (readers only read it).
    if (leaf.view.line_count() != lines || leaf.view.header().pgno_prev != h.pgno_prev ||
        left->view.header().pgno_next != leaf.pgno) {
      return JET_errBadPageLink;
    }
  }
  if (h.pgno_next != 0) {
    err = LatchWrite(h.pgno_next, right);
    if (err < 0) {
      return err;
    }
  }
  return JET_errSuccess;
}

JET_ERR BTreeWriter::RemoveLastNode(Path* path, int pos) {
  Held left;
  Held right;
  JET_ERR err = LatchNeighbours(path, &left, &right);
  if (err < 0) {
    return err;
  }
  Held& leaf = path->leaf();
  PageOperation op = PageOperation::Delete(static_cast<uint16_t>(pos));
  op.At(ctx_.dbid, leaf.pgno, leaf.view.header().dbtime_dirtied, ctx_.dbtime->Next());
  err = Apply(std::move(op), &leaf);
  if (err < 0) {
    return err;
  }
  const size_t leaf_level = path->leaf_level();
  if (path->pages[leaf_level - 1]->view.line_count() >= 2) {
    err = MergeEmptyLeaf(path, &left, &right);
  } else {
    // The parent has no other child: find the lowest ancestor that has, or
    // the root; the one-child pages in between go with the leaf.
    size_t top = leaf_level - 1;
    while (top > 0 && path->pages[top]->view.line_count() < 2) {
      --top;
    }
    err = RemoveChain(path, top, &left, &right);
  }
  if (err < 0) {
    return err;
  }
  // The neighbours go before the root's child is latched (it may be one).
  left.view = PageView();
  left.latch.Release();
  right.view = PageView();
  right.latch.Release();
  return CollapseRoot(path);
}

JET_ERR BTreeWriter::MergeEmptyLeaf(Path* path, Held* left_held, Held* right_held) {
  const size_t level = path->leaf_level();
  Held& leaf = *path->pages[level];
  Held& parent = *path->pages[level - 1];
  const int i = path->ilines[level - 1];
  const int lines = parent.view.line_count();
  const bool into_right = i < lines - 1;
  const uint32_t sibling_pgno = ChildPgno(parent.view.line(into_right ? i + 1 : i - 1));
  const PageHeader h = leaf.view.header();
  if ((into_right ? h.pgno_next : h.pgno_prev) != sibling_pgno) {
    return JET_errBadPageLink;
  }
  Held& left = *left_held;
  Held& right = *right_held;
  JET_ERR err;
  MergeRequest request;
  request.dbid = ctx_.dbid;
  request.dbtime = ctx_.dbtime->Next();
  request.direction = into_right ? MergeDirection::kIntoRight : MergeDirection::kIntoLeft;
  request.page = PageRefForOp{leaf.pgno, &leaf.view};
  Held& sibling = into_right ? right : left;
  Held& outer = into_right ? left : right;
  request.sibling = PageRefForOp{sibling.pgno, &sibling.view};
  if (outer.latch.held()) {
    request.outer = PageRefForOp{outer.pgno, &outer.view};
  }
  request.parent = PageRefForOp{parent.pgno, &parent.view};
  request.parent_iline = i;
  std::vector<PageOperation> ops;
  err = PlanMerge(request, &ops);
  if (err < 0) {
    return JET_errDatabaseCorrupted;
  }
  err = ApplyGroup(ops, {&sibling, &leaf, &outer, &parent});
  if (err < 0) {
    return err;
  }
  ++stats_.merges;
  const uint32_t freed = leaf.pgno;
  leaf.view = PageView();
  leaf.latch.Release();
  path->pages.pop_back();
  path->ilines.pop_back();
  return Free(freed);
}

JET_ERR BTreeWriter::RemoveChain(Path* path, size_t top, Held* left_held, Held* right_held) {
  const size_t leaf_level = path->leaf_level();
  Held& leaf = *path->pages[leaf_level];
  Held& top_page = *path->pages[top];
  const PageHeader h = leaf.view.header();
  Held& left = *left_held;
  Held& right = *right_held;
  JET_ERR err;
  const DbTime dbtime = ctx_.dbtime->Next();
  std::vector<PageOperation> ops;
  std::vector<Held*> pages;
  if (top_page.view.line_count() >= 2) {
    ops.push_back(PageOperation::Merge(static_cast<uint16_t>(path->ilines[top]), 1, {}, {})
                      .At(ctx_.dbid, top_page.pgno, top_page.view.header().dbtime_dirtied,
                          dbtime));
  } else {
    // The root's only subtree empties: the root becomes an empty leaf.
    PageHeaderChange change;
    change.flags = (top_page.view.header().flags & ~kPageFlagParentOfLeaf) | kPageFlagLeaf;
    ops.push_back(PageOperation::Merge(0, kAllLines, {}, std::move(change))
                      .At(ctx_.dbid, top_page.pgno, top_page.view.header().dbtime_dirtied,
                          dbtime));
  }
  pages.push_back(&top_page);
  std::vector<uint32_t> freed;
  for (size_t level = top + 1; level <= leaf_level; ++level) {
    Held& gone = *path->pages[level];
    PageHeaderChange emptied;
    emptied.flags = EmptiedFlags(gone.view);
    emptied.pgno_prev = 0;
    emptied.pgno_next = 0;
    ops.push_back(PageOperation::Merge(0, kAllLines, {}, std::move(emptied))
                      .At(ctx_.dbid, gone.pgno, gone.view.header().dbtime_dirtied, dbtime));
    pages.push_back(&gone);
    freed.push_back(gone.pgno);
  }
  if (left.latch.held()) {
    PageHeaderChange link;
    link.pgno_next = h.pgno_next;
    ops.push_back(PageOperation::SetPageHeader(std::move(link))
                      .At(ctx_.dbid, left.pgno, left.view.header().dbtime_dirtied, dbtime));
    pages.push_back(&left);
  }
  if (right.latch.held()) {
    PageHeaderChange link;
    link.pgno_prev = h.pgno_prev;
    ops.push_back(PageOperation::SetPageHeader(std::move(link))
                      .At(ctx_.dbid, right.pgno, right.view.header().dbtime_dirtied, dbtime));
    pages.push_back(&right);
  }
  err = ApplyGroup(ops, pages);
  if (err < 0) {
    return err;
  }
  ++stats_.subtree_removals;
  while (path->pages.size() > top + 1) {
    path->pages.pop_back();
    path->ilines.pop_back();
  }
  for (const uint32_t pgno : freed) {
    err = Free(pgno);
    if (err < 0) {
      return err;
    }
  }
  return JET_errSuccess;
}

JET_ERR BTreeWriter::CollapseRoot(Path* path) {
  // Only the root stays latched; its child is latched below it (top-down).
  while (path->pages.size() > 1) {
    path->pages.pop_back();
    path->ilines.pop_back();
  }
  Held& root = *path->pages[0];
  while (root.view.line_count() == 1 && !root.view.Has(kPageFlagLeaf)) {
    Held child;
    JET_ERR err = LatchWrite(ChildPgno(root.view.line(0)), &child);
    if (err < 0) {
      return err;
    }
    if (child.view.Has(kPageFlagRoot) ||
        child.view.Has(kPageFlagLeaf) != root.view.Has(kPageFlagParentOfLeaf)) {
      return JET_errBadParentPageLink;
    }
    // The root takes the child's nodes whole (FDP roots take no prefix); an
    // internal root's last key is empty (edb-format §6).
    std::vector<NodeImage> nodes;
    size_t need = 0;
    const int lines = child.view.line_count();
    const bool child_leaf = child.view.Has(kPageFlagLeaf);
    for (int k = 0; k < lines; ++k) {
      const Node n = child.view.line(k);
      std::vector<uint8_t> key = n.Key();
      if (!child_leaf && k == lines - 1) {
        key.clear();
      }
      nodes.push_back(MakeNodeImage(key, n.data, root.view.PrefixSource(),
                                    static_cast<uint8_t>(n.flags & kPageOpNodeFlagsMask)));
      need += NodeImageSpace(nodes.back());
    }
    if (need > UsableFree(root.view) + LineSpace(root.view, 0)) {
      return JET_errSuccess;  // does not fit: the root keeps its one child
    }
    const DbTime dbtime = ctx_.dbtime->Next();
    PageHeaderChange root_change;
    root_change.flags = (root.view.header().flags & ~(kPageFlagLeaf | kPageFlagParentOfLeaf)) |
                        (child.view.header().flags & (kPageFlagLeaf | kPageFlagParentOfLeaf));
    PageHeaderChange emptied;
    emptied.flags = EmptiedFlags(child.view);
    emptied.pgno_prev = 0;
    emptied.pgno_next = 0;
    std::vector<PageOperation> ops;
    ops.push_back(PageOperation::Merge(0, kAllLines, std::move(nodes), std::move(root_change))
                      .At(ctx_.dbid, root.pgno, root.view.header().dbtime_dirtied, dbtime));
    ops.push_back(PageOperation::Merge(0, kAllLines, {}, std::move(emptied))
                      .At(ctx_.dbid, child.pgno, child.view.header().dbtime_dirtied, dbtime));
    err = ApplyGroup(ops, {&root, &child});
    if (err < 0) {
      return err;
    }
    ++stats_.root_collapses;
    const uint32_t freed = child.pgno;
    child.view = PageView();
    child.latch.Release();
    err = Free(freed);
    if (err < 0) {
      return err;
    }
  }
  return JET_errSuccess;
}

}  // namespace jet
