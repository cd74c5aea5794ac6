// What the key code needs to know about an index: its segments (column type,
// direction, code page) and the index-wide key options (key size, segment
// size, where NULLs sort, GUID order, how Unicode text is collated).
//
// The catalog fills one in from an index row (edb-format §9: KeyFldIDs,
// KeyMost, VarSegMac, Flags, LCMapFlags/LocaleName) and the column rows it
// names; JetCreateIndex fills one in from JET_INDEXCREATE.

#ifndef JETSVC_ENGINE_KEY_INDEX_KEY_DEF_H_
#define JETSVC_ENGINE_KEY_INDEX_KEY_DEF_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "esent.h"
#include "key/key_format.h"

namespace jet {

// How a key normalises Unicode (code page 1200) text.
enum class UnicodeCollation : uint8_t {
  // Windows' LCMapStringEx sort keys for the index's locale. Every index made
  // by Windows has this. Its bytes cannot be computed off Windows, so any key
  // that needs the normalised form of Unicode text fails with
  // JET_errUnicodeNormalizationNotSupported (docs/formats/keys.md).
  kWindowsNls,
  // jetsvc's own locale-independent collation ("x-jetsvc-fold-v1",
  // key/unicode_fold.h), only for indexes this engine created.
  kJetsvcFoldV1,
};

// The LocaleName the catalog records for an index that uses kJetsvcFoldV1.
// Not a valid Windows locale name, so Windows never mistakes such an index for
// one of its own: it refuses to use it rather than seek it with LCMapString
// keys.
inline constexpr std::u16string_view kJetsvcFoldV1LocaleName = u"x-jetsvc-fold-v1";

// The collation an index uses, from its catalog LocaleName.
UnicodeCollation UnicodeCollationForLocaleName(std::u16string_view locale_name);

// One key column of an index.
struct KeySegmentDef {
  uint32_t coltyp = JET_coltypNil;  // JET_coltyp*
  bool descending = false;          // JET_bitKeyDescending ('-' in the key string)
  // Text columns: 1200 is Unicode; every other code page gets ESE's ASCII
  // rules (a-z upper-cased, the rest compared as bytes).
  uint16_t code_page = kCodePageWestern;
  // The column lives in the fixed part of the record (column id 1..127).
  // Binary data of a fixed column is keyed as is, without chunks.
  bool fixed_column = false;
  // Fixed Text/Binary columns: their declared length (JET_COLUMNDEF.cbMax).
  // JetMakeKey pads shorter fixed text with spaces up to it.
  uint32_t cb_max = 0;
};

// One index's key definition.
struct IndexKeyDef {
  std::vector<KeySegmentDef> segments;  // 1..JET_ccolKeyMost
  // JET_INDEXCREATE.cbKeyMost with JET_bitIndexKeyMost; otherwise 255
  // (catalog KeyMost absent).
  uint32_t cb_key_most = kCbKeyMostOld;
  // Largest normalised size of one text/binary segment, 0 = cb_key_most
  // (JET_INDEXCREATE.cbVarSegMac; catalog VarSegMac absent).
  uint32_t cb_var_seg_mac = 0;
  bool sort_nulls_high = false;      // JET_bitIndexSortNullsHigh
  bool dot_net_guid = false;         // JET_bitIndexDotNetGuid
  bool disallow_truncation = false;  // JET_bitIndexDisallowTruncation
  UnicodeCollation unicode_collation = UnicodeCollation::kWindowsNls;

  // The segment limit as ESE's normaliser uses it: cb_key_most + 1 when the
  // index sets none (so it never limits anything), else cb_var_seg_mac.
  uint32_t EffectiveVarSegMac() const;
};

// Checks a definition before any key is built with it: segment count, key
// and segment sizes for pages of `page_size` bytes, and column types.
// JET_errIndexInvalidDef for a bad shape or size, JET_errInvalidColumnType for
// a column type no key can hold, JET_errInvalidParameter for a page size ESE
// does not have.
[[nodiscard]] JET_ERR ValidateIndexKeyDef(const IndexKeyDef& def, size_t page_size);

// Sets the index-wide options of `def` from JetCreateIndex's arguments
// (JET_INDEXCREATE.grbit, .cbKeyMost, .cbVarSegMac), as ESE does: cbKeyMost
// counts only with JET_bitIndexKeyMost and must then be within
// [JET_cbKeyMostMin, CbKeyMostForPage(page_size)]; cbVarSegMac 0 means "the
// key size". Tuple indexes are not supported (JET_errFeatureNotAvailable).
[[nodiscard]] JET_ERR ApplyIndexCreateOptions(uint32_t grbit, uint32_t cb_key_most,
                                              uint32_t cb_var_seg_mac, size_t page_size,
                                              IndexKeyDef* def);

}  // namespace jet

#endif  // JETSVC_ENGINE_KEY_INDEX_KEY_DEF_H_
