#include "output/overwrite_guard.hpp"

#include <H5Cpp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <utility>

#include "output/atomic_file.hpp"
#include "output/hdf5_results_writer.hpp"
#include "output/scenario_fingerprint.hpp"
#include "scenario/name_characters.hpp"
#include "support/damaged_input_guard.hpp"

namespace wfsim::output {

namespace {

// The `format` attribute of an HDF5 file, or empty if it is not one or has none.
std::string hdf5_format(const std::string& path) {
  H5::Exception::dontPrint();
  // Reading the attribute of a damaged file can crash inside HDF5; nothing is written
  // yet, so that ends the command with what to do instead.
  const support::DamagedInputGuard guard("error: refusing to replace '" + path +
                                             "': it is a damaged HDF5 file, so what it is cannot be checked; choose "
                                             "another output file, or give --force to replace it",
                                         2);
  try {
    if (H5Fis_hdf5(path.c_str()) <= 0) return "";
    H5::H5File file(path, H5F_ACC_RDONLY);
    if (!file.attrExists("format")) return "";
    H5::Attribute a = file.openAttribute("format");
    std::string value;
    a.read(a.getStrType(), value);
    return value;
  } catch (const H5::Exception&) {
    return "";
  }
}

bool contains(const std::string& path, const std::string& text) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.find(text) != std::string::npos) return true;
  }
  return false;
}

bool written_by_wfsim(const std::string& path) {
  // A scenario's first comment lines say whether init or calibrate wrote it. Only such
  // a file is theirs to replace: a scenario written by hand (a base that variants
  // extend, a council's own figures) is work that --force alone may throw away. A
  // results file holds its scenario's text, header and all, but HDF5 (and any binary
  // file) is never a scenario.
  H5::Exception::dontPrint();
  if (H5Fis_hdf5(path.c_str()) > 0) return false;
  std::ifstream in(path, std::ios::binary);
  bool marked = false;
  // calibrate keeps a scenario's UTF-8 byte-order mark, before its header.
  if (in.peek() == 0xEF) {
    char mark[3] = {};
    if (!in.read(mark, 3) || std::string_view(mark, 3) != scenario::kByteOrderMark) in.seekg(0);
  }
  for (std::string line; !marked && std::getline(in, line) && line.rfind('#', 0) == 0;) {
    if (line.find('\0') != std::string::npos) return false;
    marked = line.rfind("# Written by wfsim ", 0) == 0 || line.rfind("# Calibrated by wfsim ", 0) == 0;
  }
  if (!marked) return false;
  // Edited since (its fingerprint no longer matches): the edits are the user's work. A
  // scenario written before fingerprints (2026-12-02) has none, and is judged by its
  // header alone, as it was.
  std::ifstream whole(path, std::ios::binary);
  std::ostringstream text;
  text << whole.rdbuf();
  return check_fingerprint(text.str()) != Fingerprint::edited;
}

const char* describe(OutputKind kind) {
  switch (kind) {
    case OutputKind::results: return "a wfsim results file";
    case OutputKind::comparison: return "a wfsim comparison file";
    case OutputKind::sweep: return "a wfsim sweep file";
    case OutputKind::scenario:
      return "a scenario wfsim wrote and nobody has edited since (init and calibrate mark theirs 'Written by "
             "wfsim' or 'Calibrated by wfsim' in the header and end them with a fingerprint; one written or edited "
             "by hand is kept)";
    case OutputKind::schema: return "a JSON Schema";
    case OutputKind::backtest: return "a wfsim backtest table";
  }
  return "";
}

bool is_kind(const std::string& path, OutputKind kind) {
  switch (kind) {
    case OutputKind::results: return hdf5_format(path) == "wfsim-results";
    case OutputKind::comparison: return hdf5_format(path) == "wfsim-comparison";
    case OutputKind::sweep: return hdf5_format(path) == "wfsim-sweep";
    case OutputKind::scenario: return written_by_wfsim(path);
    case OutputKind::schema: return contains(path, "\"$schema\"");
    case OutputKind::backtest: return contains(path, "council,code,region,year,measure,");
  }
  return false;
}

}  // namespace

namespace {

// The folder the output goes in must be there and writable, checked now rather than
// after hours of simulation.
void check_folder(const std::string& path) {
  if (path.empty()) throw OutputRefused("the output file's name is empty; give a file name");
  // '-' is standard output to many tools; a results file is written and renamed in
  // place, so it was a file named '-' in the current folder.
  if (path == "-") throw OutputRefused("cannot write to standard output ('-'): the output is a file; give its name");
  const std::filesystem::path target(path);
  const std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : ".";
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    // 'good.h5/x.h5' was told the folder 'good.h5' does not exist: it does, as a file.
    const bool something_else = std::filesystem::exists(folder, error);
    throw OutputRefused("cannot write '" + path + "': " +
                        (something_else ? "'" + folder.string() + "' is a file, not a folder"
                                        : "the folder '" + folder.string() + "' does not exist"));
  }
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    throw OutputRefused("cannot write '" + path + "': you may not write to the folder '" + folder.string() + "'");
  }
  if (target.filename().empty() || target.filename() == "." || target.filename() == "..") {
    throw OutputRefused("cannot write '" + path + "': it names a folder; give a file name");
  }
  // A name pasted with a space at an end made a file no one could find by its name
  // ('wfsim info o6.h5': no such file), as a scenario's names may not have one.
  const std::string name = target.filename().string();
  const auto blank = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  if (blank(name.front()) || blank(name.back())) {
    throw OutputRefused("cannot write '" + path + "': the file's name " + (blank(name.back()) ? "ends" : "starts") +
                        " with a space, which no listing shows; give the name without it");
  }
  // The results are written to a temporary beside the target, named after it, first:
  // a name near the folder's limit failed only then ('File name too long', exit 1).
  const long longest = ::pathconf(folder.c_str(), _PC_NAME_MAX);
  const std::size_t needed = target.filename().string().size() + temporary_suffix_length();
  if (longest > 0 && needed > static_cast<std::size_t>(longest)) {
    throw OutputRefused("cannot write '" + path + "': its name has " +
                        std::to_string(target.filename().string().size()) + " characters, and the temporary file " +
                        "written beside it first adds " + std::to_string(temporary_suffix_length()) +
                        ", past this folder's limit of " + std::to_string(longest) + "; give a shorter name");
  }
  // Tried now, with a file of the temporary's name: the folder is the input's fault
  // (exit 2) when it refuses files; a full disk or a failing one is the machine's.
  if (const int refused = try_create_beside(path); refused != 0) {
    const std::string why = "cannot write '" + path + "': the folder '" + folder.string() +
                            "' does not take a new file (" + std::strerror(refused) + ")";
    if (refused == EACCES || refused == EPERM || refused == EROFS || refused == ENOENT || refused == ENOTDIR) {
      throw OutputRefused(why + "; write it to another folder");
    }
    throw OutputError(why + free_space_note(path));
  }
}

// The format a file name's suffix announces, for the suffixes an analyst is likely to
// give by mistake; empty for any other name (a name without a suffix, a temporary's).
std::string format_named_by(const std::filesystem::path& path) {
  // A name that is all suffix (".csv") is a dot-file to the library, without one.
  std::string suffix = path.extension().empty() ? path.filename().string() : path.extension().string();
  for (char& c : suffix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::pair<const char*, const char*> kFormats[] = {{".h5", "HDF5"},
                                                                 {".hdf5", "HDF5"},
                                                                 {".hdf", "HDF5"},
                                                                 {".csv", "CSV"},
                                                                 {".tsv", "tab-separated text"},
                                                                 {".txt", "text"},
                                                                 {".xlsx", "Excel"},
                                                                 {".xls", "Excel"},
                                                                 {".ods", "a spreadsheet"},
                                                                 {".json", "JSON"},
                                                                 {".yaml", "YAML"},
                                                                 {".yml", "YAML"},
                                                                 {".png", "an image"},
                                                                 {".svg", "an image"},
                                                                 {".pdf", "PDF"},
                                                                 {".html", "HTML"},
                                                                 {".htm", "HTML"}};
  for (const auto& [known, format] : kFormats) {
    if (suffix == known) return format;
  }
  return "";
}

struct Written {
  const char* format;
  const char* suffix;  // the usual one
};

Written written_as(OutputKind kind) {
  switch (kind) {
    case OutputKind::results:
    case OutputKind::comparison:
    case OutputKind::sweep: return {"HDF5", ".h5"};
    case OutputKind::scenario: return {"YAML", ".yaml"};
    case OutputKind::schema: return {"JSON", ".json"};
    case OutputKind::backtest: return {"CSV", ".csv"};
  }
  return {"", ""};
}

// `wfsim run s.yaml -o out.csv` wrote HDF5 under a name that Excel then opened as
// garbage: a name whose suffix announces another format is refused before the run.
void check_name(const std::string& path, OutputKind kind) {
  const std::filesystem::path target(path);
  const std::string named = format_named_by(target);
  const Written written = written_as(kind);
  if (named.empty() || named == written.format) return;
  std::filesystem::path fixed = target;
  fixed.replace_extension();  // "out.h5.csv" is "out.h5", not "out.h5.h5"
  if (format_named_by(fixed) != written.format) fixed += written.suffix;
  std::string message = "refusing to write '" + path + "': its name says " + named + ", but this command writes " +
                        written.format + "; name it '" + fixed.string() + "'";
  // The name suggested may be taken (compare -o policies.html beside policies.h5).
  std::error_code error;
  if (std::filesystem::exists(fixed, error)) message += " (that file exists: choose another name to keep it)";
  if (written.format == std::string("HDF5") && (named == "CSV" || named == "Excel")) {
    message += ", then 'wfsim-analysis export " + fixed.string() + " -o " + path + "' makes the " + named + " file";
  }
  throw OutputRefused(message);
}

// In a folder with the sticky bit (as /tmp), only the file's owner, the folder's owner
// or root may replace a file: the finished results could not be moved over another
// user's, which was found out only after the whole run (exit 1). --force or not.
void refuse_unreplaceable(const std::string& path) {
  const std::filesystem::path target(path);
  const std::string folder = target.has_parent_path() ? target.parent_path().string() : ".";
  struct stat folder_status {};
  struct stat file_status {};
  if (::stat(folder.c_str(), &folder_status) != 0 || (folder_status.st_mode & S_ISVTX) == 0) return;
  if (::stat(path.c_str(), &file_status) != 0) return;
  const uid_t me = ::geteuid();
  if (me == 0 || file_status.st_uid == me || folder_status.st_uid == me) return;
  throw OutputRefused("cannot replace '" + path +
                      "': it belongs to another user, in a folder where only a file's "
                      "owner may replace it (the folder's sticky bit, as /tmp has); choose another output file");
}

// A link as the output, without --force.
void refuse_link(const std::string& path, bool exists, const std::filesystem::file_status& status) {
  // The results are renamed into place, which replaces a link with a file and leaves
  // the file it points to as it was: said, as the analysis package says it.
  std::error_code error;
  if (std::filesystem::is_symlink(std::filesystem::symlink_status(path, error))) {
    const std::string target = std::filesystem::read_symlink(path, error).string();
    // What it points to decides the advice: --force on a link to a folder or a device
    // is refused below all the same, and a dangling link points to no file.
    std::string advice =
        "which the new file would replace, leaving the file it points to as it was; give that "
        "file's name to replace it, or --force to replace the link";
    if (!exists) {
      advice = "which points to nothing; give a file name, or --force to replace the link with the file";
    } else if (!std::filesystem::is_regular_file(status)) {
      advice = "which is not a file; give a file name";
    }
    throw OutputRefused("refusing to write '" + path + "': it is a link (to '" + target + "'), " + advice);
  }
}

}  // namespace

namespace {

void refuse_unless_replaceable(const std::string& path, OutputKind kind, const std::vector<std::string>& inputs,
                               bool force) {
  check_folder(path);
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(path, error);
  const bool exists = std::filesystem::exists(status);
  for (const std::string& input : inputs) {
    if (exists && std::filesystem::equivalent(path, input, error)) {
      throw OutputRefused("refusing to write '" + path + "': it is one of this command's inputs (" + input +
                          "); choose another output file");
    }
  }
  // --force or not: it is about replacing a file, and the name would still mislead.
  check_name(path, kind);
  if (!force) refuse_link(path, exists, status);
  if (!exists) return;
  if (std::filesystem::is_directory(status)) {
    throw OutputRefused("cannot write '" + path + "': it is a directory; give a file name");
  }
  // A device or a pipe would be replaced by a plain file (or, read to identify it,
  // block): never what was meant, --force or not.
  if (!std::filesystem::is_regular_file(status)) {
    throw OutputRefused("refusing to write '" + path + "': it is a device, a pipe or a socket, not a file");
  }
  refuse_unreplaceable(path);
  if (force) return;
  // What cannot be read cannot be checked: say so, rather than "not a results file".
  if (::access(path.c_str(), R_OK) != 0) {
    throw OutputRefused("refusing to replace '" + path + "': it cannot be read to check what it is (" +
                        std::strerror(errno) + "); choose another output file, or give --force to replace it");
  }
  // A file nobody may write to was protected on purpose (root could replace it
  // anyway, so the mode is read rather than access() asked).
  if ((status.permissions() & (std::filesystem::perms::owner_write | std::filesystem::perms::group_write |
                               std::filesystem::perms::others_write)) == std::filesystem::perms::none) {
    throw OutputRefused("refusing to replace '" + path +
                        "': it is write-protected; choose another output file, or give --force to replace it");
  }
  if (is_kind(path, kind)) return;
  // Another of wfsim's files is named as what it is: 'not a wfsim results file' left
  // the analyst wondering what had been there.
  std::string is;
  for (const OutputKind other : {OutputKind::results, OutputKind::comparison, OutputKind::sweep}) {
    if (other != kind && is_kind(path, other)) is = std::string(" (it is ") + describe(other) + ")";
  }
  throw OutputRefused("refusing to replace '" + path + "': it exists and is not " + describe(kind) + is +
                      "; choose another output file, or give --force to replace it");
}

}  // namespace

void check_overwrite(const std::string& path, OutputKind kind, const std::vector<std::string>& inputs, bool force) {
  // What stood there before the checks is what the output may replace when it is
  // saved, however late: a file put there during them was not checked.
  const FileStanding before = FileStanding::at(path);
  refuse_unless_replaceable(path, kind, inputs, force);
  note_checked_output(path, before);
}

}  // namespace wfsim::output
