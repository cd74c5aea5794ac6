#include "key/key_format.h"

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

size_t FixedWidthOfColumnType(uint32_t coltyp) {
  switch (coltyp) {
    case JET_coltypBit:
    case JET_coltypUnsignedByte:
      return 1;
    case JET_coltypShort:
    case JET_coltypUnsignedShort:
      return 2;
    case JET_coltypLong:
    case JET_coltypUnsignedLong:
    case JET_coltypIEEESingle:
      return 4;
    case JET_coltypCurrency:
    case JET_coltypIEEEDouble:
    case JET_coltypDateTime:
    case JET_coltypLongLong:
    case JET_coltypUnsignedLongLong:
      return 8;
    case JET_coltypGUID:
      return 16;
    default:
      return 0;
  }
}

bool IsFixedWidthColumnType(uint32_t coltyp) { return FixedWidthOfColumnType(coltyp) != 0; }

bool IsKeyColumnType(uint32_t coltyp) {
  return IsFixedWidthColumnType(coltyp) || IsTextColumnType(coltyp) || IsBinaryColumnType(coltyp);
}

}  // namespace jet
