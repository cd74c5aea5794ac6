#include "table/index_changes.h"
#include <gtest/gtest.h>
TEST(IndexChangesTest, Placeholder) {}
