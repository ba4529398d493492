//===--- QualifiedNames.h - corolint ---------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_QUALIFIEDNAMES_H
#define COROLINT_UTILS_QUALIFIEDNAMES_H

#include "clang/AST/Decl.h"
#include <string>

namespace clang::tidy::coro {

/// The qualified name of \p D without inline namespaces, so that libc++'s
/// `std::__1::this_thread::sleep_for` reads `std::this_thread::sleep_for`.
std::string getPortableQualifiedName(const NamedDecl &D);

/// True when the qualified name \p Name is \p Namespace or inside it
/// (`folly::coro::detail` is in `folly::coro`, `folly::corox` is not).
bool isInNamespace(llvm::StringRef Name, llvm::StringRef Namespace);

} // namespace clang::tidy::coro

#endif // COROLINT_UTILS_QUALIFIEDNAMES_H
