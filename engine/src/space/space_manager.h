// Page space of one database file (ESE's space.cxx, simplified; design and
// layout in docs/formats/space.md):
//  * the database root FDP (pgno 1, objid 1) is a multiple-extent FDP whose
//    owned-extent tree (OE, pgno 2) lists the file's extents and whose
//    available-extent tree (AE, pgno 3) lists the free ones; both keyed by
//    the big-endian last pgno of an extent, data the u32 page count
//    (edb-format §5.4);
//  * the file grows by whole extents (File::SetSize) when the AE is empty;
//  * trees take single pages from the AE (AllocatePage) and give them back
//    (FreePage); a new tree (CreateTree) is one root page with a
//    single-extent space header;
//  * every change to a space-tree page is an ordinary node operation made by
//    a BTreeWriter over the space tree (page operations through the cache).
// The space trees' own splits take pages from a small reserve held in memory
// (ESE keeps split buffers in the space-tree roots for the same reason),
// refilled from the AE between operations; pages a space-tree merge frees
// are returned once the operation is over.
//
// Thread-safe: one mutex serialises space changes. It is taken with tree
// latches held and never waits for one (latch order: tree pages, then
// space-tree pages).

#ifndef JETSVC_ENGINE_SPACE_SPACE_MANAGER_H_
#define JETSVC_ENGINE_SPACE_SPACE_MANAGER_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "btree/btree.h"
#include "btree/btree_writer.h"
#include "btree/page_op_writer.h"
#include "esent.h"
#include "os/env.h"
#include "space/space_header.h"

namespace jet {

struct SpaceOptions {
  // Pages 1..initial_pages exist when the database is created (at least 4:
  // the database root, its OE and AE, one more).
  uint32_t initial_pages = 32;
  // Pages added each time the file grows.
  uint32_t extent_pages = 32;
  // Pages kept aside for the space trees' own splits.
  uint32_t reserve_pages = 12;
};

// A new tree's root page.
struct NewTreeSpec {
  uint32_t objid = 0;
  uint32_t pgno_parent_fdp = 1;  // edb-format §5.4: tables 1; indexes and LV the table's root
  // Tree-kind flags: kPageFlagIndex, kPageFlagNonUniqueKeys, kPageFlagLongValue.
  uint32_t extra_flags = 0;
  uint32_t near_pgno = 0;
};

class SpaceManager final : public PageAllocator {
 public:
  static constexpr uint32_t kPgnoSystemRoot = 1;
  static constexpr uint32_t kPgnoSystemOE = 2;
  static constexpr uint32_t kPgnoSystemAE = 3;
  static constexpr uint32_t kObjidSystemRoot = 1;
  // Page flags of FDP roots and space-tree pages (edb-format §5.2: the new
  // checksum and record format bits are set on every page ESE writes).
  static constexpr uint32_t kBaseFlags = kPageFlagNewChecksum | kPageFlagNewRecordFormat;

  // Formats the space of a new database in `file` (registered with
  // ctx.cache as ctx.file): sizes the file for pages 1..initial_pages and
  // writes the database root, OE and AE. The header pages are the caller's.
  [[nodiscard]] static JET_ERR Create(const PageWriteContext& ctx, File* file,
                                      const SpaceOptions& options,
                                      std::unique_ptr<SpaceManager>* out);
  // Opens the space of an existing database (its root at pgno 1).
  // JET_errSPOwnExtCorrupted if the root is not a multiple-extent FDP.
  [[nodiscard]] static JET_ERR Open(const PageWriteContext& ctx, File* file,
                                    const SpaceOptions& options,
                                    std::unique_ptr<SpaceManager>* out);
  ~SpaceManager() override;

  // PageAllocator. AllocatePage: JET_errDiskFull when the file cannot grow
  // (nothing changes). FreePage: JET_errInvalidParameter for a page outside
  // the file or a space page, JET_errSPAvailExtCorrupted for a page that is
  // free already.
  [[nodiscard]] JET_ERR AllocatePage(uint32_t objid_fdp, uint32_t near_pgno,
                                     uint32_t* pgno) override;
  [[nodiscard]] JET_ERR FreePage(uint32_t objid_fdp, uint32_t pgno) override;

  // Allocates and formats a new tree's root: Root | Leaf | kind flags, an
  // empty leaf with a single-extent space header (cpgPrimary 1).
  [[nodiscard]] JET_ERR CreateTree(const NewTreeSpec& spec, uint32_t* root_pgno);

  // The extents of the OE (owned) or AE (available) tree, in pgno order.
  [[nodiscard]] JET_ERR OwnedExtents(std::vector<Extent>* out);
  [[nodiscard]] JET_ERR AvailableExtents(std::vector<Extent>* out);

  // Gives the reserve back to the AE (before the database is closed);
  // pages a last AE split would need stay reserved.
  [[nodiscard]] JET_ERR ReturnReserve();

  uint32_t pgno_last() const;
  size_t reserved() const;
  std::vector<uint32_t> reserved_pages() const;
  const BTree& owned_tree() const { return oe_; }
  const BTree& available_tree() const { return ae_; }

 private:
  class ReserveAllocator;

  SpaceManager(const PageWriteContext& ctx, File* file, const SpaceOptions& options);
  JET_ERR OpenTrees();
  JET_ERR ReadExtents(const BTree& tree, std::vector<Extent>* out);
  // All below with mu_ held.
  JET_ERR EnsureReserve();
  JET_ERR Grow();
  // JET_errRecordNotFound when the AE is empty.
  JET_ERR TakeFromAvailable(uint32_t near_pgno, uint32_t* pgno);
  JET_ERR GiveToAvailable(uint32_t pgno);
  JET_ERR ReturnPendingFrees();

  PageWriteContext ctx_;
  File* file_;
  SpaceOptions options_;
  BTree oe_;
  BTree ae_;
  std::unique_ptr<ReserveAllocator> reserve_allocator_;

  mutable std::mutex mu_;
  uint32_t pgno_last_ = 0;
  std::vector<uint32_t> reserve_;
  std::vector<uint32_t> pending_free_;
};

}  // namespace jet

#endif  // JETSVC_ENGINE_SPACE_SPACE_MANAGER_H_
