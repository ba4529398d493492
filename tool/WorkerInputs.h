//===--- WorkerInputs.h - corolint ---------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The files a worker's translation unit reads: recorded while it is
// analysed (for the result cache), or listed by preprocessing it alone (for
// --diff, to learn which units read a changed header).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_WORKERINPUTS_H
#define COROLINT_TOOL_WORKERINPUTS_H

#include "WorkerResult.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <chrono>

namespace corolint {

/// ToolOverrides::preprocessorHook, set in every worker (every check offers
/// the preprocessor; the first is watched): the unit's own files are read
/// whole into memory rather than mapped, so that one growing during the
/// analysis cannot crash it, and the files read are recorded when asked.
void watchUnit(const clang::SourceManager &SM, clang::Preprocessor &PP);

/// --corolint-record-inputs: watchUnit also records the files the unit reads.
void recordInputsOfUnit();

/// --corolint-scan-inputs: preprocesses the file with its compile command
/// (as clang-tidy would find it) and writes the files it reads.
int scanInputs(llvm::ArrayRef<const char *> Args, llvm::StringRef Output);

/// The files the unit read with their hashes, for the result cache; none
/// when one changed while the unit was analysed.
void recordInputs(std::chrono::system_clock::time_point Started,
                  WorkerResult &Result);

} // namespace corolint

#endif // COROLINT_TOOL_WORKERINPUTS_H
