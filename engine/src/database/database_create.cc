// Database::Create: a new database file laid out as ESE lays one out
// (edb-format §3): header and shadow, the database root and its space trees
// at pages 1-3, MSysObjects at 4, its Name and RootObjects indexes at 7 and
// 10, MSysObjectsShadow at 24, and the catalog's rows about itself.
//
// The space manager hands out the lowest free pages (after keeping a few
// aside for its own splits), so the catalog's fixed page numbers are reached
// by taking every initial page and giving back the ones the catalog does not
// use, in an order that makes each catalog tree's page the next one handed
// out. The result is checked: a different page is JET_errInternalError.

#include <algorithm>
#include <random>

#include "catalog/catalog_format.h"
#include "catalog/catalog_writer.h"
#include "catalog/system_tables.h"
#include "database/database.h"
#include "database/db_header_reader.h"
#include "os/system_time.h"

namespace jet {

namespace {

// The lowest free page, 0 when none.
JET_ERR LowestFree(SpaceManager* space, uint32_t* pgno) {
  std::vector<Extent> available;
  if (const JET_ERR err = space->AvailableExtents(&available); err < 0) return err;
  *pgno = available.empty() ? 0 : available.front().first();
  return JET_errSuccess;
}

// Makes the next page the space hands out `want`: gives it back if `taken`
// holds it, then takes (into `taken`) every free page below it.
JET_ERR MakeNext(SpaceManager* space, uint32_t want, std::vector<uint32_t>* taken) {
  auto it = std::find(taken->begin(), taken->end(), want);
  if (it != taken->end()) {
    taken->erase(it);
    if (const JET_ERR err = space->FreePage(1, want); err < 0) return err;
  }
  for (;;) {
    uint32_t lowest = 0;
    if (const JET_ERR err = LowestFree(space, &lowest); err < 0) return err;
    if (lowest == want) return JET_errSuccess;
    if (lowest == 0 || lowest > want) return JET_errInternalError;
    uint32_t pgno = 0;
    if (const JET_ERR err = space->AllocatePage(1, 0, &pgno); err < 0) return err;
    taken->push_back(pgno);
  }
}

// Builds one catalog tree on page `want`.
JET_ERR MakeTree(SpaceManager* space, uint32_t objid, uint32_t parent, uint32_t extra_flags,
                 uint32_t want, std::vector<uint32_t>* taken) {
  if (const JET_ERR err = MakeNext(space, want, taken); err < 0) return err;
  NewTreeSpec spec;
  spec.objid = objid;
  spec.pgno_parent_fdp = parent;
  spec.extra_flags = extra_flags;
  uint32_t pgno = 0;
  if (const JET_ERR err = space->CreateTree(spec, &pgno); err < 0) return err;
  return pgno == want ? JET_errSuccess : JET_errInternalError;
}

}  // namespace

JET_ERR Database::FormatCatalog() {
  SpaceManager* space = space_.get();
  const SpaceOptions options;
  // Take every page of the new file (the first allocation fills the space
  // reserve with the lowest ones), then as many more as the reserve holds.
  std::vector<uint32_t> taken;
  for (;;) {
    uint32_t lowest = 0;
    if (const JET_ERR err = LowestFree(space, &lowest); err < 0) return err;
    if (lowest == 0) break;
    uint32_t pgno = 0;
    if (const JET_ERR err = space->AllocatePage(1, 0, &pgno); err < 0) return err;
    taken.push_back(pgno);
  }
  std::vector<uint32_t> refill;
  for (uint32_t i = 0; i < options.reserve_pages; ++i) {
    uint32_t pgno = 0;
    if (const JET_ERR err = space->AllocatePage(1, 0, &pgno); err < 0) return err;
    refill.push_back(pgno);
  }
  // The reserve (the lowest pages) back into the AE; the extra pages refill
  // the reserve.
  if (const JET_ERR err = space->ReturnReserve(); err < 0) return err;
  for (const uint32_t pgno : refill) {
    if (const JET_ERR err = space->FreePage(1, pgno); err < 0) return err;
  }
  JET_ERR err = MakeTree(space, kCatalogObjid, kSystemRootObjid, 0, kCatalogPgno, &taken);
  if (err >= 0) {
    err = MakeTree(space, kCatalogNameIndexObjid, kCatalogPgno, kPageFlagIndex,
                   kCatalogNameIndexPgno, &taken);
  }
  if (err >= 0) {
    err = MakeTree(space, kCatalogRootObjectsIndexObjid, kCatalogPgno, kPageFlagIndex,
                   kCatalogRootObjectsIndexPgno, &taken);
  }
  if (err >= 0) {
    err = MakeTree(space, kShadowCatalogObjid, kSystemRootObjid, 0, kShadowCatalogPgno, &taken);
  }
  if (err < 0) return err;
  std::sort(taken.begin(), taken.end());
  for (const uint32_t pgno : taken) {
    if (const JET_ERR e = space->FreePage(1, pgno); e < 0) return e;
  }

  // The catalog's rows about itself.
  CatalogWriter writer(write_context(), space, page_size_);
  if (const JET_ERR e = writer.Open(); e < 0) return e;
  std::vector<CatalogEntry> rows = CatalogTableDef().ToCatalogEntries();
  const std::vector<CatalogEntry> shadow = ShadowCatalogTableDef().ToCatalogEntries();
  rows.insert(rows.end(), shadow.begin(), shadow.end());
  objid_last_ = kCatalogRootObjectsIndexObjid;
  return writer.InsertAll(rows);
}

JET_ERR Database::Create(Env* env, const std::string& path, std::shared_ptr<PageCache> cache,
                         bool overwrite, std::unique_ptr<Database>* out) {
  out->reset();
  if (cache == nullptr) return JET_errInvalidParameter;
  if (env->FileExists(path)) {
    if (!overwrite) return JET_errDatabaseDuplicate;
    if (const JET_ERR err = env->RemoveFile(path); err < 0) return err;
  }
  std::unique_ptr<Database> db(new Database());
  db->path_ = path;
  db->read_only_ = false;
  db->page_size_ = static_cast<uint32_t>(cache->page_size());
  FileOptions options;
  options.create = true;
  options.exclusive = true;
  options.share_read = true;
  if (const JET_ERR err = env->OpenFile(path, options, &db->file_); err < 0) {
    return err == JET_errFileAlreadyExists ? JET_errDatabaseDuplicate : err;
  }
  // From here on a failure removes the half-made file.
  auto fail = [&](JET_ERR err) {
    if (db->cache_ != nullptr && db->file_id_ != kInvalidCacheFileId) {
      db->space_.reset();
      (void)db->cache_->UnregisterFile(db->file_id_, PageCache::UnregisterMode::kDiscard);
      db->file_id_ = kInvalidCacheFileId;
    }
    db->closed_ = true;
    db->file_.reset();
    (void)env->RemoveFile(path);
    return err;
  };

  DbFileHeader& h = db->header_;
  h = NewDbFileHeader(db->page_size_);
  std::random_device random;
  const LogTime now = LogTime::FromUnixMillis(UnixMicrosFromSystemTime(env->NowUtc()) / 1000);
  h.sign_db.random = random();
  h.sign_db.create_time = now;
  h.sign_db.SetComputerName("jetsvc");
  h.sign_log = h.sign_db;
  h.dbstate = kDbStateJustCreated;
  h.dbid = 1;
  h.logtime_attach = now;
  h.logtime_consistent = now;
  if (const JET_ERR err = db->StartWriting(); err < 0) return fail(err);
  if (const JET_ERR err = db->WriteHeader(); err < 0) return fail(err);
  db->file_size_ = 2ull * db->page_size_;
  if (const JET_ERR err = db->RegisterWithCache(std::move(cache)); err < 0) return fail(err);
  if (const JET_ERR err =
          SpaceManager::Create(db->write_context(), db->file_.get(), SpaceOptions(), &db->space_);
      err < 0) {
    return fail(err);
  }
  if (const JET_ERR err = db->FormatCatalog(); err < 0) return fail(err);
  // Everything on disk before the database says it exists.
  if (const JET_ERR err = db->cache_->FlushFile(db->file_id_); err < 0) return fail(err);
  if (const JET_ERR err = db->LoadCatalog(); err < 0) return fail(err);
  h.dbstate = kDbStateDirtyShutdown;
  if (const JET_ERR err = db->WriteHeader(); err < 0) return fail(err);
  uint64_t size = 0;
  if (db->file_->Size(&size) >= 0) db->file_size_ = size;
  *out = std::move(db);
  return JET_errSuccess;
}

}  // namespace jet
