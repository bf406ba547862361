#include "cli/failure_words.hpp"

#include <H5Cpp.h>

#include <new>
#include <system_error>

#include "calibrate/calibration.hpp"
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "cli/input_agreement.hpp"
#include "cli/job_stop.hpp"
#include "experiment/interrupted.hpp"
#include "import/csv_table.hpp"
#include "import/csww_data.hpp"
#include "model/runaway_error.hpp"
#include "output/hdf5_results_writer.hpp"
#include "output/overwrite_guard.hpp"
#include "scenario/scenario_error.hpp"
#include "support/visible_text.hpp"

namespace wfsim::cli {

bool is_bad_input(const std::exception& e) {
  return dynamic_cast<const scenario::ScenarioError*>(&e) != nullptr ||
         dynamic_cast<const import::ImportError*>(&e) != nullptr ||
         dynamic_cast<const calibrate::CalibrationError*>(&e) != nullptr ||
         dynamic_cast<const import::CsvError*>(&e) != nullptr ||
         dynamic_cast<const output::OutputRefused*>(&e) != nullptr ||
         dynamic_cast<const model::RunawayError*>(&e) != nullptr;
}

std::string failure_text(const std::exception& e) {
  // A runaway is found mid-run: what was written so far is discarded, and said so.
  return support::visible_text(e.what()) +
         (dynamic_cast<const model::RunawayError*>(&e) != nullptr ? "; nothing was written" : "");
}

// Messages may quote what a file holds (a name, a results file's attribute): shown
// with its control characters escaped, not acting on the terminal.
int said_as_exit_code(const std::function<int()>& command, const std::string& name, std::ostream& says) {
  try {
    return command();
  } catch (const InputRefusedElsewhere& e) {
    return e.code;  // said where it arose
  } catch (const UsageError& e) {
    says << "wfsim " << name << ": " << e.what() << ". See 'wfsim " << name << " --help'.\n";
    return kBadInput;
  } catch (const experiment::Interrupted&) {
    says << kInterruptedLine;
    return kInterrupted;
  } catch (const output::OutputCancelled&) {
    says << kInterruptedLine;
    return kInterrupted;
  } catch (const H5::Exception& e) {
    says << "error: writing the results file failed: " << e.getDetailMsg() << "\n";
    return kEnvironmentFailed;
  } catch (const std::bad_alloc&) {
    says << "error: out of memory; try fewer threads, --keep summaries, or fewer replications per run\n";
    return kEnvironmentFailed;
  } catch (const std::system_error& e) {
    says << "error: the system refused: " << e.what() << " (too many threads for this machine's limits?)\n";
    return kEnvironmentFailed;
  } catch (const std::exception& e) {
    if (is_bad_input(e)) {
      says << "error: " << failure_text(e) << "\n";
      return kBadInput;
    }
    if (dynamic_cast<const output::OutputError*>(&e) != nullptr) {
      says << "error: " << failure_text(e) << "\n";  // the disk, a limit: the machine's, not the input's
      return kEnvironmentFailed;
    }
    says << "internal error: " << support::visible_text(e.what()) << "\n";
    return kEnvironmentFailed;
  }
}

}  // namespace wfsim::cli
