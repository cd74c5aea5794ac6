#include "space/space_manager.h"

#include <algorithm>
#include <utility>

#include "btree/cursor.h"
#include "format/page.h"
#include "pageop/page_operation.h"

namespace jet {

// The space trees' own page source: the reserve, and a list of the pages
// their merges free (returned to the AE when the operation is over).
class SpaceManager::ReserveAllocator final : public PageAllocator {
 public:
  explicit ReserveAllocator(SpaceManager* space) : space_(space) {}
  JET_ERR AllocatePage(uint32_t, uint32_t, uint32_t* pgno) override {
    if (space_->reserve_.empty()) {
      return JET_errOutOfDatabaseSpace;
    }
    *pgno = space_->reserve_.back();
    space_->reserve_.pop_back();
    return JET_errSuccess;
  }
  JET_ERR FreePage(uint32_t, uint32_t pgno) override {
    space_->pending_free_.push_back(pgno);
    return JET_errSuccess;
  }

 private:
  SpaceManager* space_;
};

namespace {

constexpr uint32_t kSpaceTreeFlags =
    kPageFlagRoot | kPageFlagLeaf | kPageFlagSpaceTree | SpaceManager::kBaseFlags;

NodeImage ExtentNode(const Extent& e) {
  const auto key = ExtentKey(e.last);
  const auto data = ExtentData(e.count);
  return MakeNodeImage(key, data, {});
}

}  // namespace

SpaceManager::SpaceManager(const PageWriteContext& ctx, File* file, const SpaceOptions& options)
    : ctx_(ctx),
      file_(file),
      options_(options),
      reserve_allocator_(std::make_unique<ReserveAllocator>(this)) {}

SpaceManager::~SpaceManager() = default;

JET_ERR SpaceManager::OpenTrees() {
  JET_ERR err = BTree::Open(ctx_.cache, ctx_.file, kPgnoSystemOE, kObjidSystemRoot, &oe_);
  if (err < 0) {
    return err;
  }
  err = BTree::Open(ctx_.cache, ctx_.file, kPgnoSystemAE, kObjidSystemRoot, &ae_);
  if (err < 0) {
    return err;
  }
  if (!oe_.space_tree() || !ae_.space_tree()) {
    return JET_errSPOwnExtCorrupted;
  }
  return JET_errSuccess;
}

JET_ERR SpaceManager::Create(const PageWriteContext& ctx, File* file, const SpaceOptions& options,
                             std::unique_ptr<SpaceManager>* out) {
  if (ctx.cache == nullptr || ctx.dbtime == nullptr || file == nullptr ||
      options.initial_pages < 4 || options.extent_pages == 0 || options.reserve_pages < 4) {
    return JET_errInvalidParameter;
  }
  std::unique_ptr<SpaceManager> space(new SpaceManager(ctx, file, options));
  const uint32_t initial = options.initial_pages;
  JET_ERR err = file->SetSize((uint64_t{initial} + 2) * ctx.cache->page_size());
  if (err < 0) {
    return err;
  }
  SpaceHeader header;
  header.cpg_primary = initial;
  header.pgno_parent_fdp = 0;
  header.multiple_extent = true;
  header.pgno_oe = kPgnoSystemOE;
  const DbTime dbtime = ctx.dbtime->Next();
  const std::vector<uint8_t> split_buffer(kSplitBufferSize, 0);
  std::vector<PageOperation> ops;
  ops.push_back(PageOperation::NewPage(kPageFlagRoot | kPageFlagLeaf | kBaseFlags,
                                       kObjidSystemRoot, 0, 0, EncodeSpaceHeader(header), {})
                    .At(ctx.dbid, kPgnoSystemRoot, 0, dbtime));
  ops.push_back(PageOperation::NewPage(kSpaceTreeFlags, kObjidSystemRoot, 0, 0, split_buffer,
                                       {ExtentNode(Extent{initial, initial})})
                    .At(ctx.dbid, kPgnoSystemOE, 0, dbtime));
  std::vector<NodeImage> available;
  if (initial > 3) {
    available.push_back(ExtentNode(Extent{initial, initial - 3}));
  }
  ops.push_back(PageOperation::NewPage(kSpaceTreeFlags, kObjidSystemRoot, 0, 0, split_buffer,
                                       std::move(available))
                    .At(ctx.dbid, kPgnoSystemAE, 0, dbtime));
  WriteLatch latches[3];
  std::vector<LatchedPageOp> group;
  for (size_t i = 0; i < ops.size(); ++i) {
    err = ctx.cache->WriteLatchNewPage(ctx.file, ops[i].pgno, &latches[i]);
    if (err < 0) {
      for (size_t j = 0; j < i; ++j) latches[j].MarkDirty(kLgposNone);
      return err;
    }
    group.push_back(LatchedPageOp{std::move(ops[i]), &latches[i]});
  }
  err = ApplyLatchedPageOps(ctx, group);
  if (err < 0) {
    for (WriteLatch& latch : latches) latch.MarkDirty(kLgposNone);
    return err;
  }
  for (WriteLatch& latch : latches) latch.Release();
  space->pgno_last_ = initial;
  err = space->OpenTrees();
  if (err < 0) {
    return err;
  }
  *out = std::move(space);
  return JET_errSuccess;
}

JET_ERR SpaceManager::Open(const PageWriteContext& ctx, File* file, const SpaceOptions& options,
                           std::unique_ptr<SpaceManager>* out) {
  if (ctx.cache == nullptr || ctx.dbtime == nullptr || file == nullptr ||
      options.extent_pages == 0 || options.reserve_pages < 4) {
    return JET_errInvalidParameter;
  }
  std::unique_ptr<SpaceManager> space(new SpaceManager(ctx, file, options));
  {
    ReadLatch latch;
    JET_ERR err = ctx.cache->ReadLatchPage(ctx.file, kPgnoSystemRoot, &latch);
    if (err < 0) {
      return err;
    }
    PageView view;
    err = PageView::Open(std::span<const uint8_t>(latch.data(), ctx.cache->page_size()),
                         kPgnoSystemRoot, &view);
    if (err < 0) {
      return err;
    }
    SpaceHeader header;
    if (!view.Has(kPageFlagRoot) || view.header().objid_fdp != kObjidSystemRoot ||
        DecodeSpaceHeader(view.ExternalHeader(), &header) < 0 || !header.multiple_extent ||
        header.pgno_oe != kPgnoSystemOE) {
      return JET_errSPOwnExtCorrupted;
    }
  }
  JET_ERR err = space->OpenTrees();
  if (err < 0) {
    return err;
  }
  std::vector<Extent> owned;
  err = space->ReadExtents(space->oe_, &owned);
  if (err < 0) {
    return err;
  }
  for (const Extent& e : owned) {
    space->pgno_last_ = std::max(space->pgno_last_, e.last);
  }
  if (space->pgno_last_ < kPgnoSystemAE) {
    return JET_errSPOwnExtCorrupted;
  }
  *out = std::move(space);
  return JET_errSuccess;
}

uint32_t SpaceManager::pgno_last() const {
  std::lock_guard<std::mutex> lock(mu_);
  return pgno_last_;
}

size_t SpaceManager::reserved() const {
  std::lock_guard<std::mutex> lock(mu_);
  return reserve_.size();
}

JET_ERR SpaceManager::ReadExtents(const BTree& tree, std::vector<Extent>* out) {
  out->clear();
  Cursor cursor(tree);
  JET_ERR err = cursor.MoveFirst();
  while (err >= 0) {
    Extent e;
    err = DecodeExtent(cursor.Key(), cursor.Data(), &e);
    if (err < 0) {
      return err;
    }
    out->push_back(e);
    err = cursor.MoveNext();
  }
  return err == JET_errNoCurrentRecord ? JET_errSuccess : err;
}

JET_ERR SpaceManager::OwnedExtents(std::vector<Extent>* out) {
  std::lock_guard<std::mutex> lock(mu_);
  return ReadExtents(oe_, out);
}

JET_ERR SpaceManager::AvailableExtents(std::vector<Extent>* out) {
  std::lock_guard<std::mutex> lock(mu_);
  return ReadExtents(ae_, out);
}

// ---- with mu_ held -----------------------------------------------------------

JET_ERR SpaceManager::TakeFromAvailable(uint32_t near_pgno, uint32_t* pgno) {
  Extent e;
  {
    Cursor cursor(ae_);
    const auto key = ExtentKey(near_pgno);
    JET_ERR err = cursor.Seek(key, SeekMode::kGreaterOrEqual);
    if (err == JET_errRecordNotFound) {
      err = cursor.MoveFirst();
    }
    if (err == JET_errNoCurrentRecord || err == JET_errRecordNotFound) {
      return JET_errRecordNotFound;
    }
    if (err < 0) {
      return err;
    }
    err = DecodeExtent(cursor.Key(), cursor.Data(), &e);
    if (err < 0) {
      return err;
    }
  }
  // The extent's first page: its key (the last pgno) stays, so this is a
  // same-size replace (or a delete) that never needs a split.
  BTreeWriter writer(ae_, ctx_, reserve_allocator_.get());
  const auto key = ExtentKey(e.last);
  const JET_ERR err =
      e.count > 1 ? writer.Replace(key, ExtentData(e.count - 1)) : writer.Delete(key);
  if (err < 0) {
    return err;
  }
  *pgno = e.first();
  return JET_errSuccess;
}

JET_ERR SpaceManager::GiveToAvailable(uint32_t pgno) {
  Extent next;
  bool have_next = false;
  {
    Cursor cursor(ae_);
    const auto key = ExtentKey(pgno);
    JET_ERR err = cursor.Seek(key, SeekMode::kGreaterOrEqual);
    if (err >= 0) {
      err = DecodeExtent(cursor.Key(), cursor.Data(), &next);
      if (err < 0) {
        return err;
      }
      have_next = true;
    } else if (err != JET_errRecordNotFound) {
      return err;
    }
  }
  if (have_next && next.first() <= pgno) {
    return JET_errSPAvailExtCorrupted;  // free already
  }
  BTreeWriter writer(ae_, ctx_, reserve_allocator_.get());
  if (have_next && next.first() == pgno + 1) {
    // The page extends the following extent downwards: same key.
    return writer.Replace(ExtentKey(next.last), ExtentData(next.count + 1));
  }
  return writer.Insert(ExtentKey(pgno), ExtentData(1));
}

JET_ERR SpaceManager::ReturnPendingFrees() {
  while (!pending_free_.empty()) {
    const uint32_t pgno = pending_free_.back();
    pending_free_.pop_back();
    if (reserve_.size() < options_.reserve_pages) {
      reserve_.push_back(pgno);
      continue;
    }
    const JET_ERR err = GiveToAvailable(pgno);
    if (err < 0) {
      reserve_.push_back(pgno);  // kept, not lost
      return err;
    }
  }
  return JET_errSuccess;
}

JET_ERR SpaceManager::Grow() {
  const uint32_t count = options_.extent_pages;
  const uint32_t first = pgno_last_ + 1;
  const uint32_t last = pgno_last_ + count;
  if (last < pgno_last_) {
    return JET_errOutOfDatabaseSpace;
  }
  JET_ERR err = file_->SetSize((uint64_t{last} + 2) * ctx_.cache->page_size());
  if (err < 0) {
    return err;
  }
  pgno_last_ = last;
  // Pages the reserve lacks come straight from the new extent, so the OE and
  // AE inserts below can split.
  const uint32_t want = options_.reserve_pages > reserve_.size()
                            ? static_cast<uint32_t>(options_.reserve_pages - reserve_.size())
                            : 0;
  const uint32_t to_reserve = std::min(want, count);
  for (uint32_t i = 0; i < to_reserve; ++i) {
    reserve_.push_back(first + i);
  }
  BTreeWriter owned(oe_, ctx_, reserve_allocator_.get());
  err = owned.Insert(ExtentKey(last), ExtentData(count));
  if (err < 0) {
    return err;
  }
  if (count > to_reserve) {
    BTreeWriter available(ae_, ctx_, reserve_allocator_.get());
    err = available.Insert(ExtentKey(last), ExtentData(count - to_reserve));
    if (err < 0) {
      return err;
    }
  }
  return JET_errSuccess;
}

JET_ERR SpaceManager::EnsureReserve() {
  while (reserve_.size() < options_.reserve_pages) {
    uint32_t pgno = 0;
    JET_ERR err = TakeFromAvailable(0, &pgno);
    if (err == JET_errRecordNotFound) {
      err = Grow();
      if (err < 0) {
        return err;
      }
      continue;
    }
    if (err < 0) {
      return err;
    }
    reserve_.push_back(pgno);
  }
  return JET_errSuccess;
}

// ---- the interface -------------------------------------------------------------

JET_ERR SpaceManager::AllocatePage(uint32_t, uint32_t near_pgno, uint32_t* pgno) {
  std::lock_guard<std::mutex> lock(mu_);
  JET_ERR err = EnsureReserve();
  if (err < 0) {
    return err;
  }
  err = TakeFromAvailable(near_pgno, pgno);
  if (err == JET_errRecordNotFound) {
    err = Grow();
    if (err >= 0) {
      err = TakeFromAvailable(near_pgno, pgno);
    }
  }
  // A failure here keeps the freed space-tree pages in the reserve; the
  // page is taken either way.
  (void)ReturnPendingFrees();
  return err;
}

JET_ERR SpaceManager::FreePage(uint32_t, uint32_t pgno) {
  std::lock_guard<std::mutex> lock(mu_);
  if (pgno <= kPgnoSystemAE || pgno > pgno_last_) {
    return JET_errInvalidParameter;
  }
  if (std::find(reserve_.begin(), reserve_.end(), pgno) != reserve_.end()) {
    return JET_errSPAvailExtCorrupted;
  }
  JET_ERR err = JET_errSuccess;
  if (reserve_.size() < options_.reserve_pages) {
    // Straight into the reserve: no space-tree change at all.
    reserve_.push_back(pgno);
  } else {
    err = GiveToAvailable(pgno);
  }
  const JET_ERR pending = ReturnPendingFrees();
  return err < 0 ? err : pending;
}

JET_ERR SpaceManager::CreateTree(const NewTreeSpec& spec, uint32_t* root_pgno) {
  if (spec.objid == 0 ||
      (spec.extra_flags & ~(kPageFlagIndex | kPageFlagNonUniqueKeys | kPageFlagLongValue)) != 0) {
    return JET_errInvalidParameter;
  }
  uint32_t pgno = 0;
  JET_ERR err = AllocatePage(spec.objid, spec.near_pgno, &pgno);
  if (err < 0) {
    return err;
  }
  SpaceHeader header;
  header.cpg_primary = 1;
  header.pgno_parent_fdp = spec.pgno_parent_fdp;
  header.multiple_extent = false;
  WriteLatch latch;
  err = ctx_.cache->WriteLatchNewPage(ctx_.file, pgno, &latch);
  if (err < 0) {
    (void)FreePage(spec.objid, pgno);
    return err;
  }
  PageOperation op =
      PageOperation::NewPage(kPageFlagRoot | kPageFlagLeaf | kBaseFlags | spec.extra_flags,
                             spec.objid, 0, 0, EncodeSpaceHeader(header), {})
          .At(ctx_.dbid, pgno, 0, ctx_.dbtime->Next());
  err = ApplyLatchedPageOp(ctx_, op, &latch);
  if (err < 0) {
    latch.MarkDirty(kLgposNone);
    return err;
  }
  *root_pgno = pgno;
  return JET_errSuccess;
}

JET_ERR SpaceManager::ReturnReserve() {
  std::lock_guard<std::mutex> lock(mu_);
  while (!reserve_.empty()) {
    const uint32_t pgno = reserve_.back();
    reserve_.pop_back();
    const JET_ERR err = GiveToAvailable(pgno);
    if (err == JET_errOutOfDatabaseSpace) {
      reserve_.push_back(pgno);  // an AE split would need it
      break;
    }
    if (err < 0) {
      reserve_.push_back(pgno);
      return err;
    }
  }
  return JET_errSuccess;
}

}  // namespace jet

namespace jet {

std::vector<uint32_t> SpaceManager::reserved_pages() const {
  std::lock_guard<std::mutex> lock(mu_);
  return reserve_;
}

}  // namespace jet
