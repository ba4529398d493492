//===--- WorkerPool.cpp - corolint ----------------------------------------===//

#include "WorkerPool.h"
#include "Files.h"
#include "Worker.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include <tuple>

namespace corolint {

namespace {

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

/// Parses the arguments every worker will get with clang-tidy's own option
/// parser, in this process (clang-tidy's options are registered here too),
/// so that an unknown flag is one usage error before any file is analysed,
/// not the same error once per file.
std::optional<std::string>
parseToolArguments(const std::vector<std::string> &Shared) {
  static llvm::cl::OptionCategory Category("corolint's check of the arguments");
  std::vector<const char *> Argv = {"corolint"};
  for (const std::string &Arg : Shared)
    Argv.push_back(Arg.c_str());
  // No compilation database is looked for: the sources come later.
  Argv.push_back("--");
  int Argc = static_cast<int>(Argv.size());
  llvm::Expected<clang::tooling::CommonOptionsParser> Parsed =
      clang::tooling::CommonOptionsParser::create(Argc, Argv.data(), Category,
                                                  llvm::cl::ZeroOrMore);
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

} // namespace

std::vector<std::string> sharedWorkerArgs(const RunOptions &Options,
                                          const CommandLine &Cmd) {
  std::vector<std::string> Shared;
  size_t End =
      Cmd.HasFixedFlags ? Cmd.FixedFlagsIndex : Options.TidyArgs.size();
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

std::optional<std::string>
writeOneCommandDatabase(llvm::StringRef Folder,
                        const clang::tooling::CompileCommand &Command) {
  llvm::SmallString<256> Path(Folder);
  llvm::sys::path::append(Path, "compile_commands.json");
  removeOnInterrupt(Path);
  llvm::json::Array Arguments;
  for (const std::string &Arg : Command.CommandLine)
    Arguments.push_back(Arg);
  llvm::json::Value Entries = llvm::json::Array{
      llvm::json::Object{{"directory", Command.Directory},
                         {"file", Command.Filename},
                         {"arguments", std::move(Arguments)}}};
  if (llvm::Error Error = clang::tidy::coro::writeFileAtomically(
          Path, [&](llvm::raw_ostream &OS) { OS << Entries; }))
    return llvm::toString(std::move(Error));
  return std::nullopt;
}

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
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                llvm::StringRef("/dev/null"),
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

void WorkerPool::run(std::vector<FileResult *> Batch, bool WithFacts) {
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

void WorkerPool::largestFirst(std::vector<FileResult *> &Batch) {
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

WorkerCommand WorkerPool::commandFor(FileResult &Result, bool WithFacts) {
  llvm::sys::fs::remove(Result.ResultPath);
  WorkerCommand Command;
  makeTemporary("err", Command.ErrorPath);
  Command.Args = {Args.Program, (ResultFlag + Result.ResultPath).str(),
                  (UnitFactsFlag + Result.UnitFactsPath).str()};
  if (WithFacts)
    Command.Args.push_back((ProgramFactsFlag + Args.ProgramFactsPath).str());
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

void WorkerPool::readResult(FileResult &Result, llvm::StringRef ErrPath,
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

} // namespace corolint
