#include "service/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace jetsvc {
namespace {

using ::testing::HasSubstr;

constexpr char kMinimal[] = R"({
  "instances": [{"name": "a", "system_path": "s", "log_path": "l", "databases": ["d.edb"]}]
})";

TEST(ConfigTest, DefaultConfigHasTwoLoopbackInstances) {
  auto config = DefaultConfig();
  EXPECT_EQ(config.listen(), "127.0.0.1:50051");
  ASSERT_EQ(config.instances_size(), 2);
  EXPECT_EQ(config.instances(0).name(), "alpha");
  EXPECT_EQ(config.instances(1).name(), "beta");
  EXPECT_EQ(config.page_size(), 4096u);
}

TEST(ConfigTest, MinimalConfigGetsDefaults) {
  auto config = ParseConfig(kMinimal);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->listen(), "127.0.0.1:50051");
  EXPECT_EQ(config->state_dir(), "var/state");
  EXPECT_EQ(config->instances(0).base_name(), "edb");
}

TEST(ConfigTest, UnknownFieldIsNamed) {
  auto config = ParseConfig(R"({"listen": "127.0.0.1:1", "instancez": []})");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(config.status().message(), HasSubstr("instancez"));
}

TEST(ConfigTest, BadPageSizeIsNamed) {
  auto config = ParseConfig(R"({"page_size": 1000,
    "instances": [{"name": "a", "system_path": "s", "log_path": "l", "databases": ["d"]}]})");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(), HasSubstr("'page_size'"));
}

TEST(ConfigTest, BadBaseNameIsNamed) {
  auto config = ParseConfig(R"({"instances": [{"name": "a", "system_path": "s",
    "log_path": "l", "base_name": "edbx", "databases": ["d"]}]})");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(), HasSubstr("'instances[0].base_name'"));
}

TEST(ConfigTest, DuplicateNamesAndSharedLogPathsAreRejected) {
  auto dup = ParseConfig(R"({"instances": [
    {"name": "a", "system_path": "s", "log_path": "l1", "databases": ["d1"]},
    {"name": "a", "system_path": "s", "log_path": "l2", "databases": ["d2"]}]})");
  ASSERT_FALSE(dup.ok());
  EXPECT_THAT(dup.status().message(), HasSubstr("'instances[1].name'"));
  auto shared = ParseConfig(R"({"instances": [
    {"name": "a", "system_path": "s", "log_path": "l", "databases": ["d1"]},
    {"name": "b", "system_path": "s", "log_path": "l", "databases": ["d2"]}]})");
  ASSERT_FALSE(shared.ok());
  EXPECT_THAT(shared.status().message(), HasSubstr("'instances[1].log_path'"));
}

TEST(ConfigTest, MissingDatabasesAndTooManyAreRejected) {
  auto none = ParseConfig(R"({"instances": [{"name": "a", "system_path": "s", "log_path": "l"}]})");
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.status().message(), HasSubstr("'instances[0].databases'"));
  auto seven = ParseConfig(R"({"instances": [{"name": "a", "system_path": "s", "log_path": "l",
    "databases": ["1", "2", "3", "4", "5", "6", "7"]}]})");
  ASSERT_FALSE(seven.ok());
  EXPECT_THAT(seven.status().message(), HasSubstr("at most 6"));
}

TEST(ConfigTest, MalformedJsonIsAnError) {
  auto config = ParseConfig("{ not json");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ConfigTest, MissingFileIsNotFound) {
  auto config = LoadConfigFile("/nonexistent/jetsvc.json");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace jetsvc
