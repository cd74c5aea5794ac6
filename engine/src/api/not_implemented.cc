// Entry points declared in esent.h that the engine does not implement yet.
// Each returns JET_errFeatureNotAvailable (ESE's "API not supported") so that
// every declared function links; later issues replace them one by one (move
// a function out of this file when it gets a real body).
//
// Real elsewhere in api/: instances and parameters, JetInit*, sessions,
// create/attach/detach/open/close of databases, JetGetDatabaseInfo /
// JetGetDatabaseFileInfo, DDL (ddl_api.cc), tables, column and index
// information (the list levels, which return temporary tables, are
// JET_errFeatureNotAvailable), navigation, keys, seeks, index ranges,
// bookmarks, column retrieval, transactions (transaction_api.cc) and record
// updates (update_api.cc).
//
// Still missing:
//   instances:     JetStopService, JetStopServiceInstance,
//                  JetStopServiceInstance2, JetStopBackup, JetStopBackupInstance
//   sessions:      JetDupSession
//   databases:     JetGetLogFileInfoA
//   navigation:    JetGotoPosition
//   backup/restore: JetBackupA, JetBackupInstanceA, JetRestoreA, JetRestore2A,
//                  JetRestoreInstanceA, JetBeginExternalBackup,
//                  JetBeginExternalBackupInstance, JetGetAttachInfoA,
//                  JetGetAttachInfoInstanceA, JetOpenFileA, JetOpenFileInstanceA,
//                  JetReadFile, JetReadFileInstance, JetCloseFile,
//                  JetCloseFileInstance, JetGetLogInfoA, JetGetLogInfoInstanceA,
//                  JetGetLogInfoInstance2A, JetGetTruncateLogInfoInstanceA,
//                  JetTruncateLog, JetTruncateLogInstance, JetEndExternalBackup,
//                  JetEndExternalBackupInstance, JetEndExternalBackupInstance2,
//                  JetExternalRestoreA, JetExternalRestore2A
//   OS snapshots:  JetOSSnapshotPrepare, JetOSSnapshotPrepareInstance,
//                  JetOSSnapshotFreezeA, JetOSSnapshotThaw, JetOSSnapshotAbort,
//                  JetOSSnapshotTruncateLog, JetOSSnapshotTruncateLogInstance,
//                  JetOSSnapshotGetFreezeInfoA, JetOSSnapshotEnd

#include "esent.h"

// clang-format off
JET_ERR JET_API JetStopService(void) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetStopServiceInstance(JET_INSTANCE) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetStopServiceInstance2(JET_INSTANCE, JET_GRBIT) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetStopBackup(void) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetStopBackupInstance(JET_INSTANCE) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetDupSession(JET_SESID, JET_SESID*) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetGetLogFileInfoA(JET_PCSTR, void*, unsigned long, unsigned long) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetGotoPosition(JET_SESID, JET_TABLEID, JET_RECPOS*) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetBackupA(JET_PCSTR, JET_GRBIT, JET_PFNSTATUS) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetBackupInstanceA(JET_INSTANCE, JET_PCSTR, JET_GRBIT, JET_PFNSTATUS) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetRestoreA(JET_PCSTR, JET_PFNSTATUS) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetRestore2A(JET_PCSTR, JET_PCSTR, JET_PFNSTATUS) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetRestoreInstanceA(JET_INSTANCE, JET_PCSTR, JET_PCSTR, JET_PFNSTATUS) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetBeginExternalBackup(JET_GRBIT) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetBeginExternalBackupInstance(JET_INSTANCE, JET_GRBIT) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetGetAttachInfoA(JET_PSTR, unsigned long, unsigned long*) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetGetAttachInfoInstanceA(JET_INSTANCE, JET_PSTR, unsigned long, unsigned long*) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetOpenFileA(JET_PCSTR, JET_HANDLE*, unsigned long*, unsigned long*) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetOpenFileInstanceA(JET_INSTANCE, JET_PCSTR, JET_HANDLE*, unsigned long*, unsigned long*) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetReadFile(JET_HANDLE, void*, unsigned long, unsigned long*) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetReadFileInstance(JET_INSTANCE, JET_HANDLE, void*, unsigned long, unsigned long*) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetCloseFile(JET_HANDLE) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetCloseFileInstance(JET_INSTANCE, JET_HANDLE) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetGetLogInfoA(JET_PSTR, unsigned long, unsigned long*) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetGetLogInfoInstanceA(JET_INSTANCE, JET_PSTR, unsigned long, unsigned long*) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetGetLogInfoInstance2A(JET_INSTANCE, JET_PSTR, unsigned long, unsigned long*, JET_LOGINFO_A*) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetGetTruncateLogInfoInstanceA(JET_INSTANCE, JET_PSTR, unsigned long, unsigned long*) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetTruncateLog(void) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetTruncateLogInstance(JET_INSTANCE) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetEndExternalBackup(void) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetEndExternalBackupInstance(JET_INSTANCE) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetEndExternalBackupInstance2(JET_INSTANCE, JET_GRBIT) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetExternalRestoreA(JET_PSTR, JET_PSTR, JET_RSTMAP_A*, long, JET_PSTR, long, long, JET_PFNSTATUS) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetExternalRestore2A(JET_PSTR, JET_PSTR, JET_RSTMAP_A*, long, JET_PSTR, JET_LOGINFO_A*, JET_PSTR, JET_PSTR, JET_PSTR, JET_PFNSTATUS) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetOSSnapshotPrepare(JET_OSSNAPID*, JET_GRBIT) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetOSSnapshotPrepareInstance(JET_OSSNAPID, JET_INSTANCE, JET_GRBIT) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetOSSnapshotFreezeA(JET_OSSNAPID, unsigned long*, JET_INSTANCE_INFO_A**, JET_GRBIT) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetOSSnapshotThaw(JET_OSSNAPID, JET_GRBIT) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetOSSnapshotAbort(JET_OSSNAPID, JET_GRBIT) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetOSSnapshotTruncateLog(JET_OSSNAPID, JET_GRBIT) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetOSSnapshotTruncateLogInstance(JET_OSSNAPID, JET_INSTANCE, JET_GRBIT) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetOSSnapshotGetFreezeInfoA(JET_OSSNAPID, unsigned long*, JET_INSTANCE_INFO_A**, JET_GRBIT) { return JET_errFeatureNotAvailable; }
JET_ERR JET_API JetOSSnapshotEnd(JET_OSSNAPID, JET_GRBIT) { return JET_errFeatureNotAvailable; }
// clang-format on
