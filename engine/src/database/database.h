// An attached database file: the file, its header, its registration with
// the process-wide buffer cache (pages verified by EdbPageVerifier) and its
// catalog. Attached read-only (Open) or for writing (Create, OpenWritable);
// a writable database also has its space (SpaceManager), its dbtime counter
// and a DDL lock, and keeps its header's dbstate DirtyShutdown while
// attached (CleanShutdown, header and shadow, once Close has flushed every
// page).
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
// Shared by every session of the instance that attached it. The catalog is
// a snapshot replaced as a whole after each DDL change (ReloadCatalog);
// every snapshot lives as long as the Database, so a `const TableDef*`
// taken from it stays valid (it may be out of date: look the table up again
// by objid in catalog() for the current definition).

#ifndef JETSVC_ENGINE_DATABASE_DATABASE_H_
#define JETSVC_ENGINE_DATABASE_DATABASE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "btree/btree.h"
#include "btree/btree_writer.h"
#include "btree/page_op_writer.h"
#include "catalog/catalog.h"
#include "catalog/table_def.h"
#include "esent.h"
#include "format/db_header.h"
#include "os/env.h"
#include "space/space_manager.h"

namespace jet {

class Database {
 public:
  // Opens `path` read-only and registers it with `cache`, whose page size
  // is the engine's (JET_paramDatabasePageSize).
  [[nodiscard]] static JET_ERR Open(Env* env, const std::string& path,
                                    std::shared_ptr<PageCache> cache,
                                    std::unique_ptr<Database>* out);

  // Creates a new database at `path` (ESE's ErrDBCreateDatabase): header
  // and shadow (dbstate JustCreated while it is made), the space trees, the
  // catalog MSysObjects (page 4) with its indexes Name (7) and RootObjects
  // (10), MSysObjectsShadow (24) and their own rows; then DirtyShutdown, open
  // for writing. JET_errDatabaseDuplicate when the file exists unless
  // `overwrite`; the file's own errors.
  [[nodiscard]] static JET_ERR Create(Env* env, const std::string& path,
                                      std::shared_ptr<PageCache> cache, bool overwrite,
                                      std::unique_ptr<Database>* out);
  // Opens an existing database for writing: the attach checks, then dbstate
  // DirtyShutdown written (header and shadow) before anything changes.
  [[nodiscard]] static JET_ERR OpenWritable(Env* env, const std::string& path,
                                            std::shared_ptr<PageCache> cache,
                                            std::unique_ptr<Database>* out);

  // Writable: gives the space reserve back, flushes every dirty page, then
  // writes CleanShutdown into the header and its shadow and flushes them.
  // Read-only: nothing. Called by the destructor if not called before.
  [[nodiscard]] JET_ERR Close();

  ~Database();  // Close(), drops the file's pages from the cache and closes it
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& path() const { return path_; }
  const DbFileHeader& header() const { return header_; }
  uint32_t page_size() const { return page_size_; }
  uint64_t file_size() const { return file_size_; }
  bool read_only() const { return read_only_; }

  // --- The write side (writable databases only; null / empty otherwise) ---
  // Where this file's page operations go (no log sink yet).
  PageWriteContext write_context() const;
  // The file's space: pages for new trees and splits, freed pages back.
  SpaceManager* space() const { return space_.get(); }
  PageAllocator* allocator() const { return space_.get(); }
  // Serialises schema changes (DDL) of this database with each other.
  std::mutex& ddl_mutex() const { return ddl_mu_; }
  // A new object id (tables, indexes, LV trees), recorded in the header's
  // objid_last at Close.
  uint32_t AllocateObjid();
  // Reads the catalog again after a DDL change; the old snapshot stays alive.
  [[nodiscard]] JET_ERR ReloadCatalog();

  // Open cursors per table objid (JetDeleteTable: JET_errTableInUse).
  void TableOpened(uint32_t objid) const;
  void TableClosed(uint32_t objid) const;
  bool TableInUse(uint32_t objid) const;

  PageCache* cache() const { return cache_.get(); }
  CacheFileId file_id() const { return file_id_; }

  // The tables of the catalog, MSysObjects and the other system tables
  // included, in objid order.
  const std::vector<TableDef>& tables() const { return catalog().tables(); }
  // The current catalog snapshot.
  const Catalog& catalog() const;
  std::shared_ptr<const Catalog> catalog_snapshot() const;
  // By name, compared as ESE compares names (without regard to ASCII case).
  const TableDef* FindTable(std::string_view name) const { return catalog().FindTable(name); }

  // Per-table counters of the record write path, kept while the database is
  // attached: the next autoincrement value, the next long-value id and the
  // next sequential bookmark (DBK) of a table without a primary index.
  // `init` computes the first value (from the trees) on first use; each call
  // hands out the next value. Thread-safe.
  enum class TableCounter { kAutoincrement, kLongValueId, kSequentialBookmark };
  [[nodiscard]] JET_ERR TakeTableCounter(uint32_t objid, TableCounter which,
                                         const std::function<JET_ERR(uint64_t*)>& init,
                                         uint64_t* value) const;

  // Opens the B-tree rooted at `pgno` of objid `objid` in this file.
  [[nodiscard]] JET_ERR OpenTree(uint32_t pgno, uint32_t objid, BTree* tree) const;

 private:
  Database() = default;
  JET_ERR OpenFileAndHeader(Env* env, const std::string& path, bool read_only);
  JET_ERR RegisterWithCache(std::shared_ptr<PageCache> cache);
  JET_ERR LoadCatalog();
  JET_ERR StartWriting();
  JET_ERR WriteHeader();
  JET_ERR FormatCatalog();

  std::string path_;
  DbFileHeader header_;
  uint32_t page_size_ = 0;
  uint64_t file_size_ = 0;
  std::unique_ptr<File> file_;
  std::shared_ptr<PageCache> cache_;
  CacheFileId file_id_ = kInvalidCacheFileId;
  bool read_only_ = true;
  bool closed_ = false;

  std::unique_ptr<CounterDbTimeSource> dbtime_;
  std::unique_ptr<SpaceManager> space_;
  mutable std::mutex ddl_mu_;

  mutable std::mutex mu_;  // guards what follows
  std::shared_ptr<const Catalog> catalog_;
  std::vector<std::shared_ptr<const Catalog>> old_catalogs_;
  uint32_t objid_last_ = 0;
  mutable std::map<uint32_t, int> open_tables_;

  mutable std::mutex counters_mu_;
  mutable std::map<std::pair<uint32_t, int>, uint64_t> counters_;  // guarded by counters_mu_
};

// The header checks of an attach (see the file comment), on a picked header.
[[nodiscard]] JET_ERR CheckHeaderForAttach(const DbFileHeader& header, uint32_t page_size);

}  // namespace jet

#endif  // JETSVC_ENGINE_DATABASE_DATABASE_H_
