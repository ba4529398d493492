//===--- ClangdMain.cpp - clangd with corolint's checks -------------------===//
//
// Debian's clangd 22 (its whole server: clangdMain) with the coro module
// registered, so that clangd's tidy provider creates coro-* checks like its
// own. Stock clangd cannot load clang-tidy plugins.
//
// clangd links every clang-tidy diagnostic to clang.llvm.org, where the coro
// checks have no page; the server's messages to the editor pass through a
// relay that points the coro-* links at corolint's own pages.
//
//===----------------------------------------------------------------------===//

#include "CoroTidyModule.h"
#include "DocLinks.h"
#include "clang-tidy/ClangTidyModule.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdio>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace clang {
namespace clangd {
// Declared in clangd's tool/ClangdMain.h, which Debian does not install.
int clangdMain(int Argc, char *Argv[]);
} // namespace clangd
} // namespace clang

using namespace clang::tidy;

static ClangTidyModuleRegistry::Add<coro::CoroModule>
    CoroModuleRegistration(coro::CoroModuleName, coro::CoroModuleDescription);

namespace {

constexpr llvm::StringLiteral DocsUrlFlag = "--corolint-docs-url=";

/// True for the runs that speak the Language Server Protocol on stdout;
/// the others (--help, --version, --check...) print text and may exit()
/// from inside clangd, before a relay could pass their output on.
bool speaksLSP(llvm::ArrayRef<char *> Args) {
  for (llvm::StringRef Arg : Args.drop_front()) {
    Arg.consume_front("-");
    Arg.consume_front("-");
    if (Arg.starts_with("help") || Arg.starts_with("version") ||
        Arg.starts_with("check") || Arg.starts_with("print") ||
        Arg.starts_with("index-file") || Arg.starts_with("sync"))
      return false;
  }
  return true;
}

} // namespace

int main(int Argc, char *Argv[]) {
  // corolint's own flag, taken out before clangd parses the rest.
  std::string DocsUrl = COROLINT_DOCS_URL;
  std::vector<char *> Args;
  for (int I = 0; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (I > 0 && Arg.starts_with(DocsUrlFlag)) {
      DocsUrl = Arg.drop_front(DocsUrlFlag.size()).str();
      continue;
    }
    Args.push_back(Argv[I]);
  }
  Args.push_back(nullptr);
  // clangd prints its version and exits: say first what this one adds.
  for (llvm::StringRef Arg : llvm::ArrayRef(Args).drop_back())
    if (Arg == "--version" || Arg == "-version")
      llvm::outs() << "corolint-clangd: clangd with corolint " << COROLINT_VERSION
                   << "'s coro checks\n";
  int ArgCount = static_cast<int>(Args.size()) - 1;
  if (!speaksLSP({Args.data(), Args.size() - 1}))
    return clang::clangd::clangdMain(ArgCount, Args.data());

  // clangd writes to stdout (fd 1): make that a pipe read by the relay,
  // which writes to the real stdout.
  int Editor = dup(STDOUT_FILENO);
  int Pipe[2];
  if (Editor < 0 || pipe(Pipe) != 0 || dup2(Pipe[1], STDOUT_FILENO) < 0) {
    std::fprintf(stderr, "corolint-clangd: error: cannot set up its output\n");
    return 2;
  }
  close(Pipe[1]);
  std::thread Relay([&] { corolint::relayMessages(Pipe[0], Editor, DocsUrl); });
  int Code = clang::clangd::clangdMain(ArgCount, Args.data());
  // Everything clangd wrote reaches the editor before the process ends.
  std::fflush(stdout);
  llvm::outs().flush();
  close(STDOUT_FILENO);
  Relay.join();
  return Code;
}
