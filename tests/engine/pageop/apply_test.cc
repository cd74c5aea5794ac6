// ApplyPageOperation / RedoPageOperation: every kind of record on every page
// size, applied forward, redone (and redone again: skipped, same bytes),
// round-tripped through its byte form, and refused with the dbtime errors
// when the page is not at the record's "before".
#include "pageop/apply.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "format/endian.h"
#include "format/page.h"
#include "format/page_editor.h"
#include "pageop/page_operation.h"
#include "pageop/page_operation_codec.h"
#include "pageop_test_util.h"

namespace jet {
namespace {

using pageop_test::B;
using pageop_test::Bytes;
using pageop_test::Data;
using pageop_test::Key;
using pageop_test::MakePage;
using pageop_test::NodeRec;
using pageop_test::PageSpec;
using pageop_test::ReadHeader;
using pageop_test::ReadNodes;

constexpr DbTime kBefore = 100;
constexpr DbTime kAfter = 103;

const Bytes kPrefix = B("key-00");

PageSpec BaseSpec(size_t page_size) {
  PageSpec spec;
  spec.page_size = page_size;
  spec.pgno = 10;
  spec.prev = 9;
  spec.next = 11;
  spec.dbtime = kBefore;
  spec.external_header = kPrefix;
  return spec;
}

std::vector<NodeRec> BaseNodes() {
  std::vector<NodeRec> nodes;
  for (int i = 1; i <= 5; ++i) {
    NodeRec n;
    n.key = Key(i * 10);
    n.data = Data(i * 10);
    n.flags = i == 4 ? kNodeFlagDeleted : 0;
    nodes.push_back(n);
  }
  return nodes;
}

// Nodes without the compressed bit, to compare with a model.
std::vector<NodeRec> Plain(std::vector<NodeRec> nodes) {
  for (NodeRec& n : nodes) n.flags &= 0x3;
  return nodes;
}

NodeRec Rec(const Bytes& key, const Bytes& data, uint8_t flags = 0) {
  NodeRec n;
  n.key = key;
  n.data = data;
  n.flags = flags;
  return n;
}

struct Case {
  std::string name;
  std::function<PageOperation()> make;
  // Checks the page after the record is applied.
  std::function<void(std::span<const uint8_t> page)> check;
};

std::vector<Case> Cases(size_t page_size) {
  std::vector<Case> cases;
  const std::vector<NodeRec> base = BaseNodes();
  auto expect_nodes = [](std::vector<NodeRec> want) {
    return [want](std::span<const uint8_t> page) { EXPECT_EQ(Plain(ReadNodes(page)), want); };
  };
  {
    std::vector<NodeRec> want = base;
    want.insert(want.begin() + 1, Rec(Key(15), Data(15)));
    cases.push_back(
        {"Insert",
         [] { return PageOperation::Insert(1, MakeNodeImage(Key(15), Data(15), kPrefix)); },
         expect_nodes(want)});
  }
  {
    std::vector<NodeRec> want = base;
    want[2] = Rec(Key(30), Data(99, 300), kNodeFlagVersion);
    cases.push_back({"Replace",
                     [] {
                       return PageOperation::Replace(
                           2, MakeNodeImage(Key(30), Data(99, 300), kPrefix, kNodeFlagVersion));
                     },
                     expect_nodes(want)});
  }
  {
    std::vector<NodeRec> want = base;
    want.erase(want.begin());
    cases.push_back({"Delete", [] { return PageOperation::Delete(0); }, expect_nodes(want)});
  }
  {
    std::vector<NodeRec> want = base;
    want[1].flags |= kNodeFlagDeleted;
    cases.push_back(
        {"FlagDelete", [] { return PageOperation::FlagDelete(1); }, expect_nodes(want)});
  }
  {
    std::vector<NodeRec> want = base;
    want[3].flags = 0;
    cases.push_back(
        {"FlagInsert", [] { return PageOperation::FlagInsert(3); }, expect_nodes(want)});
  }
  {
    std::vector<NodeRec> want = base;
    want[0].flags = kNodeFlagVersion | kNodeFlagDeleted;
    cases.push_back(
        {"SetNodeFlags",
         [] { return PageOperation::SetNodeFlags(0, kNodeFlagVersion | kNodeFlagDeleted); },
         expect_nodes(want)});
  }
  cases.push_back({"SetExternalHeader",
                   [] { return PageOperation::SetExternalHeader(B("key-0000")); },
                   [base](std::span<const uint8_t> page) {
                     PageView view;
                     ASSERT_EQ(PageView::Open(page, &view), JET_errSuccess);
                     const auto ext = view.ExternalHeader();
                     EXPECT_EQ(Bytes(ext.begin(), ext.end()), B("key-0000"));
                     EXPECT_EQ(Plain(ReadNodes(page)), base);  // keys unchanged
                   }});
  cases.push_back({"SetPageHeader",
                   [] {
                     PageHeaderChange change;
                     change.pgno_prev = 5;
                     change.pgno_next = 6;
                     return PageOperation::SetPageHeader(change);
                   },
                   [base](std::span<const uint8_t> page) {
                     const PageHeader h = ReadHeader(page);
                     EXPECT_EQ(h.pgno_prev, 5u);
                     EXPECT_EQ(h.pgno_next, 6u);
                     EXPECT_EQ(Plain(ReadNodes(page)), base);
                   }});
  {
    std::vector<NodeRec> want(base.begin(), base.begin() + 3);
    cases.push_back({"Split",
                     [] {
                       PageHeaderChange change;
                       change.pgno_next = 77;
                       return PageOperation::Split(3, kAllLines, {}, change);
                     },
                     [want](std::span<const uint8_t> page) {
                       EXPECT_EQ(Plain(ReadNodes(page)), want);
                       EXPECT_EQ(ReadHeader(page).pgno_next, 77u);
                     }});
  }
  {
    std::vector<NodeRec> want = base;
    want.insert(want.begin(), {Rec(Key(1), Data(1)), Rec(Key(2), Data(2), kNodeFlagVersion)});
    cases.push_back({"Merge",
                     [] {
                       PageHeaderChange change;
                       change.pgno_prev = 3;
                       return PageOperation::Merge(
                           0, 0,
                           {MakeNodeImage(Key(1), Data(1), kPrefix),
                            MakeNodeImage(Key(2), Data(2), kPrefix, kNodeFlagVersion)},
                           change);
                     },
                     [want](std::span<const uint8_t> page) {
                       EXPECT_EQ(Plain(ReadNodes(page)), want);
                       EXPECT_EQ(ReadHeader(page).pgno_prev, 3u);
                     }});
  }
  {
    const std::vector<NodeRec> want = {Rec(B("other-1"), Data(1)), Rec(B("other-2"), Data(2))};
    cases.push_back({"NewPage",
                     [] {
                       return PageOperation::NewPage(
                           kPageFlagLeaf | kPageFlagIndex, 42, 0, 12, B("other-"),
                           {MakeNodeImage(B("other-1"), Data(1), B("other-")),
                            MakeNodeImage(B("other-2"), Data(2), B("other-"))});
                     },
                     [want](std::span<const uint8_t> page) {
                       EXPECT_EQ(Plain(ReadNodes(page)), want);
                       const PageHeader h = ReadHeader(page);
                       EXPECT_EQ(h.objid_fdp, 42u);
                       EXPECT_EQ(h.flags, kPageFlagLeaf | kPageFlagIndex);
                       EXPECT_EQ(h.pgno_prev, 0u);
                       EXPECT_EQ(h.pgno_next, 12u);
                     }});
  }
  {
    PageSpec spec = BaseSpec(page_size);
    spec.dbtime = kAfter;
    spec.objid = 55;
    const Bytes image = MakePage(spec, {Rec(Key(7), Data(7))});
    cases.push_back({"PageImage", [image] { return PageOperation::PageImage(image); },
                     [image](std::span<const uint8_t> page) {
                       EXPECT_EQ(Bytes(page.begin(), page.end()), image);
                     }});
  }
  return cases;
}

PageOperation Targeted(PageOperation op) {
  if (op.kind == PageOpKind::kPageImage) {
    op.dbid = 1;
    op.pgno = 10;
    return op;
  }
  return op.At(1, 10, kBefore, kAfter);
}

class PageOpApplyTest : public ::testing::TestWithParam<size_t> {};

TEST_P(PageOpApplyTest, EveryKindAppliesRedoesAndSkips) {
  const size_t page_size = GetParam();
  const Bytes base = MakePage(BaseSpec(page_size), BaseNodes());
  for (const Case& c : Cases(page_size)) {
    SCOPED_TRACE(c.name);
    const PageOperation op = Targeted(c.make());
    ASSERT_EQ(ValidatePageOperation(op), JET_errSuccess) << op.ToString();

    // Forward.
    Bytes forward = base;
    ASSERT_EQ(ApplyPageOperation(op, forward), JET_errSuccess) << op.ToString();
    EXPECT_EQ(PageDbTime(forward), kAfter);
    PageView view;
    ASSERT_EQ(PageView::Open(std::span<const uint8_t>(forward), 10, &view), JET_errSuccess);
    c.check(forward);

    // Redo from the same "before": the same bytes.
    Bytes redo = base;
    RedoOutcome outcome = RedoOutcome::kSkipped;
    ASSERT_EQ(RedoPageOperation(op, redo, &outcome), JET_errSuccess);
    EXPECT_EQ(outcome, RedoOutcome::kApplied);
    EXPECT_EQ(redo, forward);
    // And again: already there, skipped, byte-identical.
    ASSERT_EQ(RedoPageOperation(op, redo, &outcome), JET_errSuccess);
    EXPECT_EQ(outcome, RedoOutcome::kSkipped);
    EXPECT_EQ(redo, forward);

    // Through the byte form.
    Bytes encoded;
    ASSERT_EQ(EncodePageOperation(op, &encoded), JET_errSuccess);
    EXPECT_EQ(encoded.size(), EncodedPageOperationSize(op));
    PageOperation decoded;
    ASSERT_EQ(DecodePageOperation(encoded, &decoded), JET_errSuccess);
    EXPECT_EQ(decoded, op);
    Bytes via_log = base;
    ASSERT_EQ(ApplyPageOperation(decoded, via_log), JET_errSuccess);
    EXPECT_EQ(via_log, forward);
  }
}

TEST_P(PageOpApplyTest, WrongDbTimesAreRefusedAndLeaveThePage) {
  const size_t page_size = GetParam();
  for (const Case& c : Cases(page_size)) {
    SCOPED_TRACE(c.name);
    const PageOperation op = Targeted(c.make());
    if (IsWholePageKind(op.kind)) continue;
    RedoOutcome outcome = RedoOutcome::kApplied;

    // The page missed an earlier change: it is older than "before".
    PageSpec spec = BaseSpec(page_size);
    spec.dbtime = kBefore - 1;
    Bytes page = MakePage(spec, BaseNodes());
    const Bytes old_page = page;
    EXPECT_EQ(ApplyPageOperation(op, page), JET_errDbTimeTooOld);
    EXPECT_EQ(RedoPageOperation(op, page, &outcome), JET_errDbTimeTooOld);
    EXPECT_EQ(page, old_page);

    // The page has a change the log does not: between "before" and "after".
    spec.dbtime = kBefore + 1;
    page = MakePage(spec, BaseNodes());
    const Bytes newer_page = page;
    EXPECT_EQ(ApplyPageOperation(op, page), JET_errDbTimeTooNew);
    EXPECT_EQ(RedoPageOperation(op, page, &outcome), JET_errDbTimeTooNew);
    EXPECT_EQ(page, newer_page);

    // At or past "after": redo skips it whatever the page holds; forward
    // processing refuses it.
    for (DbTime t : {kAfter, kAfter + 50}) {
      spec.dbtime = t;
      page = MakePage(spec, BaseNodes());
      const Bytes done = page;
      ASSERT_EQ(RedoPageOperation(op, page, &outcome), JET_errSuccess);
      EXPECT_EQ(outcome, RedoOutcome::kSkipped);
      EXPECT_EQ(page, done);
      EXPECT_EQ(ApplyPageOperation(op, page), JET_errDbTimeTooNew);
      EXPECT_EQ(page, done);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(PageSizes, PageOpApplyTest, ::testing::Values(4096, 8192, 16384, 32768),
                         [](const auto& info) { return std::to_string(info.param); });

TEST(PageOpApply, WholePageKindsRebuildABlankPage) {
  for (size_t page_size : {4096u, 32768u}) {
    Bytes page(page_size, 0);
    RedoOutcome outcome = RedoOutcome::kSkipped;
    const PageOperation fresh =
        PageOperation::NewPage(kPageFlagLeaf, 3, 0, 0, {}, {MakeNodeImage(Key(1), Data(1), {})})
            .At(1, 10, 0, 5);
    ASSERT_EQ(RedoPageOperation(fresh, page, &outcome), JET_errSuccess);
    EXPECT_EQ(outcome, RedoOutcome::kApplied);
    EXPECT_EQ(ReadNodes(page).size(), 1u);
    EXPECT_EQ(PageDbTime(page), 5);
    if (page_size > 8192) {
      EXPECT_EQ(ReadHeader(page).pgno, 10u);  // PGHDR2 names the page
    }

    // A torn page is handed to redo as zeros; its image brings it back.
    const Bytes image = page;
    const PageOperation snapshot = PageOperation::PageImage(image);
    Bytes torn(page_size, 0);
    ASSERT_EQ(RedoPageOperation(snapshot, torn, &outcome), JET_errSuccess);
    EXPECT_EQ(outcome, RedoOutcome::kApplied);
    EXPECT_EQ(torn, image);

    // Node records need a page.
    Bytes blank(page_size, 0);
    EXPECT_EQ(ApplyPageOperation(PageOperation::Delete(0).At(1, 10, 0, 1), blank),
              JET_errPageNotInitialized);
  }
}

TEST(PageOpApply, RecordsThatDoNotFitLeaveThePageAlone) {
  const Bytes base = MakePage(BaseSpec(4096), BaseNodes());
  struct Bad {
    const char* name;
    PageOperation op;
  };
  PageHeaderChange links_on_internal;
  links_on_internal.flags = kPageFlagParentOfLeaf;  // an internal page may not keep links
  std::vector<Bad> bad = {
      {"insert past the end", PageOperation::Insert(6, MakeNodeImage(Key(99), Data(99), kPrefix))},
      {"replace past the end", PageOperation::Replace(5, MakeNodeImage(Key(99), Data(9), kPrefix))},
      {"delete past the end", PageOperation::Delete(5)},
      {"no room", PageOperation::Insert(0, MakeNodeImage(Key(0), Data(0, 4000), kPrefix))},
      {"prefix the page lacks", PageOperation::Insert(0,
                                                      [] {
                                                        NodeImage n =
                                                            MakeNodeImage(Key(0), Data(0), kPrefix);
                                                        n.cb_prefix = 20;
                                                        return n;
                                                      }())},
      {"split past the end", PageOperation::Split(4, 3, {}, {})},
      {"prefix shorter than the nodes use", PageOperation::SetExternalHeader(B("k"))},
      {"links on an internal page", PageOperation::SetPageHeader(links_on_internal)},
      {"merge without room", PageOperation::Merge(0, 0,
                                                  {MakeNodeImage(Key(1), Data(1, 2000), kPrefix),
                                                   MakeNodeImage(Key(2), Data(2, 2000), kPrefix)},
                                                  {})},
  };
  for (Bad& b : bad) {
    SCOPED_TRACE(b.name);
    b.op.At(1, 10, kBefore, kAfter);
    Bytes page = base;
    EXPECT_EQ(ApplyPageOperation(b.op, page), JET_errDatabaseCorrupted);
    EXPECT_EQ(page, base);
  }

  // A compressed node may not go on an FDP root (no prefix there).
  PageSpec root = BaseSpec(4096);
  root.flags = kPageFlagRoot | kPageFlagLeaf;
  root.prev = root.next = 0;
  root.external_header = Bytes(16, 0);
  const Bytes root_page = MakePage(root, {});
  NodeImage compressed = MakeNodeImage(Key(1), Data(1), {});
  compressed.cb_prefix = 3;
  Bytes page = root_page;
  EXPECT_EQ(
      ApplyPageOperation(PageOperation::Insert(0, compressed).At(1, 10, kBefore, kAfter), page),
      JET_errDatabaseCorrupted);
  EXPECT_EQ(page, root_page);
}

TEST(PageOpApply, MalformedRecordsAreInvalidParameters) {
  Bytes page = MakePage(BaseSpec(4096), BaseNodes());
  const Bytes base = page;
  PageOperation two_nodes = PageOperation::Insert(0, MakeNodeImage(Key(1), Data(1), {}));
  two_nodes.nodes.push_back(two_nodes.nodes[0]);
  PageOperation backwards = PageOperation::Delete(0);
  PageOperation image_elsewhere = PageOperation::Delete(0);
  image_elsewhere.image = Bytes(4096);
  PageOperation bad_flags = PageOperation::SetNodeFlags(0, kNodeFlagCompressed);
  PageOperation empty_split = PageOperation::Split(0, 0, {}, {});
  PageOperation half_new = PageOperation::NewPage(kPageFlagLeaf, 1, 0, 0, {}, {});
  half_new.header.objid_fdp.reset();
  Bytes small_image = base;
  small_image.resize(2048);
  PageOperation odd_image = PageOperation::PageImage(base);
  odd_image.image = small_image;
  for (PageOperation* op : {&two_nodes, &image_elsewhere, &bad_flags, &empty_split, &half_new}) {
    op->At(1, 10, kBefore, kAfter);
  }
  backwards.At(1, 10, kBefore, kBefore);
  for (const PageOperation* op : {&two_nodes, &backwards, &image_elsewhere, &bad_flags,
                                  &empty_split, &half_new, &odd_image}) {
    SCOPED_TRACE(op->ToString());
    EXPECT_EQ(ApplyPageOperation(*op, page), JET_errInvalidParameter);
    EXPECT_EQ(page, base);
  }
  // An image of another page size.
  PageSpec big = BaseSpec(8192);
  big.dbtime = kAfter;
  const PageOperation other_size = PageOperation::PageImage(MakePage(big, {}));
  EXPECT_EQ(ApplyPageOperation(other_size, page), JET_errInvalidParameter);
  EXPECT_EQ(page, base);
}

TEST(PageOpApply, NodeFlagsLiveInTheNodeOnLargePages) {
  // 16/32 KiB pages keep node flags in the node's first word, not the tag.
  Bytes page = MakePage(BaseSpec(32768), BaseNodes());
  ASSERT_EQ(ApplyPageOperation(PageOperation::FlagDelete(0).At(1, 10, kBefore, kBefore + 1), page),
            JET_errSuccess);
  ASSERT_EQ(
      ApplyPageOperation(
          PageOperation::SetNodeFlags(1, kNodeFlagVersion).At(1, 10, kBefore + 1, kBefore + 2),
          page),
      JET_errSuccess);
  PageView view;
  ASSERT_EQ(PageView::Open(std::span<const uint8_t>(page), 10, &view), JET_errSuccess);
  EXPECT_TRUE(view.line(0).IsDeleted());
  EXPECT_TRUE(view.line(1).IsVersioned());
  EXPECT_FALSE(view.line(1).IsDeleted());
  // Prefix compression survives: the keys read back whole.
  EXPECT_EQ(view.line(0).Key(), Key(10));
  EXPECT_EQ(view.line(1).Key(), Key(20));
  // The flags are bits 13-15 of the node's first u16 (its cbPrefix here).
  const Tag t = view.tag(1);
  const uint16_t first = LoadLE16(page.data() + PageHeaderSize(page.size()) + t.ib);
  EXPECT_EQ(first >> 13, kNodeFlagDeleted | kNodeFlagCompressed);
}

}  // namespace
}  // namespace jet
