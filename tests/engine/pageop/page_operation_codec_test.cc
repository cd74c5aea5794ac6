// The byte form of page operations: its fixed layout, the round trip of every
// kind, and decoding that refuses damaged input (truncated, extended, random
// bytes changed) with JET_errLogCorrupted instead of crashing or inventing a
// record.
#include "pageop/page_operation_codec.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "format/endian.h"
#include "format/page.h"
#include "pageop_test_util.h"

namespace jet {
namespace {

using pageop_test::B;
using pageop_test::Bytes;
using pageop_test::Data;
using pageop_test::Key;
using pageop_test::MakePage;
using pageop_test::PageSpec;

std::vector<PageOperation> AllKinds() {
  std::vector<PageOperation> ops;
  const Bytes prefix = B("key-00");
  ops.push_back(PageOperation::Insert(3, MakeNodeImage(Key(1), Data(1), prefix, kNodeFlagVersion)));
  ops.push_back(PageOperation::Replace(0, MakeNodeImage(Key(2), Data(2, 900), prefix)));
  ops.push_back(PageOperation::Delete(7));
  ops.push_back(PageOperation::FlagDelete(1));
  ops.push_back(PageOperation::FlagInsert(2));
  ops.push_back(PageOperation::SetNodeFlags(4, kNodeFlagVersion));
  ops.push_back(PageOperation::SetExternalHeader(B("a prefix")));
  ops.push_back(PageOperation::SetExternalHeader({}));
  PageHeaderChange links;
  links.pgno_prev = 0x01020304;
  links.pgno_next = 9;
  ops.push_back(PageOperation::SetPageHeader(links));
  PageHeaderChange all;
  all.pgno_prev = 1;
  all.pgno_next = 2;
  all.flags = kPageFlagRoot | kPageFlagParentOfLeaf;
  all.objid_fdp = 77;
  all.external_header = Bytes(16, 0xab);
  ops.push_back(PageOperation::SetPageHeader([&] {
    PageHeaderChange c = all;
    c.external_header.reset();
    return c;
  }()));
  ops.push_back(PageOperation::NewPage(
      kPageFlagLeaf, 12, 3, 4, prefix,
      {MakeNodeImage(Key(1), Data(1), prefix), MakeNodeImage(Key(2), {}, prefix)}));
  ops.push_back(PageOperation::NewPage(kPageFlagLeaf, 12, 0, 0, {}, {}));
  ops.push_back(PageOperation::Split(5, kAllLines, {}, all));
  ops.push_back(PageOperation::Split(
      2, 1, {MakeNodeImage(Key(3), Data(3, 4), {}), MakeNodeImage(Key(4), Data(4, 4), {})}, {}));
  ops.push_back(PageOperation::Merge(0, 0, {MakeNodeImage(Key(5), Data(5), prefix)}, links));
  PageSpec spec;
  spec.dbtime = 51;
  ops.push_back(PageOperation::PageImage(MakePage(spec, {})));
  DbTime t = 50;
  for (PageOperation& op : ops) {
    if (op.kind != PageOpKind::kPageImage) op.At(3, 0x00ABCDEF, t, t + 1);
    op.dbid = 3;
    op.pgno = 0x00ABCDEF;
  }
  return ops;
}

TEST(PageOpCodec, CommonPrefixLayout) {
  PageOperation op = PageOperation::Delete(0x1234).At(0x42, 0xA1B2C3D4, 0x0102030405060708LL,
                                                      0x0102030405060709LL);
  Bytes bytes;
  ASSERT_EQ(EncodePageOperation(op, &bytes), JET_errSuccess);
  ASSERT_EQ(bytes.size(), kPageOpHeaderSize);
  EXPECT_EQ(bytes[kPageOpOffKind], 35);  // lrtypDelete
  EXPECT_EQ(bytes[kPageOpOffDbid], 0x42);
  EXPECT_EQ(LoadLE32(bytes.data() + kPageOpOffPgno), 0xA1B2C3D4u);
  EXPECT_EQ(LoadLE64(bytes.data() + kPageOpOffDbtime), 0x0102030405060709ull);
  EXPECT_EQ(LoadLE64(bytes.data() + kPageOpOffDbtimeBefore), 0x0102030405060708ull);
  EXPECT_EQ(LoadLE16(bytes.data() + kPageOpOffIline), 0x1234);
  EXPECT_EQ(LoadLE32(bytes.data() + kPageOpOffCbPayload), 0u);
}

TEST(PageOpCodec, KindValuesAreEseLogRecordTypes) {
  // ese-facts §4.3.
  EXPECT_EQ(static_cast<int>(PageOpKind::kInsert), 29);
  EXPECT_EQ(static_cast<int>(PageOpKind::kFlagInsert), 30);
  EXPECT_EQ(static_cast<int>(PageOpKind::kFlagDelete), 32);
  EXPECT_EQ(static_cast<int>(PageOpKind::kReplace), 33);
  EXPECT_EQ(static_cast<int>(PageOpKind::kDelete), 35);
  EXPECT_EQ(static_cast<int>(PageOpKind::kSetExternalHeader), 38);
  EXPECT_EQ(static_cast<int>(PageOpKind::kSplit), 62);
  EXPECT_EQ(static_cast<int>(PageOpKind::kMerge), 63);
  EXPECT_EQ(static_cast<int>(PageOpKind::kNewPage), 95);
  EXPECT_STREQ(PageOpKindName(PageOpKind::kSplit), "Split2");
}

TEST(PageOpCodec, EveryKindRoundTrips) {
  for (const PageOperation& op : AllKinds()) {
    SCOPED_TRACE(op.ToString());
    Bytes bytes;
    ASSERT_EQ(EncodePageOperation(op, &bytes), JET_errSuccess);
    EXPECT_EQ(bytes.size(), EncodedPageOperationSize(op));
    PageOperation back;
    ASSERT_EQ(DecodePageOperation(bytes, &back), JET_errSuccess);
    EXPECT_EQ(back, op);
  }
}

TEST(PageOpCodec, RecordsInAStreamReportTheirLength) {
  Bytes stream;
  const std::vector<PageOperation> ops = AllKinds();
  for (const PageOperation& op : ops) {
    ASSERT_EQ(EncodePageOperation(op, &stream), JET_errSuccess);
  }
  size_t at = 0;
  for (const PageOperation& op : ops) {
    PageOperation back;
    size_t used = 0;
    ASSERT_EQ(DecodePageOperation(std::span<const uint8_t>(stream).subspan(at), &back, &used),
              JET_errSuccess);
    EXPECT_EQ(back, op);
    at += used;
  }
  EXPECT_EQ(at, stream.size());
}

TEST(PageOpCodec, EncodeRefusesMalformedRecords) {
  PageOperation op = PageOperation::Insert(0, MakeNodeImage(Key(1), Data(1), {}));
  op.At(1, 1, 5, 5);  // dbtime does not move
  Bytes out = B("keep");
  EXPECT_EQ(EncodePageOperation(op, &out), JET_errInvalidParameter);
  EXPECT_EQ(out, B("keep"));
  op.At(1, 1, 5, 6);
  op.nodes[0].suffix.assign(0x2000, 1);  // beyond a 13-bit key length
  EXPECT_EQ(EncodePageOperation(op, &out), JET_errInvalidParameter);
}

TEST(PageOpCodec, TruncatedAndExtendedRecordsAreCorrupt) {
  for (const PageOperation& op : AllKinds()) {
    SCOPED_TRACE(op.ToString());
    Bytes bytes;
    ASSERT_EQ(EncodePageOperation(op, &bytes), JET_errSuccess);
    PageOperation back;
    for (size_t n = 0; n < bytes.size(); ++n) {
      const std::span<const uint8_t> cut(bytes.data(), n);
      EXPECT_EQ(DecodePageOperation(cut, &back), JET_errLogCorrupted) << n;
      size_t used = 0;
      EXPECT_EQ(DecodePageOperation(cut, &back, &used), JET_errLogCorrupted) << n;
    }
    Bytes longer = bytes;
    longer.push_back(0);
    EXPECT_EQ(DecodePageOperation(longer, &back), JET_errLogCorrupted);
    // A payload length that claims one byte less or more than the payload.
    if (bytes.size() > kPageOpHeaderSize) {
      Bytes shorter = bytes;
      StoreLE32(shorter.data() + kPageOpOffCbPayload,
                LoadLE32(bytes.data() + kPageOpOffCbPayload) - 1);
      size_t used = 0;
      EXPECT_EQ(DecodePageOperation(shorter, &back, &used), JET_errLogCorrupted);
    }
  }
}

TEST(PageOpCodec, SpecificDamageIsCorrupt) {
  PageOperation back;
  Bytes bytes;
  ASSERT_EQ(EncodePageOperation(AllKinds()[0], &bytes), JET_errSuccess);  // Insert
  Bytes unknown = bytes;
  unknown[kPageOpOffKind] = 28;  // lrtypMerge (old form): not a page op here
  EXPECT_EQ(DecodePageOperation(unknown, &back), JET_errLogCorrupted);
  Bytes flags = bytes;
  flags[kPageOpHeaderSize] = kNodeFlagCompressed;  // a node flag a record never carries
  EXPECT_EQ(DecodePageOperation(flags, &back), JET_errLogCorrupted);
  Bytes huge_suffix = bytes;
  StoreLE16(huge_suffix.data() + kPageOpHeaderSize + 3, 0xffff);
  EXPECT_EQ(DecodePageOperation(huge_suffix, &back), JET_errLogCorrupted);
  Bytes time = bytes;
  StoreLE64(time.data() + kPageOpOffDbtime, 1);  // after < before
  EXPECT_EQ(DecodePageOperation(time, &back), JET_errLogCorrupted);

  // A node count far beyond the bytes present must not allocate for it.
  PageOperation split = PageOperation::Split(0, 1, {}, {}).At(1, 2, 3, 4);
  bytes.clear();
  ASSERT_EQ(EncodePageOperation(split, &bytes), JET_errSuccess);
  ASSERT_EQ(bytes.size(), kPageOpHeaderSize + 2 + 1 + 2);
  StoreLE16(bytes.data() + bytes.size() - 2, 0xffff);
  EXPECT_EQ(DecodePageOperation(bytes, &back), JET_errLogCorrupted);
  // An unknown header-change bit.
  bytes.clear();
  ASSERT_EQ(EncodePageOperation(split, &bytes), JET_errSuccess);
  bytes[kPageOpHeaderSize + 2] = 0x20;
  EXPECT_EQ(DecodePageOperation(bytes, &back), JET_errLogCorrupted);
}

TEST(PageOpCodec, RandomDamageNeverCrashes) {
  std::mt19937_64 rng = pageop_test::SeededRandom("PageOpCodec.RandomDamageNeverCrashes");
  const std::vector<PageOperation> ops = AllKinds();
  int decoded = 0;
  int refused = 0;
  for (int round = 0; round < 4000; ++round) {
    const PageOperation& op = ops[rng() % ops.size()];
    Bytes bytes;
    ASSERT_EQ(EncodePageOperation(op, &bytes), JET_errSuccess);
    const int changes = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < changes; ++k) {
      const size_t at = rng() % bytes.size();
      bytes[at] = static_cast<uint8_t>(rng());
    }
    if (rng() % 4 == 0) bytes.resize(rng() % (bytes.size() + 1));
    PageOperation back;
    size_t used = 0;
    const JET_ERR err = DecodePageOperation(bytes, &back, &used);
    if (err == JET_errSuccess) {
      // Whatever decodes is a well-formed record of the bytes it used.
      ++decoded;
      EXPECT_EQ(ValidatePageOperation(back), JET_errSuccess);
      EXPECT_LE(used, bytes.size());
      Bytes again;
      ASSERT_EQ(EncodePageOperation(back, &again), JET_errSuccess);
      EXPECT_EQ(again, Bytes(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(used)));
    } else {
      ++refused;
      EXPECT_EQ(err, JET_errLogCorrupted);
    }
  }
  EXPECT_GT(refused, 0);
  std::printf("decoded %d, refused %d damaged records\n", decoded, refused);
}

}  // namespace
}  // namespace jet
