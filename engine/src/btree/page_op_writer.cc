#include "btree/page_op_writer.h"

#include <cstring>

#include "format/checksum.h"
#include "pageop/apply.h"

namespace jet {

namespace {

std::span<uint8_t> PageBytes(const PageWriteContext& ctx, WriteLatch* latch) {
  return std::span<uint8_t>(latch->data(), ctx.cache->page_size());
}

// Logs, lands and seals one record whose result is `after`.
JET_ERR Commit(const PageWriteContext& ctx, const PageOperation& op, WriteLatch* latch,
               const std::vector<uint8_t>& after) {
  std::span<uint8_t> page = PageBytes(ctx, latch);
  PackedLgpos lgpos = kLgposNone;
  if (ctx.sink != nullptr) {
    const JET_ERR err = ctx.sink->OnPageOperation(op, page, latch->IsFirstDirtySinceWrite(), &lgpos);
    if (err < 0) {
      return err;
    }
  }
  std::memcpy(page.data(), after.data(), page.size());
  // Seal now: the cache may write the page as soon as the latch goes.
  const JET_ERR err = SetPageChecksum(page, op.pgno);
  if (err < 0) {
    return err;
  }
  latch->MarkDirty(lgpos);
  return JET_errSuccess;
}

JET_ERR TryOnCopy(const PageWriteContext& ctx, const PageOperation& op, WriteLatch* latch,
                  std::vector<uint8_t>* after) {
  if (latch == nullptr || !latch->held() || latch->pgno() != op.pgno ||
      op.dbid != ctx.dbid) {
    return JET_errInvalidParameter;
  }
  const std::span<uint8_t> page = PageBytes(ctx, latch);
  after->assign(page.begin(), page.end());
  return ApplyPageOperation(op, *after);
}

}  // namespace

JET_ERR ApplyLatchedPageOp(const PageWriteContext& ctx, const PageOperation& op,
                           WriteLatch* latch) {
  std::vector<uint8_t> after;
  const JET_ERR err = TryOnCopy(ctx, op, latch, &after);
  if (err < 0) {
    return err;
  }
  return Commit(ctx, op, latch, after);
}

JET_ERR ApplyLatchedPageOps(const PageWriteContext& ctx, std::span<const LatchedPageOp> ops) {
  std::vector<std::vector<uint8_t>> results(ops.size());
  for (size_t i = 0; i < ops.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (ops[j].op.pgno == ops[i].op.pgno) {
        return JET_errInvalidParameter;  // one record per page in a group
      }
    }
    const JET_ERR err = TryOnCopy(ctx, ops[i].op, ops[i].latch, &results[i]);
    if (err < 0) {
      return err;
    }
  }
  for (size_t i = 0; i < ops.size(); ++i) {
    const JET_ERR err = Commit(ctx, ops[i].op, ops[i].latch, results[i]);
    if (err < 0) {
      return err;
    }
  }
  return JET_errSuccess;
}

}  // namespace jet
