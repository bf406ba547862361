#include "scenario/json_value.hpp"

#include <cmath>
#include <cstdio>
#include <locale>
#include <sstream>
#include <stdexcept>

namespace wfsim::scenario {

namespace {

void write_string(std::ostream& out, const std::string& text) {
  out << '"';
  for (const unsigned char c : text) {
    switch (c) {
      case '"': out << "\\\""; break;
      case '\\': out << "\\\\"; break;
      case '\n': out << "\\n"; break;
      case '\t': out << "\\t"; break;
      case '\r': out << "\\r"; break;
      default:
        if (c < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out << escaped;
        } else {
          out << c;  // UTF-8 passes through unchanged
        }
    }
  }
  out << '"';
}

}  // namespace

JsonValue JsonValue::object() { return JsonValue(); }

JsonValue JsonValue::array() {
  JsonValue v;
  v.kind_ = Kind::array;
  return v;
}

JsonValue JsonValue::string(std::string text) {
  JsonValue v;
  v.kind_ = Kind::string;
  v.text_ = std::move(text);
  return v;
}

JsonValue JsonValue::number(double value) {
  if (!std::isfinite(value)) throw std::invalid_argument("JSON has no infinite or NaN numbers");
  JsonValue v;
  v.kind_ = Kind::number;
  v.number_ = value;
  return v;
}

JsonValue JsonValue::boolean(bool value) {
  JsonValue v;
  v.kind_ = Kind::boolean;
  v.boolean_ = value;
  return v;
}

JsonValue& JsonValue::set(const std::string& key, JsonValue value) {
  if (kind_ != Kind::object) throw std::logic_error("JsonValue::set on a value that is not an object");
  for (auto& [k, v] : members_) {
    if (k == key) {
      v = std::move(value);
      return *this;
    }
  }
  members_.emplace_back(key, std::move(value));
  return *this;
}

JsonValue& JsonValue::push(JsonValue value) {
  if (kind_ != Kind::array) throw std::logic_error("JsonValue::push on a value that is not an array");
  elements_.push_back(std::move(value));
  return *this;
}

void JsonValue::write(std::ostream& out, int indent) const {
  const std::string pad(static_cast<std::size_t>(indent) + 2, ' ');
  const std::string close_pad(static_cast<std::size_t>(indent), ' ');
  switch (kind_) {
    case Kind::string: write_string(out, text_); return;
    case Kind::boolean: out << (boolean_ ? "true" : "false"); return;
    case Kind::number: {
      std::ostringstream text;
      text.imbue(std::locale::classic());
      text.precision(17);
      text << number_;
      out << text.str();
      return;
    }
    case Kind::array: {
      // Short arrays of scalars (enums, required lists) stay on one line.
      bool scalars = true;
      for (const auto& e : elements_) scalars = scalars && e.kind_ != Kind::object && e.kind_ != Kind::array;
      out << '[';
      for (std::size_t i = 0; i < elements_.size(); ++i) {
        if (i > 0) out << ',';
        if (scalars) {
          if (i > 0) out << ' ';
        } else {
          out << '\n' << pad;
        }
        elements_[i].write(out, indent + 2);
      }
      if (!scalars && !elements_.empty()) out << '\n' << close_pad;
      out << ']';
      return;
    }
    case Kind::object: {
      out << '{';
      for (std::size_t i = 0; i < members_.size(); ++i) {
        out << (i > 0 ? ",\n" : "\n") << pad;
        write_string(out, members_[i].first);
        out << ": ";
        members_[i].second.write(out, indent + 2);
      }
      if (!members_.empty()) out << '\n' << close_pad;
      out << '}';
      return;
    }
  }
}

}  // namespace wfsim::scenario
