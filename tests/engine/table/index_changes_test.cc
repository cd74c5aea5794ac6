// ComputeIndexChanges / PrimaryKeyOf / IndexKeysOf on an in-memory table:
// the primary key, secondary entries for inserts, replaces and deletes,
// multi-valued keys (first multi-valued column, cross product), the NULL
// rules, conditional columns, key truncation, and a check that the entries
// of one index order the same as key||data (how a non-unique B-tree's
// internal pages compare them) as they do as (key, data) pairs.
#include "table/index_changes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "key/index_entry_key.h"
#include "table/record_update.h"
#include "update_test_table.h"

namespace jet {
namespace {

using update_test::AddIndex;
using update_test::Bytes;
using update_test::Col;
using update_test::MakeTable;
using update_test::Of;
using update_test::Str;

constexpr uint32_t kPage = 4096;

struct Fixture {
  TableDef table = MakeTable();
  std::map<LvId, Bytes> lvs;
  LvId next_lid = 1;
  KeyLvReader read_lv = [this](LvId lid, Bytes* out) {
    auto it = lvs.find(lid);
    if (it == lvs.end()) return JET_errLVCorrupted;
    *out = it->second;
    return JET_errSuccess;
  };

  struct SetOp {
    uint32_t col;
    Bytes value;
    uint32_t itag = 1;
    JET_GRBIT grbit = 0;
  };
  // A record made through RecordUpdate (insert, or replace of `base`).
  Bytes Record(const std::vector<SetOp>& ops, const Bytes* base = nullptr) {
    RecordUpdate u;
    EXPECT_EQ(JET_errSuccess,
              RecordUpdate::Prepare(table, kPage, base ? JET_prepReplace : JET_prepInsert,
                                    base ? std::span<const uint8_t>(*base) : std::span<const uint8_t>(),
                                    1, read_lv, &u));
    for (const SetOp& op : ops) {
      JET_SETINFO si{sizeof(JET_SETINFO), 0, op.itag};
      EXPECT_LE(0, u.SetColumn(op.col, op.value.empty() ? nullptr : op.value.data(),
                               static_cast<unsigned long>(op.value.size()), op.grbit, &si));
    }
    UpdateResult r;
    EXPECT_EQ(JET_errSuccess, u.Finish([this](LvId* lid) { *lid = next_lid++; return JET_errSuccess; }, &r));
    for (const NewLongValue& v : r.new_long_values) lvs[v.lid] = v.data;
    return r.record;
  }

  Bytes KeyOf(size_t index, std::vector<KeyColumnValue> values) {
    IndexKeyDef def;
    EXPECT_EQ(JET_errSuccess, table.indexes[index].ToIndexKeyDef(kPage, &def));
    Bytes key;
    IndexEntryKeyInfo info;
    EXPECT_EQ(JET_errSuccess, BuildIndexEntryKey(def, values, &key, &info));
    return key;
  }
};

RecordImage Image(const Bytes& rec) { return RecordImage{rec, {}}; }

const SecondaryIndexChanges* For(const IndexChanges& ch, size_t index) {
  for (const SecondaryIndexChanges& s : ch.secondary) {
    if (s.index == index) return &s;
  }
  return nullptr;
}

std::vector<Bytes> Keys(const std::vector<IndexEntry>& entries) {
  std::vector<Bytes> out;
  for (const IndexEntry& e : entries) out.push_back(e.key);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(IndexChangesTest, InsertPrimaryAndSecondaryEntries) {
  Fixture f;
  AddIndex(&f.table, "pk", JET_bitIndexPrimary, {{Col::kId, false}});
  AddIndex(&f.table, "byname", 0, {{Col::kName, false}});
  AddIndex(&f.table, "byname_desc", 0, {{Col::kName, true}, {Col::kId, false}});
  const Bytes rec = f.Record({{Col::kId, Of(5)}, {Col::kName, Str("bob")}});
  IndexChanges ch;
  ASSERT_EQ(JET_errSuccess, ComputeIndexChanges(f.table, kPage, std::nullopt, Image(rec), f.read_lv, &ch));
  const Bytes five = Of(5);
  const Bytes bob = Str("bob");
  EXPECT_EQ(f.KeyOf(0, {KeyColumnValue::Of(five)}), ch.new_primary_key);
  EXPECT_TRUE(ch.old_primary_key.empty());
  ASSERT_EQ(2u, ch.secondary.size());
  const SecondaryIndexChanges* byname = For(ch, 1);
  ASSERT_NE(nullptr, byname);
  EXPECT_TRUE(byname->remove.empty());
  ASSERT_EQ(1u, byname->add.size());
  EXPECT_EQ(f.KeyOf(1, {KeyColumnValue::Of(bob)}), byname->add[0].key);
  EXPECT_EQ(ch.new_primary_key, byname->add[0].primary_key);
  const SecondaryIndexChanges* desc = For(ch, 2);
  ASSERT_NE(nullptr, desc);
  EXPECT_EQ(f.KeyOf(2, {KeyColumnValue::Of(bob), KeyColumnValue::Of(five)}), desc->add[0].key);
  Bytes pk;
  ASSERT_EQ(JET_errSuccess, PrimaryKeyOf(f.table, kPage, Image(rec), f.read_lv, &pk));
  EXPECT_EQ(ch.new_primary_key, pk);
}

TEST(IndexChangesTest, DeleteRemovesEveryEntry) {
  Fixture f;
  AddIndex(&f.table, "pk", JET_bitIndexPrimary, {{Col::kId, false}});
  AddIndex(&f.table, "bytags", 0, {{Col::kTags, false}});
  const Bytes rec = f.Record({{Col::kId, Of(1)}, {Col::kTags, Of(10), 0}, {Col::kTags, Of(20), 0}});
  IndexChanges ch;
  ASSERT_EQ(JET_errSuccess, ComputeIndexChanges(f.table, kPage, Image(rec), std::nullopt, f.read_lv, &ch));
  ASSERT_EQ(1u, ch.secondary.size());
  EXPECT_EQ(2u, ch.secondary[0].remove.size());
  EXPECT_TRUE(ch.secondary[0].add.empty());
  EXPECT_TRUE(ch.new_primary_key.empty());
  for (const IndexEntry& e : ch.secondary[0].remove) EXPECT_EQ(ch.old_primary_key, e.primary_key);
}

TEST(IndexChangesTest, ReplaceTouchesOnlyChangedEntries) {
  Fixture f;
  AddIndex(&f.table, "pk", JET_bitIndexPrimary, {{Col::kId, false}});
  AddIndex(&f.table, "bytags", 0, {{Col::kTags, false}});
  AddIndex(&f.table, "byname", 0, {{Col::kName, false}});
  const Bytes old_rec = f.Record({{Col::kId, Of(1)}, {Col::kName, Str("x")},
                                  {Col::kTags, Of(10), 0}, {Col::kTags, Of(20), 0},
                                  {Col::kTags, Of(30), 0}});
  const Bytes new_rec = f.Record({{Col::kTags, Of(25), 2}}, &old_rec);  // 20 -> 25
  IndexChanges ch;
  ASSERT_EQ(JET_errSuccess,
            ComputeIndexChanges(f.table, kPage, Image(old_rec), Image(new_rec), f.read_lv, &ch));
  EXPECT_EQ(ch.old_primary_key, ch.new_primary_key);
  ASSERT_EQ(1u, ch.secondary.size());  // byname unchanged
  EXPECT_EQ(1u, ch.secondary[0].index);
  const Bytes v20 = Of(20), v25 = Of(25);
  EXPECT_EQ(std::vector<Bytes>{f.KeyOf(1, {KeyColumnValue::Of(v20)})}, Keys(ch.secondary[0].remove));
  EXPECT_EQ(std::vector<Bytes>{f.KeyOf(1, {KeyColumnValue::Of(v25)})}, Keys(ch.secondary[0].add));
}

TEST(IndexChangesTest, PrimaryKeyMayNotChange) {
  Fixture f;
  AddIndex(&f.table, "pk", JET_bitIndexPrimary, {{Col::kId, false}});
  const Bytes old_rec = f.Record({{Col::kId, Of(1)}});
  const Bytes new_rec = f.Record({{Col::kId, Of(2)}}, &old_rec);
  IndexChanges ch;
  EXPECT_EQ(JET_errRecordPrimaryChanged,
            ComputeIndexChanges(f.table, kPage, Image(old_rec), Image(new_rec), f.read_lv, &ch));
}

TEST(IndexChangesTest, TableWithoutPrimaryIndexUsesSequentialBookmark) {
  Fixture f;
  AddIndex(&f.table, "byname", 0, {{Col::kName, false}});
  const Bytes rec = f.Record({{Col::kId, Of(1)}, {Col::kName, Str("a")}});
  const Bytes bm = {0, 0, 0, 9};
  IndexChanges ch;
  ASSERT_EQ(JET_errSuccess, ComputeIndexChanges(f.table, kPage, std::nullopt,
                                                RecordImage{rec, bm}, f.read_lv, &ch));
  EXPECT_EQ(bm, ch.new_primary_key);
  ASSERT_EQ(1u, ch.secondary.size());
  EXPECT_EQ(bm, ch.secondary[0].add[0].primary_key);
  EXPECT_EQ(JET_errInvalidParameter,
            ComputeIndexChanges(f.table, kPage, std::nullopt, Image(rec), f.read_lv, &ch));
}

TEST(IndexChangesTest, MultiValuedFirstColumnOrCrossProduct) {
  Fixture f;
  AddIndex(&f.table, "pk", JET_bitIndexPrimary, {{Col::kId, false}});
  AddIndex(&f.table, "tw", 0, {{Col::kTags, false}, {Col::kWords, false}});
  AddIndex(&f.table, "tw_cross", JET_bitIndexCrossProduct, {{Col::kTags, false}, {Col::kWords, false}});
  const Bytes rec = f.Record({{Col::kId, Of(1)},
                              {Col::kTags, Of(1), 0}, {Col::kTags, Of(2), 0}, {Col::kTags, Of(2), 0},
                              {Col::kWords, Str("a"), 0}, {Col::kWords, Str("b"), 0}});
  IndexChanges ch;
  ASSERT_EQ(JET_errSuccess, ComputeIndexChanges(f.table, kPage, std::nullopt, Image(rec), f.read_lv, &ch));
  const Bytes one = Of(1), two = Of(2), a = Str("a"), b = Str("b");
  // Without cross product: one entry per value of the first multi-valued
  // column (the duplicate value gives one entry), with the first "words".
  std::vector<Bytes> expect{f.KeyOf(1, {KeyColumnValue::Of(one), KeyColumnValue::Of(a)}),
                            f.KeyOf(1, {KeyColumnValue::Of(two), KeyColumnValue::Of(a)})};
  std::sort(expect.begin(), expect.end());
  EXPECT_EQ(expect, Keys(For(ch, 1)->add));
  std::vector<Bytes> cross;
  for (const Bytes* t : {&one, &two}) {
    for (const Bytes* w : {&a, &b}) cross.push_back(f.KeyOf(2, {KeyColumnValue::Of(*t), KeyColumnValue::Of(*w)}));
  }
  std::sort(cross.begin(), cross.end());
  EXPECT_EQ(cross, Keys(For(ch, 2)->add));
  std::vector<std::vector<uint8_t>> keys;
  ASSERT_EQ(JET_errSuccess, IndexKeysOf(f.table, kPage, f.table.indexes[2], rec, f.read_lv, &keys));
  EXPECT_EQ(cross, keys);
}

TEST(IndexChangesTest, NullRules) {
  Fixture f;
  AddIndex(&f.table, "pk", JET_bitIndexPrimary, {{Col::kId, false}});
  AddIndex(&f.table, "allow", 0, {{Col::kName, false}, {Col::kSingle, false}});
  AddIndex(&f.table, "ign_all", JET_bitIndexIgnoreNull, {{Col::kName, false}, {Col::kSingle, false}});
  AddIndex(&f.table, "ign_any", JET_bitIndexIgnoreAnyNull, {{Col::kName, false}, {Col::kSingle, false}});
  AddIndex(&f.table, "ign_first", JET_bitIndexIgnoreFirstNull, {{Col::kName, false}, {Col::kSingle, false}});
  auto count = [&](const Bytes& rec, size_t index) -> size_t {
    IndexChanges ch;
    EXPECT_EQ(JET_errSuccess, ComputeIndexChanges(f.table, kPage, std::nullopt, Image(rec), f.read_lv, &ch));
    const SecondaryIndexChanges* s = For(ch, index);
    return s ? s->add.size() : 0;
  };
  const Bytes all_null = f.Record({{Col::kId, Of(1)}});
  const Bytes first_null = f.Record({{Col::kId, Of(1)}, {Col::kSingle, Of(3)}});
  const Bytes second_null = f.Record({{Col::kId, Of(1)}, {Col::kName, Str("n")}});
  const Bytes none_null = f.Record({{Col::kId, Of(1)}, {Col::kName, Str("n")}, {Col::kSingle, Of(3)}});
  EXPECT_EQ(1u, count(all_null, 1));
  EXPECT_EQ(0u, count(all_null, 2));
  EXPECT_EQ(0u, count(all_null, 3));
  EXPECT_EQ(0u, count(all_null, 4));
  EXPECT_EQ(1u, count(first_null, 2));
  EXPECT_EQ(0u, count(first_null, 3));
  EXPECT_EQ(0u, count(first_null, 4));
  EXPECT_EQ(1u, count(second_null, 2));
  EXPECT_EQ(0u, count(second_null, 3));
  EXPECT_EQ(1u, count(second_null, 4));
  for (size_t i = 1; i <= 4; ++i) EXPECT_EQ(1u, count(none_null, i)) << i;

  AddIndex(&f.table, "disallow", JET_bitIndexDisallowNull, {{Col::kName, false}});
  IndexChanges ch;
  EXPECT_EQ(JET_errNullKeyDisallowed,
            ComputeIndexChanges(f.table, kPage, std::nullopt, Image(first_null), f.read_lv, &ch));
  EXPECT_EQ(JET_errSuccess,
            ComputeIndexChanges(f.table, kPage, std::nullopt, Image(second_null), f.read_lv, &ch));
}

TEST(IndexChangesTest, DefaultValuesAreIndexed) {
  Fixture f;
  AddIndex(&f.table, "pk", JET_bitIndexPrimary, {{Col::kId, false}});
  AddIndex(&f.table, "bytd", 0, {{Col::kTaggedDefault, false}});
  const Bytes rec = f.Record({{Col::kId, Of(1)}});
  IndexChanges ch;
  ASSERT_EQ(JET_errSuccess, ComputeIndexChanges(f.table, kPage, std::nullopt, Image(rec), f.read_lv, &ch));
  const Bytes eleven = Of(11);
  EXPECT_EQ(std::vector<Bytes>{f.KeyOf(1, {KeyColumnValue::Of(eleven)})}, Keys(ch.secondary[0].add));
}

TEST(IndexChangesTest, ConditionalColumns) {
  Fixture f;
  AddIndex(&f.table, "pk", JET_bitIndexPrimary, {{Col::kId, false}});
  AddIndex(&f.table, "if_flag", 0, {{Col::kName, false}}, {{Col::kBit, false}});   // flag non-NULL
  AddIndex(&f.table, "if_noflag", 0, {{Col::kName, false}}, {{Col::kBit, true}});  // flag NULL
  const Bytes with_flag = f.Record({{Col::kId, Of(1)}, {Col::kName, Str("a")}, {Col::kBit, Of(1, 1)}});
  const Bytes without = f.Record({{Col::kId, Of(1)}, {Col::kName, Str("a")}});
  IndexChanges ch;
  ASSERT_EQ(JET_errSuccess, ComputeIndexChanges(f.table, kPage, std::nullopt, Image(with_flag), f.read_lv, &ch));
  ASSERT_EQ(1u, ch.secondary.size());
  EXPECT_EQ(1u, ch.secondary[0].index);
  ASSERT_EQ(JET_errSuccess, ComputeIndexChanges(f.table, kPage, std::nullopt, Image(without), f.read_lv, &ch));
  ASSERT_EQ(1u, ch.secondary.size());
  EXPECT_EQ(2u, ch.secondary[0].index);
  // Clearing the flag moves the record from one index to the other.
  const Bytes cleared = f.Record({{Col::kBit, {}}}, &with_flag);
  ASSERT_EQ(JET_errSuccess, ComputeIndexChanges(f.table, kPage, Image(with_flag), Image(cleared), f.read_lv, &ch));
  ASSERT_EQ(2u, ch.secondary.size());
  EXPECT_EQ(1u, For(ch, 1)->remove.size());
  EXPECT_EQ(1u, For(ch, 2)->add.size());
}

TEST(IndexChangesTest, LongValueKeyColumnReadsTheLvAndTruncates) {
  Fixture f;
  AddIndex(&f.table, "pk", JET_bitIndexPrimary, {{Col::kId, false}});
  AddIndex(&f.table, "bylv", 0, {{Col::kLv, false}});
  Bytes big(3000, 'q');
  big[2999] = 'z';
  const Bytes rec = f.Record({{Col::kId, Of(1)}, {Col::kLv, big}});
  ASSERT_EQ(1u, f.lvs.size());  // separated
  IndexChanges ch;
  ASSERT_EQ(JET_errSuccess, ComputeIndexChanges(f.table, kPage, std::nullopt, Image(rec), f.read_lv, &ch));
  ASSERT_EQ(1u, ch.secondary.size());
  const Bytes& key = ch.secondary[0].add[0].key;
  EXPECT_EQ(f.KeyOf(1, {KeyColumnValue::Of(big)}), key);
  EXPECT_EQ(size_t{JET_cbKeyMost}, key.size());
}

// Entries of one index stored as key || primary key in a non-unique B-tree
// must order as (key, primary key) pairs do; that holds when no key of the
// index is a proper prefix of another one. Random records over the key
// shapes that could break it: ASCII text (terminator, embedded NULs, cut at
// the segment size or at the key size, with the cut character's "- 0x20"
// last byte), descending text, variable binary (chunks), fixed text, NULL
// and zero-length segments, several segments. JET_UPDATE_TEST_SEED replays.
TEST(IndexChangesTest, KeysOfOneIndexArePrefixFree) {
  uint32_t seed = std::random_device{}();
  if (const char* s = std::getenv("JET_UPDATE_TEST_SEED")) seed = static_cast<uint32_t>(std::stoul(s));
  std::printf("seed %u (JET_UPDATE_TEST_SEED)\n", seed);
  std::mt19937 rng(seed);
  struct Shape {
    const char* name;
    std::vector<std::pair<uint32_t, bool>> segments;
    uint32_t cb_key_most;
    uint32_t var_seg_mac;
  };
  const std::vector<Shape> shapes = {
      {"text", {{Col::kWords, false}}, 255, 0},
      {"text,long", {{Col::kWords, false}, {Col::kSingle, false}}, 255, 0},
      {"text desc,text", {{Col::kWords, true}, {Col::kName, false}}, 255, 0},
      {"text seg-cut,binary", {{Col::kWords, false}, {Col::kBlob, false}}, 255, 6},
      {"binary,text", {{Col::kBlob, false}, {Col::kWords, false}}, 255, 0},
      {"fixedtext,lv", {{Col::kFixedText, false}, {Col::kLv, false}}, 255, 0},
      {"lv,text small key", {{Col::kLv, false}, {Col::kName, false}}, 255, 0},
      {"unicode,long", {{Col::kUnicode, false}, {Col::kSingle, false}}, 255, 0},
      {"unicode odd seg-cut,text", {{Col::kUnicode, true}, {Col::kName, false}}, 255, 6},
  };
  const std::string alphabet = std::string("aAb \x01 ") + '\0';
  auto random_text = [&](size_t max_len) {
    // Half the values are long and NUL-free (the key stops at a NUL).
    const bool plain = rng() % 2 == 0;
    const size_t n = plain ? max_len - rng() % 3 : rng() % (max_len + 1);
    const size_t letters = plain ? alphabet.size() - 1 : alphabet.size();
    Bytes v;
    for (size_t i = 0; i < n; ++i) v.push_back(static_cast<uint8_t>(alphabet[rng() % letters]));
    return v;
  };
  for (const Shape& shape : shapes) {
    Fixture f;
    AddIndex(&f.table, "ix", 0, shape.segments, {}, shape.cb_key_most);
    f.table.indexes[0].cb_var_seg_mac = shape.var_seg_mac;
    std::vector<Bytes> keys;
    std::vector<std::pair<Bytes, Bytes>> entries;  // (key, bookmark)
    for (int r = 0; r < 400; ++r) {
      std::vector<Fixture::SetOp> ops{{Col::kId, Of(r)}};
      for (auto [col, desc] : shape.segments) {
        (void)desc;
        if (rng() % 6 == 0) continue;  // NULL
        Bytes v;
        switch (col) {
          case Col::kWords: v = random_text(rng() % 3 == 0 ? 255 : 12); break;
          case Col::kName: v = random_text(10); break;
          case Col::kUnicode: {  // UTF-16LE of the same alphabet, some units with a high byte
            const Bytes t = random_text(rng() % 2 ? 8 : 127);
            for (uint8_t c : t) {
              v.push_back(c);
              v.push_back(rng() % 4 == 0 ? 0x01 : 0x00);
            }
            break;
          }
          case Col::kFixedText: v = random_text(8); break;
          case Col::kSingle: v = Of(static_cast<int>(rng() % 4)); break;
          case Col::kBlob: v = random_text(rng() % 2 ? 20 : 255); break;
          case Col::kLv: v = random_text(rng() % 2 ? 20 : 600); break;
        }
        // An empty text or binary value is zero-length, not NULL.
        ops.push_back({col, v, 1, v.empty() ? JET_GRBIT{JET_bitSetZeroLength} : 0});
      }
      const Bytes rec = f.Record(ops);
      std::vector<std::vector<uint8_t>> k;
      ASSERT_EQ(JET_errSuccess, IndexKeysOf(f.table, kPage, f.table.indexes[0], rec, f.read_lv, &k));
      keys.insert(keys.end(), k.begin(), k.end());
      const Bytes bookmark = {0, 0, static_cast<uint8_t>(r >> 8), static_cast<uint8_t>(r)};
      for (const Bytes& key : k) entries.emplace_back(key, bookmark);
    }
    // (key, data) order == key||data order.
    auto concat = [](const std::pair<Bytes, Bytes>& e) {
      Bytes c = e.first;
      c.insert(c.end(), e.second.begin(), e.second.end());
      return c;
    };
    std::sort(entries.begin(), entries.end());
    for (size_t i = 0; i + 1 < entries.size(); ++i) {
      EXPECT_LE(concat(entries[i]), concat(entries[i + 1])) << shape.name << " entry " << i;
    }
    // The shapes do reach the cases that matter: keys cut at the key size.
    const size_t truncated = std::count_if(keys.begin(), keys.end(), [&](const Bytes& k) {
      return k.size() == shape.cb_key_most;
    });
    if (shape.var_seg_mac == 0) {
      EXPECT_GT(truncated, 0u) << shape.name;
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (size_t i = 0; i + 1 < keys.size(); ++i) {
      const Bytes& a = keys[i];
      const Bytes& b = keys[i + 1];  // a proper prefix sorts right before its extensions
      const bool prefix = a.size() < b.size() && std::equal(a.begin(), a.end(), b.begin());
      EXPECT_FALSE(prefix) << shape.name << ": key " << i << " (" << a.size()
                           << " bytes) is a prefix of the next (" << b.size() << " bytes)";
    }
  }
}

}  // namespace
}  // namespace jet
