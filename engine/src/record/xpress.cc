#include "record/xpress.h"

#include <algorithm>
#include <array>

namespace jet {

namespace {

uint32_t Load16(const uint8_t* p) { return p[0] | (static_cast<uint32_t>(p[1]) << 8); }

uint32_t Load32(const uint8_t* p) { return Load16(p) | (Load16(p + 2) << 16); }

// Matches: at least 3 bytes, at most 8192 back (13 offset bits).
constexpr size_t kMinMatch = 3;
constexpr size_t kMaxOffset = 8192;
// Longest match the encoder emits; any length up to 2^32 - 1 + 3 decodes,
// but long runs gain nothing past this.
constexpr size_t kMaxMatch = 0xffff + kMinMatch;

}  // namespace

JET_ERR XpressDecompress(std::span<const uint8_t> input, std::span<uint8_t> output) {
  const size_t in_size = input.size();
  const size_t out_size = output.size();
  size_t in = 0;
  size_t out = 0;
  uint32_t flags = 0;
  int flag_count = 0;
  size_t half_byte_at = 0;  // where the shared length half-byte lives
  bool half_byte_pending = false;

  while (out < out_size) {
    if (flag_count == 0) {
      if (in_size - in < 4) return JET_errDecompressionFailed;
      flags = Load32(&input[in]);
      in += 4;
      flag_count = 32;
    }
    --flag_count;
    if ((flags & (1u << flag_count)) == 0) {
      if (in >= in_size) return JET_errDecompressionFailed;
      output[out++] = input[in++];
      continue;
    }

    if (in_size - in < 2) return JET_errDecompressionFailed;
    const uint32_t token = Load16(&input[in]);
    in += 2;
    const size_t offset = (token >> 3) + 1;
    size_t length = token & 7;
    if (length == 7) {
      if (!half_byte_pending) {
        if (in >= in_size) return JET_errDecompressionFailed;
        half_byte_at = in;
        half_byte_pending = true;
        length = input[in++] & 0x0f;
      } else {
        length = input[half_byte_at] >> 4;
        half_byte_pending = false;
      }
      if (length == 15) {
        if (in >= in_size) return JET_errDecompressionFailed;
        length = input[in++];
        if (length == 255) {
          if (in_size - in < 2) return JET_errDecompressionFailed;
          length = Load16(&input[in]);
          in += 2;
          if (length == 0) {
            if (in_size - in < 4) return JET_errDecompressionFailed;
            length = Load32(&input[in]);
            in += 4;
          }
          if (length < 15 + 7) return JET_errDecompressionFailed;
          length -= 15 + 7;
        }
        length += 15;
      }
      length += 7;
    }
    length += kMinMatch;

    if (offset > out) return JET_errDecompressionFailed;
    if (length > out_size - out) return JET_errDecompressionFailed;
    // Byte by byte: a match may overlap the bytes it produces (a run).
    for (size_t i = 0; i < length; ++i, ++out) output[out] = output[out - offset];
  }
  return JET_errSuccess;
}

void XpressCompress(std::span<const uint8_t> input, std::vector<uint8_t>* out) {
  const size_t n = input.size();

  // The flag word of the current group of 32 items is written once the
  // group is complete; its place is reserved first, and each item's bytes
  // are appended before its flag is counted.
  size_t flags_at = out->size();
  out->resize(out->size() + 4);
  uint32_t flags = 0;
  int flag_count = 0;
  size_t half_byte_at = 0;
  bool half_byte_pending = false;

  auto put16 = [out](uint32_t v) {
    out->push_back(static_cast<uint8_t>(v));
    out->push_back(static_cast<uint8_t>(v >> 8));
  };
  auto put32 = [&put16](uint32_t v) {
    put16(v & 0xffff);
    put16(v >> 16);
  };
  auto store_flags = [out](size_t at, uint32_t v) {
    (*out)[at] = static_cast<uint8_t>(v);
    (*out)[at + 1] = static_cast<uint8_t>(v >> 8);
    (*out)[at + 2] = static_cast<uint8_t>(v >> 16);
    (*out)[at + 3] = static_cast<uint8_t>(v >> 24);
  };
  auto push_flag = [&](bool match) {
    flags = (flags << 1) | (match ? 1u : 0u);
    if (++flag_count == 32) {
      store_flags(flags_at, flags);
      flags_at = out->size();
      out->resize(out->size() + 4);
      flags = 0;
      flag_count = 0;
    }
  };

  // Greedy parse with hash chains over 3-byte prefixes.
  constexpr size_t kHashBits = 13;
  constexpr size_t kChainDepth = 16;
  std::vector<int32_t> head(size_t{1} << kHashBits, -1);
  std::vector<int32_t> prev(n, -1);
  auto hash3 = [&input](size_t i) {
    const uint32_t v = input[i] | (input[i + 1] << 8) | (static_cast<uint32_t>(input[i + 2]) << 16);
    return static_cast<size_t>((v * 2654435761u) >> (32 - kHashBits));
  };
  auto insert = [&](size_t i) {
    if (i + kMinMatch > n) return;
    const size_t h = hash3(i);
    prev[i] = head[h];
    head[h] = static_cast<int32_t>(i);
  };

  size_t pos = 0;
  while (pos < n) {
    size_t best_len = 0;
    size_t best_off = 0;
    if (pos + kMinMatch <= n) {
      const size_t max_len = std::min(kMaxMatch, n - pos);
      int32_t cand = head[hash3(pos)];
      for (size_t depth = 0; cand >= 0 && depth < kChainDepth; ++depth) {
        const size_t c = static_cast<size_t>(cand);
        if (pos - c > kMaxOffset) break;
        size_t len = 0;
        while (len < max_len && input[c + len] == input[pos + len]) ++len;
        if (len > best_len) {
          best_len = len;
          best_off = pos - c;
          if (len == max_len) break;
        }
        cand = prev[c];
      }
    }

    if (best_len < kMinMatch) {
      out->push_back(input[pos]);
      push_flag(false);
      insert(pos);
      ++pos;
      continue;
    }

    // The match token: (offset - 1) << 3 | min(length - 3, 7).
    const size_t extra = best_len - kMinMatch;
    put16(static_cast<uint32_t>(((best_off - 1) << 3) | std::min<size_t>(extra, 7)));
    if (extra >= 7) {
      const size_t rest = extra - 7;
      const uint8_t nibble = static_cast<uint8_t>(std::min<size_t>(rest, 15));
      if (!half_byte_pending) {
        half_byte_at = out->size();
        out->push_back(nibble);
        half_byte_pending = true;
      } else {
        (*out)[half_byte_at] |= static_cast<uint8_t>(nibble << 4);
        half_byte_pending = false;
      }
      if (rest >= 15) {
        const size_t rest2 = rest - 15;
        if (rest2 < 255) {
          out->push_back(static_cast<uint8_t>(rest2));
        } else {
          out->push_back(255);
          // The u16 (or u32) holds length - 3.
          if (extra <= 0xffff) {
            put16(static_cast<uint32_t>(extra));
          } else {
            put16(0);
            put32(static_cast<uint32_t>(extra));
          }
        }
      }
    }
    push_flag(true);
    for (size_t i = 0; i < best_len; ++i) insert(pos + i);
    pos += best_len;
  }

  // Unused flag bits are ones: a decoder that stops on exhausted input (as
  // [MS-XCA] describes) sees "match" with no input left and ends cleanly.
  uint32_t last_flags = 0xffffffffu;
  if (flag_count > 0) {
    last_flags = (flags << (32 - flag_count)) | ((1u << (32 - flag_count)) - 1);
  }
  store_flags(flags_at, last_flags);
}

}  // namespace jet
