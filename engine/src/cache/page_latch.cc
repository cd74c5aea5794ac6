#include "cache/page_latch.h"

#include "cache/page_cache.h"

namespace jet {

void ReadLatch::Release() {
  if (frame_ == nullptr) return;
  cache_->ReleaseShared(frame_);
  cache_ = nullptr;
  frame_ = nullptr;
  data_ = nullptr;
}

bool ReadLatch::TryUpgrade(WriteLatch* out) {
  if (frame_ == nullptr || !cache_->TryUpgrade(frame_)) return false;
  out->Release();
  out->cache_ = cache_;
  out->frame_ = frame_;
  out->data_ = frame_->data;
  out->file_ = file_;
  out->pgno_ = pgno_;
  cache_ = nullptr;
  frame_ = nullptr;
  data_ = nullptr;
  return true;
}

void WriteLatch::Release() {
  if (frame_ == nullptr) return;
  cache_->ReleaseExclusive(frame_);
  cache_ = nullptr;
  frame_ = nullptr;
  data_ = nullptr;
}

void WriteLatch::MarkDirty(PackedLgpos lgpos) { cache_->MarkDirty(frame_, lgpos); }
bool WriteLatch::IsDirty() const { return cache_->IsDirty(frame_); }
bool WriteLatch::IsFirstDirtySinceWrite() const { return cache_->IsFirstDirtySinceWrite(frame_); }
PackedLgpos WriteLatch::lgpos_oldest() const { return cache_->LgposOldest(frame_); }
PackedLgpos WriteLatch::lgpos_newest() const { return cache_->LgposNewest(frame_); }

void WriteLatch::Downgrade(ReadLatch* out) {
  if (frame_ == nullptr) return;
  out->Release();
  cache_->Downgrade(frame_);
  out->cache_ = cache_;
  out->frame_ = frame_;
  out->data_ = frame_->data;
  out->file_ = file_;
  out->pgno_ = pgno_;
  cache_ = nullptr;
  frame_ = nullptr;
  data_ = nullptr;
}

}  // namespace jet
