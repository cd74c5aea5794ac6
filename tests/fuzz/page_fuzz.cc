// libFuzzer target: page validation (checksum with correction, page number,
// structure) and node parsing must never crash or read outside the page.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "format/page.h"

namespace {
volatile uint8_t g_sink;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  // The first 4 bytes choose the page number; the rest is the page, padded
  // or cut to a valid page size.
  uint32_t pgno;
  std::memcpy(&pgno, data, 4);
  data += 4;
  size -= 4;
  const size_t page_size = size <= 4096 ? 4096 : size <= 8192 ? 8192 : size <= 16384 ? 16384 : 32768;
  std::vector<uint8_t> page(page_size, 0);
  std::memcpy(page.data(), data, size < page_size ? size : page_size);

  jet::PageView view;
  if (jet::PageView::Open(page, pgno, &view) >= 0) {
    // Touch every byte a view hands out, so ASan sees any out-of-page span.
    uint8_t sink = 0;
    for (int i = 0; i < view.line_count(); ++i) {
      jet::Node node = view.line(i);
      for (uint8_t b : node.Key()) sink ^= b;
      for (uint8_t b : node.data) sink ^= b;
    }
    for (uint8_t b : view.ExternalHeader()) sink ^= b;
    for (uint8_t b : view.PrefixSource()) sink ^= b;
    g_sink = sink;
  }
  jet::PageValidation validation;
  (void)jet::ValidatePage(page, pgno, /*correct=*/true, &validation, &view);
  return 0;
}
