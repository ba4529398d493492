//===--- CorolintMain.cpp - the corolint standalone tool ------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// corolint is clang-tidy's own driver (clangTidyMain) with the coro module
// linked in. Users get every clang-tidy flag they know (-p, --fix,
// --export-fixes, --config, .clang-tidy discovery, NOLINT...). The differences:
//   * the default check list is `-*,coro-*` instead of clang-tidy's
//     `clang-diagnostic-*,clang-analyzer-*`;
//   * `--version` names corolint;
//   * `__clang_analyzer__` is not defined: clang-tidy defines it for its
//     static analyzer checks, which corolint does not run, and libraries hide
//     code from the analyzer with it (stdexec's exec/task.hpp), so files
//     would not parse as they compile.
//
//===----------------------------------------------------------------------===//

#include "Arguments.h"
#include "CoroTidyModule.h"
#include "Driver.h"
#include "Preflight.h"
#include "ProgramFacts.h"
#include "Reports.h"
#include "Worker.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <csignal>
#include <vector>

using namespace clang::tidy;

static ClangTidyModuleRegistry::Add<coro::CoroModule>
    CoroModuleRegistration(coro::CoroModuleName, coro::CoroModuleDescription);

namespace {

void printVersion(llvm::raw_ostream &OS) {
  OS << "corolint version " << COROLINT_VERSION << " (revision "
     << COROLINT_GIT_REVISION << ")\n"
     << "  built with LLVM " << LLVM_VERSION_STRING << "\n";
}

} // namespace

int reportError(llvm::StringRef Message) {
  llvm::WithColor::error(llvm::errs(), "corolint") << Message << "\n";
  return corolint::ExitUsageError;
}

int main(int argc, const char **argv) {
  // Under a file size limit (ulimit -f) a write that passes it then fails,
  // and corolint says so, instead of being killed while it rewrites a file.
  ::signal(SIGXFSZ, SIG_IGN);
  std::vector<const char *> Args(argv, argv + argc);
  llvm::cl::SetVersionPrinter(printVersion);
  if (Args.size() > 1 && llvm::StringRef(Args[1]) == "merge-sarif")
    return corolint::mergeSarif(llvm::ArrayRef(Args).drop_front(2));
  // `@file` arguments, read as clang-tidy's parser reads them (GNU quoting,
  // nested files): corolint's own options may come from one too.
  llvm::BumpPtrAllocator Allocator;
  llvm::StringSaver Saver(Allocator);
  llvm::SmallVector<const char *, 0> Expanded(Args.begin(), Args.end());
  if (!llvm::cl::ExpandResponseFiles(Saver, llvm::cl::TokenizeGNUCommandLine,
                                     Expanded))
    return reportError("cannot read the response files of the command line");
  Args.assign(Expanded.begin(), Expanded.end());

  // --help and --version: clang-tidy's driver prints them, with corolint's
  // options among its own.
  if (corolint::asksForHelpOrVersion(Args)) {
    corolint::showOptionsInClangTidyHelp();
    return clangTidyMain(static_cast<int>(Args.size()), Args.data());
  }
  corolint::RunOptions Options;
  corolint::CommandLine Cmd;
  if (auto Error = corolint::parseArguments(Args, Options, Cmd))
    return reportError(*Error);
  if (Cmd.Checks)
    if (auto Unknown = corolint::findUnknownCheck(
            *Cmd.Checks, corolint::registeredCheckNames()))
      return reportError(*Unknown);
  // --list-checks, --dump-config...: clang-tidy answers.
  if (Cmd.NeedsNoSources)
    return corolint::runClangTidy(Options.TidyArgs, Cmd);
  return corolint::runAnalysis(Options, Cmd, argv[0]);
}
