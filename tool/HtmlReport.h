//===--- HtmlReport.h - corolint's HTML report -----------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// --format=html: one self-contained page (inline CSS, no script, nothing
// loaded from elsewhere) to open from a CI artifact. The run's statistics,
// then the findings file by file, each with its check's documentation
// link, its message, the source lines around it, its notes and a preview
// of its fix-its.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_HTMLREPORT_H
#define COROLINT_TOOL_HTMLREPORT_H

#include "Findings.h"
#include "Fixes.h"
#include "llvm/Support/raw_ostream.h"
#include <functional>
#include <optional>
#include <string>

namespace corolint {

/// The contents of a file as the analysis read it, or none (unreadable, or
/// changed since: an excerpt would show other lines than the finding's).
using SourceReader =
    std::function<std::optional<std::string>(llvm::StringRef File)>;

/// Reads a file and gives its contents when they are still those the
/// workers placed the findings in.
SourceReader analysedSources(const FileHashes &Hashes);

/// What the page says of the run besides its findings.
struct HtmlRun {
  std::string Version;
  std::string HelpUriBase; ///< Ends with '/'; a check's doc is NAME.md in it.
  size_t Analysed = 0;
  size_t NotAnalysed = 0;
  size_t FailedFiles = 0;
};

/// The report: \p Findings in their order (by file, then line), paths as
/// \p Sources displays them, excerpts from \p Read.
void writeHtml(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const SourceFiles &Sources, const HtmlRun &Run,
               const SourceReader &Read);

} // namespace corolint

#endif // COROLINT_TOOL_HTMLREPORT_H
