#include "api/engine_buffers.h"

#include <cstring>
#include <mutex>
#include <new>
#include <unordered_set>

namespace jet {
namespace {

struct Registry {
  std::mutex mu;
  std::unordered_set<const void*> blocks;
};

Registry& GetRegistry() {
  static Registry* registry = new Registry;  // never destroyed: usable at exit
  return *registry;
}

}  // namespace

char* AllocateEngineBuffer(size_t size) {
  if (size == 0) return nullptr;
  void* block = ::operator new(size, std::nothrow);
  if (block == nullptr) return nullptr;
  std::memset(block, 0, size);
  Registry& registry = GetRegistry();
  try {
    std::lock_guard<std::mutex> lock(registry.mu);
    registry.blocks.insert(block);
  } catch (...) {
    ::operator delete(block);
    return nullptr;
  }
  return static_cast<char*>(block);
}

bool FreeEngineBuffer(char* buffer) {
  if (buffer == nullptr) return false;
  Registry& registry = GetRegistry();
  {
    std::lock_guard<std::mutex> lock(registry.mu);
    if (registry.blocks.erase(buffer) == 0) return false;
  }
  ::operator delete(buffer);
  return true;
}

size_t OutstandingEngineBuffers() {
  Registry& registry = GetRegistry();
  std::lock_guard<std::mutex> lock(registry.mu);
  return registry.blocks.size();
}

}  // namespace jet
