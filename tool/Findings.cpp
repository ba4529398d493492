//===--- Findings.cpp - corolint findings ---------------------------------===//

#include "Findings.h"
#include "ProgramFacts.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <tuple>

namespace corolint {

namespace {

uint64_t fnv1a(llvm::StringRef Text, uint64_t Hash = 1469598103934665603ULL) {
  for (unsigned char C : Text) {
    Hash ^= C;
    Hash *= 1099511628211ULL;
  }
  return Hash;
}

/// A line's text with runs of blanks folded, so re-indenting keeps it.
std::string normalizedLine(llvm::StringRef Line) {
  std::string Result;
  bool Blank = false;
  for (char C : Line.trim()) {
    bool IsBlank = C == ' ' || C == '\t';
    if (IsBlank && Blank)
      continue;
    Result += IsBlank ? ' ' : C;
    Blank = IsBlank;
  }
  return Result;
}

std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base) {
  llvm::SmallString<256> Result(Path);
  if (!llvm::sys::path::is_absolute(Result) && !Base.empty()) {
    Result = Base;
    llvm::sys::path::append(Result, Path);
  }
  llvm::sys::fs::make_absolute(Result);
  llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

std::vector<Edit> toEdits(const llvm::StringMap<clang::tooling::Replacements> &Fix,
                          llvm::StringRef BuildDirectory, SourceFiles &Sources) {
  std::vector<Edit> Edits;
  for (const auto &FileFixes : Fix)
    for (const clang::tooling::Replacement &R : FileFixes.getValue()) {
      std::string File = absolutePath(R.getFilePath(), BuildDirectory);
      Edit E;
      E.Begin = Sources.locate(File, R.getOffset());
      E.End = Sources.locate(File, R.getOffset() + R.getLength());
      E.Text = R.getReplacementText().str();
      Edits.push_back(std::move(E));
    }
  std::sort(Edits.begin(), Edits.end(), [](const Edit &A, const Edit &B) {
    return std::tie(A.Begin.File, A.Begin.Line, A.Begin.Column) <
           std::tie(B.Begin.File, B.Begin.Line, B.Begin.Column);
  });
  return Edits;
}

} // namespace

const llvm::MemoryBuffer *SourceFiles::buffer(llvm::StringRef File) {
  auto Found = Buffers.find(File);
  if (Found != Buffers.end())
    return Found->second.get();
  auto Loaded = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  auto &Slot = Buffers[File];
  if (Loaded)
    Slot = std::move(*Loaded);
  return Slot.get();
}

const std::vector<size_t> &SourceFiles::lineStarts(llvm::StringRef File) {
  auto Found = LineStarts.find(File);
  if (Found != LineStarts.end())
    return Found->second;
  std::vector<size_t> &Starts = LineStarts[File];
  Starts.push_back(0);
  if (const llvm::MemoryBuffer *Buffer = buffer(File)) {
    llvm::StringRef Text = Buffer->getBuffer();
    for (size_t I = 0; I < Text.size(); ++I)
      if (Text[I] == '\n')
        Starts.push_back(I + 1);
  }
  return Starts;
}

Location SourceFiles::locate(llvm::StringRef File, unsigned Offset) {
  Location Loc;
  Loc.File = File.str();
  const llvm::MemoryBuffer *Buffer = buffer(File);
  if (!Buffer)
    return Loc;
  size_t Clamped = std::min<size_t>(Offset, Buffer->getBufferSize());
  const std::vector<size_t> &Starts = lineStarts(File);
  // The last line starting at or before the offset.
  auto Line = std::upper_bound(Starts.begin(), Starts.end(), Clamped) - 1;
  Loc.Line = static_cast<unsigned>(Line - Starts.begin()) + 1;
  Loc.Column = static_cast<unsigned>(Clamped - *Line) + 1;
  return Loc;
}

llvm::StringRef SourceFiles::lineText(llvm::StringRef File, unsigned Line) {
  const llvm::MemoryBuffer *Buffer = buffer(File);
  if (!Buffer || Line == 0)
    return "";
  const std::vector<size_t> &Starts = lineStarts(File);
  if (Line > Starts.size())
    return "";
  llvm::StringRef Text = Buffer->getBuffer().drop_front(Starts[Line - 1]);
  return Text.take_until([](char C) { return C == '\n' || C == '\r'; });
}

std::string SourceFiles::displayPath(llvm::StringRef File) const {
  llvm::StringRef Path = File;
  if (!Root.empty() && Path.starts_with(Root) &&
      (Path.size() == Root.size() ||
       llvm::sys::path::is_separator(Path[Root.size()])))
    return Path.drop_front(Root.size()).ltrim('/').str();
  return Path.str();
}

llvm::Error loadFindings(llvm::StringRef YamlPath, SourceFiles &Sources,
                         std::vector<Finding> &Findings) {
  auto Buffer = llvm::MemoryBuffer::getFile(YamlPath);
  // clang-tidy writes no file when there is nothing to report.
  if (!Buffer)
    return llvm::Error::success();
  clang::tooling::TranslationUnitDiagnostics Exported;
  llvm::yaml::Input Input((*Buffer)->getBuffer());
  Input >> Exported;
  if (Input.error())
    return llvm::createStringError(Input.error(),
                                   "cannot read the diagnostics in '%s'",
                                   YamlPath.str().c_str());
  for (const clang::tooling::Diagnostic &D : Exported.Diagnostics) {
    Finding F;
    F.Check = D.DiagnosticName;
    F.Message = D.Message.Message;
    F.IsError = D.DiagLevel == clang::tooling::Diagnostic::Error;
    if (D.Message.FilePath.empty()) {
      F.Loc.File = "";
    } else {
      F.Loc = Sources.locate(absolutePath(D.Message.FilePath, D.BuildDirectory),
                             D.Message.FileOffset);
    }
    F.Fixes = toEdits(D.Message.Fix, D.BuildDirectory, Sources);
    for (const clang::tooling::DiagnosticMessage &N : D.Notes) {
      Note Converted;
      Converted.Message = N.Message;
      if (!N.FilePath.empty())
        Converted.Loc = Sources.locate(absolutePath(N.FilePath, D.BuildDirectory),
                                       N.FileOffset);
      Converted.Fixes = toEdits(N.Fix, D.BuildDirectory, Sources);
      F.Notes.push_back(std::move(Converted));
    }
    Findings.push_back(std::move(F));
  }
  return llvm::Error::success();
}

void normalizeFindings(std::vector<Finding> &Findings, SourceFiles &Sources) {
  auto Key = [](const Finding &F) {
    return std::tie(F.Loc.File, F.Loc.Line, F.Loc.Column, F.Check, F.Message);
  };
  std::stable_sort(Findings.begin(), Findings.end(),
                   [&](const Finding &A, const Finding &B) {
                     return Key(A) < Key(B);
                   });
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [&](const Finding &A, const Finding &B) {
                               return Key(A) == Key(B);
                             }),
                 Findings.end());
  llvm::StringMap<unsigned> Seen;
  for (Finding &F : Findings) {
    uint64_t Hash = fnv1a(F.Check);
    Hash = fnv1a(llvm::StringRef("\0", 1), Hash);
    Hash = fnv1a(Sources.displayPath(F.Loc.File), Hash);
    Hash = fnv1a(llvm::StringRef("\0", 1), Hash);
    Hash = fnv1a(normalizedLine(Sources.lineText(F.Loc.File, F.Loc.Line)), Hash);
    Hash = fnv1a(llvm::StringRef("\0", 1), Hash);
    Hash = fnv1a(F.Message, Hash);
    F.Fingerprint = llvm::formatv("{0}", llvm::format_hex_no_prefix(Hash, 16)).str();
    F.Occurrence = Seen[F.Fingerprint]++;
  }
}

llvm::Expected<Baseline> readBaseline(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   "cannot read baseline '%s': %s",
                                   Path.str().c_str(),
                                   Buffer.getError().message().c_str());
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(), "baseline '%s' is not valid JSON: %s",
        Path.str().c_str(), llvm::toString(Parsed.takeError()).c_str());
  const llvm::json::Object *Root = Parsed->getAsObject();
  const llvm::json::Array *List = Root ? Root->getArray("findings") : nullptr;
  if (!List)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "baseline '%s' has no \"findings\" list",
                                   Path.str().c_str());
  Baseline Result;
  for (const llvm::json::Value &Entry : *List) {
    const llvm::json::Object *Object = Entry.getAsObject();
    std::optional<llvm::StringRef> Fingerprint =
        Object ? Object->getString("fingerprint") : std::nullopt;
    if (!Fingerprint)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "baseline '%s' has a finding without a fingerprint",
          Path.str().c_str());
    ++Result.Counts[*Fingerprint];
  }
  return Result;
}

llvm::Error writeBaseline(llvm::StringRef Path,
                          const std::vector<Finding> &Findings,
                          SourceFiles &Sources) {
  llvm::json::Array List;
  for (const Finding &F : Findings) {
    if (F.isCompileError())
      continue;
    List.push_back(llvm::json::Object{
        {"check", F.Check},
        {"file", Sources.displayPath(F.Loc.File)},
        {"line", F.Loc.Line},
        {"message", F.Message},
        {"fingerprint", F.Fingerprint}});
  }
  llvm::json::Value Root = llvm::json::Object{
      {"version", 1}, {"tool", "corolint"}, {"findings", std::move(List)}};
  // Written beside and renamed: a reader never sees half a baseline.
  return clang::tidy::coro::writeJSONFile(Path, Root);
}

void applyBaseline(const Baseline &Accepted, std::vector<Finding> &Findings) {
  llvm::StringMap<unsigned> Remaining;
  for (const auto &Entry : Accepted.Counts)
    Remaining[Entry.getKey()] = Entry.getValue();
  std::vector<Finding> Kept;
  for (Finding &F : Findings) {
    auto Slot = Remaining.find(F.Fingerprint);
    if (!F.isCompileError() && Slot != Remaining.end() && Slot->second > 0) {
      --Slot->second;
      continue;
    }
    Kept.push_back(std::move(F));
  }
  Findings = std::move(Kept);
}

} // namespace corolint
