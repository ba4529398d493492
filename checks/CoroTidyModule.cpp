//===--- CoroTidyModule.cpp - corolint ------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CoroTidyModule.h"
#include "AwaitInLoopCheck.h"
#include "BlockingCallCheck.h"
#include "CapturingLambdaCheck.h"
#include "CleanupAfterSuspendCheck.h"
#include "DanglingReferenceCheck.h"
#include "DiscardedTaskCheck.h"
#include "LockAcrossSuspendCheck.h"
#include "SequentialAwaitCheck.h"

namespace clang::tidy::coro {

void CoroModule::addCheckFactories(ClangTidyCheckFactories &CheckFactories) {
#define CORO_CHECK(Name, Class, Severity, Summary)                             \
  CheckFactories.registerCheck<Class>(Name);
#include "Checks.def"
}

llvm::StringRef severityName(Severity S) {
  switch (S) {
  case Severity::Info:
    return "info";
  case Severity::Minor:
    return "minor";
  case Severity::Major:
    return "major";
  case Severity::Critical:
    return "critical";
  }
  llvm_unreachable("unknown severity");
}

std::optional<Severity> parseSeverity(llvm::StringRef Name) {
  for (Severity S :
       {Severity::Info, Severity::Minor, Severity::Major, Severity::Critical})
    if (Name == severityName(S))
      return S;
  return std::nullopt;
}

} // namespace clang::tidy::coro
