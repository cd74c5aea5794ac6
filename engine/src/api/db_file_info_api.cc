// JetGetDatabaseFileInfo: straight from the file's header, without an
// instance (database/db_header_reader.h).

#include <cstdint>

#include "api/api_guard.h"
#include "api/info_buffer.h"
#include "database/db_header_reader.h"
#include "database/db_info.h"
#include "esent.h"
#include "os/env.h"

JET_ERR JET_API JetGetDatabaseFileInfoA(JET_PCSTR szDatabaseName, void* pvResult,
                                        unsigned long cbMax, unsigned long InfoLevel) {
  return jet::CallApi([&]() -> JET_ERR {
    if (szDatabaseName == nullptr || szDatabaseName[0] == '\0') return JET_errDatabaseInvalidPath;
    if (InfoLevel != JET_DbInfoMisc && InfoLevel != JET_DbInfoPageSize &&
        InfoLevel != JET_DbInfoFilesize) {
      return JET_errFeatureNotAvailable;
    }
    jet::DbHeaderPick pick;
    uint64_t file_size = 0;
    const JET_ERR err =
        jet::ReadDbHeaderFromFile(jet::Env::Default(), szDatabaseName, &pick, &file_size);
    if (err < 0) return err;
    switch (InfoLevel) {
      case JET_DbInfoMisc:
        return jet::FillDbInfoMisc(pick.header, pvResult, cbMax);
      case JET_DbInfoPageSize:
        return jet::CopyInfo(static_cast<unsigned long>(pick.header.EffectivePageSize()), pvResult,
                             cbMax);
      default:  // JET_DbInfoFilesize: the file's size in bytes, a QWORD
        return jet::CopyInfo(static_cast<unsigned long long>(file_size), pvResult, cbMax);
    }
  });
}
