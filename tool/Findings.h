//===--- Findings.h - corolint findings ------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The findings of a run, as the workers placed and rendered them (see
// WorkerResult.h), given fingerprints that survive unrelated line shifts,
// and filtered by a baseline.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_FINDINGS_H
#define COROLINT_TOOL_FINDINGS_H

#include "LLVMCompat.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <string>
#include <vector>

namespace corolint {

struct Location {
  std::string File;         ///< Absolute path; empty for no location.
  unsigned Offset = 0;      ///< In bytes from the start of the file.
  unsigned Line = 0;        ///< 1-based.
  unsigned Column = 0;      ///< 1-based, in bytes (what clang prints).
  unsigned Utf16Column = 0; ///< 1-based, in UTF-16 code units (SARIF).
};

/// Where a finding or note points: its location, the end of what it points
/// at (the token, or the diagnostic's first range) and its line's text.
struct Place {
  Location Begin;
  Location End;
  /// The text of Begin's line; empty for lines longer than clang prints.
  std::string LineText;
  /// Identifies the line's text with its blanks folded (so re-indenting
  /// keeps it), for fingerprints; available for long lines too.
  std::string LineKey;
};

struct Edit {
  Location Begin;
  Location End;
  unsigned Length = 0; ///< Bytes replaced from Begin.
  std::string Text;
};

struct Note {
  Place Where;
  std::string Message;
  std::vector<Edit> Fixes;
};

struct Finding {
  std::string Check;
  std::string Message;
  bool IsError = false;  ///< An error: a compile error or --warnings-as-errors.
  bool IsRemark = false; ///< Information asked for (--explain), no finding.
  Place Where;
  std::vector<Note> Notes;
  std::vector<Edit> Fixes;
  /// The finding as clang-tidy prints it (its notes and fix-its included),
  /// rendered by clang where the sources were read, coloured. The plain text
  /// is the coloured one without its colours (plainText()), made only where
  /// it is printed; Text holds it only when that differs (an escape
  /// character in a fix-it's text, which clang prints as it is).
  std::string Text;
  std::string ColorText;
  /// Identifies the finding without its line number: the check, the file,
  /// the text of the flagged line and the message.
  std::string Fingerprint;
  /// Which of the findings with the same fingerprint this is, in file order.
  unsigned Occurrence = 0;
  /// A coro check's finding: its check's `Severity` option (info, minor,
  /// major or critical) in the configuration of the file analysed; empty
  /// for other diagnostics.
  std::string Severity;
  /// The fix --fix applies, as clang-tidy's getFixIt chose it in the
  /// worker: -1 none (or not fixing), 0 the finding's own, N the N-th note's.
  int ChosenFix = -1;

  const Location &loc() const { return Where.Begin; }
  std::string plainText() const;
  bool isCompileError() const {
    return llvm::StringRef(Check).starts_with("clang-diagnostic-");
  }
  /// The edits of ChosenFix, or null.
  const std::vector<Edit> *chosenFix() const;
};

/// Shows paths relative to the source root (the current directory) when
/// they are inside it.
class SourceFiles {
public:
  explicit SourceFiles(std::string Root) : Root(std::move(Root)) {}
  /// \p File relative to the source root when it is inside it.
  std::string displayPath(llvm::StringRef File) const;
  const std::string &root() const { return Root; }

private:
  std::string Root;
};

/// The version of the fingerprints (in baselines and SARIF): 2 hashes with
/// XXH3; LLVM 16 has none, and its build's XXH64 fingerprints are 102, so
/// that a baseline of one is refused by the other, not silently unmatched.
inline constexpr unsigned FingerprintVersion =
    corolint::compat::HasXXH3 ? 2 : 102;

/// Sorts by file, line, column and check, drops duplicates (a header's
/// findings come once per translation unit that includes it), and computes
/// fingerprints and occurrence numbers.
void normalizeFindings(std::vector<Finding> &Findings,
                       const SourceFiles &Sources);

/// A baseline: the fingerprints of accepted findings, with their counts.
struct Baseline {
  llvm::StringMap<unsigned> Counts;
};
llvm::Expected<Baseline> readBaseline(llvm::StringRef Path);
llvm::Error writeBaseline(llvm::StringRef Path,
                          const std::vector<Finding> &Findings,
                          const SourceFiles &Sources);
/// Removes the findings the baseline accepts: per fingerprint, as many as
/// it recorded (a new instance of the same finding stays).
void applyBaseline(const Baseline &Accepted, std::vector<Finding> &Findings);

/// \p Colored without its SGR escape sequences (`ESC [ ... m`). clang's
/// TextDiagnostic prints the same characters with and without colours, and
/// shows a control character of the source line as `<U+001B>`, so every
/// escape in its output is a colour, except in a fix-it's text, which it
/// prints as it is (a worker renders a finding whose fix-it holds an escape
/// character both ways): a finding rendered once, coloured, gives both
/// texts.
std::string withoutColors(llvm::StringRef Colored);

/// \p Line trimmed, with runs of blanks folded into one space: the key of a
/// line that re-indenting keeps (Place::LineKey).
std::string foldedLine(llvm::StringRef Line);

} // namespace corolint

#endif // COROLINT_TOOL_FINDINGS_H
