//===--- OptionLists.h - corolint ------------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Check options that are lists (`a;b;c`), and lists of regular expressions
// each matching a whole name. Not about coroutines.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_OPTIONLISTS_H
#define COROLINT_UTILS_OPTIONLISTS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::coro {

/// Splits a semicolon-separated list, trimming blanks and dropping empties.
llvm::SmallVector<llvm::StringRef, 8> splitList(llvm::StringRef List);

/// Compiles a semicolon-separated regex list; each regex must match a whole
/// name.
std::vector<std::unique_ptr<llvm::Regex>>
compileRegexList(llvm::StringRef List);
/// The items of a `;`-separated regex list that do not compile, each with
/// llvm::Regex's reason.
std::vector<std::pair<std::string, std::string>>
invalidRegexes(llvm::StringRef List);

bool matchesAny(const std::vector<std::unique_ptr<llvm::Regex>> &Patterns,
                llvm::StringRef Name);

} // namespace clang::tidy::coro

#endif // COROLINT_UTILS_OPTIONLISTS_H
