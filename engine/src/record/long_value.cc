#include "record/long_value.h"

#include <algorithm>

#include "format/endian.h"

namespace jet {

namespace {

uint32_t LoadBE32(const uint8_t* p) {
  return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
         (static_cast<uint32_t>(p[2]) << 8) | p[3];
}

uint64_t LoadBE64(const uint8_t* p) {
  return (static_cast<uint64_t>(LoadBE32(p)) << 32) | LoadBE32(p + 4);
}

void AppendBE32(std::vector<uint8_t>* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<uint8_t>(v >> shift));
}

void AppendLidKey(std::vector<uint8_t>* out, LvId lid) {
  if (IsLid64(lid)) AppendBE32(out, static_cast<uint32_t>(lid >> 32));
  AppendBE32(out, static_cast<uint32_t>(lid));
}

}  // namespace

bool IsValidLid(LvId lid) {
  if (IsLid64(lid)) return lid > kLid64Flag && lid <= kLid64Max;
  return lid > 0 && lid <= kLid32Max;
}

JET_ERR DecodeLidReference(std::span<const uint8_t> data, LvId* lid) {
  *lid = 0;
  LvId v = 0;
  if (data.size() == 4) {
    v = LoadLE32(data.data());
    if (IsLid64(v)) return JET_errDatabaseCorrupted;
  } else if (data.size() == 8) {
    v = LoadLE64(data.data());
    if (!IsLid64(v)) return JET_errDatabaseCorrupted;
  } else {
    return JET_errDatabaseCorrupted;
  }
  if (!IsValidLid(v)) return JET_errDatabaseCorrupted;
  *lid = v;
  return JET_errSuccess;
}

std::vector<uint8_t> EncodeLidReference(LvId lid) {
  std::vector<uint8_t> out(LidSize(lid));
  if (IsLid64(lid)) {
    StoreLE64(out.data(), lid);
  } else {
    StoreLE32(out.data(), static_cast<uint32_t>(lid));
  }
  return out;
}

std::vector<uint8_t> LvRootKey(LvId lid) {
  std::vector<uint8_t> key;
  AppendLidKey(&key, lid);
  return key;
}

std::vector<uint8_t> LvChunkKey(LvId lid, uint32_t offset) {
  std::vector<uint8_t> key;
  AppendLidKey(&key, lid);
  AppendBE32(&key, offset);
  return key;
}

JET_ERR ParseLvKey(std::span<const uint8_t> key, LvKey* out) {
  *out = LvKey{};
  LvKey k;
  switch (key.size()) {
    case 4:
      k.lid = LoadBE32(key.data());
      k.is_root = true;
      break;
    case 8:
      // The high bit of the first byte tells a LID64 root from a LID32
      // chunk (lv.hxx, LVKEY_BUFFER::fLid64).
      if ((key[0] & 0x80) != 0) {
        k.lid = LoadBE64(key.data());
        k.is_root = true;
      } else {
        k.lid = LoadBE32(key.data());
        k.offset = LoadBE32(key.data() + 4);
      }
      break;
    case 12:
      k.lid = LoadBE64(key.data());
      k.offset = LoadBE32(key.data() + 8);
      if (!IsLid64(k.lid)) return JET_errLVCorrupted;
      break;
    default:
      return JET_errLVCorrupted;
  }
  if (!IsValidLid(k.lid)) return JET_errLVCorrupted;
  *out = k;
  return JET_errSuccess;
}

JET_ERR DecodeLvRoot(std::span<const uint8_t> data, LvRoot* out) {
  *out = LvRoot{};
  if (data.size() != 8 && data.size() != 9) return JET_errLVCorrupted;
  LvRoot r;
  r.ref_count = LoadLE32(data.data());
  r.size = LoadLE32(data.data() + 4);
  if (data.size() == 9) {
    r.has_flags = true;
    r.flags = data[8];
  }
  *out = r;
  return JET_errSuccess;
}

std::vector<uint8_t> EncodeLvRoot(const LvRoot& root) {
  std::vector<uint8_t> out(root.has_flags ? 9 : 8);
  StoreLE32(out.data(), root.ref_count);
  StoreLE32(out.data() + 4, root.size);
  if (root.has_flags) out[8] = root.flags;
  return out;
}

uint32_t DefaultLvChunkSize(uint32_t page_size) {
  // JET_paramLVChunkSizeMost as documented by Microsoft. Pages up to 8 KiB
  // lose JET_cbColumnLVPageOverhead (82) bytes; larger pages use chunks of
  // about a quarter page.
  switch (page_size) {
    case 2048:
      return 1966;
    case 4096:
      return 4014;
    case 8192:
      return 8110;
    case 16384:
      return 4050;
    case 32768:
      return 8150;
    default:
      return 0;
  }
}

JET_ERR DecodeLvChunk(std::span<const uint8_t> data, uint32_t logical_size,
                      std::vector<uint8_t>* out) {
  if (data.size() == logical_size) {
    out->insert(out->end(), data.begin(), data.end());
    return JET_errSuccess;
  }
  if (data.size() > logical_size || data.empty()) return JET_errLVCorrupted;
  size_t size = 0;
  JET_ERR err = DecompressedSize(data, &size);
  if (err < 0) return err;
  if (size != logical_size) return JET_errLVCorrupted;
  const size_t at = out->size();
  out->resize(at + size);
  size_t actual = 0;
  err = Decompress(data, std::span<uint8_t>(*out).subspan(at), &actual);
  if (err < 0) {
    out->resize(at);
    return err;
  }
  return JET_errSuccess;
}

JET_ERR ReassembleLongValue(const LvRoot& root, std::span<const LvChunkView> chunks,
                            uint32_t chunk_size, std::vector<uint8_t>* out) {
  out->clear();
  if ((root.flags & kLvRootEncrypted) != 0) return JET_errFeatureNotAvailable;
  if (chunks.empty()) return root.size == 0 ? JET_errSuccess : JET_errLVCorrupted;
  if (chunks.front().offset != 0) return JET_errLVCorrupted;
  for (size_t i = 0; i < chunks.size(); ++i) {
    const uint32_t start = chunks[i].offset;
    const uint32_t end = (i + 1 < chunks.size()) ? chunks[i + 1].offset : root.size;
    if (end <= start) return JET_errLVCorrupted;
    if (chunk_size != 0 && (start % chunk_size != 0 || end - start > chunk_size)) {
      return JET_errLVCorrupted;
    }
    const JET_ERR err = DecodeLvChunk(chunks[i].data, end - start, out);
    if (err < 0) {
      out->clear();
      return err;
    }
  }
  return JET_errSuccess;
}

JET_ERR SplitLongValue(std::span<const uint8_t> value, uint32_t chunk_size,
                       const CompressOptions* compress, LvRoot* root,
                       std::vector<LvChunk>* chunks) {
  chunks->clear();
  *root = LvRoot{};
  if (chunk_size == 0 || value.size() > 0xffffffffu) return JET_errInvalidParameter;
  root->size = static_cast<uint32_t>(value.size());
  std::vector<uint8_t> packed;
  for (size_t offset = 0; offset < value.size(); offset += chunk_size) {
    const size_t n = std::min<size_t>(chunk_size, value.size() - offset);
    const std::span<const uint8_t> slice = value.subspan(offset, n);
    LvChunk chunk;
    chunk.offset = static_cast<uint32_t>(offset);
    if (compress != nullptr && CompressValue(slice, *compress, &packed)) {
      chunk.data = std::move(packed);
      packed.clear();
    } else {
      chunk.data.assign(slice.begin(), slice.end());
    }
    chunks->push_back(std::move(chunk));
  }
  return JET_errSuccess;
}

}  // namespace jet
