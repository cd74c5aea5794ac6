// The small fixed-size values that appear in every ESE header: LOGTIME,
// LGPOS, SIGNATURE, BKINFO and DBTIME (ese-facts §4.1). docs/formats/
// primitives.md has the byte layouts.
//
// Each value has an infallible codec over a fixed-size span (the compiler
// checks the size) and a bounds-checked DecodeXxxAt() for a caller that holds
// a buffer of unknown length. Decoding keeps every bit, so Encode(Decode(b))
// gives back b for any byte pattern.

#ifndef JETSVC_ENGINE_FORMAT_PRIMITIVES_H_
#define JETSVC_ENGINE_FORMAT_PRIMITIVES_H_

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "esent.h"

namespace jet {

inline constexpr size_t kLogTimeSize = 8;
inline constexpr size_t kLgposSize = 8;
inline constexpr size_t kSignatureSize = 28;
inline constexpr size_t kBkInfoSize = 24;
inline constexpr size_t kDbTimeSize = 8;
inline constexpr size_t kComputerNameSize = 16;

// The `N` bytes of `buf` at `offset`, or nothing when they are not all
// inside `buf`.
template <size_t N>
std::optional<std::span<const uint8_t, N>> FixedSlice(std::span<const uint8_t> buf, size_t offset) {
  if (offset > buf.size() || buf.size() - offset < N) {
    return std::nullopt;
  }
  return std::span<const uint8_t, N>(buf.data() + offset, N);
}

// LOGTIME: a broken-down time, one byte per field. Byte 6 holds the UTC flag
// (bit 0) and the low 7 bits of the milliseconds; byte 7 holds the reserved /
// "OS snapshot" bit (bit 0), the high 3 bits of the milliseconds (bits 1-3)
// and 4 unused bits.
struct LogTime {
  uint8_t seconds = 0;
  uint8_t minutes = 0;
  uint8_t hours = 0;
  uint8_t day = 0;    // 1..31
  uint8_t month = 0;  // 1..12 (Windows SYSTEMTIME convention)
  uint8_t year = 0;   // years since 1900
  bool utc = false;
  uint16_t milliseconds = 0;  // 10 bits: 0..1023 are representable
  bool os_snapshot = false;   // fReserved in LOGTIME, fOSSnapshot in BKLOGTIME
  uint8_t unused = 0;         // the 4 high bits of byte 7, kept verbatim

  // True when any byte is non-zero (ESE's "unset" time is all zeros).
  bool IsSet() const;

  // "MM/DD/YYYY HH:MM:SS.mmm UTC" (or "LOC"), as esentutl prints it.
  std::string ToString() const;

  // A UTC LOGTIME for `unix_millis` milliseconds after 1970-01-01 00:00 UTC.
  // Years outside 1900..2155 cannot be represented; they clamp to the ends.
  static LogTime FromUnixMillis(int64_t unix_millis);

  friend bool operator==(const LogTime&, const LogTime&) = default;
};

LogTime DecodeLogTime(std::span<const uint8_t, kLogTimeSize> src);
void EncodeLogTime(const LogTime& value, std::span<uint8_t, kLogTimeSize> dst);
[[nodiscard]] JET_ERR DecodeLogTimeAt(std::span<const uint8_t> buf, size_t offset, LogTime* out);

// LGPOS: a position in the log stream. The field order (ib, isec,
// lGeneration) makes the 8 bytes compare as one little-endian u64.
struct Lgpos {
  uint16_t ib = 0;    // byte offset in the sector
  uint16_t isec = 0;  // sector in the log file
  int32_t generation = 0;

  uint64_t AsU64() const {
    return (static_cast<uint64_t>(static_cast<uint32_t>(generation)) << 32) |
           (static_cast<uint64_t>(isec) << 16) | ib;
  }
  bool IsZero() const { return AsU64() == 0; }

  // "(GGGGGGGG,SSSS,BBBB)" in upper-case hex: generation, sector, offset
  // (ese-facts conventions).
  std::string ToString() const;

  friend bool operator==(const Lgpos& a, const Lgpos& b) { return a.AsU64() == b.AsU64(); }
  friend std::strong_ordering operator<=>(const Lgpos& a, const Lgpos& b) {
    return a.AsU64() <=> b.AsU64();
  }
};

Lgpos DecodeLgpos(std::span<const uint8_t, kLgposSize> src);
void EncodeLgpos(const Lgpos& value, std::span<uint8_t, kLgposSize> dst);
[[nodiscard]] JET_ERR DecodeLgposAt(std::span<const uint8_t> buf, size_t offset, Lgpos* out);

// SIGNATURE: identifies a database (signDb) or a log stream (signLog).
struct Signature {
  uint32_t random = 0;
  LogTime create_time;
  // ANSI, NUL-padded; at most 15 characters plus the terminator.
  std::array<uint8_t, kComputerNameSize> computer_name{};

  // The computer name up to its first NUL (at most 16 bytes).
  std::string ComputerName() const;
  // Stores the first 15 bytes of `name`, NUL-padded.
  void SetComputerName(std::string_view name);
  // True when any byte is non-zero.
  bool IsSet() const;
  // "Create time:MM/DD/YYYY HH:MM:SS.mmm Rand:N Computer:NAME".
  std::string ToString() const;

  friend bool operator==(const Signature&, const Signature&) = default;
};

Signature DecodeSignature(std::span<const uint8_t, kSignatureSize> src);
void EncodeSignature(const Signature& value, std::span<uint8_t, kSignatureSize> dst);
[[nodiscard]] JET_ERR DecodeSignatureAt(std::span<const uint8_t> buf, size_t offset,
                                        Signature* out);

// BKINFO: the record of one backup in a database header.
struct BkInfo {
  Lgpos mark;         // lgposMark
  LogTime mark_time;  // logtimeMark
  uint32_t gen_low = 0;
  uint32_t gen_high = 0;

  bool IsSet() const;

  friend bool operator==(const BkInfo&, const BkInfo&) = default;
};

BkInfo DecodeBkInfo(std::span<const uint8_t, kBkInfoSize> src);
void EncodeBkInfo(const BkInfo& value, std::span<uint8_t, kBkInfoSize> dst);
[[nodiscard]] JET_ERR DecodeBkInfoAt(std::span<const uint8_t> buf, size_t offset, BkInfo* out);

// DBTIME: a signed 64-bit logical clock of database changes.
using DbTime = int64_t;

DbTime DecodeDbTime(std::span<const uint8_t, kDbTimeSize> src);
void EncodeDbTime(DbTime value, std::span<uint8_t, kDbTimeSize> dst);
[[nodiscard]] JET_ERR DecodeDbTimeAt(std::span<const uint8_t> buf, size_t offset, DbTime* out);

}  // namespace jet

#endif  // JETSVC_ENGINE_FORMAT_PRIMITIVES_H_
