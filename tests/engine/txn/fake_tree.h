// An in-memory stand-in for a B-tree under the version store: nodes with a
// flag-deleted bit, one mutex playing the page latch. It implements the
// integration's side of the contract in version_store.h (Restore,
// RemoveDeleted) and the write path (PrepareWrite, change, Record under the
// latch) the record-update layer will follow.

#ifndef JETSVC_TESTS_ENGINE_TXN_FAKE_TREE_H_
#define JETSVC_TESTS_ENGINE_TXN_FAKE_TREE_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "esent.h"
#include "txn/transaction_manager.h"
#include "txn/version_store.h"

namespace jet {
namespace txn_test {

inline std::vector<uint8_t> B(const std::string& s) {
  return std::vector<uint8_t>(s.begin(), s.end());
}
inline std::string S(const std::vector<uint8_t>& v) { return std::string(v.begin(), v.end()); }

class FakeTree : public NodeRestorer {
 public:
  struct Node {
    bool flag_deleted = false;
    std::vector<uint8_t> data;
  };

  FakeTree(VersionStore* store, uint64_t db = 1, uint32_t objid = 7)
      : store_(store), db_(db), objid_(objid) {}

  NodeKey Key(const std::string& k) const { return NodeKey(db_, objid_, B(k)); }

  // Writes, as the record-update path does them. Return JET_errKeyDuplicate
  // / JET_errRecordNotFound when the transaction's view forbids the change.
  [[nodiscard]] JET_ERR Insert(Transaction& txn, const std::string& k, const std::string& v) {
    const NodeKey key = Key(k);
    JET_ERR err = store_->PrepareWrite(txn, key);
    if (err < 0) return err;
    std::lock_guard<std::mutex> latch(mu_);
    auto it = nodes_.find(k);
    if (it != nodes_.end() && !it->second.flag_deleted) return JET_errKeyDuplicate;
    // A new node, or a flag-deleted one taken over (ESE's FlagInsert).
    Node& n = nodes_[k];
    n.flag_deleted = false;
    n.data = B(v);
    store_->Record(txn, key, false, {}, true);
    return JET_errSuccess;
  }

  [[nodiscard]] JET_ERR Replace(Transaction& txn, const std::string& k, const std::string& v) {
    const NodeKey key = Key(k);
    JET_ERR err = store_->PrepareWrite(txn, key);
    if (err < 0) return err;
    std::lock_guard<std::mutex> latch(mu_);
    auto it = nodes_.find(k);
    if (it == nodes_.end() || it->second.flag_deleted) return JET_errRecordNotFound;
    std::vector<uint8_t> old = it->second.data;
    it->second.data = B(v);
    store_->Record(txn, key, true, old, true);
    return JET_errSuccess;
  }

  [[nodiscard]] JET_ERR Delete(Transaction& txn, const std::string& k) {
    const NodeKey key = Key(k);
    JET_ERR err = store_->PrepareWrite(txn, key);
    if (err < 0) return err;
    std::lock_guard<std::mutex> latch(mu_);
    auto it = nodes_.find(k);
    if (it == nodes_.end() || it->second.flag_deleted) return JET_errRecordNotFound;
    it->second.flag_deleted = true;  // versioned delete: the data stays
    store_->Record(txn, key, true, it->second.data, false);
    return JET_errSuccess;
  }

  // What `reader` sees of k: nullopt = absent.
  std::optional<std::string> Read(const Snapshot& reader, const std::string& k) const {
    std::lock_guard<std::mutex> latch(mu_);
    auto it = nodes_.find(k);
    if (it == nodes_.end()) return std::nullopt;
    std::vector<uint8_t> image;
    switch (store_->See(reader, Key(k), !it->second.flag_deleted, it->second.data, &image)) {
      case VersionStore::Visibility::kAsStored:
        return S(it->second.data);
      case VersionStore::Visibility::kAbsent:
        return std::nullopt;
      case VersionStore::Visibility::kImage:
        return S(image);
    }
    return std::nullopt;
  }

  // NodeRestorer.
  JET_ERR Restore(const NodeKey& node, bool exists, std::span<const uint8_t> data) override {
    std::lock_guard<std::mutex> latch(mu_);
    ++restores_;
    Node& n = nodes_[S(node.key)];
    n.flag_deleted = !exists;
    if (exists) n.data.assign(data.begin(), data.end());
    return JET_errSuccess;
  }
  JET_ERR RemoveDeleted(const NodeKey& node) override {
    std::lock_guard<std::mutex> latch(mu_);
    auto it = nodes_.find(S(node.key));
    if (it == nodes_.end() || !it->second.flag_deleted) return JET_errSuccess;
    if (store_->HasVersions(node)) return JET_errSuccess;
    nodes_.erase(it);
    ++removed_;
    return JET_errSuccess;
  }

  // Raw state, for assertions.
  bool Stored(const std::string& k) const {
    std::lock_guard<std::mutex> latch(mu_);
    return nodes_.count(k) != 0;
  }
  bool FlagDeleted(const std::string& k) const {
    std::lock_guard<std::mutex> latch(mu_);
    auto it = nodes_.find(k);
    return it != nodes_.end() && it->second.flag_deleted;
  }
  std::map<std::string, Node> Nodes() const {
    std::lock_guard<std::mutex> latch(mu_);
    return nodes_;
  }
  int removed() const { return removed_; }
  int restores() const { return restores_; }

 private:
  VersionStore* store_;
  uint64_t db_;
  uint32_t objid_;
  mutable std::mutex mu_;
  std::map<std::string, Node> nodes_;
  std::atomic<int> removed_{0};
  std::atomic<int> restores_{0};
};

}  // namespace txn_test
}  // namespace jet

#endif  // JETSVC_TESTS_ENGINE_TXN_FAKE_TREE_H_
