#include "pageop/page_operation_codec.h"

#include <utility>

#include "format/endian.h"

namespace jet {

namespace {

constexpr uint8_t kHeaderChangeKnown = kHeaderChangePrev | kHeaderChangeNext | kHeaderChangeFlags |
                                       kHeaderChangeObjid | kHeaderChangeExternalHeader;
constexpr size_t kNodeFixedSize = 7;  // flags, cbPrefix, cbSuffix, cbData

// ---- encoding ----

class Writer {
 public:
  explicit Writer(std::vector<uint8_t>* out) : out_(out) {}
  void U8(uint8_t v) { out_->push_back(v); }
  void U16(uint16_t v) {
    uint8_t b[2];
    StoreLE16(b, v);
    out_->insert(out_->end(), b, b + 2);
  }
  void U32(uint32_t v) {
    uint8_t b[4];
    StoreLE32(b, v);
    out_->insert(out_->end(), b, b + 4);
  }
  void U64(uint64_t v) {
    uint8_t b[8];
    StoreLE64(b, v);
    out_->insert(out_->end(), b, b + 8);
  }
  void Bytes(std::span<const uint8_t> bytes) {
    out_->insert(out_->end(), bytes.begin(), bytes.end());
  }

 private:
  std::vector<uint8_t>* out_;
};

bool HasNodes(PageOpKind kind) {
  return kind == PageOpKind::kNewPage || kind == PageOpKind::kSplit || kind == PageOpKind::kMerge;
}

size_t NodeSize(const NodeImage& node) {
  return kNodeFixedSize + node.suffix.size() + node.data.size();
}

size_t HeaderChangeSize(const PageHeaderChange& h) {
  size_t size = 1;
  size += h.pgno_prev ? 4 : 0;
  size += h.pgno_next ? 4 : 0;
  size += h.flags ? 4 : 0;
  size += h.objid_fdp ? 4 : 0;
  size += h.external_header ? 2 + h.external_header->size() : 0;
  return size;
}

size_t PayloadSize(const PageOperation& op) {
  switch (op.kind) {
    case PageOpKind::kInsert:
    case PageOpKind::kReplace:
      return op.nodes.empty() ? 0 : NodeSize(op.nodes[0]);  // (empty: not a valid record)
    case PageOpKind::kDelete:
    case PageOpKind::kFlagInsert:
    case PageOpKind::kFlagDelete:
      return 0;
    case PageOpKind::kSetNodeFlags:
      return 1;
    case PageOpKind::kSetExternalHeader:
      return 2 + (op.header.external_header ? op.header.external_header->size() : 0);
    case PageOpKind::kPageImage:
      return op.image.size();
    case PageOpKind::kSetPageHeader:
    case PageOpKind::kNewPage:
    case PageOpKind::kSplit:
    case PageOpKind::kMerge:
      break;
  }
  size_t size = HeaderChangeSize(op.header);
  if (op.kind == PageOpKind::kSplit || op.kind == PageOpKind::kMerge) {
    size += 2;  // cline_removed
  }
  if (HasNodes(op.kind)) {
    size += 2;
    for (const NodeImage& node : op.nodes) {
      size += NodeSize(node);
    }
  }
  return size;
}

void WriteNode(Writer& w, const NodeImage& node) {
  w.U8(node.flags);
  w.U16(node.cb_prefix);
  w.U16(static_cast<uint16_t>(node.suffix.size()));
  w.U16(static_cast<uint16_t>(node.data.size()));
  w.Bytes(node.suffix);
  w.Bytes(node.data);
}

void WriteHeaderChange(Writer& w, const PageHeaderChange& h) {
  uint8_t mask = 0;
  mask |= h.pgno_prev ? kHeaderChangePrev : 0;
  mask |= h.pgno_next ? kHeaderChangeNext : 0;
  mask |= h.flags ? kHeaderChangeFlags : 0;
  mask |= h.objid_fdp ? kHeaderChangeObjid : 0;
  mask |= h.external_header ? kHeaderChangeExternalHeader : 0;
  w.U8(mask);
  if (h.pgno_prev) w.U32(*h.pgno_prev);
  if (h.pgno_next) w.U32(*h.pgno_next);
  if (h.flags) w.U32(*h.flags);
  if (h.objid_fdp) w.U32(*h.objid_fdp);
  if (h.external_header) {
    w.U16(static_cast<uint16_t>(h.external_header->size()));
    w.Bytes(*h.external_header);
  }
}

// ---- decoding ----

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return at_ == in_.size(); }
  size_t remaining() const { return in_.size() - at_; }

  uint8_t U8() {
    if (!Need(1)) return 0;
    return in_[at_++];
  }
  uint16_t U16() {
    if (!Need(2)) return 0;
    const uint16_t v = LoadLE16(in_.data() + at_);
    at_ += 2;
    return v;
  }
  uint32_t U32() {
    if (!Need(4)) return 0;
    const uint32_t v = LoadLE32(in_.data() + at_);
    at_ += 4;
    return v;
  }
  uint64_t U64() {
    if (!Need(8)) return 0;
    const uint64_t v = LoadLE64(in_.data() + at_);
    at_ += 8;
    return v;
  }
  void Bytes(size_t n, std::vector<uint8_t>* out) {
    if (!Need(n)) return;
    out->assign(in_.begin() + static_cast<std::ptrdiff_t>(at_),
                in_.begin() + static_cast<std::ptrdiff_t>(at_ + n));
    at_ += n;
  }

 private:
  bool Need(size_t n) {
    if (!ok_ || remaining() < n) {
      ok_ = false;
      return false;
    }
    return true;
  }

  std::span<const uint8_t> in_;
  size_t at_ = 0;
  bool ok_ = true;
};

bool ReadNode(Reader& r, NodeImage* node) {
  node->flags = r.U8();
  node->cb_prefix = r.U16();
  const uint16_t cb_suffix = r.U16();
  const uint16_t cb_data = r.U16();
  if (!r.ok() || (node->flags & ~kPageOpNodeFlagsMask) != 0) {
    return false;
  }
  // Check the lengths before allocating anything.
  if (static_cast<size_t>(cb_suffix) + cb_data > r.remaining()) {
    return false;
  }
  r.Bytes(cb_suffix, &node->suffix);
  r.Bytes(cb_data, &node->data);
  return r.ok();
}

bool ReadNodes(Reader& r, std::vector<NodeImage>* nodes) {
  const uint16_t count = r.U16();
  // Each node takes at least kNodeFixedSize bytes: refuse counts the input
  // cannot hold before reserving memory for them.
  if (!r.ok() || static_cast<size_t>(count) * kNodeFixedSize > r.remaining()) {
    return false;
  }
  nodes->resize(count);
  for (NodeImage& node : *nodes) {
    if (!ReadNode(r, &node)) return false;
  }
  return true;
}

bool ReadHeaderChange(Reader& r, PageHeaderChange* h) {
  const uint8_t mask = r.U8();
  if (!r.ok() || (mask & ~kHeaderChangeKnown) != 0) {
    return false;
  }
  if (mask & kHeaderChangePrev) h->pgno_prev = r.U32();
  if (mask & kHeaderChangeNext) h->pgno_next = r.U32();
  if (mask & kHeaderChangeFlags) h->flags = r.U32();
  if (mask & kHeaderChangeObjid) h->objid_fdp = r.U32();
  if (mask & kHeaderChangeExternalHeader) {
    const uint16_t cb = r.U16();
    if (!r.ok() || cb > r.remaining()) return false;
    std::vector<uint8_t> bytes;
    r.Bytes(cb, &bytes);
    h->external_header = std::move(bytes);
  }
  return r.ok();
}

bool ReadPayload(Reader& r, PageOperation* op) {
  switch (op->kind) {
    case PageOpKind::kInsert:
    case PageOpKind::kReplace:
      op->nodes.resize(1);
      return ReadNode(r, &op->nodes[0]);
    case PageOpKind::kDelete:
    case PageOpKind::kFlagInsert:
    case PageOpKind::kFlagDelete:
      return true;
    case PageOpKind::kSetNodeFlags:
      op->node_flags = r.U8();
      return r.ok();
    case PageOpKind::kSetExternalHeader: {
      const uint16_t cb = r.U16();
      if (!r.ok() || cb > r.remaining()) return false;
      std::vector<uint8_t> bytes;
      r.Bytes(cb, &bytes);
      op->header.external_header = std::move(bytes);
      return r.ok();
    }
    case PageOpKind::kPageImage:
      r.Bytes(r.remaining(), &op->image);
      return r.ok();
    case PageOpKind::kSetPageHeader:
      return ReadHeaderChange(r, &op->header);
    case PageOpKind::kNewPage:
      return ReadHeaderChange(r, &op->header) && ReadNodes(r, &op->nodes);
    case PageOpKind::kSplit:
    case PageOpKind::kMerge:
      op->cline_removed = r.U16();
      return r.ok() && ReadHeaderChange(r, &op->header) && ReadNodes(r, &op->nodes);
  }
  return false;
}

}  // namespace

size_t EncodedPageOperationSize(const PageOperation& op) {
  return kPageOpHeaderSize + PayloadSize(op);
}

JET_ERR EncodePageOperation(const PageOperation& op, std::vector<uint8_t>* out) {
  JET_ERR err = ValidatePageOperation(op);
  if (err < 0) {
    return err;
  }
  const size_t payload = PayloadSize(op);
  out->reserve(out->size() + kPageOpHeaderSize + payload);
  Writer w(out);
  w.U8(static_cast<uint8_t>(op.kind));
  w.U8(op.dbid);
  w.U32(op.pgno);
  w.U64(static_cast<uint64_t>(op.dbtime_after));
  w.U64(static_cast<uint64_t>(op.dbtime_before));
  w.U16(op.iline);
  w.U32(static_cast<uint32_t>(payload));
  switch (op.kind) {
    case PageOpKind::kInsert:
    case PageOpKind::kReplace:
      WriteNode(w, op.nodes[0]);
      break;
    case PageOpKind::kDelete:
    case PageOpKind::kFlagInsert:
    case PageOpKind::kFlagDelete:
      break;
    case PageOpKind::kSetNodeFlags:
      w.U8(op.node_flags);
      break;
    case PageOpKind::kSetExternalHeader:
      w.U16(static_cast<uint16_t>(op.header.external_header->size()));
      w.Bytes(*op.header.external_header);
      break;
    case PageOpKind::kPageImage:
      w.Bytes(op.image);
      break;
    case PageOpKind::kSetPageHeader:
    case PageOpKind::kNewPage:
    case PageOpKind::kSplit:
    case PageOpKind::kMerge:
      if (op.kind == PageOpKind::kSplit || op.kind == PageOpKind::kMerge) {
        w.U16(op.cline_removed);
      }
      WriteHeaderChange(w, op.header);
      if (HasNodes(op.kind)) {
        w.U16(static_cast<uint16_t>(op.nodes.size()));
        for (const NodeImage& node : op.nodes) {
          WriteNode(w, node);
        }
      }
      break;
  }
  return JET_errSuccess;
}

JET_ERR DecodePageOperation(std::span<const uint8_t> in, PageOperation* out, size_t* consumed) {
  if (in.size() < kPageOpHeaderSize) {
    return JET_errLogCorrupted;
  }
  const uint8_t kind = in[kPageOpOffKind];
  if (!IsKnownPageOpKind(kind)) {
    return JET_errLogCorrupted;
  }
  const uint32_t cb_payload = LoadLE32(in.data() + kPageOpOffCbPayload);
  if (cb_payload > in.size() - kPageOpHeaderSize) {
    return JET_errLogCorrupted;
  }
  const size_t total = kPageOpHeaderSize + cb_payload;
  if (consumed == nullptr && total != in.size()) {
    return JET_errLogCorrupted;
  }
  PageOperation op;
  op.kind = static_cast<PageOpKind>(kind);
  op.dbid = in[kPageOpOffDbid];
  op.pgno = LoadLE32(in.data() + kPageOpOffPgno);
  op.dbtime_after = static_cast<DbTime>(LoadLE64(in.data() + kPageOpOffDbtime));
  op.dbtime_before = static_cast<DbTime>(LoadLE64(in.data() + kPageOpOffDbtimeBefore));
  op.iline = LoadLE16(in.data() + kPageOpOffIline);

  Reader r(in.subspan(kPageOpHeaderSize, cb_payload));
  if (!ReadPayload(r, &op) || !r.ok() || !r.done()) {
    return JET_errLogCorrupted;
  }
  if (ValidatePageOperation(op) < 0) {
    return JET_errLogCorrupted;
  }
  *out = std::move(op);
  if (consumed != nullptr) {
    *consumed = total;
  }
  return JET_errSuccess;
}

}  // namespace jet
