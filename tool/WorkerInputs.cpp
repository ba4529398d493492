//===--- WorkerInputs.cpp - corolint --------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "WorkerInputs.h"
#include "Arguments.h"
#include "Files.h"
#include "LLVMCompat.h"
#include "Preflight.h"
#include "Rendering.h"
#include "clang/Basic/DiagnosticFrontend.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace corolint {

namespace {

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

/// Collects, after preprocessing, every file the unit read.
class ListInputsAction : public clang::PreprocessOnlyAction {
public:
  explicit ListInputsAction(std::vector<std::string> &Inputs)
      : Inputs(Inputs) {}
  void EndSourceFileAction() override {
    Inputs =
        clang::tidy::coro::filesRead(getCompilerInstance().getSourceManager());
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

/// Reads \p File whole into memory, once, before clang maps it: a mapped
/// file that grows while it is lexed loses the terminator after its first
/// size, and the lexer runs off the mapping (clang reads "volatile" files
/// this way, but clang-tidy's driver does not mark any file volatile).
void readWhole(clang::SourceManager &SM, clang::FileEntryRef File) {
  if (SM.isFileOverridden(File))
    return;
  auto Buffer = SM.getFileManager().getVirtualFileSystem().getBufferForFile(
      File.getName(), /*FileSize=*/-1, /*RequiresNullTerminator=*/true,
      /*IsVolatile=*/true);
  if (Buffer)
    SM.overrideFileContents(File, std::move(*Buffer));
}

/// Reads the unit's own files (not system headers) whole, each just before
/// it is first entered.
class WholeFileReader : public corolint::compat::InclusionCallbacks {
public:
  explicit WholeFileReader(clang::SourceManager &SM) : SM(SM) {}

  void included(clang::OptionalFileEntryRef File,
                clang::SrcMgr::CharacteristicKind Kind) override {
    if (corolint::compat::InclusionPrecedesEntry && File &&
        Kind == clang::SrcMgr::C_User)
      readWhole(SM, *File);
  }

private:
  clang::SourceManager &SM;
};

/// The main file: its buffer is read when the parse starts, after the checks
/// see the preprocessor.
void readMainFileWhole(clang::SourceManager &SM) {
  clang::FileID Main = SM.getMainFileID();
  if (Main.isInvalid())
    return;
  const clang::SrcMgr::SLocEntry &Entry = SM.getSLocEntry(Main);
  if (!Entry.isFile() || Entry.getFile().getContentCache().getBufferIfLoaded())
    return;
  if (clang::OptionalFileEntryRef File = SM.getFileEntryRefForID(Main))
    readWhole(SM, *File);
}

bool &recordingInputs() {
  static bool Recording = false;
  return Recording;
}

} // namespace

void watchUnit(const clang::SourceManager &, clang::Preprocessor &PP) {
  static const clang::Preprocessor *Watched = nullptr;
  if (Watched == &PP)
    return;
  Watched = &PP;
  clang::SourceManager &SM = PP.getSourceManager();
  readMainFileWhole(SM);
  PP.addPPCallbacks(std::make_unique<WholeFileReader>(SM));
  if (recordingInputs())
    PP.addPPCallbacks(std::make_unique<InputRecorder>(SM));
}

void recordInputsOfUnit() { recordingInputs() = true; }

int scanInputs(llvm::ArrayRef<const char *> Args, llvm::StringRef Output) {
  CommandLine Cmd = parseTidyArguments(Args);
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

} // namespace corolint
