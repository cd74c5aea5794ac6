#include "os/share_table.h"

#include <algorithm>

namespace jet {

bool SharingConflicts(const ShareMode& existing, const ShareMode& incoming) {
  return (incoming.read && !existing.share_read) || (incoming.write && !existing.share_write) ||
         (existing.read && !incoming.share_read) || (existing.write && !incoming.share_write);
}

JET_ERR ShareTable::Acquire(const Key& key, const ShareMode& mode, uint64_t* token) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Handle>& handles = open_[key];  // empty (and kept) only on success
  for (const Handle& h : handles) {
    if (SharingConflicts(h.mode, mode)) return JET_errFileAccessDenied;
  }
  *token = next_token_++;
  handles.push_back(Handle{*token, mode});
  return JET_errSuccess;
}

void ShareTable::Release(const Key& key, uint64_t token) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = open_.find(key);
  if (it == open_.end()) return;
  std::vector<Handle>& handles = it->second;
  handles.erase(std::remove_if(handles.begin(), handles.end(),
                               [token](const Handle& h) { return h.token == token; }),
                handles.end());
  if (handles.empty()) open_.erase(it);
}

bool ShareTable::IsOpen(const Key& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  return open_.count(key) != 0;
}

void ShareTable::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  open_.clear();
}

}  // namespace jet
