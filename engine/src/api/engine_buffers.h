// Memory the engine hands to callers (JetGetInstanceInfo's array, later
// others) and takes back through JetFreeBuffer. Every block is registered, so
// JetFreeBuffer can refuse a pointer the engine never returned instead of
// corrupting the heap with it.

#ifndef JETSVC_ENGINE_API_ENGINE_BUFFERS_H_
#define JETSVC_ENGINE_API_ENGINE_BUFFERS_H_

#include <cstddef>

namespace jet {

// Returns a block of `size` bytes (size > 0) aligned for any object type and
// zero-filled, or nullptr when memory is exhausted.
char* AllocateEngineBuffer(size_t size);

// Frees a block from AllocateEngineBuffer and returns true; returns false and
// does nothing for any other pointer (nullptr included).
bool FreeEngineBuffer(char* buffer);

// How many blocks are outstanding; for tests.
size_t OutstandingEngineBuffers();

}  // namespace jet

#endif  // JETSVC_ENGINE_API_ENGINE_BUFFERS_H_
