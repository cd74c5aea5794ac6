// An attached database file, read-only for now: the file, its header, its
// registration with the process-wide buffer cache (pages verified by
// EdbPageVerifier) and its catalog, loaded once at attach.
//
// Attach checks, in ESE's order (ese-facts §4.5; ErrDBReadHeaderCheck-
// Consistency): the file opens (JET_errFileNotFound ...), a header decodes
// (JET_errDatabaseCorrupted, JET_errInvalidDatabaseVersion, ...), its page
// size is the engine's (JET_errPageSizeMismatch), it is not a backup copy
// waiting for hard recovery (bkinfoFullCur.genLow != 0:
// JET_errSoftRecoveryOnBackupDatabase), and it was shut down cleanly
// (JET_errDatabaseDirtyShutdown). Then the catalog is read
// (JET_errReadVerifyFailure and the other page errors, JET_errCatalogCorrupted).
//
// Shared by every session of the instance that attached it; immutable after
// Open, so readers need no lock.

#ifndef JETSVC_ENGINE_DATABASE_DATABASE_H_
#define JETSVC_ENGINE_DATABASE_DATABASE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "btree/btree.h"
#include "catalog/catalog.h"
#include "catalog/table_def.h"
#include "esent.h"
#include "format/db_header.h"
#include "os/env.h"

namespace jet {

class Database {
 public:
  // Opens `path` read-only and registers it with `cache`, whose page size
  // is the engine's (JET_paramDatabasePageSize).
  [[nodiscard]] static JET_ERR Open(Env* env, const std::string& path,
                                    std::shared_ptr<PageCache> cache,
                                    std::unique_ptr<Database>* out);

  ~Database();  // drops the file's pages from the cache and closes it
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& path() const { return path_; }
  const DbFileHeader& header() const { return header_; }
  uint32_t page_size() const { return page_size_; }
  uint64_t file_size() const { return file_size_; }
  bool read_only() const { return true; }

  PageCache* cache() const { return cache_.get(); }
  CacheFileId file_id() const { return file_id_; }

  // The tables of the catalog, MSysObjects and the other system tables
  // included, in objid order.
  const std::vector<TableDef>& tables() const { return catalog_.tables(); }
  const Catalog& catalog() const { return catalog_; }
  // By name, compared as ESE compares names (without regard to ASCII case).
  const TableDef* FindTable(std::string_view name) const { return catalog_.FindTable(name); }

  // Opens the B-tree rooted at `pgno` of objid `objid` in this file.
  [[nodiscard]] JET_ERR OpenTree(uint32_t pgno, uint32_t objid, BTree* tree) const;

 private:
  Database() = default;

  std::string path_;
  DbFileHeader header_;
  uint32_t page_size_ = 0;
  uint64_t file_size_ = 0;
  std::unique_ptr<File> file_;
  std::shared_ptr<PageCache> cache_;
  CacheFileId file_id_ = kInvalidCacheFileId;
  Catalog catalog_;
};

// The header checks of an attach (see the file comment), on a picked header.
[[nodiscard]] JET_ERR CheckHeaderForAttach(const DbFileHeader& header, uint32_t page_size);

}  // namespace jet

#endif  // JETSVC_ENGINE_DATABASE_DATABASE_H_
