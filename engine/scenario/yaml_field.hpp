#pragma once
// Typed, located access to a YAML scenario.
//
// A Field is one YAML node together with its key path and the source it came from,
// so every conversion can fail with file:line:column, the key path and what was
// expected. A MapReader reads one YAML mapping and, at done(), rejects keys nobody
// asked for, suggesting the nearest known key.

#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kernel/distribution.hpp"
#include "scenario/scenario_error.hpp"

namespace wfsim::scenario {

// Maps a key path to where it came from; lets values set with --set be reported as such.
using LocateFn = std::function<SourceLocation(const std::string& key_path, const YAML::Node& node)>;

class Field {
 public:
  Field(YAML::Node node, std::string path, const LocateFn* locate)
      : node_(std::move(node)), path_(std::move(path)), locate_(locate) {}

  [[noreturn]] void fail(const std::string& message) const;

  const YAML::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  const LocateFn* locate() const { return locate_; }
  Field element(std::size_t index) const;
  std::size_t size() const;  // of a sequence; fails if the node is not one

  std::string text() const;
  bool boolean() const;
  double number() const;
  double non_negative() const;
  double probability() const;
  int count() const;  // an integer >= 0
  // A non-negative number, or the word "unlimited" (returned as infinity).
  double non_negative_or_unlimited() const;
  // "<number> <unit>" with unit day(s), week(s), month(s) or year(s); in days.
  double duration_days() const;
  std::int64_t date_days() const;  // "YYYY-MM-DD" as days since 1970-01-01
  // A fixed duration ("90 days") or a mapping {distribution: NAME, ...}.
  kernel::Distribution delay() const;
  std::string choice(const std::vector<std::string>& allowed) const;

 private:
  std::string scalar(const char* expected) const;
  YAML::Node node_;
  std::string path_;
  const LocateFn* locate_;
};

class MapReader {
 public:
  explicit MapReader(const Field& field);

  Field required(const std::string& key);
  std::optional<Field> optional(const std::string& key);
  bool has(const std::string& key) const;
  const Field& field() const { return field_; }

  // Fails on any key that was never asked for.
  void done() const;

 private:
  Field field_;
  std::vector<std::string> known_;
};

}  // namespace wfsim::scenario
