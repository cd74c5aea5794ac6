// An in-memory table for the record_update and index_changes tests: one
// column of every kind the update rules treat differently.
#ifndef JETSVC_TESTS_ENGINE_TABLE_UPDATE_TEST_TABLE_H_
#define JETSVC_TESTS_ENGINE_TABLE_UPDATE_TEST_TABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/table_def.h"
#include "esent.h"
#include "key/key_format.h"

namespace jet::update_test {

using Bytes = std::vector<uint8_t>;

struct Col {
  static constexpr uint32_t kId = 1;           // Long, NOT NULL
  static constexpr uint32_t kAutoinc = 2;      // Long, autoincrement
  static constexpr uint32_t kVersion = 3;      // Long, version
  static constexpr uint32_t kBit = 4;          // Bit
  static constexpr uint32_t kFixedText = 5;    // Text, fixed, 8 bytes
  static constexpr uint32_t kDefault = 6;      // Short, default 7
  static constexpr uint32_t kName = 128;       // Text, max 10
  static constexpr uint32_t kBlob = 129;       // Binary, no max
  static constexpr uint32_t kVarDefault = 130; // Text, default "dflt"
  static constexpr uint32_t kTags = 256;       // Long, multi-valued
  static constexpr uint32_t kLv = 257;         // LongBinary
  static constexpr uint32_t kWords = 258;      // Text, multi-valued
  static constexpr uint32_t kMvLv = 259;       // LongText, multi-valued, compressed
  static constexpr uint32_t kSingle = 260;     // Long, tagged
  static constexpr uint32_t kTaggedDefault = 261;  // Long, tagged, default 11
  static constexpr uint32_t kLimitedLv = 262;  // LongBinary, max 100
  static constexpr uint32_t kUnicode = 263;    // Text, Unicode
};

inline Bytes Of(int64_t v, size_t width = 4) {
  Bytes b(width);
  for (size_t i = 0; i < width; ++i) b[i] = static_cast<uint8_t>(static_cast<uint64_t>(v) >> (8 * i));
  return b;
}
inline Bytes Str(std::string_view s) { return Bytes(s.begin(), s.end()); }

inline void AddColumn(TableDef* t, std::string name, uint32_t id, uint32_t coltyp,
                      uint32_t max_size, uint32_t grbit, Bytes dflt = {}) {
  ColumnDef c;
  c.name = std::move(name);
  c.id = id;
  c.coltyp = coltyp;
  const size_t width = FixedWidthOfColumnType(coltyp);
  c.max_size = (c.fixed() && width != 0) ? static_cast<uint32_t>(width) : max_size;
  c.flags = ColumnDef::FlagsFromGrbit(grbit, !dflt.empty());
  if (coltyp == JET_coltypText || coltyp == JET_coltypLongText) c.code_page = 1252;
  c.default_value = std::move(dflt);
  t->columns.push_back(std::move(c));
}

inline TableDef MakeTable() {
  TableDef t;
  t.name = "t";
  t.objid = 10;
  t.pgno_fdp = 20;
  AddColumn(&t, "id", Col::kId, JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnNotNULL);
  AddColumn(&t, "ai", Col::kAutoinc, JET_coltypLong, 0,
            JET_bitColumnFixed | JET_bitColumnAutoincrement);
  AddColumn(&t, "ver", Col::kVersion, JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnVersion);
  AddColumn(&t, "flag", Col::kBit, JET_coltypBit, 0, JET_bitColumnFixed);
  AddColumn(&t, "code", Col::kFixedText, JET_coltypText, 8, JET_bitColumnFixed);
  AddColumn(&t, "dflt", Col::kDefault, JET_coltypShort, 0, JET_bitColumnFixed, Of(7, 2));
  AddColumn(&t, "name", Col::kName, JET_coltypText, 10, 0);
  AddColumn(&t, "blob", Col::kBlob, JET_coltypBinary, 0, 0);
  AddColumn(&t, "vdflt", Col::kVarDefault, JET_coltypText, 0, 0, Str("dflt"));
  AddColumn(&t, "tags", Col::kTags, JET_coltypLong, 0,
            JET_bitColumnTagged | JET_bitColumnMultiValued);
  AddColumn(&t, "lv", Col::kLv, JET_coltypLongBinary, 0, JET_bitColumnTagged);
  AddColumn(&t, "words", Col::kWords, JET_coltypText, 0,
            JET_bitColumnTagged | JET_bitColumnMultiValued);
  AddColumn(&t, "mvlv", Col::kMvLv, JET_coltypLongText, 0,
            JET_bitColumnTagged | JET_bitColumnMultiValued | JET_bitColumnCompressed);
  AddColumn(&t, "single", Col::kSingle, JET_coltypLong, 0, JET_bitColumnTagged);
  AddColumn(&t, "tdflt", Col::kTaggedDefault, JET_coltypLong, 0, JET_bitColumnTagged, Of(11));
  AddColumn(&t, "limlv", Col::kLimitedLv, JET_coltypLongBinary, 100, JET_bitColumnTagged);
  AddColumn(&t, "uni", Col::kUnicode, JET_coltypText, 0, JET_bitColumnTagged);
  t.columns.back().code_page = 1200;
  if (t.AssignFixedOffsets() != JET_errSuccess) std::abort();
  return t;
}

// An index over `segments` (column ids, '-' = descending via the bool).
inline void AddIndex(TableDef* t, std::string name, uint32_t grbit,
                     std::vector<std::pair<uint32_t, bool>> segments,
                     std::vector<std::pair<uint32_t, bool>> conditional = {},
                     uint32_t cb_key_most = JET_cbKeyMost) {
  IndexDef idx;
  idx.name = std::move(name);
  idx.objid = 30 + static_cast<uint32_t>(t->indexes.size());
  idx.flags = IndexDef::FlagsFromGrbit(grbit);
  idx.cb_key_most = cb_key_most;
  idx.locale_name = std::u16string(kJetsvcFoldV1LocaleName);
  auto resolve = [&](uint32_t id) {
    IndexSegmentDef s;
    s.column_id = id;
    for (const ColumnDef& c : t->columns) {
      if (c.id == id) {
        s.coltyp = c.coltyp;
        s.code_page = c.code_page;
        s.max_size = c.max_size;
      }
    }
    return s;
  };
  for (auto [id, desc] : segments) {
    IndexSegmentDef s = resolve(id);
    s.descending = desc;
    idx.segments.push_back(s);
  }
  for (auto [id, must_be_null] : conditional) {
    IndexSegmentDef s = resolve(id);
    s.must_be_null = must_be_null;
    idx.conditional.push_back(s);
  }
  t->indexes.push_back(std::move(idx));
}

}  // namespace jet::update_test

#endif  // JETSVC_TESTS_ENGINE_TABLE_UPDATE_TEST_TABLE_H_
