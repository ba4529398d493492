//===--- Diff.h - corolint on changed lines --------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `--diff=REV` / `--diff=-`: the lines a unified diff adds or changes, per
// file, as clang-tidy-diff reads them (pre-commit hooks, pull requests).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_DIFF_H
#define COROLINT_TOOL_DIFF_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace corolint {

/// First and last line (1-based, inclusive) of a changed run of lines.
using LineRange = std::pair<unsigned, unsigned>;
/// Absolute path -> the ranges the diff adds or changes in the new file. A
/// file the diff only removes lines from is present with no ranges.
using ChangedLines = llvm::StringMap<std::vector<LineRange>>;

/// Reads a unified diff (`git diff`, `diff -u`, with context or without):
/// the lines each hunk adds. Paths are taken relative to \p Root after
/// dropping git's destination prefix (`b/`, or `w/`, `i/` with
/// diff.mnemonicPrefix); quoted paths are unquoted. A text that is not a
/// diff, or a hunk whose lines do not match its header, is an error.
llvm::Expected<ChangedLines> parseUnifiedDiff(llvm::StringRef Text,
                                              llvm::StringRef Root);

/// `git diff -U0 --relative REV` in the current folder, into \p Text; the
/// error is one line.
std::optional<std::string> gitDiff(llvm::StringRef Revision, std::string &Text);

} // namespace corolint

#endif // COROLINT_TOOL_DIFF_H
