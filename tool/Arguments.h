//===--- Arguments.h - corolint's command line -----------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// One command-line model: corolint's own options are llvm::cl options,
// registered beside clang-tidy's (in clang-tidy's category, so its --help
// lists them), and the whole command line is parsed once by llvm::cl, as
// clang-tidy parses it: `@file` response files, `-h`/`--help`, `--` and the
// compiler flags after it, an option given twice or unknown. What the run
// needs of clang-tidy's options is read from the parsed options themselves,
// and the workers get the arguments that are clang-tidy's.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_ARGUMENTS_H
#define COROLINT_TOOL_ARGUMENTS_H

#include "Driver.h"
#include "Preflight.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <string>

namespace corolint {

/// True when \p Args ask for help or the version, which clang-tidy's driver
/// prints (with corolint's options) and exits.
bool asksForHelpOrVersion(llvm::ArrayRef<const char *> Args);

/// Parses a command line whose response files are expanded: corolint's own
/// options into \p Options (with Options.TidyArgs the rest, in order), what
/// the run needs of clang-tidy's into \p Cmd. The error is one line.
std::optional<std::string> parseArguments(llvm::ArrayRef<const char *> Args,
                                          RunOptions &Options,
                                          CommandLine &Cmd);

/// What \p TidyArgs, clang-tidy arguments only (a worker's), say.
CommandLine parseTidyArguments(llvm::ArrayRef<const char *> TidyArgs);

/// Adds corolint's options to clang-tidy's category once clang-tidy's
/// options are registered, so that its --help lists them with its own.
void showOptionsInClangTidyHelp();

} // namespace corolint

#endif // COROLINT_TOOL_ARGUMENTS_H
