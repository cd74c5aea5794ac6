// SpaceManager: the database root and its space trees, allocation in
// extents, reuse of freed pages, trees that never share a page, a full disk.
#include "space/space_manager.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>

#include "btree/btree_writer.h"
#include "btree/cursor.h"
#include "format/page.h"
#include "write_test_util.h"

namespace jet {
namespace {

using write_test::Bytes;
using write_test::CheckTree;
using write_test::TreeShape;
using write_test::WriteDb;
using write_test::WriteDbOptions;

Bytes KeyOf(uint32_t n) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "r%07u", n);
  return Bytes(buf, buf + 8);
}

uint64_t FileSize(WriteDb& db) {
  uint64_t size = 0;
  EXPECT_EQ(db.env().GetFileSize("test.edb", &size), JET_errSuccess);
  return size;
}

// Every page 1..pgno_last is exactly one of: the database root, a page of
// one of `trees` (space trees included), an available page, a reserved page.
std::string CheckAccounting(WriteDb& db, const std::vector<BTree>& trees) {
  SpaceManager& space = *db.space();
  std::map<uint32_t, std::string> owner;
  auto claim = [&](uint32_t pgno, const std::string& who) -> std::string {
    auto [it, fresh] = owner.emplace(pgno, who);
    if (!fresh) return "page " + std::to_string(pgno) + " in " + it->second + " and " + who;
    return "";
  };
  std::string err = claim(SpaceManager::kPgnoSystemRoot, "db root");
  std::vector<BTree> all = trees;
  all.push_back(space.owned_tree());
  all.push_back(space.available_tree());
  for (size_t t = 0; t < all.size() && err.empty(); ++t) {
    TreeShape shape;
    err = CheckTree(all[t], &shape);
    for (uint32_t pgno : shape.pages) {
      if (err.empty()) err = claim(pgno, "tree " + std::to_string(all[t].objid()) + "@" +
                                             std::to_string(all[t].root_pgno()));
    }
  }
  std::vector<Extent> available;
  if (err.empty() && space.AvailableExtents(&available) < 0) err = "AE unreadable";
  for (const Extent& e : available) {
    for (uint32_t p = e.first(); p <= e.last && err.empty(); ++p) err = claim(p, "AE");
  }
  for (uint32_t p : space.reserved_pages()) {
    if (err.empty()) err = claim(p, "reserve");
  }
  std::vector<Extent> owned;
  if (err.empty() && space.OwnedExtents(&owned) < 0) err = "OE unreadable";
  uint32_t owned_pages = 0;
  for (const Extent& e : owned) owned_pages += e.count;
  if (err.empty() && owned_pages != space.pgno_last()) err = "OE does not cover the file";
  if (err.empty() && owner.size() != space.pgno_last()) {
    for (uint32_t p = 1; p <= space.pgno_last(); ++p) {
      if (!owner.count(p)) return "page " + std::to_string(p) + " leaked";
    }
    return "pages beyond the file";
  }
  return err;
}

TEST(SpaceManagerTest, CreatesDatabaseRootAndSpaceTrees) {
  WriteDbOptions options;
  options.space.initial_pages = 20;
  auto db = WriteDb::Create(options);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(FileSize(*db), 22u * 4096);
  std::vector<Extent> owned;
  std::vector<Extent> available;
  ASSERT_EQ(db->space()->OwnedExtents(&owned), JET_errSuccess);
  ASSERT_EQ(db->space()->AvailableExtents(&available), JET_errSuccess);
  EXPECT_EQ(owned, (std::vector<Extent>{{20, 20}}));
  EXPECT_EQ(available, (std::vector<Extent>{{20, 17}}));
  // The root's space header, as a third-party reader sees it.
  Bytes image;
  ASSERT_EQ(db->FlushAndRead(&image), JET_errSuccess);
  PageView root;
  ASSERT_EQ(PageView::Open(std::span<const uint8_t>(image).subspan(2 * 4096, 4096), 1, &root),
            JET_errSuccess);
  EXPECT_EQ(root.header().flags, 0x2803u);
  SpaceHeader header;
  ASSERT_EQ(DecodeSpaceHeader(root.ExternalHeader(), &header), JET_errSuccess);
  EXPECT_TRUE(header.multiple_extent);
  EXPECT_EQ(header.pgno_oe, 2u);
  EXPECT_EQ(header.cpg_primary, 20u);
  PageView oe;
  ASSERT_EQ(PageView::Open(std::span<const uint8_t>(image).subspan(3 * 4096, 4096), 2, &oe),
            JET_errSuccess);
  EXPECT_EQ(oe.header().flags, 0x2823u);
  EXPECT_EQ(write_test::VerifyChecksums(image, 4096), "");
  // Open finds the same space.
  std::unique_ptr<SpaceManager> reopened;
  ASSERT_EQ(SpaceManager::Open(db->ctx(), nullptr, options.space, &reopened),
            JET_errInvalidParameter);
}

TEST(SpaceManagerTest, GrowsInExtentsAndReusesFreedPages) {
  WriteDbOptions options;
  options.space.initial_pages = 16;
  options.space.extent_pages = 16;
  options.space.reserve_pages = 6;
  auto db = WriteDb::Create(options);
  ASSERT_NE(db, nullptr);
  SpaceManager& space = *db->space();
  std::set<uint32_t> taken;
  for (int i = 0; i < 200; ++i) {
    uint32_t pgno = 0;
    ASSERT_EQ(space.AllocatePage(10, 0, &pgno), JET_errSuccess);
    ASSERT_TRUE(taken.insert(pgno).second) << "page " << pgno << " handed out twice";
    ASSERT_GT(pgno, 3u);
    ASSERT_LE(pgno, space.pgno_last());
  }
  // The file grew by whole extents, and the OE says so.
  EXPECT_EQ((space.pgno_last() - 16) % 16, 0u);
  EXPECT_EQ(FileSize(*db), (uint64_t{space.pgno_last()} + 2) * 4096);
  std::vector<Extent> owned;
  ASSERT_EQ(space.OwnedExtents(&owned), JET_errSuccess);
  EXPECT_EQ(owned.size(), 1 + (space.pgno_last() - 16) / 16);
  // Freed pages come back before the file grows again.
  const uint32_t last = space.pgno_last();
  std::vector<uint32_t> freed(taken.begin(), taken.end());
  std::mt19937 rng(3);
  std::shuffle(freed.begin(), freed.end(), rng);
  freed.resize(100);
  for (uint32_t pgno : freed) {
    ASSERT_EQ(space.FreePage(10, pgno), JET_errSuccess);
    taken.erase(pgno);
  }
  EXPECT_EQ(space.FreePage(10, freed[0]), JET_errSPAvailExtCorrupted);
  EXPECT_EQ(space.FreePage(10, 2), JET_errInvalidParameter);
  EXPECT_EQ(space.FreePage(10, last + 1), JET_errInvalidParameter);
  for (int i = 0; i < 90; ++i) {
    uint32_t pgno = 0;
    ASSERT_EQ(space.AllocatePage(10, 0, &pgno), JET_errSuccess);
    ASSERT_TRUE(taken.insert(pgno).second);
  }
  EXPECT_EQ(space.pgno_last(), last);
  ASSERT_EQ(space.ReturnReserve(), JET_errSuccess);
  EXPECT_TRUE(db->sink().codec_ok);
}

TEST(SpaceManagerTest, TwoTreesNeverShareAPage) {
  const uint64_t seed = write_test::TestSeed(99);
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  WriteDbOptions options;
  options.capacity_pages = 32;
  options.space.initial_pages = 8;
  options.space.extent_pages = 1;  // one page at a time: many growths, big space trees
  options.space.reserve_pages = 6;
  auto db = WriteDb::Create(options);
  ASSERT_NE(db, nullptr);
  BTree a;
  BTree b;
  ASSERT_EQ(db->CreateTree(10, 0, &a), JET_errSuccess);
  ASSERT_EQ(db->CreateTree(11, kPageFlagIndex | kPageFlagNonUniqueKeys, &b), JET_errSuccess);
  BTreeWriter wa(a, db->ctx(), db->space());
  BTreeWriter wb(b, db->ctx(), db->space());
  std::mt19937_64 rng(seed);
  std::set<uint32_t> in_a;
  std::set<uint32_t> in_b;
  const Bytes data_a(1200, 'a');
  for (int round = 0; round < 6; ++round) {
    for (int i = 0; i < 1500; ++i) {
      const uint32_t k = static_cast<uint32_t>(rng() % 5000);
      if (rng() % 2 == 0) {
        const JET_ERR err = wa.Insert(KeyOf(k), data_a);
        ASSERT_TRUE(err == JET_errSuccess || err == JET_errKeyDuplicate) << err;
        in_a.insert(k);
      } else {
        const JET_ERR err = wb.Insert(KeyOf(k % 100), KeyOf(k));
        ASSERT_TRUE(err == JET_errSuccess || err == JET_errKeyDuplicate) << err;
        in_b.insert(k);
      }
    }
    // Shrink one tree: its pages go back and the other tree takes them.
    std::vector<uint32_t> keys(in_a.begin(), in_a.end());
    std::shuffle(keys.begin(), keys.end(), rng);
    for (size_t i = 0; i < keys.size() * 3 / 4; ++i) {
      ASSERT_EQ(wa.Delete(KeyOf(keys[i])), JET_errSuccess);
      in_a.erase(keys[i]);
    }
    ASSERT_EQ(CheckAccounting(*db, {a, b}), "") << "round " << round;
  }
  EXPECT_GT(wa.stats().merges + wa.stats().subtree_removals, 0u);
  std::vector<Extent> owned;
  ASSERT_EQ(db->space()->OwnedExtents(&owned), JET_errSuccess);
  TreeShape oe_shape;
  ASSERT_EQ(CheckTree(db->space()->owned_tree(), &oe_shape), "");
  std::printf("%zu owned extents, OE %d levels; splits a %llu b %llu\n", owned.size(),
              oe_shape.levels, static_cast<unsigned long long>(wa.stats().horizontal_splits),
              static_cast<unsigned long long>(wb.stats().horizontal_splits));
  EXPECT_GE(oe_shape.levels, 2);  // the space tree itself split
  Bytes image;
  ASSERT_EQ(db->FlushAndRead(&image), JET_errSuccess);
  EXPECT_EQ(write_test::VerifyChecksums(image, 4096), "");
  // The space survives a reopen.
  const uint32_t last = db->space()->pgno_last();
  std::unique_ptr<SpaceManager> reopened;
  ASSERT_EQ(SpaceManager::Open(db->ctx(), db->file_handle(), options.space, &reopened),
            JET_errSuccess);
  EXPECT_EQ(reopened->pgno_last(), last);
}

TEST(SpaceManagerTest, FullDiskGivesDiskFullAndKeepsTheTree) {
  WriteDbOptions options;
  options.space.initial_pages = 16;
  options.space.extent_pages = 16;
  auto db = WriteDb::Create(options);
  ASSERT_NE(db, nullptr);
  BTree tree;
  ASSERT_EQ(db->CreateTree(10, 0, &tree), JET_errSuccess);
  BTreeWriter writer(tree, db->ctx(), db->space());
  db->env().SetCapacity(db->env().UsedBytes() + 40 * 4096);
  std::vector<Bytes> keys;
  const Bytes data(500, 'x');
  JET_ERR err = JET_errSuccess;
  uint32_t n = 0;
  for (; n < 100000; ++n) {
    err = writer.Insert(KeyOf(n), data);
    if (err < 0) break;
    keys.push_back(KeyOf(n));
  }
  ASSERT_EQ(err, JET_errDiskFull);
  TreeShape shape;
  ASSERT_EQ(CheckTree(tree, &shape), "");
  EXPECT_EQ(CheckAccounting(*db, {tree}), "");
  Cursor cursor(tree);
  size_t count = 0;
  for (JET_ERR e = cursor.MoveFirst(); e >= 0; e = cursor.MoveNext()) ++count;
  EXPECT_EQ(count, keys.size());
  // Deletes still work on a full disk (they need no new page).
  for (size_t i = 0; i < keys.size(); i += 2) {
    ASSERT_EQ(writer.Delete(keys[i]), JET_errSuccess);
  }
  ASSERT_EQ(CheckTree(tree, &shape), "");
  // With room again, inserts go on.
  db->env().ClearCapacity();
  for (uint32_t m = n; m < n + 200; ++m) {
    ASSERT_EQ(writer.Insert(KeyOf(m), data), JET_errSuccess);
  }
  ASSERT_EQ(CheckTree(tree, &shape), "");
  EXPECT_EQ(CheckAccounting(*db, {tree}), "");
}

}  // namespace
}  // namespace jet
