#include "pageop/page_operation.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "format/checksum.h"
#include "format/endian.h"
#include "format/page.h"

namespace jet {

namespace {

// ESE compresses a key only when the shared prefix is longer than the
// cbPrefix field (node.cxx: prefix.Cb() > cbPrefixOverhead).
constexpr size_t kPrefixOverhead = 2;

bool NodeFits(const NodeImage& node) {
  return (node.flags & ~kPageOpNodeFlagsMask) == 0 && node.cb_prefix <= kNodeKeyLengthMask &&
         node.suffix.size() <= kNodeKeyLengthMask &&
         // A node's line (counts + suffix + data) must fit a 15-bit tag cb.
         node.suffix.size() + node.data.size() + 4 <= 0x7fff;
}

bool NodesFit(const std::vector<NodeImage>& nodes) {
  return std::all_of(nodes.begin(), nodes.end(), NodeFits);
}

}  // namespace

const char* PageOpKindName(PageOpKind kind) {
  switch (kind) {
    case PageOpKind::kInsert:
      return "Insert";
    case PageOpKind::kFlagInsert:
      return "FlagInsert";
    case PageOpKind::kFlagDelete:
      return "FlagDelete";
    case PageOpKind::kReplace:
      return "Replace";
    case PageOpKind::kDelete:
      return "Delete";
    case PageOpKind::kSetExternalHeader:
      return "SetExternalHeader";
    case PageOpKind::kSplit:
      return "Split2";
    case PageOpKind::kMerge:
      return "Merge2";
    case PageOpKind::kNewPage:
      return "NewPage";
    case PageOpKind::kSetNodeFlags:
      return "SetNodeFlags";
    case PageOpKind::kSetPageHeader:
      return "SetPageHeader";
    case PageOpKind::kPageImage:
      return "PageImage";
  }
  return "Unknown";
}

bool IsKnownPageOpKind(uint8_t value) {
  switch (static_cast<PageOpKind>(value)) {
    case PageOpKind::kInsert:
    case PageOpKind::kFlagInsert:
    case PageOpKind::kFlagDelete:
    case PageOpKind::kReplace:
    case PageOpKind::kDelete:
    case PageOpKind::kSetExternalHeader:
    case PageOpKind::kSplit:
    case PageOpKind::kMerge:
    case PageOpKind::kNewPage:
    case PageOpKind::kSetNodeFlags:
    case PageOpKind::kSetPageHeader:
    case PageOpKind::kPageImage:
      return true;
  }
  return false;
}

bool IsWholePageKind(PageOpKind kind) {
  return kind == PageOpKind::kNewPage || kind == PageOpKind::kPageImage;
}

NodeImage MakeNodeImage(std::span<const uint8_t> key, std::span<const uint8_t> data,
                        std::span<const uint8_t> prefix, uint8_t flags) {
  const size_t limit = std::min({key.size(), prefix.size(), size_t{kNodeKeyLengthMask}});
  size_t common = 0;
  while (common < limit && key[common] == prefix[common]) {
    ++common;
  }
  if (common <= kPrefixOverhead) {
    common = 0;
  }
  NodeImage node;
  node.flags = static_cast<uint8_t>(flags & kPageOpNodeFlagsMask);
  node.cb_prefix = static_cast<uint16_t>(common);
  node.suffix.assign(key.begin() + static_cast<std::ptrdiff_t>(common), key.end());
  node.data.assign(data.begin(), data.end());
  return node;
}

PageOperation PageOperation::Insert(uint16_t iline, NodeImage node) {
  PageOperation op;
  op.kind = PageOpKind::kInsert;
  op.iline = iline;
  op.nodes.push_back(std::move(node));
  return op;
}

PageOperation PageOperation::Replace(uint16_t iline, NodeImage node) {
  PageOperation op;
  op.kind = PageOpKind::kReplace;
  op.iline = iline;
  op.nodes.push_back(std::move(node));
  return op;
}

PageOperation PageOperation::Delete(uint16_t iline) {
  PageOperation op;
  op.kind = PageOpKind::kDelete;
  op.iline = iline;
  return op;
}

PageOperation PageOperation::FlagDelete(uint16_t iline) {
  PageOperation op;
  op.kind = PageOpKind::kFlagDelete;
  op.iline = iline;
  return op;
}

PageOperation PageOperation::FlagInsert(uint16_t iline) {
  PageOperation op;
  op.kind = PageOpKind::kFlagInsert;
  op.iline = iline;
  return op;
}

PageOperation PageOperation::SetNodeFlags(uint16_t iline, uint8_t flags) {
  PageOperation op;
  op.kind = PageOpKind::kSetNodeFlags;
  op.iline = iline;
  op.node_flags = flags;
  return op;
}

PageOperation PageOperation::SetExternalHeader(std::vector<uint8_t> header) {
  PageOperation op;
  op.kind = PageOpKind::kSetExternalHeader;
  op.header.external_header = std::move(header);
  return op;
}

PageOperation PageOperation::SetPageHeader(PageHeaderChange change) {
  PageOperation op;
  op.kind = PageOpKind::kSetPageHeader;
  op.header = std::move(change);
  return op;
}

PageOperation PageOperation::NewPage(uint32_t flags, uint32_t objid_fdp, uint32_t pgno_prev,
                                     uint32_t pgno_next, std::vector<uint8_t> external_header,
                                     std::vector<NodeImage> nodes) {
  PageOperation op;
  op.kind = PageOpKind::kNewPage;
  op.header.flags = flags;
  op.header.objid_fdp = objid_fdp;
  op.header.pgno_prev = pgno_prev;
  op.header.pgno_next = pgno_next;
  op.header.external_header = std::move(external_header);
  op.nodes = std::move(nodes);
  return op;
}

PageOperation PageOperation::Split(uint16_t iline, uint16_t cline_removed,
                                   std::vector<NodeImage> nodes, PageHeaderChange change) {
  PageOperation op;
  op.kind = PageOpKind::kSplit;
  op.iline = iline;
  op.cline_removed = cline_removed;
  op.nodes = std::move(nodes);
  op.header = std::move(change);
  return op;
}

PageOperation PageOperation::Merge(uint16_t iline, uint16_t cline_removed,
                                   std::vector<NodeImage> nodes, PageHeaderChange change) {
  PageOperation op = Split(iline, cline_removed, std::move(nodes), std::move(change));
  op.kind = PageOpKind::kMerge;
  return op;
}

PageOperation PageOperation::PageImage(std::span<const uint8_t> page) {
  PageOperation op;
  op.kind = PageOpKind::kPageImage;
  op.image.assign(page.begin(), page.end());
  if (page.size() >= kPageOffDbtimeDirtied + 8) {
    op.dbtime_before = op.dbtime_after =
        static_cast<DbTime>(LoadLE64(page.data() + kPageOffDbtimeDirtied));
  }
  return op;
}

std::string PageOperation::ToString() const {
  char buf[160];
  std::snprintf(buf, sizeof(buf), "%s dbid %u pgno %u dbtime %lld->%lld iline %u",
                PageOpKindName(kind), dbid, pgno, static_cast<long long>(dbtime_before),
                static_cast<long long>(dbtime_after), iline);
  std::string out = buf;
  if (kind == PageOpKind::kSplit || kind == PageOpKind::kMerge) {
    std::snprintf(buf, sizeof(buf), " removed %u", cline_removed);
    out += buf;
  }
  if (!nodes.empty()) {
    std::snprintf(buf, sizeof(buf), " nodes %zu", nodes.size());
    out += buf;
  }
  if (header.pgno_prev) {
    std::snprintf(buf, sizeof(buf), " prev %u", *header.pgno_prev);
    out += buf;
  }
  if (header.pgno_next) {
    std::snprintf(buf, sizeof(buf), " next %u", *header.pgno_next);
    out += buf;
  }
  if (header.flags) {
    std::snprintf(buf, sizeof(buf), " flags 0x%x", *header.flags);
    out += buf;
  }
  if (header.objid_fdp) {
    std::snprintf(buf, sizeof(buf), " objid %u", *header.objid_fdp);
    out += buf;
  }
  if (header.external_header) {
    std::snprintf(buf, sizeof(buf), " ext %zu bytes", header.external_header->size());
    out += buf;
  }
  if (!image.empty()) {
    std::snprintf(buf, sizeof(buf), " image %zu bytes", image.size());
    out += buf;
  }
  return out;
}

JET_ERR ValidatePageOperation(const PageOperation& op) {
  if (!IsKnownPageOpKind(static_cast<uint8_t>(op.kind))) {
    return JET_errInvalidParameter;
  }
  // The largest data area (32 KiB page less PGHDR2) bounds every length.
  constexpr size_t kMaxExternalHeader = 32768 - 80;
  if (op.header.external_header && op.header.external_header->size() > kMaxExternalHeader) {
    return JET_errInvalidParameter;
  }
  if (!NodesFit(op.nodes)) {
    return JET_errInvalidParameter;
  }
  const bool links_or_flags =
      op.header.pgno_prev || op.header.pgno_next || op.header.flags || op.header.objid_fdp;
  const bool node_op = op.kind == PageOpKind::kInsert || op.kind == PageOpKind::kReplace ||
                       op.kind == PageOpKind::kDelete || op.kind == PageOpKind::kFlagInsert ||
                       op.kind == PageOpKind::kFlagDelete || op.kind == PageOpKind::kSetNodeFlags;
  if (op.kind != PageOpKind::kPageImage && !op.image.empty()) {
    return JET_errInvalidParameter;
  }
  if (op.kind != PageOpKind::kSplit && op.kind != PageOpKind::kMerge && op.cline_removed != 0) {
    return JET_errInvalidParameter;
  }
  if (op.kind != PageOpKind::kSetNodeFlags && op.node_flags != 0) {
    return JET_errInvalidParameter;
  }
  if (node_op && !op.header.empty()) {
    return JET_errInvalidParameter;
  }
  switch (op.kind) {
    case PageOpKind::kInsert:
    case PageOpKind::kReplace:
      if (op.nodes.size() != 1) return JET_errInvalidParameter;
      break;
    case PageOpKind::kDelete:
    case PageOpKind::kFlagInsert:
    case PageOpKind::kFlagDelete:
      if (!op.nodes.empty()) return JET_errInvalidParameter;
      break;
    case PageOpKind::kSetNodeFlags:
      if (!op.nodes.empty() || (op.node_flags & ~kPageOpNodeFlagsMask) != 0) {
        return JET_errInvalidParameter;
      }
      break;
    case PageOpKind::kSetExternalHeader:
      if (!op.nodes.empty() || !op.header.external_header || links_or_flags || op.iline != 0) {
        return JET_errInvalidParameter;
      }
      break;
    case PageOpKind::kSetPageHeader:
      if (!op.nodes.empty() || !links_or_flags || op.header.external_header || op.iline != 0) {
        return JET_errInvalidParameter;
      }
      break;
    case PageOpKind::kNewPage:
      if (!op.header.pgno_prev || !op.header.pgno_next || !op.header.flags ||
          !op.header.objid_fdp || op.iline != 0) {
        return JET_errInvalidParameter;
      }
      break;
    case PageOpKind::kSplit:
    case PageOpKind::kMerge:
      if (op.cline_removed == 0 && op.nodes.empty() && op.header.empty()) {
        return JET_errInvalidParameter;  // changes nothing
      }
      break;
    case PageOpKind::kPageImage:
      if (!op.nodes.empty() || !op.header.empty() || op.iline != 0 ||
          !IsValidPageSize(op.image.size()) ||
          static_cast<DbTime>(LoadLE64(op.image.data() + kPageOffDbtimeDirtied)) !=
              op.dbtime_after ||
          op.dbtime_before != op.dbtime_after) {
        return JET_errInvalidParameter;
      }
      break;
  }
  if (op.kind == PageOpKind::kPageImage) {
    return JET_errSuccess;
  }
  if (op.kind == PageOpKind::kNewPage) {
    // Whole-page: dbtime_before is informational, but time never runs back.
    return op.dbtime_after > 0 && op.dbtime_after > op.dbtime_before ? JET_errSuccess
                                                                     : JET_errInvalidParameter;
  }
  return op.dbtime_after > op.dbtime_before && op.dbtime_before >= 0 ? JET_errSuccess
                                                                     : JET_errInvalidParameter;
}

}  // namespace jet
