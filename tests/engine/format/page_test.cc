#include "format/page.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "format/endian.h"
#include "format/page_editor.h"
#include "test_data.h"

namespace jet {
namespace {

std::vector<uint8_t> CopyOf(std::span<const uint8_t> s) {
  return std::vector<uint8_t>(s.begin(), s.end());
}

bool Contains(std::span<const uint8_t> hay, std::string_view needle) {
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

// Walks everything a view exposes, checking that each span is inside the
// page; returns the number of key+data bytes seen.
size_t TouchEverything(const PageView& view) {
  const uint8_t* begin = view.bytes().data();
  const uint8_t* end = begin + view.bytes().size();
  auto inside = [&](std::span<const uint8_t> s) {
    EXPECT_TRUE(s.empty() || (s.data() >= begin && s.data() + s.size() <= end));
  };
  size_t bytes = 0;
  for (int itag = 0; itag < view.tag_count(); ++itag) {
    inside(view.TagData(itag));
  }
  inside(view.ExternalHeader());
  inside(view.PrefixSource());
  for (int i = 0; i < view.line_count(); ++i) {
    const Node n = view.line(i);
    inside(n.prefix);
    inside(n.suffix);
    inside(n.data);
    bytes += n.Key().size() + n.data.size();
  }
  return bytes;
}

// ---- Genuine pages ---------------------------------------------------------

TEST(PageTest, EveryInUsePageOfTheGenuineFilesParses) {
  int pages = 0;
  int lines = 0;
  int compressed = 0;
  bool saw_catalog_row = false;
  for (const std::string& name : test::WindowsEdbNames()) {
    const std::vector<uint8_t> file = test::ReadWindowsEdb(name);
    ASSERT_EQ(file.size(), 1048576u) << name;
    for (uint32_t pgno = 1; pgno <= 254; ++pgno) {
      auto page = CopyOf(test::PhysicalPage(file, pgno + 1));
      if (std::all_of(page.begin(), page.end(), [](uint8_t b) { return b == 0; })) {
        continue;
      }
      PageValidation result;
      PageView view;
      ASSERT_EQ(ValidatePage(page, pgno, false, &result, &view), JET_errSuccess)
          << name << " pgno " << pgno;
      ++pages;
      const PageHeader& h = view.header();
      EXPECT_TRUE(h.Has(kPageFlagNewChecksum));
      EXPECT_TRUE(h.Has(kPageFlagNewRecordFormat));
      EXPECT_GE(view.tag_count(), 1);
      EXPECT_EQ(view.DataAreaSize(), 4096u - 40u);
      if (h.Has(kPageFlagRoot)) {
        // A root's external header is its space header.
        EXPECT_EQ(view.ExternalHeader().size(), 16u) << name << " " << pgno;
      }
      if (pgno == 4) {
        EXPECT_EQ(h.objid_fdp, 2u);  // MSysObjects
        EXPECT_TRUE(h.Has(kPageFlagRoot));
      }
      TouchEverything(view);
      for (int i = 0; i < view.line_count(); ++i) {
        const Node n = view.line(i);
        ++lines;
        if (n.flags & kNodeFlagCompressed) {
          ++compressed;
        }
        if (h.objid_fdp == 2 && h.Has(kPageFlagLeaf) && Contains(n.data, "MSysObjects")) {
          saw_catalog_row = true;
        }
        if (h.Has(kPageFlagParentOfLeaf)) {
          EXPECT_EQ(n.data.size(), 4u) << "branch data is a child pgno";
        }
      }
    }
  }
  std::cout << "genuine pages parsed: " << pages << ", lines: " << lines << " (" << compressed
            << " prefix-compressed)\n";
  EXPECT_EQ(pages, 184);
  EXPECT_GT(lines, 500);
  EXPECT_GT(compressed, 0);
  EXPECT_TRUE(saw_catalog_row);
}

TEST(PageTest, GenuinePageHeaderFields) {
  const std::vector<uint8_t> file = test::ReadWindowsEdb("basic");
  ASSERT_FALSE(file.empty());
  // pgno 1: the database root, one tag (its 16-byte space header).
  PageHeader h;
  ASSERT_EQ(DecodePageHeader(test::PhysicalPage(file, 2), &h), JET_errSuccess);
  EXPECT_EQ(h.objid_fdp, 1u);
  EXPECT_EQ(h.itag_mic_free, 1);
  EXPECT_EQ(h.ib_mic_free, 16);
  EXPECT_EQ(h.cb_free, 4096 - 40 - 16 - 4);
  EXPECT_EQ(h.flags & 0xffff, 0xa803u & 0xffff);
  std::vector<uint8_t> again(4096);
  const auto original = test::PhysicalPage(file, 2);
  std::copy(original.begin(), original.end(), again.begin());
  ASSERT_EQ(EncodePageHeader(h, again), JET_errSuccess);
  EXPECT_TRUE(std::equal(again.begin(), again.end(), original.begin()));
}

TEST(PageTest, GenuinePagesMovedOrDamagedAreRefused) {
  const std::vector<uint8_t> file = test::ReadWindowsEdb("index");
  ASSERT_FALSE(file.empty());
  auto page = CopyOf(test::PhysicalPage(file, 4 + 1));
  PageValidation result;
  EXPECT_EQ(ValidatePage(page, 7, false, &result, nullptr), JET_errReadPgnoVerifyFailure);
  EXPECT_EQ(result.checksum.stored_pgno, 4u);
  page[300] ^= 0x04;
  EXPECT_EQ(ValidatePage(page, 4, false, &result, nullptr), JET_errReadVerifyFailure);
  EXPECT_TRUE(result.checksum.correctable);
  EXPECT_EQ(ValidatePage(page, 4, true, &result, nullptr), JET_errSuccess);
  EXPECT_TRUE(result.checksum.corrected);
  EXPECT_EQ(result.checksum.corrected_bit, 300u * 8 + 2);
  std::vector<uint8_t> blank(4096, 0);
  EXPECT_EQ(ValidatePage(blank, 4, true, &result, nullptr), JET_errPageNotInitialized);
}

// Structure checks alone (no checksum): every byte of the header and tag
// array, and a sample of the data, of several genuine pages, set to other
// values. PageView::Open() must either refuse the page or give a view whose
// every span is inside the page.
TEST(PageTest, StructurallyCorruptPagesNeverEscapeThePage) {
  std::mt19937_64 rng = test::SeededRandom("StructurallyCorruptPages");
  int tried = 0;
  int refused = 0;
  for (const std::string& name : test::WindowsEdbNames()) {
    const std::vector<uint8_t> file = test::ReadWindowsEdb(name);
    ASSERT_FALSE(file.empty());
    for (uint32_t pgno = 1; pgno <= 254; ++pgno) {
      const auto original = CopyOf(test::PhysicalPage(file, pgno + 1));
      if (std::all_of(original.begin(), original.end(), [](uint8_t b) { return b == 0; })) {
        continue;
      }
      PageView base;
      ASSERT_EQ(PageView::Open(original, pgno, &base), JET_errSuccess);
      std::vector<size_t> positions;
      const bool exhaustive = (pgno % 17 == 4);
      if (exhaustive) {
        for (size_t i = 0; i < original.size(); ++i) {
          positions.push_back(i);
        }
      } else {
        for (size_t i = 0; i < 40; ++i) {
          positions.push_back(i);
        }
        const size_t tags = 4 * static_cast<size_t>(base.tag_count());
        for (size_t i = original.size() - tags; i < original.size(); ++i) {
          positions.push_back(i);
        }
        for (int i = 0; i < 32; ++i) {
          positions.push_back(rng() % original.size());
        }
      }
      for (size_t at : positions) {
        for (int variant = 0; variant < 3; ++variant) {
          auto page = original;
          const uint8_t value = variant == 0   ? 0x00
                                : variant == 1 ? 0xff
                                               : static_cast<uint8_t>(rng());
          if (page[at] == value) {
            continue;
          }
          page[at] = value;
          PageView view;
          const JET_ERR err = PageView::Open(page, pgno, &view);
          ++tried;
          if (err < 0) {
            ++refused;
            ASSERT_TRUE(err == JET_errDatabaseCorrupted || err == JET_errBadPageLink ||
                        err == JET_errPageNotInitialized)
                << err;
          } else {
            TouchEverything(view);
          }
          // With the checksum the damage is always caught (or, for a
          // one-bit change, repaired).
          PageValidation result;
          const JET_ERR full = ValidatePage(page, pgno, true, &result, &view);
          if (full == JET_errSuccess) {
            ASSERT_TRUE(result.checksum.corrected);
            ASSERT_EQ(page, original);
          } else {
            ASSERT_TRUE(full == JET_errReadVerifyFailure || full == JET_errReadPgnoVerifyFailure)
                << full;
          }
        }
      }
    }
  }
  std::cout << "structural corruptions tried: " << tried << ", refused by "
            << "PageView: " << refused << "\n";
  EXPECT_GT(tried, 20000);
}

// ---- Hand-made corruption -----------------------------------------------

class PageCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    page_.assign(4096, 0);
    PageEditor::NewPage info;
    info.objid_fdp = 9;
    info.flags = kPageFlagLeaf | kPageFlagNewRecordFormat;
    info.pgno_prev = 20;
    info.pgno_next = 22;
    ASSERT_EQ(PageEditor::Format(page_, info, &editor_), JET_errSuccess);
    const std::vector<uint8_t> prefix = {'k', 'e', 'y', '-'};
    ASSERT_EQ(editor_.SetExternalHeader(prefix), JET_errSuccess);
    for (int i = 0; i < 5; ++i) {
      const std::vector<uint8_t> suffix = {static_cast<uint8_t>('a' + i)};
      const std::vector<uint8_t> data(10, static_cast<uint8_t>(i));
      std::vector<uint8_t> line;
      uint8_t flags = 0;
      ASSERT_EQ(EncodeNode(4, suffix, data, &line, &flags), JET_errSuccess);
      ASSERT_EQ(editor_.Insert(i, line, flags), JET_errSuccess);
    }
    PageView view;
    ASSERT_EQ(PageView::Open(page_, 21, &view), JET_errSuccess);
  }

  JET_ERR Open() {
    PageView view;
    return PageView::Open(page_, 21, &view);
  }
  uint8_t* TagAt(int itag) {
    return page_.data() + page_.size() - 4 * static_cast<size_t>(itag + 1);
  }

  std::vector<uint8_t> page_;
  PageEditor editor_;
};

TEST_F(PageCheckTest, TheBuiltPageReadsBack) {
  PageView view;
  ASSERT_EQ(PageView::Open(page_, 21, &view), JET_errSuccess);
  ASSERT_EQ(view.line_count(), 5);
  for (int i = 0; i < 5; ++i) {
    const Node n = view.line(i);
    const std::vector<uint8_t> key = {'k', 'e', 'y', '-', static_cast<uint8_t>('a' + i)};
    EXPECT_EQ(n.Key(), key);
    EXPECT_EQ(n.cb_prefix, 4);
    EXPECT_EQ(n.flags, kNodeFlagCompressed);
    EXPECT_EQ(n.data.size(), 10u);
  }
}

TEST_F(PageCheckTest, TagOutsideTheUsedData) {
  StoreLE16(TagAt(3) + 2, 4000);  // ib past ibMicFree
  EXPECT_EQ(Open(), JET_errDatabaseCorrupted);
}

TEST_F(PageCheckTest, OverlappingTags) {
  const uint16_t ib1 = LoadLE16(TagAt(1) + 2) & 0x1fff;
  const uint16_t ib2 = LoadLE16(TagAt(2) + 2) & 0x1fff;
  StoreLE16(TagAt(2) + 2, static_cast<uint16_t>((ib1 + 1) | (LoadLE16(TagAt(2) + 2) & 0xe000)));
  EXPECT_NE(ib1, ib2);
  EXPECT_EQ(Open(), JET_errDatabaseCorrupted);
}

TEST_F(PageCheckTest, ZeroLengthLine) {
  StoreLE16(TagAt(2), 0);
  EXPECT_EQ(Open(), JET_errDatabaseCorrupted);
}

TEST_F(PageCheckTest, FreeSpaceAccounting) {
  StoreLE16(page_.data() + kPageOffCbFree, LoadLE16(page_.data() + kPageOffCbFree) - 1);
  EXPECT_EQ(Open(), JET_errDatabaseCorrupted);
  StoreLE16(page_.data() + kPageOffCbFree, 5000);
  EXPECT_EQ(Open(), JET_errDatabaseCorrupted);
}

TEST_F(PageCheckTest, UncommittedFreeAboveFree) {
  StoreLE16(page_.data() + kPageOffCbUncommittedFree, 4000);
  EXPECT_EQ(Open(), JET_errDatabaseCorrupted);
}

TEST_F(PageCheckTest, TooManyTags) {
  StoreLE16(page_.data() + kPageOffItagMicFree, 1014);
  EXPECT_EQ(Open(), JET_errDatabaseCorrupted);
  StoreLE16(page_.data() + kPageOffItagMicFree, 0xffff);
  EXPECT_EQ(Open(), JET_errDatabaseCorrupted);
  StoreLE16(page_.data() + kPageOffItagMicFree, 0);
  EXPECT_EQ(Open(), JET_errDatabaseCorrupted);  // neither empty nor preinit
}

TEST_F(PageCheckTest, IbMicFreeRunningIntoTheTagArray) {
  StoreLE16(page_.data() + kPageOffIbMicFree, 4056 - 4 * 6 + 1);
  EXPECT_EQ(Open(), JET_errDatabaseCorrupted);
}

TEST_F(PageCheckTest, SiblingLinks) {
  editor_.SetPgnoNext(21);  // linked to itself
  EXPECT_EQ(Open(), JET_errBadPageLink);
  editor_.SetPgnoNext(22);
  EXPECT_EQ(Open(), JET_errSuccess);
  editor_.SetFlags(kPageFlagParentOfLeaf | kPageFlagNewRecordFormat);
  EXPECT_EQ(Open(), JET_errBadPageLink);  // only leaves are chained
  editor_.SetPgnoPrev(0);
  editor_.SetPgnoNext(0);
  EXPECT_EQ(Open(), JET_errSuccess);
}

TEST_F(PageCheckTest, IncompatibleFlags) {
  editor_.SetFlags(kPageFlagLeaf | kPageFlagParentOfLeaf);
  EXPECT_EQ(Open(), JET_errDatabaseCorrupted);
  editor_.SetFlags(kPageFlagLeaf | kPageFlagIndex | kPageFlagLongValue);
  EXPECT_EQ(Open(), JET_errDatabaseCorrupted);
  editor_.SetFlags(kPageFlagLeaf | kPageFlagEmpty | kPageFlagPreInit);
  EXPECT_EQ(Open(), JET_errDatabaseCorrupted);
}

TEST_F(PageCheckTest, NodeKeyCountsOutsideTheLine) {
  const uint16_t ib = LoadLE16(TagAt(3) + 2) & 0x1fff;
  uint8_t* node = page_.data() + 40 + ib;
  // cbPrefix larger than the external header (4 bytes).
  StoreLE16(node, 5);
  EXPECT_EQ(Open(), JET_errDatabaseCorrupted);
  StoreLE16(node, 4);
  EXPECT_EQ(Open(), JET_errSuccess);
  // cbSuffix past the end of the line.
  StoreLE16(node + 2, 12);
  EXPECT_EQ(Open(), JET_errDatabaseCorrupted);
  StoreLE16(node + 2, 11);  // suffix takes the whole rest: no data, allowed
  EXPECT_EQ(Open(), JET_errSuccess);
}

// Pages of random bytes, and random but plausible-looking headers and tag
// arrays: Open() must refuse them or give in-bounds views, never crash.
TEST(PageTest, RandomPagesNeverEscapeThePage) {
  std::mt19937_64 rng = test::SeededRandom("RandomPages");
  int accepted = 0;
  for (size_t size : {4096u, 8192u, 16384u, 32768u}) {
    for (int round = 0; round < 1500; ++round) {
      std::vector<uint8_t> page(size);
      for (auto& b : page) {
        b = static_cast<uint8_t>(rng());
      }
      if (round % 2 == 1) {
        // Small counts, tags pointing near the used data, sane free space.
        const size_t header = PageHeaderSize(size);
        const size_t data = size - header;
        const uint16_t tags = static_cast<uint16_t>(1 + rng() % 12);
        const uint16_t ib_mic = static_cast<uint16_t>(rng() % (data - size_t{4} * tags));
        StoreLE16(page.data() + kPageOffItagMicFree, tags);
        StoreLE16(page.data() + kPageOffIbMicFree, ib_mic);
        StoreLE16(page.data() + kPageOffCbUncommittedFree, 0);
        StoreLE32(page.data() + kPageOffFlags, kPageFlagLeaf);
        size_t used = 0;
        for (int t = 0; t < tags; ++t) {
          const uint16_t cb = static_cast<uint16_t>(1 + rng() % 64);
          const uint16_t ib = static_cast<uint16_t>(rng() % (ib_mic + 1));
          uint8_t* raw = page.data() + size - 4 * static_cast<size_t>(t + 1);
          StoreLE16(raw, cb);
          StoreLE16(raw + 2, static_cast<uint16_t>(ib | (rng() & 0xe000)));
          used += cb;
        }
        StoreLE16(page.data() + kPageOffCbFree,
                  static_cast<uint16_t>(data - std::min(data, used) - size_t{4} * tags));
      }
      PageView view;
      if (PageView::Open(page, &view) == JET_errSuccess) {
        ++accepted;
        TouchEverything(view);
      }
    }
  }
  std::cout << "random pages accepted: " << accepted << " of 6000\n";
}

TEST(PageTest, BufferSizesAndBlankPages) {
  PageView view;
  std::vector<uint8_t> odd(4000, 1);
  EXPECT_EQ(PageView::Open(odd, &view), JET_errInvalidParameter);
  std::vector<uint8_t> blank(16384, 0);
  EXPECT_EQ(PageView::Open(blank, &view), JET_errPageNotInitialized);
  PageHeader h;
  EXPECT_EQ(DecodePageHeader(odd, &h), JET_errInvalidParameter);
}

// ---- PageEditor -------------------------------------------------------------

// Random inserts, replaces, deletes and flag changes against a simple model,
// on every page size; after each step the page must validate and read back
// exactly the model.
TEST(PageEditorTest, RandomEditsMatchAModel) {
  std::mt19937_64 rng = test::SeededRandom("PageEditorRandomEdits");
  for (size_t size : {4096u, 8192u, 16384u, 32768u}) {
    std::vector<uint8_t> page(size);
    PageEditor editor;
    PageEditor::NewPage info;
    info.pgno = 1000;
    info.objid_fdp = 12;
    info.flags = kPageFlagLeaf | kPageFlagNewRecordFormat;
    ASSERT_EQ(PageEditor::Format(page, info, &editor), JET_errSuccess);
    std::vector<uint8_t> prefix(20);
    for (auto& b : prefix) {
      b = static_cast<uint8_t>(rng());
    }
    ASSERT_EQ(editor.SetExternalHeader(prefix), JET_errSuccess);

    struct Line {
      std::vector<uint8_t> bytes;
      uint8_t flags;
    };
    std::vector<Line> model;
    for (int step = 0; step < 3000; ++step) {
      const int op = static_cast<int>(rng() % 10);
      const uint16_t cb_prefix = static_cast<uint16_t>(rng() % 21);
      std::vector<uint8_t> suffix(rng() % 30);
      for (auto& b : suffix) {
        b = static_cast<uint8_t>(rng());
      }
      std::vector<uint8_t> data(1 + rng() % (size / 40));
      for (auto& b : data) {
        b = static_cast<uint8_t>(rng());
      }
      Line line;
      line.flags = static_cast<uint8_t>(rng() % 4);  // version / deleted
      ASSERT_EQ(EncodeNode(cb_prefix, suffix, data, &line.bytes, &line.flags), JET_errSuccess);
      const bool fits = line.bytes.size() + 4 <= editor.UsableFreeBytes();
      if (op < 5 || model.empty()) {
        const int at = static_cast<int>(rng() % (model.size() + 1));
        const JET_ERR err = editor.Insert(at, line.bytes, line.flags);
        if (fits) {
          ASSERT_EQ(err, JET_errSuccess);
          model.insert(model.begin() + at, line);
        } else {
          ASSERT_EQ(err, JET_errInvalidParameter);
        }
      } else if (op < 7) {
        const int at = static_cast<int>(rng() % model.size());
        const bool room = line.bytes.size() <= model[at].bytes.size() + editor.UsableFreeBytes();
        const JET_ERR err = editor.Replace(at, line.bytes, line.flags);
        if (room) {
          ASSERT_EQ(err, JET_errSuccess);
          model[at] = line;
        } else {
          ASSERT_EQ(err, JET_errInvalidParameter);
        }
      } else if (op < 9) {
        const int at = static_cast<int>(rng() % model.size());
        ASSERT_EQ(editor.Delete(at), JET_errSuccess);
        model.erase(model.begin() + at);
      } else {
        const int at = static_cast<int>(rng() % model.size());
        const uint8_t flags =
            static_cast<uint8_t>((model[at].flags & kNodeFlagCompressed) | (rng() % 4));
        ASSERT_EQ(editor.SetLineFlags(at, flags), JET_errSuccess);
        model[at].flags = flags;
      }
      if (step % 97 == 0) {
        editor.Reorganize();
      }

      PageView view;
      ASSERT_EQ(PageView::Open(page, 1000, &view), JET_errSuccess)
          << "size " << size << " step " << step;
      ASSERT_EQ(view.line_count(), static_cast<int>(model.size()));
      for (size_t i = 0; i < model.size(); ++i) {
        const Node n = view.line(static_cast<int>(i));
        ASSERT_EQ(n.flags, model[i].flags) << step << " " << i;
        Node expected;
        ASSERT_EQ(ParseNode(model[i].bytes, model[i].flags, prefix, false, &expected),
                  JET_errSuccess);
        ASSERT_EQ(n.Key(), expected.Key());
        ASSERT_TRUE(
            std::equal(n.data.begin(), n.data.end(), expected.data.begin(), expected.data.end()));
      }
    }
    ASSERT_EQ(editor.Seal(1000), JET_errSuccess);
    PageValidation result;
    EXPECT_EQ(ValidatePage(page, 1000, false, &result, nullptr), JET_errSuccess);
    EXPECT_EQ(ValidatePage(page, 1001, false, &result, nullptr), JET_errReadPgnoVerifyFailure);
  }
}

TEST(PageEditorTest, LargePagesKeepNodeFlagsInTheNode) {
  std::vector<uint8_t> page(16384);
  PageEditor editor;
  PageEditor::NewPage info;
  info.pgno = 5;
  info.flags = kPageFlagLeaf;
  ASSERT_EQ(PageEditor::Format(page, info, &editor), JET_errSuccess);
  std::vector<uint8_t> line;
  uint8_t flags = kNodeFlagDeleted;
  const std::vector<uint8_t> key = {1, 2, 3};
  const std::vector<uint8_t> data = {9, 9};
  ASSERT_EQ(EncodeNode(0, key, data, &line, &flags), JET_errSuccess);
  ASSERT_EQ(editor.Insert(0, line, flags), JET_errSuccess);
  const uint8_t* tag = page.data() + page.size() - 8;
  const uint16_t ib = LoadLE16(tag + 2);
  EXPECT_EQ(ib & 0x8000, 0);  // no flags in the tag
  const uint16_t first = LoadLE16(page.data() + 80 + ib);
  EXPECT_EQ(first >> 13, kNodeFlagDeleted);
  EXPECT_EQ(first & 0x1fff, 3);
  PageView view;
  ASSERT_EQ(PageView::Open(page, 5, &view), JET_errSuccess);
  EXPECT_EQ(view.line(0).flags, kNodeFlagDeleted);
  EXPECT_EQ(view.line(0).Key(), key);
  EXPECT_EQ(PageView::Open(page, 6, &view), JET_errReadPgnoVerifyFailure);
}

// Rebuilding a genuine page line by line, and compacting one in place, keeps
// every node.
TEST(PageEditorTest, RebuildsGenuinePages) {
  int rebuilt = 0;
  for (const std::string& name : test::WindowsEdbNames()) {
    const std::vector<uint8_t> file = test::ReadWindowsEdb(name);
    ASSERT_FALSE(file.empty());
    for (uint32_t pgno = 1; pgno <= 254; ++pgno) {
      const auto original = CopyOf(test::PhysicalPage(file, pgno + 1));
      PageView source;
      if (PageView::Open(original, pgno, &source) != JET_errSuccess) {
        continue;
      }

      std::vector<uint8_t> copy(4096);
      PageEditor editor;
      PageEditor::NewPage info;
      info.objid_fdp = source.header().objid_fdp;
      info.flags = source.header().flags;
      info.dbtime = source.header().dbtime_dirtied;
      info.pgno_prev = source.header().pgno_prev;
      info.pgno_next = source.header().pgno_next;
      ASSERT_EQ(PageEditor::Format(copy, info, &editor), JET_errSuccess);
      ASSERT_EQ(editor.SetExternalHeader(source.ExternalHeader()), JET_errSuccess);
      for (int i = 0; i < source.line_count(); ++i) {
        ASSERT_EQ(editor.Insert(i, source.TagData(i + 1), source.tag(i + 1).flags), JET_errSuccess);
      }
      ASSERT_EQ(editor.Seal(pgno), JET_errSuccess);
      PageView rebuilt_view;
      PageValidation result;
      ASSERT_EQ(ValidatePage(copy, pgno, false, &result, &rebuilt_view), JET_errSuccess);
      ASSERT_EQ(rebuilt_view.header().cb_free, source.header().cb_free);
      ASSERT_EQ(rebuilt_view.line_count(), source.line_count());
      for (int i = 0; i < source.line_count(); ++i) {
        ASSERT_EQ(rebuilt_view.line(i).Key(), source.line(i).Key());
        ASSERT_EQ(rebuilt_view.line(i).flags, source.line(i).flags);
      }

      auto in_place = original;
      ASSERT_EQ(PageEditor::Attach(in_place, &editor), JET_errSuccess);
      editor.Reorganize();
      ASSERT_EQ(editor.Seal(pgno), JET_errSuccess);
      PageView compacted;
      ASSERT_EQ(ValidatePage(in_place, pgno, false, &result, &compacted), JET_errSuccess);
      EXPECT_EQ(compacted.ContiguousFreeBytes(), compacted.FreeBytes());
      for (int i = 0; i < source.line_count(); ++i) {
        ASSERT_EQ(compacted.line(i).Key(), source.line(i).Key());
      }
      ++rebuilt;
    }
  }
  EXPECT_EQ(rebuilt, 184);
}

TEST(PageEditorTest, RefusesWhatDoesNotFit) {
  std::vector<uint8_t> page(4096);
  PageEditor editor;
  ASSERT_EQ(PageEditor::Format(page, PageEditor::NewPage{}, &editor), JET_errSuccess);
  EXPECT_EQ(editor.UsableFreeBytes(), 4096u - 40 - 4);
  std::vector<uint8_t> big(4096 - 40 - 4 - 4 + 1, 7);
  EXPECT_EQ(editor.Insert(0, big, 0), JET_errInvalidParameter);
  big.pop_back();
  EXPECT_EQ(editor.Insert(0, big, 0), JET_errSuccess);
  EXPECT_EQ(editor.UsableFreeBytes(), 0u);
  EXPECT_EQ(editor.Insert(0, std::vector<uint8_t>{1}, 0), JET_errInvalidParameter);
  EXPECT_EQ(editor.Insert(5, std::vector<uint8_t>{1}, 0), JET_errInvalidParameter);
  EXPECT_EQ(editor.Delete(1), JET_errInvalidParameter);
  EXPECT_EQ(editor.Insert(0, std::vector<uint8_t>{}, 0), JET_errInvalidParameter);
  EXPECT_EQ(editor.SetCbUncommittedFree(1), JET_errInvalidParameter);
  ASSERT_EQ(editor.Delete(0), JET_errSuccess);
  EXPECT_EQ(editor.SetCbUncommittedFree(100), JET_errSuccess);
  EXPECT_EQ(editor.UsableFreeBytes(), 4096u - 40 - 4 - 100);
  PageView view;
  EXPECT_EQ(PageView::Open(page, &view), JET_errSuccess);
}

}  // namespace
}  // namespace jet
