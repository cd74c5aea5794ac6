// What JetInit gives an instance and JetTerm takes back: the process-wide
// buffer cache sized by JET_paramCacheSizeMax, and at the end its sessions
// and attached databases.
//
// Not yet: transaction logging and recovery (a later issue). JetInit
// therefore creates no log or checkpoint file and replays nothing; a
// database that needs recovery is refused at attach with
// JET_errDatabaseDirtyShutdown.

#ifndef JETSVC_ENGINE_API_INSTANCE_RUNTIME_H_
#define JETSVC_ENGINE_API_INSTANCE_RUNTIME_H_

#include <cstddef>
#include <cstdint>

#include "api/instance.h"
#include "esent.h"

namespace jet {

// The cache capacity, in pages, for a JET_paramCacheSizeMax of `pages`.
// ESE's default (2,000,000,000 pages) means "as much as memory allows"; the
// engine clamps every value to 1 GiB worth of pages (262,144 pages of 4 KiB)
// so that the default cannot exhaust memory, and to at least 64 pages so
// that a scan and a seek can hold their latches together. Pages are
// allocated as they are first used, so a large bound costs nothing until
// the data is read.
size_t CacheCapacityPages(uint64_t cache_size_max, size_t page_size);

// JetInit's work on an instance found by InstanceTable::BeginInit: takes a
// reference to the process-wide cache (creating it with
// JET_paramDatabasePageSize pages on first use; a live cache's capacity
// follows the parameter) and marks the instance initialized.
[[nodiscard]] JET_ERR StartInstance(Instance* instance);

// JetTerm's: ends every session of the instance (closing their tables and
// databases), detaches its databases and drops its cache reference.
void StopInstance(Instance* instance, JET_GRBIT grbit);

}  // namespace jet

#endif  // JETSVC_ENGINE_API_INSTANCE_RUNTIME_H_
