//===--- PreambleBodies.cpp - corolint ------------------------------------===//

#include "PreambleBodies.h"
#include "Files.h"
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
#include "llvm/Support/xxhash.h"
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
  IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS;
  std::string Fingerprint; ///< What of the options a cached result depends on.
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

struct CachedResult {
  std::vector<FileStamp> Files;
  detail::ErasedResult Result;
};

/// clangd builds the units of several files at once, on several threads.
std::mutex Lock;
/// Keyed by the unit's SourceManager, which lives as long as the unit; a
/// new unit at the same address replaces the entry before it parses.
std::map<const SourceManager *, std::shared_ptr<const PreambleOptions>> Units;
/// Keyed by preamble text, options and purpose; a few preambles per
/// project, so no eviction beyond replacing stale entries.
std::map<uint64_t, CachedResult> Results;

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
                                llvm::vfs::FileSystem &FS) {
  std::vector<FileStamp> Files;
  for (const std::string &Path : filesRead(SM)) {
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
  Invocation->getLangOpts() = Options.Lang;
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
      MainFile, llvm::MemoryBuffer::getMemBufferCopy(PreambleText, MainFile)
                    .release());
  FrontendOptions &Frontend = Invocation->getFrontendOpts();
  Frontend.Inputs = {FrontendInputFile(MainFile, InputKind(Language::CXX))};
  Frontend.ProgramAction = frontend::ParseSyntaxOnly;
  Frontend.SkipFunctionBodies = false;

  CompilerInstance Compiler(std::move(Invocation));
  Compiler.setVirtualFileSystem(Options.FS);
  // Its diagnostics were the preamble's, shown already by the real parse.
  Compiler.createDiagnostics(new IgnoringDiagConsumer, /*ShouldOwnClient=*/true);
  Compiler.createFileManager();
  detail::ErasedResult Result;
  AnalyseAction Action(Analyse, Result);
  if (!Compiler.ExecuteAction(Action) && !Result)
    return nullptr;
  if (Compiler.hasSourceManager())
    Files = stampsOf(Compiler.getSourceManager(), *Options.FS);
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
  // The files as they are on disk: clangd's own file system for a unit
  // answers from a cache of the file states its preamble was built with,
  // which would keep a changed header's facts stale.
  Options->FS = llvm::vfs::getRealFileSystem();
  Units[&SM] = std::move(Options);
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
  std::unique_lock<std::mutex> Guard(Lock);
  auto Unit = Units.find(&SM);
  if (Unit == Units.end())
    return nullptr;
  std::shared_ptr<const PreambleOptions> Options = Unit->second;
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
  uint64_t Hash = llvm::xxh3_64bits(Key);
  if (auto Cached = Results.find(Hash);
      Cached != Results.end() && unchanged(Cached->second.Files, *Options->FS))
    return Cached->second.Result;
  // Parsed under the lock: two files of one project share their preamble,
  // and the second then finds the first one's result.
  std::vector<FileStamp> Files;
  ErasedResult Result =
      parseAndAnalyse(*Options, MainFile, PreambleText, Analyse, Files);
  if (Result)
    Results[Hash] = {std::move(Files), Result};
  return Result;
}

} // namespace detail

} // namespace clang::tidy::coro
