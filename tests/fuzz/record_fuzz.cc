// libFuzzer target for the record layer: record parsing (three format
// variants), value retrieval, decompression and long-value key/root/chunk
// decoding must never crash or read out of bounds, whatever the bytes.
// Built by the fuzz preset (tests/fuzz/CMakeLists.txt):
//   build/fuzz/tests/fuzz/record_fuzz -max_len=9000 tests/fuzz/corpus/record_fuzz

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "record/compression.h"
#include "record/long_value.h"
#include "record/record_reader.h"
#include "record/record_writer.h"

namespace {

const jet::RecordSchema& FuzzSchema() {
  static const jet::RecordSchema schema = [] {
    std::vector<jet::ColumnSpec> cols;
    auto add = [&](uint32_t id, uint32_t coltyp, uint32_t max_size, bool multi) {
      jet::ColumnSpec c;
      c.id = id;
      c.coltyp = coltyp;
      c.max_size = max_size;
      c.multi_valued = multi;
      cols.push_back(c);
    };
    add(1, JET_coltypLong, 0, false);
    add(2, JET_coltypBinary, 16, false);
    add(3, JET_coltypGUID, 0, false);
    add(128, JET_coltypText, 0, false);
    add(129, JET_coltypBinary, 0, false);
    add(256, JET_coltypText, 0, true);
    add(257, JET_coltypLongText, 0, true);
    add(258, JET_coltypLongBinary, 0, false);
    jet::RecordSchema s;
    (void)jet::RecordSchema::Create(cols, &s);
    return s;
  }();
  return schema;
}

void Exercise(std::span<const uint8_t> data, const jet::RecordFormat& format) {
  jet::RecordReader reader;
  if (jet::RecordReader::Open(data, format, &reader) < 0) return;
  uint8_t buffer[256];
  for (const jet::ColumnSpec& c : FuzzSchema().columns()) {
    uint32_t count = 0;
    if (reader.CountValues(c, &count) < 0) continue;
    for (uint32_t i = 1; i <= count + 1 && i < 64; ++i) {
      jet::ColumnValue v;
      if (reader.GetValue(c, i, &v) != JET_errSuccess || v.separated) continue;
      size_t actual = 0;
      (void)jet::CopyValue(v, buffer, &actual);
    }
  }
  jet::RecordValues values;
  if (reader.DecodeAll(FuzzSchema(), &values) == JET_errSuccess && format.new_tagged_format) {
    // What decodes must encode again.
    std::vector<uint8_t> again;
    (void)jet::EncodeRecord(FuzzSchema(), format, values, &again);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> input(data, size);
  Exercise(input, jet::RecordFormat{4096, true});
  Exercise(input, jet::RecordFormat{32768, true});
  Exercise(input, jet::RecordFormat{8192, false});

  std::vector<uint8_t> out;
  (void)jet::DecompressToVector(input, &out);

  jet::LvKey key;
  (void)jet::ParseLvKey(input, &key);
  jet::LvRoot root;
  (void)jet::DecodeLvRoot(input.first(size < 9 ? size : 9), &root);
  if (size > 4) {
    // The first 4 bytes choose the logical size of a chunk made of the rest.
    const uint32_t logical = (data[0] | (data[1] << 8)) % 20000;
    (void)jet::DecodeLvChunk(input.subspan(4), logical, &out);
  }
  return 0;
}
