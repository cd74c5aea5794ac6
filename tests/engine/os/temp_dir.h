// A fresh directory under the system temp folder, removed with everything in
// it when the object goes away.
#ifndef JETSVC_TESTS_ENGINE_OS_TEMP_DIR_H_
#define JETSVC_TESTS_ENGINE_OS_TEMP_DIR_H_

#include <string>

namespace jet::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // The directory, UTF-8, without a trailing separator.
  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string Join(const std::string& name) const;

 private:
  std::string path_;
};

}  // namespace jet::testing

#endif  // JETSVC_TESTS_ENGINE_OS_TEMP_DIR_H_
