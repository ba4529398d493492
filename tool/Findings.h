//===--- Findings.h - corolint findings ------------------------*- C++ -*-===//
//
// The findings of a run, read from the diagnostics each worker exports
// (clang-tidy's --export-fixes YAML), placed at lines and columns, given
// fingerprints that survive unrelated line shifts, and filtered by a
// baseline.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_FINDINGS_H
#define COROLINT_TOOL_FINDINGS_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <string>
#include <vector>

namespace corolint {

struct Location {
  std::string File; ///< Absolute path.
  unsigned Line = 0;
  unsigned Column = 0;
};

struct Edit {
  Location Begin;
  Location End;
  std::string Text;
};

struct Note {
  Location Loc;
  std::string Message;
  std::vector<Edit> Fixes;
};

struct Finding {
  std::string Check;
  std::string Message;
  bool IsError = false; ///< An error: a compile error or --warnings-as-errors.
  Location Loc;
  std::vector<Note> Notes;
  std::vector<Edit> Fixes;
  /// Identifies the finding without its line number: the check, the file,
  /// the text of the flagged line and the message.
  std::string Fingerprint;
  /// Which of the findings with the same fingerprint this is, in file order.
  unsigned Occurrence = 0;

  bool isCompileError() const {
    return llvm::StringRef(Check).starts_with("clang-diagnostic-");
  }
};

/// Reads source files once and turns byte offsets into lines and columns.
class SourceFiles {
public:
  explicit SourceFiles(std::string Root) : Root(std::move(Root)) {}
  Location locate(llvm::StringRef File, unsigned Offset);
  /// The text of a 1-based line, without its end of line.
  llvm::StringRef lineText(llvm::StringRef File, unsigned Line);
  /// Reads \p File now: in --fix runs the workers rewrite the files, and
  /// the reported offsets refer to the text before the fixes.
  void snapshot(llvm::StringRef File) { buffer(File); }
  /// \p File relative to the source root when it is inside it.
  std::string displayPath(llvm::StringRef File) const;
  const std::string &root() const { return Root; }

private:
  const llvm::MemoryBuffer *buffer(llvm::StringRef File);
  std::string Root;
  /// The offsets at which each line of a loaded file starts, so that
  /// locating a finding costs a binary search, not a scan of its file.
  const std::vector<size_t> &lineStarts(llvm::StringRef File);

  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Buffers;
  llvm::StringMap<std::vector<size_t>> LineStarts;
};

/// Appends the findings of one exported YAML file to \p Findings.
llvm::Error loadFindings(llvm::StringRef YamlPath, SourceFiles &Sources,
                         std::vector<Finding> &Findings);

/// Sorts by file, line, column and check, drops duplicates (a header's
/// findings come once per translation unit that includes it), and computes
/// fingerprints and occurrence numbers.
void normalizeFindings(std::vector<Finding> &Findings, SourceFiles &Sources);

/// A baseline: the fingerprints of accepted findings, with their counts.
struct Baseline {
  llvm::StringMap<unsigned> Counts;
};
llvm::Expected<Baseline> readBaseline(llvm::StringRef Path);
llvm::Error writeBaseline(llvm::StringRef Path,
                          const std::vector<Finding> &Findings,
                          SourceFiles &Sources);
/// Removes the findings the baseline accepts: per fingerprint, as many as
/// it recorded (a new instance of the same finding stays).
void applyBaseline(const Baseline &Accepted, std::vector<Finding> &Findings);

} // namespace corolint

#endif // COROLINT_TOOL_FINDINGS_H
