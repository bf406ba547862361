#pragma once
// What 'wfsim', 'wfsim --help' and 'wfsim help' print: the commands and the exit codes.

namespace wfsim::cli {

inline constexpr const char* kOverview =
    "wfsim: Monte Carlo simulation of a council's children's social-work workforce\n"
    "\n"
    "Usage: wfsim COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  run SCENARIO -o OUT.h5   simulate a scenario and write the results file (HDF5)\n"
    "  validate SCENARIO        check a scenario file and summarise it, without running\n"
    "  compare BASE POLICY... -o OUT.h5\n"
    "                           run variants on common random numbers; write each one's\n"
    "                           summaries and its paired difference from BASE\n"
    "  info FILE.h5             what a results, comparison or sweep file holds, and key\n"
    "                           measures at chosen dates\n"
    "  sweep SCENARIO --vary KEY=V1,V2,... -o OUT.h5\n"
    "                           run a grid of values on common random numbers, one file\n"
    "  schema [-o FILE]         print the scenario format as a JSON Schema, for editors\n"
    "  init --from-csww FILE --la NAME --year YEAR -o SCENARIO.yaml\n"
    "                           write a baseline scenario from a council's official figures\n"
    "  calibrate SCENARIO --target MEASURE=VALUE --free KEY -o FITTED.yaml\n"
    "                           fit free parameters so simulated measures match targets\n"
    "  backtest --from-csww FILE -o BACKTEST.csv\n"
    "                           forecast each council a year ahead from each year's figures\n"
    "                           and set the forecasts beside what happened\n"
    "\n"
    "Options:\n"
    "  -h, --help               show this help; 'wfsim COMMAND --help' or 'wfsim help COMMAND' for a\n"
    "                           command's options\n"
    "  --version                print the engine version\n"
    "\n"
    "Exit codes: 0 success; 2 bad input (scenario, options, output path); 1 the machine failed\n"
    "(disk full, out of memory) or an internal error; 130, 143, 129 stopped by SIGINT,\n"
    "SIGTERM, SIGHUP (no file written).\n"
    "Documentation: docs/scenario-reference.md, docs/model.md, docs/output-format.md\n";

}  // namespace wfsim::cli
