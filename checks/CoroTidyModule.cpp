//===--- CoroTidyModule.cpp - corolint ------------------------------------===//

#include "CoroTidyModule.h"
#include "BlockingCallCheck.h"
#include "DiscardedTaskCheck.h"
#include "LockAcrossSuspendCheck.h"
#include "SequentialAwaitCheck.h"

namespace clang::tidy::coro {

void CoroModule::addCheckFactories(ClangTidyCheckFactories &CheckFactories) {
  CheckFactories.registerCheck<BlockingCallCheck>("coro-blocking-call");
  CheckFactories.registerCheck<DiscardedTaskCheck>("coro-discarded-task");
  CheckFactories.registerCheck<LockAcrossSuspendCheck>(
      "coro-lock-across-suspend");
  CheckFactories.registerCheck<SequentialAwaitCheck>("coro-sequential-await");
}

} // namespace clang::tidy::coro
