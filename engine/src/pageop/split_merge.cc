#include "pageop/split_merge.h"

#include <algorithm>
#include <utility>

#include "format/endian.h"

namespace jet {

namespace {

constexpr size_t kPrefixOverhead = 2;  // the cbPrefix field (node.cxx)

struct NodeCopy {
  std::vector<uint8_t> key;
  std::vector<uint8_t> data;
  uint8_t flags = 0;  // version / deleted
};

NodeCopy CopyNode(const PageView& view, int iline) {
  const Node n = view.line(iline);
  NodeCopy c;
  c.key = n.Key();
  c.data.assign(n.data.begin(), n.data.end());
  c.flags = static_cast<uint8_t>(n.flags & kPageOpNodeFlagsMask);
  return c;
}

std::vector<uint8_t> PgnoBytes(uint32_t pgno) {
  std::vector<uint8_t> bytes(4);
  StoreLE32(bytes.data(), pgno);
  return bytes;
}

// The child pgno of a parent's line, or 0 if the line is not a branch node.
uint32_t ChildOf(const PageView& parent, int iline) {
  if (iline < 0 || iline >= parent.line_count()) {
    return 0;
  }
  const Node n = parent.line(iline);
  return n.data.size() == 4 ? LoadLE32(n.data.data()) : 0;
}

size_t UsableFree(const PageView& view) {
  const PageHeader& h = view.header();
  return h.cb_free > h.cb_uncommitted_free ? h.cb_free - h.cb_uncommitted_free : 0;
}

size_t LineSpace(const PageView& view, int iline) {
  return view.TagData(iline + 1).size() + kTagSize;
}

// The separator of a leaf node: its key, and on non-unique trees its data
// too (their nodes are ordered by key, then data).
std::vector<uint8_t> LeafSeparator(const PageView& view, const NodeCopy& node) {
  std::vector<uint8_t> sep = node.key;
  if (view.Has(kPageFlagNonUniqueKeys)) {
    sep.insert(sep.end(), node.data.begin(), node.data.end());
  }
  return sep;
}

}  // namespace

size_t NodeImageSpace(const NodeImage& node) {
  return (node.cb_prefix > 0 ? 2 : 0) + 2 + node.suffix.size() + node.data.size() + kTagSize;
}

std::vector<uint8_t> ChoosePrefix(const std::vector<std::vector<uint8_t>>& keys) {
  const std::vector<uint8_t>* first = nullptr;
  const std::vector<uint8_t>* last = nullptr;
  for (const auto& key : keys) {
    if (key.empty()) continue;
    if (first == nullptr) first = &key;
    last = &key;
  }
  if (first == nullptr) {
    return {};
  }
  // Sorted keys: the common prefix of the first and last is everyone's.
  size_t common = 0;
  const size_t limit = std::min({first->size(), last->size(), size_t{kNodeKeyLengthMask}});
  while (common < limit && (*first)[common] == (*last)[common]) {
    ++common;
  }
  if (common <= kPrefixOverhead) {
    return {};
  }
  return std::vector<uint8_t>(first->begin(), first->begin() + static_cast<std::ptrdiff_t>(common));
}

uint32_t ChildPageFlags(uint32_t flags) {
  return flags & ~(kPageFlagRoot | kPageFlagEmpty | kPageFlagRepair | kPageFlagFlushTypeMask |
                   kPageFlagPreInit | kPageFlagScrubbed);
}

JET_ERR PlanHorizontalSplit(const SplitRequest& request, std::vector<PageOperation>* ops,
                            std::vector<uint8_t>* separator) {
  if (request.page.view == nullptr || request.parent.view == nullptr) {
    return JET_errInvalidParameter;
  }
  const PageView& page = *request.page.view;
  const PageView& parent = *request.parent.view;
  const PageHeader& h = page.header();
  const int lines = page.line_count();
  if (page.Has(kPageFlagRoot) || request.split_iline < 1 || request.split_iline >= lines ||
      request.new_pgno == 0 || request.new_pgno == request.page.pgno) {
    return JET_errInvalidParameter;
  }
  if (ChildOf(parent, request.parent_iline) != request.page.pgno) {
    return JET_errInvalidParameter;
  }
  const bool leaf = page.Has(kPageFlagLeaf);
  if (leaf && h.pgno_next != 0) {
    if (request.right.view == nullptr || request.right.pgno != h.pgno_next ||
        request.right.view->header().pgno_prev != request.page.pgno) {
      return JET_errInvalidParameter;
    }
  } else if (request.right.view != nullptr) {
    return JET_errInvalidParameter;
  }

  // The moving lines, re-encoded against the new page's own prefix.
  std::vector<NodeCopy> moved;
  std::vector<std::vector<uint8_t>> keys;
  for (int i = request.split_iline; i < lines; ++i) {
    moved.push_back(CopyNode(page, i));
    keys.push_back(moved.back().key);
  }
  std::vector<uint8_t> prefix = ChoosePrefix(keys);
  std::vector<NodeImage> images;
  size_t space = prefix.size();
  for (const NodeCopy& node : moved) {
    images.push_back(MakeNodeImage(node.key, node.data, prefix, node.flags));
    space += NodeImageSpace(images.back());
  }
  if (space + kTagSize > page.DataAreaSize()) {
    return JET_errInvalidParameter;
  }

  // The parent: node i (sep_i -> page) becomes (sep -> page), (sep_i -> new).
  // PrefixSource() is empty on FDP roots, which take no prefix.
  std::vector<uint8_t> sep;
  if (leaf) {
    sep = LeafSeparator(page, moved.front());
  } else {
    // Internal page: the left page's last key bounds its last child.
    sep = CopyNode(page, request.split_iline - 1).key;
    if (sep.empty()) {
      return JET_errInvalidParameter;
    }
  }
  const NodeCopy old_sep = CopyNode(parent, request.parent_iline);
  std::vector<NodeImage> parent_nodes;
  parent_nodes.push_back(
      MakeNodeImage(sep, PgnoBytes(request.page.pgno), parent.PrefixSource(), 0));
  parent_nodes.push_back(MakeNodeImage(old_sep.key, PgnoBytes(request.new_pgno),
                                       parent.PrefixSource(), old_sep.flags));
  const size_t parent_need = NodeImageSpace(parent_nodes[0]) + NodeImageSpace(parent_nodes[1]);
  if (parent_need > UsableFree(parent) + LineSpace(parent, request.parent_iline)) {
    return JET_errInvalidParameter;
  }

  const uint8_t dbid = request.dbid;
  const DbTime dbtime = request.dbtime;
  std::vector<PageOperation> out;
  out.push_back(PageOperation::NewPage(ChildPageFlags(h.flags), h.objid_fdp,
                                       leaf ? request.page.pgno : 0, leaf ? h.pgno_next : 0,
                                       std::move(prefix), std::move(images))
                    .At(dbid, request.new_pgno, request.new_page_dbtime, dbtime));
  PageHeaderChange change;
  if (leaf) {
    change.pgno_next = request.new_pgno;
  }
  out.push_back(PageOperation::Split(static_cast<uint16_t>(request.split_iline), kAllLines, {},
                                     std::move(change))
                    .At(dbid, request.page.pgno, h.dbtime_dirtied, dbtime));
  if (request.right.view != nullptr) {
    PageHeaderChange back;
    back.pgno_prev = request.new_pgno;
    out.push_back(
        PageOperation::SetPageHeader(std::move(back))
            .At(dbid, request.right.pgno, request.right.view->header().dbtime_dirtied, dbtime));
  }
  out.push_back(PageOperation::Split(static_cast<uint16_t>(request.parent_iline), 1,
                                     std::move(parent_nodes), {})
                    .At(dbid, request.parent.pgno, parent.header().dbtime_dirtied, dbtime));
  for (const PageOperation& op : out) {
    if (ValidatePageOperation(op) < 0) {
      return JET_errInvalidParameter;  // e.g. dbtime not past a page's
    }
  }
  if (separator != nullptr) {
    *separator = std::move(sep);
  }
  ops->insert(ops->end(), std::make_move_iterator(out.begin()), std::make_move_iterator(out.end()));
  return JET_errSuccess;
}

JET_ERR PlanVerticalSplit(const SplitRequest& request, std::vector<PageOperation>* ops) {
  if (request.page.view == nullptr) {
    return JET_errInvalidParameter;
  }
  const PageView& root = *request.page.view;
  const PageHeader& h = root.header();
  const int lines = root.line_count();
  if (!root.Has(kPageFlagRoot) || lines < 1 || request.new_pgno == 0 ||
      request.new_pgno == request.page.pgno) {
    return JET_errInvalidParameter;
  }
  std::vector<NodeCopy> nodes;
  std::vector<std::vector<uint8_t>> keys;
  for (int i = 0; i < lines; ++i) {
    nodes.push_back(CopyNode(root, i));
    keys.push_back(nodes.back().key);
  }
  std::vector<uint8_t> prefix = ChoosePrefix(keys);
  std::vector<NodeImage> images;
  size_t space = prefix.size();
  for (const NodeCopy& node : nodes) {
    images.push_back(MakeNodeImage(node.key, node.data, prefix, node.flags));
    space += NodeImageSpace(images.back());
  }
  if (space + kTagSize > root.DataAreaSize()) {
    return JET_errInvalidParameter;
  }
  const bool leaf = root.Has(kPageFlagLeaf);
  const uint32_t child_flags = ChildPageFlags(h.flags);
  uint32_t root_flags = h.flags & ~(kPageFlagLeaf | kPageFlagParentOfLeaf);
  if (leaf) {
    root_flags |= kPageFlagParentOfLeaf;
  }
  NodeImage pointer;
  pointer.data = PgnoBytes(request.new_pgno);

  std::vector<PageOperation> out;
  out.push_back(
      PageOperation::NewPage(child_flags, h.objid_fdp, 0, 0, std::move(prefix), std::move(images))
          .At(request.dbid, request.new_pgno, request.new_page_dbtime, request.dbtime));
  PageHeaderChange change;
  change.flags = root_flags;
  out.push_back(PageOperation::Split(0, kAllLines, {std::move(pointer)}, std::move(change))
                    .At(request.dbid, request.page.pgno, h.dbtime_dirtied, request.dbtime));
  for (const PageOperation& op : out) {
    if (ValidatePageOperation(op) < 0) {
      return JET_errInvalidParameter;
    }
  }
  ops->insert(ops->end(), std::make_move_iterator(out.begin()), std::make_move_iterator(out.end()));
  return JET_errSuccess;
}

JET_ERR PlanMerge(const MergeRequest& request, std::vector<PageOperation>* ops) {
  if (request.page.view == nullptr || request.sibling.view == nullptr ||
      request.parent.view == nullptr) {
    return JET_errInvalidParameter;
  }
  const PageView& page = *request.page.view;
  const PageView& sibling = *request.sibling.view;
  const PageView& parent = *request.parent.view;
  const PageHeader& h = page.header();
  const bool into_right = request.direction == MergeDirection::kIntoRight;
  const int i = request.parent_iline;
  const int sibling_iline = into_right ? i + 1 : i - 1;
  const bool leaf = page.Has(kPageFlagLeaf);
  if (page.Has(kPageFlagRoot) || sibling.Has(kPageFlagRoot) || leaf != sibling.Has(kPageFlagLeaf) ||
      h.objid_fdp != sibling.header().objid_fdp) {
    return JET_errInvalidParameter;
  }
  if (ChildOf(parent, i) != request.page.pgno ||
      ChildOf(parent, sibling_iline) != request.sibling.pgno) {
    return JET_errInvalidParameter;
  }
  // Leaves: the sibling links must agree, and the outer neighbour (the page's
  // other side) is re-linked past the page.
  uint32_t outer_pgno = 0;
  if (leaf) {
    const PageHeader& s = sibling.header();
    if (into_right ? (h.pgno_next != request.sibling.pgno || s.pgno_prev != request.page.pgno)
                   : (h.pgno_prev != request.sibling.pgno || s.pgno_next != request.page.pgno)) {
      return JET_errInvalidParameter;
    }
    outer_pgno = into_right ? h.pgno_prev : h.pgno_next;
  }
  if (outer_pgno != 0) {
    if (request.outer.view == nullptr || request.outer.pgno != outer_pgno ||
        (into_right ? request.outer.view->header().pgno_next
                    : request.outer.view->header().pgno_prev) != request.page.pgno) {
      return JET_errInvalidParameter;
    }
  } else if (request.outer.view != nullptr) {
    return JET_errInvalidParameter;
  }

  // The lines that land on the sibling, in order.
  std::vector<NodeCopy> moved;
  for (int k = 0; k < page.line_count(); ++k) {
    moved.push_back(CopyNode(page, k));
  }
  int sibling_at = into_right ? 0 : sibling.line_count();
  uint16_t sibling_removed = 0;
  size_t freed = 0;
  if (!leaf) {
    // The left page's last node stops being last: it takes the left page's
    // separator from the parent as its key.
    if (into_right) {
      if (moved.empty()) return JET_errInvalidParameter;
      moved.back().key = CopyNode(parent, i).key;
    } else {
      if (sibling.line_count() == 0) return JET_errInvalidParameter;
      NodeCopy last = CopyNode(sibling, sibling.line_count() - 1);
      last.key = CopyNode(parent, sibling_iline).key;
      moved.insert(moved.begin(), std::move(last));
      sibling_at = sibling.line_count() - 1;
      sibling_removed = 1;
      freed = LineSpace(sibling, sibling_at);
    }
    for (const NodeCopy& node : moved) {
      if (&node != &moved.back() && node.key.empty()) return JET_errInvalidParameter;
    }
  }
  std::vector<NodeImage> images;
  size_t need = 0;
  for (const NodeCopy& node : moved) {
    images.push_back(MakeNodeImage(node.key, node.data, sibling.PrefixSource(), node.flags));
    need += NodeImageSpace(images.back());
  }
  if (need > UsableFree(sibling) + freed) {
    return JET_errInvalidParameter;
  }

  const uint8_t dbid = request.dbid;
  const DbTime dbtime = request.dbtime;
  std::vector<PageOperation> out;
  PageHeaderChange sibling_change;
  if (leaf) {
    if (into_right) {
      sibling_change.pgno_prev = h.pgno_prev;
    } else {
      sibling_change.pgno_next = h.pgno_next;
    }
  }
  out.push_back(PageOperation::Merge(static_cast<uint16_t>(sibling_at), sibling_removed,
                                     std::move(images), std::move(sibling_change))
                    .At(dbid, request.sibling.pgno, sibling.header().dbtime_dirtied, dbtime));
  PageHeaderChange emptied;
  emptied.flags = kPageFlagEmpty | (h.flags & kPageFlagNewChecksum);
  emptied.pgno_prev = 0;
  emptied.pgno_next = 0;
  out.push_back(PageOperation::Merge(0, kAllLines, {}, std::move(emptied))
                    .At(dbid, request.page.pgno, h.dbtime_dirtied, dbtime));
  if (outer_pgno != 0) {
    PageHeaderChange link;
    if (into_right) {
      link.pgno_next = request.sibling.pgno;
    } else {
      link.pgno_prev = request.sibling.pgno;
    }
    out.push_back(PageOperation::SetPageHeader(std::move(link))
                      .At(dbid, outer_pgno, request.outer.view->header().dbtime_dirtied, dbtime));
  }
  if (into_right) {
    // Node i goes; the sibling's node now covers the page's range too.
    out.push_back(PageOperation::Merge(static_cast<uint16_t>(i), 1, {}, {})
                      .At(dbid, request.parent.pgno, parent.header().dbtime_dirtied, dbtime));
  } else {
    // Nodes i-1 (sibling) and i (page) become one: the page's separator,
    // pointing to the sibling.
    const NodeCopy sep = CopyNode(parent, i);
    std::vector<NodeImage> nodes;
    nodes.push_back(
        MakeNodeImage(sep.key, PgnoBytes(request.sibling.pgno), parent.PrefixSource(), sep.flags));
    out.push_back(PageOperation::Merge(static_cast<uint16_t>(i - 1), 2, std::move(nodes), {})
                      .At(dbid, request.parent.pgno, parent.header().dbtime_dirtied, dbtime));
  }
  for (const PageOperation& op : out) {
    if (ValidatePageOperation(op) < 0) {
      return JET_errInvalidParameter;
    }
  }
  ops->insert(ops->end(), std::make_move_iterator(out.begin()), std::make_move_iterator(out.end()));
  return JET_errSuccess;
}

}  // namespace jet
