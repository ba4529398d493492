//===--- PluginVersionGuard.cpp - corolint clang-tidy plugin entry --------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Registers the coro module when corolint-tidy.so is loaded into clang-tidy
// with `-load`. The plugin links nothing: every LLVM/Clang symbol comes from
// the host clang-tidy, so a host of another major version would silently run
// the checks against a different ABI. Before registering anything we ask the
// host for its version and refuse, loudly, to run in the wrong one.
//
//===----------------------------------------------------------------------===//

#include "CoroTidyModule.h"
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <string>

namespace {

// clang::getClangFullVersion() has had this mangled name and the same
// std::string return ABI in every release, so it is safe to call in any host.
constexpr const char *HostVersionSymbol =
    "_ZN5clang19getClangFullVersionB5cxx11Ev";

int hostClangMajorVersion() {
  using VersionFn = std::string (*)();
  void *Symbol = dlsym(RTLD_DEFAULT, HostVersionSymbol);
  if (!Symbol)
    return -1;
  std::string Version = reinterpret_cast<VersionFn>(Symbol)();
  const char *Digits = std::strstr(Version.c_str(), "version ");
  if (!Digits)
    return -1;
  return std::atoi(Digits + std::strlen("version "));
}

struct HostVersionGuard {
  HostVersionGuard() {
    int HostMajor = hostClangMajorVersion();
    if (HostMajor == COROLINT_LLVM_MAJOR)
      return;
    std::fprintf(stderr,
                 "error: corolint-tidy.so was built for clang-tidy %d but was "
                 "loaded into clang-tidy %d; use clang-tidy-%d or rebuild "
                 "corolint against this LLVM\n",
                 COROLINT_LLVM_MAJOR, HostMajor, COROLINT_LLVM_MAJOR);
    std::_Exit(2);
  }
};

// Declared before the registration below so that it runs first.
HostVersionGuard Guard;

clang::tidy::ClangTidyModuleRegistry::Add<clang::tidy::coro::CoroModule>
    Registration(clang::tidy::coro::CoroModuleName,
                 clang::tidy::coro::CoroModuleDescription);

} // namespace
