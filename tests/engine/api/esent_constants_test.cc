// esent.h against Microsoft's published values (published_values.inc), and
// esent.h's text against the table: every constant, structure alias and
// function the header defines must be accounted for, so neither a changed
// number nor an unverified addition goes unnoticed.

#include <cstddef>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "esent.h"
#include "gtest/gtest.h"

namespace {

// esent.h's text at build time (see CMakeLists.txt).
constexpr char kEsentHeaderText[] =
#include "esent_h_text.inc"
    ;

struct MacroLine {
  std::string name;
  std::string body;  // the rest of the line, trimmed
};

// Every `#define NAME body` line of the header.
std::vector<MacroLine> HeaderDefines() {
  static const std::regex kDefine(R"(^\s*#\s*define\s+(\w+)\s*(.*?)\s*$)");
  std::vector<MacroLine> defines;
  std::istringstream in(kEsentHeaderText);
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, kDefine)) defines.push_back({m[1], m[2]});
  }
  return defines;
}

// Names of the functions the header declares (`JET_ERR JET_API JetXxx(`).
std::set<std::string> HeaderFunctions() {
  static const std::regex kPrototype(R"(^JET_ERR JET_API (Jet\w+)\()");
  std::set<std::string> names;
  std::istringstream in(kEsentHeaderText);
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, kPrototype)) names.insert(m[1]);
  }
  return names;
}

// The table's names, by kind, and how often each appears in it.
struct PublishedTable {
  std::map<std::string, int> values;
  std::map<std::string, std::string> type_aliases;
  std::set<std::string> not_values;
};

PublishedTable Table() {
  PublishedTable table;
#define JET_PUBLISHED(name, value) ++table.values[#name];
#define JET_TYPE_ALIAS(name, target) table.type_aliases[#name] = #target;
#define JET_NOT_A_VALUE(name) table.not_values.insert(#name);
#include "published_values.inc"
#undef JET_PUBLISHED
#undef JET_TYPE_ALIAS
#undef JET_NOT_A_VALUE
  return table;
}

TEST(esentConstants, EveryConstantHasMicrosoftsValue) {
  int checked = 0;
  // std::cmp_equal compares the numbers, whatever the two literals' types.
#define JET_PUBLISHED(name, value)         \
  ++checked;                               \
  EXPECT_TRUE(std::cmp_equal(name, value)) \
      << #name " is " << (name) << " in esent.h; Microsoft publishes " #value " = " << (value);
#define JET_TYPE_ALIAS(name, target)
#define JET_NOT_A_VALUE(name)
#include "published_values.inc"
#undef JET_PUBLISHED
#undef JET_TYPE_ALIAS
#undef JET_NOT_A_VALUE
  EXPECT_GT(checked, 900);
}

TEST(esentConstants, TableNamesEachConstantOnce) {
  for (const auto& [name, count] : Table().values) {
    EXPECT_EQ(count, 1) << name << " appears " << count << " times in published_values.inc";
  }
}

TEST(esentConstants, EveryHeaderMacroIsInThePublishedTable) {
  const PublishedTable table = Table();
  std::set<std::string> header_names;  // a name may be defined in several #if branches
  for (const MacroLine& define : HeaderDefines()) {
    if (define.name.rfind("JET_", 0) == 0) header_names.insert(define.name);
  }
  std::set<std::string> table_names(table.not_values);
  for (const auto& [name, count] : table.values) table_names.insert(name);
  for (const auto& [name, target] : table.type_aliases) table_names.insert(name);

  for (const std::string& name : header_names) {
    EXPECT_EQ(table_names.count(name), 1u)
        << name << " is defined in esent.h but has no published value in published_values.inc";
  }
  for (const std::string& name : table_names) {
    EXPECT_EQ(header_names.count(name), 1u)
        << name << " is in published_values.inc but esent.h does not define it";
  }
  EXPECT_GT(header_names.size(), 1000u);
}

TEST(esentConstants, UnsuffixedStructureNamesAreTheAForms) {
  const PublishedTable table = Table();
  std::map<std::string, std::string> header;
  for (const MacroLine& define : HeaderDefines()) header[define.name] = define.body;
  for (const auto& [name, target] : table.type_aliases) {
    EXPECT_EQ(target, name + "_A");
    EXPECT_EQ(header[name], target) << "#define " << name;
  }
}

TEST(esentConstants, UnsuffixedFunctionNamesAreTheAForms) {
  const std::set<std::string> functions = HeaderFunctions();
  int mapped = 0;
  for (const MacroLine& define : HeaderDefines()) {
    if (define.name.rfind("Jet", 0) != 0) continue;
    ++mapped;
    EXPECT_EQ(define.body, define.name + "A") << "#define " << define.name;
    EXPECT_EQ(functions.count(define.body), 1u) << define.body << " is not declared";
  }
  // Every A form has its unsuffixed name, as in Windows' header.
  for (const std::string& function : functions) {
    if (function.back() != 'A') continue;
    const std::string unsuffixed = function.substr(0, function.size() - 1);
    bool found = false;
    for (const MacroLine& define : HeaderDefines()) found |= define.name == unsuffixed;
    EXPECT_TRUE(found) << function << " has no #define " << unsuffixed;
  }
  EXPECT_GT(mapped, 40);
}

TEST(esentConstants, EveryDeclaredFunctionIsDefined) {
  // Taking the addresses makes this test fail to link when a declared
  // function has no body; comparing the list with the header keeps the list
  // complete.
  std::set<std::string> listed;
#define JET_API_FUNCTION(name)                                         \
  EXPECT_NE(reinterpret_cast<const void*>(&(name)), nullptr) << #name; \
  listed.insert(#name);
#include "api_functions.inc"
#undef JET_API_FUNCTION
  EXPECT_EQ(listed, HeaderFunctions());
}

TEST(esentConstants, ParametersUseWindowsIntegerSpellings) {
  // A program written for Windows passes `unsigned long*` and `long`.
  static_assert(
      std::is_same_v<decltype(&JetRetrieveColumn),
                     JET_ERR(JET_API*)(JET_SESID, JET_TABLEID, JET_COLUMNID, void*, unsigned long,
                                       unsigned long*, JET_GRBIT, JET_RETINFO*)>);
  static_assert(std::is_same_v<decltype(&JetGetSystemParameterA),
                               JET_ERR(JET_API*)(JET_INSTANCE, JET_SESID, unsigned long,
                                                 JET_API_PTR*, JET_PSTR, unsigned long)>);
  static_assert(std::is_same_v<decltype(&JetMove),
                               JET_ERR(JET_API*)(JET_SESID, JET_TABLEID, long, JET_GRBIT)>);
  static_assert(
      std::is_same_v<decltype(&JetEnableMultiInstanceA),
                     JET_ERR(JET_API*)(JET_SETSYSPARAM_A*, unsigned long, unsigned long*)>);
  static_assert(std::is_same_v<JET_ERR, long>);
  static_assert(std::is_same_v<decltype(&JetCreateInstance), decltype(&JetCreateInstanceA)>);
  SUCCEED();
}

}  // namespace
