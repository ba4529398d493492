//===--- Preflight.h - corolint command-line checks ------------*- C++ -*-===//
//
// clang-tidy is lenient with bad input: a missing compilation database makes
// it "run without flags", an unknown check name prints the whole help text.
// corolint checks the command line first and turns each such case into one
// clear error line and exit code 2, before clang-tidy's driver runs.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_PREFLIGHT_H
#define COROLINT_TOOL_PREFLIGHT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// What the preflight needs to know of a clang-tidy command line.
struct CommandLine {
  std::vector<std::string> Sources;   ///< Positional arguments before `--`.
  std::optional<std::string> BuildPath; ///< `-p`.
  std::optional<std::string> Checks;    ///< `--checks`.
  bool HasFixedFlags = false;           ///< A `--` with compiler flags follows.
  bool NeedsNoSources = false; ///< --version, --help, --list-checks...
};

CommandLine parseCommandLine(llvm::ArrayRef<const char *> Args);

/// Returns the error message for the first problem found, if any.
std::optional<std::string> findInputError(const CommandLine &Cmd);

/// Every check name registered by the linked modules.
std::vector<std::string> registeredCheckNames();

/// An error for a `--checks` item that names no known check, if any.
std::optional<std::string>
findUnknownCheck(llvm::StringRef Checks,
                 llvm::ArrayRef<std::string> KnownChecks);

} // namespace corolint

#endif // COROLINT_TOOL_PREFLIGHT_H
