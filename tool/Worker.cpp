//===--- Worker.cpp - corolint analysing one translation unit -------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Worker.h"
#include "Arguments.h"
#include "CoroutineCheck.h"
#include "Files.h"
#include "Fixes.h"
#include "LLVMCompat.h"
#include "Preflight.h"
#include "ProgramFacts.h"
#include "Rendering.h"
#include "WorkerInputs.h"
#include "WorkerResult.h"
#include "clang-tidy/GlobList.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>
#ifdef __linux__
#include <csignal>
#include <sys/prctl.h>
#endif

namespace corolint {

namespace {

using clang::tooling::Diagnostic;
using clang::tooling::DiagnosticMessage;

struct WorkerSettings {
  std::string ResultPath;
  FixMode Fixing = FixMode::None;
  bool FixErrors = false;   ///< --fix-errors: units with errors are fixed too.
  bool HasCommand = false;  ///< HasCommandFlag.
  bool ExportFixes = false; ///< ExportFixesFlag.
};

/// Why clang-tidy would skip \p File: no command for it in the database it
/// would use (clang-tidy says so on stderr and exits 0).
std::optional<std::string> missingCommand(const CommandLine &Cmd,
                                          llvm::StringRef File) {
  if (Cmd.HasFixedFlags)
    return std::nullopt;
  std::string Error;
  std::unique_ptr<clang::tooling::CompilationDatabase> Database =
      Cmd.BuildPath
          ? clang::tooling::CompilationDatabase::autoDetectFromDirectory(
                *Cmd.BuildPath, Error)
          : clang::tooling::CompilationDatabase::autoDetectFromSource(File,
                                                                      Error);
  // Without a database clang-tidy runs without flags: not skipped.
  if (!Database)
    return std::nullopt;
  if (!Database->getCompileCommands(absolutePath(File, "")).empty())
    return std::nullopt;
  return std::string("no compile command for it in the compilation database");
}

/// True when no registered check is enabled by \p Checks.
bool enablesNoCheck(llvm::StringRef Checks) {
  clang::tidy::GlobList Enabled(Checks);
  return llvm::none_of(registeredCheckNames(), [&](const std::string &Name) {
    return Enabled.contains(Name);
  });
}

/// Runs \p Run with stderr going to \p LogPath (a crash's stack dump
/// included), and returns what it wrote.
template <typename Callable>
int withStderrTo(const std::string &LogPath, std::string &Log, Callable Run) {
  llvm::errs().flush();
  int Saved = ::dup(2);
  int LogFD = ::open(LogPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (LogFD >= 0) {
    ::dup2(LogFD, 2);
    ::close(LogFD);
  }
  int Code = Run();
  llvm::errs().flush();
  if (Saved >= 0) {
    ::dup2(Saved, 2);
    ::close(Saved);
  }
  if (auto Buffer = llvm::MemoryBuffer::getFile(LogPath))
    Log = (*Buffer)->getBuffer().str();
  llvm::sys::fs::remove(LogPath);
  return Code;
}

bool isCompileError(const Diagnostic &D) {
  return D.DiagLevel == Diagnostic::Error &&
         llvm::StringRef(D.DiagnosticName).starts_with("clang-diagnostic-");
}

int writeResult(const WorkerSettings &Settings, const WorkerResult &Result) {
  if (llvm::Error Error = writeWorkerResultFile(Settings.ResultPath, Result)) {
    llvm::WithColor::error(llvm::errs(), "corolint")
        << llvm::toString(std::move(Error)) << "\n";
    return 2;
  }
  return 0;
}

/// Places and renders the exported diagnostics; records the hashes of the
/// files they point into, or none for a file changed since \p Started.
void describeFindings(clang::tooling::TranslationUnitDiagnostics &Exported,
                      FixMode Fixing,
                      std::chrono::system_clock::time_point Started,
                      WorkerResult &Result) {
  FindingRenderer Renderer(Fixing);
  llvm::StringSet<> Files;
  for (Diagnostic &D : Exported.Diagnostics) {
    dropCutFixes(D);
    Finding F = Renderer.describe(D);
    Files.insert(F.loc().File);
    for (const Note &N : F.Notes)
      Files.insert(N.Where.Begin.File);
    for (const Edit &E : F.Fixes)
      Files.insert(E.Begin.File);
    for (const Note &N : F.Notes)
      for (const Edit &E : N.Fixes)
        Files.insert(E.Begin.File);
    Result.Findings.push_back(std::move(F));
  }
  for (const auto &Entry : Files) {
    llvm::StringRef File = Entry.getKey();
    if (File.empty())
      continue;
    llvm::sys::fs::file_status Status;
    bool Changed = llvm::sys::fs::status(File, Status) ||
                   Status.getLastModificationTime() > Started;
    std::optional<llvm::StringRef> Contents = Renderer.contents(File);
    Result.FileHashes[File.str()] =
        Changed || !Contents ? std::string() : contentHash(*Contents);
  }
}

/// The diagnostics clang-tidy's driver exported to \p Path; none when it
/// wrote no file (it writes one only when there are diagnostics).
llvm::Expected<clang::tooling::TranslationUnitDiagnostics>
readExport(llvm::StringRef Path) {
  clang::tooling::TranslationUnitDiagnostics Exported;
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return Exported;
  llvm::yaml::Input Input((*Buffer)->getBuffer());
  Input >> Exported;
  if (Input.error())
    return llvm::createStringError(
        Input.error(), "clang-tidy's exported diagnostics are unreadable");
  return Exported;
}

} // namespace

int runClangTidy(std::vector<const char *> Args, const CommandLine &Cmd) {
  // The configurations that apply are those of the unit's source.
  std::string File = Cmd.Sources.empty() ? "dummy" : Cmd.Sources.front();
  std::string DefaultChecks;
  if (!Cmd.Checks) {
    DefaultChecks = "--checks=" + defaultChecksFor(Cmd, File);
    Args.insert(Args.begin() + 1, DefaultChecks.c_str());
  }
  // clang-tidy 22 shows the findings in every non-system header by default
  // (--header-filter='.*'); corolint does so whatever clang-tidy it is
  // built on, unless the user or a configuration sets a filter.
  static const char EveryHeader[] = "--header-filter=.*";
  if (corolint::compat::DefaultHeaderFilterIsEmpty &&
      headerFilterUnset(Cmd, File))
    Args.insert(Args.begin() + 1, EveryHeader);
  // clang-tidy defines __clang_analyzer__ for its static analyzer checks,
  // which corolint does not run, and libraries hide code from the analyzer
  // with it (stdexec's exec/task.hpp): parse as the compiler does. The
  // user's own --extra-arg flags come later and win.
  static const char ParseAsCompiler[] = "--extra-arg=-U__clang_analyzer__";
  Args.insert(Args.begin() + 1, ParseAsCompiler);
  return clang::tidy::clangTidyMain(static_cast<int>(Args.size()), Args.data());
}

int runWorker(std::vector<const char *> Args) {
#ifdef __linux__
  // A worker dies with its orchestrator, however that ends.
  prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
  WorkerSettings Settings;
  while (Args.size() > 1) {
    llvm::StringRef Arg = Args[1];
    if (Arg.consume_front(ResultFlag))
      Settings.ResultPath = Arg.str();
    else if (Arg.consume_front(UnitFactsFlag))
      clang::tidy::coro::ToolFactsSettings::unitFactsOutput() = Arg.str();
    else if (Arg.consume_front(ProgramFactsFlag))
      clang::tidy::coro::ToolFactsSettings::programFactsInput() = Arg.str();
    else if (Arg.consume_front(ScanInputsFlag)) {
      std::string Output = Arg.str();
      Args.erase(Args.begin() + 1);
      return scanInputs(Args, Output);
    } else if (Arg == HasCommandFlag)
      Settings.HasCommand = true;
    else if (Arg == ExportFixesFlag)
      Settings.ExportFixes = true;
    else if (Arg == RecordInputsFlag)
      recordInputsOfUnit();
    else if (Arg.consume_front(ExplainFlag))
      clang::tidy::coro::ToolOverrides::explainTaskTypes() = Arg.str();
    else if (Arg.consume_front(FixModeFlag)) {
      Settings.Fixing = Arg.contains("notes") ? FixMode::Notes : FixMode::Fix;
      Settings.FixErrors = Arg.contains("errors");
    } else
      break;
    Args.erase(Args.begin() + 1);
  }
  clang::tidy::coro::ToolOverrides::preprocessorHook() = watchUnit;
  CommandLine Cmd = parseTidyArguments(Args);
  std::string File = Cmd.Sources.empty() ? "" : Cmd.Sources.front();
  WorkerResult Result;
  if (std::optional<std::string> Why =
          Settings.HasCommand ? std::nullopt : missingCommand(Cmd, File)) {
    Result.State = WorkerResult::Status::Skipped;
    Result.Reason = *Why;
    return writeResult(Settings, Result);
  }
  if (!Cmd.Checks && enablesNoCheck(defaultChecksFor(Cmd, File))) {
    Result.State = WorkerResult::Status::Error;
    Result.Reason = "its configuration disables every coro check";
    return writeResult(Settings, Result);
  }

  std::string ExportPath = Settings.ResultPath + ".yaml";
  llvm::sys::fs::remove(ExportPath);
  // Last among the options (before `--`): the last occurrence counts.
  std::string Export = "--export-fixes=" + ExportPath;
  Args.insert(
      llvm::find_if(
          Args, [](const char *Arg) { return llvm::StringRef(Arg) == "--"; }),
      Export.c_str());
  auto Started = std::chrono::system_clock::now();
  std::string Log;
  int Code = withStderrTo(Settings.ResultPath + ".log", Log,
                          [&] { return runClangTidy(Args, Cmd); });
  if (size_t Table = Log.find("===---"); Table != std::string::npos)
    Result.Profile = Log.substr(Table);

  llvm::Expected<clang::tooling::TranslationUnitDiagnostics> Read =
      readExport(ExportPath);
  if (!Read) {
    Result.State = WorkerResult::Status::Error;
    Result.Reason = llvm::toString(Read.takeError());
    return writeResult(Settings, Result);
  }
  clang::tooling::TranslationUnitDiagnostics &Exported = *Read;
  // Read back: the orchestrator merges the units' exports itself.
  if (!Settings.ExportFixes)
    llvm::sys::fs::remove(ExportPath);
  bool CompileErrors = llvm::any_of(Exported.Diagnostics, isCompileError);
  // As clang-tidy: --fix leaves a unit with compile errors alone.
  bool FixesAllowed = !CompileErrors || Settings.FixErrors;
  describeFindings(Exported, FixesAllowed ? Settings.Fixing : FixMode::None,
                   Started, Result);
  recordInputs(Started, Result);
  if (CompileErrors) {
    Result.State = WorkerResult::Status::FailedToCompile;
  } else if (Code != 0 && Exported.Diagnostics.empty()) {
    // clang-tidy stopped before analysing (its reason is on its stderr).
    Result.State = WorkerResult::Status::Error;
    llvm::StringRef Last = llvm::StringRef(Log).rtrim();
    Last = Last.substr(Last.rfind('\n') + 1);
    Result.Reason = Last.empty() ? "clang-tidy's driver exited with code " +
                                       std::to_string(Code)
                                 : Last.str();
  } else {
    Result.State = WorkerResult::Status::Analysed;
  }
  return writeResult(Settings, Result);
}

} // namespace corolint
