#pragma once
// A small JSON document builder and writer: enough to print a JSON Schema. Objects
// keep their keys in insertion order so the output reads like the format it describes.

#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace wfsim::scenario {

class JsonValue {
 public:
  static JsonValue object();
  static JsonValue array();
  static JsonValue string(std::string text);
  static JsonValue number(double value);
  static JsonValue boolean(bool value);

  // Adds (or replaces) a member of an object; returns *this for chaining.
  JsonValue& set(const std::string& key, JsonValue value);
  // Appends an element to an array.
  JsonValue& push(JsonValue value);
  bool empty() const { return members_.empty() && elements_.empty(); }

  void write(std::ostream& out, int indent = 0) const;

 private:
  enum class Kind { object, array, string, number, boolean };
  Kind kind_ = Kind::object;
  std::string text_;
  double number_ = 0;
  bool boolean_ = false;
  std::vector<std::pair<std::string, JsonValue>> members_;
  std::vector<JsonValue> elements_;
};

}  // namespace wfsim::scenario
