// BTreeWriter: inserts, replaces, deletes and the delete flags through page
// operations, splits at every level and merges / collapses, checked against
// a std::map model, the tree's invariants, the page checksums, and replay of
// the captured records.
#include "btree/btree_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <string>

#include "btree/cursor.h"
#include "btree/key_compare.h"
#include "format/page.h"
#include "write_test_util.h"

namespace jet {
namespace {

using write_test::Bytes;
using write_test::CheckTree;
using write_test::TreeShape;
using write_test::WriteDb;
using write_test::WriteDbOptions;

Bytes B(const std::string& s) { return Bytes(s.begin(), s.end()); }

Bytes KeyOf(uint32_t n, int width = 8) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "k%0*u", width, n);
  return B(buf);
}

// The model's order, (key, data), with the engine's byte comparison (which
// also keeps mingw's g++ from a false -Wstringop-overread in std::vector's <).
struct KeyDataLess {
  bool operator()(const std::pair<Bytes, Bytes>& a, const std::pair<Bytes, Bytes>& b) const {
    const int c = CompareKeys(a.first, b.first);
    return c != 0 ? c < 0 : CompareKeys(a.second, b.second) < 0;
  }
};

struct Seen {
  Bytes key;
  Bytes data;
  friend bool operator==(const Seen&, const Seen&) = default;
};

std::vector<Seen> Scan(const BTree& tree, bool backward, bool include_deleted, JET_ERR* end) {
  CursorOptions options;
  options.include_deleted = include_deleted;
  Cursor cursor(tree, options);
  std::vector<Seen> out;
  JET_ERR err = backward ? cursor.MoveLast() : cursor.MoveFirst();
  while (err >= 0) {
    const auto d = cursor.Data();
    out.push_back({Bytes(cursor.Key().begin(), cursor.Key().end()), Bytes(d.begin(), d.end())});
    err = backward ? cursor.MovePrev() : cursor.MoveNext();
  }
  *end = err;
  if (backward) std::reverse(out.begin(), out.end());
  return out;
}

std::string ShapeError(const BTree& tree, TreeShape* shape) { return CheckTree(tree, shape); }

class BTreeWriterTest : public ::testing::TestWithParam<size_t> {};

TEST_P(BTreeWriterTest, InsertDuplicateReplaceDeleteMissing) {
  WriteDbOptions options;
  options.page_size = GetParam();
  auto db = WriteDb::Create(options);
  ASSERT_NE(db, nullptr);
  BTree tree;
  ASSERT_EQ(db->CreateTree(10, 0, &tree), JET_errSuccess);
  BTreeWriter writer(tree, db->ctx(), db->space());
  EXPECT_EQ(writer.Insert(B("b"), B("1")), JET_errSuccess);
  EXPECT_EQ(writer.Insert(B("a"), B("2")), JET_errSuccess);
  EXPECT_EQ(writer.Insert(B("b"), B("3")), JET_errKeyDuplicate);
  EXPECT_EQ(writer.Replace(B("b"), B("333")), JET_errSuccess);
  EXPECT_EQ(writer.Replace(B("c"), B("x")), JET_errRecordNotFound);
  EXPECT_EQ(writer.Delete(B("c")), JET_errRecordNotFound);
  EXPECT_EQ(writer.FlagDelete(B("a")), JET_errSuccess);
  EXPECT_EQ(writer.FlagDelete(B("a")), JET_errRecordNotFound);
  EXPECT_EQ(writer.Replace(B("a"), B("x")), JET_errRecordNotFound);
  JET_ERR end;
  auto rows = Scan(tree, false, false, &end);
  EXPECT_EQ(end, JET_errNoCurrentRecord);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (Seen{B("b"), B("333")}));
  EXPECT_EQ(Scan(tree, false, true, &end).size(), 2u);
  EXPECT_EQ(writer.FlagInsert(B("a")), JET_errSuccess);
  EXPECT_EQ(Scan(tree, false, false, &end).size(), 2u);
  EXPECT_EQ(writer.Delete(B("a")), JET_errSuccess);
  EXPECT_EQ(writer.Delete(B("a")), JET_errRecordNotFound);
  // Too big.
  const Bytes big_key(BTreeWriter::MaxKeySize(GetParam()) + 1, 'k');
  EXPECT_EQ(writer.Insert(big_key, B("x")), JET_errKeyTooBig);
  const Bytes big_data(BTreeWriter::MaxNodeSize(GetParam()), 'd');
  EXPECT_EQ(writer.Insert(B("z"), big_data), JET_errRecordTooBig);
  EXPECT_TRUE(db->sink().codec_ok);
}

// A released cursor goes on from the leaf it left when nobody changed it,
// and from its bookmark when someone did (the leaf's dbtime moved).
TEST_P(BTreeWriterTest, ReleasedCursorRelatchesOrReseeks) {
  WriteDbOptions options;
  options.page_size = GetParam();
  auto db = WriteDb::Create(options);
  ASSERT_NE(db, nullptr);
  BTree tree;
  ASSERT_EQ(db->CreateTree(10, 0, &tree), JET_errSuccess);
  BTreeWriter writer(tree, db->ctx(), db->space());
  for (uint32_t n = 0; n < 2000; n += 2) {
    ASSERT_EQ(writer.Insert(KeyOf(n), B("v")), JET_errSuccess);
  }
  Cursor cursor(tree);
  ASSERT_EQ(cursor.Seek(KeyOf(100), SeekMode::kEqual), JET_errSuccess);
  const uint32_t pgno = cursor.pgno();
  // Unchanged: straight on, on the same leaf.
  cursor.Release();
  ASSERT_EQ(cursor.MoveNext(), JET_errSuccess);
  EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), KeyOf(102));
  EXPECT_EQ(cursor.pgno(), pgno);
  // Nodes inserted before and right after the current one while released
  // (the remembered line now holds another node): the next is the one after
  // the current key.
  cursor.Release();
  ASSERT_EQ(writer.Insert(KeyOf(101), B("w")), JET_errSuccess);
  ASSERT_EQ(writer.Insert(KeyOf(103), B("w")), JET_errSuccess);
  ASSERT_EQ(cursor.MoveNext(), JET_errSuccess);
  EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), KeyOf(103));
  cursor.Release();
  ASSERT_EQ(writer.Insert(KeyOf(99), B("w")), JET_errSuccess);
  ASSERT_EQ(cursor.MovePrev(), JET_errSuccess);
  EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), KeyOf(102));
  ASSERT_EQ(cursor.MoveNext(), JET_errSuccess);
  // The current node deleted while released: Relatch does not find it, and
  // moving back goes to the node before it.
  cursor.Release();
  ASSERT_EQ(writer.Delete(KeyOf(103)), JET_errSuccess);
  EXPECT_EQ(cursor.Relatch(), JET_errRecordNotFound);
  ASSERT_EQ(cursor.Seek(KeyOf(104), SeekMode::kEqual), JET_errSuccess);
  cursor.Release();
  ASSERT_EQ(writer.Delete(KeyOf(104)), JET_errSuccess);
  ASSERT_EQ(writer.Delete(KeyOf(102)), JET_errSuccess);
  ASSERT_EQ(cursor.MovePrev(), JET_errSuccess);
  EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), KeyOf(101));
  // Relatch of an unchanged leaf: the node and its data again.
  cursor.Release();
  ASSERT_EQ(cursor.Relatch(), JET_errSuccess);
  EXPECT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), KeyOf(101));
  EXPECT_EQ(Bytes(cursor.Data().begin(), cursor.Data().end()), B("w"));
}

// Splits at every level, then deletes everything: merges, subtree removals
// and root collapses bring the tree back to one root leaf.
TEST_P(BTreeWriterTest, SplitsAtAllLevelsThenCollapse) {
  const size_t page_size = GetParam();
  WriteDbOptions options;
  options.page_size = page_size;
  options.capacity_pages = 48;
  auto db = WriteDb::Create(options);
  ASSERT_NE(db, nullptr);
  BTree tree;
  ASSERT_EQ(db->CreateTree(10, 0, &tree), JET_errSuccess);
  BTreeWriter writer(tree, db->ctx(), db->space());
  // Long keys make small fan-outs, so three levels come quickly.
  const size_t key_len = BTreeWriter::MaxKeySize(page_size) - 2;
  auto key = [&](uint32_t n) {
    Bytes k = KeyOf(n);
    k.resize(key_len, static_cast<uint8_t>('a' + n % 7));
    return k;
  };
  std::mt19937 rng(5);
  std::vector<uint32_t> order;
  uint32_t n = 0;
  TreeShape shape;
  while (true) {
    order.push_back(n);
    ASSERT_EQ(writer.Insert(key(n), B("d" + std::to_string(n))), JET_errSuccess) << n;
    ++n;
    if (n % 64 == 0) {
      ASSERT_EQ(ShapeError(tree, &shape), "");
      if (shape.levels >= 4) break;
    }
    ASSERT_LT(n, 200000u);
  }
  EXPECT_GT(writer.stats().vertical_splits, 2u);
  EXPECT_GT(writer.stats().horizontal_splits, 10u);
  std::shuffle(order.begin(), order.end(), rng);
  for (size_t i = 0; i < order.size(); ++i) {
    ASSERT_EQ(writer.Delete(key(order[i])), JET_errSuccess) << i;
    if (i % 97 == 0) {
      ASSERT_EQ(ShapeError(tree, &shape), "") << i;
    }
  }
  ASSERT_EQ(ShapeError(tree, &shape), "");
  EXPECT_EQ(shape.levels, 1);
  EXPECT_EQ(shape.pages.size(), 1u);
  EXPECT_GT(writer.stats().merges + writer.stats().subtree_removals, 0u);
  EXPECT_GT(writer.stats().root_collapses, 0u);
  JET_ERR end;
  EXPECT_TRUE(Scan(tree, false, true, &end).empty());
  Bytes image;
  ASSERT_EQ(db->FlushAndRead(&image), JET_errSuccess);
  EXPECT_EQ(write_test::VerifyChecksums(image, page_size), "");
}

INSTANTIATE_TEST_SUITE_P(PageSizes, BTreeWriterTest, ::testing::Values(4096, 32768),
                         [](const auto& info) { return std::to_string(info.param); });

// ---- model-based random test -------------------------------------------------

struct RandomRun {
  size_t page_size = 4096;
  bool unique = true;
  int ops = 20000;
  int batch = 1000;
  uint64_t seed = 1;
};

void RunRandom(const RandomRun& run) {
  std::printf("seed %llu (JETSVC_TEST_SEED replays)\n", static_cast<unsigned long long>(run.seed));
  WriteDbOptions options;
  options.page_size = run.page_size;
  options.capacity_pages = 24;  // forces eviction
  auto db = WriteDb::Create(options);
  ASSERT_NE(db, nullptr);
  // The file as it was before the first tree change: replay starts here.
  Bytes initial;
  ASSERT_EQ(db->FlushAndRead(&initial), JET_errSuccess);
  const size_t ops_before = db->sink().ops.size();
  BTree tree;
  ASSERT_EQ(db->CreateTree(10, run.unique ? 0 : (kPageFlagIndex | kPageFlagNonUniqueKeys), &tree),
            JET_errSuccess);
  BTreeWriter writer(tree, db->ctx(), db->space());
  std::mt19937_64 rng(run.seed);
  const size_t max_data = run.page_size / 10;
  // Non-unique trees: fixed-length keys and data (so key || data order and
  // (key, data) order agree, as with real index keys and bookmarks).
  const uint32_t key_space = run.unique ? 3000 : 300;
  std::map<std::pair<Bytes, Bytes>, bool, KeyDataLess> model;  // (key, data) -> deleted
  auto random_data = [&](uint32_t k) {
    if (!run.unique) return KeyOf(static_cast<uint32_t>(rng() % 50), 4);
    Bytes d(rng() % max_data);
    for (auto& b : d) b = static_cast<uint8_t>(rng());
    (void)k;
    return d;
  };
  auto key_of = [&](uint32_t k) {
    if (!run.unique) return KeyOf(k, 6);
    Bytes key = KeyOf(k, 6);
    key.resize(key.size() + k % 13, static_cast<uint8_t>('a' + k % 3));  // varied lengths
    return key;
  };
  auto find_unique = [&](const Bytes& key) {
    auto it = model.lower_bound({key, Bytes()});
    return (it != model.end() && it->first.first == key) ? it : model.end();
  };
  size_t counts[6] = {};
  for (int i = 0; i < run.ops; ++i) {
    const uint32_t k = static_cast<uint32_t>(rng() % key_space);
    const Bytes key = key_of(k);
    const int what = static_cast<int>(rng() % 100);
    // Inserts dominate early, deletes later, so the tree grows and shrinks.
    const bool growing = (i / 5000) % 2 == 0;
    const int insert_share = growing ? 55 : 25;
    if (what < insert_share) {
      const Bytes data = random_data(k);
      JET_ERR expect = JET_errSuccess;
      if (run.unique) {
        auto it = find_unique(key);
        if (it != model.end() && !it->second) expect = JET_errKeyDuplicate;
        ASSERT_EQ(writer.Insert(key, data), expect) << i;
        if (expect == JET_errSuccess) {
          if (it != model.end()) model.erase(it);
          model[{key, data}] = false;
        }
      } else {
        auto it = model.find({key, data});
        if (it != model.end() && !it->second) expect = JET_errKeyDuplicate;
        ASSERT_EQ(writer.Insert(key, data), expect) << i;
        if (expect == JET_errSuccess) model[{key, data}] = false;
      }
      ++counts[0];
    } else if (what < insert_share + 15 && run.unique) {
      const Bytes data = random_data(k);
      auto it = find_unique(key);
      const bool live = it != model.end() && !it->second;
      ASSERT_EQ(writer.Replace(key, data), live ? JET_errSuccess : JET_errRecordNotFound) << i;
      if (live) {
        model.erase(it);
        model[{key, data}] = false;
      }
      ++counts[1];
    } else if (what < 92) {
      // Physical delete of an existing node (or a miss).
      Bytes data;
      auto it = run.unique ? find_unique(key) : model.lower_bound({key, Bytes()});
      if (it != model.end() && it->first.first != key) it = model.end();
      if (it != model.end()) data = it->first.second;
      if (!run.unique && it == model.end()) data = KeyOf(0, 4);
      ASSERT_EQ(writer.Delete(key, data), it != model.end() ? JET_errSuccess : JET_errRecordNotFound)
          << i;
      if (it != model.end()) model.erase(it);
      ++counts[2];
    } else if (what < 96) {
      auto it = run.unique ? find_unique(key) : model.lower_bound({key, Bytes()});
      if (it != model.end() && it->first.first != key) it = model.end();
      const Bytes data = it != model.end() ? it->first.second : KeyOf(0, 4);
      const bool live = it != model.end() && !it->second;
      ASSERT_EQ(writer.FlagDelete(key, data), live ? JET_errSuccess : JET_errRecordNotFound) << i;
      if (live) it->second = true;
      ++counts[3];
    } else {
      auto it = run.unique ? find_unique(key) : model.lower_bound({key, Bytes()});
      if (it != model.end() && it->first.first != key) it = model.end();
      const Bytes data = it != model.end() ? it->first.second : KeyOf(0, 4);
      const bool flagged = it != model.end() && it->second;
      ASSERT_EQ(writer.FlagInsert(key, data), flagged ? JET_errSuccess : JET_errRecordNotFound)
          << i;
      if (flagged) it->second = false;
      ++counts[4];
    }
    if ((i + 1) % run.batch == 0 || i + 1 == run.ops) {
      std::vector<Seen> all;
      std::vector<Seen> live;
      for (const auto& [kd, deleted] : model) {
        all.push_back({kd.first, kd.second});
        if (!deleted) live.push_back({kd.first, kd.second});
      }
      JET_ERR end;
      ASSERT_EQ(Scan(tree, false, false, &end), live) << "after op " << i;
      ASSERT_EQ(end, JET_errNoCurrentRecord);
      ASSERT_EQ(Scan(tree, true, false, &end), live) << "after op " << i;
      ASSERT_EQ(Scan(tree, false, true, &end), all) << "after op " << i;
      // Seeks: the first live node >= a probe.
      for (int s = 0; s < 30; ++s) {
        const Bytes probe = key_of(static_cast<uint32_t>(rng() % key_space));
        Cursor cursor(tree);
        const JET_ERR err = cursor.Seek(probe, SeekMode::kGreaterOrEqual);
        auto it = std::lower_bound(live.begin(), live.end(), probe,
                                   [](const Seen& a, const Bytes& b) { return CompareKeys(a.key, b) < 0; });
        if (it == live.end()) {
          ASSERT_EQ(err, JET_errRecordNotFound);
        } else {
          ASSERT_GE(err, 0);
          ASSERT_EQ(Bytes(cursor.Key().begin(), cursor.Key().end()), it->key);
          ASSERT_EQ(err, it->key == probe ? JET_errSuccess : JET_wrnSeekNotEqual);
        }
      }
      TreeShape shape;
      ASSERT_EQ(CheckTree(tree, &shape), "") << "after op " << i;
    }
  }
  TreeShape shape;
  ASSERT_EQ(CheckTree(tree, &shape), "");
  std::printf("ops: %zu inserts %zu replaces %zu deletes %zu flag-deletes %zu flag-inserts; "
              "levels %d, %zu pages; splits %llu+%llu, merges %llu, removals %llu, "
              "collapses %llu\n",
              counts[0], counts[1], counts[2], counts[3], counts[4], shape.levels,
              shape.pages.size(),
              static_cast<unsigned long long>(writer.stats().horizontal_splits),
              static_cast<unsigned long long>(writer.stats().vertical_splits),
              static_cast<unsigned long long>(writer.stats().merges),
              static_cast<unsigned long long>(writer.stats().subtree_removals),
              static_cast<unsigned long long>(writer.stats().root_collapses));
  EXPECT_GE(shape.levels, 2);
  EXPECT_GT(writer.stats().horizontal_splits, 0u);

  // Drain: every node deleted in random order; emptied leaves merge away and
  // the root collapses back to one leaf.
  std::vector<std::pair<Bytes, Bytes>> rest;
  for (const auto& [kd, deleted] : model) rest.push_back(kd);
  std::shuffle(rest.begin(), rest.end(), rng);
  for (size_t i = 0; i < rest.size(); ++i) {
    ASSERT_EQ(writer.Delete(rest[i].first, rest[i].second), JET_errSuccess) << i;
    model.erase(rest[i]);
    if (i % 400 == 0 || i + 1 == rest.size()) {
      std::vector<Seen> all;
      for (const auto& [kd, deleted] : model) all.push_back({kd.first, kd.second});
      JET_ERR end;
      ASSERT_EQ(Scan(tree, false, true, &end), all) << "drain " << i;
      ASSERT_EQ(Scan(tree, true, true, &end), all) << "drain " << i;
      ASSERT_EQ(CheckTree(tree, &shape), "") << "drain " << i;
    }
  }
  ASSERT_EQ(CheckTree(tree, &shape), "");
  EXPECT_EQ(shape.levels, 1);
  EXPECT_EQ(shape.pages.size(), 1u);
  std::printf("drained %zu nodes: merges %llu, removals %llu, collapses %llu\n", rest.size(),
              static_cast<unsigned long long>(writer.stats().merges),
              static_cast<unsigned long long>(writer.stats().subtree_removals),
              static_cast<unsigned long long>(writer.stats().root_collapses));
  EXPECT_GT(writer.stats().merges, 0u);
  EXPECT_GT(writer.stats().root_collapses, 0u);
  EXPECT_TRUE(db->sink().codec_ok);

  // Checksums on every page written.
  Bytes image;
  ASSERT_EQ(db->FlushAndRead(&image), JET_errSuccess);
  ASSERT_EQ(write_test::VerifyChecksums(image, run.page_size), "");

  // Replay: the records since `initial`, redone onto it, give the same bytes.
  const std::vector<PageOperation> ops(db->sink().ops.begin() + static_cast<long>(ops_before),
                                       db->sink().ops.end());
  Bytes replayed = initial;
  size_t applied = 0;
  size_t skipped = 0;
  ASSERT_EQ(write_test::Replay(ops, run.page_size, &replayed, &applied, &skipped), "");
  EXPECT_EQ(applied, ops.size());
  EXPECT_EQ(skipped, 0u);
  replayed.resize(image.size(), 0);
  for (size_t off = 2 * run.page_size; off < image.size(); off += run.page_size) {
    ASSERT_TRUE(std::equal(image.begin() + static_cast<long>(off),
                           image.begin() + static_cast<long>(off + run.page_size),
                           replayed.begin() + static_cast<long>(off)))
        << "page " << off / run.page_size - 1;
  }
  // Twice: everything is already there.
  Bytes again = replayed;
  ASSERT_EQ(write_test::Replay(ops, run.page_size, &again, &applied, &skipped), "");
  EXPECT_EQ(applied, 0u);
  EXPECT_EQ(skipped, ops.size());
  EXPECT_EQ(again, replayed);
}

TEST(BTreeWriterRandomTest, UniqueTree4K) {
  RunRandom({4096, true, 20000, 1000, write_test::TestSeed(20250101)});
}

TEST(BTreeWriterRandomTest, NonUniqueTree4K) {
  RunRandom({4096, false, 10000, 1000, write_test::TestSeed(777)});
}

TEST(BTreeWriterRandomTest, UniqueTree32K) {
  RunRandom({32768, true, 10000, 2000, write_test::TestSeed(4242)});
}

}  // namespace
}  // namespace jet
