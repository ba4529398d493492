//===--- Worker.h - corolint analysing one translation unit ----*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A worker (a forked copy of corolint, WorkerProcesses.h) is how the
// orchestrator (Analysis.h) analyses one translation unit: clang-tidy's own
// driver runs the checks and exports its diagnostics (--export-fixes), then
// the worker places and renders every one with clang's TextDiagnostic, as
// clang-tidy prints it, and writes one WorkerResult. Workers never change
// files: --fix is applied by the orchestrator once every unit is analysed.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_WORKER_H
#define COROLINT_TOOL_WORKER_H

#include "Preflight.h"
#include "llvm/ADT/StringRef.h"
#include <vector>

namespace corolint {

/// Worker options, right after the program name (WorkerProcesses.h: a
/// worker is a forked copy, handed its arguments in memory).
inline constexpr llvm::StringLiteral ResultFlag = "--corolint-result=";
inline constexpr llvm::StringLiteral UnitFactsFlag = "--corolint-unit-facts=";
inline constexpr llvm::StringLiteral ProgramFactsFlag =
    "--corolint-program-facts=";
/// Only list the files the unit reads, by preprocessing it, into the
/// given file (one path per line): which units a diff's headers touch.
inline constexpr llvm::StringLiteral ScanInputsFlag = "--corolint-scan-inputs=";
/// The orchestrator found a command for the file in the database clang-tidy
/// will read: the worker need not read it (megabytes for a large code base)
/// once more to ask whether clang-tidy would skip the file.
inline constexpr llvm::StringLiteral HasCommandFlag = "--corolint-has-command";
/// Record the files the unit reads (for the result cache).
inline constexpr llvm::StringLiteral RecordInputsFlag =
    "--corolint-record-inputs";
/// The orchestrator merges the units' exports for --export-fixes: the
/// worker leaves clang-tidy's export beside its result.
inline constexpr llvm::StringLiteral ExportFixesFlag =
    "--corolint-export-fixes";
/// `--explain=REGEX` of the orchestrator.
inline constexpr llvm::StringLiteral ExplainFlag = "--corolint-explain=";
/// How the orchestrator will fix: `fix` or `notes` (--fix-notes), with
/// `,errors` for --fix-errors; the worker renders the fixes accordingly.
inline constexpr llvm::StringLiteral FixModeFlag = "--corolint-fix=";

/// Runs clang-tidy's driver on \p Args (which \p Cmd describes) with
/// corolint's defaults: the checks `-*,coro-*` refined by the coro globs of
/// the file's configuration, and `__clang_analyzer__` undefined.
int runClangTidy(std::vector<const char *> Args, const CommandLine &Cmd);

/// Analyses the file of a worker command line; the
/// exit code is 0 whenever the result was written.
int runWorker(std::vector<const char *> Args);

} // namespace corolint

#endif // COROLINT_TOOL_WORKER_H
