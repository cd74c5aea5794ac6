// Runs this test executable again, for tests that need a second process
// (a lock must exclude other processes, not only this one).
#ifndef JETSVC_TESTS_ENGINE_OS_SPAWN_SELF_H_
#define JETSVC_TESTS_ENGINE_OS_SPAWN_SELF_H_

#include <string>
#include <vector>

namespace jet::testing {

// The child's exit code, or -1 if it could not be started or did not exit.
int RunSelf(const std::vector<std::string>& args);

}  // namespace jet::testing

#endif  // JETSVC_TESTS_ENGINE_OS_SPAWN_SELF_H_
