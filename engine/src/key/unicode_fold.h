// jetsvc's own normalisation of Unicode (code page 1200) text for index keys:
// the collation "x-jetsvc-fold-v1" (docs/formats/keys.md, "Unicode text").
//
// Windows keys Unicode text with LCMapStringEx sort keys, which depend on
// Windows' NLS tables and cannot be reproduced elsewhere. Indexes this engine
// creates use this collation instead, and say so in the catalog
// (kJetsvcFoldV1LocaleName), so the two are never mixed up.
//
// The form: the text up to its first U+0000, each UTF-16 code unit folded
// (FoldCodeUnit), shifted so that code units compare in code point order, and
// written big-endian; then the terminator 00 00. No folded unit is 0000, so
// the form is prefix-free and memcmp orders it like the folded text.
//
// Persisted: changing the fold or the encoding needs a new locale name.

#ifndef JETSVC_ENGINE_KEY_UNICODE_FOLD_H_
#define JETSVC_ENGINE_KEY_UNICODE_FOLD_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace jet {

inline constexpr uint8_t kUnicodeFoldTerminator[2] = {0x00, 0x00};

// The simple case and width fold of one UTF-16 code unit: a-z, Latin-1,
// Latin Extended-A, basic Greek and Cyrillic lower-case letters to their
// upper case; fullwidth ASCII (U+FF01..U+FF5E) to ASCII, then upper case.
// Every other unit, surrogates included, is itself.
char16_t FoldCodeUnit(char16_t unit);

// Appends the normalised form of `utf16le` (an odd last byte is ignored) to
// `out`, at most `cb_max` bytes of it. Returns false when the form did not
// fit and was cut (the key is then truncated).
bool AppendUnicodeFold(std::span<const uint8_t> utf16le, size_t cb_max, std::vector<uint8_t>* out);

}  // namespace jet

#endif  // JETSVC_ENGINE_KEY_UNICODE_FOLD_H_
