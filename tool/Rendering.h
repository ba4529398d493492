//===--- Rendering.h - findings rendered as clang-tidy does ---*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Turns clang-tidy's exported diagnostics into corolint's findings: placed
// (lines, byte and UTF-16 columns, ends, the line's text) and rendered by
// clang's own TextDiagnosticPrinter over a fresh SourceManager, as
// clang-tidy's ErrorReporter prints them. The worker renders what its
// unit's analysis exported: every finding of every report is this text.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_RENDERING_H
#define COROLINT_TOOL_RENDERING_H

#include "Findings.h"
#include "WorkerResult.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include <memory>
#include <optional>

namespace corolint {

/// Which fix --fix applies (clang-tidy's FixBehaviour).
enum class FixMode { None, Fix, Notes };

/// \p Path made absolute against \p BuildDirectory (when it is relative and
/// that is not empty) or the current directory, without dots.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef BuildDirectory);

class ClangTidyStyleRenderer;

/// Places and renders findings; reads each file once.
class FindingRenderer {
public:
  explicit FindingRenderer(FixMode Fixing);
  ~FindingRenderer();

  /// One of clang-tidy's diagnostics as a finding, rendered in colour (and
  /// plain too when a fix-it's text holds an escape character).
  Finding describe(const clang::tooling::Diagnostic &D);
  /// The contents \p File had when it was read here, if it could be.
  std::optional<llvm::StringRef> contents(llvm::StringRef File);

private:
  FixMode Fixing;
  std::unique_ptr<ClangTidyStyleRenderer> Colored;
  std::unique_ptr<ClangTidyStyleRenderer> Plain; ///< Seldom needed.
};

} // namespace corolint

#endif // COROLINT_TOOL_RENDERING_H
