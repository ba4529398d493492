//===--- CorolintMain.cpp - the corolint standalone tool ------------------===//
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

#include "CoroTidyModule.h"
#include "ProgramFacts.h"
#include "Driver.h"
#include "Preflight.h"
#include "Reports.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"
#include <vector>
#ifdef __linux__
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace clang::tidy;

static ClangTidyModuleRegistry::Add<coro::CoroModule>
    CoroModuleRegistration(coro::CoroModuleName, coro::CoroModuleDescription);

namespace {

/// True when the command line chooses checks itself. Arguments after `--`
/// belong to the compiler and are not looked at.
bool choosesChecks(llvm::ArrayRef<const char *> Args) {
  for (llvm::StringRef Arg : Args.drop_front()) {
    if (Arg == "--")
      return false;
    Arg = Arg.ltrim('-');
    if (Arg == "checks" || Arg.starts_with("checks="))
      return true;
  }
  return false;
}

void printVersion(llvm::raw_ostream &OS) {
  OS << "corolint version " << COROLINT_VERSION << "\n"
     << "  built with LLVM " << LLVM_VERSION_STRING << "\n";
}

} // namespace

int reportError(llvm::StringRef Message) {
  llvm::errs() << "corolint: error: " << Message << "\n";
  return corolint::ExitUsageError;
}

/// Runs clang-tidy's driver with corolint's default checks, refined by the
/// coro globs of the configuration that applies to the (first) file.
int runClangTidy(std::vector<const char *> Args) {
  std::string DefaultChecks;
  if (!choosesChecks(Args)) {
    corolint::CommandLine Cmd = corolint::parseCommandLine(Args);
    std::string File = Cmd.Sources.empty() ? "dummy" : Cmd.Sources.front();
    DefaultChecks = "--checks=" + corolint::defaultChecksFor(Cmd, File);
    Args.insert(Args.begin() + 1, DefaultChecks.c_str());
  }
  // Parse as the compiler does (see the top of this file). The user's own
  // --extra-arg flags come later and win.
  static const char ParseAsCompiler[] = "--extra-arg=-U__clang_analyzer__";
  Args.insert(Args.begin() + 1, ParseAsCompiler);
  llvm::cl::SetVersionPrinter(printVersion);
  return clangTidyMain(static_cast<int>(Args.size()), Args.data());
}

int main(int argc, const char **argv) {
  std::vector<const char *> Args(argv, argv + argc);
  // A worker analyses the files it is given, as clang-tidy does.
  if (Args.size() > 1 && llvm::StringRef(Args[1]) == corolint::WorkerFlag) {
    Args.erase(Args.begin() + 1);
#ifdef __linux__
    // A worker dies with its orchestrator, however that ends.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
    // The facts files, for coro-blocking-call across files.
    while (Args.size() > 1) {
      llvm::StringRef Arg = Args[1];
      if (Arg.consume_front(corolint::UnitFactsFlag))
        coro::ToolFactsSettings::unitFactsOutput() = Arg.str();
      else if (Arg.consume_front(corolint::ProgramFactsFlag))
        coro::ToolFactsSettings::programFactsInput() = Arg.str();
      else
        break;
      Args.erase(Args.begin() + 1);
    }
    return runClangTidy(Args);
  }
  if (Args.size() > 1 && llvm::StringRef(Args[1]) == "merge-sarif")
    return corolint::mergeSarif(llvm::ArrayRef(Args).drop_front(2));

  corolint::RunOptions Options;
  if (auto Error = corolint::splitOptions(Args, Options))
    return reportError(*Error);
  corolint::CommandLine Cmd = corolint::parseCommandLine(Options.TidyArgs);
  if (Cmd.Checks)
    if (auto Unknown = corolint::findUnknownCheck(
            *Cmd.Checks, corolint::registeredCheckNames()))
      return reportError(*Unknown);
  // --help, --version, --list-checks, --dump-config...: clang-tidy answers.
  if (Cmd.NeedsNoSources) {
    for (llvm::StringRef Arg : Options.TidyArgs)
      if (Arg == "--help" || Arg == "-help" || Arg == "--help-hidden")
        corolint::printDriverHelp();
    return runClangTidy(Options.TidyArgs);
  }
  return corolint::runAnalysis(Options, argv[0]);
}
