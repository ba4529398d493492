//===--- Worker.cpp - corolint analysing one translation unit -------------===//

#include "Worker.h"
#include "Preflight.h"
#include "CoroutineCheck.h"
#include "Files.h"
#include "ProgramFacts.h"
#include "WorkerResult.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/GlobList.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "clang/Basic/DiagnosticFrontend.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Lex/Lexer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
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

/// Which fix --fix applies (clang-tidy's FixBehaviour).
enum class FixMode { None, Fix, Notes };

struct WorkerSettings {
  std::string ResultPath;
  FixMode Fixing = FixMode::None;
  bool FixErrors = false; ///< --fix-errors: units with errors are fixed too.
};

/// Like clang, which prints no source line longer than this (minified or
/// generated code), corolint keeps no snippet of such lines.
constexpr size_t MaxLineLengthToPrint = 4096;

/// A line's text with runs of blanks folded, so re-indenting keeps it.
std::string normalizedLine(llvm::StringRef Line) {
  std::string Result;
  bool Blank = false;
  for (char C : Line.trim()) {
    bool IsBlank = C == ' ' || C == '\t';
    if (IsBlank && Blank)
      continue;
    Result += IsBlank ? ' ' : C;
    Blank = IsBlank;
  }
  return Result;
}

/// The 1-based column in UTF-16 code units of the bytes \p Before a
/// position on its line.
unsigned utf16Column(llvm::StringRef Before) {
  unsigned Units = 0;
  for (unsigned char C : Before) {
    if ((C & 0xC0) == 0x80)
      continue; // A continuation byte.
    Units += C >= 0xF0 ? 2 : 1; // Four-byte sequences are surrogate pairs.
  }
  return Units + 1;
}

std::string absolutePath(llvm::StringRef Path, llvm::StringRef BuildDirectory) {
  llvm::SmallString<256> Result(Path);
  if (!llvm::sys::path::is_absolute(Result) && !BuildDirectory.empty()) {
    Result = BuildDirectory;
    llvm::sys::path::append(Result, Path);
  }
  llvm::sys::fs::make_absolute(Result);
  llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

/// Renders diagnostics as clang-tidy's ErrorReporter prints them (a fresh
/// SourceManager over the files, clang's TextDiagnosticPrinter, `%0 [%1]`,
/// the FIX-IT notes of --fix), one diagnostic at a time, and places them.
class ClangTidyStyleRenderer {
public:
  ClangTidyStyleRenderer(bool ShowColors, FixMode Fixing)
      : Files(clang::FileSystemOptions()), Stream(Out),
        Printer(new clang::TextDiagnosticPrinter(Stream, DiagOpts)),
        Diags(llvm::makeIntrusiveRefCnt<clang::DiagnosticIDs>(), DiagOpts,
              Printer),
        SourceMgr(Diags, Files), Fixing(Fixing) {
    DiagOpts.ShowColors = ShowColors;
    Stream.enable_colors(ShowColors);
    Printer->BeginSourceFile(LangOpts, /*PP=*/nullptr);
  }

  std::string render(const Diagnostic &D) {
    Out.clear();
    reportDiagnostic(D);
    Stream.flush();
    return Out;
  }

  /// Where \p Offset of \p FilePath is, with the end of the token there (or
  /// of \p Ranges' range starting there) and the line's text.
  Place place(llvm::StringRef FilePath, unsigned Offset,
              llvm::StringRef BuildDirectory,
              llvm::ArrayRef<clang::tooling::FileByteRange> Ranges = {}) {
    Place Where;
    Where.Begin = locate(FilePath, Offset, BuildDirectory);
    Where.End = Where.Begin;
    clang::SourceLocation Loc = getLocation(Where.Begin.File, Offset);
    if (Loc.isInvalid())
      return Where;
    unsigned Length = 0;
    for (const clang::tooling::FileByteRange &Range : Ranges)
      if (Range.FileOffset == Offset &&
          absolutePath(Range.FilePath, BuildDirectory) == Where.Begin.File)
        Length = Range.Length;
    if (Length == 0)
      Length = clang::Lexer::MeasureTokenLength(Loc, SourceMgr, LangOpts);
    Where.End = locate(FilePath, Offset + std::max(Length, 1u), BuildDirectory);
    const LineFacts &Line = lineFacts(SourceMgr.getFileID(Loc), Offset);
    if (Line.End - Line.Start <= MaxLineLengthToPrint)
      Where.LineText = Line.Text.str();
    Where.LineKey = Line.Key;
    return Where;
  }

  Location locate(llvm::StringRef FilePath, unsigned Offset,
                  llvm::StringRef BuildDirectory) {
    Location Loc;
    if (FilePath.empty())
      return Loc;
    Loc.File = absolutePath(FilePath, BuildDirectory);
    Loc.Offset = Offset;
    clang::SourceLocation At = getLocation(Loc.File, Offset);
    if (At.isInvalid())
      return Loc;
    clang::FileID File = SourceMgr.getFileID(At);
    const LineFacts &Line = lineFacts(File, Offset);
    unsigned Clamped = std::min(Offset, Line.End);
    Loc.Line = Line.Number;
    Loc.Column = Clamped - Line.Start + 1;
    Loc.Utf16Column = Line.utf16Column(Clamped);
    return Loc;
  }

  /// The contents the offsets refer to, for the fix's content check.
  std::optional<llvm::StringRef> contents(llvm::StringRef File) {
    clang::SourceLocation Loc = getLocation(File, 0);
    if (Loc.isInvalid())
      return std::nullopt;
    return SourceMgr.getBufferData(SourceMgr.getFileID(Loc));
  }

private:
  /// What is known of a line: computed once, so that many findings on one
  /// long line (minified or generated code) cost one pass over it, not one
  /// each.
  struct LineFacts {
    unsigned Number = 0;
    unsigned Start = 0; ///< Offsets in the file.
    unsigned End = 0;   ///< Before the end of line.
    llvm::StringRef Text;
    std::string Key; ///< The folded text, or its hash for long lines.
    bool Ascii = true;
    /// UTF-16 code units before Start + K * Step, for non-ASCII lines.
    static constexpr unsigned Step = 256;
    std::vector<unsigned> Utf16Before;

    unsigned utf16Column(unsigned Offset) const {
      unsigned Column = Offset - Start;
      if (Ascii)
        return Column + 1;
      unsigned Checkpoint = Column / Step;
      return Utf16Before[Checkpoint] - 1 +
             corolint::utf16Column(
                 Text.slice(Checkpoint * Step, Column));
    }
  };

  const LineFacts &lineFacts(clang::FileID File, unsigned Offset) {
    llvm::StringRef Buffer = SourceMgr.getBufferData(File);
    Offset = std::min<unsigned>(Offset, Buffer.size());
    // The line table is built once per file; the column comes from it.
    unsigned Number = SourceMgr.getLineNumber(File, Offset);
    auto [Found, Inserted] =
        Lines.try_emplace(std::make_pair(File.getHashValue(), Number));
    LineFacts &Line = Found->second;
    if (!Inserted)
      return Line;
    Line.Number = Number;
    Line.Start = Offset - (SourceMgr.getColumnNumber(File, Offset) - 1);
    size_t End = Buffer.find_first_of("\r\n", Line.Start);
    Line.End = End == llvm::StringRef::npos ? Buffer.size() : End;
    Line.Text = Buffer.slice(Line.Start, Line.End);
    std::string Folded = normalizedLine(Line.Text);
    Line.Key = Line.Text.size() <= MaxLineLengthToPrint
                   ? Folded
                   : "xxh3:" + contentHash(Folded);
    Line.Ascii = llvm::all_of(Line.Text, [](char C) {
      return static_cast<unsigned char>(C) < 0x80;
    });
    if (!Line.Ascii) {
      unsigned Units = 0;
      for (size_t I = 0; I < Line.Text.size(); ++I) {
        if (I % LineFacts::Step == 0)
          Line.Utf16Before.push_back(Units + 1);
        unsigned char C = Line.Text[I];
        if ((C & 0xC0) != 0x80) // Not a continuation byte.
          Units += C >= 0xF0 ? 2 : 1;
      }
      if (Line.Text.size() % LineFacts::Step == 0)
        Line.Utf16Before.push_back(Units + 1);
    }
    return Line;
  }

  clang::SourceLocation getLocation(llvm::StringRef FilePath, unsigned Offset) {
    if (FilePath.empty())
      return {};
    auto File = Files.getOptionalFileRef(FilePath);
    if (!File)
      return {};
    clang::FileID ID = SourceMgr.getOrCreateFileID(*File, clang::SrcMgr::C_User);
    return SourceMgr.getLocForStartOfFile(ID).getLocWithOffset(Offset);
  }

  clang::CharSourceRange getRange(const clang::tooling::FileByteRange &Range,
                                  llvm::StringRef BuildDirectory) {
    clang::SourceLocation Begin =
        getLocation(absolutePath(Range.FilePath, BuildDirectory),
                    Range.FileOffset);
    return clang::CharSourceRange::getCharRange(
        Begin, Begin.getLocWithOffset(Range.Length));
  }

  void reportFix(const clang::DiagnosticBuilder &Diag,
                 const llvm::StringMap<clang::tooling::Replacements> &Fix,
                 llvm::StringRef BuildDirectory) {
    for (const auto &FileAndReplacements : Fix)
      for (const clang::tooling::Replacement &Repl :
           FileAndReplacements.second) {
        if (!Repl.isApplicable())
          continue;
        clang::tooling::FileByteRange Range;
        Range.FilePath = Repl.getFilePath().str();
        Range.FileOffset = Repl.getOffset();
        Range.Length = Repl.getLength();
        Diag << clang::FixItHint::CreateReplacement(
            getRange(Range, BuildDirectory), Repl.getReplacementText());
      }
  }

  void reportDiagnostic(const Diagnostic &D) {
    const DiagnosticMessage &Message = D.Message;
    llvm::StringRef Build = D.BuildDirectory;
    clang::SourceLocation Loc = getLocation(
        Message.FilePath.empty() ? "" : absolutePath(Message.FilePath, Build),
        Message.FileOffset);
    auto Level = static_cast<clang::DiagnosticsEngine::Level>(D.DiagLevel);
    std::string Name = D.DiagnosticName;
    // The export turns --warnings-as-errors into the error level.
    if (D.DiagLevel == Diagnostic::Error &&
        !llvm::StringRef(Name).starts_with("clang-diagnostic-"))
      Name += ",-warnings-as-errors";
    std::vector<clang::SourceLocation> FixLocations;
    {
      auto Diag =
          Diags.Report(Loc, Diags.getCustomDiagID(Level, "%0 [%1]"))
          << Message.Message << Name;
      for (const clang::tooling::FileByteRange &Range : Message.Ranges)
        Diag << getRange(Range, Build);
      if (Fixing != FixMode::None)
        if (const auto *Chosen =
                clang::tidy::getFixIt(D, Fixing == FixMode::Notes))
          for (const auto &FileAndReplacements : *Chosen)
            for (const clang::tooling::Replacement &Repl :
                 FileAndReplacements.second)
              if (Repl.isApplicable())
                FixLocations.push_back(getLocation(
                    absolutePath(Repl.getFilePath(), Build), Repl.getOffset()));
      reportFix(Diag, Message.Fix, Build);
    }
    for (clang::SourceLocation FixLoc : FixLocations)
      Diags.Report(FixLoc, clang::diag::note_fixit_applied);
    for (const DiagnosticMessage &Note : D.Notes) {
      clang::SourceLocation NoteLoc = getLocation(
          Note.FilePath.empty() ? "" : absolutePath(Note.FilePath, Build),
          Note.FileOffset);
      auto Diag = Diags.Report(NoteLoc, Diags.getCustomDiagID(
                                            clang::DiagnosticsEngine::Note, "%0"))
                  << Note.Message;
      for (const clang::tooling::FileByteRange &Range : Note.Ranges)
        Diag << getRange(Range, Build);
      reportFix(Diag, Note.Fix, Build);
    }
  }

  clang::FileManager Files;
  clang::LangOptions LangOpts;
  clang::DiagnosticOptions DiagOpts;
  std::string Out;
  llvm::raw_string_ostream Stream;
  clang::TextDiagnosticPrinter *Printer; // Owned by Diags.
  clang::DiagnosticsEngine Diags;
  clang::SourceManager SourceMgr;
  FixMode Fixing;
  std::map<std::pair<unsigned, unsigned>, LineFacts> Lines;
};

std::vector<Edit> toEdits(const llvm::StringMap<clang::tooling::Replacements> &Fix,
                          llvm::StringRef BuildDirectory,
                          ClangTidyStyleRenderer &Placer) {
  std::vector<Edit> Edits;
  for (const auto &FileFixes : Fix)
    for (const clang::tooling::Replacement &R : FileFixes.getValue()) {
      Edit E;
      E.Begin = Placer.locate(R.getFilePath(), R.getOffset(), BuildDirectory);
      E.End = Placer.locate(R.getFilePath(), R.getOffset() + R.getLength(),
                            BuildDirectory);
      E.Length = R.getLength();
      E.Text = R.getReplacementText().str();
      Edits.push_back(std::move(E));
    }
  llvm::sort(Edits, [](const Edit &A, const Edit &B) {
    return std::tie(A.Begin.File, A.Begin.Offset) <
           std::tie(B.Begin.File, B.Begin.Offset);
  });
  return Edits;
}

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

bool hasEscapeInFixIt(const Diagnostic &D) {
  auto InFix = [](const llvm::StringMap<clang::tooling::Replacements> &Fix) {
    for (const auto &FileFixes : Fix)
      for (const clang::tooling::Replacement &R : FileFixes.getValue())
        if (R.getReplacementText().contains('\x1b'))
          return true;
    return false;
  };
  return InFix(D.Message.Fix) ||
         llvm::any_of(D.Notes, [&](const DiagnosticMessage &Note) {
           return InFix(Note.Fix);
         });
}

/// Places and renders the exported diagnostics; records the hashes of the
/// files they point into, or none for a file changed since \p Started.
void describeFindings(const clang::tooling::TranslationUnitDiagnostics &Exported,
                      FixMode Fixing,
                      std::chrono::system_clock::time_point Started,
                      WorkerResult &Result) {
  // Rendered once, coloured: the plain text is the coloured one without its
  // colours (withoutColors), made where it is printed.
  ClangTidyStyleRenderer Renderer(/*ShowColors=*/true, Fixing);
  std::optional<ClangTidyStyleRenderer> PlainRenderer; // Seldom needed.
  llvm::StringSet<> Files;
  for (const Diagnostic &D : Exported.Diagnostics) {
    Finding F;
    F.Check = D.DiagnosticName;
    F.Message = D.Message.Message;
    F.IsError = D.DiagLevel == Diagnostic::Error;
    F.IsRemark = D.DiagLevel == Diagnostic::Remark;
    F.Where = Renderer.place(D.Message.FilePath, D.Message.FileOffset,
                             D.BuildDirectory, D.Message.Ranges);
    F.Fixes = toEdits(D.Message.Fix, D.BuildDirectory, Renderer);
    for (const DiagnosticMessage &N : D.Notes) {
      Note Converted;
      Converted.Message = N.Message;
      Converted.Where =
          Renderer.place(N.FilePath, N.FileOffset, D.BuildDirectory, N.Ranges);
      Converted.Fixes = toEdits(N.Fix, D.BuildDirectory, Renderer);
      F.Notes.push_back(std::move(Converted));
    }
    if (Fixing != FixMode::None)
      if (const auto *Chosen =
              clang::tidy::getFixIt(D, Fixing == FixMode::Notes)) {
        F.ChosenFix = 0;
        for (size_t I = 0; I < D.Notes.size(); ++I)
          if (Chosen == &D.Notes[I].Fix)
            F.ChosenFix = static_cast<int>(I) + 1;
      }
    F.ColorText = Renderer.render(D);
    // A fix-it's text is printed as it is: an escape character there is no
    // colour, and only a plain rendering says what clang prints.
    if (hasEscapeInFixIt(D)) {
      if (!PlainRenderer)
        PlainRenderer.emplace(/*ShowColors=*/false, Fixing);
      F.Text = PlainRenderer->render(D);
    }
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
}

/// The files the analysed unit read, recorded at the end of its main file
/// (when every file it reads is known).
std::vector<std::string> &recordedInputs() {
  static std::vector<std::string> Inputs;
  return Inputs;
}

class InputRecorder : public clang::PPCallbacks {
public:
  explicit InputRecorder(const clang::SourceManager &SM) : SM(SM) {}
  void EndOfMainFile() override {
    recordedInputs() = clang::tidy::coro::filesRead(SM);
  }

private:
  const clang::SourceManager &SM;
};

/// ToolOverrides::preprocessorHook: every check offers the preprocessor;
/// one recorder per unit.
void recordInputsOf(const clang::SourceManager &SM, clang::Preprocessor &PP) {
  static const clang::Preprocessor *Recorded = nullptr;
  if (Recorded == &PP)
    return;
  Recorded = &PP;
  PP.addPPCallbacks(std::make_unique<InputRecorder>(SM));
}

/// Collects, after preprocessing, every file the unit read.
class ListInputsAction : public clang::PreprocessOnlyAction {
public:
  explicit ListInputsAction(std::vector<std::string> &Inputs)
      : Inputs(Inputs) {}
  void EndSourceFileAction() override {
    Inputs = clang::tidy::coro::filesRead(
        getCompilerInstance().getSourceManager());
    clang::PreprocessOnlyAction::EndSourceFileAction();
  }

private:
  std::vector<std::string> &Inputs;
};

class ListInputsFactory : public clang::tooling::FrontendActionFactory {
public:
  explicit ListInputsFactory(std::vector<std::string> &Inputs)
      : Inputs(Inputs) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<ListInputsAction>(Inputs);
  }

private:
  std::vector<std::string> &Inputs;
};

/// --corolint-scan-inputs: preprocesses the file with its compile command
/// (as clang-tidy would find it) and writes the files it reads.
int scanInputs(llvm::ArrayRef<const char *> Args, llvm::StringRef Output) {
  CommandLine Cmd = parseCommandLine(Args);
  if (Cmd.Sources.empty())
    return 2;
  std::string File = absolutePath(Cmd.Sources.front(), "");
  std::string Error;
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  if (Cmd.HasFixedFlags) {
    int Argc = static_cast<int>(Args.size() - Cmd.FixedFlagsIndex);
    Database = clang::tooling::FixedCompilationDatabase::loadFromCommandLine(
        Argc, Args.data() + Cmd.FixedFlagsIndex, Error);
  } else if (Cmd.BuildPath) {
    Database = clang::tooling::CompilationDatabase::autoDetectFromDirectory(
        *Cmd.BuildPath, Error);
  } else {
    Database =
        clang::tooling::CompilationDatabase::autoDetectFromSource(File, Error);
  }
  if (!Database)
    return 2;
  std::vector<std::string> Inputs;
  clang::tooling::ClangTool Tool(*Database, {File});
  clang::IgnoringDiagConsumer Quiet;
  Tool.setDiagnosticConsumer(&Quiet);
  ListInputsFactory Factory(Inputs);
  Tool.run(&Factory);
  std::error_code EC;
  llvm::raw_fd_ostream OS(Output, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return 2;
  for (const std::string &Input : Inputs)
    OS << Input << "\n";
  return 0;
}

/// The files the unit read with their hashes, for the result cache; none
/// when one changed while the unit was analysed.
void recordInputs(std::chrono::system_clock::time_point Started,
                  WorkerResult &Result) {
  for (const std::string &File : recordedInputs()) {
    llvm::sys::fs::file_status Status;
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (llvm::sys::fs::status(File, Status) || !Buffer ||
        Status.getLastModificationTime() > Started) {
      Result.Inputs.clear();
      return;
    }
    Result.Inputs.emplace_back(File, contentHash((*Buffer)->getBuffer()));
  }
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
    } else if (Arg == RecordInputsFlag)
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
  if (std::optional<std::string> Why = missingCommand(Cmd, File)) {
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
  std::string Export = "--export-fixes=" + ExportPath;
  Args.insert(Args.begin() + 1, Export.c_str());
  auto Started = std::chrono::system_clock::now();
  std::string Log;
  int Code = withStderrTo(Settings.ResultPath + ".log", Log,
                          [&] { return runClangTidy(Args); });
  if (size_t Table = Log.find("===---"); Table != std::string::npos)
    Result.Profile = Log.substr(Table);

  clang::tooling::TranslationUnitDiagnostics Exported;
  if (auto Buffer = llvm::MemoryBuffer::getFile(ExportPath)) {
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
  describeFindings(Exported,
                   FixesAllowed ? Settings.Fixing : FixMode::None,
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
