// The file-type codes ESE stores at byte offset 667 of every database, log
// and checkpoint header, so a header can say what kind of file it heads
// (ese-facts §4.1).

#ifndef JETSVC_ENGINE_FORMAT_FILE_TYPE_H_
#define JETSVC_ENGINE_FORMAT_FILE_TYPE_H_

#include <cstddef>
#include <cstdint>

namespace jet {

inline constexpr size_t kFileTypeOffset = 667;

enum FileType : uint32_t {
  kFileTypeUnknown = 0,  // headers written before the field existed
  kFileTypeDatabase = 1,
  kFileTypeStreamingFile = 2,
  kFileTypeLog = 3,
  kFileTypeCheckpoint = 4,
  kFileTypeTempDatabase = 5,
  kFileTypeFtl = 6,
  kFileTypeFlushMap = 7,
};

}  // namespace jet

#endif  // JETSVC_ENGINE_FORMAT_FILE_TYPE_H_
