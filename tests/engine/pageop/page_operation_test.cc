// PageOperation values: the builders, the per-kind validity rules and the
// node images with their prefix compression.
#include "pageop/page_operation.h"

#include <gtest/gtest.h>

#include "format/page.h"
#include "pageop_test_util.h"

namespace jet {
namespace {

using pageop_test::B;
using pageop_test::Bytes;
using pageop_test::Data;
using pageop_test::Key;

TEST(PageOpNodeImage, CompressesOnlyWhenItSaves) {
  // Shares 6 bytes with the prefix: compressed.
  NodeImage n = MakeNodeImage(B("key-001234"), B("d"), B("key-00"));
  EXPECT_EQ(n.cb_prefix, 6);
  EXPECT_EQ(n.suffix, B("1234"));
  EXPECT_EQ(n.data, B("d"));
  // Two shared bytes would cost as much as they save (the cbPrefix field).
  n = MakeNodeImage(B("kez"), B("d"), B("key-00"));
  EXPECT_EQ(n.cb_prefix, 0);
  EXPECT_EQ(n.suffix, B("kez"));
  // No prefix (an FDP root): never compressed.
  n = MakeNodeImage(B("key-001234"), {}, {}, kNodeFlagVersion | kNodeFlagCompressed);
  EXPECT_EQ(n.cb_prefix, 0);
  EXPECT_EQ(n.flags, kNodeFlagVersion);  // the compressed bit follows cb_prefix
  // The whole key may be prefix.
  n = MakeNodeImage(B("key-00"), B("d"), B("key-00"));
  EXPECT_EQ(n.cb_prefix, 6);
  EXPECT_TRUE(n.suffix.empty());
}

TEST(PageOperation, BuildersMakeValidRecords) {
  const std::vector<PageOperation> ops = {
      PageOperation::Insert(0, MakeNodeImage(Key(1), Data(1), {})),
      PageOperation::Replace(0, MakeNodeImage(Key(1), Data(1), {})),
      PageOperation::Delete(0),
      PageOperation::FlagDelete(0),
      PageOperation::FlagInsert(0),
      PageOperation::SetNodeFlags(0, kNodeFlagVersion),
      PageOperation::SetExternalHeader(B("p")),
      PageOperation::SetPageHeader([] {
        PageHeaderChange c;
        c.pgno_next = 3;
        return c;
      }()),
      PageOperation::NewPage(kPageFlagLeaf, 5, 0, 0, {}, {}),
      PageOperation::Split(1, kAllLines, {}, {}),
      PageOperation::Merge(0, 0, {MakeNodeImage(Key(1), Data(1), {})}, {}),
  };
  for (PageOperation op : ops) {
    op.At(1, 20, 7, 8);
    EXPECT_EQ(ValidatePageOperation(op), JET_errSuccess) << op.ToString();
    EXPECT_FALSE(op.ToString().empty());
  }
}

TEST(PageOperation, KindRulesAreEnforced) {
  auto invalid = [](PageOperation op) {
    if (op.dbtime_after == 0) op.At(1, 20, 7, 8);
    return ValidatePageOperation(op) == JET_errInvalidParameter;
  };
  PageOperation op = PageOperation::Delete(0);
  op.nodes.push_back({});
  EXPECT_TRUE(invalid(op));  // a delete carries no node
  op = PageOperation::Insert(0, {});
  op.nodes.clear();
  EXPECT_TRUE(invalid(op));  // an insert carries exactly one
  op = PageOperation::Insert(0, {});
  op.header.pgno_next = 1;
  EXPECT_TRUE(invalid(op));  // node records change no header field
  op = PageOperation::Delete(0);
  op.cline_removed = 2;
  EXPECT_TRUE(invalid(op));  // only splits and merges remove a range
  op = PageOperation::SetPageHeader({});
  EXPECT_TRUE(invalid(op));  // changes nothing
  op = PageOperation::SetExternalHeader({});
  op.header.flags = 1;
  EXPECT_TRUE(invalid(op));
  op = PageOperation::Insert(0, {});
  op.nodes[0].flags = kNodeFlagCompressed;
  EXPECT_TRUE(invalid(op));
  op = PageOperation::Insert(0, {});
  op.nodes[0].cb_prefix = 0x2000;
  EXPECT_TRUE(invalid(op));
  op = PageOperation::Delete(0).At(1, 2, 9, 8);
  EXPECT_EQ(ValidatePageOperation(op), JET_errInvalidParameter);  // time runs back
  op = PageOperation::Delete(0).At(1, 2, -1, 8);
  EXPECT_EQ(ValidatePageOperation(op), JET_errInvalidParameter);
  op = PageOperation::NewPage(kPageFlagLeaf, 5, 0, 0, {}, {}).At(1, 2, 0, 0);
  EXPECT_EQ(ValidatePageOperation(op), JET_errInvalidParameter);
  op = PageOperation::NewPage(kPageFlagLeaf, 5, 0, 0, {}, {}).At(1, 2, 0, 1);
  op.iline = 3;
  EXPECT_EQ(ValidatePageOperation(op), JET_errInvalidParameter);
}

TEST(PageOperation, PageImageTakesThePagesDbTime) {
  pageop_test::PageSpec spec;
  spec.dbtime = 4242;
  const Bytes page = pageop_test::MakePage(spec, {});
  PageOperation op = PageOperation::PageImage(page);
  EXPECT_EQ(op.dbtime_before, 4242);
  EXPECT_EQ(op.dbtime_after, 4242);
  EXPECT_EQ(ValidatePageOperation(op), JET_errSuccess);
  op.dbtime_after = 4243;  // the image must carry the record's dbtime
  EXPECT_EQ(ValidatePageOperation(op), JET_errInvalidParameter);
}

TEST(PageOperation, WholePageKinds) {
  EXPECT_TRUE(IsWholePageKind(PageOpKind::kNewPage));
  EXPECT_TRUE(IsWholePageKind(PageOpKind::kPageImage));
  EXPECT_FALSE(IsWholePageKind(PageOpKind::kSplit));
  EXPECT_TRUE(IsKnownPageOpKind(62));
  EXPECT_FALSE(IsKnownPageOpKind(27));  // lrtypSplit (old form)
  EXPECT_FALSE(IsKnownPageOpKind(0));
}

}  // namespace
}  // namespace jet
