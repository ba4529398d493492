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
#define CORO_CHECK(Name, Class, Summary)                                       \
  CheckFactories.registerCheck<Class>(Name);
#include "Checks.def"
}

} // namespace clang::tidy::coro
