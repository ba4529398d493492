//===--- Driver.h - corolint runs over a codebase --------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Every analysis corolint runs goes through here: the files come from the
// command line or from compile_commands.json, each translation unit is
// analysed by a worker process (corolint itself running clang-tidy's driver,
// which keeps one crashing file from taking the run down), `-j N` at once,
// and the findings are merged, filtered by a baseline and written as text,
// JSON or SARIF, in the same order whatever N is.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_DRIVER_H
#define COROLINT_TOOL_DRIVER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// Exit codes, documented in docs/usage.md.
enum ExitCode : int {
  ExitClean = 0,         ///< No findings.
  ExitFindings = 1,      ///< Findings (after baseline and warnings-as-errors).
  ExitUsageError = 2,    ///< Usage, configuration or input errors.
  ExitCompileErrors = 3, ///< Some files failed to compile.
  ExitInterrupted = 130, ///< Stopped by SIGINT or SIGTERM.
};

/// corolint's own options (Arguments.h); everything else goes to
/// clang-tidy.
struct RunOptions {
  enum class Format { Text, Sarif, Json, CodeClimate, Html };
  unsigned Jobs = 0;           ///< 0: one per core.
  unsigned TimeoutSeconds = 0; ///< --timeout: a unit's limit; 0: none.
  Format OutputFormat = Format::Text;
  std::optional<std::string> Output;
  std::optional<std::pair<unsigned, unsigned>> Shard; ///< K of N, 1-based.
  std::vector<std::string> Excludes;
  bool Progress = false;
  std::optional<std::string> Baseline;
  std::optional<std::string> WriteBaseline;
  std::optional<std::string> ExportFixes;
  bool AllowCompileErrors = false;
  bool AllowEmpty = false; ///< --allow-empty: selecting no file is no error.
  bool AllowMissingBaseline = false;
  std::optional<std::string> HelpUriBase;
  std::optional<std::string> ProjectRoot; ///< --project-root.
  /// The result cache's folder (--cache-dir, or COROLINT_CACHE_DIR), and
  /// its size limit in bytes.
  std::optional<std::string> CacheDir;
  uint64_t CacheBytes = uint64_t(1) << 30;
  /// `--diff=REV` (git) or `--diff=-` (a unified diff on stdin): only the
  /// units the diff touches, only findings on changed lines.
  std::optional<std::string> Diff;
  /// Task types whose classification is explained (a remark per type).
  std::optional<std::string> Explain;
  /// Where the program facts (what the files' functions block on, across
  /// files) are kept between runs; a temporary file when not given.
  std::optional<std::string> ProgramFacts;
  /// The clang-tidy arguments, starting with the program name.
  std::vector<const char *> TidyArgs;
};

struct CommandLine;

/// Analyses the files and writes the report; returns an ExitCode.
int runAnalysis(const RunOptions &Options, const CommandLine &Cmd,
                const char *Argv0);

} // namespace corolint

#endif // COROLINT_TOOL_DRIVER_H
