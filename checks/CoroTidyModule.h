//===--- CoroTidyModule.h - corolint ---------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The `coro` clang-tidy module: every corolint check, registered once and
// shared by both front ends (the standalone tool and the clang-tidy plugin).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_COROTIDYMODULE_H
#define COROLINT_CHECKS_COROTIDYMODULE_H

#include "LLVMCompat.h"
#include "clang-tidy/ClangTidyModule.h"

namespace clang::tidy::coro {

class CoroModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override;
};

/// What a finding costs if left, from a hint to memory safety: ranks it in
/// the reports (SARIF level, Code Quality severity, JSON).
enum class Severity { Info, Minor, Major, Critical };

/// The option value naming \p S: info, minor, major or critical.
llvm::StringRef severityName(Severity S);
/// The severity an option value names, if any.
std::optional<Severity> parseSeverity(llvm::StringRef Name);

/// A check's name, default severity and one-line summary (for SARIF rules
/// and listings).
struct CheckSummary {
  const char *Name;
  Severity DefaultSeverity;
  const char *Summary;
};
inline constexpr CheckSummary CheckSummaries[] = {
#define CORO_CHECK(Name, Class, Sev, Summary) {Name, Severity::Sev, Summary},
#include "Checks.def"
};

/// The name the module is registered under in clang-tidy's module registry.
inline constexpr const char *CoroModuleName = "coro-module";
inline constexpr const char *CoroModuleDescription =
    "corolint: checks for C++20 coroutine pitfalls";

} // namespace clang::tidy::coro

#endif // COROLINT_CHECKS_COROTIDYMODULE_H
