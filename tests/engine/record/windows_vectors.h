// Byte-exact records and long-value nodes from the genuine Windows-made
// databases in tests/data/windows-edb, with the values an independent reader
// (expected/*.json) found in them. windows_vectors.cc is generated; its
// header comment says how.

#ifndef JETSVC_TESTS_ENGINE_RECORD_WINDOWS_VECTORS_H_
#define JETSVC_TESTS_ENGINE_RECORD_WINDOWS_VECTORS_H_

#include <cstdint>
#include <vector>

namespace jet::test {

// A column as the table's catalog row describes it.
struct WindowsColumn {
  const char* name;
  uint32_t id;
  uint32_t coltyp;
  uint32_t space_usage;    // catalog SpaceUsage: fixed width / max length
  uint32_t record_offset;  // catalog RecordOffset (fixed columns)
  uint32_t codepage;       // catalog PagesOrLocale (text columns)
  bool multi_valued;
  bool compressed;
};

// The values of one column of one row, each as Unrle() input; no values =
// NULL. Long values are the logical bytes (reassembled, decompressed).
struct WindowsExpected {
  uint32_t id;
  std::vector<const char*> values;
};

struct WindowsRow {
  const char* key;     // hex
  const char* record;  // Unrle() input: the record as Windows stored it
  std::vector<WindowsExpected> expected;
};

// A node of the table's long-value tree: key (hex) and data (Unrle()).
struct WindowsLvNode {
  const char* key;
  const char* data;
};

struct WindowsTable {
  const char* name;
  std::vector<WindowsColumn> columns;
  std::vector<WindowsRow> rows;
  std::vector<WindowsLvNode> lv_nodes;  // in key order
};

// binary, text and multi.
const std::vector<WindowsTable>& WindowsTables();

// Every compressed value in those files: inline values whose tagged header
// has the compressed bit, and long-value chunks shorter than the bytes they
// hold. `compressed` is the stored bytes, `expected` the value (Unrle()).
struct WindowsCompressedValue {
  const char* what;
  const char* compressed;
  const char* expected;
};
const std::vector<WindowsCompressedValue>& WindowsCompressedValues();

}  // namespace jet::test

#endif  // JETSVC_TESTS_ENGINE_RECORD_WINDOWS_VECTORS_H_
