// Splits and merges as page operations. A small tree (pages in memory) grows
// by random inserts, splitting leaves, internal pages and the root, and then
// shrinks by random deletes, merging pages; every change is a record encoded,
// decoded and applied with ApplyPageOperation. After each phase the tree is
// checked from the root (key ranges, levels, sibling links, every key in
// order and present) and the log is replayed: onto nothing, onto a snapshot
// taken part-way, and once more (all skipped) — each time giving the same
// pages byte for byte.
#include "pageop/split_merge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <vector>

#include "format/endian.h"
#include "format/page.h"
#include "pageop/apply.h"
#include "pageop/page_operation_codec.h"
#include "pageop_test_util.h"

namespace jet {
namespace {

using pageop_test::Bytes;

constexpr size_t kPageSize = 4096;
constexpr uint32_t kRoot = 2;
constexpr uint32_t kObjid = 9;
constexpr uint8_t kDbid = 1;
constexpr size_t kMaxKey = 300;

bool Less(const Bytes& a, const Bytes& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

class MiniTree {
 public:
  MiniTree() {
    PageOperation root =
        PageOperation::NewPage(kPageFlagRoot | kPageFlagLeaf | kPageFlagNewRecordFormat, kObjid, 0,
                               0, Bytes(16, 0), {})
            .At(kDbid, kRoot, 0, ++dbtime_);
    Apply(root);
  }

  std::map<uint32_t, Bytes>& pages() { return pages_; }
  const std::vector<Bytes>& log() const { return log_; }
  int splits() const { return splits_; }
  int merges() const { return merges_; }
  int internal_merges() const { return internal_merges_; }

  PageView View(uint32_t pgno) {
    PageView view;
    EXPECT_EQ(PageView::Open(std::span<const uint8_t>(pages_.at(pgno)), pgno, &view),
              JET_errSuccess)
        << pgno;
    return view;
  }

  void Insert(const Bytes& key, const Bytes& data) {
    for (int attempt = 0; attempt < 64; ++attempt) {
      const std::vector<Step> path = Path(key);
      const Step& leaf = path.back();
      const PageView view = View(leaf.pgno);
      NodeImage image = MakeNodeImage(key, data, view.PrefixSource());
      if (Free(view) >= NodeImageSpace(image)) {
        Apply(PageOperation::Insert(static_cast<uint16_t>(leaf.iline), std::move(image))
                  .At(kDbid, leaf.pgno, view.header().dbtime_dirtied, ++dbtime_));
        return;
      }
      SplitAt(path, path.size() - 1);
    }
    ADD_FAILURE() << "no room after 64 splits";
  }

  void Delete(const Bytes& key) {
    const std::vector<Step> path = Path(key);
    const Step& leaf = path.back();
    const PageView view = View(leaf.pgno);
    ASSERT_LT(leaf.iline, view.line_count());
    ASSERT_EQ(view.line(leaf.iline).Key(), key);
    Apply(PageOperation::Delete(static_cast<uint16_t>(leaf.iline))
              .At(kDbid, leaf.pgno, view.header().dbtime_dirtied, ++dbtime_));
    MaybeMerge(path, path.size() - 1);
  }

  // Walks the whole tree; returns the keys in order.
  std::vector<Bytes> Check() {
    std::vector<Bytes> keys;
    std::vector<uint32_t> leaves;
    int leaf_depth = -1;
    Walk(kRoot, nullptr, nullptr, 0, &leaf_depth, &keys, &leaves);
    // The leaf chain, both ways, is the in-order list of leaves.
    for (size_t i = 0; i < leaves.size(); ++i) {
      const PageHeader h = View(leaves[i]).header();
      EXPECT_EQ(h.pgno_prev, i == 0 ? 0 : leaves[i - 1]) << leaves[i];
      EXPECT_EQ(h.pgno_next, i + 1 == leaves.size() ? 0 : leaves[i + 1]) << leaves[i];
    }
    for (size_t i = 1; i < keys.size(); ++i) {
      EXPECT_TRUE(Less(keys[i - 1], keys[i]));
    }
    return keys;
  }

  int Depth() {
    int depth = 1;
    uint32_t pgno = kRoot;
    for (PageView v = View(pgno); !v.Has(kPageFlagLeaf); v = View(pgno)) {
      pgno = LoadLE32(v.line(0).data.data());
      ++depth;
    }
    return depth;
  }

 private:
  struct Step {
    uint32_t pgno;
    int iline;  // internal: the line followed; leaf: the key's position
  };

  static size_t Free(const PageView& view) {
    return view.header().cb_free - view.header().cb_uncommitted_free;
  }

  void Apply(const PageOperation& op) {
    Bytes bytes;
    ASSERT_EQ(EncodePageOperation(op, &bytes), JET_errSuccess) << op.ToString();
    PageOperation decoded;
    ASSERT_EQ(DecodePageOperation(bytes, &decoded), JET_errSuccess);
    log_.push_back(bytes);
    Bytes& page = pages_[op.pgno];
    if (page.empty()) page.assign(kPageSize, 0);
    ASSERT_EQ(ApplyPageOperation(decoded, page), JET_errSuccess) << op.ToString();
  }

  std::vector<Step> Path(const Bytes& key) {
    std::vector<Step> path;
    uint32_t pgno = kRoot;
    for (;;) {
      const PageView view = View(pgno);
      const int n = view.line_count();
      if (view.Has(kPageFlagLeaf)) {
        int i = 0;
        while (i < n && Less(view.line(i).Key(), key)) ++i;
        path.push_back({pgno, i});
        return path;
      }
      int i = 0;
      while (i < n - 1 && !Less(key, view.line(i).Key())) ++i;  // first sep > key
      path.push_back({pgno, i});
      pgno = LoadLE32(view.line(i).data.data());
    }
  }

  void SplitAt(const std::vector<Step>& path, size_t level) {
    const uint32_t pgno = path[level].pgno;
    const PageView view = View(pgno);
    SplitRequest request;
    request.dbid = kDbid;
    request.page = {pgno, &view};
    request.new_pgno = next_pgno_++;
    request.dbtime = ++dbtime_;
    std::vector<PageOperation> ops;
    if (level == 0) {
      ASSERT_EQ(PlanVerticalSplit(request, &ops), JET_errSuccess);
    } else {
      const uint32_t parent_pgno = path[level - 1].pgno;
      const PageView parent = View(parent_pgno);
      if (Free(parent) < kMaxKey + 32) {
        --next_pgno_;
        SplitAt(path, level - 1);  // the caller descends again
        return;
      }
      PageView right;
      if (view.Has(kPageFlagLeaf) && view.header().pgno_next != 0) {
        right = View(view.header().pgno_next);
        request.right = {view.header().pgno_next, &right};
      }
      request.parent = {parent_pgno, &parent};
      request.parent_iline = path[level - 1].iline;
      request.split_iline = std::max(1, view.line_count() / 2);
      std::vector<uint8_t> separator;
      ASSERT_EQ(PlanHorizontalSplit(request, &ops, &separator), JET_errSuccess);
      EXPECT_FALSE(separator.empty());
    }
    ++splits_;
    for (const PageOperation& op : ops) {
      EXPECT_EQ(op.dbtime_after, request.dbtime);
      Apply(op);
    }
  }

  void MaybeMerge(const std::vector<Step>& path, size_t level) {
    if (level == 0) return;
    const uint32_t pgno = path[level].pgno;
    const PageView view = View(pgno);
    const size_t used = view.DataAreaSize() - Free(view);
    if (view.line_count() > 0 && used > kPageSize / 4) return;
    const uint32_t parent_pgno = path[level - 1].pgno;
    const PageView parent = View(parent_pgno);
    const int pi = path[level - 1].iline;
    for (MergeDirection direction : {MergeDirection::kIntoRight, MergeDirection::kIntoLeft}) {
      const int si = direction == MergeDirection::kIntoRight ? pi + 1 : pi - 1;
      if (si < 0 || si >= parent.line_count()) continue;
      const uint32_t sibling_pgno = LoadLE32(parent.line(si).data.data());
      const PageView sibling = View(sibling_pgno);
      MergeRequest request;
      request.dbid = kDbid;
      request.dbtime = dbtime_ + 1;
      request.direction = direction;
      request.page = {pgno, &view};
      request.sibling = {sibling_pgno, &sibling};
      request.parent = {parent_pgno, &parent};
      request.parent_iline = pi;
      PageView outer;
      if (view.Has(kPageFlagLeaf)) {
        const uint32_t outer_pgno = direction == MergeDirection::kIntoRight
                                        ? view.header().pgno_prev
                                        : view.header().pgno_next;
        if (outer_pgno != 0) {
          outer = View(outer_pgno);
          request.outer = {outer_pgno, &outer};
        }
      }
      std::vector<PageOperation> ops;
      if (PlanMerge(request, &ops) < 0) continue;  // no room that way
      ++dbtime_;
      ++merges_;
      if (!view.Has(kPageFlagLeaf)) ++internal_merges_;
      for (const PageOperation& op : ops) Apply(op);
      MaybeMerge(path, level - 1);  // the parent lost a line
      return;
    }
  }

  void Walk(uint32_t pgno, const Bytes* lo, const Bytes* hi, int depth, int* leaf_depth,
            std::vector<Bytes>* keys, std::vector<uint32_t>* leaves) {
    const PageView view = View(pgno);
    EXPECT_EQ(view.header().objid_fdp, kObjid);
    EXPECT_EQ(view.Has(kPageFlagRoot), pgno == kRoot);
    if (view.Has(kPageFlagLeaf)) {
      if (*leaf_depth < 0) *leaf_depth = depth;
      EXPECT_EQ(depth, *leaf_depth) << "leaves on different levels";
      leaves->push_back(pgno);
      for (int i = 0; i < view.line_count(); ++i) {
        const Bytes key = view.line(i).Key();
        if (lo != nullptr) {
          EXPECT_FALSE(Less(key, *lo)) << "key below its page's range";
        }
        if (hi != nullptr) {
          EXPECT_TRUE(Less(key, *hi)) << "key above its page's range";
        }
        keys->push_back(key);
      }
      return;
    }
    const int n = view.line_count();
    ASSERT_GT(n, 0);
    std::vector<Bytes> seps;
    for (int i = 0; i < n; ++i) seps.push_back(view.line(i).Key());
    for (int i = 0; i < n; ++i) {
      const uint32_t child = LoadLE32(view.line(i).data.data());
      const PageView child_view = View(child);
      EXPECT_EQ(child_view.Has(kPageFlagLeaf), view.Has(kPageFlagParentOfLeaf));
      if (i + 1 < n - 1) {
        EXPECT_TRUE(Less(seps[i], seps[i + 1]));
      }
      Walk(child, i == 0 ? lo : &seps[i - 1], i == n - 1 ? hi : &seps[i], depth + 1, leaf_depth,
           keys, leaves);
    }
  }

  std::map<uint32_t, Bytes> pages_;
  std::vector<Bytes> log_;
  DbTime dbtime_ = 0;
  uint32_t next_pgno_ = 100;
  int splits_ = 0;
  int merges_ = 0;
  int internal_merges_ = 0;
};

// Replays the log onto `pages` under the dbtime rule.
void Replay(const std::vector<Bytes>& log, std::map<uint32_t, Bytes>* pages, int* applied,
            int* skipped) {
  *applied = *skipped = 0;
  for (const Bytes& record : log) {
    PageOperation op;
    ASSERT_EQ(DecodePageOperation(record, &op), JET_errSuccess);
    Bytes& page = (*pages)[op.pgno];
    if (page.empty()) page.assign(kPageSize, 0);
    RedoOutcome outcome;
    ASSERT_EQ(RedoPageOperation(op, page, &outcome), JET_errSuccess) << op.ToString();
    (outcome == RedoOutcome::kApplied ? *applied : *skipped) += 1;
  }
}

Bytes RandomKey(std::mt19937_64& rng) {
  Bytes key = {'k', 'e', 'y', '-'};
  const size_t len = 8 + rng() % 200;
  for (size_t i = 0; i < len; ++i) key.push_back(static_cast<uint8_t>('a' + rng() % 26));
  return key;
}

TEST(PageOpSplitMerge, RandomInsertsAndDeletesKeepTheTreeOrdered) {
  std::mt19937_64 rng = pageop_test::SeededRandom("PageOpSplitMerge.RandomInserts");
  MiniTree tree;
  std::set<Bytes, decltype(&Less)> model(&Less);
  std::map<uint32_t, Bytes> snapshot;
  size_t snapshot_at = 0;

  // Grow.
  for (int i = 0; i < 900; ++i) {
    Bytes key = RandomKey(rng);
    if (model.count(key) != 0) continue;
    Bytes data(4 + rng() % 120, static_cast<uint8_t>(i));
    tree.Insert(key, data);
    model.insert(key);
    if (i == 450) {
      snapshot = tree.pages();
      snapshot_at = tree.log().size();
    }
    if (::testing::Test::HasFatalFailure()) return;
  }
  std::vector<Bytes> keys = tree.Check();
  EXPECT_EQ(keys, std::vector<Bytes>(model.begin(), model.end()));
  EXPECT_GE(tree.Depth(), 3) << "the test should split internal pages too";
  EXPECT_GT(tree.splits(), 20);
  std::printf("%zu keys, depth %d, %d splits, %zu records\n", model.size(), tree.Depth(),
              tree.splits(), tree.log().size());

  // Shrink.
  std::vector<Bytes> order(model.begin(), model.end());
  std::shuffle(order.begin(), order.end(), rng);
  for (size_t i = 0; i < order.size() * 9 / 10; ++i) {
    tree.Delete(order[i]);
    model.erase(order[i]);
    if (::testing::Test::HasFatalFailure()) return;
    if (i % 100 == 0) {
      EXPECT_EQ(tree.Check(), std::vector<Bytes>(model.begin(), model.end()));
    }
  }
  keys = tree.Check();
  EXPECT_EQ(keys, std::vector<Bytes>(model.begin(), model.end()));
  EXPECT_GT(tree.merges(), 10);
  EXPECT_GT(tree.internal_merges(), 0) << "the test should merge internal pages too";
  std::printf("%zu keys left, %d merges (%d of internal pages), %zu records\n", model.size(),
              tree.merges(), tree.internal_merges(), tree.log().size());

  // Redo from nothing gives the same pages; a second pass changes nothing.
  std::map<uint32_t, Bytes> replayed;
  int applied = 0;
  int skipped = 0;
  Replay(tree.log(), &replayed, &applied, &skipped);
  EXPECT_EQ(applied, static_cast<int>(tree.log().size()));
  EXPECT_EQ(replayed, tree.pages());
  Replay(tree.log(), &replayed, &applied, &skipped);
  EXPECT_EQ(applied, 0);
  EXPECT_EQ(replayed, tree.pages());

  // Redo onto a state captured part-way (an interrupted recovery run again):
  // what the snapshot already has is skipped, the rest applied.
  Replay(tree.log(), &snapshot, &applied, &skipped);
  EXPECT_EQ(snapshot, tree.pages());
  EXPECT_GE(skipped, static_cast<int>(snapshot_at) / 2);
  EXPECT_GE(applied, static_cast<int>(tree.log().size() - snapshot_at));
}

// One split and one merge by hand, checked record by record.
TEST(PageOpSplitMerge, HorizontalSplitRecordsOnePerPage) {
  using pageop_test::Key;
  using pageop_test::MakePage;
  using pageop_test::NodeRec;
  using pageop_test::PageSpec;
  // Parent (root) -> [leaf 20] <-> [leaf 21].
  std::vector<NodeRec> left;
  for (int i = 0; i < 10; ++i) left.push_back({Key(i), pageop_test::Data(i), 0});
  PageSpec leaf_spec;
  leaf_spec.pgno = 20;
  leaf_spec.objid = kObjid;
  leaf_spec.next = 21;
  leaf_spec.dbtime = 30;
  leaf_spec.external_header = pageop_test::B("key-0000");
  Bytes leaf = MakePage(leaf_spec, left);
  PageSpec right_spec = leaf_spec;
  right_spec.pgno = 21;
  right_spec.prev = 20;
  right_spec.next = 0;
  right_spec.dbtime = 31;
  Bytes right = MakePage(right_spec, {{Key(50), pageop_test::Data(50), 0}});
  Bytes sep20(4), sep21(4);
  StoreLE32(sep20.data(), 20);
  StoreLE32(sep21.data(), 21);
  PageSpec root_spec;
  root_spec.pgno = kRoot;
  root_spec.objid = kObjid;
  root_spec.flags = kPageFlagRoot | kPageFlagParentOfLeaf;
  root_spec.dbtime = 32;
  root_spec.external_header = Bytes(16, 0);
  Bytes root = MakePage(root_spec, {{Key(50), sep20, 0}, {{}, sep21, 0}});

  PageView leaf_view, right_view, root_view;
  ASSERT_EQ(PageView::Open(std::span<const uint8_t>(leaf), &leaf_view), JET_errSuccess);
  ASSERT_EQ(PageView::Open(std::span<const uint8_t>(right), &right_view), JET_errSuccess);
  ASSERT_EQ(PageView::Open(std::span<const uint8_t>(root), &root_view), JET_errSuccess);
  SplitRequest request;
  request.dbid = kDbid;
  request.dbtime = 40;
  request.page = {20, &leaf_view};
  request.split_iline = 6;
  request.new_pgno = 22;
  request.right = {21, &right_view};
  request.parent = {kRoot, &root_view};
  request.parent_iline = 0;
  std::vector<PageOperation> ops;
  std::vector<uint8_t> separator;
  ASSERT_EQ(PlanHorizontalSplit(request, &ops, &separator), JET_errSuccess);
  EXPECT_EQ(separator, Key(6));
  ASSERT_EQ(ops.size(), 4u);
  EXPECT_EQ(ops[0].kind, PageOpKind::kNewPage);
  EXPECT_EQ(ops[0].pgno, 22u);
  EXPECT_EQ(ops[1].kind, PageOpKind::kSplit);
  EXPECT_EQ(ops[1].pgno, 20u);
  EXPECT_EQ(ops[1].dbtime_before, 30);
  EXPECT_EQ(ops[2].kind, PageOpKind::kSetPageHeader);
  EXPECT_EQ(ops[2].pgno, 21u);
  EXPECT_EQ(ops[3].kind, PageOpKind::kSplit);
  EXPECT_EQ(ops[3].pgno, kRoot);
  Bytes fresh(kPageSize, 0);
  ASSERT_EQ(ApplyPageOperation(ops[0], fresh), JET_errSuccess);
  ASSERT_EQ(ApplyPageOperation(ops[1], leaf), JET_errSuccess);
  ASSERT_EQ(ApplyPageOperation(ops[2], right), JET_errSuccess);
  ASSERT_EQ(ApplyPageOperation(ops[3], root), JET_errSuccess);
  EXPECT_EQ(pageop_test::ReadNodes(leaf).size(), 6u);
  const auto moved = pageop_test::ReadNodes(fresh);
  ASSERT_EQ(moved.size(), 4u);
  EXPECT_EQ(moved.front().key, Key(6));
  EXPECT_EQ(pageop_test::ReadHeader(leaf).pgno_next, 22u);
  EXPECT_EQ(pageop_test::ReadHeader(fresh).pgno_prev, 20u);
  EXPECT_EQ(pageop_test::ReadHeader(fresh).pgno_next, 21u);
  EXPECT_EQ(pageop_test::ReadHeader(right).pgno_prev, 22u);
  const auto parent = pageop_test::ReadNodes(root);
  ASSERT_EQ(parent.size(), 3u);
  EXPECT_EQ(parent[0].key, Key(6));
  EXPECT_EQ(LoadLE32(parent[0].data.data()), 20u);
  EXPECT_EQ(parent[1].key, Key(50));
  EXPECT_EQ(LoadLE32(parent[1].data.data()), 22u);
  EXPECT_EQ(LoadLE32(parent[2].data.data()), 21u);

  // Requests that do not match the pages.
  SplitRequest bad = request;
  bad.parent_iline = 1;  // points to 21, not 20
  EXPECT_EQ(PlanHorizontalSplit(bad, &ops), JET_errInvalidParameter);
  bad = request;
  bad.split_iline = 0;
  EXPECT_EQ(PlanHorizontalSplit(bad, &ops), JET_errInvalidParameter);
  bad = request;
  bad.right = {};
  EXPECT_EQ(PlanHorizontalSplit(bad, &ops), JET_errInvalidParameter);
  bad = request;
  bad.page = {kRoot, &root_view};
  EXPECT_EQ(PlanHorizontalSplit(bad, &ops), JET_errInvalidParameter);
}

TEST(PageOpSplitMerge, ChoosePrefixIgnoresEmptyKeysAndShortPrefixes) {
  using pageop_test::B;
  EXPECT_EQ(ChoosePrefix({B("abcdef1"), B("abcdef9"), {}}), B("abcdef"));
  EXPECT_EQ(ChoosePrefix({B("ab1"), B("ab9")}), Bytes());  // 2 bytes save nothing
  EXPECT_EQ(ChoosePrefix({}), Bytes());
  EXPECT_EQ(ChildPageFlags(kPageFlagRoot | kPageFlagLeaf | kPageFlagLongValue | 0x10000),
            kPageFlagLeaf | kPageFlagLongValue);
}

}  // namespace
}  // namespace jet
