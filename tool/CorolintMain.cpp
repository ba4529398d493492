//===--- CorolintMain.cpp - the corolint standalone tool ------------------===//
//
// corolint is clang-tidy's own driver (clangTidyMain) with the coro module
// linked in. Users get every clang-tidy flag they know (-p, --fix,
// --export-fixes, --config, .clang-tidy discovery, NOLINT...). The differences:
//   * the default check list is `-*,coro-*` instead of clang-tidy's
//     `clang-diagnostic-*,clang-analyzer-*`;
//   * `--version` names corolint.
//
//===----------------------------------------------------------------------===//

#include "CoroTidyModule.h"
#include "Preflight.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"
#include <vector>

using namespace clang::tidy;

static ClangTidyModuleRegistry::Add<coro::CoroModule>
    CoroModuleRegistration(coro::CoroModuleName, coro::CoroModuleDescription);

namespace {

constexpr const char *DefaultChecksArgument = "--checks=-*,coro-*";

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

/// Exit code for usage, configuration and input errors.
constexpr int UsageError = 2;

int reportError(llvm::StringRef Message) {
  llvm::errs() << "corolint: error: " << Message << "\n";
  return UsageError;
}

int main(int argc, const char **argv) {
  std::vector<const char *> Args(argv, argv + argc);
  corolint::CommandLine Cmd = corolint::parseCommandLine(Args);
  if (Cmd.Checks)
    if (auto Unknown = corolint::findUnknownCheck(
            *Cmd.Checks, corolint::registeredCheckNames()))
      return reportError(*Unknown);
  if (auto InputError = corolint::findInputError(Cmd))
    return reportError(*InputError);

  // Insert the default right after the program name so that a `--checks`
  // given later on the command line (there is none here) could never be
  // shadowed, and `--` keeps its meaning.
  if (!choosesChecks(Args))
    Args.insert(Args.begin() + 1, DefaultChecksArgument);
  llvm::cl::SetVersionPrinter(printVersion);
  return clangTidyMain(static_cast<int>(Args.size()), Args.data());
}
