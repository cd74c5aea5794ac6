// Ground truth from Windows: the normalised keys Microsoft's esent.dll built
// and stored in a genuine Windows-made database, compared byte for byte with
// ours, for every column type and for multi-column keys.
//
// Where the bytes come from: tests/data/windows-edb/index.edb.gz (from
// fox-it/dissect.esedb's test data, Apache-2.0; format 0x620 rev 0x14, 4 KiB
// pages). A throwaway reader (not committed) walked each index B-tree from
// its root page (page n at file offset (n+1)*4096; tag array at the page end,
// node = [cbPrefix][cbSuffix][key][data] with the prefix taken from tag 0;
// edb-format §5, §6) and printed every leaf key, and each record's column
// values from the catalog (§9) and the table.
//
// The values of table "index" are its one row in
// tests/data/windows-edb/expected/index.json. Its indexes have the default
// key size (no KeyMost in the catalog: 255) and no VarSegMac; the catalog
// indexes likewise. Unicode text keys are Windows' LCMapStringEx sort keys
// (locale en-US, LCMapFlags 0x00030401): ours must refuse to build them.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "esent.h"
#include "key/index_entry_key.h"
#include "key/index_key_def.h"
#include "key/key_builder.h"
#include "key_test_util.h"

namespace jet {
namespace {

using key_test::Ascii;
using key_test::Bytes;
using key_test::FromHex;
using key_test::Le;
using key_test::Segment;
using key_test::ToHex;
using key_test::Utf16le;

// A GUID in memory as Windows keeps it (Data1..3 little-endian, Data4 as
// written), from its string form.
Bytes GuidBytes(const std::string& s) {
  const Bytes d1 = FromHex(s.substr(0, 8));
  const Bytes d2 = FromHex(s.substr(9, 4));
  const Bytes d3 = FromHex(s.substr(14, 4));
  const Bytes d4 = FromHex(s.substr(19, 4) + s.substr(24, 12));
  Bytes out(d1.rbegin(), d1.rend());
  out.insert(out.end(), d2.rbegin(), d2.rend());
  out.insert(out.end(), d3.rbegin(), d3.rend());
  out.insert(out.end(), d4.begin(), d4.end());
  return out;
}

// --- Table "index": one secondary index per column type ---------------------

struct ColumnTypeCase {
  std::string index_name;
  uint32_t coltyp;
  bool fixed_column;  // column ids 1..13 are fixed, 128.. variable, 256.. tagged
  uint16_t code_page;
  Bytes value;
  std::string windows_key_hex;
};

void PrintTo(const ColumnTypeCase& c, std::ostream* os) { *os << c.index_name; }

std::vector<ColumnTypeCase> IndexTableCases() {
  return {
      {"IxBit", JET_coltypBit, true, kCodePageWestern, Le<uint8_t>(0) /* false */,
       // root page 32
       "7f00"},
      {"IxUnsignedByte", JET_coltypUnsignedByte, true, kCodePageWestern, Le<uint8_t>(213),
       // root page 33
       "7fd5"},
      {"IxShort", JET_coltypShort, true, kCodePageWestern, Le<int16_t>(-1337),
       // root page 34
       "7f7ac7"},
      {"IxLong", JET_coltypLong, true, kCodePageWestern, Le<int32_t>(-13371337),
       // root page 39
       "7f7f33f837"},
      {"IxCurrenc", JET_coltypCurrency, true, kCodePageWestern, Le<int64_t>(1337133713371337),
       // root page 40
       "7f8004c01db400b0c9"},
      {"IxIEEESingle", JET_coltypIEEESingle, true, kCodePageWestern, Le<float>(1.0f),
       // root page 41
       "7fbf800000"},
      {"IxIEEEDouble", JET_coltypIEEEDouble, true, kCodePageWestern, Le<double>(13371337.13371337),
       // root page 42
       "7fc16980f924476143"},
      {"IxDateTime", JET_coltypDateTime, true, kCodePageWestern, Le<uint64_t>(4675210852477960192),
       // root page 43
       "7fc0e1af8000000000"},
      {"IxUnsignedLong", JET_coltypUnsignedLong, true, kCodePageWestern, Le<uint32_t>(13371337),
       // root page 44
       "7f00cc07c9"},
      {"IxLongLong", JET_coltypLongLong, true, kCodePageWestern, Le<int64_t>(-13371337),
       // root page 45
       "7f7fffffffff33f837"},
      {"IxGUID", JET_coltypGUID, true, kCodePageWestern,
       GuidBytes("3f360af1-6766-46dc-9af2-0dacf295c2a1"),
       // root page 46
       "7f0dacf295c2a19af2dc466667f10a363f"},
      {"IxUnsignedShort", JET_coltypUnsignedShort, true, kCodePageWestern, Le<uint16_t>(1337),
       // root page 47
       "7f0539"},
      {"IxBinary", JET_coltypBinary, false, kCodePageWestern, Ascii("test binary data"),
       // root page 53
       "7f746573742062696e09617279206461746108"},
      {"IxLongBinary", JET_coltypLongBinary, false, kCodePageWestern,
       Ascii("test long binary data " + std::string(1000, 'a')),
       // root page 54
       "7f74657374206c6f6e09672062696e61727909206461746120616109616161616161616109616161"
       "61616161610961616161616161610961616161616161610961616161616161610961616161616161"
       "61096161616161616161096161616161616161096161616161616161096161616161616161096161"
       "61616161616109616161616161616109616161616161616109616161616161616109616161616161"
       "61610961616161616161610961616161616161610961616161616161610961616161616161610961"
       "61616161616161096161616161616161096161616161616161096161616161616161096161616161"
       "616161096161616161616161096161"},
      {"IxASCII", JET_coltypText, false, kCodePageWestern, Ascii("Simple ASCII text"),
       // root page 55
       "7f53494d504c45204153434949205445585400"},
      {"IxUnicode", JET_coltypText, false, kCodePageUnicode,
       Utf16le(u"Simple Unicode text \U0001F98A"),
       // root page 56
       "7f0e910e320e510e7e0e480e2107020e9f0e700e320e0a0e7c0e1a0e2107020e990e210ea60e9907"
       "02b040b6860102020202020202020202020202020202020202023f3f01010100"},
      {"IxLongASCII", JET_coltypLongText, false, kCodePageWestern,
       Ascii("Long ASCII text " + std::string(1024, 'a')),
       // root page 57
       "7f4c4f4e472041534349492054455854204141414141414141414141414141414141414141414141"
       "41414141414141414141414141414141414141414141414141414141414141414141414141414141"
       "41414141414141414141414141414141414141414141414141414141414141414141414141414141"
       "41414141414141414141414141414141414141414141414141414141414141414141414141414141"
       "41414141414141414141414141414141414141414141414141414141414141414141414141414141"
       "41414141414141414141414141414141414141414141414141414141414141414141414141414141"
       "414141414141414141414141414141"},
      {"IxLongUnicode", JET_coltypLongText, false, kCodePageUnicode,
       Utf16le(u"Long Unicode text \U0001F98A " + std::u16string(1024, u'a')),
       // root page 58
       "7f0e480e7c0e700e2507020e9f0e700e320e0a0e7c0e1a0e2107020e990e210ea60e990702b040b6"
       "8607020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e"
       "020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e"
       "020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e"
       "020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e"
       "020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e020e"
       "020e020e020e020e020e020e020e02"},
  };
}

class KeyWindowsIndexEdb : public testing::TestWithParam<ColumnTypeCase> {
 protected:
  IndexKeyDef Def() const {
    const ColumnTypeCase& c = GetParam();
    IndexKeyDef def;
    // Fixed Text/Binary would need cb_max; the table's text and binary
    // columns are variable or tagged.
    def.segments.push_back(Segment(c.coltyp, false, c.fixed_column, c.code_page));
    return def;
  }
  bool IsUnicode() const { return GetParam().code_page == kCodePageUnicode; }
};

// The key the index stores for the row (what an insert writes).
TEST_P(KeyWindowsIndexEdb, RecordKeyMatchesWindows) {
  const ColumnTypeCase& c = GetParam();
  const KeyColumnValue values[] = {KeyColumnValue::Of(c.value)};
  std::vector<uint8_t> key;
  IndexEntryKeyInfo info;
  const JET_ERR err = BuildIndexEntryKey(Def(), values, &key, &info);
  if (IsUnicode()) {
    // Windows' key is an LCMapStringEx sort key; we cannot make it, and say so.
    EXPECT_EQ(err, JET_errUnicodeNormalizationNotSupported);
    return;
  }
  ASSERT_EQ(err, JET_errSuccess);
  EXPECT_EQ(ToHex(key), c.windows_key_hex);
  EXPECT_EQ(info.truncated, c.windows_key_hex.size() / 2 == 255);
}

// The search key JetMakeKey makes of the same value (what a seek compares).
TEST_P(KeyWindowsIndexEdb, SearchKeyMatchesWindows) {
  const ColumnTypeCase& c = GetParam();
  KeyBuilder builder(Def());
  const JET_ERR err = builder.MakeKey(c.value.data(), c.value.size(), JET_bitNewKey);
  if (IsUnicode()) {
    EXPECT_EQ(err, JET_errUnicodeNormalizationNotSupported);
    EXPECT_FALSE(builder.prepared()) << "a failed segment must leave no usable key";
    return;
  }
  ASSERT_EQ(err, JET_errSuccess);
  EXPECT_EQ(ToHex(builder.key()), c.windows_key_hex);
}

// An exact-match seek on the Windows key finds the row; a prefix-range seek
// brackets it.
TEST_P(KeyWindowsIndexEdb, LimitKeysBracketWindowsKey) {
  const ColumnTypeCase& c = GetParam();
  if (IsUnicode()) {
    // A seek on a Windows Unicode index fails clearly, never with a wrong key.
    KeyBuilder b(Def());
    EXPECT_EQ(
        b.MakeKey(c.value.data(), c.value.size(), JET_bitNewKey | JET_bitFullColumnStartLimit),
        JET_errUnicodeNormalizationNotSupported);
    EXPECT_EQ(b.MakeKey(c.value.data(), 4, JET_bitNewKey | JET_bitPartialColumnStartLimit),
              JET_errUnicodeNormalizationNotSupported);
    return;
  }
  const Bytes windows_key = FromHex(c.windows_key_hex);
  KeyBuilder start(Def());
  ASSERT_EQ(
      start.MakeKey(c.value.data(), c.value.size(), JET_bitNewKey | JET_bitFullColumnStartLimit),
      JET_errSuccess);
  KeyBuilder end(Def());
  ASSERT_EQ(end.MakeKey(c.value.data(), c.value.size(), JET_bitNewKey | JET_bitFullColumnEndLimit),
            JET_errSuccess);
  auto less_equal = [](std::span<const uint8_t> a, std::span<const uint8_t> b) {
    return std::lexicographical_compare(b.begin(), b.end(), a.begin(), a.end()) == false;
  };
  EXPECT_TRUE(less_equal(start.key(), windows_key));
  EXPECT_TRUE(less_equal(windows_key, end.key()));
  EXPECT_FALSE(less_equal(end.key(), windows_key)) << "end limit must sort after the key";
}

INSTANTIATE_TEST_SUITE_P(IndexTable, KeyWindowsIndexEdb, testing::ValuesIn(IndexTableCases()),
                         [](const testing::TestParamInfo<ColumnTypeCase>& info) {
                           return info.param.index_name;
                         });

// --- The catalog's own indexes: multi-column keys ---------------------------

struct CatalogNameVector {
  int32_t objid_table;
  int16_t type;
  const char* name;
  const char* key_hex;
};

struct RootObjectsVector {
  uint8_t root_flag;
  const char* name;
  const char* key_hex;
};

struct CatalogIdVector {
  int32_t objid_table;
  int16_t type;
  int32_t id;
  const char* key_hex;
};

struct BinaryVector {
  const char* value_hex;
  const char* key_hex;
};

// MSysObjects index "Name" (root page 7): (+ObjidTable Long, +Type Short, +Name Text 1252).
const CatalogNameVector kCatalogNameIndex[] = {
    {2, 1, "MSysObjects", "7f800000027f80017f4d5359534f424a4543545300"},
    {2, 2, "CallbackData", "7f800000027f80027f43414c4c4241434b4441544100"},
    {2, 2, "CallbackDependencies", "7f800000027f80027f43414c4c4241434b444550454e44454e4349455300"},
    {2, 2, "ColtypOrPgnoFDP", "7f800000027f80027f434f4c5459504f5250474e4f46445000"},
    {2, 2, "ConditionalColumns", "7f800000027f80027f434f4e444954494f4e414c434f4c554d4e5300"},
    {2, 2, "DefaultValue", "7f800000027f80027f44454641554c5456414c554500"},
    {2, 2, "Flags", "7f800000027f80027f464c41475300"},
    {2, 2, "Id", "7f800000027f80027f494400"},
    {2, 2, "KeyFldIDs", "7f800000027f80027f4b4559464c4449445300"},
    {2, 2, "KeyMost", "7f800000027f80027f4b45594d4f535400"},
    {2, 2, "LCMapFlags", "7f800000027f80027f4c434d4150464c41475300"},
    {2, 2, "LocaleName", "7f800000027f80027f4c4f43414c454e414d4500"},
    {2, 2, "LVChunkMax", "7f800000027f80027f4c564348554e4b4d415800"},
    {2, 2, "Name", "7f800000027f80027f4e414d4500"},
    {2, 2, "ObjidTable", "7f800000027f80027f4f424a49445441424c4500"},
    {2, 2, "PagesOrLocale", "7f800000027f80027f50414745534f524c4f43414c4500"},
    {2, 2, "RecordOffset", "7f800000027f80027f5245434f52444f464653455400"},
    {2, 2, "RootFlag", "7f800000027f80027f524f4f54464c414700"},
    {2, 2, "SeparateLV", "7f800000027f80027f53455041524154454c5600"},
    {2, 2, "SortID", "7f800000027f80027f534f5254494400"},
    {2, 2, "SpaceDeferredLVHints", "7f800000027f80027f535041434544454645525245444c5648494e545300"},
    {2, 2, "SpaceHints", "7f800000027f80027f535041434548494e545300"},
    {2, 2, "SpaceUsage", "7f800000027f80027f5350414345555341474500"},
    {2, 2, "Stats", "7f800000027f80027f535441545300"},
    {2, 2, "TemplateTable", "7f800000027f80027f54454d504c4154455441424c4500"},
    {2, 2, "TupleLimits", "7f800000027f80027f5455504c454c494d49545300"},
    {2, 2, "Type", "7f800000027f80027f5459504500"},
    {2, 2, "VarSegMac", "7f800000027f80027f5641525345474d414300"},
    {2, 2, "Version", "7f800000027f80027f56455253494f4e00"},
    {2, 3, "Id", "7f800000027f80037f494400"},
    {2, 3, "Name", "7f800000027f80037f4e414d4500"},
    {2, 3, "RootObjects", "7f800000027f80037f524f4f544f424a4543545300"},
    {3, 1, "MSysObjectsShadow", "7f800000037f80017f4d5359534f424a45435453534841444f5700"},
    {3, 2, "CallbackData", "7f800000037f80027f43414c4c4241434b4441544100"},
    {3, 2, "CallbackDependencies", "7f800000037f80027f43414c4c4241434b444550454e44454e4349455300"},
    {3, 2, "ColtypOrPgnoFDP", "7f800000037f80027f434f4c5459504f5250474e4f46445000"},
    {3, 2, "ConditionalColumns", "7f800000037f80027f434f4e444954494f4e414c434f4c554d4e5300"},
    {3, 2, "DefaultValue", "7f800000037f80027f44454641554c5456414c554500"},
    {3, 2, "Flags", "7f800000037f80027f464c41475300"},
    {3, 2, "Id", "7f800000037f80027f494400"},
    {3, 2, "KeyFldIDs", "7f800000037f80027f4b4559464c4449445300"},
    {3, 2, "KeyMost", "7f800000037f80027f4b45594d4f535400"},
    {3, 2, "LCMapFlags", "7f800000037f80027f4c434d4150464c41475300"},
    {3, 2, "LocaleName", "7f800000037f80027f4c4f43414c454e414d4500"},
    {3, 2, "LVChunkMax", "7f800000037f80027f4c564348554e4b4d415800"},
    {3, 2, "Name", "7f800000037f80027f4e414d4500"},
    {3, 2, "ObjidTable", "7f800000037f80027f4f424a49445441424c4500"},
    {3, 2, "PagesOrLocale", "7f800000037f80027f50414745534f524c4f43414c4500"},
    {3, 2, "RecordOffset", "7f800000037f80027f5245434f52444f464653455400"},
    {3, 2, "RootFlag", "7f800000037f80027f524f4f54464c414700"},
    {3, 2, "SeparateLV", "7f800000037f80027f53455041524154454c5600"},
    {3, 2, "SortID", "7f800000037f80027f534f5254494400"},
    {3, 2, "SpaceDeferredLVHints", "7f800000037f80027f535041434544454645525245444c5648494e545300"},
    {3, 2, "SpaceHints", "7f800000037f80027f535041434548494e545300"},
    {3, 2, "SpaceUsage", "7f800000037f80027f5350414345555341474500"},
    {3, 2, "Stats", "7f800000037f80027f535441545300"},
    {3, 2, "TemplateTable", "7f800000037f80027f54454d504c4154455441424c4500"},
    {3, 2, "TupleLimits", "7f800000037f80027f5455504c454c494d49545300"},
    {3, 2, "Type", "7f800000037f80027f5459504500"},
    {3, 2, "VarSegMac", "7f800000037f80027f5641525345474d414300"},
    {3, 2, "Version", "7f800000037f80027f56455253494f4e00"},
    {3, 3, "Id", "7f800000037f80037f494400"},
    {6, 1, "MSysObjids", "7f800000067f80017f4d5359534f424a49445300"},
    {6, 2, "objid", "7f800000067f80027f4f424a494400"},
    {6, 2, "objidTable", "7f800000067f80027f4f424a49445441424c4500"},
    {6, 2, "type", "7f800000067f80027f5459504500"},
    {6, 3, "primary", "7f800000067f80037f5052494d41525900"},
    {7, 1, "MSysLocales", "7f800000077f80017f4d5359534c4f43414c455300"},
    {7, 2, "iValue", "7f800000077f80027f4956414c554500"},
    {7, 2, "Key", "7f800000077f80027f4b455900"},
    {7, 2, "Type", "7f800000077f80027f5459504500"},
    {7, 3, "KeyPrimary", "7f800000077f80037f4b45595052494d41525900"},
    {8, 1, "index", "7f800000087f80017f494e44455800"},
    {8, 2, "ASCII", "7f800000087f80027f415343494900"},
    {8, 2, "Binary", "7f800000087f80027f42494e41525900"},
    {8, 2, "Bit", "7f800000087f80027f42495400"},
    {8, 2, "Currency", "7f800000087f80027f43555252454e435900"},
    {8, 2, "DateTime", "7f800000087f80027f4441544554494d4500"},
    {8, 2, "GUID", "7f800000087f80027f4755494400"},
    {8, 2, "Id", "7f800000087f80027f494400"},
    {8, 2, "IEEEDouble", "7f800000087f80027f49454545444f55424c4500"},
    {8, 2, "IEEESingle", "7f800000087f80027f4945454553494e474c4500"},
    {8, 2, "Long", "7f800000087f80027f4c4f4e4700"},
    {8, 2, "LongASCII", "7f800000087f80027f4c4f4e47415343494900"},
    {8, 2, "LongBinary", "7f800000087f80027f4c4f4e4742494e41525900"},
    {8, 2, "LongLong", "7f800000087f80027f4c4f4e474c4f4e4700"},
    {8, 2, "LongUnicode", "7f800000087f80027f4c4f4e47554e49434f444500"},
    {8, 2, "Short", "7f800000087f80027f53484f525400"},
    {8, 2, "Unicode", "7f800000087f80027f554e49434f444500"},
    {8, 2, "UnsignedByte", "7f800000087f80027f554e5349474e45444259544500"},
    {8, 2, "UnsignedLong", "7f800000087f80027f554e5349474e45444c4f4e4700"},
    {8, 2, "UnsignedShort", "7f800000087f80027f554e5349474e454453484f525400"},
    {8, 3, "IxASCII", "7f800000087f80037f4958415343494900"},
    {8, 3, "IxBinary", "7f800000087f80037f495842494e41525900"},
    {8, 3, "IxBit", "7f800000087f80037f495842495400"},
    {8, 3, "IxCurrenc", "7f800000087f80037f495843555252454e4300"},
    {8, 3, "IxDateTime", "7f800000087f80037f49584441544554494d4500"},
    {8, 3, "IxGUID", "7f800000087f80037f49584755494400"},
    {8, 3, "IxId", "7f800000087f80037f4958494400"},
    {8, 3, "IxIEEEDouble", "7f800000087f80037f495849454545444f55424c4500"},
    {8, 3, "IxIEEESingle", "7f800000087f80037f49584945454553494e474c4500"},
    {8, 3, "IxLong", "7f800000087f80037f49584c4f4e4700"},
    {8, 3, "IxLongASCII", "7f800000087f80037f49584c4f4e47415343494900"},
    {8, 3, "IxLongBinary", "7f800000087f80037f49584c4f4e4742494e41525900"},
    {8, 3, "IxLongLong", "7f800000087f80037f49584c4f4e474c4f4e4700"},
    {8, 3, "IxLongUnicode", "7f800000087f80037f49584c4f4e47554e49434f444500"},
    {8, 3, "IxShort", "7f800000087f80037f495853484f525400"},
    {8, 3, "IxUnicode", "7f800000087f80037f4958554e49434f444500"},
    {8, 3, "IxUnsignedByte", "7f800000087f80037f4958554e5349474e45444259544500"},
    {8, 3, "IxUnsignedLong", "7f800000087f80037f4958554e5349474e45444c4f4e4700"},
    {8, 3, "IxUnsignedShort", "7f800000087f80037f4958554e5349474e454453484f525400"},
    {8, 4, "LV", "7f800000087f80047f4c5600"},
};

// MSysObjects index "RootObjects" (root page 10): (+RootFlag Bit, +Name Text 1252).
const RootObjectsVector kRootObjectsIndex[] = {
    {0xff, "index", "7fff7f494e44455800"},
    {0xff, "MSysLocales", "7fff7f4d5359534c4f43414c455300"},
    {0xff, "MSysObjects", "7fff7f4d5359534f424a4543545300"},
    {0xff, "MSysObjectsShadow", "7fff7f4d5359534f424a45435453534841444f5700"},
    {0xff, "MSysObjids", "7fff7f4d5359534f424a49445300"},
};

// MSysObjects primary index "Id" (root page 4): (+ObjidTable Long, +Type Short, +Id Long).
const CatalogIdVector kCatalogIdIndex[] = {
    {2, 1, 2, "7f800000027f80017f80000002"},   {2, 2, 1, "7f800000027f80027f80000001"},
    {2, 2, 2, "7f800000027f80027f80000002"},   {2, 2, 3, "7f800000027f80027f80000003"},
    {2, 2, 4, "7f800000027f80027f80000004"},   {2, 2, 5, "7f800000027f80027f80000005"},
    {2, 2, 6, "7f800000027f80027f80000006"},   {2, 2, 7, "7f800000027f80027f80000007"},
    {2, 2, 8, "7f800000027f80027f80000008"},   {2, 2, 9, "7f800000027f80027f80000009"},
    {2, 2, 10, "7f800000027f80027f8000000a"},  {2, 2, 11, "7f800000027f80027f8000000b"},
    {2, 2, 12, "7f800000027f80027f8000000c"},  {2, 2, 128, "7f800000027f80027f80000080"},
    {2, 2, 129, "7f800000027f80027f80000081"}, {2, 2, 130, "7f800000027f80027f80000082"},
    {2, 2, 131, "7f800000027f80027f80000083"}, {2, 2, 132, "7f800000027f80027f80000084"},
    {2, 2, 133, "7f800000027f80027f80000085"}, {2, 2, 134, "7f800000027f80027f80000086"},
    {2, 2, 135, "7f800000027f80027f80000087"}, {2, 2, 136, "7f800000027f80027f80000088"},
    {2, 2, 137, "7f800000027f80027f80000089"}, {2, 2, 256, "7f800000027f80027f80000100"},
    {2, 2, 257, "7f800000027f80027f80000101"}, {2, 2, 258, "7f800000027f80027f80000102"},
    {2, 2, 259, "7f800000027f80027f80000103"}, {2, 2, 260, "7f800000027f80027f80000104"},
    {2, 2, 261, "7f800000027f80027f80000105"}, {2, 3, 2, "7f800000027f80037f80000002"},
    {2, 3, 4, "7f800000027f80037f80000004"},   {2, 3, 5, "7f800000027f80037f80000005"},
    {3, 1, 3, "7f800000037f80017f80000003"},   {3, 2, 1, "7f800000037f80027f80000001"},
    {3, 2, 2, "7f800000037f80027f80000002"},   {3, 2, 3, "7f800000037f80027f80000003"},
    {3, 2, 4, "7f800000037f80027f80000004"},   {3, 2, 5, "7f800000037f80027f80000005"},
    {3, 2, 6, "7f800000037f80027f80000006"},   {3, 2, 7, "7f800000037f80027f80000007"},
    {3, 2, 8, "7f800000037f80027f80000008"},   {3, 2, 9, "7f800000037f80027f80000009"},
    {3, 2, 10, "7f800000037f80027f8000000a"},  {3, 2, 11, "7f800000037f80027f8000000b"},
    {3, 2, 12, "7f800000037f80027f8000000c"},  {3, 2, 128, "7f800000037f80027f80000080"},
    {3, 2, 129, "7f800000037f80027f80000081"}, {3, 2, 130, "7f800000037f80027f80000082"},
    {3, 2, 131, "7f800000037f80027f80000083"}, {3, 2, 132, "7f800000037f80027f80000084"},
    {3, 2, 133, "7f800000037f80027f80000085"}, {3, 2, 134, "7f800000037f80027f80000086"},
    {3, 2, 135, "7f800000037f80027f80000087"}, {3, 2, 136, "7f800000037f80027f80000088"},
    {3, 2, 137, "7f800000037f80027f80000089"}, {3, 2, 256, "7f800000037f80027f80000100"},
    {3, 2, 257, "7f800000037f80027f80000101"}, {3, 2, 258, "7f800000037f80027f80000102"},
    {3, 2, 259, "7f800000037f80027f80000103"}, {3, 2, 260, "7f800000037f80027f80000104"},
    {3, 2, 261, "7f800000037f80027f80000105"}, {3, 3, 3, "7f800000037f80037f80000003"},
    {6, 1, 6, "7f800000067f80017f80000006"},   {6, 2, 256, "7f800000067f80027f80000100"},
    {6, 2, 257, "7f800000067f80027f80000101"}, {6, 2, 258, "7f800000067f80027f80000102"},
    {6, 3, 6, "7f800000067f80037f80000006"},   {7, 1, 7, "7f800000077f80017f80000007"},
    {7, 2, 1, "7f800000077f80027f80000001"},   {7, 2, 2, "7f800000077f80027f80000002"},
    {7, 2, 128, "7f800000077f80027f80000080"}, {7, 3, 7, "7f800000077f80037f80000007"},
    {8, 1, 8, "7f800000087f80017f80000008"},   {8, 2, 1, "7f800000087f80027f80000001"},
    {8, 2, 2, "7f800000087f80027f80000002"},   {8, 2, 3, "7f800000087f80027f80000003"},
    {8, 2, 4, "7f800000087f80027f80000004"},   {8, 2, 5, "7f800000087f80027f80000005"},
    {8, 2, 6, "7f800000087f80027f80000006"},   {8, 2, 7, "7f800000087f80027f80000007"},
    {8, 2, 8, "7f800000087f80027f80000008"},   {8, 2, 9, "7f800000087f80027f80000009"},
    {8, 2, 10, "7f800000087f80027f8000000a"},  {8, 2, 11, "7f800000087f80027f8000000b"},
    {8, 2, 12, "7f800000087f80027f8000000c"},  {8, 2, 13, "7f800000087f80027f8000000d"},
    {8, 2, 128, "7f800000087f80027f80000080"}, {8, 2, 129, "7f800000087f80027f80000081"},
    {8, 2, 130, "7f800000087f80027f80000082"}, {8, 2, 256, "7f800000087f80027f80000100"},
    {8, 2, 257, "7f800000087f80027f80000101"}, {8, 2, 258, "7f800000087f80027f80000102"},
    {8, 3, 8, "7f800000087f80037f80000008"},   {8, 3, 9, "7f800000087f80037f80000009"},
    {8, 3, 10, "7f800000087f80037f8000000a"},  {8, 3, 11, "7f800000087f80037f8000000b"},
    {8, 3, 12, "7f800000087f80037f8000000c"},  {8, 3, 13, "7f800000087f80037f8000000d"},
    {8, 3, 14, "7f800000087f80037f8000000e"},  {8, 3, 15, "7f800000087f80037f8000000f"},
    {8, 3, 16, "7f800000087f80037f80000010"},  {8, 3, 17, "7f800000087f80037f80000011"},
    {8, 3, 18, "7f800000087f80037f80000012"},  {8, 3, 19, "7f800000087f80037f80000013"},
    {8, 3, 20, "7f800000087f80037f80000014"},  {8, 3, 21, "7f800000087f80037f80000015"},
    {8, 3, 22, "7f800000087f80037f80000016"},  {8, 3, 23, "7f800000087f80037f80000017"},
    {8, 3, 24, "7f800000087f80037f80000018"},  {8, 3, 25, "7f800000087f80037f80000019"},
    {8, 3, 26, "7f800000087f80037f8000001a"},  {8, 4, 27, "7f800000087f80047f8000001b"},
};

// MSysLocales primary index "KeyPrimary" (root page 30): (+Key Binary, variable).
// The values are the records' Key column (UTF-16LE names with their NUL).
const BinaryVector kLocalesKeyIndex[] = {
    {"2e0053006300680065006d0061005c00450078007400650072006e0061006c005c004d0061006a006f0072000000",
     "7f2e005300630068000965006d0061005c000945007800740065000972006e0061006c00095c004d0061006a00096"
     "f0072000000000006"},
    {"2e0053006300680065006d0061005c00450078007400650072006e0061006c005c004d0069006e006f0072000000",
     "7f2e005300630068000965006d0061005c000945007800740065000972006e0061006c00095c004d0069006e00096"
     "f0072000000000006"},
    {"2e0053006300680065006d0061005c00450078007400650072006e0061006c005c005500700064006100740065000"
     "000",
     "7f2e005300630068000965006d0061005c000945007800740065000972006e0061006c00095c00550070006400096"
     "10074006500000008"},
    {"2e0053006300680065006d0061005c0049006e007400650072006e0061006c005c004d0061006a006f0072000000",
     "7f2e005300630068000965006d0061005c000949006e00740065000972006e0061006c00095c004d0061006a00096"
     "f0072000000000006"},
    {"2e0053006300680065006d0061005c0049006e007400650072006e0061006c005c004d0069006e006f0072000000",
     "7f2e005300630068000965006d0061005c000949006e00740065000972006e0061006c00095c004d0069006e00096"
     "f0072000000000006"},
    {"2e0053006300680065006d0061005c0049006e007400650072006e0061006c005c005500700064006100740065000"
     "000",
     "7f2e005300630068000965006d0061005c000949006e00740065000972006e0061006c00095c00550070006400096"
     "10074006500000008"},
    {"4c006f00630061006c0065004e0061006d0065003d0065006e002d00550053002c0053006f0072007400490044003"
     "d00300030003000300030003000300031002d0035003700650065002d0031006500350063002d0030003000620034"
     "002d006400300030003000300062006200310065003100310065002c005600650072003d003600300032003000660"
     "0300030003000360030003200300066000000",
     "7f4c006f0063006100096c0065004e006100096d0065003d006500096e002d0055005300092c0053006f007200097"
     "400490044003d00093000300030003000093000300030003100092d003500370065000965002d0031006500093500"
     "63002d003000093000620034002d00096400300030003000093000620062003100096500310031006500092c00560"
     "065007200093d0036003000320009300066003000300009300036003000320009300066000000000006"},
    {"4d005300790073004c006f00630061006c006500730043006f006e00730069007300740065006e0074000000",
     "7f4d00530079007300094c006f0063006100096c00650073004300096f006e0073006900097300740065006e00097"
     "40000000000000004"},
};

IndexKeyDef CatalogNameDef() {
  IndexKeyDef def;
  def.segments = {Segment(JET_coltypLong, false, true), Segment(JET_coltypShort, false, true),
                  Segment(JET_coltypText, false, false, kCodePageWestern)};
  return def;
}

// Builds the key both ways (record, JetMakeKey) and checks both against
// Windows' bytes.
void ExpectBothPathsMatch(const IndexKeyDef& def, const std::vector<Bytes>& values,
                          const std::string& windows_key_hex) {
  std::vector<KeyColumnValue> record_values;
  for (const Bytes& v : values) record_values.push_back(KeyColumnValue::Of(v));
  std::vector<uint8_t> key;
  IndexEntryKeyInfo info;
  ASSERT_EQ(BuildIndexEntryKey(def, record_values, &key, &info), JET_errSuccess);
  EXPECT_EQ(ToHex(key), windows_key_hex) << "record key";

  KeyBuilder builder(def);
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(builder.MakeKey(values[i].data(), values[i].size(), i == 0 ? JET_bitNewKey : 0),
              JET_errSuccess);
  }
  EXPECT_EQ(ToHex(builder.key()), windows_key_hex) << "search key";
}

TEST(KeyWindowsCatalog, NameIndexMatchesWindows) {
  for (const CatalogNameVector& v : kCatalogNameIndex) {
    SCOPED_TRACE(v.name);
    ExpectBothPathsMatch(CatalogNameDef(), {Le(v.objid_table), Le(v.type), Ascii(v.name)},
                         v.key_hex);
  }
}

TEST(KeyWindowsCatalog, RootObjectsIndexMatchesWindows) {
  IndexKeyDef def;
  def.segments = {Segment(JET_coltypBit, false, true), Segment(JET_coltypText)};
  for (const RootObjectsVector& v : kRootObjectsIndex) {
    SCOPED_TRACE(v.name);
    ExpectBothPathsMatch(def, {Le(v.root_flag), Ascii(v.name)}, v.key_hex);
  }
}

TEST(KeyWindowsCatalog, IdIndexMatchesWindows) {
  IndexKeyDef def;
  def.segments = {Segment(JET_coltypLong, false, true), Segment(JET_coltypShort, false, true),
                  Segment(JET_coltypLong, false, true)};
  for (const CatalogIdVector& v : kCatalogIdIndex) {
    SCOPED_TRACE(v.key_hex);
    ExpectBothPathsMatch(def, {Le(v.objid_table), Le(v.type), Le(v.id)}, v.key_hex);
  }
}

TEST(KeyWindowsCatalog, LocalesBinaryIndexMatchesWindows) {
  IndexKeyDef def;
  def.segments = {Segment(JET_coltypBinary)};
  for (const BinaryVector& v : kLocalesKeyIndex) {
    SCOPED_TRACE(v.key_hex);
    ExpectBothPathsMatch(def, {FromHex(v.value_hex)}, v.key_hex);
  }
}

}  // namespace
}  // namespace jet
