// NodeKey: the identity of one B-tree node for the version store. ESE keys
// its version store (ver.cxx RCEs) by (ifmp, pgnoFDP, bookmark); we use the
// database identity, the tree's objid and the node's bookmark: the key, plus
// the data for trees with non-unique keys (secondary indexes), whose entries
// are only told apart by key+data.

#ifndef JETSVC_ENGINE_TXN_NODE_KEY_H_
#define JETSVC_ENGINE_TXN_NODE_KEY_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace jet {

struct NodeKey {
  uint64_t db = 0;     // any value that names one attached database
  uint32_t objid = 0;  // the tree (objidFDP of a table, index or LV tree)
  std::vector<uint8_t> key;
  std::vector<uint8_t> data;  // empty for unique trees

  NodeKey() = default;
  NodeKey(uint64_t db_in, uint32_t objid_in, std::span<const uint8_t> key_in,
          std::span<const uint8_t> data_in = {})
      : db(db_in),
        objid(objid_in),
        key(key_in.begin(), key_in.end()),
        data(data_in.begin(), data_in.end()) {}

  friend bool operator==(const NodeKey&, const NodeKey&) = default;

  // Bytes the key occupies in the version store's accounting.
  size_t Footprint() const { return sizeof(NodeKey) + key.size() + data.size(); }
};

// FNV-1a over the fields; stable across platforms (the shard of a node does
// not matter outside one process, but reproducible tests are easier).
struct NodeKeyHash {
  size_t operator()(const NodeKey& k) const;
};

// Hash of a tree, for the per-tree "may have versions" counters.
size_t TreeHash(uint64_t db, uint32_t objid);

}  // namespace jet

#endif  // JETSVC_ENGINE_TXN_NODE_KEY_H_
