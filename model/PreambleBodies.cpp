//===--- PreambleBodies.cpp - corolint ------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "PreambleBodies.h"
#include "Files.h"
#include "LLVMCompat.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Sema/Sema.h"
#include "llvm/Support/MemoryBuffer.h"
#include <future>
#include <map>
#include <mutex>
#include <vector>

namespace clang::tidy::coro {

namespace {

/// How a unit built on a preamble was compiled: enough to parse its
/// preamble again.
struct PreambleOptions {
  LangOptions Lang;
  TargetOptions Target;
  HeaderSearchOptions HeaderSearch;
  PreprocessorOptions Preprocessor;
  FileSystemOptions Files; ///< The compile command's working directory.
  IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS;
};

/// Set while an analysis of a second parse runs: what it asks of the
/// preamble is answered by its own bodies, never by another parse.
thread_local bool InsideAnalysis = false;

/// A file the second parse read, as it was then.
struct FileStamp {
  std::string Path;
  llvm::sys::TimePoint<> Modified;
  uint64_t Size = 0;
};

/// One analysis of one file's preamble: a result being computed (other
/// threads wait for it, holding no lock) or computed (null when the second
/// parse failed: not retried until something changes).
struct CachedResult {
  std::string Key; ///< Options, purpose and preamble text it was made for.
  bool Ready = false;
  std::vector<FileStamp> Files;
  std::shared_future<detail::ErasedResult> Result;
};

/// clangd builds the units of several files at once, on several threads.
std::mutex Lock;
/// Keyed by the unit's SourceManager, which lives as long as the unit;
/// removed at the end of the unit (forgetPreamble).
std::map<const SourceManager *, std::shared_ptr<const PreambleOptions>> Units;
/// Keyed by main file and purpose: a new preamble of a file replaces the
/// result of its old one, so this holds one result per file and purpose.
std::map<std::string, CachedResult> Results;

std::string fingerprintOf(const PreambleOptions &Options,
                          llvm::StringRef MainFile) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << MainFile << '\n'
     << Options.Target.Triple << '\n'
     << static_cast<int>(Options.Lang.LangStd) << '\n'
     << Options.HeaderSearch.Sysroot << '\n'
     << Options.HeaderSearch.ResourceDir << '\n';
  for (const auto &Entry : Options.HeaderSearch.UserEntries)
    OS << static_cast<int>(Entry.Group) << Entry.Path << '\n';
  for (const auto &Macro : Options.Preprocessor.Macros)
    OS << (Macro.second ? "-U" : "-D") << Macro.first << '\n';
  for (const std::string &Include : Options.Preprocessor.Includes)
    OS << "-include " << Include << '\n';
  return Text;
}

bool unchanged(const std::vector<FileStamp> &Files, llvm::vfs::FileSystem &FS) {
  for (const FileStamp &File : Files) {
    llvm::ErrorOr<llvm::vfs::Status> Now = FS.status(File.Path);
    if (!Now || Now->getLastModificationTime() != File.Modified ||
        Now->getSize() != File.Size)
      return false;
  }
  return true;
}

std::vector<FileStamp> stampsOf(const SourceManager &SM,
                                llvm::vfs::FileSystem &FS,
                                llvm::StringRef MainFile) {
  std::vector<FileStamp> Files;
  for (const std::string &Path : filesRead(SM)) {
    // The main file's preamble text is part of the key: saving the file
    // after an edit below its #includes changes nothing.
    if (Path == MainFile)
      continue;
    llvm::ErrorOr<llvm::vfs::Status> Status = FS.status(Path);
    if (Status)
      Files.push_back(
          {Path, Status->getLastModificationTime(), Status->getSize()});
  }
  return Files;
}

/// Parses the preamble text with bodies and hands the AST to the analysis.
class AnalyseAction : public ASTFrontendAction {
public:
  AnalyseAction(llvm::function_ref<detail::ErasedResult(ASTContext &)> Analyse,
                detail::ErasedResult &Result)
      : Analyse(Analyse), Result(Result) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    return std::make_unique<Consumer>(*this);
  }

private:
  struct Consumer : ASTConsumer {
    explicit Consumer(AnalyseAction &Action) : Action(Action) {}
    // After Sema's end of unit: pending template instantiations are done.
    void HandleTranslationUnit(ASTContext &Ctx) override {
      InsideAnalysis = true;
      Action.Result = Action.Analyse(Ctx);
      InsideAnalysis = false;
    }
    AnalyseAction &Action;
  };

  llvm::function_ref<detail::ErasedResult(ASTContext &)> Analyse;
  detail::ErasedResult &Result;
};

detail::ErasedResult
parseAndAnalyse(const PreambleOptions &Options, llvm::StringRef MainFile,
                llvm::StringRef PreambleText,
                llvm::function_ref<detail::ErasedResult(ASTContext &)> Analyse,
                std::vector<FileStamp> &Files) {
  auto Invocation = std::make_shared<CompilerInvocation>();
  corolint::compat::langOptions(*Invocation) = Options.Lang;
  Invocation->getTargetOpts() = Options.Target;
  Invocation->getHeaderSearchOpts() = Options.HeaderSearch;
  PreprocessorOptions &PPOpts = Invocation->getPreprocessorOpts();
  PPOpts = Options.Preprocessor;
  PPOpts.ImplicitPCHInclude.clear();
  PPOpts.UsePredefines = true;
  PPOpts.PrecompiledPreambleBytes = {0, false};
  PPOpts.clearRemappedFiles();
  // The buffer is the invocation's to free.
  PPOpts.RetainRemappedFileBuffers = false;
  PPOpts.addRemappedFile(
      MainFile,
      llvm::MemoryBuffer::getMemBufferCopy(PreambleText, MainFile).release());
  FrontendOptions &Frontend = Invocation->getFrontendOpts();
  Frontend.Inputs = {FrontendInputFile(MainFile, InputKind(Language::CXX))};
  Frontend.ProgramAction = frontend::ParseSyntaxOnly;
  Frontend.SkipFunctionBodies = false;

  Invocation->getFileSystemOpts() = Options.Files;

  // Its diagnostics were the preamble's, shown already by the real parse.
  std::unique_ptr<CompilerInstance> Compiler =
      corolint::compat::newCompilerInstance(std::move(Invocation), Options.FS,
                                            new IgnoringDiagConsumer);
  detail::ErasedResult Result;
  AnalyseAction Action(Analyse, Result);
  if (!Compiler->ExecuteAction(Action) && !Result)
    return nullptr;
  if (Compiler->hasSourceManager())
    Files = stampsOf(Compiler->getSourceManager(), *Options.FS, MainFile);
  return Result;
}

} // namespace

void notePreamble(const SourceManager &SM, const Preprocessor &PP) {
  const PreprocessorOptions &PPOpts = PP.getPreprocessorOpts();
  bool OnPreamble = PPOpts.PrecompiledPreambleBytes.first > 0 ||
                    !PPOpts.ImplicitPCHInclude.empty();
  std::lock_guard<std::mutex> Guard(Lock);
  if (!OnPreamble) {
    Units.erase(&SM);
    return;
  }
  auto Options = std::make_shared<PreambleOptions>();
  Options->Lang = PP.getLangOpts();
  Options->Target = PP.getTargetInfo().getTargetOpts();
  Options->HeaderSearch = PP.getHeaderSearchInfo().getHeaderSearchOpts();
  Options->Preprocessor = PPOpts;
  // clangd's patch for a stale preamble is an in-memory header the second
  // parse does not have (and does not need: it reads the current text).
  llvm::erase_if(Options->Preprocessor.Includes, [](const std::string &Path) {
    return llvm::StringRef(Path).contains("preamble_patch");
  });
  Options->Files = SM.getFileManager().getFileSystemOpts();
  // The files as they are on disk, from the compile command's directory:
  // clangd's own file system for a unit answers from a cache of the file
  // states its preamble was built with, which would keep a changed header's
  // facts stale.
  Options->FS = llvm::vfs::createPhysicalFileSystem();
  if (llvm::ErrorOr<std::string> Directory = SM.getFileManager()
                                                 .getVirtualFileSystem()
                                                 .getCurrentWorkingDirectory())
    Options->FS->setCurrentWorkingDirectory(*Directory);
  Units[&SM] = std::move(Options);
}

void forgetPreamble(const SourceManager &SM) {
  std::lock_guard<std::mutex> Guard(Lock);
  Units.erase(&SM);
}

const FunctionDecl *findSkippedBody(const FunctionDecl &FD) {
  // The pattern first: the second parse has the pattern, not this unit's
  // instantiations of it.
  const FunctionDecl *Related[] = {FD.getTemplateInstantiationPattern(),
                                   FD.getInstantiatedFromMemberFunction(), &FD};
  for (const FunctionDecl *Decl : Related) {
    if (!Decl)
      continue;
    for (const FunctionDecl *Redecl : Decl->redecls())
      if (Redecl->hasSkippedBody())
        return Redecl;
  }
  return nullptr;
}

void forEachFunctionDefinition(
    ASTContext &Ctx, llvm::function_ref<void(const FunctionDecl &)> Visit) {
  struct Visitor : RecursiveASTVisitor<Visitor> {
    llvm::function_ref<void(const FunctionDecl &)> Visit;
    bool shouldVisitTemplateInstantiations() const { return true; }
    bool shouldVisitImplicitCode() const { return false; }
    bool VisitFunctionDecl(FunctionDecl *FD) {
      if (FD->doesThisDeclarationHaveABody())
        Visit(*FD);
      return true;
    }
  } Walker;
  Walker.Visit = Visit;
  Walker.TraverseAST(Ctx);
}

namespace detail {

ErasedResult
analysePreamble(const SourceManager &SM, llvm::StringRef Purpose,
                llvm::function_ref<ErasedResult(ASTContext &)> Analyse) {
  if (InsideAnalysis)
    return nullptr;
  std::shared_ptr<const PreambleOptions> Options;
  {
    std::lock_guard<std::mutex> Guard(Lock);
    auto Unit = Units.find(&SM);
    if (Unit == Units.end())
      return nullptr;
    Options = Unit->second;
  }
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  if (!Main)
    return nullptr;
  llvm::StringRef Text = SM.getBufferData(SM.getMainFileID());
  unsigned Size = Lexer::ComputePreamble(Text, Options->Lang).Size;
  llvm::StringRef PreambleText = Text.take_front(Size);
  std::string MainFile = Main->getName().str();
  std::string Key = fingerprintOf(*Options, MainFile);
  Key += Purpose;
  Key += '\n';
  Key += PreambleText;
  std::string Slot = MainFile + "\n" + Purpose.str();

  // Look up, or claim, the result under the lock; parse without it, so
  // that other files' analyses go on meanwhile (and wait only for this
  // result if they need the same one).
  std::promise<ErasedResult> Promise;
  std::shared_future<ErasedResult> Future;
  {
    std::lock_guard<std::mutex> Guard(Lock);
    auto Cached = Results.find(Slot);
    if (Cached != Results.end() && Cached->second.Key == Key &&
        (!Cached->second.Ready ||
         unchanged(Cached->second.Files, *Options->FS)))
      Future = Cached->second.Result;
    if (!Future.valid())
      Results[Slot] = {Key, false, {}, Promise.get_future().share()};
  }
  if (Future.valid())
    return Future.get();
  std::vector<FileStamp> Files;
  ErasedResult Result =
      parseAndAnalyse(*Options, MainFile, PreambleText, Analyse, Files);
  {
    std::lock_guard<std::mutex> Guard(Lock);
    if (auto Mine = Results.find(Slot);
        Mine != Results.end() && Mine->second.Key == Key) {
      Mine->second.Ready = true;
      Mine->second.Files = std::move(Files);
    }
  }
  Promise.set_value(Result);
  return Result;
}

} // namespace detail

} // namespace clang::tidy::coro
