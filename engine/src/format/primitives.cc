#include "format/primitives.h"

#include <chrono>
#include <cstdio>

#include "format/endian.h"

namespace jet {

namespace {

// Field offsets inside each primitive (ese-facts §4.1).
constexpr size_t kLgposIbOffset = 0;
constexpr size_t kLgposIsecOffset = 2;
constexpr size_t kLgposGenerationOffset = 4;

constexpr size_t kSignatureRandomOffset = 0;
constexpr size_t kSignatureTimeOffset = 4;
constexpr size_t kSignatureNameOffset = 12;
static_assert(kSignatureNameOffset + kComputerNameSize == kSignatureSize);
static_assert(kSignatureTimeOffset + kLogTimeSize == kSignatureNameOffset);

constexpr size_t kBkInfoMarkOffset = 0;
constexpr size_t kBkInfoTimeOffset = 8;
constexpr size_t kBkInfoGenLowOffset = 16;
constexpr size_t kBkInfoGenHighOffset = 20;
static_assert(kBkInfoGenHighOffset + 4 == kBkInfoSize);

bool AnyNonZero(std::span<const uint8_t> bytes) {
  for (uint8_t b : bytes) {
    if (b != 0) {
      return true;
    }
  }
  return false;
}

template <size_t N, class T, class Decoder>
JET_ERR DecodeAt(std::span<const uint8_t> buf, size_t offset, T* out, Decoder decode) {
  const auto slice = FixedSlice<N>(buf, offset);
  if (!slice) {
    return JET_errDatabaseCorrupted;
  }
  *out = decode(*slice);
  return JET_errSuccess;
}

}  // namespace

// ---- LOGTIME --------------------------------------------------------------

LogTime DecodeLogTime(std::span<const uint8_t, kLogTimeSize> src) {
  LogTime t;
  t.seconds = src[0];
  t.minutes = src[1];
  t.hours = src[2];
  t.day = src[3];
  t.month = src[4];
  t.year = src[5];
  t.utc = (src[6] & 0x01) != 0;
  t.os_snapshot = (src[7] & 0x01) != 0;
  t.milliseconds = static_cast<uint16_t>((src[6] >> 1) | (((src[7] >> 1) & 0x07) << 7));
  t.unused = static_cast<uint8_t>(src[7] >> 4);
  return t;
}

void EncodeLogTime(const LogTime& t, std::span<uint8_t, kLogTimeSize> dst) {
  dst[0] = t.seconds;
  dst[1] = t.minutes;
  dst[2] = t.hours;
  dst[3] = t.day;
  dst[4] = t.month;
  dst[5] = t.year;
  dst[6] = static_cast<uint8_t>((t.utc ? 0x01 : 0x00) | ((t.milliseconds & 0x7f) << 1));
  dst[7] = static_cast<uint8_t>((t.os_snapshot ? 0x01 : 0x00) |
                                (((t.milliseconds >> 7) & 0x07) << 1) | ((t.unused & 0x0f) << 4));
}

JET_ERR DecodeLogTimeAt(std::span<const uint8_t> buf, size_t offset, LogTime* out) {
  return DecodeAt<kLogTimeSize>(buf, offset, out, [](auto s) { return DecodeLogTime(s); });
}

bool LogTime::IsSet() const {
  std::array<uint8_t, kLogTimeSize> bytes{};
  EncodeLogTime(*this, bytes);
  return AnyNonZero(bytes);
}

std::string LogTime::ToString() const {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%02u/%02u/%04u %02u:%02u:%02u.%03u %s",
                static_cast<unsigned>(month), static_cast<unsigned>(day),
                static_cast<unsigned>(year) + 1900u, static_cast<unsigned>(hours),
                static_cast<unsigned>(minutes), static_cast<unsigned>(seconds),
                static_cast<unsigned>(milliseconds), utc ? "UTC" : "LOC");
  return buf;
}

LogTime LogTime::FromUnixMillis(int64_t unix_millis) {
  namespace chr = std::chrono;
  using Millis = chr::milliseconds;
  const chr::sys_time<Millis> tp{Millis{unix_millis}};
  const chr::sys_days day_point = chr::floor<chr::days>(tp);
  const chr::year_month_day ymd{day_point};
  const chr::hh_mm_ss<Millis> hms{tp - day_point};

  LogTime t;
  const int y = static_cast<int>(ymd.year());
  if (y < 1900) {
    t.year = 0;
    t.month = 1;
    t.day = 1;
  } else if (y > 1900 + 255) {
    t.year = 255;
    t.month = 12;
    t.day = 31;
    t.hours = 23;
    t.minutes = 59;
    t.seconds = 59;
    t.milliseconds = 999;
  } else {
    t.year = static_cast<uint8_t>(y - 1900);
    t.month = static_cast<uint8_t>(static_cast<unsigned>(ymd.month()));
    t.day = static_cast<uint8_t>(static_cast<unsigned>(ymd.day()));
    t.hours = static_cast<uint8_t>(hms.hours().count());
    t.minutes = static_cast<uint8_t>(hms.minutes().count());
    t.seconds = static_cast<uint8_t>(hms.seconds().count());
    t.milliseconds = static_cast<uint16_t>(hms.subseconds().count());
  }
  t.utc = true;
  return t;
}

// ---- LGPOS ----------------------------------------------------------------

Lgpos DecodeLgpos(std::span<const uint8_t, kLgposSize> src) {
  Lgpos p;
  p.ib = LoadLE16(src.data() + kLgposIbOffset);
  p.isec = LoadLE16(src.data() + kLgposIsecOffset);
  p.generation = static_cast<int32_t>(LoadLE32(src.data() + kLgposGenerationOffset));
  return p;
}

void EncodeLgpos(const Lgpos& p, std::span<uint8_t, kLgposSize> dst) {
  StoreLE16(dst.data() + kLgposIbOffset, p.ib);
  StoreLE16(dst.data() + kLgposIsecOffset, p.isec);
  StoreLE32(dst.data() + kLgposGenerationOffset, static_cast<uint32_t>(p.generation));
}

JET_ERR DecodeLgposAt(std::span<const uint8_t> buf, size_t offset, Lgpos* out) {
  return DecodeAt<kLgposSize>(buf, offset, out, [](auto s) { return DecodeLgpos(s); });
}

std::string Lgpos::ToString() const {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "(%08X,%04X,%04X)",
                static_cast<unsigned>(static_cast<uint32_t>(generation)),
                static_cast<unsigned>(isec), static_cast<unsigned>(ib));
  return buf;
}

// ---- SIGNATURE ------------------------------------------------------------

Signature DecodeSignature(std::span<const uint8_t, kSignatureSize> src) {
  Signature s;
  s.random = LoadLE32(src.data() + kSignatureRandomOffset);
  s.create_time = DecodeLogTime(src.subspan<kSignatureTimeOffset, kLogTimeSize>());
  for (size_t i = 0; i < kComputerNameSize; ++i) {
    s.computer_name[i] = src[kSignatureNameOffset + i];
  }
  return s;
}

void EncodeSignature(const Signature& s, std::span<uint8_t, kSignatureSize> dst) {
  StoreLE32(dst.data() + kSignatureRandomOffset, s.random);
  EncodeLogTime(s.create_time, dst.subspan<kSignatureTimeOffset, kLogTimeSize>());
  for (size_t i = 0; i < kComputerNameSize; ++i) {
    dst[kSignatureNameOffset + i] = s.computer_name[i];
  }
}

JET_ERR DecodeSignatureAt(std::span<const uint8_t> buf, size_t offset, Signature* out) {
  return DecodeAt<kSignatureSize>(buf, offset, out, [](auto s) { return DecodeSignature(s); });
}

std::string Signature::ComputerName() const {
  std::string name;
  for (uint8_t c : computer_name) {
    if (c == 0) {
      break;
    }
    name.push_back(static_cast<char>(c));
  }
  return name;
}

void Signature::SetComputerName(std::string_view name) {
  computer_name.fill(0);
  const size_t n = name.size() < kComputerNameSize - 1 ? name.size() : kComputerNameSize - 1;
  for (size_t i = 0; i < n; ++i) {
    computer_name[i] = static_cast<uint8_t>(name[i]);
  }
}

bool Signature::IsSet() const {
  std::array<uint8_t, kSignatureSize> bytes{};
  EncodeSignature(*this, bytes);
  return AnyNonZero(bytes);
}

std::string Signature::ToString() const {
  // A computer name is printed only up to its printable ASCII part, so a
  // corrupt name cannot put control characters on a terminal.
  std::string name;
  for (char c : ComputerName()) {
    name.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  }
  return "Create time:" + create_time.ToString() + " Rand:" + std::to_string(random) +
         " Computer:" + name;
}

// ---- BKINFO ---------------------------------------------------------------

BkInfo DecodeBkInfo(std::span<const uint8_t, kBkInfoSize> src) {
  BkInfo b;
  b.mark = DecodeLgpos(src.subspan<kBkInfoMarkOffset, kLgposSize>());
  b.mark_time = DecodeLogTime(src.subspan<kBkInfoTimeOffset, kLogTimeSize>());
  b.gen_low = LoadLE32(src.data() + kBkInfoGenLowOffset);
  b.gen_high = LoadLE32(src.data() + kBkInfoGenHighOffset);
  return b;
}

void EncodeBkInfo(const BkInfo& b, std::span<uint8_t, kBkInfoSize> dst) {
  EncodeLgpos(b.mark, dst.subspan<kBkInfoMarkOffset, kLgposSize>());
  EncodeLogTime(b.mark_time, dst.subspan<kBkInfoTimeOffset, kLogTimeSize>());
  StoreLE32(dst.data() + kBkInfoGenLowOffset, b.gen_low);
  StoreLE32(dst.data() + kBkInfoGenHighOffset, b.gen_high);
}

JET_ERR DecodeBkInfoAt(std::span<const uint8_t> buf, size_t offset, BkInfo* out) {
  return DecodeAt<kBkInfoSize>(buf, offset, out, [](auto s) { return DecodeBkInfo(s); });
}

bool BkInfo::IsSet() const {
  std::array<uint8_t, kBkInfoSize> bytes{};
  EncodeBkInfo(*this, bytes);
  return AnyNonZero(bytes);
}

// ---- DBTIME ---------------------------------------------------------------

DbTime DecodeDbTime(std::span<const uint8_t, kDbTimeSize> src) {
  return static_cast<DbTime>(LoadLE64(src.data()));
}

void EncodeDbTime(DbTime value, std::span<uint8_t, kDbTimeSize> dst) {
  StoreLE64(dst.data(), static_cast<uint64_t>(value));
}

JET_ERR DecodeDbTimeAt(std::span<const uint8_t> buf, size_t offset, DbTime* out) {
  return DecodeAt<kDbTimeSize>(buf, offset, out, [](auto s) { return DecodeDbTime(s); });
}

}  // namespace jet
