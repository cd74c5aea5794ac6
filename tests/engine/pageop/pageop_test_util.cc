#include "pageop_test_util.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "format/page_editor.h"

namespace jet::pageop_test {

Bytes MakePage(const PageSpec& spec, const std::vector<NodeRec>& nodes) {
  Bytes page(spec.page_size);
  PageEditor::NewPage info;
  info.pgno = spec.pgno;
  info.objid_fdp = spec.objid;
  info.flags = spec.flags;
  info.dbtime = spec.dbtime;
  info.pgno_prev = spec.prev;
  info.pgno_next = spec.next;
  PageEditor editor;
  if (PageEditor::Format(page, info, &editor) < 0) std::abort();
  if (!spec.external_header.empty() && editor.SetExternalHeader(spec.external_header) < 0) {
    std::abort();
  }
  const bool fdp_root = (spec.flags & kPageFlagRoot) != 0 && (spec.flags & kPageFlagSpaceTree) == 0;
  int iline = 0;
  for (const NodeRec& node : nodes) {
    size_t common = 0;
    if (!fdp_root) {
      const Bytes& prefix = spec.external_header;
      while (common < node.key.size() && common < prefix.size() &&
             node.key[common] == prefix[common]) {
        ++common;
      }
      if (common <= 2) common = 0;
    }
    Bytes line;
    uint8_t flags = static_cast<uint8_t>(node.flags & 0x3);
    const std::span<const uint8_t> suffix(node.key.data() + common, node.key.size() - common);
    if (EncodeNode(static_cast<uint16_t>(common), suffix, node.data, &line, &flags) < 0) {
      std::abort();
    }
    if (editor.Insert(iline++, line, flags) < 0) std::abort();
  }
  return page;
}

std::vector<NodeRec> ReadNodes(std::span<const uint8_t> page) {
  PageView view;
  std::vector<NodeRec> out;
  if (PageView::Open(page, &view) < 0) return out;
  for (int i = 0; i < view.line_count(); ++i) {
    const Node n = view.line(i);
    NodeRec rec;
    rec.key = n.Key();
    rec.data.assign(n.data.begin(), n.data.end());
    rec.flags = n.flags;
    out.push_back(std::move(rec));
  }
  return out;
}

PageHeader ReadHeader(std::span<const uint8_t> page) {
  PageHeader h;
  (void)DecodePageHeader(page, &h);
  return h;
}

Bytes Key(int i) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "key-%06d", i);
  return B(buf);
}

Bytes Data(int i, size_t size) {
  Bytes data(size);
  for (size_t k = 0; k < size; ++k) {
    data[k] = static_cast<uint8_t>(i * 31 + static_cast<int>(k));
  }
  return data;
}

std::mt19937_64 SeededRandom(const char* test_name) {
  uint64_t seed = 0;
  if (const char* env = std::getenv("JETSVC_TEST_SEED"); env != nullptr && env[0] != '\0') {
    seed = std::strtoull(env, nullptr, 0);
  } else {
    seed = static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
  std::printf("%s: seed %llu (rerun with JETSVC_TEST_SEED=%llu)\n", test_name,
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
  return std::mt19937_64(seed);
}

}  // namespace jet::pageop_test
