//===--- LLVMCompat.h - what differs between the LLVMs corolint builds on -===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// corolint builds against the LLVM/Clang 16, 19 and 22 that Debian 12 ships.
// Every interface that changed between them is spelled here once, so that
// the rest of the code reads as written for LLVM 22 and no other file tests
// LLVM_VERSION_MAJOR. Each section names the release that changed it.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_LLVMCOMPAT_H
#define COROLINT_UTILS_LLVMCOMPAT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/FileEntry.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Lex/PPCallbacks.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/SHA1.h"
#include "llvm/Support/xxhash.h"
#include <utility>

// LLVM 22 moved the driver's options out of clangDriver.
#if LLVM_VERSION_MAJOR >= 22
#include "clang/Options/Options.h"
#else
#include "clang/Driver/Options.h"
#endif

// LLVM 22 moved the module registry into ClangTidyModule.h and deprecated
// the header that held it.
#if LLVM_VERSION_MAJOR < 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#else
#include "clang-tidy/ClangTidyModule.h"
#endif

namespace corolint::compat {

/// The canonical type of a class declaration (LLVM 22 gave tag types their
/// own constructor, getCanonicalTagType).
inline clang::QualType canonicalTagType(const clang::ASTContext &Ctx,
                                        const clang::TagDecl *Tag) {
#if LLVM_VERSION_MAJOR >= 22
  return Ctx.getCanonicalTagType(Tag);
#else
  return Ctx.getCanonicalType(Ctx.getTypeDeclType(Tag));
#endif
}

/// A 64-bit hash of \p Data for fingerprints and cache keys: XXH3 (LLVM 17
/// and later); LLVM 16 has only XXH64, so its build's fingerprints differ
/// from the other builds' (docs/usage.md says so).
/// clang-tidy's --header-filter defaults to '' (no header's findings) before
/// LLVM 22, to '.*' since.
constexpr bool DefaultHeaderFilterIsEmpty = LLVM_VERSION_MAJOR < 22;

/// clang-tidy's --removed-arg, which leaves a flag out of every compile
/// command (LLVM 21).
constexpr bool HasRemovedArg = LLVM_VERSION_MAJOR >= 21;

#if LLVM_VERSION_MAJOR >= 17
constexpr bool HasXXH3 = true;
constexpr llvm::StringLiteral Hash64Name = "xxh3";
#else
constexpr bool HasXXH3 = false;
constexpr llvm::StringLiteral Hash64Name = "xxh64";
#endif
inline uint64_t hash64(llvm::StringRef Data) {
#if LLVM_VERSION_MAJOR >= 17
  return llvm::xxh3_64bits(Data);
#else
  return llvm::xxHash64(Data);
#endif
}

/// A 128-bit hash of \p Data as 32 hexadecimal digits, for cache keys:
/// XXH3-128, or the first half of SHA-1 in LLVM 16 (no XXH3).
inline std::string hash128Hex(llvm::StringRef Data) {
  llvm::ArrayRef<uint8_t> Bytes(reinterpret_cast<const uint8_t *>(Data.data()),
                                Data.size());
#if LLVM_VERSION_MAJOR >= 17
  llvm::XXH128_hash_t Hash = llvm::xxh3_128bits(Bytes);
  return llvm::formatv("{0:x-16}{1:x-16}", Hash.high64, Hash.low64).str();
#else
  auto Digest = llvm::SHA1::hash(Bytes);
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest).take_front(16),
                     /*LowerCase=*/true);
#endif
}

/// The language options of \p Invocation (a pointer before LLVM 17).
inline clang::LangOptions &langOptions(clang::CompilerInvocation &Invocation) {
#if LLVM_VERSION_MAJOR >= 17
  return Invocation.getLangOpts();
#else
  return *Invocation.getLangOpts();
#endif
}

/// Whether \p Method has an explicit object parameter (`this Self &&`,
/// C++23 and LLVM 18; none before).
inline bool isExplicitObjectMember(const clang::CXXMethodDecl &Method) {
#if LLVM_VERSION_MAJOR >= 18
  return Method.isExplicitObjectMemberFunction();
#else
  return false;
#endif
}

/// The name a source manager's file entry was opened by (its file table
/// keys are FileEntryRefs since LLVM 17, FileEntry pointers before).
inline llvm::StringRef openedName(clang::FileEntryRef File) {
  return File.getName();
}
#if LLVM_VERSION_MAJOR < 19
inline llvm::StringRef openedName(const clang::FileEntry *File) {
  return File->getName();
}
#endif

/// Whether a task class promises never to be destroyed before it completes
/// (`[[clang::coro_only_destroy_when_complete]]`, LLVM 18).
inline bool onlyDestroyedWhenComplete(const clang::CXXRecordDecl &Task) {
#if LLVM_VERSION_MAJOR >= 18
  return Task.hasAttr<clang::CoroOnlyDestroyWhenCompleteAttr>();
#else
  return false;
#endif
}

/// Whether InclusionDirective runs before the included file is entered, so
/// that its contents may still be replaced there (LLVM 16 enters it first:
/// a replaced buffer would be freed under the lexer).
constexpr bool InclusionPrecedesEntry = LLVM_VERSION_MAJOR >= 19;

/// Preprocessor callbacks told of each `#include` that found a file: the
/// override of InclusionDirective for this LLVM (LLVM 19 added whether a
/// module was imported).
class InclusionCallbacks : public clang::PPCallbacks {
public:
  virtual void included(clang::OptionalFileEntryRef File,
                        clang::SrcMgr::CharacteristicKind Kind) = 0;

#if LLVM_VERSION_MAJOR >= 19
  void InclusionDirective(clang::SourceLocation, const clang::Token &,
                          llvm::StringRef, bool, clang::CharSourceRange,
                          clang::OptionalFileEntryRef File, llvm::StringRef,
                          llvm::StringRef, const clang::Module *, bool,
                          clang::SrcMgr::CharacteristicKind Kind) override {
    included(File, Kind);
  }
#else
  void InclusionDirective(clang::SourceLocation, const clang::Token &,
                          llvm::StringRef, bool, clang::CharSourceRange,
                          clang::OptionalFileEntryRef File, llvm::StringRef,
                          llvm::StringRef, const clang::Module *,
                          clang::SrcMgr::CharacteristicKind Kind) override {
    included(File, Kind);
  }
#endif
};

/// \p T without the sugar of how it was spelled (`Odd` for `vendor::Odd`
/// written inside `vendor`), so that it prints with its full scope. LLVM 22
/// folded that sugar (ElaboratedType) into the named types.
inline clang::QualType withoutSpelling(clang::QualType T) {
#if LLVM_VERSION_MAJOR < 22
  if (const auto *Elaborated =
          llvm::dyn_cast<clang::ElaboratedType>(T.getTypePtr())) {
    clang::QualType Named = Elaborated->getNamedType();
    return clang::QualType(Named.getTypePtr(),
                           T.getCVRQualifiers() | Named.getCVRQualifiers());
  }
#endif
  return T;
}

/// Runs a callable when the scope ends (LLVM 22 deprecated make_scope_exit
/// for the class template scope_exit).
template <typename Callable> auto onScopeExit(Callable &&F) {
#if LLVM_VERSION_MAJOR >= 22
  return llvm::scope_exit<std::decay_t<Callable>>(std::forward<Callable>(F));
#else
  return llvm::make_scope_exit(std::forward<Callable>(F));
#endif
}

/// A compiler instance for \p Invocation reading files through \p FS, with
/// \p Client (owned) as its diagnostics' consumer and a file manager
/// (LLVM 22 takes the invocation at construction and the file system apart
/// from the file manager; LLVM 20 the file system for the diagnostics).
inline std::unique_ptr<clang::CompilerInstance>
newCompilerInstance(std::shared_ptr<clang::CompilerInvocation> Invocation,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                    clang::DiagnosticConsumer *Client) {
#if LLVM_VERSION_MAJOR >= 22
  auto Compiler =
      std::make_unique<clang::CompilerInstance>(std::move(Invocation));
  Compiler->setVirtualFileSystem(FS);
  Compiler->createDiagnostics(Client, /*ShouldOwnClient=*/true);
  Compiler->createFileManager();
#else
  auto Compiler = std::make_unique<clang::CompilerInstance>();
  Compiler->setInvocation(std::move(Invocation));
  Compiler->createDiagnostics(Client, /*ShouldOwnClient=*/true);
  Compiler->createFileManager(FS);
#endif
  return Compiler;
}

/// Diagnostic options as the printer and the engine take them: by reference
/// since LLVM 21, reference counted before. Holders are passed where either
/// takes its options, and diagnosticOptions() reaches the options.
#if LLVM_VERSION_MAJOR >= 21
using DiagnosticOptionsHolder = clang::DiagnosticOptions;
inline clang::DiagnosticOptions &diagnosticOptions(DiagnosticOptionsHolder &O) {
  return O;
}
#else
struct DiagnosticOptionsHolder {
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> Options =
      llvm::makeIntrusiveRefCnt<clang::DiagnosticOptions>();
  operator clang::DiagnosticOptions *() const { return Options.get(); }
  operator llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions>() const {
    return Options;
  }
};
inline clang::DiagnosticOptions &diagnosticOptions(DiagnosticOptionsHolder &O) {
  return *O.Options;
}
#endif

/// clang's driver options table, and its arguments parsed as the clang
/// driver would (LLVM 17 added option visibilities).
#if LLVM_VERSION_MAJOR >= 22
namespace driver_options = clang::options;
#else
namespace driver_options = clang::driver::options;
#endif
inline llvm::opt::InputArgList
parseDriverArguments(llvm::ArrayRef<const char *> Args, unsigned &MissingIndex,
                     unsigned &MissingCount) {
#if LLVM_VERSION_MAJOR >= 22
  return clang::getDriverOptTable().ParseArgs(
      Args, MissingIndex, MissingCount,
      llvm::opt::Visibility(clang::options::ClangOption));
#elif LLVM_VERSION_MAJOR >= 17
  return clang::driver::getDriverOptTable().ParseArgs(
      Args, MissingIndex, MissingCount,
      llvm::opt::Visibility(clang::driver::options::ClangOption));
#else
  return clang::driver::getDriverOptTable().ParseArgs(Args, MissingIndex,
                                                      MissingCount);
#endif
}

} // namespace corolint::compat

#if LLVM_VERSION_MAJOR < 20
namespace llvm::json {
/// LLVM 20 reads an unsigned from JSON; before it only int64_t and uint64_t.
inline bool fromJSON(const Value &E, unsigned int &Out, Path P) {
  if (auto S = E.getAsInteger(); S && *S >= 0 && *S <= UINT32_MAX) {
    Out = static_cast<unsigned int>(*S);
    return true;
  }
  P.report("expected unsigned integer");
  return false;
}
} // namespace llvm::json
#endif

#endif // COROLINT_UTILS_LLVMCOMPAT_H
