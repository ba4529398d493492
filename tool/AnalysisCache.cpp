//===--- AnalysisCache.cpp - corolint -------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis.h"
#include "Files.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace corolint {

namespace {

/// corolint's own binary, for keys of what it found: another build is
/// another analysis.
std::vector<std::string> binaryIdentity(llvm::StringRef Program) {
  llvm::sys::fs::file_status Binary;
  llvm::sys::fs::status(Program, Binary);
  return {COROLINT_VERSION, Program.str(), std::to_string(Binary.getSize()),
          std::to_string(
              Binary.getLastModificationTime().time_since_epoch().count())};
}

void writeTextFile(llvm::StringRef Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
  if (!EC)
    OS << Text;
}

} // namespace

std::string Analysis::factsState(bool WithFacts) const {
  return WithFacts ? clang::tidy::coro::hashFile(WorkerFactsPath) : "no facts";
}

std::optional<std::string> Analysis::openCache(WorkerPool::Arguments &Args) {
  std::optional<std::string> Directory = Options.CacheDir;
  if (!Directory)
    if (const char *FromEnvironment = std::getenv("COROLINT_CACHE_DIR");
        FromEnvironment && *FromEnvironment)
      Directory = FromEnvironment;
  // Also in the configuration: `CheckOptions: {corolint.CacheDir: DIR}`
  // (of the current folder's .clang-tidy, or --config), relative to the
  // current folder.
  if (!Directory) {
    llvm::SmallString<256> Here(currentDirectory());
    llvm::sys::path::append(Here, "corolint-run.cpp");
    clang::tidy::ClangTidyOptions Configured = configuredOptions(Cmd, Here);
    auto Found = Configured.CheckOptions.find("corolint.CacheDir");
    if (Found != Configured.CheckOptions.end() &&
        !Found->getValue().Value.empty())
      Directory = Found->getValue().Value;
  }
  // --export-fixes needs clang-tidy's own export, which is not cached.
  if (!Directory || Options.ExportFixes)
    return std::nullopt;
  Cache.emplace(*Directory, Options.CacheBytes);
  if (std::optional<std::string> Error = Cache->open()) {
    Cache.reset();
    return "cannot use the cache folder '" + *Directory + "': " + *Error;
  }
  Args.Leading.insert(Args.Leading.begin(), RecordInputsFlag.str());
  KeyBase = binaryIdentity(Args.Program);
  llvm::append_range(KeyBase, Args.Leading);
  llvm::append_range(KeyBase, Args.FixedFlags);
  return std::nullopt;
}

std::string Analysis::unitKey(const std::string &File, llvm::StringRef Facts) {
  std::vector<std::string> Parts = KeyBase;
  Parts.push_back(File);
  Parts.push_back(Facts.str());
  appendCommandAndConfiguration(File, Parts);
  return ResultCache::key(Parts);
}

std::string Analysis::factsContext(const std::string &File) {
  std::vector<std::string> Parts = binaryIdentity(WorkerArgs.Program);
  llvm::append_range(Parts, WorkerShared);
  llvm::append_range(Parts, WorkerArgs.FixedFlags);
  Parts.push_back(File);
  appendCommandAndConfiguration(File, Parts);
  return ResultCache::key(Parts);
}

void Analysis::appendCommandAndConfiguration(const std::string &File,
                                             std::vector<std::string> &Parts) {
  if (!Database && Cmd.BuildPath && !Cmd.HasFixedFlags) {
    std::string Error;
    Database = clang::tooling::CompilationDatabase::autoDetectFromDirectory(
        *Cmd.BuildPath, Error);
  }
  std::unique_ptr<clang::tooling::CompilationDatabase> Own;
  clang::tooling::CompilationDatabase *Commands = Database.get();
  if (!Commands && !Cmd.HasFixedFlags) {
    std::string Error;
    Own =
        clang::tooling::CompilationDatabase::autoDetectFromSource(File, Error);
    Commands = Own.get();
  }
  if (Commands)
    for (const clang::tooling::CompileCommand &Command :
         Commands->getCompileCommands(File)) {
      Parts.push_back(Command.Directory);
      Parts.push_back(llvm::join(Command.CommandLine, "\x1f"));
    }
  Parts.push_back(
      clang::tidy::configurationAsText(configuredOptions(Cmd, File)));
}

void Analysis::runCached(const std::vector<FileResult *> &Batch,
                         bool WithFacts) {
  if (!Cache) {
    Pool->run(Batch, WithFacts);
    return;
  }
  // The program facts a unit is given decide its result too.
  std::string Facts = factsState(WithFacts);
  std::vector<FileResult *> Misses;
  for (FileResult *Unit : Batch) {
    Unit->CacheKey = unitKey(Unit->File, Facts);
    std::optional<ResultCache::Entry> Hit = Cache->lookup(Unit->CacheKey);
    if (!Hit) {
      Misses.push_back(Unit);
      continue;
    }
    Unit->Result = std::move(Hit->Result);
    Unit->FromCache = true;
    Unit->ExitCode = 0;
    if (Hit->UnitFacts)
      writeTextFile(Unit->UnitFactsPath, *Hit->UnitFacts);
    else
      llvm::sys::fs::remove(Unit->UnitFactsPath);
  }
  Pool->run(Misses, WithFacts);
  for (FileResult *Unit : Misses) {
    Unit->FromCache = false;
    if (Unit->Result &&
        (Unit->Result->State == WorkerResult::Status::Analysed ||
         Unit->Result->State == WorkerResult::Status::FailedToCompile))
      Cache->store(Unit->CacheKey, *Unit->Result, Unit->UnitFactsPath);
  }
}

} // namespace corolint
