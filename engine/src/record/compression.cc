#include "record/compression.h"

#include <algorithm>
#include <cstring>

#include "record/seven_bit.h"
#include "record/xpress.h"

namespace jet {

CompressionScheme CompressionSchemeOf(std::span<const uint8_t> compressed) {
  if (compressed.empty()) return CompressionScheme::kNone;
  return static_cast<CompressionScheme>(compressed[0] >> 3);
}

namespace {

JET_ERR XpressSize(std::span<const uint8_t> compressed, size_t* size) {
  if (compressed.size() < kXpressHeaderSize) return JET_errDecompressionFailed;
  // The low three bits of the Xpress header byte are unused and written 0.
  if ((compressed[0] & 0x7) != 0) return JET_errDecompressionFailed;
  *size = compressed[1] | (static_cast<size_t>(compressed[2]) << 8);
  return JET_errSuccess;
}

}  // namespace

JET_ERR DecompressedSize(std::span<const uint8_t> compressed, size_t* size) {
  *size = 0;
  switch (CompressionSchemeOf(compressed)) {
    case CompressionScheme::kSevenBitAscii:
    case CompressionScheme::kSevenBitUnicode:
      return SevenBitUnpackedSize(compressed, size);
    case CompressionScheme::kXpress:
      return XpressSize(compressed, size);
    default:
      return JET_errDecompressionFailed;
  }
}

JET_ERR Decompress(std::span<const uint8_t> compressed, std::span<uint8_t> out, size_t* actual) {
  *actual = 0;
  switch (CompressionSchemeOf(compressed)) {
    case CompressionScheme::kSevenBitAscii:
    case CompressionScheme::kSevenBitUnicode:
      return UnpackSevenBit(compressed, out, actual);
    case CompressionScheme::kXpress: {
      size_t size = 0;
      const JET_ERR err = XpressSize(compressed, &size);
      if (err < 0) return err;
      const std::span<const uint8_t> stream = compressed.subspan(kXpressHeaderSize);
      if (out.size() >= size) {
        const JET_ERR derr = XpressDecompress(stream, out.first(size));
        if (derr < 0) return derr;
        *actual = size;
        return JET_errSuccess;
      }
      // Too small a buffer: decode all of it anyway, so a corrupt value is
      // reported whatever the caller's buffer size.
      std::vector<uint8_t> full(size);
      const JET_ERR derr = XpressDecompress(stream, full);
      if (derr < 0) return derr;
      if (!out.empty()) std::memcpy(out.data(), full.data(), out.size());
      *actual = size;
      return JET_wrnBufferTruncated;
    }
    default:
      return JET_errDecompressionFailed;
  }
}

JET_ERR DecompressToVector(std::span<const uint8_t> compressed, std::vector<uint8_t>* out) {
  out->clear();
  size_t size = 0;
  JET_ERR err = DecompressedSize(compressed, &size);
  if (err < 0) return err;
  out->resize(size);
  size_t actual = 0;
  err = Decompress(compressed, *out, &actual);
  if (err < 0) {
    out->clear();
    return err;
  }
  return JET_errSuccess;
}

bool CompressValue(std::span<const uint8_t> data, const CompressOptions& options,
                   std::vector<uint8_t>* out) {
  out->clear();
  if (data.empty()) return false;

  // Windows tries Xpress first and keeps it unless 7-bit Unicode packing
  // would be at least as small (compression.cxx, ErrCompress).
  bool have_xpress = false;
  if ((options.flags & kCompressXpress) != 0 && data.size() >= options.xpress_min_size &&
      data.size() <= 0xffff) {
    std::vector<uint8_t> x;
    x.push_back(static_cast<uint8_t>(static_cast<uint8_t>(CompressionScheme::kXpress) << 3));
    x.push_back(static_cast<uint8_t>(data.size()));
    x.push_back(static_cast<uint8_t>(data.size() >> 8));
    XpressCompress(data, &x);
    if (x.size() < data.size()) {
      have_xpress = true;
      *out = std::move(x);
      if (out->size() <= SevenBitPackedSize(data.size() / 2)) return true;
    }
  }

  if ((options.flags & kCompress7Bit) != 0) {
    // Unicode packing halves the size, so it wins whenever the data allows
    // it; after a successful Xpress only Unicode packing is worth trying.
    if (IsSevenBitUnicode(data) && SevenBitPackedSize(data.size() / 2) < data.size()) {
      out->clear();
      PackSevenBit(data, /*unicode=*/true, out);
      return true;
    }
    if (!have_xpress && IsSevenBitAscii(data) && SevenBitPackedSize(data.size()) < data.size()) {
      out->clear();
      PackSevenBit(data, /*unicode=*/false, out);
      return true;
    }
  }
  return have_xpress;
}

}  // namespace jet
