//===--- Reports.h - corolint output formats -------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_REPORTS_H
#define COROLINT_TOOL_REPORTS_H

#include "Findings.h"
#include "llvm/Support/raw_ostream.h"

namespace corolint {

/// Exactly what clang-tidy prints: each finding as clang rendered it in its
/// worker, with ANSI colours or without.
void writeText(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               bool Colors);

/// One JSON object per finding (file, line, column, check, message, notes,
/// fixes), in an array.
void writeJson(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const SourceFiles &Sources);

/// GitLab's Code Quality report (the Code Climate subset GitLab reads): one
/// issue per finding with description, check_name, fingerprint, severity
/// and location (path, lines.begin), so that merge requests show them.
void writeCodeClimate(llvm::raw_ostream &OS,
                      const std::vector<Finding> &Findings,
                      const SourceFiles &Sources);

struct SarifTool {
  std::string Version;
  std::string HelpUriBase; ///< Ends with '/'; a check's doc is NAME.md in it.
};

/// A check's one-line summary (the SARIF rule's description).
std::string checkSummary(llvm::StringRef Check);

/// The documentation page of a corolint check under \p HelpUriBase (the
/// SARIF rule's helpUri); empty for other checks.
std::string checkHelpUri(llvm::StringRef HelpUriBase, llvm::StringRef Check);

/// SARIF 2.1.0 as GitHub code scanning reads it.
void writeSarif(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
                const SourceFiles &Sources, const SarifTool &Tool);

/// `corolint merge-sarif OUT IN...`: one run with every input's results.
int mergeSarif(llvm::ArrayRef<const char *> Args);

} // namespace corolint

#endif // COROLINT_TOOL_REPORTS_H
