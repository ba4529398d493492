//===--- Worker.cpp - corolint analysing one translation unit -------------===//

#include "Worker.h"
#include "CoroutineCheck.h"
#include "Files.h"
#include "Preflight.h"
#include "ProgramFacts.h"
#include "Rendering.h"
#include "WorkerInputs.h"
#include "WorkerResult.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/GlobList.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <cstdio>
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
  bool FixErrors = false; ///< --fix-errors: units with errors are fixed too.
  bool PendingFindings = false; ///< PendingFindingsFlag.
  bool HasCommand = false;      ///< HasCommandFlag.
  bool ExportFixes = false;     ///< ExportFixesFlag.
};

/// Why clang-tidy would skip \p File: no command for it in the database it
/// would use (clang-tidy says so on stderr and exits 0).
std::optional<std::string> missingCommand(const CommandLine &Cmd,
                                          llvm::StringRef File) {
  if (Cmd.HasFixedFlags)
    return std::nullopt;
  std::string Error;
  std::unique_ptr<clang::tooling::CompilationDatabase> Database =
      Cmd.BuildPath ? clang::tooling::CompilationDatabase::
                          autoDetectFromDirectory(*Cmd.BuildPath, Error)
                    : clang::tooling::CompilationDatabase::autoDetectFromSource(
                          File, Error);
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

/// Runs \p Run with stdout going to a file without a name (gone with the
/// process, however it ends) and returns its code; \p Output is what it
/// wrote, or empty when it could not all be kept.
template <typename Callable>
int withStdoutCaptured(std::string &Output, Callable Run) {
  llvm::outs().flush();
  std::FILE *Capture = std::tmpfile();
  int Saved = Capture ? ::dup(1) : -1;
  if (Saved < 0 || ::dup2(::fileno(Capture), 1) < 0) {
    if (Saved >= 0)
      ::close(Saved);
    if (Capture)
      std::fclose(Capture);
    return Run();
  }
  int Code = Run();
  llvm::outs().flush();
  // A full disk: bytes were dropped, and a text cut short is no text.
  bool Complete = !llvm::outs().has_error();
  llvm::outs().clear_error();
  ::dup2(Saved, 1);
  ::close(Saved);
  std::rewind(Capture);
  char Buffer[65536];
  while (size_t Read = std::fread(Buffer, 1, sizeof(Buffer), Capture))
    Output.append(Buffer, Read);
  if (!Complete || std::ferror(Capture))
    Output.clear();
  std::fclose(Capture);
  return Code;
}

/// Makes the worker's clang-tidy print its findings in colour, whatever
/// the user chose for corolint's own output, so that their texts are cut
/// from what it printed (FindingRenderer::cutPrintedTexts): the user's
/// --use-color is replaced. False, and \p Args left alone, when what it
/// prints might not be what the worker renders: a response file (it might
/// say --use-color too, which clang-tidy refuses twice), a virtual file
/// system (the driver reads sources through it, the worker from disk).
bool printInColors(std::vector<const char *> &Args) {
  std::vector<const char *> Kept = {Args.front()};
  size_t I = 1;
  for (; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    if (Arg == "--")
      break;
    if (Arg.starts_with("@"))
      return false;
    if (!Arg.starts_with("-")) {
      Kept.push_back(Args[I]);
      continue;
    }
    auto [Name, Value] = Arg.ltrim('-').split('=');
    if (Name == "vfsoverlay")
      return false;
    if (Name == "use-color")
      continue;
    Kept.push_back(Args[I]);
    if (!Arg.contains('=') && takesValue(Name) && I + 1 < Args.size())
      Kept.push_back(Args[++I]);
  }
  Kept.insert(Kept.end(), Args.begin() + I, Args.end());
  static const char UseColor[] = "--use-color";
  Kept.insert(Kept.begin() + 1, UseColor);
  Args = std::move(Kept);
  return true;
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
    llvm::WithColor::error(llvm::errs(), "corolint") << llvm::toString(std::move(Error))
                 << "\n";
    return 2;
  }
  return 0;
}

/// A pending finding as clang-tidy exported it: its words wait for the
/// program's facts; \p Position is where clang-tidy's order puts it.
PendingFinding pendingFinding(const Diagnostic &D, llvm::StringRef Payload,
                              size_t Position) {
  PendingFinding Pending;
  Pending.Position = Position;
  Pending.Check = D.DiagnosticName;
  Pending.IsError = D.DiagLevel == Diagnostic::Error;
  Pending.File = D.Message.FilePath;
  Pending.Offset = D.Message.FileOffset;
  Pending.Ranges = D.Message.Ranges;
  Pending.BuildDirectory = D.BuildDirectory;
  Pending.Payload = Payload.str();
  return Pending;
}

/// Places the exported diagnostics, with the texts clang-tidy's driver
/// printed for them in colour (\p Printed, empty when it printed without
/// colours) or rendered here, and sets the pending ones aside for the
/// orchestrator; records the hashes of the files they point into, or none
/// for a file changed since \p Started. False when a pending finding's
/// description is missing.
bool describeFindings(
    const clang::tooling::TranslationUnitDiagnostics &Exported, FixMode Fixing,
    llvm::StringRef Printed, std::chrono::system_clock::time_point Started,
    llvm::ArrayRef<llvm::StringRef> PendingPayloads, WorkerResult &Result) {
  FindingRenderer Renderer(Fixing);
  std::optional<std::vector<llvm::StringRef>> Texts;
  if (!Printed.empty())
    Texts = Renderer.cutPrintedTexts(Printed, Exported.Diagnostics);
  llvm::StringSet<> Files;
  for (size_t I = 0; I < Exported.Diagnostics.size(); ++I) {
    const Diagnostic &D = Exported.Diagnostics[I];
    llvm::StringRef Message = D.Message.Message;
    if (isPendingMarker(D)) {
      Message.consume_front(clang::tidy::coro::PendingFindingPrefix);
      size_t Line = 0;
      if (Message.getAsInteger(10, Line) || Line >= PendingPayloads.size())
        return false;
      Result.Pending.push_back(
          pendingFinding(D, PendingPayloads[Line], Result.Findings.size()));
      continue;
    }
    Finding F = Renderer.describe(
        D, Texts ? std::optional<llvm::StringRef>((*Texts)[I]) : std::nullopt);
    Files.insert(F.loc().File);
    for (const Note &N : F.Notes)
      Files.insert(N.Where.Begin.File);
    for (const std::vector<Edit> *Edits : {&F.Fixes})
      for (const Edit &E : *Edits)
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
  return true;
}

/// The diagnostics clang-tidy's driver exported in this process, as it
/// exported them (see __wrap_ below); none before it does.
std::optional<clang::tooling::TranslationUnitDiagnostics> &driverExport() {
  static std::optional<clang::tooling::TranslationUnitDiagnostics> Exported;
  return Exported;
}

/// Whether the driver's export is also written to its file (see __wrap_
/// below): only the orchestrator's --export-fixes reads it.
bool &driverExportWritten() {
  static bool Written = true;
  return Written;
}

} // namespace

int runClangTidy(std::vector<const char *> Args) {
  std::string DefaultChecks;
  CommandLine Cmd = parseCommandLine(Args);
  if (!Cmd.Checks) {
    std::string File = Cmd.Sources.empty() ? "dummy" : Cmd.Sources.front();
    DefaultChecks = "--checks=" + defaultChecksFor(Cmd, File);
    Args.insert(Args.begin() + 1, DefaultChecks.c_str());
  }
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
    } else if (Arg == PendingFindingsFlag)
      Settings.PendingFindings = true;
    else if (Arg == HasCommandFlag)
      Settings.HasCommand = true;
    else if (Arg == ExportFixesFlag)
      Settings.ExportFixes = true;
    else if (Arg == RecordInputsFlag)
      clang::tidy::coro::ToolOverrides::preprocessorHook() = recordInputsOf;
    else if (Arg.consume_front(ExplainFlag))
      clang::tidy::coro::ToolOverrides::explainTaskTypes() = Arg.str();
    else if (Arg.consume_front(FixModeFlag)) {
      Settings.Fixing = Arg.contains("notes") ? FixMode::Notes : FixMode::Fix;
      Settings.FixErrors = Arg.contains("errors");
    }
    else
      break;
    Args.erase(Args.begin() + 1);
  }
  // Without a result file (--list-checks, a preflight of the arguments):
  // plain clang-tidy.
  if (Settings.ResultPath.empty())
    return runClangTidy(Args);

  CommandLine Cmd = parseCommandLine(Args);
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
  driverExport().reset();
  // For tests only: read the file, as when the driver's export is not
  // wrapped (test/tool/driver-export.test).
  bool ReadsExportedFile = std::getenv("COROLINT_TEST_READ_EXPORTED_FILE");
  driverExportWritten() = Settings.ExportFixes || ReadsExportedFile;
  std::string &PendingPath =
      clang::tidy::coro::ToolFactsSettings::pendingFindingsOutput();
  if (Settings.PendingFindings) {
    PendingPath = Settings.ResultPath + PendingFindingsSuffix.str();
    llvm::sys::fs::remove(PendingPath);
  }
  std::string Export = "--export-fixes=" + ExportPath;
  Args.insert(Args.begin() + 1, Export.c_str());
  bool InColors = printInColors(Args);
  // What it prints goes to a file: a forked worker's stdout has its colours
  // off (startWorker), and --use-color alone does not turn them on.
  if (InColors)
    llvm::outs().enable_colors(true);
  auto Started = std::chrono::system_clock::now();
  std::string Log;
  std::string Printed;
  int Code = withStderrTo(Settings.ResultPath + ".log", Log, [&] {
    return withStdoutCaptured(Printed, [&] { return runClangTidy(Args); });
  });
  if (!InColors)
    Printed.clear();
  if (size_t Table = Log.find("===---"); Table != std::string::npos)
    Result.Profile = Log.substr(Table);

  if (ReadsExportedFile)
    driverExport().reset();
  clang::tooling::TranslationUnitDiagnostics Exported;
  if (std::optional<clang::tooling::TranslationUnitDiagnostics> &Kept =
          driverExport()) {
    Exported = std::move(*Kept);
    Kept.reset();
  } else if (auto Buffer = llvm::MemoryBuffer::getFile(ExportPath)) {
    llvm::yaml::Input Input((*Buffer)->getBuffer());
    Input >> Exported;
    if (Input.error()) {
      Result.State = WorkerResult::Status::Error;
      Result.Reason = "clang-tidy's exported diagnostics are unreadable";
      return writeResult(Settings, Result);
    }
  }
  bool CompileErrors = llvm::any_of(Exported.Diagnostics, isCompileError);
  // As clang-tidy: --fix leaves a unit with compile errors alone.
  bool FixesAllowed = !CompileErrors || Settings.FixErrors;
  // What the pending findings say, one line each (PendingFindingPrefix).
  std::unique_ptr<llvm::MemoryBuffer> Pending;
  llvm::SmallVector<llvm::StringRef, 0> PendingPayloads;
  if (!PendingPath.empty())
    if (auto Buffer = llvm::MemoryBuffer::getFile(PendingPath)) {
      Pending = std::move(*Buffer);
      Pending->getBuffer().split(PendingPayloads, '\n', /*MaxSplit=*/-1,
                                 /*KeepEmpty=*/false);
      llvm::sys::fs::remove(PendingPath);
    }
  bool Described =
      describeFindings(Exported, FixesAllowed ? Settings.Fixing : FixMode::None,
                       Printed, Started, PendingPayloads, Result);
  recordInputs(Started, Result);
  if (!Described) {
    // Never a file reported clean that was not analysed to the end.
    Result.State = WorkerResult::Status::Error;
    Result.Reason = "coro-blocking-call's pending findings are missing";
  } else if (CompileErrors) {
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

// clangTidyMain hands a unit's diagnostics to clang::tidy::exportReplacements
// only to write --export-fixes; reading that YAML back cost a worker more
// than placing its findings (4 ms for 400 findings), and lost the end of a
// fix-it whose text is not UTF-8 (the YAML writer stops at the first
// invalid byte). The link wraps the driver's call (tool/CMakeLists.txt,
// which names the symbol, COROLINT_EXPORT_SYMBOL): the worker keeps the
// diagnostics as the driver holds them, and the file is written only for
// the user's --export-fixes (15 million instructions for 400 findings, 0.6 %
// of the parse; the driver still creates it, empty). The two
// functions are at global scope under the names the linker's --wrap gives them.
// Should the driver call another function some day, the wrapper is not called
// and the worker reads the file; should the symbol be gone, the link fails.
void realExportReplacements(
    llvm::StringRef MainFilePath,
    const std::vector<clang::tidy::ClangTidyError> &Errors,
    llvm::raw_ostream &OS) __asm__("__real_" COROLINT_EXPORT_SYMBOL);
void wrappedExportReplacements(
    llvm::StringRef MainFilePath,
    const std::vector<clang::tidy::ClangTidyError> &Errors,
    llvm::raw_ostream &OS) __asm__("__wrap_" COROLINT_EXPORT_SYMBOL);

void wrappedExportReplacements(
    llvm::StringRef MainFilePath,
    const std::vector<clang::tidy::ClangTidyError> &Errors,
    llvm::raw_ostream &OS) {
  if (corolint::driverExportWritten())
    realExportReplacements(MainFilePath, Errors, OS);
  // As the driver exports them: a warning turned into an error by
  // --warnings-as-errors is exported at the error level.
  clang::tooling::TranslationUnitDiagnostics Exported;
  Exported.MainSourceFile = MainFilePath.str();
  Exported.Diagnostics.reserve(Errors.size());
  for (const clang::tidy::ClangTidyError &Error : Errors) {
    Exported.Diagnostics.push_back(Error);
    if (Error.IsWarningAsError)
      Exported.Diagnostics.back().DiagLevel = clang::tooling::Diagnostic::Error;
  }
  corolint::driverExport() = std::move(Exported);
}

// clangTidyMain prints a unit's findings with clang::tidy::handleErrors,
// pending findings' markers included (PendingFindingPrefix): clang renders
// a snippet for each, about 27,000 instructions, for a text the worker
// drops, on every call to a function defined in another file. The link
// wraps the driver's call (tool/CMakeLists.txt, COROLINT_PRINT_SYMBOL); the
// export keeps the markers, and the orchestrator renders the findings they
// settle into. The printed findings are what clang-tidy prints without the
// markers: no line of the output depends on a diagnostic that is not in it
// (clang leaves out the source line of a diagnostic at the place of the
// one before).
void realHandleErrors(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
                      clang::tidy::ClangTidyContext &Context,
                      clang::tidy::FixBehaviour Fix,
                      unsigned &WarningsAsErrorsCount,
                      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
                          BaseFS) __asm__("__real_" COROLINT_PRINT_SYMBOL);
void wrappedHandleErrors(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
                         clang::tidy::ClangTidyContext &Context,
                         clang::tidy::FixBehaviour Fix,
                         unsigned &WarningsAsErrorsCount,
                         llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
                             BaseFS) __asm__("__wrap_" COROLINT_PRINT_SYMBOL);

void wrappedHandleErrors(
    llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
    clang::tidy::ClangTidyContext &Context, clang::tidy::FixBehaviour Fix,
    unsigned &WarningsAsErrorsCount,
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> BaseFS) {
  if (llvm::none_of(Errors, corolint::isPendingMarker)) {
    realHandleErrors(Errors, Context, Fix, WarningsAsErrorsCount,
                     std::move(BaseFS));
    return;
  }
  std::vector<clang::tidy::ClangTidyError> Findings;
  llvm::copy_if(Errors, std::back_inserter(Findings),
                [](const clang::tidy::ClangTidyError &Error) {
                  return !corolint::isPendingMarker(Error);
                });
  realHandleErrors(Findings, Context, Fix, WarningsAsErrorsCount,
                   std::move(BaseFS));
}
