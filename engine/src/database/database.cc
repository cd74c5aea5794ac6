#include "database/database.h"

#include <algorithm>
#include <utility>

#include "btree/tree_page.h"
#include "catalog/catalog_format.h"
#include "catalog/tree_catalog_source.h"
#include "database/db_header_reader.h"
#include "os/system_time.h"

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

JET_ERR Database::OpenFileAndHeader(Env* env, const std::string& path, bool read_only) {
  path_ = path;
  read_only_ = read_only;
  FileOptions options;
  options.read_only = read_only;
  options.share_read = true;
  if (const JET_ERR err = env->OpenFile(path, options, &file_); err < 0) return err;
  DbHeaderPick pick;
  if (const JET_ERR err = ReadDbHeader(file_.get(), &pick, &file_size_); err < 0) return err;
  header_ = pick.header;
  return JET_errSuccess;
}

JET_ERR Database::RegisterWithCache(std::shared_ptr<PageCache> cache) {
  // Page n lives at (n + 1) × page size: the header and its shadow first.
  const uint64_t pages = file_size_ / page_size_;
  CacheFileOptions file_options;
  file_options.first_page_offset = page_size_;
  // A writable file grows: no upper bound (0).
  file_options.verifier =
      EdbPageVerifier(read_only_ ? (pages >= 2 ? static_cast<uint32_t>(pages - 2) : 0) : 0);
  if (const JET_ERR err = cache->RegisterFile(file_.get(), page_size_, file_options, &file_id_);
      err < 0) {
    return err;
  }
  cache_ = std::move(cache);
  return JET_errSuccess;
}

JET_ERR Database::LoadCatalog() {
  auto catalog = std::make_shared<Catalog>();
  PageError page_error;
  if (const JET_ERR err = LoadCatalogFromFile(cache_.get(), file_id_, page_size_,
                                              CatalogCopy::kPrimary, catalog.get(), &page_error);
      err < 0) {
    return err;
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (catalog_ != nullptr) old_catalogs_.push_back(std::move(catalog_));
  catalog_ = std::move(catalog);
  for (const TableDef& t : catalog_->tables()) {
    objid_last_ = std::max(objid_last_, t.objid);
    for (const IndexDef& i : t.indexes) objid_last_ = std::max(objid_last_, i.objid);
    if (t.long_values) objid_last_ = std::max(objid_last_, t.long_values->objid);
  }
  return JET_errSuccess;
}

JET_ERR Database::Open(Env* env, const std::string& path, std::shared_ptr<PageCache> cache,
                       std::unique_ptr<Database>* out) {
  out->reset();
  if (cache == nullptr) return JET_errInvalidParameter;
  std::unique_ptr<Database> db(new Database());
  if (const JET_ERR err = db->OpenFileAndHeader(env, path, true); err < 0) return err;
  db->page_size_ = static_cast<uint32_t>(cache->page_size());
  if (const JET_ERR err = CheckHeaderForAttach(db->header_, db->page_size_); err < 0) return err;
  if (const JET_ERR err = db->RegisterWithCache(std::move(cache)); err < 0) return err;
  if (const JET_ERR err = db->LoadCatalog(); err < 0) return err;
  *out = std::move(db);
  return JET_errSuccess;
}

JET_ERR Database::WriteHeader() {
  header_.objid_last = std::max(header_.objid_last, objid_last_);
  if (dbtime_ != nullptr) header_.dbtime_dirtied = dbtime_->last();
  std::vector<uint8_t> page(page_size_);
  if (const JET_ERR err = EncodeDbHeader(header_, page); err < 0) return err;
  for (uint64_t copy = 0; copy < 2; ++copy) {
    if (const JET_ERR err = file_->WriteAt(copy * page_size_, page.data(), page.size()); err < 0) {
      return err;
    }
  }
  return file_->Flush();
}

// The write side of an open file: dbtime, page operations, space.
JET_ERR Database::StartWriting() {
  dbtime_ = std::make_unique<CounterDbTimeSource>(header_.dbtime_dirtied);
  objid_last_ = std::max(objid_last_, header_.objid_last);
  return JET_errSuccess;
}

PageWriteContext Database::write_context() const {
  PageWriteContext ctx;
  if (read_only_) return ctx;
  ctx.cache = cache_.get();
  ctx.file = file_id_;
  ctx.dbid = 1;
  ctx.dbtime = dbtime_.get();
  ctx.sink = nullptr;
  return ctx;
}

JET_ERR Database::OpenWritable(Env* env, const std::string& path, std::shared_ptr<PageCache> cache,
                               std::unique_ptr<Database>* out) {
  out->reset();
  if (cache == nullptr) return JET_errInvalidParameter;
  std::unique_ptr<Database> db(new Database());
  if (const JET_ERR err = db->OpenFileAndHeader(env, path, false); err < 0) return err;
  db->page_size_ = static_cast<uint32_t>(cache->page_size());
  if (const JET_ERR err = CheckHeaderForAttach(db->header_, db->page_size_); err < 0) return err;
  if (const JET_ERR err = db->StartWriting(); err < 0) return err;
  if (const JET_ERR err = db->RegisterWithCache(std::move(cache)); err < 0) return err;
  if (const JET_ERR err =
          SpaceManager::Open(db->write_context(), db->file_.get(), SpaceOptions(), &db->space_);
      err < 0) {
    return err;
  }
  if (const JET_ERR err = db->LoadCatalog(); err < 0) return err;
  db->header_.dbstate = kDbStateDirtyShutdown;
  db->header_.logtime_attach =
      LogTime::FromUnixMillis(UnixMicrosFromSystemTime(env->NowUtc()) / 1000);
  if (const JET_ERR err = db->WriteHeader(); err < 0) return err;
  *out = std::move(db);
  return JET_errSuccess;
}

uint32_t Database::AllocateObjid() {
  std::lock_guard<std::mutex> lock(mu_);
  return ++objid_last_;
}

JET_ERR Database::ReloadCatalog() { return LoadCatalog(); }

const Catalog& Database::catalog() const {
  std::lock_guard<std::mutex> lock(mu_);
  return *catalog_;
}

std::shared_ptr<const Catalog> Database::catalog_snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return catalog_;
}

void Database::TableOpened(uint32_t objid) const {
  std::lock_guard<std::mutex> lock(mu_);
  ++open_tables_[objid];
}

void Database::TableClosed(uint32_t objid) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = open_tables_.find(objid);
  if (it != open_tables_.end() && --it->second <= 0) open_tables_.erase(it);
}

bool Database::TableInUse(uint32_t objid) const {
  std::lock_guard<std::mutex> lock(mu_);
  return open_tables_.count(objid) != 0;
}

JET_ERR Database::Close() {
  if (closed_) return JET_errSuccess;
  closed_ = true;
  if (read_only_ || space_ == nullptr || cache_ == nullptr) return JET_errSuccess;
  JET_ERR err = space_->ReturnReserve();
  space_.reset();
  if (const JET_ERR e = cache_->FlushFile(file_id_); e < 0 && err >= 0) err = e;
  if (err < 0) return err;  // stays dirty: the next attach refuses it
  uint64_t size = 0;
  if (file_->Size(&size) >= 0) file_size_ = size;
  header_.dbstate = kDbStateCleanShutdown;
  const LogTime now = header_.logtime_attach;
  header_.logtime_consistent = now;
  header_.logtime_detach = now;
  return WriteHeader();
}

Database::~Database() {
  (void)Close();
  if (cache_ != nullptr && file_id_ != kInvalidCacheFileId) {
    // Read-only, or flushed by Close: nothing is lost by discarding.
    (void)cache_->UnregisterFile(file_id_, PageCache::UnregisterMode::kDiscard);
  }
}

JET_ERR Database::TakeTableCounter(uint32_t objid, TableCounter which,
                                   const std::function<JET_ERR(uint64_t*)>& init,
                                   uint64_t* value) const {
  std::lock_guard<std::mutex> lock(counters_mu_);
  const auto key = std::make_pair(objid, static_cast<int>(which));
  auto it = counters_.find(key);
  if (it == counters_.end()) {
    uint64_t first = 1;
    if (const JET_ERR err = init(&first); err < 0) return err;
    it = counters_.emplace(key, first).first;
  }
  *value = it->second++;
  return JET_errSuccess;
}

JET_ERR Database::OpenTree(uint32_t pgno, uint32_t objid, BTree* tree) const {
  return BTree::Open(cache_.get(), file_id_, pgno, objid, tree);
}

}  // namespace jet
