//===--- Findings.cpp - corolint findings ---------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Findings.h"
#include "LLVMCompat.h"
#include "ProgramFacts.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>
#include <tuple>

namespace corolint {

std::string foldedLine(llvm::StringRef Line) {
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

std::string withoutColors(llvm::StringRef Colored) {
  std::string Plain;
  Plain.reserve(Colored.size());
  while (!Colored.empty()) {
    size_t Escape = Colored.find("\x1b[");
    Plain += Colored.take_front(Escape);
    if (Escape == llvm::StringRef::npos)
      break;
    Colored = Colored.drop_front(Escape);
    // Only a whole SGR sequence is a colour; anything else stays text.
    size_t End = Colored.find_first_not_of("0123456789;", 2);
    if (End != llvm::StringRef::npos && Colored[End] == 'm') {
      Colored = Colored.drop_front(End + 1);
      continue;
    }
    Plain += Colored.front();
    Colored = Colored.drop_front();
  }
  return Plain;
}

std::string SourceFiles::displayPath(llvm::StringRef File) const {
  llvm::StringRef Path = File;
  if (!Root.empty() && Path.starts_with(Root) &&
      (Path.size() == Root.size() ||
       llvm::sys::path::is_separator(Path[Root.size()])))
    return Path.drop_front(Root.size()).ltrim('/').str();
  return Path.str();
}

std::string Finding::plainText() const {
  return Text.empty() ? withoutColors(ColorText) : Text;
}

const std::vector<Edit> *Finding::chosenFix() const {
  if (ChosenFix == 0)
    return &Fixes;
  if (ChosenFix > 0 && static_cast<size_t>(ChosenFix) <= Notes.size())
    return &Notes[ChosenFix - 1].Fixes;
  return nullptr;
}

void normalizeFindings(std::vector<Finding> &Findings,
                       const SourceFiles &Sources) {
  auto Key = [](const Finding &F) {
    return std::tie(F.loc().File, F.loc().Offset, F.Check, F.Message);
  };
  llvm::sort(
      Findings.begin(), Findings.end(),
      [&](const Finding &A, const Finding &B) { return Key(A) < Key(B); });
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [&](const Finding &A, const Finding &B) {
                               return Key(A) == Key(B);
                             }),
                 Findings.end());
  llvm::StringMap<unsigned> Seen;
  for (Finding &F : Findings) {
    std::string Key = F.Check;
    for (const std::string &Part :
         {Sources.displayPath(F.loc().File), F.Where.LineKey, F.Message}) {
      Key += '\0';
      Key += Part;
    }
    F.Fingerprint = llvm::formatv("{0}", llvm::format_hex_no_prefix(
                                             corolint::compat::hash64(Key), 16))
                        .str();
    F.Occurrence = Seen[F.Fingerprint]++;
  }
}

llvm::Expected<Baseline> readBaseline(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(
        Buffer.getError(), "cannot read baseline '%s': %s", Path.str().c_str(),
        Buffer.getError().message().c_str());
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(), "baseline '%s' is not valid JSON: %s",
        Path.str().c_str(), llvm::toString(Parsed.takeError()).c_str());
  const llvm::json::Object *Root = Parsed->getAsObject();
  if (Root && Root->getInteger("version") != FingerprintVersion)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "baseline '%s' has fingerprints of another corolint version; write "
        "it again with --write-baseline",
        Path.str().c_str());
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
                          const SourceFiles &Sources) {
  llvm::json::Array List;
  for (const Finding &F : Findings) {
    if (F.isCompileError() || F.IsRemark)
      continue;
    List.push_back(
        llvm::json::Object{{"check", F.Check},
                           {"file", Sources.displayPath(F.loc().File)},
                           {"line", F.loc().Line},
                           {"message", F.Message},
                           {"fingerprint", F.Fingerprint}});
  }
  llvm::json::Value Root = llvm::json::Object{{"version", FingerprintVersion},
                                              {"tool", "corolint"},
                                              {"findings", std::move(List)}};
  // Written beside and renamed: a reader never sees half a baseline.
  // Indented: a baseline is reviewed and committed, its diffs read.
  return clang::tidy::coro::writeJSONFile(Path, Root, /*IndentSize=*/2);
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
