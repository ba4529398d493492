//===--- FunctionIndex.h - corolint ----------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What the checks compute about the coroutine they are looking at, computed
// once for all of them. clang-tidy hands each coroutine to every check in
// turn (they register the same matchers, and MatchFinder runs them one after
// the other at each node), and nearly every check walks the body and asks
// for its parents: on code where every coroutine has findings, walking and
// building the same maps and graphs again was a third of the checks' time.
//
// CoroutineCheck focuses the index on each coroutine before the checks see
// it; forEachStmtInFunction and LazyBodyParents read it when what they are
// asked about is in the focused body, and do their own work otherwise.
//
// The index is per thread: clangd builds several translation units at once,
// each on one thread, and clang-tidy runs a unit's checks on one thread.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_MODEL_FUNCTIONINDEX_H
#define COROLINT_MODEL_FUNCTIONINDEX_H

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>

namespace clang {
class CFG;
} // namespace clang

namespace clang::tidy::coro {

class BodyParents;

namespace function_index {

/// Makes \p Function's body the focused one, dropping what was computed for
/// another; nothing is computed before a check asks.
void focus(const FunctionDecl &Function);

/// Drops the focus and everything computed. Called when a translation unit
/// starts and ends: the next unit may reuse its nodes' addresses.
void reset();

/// The statements forEachStmtInFunction(Root) visits, in its order, when
/// \p Root is one it visits from the focused body; nothing otherwise (the
/// caller walks \p Root itself).
std::optional<llvm::ArrayRef<const Stmt *>> statementsFrom(const Stmt &Root);

/// The parents of \p Body when it is the focused function's body (or, for a
/// coroutine, the body its author wrote: getWrittenBody()), shared by every
/// check until the focus moves; null otherwise.
const BodyParents *sharedParents(const Stmt &Body);

/// True when \p Body is the focused function's written body: its
/// buildBodyCFG() is shared (see BodyCFG).
bool sharesCFG(const Stmt &Body);
/// The shared buildBodyCFG() of \p Body, built the first time it is asked
/// for; null when it is not shared or clang cannot build it.
const CFG *sharedCFG(const Stmt &Body, ASTContext &Ctx);

} // namespace function_index
} // namespace clang::tidy::coro

#endif // COROLINT_MODEL_FUNCTIONINDEX_H
