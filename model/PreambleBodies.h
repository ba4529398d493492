//===--- PreambleBodies.h - corolint ---------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// clangd parses the headers of a file once into a preamble and, to keep it
// small and fast, skips the bodies of the functions declared there. The
// checks look into bodies: a helper in a header that sleeps, a promise's
// initial awaiter whose await_ready() returns false. So when an analysis
// meets a body the preamble skipped, the preamble part of the main file (its
// leading #includes) is parsed once more, with bodies, with the same compiler
// options, from the files on disk; what an analysis learns from that parse
// is cached while those files are unchanged, so edits of the main file do
// not pay for it again.
//
// clang-tidy and the corolint tool parse whole files and skip no body:
// nothing here runs for them.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_MODEL_PREAMBLEBODIES_H
#define COROLINT_MODEL_PREAMBLEBODIES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <memory>

namespace clang::tidy::coro {

/// Remembers, before \p PP parses its unit, how to parse the unit's preamble
/// again: only for units that are built on a precompiled preamble (clangd).
void notePreamble(const SourceManager &SM, const Preprocessor &PP);

/// Forgets what notePreamble() remembered, at the end of the unit.
void forgetPreamble(const SourceManager &SM);

/// The declaration of \p FD (or of the template pattern or member it is
/// instantiated from) whose body the preamble skipped, or null.
const FunctionDecl *findSkippedBody(const FunctionDecl &FD);

namespace detail {
using ErasedResult = std::shared_ptr<const void>;
ErasedResult
analysePreamble(const SourceManager &SM, llvm::StringRef Purpose,
                llvm::function_ref<ErasedResult(ASTContext &)> Analyse);
} // namespace detail

/// Runs \p Analyse on a parse of the preamble of \p SM's unit that keeps
/// function bodies, and returns its result; or the result it returned for
/// the same preamble text, compiler options and \p Purpose (which must name
/// everything else the result depends on, such as check options) while the
/// files that parse read are unchanged. Null when the unit has no preamble
/// or it cannot be parsed.
template <class Result>
std::shared_ptr<const Result>
analysePreamble(const SourceManager &SM, llvm::StringRef Purpose,
                llvm::function_ref<Result(ASTContext &)> Analyse) {
  return std::static_pointer_cast<const Result>(detail::analysePreamble(
      SM, Purpose, [&](ASTContext &Ctx) -> detail::ErasedResult {
        return std::make_shared<const Result>(Analyse(Ctx));
      }));
}

/// Calls \p Visit for every function definition of \p Ctx's unit (template
/// patterns and instantiations included), for analyses of the second parse.
void forEachFunctionDefinition(
    ASTContext &Ctx, llvm::function_ref<void(const FunctionDecl &)> Visit);

} // namespace clang::tidy::coro

#endif // COROLINT_MODEL_PREAMBLEBODIES_H
