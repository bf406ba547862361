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
#include "kernel/visible_text.hpp"
#include "model/runaway_error.hpp"
#include "output/hdf5_results_writer.hpp"
#include "output/overwrite_guard.hpp"
#include "scenario/scenario_error.hpp"

namespace wfsim::cli {

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
  } catch (const scenario::ScenarioError& e) {
    says << "error: " << kernel::visible_text(e.what()) << "\n";
    return kBadInput;
  } catch (const import::ImportError& e) {
    says << "error: " << kernel::visible_text(e.what()) << "\n";
    return kBadInput;
  } catch (const calibrate::CalibrationError& e) {
    says << "error: " << kernel::visible_text(e.what()) << "\n";
    return kBadInput;
  } catch (const import::CsvError& e) {
    says << "error: " << kernel::visible_text(e.what()) << "\n";
    return kBadInput;
  } catch (const output::OutputRefused& e) {
    says << "error: " << kernel::visible_text(e.what()) << "\n";
    return kBadInput;
  } catch (const model::RunawayError& e) {
    says << "error: " << kernel::visible_text(e.what()) << "; nothing was written\n";
    return kBadInput;
  } catch (const output::OutputError& e) {
    says << "error: " << kernel::visible_text(e.what()) << "\n";
    return kEnvironmentFailed;
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
    says << "internal error: " << kernel::visible_text(e.what()) << "\n";
    return kEnvironmentFailed;
  }
}

}  // namespace wfsim::cli
