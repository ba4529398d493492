//===--- BlockingCallInternals.h - corolint --------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What the parts of coro-blocking-call share: BlockingCallCheck.cpp (what
// blocks, options, reports), BlockingCallChains.cpp (chains through
// helpers, callbacks, the preamble and facts), BlockingCallFacts.cpp (facts
// across files and pending findings), BlockingCallFixes.cpp (async
// replacements).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_BLOCKINGCALLINTERNALS_H
#define COROLINT_CHECKS_BLOCKINGCALLINTERNALS_H

#include "BlockingCallCheck.h"
#include "ProgramFacts.h"
#include "llvm/ADT/ArrayRef.h"
#include <string>
#include <vector>

namespace clang::tidy::coro::blocking_call {

using Category = BlockingCallCheck::Category;

/// oneTBB declares its algorithms in versioned namespaces
/// (`tbb::detail::d1::parallel_invoke`) and exports them into `tbb`.
std::string withoutTbbDetail(llvm::StringRef Name);

/// The functions a callable argument stands for: a lambda (written in place
/// or held in a local initialized with one) or a function.
const FunctionDecl *callableArgument(const Expr *Arg);

/// The lambda an immediately invoked lambda call runs, or null.
const FunctionDecl *immediatelyInvokedLambda(const CallExpr &Call);

/// The class of the object a method is called on, or null.
const CXXRecordDecl *objectClass(const CallExpr &Call);

/// The callee as the diagnostics name it: quoted, or "the lambda".
std::string calleeName(const FunctionDecl &Callee);

/// The blocking callee as the diagnostics name it: a function object by
/// its own name, a method through the class of its object
/// (`std::future::wait`, not libstdc++'s base class).
std::string blockingCallName(const CallExpr &Call, const CalleeInfo &Callee);

/// What a category of blocking call does to the executor thread, as the
/// warnings say it: "sleeps the executor thread".
llvm::StringRef describe(Category Kind);

/// The location of a fact's step in this translation unit's source
/// manager, loading the file when no header of this unit brought it in.
SourceLocation locationOf(const FactStep &Step, SourceManager &SM);

/// A category's name in the unit facts and pending findings' payloads, and
/// back (an unknown name is Marked).
llvm::StringRef categoryName(Category Kind);
Category categoryFromName(llvm::StringRef Name);

/// The names of one step of a chain, as the diagnostics print them.
struct StepNames {
  std::string Name;
  std::string BodyName;
};

/// What a finding through helpers says: the warning, a note for each step
/// after the first (at its call), then one for each step in other files.
struct ChainWords {
  std::string Warning;
  std::vector<std::string> Notes;
};

ChainWords wordChain(llvm::ArrayRef<StepNames> Steps, Category Kind,
                     llvm::StringRef BlockingName,
                     llvm::ArrayRef<FactStep> External);

/// True when \p Body has an `if constexpr` whose condition depends on
/// template parameters.
bool hasDependentConstexprIf(const Stmt &Body);

/// The body a call of \p Function runs, to search: its definition or, for
/// a template specialization with no body in this unit (an `extern
/// template` one), its template's pattern; null when there is none.
const FunctionDecl *bodyToSearch(const FunctionDecl &Function);

/// A call dispatched through the vtable: any overrider may run.
bool isDispatchedVirtualCall(const CallExpr &Call);

/// \p Path absolute, without `.` and `..`: how facts name files.
std::string absolutePath(llvm::StringRef Path);

} // namespace clang::tidy::coro::blocking_call

#endif // COROLINT_CHECKS_BLOCKINGCALLINTERNALS_H
