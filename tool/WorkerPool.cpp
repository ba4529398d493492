//===--- WorkerPool.cpp - corolint ----------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "WorkerPool.h"
#include "Files.h"
#include "Worker.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"
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

} // namespace

std::vector<std::string> sharedWorkerArgs(const RunOptions &Options,
                                          const CommandLine &Cmd) {
  std::vector<std::string> Shared;
  size_t End =
      Cmd.HasFixedFlags ? Cmd.FixedFlagsIndex : Options.TidyArgs.size();
  for (size_t I = 1; I < End; ++I) {
    if (!llvm::is_contained(Cmd.SourceIndexes, I))
      Shared.push_back(Options.TidyArgs[I]);
  }
  // Workers never change files: the orchestrator applies the fixes. The
  // last occurrence of an option counts.
  if (Cmd.Fixing)
    llvm::append_range(
        Shared, std::initializer_list<const char *>{
                    "--fix=false", "--fix-notes=false", "--fix-errors=false"});
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
