//===--- ClangdMain.cpp - clangd with corolint's checks -------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
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
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
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
/// the others (--help, --version, --check, --print-*) print text and may
/// exit() from inside clangd. clangd also takes flags from CLANGD_FLAGS.
bool speaksLSP(llvm::ArrayRef<char *> Args) {
  llvm::SmallVector<llvm::StringRef, 8> All(Args.drop_front().begin(),
                                            Args.drop_front().end());
  if (const char *Env = std::getenv("CLANGD_FLAGS"))
    llvm::SplitString(Env, All);
  return llvm::none_of(All, [](llvm::StringRef Arg) {
    Arg.consume_front("-");
    Arg.consume_front("-");
    return Arg.starts_with("help") || Arg.starts_with("version") ||
           Arg.starts_with("check") || Arg.starts_with("print");
  });
}

/// The relay and the descriptors around it, drained once: when clangdMain
/// returns, or at exit() if clangd ends the process itself.
struct Relay {
  std::thread Thread;
  bool Drained = false;

  void drain() {
    if (Drained || !Thread.joinable())
      return;
    Drained = true;
    std::fflush(stdout);
    llvm::outs().flush();
    // /dev/null takes fd 1 over, which closes the pipe's write end: the
    // relay reads to its end, writes everything on, and returns.
    int Null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (Null >= 0) {
      dup2(Null, STDOUT_FILENO);
      close(Null);
    } else {
      close(STDOUT_FILENO);
    }
    Thread.join();
  }
};
Relay TheRelay;

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
      llvm::outs() << "corolint-clangd: clangd with corolint "
                   << COROLINT_VERSION << "'s coro checks\n";
  int ArgCount = static_cast<int>(Args.size()) - 1;
  if (!speaksLSP({Args.data(), Args.size() - 1}))
    return clang::clangd::clangdMain(ArgCount, Args.data());

  // clangd writes to stdout (fd 1): make that a pipe read by the relay,
  // which writes to the real stdout.
  int Editor = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0);
  int Pipe[2];
  if (Editor < 0 || pipe2(Pipe, O_CLOEXEC) != 0 ||
      dup2(Pipe[1], STDOUT_FILENO) < 0) {
    std::fprintf(stderr, "corolint-clangd: error: cannot set up its output\n");
    return 2;
  }
  close(Pipe[1]);
  int FromClangd = Pipe[0];
  TheRelay.Thread = std::thread(
      [=] { corolint::relayMessages(FromClangd, Editor, DocsUrl); });
  std::atexit([] { TheRelay.drain(); });
  int Code = clang::clangd::clangdMain(ArgCount, Args.data());
  TheRelay.drain();
  return Code;
}
