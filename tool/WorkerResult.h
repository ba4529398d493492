//===--- WorkerResult.h - what a worker reports of its unit ----*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The contract between corolint's orchestrator and its workers (corolint in
// worker mode, one process per translation unit): the worker writes one
// result file, and the orchestrator decides everything from it, never
// from the worker's stderr or by reading sources again. Diagnostics arrive
// placed (lines, byte and UTF-16 columns, ends) and rendered by clang where
// the sources were read, with the hashes of the files their offsets refer to.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_WORKERRESULT_H
#define COROLINT_TOOL_WORKERRESULT_H

#include "Findings.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <string>
#include <vector>

namespace corolint {

struct WorkerResult {
  enum class Status {
    Analysed,        ///< The checks ran (findings may be empty).
    Skipped,         ///< Not analysed: Reason says why.
    FailedToCompile, ///< Compile errors; the findings hold them.
    Error,           ///< The analysis could not run: Reason says why.
  };
  Status State = Status::Error;
  std::string Reason;
  std::vector<Finding> Findings;
  /// The xxh3 hash of each file the findings' offsets refer to, as read.
  std::map<std::string, std::string> FileHashes;
  /// The --enable-check-profile table, when asked for.
  std::string Profile;
  /// Every file the unit read, with the hash of its contents at analysis
  /// time; empty when unknown (then the result is not cached).
  std::vector<std::pair<std::string, std::string>> Inputs;
};

/// The version of the result format; a worker and an orchestrator of
/// different versions refuse each other's results.
inline constexpr unsigned WorkerResultVersion = 8;

/// A result as JSON lines: a header (version, status, reason...), then one
/// line per finding (each path on a line of its own before its first use)
/// followed by the finding's rendered texts as they are, then a line per
/// file hash and
/// per input file (bytes written as they are follow a newline, their
/// lengths given by the line before, and end with one). Neither side ever
/// holds more than one finding as a json::Value: on a unit with 19,000
/// findings a single JSON document cost the worker a gigabyte.
void writeWorkerResult(llvm::raw_ostream &OS, const WorkerResult &Result);
llvm::Expected<WorkerResult> parseWorkerResult(llvm::StringRef Text);
/// Writes \p FirstLine (for the cache's header, or empty), then the
/// result, to a file beside \p Path renamed when complete.
llvm::Error writeWorkerResultFile(llvm::StringRef Path,
                                  const WorkerResult &Result,
                                  llvm::StringRef FirstLine = "");
llvm::Expected<WorkerResult> readWorkerResult(llvm::StringRef Path);

llvm::StringRef statusName(WorkerResult::Status State);

/// The hash corolint records for file contents.
std::string contentHash(llvm::StringRef Contents);

} // namespace corolint

#endif // COROLINT_TOOL_WORKERRESULT_H
