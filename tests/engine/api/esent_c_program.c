/* An ordinary C11 program written as for Windows' esent.h: it includes
 * esent.h, uses Windows' integer spellings for out-parameters, and calls the
 * engine through the unsuffixed (A-form) names. Exits 0 when every check
 * holds, 1 otherwise, printing each failed check. */

#include <stdio.h>
#include <string.h>

#include "esent.h"

/* The C compiler must see the Windows x64 layouts too, not only C++. */
_Static_assert(sizeof(JET_SIGNATURE) == 28, "JET_SIGNATURE");
_Static_assert(sizeof(JET_LGPOS) == 8, "JET_LGPOS");
_Static_assert(sizeof(JET_LOGTIME) == 8, "JET_LOGTIME");
_Static_assert(sizeof(JET_BKINFO) == 24, "JET_BKINFO");
_Static_assert(sizeof(JET_SNPROG) == 12, "JET_SNPROG");
_Static_assert(sizeof(JET_DBINFOMISC) == 216, "JET_DBINFOMISC");
_Static_assert(sizeof(JET_INSTANCE_INFO) == 48, "JET_INSTANCE_INFO");
_Static_assert(sizeof(JET_SETSYSPARAM) == 32, "JET_SETSYSPARAM");
_Static_assert(sizeof(JET_RETRIEVECOLUMN) == 48, "JET_RETRIEVECOLUMN");
_Static_assert(sizeof(JET_INDEXCREATE) == 80, "JET_INDEXCREATE");
_Static_assert(sizeof(JET_INSTANCE) == 8, "JET_INSTANCE");
_Static_assert(sizeof(JET_GRBIT) == 4, "JET_GRBIT");

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

#define CHECK_ERR(call, expected)                                                               \
  do {                                                                                          \
    JET_ERR err_ = (call);                                                                      \
    if (err_ != (expected)) {                                                                   \
      fprintf(stderr, "%s:%d: %s returned %ld, expected %ld (%s)\n", __FILE__, __LINE__, #call, \
              (long)err_, (long)(expected), #expected);                                         \
      ++failures;                                                                               \
    }                                                                                           \
  } while (0)

/* A status callback as a Windows program declares it. */
static JET_ERR JET_API OnStatus(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void* pv) {
  (void)sesid;
  (void)snp;
  (void)snt;
  (void)pv;
  return JET_errSuccess;
}

int main(void) {
  JET_PFNSTATUS status = OnStatus;
  JET_API_PTR value = 0;
  char text[64];
  unsigned long succeeded = 0;
  unsigned long instance_count = 0;
  JET_INSTANCE_INFO* info = NULL;
  JET_INSTANCE first = 0;
  JET_INSTANCE second = 0;
  JET_INSTANCE third = 0;
  JET_SETSYSPARAM params[2];

  CHECK(status != NULL);

  /* Process-wide parameters before any instance exists. */
  CHECK_ERR(JetSetSystemParameter(NULL, JET_sesidNil, JET_paramDatabasePageSize, 8192, NULL),
            JET_errSuccess);
  CHECK_ERR(JetGetSystemParameter(0, JET_sesidNil, JET_paramDatabasePageSize, &value, NULL, 0),
            JET_errSuccess);
  CHECK(value == 8192);
  CHECK_ERR(JetSetSystemParameter(NULL, JET_sesidNil, JET_paramDatabasePageSize, 3000, NULL),
            JET_errInvalidParameter);
  CHECK_ERR(JetSetSystemParameter(NULL, JET_sesidNil, 9999, 1, NULL), JET_errInvalidParameter);

  /* Multi-instance mode with a limit of two instances. */
  memset(params, 0, sizeof(params));
  params[0].paramid = JET_paramMaxInstances;
  params[0].lParam = 2;
  params[0].err = JET_wrnNyi;
  params[1].paramid = JET_paramEventSource;
  params[1].sz = "esent_c_program";
  params[1].err = JET_wrnNyi;
  CHECK_ERR(JetEnableMultiInstance(params, 2, &succeeded), JET_errSuccess);
  CHECK(succeeded == 2);
  CHECK(params[0].err == JET_errSuccess && params[1].err == JET_errSuccess);
  CHECK_ERR(JetEnableMultiInstance(NULL, 0, &succeeded), JET_errSystemParamsAlreadySet);

  CHECK_ERR(JetCreateInstance(&first, "first"), JET_errSuccess);
  CHECK(first != 0 && first != JET_instanceNil);
  CHECK_ERR(JetCreateInstance2(&second, "first", "duplicate", JET_bitNil),
            JET_errInstanceNameInUse);
  CHECK_ERR(JetCreateInstance2(&second, "second", "Second instance", JET_bitNil), JET_errSuccess);
  CHECK_ERR(JetCreateInstance(&third, "third"), JET_errTooManyInstances);
  CHECK_ERR(JetSetSystemParameter(NULL, JET_sesidNil, JET_paramDatabasePageSize, 4096, NULL),
            JET_errAlreadyInitialized);

  /* Per-instance parameters: the instance inherited the process default. */
  CHECK_ERR(
      JetGetSystemParameter(first, JET_sesidNil, JET_paramEventSource, NULL, text, sizeof(text)),
      JET_errSuccess);
  CHECK(strcmp(text, "esent_c_program") == 0);
  CHECK_ERR(JetSetSystemParameter(&first, JET_sesidNil, JET_paramBaseName, 0, "abcd"),
            JET_errInvalidParameter);
  CHECK_ERR(JetSetSystemParameter(&first, JET_sesidNil, JET_paramBaseName, 0, "abc"),
            JET_errSuccess);
  CHECK_ERR(JetGetSystemParameter(first, JET_sesidNil, JET_paramBaseName, NULL, text, sizeof(text)),
            JET_errSuccess);
  CHECK(strcmp(text, "abc") == 0);
  CHECK_ERR(
      JetGetSystemParameter(second, JET_sesidNil, JET_paramBaseName, NULL, text, sizeof(text)),
      JET_errSuccess);
  CHECK(strcmp(text, "edb") == 0);
  CHECK_ERR(JetGetSystemParameter(first, JET_sesidNil, JET_paramBaseName, NULL, text, 2),
            JET_errBufferTooSmall);
  CHECK_ERR(JetSetSystemParameter(&first, JET_sesidNil, JET_paramLogFileSize, 1024, NULL),
            JET_errSuccess);
  CHECK_ERR(JetGetSystemParameter(first, JET_sesidNil, JET_paramLogFileSize, &value, NULL, 0),
            JET_errSuccess);
  CHECK(value == 1024);

  /* The instance list, freed with JetFreeBuffer. */
  CHECK_ERR(JetGetInstanceInfo(&instance_count, &info), JET_errSuccess);
  CHECK(instance_count == 2);
  if (info != NULL && instance_count == 2) {
    CHECK(info[0].hInstanceId == first);
    CHECK(info[0].szInstanceName != NULL && strcmp(info[0].szInstanceName, "first") == 0);
    CHECK(info[1].hInstanceId == second);
    CHECK(info[1].cDatabases == 0);
  }
  CHECK_ERR(JetFreeBuffer((char*)info), JET_errSuccess);

  /* Termination frees the handles; stale handles are refused. */
  CHECK_ERR(JetTerm(first), JET_errSuccess);
  CHECK_ERR(JetTerm(first), JET_errInvalidParameter);
  CHECK_ERR(JetGetSystemParameter(first, JET_sesidNil, JET_paramLogFileSize, &value, NULL, 0),
            JET_errInvalidInstance);
  CHECK_ERR(JetTerm2(second, JET_bitTermComplete), JET_errSuccess);
  CHECK_ERR(JetGetInstanceInfo(&instance_count, &info), JET_errSuccess);
  CHECK(instance_count == 0 && info == NULL);

  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("esent_c_program: all checks passed\n");
  return 0;
}
