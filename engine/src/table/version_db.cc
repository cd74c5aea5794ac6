#include "table/version_db.h"

#include <array>
#include <atomic>
#include <map>
#include <utility>

namespace jet {
namespace {

struct Registry {
  std::mutex mu;
  uint64_t next = 1;
  std::map<const Database*, std::pair<uint64_t, std::weak_ptr<const Database>>> by_ptr;
  std::map<uint64_t, std::weak_ptr<const Database>> by_id;
};

Registry& TheRegistry() {
  static Registry* registry = new Registry;  // never destroyed: usable at exit
  return *registry;
}

}  // namespace

uint64_t VersionDbId(const std::shared_ptr<const Database>& db) {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mu);
  auto it = r.by_ptr.find(db.get());
  if (it != r.by_ptr.end()) {
    if (it->second.second.lock() == db) return it->second.first;
    r.by_id.erase(it->second.first);  // an old database at the same address
    r.by_ptr.erase(it);
  }
  const uint64_t id = r.next++;
  r.by_ptr.emplace(db.get(), std::make_pair(id, std::weak_ptr<const Database>(db)));
  r.by_id.emplace(id, db);
  return id;
}

std::shared_ptr<const Database> FindVersionDb(uint64_t id) {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mu);
  auto it = r.by_id.find(id);
  return it == r.by_id.end() ? nullptr : it->second.lock();
}

JET_ERR OpenTreeByObjid(const Database& db, uint32_t objid, BTree* tree) {
  for (const TableDef& table : db.tables()) {
    if (table.objid == objid) return db.OpenTree(table.pgno_fdp, objid, tree);
    if (table.long_values && table.long_values->objid == objid) {
      return db.OpenTree(table.long_values->pgno_fdp, objid, tree);
    }
    for (const IndexDef& index : table.indexes) {
      if (index.objid == objid && !index.primary()) return db.OpenTree(index.pgno_fdp, objid, tree);
    }
  }
  return JET_errObjectNotFound;
}

namespace {
std::atomic<uint64_t> g_write_generation{1};
}  // namespace

uint64_t WriteGeneration() { return g_write_generation.load(std::memory_order_acquire); }
void BumpWriteGeneration() { g_write_generation.fetch_add(1, std::memory_order_acq_rel); }

std::mutex& NodeStripe(const NodeKey& node) {
  static std::array<std::mutex, 64>* stripes = new std::array<std::mutex, 64>;
  return (*stripes)[NodeKeyHash()(node) % stripes->size()];
}

}  // namespace jet
