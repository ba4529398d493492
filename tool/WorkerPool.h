//===--- WorkerPool.h - corolint --------------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The orchestrator's side of the workers: what it knows of each translation
// unit (FileResult), the arguments every worker gets, and the pool that
// runs a batch of units in worker processes and reads their results.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_WORKERPOOL_H
#define COROLINT_TOOL_WORKERPOOL_H

#include "Driver.h"
#include "Preflight.h"
#include "Rendering.h"
#include "Worker.h"
#include "WorkerProcesses.h"
#include "WorkerResult.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// The outcome of analysing one translation unit.
struct FileResult {
  std::string File;
  std::string ResultPath;    ///< The worker's WorkerResult.
  std::string UnitFactsPath; ///< What its functions block on.
  /// A folder whose compile_commands.json holds the file's first command
  /// only, when the database lists it with several: clang-tidy would
  /// analyse it once per command.
  std::string OwnDatabase;
  /// The worker's stderr: shown when it crashed, never parsed.
  std::string ErrorOutput;
  int ExitCode = 0;
  std::optional<WorkerResult> Result;     ///< None: the worker crashed.
  bool TimedOut = false;                  ///< Stopped at --timeout.
  std::string ReadError;                  ///< Why Result is missing.
  std::string CacheKey;                   ///< With --cache-dir.
  std::vector<std::string> ScannedInputs; ///< With --diff, when scanned.
  bool ScanFailed = false;
  bool FromCache = false;

  /// clang-tidy's diagnostics, for --export-fixes.
  std::string exportPath() const { return ResultPath + ".yaml"; }
  /// The worker's stderr while clang-tidy's driver ran.
  std::string logPath() const { return ResultPath + ".log"; }
};

/// The arguments every worker gets: the user's clang-tidy options, without
/// the source files and the fixed compiler flags (added per file).
std::vector<std::string> sharedWorkerArgs(const RunOptions &Options,
                                          const CommandLine &Cmd);

/// \p Args with the build path (`-p DIR`, `-p=DIR`) set to \p Folder.
std::vector<std::string> withBuildPath(llvm::ArrayRef<std::string> Args,
                                       llvm::StringRef Folder);

/// Writes \p Command as the only entry of \p Folder/compile_commands.json.
std::optional<std::string>
writeOneCommandDatabase(llvm::StringRef Folder,
                        const clang::tooling::CompileCommand &Command);

/// Runs the workers of a batch of units, `Jobs` at once (WorkerProcesses.h),
/// and reads their results.
class WorkerPool {
public:
  /// What every worker of the run gets, besides its file.
  struct Arguments {
    std::string Program;
    std::vector<std::string> Leading;    ///< Worker flags and clang-tidy's.
    std::vector<std::string> FixedFlags; ///< `--` and compiler flags.
    std::string ProgramFactsPath;
    unsigned TimeoutSeconds = 0; ///< Each worker's limit; 0: none.
    /// The files known to have a command in clang-tidy's database.
    llvm::StringSet<> WithCommand;
  };

  WorkerPool(Arguments Args, unsigned Jobs, bool ShowProgress,
             const SourceFiles &Sources)
      : Args(std::move(Args)), Jobs(Jobs), ShowProgress(ShowProgress),
        Sources(Sources) {}

  /// Analyses the batch's units; \p WithFacts gives the workers the program
  /// facts found so far.
  void run(std::vector<FileResult *> Batch, bool WithFacts);

private:
  /// The largest files first: with -j, a long unit started last would keep
  /// one core busy while the others wait. The findings are reported in file
  /// order whatever the order of analysis.
  static void largestFirst(std::vector<FileResult *> &Batch);

  WorkerCommand commandFor(FileResult &Result, bool WithFacts);

  /// The worker's result, or why there is none. Its stdout (what clang-tidy's
  /// driver prints) was not kept: it renders its findings into its result.
  void readResult(FileResult &Result, llvm::StringRef ErrPath,
                  const WorkerExit &Exit);

  const Arguments Args;
  const unsigned Jobs;
  const bool ShowProgress;
  const SourceFiles &Sources;
};

} // namespace corolint

#endif // COROLINT_TOOL_WORKERPOOL_H
