#include "output/scenario_fingerprint.hpp"

#include <cstdint>
#include <cstdio>
#include <sstream>

namespace wfsim::output {

namespace {

constexpr const char* kPrefix = "# wfsim fingerprint: ";

bool is_fingerprint(const std::string& line) { return line.rfind(kPrefix, 0) == 0; }

// FNV-1a, 64 bits: enough to tell an edit from none; not a defence against forgery.
std::string hash_of(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

// The lines after the header (the leading comment lines, which hold the command line
// and the sources, and which tools may rewrite), without fingerprint lines, each with
// its newline; and the fingerprint line's hash, if there is one.
std::string covered(const std::string& text, std::string* found = nullptr) {
  std::istringstream in(text);
  std::string line, body;
  bool header = true;
  while (std::getline(in, line)) {
    if (is_fingerprint(line)) {
      if (found != nullptr) *found = line.substr(std::string(kPrefix).size(), 16);
      continue;
    }
    header = header && line.rfind('#', 0) == 0;
    if (!header) body += line + "\n";
  }
  return body;
}

}  // namespace

std::string with_fingerprint(const std::string& text) {
  std::istringstream in(text);
  std::string line, kept;
  while (std::getline(in, line)) {
    if (!is_fingerprint(line)) kept += line + "\n";
  }
  return kept + kPrefix + hash_of(covered(kept)) +
         " (of the lines after the header: edit them and wfsim replaces this file only with --force)\n";
}

Fingerprint check_fingerprint(const std::string& text) {
  std::string found;
  const std::string body = covered(text, &found);
  if (found.empty()) return Fingerprint::none;
  return found == hash_of(body) ? Fingerprint::matches : Fingerprint::edited;
}

}  // namespace wfsim::output
