#include "key/key_format.h"

#include "format/coltyp.h"

namespace jet {

uint32_t CbKeyMostForPage(size_t page_size) {
  switch (page_size) {
    case 2048:
      return JET_cbKeyMost2KBytePage;
    case 4096:
      return JET_cbKeyMost4KBytePage;
    case 8192:
    case 16384:
    case 32768:
      return JET_cbKeyMost8KBytePage;
    default:
      return 0;
  }
}

bool IsTextColumnType(uint32_t coltyp) {
  return coltyp == JET_coltypText || coltyp == JET_coltypLongText;
}

bool IsBinaryColumnType(uint32_t coltyp) {
  return coltyp == JET_coltypBinary || coltyp == JET_coltypLongBinary;
}

size_t FixedWidthOfColumnType(uint32_t coltyp) { return FixedSizeOfColtyp(coltyp); }

bool IsFixedWidthColumnType(uint32_t coltyp) { return FixedWidthOfColumnType(coltyp) != 0; }

bool IsKeyColumnType(uint32_t coltyp) {
  return IsFixedWidthColumnType(coltyp) || IsTextColumnType(coltyp) || IsBinaryColumnType(coltyp);
}

}  // namespace jet
