//===--- Diff.cpp - corolint on changed lines -----------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Diff.h"
#include "WorkerProcesses.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace corolint {

namespace {

/// A path as git writes it in a header: C-quoted (`"b/caf\303\251.cpp"`)
/// when it holds unusual bytes, and never before a tab (`diff -u` puts the
/// date there).
std::string unquotePath(llvm::StringRef Field) {
  if (!Field.starts_with("\""))
    return Field.split('\t').first.rtrim().str();
  std::string Path;
  for (size_t I = 1; I < Field.size() && Field[I] != '"'; ++I) {
    char C = Field[I];
    if (C != '\\' || I + 1 >= Field.size()) {
      Path += C;
      continue;
    }
    char Next = Field[++I];
    if (Next >= '0' && Next <= '7') {
      unsigned Value = 0;
      for (int Digit = 0;
           Digit < 3 && I < Field.size() && Field[I] >= '0' && Field[I] <= '7';
           ++Digit, ++I)
        Value = Value * 8 + (Field[I] - '0');
      --I;
      Path += static_cast<char>(Value);
      continue;
    }
    switch (Next) {
    case 'n':
      Path += '\n';
      break;
    case 't':
      Path += '\t';
      break;
    case 'a':
      Path += '\a';
      break;
    case 'b':
      Path += '\b';
      break;
    case 'f':
      Path += '\f';
      break;
    case 'r':
      Path += '\r';
      break;
    case 'v':
      Path += '\v';
      break;
    default:
      Path += Next;
      break;
    }
  }
  return Path;
}

/// The new file's path, absolute: git's one-letter destination prefix
/// (`b/`, or `w/` and `i/` with diff.mnemonicPrefix) is dropped unless the
/// path with it is the file that exists.
std::string newFilePath(llvm::StringRef Written, llvm::StringRef Root) {
  auto Absolute = [&](llvm::StringRef Path) {
    llvm::SmallString<256> Result(Path);
    if (!llvm::sys::path::is_absolute(Result)) {
      Result = Root;
      llvm::sys::path::append(Result, Path);
    }
    llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
    return std::string(Result);
  };
  std::string AsWritten = Absolute(Written);
  bool HasPrefix = Written.size() > 2 && Written[1] == '/' &&
                   llvm::StringRef("bwico").contains(Written[0]);
  if (!HasPrefix || (llvm::sys::fs::exists(AsWritten) &&
                     !llvm::sys::fs::exists(Absolute(Written.drop_front(2)))))
    return AsWritten;
  return Absolute(Written.drop_front(2));
}

/// `@@ -12,3 +14,5 @@`: the old and new line counts and the new start.
bool parseHunkHeader(llvm::StringRef Line, unsigned &OldCount,
                     unsigned &NewStart, unsigned &NewCount) {
  llvm::StringRef Ranges = Line.drop_front(3).split(" @@").first;
  auto [Old, New] = Ranges.split(' ');
  if (!Old.consume_front("-") || !New.consume_front("+"))
    return false;
  auto Parse = [](llvm::StringRef Spec, unsigned &Start, unsigned &Count) {
    auto [StartText, CountText] = Spec.split(',');
    Count = 1;
    return !StartText.getAsInteger(10, Start) &&
           (CountText.empty() || !CountText.getAsInteger(10, Count));
  };
  unsigned OldStart = 0;
  return Parse(Old, OldStart, OldCount) && Parse(New, NewStart, NewCount);
}

void addLine(std::vector<LineRange> &Ranges, unsigned Line) {
  if (!Ranges.empty() && Ranges.back().second + 1 == Line)
    Ranges.back().second = Line;
  else
    Ranges.push_back({Line, Line});
}

} // namespace

llvm::Expected<ChangedLines> parseUnifiedDiff(llvm::StringRef Text,
                                              llvm::StringRef Root) {
  ChangedLines Changed;
  std::vector<LineRange> *Current = nullptr;
  bool SawFile = false;
  // Inside a hunk its lines are counted, so that an added line `++ i;`
  // (shown as `+++ i;`) is never read as a file header.
  unsigned OldLeft = 0, NewLeft = 0, NewLine = 0, LineNumber = 0;
  auto Malformed = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the diff is malformed at line %u: %s",
                                   LineNumber, Why.str().c_str());
  };
  for (llvm::StringRef Line : llvm::split(Text, '\n')) {
    ++LineNumber;
    Line = Line.rtrim('\r');
    if (OldLeft > 0 || NewLeft > 0) {
      char Kind = Line.empty() ? ' ' : Line.front();
      if (Kind == '\\')
        continue; // `\ No newline at end of file`
      if ((Kind == ' ' && (OldLeft == 0 || NewLeft == 0)) ||
          (Kind == '-' && OldLeft == 0) || (Kind == '+' && NewLeft == 0) ||
          !llvm::StringRef(" -+").contains(Kind))
        return Malformed("a hunk has fewer lines than its header says");
      if (Kind != '+')
        --OldLeft;
      if (Kind == '-')
        continue;
      --NewLeft;
      if (Kind == '+' && Current)
        addLine(*Current, NewLine);
      ++NewLine;
      continue;
    }
    // A file's header: a rename, a mode change, a binary or new empty file
    // has this line and no `+++` (nor hunks).
    if (Line.starts_with("diff ")) {
      SawFile = true;
      Current = nullptr;
      continue;
    }
    if (Line.consume_front("+++ ")) {
      SawFile = true;
      std::string Path = unquotePath(Line);
      // /dev/null for a deleted file.
      Current =
          Path == "/dev/null" ? nullptr : &Changed[newFilePath(Path, Root)];
      continue;
    }
    if (Line.starts_with("@@ ")) {
      unsigned OldCount = 0, NewCount = 0;
      if (!SawFile)
        return Malformed("a hunk before any file header");
      if (!parseHunkHeader(Line, OldCount, NewLine, NewCount))
        return Malformed("'" + Line + "' is not a hunk header");
      OldLeft = OldCount;
      NewLeft = NewCount;
      continue;
    }
    // `index`, `---`, mode and rename lines, a commit's message: nothing to
    // read.
  }
  if (!SawFile && !Text.trim().empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the input is not a unified diff (it has "
                                   "no 'diff' or '+++' file header)");
  if (OldLeft > 0 || NewLeft > 0)
    return Malformed("the diff ends inside a hunk");
  return Changed;
}

std::optional<std::string> gitDiff(llvm::StringRef Revision,
                                   std::string &Text) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return std::string("--diff needs git on the PATH");
  // Registered before they exist: an interrupted `git diff` leaves neither.
  std::string Out, Err;
  if (auto Error = makeTemporary("txt", Out))
    return Error;
  if (auto Error = makeTemporary("err", Err))
    return Error;
  std::string RevisionArg = Revision.str();
  // A fixed format whatever the user's git configuration: plain `a/` and
  // `b/` prefixes (not diff.mnemonicPrefix's, nor diff.noprefix), paths
  // unquoted, no external or textconv diff, no colour.
  llvm::StringRef Args[] = {*Git,
                            "-c",
                            "core.quotePath=false",
                            "diff",
                            "-U0",
                            "--no-color",
                            "--no-ext-diff",
                            "--no-textconv",
                            "--src-prefix=a/",
                            "--dst-prefix=b/",
                            "--relative",
                            RevisionArg,
                            "--"};
  std::optional<llvm::StringRef> Redirects[] = {
      llvm::StringRef(""), llvm::StringRef(Out), llvm::StringRef(Err)};
  int Code = llvm::sys::ExecuteAndWait(*Git, Args, std::nullopt, Redirects);
  std::optional<std::string> Error;
  if (Code != 0) {
    std::string Message = "git diff " + RevisionArg + " failed";
    if (auto Stderr = llvm::MemoryBuffer::getFile(Err)) {
      llvm::StringRef First = (*Stderr)->getBuffer().split('\n').first.trim();
      if (!First.empty())
        Message += ": " + First.str();
    }
    Error = Message;
  } else if (auto Diff = llvm::MemoryBuffer::getFile(Out)) {
    Text = (*Diff)->getBuffer().str();
  }
  llvm::sys::fs::remove(Out);
  llvm::sys::fs::remove(Err);
  return Error;
}

} // namespace corolint
