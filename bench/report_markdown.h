// The Markdown report scripts/bench writes to docs/benchmarks.md: targets,
// ratios, throughput, compile time, end-to-end figures and why a target is missed.
#pragma once

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace defen::bench {

// Prints to the console as usual and keeps one figure per benchmark.
class CapturingReporter : public benchmark::ConsoleReporter {
 public:
  CapturingReporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_Defaults : OO_Tabular) {}
  std::map<std::string, Run> runs;
  void ReportRuns(const std::vector<Run>& reports) override {
    // One figure per benchmark: the run itself, or the median of repetitions.
    for (const auto& r : reports) {
      bool median = r.run_type == Run::RT_Aggregate && r.aggregate_name == "median";
      if (r.run_type == Run::RT_Iteration || median) runs[r.run_name.function_name] = r;
    }
    ConsoleReporter::ReportRuns(reports);
  }
};

// Facts about the inputs the benchmarks measured.
struct ReportInputs {
  std::size_t rulesBytes = 0;        // the ruleset's text
  std::size_t endToEndCsvBytes = 0;  // the CSV of the end-to-end benchmark
};

// The value after "key" on the first line of a /proc-style file that starts with it.
std::string firstLineOf(const std::string& path, const std::string& key);

int writeMarkdown(const std::string& path, const CapturingReporter& rep, const std::vector<std::string>& memoryFiles,
                  const std::vector<std::string>& commands, const std::string& loadBefore, const ReportInputs& inputs);

}  // namespace defen::bench
