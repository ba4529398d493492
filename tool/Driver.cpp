//===--- Driver.cpp - corolint runs over a codebase -----------------------===//

#include "Driver.h"
#include "Cache.h"
#include "Diff.h"
#include "Files.h"
#include "Findings.h"
#include "Preflight.h"
#include "ProgramFacts.h"
#include "Rendering.h"
#include "Reports.h"
#include "Worker.h"
#include "WorkerProcesses.h"
#include "WorkerResult.h"
#include "clang/Format/Format.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <chrono>
#include <csignal>
#include <map>
#include <set>
#include <signal.h>
#include <unistd.h>

namespace corolint {

namespace {

/// Matches `--name=value`, `-name=value`, `--name value` and `-name value`.
bool takeValue(llvm::ArrayRef<const char *> Args, size_t &I,
               llvm::StringRef Name, std::optional<std::string> &Value) {
  llvm::StringRef Arg = Args[I];
  if (!Arg.starts_with("-"))
    return false;
  llvm::StringRef Bare = Arg.ltrim('-');
  if (Bare == Name) {
    if (I + 1 < Args.size()) {
      Value = Args[++I];
      return true;
    }
    Value = "";
    return true;
  }
  if (Bare.starts_with(Name) && Bare.drop_front(Name.size()).starts_with("=")) {
    Value = Bare.drop_front(Name.size() + 1).str();
    return true;
  }
  return false;
}

bool isFlag(llvm::StringRef Arg, llvm::StringRef Name) {
  return Arg.starts_with("-") && Arg.ltrim('-') == Name;
}

std::optional<std::pair<unsigned, unsigned>> parseShard(llvm::StringRef Spec) {
  auto [K, N] = Spec.split('/');
  unsigned Index = 0, Count = 0;
  if (K.getAsInteger(10, Index) || N.getAsInteger(10, Count) || Count == 0 ||
      Index == 0 || Index > Count)
    return std::nullopt;
  return std::make_pair(Index, Count);
}

uint64_t stableHash(llvm::StringRef Text) {
  uint64_t Hash = 1469598103934665603ULL;
  for (unsigned char C : Text) {
    Hash ^= C;
    Hash *= 1099511628211ULL;
  }
  return Hash;
}

/// corolint's own binary, for keys of what it found: another build is
/// another analysis.
std::vector<std::string> binaryIdentity(llvm::StringRef Program) {
  llvm::sys::fs::file_status Binary;
  llvm::sys::fs::status(Program, Binary);
  return {COROLINT_VERSION, Program.str(), std::to_string(Binary.getSize()),
          std::to_string(
              Binary.getLastModificationTime().time_since_epoch().count())};
}

void writeTextFile(llvm::StringRef Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
  if (!EC)
    OS << Text;
}

std::string currentDirectory() {
  llvm::SmallString<256> Dir;
  llvm::sys::fs::current_path(Dir);
  return std::string(Dir);
}

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
  std::optional<WorkerResult> Result; ///< None: the worker crashed.
  bool TimedOut = false; ///< Stopped at --timeout.
  std::string ReadError;              ///< Why Result is missing.
  std::string CacheKey;               ///< With --cache-dir.
  std::vector<std::string> ScannedInputs; ///< With --diff, when scanned.
  bool ScanFailed = false;
  bool FromCache = false;

  /// clang-tidy's diagnostics, for --export-fixes.
  std::string exportPath() const { return ResultPath + ".yaml"; }
  /// The worker's stderr while clang-tidy's driver ran.
  std::string logPath() const { return ResultPath + ".log"; }
  /// What its pending findings say, until the worker has read it.
  std::string pendingPath() const {
    return ResultPath + PendingFindingsSuffix.str();
  }
};


class ProgressLine {
public:
  ProgressLine(bool Enabled, size_t Total)
      : Enabled(Enabled), Total(Total),
        Terminal(llvm::sys::Process::StandardErrIsDisplayed()) {}
  void update(size_t Done, llvm::StringRef File) {
    if (!Enabled)
      return;
    if (Terminal)
      llvm::errs() << "\r\033[K";
    llvm::errs() << "[" << Done << "/" << Total << "] " << File;
    llvm::errs() << (Terminal ? "" : "\n");
    llvm::errs().flush();
  }
  void finish() {
    if (Enabled && Terminal)
      llvm::errs() << "\r\033[K";
  }

private:
  bool Enabled;
  size_t Total;
  bool Terminal;
};

/// Temporary files the orchestrator removes when it is interrupted.
const clang::tidy::coro::TemporaryRegistry &removedOnInterrupt() {
  static const clang::tidy::coro::TemporaryRegistry Registry{
      [](llvm::StringRef Path) { removeOnInterrupt(Path); },
      [](llvm::StringRef Path) { keepOnInterrupt(Path); }};
  return Registry;
}

std::optional<std::string> makeTemporary(llvm::StringRef Suffix,
                                         std::string &Path) {
  llvm::SmallString<256> Model;
  llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, Model);
  llvm::sys::path::append(Model, "corolint-%%%%%%%%." + Suffix);
  llvm::SmallString<256> Created;
  int FD = -1;
  // Removed if the run is interrupted or crashes, and at its end.
  if (std::error_code EC = clang::tidy::coro::createRegisteredUniqueFile(
          Model, FD, Created, removedOnInterrupt(), 0600))
    return "cannot create a temporary file: " + EC.message();
  ::close(FD);
  Path = std::string(Created);
  return std::nullopt;
}

/// The arguments every worker gets: the user's clang-tidy options, without
/// the source files and the fixed compiler flags (added per file).
std::vector<std::string> sharedWorkerArgs(const RunOptions &Options,
                                          const CommandLine &Cmd) {
  std::vector<std::string> Shared;
  size_t End = Cmd.HasFixedFlags ? Cmd.FixedFlagsIndex : Options.TidyArgs.size();
  for (size_t I = 1; I < End; ++I) {
    llvm::StringRef Arg = Options.TidyArgs[I];
    // Workers never change files: the orchestrator applies the fixes.
    llvm::StringRef Name = Arg.ltrim('-');
    if (Name == "fix" || Name == "fix-errors" || Name == "fix-notes")
      continue;
    if (!llvm::is_contained(Cmd.SourceIndexes, I))
      Shared.push_back(Options.TidyArgs[I]);
  }
  return Shared;
}

/// A new folder in the temporary directory, registered for removal before
/// it exists.
std::optional<std::string> makeTemporaryFolder(llvm::SmallVectorImpl<char> &Folder) {
  std::error_code EC;
  for (int Attempt = 0; Attempt < 128; ++Attempt) {
    llvm::sys::fs::createUniquePath("corolint-db-%%%%%%%%", Folder,
                                    /*MakeAbsolute=*/true);
    llvm::StringRef Name(Folder.data(), Folder.size());
    removeFolderOnInterrupt(Name);
    EC = llvm::sys::fs::create_directory(Name, /*IgnoreExisting=*/false);
    if (!EC)
      return std::nullopt;
    keepOnInterrupt(Name);
    if (EC != std::errc::file_exists)
      break;
  }
  return "cannot create a temporary folder: " + EC.message();
}

/// \p Args with the build path (`-p DIR`, `-p=DIR`) set to \p Folder.
std::vector<std::string> withBuildPath(llvm::ArrayRef<std::string> Args,
                                       llvm::StringRef Folder) {
  std::vector<std::string> Result;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef Name = llvm::StringRef(Args[I]).ltrim('-');
    if (Name == "p" && I + 1 < Args.size()) {
      Result.push_back(Args[I]);
      Result.push_back(Folder.str());
      ++I;
    } else if (Name.starts_with("p=")) {
      Result.push_back("-p=" + Folder.str());
    } else {
      Result.push_back(Args[I]);
    }
  }
  return Result;
}

/// Writes \p Command as the only entry of \p Folder/compile_commands.json.
std::optional<std::string>
writeOneCommandDatabase(llvm::StringRef Folder,
                        const clang::tooling::CompileCommand &Command) {
  llvm::SmallString<256> Path(Folder);
  llvm::sys::path::append(Path, "compile_commands.json");
  removeOnInterrupt(Path);
  llvm::json::Array Arguments;
  for (const std::string &Arg : Command.CommandLine)
    Arguments.push_back(Arg);
  llvm::json::Value Entries = llvm::json::Array{llvm::json::Object{
      {"directory", Command.Directory},
      {"file", Command.Filename},
      {"arguments", std::move(Arguments)}}};
  if (llvm::Error Error = clang::tidy::coro::writeFileAtomically(
          Path, [&](llvm::raw_ostream &OS) { OS << Entries; }))
    return llvm::toString(std::move(Error));
  return std::nullopt;
}

/// What makes two exported diagnostics the same finding: the check, the
/// place, the words and every replacement of every fix.
std::string exportIdentity(const clang::tooling::Diagnostic &D) {
  std::string Identity;
  llvm::raw_string_ostream OS(Identity);
  auto Message = [&](const clang::tooling::DiagnosticMessage &M) {
    OS << M.FilePath << '\0' << M.FileOffset << '\0' << M.Message << '\0';
    for (const auto &[File, Replaces] : M.Fix)
      for (const clang::tooling::Replacement &R : Replaces)
        OS << File << '\0' << R.getOffset() << '\0' << R.getLength() << '\0'
           << R.getReplacementText() << '\0';
  };
  OS << D.DiagnosticName << '\0';
  Message(D.Message);
  for (const clang::tooling::DiagnosticMessage &Note : D.Notes)
    Message(Note);
  return Identity;
}

void mergeExportedFixes(const std::vector<FileResult> &Results,
                        llvm::StringRef Out) {
  clang::tooling::TranslationUnitDiagnostics Merged;
  std::set<std::string> Seen;
  for (const FileResult &Result : Results) {
    auto Buffer = llvm::MemoryBuffer::getFile(Result.exportPath());
    if (!Buffer)
      continue;
    clang::tooling::TranslationUnitDiagnostics One;
    llvm::yaml::Input Input((*Buffer)->getBuffer());
    Input >> One;
    if (Input.error())
      continue;
    if (Merged.MainSourceFile.empty())
      Merged.MainSourceFile = One.MainSourceFile;
    // A finding in a header shared by several units is exported by each;
    // clang-apply-replacements would apply its fix once per copy.
    for (clang::tooling::Diagnostic &D : One.Diagnostics)
      if (Seen.insert(exportIdentity(D)).second)
        Merged.Diagnostics.push_back(std::move(D));
  }
  std::error_code EC;
  llvm::raw_fd_ostream OS(Out, EC, llvm::sys::fs::OF_Text);
  if (EC) {
    llvm::WithColor::error(llvm::errs(), "corolint") << "cannot write '" << Out
                 << "': " << EC.message() << "\n";
    return;
  }
  llvm::yaml::Output YAML(OS);
  YAML << Merged;
}

/// Parses the arguments every worker will get with clang-tidy's own option
/// parser, in this process (clang-tidy's options are registered here too),
/// so that an unknown flag is one usage error before any file is analysed,
/// not the same error once per file.
std::optional<std::string> parseToolArguments(
    const std::vector<std::string> &Shared) {
  static llvm::cl::OptionCategory Category("corolint's check of the arguments");
  std::vector<const char *> Argv = {"corolint"};
  for (const std::string &Arg : Shared)
    Argv.push_back(Arg.c_str());
  // No compilation database is looked for: the sources come later.
  Argv.push_back("--");
  int Argc = static_cast<int>(Argv.size());
  llvm::Expected<clang::tooling::CommonOptionsParser> Parsed =
      clang::tooling::CommonOptionsParser::create(
          Argc, Argv.data(), Category, llvm::cl::ZeroOrMore);
  std::optional<std::string> Error;
  if (!Parsed) {
    std::string Full = llvm::toString(Parsed.takeError());
    llvm::StringRef Message = llvm::StringRef(Full).split('\n').first.trim();
    Message.consume_front("corolint: ");
    std::string Text = Message.str();
    if (!Text.empty())
      Text[0] = llvm::toLower(Text[0]);
    Error = Text;
  }
  llvm::cl::ResetAllOptionOccurrences();
  return Error;
}

/// The arguments as a worker parses them: in this process (see above), and
/// for --line-filter, whose YAML clang-tidy's driver reads by itself, in a
/// worker that only lists the checks.
std::optional<std::string>
checkToolArguments(llvm::StringRef Program,
                   const std::vector<std::string> &Shared) {
  if (auto Error = parseToolArguments(Shared))
    return Error;
  bool HasLineFilter = llvm::any_of(Shared, [](llvm::StringRef Arg) {
    return Arg.ltrim('-').starts_with("line-filter");
  });
  if (!HasLineFilter)
    return std::nullopt;
  std::string ErrPath;
  if (auto Error = makeTemporary("err", ErrPath))
    return Error;
  std::vector<llvm::StringRef> Args = {Program, WorkerFlag};
  for (const std::string &Arg : Shared)
    Args.push_back(Arg);
  Args.push_back("--list-checks");
  std::optional<llvm::StringRef> Redirects[] = {
      llvm::StringRef(""), llvm::StringRef("/dev/null"),
      llvm::StringRef(ErrPath)};
  int Code = llvm::sys::ExecuteAndWait(Program, Args, std::nullopt, Redirects);
  std::string Output;
  if (auto Err = llvm::MemoryBuffer::getFile(ErrPath))
    Output = (*Err)->getBuffer().str();
  llvm::sys::fs::remove(ErrPath);
  for (llvm::StringRef Line : llvm::split(Output, '\n'))
    if (Line.starts_with("YAML:") && Line.contains("error: "))
      return "malformed --line-filter: " +
             Line.drop_front(Line.find("error: ") + strlen("error: "))
                 .trim()
                 .str();
  if (Code != 0)
    return "the arguments were not accepted (exit code " +
           std::to_string(Code) + ")";
  return std::nullopt;
}

/// The program facts kept from an earlier run (--program-facts): the units
/// they were resolved from, less those that may say something else now: a
/// file they read has other contents, or their context (corolint's build,
/// the arguments, the compile command, the configuration) changed.
class KeptFacts {
public:
  KeptFacts(std::vector<clang::tidy::coro::UnitFacts> Read,
            llvm::function_ref<std::string(const std::string &)> ContextOf)
      : Units(std::move(Read)) {
    llvm::erase_if(Units, [&](const clang::tidy::coro::UnitFacts &Unit) {
      return !llvm::sys::fs::exists(Unit.MainFile) ||
             Unit.Context != ContextOf(Unit.MainFile) || changed(Unit);
    });
  }

  /// The kept units whose main file is not in \p Analysed.
  std::vector<clang::tidy::coro::UnitFacts>
  unitsBesides(const llvm::StringSet<> &Analysed) const {
    std::vector<clang::tidy::coro::UnitFacts> Besides;
    for (const clang::tidy::coro::UnitFacts &Unit : Units)
      if (!Analysed.contains(Unit.MainFile))
        Besides.push_back(Unit);
    return Besides;
  }

private:
  /// A file the unit read has other contents now: its facts may be wrong.
  /// Without the list of its files, nothing says they did not change.
  bool changed(const clang::tidy::coro::UnitFacts &Unit) {
    if (Unit.Inputs.empty())
      return true;
    return llvm::any_of(
        Unit.Inputs, [&](const clang::tidy::coro::InputFile &In) {
          auto [Known, Inserted] = Hashes.try_emplace(In.Path);
          if (Inserted)
            Known->second = clang::tidy::coro::hashFile(In.Path);
          return Known->second != In.Hash;
        });
  }

  llvm::StringMap<std::string> Hashes; ///< Each file hashed once.
  std::vector<clang::tidy::coro::UnitFacts> Units;
};

/// Resolves \p Units across files in a stable order (whatever -j was, the
/// same unit speaks for a function), and writes the facts the workers read
/// (\p WorkerPath: the resolved facts only) and, when kept, the program
/// facts file with the units (\p KeptPath).
clang::tidy::coro::ProgramFacts
resolveAndWrite(std::vector<clang::tidy::coro::UnitFacts> Units,
                llvm::StringRef WorkerPath,
                std::optional<llvm::StringRef> KeptPath) {
  namespace coro = clang::tidy::coro;
  llvm::sort(Units, [](const coro::UnitFacts &A, const coro::UnitFacts &B) {
    return A.MainFile < B.MainFile;
  });
  coro::ProgramFacts Facts = coro::ProgramFacts::resolve(Units, /*MaxDepth=*/8);
  // The workers' copy leaves the units out: each worker parses it, and the
  // units (every file each read, with its hash) are most of a kept file.
  for (auto [Path, Value] :
       {std::make_pair(std::optional<llvm::StringRef>(WorkerPath),
                       Facts.toJSON()),
        std::make_pair(KeptPath, KeptPath ? Facts.toJSON(Units)
                                          : llvm::json::Value(nullptr))}) {
    if (!Path)
      continue;
    if (llvm::Error Error = coro::writeJSONFile(*Path, Value))
      llvm::WithColor::error(llvm::errs(), "corolint")
          << llvm::toString(std::move(Error)) << "\n";
  }
  return Facts;
}

/// Merges the units' facts (and, for files not analysed in this run, those
/// kept from an earlier run), writes the program facts into \p Facts and
/// the files, and returns the units to analyse again: those whose pending
/// findings could not be described without their AST (the check names the
/// functions they wait for) and that call a function that the new facts say
/// blocks while the facts they were analysed with (\p Before) did not.
std::vector<FileResult *> resolveProgramFacts(
    std::vector<FileResult> &Results, const std::optional<KeptFacts> &Kept,
    const std::optional<clang::tidy::coro::ProgramFacts> &Before,
    llvm::StringRef WorkerPath, std::optional<llvm::StringRef> KeptPath,
    llvm::function_ref<std::string(const std::string &)> ContextOf,
    clang::tidy::coro::ProgramFacts &Facts) {
  namespace coro = clang::tidy::coro;
  std::vector<coro::UnitFacts> Units;
  std::vector<std::optional<size_t>> UnitOf(Results.size());
  llvm::StringSet<> Analysed;
  for (size_t I = 0; I < Results.size(); ++I) {
    llvm::Expected<coro::UnitFacts> Unit =
        coro::readUnitFacts(Results[I].UnitFactsPath);
    if (!Unit) {
      llvm::consumeError(Unit.takeError()); // Failed to compile: no facts.
      continue;
    }
    Analysed.insert(Unit->MainFile);
    // Only a kept file needs it, for a later run.
    if (KeptPath)
      Unit->Context = ContextOf(Unit->MainFile);
    UnitOf[I] = Units.size();
    Units.push_back(std::move(*Unit));
  }
  std::vector<coro::UnitFacts> All = Units;
  if (Kept)
    llvm::append_range(All, Kept->unitsBesides(Analysed));
  Facts = resolveAndWrite(std::move(All), WorkerPath, KeptPath);

  auto Blocks = [](const coro::ProgramFacts &From, llvm::StringRef Wanted) {
    if (Wanted.consume_front("virtual:"))
      return From.blockingOverriders(Wanted) != nullptr;
    return From.blocking(Wanted) != nullptr;
  };
  std::vector<FileResult *> Again;
  for (size_t I = 0; I < Results.size(); ++I) {
    if (!UnitOf[I])
      continue;
    const coro::UnitFacts &Unit = Units[*UnitOf[I]];
    bool Changed = llvm::any_of(Unit.Wanted, [&](const std::string &Wanted) {
      return Blocks(Facts, Wanted) && !(Before && Blocks(*Before, Wanted));
    });
    if (Changed)
      Again.push_back(&Results[I]);
  }
  return Again;
}

/// Settles the units' pending findings with the program's facts: each one
/// that a chain it waited for now blocks takes its place among its unit's
/// findings; the others are dropped.
void settlePendingFindings(std::vector<FileResult> &Results,
                           const clang::tidy::coro::ProgramFacts &Facts) {
  std::optional<FindingRenderer> Renderer; // Reads the files once.
  for (FileResult &Unit : Results) {
    if (!Unit.Result || Unit.Result->Pending.empty())
      continue;
    if (!Renderer)
      Renderer.emplace(FixMode::None);
    WorkerResult &Result = *Unit.Result;
    std::vector<Finding> Merged;
    size_t Next = 0;
    for (const PendingFinding &Pending : Result.Pending) {
      for (; Next < Pending.Position && Next < Result.Findings.size(); ++Next)
        Merged.push_back(std::move(Result.Findings[Next]));
      llvm::Expected<std::optional<Finding>> Settled =
          Renderer->settle(Pending, Facts);
      if (!Settled) {
        // Never a file reported clean that was not: it was not analysed.
        Result.State = WorkerResult::Status::Error;
        Result.Reason = "its pending findings are unreadable: " +
                        llvm::toString(Settled.takeError());
        break;
      }
      if (*Settled)
        Merged.push_back(std::move(**Settled));
    }
    for (; Next < Result.Findings.size(); ++Next)
      Merged.push_back(std::move(Result.Findings[Next]));
    Result.Findings = std::move(Merged);
    Result.Pending.clear();
  }
}

/// The contents each file had when the workers placed its findings: fixes
/// are applied only to files that still have them.
class FileHashes {
public:
  void add(const WorkerResult &Unit) {
    for (const auto &[File, Hash] : Unit.FileHashes) {
      auto [Known, Inserted] = Hashes.try_emplace(File, Hash);
      // Two units read different contents: the file changed during the run.
      if (!Inserted && Known->second != Hash)
        Known->second.clear();
    }
  }
  /// Empty when the analysis saw no stable contents.
  std::string of(const std::string &File) const {
    auto Found = Hashes.find(File);
    return Found == Hashes.end() ? std::string() : Found->second;
  }

private:
  std::map<std::string, std::string> Hashes;
};

/// --fix: applies the chosen fix of every reported finding, as clang-tidy
/// does (conflicts shifted or skipped, cleaned up and formatted by the
/// file's FormatStyle), to each file whose contents are still those the
/// analysis saw. Returns false when a file was refused.
bool applyFixes(const std::vector<Finding> &Findings, const FileHashes &Hashes,
                const CommandLine &Cmd, const SourceFiles &Sources) {
  std::map<std::string, clang::tooling::Replacements> PerFile;
  unsigned Total = 0, Applied = 0;
  for (const Finding &F : Findings) {
    const std::vector<Edit> *Fix = F.chosenFix();
    if (!Fix)
      continue;
    for (const Edit &E : *Fix) {
      ++Total;
      clang::tooling::Replacement R(E.Begin.File, E.Begin.Offset, E.Length,
                                    E.Text);
      clang::tooling::Replacements &Replaces = PerFile[E.Begin.File];
      llvm::Error Conflict = Replaces.add(R);
      if (!Conflict) {
        ++Applied;
        continue;
      }
      llvm::consumeError(std::move(Conflict));
      unsigned Offset = Replaces.getShiftedCodePosition(R.getOffset());
      unsigned Length =
          Replaces.getShiftedCodePosition(R.getOffset() + R.getLength()) -
          Offset;
      if (Length != R.getLength()) {
        llvm::errs() << "corolint: a fix in '"
                     << Sources.displayPath(E.Begin.File) << "' at line "
                     << E.Begin.Line
                     << " conflicts with another fix; it was skipped\n";
        continue;
      }
      Replaces = Replaces.merge(clang::tooling::Replacements(
          clang::tooling::Replacement(E.Begin.File, Offset, Length, E.Text)));
      ++Applied;
    }
  }
  bool Refused = false;
  for (const auto &[File, Replaces] : PerFile) {
    std::string Display = Sources.displayPath(File);
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    std::string Expected = Hashes.of(File);
    if (!Buffer || Expected.empty() ||
        contentHash((*Buffer)->getBuffer()) != Expected) {
      llvm::WithColor::error(llvm::errs(), "corolint") << "'" << Display
                   << "' changed after it was analysed; its fixes were not "
                      "applied (run corolint again)\n";
      Refused = true;
      continue;
    }
    llvm::StringRef Code = (*Buffer)->getBuffer();
    std::string StyleName =
        Cmd.FormatStyle.value_or(configuredOptions(Cmd, File)
                                     .FormatStyle.value_or("none"));
    llvm::Expected<clang::format::FormatStyle> Style =
        clang::format::getStyle(StyleName, File, "none");
    if (!Style) {
      llvm::WithColor::error(llvm::errs(), "corolint") << llvm::toString(Style.takeError())
                   << "\n";
      Refused = true;
      continue;
    }
    llvm::Expected<clang::tooling::Replacements> Cleaned =
        clang::format::cleanupAroundReplacements(Code, Replaces, *Style);
    if (!Cleaned) {
      llvm::WithColor::error(llvm::errs(), "corolint") << llvm::toString(Cleaned.takeError())
                   << "\n";
      Refused = true;
      continue;
    }
    clang::tooling::Replacements Final = *Cleaned;
    if (llvm::Expected<clang::tooling::Replacements> Formatted =
            clang::format::formatReplacements(Code, *Cleaned, *Style))
      Final = std::move(*Formatted);
    else
      llvm::consumeError(Formatted.takeError());
    llvm::Expected<std::string> Fixed =
        clang::tooling::applyAllReplacements(Code, Final);
    if (!Fixed) {
      llvm::WithColor::error(llvm::errs(), "corolint") << "the fixes for '" << Display
                   << "' do not apply: " << llvm::toString(Fixed.takeError())
                   << "\n";
      Refused = true;
      continue;
    }
    if (auto Error = clang::tidy::coro::replaceFileContents(
            File, *Fixed, removedOnInterrupt())) {
      llvm::WithColor::error(llvm::errs(), "corolint") << "cannot write '" << Display
                   << "': " << *Error << "\n";
      Refused = true;
      continue;
    }
  }
  if (Total > 0)
    llvm::errs() << "corolint: applied " << Applied << " of " << Total
                 << " suggested fixes" << (Refused ? " (some files refused)" : "")
                 << "\n";
  return !Refused;
}

/// Whether the text report is coloured: --use-color, else the UseColor of
/// the configuration, else when stdout is a terminal that has colours (as
/// clang-tidy decides).
bool useColors(const CommandLine &Cmd, bool ToFile,
               llvm::ArrayRef<std::string> Files) {
  if (Cmd.UseColor)
    return *Cmd.UseColor;
  if (!Files.empty())
    if (std::optional<bool> Configured =
            configuredOptions(Cmd, Files.front()).UseColor)
      return *Configured;
  return !ToFile && llvm::sys::Process::StandardOutHasColors();
}

} // namespace

std::optional<std::string> splitOptions(llvm::ArrayRef<const char *> Args,
                                        RunOptions &Options) {
  Options.TidyArgs.push_back(Args[0]);
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    if (Arg == "--") {
      Options.TidyArgs.insert(Options.TidyArgs.end(), Args.begin() + I,
                              Args.end());
      break;
    }
    std::optional<std::string> Value;
    if (Arg.starts_with("-j") && Arg.size() > 2 && llvm::isDigit(Arg[2]))
      Value = Arg.drop_front(2).str();
    if (!Value && Arg.starts_with("-j") && Arg.size() > 2 && Arg[2] != '=' &&
        !Arg.starts_with("-jobs"))
      Value = Arg.drop_front(2).str();
    if (Value || takeValue(Args, I, "j", Value) ||
        takeValue(Args, I, "jobs", Value)) {
      if (llvm::StringRef(*Value).getAsInteger(10, Options.Jobs) ||
          Options.Jobs == 0)
        return "-j takes a number of jobs of at least 1, not '" + *Value + "'";
      continue;
    }
    if (takeValue(Args, I, "format", Value)) {
      if (*Value == "text")
        Options.OutputFormat = RunOptions::Format::Text;
      else if (*Value == "sarif")
        Options.OutputFormat = RunOptions::Format::Sarif;
      else if (*Value == "json")
        Options.OutputFormat = RunOptions::Format::Json;
      else if (*Value == "codeclimate")
        Options.OutputFormat = RunOptions::Format::CodeClimate;
      else
        return "--format takes text, sarif, json or codeclimate, not '" +
               *Value + "'";
      continue;
    }
    if (takeValue(Args, I, "output", Value) || takeValue(Args, I, "o", Value)) {
      if (Value->empty())
        return std::string("--output needs a file name");
      Options.Output = Value;
      continue;
    }
    if (takeValue(Args, I, "shard", Value)) {
      Options.Shard = parseShard(*Value);
      if (!Options.Shard)
        return "malformed shard '" + *Value +
               "': expected K/N with 1 <= K <= N, e.g. --shard=2/4";
      continue;
    }
    if (takeValue(Args, I, "exclude", Value)) {
      std::string Error;
      if (!llvm::Regex(*Value).isValid(Error))
        return "invalid --exclude regex '" + *Value + "': " + Error;
      Options.Excludes.push_back(*Value);
      continue;
    }
    if (takeValue(Args, I, "baseline", Value)) {
      Options.Baseline = Value;
      continue;
    }
    if (isFlag(Arg, "allow-missing-baseline")) {
      Options.AllowMissingBaseline = true;
      continue;
    }
    if (takeValue(Args, I, "write-baseline", Value)) {
      Options.WriteBaseline = Value;
      continue;
    }
    if (takeValue(Args, I, "export-fixes", Value)) {
      Options.ExportFixes = Value;
      continue;
    }
    if (takeValue(Args, I, "program-facts", Value)) {
      if (Value->empty())
        return std::string("--program-facts needs a file name");
      Options.ProgramFacts = Value;
      continue;
    }
    if (takeValue(Args, I, "help-uri-base", Value)) {
      Options.HelpUriBase = *Value;
      if (!llvm::StringRef(*Options.HelpUriBase).ends_with("/"))
        *Options.HelpUriBase += "/";
      continue;
    }
    if (takeValue(Args, I, "diff", Value)) {
      if (Value->empty())
        return std::string("--diff takes a git revision, or '-' to read a "
                           "unified diff from stdin");
      // git would take it as one of its own options (`--output=FILE`).
      if (*Value != "-" && Value->front() == '-')
        return "--diff takes a revision, not an option: '" + *Value + "'";
      Options.Diff = Value;
      continue;
    }
    if (takeValue(Args, I, "cache-dir", Value)) {
      if (Value->empty())
        return std::string("--cache-dir needs a folder");
      Options.CacheDir = Value;
      continue;
    }
    if (takeValue(Args, I, "timeout", Value)) {
      if (llvm::StringRef(*Value).getAsInteger(10, Options.TimeoutSeconds) ||
          Options.TimeoutSeconds > 7 * 24 * 3600)
        return "--timeout takes a number of seconds (0: no limit), not '" +
               *Value + "'";
      continue;
    }
    if (takeValue(Args, I, "cache-size", Value)) {
      // Megabytes, or with a unit: 64K, 512M, 2G.
      llvm::StringRef Size = *Value;
      unsigned Shift = 20;
      if (Size.consume_back("K"))
        Shift = 10;
      else if (Size.consume_back("G"))
        Shift = 30;
      else
        Size.consume_back("M");
      uint64_t Count = 0;
      if (Size.getAsInteger(10, Count) || Count == 0 || Count > (1ULL << 33))
        return "--cache-size takes a size such as 512 (megabytes), 64K or "
               "2G, not '" + *Value + "'";
      Options.CacheBytes = Count << Shift;
      continue;
    }
    if (takeValue(Args, I, "explain", Value)) {
      std::string Error;
      if (Value->empty() || !llvm::Regex(*Value).isValid(Error))
        return "--explain takes a regular expression matching task type "
               "names, not '" + *Value + "'" + (Error.empty() ? "" : ": " + Error);
      Options.Explain = Value;
      continue;
    }
    if (isFlag(Arg, "progress")) {
      Options.Progress = true;
      continue;
    }
    if (isFlag(Arg, "allow-empty")) {
      Options.AllowEmpty = true;
      continue;
    }
    if (isFlag(Arg, "allow-compile-errors")) {
      Options.AllowCompileErrors = true;
      continue;
    }
    Options.TidyArgs.push_back(Args[I]);
  }
  return std::nullopt;
}

void printDriverHelp() {
  llvm::outs()
      << R"(corolint: finds C++20 coroutine pitfalls. It is clang-tidy's driver with the
coro-* checks built in (default --checks=-*,coro-*); clang-tidy's options
follow below. corolint adds:

  -p <build dir> with no files  analyse every file of its compile_commands.json
  <dir> or '<glob>' as a file   analyse the files of compile_commands.json below
                                the folder or matching the pattern
  --exclude=<regex>             leave out matching files (repeatable)
  -j <N>, --jobs=<N>            analyse N files at once (default: one per core)
  --shard=<K>/<N>               analyse only the K-th of N stable parts of the
                                files (for a CI matrix)
  --format=text|sarif|json|codeclimate
                                the report's format (default text);
                                codeclimate is GitLab's Code Quality report
  --output=<file>, -o <file>    write the report to a file
  --help-uri-base=<uri>         where SARIF rules link to the check docs
  --diff=<rev>, --diff=-        analyse only the files a diff (git diff <rev>,
                                or a unified diff on stdin) touches or whose
                                headers it touches; report changed lines only
  --cache-dir=<dir>             keep each file's result, reused while nothing it
                                reads changes (also COROLINT_CACHE_DIR)
  --cache-size=<size>           the cache's size limit: megabytes, or 64K, 2G
                                (default 1024); least recently used go first
  --explain=<regex>             say why each task type matching the regex (by
                                qualified name) is, or is not, a lazy task
  --program-facts=<file>        keep what the files' functions block on (for
                                findings across files) between runs
  --baseline=<file>             report only findings not in the baseline
  --allow-missing-baseline      a --baseline file that does not exist yet
                                accepts nothing (a first run) instead of an error
  --write-baseline=<file>       record the current findings as the baseline;
                                they are reported but do not fail the run
  --allow-empty                 selecting no file is a note, not an error
  --allow-compile-errors        files that fail to compile do not fail the run
  --timeout=<seconds>           a file still being analysed after this long
                                is stopped and reported not analysed (exit 3)
  --progress                    a progress line even when stderr is no terminal
  corolint merge-sarif OUT IN...  merge SARIF files (e.g. from shards) into one

Exit codes: 0 no findings; 1 findings; 2 usage, configuration or input error;
3 some files failed to compile (unless --allow-compile-errors) or were not
analysed; 130 interrupted; 141 its output pipe was closed.

)";
  llvm::outs().flush();
}

namespace {

int usageError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "corolint") << Message << "\n";
  return ExitUsageError;
}

/// Runs the workers of a batch of units, `Jobs` at once (WorkerProcesses.h),
/// and reads their results.
class WorkerPool {
public:
  /// What every worker of the run gets, besides its file.
  struct Arguments {
    std::string Program;
    std::vector<std::string> Leading; ///< Worker flags and clang-tidy's.
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

  /// Findings that wait for other units' facts are left pending (there are
  /// other units); otherwise their units are analysed again.
  void leavePendingFindings(bool Leave) { PendingFindings = Leave; }

  /// Analyses the batch's units; \p WithFacts gives the workers the program
  /// facts found so far.
  void run(std::vector<FileResult *> Batch, bool WithFacts) {
    ProgressLine Progress(ShowProgress, Batch.size());
    largestFirst(Batch);
    std::vector<WorkerCommand> Commands;
    for (FileResult *Result : Batch)
      Commands.push_back(commandFor(*Result, WithFacts));
    size_t Done = 0;
    runWorkers(
        Commands, Jobs,
        [&](size_t Index, const WorkerExit &Exit) {
          readResult(*Batch[Index], Commands[Index].ErrorPath, Exit);
          Progress.update(++Done, Sources.displayPath(Batch[Index]->File));
        },
        Args.TimeoutSeconds);
    Progress.finish();
  }

private:
  /// The largest files first: with -j, a long unit started last would keep
  /// one core busy while the others wait. The findings are reported in file
  /// order whatever the order of analysis.
  static void largestFirst(std::vector<FileResult *> &Batch) {
    // (Size, position): equal sizes keep their order.
    std::vector<std::tuple<uint64_t, size_t, FileResult *>> Sized;
    for (size_t I = 0; I < Batch.size(); ++I) {
      uint64_t Size = 0;
      llvm::sys::fs::file_size(Batch[I]->File, Size);
      Sized.emplace_back(Size, I, Batch[I]);
    }
    llvm::sort(Sized, [](const auto &A, const auto &B) {
      return std::get<0>(A) != std::get<0>(B) ? std::get<0>(A) > std::get<0>(B)
                                              : std::get<1>(A) < std::get<1>(B);
    });
    for (size_t I = 0; I < Batch.size(); ++I)
      Batch[I] = std::get<2>(Sized[I]);
  }

  WorkerCommand commandFor(FileResult &Result, bool WithFacts) {
    llvm::sys::fs::remove(Result.ResultPath);
    WorkerCommand Command;
    makeTemporary("err", Command.ErrorPath);
    Command.Args = {Args.Program, (ResultFlag + Result.ResultPath).str(),
                    (UnitFactsFlag + Result.UnitFactsPath).str()};
    if (WithFacts)
      Command.Args.push_back((ProgramFactsFlag + Args.ProgramFactsPath).str());
    if (PendingFindings)
      Command.Args.push_back(PendingFindingsFlag.str());
    if (Args.WithCommand.contains(Result.File))
      Command.Args.push_back(HasCommandFlag.str());
    if (Result.OwnDatabase.empty())
      llvm::append_range(Command.Args, Args.Leading);
    else
      llvm::append_range(Command.Args,
                         withBuildPath(Args.Leading, Result.OwnDatabase));
    Command.Args.push_back(Result.File);
    llvm::append_range(Command.Args, Args.FixedFlags);
    return Command;
  }

  /// The worker's result, or why there is none. Its stdout (what clang-tidy's
  /// driver prints) was not kept: it renders its findings into its result.
  void readResult(FileResult &Result, llvm::StringRef ErrPath,
                  const WorkerExit &Exit) {
    Result.ExitCode = Exit.Code;
    Result.ErrorOutput.clear();
    for (const std::string &Log : {ErrPath.str(), Result.logPath()}) {
      if (auto Err = llvm::MemoryBuffer::getFile(Log))
        Result.ErrorOutput += (*Err)->getBuffer().str();
      llvm::sys::fs::remove(Log);
    }
    Result.Result.reset();
    // A signal or no result: the worker crashed.
    if (!Exit.ended() || Exit.Code != 0) {
      Result.ReadError = Exit.Message;
      Result.TimedOut = Exit.TimedOut;
      return;
    }
    llvm::Expected<WorkerResult> Read = readWorkerResult(Result.ResultPath);
    if (!Read) {
      Result.ReadError = llvm::toString(Read.takeError());
      return;
    }
    Result.Result = std::move(*Read);
  }

  const Arguments Args;
  bool PendingFindings = false;
  const unsigned Jobs;
  const bool ShowProgress;
  const SourceFiles &Sources;
};

/// The counts the summary line and the exit code are made of.
struct Outcome {
  size_t Selected = 0;
  size_t NotAnalysed = 0; ///< Skipped, crashed, or could not run.
  size_t FailedFiles = 0; ///< Compile errors.
  size_t FromCache = 0;
  bool FixesRefused = false;
};

/// One run over a codebase, step by step: choose the files, analyse them
/// (twice for the units whose cross-file facts changed), collect the
/// results, fix, report, summarize.
class Analysis {
public:
  Analysis(const RunOptions &Options, const char *Argv0)
      : Options(Options), Argv0(Argv0), Cmd(parseCommandLine(Options.TidyArgs)),
        Sources(currentDirectory()) {}

  int run() {
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

private:
  /// Every file the run reads is a regular file of a sane size: a device
  /// or a FIFO given by mistake would be read without end or never answer.
  std::optional<std::string> checkInputs() const {
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
      if (llvm::sys::fs::exists(Source) &&
          !llvm::sys::fs::is_directory(Source))
        if (std::optional<std::string> Why =
                clang::tidy::coro::whyNotInputFile(Source))
          return "cannot read '" + Source + "': " + *Why;
    return std::nullopt;
  }

  /// Every file the run writes can be written: found out before the
  /// analysis, not after it (where the findings would be lost to the exit
  /// code).
  std::optional<std::string> checkOutputs() const {
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
  /// The files of the command line and database, minus --exclude, in this
  /// shard; the configuration and the baseline are checked first.
  std::optional<std::string> selectFiles() {
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
    // current directory so that every machine of a CI matrix agrees.
    for (const std::string &File : Files) {
      std::string Display = Sources.displayPath(File);
      bool Excluded = llvm::any_of(Options.Excludes, [&](const std::string &R) {
        llvm::Regex Pattern(R);
        return Pattern.match(Display) || Pattern.match(File);
      });
      if (Excluded)
        continue;
      if (Options.Shard && stableHash(Display) % Options.Shard->second !=
                               Options.Shard->first - 1)
        continue;
      Selected.push_back(File);
    }
    Counts.Selected = Selected.size();
    return checkSelection(Files.size());
  }

  /// A run that selects no file finds nothing: a mistake (an empty or
  /// wrong database, an --exclude too wide) unless the user says it may
  /// happen (--allow-empty: a shard of a small codebase). With --diff an
  /// empty selection is judged after the diff, where it is normal.
  std::optional<std::string> checkSelection(size_t Candidates) const {
    if (!Selected.empty())
      return std::nullopt;
    std::string Why =
        Candidates == 0  ? "the compilation database lists no C++ file"
        : Options.Shard  ? "shard " + std::to_string(Options.Shard->first) +
                              "/" + std::to_string(Options.Shard->second) +
                              " holds none of the " +
                              std::to_string(Candidates) + " files"
                         : "--exclude leaves none of the " +
                              std::to_string(Candidates) + " files";
    if (Options.AllowEmpty) {
      llvm::errs() << "corolint: note: no file to analyse: " << Why << "\n";
      return std::nullopt;
    }
    return "no file to analyse: " + Why + " (--allow-empty accepts that)";
  }

  /// The workers' arguments (checked once by clang-tidy's own parser), their
  /// temporary files, and the program facts of an earlier run.
  std::optional<std::string> prepareWorkers() {
    WorkerPool::Arguments Args;
    Args.Program = llvm::sys::fs::getMainExecutable(
        Argv0, reinterpret_cast<void *>(&printDriverHelp));
    Args.WithCommand = WithCommand;
    std::vector<std::string> Shared = sharedWorkerArgs(Options, Cmd);
    if (auto Error = checkToolArguments(Args.Program, Shared))
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
      removeOnInterrupt(Results[I].pendingPath());
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
      GivenFacts = resolveAndWrite(Kept->unitsBesides({}), WorkerFactsPath,
                                   std::nullopt);
    }

    unsigned Jobs = Options.Jobs
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

  /// --diff: reads the diff, and keeps the units whose file it changes or
  /// that read a file it changes (known from the cache, else found by
  /// preprocessing the unit).
  std::optional<std::string> selectByDiff() {
    std::string Text;
    if (*Options.Diff == "-") {
      llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Input =
          llvm::MemoryBuffer::getSTDIN();
      if (!Input)
        return "cannot read the diff from stdin: " + Input.getError().message();
      Text = (*Input)->getBuffer().str();
    } else if (auto Error = gitDiff(*Options.Diff, Text)) {
      return Error;
    }
    llvm::Expected<ChangedLines> Parsed = parseUnifiedDiff(Text, Sources.root());
    if (!Parsed)
      return llvm::toString(Parsed.takeError());
    Changed = std::move(*Parsed);
    addResolvedPaths(Changed);
    // A new source file the database does not list yet is analysed too
    // (its command inferred from the closest entry), unless files were named.
    if (Cmd.Sources.empty())
      for (const auto &Entry : Changed) {
        std::string File = Entry.getKey().str();
        if (!isCxxSource(File) || llvm::is_contained(Selected, File) ||
            !llvm::sys::fs::is_regular_file(File))
          continue;
        FileResult Added;
        Added.File = File;
        if (auto Error = makeTemporary("json", Added.ResultPath))
          return Error;
        removeOnInterrupt(Added.exportPath());
        removeOnInterrupt(Added.logPath());
        removeOnInterrupt(Added.pendingPath());
        if (auto Error = makeTemporary("json", Added.UnitFactsPath))
          return Error;
        Selected.push_back(File);
        Results.push_back(std::move(Added));
      }
    std::vector<FileResult *> Unknown;
    bool HeadersChanged = llvm::any_of(Changed, [&](const auto &Entry) {
      return !llvm::is_contained(Selected, Entry.getKey().str());
    });
    std::vector<bool> Keep(Results.size(), false);
    for (size_t I = 0; I < Results.size(); ++I) {
      Keep[I] = changedRanges(Results[I].File) != nullptr;
      if (Keep[I] || !HeadersChanged)
        continue;
      std::optional<std::vector<std::string>> Inputs;
      if (Cache)
        Inputs = Cache->recordedInputs(
            unitKey(Results[I].File, factsState(GivenFacts.has_value())));
      if (!Inputs) {
        Unknown.push_back(&Results[I]);
        continue;
      }
      Keep[I] = readsChangedFile(*Inputs);
    }
    scanInputs(Unknown);
    for (size_t I = 0; I < Results.size(); ++I)
      if (!Keep[I] && llvm::is_contained(Unknown, &Results[I]))
        Keep[I] = Results[I].ScanFailed ||
                  readsChangedFile(Results[I].ScannedInputs);
    std::vector<FileResult> Kept;
    std::vector<std::string> KeptFiles;
    for (size_t I = 0; I < Results.size(); ++I)
      if (Keep[I]) {
        KeptFiles.push_back(Results[I].File);
        Kept.push_back(std::move(Results[I]));
      } else {
        llvm::sys::fs::remove(Results[I].ResultPath);
        llvm::sys::fs::remove(Results[I].UnitFactsPath);
      }
    Results = std::move(Kept);
    Selected = std::move(KeptFiles);
    Counts.Selected = Selected.size();
    return std::nullopt;
  }

  bool readsChangedFile(llvm::ArrayRef<std::string> Inputs) {
    return llvm::any_of(Inputs, [&](const std::string &Input) {
      return changedRanges(Input) != nullptr;
    });
  }

  /// A diff names a file by its path in the repository; a unit may reach it
  /// as `src/../include/x.h`, through a link, or by the link's own name.
  /// Both sides are compared by the file they resolve to.
  static void addResolvedPaths(ChangedLines &Lines) {
    std::vector<std::pair<std::string, std::vector<LineRange>>> Resolved;
    for (const auto &Entry : Lines) {
      llvm::SmallString<256> Real;
      if (!llvm::sys::fs::real_path(Entry.getKey(), Real) &&
          Real != Entry.getKey())
        Resolved.emplace_back(std::string(Real), Entry.getValue());
    }
    for (auto &[Path, Ranges] : Resolved)
      Lines.try_emplace(Path, std::move(Ranges));
  }

  /// The lines the diff changes in \p File, however the unit named it, or
  /// none when the diff does not touch it.
  const std::vector<LineRange> *changedRanges(llvm::StringRef File) {
    auto Found = Changed.find(File);
    if (Found != Changed.end())
      return &Found->second;
    auto [Known, Inserted] = ResolvedPaths.try_emplace(File);
    if (Inserted) {
      llvm::SmallString<256> Real;
      if (!llvm::sys::fs::real_path(File, Real))
        Known->second = std::string(Real);
    }
    Found = Changed.find(Known->second);
    return Found == Changed.end() ? nullptr : &Found->second;
  }

  /// Preprocesses the units (in worker processes, `-j` at once) to learn
  /// which files each reads.
  void scanInputs(const std::vector<FileResult *> &Units) {
    if (Units.empty())
      return;
    std::vector<WorkerCommand> Commands;
    std::vector<std::string> Lists;
    for (FileResult *Unit : Units) {
      std::string ListPath;
      makeTemporary("txt", ListPath);
      WorkerCommand Command;
      Command.ErrorPath = "/dev/null";
      Command.Args = {WorkerArgs.Program, (ScanInputsFlag + ListPath).str()};
      llvm::append_range(Command.Args,
                         Unit->OwnDatabase.empty()
                             ? WorkerShared
                             : withBuildPath(WorkerShared, Unit->OwnDatabase));
      Command.Args.push_back(Unit->File);
      llvm::append_range(Command.Args, WorkerArgs.FixedFlags);
      Commands.push_back(std::move(Command));
      Lists.push_back(std::move(ListPath));
    }
    runWorkers(Commands, Jobs, [&](size_t Index, const WorkerExit &Exit) {
      FileResult &Unit = *Units[Index];
      auto List = llvm::MemoryBuffer::getFile(Lists[Index]);
      bool Listed = Exit.ended() && Exit.Code == 0 && List;
      if (Listed)
        for (llvm::StringRef Line : llvm::split((*List)->getBuffer(), '\n'))
          if (!Line.empty())
            Unit.ScannedInputs.push_back(Line.str());
      // Unknown: analysing the unit is safe, skipping it is not.
      Unit.ScanFailed = !Listed;
      llvm::sys::fs::remove(Lists[Index]);
    }, Options.TimeoutSeconds);
  }

  /// --diff: only the findings on changed lines (compile errors stay: they
  /// make the rest unreliable).
  void keepChangedLines() {
    llvm::erase_if(All, [&](const Finding &F) {
      if (F.isCompileError() && F.IsError)
        return false;
      const std::vector<LineRange> *Ranges = changedRanges(F.loc().File);
      if (!Ranges)
        return true;
      return llvm::none_of(*Ranges, [&](const LineRange &R) {
        return F.loc().Line >= R.first && F.loc().Line <= R.second;
      });
    });
  }

  std::string factsState(bool WithFacts) const {
    return WithFacts ? clang::tidy::coro::hashFile(WorkerFactsPath)
                     : "no facts";
  }

  /// --cache-dir (or COROLINT_CACHE_DIR): the workers record what they
  /// read, and the part of every key that is the same for all units.
  std::optional<std::string> openCache(WorkerPool::Arguments &Args) {
    std::optional<std::string> Directory = Options.CacheDir;
    if (!Directory)
      if (const char *FromEnvironment = std::getenv("COROLINT_CACHE_DIR");
          FromEnvironment && *FromEnvironment)
        Directory = FromEnvironment;
    // Also in the configuration: `CheckOptions: {corolint.CacheDir: DIR}`
    // (of the current folder's .clang-tidy, or --config), relative to the
    // current folder.
    if (!Directory) {
      llvm::SmallString<256> Here(Sources.root());
      llvm::sys::path::append(Here, "corolint-run.cpp");
      clang::tidy::ClangTidyOptions Configured = configuredOptions(Cmd, Here);
      auto Found = Configured.CheckOptions.find("corolint.CacheDir");
      if (Found != Configured.CheckOptions.end() &&
          !Found->getValue().Value.empty())
        Directory = Found->getValue().Value;
    }
    // --export-fixes needs clang-tidy's own export, which is not cached.
    if (!Directory || Options.ExportFixes)
      return std::nullopt;
    Cache.emplace(*Directory, Options.CacheBytes);
    if (std::optional<std::string> Error = Cache->open()) {
      Cache.reset();
      return "cannot use the cache folder '" + *Directory + "': " + *Error;
    }
    Args.Leading.insert(Args.Leading.begin(), RecordInputsFlag.str());
    KeyBase = binaryIdentity(Args.Program);
    llvm::append_range(KeyBase, Args.Leading);
    llvm::append_range(KeyBase, Args.FixedFlags);
    return std::nullopt;
  }

  /// A unit's cache key: what decides its result besides its inputs.
  std::string unitKey(const std::string &File, llvm::StringRef Facts) {
    std::vector<std::string> Parts = KeyBase;
    Parts.push_back(File);
    Parts.push_back(Facts.str());
    appendCommandAndConfiguration(File, Parts);
    return ResultCache::key(Parts);
  }

  /// What decides a unit's facts besides the files it reads: corolint's
  /// build, the user's clang-tidy arguments, the file's compile command and
  /// configuration. Kept facts of a unit whose context changed are not used.
  std::string factsContext(const std::string &File) {
    std::vector<std::string> Parts = binaryIdentity(WorkerArgs.Program);
    llvm::append_range(Parts, WorkerShared);
    llvm::append_range(Parts, WorkerArgs.FixedFlags);
    Parts.push_back(File);
    appendCommandAndConfiguration(File, Parts);
    return ResultCache::key(Parts);
  }

  void appendCommandAndConfiguration(const std::string &File,
                                     std::vector<std::string> &Parts) {
    if (!Database && Cmd.BuildPath && !Cmd.HasFixedFlags) {
      std::string Error;
      Database = clang::tooling::CompilationDatabase::autoDetectFromDirectory(
          *Cmd.BuildPath, Error);
    }
    std::unique_ptr<clang::tooling::CompilationDatabase> Own;
    clang::tooling::CompilationDatabase *Commands = Database.get();
    if (!Commands && !Cmd.HasFixedFlags) {
      std::string Error;
      Own = clang::tooling::CompilationDatabase::autoDetectFromSource(File,
                                                                      Error);
      Commands = Own.get();
    }
    if (Commands)
      for (const clang::tooling::CompileCommand &Command :
           Commands->getCompileCommands(File)) {
        Parts.push_back(Command.Directory);
        Parts.push_back(llvm::join(Command.CommandLine, "\x1f"));
      }
    Parts.push_back(
        clang::tidy::configurationAsText(configuredOptions(Cmd, File)));
  }

  /// Analyses the batch, taking from the cache what it holds and storing
  /// what was analysed.
  void runCached(const std::vector<FileResult *> &Batch, bool WithFacts) {
    if (!Cache) {
      Pool->run(Batch, WithFacts);
      return;
    }
    // The program facts a unit is given decide its result too, and whether
    // it leaves findings pending.
    std::string Facts =
        factsState(WithFacts) + (leavesPendingFindings() ? "\npending" : "");
    std::vector<FileResult *> Misses;
    for (FileResult *Unit : Batch) {
      Unit->CacheKey = unitKey(Unit->File, Facts);
      std::optional<ResultCache::Entry> Hit = Cache->lookup(Unit->CacheKey);
      if (!Hit) {
        Misses.push_back(Unit);
        continue;
      }
      Unit->Result = std::move(Hit->Result);
      Unit->FromCache = true;
      Unit->ExitCode = 0;
      if (Hit->UnitFacts)
        writeTextFile(Unit->UnitFactsPath, *Hit->UnitFacts);
      else
        llvm::sys::fs::remove(Unit->UnitFactsPath);
    }
    Pool->run(Misses, WithFacts);
    for (FileResult *Unit : Misses) {
      Unit->FromCache = false;
      if (Unit->Result &&
          (Unit->Result->State == WorkerResult::Status::Analysed ||
           Unit->Result->State == WorkerResult::Status::FailedToCompile))
        Cache->store(Unit->CacheKey, *Unit->Result, Unit->UnitFactsPath);
    }
  }

  /// Findings that wait for other units' facts are left pending when there
  /// are other units; a lone unit is analysed again in the rare case its own
  /// facts answer them (virtual methods it overrides itself), which costs
  /// less than leaving every call to another file pending. --export-fixes
  /// writes what clang-tidy exported, and --line-filter passes a finding
  /// whose note is on a line it lists: there, units are analysed again.
  bool leavesPendingFindings() const {
    bool LineFilter = llvm::any_of(Options.TidyArgs, [](llvm::StringRef Arg) {
      return Arg.ltrim('-').starts_with("line-filter");
    });
    return Results.size() > 1 && !Options.ExportFixes && !LineFilter;
  }

  /// Every unit once; then, across files, what every unit found about its
  /// functions is merged and resolved, the pending findings are settled,
  /// and the units whose findings could not be left pending and whose
  /// coroutines call a function that the program's facts now say blocks
  /// are analysed again.
  void analyse() {
    Pool->leavePendingFindings(leavesPendingFindings());
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
    settlePendingFindings(Results, Facts);
    for (FileResult &Result : Results) {
      llvm::sys::fs::remove(Result.UnitFactsPath);
      Counts.FromCache += Result.FromCache;
    }
    llvm::sys::fs::remove(WorkerFactsPath);
    if (Cache)
      Cache->trim();
  }

  /// The units' findings, in file order whatever the number of jobs; each
  /// unit that crashed, was not analysed or failed to compile is counted
  /// and said. Returns ExitClean to go on.
  int collect() {
    for (FileResult &Result : Results)
      if (Result.Result &&
          Result.Result->State == WorkerResult::Status::Error &&
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
      for (Finding &F : Unit.Findings)
        All.push_back(std::move(F));
    }
    normalizeFindings(All, Sources);
    if (Options.ExportFixes)
      mergeExportedFixes(Results, *Options.ExportFixes);
    return ExitClean;
  }

  void removeWorkerFiles() {
    for (FileResult &Result : Results) {
      llvm::sys::fs::remove(Result.ResultPath);
      llvm::sys::fs::remove(Result.exportPath());
      llvm::sys::fs::remove(Result.pendingPath());
      if (!Result.OwnDatabase.empty()) {
        llvm::SmallString<256> Json(Result.OwnDatabase);
        llvm::sys::path::append(Json, "compile_commands.json");
        llvm::sys::fs::remove(Json);
        llvm::sys::fs::remove(Result.OwnDatabase);
      }
    }
  }

  /// A file the database lists with several commands (the same one twice,
  /// or one per configuration) is analysed once, with the first: its
  /// worker gets a database of that command alone.
  std::optional<std::string> giveOwnDatabases() {
    if (!Cmd.BuildPath || Cmd.HasFixedFlags)
      return std::nullopt;
    if (!Database) {
      std::string Error;
      Database = clang::tooling::CompilationDatabase::autoDetectFromDirectory(
          *Cmd.BuildPath, Error);
      if (!Database)
        return std::nullopt;
    }
    for (FileResult &Result : Results) {
      std::vector<clang::tooling::CompileCommand> Commands =
          Database->getCompileCommands(Result.File);
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

  std::optional<std::string> applyBaselines() {
    if (Options.WriteBaseline) {
      if (llvm::Error Error = writeBaseline(*Options.WriteBaseline, All, Sources))
        return llvm::toString(std::move(Error));
      // Written, the findings are accepted: they are still reported (the
      // user sees what the baseline holds) but do not fail the run.
      BaselineWritten = true;
    }
    if (Accepted)
      applyBaseline(*Accepted, All);
    return std::nullopt;
  }

  void fix() {
    // For tests only: a command run between the analysis and the fixes, to
    // edit a file "while the run is going".
    if (const char *Hook = std::getenv("COROLINT_TEST_HOOK_BEFORE_FIXES"))
      llvm::sys::ExecuteAndWait("/bin/sh", {"/bin/sh", "-c", Hook});
    Counts.FixesRefused = !applyFixes(All, Hashes, Cmd, Sources);
  }

  /// The report: into a temporary file beside --output, renamed when whole,
  /// so that a reader never sees half a report.
  std::optional<std::string> writeReport() {
    std::string Target = Options.Output.value_or("<stdout>");
    std::string ReportPath;
    int ReportFD = -1;
    bool ToSpecialFile = Options.Output &&
                         llvm::sys::fs::exists(*Options.Output) &&
                         !llvm::sys::fs::is_regular_file(*Options.Output);
    if (Options.Output && !ToSpecialFile) {
      llvm::SmallString<256> Unique;
      if (std::error_code EC = clang::tidy::coro::createRegisteredUniqueFile(
              *Options.Output + ".tmp-%%%%%%", ReportFD, Unique,
              removedOnInterrupt()))
        return "cannot write '" + Target + "': " + EC.message();
      ReportPath = std::string(Unique);
    }
    std::error_code EC;
    std::unique_ptr<llvm::raw_fd_ostream> File;
    if (ReportFD >= 0)
      File = std::make_unique<llvm::raw_fd_ostream>(ReportFD,
                                                    /*shouldClose=*/true);
    else if (ToSpecialFile)
      File = std::make_unique<llvm::raw_fd_ostream>(*Options.Output, EC,
                                                    llvm::sys::fs::OF_Text);
    if (EC)
      return "cannot write '" + Target + "': " + EC.message();
    llvm::raw_fd_ostream &OS = File ? *File : llvm::outs();
    switch (Options.OutputFormat) {
    case RunOptions::Format::Text:
      writeText(OS, All, useColors(Cmd, File != nullptr, Selected));
      break;
    case RunOptions::Format::Json:
      writeJson(OS, All, Sources);
      break;
    case RunOptions::Format::CodeClimate:
      writeCodeClimate(OS, All, Sources);
      break;
    case RunOptions::Format::Sarif:
      writeSarif(OS, All, Sources,
                 {COROLINT_VERSION,
                  Options.HelpUriBase.value_or(COROLINT_DOCS_URL)});
      break;
    }
    OS.flush();
    if (OS.has_error()) {
      std::string Reason = OS.error().message();
      OS.clear_error();
      File.reset();
      if (!ReportPath.empty())
        llvm::sys::fs::remove(ReportPath);
      return "cannot write '" + Target + "': " + Reason;
    }
    File.reset();
    if (!ReportPath.empty())
      if (std::error_code Renamed =
              llvm::sys::fs::rename(ReportPath, *Options.Output)) {
        llvm::sys::fs::remove(ReportPath);
        return "cannot write '" + Target + "': " + Renamed.message();
      }
    return std::nullopt;
  }

  /// The summary line on stderr, and the exit code.
  int summarize(std::chrono::steady_clock::time_point Start) {
    std::map<std::string, unsigned> PerCheck;
    bool Counted = false;
    for (const Finding &F : All) {
      if (F.isCompileError() || F.IsRemark)
        continue;
      ++PerCheck[F.Check];
      // With --warnings-as-errors only the findings it turns into errors
      // fail the run; without it, every finding does.
      Counted |= !Cmd.WarningsAsErrors || F.IsError;
    }
    unsigned Findings = 0;
    std::string PerCheckText;
    for (const auto &[Check, Count] : PerCheck) {
      Findings += Count;
      PerCheckText += (PerCheckText.empty() ? "" : ", ") + Check + ": " +
                      std::to_string(Count);
    }
    double Seconds = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - Start)
                         .count();
    size_t Analysed = Counts.Selected - Counts.NotAnalysed;
    llvm::errs() << "corolint: " << Analysed << " file"
                 << (Analysed == 1 ? "" : "s") << " analysed"
                 << (Cache ? " (" + std::to_string(Counts.FromCache) +
                                 " from the cache)"
                           : std::string())
                 << ", "
                 << (Counts.NotAnalysed ? std::to_string(Counts.NotAnalysed) +
                                              " not analysed, "
                                        : std::string())
                 << Counts.FailedFiles << " failed to compile, " << Findings
                 << " finding" << (Findings == 1 ? "" : "s")
                 << (PerCheckText.empty() ? "" : " (" + PerCheckText + ")")
                 << (BaselineWritten ? " recorded in baseline '" +
                                           *Options.WriteBaseline + "'"
                                     : std::string())
                 << llvm::format(", %.1f s\n", Seconds);

    if (Counts.FixesRefused)
      return ExitUsageError;
    // A file that was not analysed fails the run even when compile errors
    // are allowed: it was not found clean.
    if (Counts.NotAnalysed ||
        (Counts.FailedFiles && !Options.AllowCompileErrors))
      return ExitCompileErrors;
    return Counted && !BaselineWritten ? ExitFindings : ExitClean;
  }

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

} // namespace

int runAnalysis(const RunOptions &Options, const char *Argv0) {
  // Before the first temporary file: an interrupted run leaves none.
  stopWorkersOnInterrupt(ExitInterrupted);
  int Code = Analysis(Options, Argv0).run();
  // Also after an error that ended the run early.
  removeTemporaryFiles();
  return Code;
}

} // namespace corolint
