//===--- CrossFileFacts.cpp - corolint ------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CrossFileFacts.h"
#include "Files.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

namespace corolint {

clang::tidy::coro::ProgramFacts
resolveAndWrite(std::vector<clang::tidy::coro::UnitFacts> Units,
                llvm::StringRef WorkerPath,
                std::optional<llvm::StringRef> KeptPath) {
  namespace coro = clang::tidy::coro;
  llvm::sort(Units, [](const coro::UnitFacts &A, const coro::UnitFacts &B) {
    return A.MainFile < B.MainFile;
  });
  coro::ProgramFacts Facts = coro::ProgramFacts::resolve(Units, /*MaxDepth=*/8);
  // The workers' copy leaves the units out: each worker parses it, and the
  // units (every file each read, with its hash) are most of a kept file.
  for (auto [Path, Value] :
       {std::make_pair(std::optional<llvm::StringRef>(WorkerPath),
                       Facts.toJSON()),
        std::make_pair(KeptPath, KeptPath ? Facts.toJSON(Units)
                                          : llvm::json::Value(nullptr))}) {
    if (!Path)
      continue;
    if (llvm::Error Error = coro::writeJSONFile(*Path, Value))
      llvm::WithColor::error(llvm::errs(), "corolint")
          << llvm::toString(std::move(Error)) << "\n";
  }
  return Facts;
}

std::vector<FileResult *> resolveProgramFacts(
    std::vector<FileResult> &Results, const std::optional<KeptFacts> &Kept,
    const std::optional<clang::tidy::coro::ProgramFacts> &Before,
    llvm::StringRef WorkerPath, std::optional<llvm::StringRef> KeptPath,
    llvm::function_ref<std::string(const std::string &)> ContextOf,
    clang::tidy::coro::ProgramFacts &Facts) {
  namespace coro = clang::tidy::coro;
  std::vector<coro::UnitFacts> Units;
  std::vector<std::optional<size_t>> UnitOf(Results.size());
  llvm::StringSet<> Analysed;
  for (size_t I = 0; I < Results.size(); ++I) {
    llvm::Expected<coro::UnitFacts> Unit =
        coro::readUnitFacts(Results[I].UnitFactsPath);
    if (!Unit) {
      llvm::consumeError(Unit.takeError()); // Failed to compile: no facts.
      continue;
    }
    Analysed.insert(Unit->MainFile);
    // Only a kept file needs it, for a later run.
    if (KeptPath)
      Unit->Context = ContextOf(Unit->MainFile);
    UnitOf[I] = Units.size();
    Units.push_back(std::move(*Unit));
  }
  std::vector<coro::UnitFacts> All = Units;
  if (Kept)
    llvm::append_range(All, Kept->unitsBesides(Analysed));
  Facts = resolveAndWrite(std::move(All), WorkerPath, KeptPath);

  auto Blocks = [](const coro::ProgramFacts &From, llvm::StringRef Wanted) {
    if (Wanted.consume_front("virtual:"))
      return From.blockingOverriders(Wanted) != nullptr;
    return From.blocking(Wanted) != nullptr;
  };
  std::vector<FileResult *> Again;
  for (size_t I = 0; I < Results.size(); ++I) {
    if (!UnitOf[I])
      continue;
    const coro::UnitFacts &Unit = Units[*UnitOf[I]];
    bool Changed = llvm::any_of(Unit.Wanted, [&](const std::string &Wanted) {
      return Blocks(Facts, Wanted) && !(Before && Blocks(*Before, Wanted));
    });
    if (Changed)
      Again.push_back(&Results[I]);
  }
  return Again;
}

} // namespace corolint
