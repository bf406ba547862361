#include "cli/command_support.hpp"

#include <sys/resource.h>

#include <charconv>

namespace wfsim::cli {

namespace {

std::string quote_argument(const std::string& arg) {
  if (!arg.empty() &&
      arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%") ==
          std::string::npos) {
    return arg;
  }
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::string joined_command_line(int argc, const char* const* argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) line += (i ? " " : "") + quote_argument(argv[i]);
  return line;
}

double peak_memory_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

po::variables_map parse(const po::options_description& visible, const po::positional_options_description& positional,
                        const std::vector<std::string>& args) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(visible).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  return vm;
}

std::vector<std::string> overrides_of(const po::variables_map& vm) {
  return vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
}

std::vector<std::string> input_files(const scenario::Scenario& s) {
  std::vector<std::string> files = {s.file};
  files.insert(files.end(), s.extends.begin(), s.extends.end());
  return files;
}

std::int64_t count_posts(const scenario::Scenario& s) {
  std::int64_t posts = 0;
  for (const auto& a : s.parameters.authorities) {
    for (const auto& r : a.roles) posts += r.permanent_posts + r.temporary_posts;
  }
  return posts;
}

void validate(boost::any& value, const std::vector<std::string>& texts, WholeNumber*, int) {
  po::validators::check_first_occurrence(value);
  const std::string& text = po::validators::get_single_string(texts);
  std::uint64_t parsed = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, parsed);
  // from_chars takes no sign, so "-1" is refused here rather than wrapping to 2^64 - 1.
  if (text.empty() || error != std::errc() || stop != end) {
    throw po::invalid_option_value(text + "' (expected a whole number such as 100; no sign, no decimals");
  }
  value = WholeNumber{parsed};
}

std::uint64_t whole_option(const po::variables_map& vm, const char* name, std::uint64_t minimum, std::uint64_t maximum,
                           const char* why) {
  const std::uint64_t value = vm[name].as<WholeNumber>().value;
  if (value < minimum || value > maximum) {
    throw UsageError("--" + std::string(name) + " must be from " + std::to_string(minimum) + " to " +
                     std::to_string(maximum) + (why[0] ? std::string(" (") + why + ")" : "") + ", got " +
                     std::to_string(value));
  }
  return value;
}

}  // namespace wfsim::cli
