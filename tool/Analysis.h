//===--- Analysis.h - corolint ----------------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// One run over a codebase, step by step: choose the files (Analysis.cpp),
// narrow them to a diff (AnalysisDiff.cpp), analyse them in workers, reusing
// cached results (AnalysisCache.cpp), collect the results, fix, report and
// summarize (AnalysisReport.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_ANALYSIS_H
#define COROLINT_TOOL_ANALYSIS_H

#include "Cache.h"
#include "CrossFileFacts.h"
#include "Diff.h"
#include "Driver.h"
#include "Findings.h"
#include "Fixes.h"
#include "Preflight.h"
#include "ProgramFacts.h"
#include "Rendering.h"
#include "WorkerPool.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// The counts the summary line and the exit code are made of.
struct Outcome {
  size_t Selected = 0;
  size_t NotAnalysed = 0; ///< Skipped, crashed, or could not run.
  size_t FailedFiles = 0; ///< Compile errors.
  size_t FromCache = 0;
  bool FixesRefused = false;
};

std::string currentDirectory();

/// The folder the reports' paths and fingerprints are relative to:
/// --project-root, else the git work tree of the current folder (or of the
/// compilation database's), else the current folder.
std::string projectRoot(const RunOptions &Options, const CommandLine &Cmd);

/// One run over a codebase, step by step: choose the files, analyse them
/// (twice for the units whose cross-file facts changed), collect the
/// results, fix, report, summarize.
class Analysis {
public:
  Analysis(const RunOptions &Options, const CommandLine &Cmd, const char *Argv0)
      : Options(Options), Argv0(Argv0), Cmd(Cmd),
        Sources(projectRoot(Options, Cmd)) {}

  int run();

private:
  /// Every file the run reads is a regular file of a sane size: a device
  /// or a FIFO given by mistake would be read without end or never answer.
  std::optional<std::string> checkInputs() const;

  /// Every file the run writes can be written: found out before the
  /// analysis, not after it (where the findings would be lost to the exit
  /// code).
  std::optional<std::string> checkOutputs() const;
  /// The files of the command line and database, minus --exclude, in this
  /// shard; the configuration and the baseline are checked first.
  std::optional<std::string> selectFiles();

  /// A run that selects no file finds nothing: a mistake (an empty or
  /// wrong database, an --exclude too wide) unless the user says it may
  /// happen (--allow-empty: a shard of a small codebase). With --diff an
  /// empty selection is judged after the diff, where it is normal.
  std::optional<std::string> checkSelection(size_t Candidates) const;

  /// The workers' arguments (checked once by clang-tidy's own parser), their
  /// temporary files, and the program facts of an earlier run.
  std::optional<std::string> prepareWorkers();

  /// --diff: reads the diff, and keeps the units whose file it changes or
  /// that read a file it changes (known from the cache, else found by
  /// preprocessing the unit).
  std::optional<std::string> selectByDiff();

  bool readsChangedFile(llvm::ArrayRef<std::string> Inputs);

  /// A diff names a file by its path in the repository; a unit may reach it
  /// as `src/../include/x.h`, through a link, or by the link's own name.
  /// Both sides are compared by the file they resolve to.
  static void addResolvedPaths(ChangedLines &Lines);

  /// The lines the diff changes in \p File, however the unit named it, or
  /// none when the diff does not touch it.
  const std::vector<LineRange> *changedRanges(llvm::StringRef File);

  /// Preprocesses the units (in worker processes, `-j` at once) to learn
  /// which files each reads.
  void scanInputs(const std::vector<FileResult *> &Units);

  /// --diff: only the findings on changed lines (compile errors stay: they
  /// make the rest unreliable).
  void keepChangedLines();

  std::string factsState(bool WithFacts) const;

  /// --cache-dir (or COROLINT_CACHE_DIR): the workers record what they
  /// read, and the part of every key that is the same for all units.
  std::optional<std::string> openCache(WorkerPool::Arguments &Args);

  /// A unit's cache key: what decides its result besides its inputs.
  std::string unitKey(const std::string &File, llvm::StringRef Facts);

  /// What decides a unit's facts besides the files it reads: corolint's
  /// build, the user's clang-tidy arguments, the file's compile command and
  /// configuration. Kept facts of a unit whose context changed are not used.
  std::string factsContext(const std::string &File);

  void appendCommandAndConfiguration(const std::string &File,
                                     std::vector<std::string> &Parts);

  /// Analyses the batch, taking from the cache what it holds and storing
  /// what was analysed.
  void runCached(const std::vector<FileResult *> &Batch, bool WithFacts);

  /// Every unit once; then, across files, what every unit found about its
  /// functions is merged and resolved, and the units whose coroutines call
  /// a function that the program's facts now say blocks are analysed
  /// again.
  void analyse();

  /// The units' findings, in file order whatever the number of jobs; each
  /// unit that crashed, was not analysed or failed to compile is counted
  /// and said. Returns ExitClean to go on.
  int collect();
  /// Sets each coro finding's severity, as the configuration of \p File
  /// (the unit analysed) sets its check's `Severity` option.
  void rankFindings(llvm::StringRef File, std::vector<Finding> &Findings) const;

  void removeWorkerFiles();

  /// A file the database lists with several commands (the same one twice,
  /// or one per configuration) is analysed once, with the first: its
  /// worker gets a database of that command alone.
  std::optional<std::string> giveOwnDatabases();
  /// The commands the database that clang-tidy would read lists for
  /// \p File (of -p's folder, else the one found from the file's).
  std::vector<clang::tooling::CompileCommand>
  commandsOf(const std::string &File);
  /// Says what the selected units' commands ask that clang cannot give:
  /// each flag clang does not know, once (the workers drop it with
  /// clang-tidy's --removed-arg, added to \p Leading), and each unit
  /// compiled without coroutines (older than C++20).
  void adaptCommands(std::vector<std::string> &Leading);

  std::optional<std::string> applyBaselines();

  void fix();

  /// The report: into a temporary file beside --output, renamed when whole,
  /// so that a reader never sees half a report.
  std::optional<std::string> writeReport();

  /// The summary line on stderr, and the exit code.
  int summarize(std::chrono::steady_clock::time_point Start);

  const RunOptions &Options;
  const char *Argv0;
  const CommandLine Cmd;
  SourceFiles Sources;
  std::optional<Baseline> Accepted;
  bool BaselineWritten = false;
  std::vector<std::string> Selected;
  llvm::StringSet<> WithCommand; ///< Of collectInputFiles.
  std::vector<FileResult> Results;
  std::optional<std::string> FactsPath; ///< --program-facts.
  std::optional<KeptFacts> Kept;        ///< What it held when the run began.
  /// The facts the first pass's workers get (a kept file's), and their copy.
  std::optional<clang::tidy::coro::ProgramFacts> GivenFacts;
  std::string WorkerFactsPath;
  std::optional<WorkerPool> Pool;
  WorkerPool::Arguments WorkerArgs;
  std::vector<std::string> WorkerShared;
  unsigned Jobs = 1;
  ChangedLines Changed;
  llvm::StringMap<std::string> ResolvedPaths; ///< Of changedRanges().
  std::optional<ResultCache> Cache;
  std::vector<std::string> KeyBase;
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  std::vector<Finding> All;
  FileHashes Hashes;
  Outcome Counts;
};

} // namespace corolint

#endif // COROLINT_TOOL_ANALYSIS_H
