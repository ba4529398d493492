//===--- OptionLists.cpp - corolint ---------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "OptionLists.h"
#include "llvm/ADT/Twine.h"

namespace clang::tidy::coro {

llvm::SmallVector<llvm::StringRef, 8> splitList(llvm::StringRef List) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  List.split(Parts, ';', -1, /*KeepEmpty=*/false);
  llvm::SmallVector<llvm::StringRef, 8> Trimmed;
  for (llvm::StringRef Part : Parts)
    if (!Part.trim().empty())
      Trimmed.push_back(Part.trim());
  return Trimmed;
}

std::vector<std::unique_ptr<llvm::Regex>>
compileRegexList(llvm::StringRef List) {
  std::vector<std::unique_ptr<llvm::Regex>> Patterns;
  for (llvm::StringRef Part : splitList(List))
    Patterns.push_back(
        std::make_unique<llvm::Regex>(("^(" + Part + ")$").str()));
  return Patterns;
}

std::vector<std::pair<std::string, std::string>>
invalidRegexes(llvm::StringRef List) {
  std::vector<std::pair<std::string, std::string>> Invalid;
  for (llvm::StringRef Part : splitList(List)) {
    std::string Error;
    if (!llvm::Regex(("^(" + Part + ")$").str()).isValid(Error))
      Invalid.emplace_back(Part.str(), Error);
  }
  return Invalid;
}

bool matchesAny(const std::vector<std::unique_ptr<llvm::Regex>> &Patterns,
                llvm::StringRef Name) {
  for (const auto &Pattern : Patterns)
    if (Pattern->isValid() && Pattern->match(Name))
      return true;
  return false;
}

} // namespace clang::tidy::coro
