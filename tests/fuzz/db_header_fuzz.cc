// libFuzzer target: database header decoding (primary + shadow pick, dump)
// must never crash or read out of bounds, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "format/db_header.h"
#include "format/db_header_dump.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const uint8_t> input(data, size);
  jet::DbFileHeader header;
  if (jet::DecodeDbHeader(input, &header) >= 0) {
    std::vector<uint8_t> page(input.size());
    // A header that decodes must re-encode without error.
    if (jet::EncodeDbHeader(header, page) < 0) __builtin_trap();
    (void)jet::DumpDbHeader(header);
  }
  (void)jet::ParseDbHeader(input, &header);
  // Split the input into a primary and a shadow copy.
  size_t half = size / 2;
  jet::DbHeaderPick pick;
  if (jet::PickDbHeader(input.first(half), input.subspan(half), &pick) >= 0) {
    (void)jet::DumpDbHeader(pick);
  }
  return 0;
}
