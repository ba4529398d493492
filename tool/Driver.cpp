//===--- Driver.cpp - corolint runs over a codebase -----------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "Analysis.h"
#include "WorkerProcesses.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

namespace corolint {

int runAnalysis(const RunOptions &Options, const CommandLine &Cmd,
                const char *Argv0) {
  // Before the first temporary file: an interrupted run leaves none.
  stopWorkersOnInterrupt(ExitInterrupted);
  int Code = Analysis(Options, Cmd, Argv0).run();
  // Also after an error that ended the run early.
  removeTemporaryFiles();
  return Code;
}

} // namespace corolint
