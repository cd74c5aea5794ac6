/* esent.h -- the public C API of the jetsvc engine.
 *
 * Source-compatible with Windows' esent.h for everything declared here: the
 * same names, the same numeric values (errors, parameters, grbits, info
 * levels, JET_SNP/JET_SNT) and the Windows x64 layouts of the structures.
 * Every value below is checked against Microsoft's published headers by
 * tests/engine/api/esent_constants_test.cc; every structure's size and field
 * offsets by tests/engine/api/esent_layout_test.cc.
 *
 * Strings are the "A" forms and are UTF-8. As in Windows' header without
 * JET_UNICODE, each unsuffixed name of a function with string arguments is a
 * macro for its A form (JetCreateInstance -> JetCreateInstanceA), and each
 * unsuffixed structure name is a macro for its _A form. There are no W forms.
 *
 * Integer widths. Windows is LLP64: "unsigned long" and "long" are 32 bits.
 *  - Structure fields that are unsigned long / long in Windows' header are
 *    JET_UINT32 / JET_INT32 here, so every structure has the Windows x64 size
 *    and layout on every platform (on Windows they are the native types).
 *  - Function parameters keep Windows' spelling (unsigned long, unsigned long *,
 *    long), so a program written for Windows, e.g.
 *        unsigned long cbActual;
 *        JetRetrieveColumn(sesid, tableid, columnid, buf, sizeof buf, &cbActual, 0, NULL);
 *    compiles unchanged. Values passed through them always fit in 32 bits.
 *  - JET_ERR is long, as in Windows; the err fields inside structures are
 *    JET_INT32 (a JET_ERR value always fits).
 *  - JET_API_PTR and the handles built on it are pointer-sized (64 bits on
 *    x64), as in Windows.
 *
 * Only 64-bit targets get the Windows x64 layouts; 32-bit targets are not
 * supported by the engine.
 */
#ifndef JETSVC_ESENT_H_
#define JETSVC_ESENT_H_

#include <stddef.h>
#include <stdint.h>

#ifdef JET_UNICODE
#error "jetsvc's esent.h provides only the A (UTF-8) forms; do not define JET_UNICODE"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The API level this header describes (Windows 10), as Windows' header
 * defaults it when neither JET_VERSION nor WINVER is set. Declarations are not
 * gated on it. */
#ifndef JET_VERSION
#define JET_VERSION 0x0A00
#endif

#if defined(_WIN32)
#define JET_API __stdcall
#define JET_NODSAPI __stdcall
#else
#define JET_API
#define JET_NODSAPI
#endif

/* ------------------------------------------------------------------------ */
/* Basic types                                                              */
/* ------------------------------------------------------------------------ */

#if defined(_WIN32)
typedef unsigned long JET_UINT32; /* native 32-bit types on Windows */
typedef long JET_INT32;
#else
typedef uint32_t JET_UINT32;
typedef int32_t JET_INT32;
#endif

#if defined(_WIN64)
typedef unsigned long long JET_API_PTR;
#elif defined(_WIN32)
typedef unsigned long JET_API_PTR;
#else
typedef uintptr_t JET_API_PTR;
#endif

typedef long JET_ERR;

typedef JET_API_PTR JET_HANDLE;   /* backup file handle */
typedef JET_API_PTR JET_INSTANCE; /* instance */
typedef JET_API_PTR JET_SESID;    /* session */
typedef JET_API_PTR JET_TABLEID;  /* cursor */
typedef JET_API_PTR JET_LS;       /* local storage */
typedef JET_API_PTR JET_OSSNAPID; /* OS snapshot session */

typedef JET_UINT32 JET_COLUMNID;
typedef JET_UINT32 JET_DBID;
typedef JET_UINT32 JET_OBJTYP;
typedef JET_UINT32 JET_COLTYP;
typedef JET_UINT32 JET_GRBIT;
typedef JET_UINT32 JET_SNP; /* status notification process */
typedef JET_UINT32 JET_SNT; /* status notification type */
typedef JET_UINT32 JET_SNC; /* status notification code */
typedef JET_UINT32 JET_CBTYP;
typedef double JET_DATESERIAL; /* JET_coltypDateTime */

typedef char *JET_PSTR;        /* NUL-terminated UTF-8 */
typedef const char *JET_PCSTR; /* NUL-terminated UTF-8 */

typedef JET_ERR(JET_API *JET_PFNSTATUS)(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv);

typedef JET_ERR(JET_API *JET_CALLBACK)(JET_SESID sesid, JET_DBID dbid, JET_TABLEID tableid,
                                       JET_CBTYP cbtyp, void *pvArg1, void *pvArg2,
                                       void *pvContext, JET_API_PTR ulUnused);

typedef void *(JET_API *JET_PFNREALLOC)(void *pvContext, void *pv, unsigned long cb);

/* ------------------------------------------------------------------------ */
/* Structures                                                               */
/* ------------------------------------------------------------------------ */

typedef struct tagJET_INDEXID {
  JET_UINT32 cbStruct;
  unsigned char rgbIndexId[sizeof(JET_API_PTR) + sizeof(JET_UINT32) + sizeof(JET_UINT32)];
} JET_INDEXID;

typedef struct {
  char *szDatabaseName;
  char *szNewDatabaseName;
} JET_RSTMAP_A; /* restore map */

typedef struct {
  JET_UINT32 cbStruct;
  JET_UINT32 cunitDone;
  JET_UINT32 cunitTotal;
} JET_SNPROG; /* status notification progress */

typedef struct {
  JET_UINT32 cbStruct;
  JET_SNC snc;
  JET_UINT32 ul;
  char sz[256];
} JET_SNMSG; /* status notification message */

typedef struct {
  JET_UINT32 cbStruct;
  JET_OBJTYP objtyp;
  JET_DATESERIAL dtCreate; /* deprecated */
  JET_DATESERIAL dtUpdate; /* deprecated */
  JET_GRBIT grbit;
  JET_UINT32 flags;
  JET_UINT32 cRecord;
  JET_UINT32 cPage;
} JET_OBJECTINFO;

typedef struct {
  JET_UINT32 cbStruct;
  JET_TABLEID tableid;
  JET_UINT32 cRecord;
  JET_COLUMNID columnidcontainername;
  JET_COLUMNID columnidobjectname;
  JET_COLUMNID columnidobjtyp;
  JET_COLUMNID columniddtCreate;
  JET_COLUMNID columniddtUpdate;
  JET_COLUMNID columnidgrbit;
  JET_COLUMNID columnidflags;
  JET_COLUMNID columnidcRecord;
  JET_COLUMNID columnidcPage;
} JET_OBJECTLIST;

typedef struct {
  JET_UINT32 cbStruct;
  JET_TABLEID tableid;
  JET_UINT32 cRecord;
  JET_COLUMNID columnidPresentationOrder;
  JET_COLUMNID columnidcolumnname;
  JET_COLUMNID columnidcolumnid;
  JET_COLUMNID columnidcoltyp;
  JET_COLUMNID columnidCountry;
  JET_COLUMNID columnidLangid;
  JET_COLUMNID columnidCp;
  JET_COLUMNID columnidCollate;
  JET_COLUMNID columnidcbMax;
  JET_COLUMNID columnidgrbit;
  JET_COLUMNID columnidDefault;
  JET_COLUMNID columnidBaseTableName;
  JET_COLUMNID columnidBaseColumnName;
  JET_COLUMNID columnidDefinitionName;
} JET_COLUMNLIST;

typedef struct {
  JET_UINT32 cbStruct;
  JET_COLUMNID columnid;
  JET_COLTYP coltyp;
  unsigned short wCountry;
  unsigned short langid;
  unsigned short cp;
  unsigned short wCollate; /* must be 0 */
  JET_UINT32 cbMax;
  JET_GRBIT grbit;
} JET_COLUMNDEF;

typedef struct {
  JET_UINT32 cbStruct;
  JET_COLUMNID columnid;
  JET_COLTYP coltyp;
  unsigned short wCountry;
  unsigned short langid;
  unsigned short cp;
  unsigned short wFiller; /* must be 0 */
  JET_UINT32 cbMax;
  JET_GRBIT grbit;
  char szBaseTableName[256];
  char szBaseColumnName[256];
} JET_COLUMNBASE_A;

typedef struct {
  JET_UINT32 cbStruct;
  JET_TABLEID tableid;
  JET_UINT32 cRecord;
  JET_COLUMNID columnidindexname;
  JET_COLUMNID columnidgrbitIndex;
  JET_COLUMNID columnidcKey;
  JET_COLUMNID columnidcEntry;
  JET_COLUMNID columnidcPage;
  JET_COLUMNID columnidcColumn;
  JET_COLUMNID columnidiColumn;
  JET_COLUMNID columnidcolumnid;
  JET_COLUMNID columnidcoltyp;
  JET_COLUMNID columnidCountry;
  JET_COLUMNID columnidLangid;
  JET_COLUMNID columnidCp;
  JET_COLUMNID columnidCollate;
  JET_COLUMNID columnidgrbitColumn;
  JET_COLUMNID columnidcolumnname;
  JET_COLUMNID columnidLCMapFlags;
} JET_INDEXLIST;

typedef struct tag_JET_COLUMNCREATE_A {
  JET_UINT32 cbStruct;
  char *szColumnName;
  JET_COLTYP coltyp;
  JET_UINT32 cbMax;
  JET_GRBIT grbit;
  void *pvDefault;
  JET_UINT32 cbDefault;
  JET_UINT32 cp;
  JET_COLUMNID columnid; /* out */
  JET_INT32 err;         /* out: a JET_ERR */
} JET_COLUMNCREATE_A;

typedef struct tag_JET_USERDEFINEDDEFAULT_A {
  char *szCallback;
  unsigned char *pbUserData;
  JET_UINT32 cbUserData;
  char *szDependantColumns;
} JET_USERDEFINEDDEFAULT_A;

typedef struct tagJET_CONDITIONALCOLUMN_A {
  JET_UINT32 cbStruct;
  char *szColumnName;
  JET_GRBIT grbit;
} JET_CONDITIONALCOLUMN_A;

typedef struct tagJET_UNICODEINDEX {
  JET_UINT32 lcid;
  JET_UINT32 dwMapFlags;
} JET_UNICODEINDEX;

typedef struct tagJET_TUPLELIMITS {
  JET_UINT32 chLengthMin;
  JET_UINT32 chLengthMax;
  JET_UINT32 chToIndexMax;
  JET_UINT32 cchIncrement;
  JET_UINT32 ichStart;
} JET_TUPLELIMITS;

typedef struct tagJET_SPACEHINTS {
  JET_UINT32 cbStruct;
  JET_UINT32 ulInitialDensity;
  JET_UINT32 cbInitial;
  JET_GRBIT grbit;
  JET_UINT32 ulMaintDensity;
  JET_UINT32 ulGrowth;
  JET_UINT32 cbMinExtent;
  JET_UINT32 cbMaxExtent;
} JET_SPACEHINTS;

typedef struct tagJET_INDEXCREATE_A {
  JET_UINT32 cbStruct;
  char *szIndexName;
  char *szKey;
  JET_UINT32 cbKey;
  JET_GRBIT grbit;
  JET_UINT32 ulDensity;
  union {
    JET_UINT32 lcid;               /* without JET_bitIndexUnicode */
    JET_UNICODEINDEX *pidxunicode; /* with JET_bitIndexUnicode */
  };
  union {
    JET_UINT32 cbVarSegMac;        /* without JET_bitIndexTupleLimits */
    JET_TUPLELIMITS *ptuplelimits; /* with JET_bitIndexTupleLimits */
  };
  JET_CONDITIONALCOLUMN_A *rgconditionalcolumn;
  JET_UINT32 cConditionalColumn;
  JET_INT32 err; /* out: a JET_ERR */
  JET_UINT32 cbKeyMost;
} JET_INDEXCREATE_A;

typedef struct tagJET_INDEXCREATE2_A {
  JET_UINT32 cbStruct;
  char *szIndexName;
  char *szKey;
  JET_UINT32 cbKey;
  JET_GRBIT grbit;
  JET_UINT32 ulDensity;
  union {
    JET_UINT32 lcid;
    JET_UNICODEINDEX *pidxunicode;
  };
  union {
    JET_UINT32 cbVarSegMac;
    JET_TUPLELIMITS *ptuplelimits;
  };
  JET_CONDITIONALCOLUMN_A *rgconditionalcolumn;
  JET_UINT32 cConditionalColumn;
  JET_INT32 err; /* out: a JET_ERR */
  JET_UINT32 cbKeyMost;
  JET_SPACEHINTS *pSpacehints;
} JET_INDEXCREATE2_A;

typedef struct tagJET_TABLECREATE_A {
  JET_UINT32 cbStruct;
  char *szTableName;
  char *szTemplateTableName;
  JET_UINT32 ulPages;
  JET_UINT32 ulDensity;
  JET_COLUMNCREATE_A *rgcolumncreate;
  JET_UINT32 cColumns;
  JET_INDEXCREATE_A *rgindexcreate;
  JET_UINT32 cIndexes;
  JET_GRBIT grbit;
  JET_TABLEID tableid; /* out */
  JET_UINT32 cCreated; /* out */
} JET_TABLECREATE_A;

typedef struct tagJET_TABLECREATE2_A {
  JET_UINT32 cbStruct;
  char *szTableName;
  char *szTemplateTableName;
  JET_UINT32 ulPages;
  JET_UINT32 ulDensity;
  JET_COLUMNCREATE_A *rgcolumncreate;
  JET_UINT32 cColumns;
  JET_INDEXCREATE_A *rgindexcreate;
  JET_UINT32 cIndexes;
  char *szCallback;
  JET_CBTYP cbtyp;
  JET_GRBIT grbit;
  JET_TABLEID tableid; /* out */
  JET_UINT32 cCreated; /* out */
} JET_TABLECREATE2_A;

typedef struct {
  JET_UINT32 cbStruct;
  JET_UINT32 ibLongValue;
  JET_UINT32 itagSequence;
  JET_COLUMNID columnidNextTagged;
} JET_RETINFO;

typedef struct {
  JET_UINT32 cbStruct;
  JET_UINT32 ibLongValue;
  JET_UINT32 itagSequence;
} JET_SETINFO;

typedef struct {
  JET_UINT32 cbStruct;
  JET_UINT32 centriesLT;
  JET_UINT32 centriesInRange;
  JET_UINT32 centriesTotal;
} JET_RECPOS;

typedef struct {
  JET_UINT32 cbStruct;
  JET_TABLEID tableid;
  JET_UINT32 cRecord;
  JET_COLUMNID columnidBookmark;
} JET_RECORDLIST;

typedef struct {
  JET_UINT32 cbStruct;
  JET_TABLEID tableid;
  JET_GRBIT grbit;
} JET_INDEXRANGE;

/* The on-disk primitives are byte-packed, as in Windows' header (pshpack1). */
#pragma pack(push, 1)

#define JET_MAX_COMPUTERNAME_LENGTH 15

typedef struct {
  char bSeconds; /* 0 - 59 */
  char bMinutes; /* 0 - 59 */
  char bHours;   /* 0 - 23 */
  char bDay;     /* 1 - 31 */
  char bMonth;   /* 1 - 12 */
  char bYear;    /* year - 1900 */
  union {
    char bFiller1;
    struct {
      unsigned char fTimeIsUTC : 1;
      unsigned char bMillisecondsLow : 7;
    };
  };
  union {
    char bFiller2;
    struct {
      unsigned char fReserved : 1;
      unsigned char bMillisecondsHigh : 3;
      unsigned char fUnused : 4;
    };
  };
} JET_LOGTIME;

/* JET_LOGTIME as used in JET_BKINFO: bit 0 of the last byte is fOSSnapshot. */
typedef struct {
  char bSeconds;
  char bMinutes;
  char bHours;
  char bDay;
  char bMonth;
  char bYear;
  union {
    char bFiller1;
    struct {
      unsigned char fTimeIsUTC : 1;
      unsigned char bMillisecondsLow : 7;
    };
  };
  union {
    char bFiller2;
    struct {
      unsigned char fOSSnapshot : 1;
      unsigned char bMillisecondsHigh : 3;
      unsigned char fReserved : 4;
    };
  };
} JET_BKLOGTIME;

typedef struct {
  unsigned short ib;      /* byte offset within the sector */
  unsigned short isec;    /* sector within the log file */
  JET_INT32 lGeneration;  /* log generation */
} JET_LGPOS;

typedef struct {
  JET_UINT32 ulRandom;
  JET_LOGTIME logtimeCreate;
  char szComputerName[JET_MAX_COMPUTERNAME_LENGTH + 1];
} JET_SIGNATURE;

typedef struct {
  JET_LGPOS lgposMark;
  union {
    JET_LOGTIME logtimeMark;
    JET_BKLOGTIME bklogtimeMark;
  };
  JET_UINT32 genLow;
  JET_UINT32 genHigh;
} JET_BKINFO;

#pragma pack(pop)

typedef struct {
  JET_UINT32 ulVersion;
  JET_UINT32 ulUpdate;
  JET_SIGNATURE signDb;
  JET_UINT32 dbstate;
  JET_LGPOS lgposConsistent;
  JET_LOGTIME logtimeConsistent;
  JET_LOGTIME logtimeAttach;
  JET_LGPOS lgposAttach;
  JET_LOGTIME logtimeDetach;
  JET_LGPOS lgposDetach;
  JET_SIGNATURE signLog;
  JET_BKINFO bkinfoFullPrev;
  JET_BKINFO bkinfoIncPrev;
  JET_BKINFO bkinfoFullCur;
  JET_UINT32 fShadowingDisabled;
  JET_UINT32 fUpgradeDb;
  JET_UINT32 dwMajorVersion;
  JET_UINT32 dwMinorVersion;
  JET_UINT32 dwBuildNumber;
  JET_INT32 lSPNumber;
  JET_UINT32 cbPageSize; /* 0 means 4096 */
} JET_DBINFOMISC;

/* The fields JET_DBINFOMISC2..7 add, one macro per version, so the seven
 * structures stay in step. Each macro appends to the previous one. */
#define JETSVC_DBINFOMISC_FIELDS_                                              \
  JET_UINT32 ulVersion;                                                        \
  JET_UINT32 ulUpdate;                                                         \
  JET_SIGNATURE signDb;                                                        \
  JET_UINT32 dbstate;                                                          \
  JET_LGPOS lgposConsistent;                                                   \
  JET_LOGTIME logtimeConsistent;                                               \
  JET_LOGTIME logtimeAttach;                                                   \
  JET_LGPOS lgposAttach;                                                       \
  JET_LOGTIME logtimeDetach;                                                   \
  JET_LGPOS lgposDetach;                                                       \
  JET_SIGNATURE signLog;                                                       \
  JET_BKINFO bkinfoFullPrev;                                                   \
  JET_BKINFO bkinfoIncPrev;                                                    \
  JET_BKINFO bkinfoFullCur;                                                    \
  JET_UINT32 fShadowingDisabled;                                               \
  JET_UINT32 fUpgradeDb;                                                       \
  JET_UINT32 dwMajorVersion;                                                   \
  JET_UINT32 dwMinorVersion;                                                   \
  JET_UINT32 dwBuildNumber;                                                    \
  JET_INT32 lSPNumber;                                                         \
  JET_UINT32 cbPageSize;
#define JETSVC_DBINFOMISC2_FIELDS_                                             \
  JETSVC_DBINFOMISC_FIELDS_                                                    \
  JET_UINT32 genMinRequired;                                                   \
  JET_UINT32 genMaxRequired;                                                   \
  JET_LOGTIME logtimeGenMaxCreate;                                             \
  JET_UINT32 ulRepairCount;                                                    \
  JET_LOGTIME logtimeRepair;                                                   \
  JET_UINT32 ulRepairCountOld;                                                 \
  JET_UINT32 ulECCFixSuccess;                                                  \
  JET_LOGTIME logtimeECCFixSuccess;                                            \
  JET_UINT32 ulECCFixSuccessOld;                                               \
  JET_UINT32 ulECCFixFail;                                                     \
  JET_LOGTIME logtimeECCFixFail;                                               \
  JET_UINT32 ulECCFixFailOld;                                                  \
  JET_UINT32 ulBadChecksum;                                                    \
  JET_LOGTIME logtimeBadChecksum;                                              \
  JET_UINT32 ulBadChecksumOld;
#define JETSVC_DBINFOMISC3_FIELDS_                                             \
  JETSVC_DBINFOMISC2_FIELDS_                                                   \
  JET_UINT32 genCommitted;
#define JETSVC_DBINFOMISC4_FIELDS_                                             \
  JETSVC_DBINFOMISC3_FIELDS_                                                   \
  JET_BKINFO bkinfoCopyPrev;                                                   \
  JET_BKINFO bkinfoDiffPrev;
#define JETSVC_DBINFOMISC5_FIELDS_                                             \
  JETSVC_DBINFOMISC4_FIELDS_                                                   \
  JET_UINT32 ulIncrementalReseedCount;                                         \
  JET_LOGTIME logtimeIncrementalReseed;                                        \
  JET_UINT32 ulIncrementalReseedCountOld;                                      \
  JET_UINT32 ulPagePatchCount;                                                 \
  JET_LOGTIME logtimePagePatch;                                                \
  JET_UINT32 ulPagePatchCountOld;
#define JETSVC_DBINFOMISC6_FIELDS_                                             \
  JETSVC_DBINFOMISC5_FIELDS_                                                   \
  JET_LOGTIME logtimeChecksumPrev;                                             \
  JET_LOGTIME logtimeChecksumStart;                                            \
  JET_UINT32 cpgDatabaseChecked;
#define JETSVC_DBINFOMISC7_FIELDS_                                             \
  JETSVC_DBINFOMISC6_FIELDS_                                                   \
  JET_LOGTIME logtimeLastReAttach;                                             \
  JET_LGPOS lgposLastReAttach;

typedef struct {
  JETSVC_DBINFOMISC2_FIELDS_
} JET_DBINFOMISC2;
typedef struct {
  JETSVC_DBINFOMISC3_FIELDS_
} JET_DBINFOMISC3;
typedef struct {
  JETSVC_DBINFOMISC4_FIELDS_
} JET_DBINFOMISC4;
typedef struct {
  JETSVC_DBINFOMISC5_FIELDS_
} JET_DBINFOMISC5;
typedef struct {
  JETSVC_DBINFOMISC6_FIELDS_
} JET_DBINFOMISC6;
typedef struct {
  JETSVC_DBINFOMISC7_FIELDS_
} JET_DBINFOMISC7;

#undef JETSVC_DBINFOMISC_FIELDS_
#undef JETSVC_DBINFOMISC2_FIELDS_
#undef JETSVC_DBINFOMISC3_FIELDS_
#undef JETSVC_DBINFOMISC4_FIELDS_
#undef JETSVC_DBINFOMISC5_FIELDS_
#undef JETSVC_DBINFOMISC6_FIELDS_
#undef JETSVC_DBINFOMISC7_FIELDS_

typedef struct {
  JET_UINT32 ulGeneration;
  JET_SIGNATURE signLog;
  JET_LOGTIME logtimeCreate;
  JET_LOGTIME logtimePreviousGeneration;
  JET_UINT32 ulFlags;
  JET_UINT32 ulVersionMajor;
  JET_UINT32 ulVersionMinor;
  JET_UINT32 ulVersionUpdate;
  JET_UINT32 cbSectorSize;
  JET_UINT32 cbHeader;
  JET_UINT32 cbFile;
  JET_UINT32 cbDatabasePageSize;
} JET_LOGINFOMISC;

typedef struct {
  JET_UINT32 ulGeneration;
  JET_SIGNATURE signLog;
  JET_LOGTIME logtimeCreate;
  JET_LOGTIME logtimePreviousGeneration;
  JET_UINT32 ulFlags;
  JET_UINT32 ulVersionMajor;
  JET_UINT32 ulVersionMinor;
  JET_UINT32 ulVersionUpdate;
  JET_UINT32 cbSectorSize;
  JET_UINT32 cbHeader;
  JET_UINT32 cbFile;
  JET_UINT32 cbDatabasePageSize;
  JET_LGPOS lgposCheckpoint;
} JET_LOGINFOMISC2;

typedef struct {
  JET_UINT32 ulGeneration;
  JET_SIGNATURE signLog;
  JET_LOGTIME logtimeCreate;
  JET_LOGTIME logtimePreviousGeneration;
  JET_UINT32 ulFlags;
  JET_UINT32 ulVersionMajor;
  JET_UINT32 ulVersionUpdateMajor;
  JET_UINT32 ulVersionUpdateMinor;
  JET_UINT32 cbSectorSize;
  JET_UINT32 cbHeader;
  JET_UINT32 cbFile;
  JET_UINT32 cbDatabasePageSize;
  JET_LGPOS lgposCheckpoint;
  JET_UINT32 ulVersionMinorDeprecated;
  unsigned long long checksumPrevLogAllSegments;
} JET_LOGINFOMISC3;

typedef struct {
  JET_UINT32 cbStruct;
  JET_RSTMAP_A *rgrstmap;
  JET_INT32 crstmap;
  JET_LGPOS lgposStop;
  JET_LOGTIME logtimeStop;
  JET_PFNSTATUS pfnStatus;
} JET_RSTINFO_A;

#define JET_BASE_NAME_LENGTH 3
typedef struct {
  JET_UINT32 cbSize;
  JET_UINT32 ulGenLow;
  JET_UINT32 ulGenHigh; /* inclusive */
  char szBaseName[JET_BASE_NAME_LENGTH + 1];
} JET_LOGINFO_A;

typedef struct {
  JET_INSTANCE hInstanceId;
  char *szInstanceName; /* NULL for an instance created without a name */
  JET_API_PTR cDatabases;
  char **szDatabaseFileName;
  char **szDatabaseDisplayName;
  char **szDatabaseSLVFileName_Obsolete;
} JET_INSTANCE_INFO_A;

typedef struct {
  JET_COLUMNID columnid;
  const void *pvData;
  JET_UINT32 cbData;
  JET_GRBIT grbit;
  JET_UINT32 ibLongValue;
  JET_UINT32 itagSequence;
  JET_INT32 err; /* out: a JET_ERR */
} JET_SETCOLUMN;

typedef struct {
  JET_UINT32 paramid;
  JET_API_PTR lParam;
  const char *sz;
  JET_INT32 err; /* out: a JET_ERR */
} JET_SETSYSPARAM_A;

typedef struct {
  JET_COLUMNID columnid;
  void *pvData;
  JET_UINT32 cbData;
  JET_UINT32 cbActual;
  JET_GRBIT grbit;
  JET_UINT32 ibLongValue;
  JET_UINT32 itagSequence;
  JET_COLUMNID columnidNextTagged;
  JET_INT32 err; /* out: a JET_ERR */
} JET_RETRIEVECOLUMN;

typedef struct {
  JET_COLUMNID columnid;
  JET_UINT32 ctagSequence;
  JET_UINT32 *rgtagSequence;
} JET_ENUMCOLUMNID;

typedef struct {
  JET_UINT32 itagSequence;
  JET_INT32 err; /* a JET_ERR */
  JET_UINT32 cbData;
  void *pvData;
} JET_ENUMCOLUMNVALUE;

typedef struct {
  JET_COLUMNID columnid;
  JET_INT32 err; /* a JET_ERR */
  union {
    struct { /* err != JET_wrnColumnSingleValue */
      JET_UINT32 cEnumColumnValue;
      JET_ENUMCOLUMNVALUE *rgEnumColumnValue;
    };
    struct { /* err == JET_wrnColumnSingleValue */
      JET_UINT32 cbData;
      void *pvData;
    };
  };
} JET_ENUMCOLUMN;

typedef struct {
  unsigned long long cbData;
  unsigned long long cbLongValueData;
  unsigned long long cbOverhead;
  unsigned long long cbLongValueOverhead;
  unsigned long long cNonTaggedColumns;
  unsigned long long cTaggedColumns;
  unsigned long long cLongValues;
  unsigned long long cMultiValues;
} JET_RECSIZE;

typedef struct {
  unsigned long long cbData;
  unsigned long long cbLongValueData;
  unsigned long long cbOverhead;
  unsigned long long cbLongValueOverhead;
  unsigned long long cNonTaggedColumns;
  unsigned long long cTaggedColumns;
  unsigned long long cLongValues;
  unsigned long long cMultiValues;
  unsigned long long cCompressedColumns;
  unsigned long long cbDataCompressed;
  unsigned long long cbLongValueDataCompressed;
} JET_RECSIZE2;

/* Returned by JetCommitTransaction2. */
typedef struct {
  JET_SIGNATURE signLog;
  int reserved; /* keeps commitId 8-byte aligned */
  long long commitId;
} JET_COMMIT_ID;

/* Unsuffixed structure names are the A forms, as in Windows without
 * JET_UNICODE. */
#define JET_RSTMAP JET_RSTMAP_A
#define JET_COLUMNBASE JET_COLUMNBASE_A
#define JET_COLUMNCREATE JET_COLUMNCREATE_A
#define JET_USERDEFINEDDEFAULT JET_USERDEFINEDDEFAULT_A
#define JET_CONDITIONALCOLUMN JET_CONDITIONALCOLUMN_A
#define JET_INDEXCREATE JET_INDEXCREATE_A
#define JET_INDEXCREATE2 JET_INDEXCREATE2_A
#define JET_TABLECREATE JET_TABLECREATE_A
#define JET_TABLECREATE2 JET_TABLECREATE2_A
#define JET_RSTINFO JET_RSTINFO_A
#define JET_LOGINFO JET_LOGINFO_A
#define JET_INSTANCE_INFO JET_INSTANCE_INFO_A
#define JET_SETSYSPARAM JET_SETSYSPARAM_A

/* ------------------------------------------------------------------------ */
/* Constants                                                                */
/* ------------------------------------------------------------------------ */

#define JET_instanceNil (~(JET_INSTANCE)0)
#define JET_sesidNil (~(JET_SESID)0)
#define JET_tableidNil (~(JET_TABLEID)0)
#define JET_bitNil ((JET_GRBIT)0)
#define JET_dbidNil ((JET_DBID)0xFFFFFFFF)
#define JET_LSNil (~(JET_LS)0)

/* Sizes and limits */
#define JET_cbBookmarkMost 256
#define JET_cbNameMost 64
#define JET_cbFullNameMost 255
#define JET_cbColumnLVPageOverhead 82
#define JET_cbLVDefaultValueMost 255
#define JET_cbColumnMost 255
#define JET_cbLVColumnMost 0x7FFFFFFF
#define JET_cbKeyMost8KBytePage 2000
#define JET_cbKeyMost4KBytePage 1000
#define JET_cbKeyMost2KBytePage 500
#define JET_cbKeyMostMin 255
#define JET_cbKeyMost32KBytePage JET_cbKeyMost8KBytePage
#define JET_cbKeyMost16KBytePage JET_cbKeyMost8KBytePage
#define JET_cbKeyMostMost JET_cbKeyMost32KBytePage
#define JET_cbBookmarkMostMost JET_cbKeyMostMost
#define JET_cbKeyMost 255
#define JET_cbLimitKeyMost 256
#define JET_cbPrimaryKeyMost 255
#define JET_cbSecondaryKeyMost 255
#define JET_ccolKeyMost 16
#define JET_ccolMost 0x0000fee0
#define JET_ccolFixedMost 0x0000007f
#define JET_ccolVarMost 0x00000080
#define JET_ccolTaggedMost (JET_ccolMost - 0x000000ff)

/* JET_paramEventLoggingLevel */
#define JET_EventLoggingDisable 0
#define JET_EventLoggingLevelMin 1
#define JET_EventLoggingLevelLow 25
#define JET_EventLoggingLevelMedium 50
#define JET_EventLoggingLevelHigh 75
#define JET_EventLoggingLevelMax 100

/* JET_paramIOPriority */
#define JET_IOPriorityNormal 0x0
#define JET_IOPriorityLow 0x1

/* JET_paramConfiguration */
#define JET_configDefault 0x0001
#define JET_configRemoveQuotas 0x0002
#define JET_configLowDiskFootprint 0x0004
#define JET_configMediumDiskFootprint 0x0008
#define JET_configLowMemory 0x0010
#define JET_configDynamicMediumMemory 0x0020
#define JET_configLowPower 0x0040
#define JET_configSSDProfileIO 0x0080
#define JET_configRunSilent 0x0100
#define JET_configUnthrottledMemory 0x0200
#define JET_configHighConcurrencyScaling 0x0400

/* System parameters (JetSetSystemParameter / JetGetSystemParameter) */
#define JET_paramSystemPath 0
#define JET_paramTempPath 1
#define JET_paramLogFilePath 2
#define JET_paramBaseName 3
#define JET_paramEventSource 4
#define JET_paramMaxSessions 5
#define JET_paramMaxOpenTables 6
#define JET_paramPreferredMaxOpenTables 7
#define JET_paramMaxCursors 8
#define JET_paramMaxVerPages 9
#define JET_paramMaxTemporaryTables 10
#define JET_paramLogFileSize 11
#define JET_paramLogBuffers 12
#define JET_paramWaitLogFlush 13
#define JET_paramLogCheckpointPeriod 14
#define JET_paramLogWaitingUserMax 15
#define JET_paramCommitDefault 16
#define JET_paramCircularLog 17
#define JET_paramDbExtensionSize 18
#define JET_paramPageTempDBMin 19
#define JET_paramPageFragment 20
#define JET_paramBatchIOBufferMax 22
#define JET_paramCacheSizeMax 23
#define JET_paramCheckpointDepthMax 24
#define JET_paramLRUKCorrInterval 25
#define JET_paramLRUKHistoryMax 26
#define JET_paramLRUKPolicy 27
#define JET_paramLRUKTimeout 28
#define JET_paramLRUKTrxCorrInterval 29
#define JET_paramOutstandingIOMax 30
#define JET_paramStartFlushThreshold 31
#define JET_paramStopFlushThreshold 32
#define JET_paramRecovery 34
#define JET_paramEnableOnlineDefrag 35
#define JET_paramCacheSize 41
#define JET_paramCheckFormatWhenOpenFail 44
#define JET_paramEnableIndexChecking 45
#define JET_paramEnableTempTableVersioning 46
#define JET_paramIgnoreLogVersion 47
#define JET_paramDeleteOldLogs 48
#define JET_paramEventSourceKey 49
#define JET_paramNoInformationEvent 50
#define JET_paramEventLoggingLevel 51
#define JET_paramDeleteOutOfRangeLogs 52
#define JET_paramAccessDeniedRetryPeriod 53
#define JET_paramEnableIndexCleanup 54
#define JET_paramCacheSizeMin 60
#define JET_paramLogFileFailoverPath 61
#define JET_paramPreferredVerPages 63
#define JET_paramDatabasePageSize 64
#define JET_paramDisableCallbacks 65
#define JET_paramLogFileCreateAsynch 69
#define JET_paramErrorToString 70
#define JET_paramZeroDatabaseDuringBackup 71
#define JET_paramUnicodeIndexDefault 72
#define JET_paramRuntimeCallback 73
#define JET_paramCleanupMismatchedLogFiles 77
#define JET_paramRecordUpgradeDirtyLevel 78
#define JET_paramRecoveryCurrentLogfile 79
#define JET_paramGlobalMinVerPages 81
#define JET_paramOSSnapshotTimeout 82
#define JET_paramExceptionAction 98
#define JET_paramEventLogCache 99
#define JET_paramCreatePathIfNotExist 100
#define JET_paramPageHintCacheSize 101
#define JET_paramOneDatabasePerSession 102
#define JET_paramMaxInstances 104
#define JET_paramVersionStoreTaskQueueMax 105
#define JET_paramDisablePerfmon 107
#define JET_paramIndexTuplesLengthMin 110
#define JET_paramIndexTuplesLengthMax 111
#define JET_paramIndexTuplesToIndexMax 112
#define JET_paramAlternateDatabaseRecoveryPath 113
#define JET_paramCachedClosedTables 125
#define JET_paramEnableFileCache 126
#define JET_paramEnableViewCache 127
#define JET_paramVerPageSize 128
#define JET_paramConfiguration 129
#define JET_paramEnableAdvanced 130
#define JET_paramMaxColtyp 131
#define JET_paramIndexTupleIncrement 132
#define JET_paramIndexTupleStart 133
#define JET_paramKeyMost 134
#define JET_paramCheckpointIOMax 135
#define JET_paramLegacyFileNames 136
#define JET_paramTableClass1Name 137
#define JET_paramTableClass2Name 138
#define JET_paramTableClass3Name 139
#define JET_paramTableClass4Name 140
#define JET_paramTableClass5Name 141
#define JET_paramTableClass6Name 142
#define JET_paramTableClass7Name 143
#define JET_paramTableClass8Name 144
#define JET_paramTableClass9Name 145
#define JET_paramTableClass10Name 146
#define JET_paramTableClass11Name 147
#define JET_paramTableClass12Name 148
#define JET_paramTableClass13Name 149
#define JET_paramTableClass14Name 150
#define JET_paramTableClass15Name 151
#define JET_paramIOPriority 152
#define JET_paramWaypointLatency 153
#define JET_paramEnablePersistedCallbacks 156
#define JET_paramDefragmentSequentialBTrees 160
#define JET_paramDefragmentSequentialBTreesDensityCheckFrequency 161
#define JET_paramIOThrottlingTimeQuanta 162
#define JET_paramLVChunkSizeMost 163
#define JET_paramMaxCoalesceReadSize 164
#define JET_paramMaxCoalesceWriteSize 165
#define JET_paramMaxCoalesceReadGapSize 166
#define JET_paramMaxCoalesceWriteGapSize 167
#define JET_paramEnableDBScanInRecovery 169
#define JET_paramDbScanThrottle 170
#define JET_paramDbScanIntervalMinSec 171
#define JET_paramDbScanIntervalMaxSec 172
#define JET_paramEnableExternalAutoHealing 175
#define JET_paramCachePriority 177
#define JET_paramMaxTransactionSize 178
#define JET_paramPrereadIOMax 179
#define JET_paramEnableDBScanSerialization 180
#define JET_paramHungIOThreshold 181
#define JET_paramHungIOActions 182
#define JET_paramMinDataForXpress 183
#define JET_paramEnableShrinkDatabase 184
#define JET_paramProcessFriendlyName 186
#define JET_paramDurableCommitCallback 187
#define JET_paramEnableSqm 188
#define JET_paramConfigStoreSpec 189
#define JET_paramEngineFormatVersion 194

/* JET_paramLegacyFileNames */
#define JET_bitESE98FileNames 0x00000001
#define JET_bitEightDotThreeSoftCompat 0x00000002

/* JET_paramHungIOActions */
#define JET_bitHungIOEvent 0x00000001

/* JET_paramEnableShrinkDatabase */
#define JET_bitShrinkDatabaseOff 0x0
#define JET_bitShrinkDatabaseOn 0x1
#define JET_bitShrinkDatabaseRealtime 0x2
#define JET_bitShrinkDatabaseTrim 0x1

/* JetInit2 / JetInit3 */
#define JET_bitReplayReplicatedLogFiles 0x00000001
#define JET_bitReplayIgnoreMissingDB 0x00000004
#define JET_bitRecoveryWithoutUndo 0x00000008
#define JET_bitTruncateLogsAfterRecovery 0x00000010
#define JET_bitReplayMissingMapEntryDB 0x00000020
#define JET_bitLogStreamMustExist 0x00000040
#define JET_bitReplayIgnoreLostLogs 0x00000080
#define JET_bitAllowMissingCurrentLog 0x00000100
#define JET_bitAllowSoftRecoveryOnBackup 0x00000200
#define JET_bitSkipLostLogsEvent 0x00000400
#define JET_bitExternalRecoveryControl 0x00000800
#define JET_bitKeepDbAttachedAtEndOfRecovery 0x00001000
#define JET_bitReplayIgnoreLogRecordsBeforeMinRequiredLog 0x00002000
#define JET_bitReplayInferCheckpointFromRstmapDbs 0x00004000

/* JetTerm2 */
#define JET_bitTermComplete 0x00000001
#define JET_bitTermAbrupt 0x00000002
#define JET_bitTermStopBackup 0x00000004
#define JET_bitTermDirty 0x00000008

/* JetIdle */
#define JET_bitIdleFlushBuffers 0x00000001
#define JET_bitIdleCompact 0x00000002
#define JET_bitIdleStatus 0x00000004

/* JetStopServiceInstance2 */
#define JET_bitStopServiceAll 0x00000000
#define JET_bitStopServiceBackgroundUserTasks 0x00000002
#define JET_bitStopServiceQuiesceCaches 0x00000004
#define JET_bitStopServiceResume 0x80000000

/* JetAttachDatabase / JetOpenDatabase */
#define JET_bitDbReadOnly 0x00000001
#define JET_bitDbExclusive 0x00000002
#define JET_bitDbDeleteCorruptIndexes 0x00000010
#define JET_bitDbDeleteUnicodeIndexes 0x00000400
#define JET_bitDbUpgrade 0x00000200
#define JET_bitDbEnableBackgroundMaintenance 0x00000800
#define JET_bitDbPurgeCacheOnAttach 0x00001000

/* JetDetachDatabase2 */
#define JET_bitForceDetach 0x00000001
#define JET_bitForceCloseAndDetach (0x00000002 | JET_bitForceDetach)

/* JetCreateDatabase */
#define JET_bitDbRecoveryOff 0x00000008
#define JET_bitDbShadowingOff 0x00000080
#define JET_bitDbOverwriteExisting 0x00000200

/* JetBackup, JetBeginExternalBackup[Instance] */
#define JET_bitBackupIncremental 0x00000001
#define JET_bitKeepOldLogs 0x00000002
#define JET_bitBackupAtomic 0x00000004
#define JET_bitBackupFullWithAllLogs 0x00000008
#define JET_bitBackupSnapshot 0x00000010
#define JET_bitBackupSurrogate 0x00000020
#define JET_bitInternalCopy 0x00000040

/* JetEndExternalBackupInstance2 */
#define JET_bitBackupEndNormal 0x0001
#define JET_bitBackupEndAbort 0x0002
#define JET_bitBackupTruncateDone 0x0100
#define JET_bitBackupNoDbHeaderUpdate 0x0200

/* JetCreateTableColumnIndex */
#define JET_bitTableCreateFixedDDL 0x00000001
#define JET_bitTableCreateTemplateTable 0x00000002
#define JET_bitTableCreateNoFixedVarColumnsInDerivedTables 0x00000004
#define JET_bitTableCreateImmutableStructure 0x00000008

/* JetAddColumn, JetGetColumnInfo, JetOpenTempTable */
#define JET_bitColumnFixed 0x00000001
#define JET_bitColumnTagged 0x00000002
#define JET_bitColumnNotNULL 0x00000004
#define JET_bitColumnVersion 0x00000008
#define JET_bitColumnAutoincrement 0x00000010
#define JET_bitColumnUpdatable 0x00000020
#define JET_bitColumnTTKey 0x00000040
#define JET_bitColumnTTDescending 0x00000080
#define JET_bitColumnMultiValued 0x00000400
#define JET_bitColumnEscrowUpdate 0x00000800
#define JET_bitColumnUnversioned 0x00001000
#define JET_bitColumnMaybeNull 0x00002000
#define JET_bitColumnFinalize 0x00004000
#define JET_bitColumnUserDefinedDefault 0x00008000
#define JET_bitColumnDeleteOnZero 0x00020000
#define JET_bitColumnCompressed 0x00080000

/* JetDeleteColumn2 */
#define JET_bitDeleteColumnIgnoreTemplateColumns 0x00000001

/* JetSetCurrentIndex */
#define JET_bitMoveFirst 0x00000000
#define JET_bitNoMove 0x00000002

/* JetMakeKey */
#define JET_bitNewKey 0x00000001
#define JET_bitStrLimit 0x00000002
#define JET_bitSubStrLimit 0x00000004
#define JET_bitNormalizedKey 0x00000008
#define JET_bitKeyDataZeroLength 0x00000010
#define JET_bitFullColumnStartLimit 0x00000100
#define JET_bitFullColumnEndLimit 0x00000200
#define JET_bitPartialColumnStartLimit 0x00000400
#define JET_bitPartialColumnEndLimit 0x00000800

/* JetSetIndexRange */
#define JET_bitRangeInclusive 0x00000001
#define JET_bitRangeUpperLimit 0x00000002
#define JET_bitRangeInstantDuration 0x00000004
#define JET_bitRangeRemove 0x00000008

/* JetGetLock */
#define JET_bitReadLock 0x00000001
#define JET_bitWriteLock 0x00000002

/* JetMove. cRow is a long; JET_MoveFirst is 0x80000000, i.e. the 32-bit
 * LONG_MIN that Windows passes, so the engine compares the low 32 bits. */
#define JET_MoveFirst (0x80000000)
#define JET_MovePrevious (-1)
#define JET_MoveNext (+1)
#define JET_MoveLast (0x7fffffff)
#define JET_bitMoveKeyNE 0x00000001

/* JetSeek */
#define JET_bitSeekEQ 0x00000001
#define JET_bitSeekLT 0x00000002
#define JET_bitSeekLE 0x00000004
#define JET_bitSeekGE 0x00000008
#define JET_bitSeekGT 0x00000010
#define JET_bitSetIndexRange 0x00000020
#define JET_bitCheckUniqueness 0x00000040

/* JetGotoSecondaryIndexBookmark */
#define JET_bitBookmarkPermitVirtualCurrency 0x00000001

/* JET_CONDITIONALCOLUMN */
#define JET_bitIndexColumnMustBeNull 0x00000001
#define JET_bitIndexColumnMustBeNonNull 0x00000002

/* JET_INDEXRANGE */
#define JET_bitRecordInIndex 0x00000001
#define JET_bitRecordNotInIndex 0x00000002

/* JetCreateIndex */
#define JET_bitIndexUnique 0x00000001
#define JET_bitIndexPrimary 0x00000002
#define JET_bitIndexDisallowNull 0x00000004
#define JET_bitIndexIgnoreNull 0x00000008
#define JET_bitIndexIgnoreAnyNull 0x00000020
#define JET_bitIndexIgnoreFirstNull 0x00000040
#define JET_bitIndexLazyFlush 0x00000080
#define JET_bitIndexEmpty 0x00000100
#define JET_bitIndexUnversioned 0x00000200
#define JET_bitIndexSortNullsHigh 0x00000400
#define JET_bitIndexUnicode 0x00000800
#define JET_bitIndexTuples 0x00001000
#define JET_bitIndexTupleLimits 0x00002000
#define JET_bitIndexCrossProduct 0x00004000
#define JET_bitIndexKeyMost 0x00008000
#define JET_bitIndexDisallowTruncation 0x00010000
#define JET_bitIndexNestedTable 0x00020000
#define JET_bitIndexDotNetGuid 0x00040000
#define JET_bitIndexImmutableStructure 0x00080000

/* Index key definition */
#define JET_bitKeyAscending 0x00000000
#define JET_bitKeyDescending 0x00000001

/* JetOpenTable */
#define JET_bitTableDenyWrite 0x00000001
#define JET_bitTableDenyRead 0x00000002
#define JET_bitTableReadOnly 0x00000004
#define JET_bitTableUpdatable 0x00000008
#define JET_bitTablePermitDDL 0x00000010
#define JET_bitTableNoCache 0x00000020
#define JET_bitTablePreread 0x00000040
#define JET_bitTableOpportuneRead 0x00000080
#define JET_bitTableSequential 0x00008000
#define JET_bitTableClassMask 0x001F0000
#define JET_bitTableClassNone 0x00000000
#define JET_bitTableClass1 0x00010000
#define JET_bitTableClass2 0x00020000
#define JET_bitTableClass3 0x00030000
#define JET_bitTableClass4 0x00040000
#define JET_bitTableClass5 0x00050000
#define JET_bitTableClass6 0x00060000
#define JET_bitTableClass7 0x00070000
#define JET_bitTableClass8 0x00080000
#define JET_bitTableClass9 0x00090000
#define JET_bitTableClass10 0x000A0000
#define JET_bitTableClass11 0x000B0000
#define JET_bitTableClass12 0x000C0000
#define JET_bitTableClass13 0x000D0000
#define JET_bitTableClass14 0x000E0000
#define JET_bitTableClass15 0x000F0000

/* Local storage */
#define JET_bitLSReset 0x00000001
#define JET_bitLSCursor 0x00000002
#define JET_bitLSTable 0x00000004

/* JetSetTableSequential, JetPrereadIndexRanges */
#define JET_bitPrereadForward 0x00000001
#define JET_bitPrereadBackward 0x00000002
#define JET_bitPrereadFirstPage 0x00000004
#define JET_bitPrereadNormalizedKey 0x00000008

/* JetOpenTempTable */
#define JET_bitTTIndexed 0x00000001
#define JET_bitTTUnique 0x00000002
#define JET_bitTTUpdatable 0x00000004
#define JET_bitTTScrollable 0x00000008
#define JET_bitTTSortNullsHigh 0x00000010
#define JET_bitTTForceMaterialization 0x00000020
#define JET_bitTTErrorOnDuplicateInsertion JET_bitTTForceMaterialization
#define JET_bitTTForwardOnly 0x00000040
#define JET_bitTTIntrinsicLVsOnly 0x00000080
#define JET_bitTTDotNetGuid 0x00000100

/* JetSetColumn */
#define JET_bitSetAppendLV 0x00000001
#define JET_bitSetOverwriteLV 0x00000004
#define JET_bitSetSizeLV 0x00000008
#define JET_bitSetZeroLength 0x00000020
#define JET_bitSetSeparateLV 0x00000040
#define JET_bitSetUniqueMultiValues 0x00000080
#define JET_bitSetUniqueNormalizedMultiValues 0x00000100
#define JET_bitSetRevertToDefaultValue 0x00000200
#define JET_bitSetIntrinsicLV 0x00000400
#define JET_bitSetUncompressed 0x00010000
#define JET_bitSetCompressed 0x00020000

/* JET_SPACEHINTS */
#define JET_bitSpaceHintsUtilizeParentSpace 0x00000001
#define JET_bitCreateHintAppendSequential 0x00000002
#define JET_bitCreateHintHotpointSequential 0x00000004
#define JET_bitRetrieveHintReserve1 0x00000008
#define JET_bitRetrieveHintTableScanForward 0x00000010
#define JET_bitRetrieveHintTableScanBackward 0x00000020
#define JET_bitRetrieveHintReserve2 0x00000040
#define JET_bitRetrieveHintReserve3 0x00000080
#define JET_bitDeleteHintTableSequential 0x00000100

/* JetPrepareUpdate */
#define JET_prepInsert 0
#define JET_prepReplace 2
#define JET_prepCancel 3
#define JET_prepReplaceNoLock 4
#define JET_prepInsertCopy 5
#define JET_prepInsertCopyDeleteOriginal 7
#define JET_prepInsertCopyReplaceOriginal 9

/* JetUpdate2 */
#define JET_bitUpdateCheckESE97Compatibility 0x00000001

/* JetEscrowUpdate */
#define JET_bitEscrowNoRollback 0x0001

/* JetRetrieveColumn */
#define JET_bitRetrieveCopy 0x00000001
#define JET_bitRetrieveFromIndex 0x00000002
#define JET_bitRetrieveFromPrimaryBookmark 0x00000004
#define JET_bitRetrieveTag 0x00000008
#define JET_bitRetrieveNull 0x00000010
#define JET_bitRetrieveIgnoreDefault 0x00000020
#define JET_bitRetrieveTuple 0x00000800

/* JET_INDEX_COLUMN */
#define JET_bitZeroLength 0x00000001

/* JetEnumerateColumns */
#define JET_bitEnumerateCopy JET_bitRetrieveCopy
#define JET_bitEnumerateIgnoreDefault JET_bitRetrieveIgnoreDefault
#define JET_bitEnumeratePresenceOnly 0x00020000
#define JET_bitEnumerateTaggedOnly 0x00040000
#define JET_bitEnumerateCompressOutput 0x00080000
#define JET_bitEnumerateIgnoreUserDefinedDefault 0x00100000
#define JET_bitEnumerateInRecordOnly 0x00200000

/* JetGetRecordSize */
#define JET_bitRecordSizeInCopyBuffer 0x00000001
#define JET_bitRecordSizeRunningTotal 0x00000002
#define JET_bitRecordSizeLocal 0x00000004

/* JetBeginTransaction2 */
#define JET_bitTransactionReadOnly 0x00000001

/* JetCommitTransaction */
#define JET_bitCommitLazyFlush 0x00000001
#define JET_bitWaitLastLevel0Commit 0x00000002
#define JET_bitWaitAllLevel0Commit 0x00000008
#define JET_bitForceNewLog 0x00000010

/* JetRollback */
#define JET_bitRollbackAll 0x00000001

/* JetOSSnapshotPrepare, ...TruncateLog, ...End */
#define JET_bitIncrementalSnapshot 0x00000001
#define JET_bitCopySnapshot 0x00000002
#define JET_bitContinueAfterThaw 0x00000004
#define JET_bitExplicitPrepare 0x00000008
#define JET_bitAllDatabasesSnapshot 0x00000001
#define JET_bitAbortSnapshot 0x00000001

/* JetResizeDatabase */
#define JET_bitResizeDatabaseOnlyGrow 0x00000001
#define JET_bitResizeDatabaseOnlyShrink 0x00000002

/* JetDefragment */
#define JET_bitDefragmentBatchStart 0x00000001
#define JET_bitDefragmentBatchStop 0x00000002
#define JET_bitDefragmentAvailSpaceTreesOnly 0x00000040
#define JET_bitDefragmentNoPartialMerges 0x00000080
#define JET_bitDefragmentBTree 0x00000100

/* Callback types */
#define JET_cbtypNull 0x00000000
#define JET_cbtypFinalize 0x00000001
#define JET_cbtypBeforeInsert 0x00000002
#define JET_cbtypAfterInsert 0x00000004
#define JET_cbtypBeforeReplace 0x00000008
#define JET_cbtypAfterReplace 0x00000010
#define JET_cbtypBeforeDelete 0x00000020
#define JET_cbtypAfterDelete 0x00000040
#define JET_cbtypUserDefinedDefaultValue 0x00000080
#define JET_cbtypOnlineDefragCompleted 0x00000100
#define JET_cbtypFreeCursorLS 0x00000200
#define JET_cbtypFreeTableLS 0x00000400

/* JET_OBJECTINFO grbit and flags */
#define JET_bitTableInfoUpdatable 0x00000001
#define JET_bitTableInfoBookmark 0x00000002
#define JET_bitTableInfoRollback 0x00000004
#define JET_bitObjectSystem 0x80000000
#define JET_bitObjectTableFixedDDL 0x40000000
#define JET_bitObjectTableTemplate 0x20000000
#define JET_bitObjectTableDerived 0x10000000
#define JET_bitObjectTableNoFixedVarColumnsInDerivedTables 0x04000000

/* JetGetDatabaseInfo / JetGetDatabaseFileInfo info levels */
#define JET_DbInfoFilename 0
#define JET_DbInfoConnect 1
#define JET_DbInfoCountry 2
#define JET_DbInfoLCID 3
#define JET_DbInfoLangid 3
#define JET_DbInfoCp 4
#define JET_DbInfoCollate 5
#define JET_DbInfoOptions 6
#define JET_DbInfoTransactions 7
#define JET_DbInfoVersion 8
#define JET_DbInfoIsam 9
#define JET_DbInfoFilesize 10
#define JET_DbInfoSpaceOwned 11
#define JET_DbInfoSpaceAvailable 12
#define JET_DbInfoUpgrade 13
#define JET_DbInfoMisc 14
#define JET_DbInfoDBInUse 15
#define JET_DbInfoPageSize 17
#define JET_DbInfoFileType 19
#define JET_DbInfoFilesizeOnDisk 21

/* JetGetLogFileInfo info levels */
#define JET_LogInfoMisc 0
#define JET_LogInfoMisc2 1
#define JET_LogInfoMisc3 2

/* Database states (JET_DBINFOMISC.dbstate) */
#define JET_dbstateJustCreated 1
#define JET_dbstateDirtyShutdown 2
#define JET_dbstateCleanShutdown 3
#define JET_dbstateBeingConverted 4
#define JET_dbstateForceDetach 5
#define JET_dbstateIncrementalReseedInProgress 6
#define JET_dbstateDirtyAndPatchedShutdown 7
#define JET_dbstateRevertInProgress 8

/* File types (JET_DbInfoFileType; the header field at offset 667) */
#define JET_filetypeUnknown 0
#define JET_filetypeDatabase 1
#define JET_filetypeStreamingFile 2
#define JET_filetypeLog 3
#define JET_filetypeCheckpoint 4
#define JET_filetypeTempDatabase 5
#define JET_filetypeFTL 6
#define JET_filetypeFlushMap 7

/* Column types */
#define JET_coltypNil 0
#define JET_coltypBit 1
#define JET_coltypUnsignedByte 2
#define JET_coltypShort 3
#define JET_coltypLong 4
#define JET_coltypCurrency 5
#define JET_coltypIEEESingle 6
#define JET_coltypIEEEDouble 7
#define JET_coltypDateTime 8
#define JET_coltypBinary 9
#define JET_coltypText 10
#define JET_coltypLongBinary 11
#define JET_coltypLongText 12
#define JET_coltypSLV 13 /* obsolete */
#define JET_coltypUnsignedLong 14
#define JET_coltypLongLong 15
#define JET_coltypGUID 16
#define JET_coltypUnsignedShort 17
#define JET_coltypUnsignedLongLong 18
#define JET_coltypMax 19

/* JetGetObjectInfo info levels */
#define JET_ObjInfo 0U
#define JET_ObjInfoListNoStats 1U
#define JET_ObjInfoList 2U
#define JET_ObjInfoSysTabCursor 3U
#define JET_ObjInfoListACM 4U
#define JET_ObjInfoNoStats 5U
#define JET_ObjInfoSysTabReadOnly 6U
#define JET_ObjInfoRulesLoaded 7U
#define JET_ObjInfoMax 8U

/* JetGetTableInfo info levels */
#define JET_TblInfo 0U
#define JET_TblInfoName 1U
#define JET_TblInfoDbid 2U
#define JET_TblInfoMostMany 3U
#define JET_TblInfoRvt 4U
#define JET_TblInfoOLC 5U
#define JET_TblInfoResetOLC 6U
#define JET_TblInfoSpaceUsage 7U
#define JET_TblInfoDumpTable 8U
#define JET_TblInfoSpaceAlloc 9U
#define JET_TblInfoSpaceOwned 10U
#define JET_TblInfoSpaceAvailable 11U
#define JET_TblInfoTemplateTableName 12U

/* JetGetIndexInfo / JetGetTableIndexInfo info levels */
#define JET_IdxInfo 0U
#define JET_IdxInfoList 1U
#define JET_IdxInfoSysTabCursor 2U
#define JET_IdxInfoOLC 3U
#define JET_IdxInfoResetOLC 4U
#define JET_IdxInfoSpaceAlloc 5U
#define JET_IdxInfoLCID 6U
#define JET_IdxInfoLangid 6U
#define JET_IdxInfoCount 7U
#define JET_IdxInfoVarSegMac 8U
#define JET_IdxInfoIndexId 9U
#define JET_IdxInfoKeyMost 10U
#define JET_IdxInfoCreateIndex 11U
#define JET_IdxInfoCreateIndex2 12U
#define JET_IdxInfoCreateIndex3 13U
#define JET_IdxInfoLocaleName 14U

/* JetGetColumnInfo / JetGetTableColumnInfo info levels and grbits */
#define JET_ColInfo 0U
#define JET_ColInfoList 1U
#define JET_ColInfoSysTabCursor 3U
#define JET_ColInfoBase 4U
#define JET_ColInfoListCompact 5U
#define JET_ColInfoByColid 6U
#define JET_ColInfoListSortColumnid 7U
#define JET_ColInfoBaseByColid 8U
#define JET_ColInfoGrbitNonDerivedColumnsOnly 0x80000000
#define JET_ColInfoGrbitMinimalInfo 0x40000000
#define JET_ColInfoGrbitSortByColumnid 0x20000000

/* JetGetInstanceMiscInfo info levels */
#define JET_InstanceMiscInfoLogSignature 0U

/* Object types */
#define JET_objtypNil 0
#define JET_objtypTable 1

/* JetCompact */
#define JET_bitCompactStats 0x00000020
#define JET_bitCompactRepair 0x00000040

/* Status notification processes (JET_SNP) */
#define JET_snpRepair 2
#define JET_snpCompact 4
#define JET_snpRestore 8
#define JET_snpBackup 9
#define JET_snpUpgrade 10
#define JET_snpScrub 11
#define JET_snpUpgradeRecordFormat 12
#define JET_snpRecoveryControl 18
#define JET_snpExternalAutoHealing 19
#define JET_snpSpaceCategorization 20

/* Status notification types (JET_SNT) */
#define JET_sntBegin 5
#define JET_sntRequirements 7
#define JET_sntProgress 0
#define JET_sntComplete 6
#define JET_sntFail 3
#define JET_sntOpenLog 1001
#define JET_sntOpenCheckpoint 1002
#define JET_sntMissingLog 1004
#define JET_sntBeginUndo 1005
#define JET_sntNotificationEvent 1006
#define JET_sntSignalErrorCondition 1007
#define JET_sntAttachedDb 1008
#define JET_sntDetachingDb 1009
#define JET_sntCommitCtx 1010
#define JET_sntPagePatchRequest 1101
#define JET_sntCorruptedPage 1102

/* JET_paramExceptionAction */
#define JET_ExceptionMsgBox 0x0001
#define JET_ExceptionNone 0x0002
#define JET_ExceptionFailFast 0x0004

/* JET_paramEnableOnlineDefrag */
#define JET_OnlineDefragDisable 0x0000
#define JET_OnlineDefragAllOBSOLETE 0x0001
#define JET_OnlineDefragDatabases 0x0002
#define JET_OnlineDefragSpaceTrees 0x0004
#define JET_OnlineDefragAll 0xffff

/* ------------------------------------------------------------------------ */
/* Errors (negative) and warnings (positive)                                */
/* ------------------------------------------------------------------------ */

#define JET_errSuccess 0
#define JET_wrnNyi (-1)

/* System */
#define JET_errRfsFailure (-100)
#define JET_errRfsNotArmed (-101)
#define JET_errFileClose (-102)
#define JET_errOutOfThreads (-103)
#define JET_errTooManyIO (-105)
#define JET_errTaskDropped (-106)
#define JET_errInternalError (-107)
#define JET_errDisabledFunctionality (-112)
#define JET_errUnloadableOSFunctionality (-113)

/* Buffer manager, directory manager */
#define JET_errDatabaseBufferDependenciesCorrupted (-255)
#define JET_wrnRemainingVersions 321
#define JET_errPreviousVersion (-322)
#define JET_errPageBoundary (-323)
#define JET_errKeyBoundary (-324)
#define JET_errBadPageLink (-327)
#define JET_errBadBookmark (-328)
#define JET_errNTSystemCallFailed (-334)
#define JET_errBadParentPageLink (-338)
#define JET_errSPAvailExtCacheOutOfSync (-340)
#define JET_errSPAvailExtCorrupted (-341)
#define JET_errSPAvailExtCacheOutOfMemory (-342)
#define JET_errSPOwnExtCorrupted (-343)
#define JET_errDbTimeCorrupted (-344)
#define JET_wrnUniqueKey 345
#define JET_errKeyTruncated (-346)
#define JET_errDatabaseLeakInSpace (-348)
#define JET_errBadEmptyPage (-351)
#define JET_errBadLineCount (-354)
#define JET_errPageTagCorrupted (-357)
#define JET_errNodeCorrupted (-358)

/* Record manager */
#define JET_wrnSeparateLongValue 406
#define JET_wrnRecordFoundGreater JET_wrnSeekNotEqual
#define JET_wrnRecordFoundLess JET_wrnSeekNotEqual
#define JET_errColumnIllegalNull JET_errNullInvalid
#define JET_errKeyTooBig (-408)
#define JET_errCannotSeparateIntrinsicLV (-416)
#define JET_errSeparatedLongValue (-421)
#define JET_errMustBeSeparateLongValue (-423)
#define JET_errInvalidPreread (-424)

/* Logging, recovery, backup and restore */
#define JET_errInvalidLoggedOperation (-500)
#define JET_errLogFileCorrupt (-501)
#define JET_errNoBackupDirectory (-503)
#define JET_errBackupDirectoryNotEmpty (-504)
#define JET_errBackupInProgress (-505)
#define JET_errRestoreInProgress (-506)
#define JET_errMissingPreviousLogFile (-509)
#define JET_errLogWriteFail (-510)
#define JET_errLogDisabledDueToRecoveryFailure (-511)
#define JET_errCannotLogDuringRecoveryRedo (-512)
#define JET_errLogGenerationMismatch (-513)
#define JET_errBadLogVersion (-514)
#define JET_errInvalidLogSequence (-515)
#define JET_errLoggingDisabled (-516)
#define JET_errLogBufferTooSmall (-517)
#define JET_errLogSequenceEnd (-519)
#define JET_errNoBackup (-520)
#define JET_errInvalidBackupSequence (-521)
#define JET_errBackupNotAllowedYet (-523)
#define JET_errDeleteBackupFileFail (-524)
#define JET_errMakeBackupDirectoryFail (-525)
#define JET_errInvalidBackup (-526)
#define JET_errRecoveredWithErrors (-527)
#define JET_errMissingLogFile (-528)
#define JET_errLogDiskFull (-529)
#define JET_errBadLogSignature (-530)
#define JET_errBadDbSignature (-531)
#define JET_errBadCheckpointSignature (-532)
#define JET_errCheckpointCorrupt (-533)
#define JET_errMissingPatchPage (-534)
#define JET_errBadPatchPage (-535)
#define JET_errRedoAbruptEnded (-536)
#define JET_errPatchFileMissing (-538)
#define JET_errDatabaseLogSetMismatch (-539)
#define JET_errDatabaseStreamingFileMismatch (-540)
#define JET_errLogFileSizeMismatch (-541)
#define JET_errCheckpointFileNotFound (-542)
#define JET_errRequiredLogFilesMissing (-543)
#define JET_errSoftRecoveryOnBackupDatabase (-544)
#define JET_errLogFileSizeMismatchDatabasesConsistent (-545)
#define JET_errLogSectorSizeMismatch (-546)
#define JET_errLogSectorSizeMismatchDatabasesConsistent (-547)
#define JET_errLogSequenceEndDatabasesConsistent (-548)
#define JET_errStreamingDataNotLogged (-549)
#define JET_errDatabaseDirtyShutdown (-550)
#define JET_errDatabaseInconsistent JET_errDatabaseDirtyShutdown /* obsolete */
#define JET_errConsistentTimeMismatch (-551)
#define JET_errDatabasePatchFileMismatch (-552)
#define JET_errEndingRestoreLogTooLow (-553)
#define JET_errStartingRestoreLogTooHigh (-554)
#define JET_errGivenLogFileHasBadSignature (-555)
#define JET_errGivenLogFileIsNotContiguous (-556)
#define JET_errMissingRestoreLogFiles (-557)
#define JET_wrnExistingLogFileHasBadSignature 558
#define JET_wrnExistingLogFileIsNotContiguous 559
#define JET_errMissingFullBackup (-560)
#define JET_errBadBackupDatabaseSize (-561)
#define JET_errDatabaseAlreadyUpgraded (-562)
#define JET_errDatabaseIncompleteUpgrade (-563)
#define JET_wrnSkipThisRecord 564
#define JET_errMissingCurrentLogFiles (-565)
#define JET_errDbTimeTooOld (-566)
#define JET_errDbTimeTooNew (-567)
#define JET_errMissingFileToBackup (-569)
#define JET_errLogTornWriteDuringHardRestore (-570)
#define JET_errLogTornWriteDuringHardRecovery (-571)
#define JET_errLogCorruptDuringHardRestore (-573)
#define JET_errLogCorruptDuringHardRecovery (-574)
#define JET_errMustDisableLoggingForDbUpgrade (-575)
#define JET_errBadRestoreTargetInstance (-577)
#define JET_wrnTargetInstanceRunning 578
#define JET_errRecoveredWithoutUndo (-579)
#define JET_errDatabasesNotFromSameSnapshot (-580)
#define JET_errSoftRecoveryOnSnapshot (-581)
#define JET_errCommittedLogFilesMissing (-582)
#define JET_errSectorSizeNotSupported (-583)
#define JET_errRecoveredWithoutUndoDatabasesConsistent (-584)
#define JET_wrnCommittedLogFilesLost 585
#define JET_errCommittedLogFileCorrupt (-586)
#define JET_wrnCommittedLogFilesRemoved 587
#define JET_wrnFinishWithUndo 588
#define JET_errLogSequenceChecksumMismatch (-590)
#define JET_wrnDatabaseRepaired 595
#define JET_errPageInitializedMismatch (-596)
#define JET_errUnicodeTranslationBufferTooSmall (-601)
#define JET_errUnicodeTranslationFail (-602)
#define JET_errUnicodeNormalizationNotSupported (-603)
#define JET_errUnicodeLanguageValidationFailure (-604)
#define JET_errExistingLogFileHasBadSignature (-610)
#define JET_errExistingLogFileIsNotContiguous (-611)
#define JET_errLogReadVerifyFailure (-612)
#define JET_errCheckpointDepthTooDeep (-614)
#define JET_errRestoreOfNonBackupDatabase (-615)
#define JET_errLogFileNotCopied (-616)
#define JET_errSurrogateBackupInProgress (-617)
#define JET_errTransactionTooLong (-618)
#define JET_errEngineFormatVersionNoLongerSupportedTooLow (-619)
#define JET_errEngineFormatVersionNotYetImplementedTooHigh (-620)
#define JET_errEngineFormatVersionParamTooLowForRequestedFeature (-621)
#define JET_errEngineFormatVersionSpecifiedTooLowForLogVersion (-622)
#define JET_errEngineFormatVersionSpecifiedTooLowForDatabaseVersion (-623)
#define JET_errDbTimeBeyondMaxRequired (-625)
#define JET_errLogOperationInconsistentWithDatabase (-626)
#define JET_errBackupAbortByServer (-801)

#define JET_errInvalidGrbit (-900)

/* General */
#define JET_errTermInProgress (-1000)
#define JET_errFeatureNotAvailable (-1001)
#define JET_errInvalidName (-1002)
#define JET_errInvalidParameter (-1003)
#define JET_wrnColumnNull 1004
#define JET_wrnBufferTruncated 1006
#define JET_wrnDatabaseAttached 1007
#define JET_errDatabaseFileReadOnly (-1008)
#define JET_wrnSortOverflow 1009
#define JET_errInvalidDatabaseId (-1010)
#define JET_errOutOfMemory (-1011)
#define JET_errOutOfDatabaseSpace (-1012)
#define JET_errOutOfCursors (-1013)
#define JET_errOutOfBuffers (-1014)
#define JET_errTooManyIndexes (-1015)
#define JET_errTooManyKeys (-1016)
#define JET_errRecordDeleted (-1017)
#define JET_errReadVerifyFailure (-1018)
#define JET_errPageNotInitialized (-1019)
#define JET_errOutOfFileHandles (-1020)
#define JET_errDiskReadVerificationFailure (-1021)
#define JET_errDiskIO (-1022)
#define JET_errInvalidPath (-1023)
#define JET_errInvalidSystemPath (-1024)
#define JET_errInvalidLogDirectory (-1025)
#define JET_errRecordTooBig (-1026)
#define JET_errTooManyOpenDatabases (-1027)
#define JET_errInvalidDatabase (-1028)
#define JET_errNotInitialized (-1029)
#define JET_errAlreadyInitialized (-1030)
#define JET_errInitInProgress (-1031)
#define JET_errFileAccessDenied (-1032)
#define JET_errBufferTooSmall (-1038)
#define JET_wrnSeekNotEqual 1039
#define JET_errTooManyColumns (-1040)
#define JET_errContainerNotEmpty (-1043)
#define JET_errInvalidFilename (-1044)
#define JET_errInvalidBookmark (-1045)
#define JET_errColumnInUse (-1046)
#define JET_errInvalidBufferSize (-1047)
#define JET_errColumnNotUpdatable (-1048)
#define JET_errIndexInUse (-1051)
#define JET_errLinkNotSupported (-1052)
#define JET_errNullKeyDisallowed (-1053)
#define JET_errNotInTransaction (-1054)
#define JET_wrnNoErrorInfo 1055
#define JET_errMustRollback (-1057)
#define JET_wrnNoIdleActivity 1058
#define JET_errTooManyActiveUsers (-1059)
#define JET_errInvalidCountry (-1061)
#define JET_errInvalidLanguageId (-1062)
#define JET_errInvalidCodePage (-1063)
#define JET_errInvalidLCMapStringFlags (-1064)
#define JET_errVersionStoreEntryTooBig (-1065)
#define JET_errVersionStoreOutOfMemoryAndCleanupTimedOut (-1066)
#define JET_wrnNoWriteLock 1067
#define JET_wrnColumnSetNull 1068
#define JET_errVersionStoreOutOfMemory (-1069)
#define JET_errCannotIndex (-1071)
#define JET_errRecordNotDeleted (-1072)
#define JET_errTooManyMempoolEntries (-1073)
#define JET_errOutOfObjectIDs (-1074)
#define JET_errOutOfLongValueIDs (-1075)
#define JET_errOutOfAutoincrementValues (-1076)
#define JET_errOutOfDbtimeValues (-1077)
#define JET_errOutOfSequentialIndexValues (-1078)
#define JET_errRunningInOneInstanceMode (-1080)
#define JET_errRunningInMultiInstanceMode (-1081)
#define JET_errSystemParamsAlreadySet (-1082)
#define JET_errSystemPathInUse (-1083)
#define JET_errLogFilePathInUse (-1084)
#define JET_errTempPathInUse (-1085)
#define JET_errInstanceNameInUse (-1086)
#define JET_errSystemParameterConflict (-1087)
#define JET_errInstanceUnavailable (-1090)
#define JET_errDatabaseUnavailable (-1091)
#define JET_errInstanceUnavailableDueToFatalLogDiskFull (-1092)
#define JET_errInvalidSesparamId (-1093)
#define JET_errTooManyRecords (-1094)
#define JET_errInvalidDbparamId (-1095)
#define JET_errOutOfSessions (-1101)
#define JET_errWriteConflict (-1102)
#define JET_errTransTooDeep (-1103)
#define JET_errInvalidSesid (-1104)
#define JET_errWriteConflictPrimaryIndex (-1105)
#define JET_errInTransaction (-1108)
#define JET_errRollbackRequired (-1109)
#define JET_errTransReadOnly (-1110)
#define JET_errSessionWriteConflict (-1111)
#define JET_errRecordTooBigForBackwardCompatibility (-1112)
#define JET_errCannotMaterializeForwardOnlySort (-1113)
#define JET_errSesidTableIdMismatch (-1114)
#define JET_errInvalidInstance (-1115)
#define JET_errDirtyShutdown (-1116)
#define JET_errReadPgnoVerifyFailure (-1118)
#define JET_errReadLostFlushVerifyFailure (-1119)
#define JET_errFileSystemCorruption (-1121)
#define JET_wrnShrinkNotPossible 1122
#define JET_errRecoveryVerifyFailure (-1123)
#define JET_errFilteredMoveNotSupported (-1124)

/* Databases */
#define JET_errDatabaseDuplicate (-1201)
#define JET_errDatabaseInUse (-1202)
#define JET_errDatabaseNotFound (-1203)
#define JET_errDatabaseInvalidName (-1204)
#define JET_errDatabaseInvalidPages (-1205)
#define JET_errDatabaseCorrupted (-1206)
#define JET_errDatabaseLocked (-1207)
#define JET_errCannotDisableVersioning (-1208)
#define JET_errInvalidDatabaseVersion (-1209)
#define JET_errDatabase200Format (-1210)
#define JET_errDatabase400Format (-1211)
#define JET_errDatabase500Format (-1212)
#define JET_errPageSizeMismatch (-1213)
#define JET_errTooManyInstances (-1214)
#define JET_errDatabaseSharingViolation (-1215)
#define JET_errAttachedDatabaseMismatch (-1216)
#define JET_errDatabaseInvalidPath (-1217)
#define JET_errDatabaseIdInUse (-1218)
#define JET_errForceDetachNotAllowed (-1219)
#define JET_errCatalogCorrupted (-1220)
#define JET_errPartiallyAttachedDB (-1221)
#define JET_errDatabaseSignInUse (-1222)
#define JET_errDatabaseCorruptedNoRepair (-1224)
#define JET_errInvalidCreateDbVersion (-1225)
#define JET_errDatabaseIncompleteIncrementalReseed (-1226)
#define JET_errDatabaseNotReady (-1230)
#define JET_errDatabaseAttachedForRecovery (-1231)
#define JET_errTransactionsNotReadyDuringRecovery (-1232)

/* Tables */
#define JET_wrnTableEmpty 1301
#define JET_errTableLocked (-1302)
#define JET_errTableDuplicate (-1303)
#define JET_errTableInUse (-1304)
#define JET_errObjectNotFound (-1305)
#define JET_errDensityInvalid (-1307)
#define JET_errTableNotEmpty (-1308)
#define JET_errInvalidTableId (-1310)
#define JET_errTooManyOpenTables (-1311)
#define JET_errIllegalOperation (-1312)
#define JET_errTooManyOpenTablesAndCleanupTimedOut (-1313)
#define JET_errObjectDuplicate (-1314)
#define JET_errInvalidObject (-1316)
#define JET_errCannotDeleteTempTable (-1317)
#define JET_errCannotDeleteSystemTable (-1318)
#define JET_errCannotDeleteTemplateTable (-1319)
#define JET_errExclusiveTableLockRequired (-1322)
#define JET_errFixedDDL (-1323)
#define JET_errFixedInheritedDDL (-1324)
#define JET_errCannotNestDDL (-1325)
#define JET_errDDLNotInheritable (-1326)
#define JET_wrnTableInUseBySystem 1327
#define JET_errInvalidSettings (-1328)
#define JET_errClientRequestToStopJetService (-1329)
#define JET_errCannotAddFixedVarColumnToDerivedTable (-1330)

/* DDL */
#define JET_errIndexCantBuild (-1401)
#define JET_errIndexHasPrimary (-1402)
#define JET_errIndexDuplicate (-1403)
#define JET_errIndexNotFound (-1404)
#define JET_errIndexMustStay (-1405)
#define JET_errIndexInvalidDef (-1406)
#define JET_errInvalidCreateIndex (-1409)
#define JET_errTooManyOpenIndexes (-1410)
#define JET_errMultiValuedIndexViolation (-1411)
#define JET_errIndexBuildCorrupted (-1412)
#define JET_errPrimaryIndexCorrupted (-1413)
#define JET_errSecondaryIndexCorrupted (-1414)
#define JET_wrnCorruptIndexDeleted 1415
#define JET_errInvalidIndexId (-1416)
#define JET_wrnPrimaryIndexOutOfDate 1417
#define JET_wrnSecondaryIndexOutOfDate 1418
#define JET_errIndexTuplesSecondaryIndexOnly (-1430)
#define JET_errIndexTuplesTooManyColumns (-1431)
#define JET_errIndexTuplesOneColumnOnly JET_errIndexTuplesTooManyColumns /* obsolete */
#define JET_errIndexTuplesNonUniqueOnly (-1432)
#define JET_errIndexTuplesTextBinaryColumnsOnly (-1433)
#define JET_errIndexTuplesTextColumnsOnly JET_errIndexTuplesTextBinaryColumnsOnly /* obsolete */
#define JET_errIndexTuplesVarSegMacNotAllowed (-1434)
#define JET_errIndexTuplesInvalidLimits (-1435)
#define JET_errIndexTuplesCannotRetrieveFromIndex (-1436)
#define JET_errIndexTuplesKeyTooSmall (-1437)
#define JET_errInvalidLVChunkSize (-1438)
#define JET_errColumnCannotBeEncrypted (-1439)
#define JET_errCannotIndexOnEncryptedColumn (-1440)

/* DML */
#define JET_errColumnLong (-1501)
#define JET_errColumnNoChunk (-1502)
#define JET_errColumnDoesNotFit (-1503)
#define JET_errNullInvalid (-1504)
#define JET_errColumnIndexed (-1505)
#define JET_errColumnTooBig (-1506)
#define JET_errColumnNotFound (-1507)
#define JET_errColumnDuplicate (-1508)
#define JET_errMultiValuedColumnMustBeTagged (-1509)
#define JET_errColumnRedundant (-1510)
#define JET_errInvalidColumnType (-1511)
#define JET_wrnColumnMaxTruncated 1512
#define JET_errTaggedNotNULL (-1514)
#define JET_errNoCurrentIndex (-1515)
#define JET_errKeyIsMade (-1516)
#define JET_errBadColumnId (-1517)
#define JET_errBadItagSequence (-1518)
#define JET_errColumnInRelationship (-1519)
#define JET_wrnCopyLongValue 1520
#define JET_errCannotBeTagged (-1521)
#define JET_errDefaultValueTooBig (-1524)
#define JET_errMultiValuedDuplicate (-1525)
#define JET_errLVCorrupted (-1526)
#define JET_errMultiValuedDuplicateAfterTruncation (-1528)
#define JET_errDerivedColumnCorruption (-1529)
#define JET_errInvalidPlaceholderColumn (-1530)
#define JET_wrnColumnSkipped 1531
#define JET_wrnColumnNotLocal 1532
#define JET_wrnColumnMoreTags 1533
#define JET_wrnColumnTruncated 1534
#define JET_wrnColumnPresent 1535
#define JET_wrnColumnSingleValue 1536
#define JET_wrnColumnDefault 1537
#define JET_errColumnCannotBeCompressed (-1538)
#define JET_wrnColumnNotInRecord 1539
#define JET_errColumnNoEncryptionKey (-1540)
#define JET_wrnColumnReference 1541
#define JET_errRecordNotFound (-1601)
#define JET_errRecordNoCopy (-1602)
#define JET_errNoCurrentRecord (-1603)
#define JET_errRecordPrimaryChanged (-1604)
#define JET_errKeyDuplicate (-1605)
#define JET_errAlreadyPrepared (-1607)
#define JET_errKeyNotMade (-1608)
#define JET_errUpdateNotPrepared (-1609)
#define JET_wrnDataHasChanged 1610
#define JET_errDataHasChanged (-1611)
#define JET_wrnKeyChanged 1618
#define JET_errLanguageNotSupported (-1619)
#define JET_errDecompressionFailed (-1620)
#define JET_errUpdateMustVersion (-1621)
#define JET_errDecryptionFailed (-1622)
#define JET_errEncryptionBadItag (-1623)

/* Sort */
#define JET_errTooManySorts (-1701)
#define JET_errInvalidOnSort (-1702)

/* Other */
#define JET_errTempFileOpenError (-1803)
#define JET_errTooManyAttachedDatabases (-1805)
#define JET_errDiskFull (-1808)
#define JET_errPermissionDenied (-1809)
#define JET_errFileNotFound (-1811)
#define JET_errFileInvalidType (-1812)
#define JET_wrnFileOpenReadOnly 1813
#define JET_errFileAlreadyExists (-1814)
#define JET_errAfterInitialization (-1850)
#define JET_errLogCorrupted (-1852)
#define JET_errInvalidOperation (-1906)
#define JET_errAccessDenied (-1907)
#define JET_wrnIdleFull 1908
#define JET_errTooManySplits (-1909)
#define JET_errSessionSharingViolation (-1910)
#define JET_errEntryPointNotFound (-1911)
#define JET_errSessionContextAlreadySet (-1912)
#define JET_errSessionContextNotSetByThisThread (-1913)
#define JET_errSessionInUse (-1914)
#define JET_errRecordFormatConversionFailed (-1915)
#define JET_errOneDatabasePerSession (-1916)
#define JET_errRollbackError (-1917)
#define JET_errFlushMapVersionUnsupported (-1918)
#define JET_errFlushMapDatabaseMismatch (-1919)
#define JET_errFlushMapUnrecoverable (-1920)
#define JET_errDatabaseIncompleteRevert (-1935)
#define JET_wrnDefragAlreadyRunning 2000
#define JET_wrnDefragNotRunning 2001
#define JET_wrnDatabaseScanAlreadyRunning 2002
#define JET_wrnDatabaseScanNotRunning 2003
#define JET_errDatabaseAlreadyRunningMaintenance (-2004)
#define JET_wrnCallbackNotRegistered 2100
#define JET_errCallbackFailed (-2101)
#define JET_errCallbackNotResolved (-2102)
#define JET_errSpaceHintsInvalid (-2103)
#define JET_errOSSnapshotInvalidSequence (-2401)
#define JET_errOSSnapshotTimeOut (-2402)
#define JET_errOSSnapshotNotAllowed (-2403)
#define JET_errOSSnapshotInvalidSnapId (-2404)
#define JET_errInvalidLogDataSequence (-2601)
#define JET_wrnPreviousLogFileIncomplete 2602
#define JET_errLSCallbackNotSpecified (-3000)
#define JET_errLSAlreadySet (-3001)
#define JET_errLSNotSet (-3002)

/* Files and disks */
#define JET_errFileIOSparse (-4000)
#define JET_errFileIOBeyondEOF (-4001)
#define JET_errFileIOAbort (-4002)
#define JET_errFileIORetry (-4003)
#define JET_errFileIOFail (-4004)
#define JET_errFileCompressed (-4005)

/* Error codes reserved for applications */
#define JET_errClientSpaceBegin (-10000)
#define JET_errClientSpaceEnd (-11999)

/* ------------------------------------------------------------------------ */
/* Functions                                                                */
/* ------------------------------------------------------------------------ */

/* Instances, system parameters, sessions */
JET_ERR JET_API JetInit(JET_INSTANCE *pinstance);
JET_ERR JET_API JetInit2(JET_INSTANCE *pinstance, JET_GRBIT grbit);
JET_ERR JET_API JetInit3A(JET_INSTANCE *pinstance, JET_RSTINFO_A *prstInfo, JET_GRBIT grbit);
JET_ERR JET_API JetCreateInstanceA(JET_INSTANCE *pinstance, JET_PCSTR szInstanceName);
JET_ERR JET_API JetCreateInstance2A(JET_INSTANCE *pinstance, JET_PCSTR szInstanceName,
                                    JET_PCSTR szDisplayName, JET_GRBIT grbit);
JET_ERR JET_API JetTerm(JET_INSTANCE instance);
JET_ERR JET_API JetTerm2(JET_INSTANCE instance, JET_GRBIT grbit);
JET_ERR JET_API JetStopService(void);
JET_ERR JET_API JetStopServiceInstance(JET_INSTANCE instance);
JET_ERR JET_API JetStopServiceInstance2(JET_INSTANCE instance, JET_GRBIT grbit);
JET_ERR JET_API JetStopBackup(void);
JET_ERR JET_API JetStopBackupInstance(JET_INSTANCE instance);
JET_ERR JET_API JetSetSystemParameterA(JET_INSTANCE *pinstance, JET_SESID sesid,
                                       unsigned long paramid, JET_API_PTR lParam,
                                       JET_PCSTR szParam);
JET_ERR JET_API JetGetSystemParameterA(JET_INSTANCE instance, JET_SESID sesid,
                                       unsigned long paramid, JET_API_PTR *plParam,
                                       JET_PSTR szParam, unsigned long cbMax);
JET_ERR JET_API JetEnableMultiInstanceA(JET_SETSYSPARAM_A *psetsysparam,
                                        unsigned long csetsysparam,
                                        unsigned long *pcsetsucceed);
JET_ERR JET_API JetGetInstanceInfoA(unsigned long *pcInstanceInfo,
                                    JET_INSTANCE_INFO_A **paInstanceInfo);
JET_ERR JET_API JetFreeBuffer(char *pbBuf);
JET_ERR JET_API JetBeginSessionA(JET_INSTANCE instance, JET_SESID *psesid, JET_PCSTR szUserName,
                                 JET_PCSTR szPassword);
JET_ERR JET_API JetDupSession(JET_SESID sesid, JET_SESID *psesid);
JET_ERR JET_API JetEndSession(JET_SESID sesid, JET_GRBIT grbit);

/* Databases */
JET_ERR JET_API JetCreateDatabaseA(JET_SESID sesid, JET_PCSTR szFilename, JET_PCSTR szConnect,
                                   JET_DBID *pdbid, JET_GRBIT grbit);
JET_ERR JET_API JetCreateDatabase2A(JET_SESID sesid, JET_PCSTR szFilename,
                                    unsigned long cpgDatabaseSizeMax, JET_DBID *pdbid,
                                    JET_GRBIT grbit);
JET_ERR JET_API JetAttachDatabaseA(JET_SESID sesid, JET_PCSTR szFilename, JET_GRBIT grbit);
JET_ERR JET_API JetAttachDatabase2A(JET_SESID sesid, JET_PCSTR szFilename,
                                    unsigned long cpgDatabaseSizeMax, JET_GRBIT grbit);
JET_ERR JET_API JetDetachDatabaseA(JET_SESID sesid, JET_PCSTR szFilename);
JET_ERR JET_API JetDetachDatabase2A(JET_SESID sesid, JET_PCSTR szFilename, JET_GRBIT grbit);
JET_ERR JET_API JetOpenDatabaseA(JET_SESID sesid, JET_PCSTR szFilename, JET_PCSTR szConnect,
                                 JET_DBID *pdbid, JET_GRBIT grbit);
JET_ERR JET_API JetCloseDatabase(JET_SESID sesid, JET_DBID dbid, JET_GRBIT grbit);
JET_ERR JET_API JetGetDatabaseInfoA(JET_SESID sesid, JET_DBID dbid, void *pvResult,
                                    unsigned long cbMax, unsigned long InfoLevel);
JET_ERR JET_API JetGetDatabaseFileInfoA(JET_PCSTR szDatabaseName, void *pvResult,
                                        unsigned long cbMax, unsigned long InfoLevel);
JET_ERR JET_API JetGetLogFileInfoA(JET_PCSTR szLog, void *pvResult, unsigned long cbMax,
                                   unsigned long InfoLevel);

/* Tables, columns, indexes */
JET_ERR JET_API JetCreateTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName,
                                unsigned long lPages, unsigned long lDensity,
                                JET_TABLEID *ptableid);
JET_ERR JET_API JetCreateTableColumnIndexA(JET_SESID sesid, JET_DBID dbid,
                                           JET_TABLECREATE_A *ptablecreate);
JET_ERR JET_API JetCreateTableColumnIndex2A(JET_SESID sesid, JET_DBID dbid,
                                            JET_TABLECREATE2_A *ptablecreate);
JET_ERR JET_API JetDeleteTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName);
JET_ERR JET_API JetOpenTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName,
                              const void *pvParameters, unsigned long cbParameters,
                              JET_GRBIT grbit, JET_TABLEID *ptableid);
JET_ERR JET_API JetCloseTable(JET_SESID sesid, JET_TABLEID tableid);
JET_ERR JET_API JetGetTableInfoA(JET_SESID sesid, JET_TABLEID tableid, void *pvResult,
                                 unsigned long cbMax, unsigned long InfoLevel);
JET_ERR JET_API JetGetTableColumnInfoA(JET_SESID sesid, JET_TABLEID tableid,
                                       JET_PCSTR szColumnName, void *pvResult,
                                       unsigned long cbMax, unsigned long InfoLevel);
JET_ERR JET_API JetGetColumnInfoA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName,
                                  JET_PCSTR pColumnNameOrId, void *pvResult, unsigned long cbMax,
                                  unsigned long InfoLevel);
JET_ERR JET_API JetAddColumnA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName,
                              const JET_COLUMNDEF *pcolumndef, const void *pvDefault,
                              unsigned long cbDefault, JET_COLUMNID *pcolumnid);
JET_ERR JET_API JetDeleteColumnA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName);
JET_ERR JET_API JetDeleteColumn2A(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName,
                                  JET_GRBIT grbit);
JET_ERR JET_API JetGetTableIndexInfoA(JET_SESID sesid, JET_TABLEID tableid,
                                      JET_PCSTR szIndexName, void *pvResult,
                                      unsigned long cbResult, unsigned long InfoLevel);
JET_ERR JET_API JetGetIndexInfoA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName,
                                 JET_PCSTR szIndexName, void *pvResult, unsigned long cbResult,
                                 unsigned long InfoLevel);
JET_ERR JET_API JetCreateIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName,
                                JET_GRBIT grbit, const char *szKey, unsigned long cbKey,
                                unsigned long lDensity);
JET_ERR JET_API JetCreateIndex2A(JET_SESID sesid, JET_TABLEID tableid,
                                 JET_INDEXCREATE_A *pindexcreate, unsigned long cIndexCreate);
JET_ERR JET_API JetDeleteIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName);

/* Transactions */
JET_ERR JET_API JetBeginTransaction(JET_SESID sesid);
JET_ERR JET_API JetBeginTransaction2(JET_SESID sesid, JET_GRBIT grbit);
JET_ERR JET_API JetCommitTransaction(JET_SESID sesid, JET_GRBIT grbit);
JET_ERR JET_API JetCommitTransaction2(JET_SESID sesid, JET_GRBIT grbit,
                                      unsigned long cmsecDurableCommit, JET_COMMIT_ID *pCommitId);
JET_ERR JET_API JetRollback(JET_SESID sesid, JET_GRBIT grbit);

/* Records */
JET_ERR JET_API JetPrepareUpdate(JET_SESID sesid, JET_TABLEID tableid, unsigned long prep);
JET_ERR JET_API JetSetColumn(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
                             const void *pvData, unsigned long cbData, JET_GRBIT grbit,
                             JET_SETINFO *psetinfo);
JET_ERR JET_API JetSetColumns(JET_SESID sesid, JET_TABLEID tableid, JET_SETCOLUMN *psetcolumn,
                              unsigned long csetcolumn);
JET_ERR JET_API JetRetrieveColumn(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
                                  void *pvData, unsigned long cbData, unsigned long *pcbActual,
                                  JET_GRBIT grbit, JET_RETINFO *pretinfo);
JET_ERR JET_API JetRetrieveColumns(JET_SESID sesid, JET_TABLEID tableid,
                                   JET_RETRIEVECOLUMN *pretrievecolumn,
                                   unsigned long cretrievecolumn);
JET_ERR JET_API JetUpdate(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark,
                          unsigned long cbBookmark, unsigned long *pcbActual);
JET_ERR JET_API JetUpdate2(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark,
                           unsigned long cbBookmark, unsigned long *pcbActual, JET_GRBIT grbit);
JET_ERR JET_API JetDelete(JET_SESID sesid, JET_TABLEID tableid);
JET_ERR JET_API JetGetLock(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit);

/* Navigation */
JET_ERR JET_API JetSetCurrentIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName);
JET_ERR JET_API JetSetCurrentIndex2A(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName,
                                     JET_GRBIT grbit);
JET_ERR JET_API JetSetCurrentIndex3A(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName,
                                     JET_GRBIT grbit, unsigned long itagSequence);
JET_ERR JET_API JetGetCurrentIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PSTR szIndexName,
                                    unsigned long cbIndexName);
JET_ERR JET_API JetMove(JET_SESID sesid, JET_TABLEID tableid, long cRow, JET_GRBIT grbit);
JET_ERR JET_API JetMakeKey(JET_SESID sesid, JET_TABLEID tableid, const void *pvData,
                           unsigned long cbData, JET_GRBIT grbit);
JET_ERR JET_API JetSeek(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit);
JET_ERR JET_API JetSetIndexRange(JET_SESID sesid, JET_TABLEID tableidSrc, JET_GRBIT grbit);
JET_ERR JET_API JetIndexRecordCount(JET_SESID sesid, JET_TABLEID tableid, unsigned long *pcrec,
                                    unsigned long crecMax);
JET_ERR JET_API JetRetrieveKey(JET_SESID sesid, JET_TABLEID tableid, void *pvKey,
                               unsigned long cbMax, unsigned long *pcbActual, JET_GRBIT grbit);
JET_ERR JET_API JetGetRecordPosition(JET_SESID sesid, JET_TABLEID tableid, JET_RECPOS *precpos,
                                     unsigned long cbRecpos);
JET_ERR JET_API JetGotoPosition(JET_SESID sesid, JET_TABLEID tableid, JET_RECPOS *precpos);
JET_ERR JET_API JetGetBookmark(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark,
                               unsigned long cbMax, unsigned long *pcbActual);
JET_ERR JET_API JetGotoBookmark(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark,
                                unsigned long cbBookmark);

/* Backup and restore */
JET_ERR JET_API JetBackupA(JET_PCSTR szBackupPath, JET_GRBIT grbit, JET_PFNSTATUS pfnStatus);
JET_ERR JET_API JetBackupInstanceA(JET_INSTANCE instance, JET_PCSTR szBackupPath,
                                   JET_GRBIT grbit, JET_PFNSTATUS pfnStatus);
JET_ERR JET_API JetRestoreA(JET_PCSTR szSource, JET_PFNSTATUS pfn);
JET_ERR JET_API JetRestore2A(JET_PCSTR sz, JET_PCSTR szDest, JET_PFNSTATUS pfn);
JET_ERR JET_API JetRestoreInstanceA(JET_INSTANCE instance, JET_PCSTR sz, JET_PCSTR szDest,
                                    JET_PFNSTATUS pfn);
JET_ERR JET_API JetBeginExternalBackup(JET_GRBIT grbit);
JET_ERR JET_API JetBeginExternalBackupInstance(JET_INSTANCE instance, JET_GRBIT grbit);
JET_ERR JET_API JetGetAttachInfoA(JET_PSTR szzDatabases, unsigned long cbMax,
                                  unsigned long *pcbActual);
JET_ERR JET_API JetGetAttachInfoInstanceA(JET_INSTANCE instance, JET_PSTR szzDatabases,
                                          unsigned long cbMax, unsigned long *pcbActual);
JET_ERR JET_API JetOpenFileA(JET_PCSTR szFileName, JET_HANDLE *phfFile,
                             unsigned long *pulFileSizeLow, unsigned long *pulFileSizeHigh);
JET_ERR JET_API JetOpenFileInstanceA(JET_INSTANCE instance, JET_PCSTR szFileName,
                                     JET_HANDLE *phfFile, unsigned long *pulFileSizeLow,
                                     unsigned long *pulFileSizeHigh);
JET_ERR JET_API JetReadFile(JET_HANDLE hfFile, void *pv, unsigned long cb,
                            unsigned long *pcbActual);
JET_ERR JET_API JetReadFileInstance(JET_INSTANCE instance, JET_HANDLE hfFile, void *pv,
                                    unsigned long cb, unsigned long *pcbActual);
JET_ERR JET_API JetCloseFile(JET_HANDLE hfFile);
JET_ERR JET_API JetCloseFileInstance(JET_INSTANCE instance, JET_HANDLE hfFile);
JET_ERR JET_API JetGetLogInfoA(JET_PSTR szzLogs, unsigned long cbMax, unsigned long *pcbActual);
JET_ERR JET_API JetGetLogInfoInstanceA(JET_INSTANCE instance, JET_PSTR szzLogs,
                                       unsigned long cbMax, unsigned long *pcbActual);
JET_ERR JET_API JetGetLogInfoInstance2A(JET_INSTANCE instance, JET_PSTR szzLogs,
                                        unsigned long cbMax, unsigned long *pcbActual,
                                        JET_LOGINFO_A *pLogInfo);
JET_ERR JET_API JetGetTruncateLogInfoInstanceA(JET_INSTANCE instance, JET_PSTR szzLogs,
                                               unsigned long cbMax, unsigned long *pcbActual);
JET_ERR JET_API JetTruncateLog(void);
JET_ERR JET_API JetTruncateLogInstance(JET_INSTANCE instance);
JET_ERR JET_API JetEndExternalBackup(void);
JET_ERR JET_API JetEndExternalBackupInstance(JET_INSTANCE instance);
JET_ERR JET_API JetEndExternalBackupInstance2(JET_INSTANCE instance, JET_GRBIT grbit);
JET_ERR JET_API JetExternalRestoreA(JET_PSTR szCheckpointFilePath, JET_PSTR szLogPath,
                                    JET_RSTMAP_A *rgrstmap, long crstfilemap,
                                    JET_PSTR szBackupLogPath, long genLow, long genHigh,
                                    JET_PFNSTATUS pfn);
JET_ERR JET_API JetExternalRestore2A(JET_PSTR szCheckpointFilePath, JET_PSTR szLogPath,
                                     JET_RSTMAP_A *rgrstmap, long crstfilemap,
                                     JET_PSTR szBackupLogPath, JET_LOGINFO_A *pLogInfo,
                                     JET_PSTR szTargetInstanceName,
                                     JET_PSTR szTargetInstanceLogPath,
                                     JET_PSTR szTargetInstanceCheckpointPath, JET_PFNSTATUS pfn);

/* OS (VSS) snapshots */
JET_ERR JET_API JetOSSnapshotPrepare(JET_OSSNAPID *psnapId, JET_GRBIT grbit);
JET_ERR JET_API JetOSSnapshotPrepareInstance(JET_OSSNAPID snapId, JET_INSTANCE instance,
                                             JET_GRBIT grbit);
JET_ERR JET_API JetOSSnapshotFreezeA(JET_OSSNAPID snapId, unsigned long *pcInstanceInfo,
                                     JET_INSTANCE_INFO_A **paInstanceInfo, JET_GRBIT grbit);
JET_ERR JET_API JetOSSnapshotThaw(JET_OSSNAPID snapId, JET_GRBIT grbit);
JET_ERR JET_API JetOSSnapshotAbort(JET_OSSNAPID snapId, JET_GRBIT grbit);
JET_ERR JET_API JetOSSnapshotTruncateLog(JET_OSSNAPID snapId, JET_GRBIT grbit);
JET_ERR JET_API JetOSSnapshotTruncateLogInstance(JET_OSSNAPID snapId, JET_INSTANCE instance,
                                                 JET_GRBIT grbit);
JET_ERR JET_API JetOSSnapshotGetFreezeInfoA(JET_OSSNAPID snapId, unsigned long *pcInstanceInfo,
                                            JET_INSTANCE_INFO_A **paInstanceInfo,
                                            JET_GRBIT grbit);
JET_ERR JET_API JetOSSnapshotEnd(JET_OSSNAPID snapId, JET_GRBIT grbit);

/* Unsuffixed names of functions with string arguments are their A forms, as
 * in Windows without JET_UNICODE. */
#define JetInit3 JetInit3A
#define JetCreateInstance JetCreateInstanceA
#define JetCreateInstance2 JetCreateInstance2A
#define JetSetSystemParameter JetSetSystemParameterA
#define JetGetSystemParameter JetGetSystemParameterA
#define JetEnableMultiInstance JetEnableMultiInstanceA
#define JetGetInstanceInfo JetGetInstanceInfoA
#define JetBeginSession JetBeginSessionA
#define JetCreateDatabase JetCreateDatabaseA
#define JetCreateDatabase2 JetCreateDatabase2A
#define JetAttachDatabase JetAttachDatabaseA
#define JetAttachDatabase2 JetAttachDatabase2A
#define JetDetachDatabase JetDetachDatabaseA
#define JetDetachDatabase2 JetDetachDatabase2A
#define JetOpenDatabase JetOpenDatabaseA
#define JetGetDatabaseInfo JetGetDatabaseInfoA
#define JetGetDatabaseFileInfo JetGetDatabaseFileInfoA
#define JetGetLogFileInfo JetGetLogFileInfoA
#define JetCreateTable JetCreateTableA
#define JetCreateTableColumnIndex JetCreateTableColumnIndexA
#define JetCreateTableColumnIndex2 JetCreateTableColumnIndex2A
#define JetDeleteTable JetDeleteTableA
#define JetOpenTable JetOpenTableA
#define JetGetTableInfo JetGetTableInfoA
#define JetGetTableColumnInfo JetGetTableColumnInfoA
#define JetGetColumnInfo JetGetColumnInfoA
#define JetAddColumn JetAddColumnA
#define JetDeleteColumn JetDeleteColumnA
#define JetDeleteColumn2 JetDeleteColumn2A
#define JetGetTableIndexInfo JetGetTableIndexInfoA
#define JetGetIndexInfo JetGetIndexInfoA
#define JetCreateIndex JetCreateIndexA
#define JetCreateIndex2 JetCreateIndex2A
#define JetDeleteIndex JetDeleteIndexA
#define JetSetCurrentIndex JetSetCurrentIndexA
#define JetSetCurrentIndex2 JetSetCurrentIndex2A
#define JetSetCurrentIndex3 JetSetCurrentIndex3A
#define JetGetCurrentIndex JetGetCurrentIndexA
#define JetBackup JetBackupA
#define JetBackupInstance JetBackupInstanceA
#define JetRestore JetRestoreA
#define JetRestore2 JetRestore2A
#define JetRestoreInstance JetRestoreInstanceA
#define JetGetAttachInfo JetGetAttachInfoA
#define JetGetAttachInfoInstance JetGetAttachInfoInstanceA
#define JetOpenFile JetOpenFileA
#define JetOpenFileInstance JetOpenFileInstanceA
#define JetGetLogInfo JetGetLogInfoA
#define JetGetLogInfoInstance JetGetLogInfoInstanceA
#define JetGetLogInfoInstance2 JetGetLogInfoInstance2A
#define JetGetTruncateLogInfoInstance JetGetTruncateLogInfoInstanceA
#define JetExternalRestore JetExternalRestoreA
#define JetExternalRestore2 JetExternalRestore2A
#define JetOSSnapshotFreeze JetOSSnapshotFreezeA
#define JetOSSnapshotGetFreezeInfo JetOSSnapshotGetFreezeInfoA

#ifdef __cplusplus
}
#endif

#endif /* JETSVC_ESENT_H_ */
