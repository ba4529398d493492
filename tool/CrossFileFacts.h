//===--- CrossFileFacts.h - corolint ----------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Facts across files in a codebase run: the program facts kept from an
// earlier run, resolved over every unit's facts in a stable order, the units
// analysed again when facts found elsewhere change what they would report,
// and the units whose findings the program's facts change analysed again.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_CROSSFILEFACTS_H
#define COROLINT_TOOL_CROSSFILEFACTS_H

#include "ProgramFacts.h"
#include "WorkerPool.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// The program facts kept from an earlier run (--program-facts): the units
/// they were resolved from, less those that may say something else now: a
/// file they read has other contents, or their context (corolint's build,
/// the arguments, the compile command, the configuration) changed.
class KeptFacts {
public:
  KeptFacts(std::vector<clang::tidy::coro::UnitFacts> Read,
            llvm::function_ref<std::string(const std::string &)> ContextOf)
      : Units(std::move(Read)) {
    llvm::erase_if(Units, [&](const clang::tidy::coro::UnitFacts &Unit) {
      return !llvm::sys::fs::exists(Unit.MainFile) ||
             Unit.Context != ContextOf(Unit.MainFile) || changed(Unit);
    });
  }

  /// The kept units whose main file is not in \p Analysed.
  std::vector<clang::tidy::coro::UnitFacts>
  unitsBesides(const llvm::StringSet<> &Analysed) const {
    std::vector<clang::tidy::coro::UnitFacts> Besides;
    for (const clang::tidy::coro::UnitFacts &Unit : Units)
      if (!Analysed.contains(Unit.MainFile))
        Besides.push_back(Unit);
    return Besides;
  }

private:
  /// A file the unit read has other contents now: its facts may be wrong.
  /// Without the list of its files, nothing says they did not change.
  bool changed(const clang::tidy::coro::UnitFacts &Unit) {
    if (Unit.Inputs.empty())
      return true;
    return llvm::any_of(
        Unit.Inputs, [&](const clang::tidy::coro::InputFile &In) {
          auto [Known, Inserted] = Hashes.try_emplace(In.Path);
          if (Inserted)
            Known->second = clang::tidy::coro::hashFile(In.Path);
          return Known->second != In.Hash;
        });
  }

  llvm::StringMap<std::string> Hashes; ///< Each file hashed once.
  std::vector<clang::tidy::coro::UnitFacts> Units;
};

/// Resolves \p Units across files in a stable order (whatever -j was, the
/// same unit speaks for a function), and writes the facts the workers read
/// (\p WorkerPath: the resolved facts only) and, when kept, the program
/// facts file with the units (\p KeptPath).
clang::tidy::coro::ProgramFacts
resolveAndWrite(std::vector<clang::tidy::coro::UnitFacts> Units,
                llvm::StringRef WorkerPath,
                std::optional<llvm::StringRef> KeptPath);

/// Merges the units' facts (and, for files not analysed in this run, those
/// kept from an earlier run), writes the program facts into \p Facts and
/// the files, and returns the units to analyse again: those that call a
/// function defined in another file (the check names the functions its
/// findings wait for) that the new facts say blocks while the facts they
/// were analysed with (\p Before) did not.
std::vector<FileResult *> resolveProgramFacts(
    std::vector<FileResult> &Results, const std::optional<KeptFacts> &Kept,
    const std::optional<clang::tidy::coro::ProgramFacts> &Before,
    llvm::StringRef WorkerPath, std::optional<llvm::StringRef> KeptPath,
    llvm::function_ref<std::string(const std::string &)> ContextOf,
    clang::tidy::coro::ProgramFacts &Facts);

} // namespace corolint

#endif // COROLINT_TOOL_CROSSFILEFACTS_H
