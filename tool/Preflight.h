//===--- Preflight.h - corolint command-line checks ------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// clang-tidy is lenient with bad input: a missing compilation database makes
// it "run without flags", an unknown check name prints the whole help text.
// corolint checks the command line first and turns each such case into one
// clear error line and exit code 2, before clang-tidy's driver runs.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_PREFLIGHT_H
#define COROLINT_TOOL_PREFLIGHT_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// What the run needs to know of clang-tidy's options (parseArguments).
struct CommandLine {
  std::vector<std::string> Sources;     ///< Positional arguments before `--`.
  std::vector<size_t> SourceIndexes;    ///< Where they are in the arguments.
  std::optional<std::string> BuildPath; ///< `-p`.
  std::optional<std::string> Checks;    ///< `--checks`.
  bool HasFixedFlags = false;           ///< A `--` with compiler flags follows.
  size_t FixedFlagsIndex = 0;           ///< The index of that `--`.
  bool NeedsNoSources = false;          ///< --version, --help, --list-checks...
  std::optional<std::string> Config;    ///< `--config`.
  std::optional<std::string> ConfigFile; ///< `--config-file`.
  bool Fixing = false;                   ///< --fix, --fix-notes, --fix-errors.
  bool FixNotes = false;  ///< --fix-notes: a fix found on a note too.
  bool FixErrors = false; ///< --fix-errors: fix units with errors too.
  std::optional<std::string> FormatStyle; ///< `--format-style`.
  std::optional<bool> UseColor;           ///< `--use-color[=bool]`.
  bool WarningsAsErrors = false;
  std::optional<std::string> LineFilter; ///< `--line-filter`.
  bool HeaderFilterGiven = false; ///< `--header-filter` on the command line.
};

/// The translation units to analyse, absolute, sorted and each once: the
/// named files; the files of compile_commands.json below named directories
/// or matching named globs; or, with none named, every file in it. The error
/// is one line. \p WithCommand, when given, receives those the build
/// directory's compile_commands.json (the database clang-tidy will read) has
/// a command for, so that their workers need not read it again to ask.
std::optional<std::string>
collectInputFiles(const CommandLine &Cmd, std::vector<std::string> &Files,
                  llvm::StringSet<> *WithCommand = nullptr);

/// The `--checks` value for a run whose command line names none:
/// corolint's default `-*,coro-*`, refined by the coro globs of the
/// configuration that applies to \p File (`--config`, `--config-file`, or the
/// `.clang-tidy` files above it). Only the globs about coro checks are taken
/// (and a `-*` that some of them follow): a project's `Checks: '-*,bugprone-*'`
/// is for clang-tidy and must not switch corolint's checks off, while
/// `-coro-sequential-await` or `-*,coro-discarded-task` narrow them.
std::string defaultChecksFor(const CommandLine &Cmd, llvm::StringRef File);

/// Whether neither the command line nor a configuration of \p File sets
/// which headers' findings are shown.
bool headerFilterUnset(const CommandLine &Cmd, llvm::StringRef File);

/// An error for a configuration clang-tidy would not parse (the --config
/// text, the --config-file, or a .clang-tidy file above one of \p Files):
/// clang-tidy would report it per file and run every check anyway.
std::optional<std::string>
checkConfiguration(const CommandLine &Cmd, llvm::ArrayRef<std::string> Files);

/// An error for a --line-filter clang-tidy's driver would not parse (it
/// would say so once per file).
std::optional<std::string> checkLineFilter(const CommandLine &Cmd);

/// The options the configuration that applies to \p File sets (`--config`,
/// `--config-file`, or the `.clang-tidy` files above it), as clang-tidy
/// merges them; unset where none sets them.
clang::tidy::ClangTidyOptions configuredOptions(const CommandLine &Cmd,
                                                llvm::StringRef File);

/// A C++ (or CUDA/HIP) translation unit, as clang's driver sees it (by its
/// extension).
bool isCxxSource(const std::string &Path);

/// The coro globs of a check list, as described above.
std::string coroGlobsOf(llvm::StringRef Checks);

/// Every check name registered by the linked modules.
std::vector<std::string> registeredCheckNames();

/// An error for a `--checks` item that names no known check, if any.
std::optional<std::string>
findUnknownCheck(llvm::StringRef Checks,
                 llvm::ArrayRef<std::string> KnownChecks);

} // namespace corolint

#endif // COROLINT_TOOL_PREFLIGHT_H
