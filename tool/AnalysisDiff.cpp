//===--- AnalysisDiff.cpp - corolint --------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

namespace corolint {

std::optional<std::string> Analysis::selectByDiff() {
  std::string Text;
  if (*Options.Diff == "-") {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Input =
        llvm::MemoryBuffer::getSTDIN();
    if (!Input)
      return "cannot read the diff from stdin: " + Input.getError().message();
    Text = (*Input)->getBuffer().str();
  } else if (auto Error = gitDiff(*Options.Diff, Text)) {
    return Error;
  }
  llvm::Expected<ChangedLines> Parsed =
      parseUnifiedDiff(Text, currentDirectory());
  if (!Parsed)
    return llvm::toString(Parsed.takeError());
  Changed = std::move(*Parsed);
  addResolvedPaths(Changed);
  // A new source file the database does not list yet is analysed too
  // (its command inferred from the closest entry), unless files were named.
  if (Cmd.Sources.empty())
    for (const auto &Entry : Changed) {
      std::string File = Entry.getKey().str();
      if (!isCxxSource(File) || llvm::is_contained(Selected, File) ||
          !llvm::sys::fs::is_regular_file(File))
        continue;
      FileResult Added;
      Added.File = File;
      if (auto Error = makeTemporary("json", Added.ResultPath))
        return Error;
      removeOnInterrupt(Added.exportPath());
      removeOnInterrupt(Added.logPath());
      if (auto Error = makeTemporary("json", Added.UnitFactsPath))
        return Error;
      Selected.push_back(File);
      Results.push_back(std::move(Added));
    }
  std::vector<FileResult *> Unknown;
  bool HeadersChanged = llvm::any_of(Changed, [&](const auto &Entry) {
    return !llvm::is_contained(Selected, Entry.getKey().str());
  });
  std::vector<bool> Keep(Results.size(), false);
  for (size_t I = 0; I < Results.size(); ++I) {
    Keep[I] = changedRanges(Results[I].File) != nullptr;
    if (Keep[I] || !HeadersChanged)
      continue;
    std::optional<std::vector<std::string>> Inputs;
    if (Cache)
      Inputs = Cache->recordedInputs(
          unitKey(Results[I].File, factsState(GivenFacts.has_value())));
    if (!Inputs) {
      Unknown.push_back(&Results[I]);
      continue;
    }
    Keep[I] = readsChangedFile(*Inputs);
  }
  scanInputs(Unknown);
  for (size_t I = 0; I < Results.size(); ++I)
    if (!Keep[I] && llvm::is_contained(Unknown, &Results[I]))
      Keep[I] =
          Results[I].ScanFailed || readsChangedFile(Results[I].ScannedInputs);
  std::vector<FileResult> Kept;
  std::vector<std::string> KeptFiles;
  for (size_t I = 0; I < Results.size(); ++I)
    if (Keep[I]) {
      KeptFiles.push_back(Results[I].File);
      Kept.push_back(std::move(Results[I]));
    } else {
      llvm::sys::fs::remove(Results[I].ResultPath);
      llvm::sys::fs::remove(Results[I].UnitFactsPath);
    }
  Results = std::move(Kept);
  Selected = std::move(KeptFiles);
  Counts.Selected = Selected.size();
  return std::nullopt;
}

bool Analysis::readsChangedFile(llvm::ArrayRef<std::string> Inputs) {
  return llvm::any_of(Inputs, [&](const std::string &Input) {
    return changedRanges(Input) != nullptr;
  });
}

void Analysis::addResolvedPaths(ChangedLines &Lines) {
  std::vector<std::pair<std::string, std::vector<LineRange>>> Resolved;
  for (const auto &Entry : Lines) {
    llvm::SmallString<256> Real;
    if (!llvm::sys::fs::real_path(Entry.getKey(), Real) &&
        Real != Entry.getKey())
      Resolved.emplace_back(std::string(Real), Entry.getValue());
  }
  for (auto &[Path, Ranges] : Resolved)
    Lines.try_emplace(Path, std::move(Ranges));
}

const std::vector<LineRange> *Analysis::changedRanges(llvm::StringRef File) {
  auto Found = Changed.find(File);
  if (Found != Changed.end())
    return &Found->second;
  auto [Known, Inserted] = ResolvedPaths.try_emplace(File);
  if (Inserted) {
    llvm::SmallString<256> Real;
    if (!llvm::sys::fs::real_path(File, Real))
      Known->second = std::string(Real);
  }
  Found = Changed.find(Known->second);
  return Found == Changed.end() ? nullptr : &Found->second;
}

void Analysis::scanInputs(const std::vector<FileResult *> &Units) {
  if (Units.empty())
    return;
  std::vector<WorkerCommand> Commands;
  std::vector<std::string> Lists;
  for (FileResult *Unit : Units) {
    std::string ListPath;
    makeTemporary("txt", ListPath);
    WorkerCommand Command;
    Command.ErrorPath = "/dev/null";
    Command.Args = {WorkerArgs.Program, (ScanInputsFlag + ListPath).str()};
    llvm::append_range(Command.Args,
                       Unit->OwnDatabase.empty()
                           ? WorkerShared
                           : withBuildPath(WorkerShared, Unit->OwnDatabase));
    Command.Args.push_back(Unit->File);
    llvm::append_range(Command.Args, WorkerArgs.FixedFlags);
    Commands.push_back(std::move(Command));
    Lists.push_back(std::move(ListPath));
  }
  runWorkers(
      Commands, Jobs,
      [&](size_t Index, const WorkerExit &Exit) {
        FileResult &Unit = *Units[Index];
        auto List = llvm::MemoryBuffer::getFile(Lists[Index]);
        bool Listed = Exit.ended() && Exit.Code == 0 && List;
        if (Listed)
          for (llvm::StringRef Line : llvm::split((*List)->getBuffer(), '\n'))
            if (!Line.empty())
              Unit.ScannedInputs.push_back(Line.str());
        // Unknown: analysing the unit is safe, skipping it is not.
        Unit.ScanFailed = !Listed;
        llvm::sys::fs::remove(Lists[Index]);
      },
      Options.TimeoutSeconds);
}

void Analysis::keepChangedLines() {
  llvm::erase_if(All, [&](const Finding &F) {
    if (F.isCompileError() && F.IsError)
      return false;
    const std::vector<LineRange> *Ranges = changedRanges(F.loc().File);
    if (!Ranges)
      return true;
    return llvm::none_of(*Ranges, [&](const LineRange &R) {
      return F.loc().Line >= R.first && F.loc().Line <= R.second;
    });
  });
}

} // namespace corolint
