//===--- Analysis.cpp - corolint ------------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis.h"
#include "CompileFlags.h"
#include "CoroTidyModule.h"
#include "Files.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

namespace corolint {

namespace {

uint64_t stableHash(llvm::StringRef Text) {
  uint64_t Hash = 1469598103934665603ULL;
  for (unsigned char C : Text) {
    Hash ^= C;
    Hash *= 1099511628211ULL;
  }
  return Hash;
}

int usageError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "corolint") << Message << "\n";
  return ExitUsageError;
}

} // namespace

std::string currentDirectory() {
  llvm::SmallString<256> Dir;
  llvm::sys::fs::current_path(Dir);
  return std::string(Dir);
}

namespace {

/// The git work tree holding \p Start (a folder with `.git` in it), as git
/// finds it: not above a folder of GIT_CEILING_DIRECTORIES.
std::optional<std::string> gitWorkTree(llvm::StringRef Start) {
  llvm::SmallVector<llvm::StringRef, 4> Ceilings;
  if (const char *Listed = std::getenv("GIT_CEILING_DIRECTORIES"))
    llvm::StringRef(Listed).split(Ceilings, ':', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Dir = Start; !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    if (Dir != Start && llvm::any_of(Ceilings, [&](llvm::StringRef Ceiling) {
          return Ceiling.rtrim('/') == Dir;
        }))
      return std::nullopt;
    llvm::SmallString<256> Git(Dir);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return Dir.str();
  }
  return std::nullopt;
}

} // namespace

std::string projectRoot(const RunOptions &Options, const CommandLine &Cmd) {
  std::string Here = currentDirectory();
  if (Options.ProjectRoot) {
    std::string Root = absolutePath(*Options.ProjectRoot, Here);
    return llvm::StringRef(Root).rtrim('/').str();
  }
  // Not the current folder first: a run from build/ reports the paths (and
  // fingerprints) that a run from the top reports.
  if (std::optional<std::string> Tree = gitWorkTree(Here))
    return *Tree;
  if (Cmd.BuildPath)
    if (std::optional<std::string> Tree =
            gitWorkTree(absolutePath(*Cmd.BuildPath, Here)))
      return *Tree;
  return Here;
}

int Analysis::run() {
  auto Start = std::chrono::steady_clock::now();
  if (auto Error = checkInputs())
    return usageError(*Error);
  if (auto Error = checkOutputs())
    return usageError(*Error);
  if (auto Error = selectFiles())
    return usageError(*Error);
  if (auto Error = prepareWorkers())
    return usageError(*Error);
  if (Options.Diff)
    if (auto Error = selectByDiff())
      return usageError(*Error);
  analyse();
  int Stop = collect();
  removeWorkerFiles();
  if (Stop != ExitClean)
    return Stop;
  if (auto Error = applyBaselines())
    return usageError(*Error);
  if (Options.Diff)
    keepChangedLines();
  if (Cmd.Fixing)
    fix();
  if (auto Error = writeReport())
    return usageError(*Error);
  return summarize(Start);
}

std::optional<std::string> Analysis::checkInputs() const {
  std::optional<std::string> Database;
  if (Cmd.BuildPath) {
    llvm::SmallString<256> Json(*Cmd.BuildPath);
    if (llvm::sys::fs::is_directory(Json))
      llvm::sys::path::append(Json, "compile_commands.json");
    if (llvm::sys::fs::exists(Json))
      Database = std::string(Json);
  }
  // A missing baseline, facts or configuration file has a message of its
  // own (or is allowed: --allow-missing-baseline, facts this run writes).
  auto IfPresent = [](const std::optional<std::string> &Path) {
    return Path && llvm::sys::fs::exists(*Path) ? Path : std::nullopt;
  };
  std::optional<std::string> Baseline = IfPresent(Options.Baseline);
  std::optional<std::string> Facts = IfPresent(Options.ProgramFacts);
  std::optional<std::string> ConfigFile = IfPresent(Cmd.ConfigFile);
  const std::pair<llvm::StringRef, const std::optional<std::string> &>
      Inputs[] = {{"the compilation database", Database},
                  {"--baseline", Baseline},
                  {"--program-facts", Facts},
                  {"--config-file", ConfigFile}};
  for (const auto &[What, Path] : Inputs)
    if (Path)
      if (std::optional<std::string> Why =
              clang::tidy::coro::whyNotInputFile(*Path))
        return "cannot read " + What.str() + " '" + *Path + "': " + *Why;
  for (const std::string &Source : Cmd.Sources)
    if (llvm::sys::fs::exists(Source) && !llvm::sys::fs::is_directory(Source))
      if (std::optional<std::string> Why =
              clang::tidy::coro::whyNotInputFile(Source))
        return "cannot read '" + Source + "': " + *Why;
  return std::nullopt;
}

std::optional<std::string> Analysis::checkOutputs() const {
  const std::pair<llvm::StringRef, const std::optional<std::string> &>
      Outputs[] = {{"--output", Options.Output},
                   {"--write-baseline", Options.WriteBaseline},
                   {"--export-fixes", Options.ExportFixes},
                   {"--program-facts", Options.ProgramFacts}};
  for (const auto &[Flag, Path] : Outputs)
    if (Path)
      if (std::optional<std::string> Why =
              clang::tidy::coro::whyNotWritable(*Path))
        return "cannot write " + Flag.str() + " '" + *Path + "': " + *Why;
  return std::nullopt;
}

std::optional<std::string> Analysis::selectFiles() {
  std::vector<std::string> Files;
  if (auto Error = collectInputFiles(Cmd, Files, &WithCommand))
    return Error;
  if (auto Error = checkConfiguration(Cmd, Files))
    return Error;
  // A first run (a CI job before anyone committed a baseline) may be
  // allowed to find none: every finding is then new.
  if (Options.Baseline && Options.AllowMissingBaseline &&
      !llvm::sys::fs::exists(*Options.Baseline)) {
    llvm::errs() << "corolint: baseline '" << *Options.Baseline
                 << "' does not exist yet; every finding is new\n";
  } else if (Options.Baseline) {
    auto Read = readBaseline(*Options.Baseline);
    if (!Read)
      return llvm::toString(Read.takeError());
    Accepted = std::move(*Read);
  }
  // --exclude, then the shard, decided on the path relative to the
  // project root so that every machine of a CI matrix agrees.
  for (const std::string &File : Files) {
    std::string Display = Sources.displayPath(File);
    bool Excluded = llvm::any_of(Options.Excludes, [&](const std::string &R) {
      llvm::Regex Pattern(R);
      return Pattern.match(Display) || Pattern.match(File);
    });
    if (Excluded)
      continue;
    if (Options.Shard &&
        stableHash(Display) % Options.Shard->second != Options.Shard->first - 1)
      continue;
    Selected.push_back(File);
  }
  Counts.Selected = Selected.size();
  return checkSelection(Files.size());
}

std::optional<std::string> Analysis::checkSelection(size_t Candidates) const {
  if (!Selected.empty())
    return std::nullopt;
  std::string Why =
      Candidates == 0 ? "the compilation database lists no C++ file"
      : Options.Shard
          ? "shard " + std::to_string(Options.Shard->first) + "/" +
                std::to_string(Options.Shard->second) + " holds none of the " +
                std::to_string(Candidates) + " files"
          : "--exclude leaves none of the " + std::to_string(Candidates) +
                " files";
  if (Options.AllowEmpty) {
    llvm::errs() << "corolint: note: no file to analyse: " << Why << "\n";
    return std::nullopt;
  }
  return "no file to analyse: " + Why + " (--allow-empty accepts that)";
}

std::optional<std::string> Analysis::prepareWorkers() {
  WorkerPool::Arguments Args;
  Args.Program = llvm::sys::fs::getMainExecutable(
      Argv0, reinterpret_cast<void *>(&currentDirectory));
  Args.WithCommand = WithCommand;
  std::vector<std::string> Shared = sharedWorkerArgs(Options, Cmd);
  if (auto Error = checkLineFilter(Cmd))
    return Error;
  if (Cmd.Fixing)
    Args.Leading.push_back((FixModeFlag + (Cmd.FixNotes ? "notes" : "fix") +
                            (Cmd.FixErrors ? ",errors" : ""))
                               .str());
  if (Options.Explain)
    Args.Leading.push_back((ExplainFlag + *Options.Explain).str());
  if (Options.ExportFixes)
    Args.Leading.push_back(ExportFixesFlag.str());
  Args.Leading.push_back("--quiet");
  llvm::append_range(Args.Leading, Shared);
  if (Cmd.HasFixedFlags)
    Args.FixedFlags.assign(Options.TidyArgs.begin() + Cmd.FixedFlagsIndex,
                           Options.TidyArgs.end());
  adaptCommands(Args.Leading);
  if (auto Error = openCache(Args))
    return Error;

  Results.resize(Selected.size());
  for (size_t I = 0; I < Selected.size(); ++I) {
    Results[I].File = Selected[I];
    if (auto Error = makeTemporary("json", Results[I].ResultPath))
      return Error;
    // Written by the worker; removed with the rest if the run is stopped.
    removeOnInterrupt(Results[I].exportPath());
    removeOnInterrupt(Results[I].logPath());
    if (auto Error = makeTemporary("json", Results[I].UnitFactsPath))
      return Error;
  }
  if (auto Error = giveOwnDatabases())
    return Error;
  // The program facts of an earlier run, if kept, are used at once (less
  // the units whose files or context changed since); the workers read a
  // copy without the units.
  if (Options.ProgramFacts)
    FactsPath = *Options.ProgramFacts;
  if (auto Error = makeTemporary("json", WorkerFactsPath))
    return Error;
  Args.ProgramFactsPath = WorkerFactsPath;
  Args.TimeoutSeconds = Options.TimeoutSeconds;
  WorkerArgs = Args; // factsContext reads them.
  WorkerShared = Shared;
  if (FactsPath && llvm::sys::fs::exists(*FactsPath)) {
    llvm::Expected<std::vector<clang::tidy::coro::UnitFacts>> Read =
        clang::tidy::coro::ProgramFacts::readUnits(*FactsPath);
    if (!Read)
      return llvm::toString(Read.takeError());
    Kept.emplace(std::move(*Read), [this](const std::string &File) {
      return factsContext(File);
    });
    GivenFacts =
        resolveAndWrite(Kept->unitsBesides({}), WorkerFactsPath, std::nullopt);
  }

  unsigned Jobs =
      Options.Jobs
          ? Options.Jobs
          : std::max(1u, llvm::hardware_concurrency().compute_thread_count());
  Jobs = std::min<unsigned>(Jobs, MaxWorkers);
  Jobs = std::max<unsigned>(1, std::min<size_t>(Jobs, Selected.size()));
  bool ShowProgress =
      Options.Progress || llvm::sys::Process::StandardErrIsDisplayed();
  this->Jobs = Jobs;
  Pool.emplace(std::move(Args), Jobs, ShowProgress, Sources);
  return std::nullopt;
}

std::vector<clang::tooling::CompileCommand>
Analysis::commandsOf(const std::string &File) {
  std::string Error;
  if (!Cmd.BuildPath) {
    // As clang-tidy: the database in the file's folder or above.
    auto Found =
        clang::tooling::CompilationDatabase::autoDetectFromSource(File, Error);
    return Found ? Found->getCompileCommands(File)
                 : std::vector<clang::tooling::CompileCommand>();
  }
  if (!Database)
    Database = clang::tooling::CompilationDatabase::autoDetectFromDirectory(
        *Cmd.BuildPath, Error);
  return Database ? Database->getCompileCommands(File)
                  : std::vector<clang::tooling::CompileCommand>();
}

std::optional<std::string> Analysis::giveOwnDatabases() {
  if (!Cmd.BuildPath || Cmd.HasFixedFlags)
    return std::nullopt;
  for (FileResult &Result : Results) {
    std::vector<clang::tooling::CompileCommand> Commands =
        commandsOf(Result.File);
    if (Commands.size() < 2)
      continue;
    llvm::SmallString<256> Folder;
    if (auto Error = makeTemporaryFolder(Folder))
      return Error;
    if (auto Error = writeOneCommandDatabase(Folder, Commands.front()))
      return Error;
    Result.OwnDatabase = std::string(Folder);
  }
  return std::nullopt;
}

void Analysis::adaptCommands(std::vector<std::string> &Leading) {
  // After `--`: one command for every file.
  std::vector<std::string> FixedCommand = {"clang++"};
  if (Cmd.HasFixedFlags)
    FixedCommand.insert(FixedCommand.end(),
                        Options.TidyArgs.begin() + Cmd.FixedFlagsIndex + 1,
                        Options.TidyArgs.end());
  std::vector<std::string> Unknown;
  for (const std::string &File : Selected) {
    std::vector<std::string> Command = FixedCommand;
    if (!Cmd.HasFixedFlags) {
      std::vector<clang::tooling::CompileCommand> Commands = commandsOf(File);
      if (Commands.empty())
        continue;
      Command = Commands.front().CommandLine;
    }
    for (std::string &Flag : unknownFlags(Command))
      if (!llvm::is_contained(Unknown, Flag))
        Unknown.push_back(std::move(Flag));
    if (std::optional<std::string> Standard =
            standardWithoutCoroutines(Command))
      llvm::WithColor::note(llvm::errs(), "corolint")
          << "'" << Sources.displayPath(File) << "' is compiled as "
          << *Standard << ", without C++20 coroutines: its coroutines are "
          << "not analysed (compile it with -std=c++20 or later)\n";
  }
  for (const std::string &Flag : Unknown) {
    if (!corolint::compat::HasRemovedArg) {
      llvm::WithColor::note(llvm::errs(), "corolint")
          << "'" << Flag << "' is not known to clang (it is GCC's, or another "
          << "compiler's): the files compiled with it fail to compile; "
          << "clang-tidy " << LLVM_VERSION_MAJOR << " cannot leave it out "
          << "(corolint built against LLVM 22 does)\n";
      continue;
    }
    llvm::WithColor::note(llvm::errs(), "corolint")
        << "'" << Flag << "' is left out of the compile commands: clang does "
        << "not know it (it is GCC's, or another compiler's)\n";
    Leading.push_back("--removed-arg=" + Flag);
  }
}

void Analysis::analyse() {
  std::vector<FileResult *> Everything;
  for (FileResult &Result : Results)
    Everything.push_back(&Result);
  runCached(Everything, GivenFacts.has_value());
  std::optional<llvm::StringRef> KeptPath;
  if (FactsPath)
    KeptPath = *FactsPath;
  clang::tidy::coro::ProgramFacts Facts;
  std::vector<FileResult *> Again = resolveProgramFacts(
      Results, Kept, GivenFacts, WorkerFactsPath, KeptPath,
      [this](const std::string &File) { return factsContext(File); }, Facts);
  if (!Again.empty())
    runCached(Again, /*WithFacts=*/true);
  for (FileResult &Result : Results) {
    llvm::sys::fs::remove(Result.UnitFactsPath);
    Counts.FromCache += Result.FromCache;
  }
  llvm::sys::fs::remove(WorkerFactsPath);
  if (Cache)
    Cache->trim();
}

void Analysis::rankFindings(llvm::StringRef File,
                            std::vector<Finding> &Findings) const {
  if (Findings.empty())
    return;
  // As the checks read it: from the configuration of the file analysed
  // (its value is checked there; an invalid one was reported).
  clang::tidy::ClangTidyOptions Configured = configuredOptions(Cmd, File);
  for (Finding &F : Findings)
    for (const auto &Check : clang::tidy::coro::CheckSummaries) {
      if (F.Check != Check.Name)
        continue;
      auto Set = Configured.CheckOptions.find(F.Check + ".Severity");
      std::optional<clang::tidy::coro::Severity> Given =
          Set == Configured.CheckOptions.end()
              ? std::nullopt
              : clang::tidy::coro::parseSeverity(Set->getValue().Value);
      F.Severity =
          clang::tidy::coro::severityName(Given.value_or(Check.DefaultSeverity))
              .str();
    }
}

int Analysis::collect() {
  for (FileResult &Result : Results)
    if (Result.Result && Result.Result->State == WorkerResult::Status::Error &&
        Result.Result->Reason == "its configuration disables every coro check")
      return usageError("no checks enabled for '" +
                        Sources.displayPath(Result.File) +
                        "': its configuration disables every coro check");
  bool Profiling = llvm::any_of(Options.TidyArgs, [](llvm::StringRef Arg) {
    return Arg.ltrim('-') == "enable-check-profile";
  });
  for (FileResult &Result : Results) {
    std::string Display = Sources.displayPath(Result.File);
    if (!Result.Result && Result.TimedOut) {
      llvm::WithColor::error(llvm::errs(), "corolint")
          << "'" << Display << "' was not analysed: " << Result.ReadError
          << "\n";
      ++Counts.NotAnalysed;
      continue;
    }
    if (!Result.Result) {
      llvm::WithColor::error(llvm::errs(), "corolint")
          << "the analysis of '" << Display << "' crashed ("
          << (Result.ReadError.empty() || Result.ExitCode > 0
                  ? "exit code " + std::to_string(Result.ExitCode)
                  : Result.ReadError)
          << ")\n"
          << Result.ErrorOutput;
      // Never a compile error: --allow-compile-errors does not forgive
      // a unit whose findings were lost.
      ++Counts.NotAnalysed;
      continue;
    }
    WorkerResult &Unit = *Result.Result;
    switch (Unit.State) {
    case WorkerResult::Status::Analysed:
      break;
    case WorkerResult::Status::FailedToCompile:
      ++Counts.FailedFiles;
      break;
    case WorkerResult::Status::Skipped:
    case WorkerResult::Status::Error:
      // Never counted clean: a file that was not analysed fails the run.
      llvm::WithColor::error(llvm::errs(), "corolint")
          << "'" << Display << "' was not analysed: " << Unit.Reason << "\n";
      ++Counts.NotAnalysed;
      break;
    }
    // --enable-check-profile: each worker's table, under its file's name.
    if (Profiling && !Unit.Profile.empty())
      llvm::errs() << "corolint: check profile of '" << Display << "':\n"
                   << Unit.Profile;
    Hashes.add(Unit);
    rankFindings(Result.File, Unit.Findings);
    for (Finding &F : Unit.Findings)
      All.push_back(std::move(F));
  }
  normalizeFindings(All, Sources);
  if (Options.ExportFixes)
    mergeExportedFixes(Results, *Options.ExportFixes);
  return ExitClean;
}

void Analysis::removeWorkerFiles() {
  for (FileResult &Result : Results) {
    llvm::sys::fs::remove(Result.ResultPath);
    llvm::sys::fs::remove(Result.exportPath());
    if (!Result.OwnDatabase.empty()) {
      llvm::SmallString<256> Json(Result.OwnDatabase);
      llvm::sys::path::append(Json, "compile_commands.json");
      llvm::sys::fs::remove(Json);
      llvm::sys::fs::remove(Result.OwnDatabase);
    }
  }
}

} // namespace corolint
