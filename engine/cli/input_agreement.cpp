#include "cli/input_agreement.hpp"

#include <fstream>
#include <iterator>

#include "cli/commands.hpp"
#include "cli/job_stop.hpp"
#include "experiment/interrupted.hpp"

namespace wfsim::cli {

namespace {

bool g_agreed = false;
bool g_abandoned = false;

// FNV-1a, 64 bits: a check that ranks read the same bytes, not a defence against
// anyone making two inputs collide.
void mix(std::uint64_t& hash, const char* data, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= static_cast<unsigned char>(data[i]);
    hash *= 0x100000001b3ULL;
  }
}

}  // namespace

void forget_input_agreement() { g_agreed = g_abandoned = false; }

bool input_abandoned() { return g_abandoned; }

bool input_agreed() { return g_agreed; }

std::uint64_t input_digest(const std::string& command_line, const std::vector<std::string>& files) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  mix(hash, command_line.data(), command_line.size() + 1);  // with its end, so nothing runs into the next
  // The files' bytes and lengths, not their paths: a base that each node resolves to a
  // path of its own (its working folder elsewhere) is the same input if its bytes are.
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string length = std::to_string(bytes.size()) + ":";
    mix(hash, length.data(), length.size());
    mix(hash, bytes.data(), bytes.size());
  }
  return hash;
}

void agree_on_input(parallel::Cluster& cluster, std::uint64_t digest, const std::atomic<bool>* stop,
                    std::ostream& err) {
  const auto gathered = cluster.gather_input_words({0, digest}, stop);
  if (!gathered) {
    // Stopped while waiting for the others: this rank's output (rank 0's temporary file)
    // goes as the exception unwinds, and the job is then ended (run_command_line).
    g_abandoned = true;
    throw experiment::Interrupted();
  }
  g_agreed = true;
  const auto& words = *gathered;
  for (const auto& word : words) {
    if (word.code != 0) throw InputRefusedElsewhere{word.code};  // that rank said why
  }
  std::string differing;
  for (std::size_t r = 1; r < words.size(); ++r) {
    if (words[r].digest != words[0].digest) differing += (differing.empty() ? "" : ", ") + std::to_string(r);
  }
  if (differing.empty()) return;
  if (cluster.rank() == 0) {
    err << "error: rank" << (differing.find(',') == std::string::npos ? " " : "s ") << differing
        << " read other input than rank 0: the command line or the bytes of a scenario file it reads differ (a "
           "file edited while the job started, or a copy on another node that is not the same); every process "
           "must read the same files. Nothing was written\n";
  }
  throw InputRefusedElsewhere{kBadInput};
}

int settle_failed_input(parallel::Cluster& cluster, int code, const std::string& message, std::ostream& err,
                        const std::atomic<bool>* stop) {
  const auto gathered = cluster.gather_input_words({code, 0}, stop);
  if (!gathered) {
    // Nothing of this rank's is on disk here: its output went as its error unwound.
    if (cluster.rank() == 0) err << kInterruptedLine << std::flush;
    cluster.abort(interrupted_code());
  }
  g_agreed = true;
  const auto& words = *gathered;
  std::size_t first = 0;
  while (first < words.size() && words[first].code == 0) ++first;
  if (first == static_cast<std::size_t>(cluster.rank())) {
    const std::string error = "error: ";
    if (first == 0) {
      err << message;
    } else if (message.starts_with(error)) {
      err << "error on rank " << first << ": " << message.substr(error.size());
    } else {
      err << "rank " << first << ": " << message;
    }
  }
  return words[first].code;
}

}  // namespace wfsim::cli
