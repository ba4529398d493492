//===--- OncePerLocation.h - corolint --------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_ONCEPERLOCATION_H
#define COROLINT_UTILS_ONCEPERLOCATION_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"
#include <set>
#include <string>
#include <utility>

namespace clang::tidy::coro {

/// Code in templates is checked in each instantiation; this remembers the
/// locations already reported so each is reported once per translation unit.
/// \p What tells apart different findings at one location (two mutexes a
/// swap hands over).
class OncePerLocation {
public:
  bool firstTime(SourceLocation Loc, llvm::StringRef What = "") {
    return Seen.insert({Loc.getRawEncoding(), What.str()}).second;
  }
  void reset() { Seen.clear(); }

private:
  std::set<std::pair<SourceLocation::UIntTy, std::string>> Seen;
};

} // namespace clang::tidy::coro

#endif // COROLINT_UTILS_ONCEPERLOCATION_H
