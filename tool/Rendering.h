//===--- Rendering.h - findings rendered as clang-tidy does ---*- C++ -*-===//
//
// Turns clang-tidy's exported diagnostics into corolint's findings: placed
// (lines, byte and UTF-16 columns, ends, the line's text) and rendered by
// clang's own TextDiagnosticPrinter over a fresh SourceManager, as
// clang-tidy's ErrorReporter prints them. The worker renders what its
// unit's analysis exported; the orchestrator renders the pending findings it
// settles with the program's facts, the same way.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_RENDERING_H
#define COROLINT_TOOL_RENDERING_H

#include "Findings.h"
#include "WorkerResult.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include <memory>
#include <optional>

namespace clang::tidy::coro {
class ProgramFacts;
} // namespace clang::tidy::coro

namespace corolint {

/// Which fix --fix applies (clang-tidy's FixBehaviour).
enum class FixMode { None, Fix, Notes };

/// \p Path made absolute against \p BuildDirectory (when it is relative and
/// that is not empty) or the current directory, without dots.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef BuildDirectory);

/// True when \p D is the marker of a pending finding
/// (clang::tidy::coro::PendingFindingPrefix): its words wait for the
/// program's facts, and the orchestrator settles and renders it.
bool isPendingMarker(const clang::tooling::Diagnostic &D);

class ClangTidyStyleRenderer;

/// Places and renders findings; reads each file once.
class FindingRenderer {
public:
  explicit FindingRenderer(FixMode Fixing);
  ~FindingRenderer();

  /// One of clang-tidy's diagnostics as a finding, rendered in colour (and
  /// plain too when a fix-it's text holds an escape character), or with
  /// \p Printed as its coloured text (from cutPrintedTexts).
  Finding describe(const clang::tooling::Diagnostic &D,
                   std::optional<llvm::StringRef> Printed = std::nullopt);
  /// What clang-tidy's driver printed in colour for \p Diagnostics (a
  /// unit's, in its order), cut into each one's text: the text describe()
  /// renders, which the driver rendered already. None when it cannot be
  /// told apart so (--fix's notes, which the worker's driver does not
  /// print; an escape character in a message or fix-it, which would read as
  /// a colour; a path printed otherwise than here; a pending marker's text
  /// in the output, which the worker's driver does not print): then
  /// describe() renders. A pending marker's text is empty. Checks where
  /// every text and note starts, every first line, and the whole first
  /// finding.
  std::optional<std::vector<llvm::StringRef>>
  cutPrintedTexts(llvm::StringRef Printed,
                  llvm::ArrayRef<clang::tooling::Diagnostic> Diagnostics);
  /// The contents \p File had when it was read here, if it could be.
  std::optional<llvm::StringRef> contents(llvm::StringRef File);
  /// What a pending finding says with the program's facts, as a finding;
  /// none when the chains it waited for do not block; an error when its
  /// description is unreadable.
  llvm::Expected<std::optional<Finding>>
  settle(const PendingFinding &Pending,
         const clang::tidy::coro::ProgramFacts &Facts);

private:
  FixMode Fixing;
  std::unique_ptr<ClangTidyStyleRenderer> Colored;
  std::unique_ptr<ClangTidyStyleRenderer> Plain; ///< Seldom needed.
};

} // namespace corolint

#endif // COROLINT_TOOL_RENDERING_H
