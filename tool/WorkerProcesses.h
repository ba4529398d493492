//===--- WorkerProcesses.h - workers as forked copies of corolint -*- C++
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//-*-===//
//
// The orchestrator analyses each translation unit in a worker process, so
// that a crash, an abort or a runaway unit costs that unit only. Starting
// the corolint executable again for every unit costs about 20 ms of dynamic
// linking and static initialisation (libLLVM and libclang-cpp), as much as
// parsing a small file; a fork of the orchestrator costs about 2 ms and
// isolates the unit just as well. The orchestrator forks only from its one
// thread, so a copy never inherits a lock that another thread held.
//
// The orchestrator's temporary files are removed when the run is
// interrupted or crashes, never when one of its workers does: they are kept
// in this file's own list, not in LLVM's (a forked worker inherits LLVM's
// list and would remove them on its own crash).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_WORKERPROCESSES_H
#define COROLINT_TOOL_WORKERPROCESSES_H

#include "Files.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// The most workers that run at once.
constexpr unsigned MaxWorkers = 1024;

/// One worker to run: what runWorker() gets, and where its stderr goes.
struct WorkerCommand {
  /// The program name, then the worker's arguments.
  std::vector<std::string> Args;
  std::string ErrorPath;
};

/// How a worker ended.
struct WorkerExit {
  int Code = -1; ///< Its exit code, when it exited.
  bool Signalled = false;
  bool TimedOut = false; ///< Killed when it outlived its time limit.
  std::string Message;   ///< The signal's name, or why it did not start.
  bool ended() const { return !Signalled && Message.empty(); }
};

/// Runs \p Commands, at most \p Jobs at once, each in a forked copy of this
/// process; calls \p Finished on this thread as each worker ends (in any
/// order). A worker still running \p TimeoutSeconds after it started (0:
/// no limit), hung or stopped, is killed. The process must have no other
/// thread.
void runWorkers(
    llvm::ArrayRef<WorkerCommand> Commands, unsigned Jobs,
    llvm::function_ref<void(size_t Index, const WorkerExit &)> Finished,
    unsigned TimeoutSeconds = 0);

/// From now on, an interrupt (SIGINT, SIGTERM...) or a crash of this process
/// removes the temporary files, stops the running workers, and an interrupt
/// ends the run with \p InterruptedExitCode.
void stopWorkersOnInterrupt(int InterruptedExitCode);

/// \p Path is removed if the run is interrupted or crashes (not if a worker
/// does); keepOnInterrupt() takes it back.
void removeOnInterrupt(llvm::StringRef Path);
/// A folder of the run's: removed (when empty) after the files.
void removeFolderOnInterrupt(llvm::StringRef Path);
void keepOnInterrupt(llvm::StringRef Path);
/// Removes the temporary files still listed: the end of a run, whichever
/// way it ends.
void removeTemporaryFiles();

/// removeOnInterrupt() and keepOnInterrupt(), for the helpers of utils/Files
/// that create files registered before they exist.
const clang::tidy::coro::TemporaryRegistry &removedOnInterrupt();

/// A new file in the temporary directory, named `corolint-*.<Suffix>`,
/// removed if the run is interrupted or crashes, and at its end; the reason
/// on failure.
std::optional<std::string> makeTemporary(llvm::StringRef Suffix,
                                         std::string &Path);

/// A new folder in the temporary directory, registered for removal before
/// it exists (removed when empty, after the files).
std::optional<std::string>
makeTemporaryFolder(llvm::SmallVectorImpl<char> &Folder);

} // namespace corolint

#endif // COROLINT_TOOL_WORKERPROCESSES_H
