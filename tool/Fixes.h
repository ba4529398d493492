//===--- Fixes.h - corolint -------------------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// --fix and --export-fixes in a codebase run: the fixes of every unit's
// findings applied once the analysis is over, only to files whose contents
// are still those the analysis read, and the units' exported diagnostics
// merged into one file that applies each fix once.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_FIXES_H
#define COROLINT_TOOL_FIXES_H

#include "Findings.h"
#include "Preflight.h"
#include "Rendering.h"
#include "WorkerPool.h"
#include "WorkerResult.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/Support/MemoryBuffer.h"
#include <map>
#include <string>
#include <vector>

namespace corolint {

/// The contents each file had when the workers placed its findings: fixes
/// are applied only to files that still have them.
class FileHashes {
public:
  void add(const WorkerResult &Unit) {
    for (const auto &[File, Hash] : Unit.FileHashes) {
      auto [Known, Inserted] = Hashes.try_emplace(File, Hash);
      // Two units read different contents: the file changed during the run.
      if (!Inserted && Known->second != Hash)
        Known->second.clear();
    }
  }
  /// Empty when the analysis saw no stable contents.
  std::string of(const std::string &File) const {
    auto Found = Hashes.find(File);
    return Found == Hashes.end() ? std::string() : Found->second;
  }
  /// \p File's contents when they are still those the analysis saw, else
  /// null (changed since, unreadable, or seen unstable).
  std::unique_ptr<llvm::MemoryBuffer>
  readAsAnalysed(llvm::StringRef File) const;

private:
  std::map<std::string, std::string> Hashes;
};

/// --fix: applies the chosen fix of every reported finding, as clang-tidy
/// does (conflicts shifted or skipped, cleaned up and formatted by the
/// file's FormatStyle), to each file whose contents are still those the
/// analysis saw. Returns false when a file was refused.
bool applyFixes(const std::vector<Finding> &Findings, const FileHashes &Hashes,
                const CommandLine &Cmd, const SourceFiles &Sources);

/// Drops the fix-its of \p D when clang-tidy's export cut one short (the
/// YAML writer stops a text at its first byte that is not UTF-8 and writes
/// U+FFFD there): applied, it would change what the code means.
void dropCutFixes(clang::tooling::Diagnostic &D);

/// --export-fixes: the units' exported diagnostics merged into \p Out, each
/// finding once, none with a fix-it cut short.
void mergeExportedFixes(const std::vector<FileResult> &Results,
                        llvm::StringRef Out);

} // namespace corolint

#endif // COROLINT_TOOL_FIXES_H
