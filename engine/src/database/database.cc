#include "database/database.h"

#include <utility>

#include "btree/tree_page.h"
#include "catalog/catalog_format.h"
#include "catalog/tree_catalog_source.h"
#include "database/db_header_reader.h"

namespace jet {

JET_ERR CheckHeaderForAttach(const DbFileHeader& header, uint32_t page_size) {
  if (const JET_ERR err = CheckDbHeaderPageSize(header, page_size); err < 0) return err;
  // A copy restored from a full backup still needs its logs replayed (hard
  // recovery) before anything may attach it.
  if (header.bkinfo_full_cur.gen_low != 0) return JET_errSoftRecoveryOnBackupDatabase;
  switch (header.dbstate) {
    case kDbStateCleanShutdown:
      return JET_errSuccess;
    case kDbStateDirtyShutdown:
    case kDbStateDirtyAndPatchedShutdown:
      // Recovery (JetInit replaying the logs) would make it clean; that comes
      // with the log. A read-only attach cannot repair it either.
      return JET_errDatabaseDirtyShutdown;
    case kDbStateJustCreated:
      // A create that never finished: not a usable database.
      return JET_errDatabaseDirtyShutdown;
    case kDbStateBeingConverted:
      return JET_errDatabaseIncompleteUpgrade;
    case kDbStateIncrementalReseedInProgress:
      return JET_errDatabaseIncompleteIncrementalReseed;
    case kDbStateRevertInProgress:
      return JET_errDatabaseIncompleteRevert;
    default:
      return JET_errDatabaseCorrupted;
  }
}

JET_ERR Database::Open(Env* env, const std::string& path, std::shared_ptr<PageCache> cache,
                       std::unique_ptr<Database>* out) {
  out->reset();
  if (cache == nullptr) return JET_errInvalidParameter;
  std::unique_ptr<Database> db(new Database());
  db->path_ = path;
  FileOptions options;
  options.read_only = true;
  options.share_read = true;
  if (const JET_ERR err = env->OpenFile(path, options, &db->file_); err < 0) return err;

  DbHeaderPick pick;
  if (const JET_ERR err = ReadDbHeader(db->file_.get(), &pick, &db->file_size_); err < 0) {
    return err;
  }
  db->header_ = pick.header;
  db->page_size_ = static_cast<uint32_t>(cache->page_size());
  if (const JET_ERR err = CheckHeaderForAttach(db->header_, db->page_size_); err < 0) return err;

  // Page n lives at (n + 1) × page size: the header and its shadow first.
  const uint64_t pages = db->file_size_ / db->page_size_;
  CacheFileOptions file_options;
  file_options.first_page_offset = db->page_size_;
  file_options.verifier = EdbPageVerifier(pages >= 2 ? static_cast<uint32_t>(pages - 2) : 0);
  if (const JET_ERR err =
          cache->RegisterFile(db->file_.get(), db->page_size_, file_options, &db->file_id_);
      err < 0) {
    return err;
  }
  db->cache_ = std::move(cache);

  PageError page_error;
  if (const JET_ERR err = LoadCatalogFromFile(db->cache_.get(), db->file_id_, db->page_size_,
                                              CatalogCopy::kPrimary, &db->catalog_, &page_error);
      err < 0) {
    return err;
  }
  *out = std::move(db);
  return JET_errSuccess;
}

Database::~Database() {
  if (cache_ != nullptr && file_id_ != kInvalidCacheFileId) {
    // Read-only: nothing is dirty, so nothing is lost by discarding.
    (void)cache_->UnregisterFile(file_id_, PageCache::UnregisterMode::kDiscard);
  }
}

JET_ERR Database::OpenTree(uint32_t pgno, uint32_t objid, BTree* tree) const {
  return BTree::Open(cache_.get(), file_id_, pgno, objid, tree);
}

}  // namespace jet
