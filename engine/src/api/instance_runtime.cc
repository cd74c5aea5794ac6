#include "api/instance_runtime.h"

#include <algorithm>
#include <memory>

#include "api/instance_table.h"
#include "api/session_table.h"
#include "btree/btree.h"  // the cache headers, through btree's shim
#include "cache/process_page_cache.h"
#include "database/attach_registry.h"
#include "table/tree_version_restorer.h"
#include "txn/transaction_manager.h"

namespace jet {
namespace {

constexpr uint64_t kCacheBytesMost = uint64_t{1} << 30;
constexpr size_t kCachePagesLeast = 64;

}  // namespace

size_t CacheCapacityPages(uint64_t cache_size_max, size_t page_size) {
  const uint64_t most = kCacheBytesMost / page_size;
  return static_cast<size_t>(
      std::clamp<uint64_t>(cache_size_max, kCachePagesLeast, std::max<uint64_t>(most, 64)));
}

JET_ERR StartInstance(Instance* instance) {
  const InstanceTable& table = InstanceTable::Get();
  const size_t page_size =
      static_cast<size_t>(table.ProcessParam(*FindParamDef(JET_paramDatabasePageSize)).integer);
  const uint64_t cache_max = table.ProcessParam(*FindParamDef(JET_paramCacheSizeMax)).integer;

  PageCacheOptions options;
  options.page_size = page_size;
  options.capacity_pages = CacheCapacityPages(cache_max, page_size);
  std::shared_ptr<PageCache> cache;
  if (const JET_ERR err = AcquireProcessPageCache(options, &cache); err < 0) return err;
  // A cache another instance made: JET_paramCacheSizeMax is process-wide, so
  // its current value is the bound.
  (void)cache->SetCapacity(options.capacity_pages);
  instance->set_cache(std::move(cache));
  VersionStoreOptions versions;
  versions.max_bytes = VersionStoreOptions::BytesForVerPages(
      static_cast<uint32_t>(instance->IntegerParam(JET_paramMaxVerPages)));
  instance->set_transactions(std::make_shared<TransactionManager>(versions));
  // No logs yet: recovery, the checkpoint and log files come with the log
  // (see the header comment). The system and log paths stay parameters.
  instance->set_initialized(true);
  return JET_errSuccess;
}

void StopInstance(Instance* instance, JET_GRBIT /*grbit*/) {
  // Read-only databases have nothing to flush, so every JetTerm2 grbit ends
  // the same way: sessions first (they hold tables on the databases), then
  // the attachments, then the cache reference.
  // Ending a session rolls back its open transaction (session_table.cc).
  SessionTable::Get().EndAllOf(instance->handle());
  if (std::shared_ptr<TransactionManager> tm = instance->transactions(); tm != nullptr) {
    // No transaction is left: every committed delete can be cleaned up
    // before the files close.
    TreeVersionRestorer cleaner(tm->versions());
    if (tm->CleanupNeeded()) (void)tm->Cleanup(cleaner);
  }
  AttachRegistry::Get().ForgetInstance(instance->handle());
  instance->set_initialized(false);
  instance->set_cache(nullptr);
  instance->set_transactions(nullptr);
}

}  // namespace jet
