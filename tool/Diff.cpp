//===--- Diff.cpp - corolint on changed lines -----------------------------===//

#include "Diff.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace corolint {

ChangedLines parseUnifiedDiff(llvm::StringRef Text, llvm::StringRef Root) {
  ChangedLines Changed;
  std::vector<LineRange> *Current = nullptr;
  for (llvm::StringRef Line : llvm::split(Text, '\n')) {
    Line = Line.rtrim('\r');
    if (Line.consume_front("+++ ")) {
      // `+++ b/src/x.cpp\t<date>`; /dev/null for a deleted file.
      llvm::StringRef Path = Line.split('\t').first.trim();
      if (Path == "/dev/null") {
        Current = nullptr;
        continue;
      }
      Path.consume_front("b/");
      llvm::SmallString<256> Absolute(Path);
      if (!llvm::sys::path::is_absolute(Absolute)) {
        Absolute = Root;
        llvm::sys::path::append(Absolute, Path);
      }
      llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
      Current = &Changed[Absolute];
      continue;
    }
    // `@@ -12,3 +14,5 @@`: five lines from line 14 in the new file.
    if (!Current || !Line.consume_front("@@ "))
      continue;
    size_t Plus = Line.find(" +");
    if (Plus == llvm::StringRef::npos)
      continue;
    llvm::StringRef Spec = Line.drop_front(Plus + 2).split(' ').first;
    auto [StartText, CountText] = Spec.split(',');
    unsigned Start = 0, Count = 1;
    if (StartText.getAsInteger(10, Start) ||
        (!CountText.empty() && CountText.getAsInteger(10, Count)))
      continue;
    if (Count > 0)
      Current->push_back({Start, Start + Count - 1});
  }
  return Changed;
}

std::optional<std::string> gitDiff(llvm::StringRef Revision,
                                   std::string &Text) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return std::string("--diff needs git on the PATH");
  llvm::SmallString<128> Out, Err;
  if (llvm::sys::fs::createTemporaryFile("corolint-diff", "txt", Out) ||
      llvm::sys::fs::createTemporaryFile("corolint-diff", "err", Err))
    return std::string("cannot create a temporary file for the diff");
  std::string RevisionArg = Revision.str();
  llvm::StringRef Args[] = {*Git,         "diff",        "-U0",
                            "--no-color", "--no-ext-diff", "--relative",
                            RevisionArg,  "--"};
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                llvm::StringRef(Out),
                                                llvm::StringRef(Err)};
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
