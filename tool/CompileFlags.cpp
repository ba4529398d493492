//===--- CompileFlags.cpp - corolint --------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CompileFlags.h"
#include "LLVMCompat.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Option/ArgList.h"

namespace corolint {

std::vector<std::string>
unknownFlags(const std::vector<std::string> &CommandLine) {
  if (CommandLine.size() < 2)
    return {};
  std::vector<const char *> Args;
  for (size_t I = 1; I < CommandLine.size(); ++I)
    Args.push_back(CommandLine[I].c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  llvm::opt::InputArgList Parsed =
      corolint::compat::parseDriverArguments(Args, MissingIndex, MissingCount);
  std::vector<std::string> Unknown;
  for (const llvm::opt::Arg *Arg :
       Parsed.filtered(corolint::compat::driver_options::OPT_UNKNOWN)) {
    std::string Flag = Arg->getAsString(Parsed);
    if (!llvm::is_contained(Unknown, Flag))
      Unknown.push_back(Flag);
  }
  return Unknown;
}

std::optional<std::string>
standardWithoutCoroutines(const std::vector<std::string> &CommandLine) {
  std::optional<llvm::StringRef> Standard;
  for (llvm::StringRef Arg : CommandLine) {
    if (Arg.consume_front("-std=") || Arg.consume_front("--std=") ||
        Arg.consume_front("/std:") || Arg.consume_front("-std:"))
      Standard = Arg; // The last one counts.
  }
  if (!Standard)
    // clang 16 and later compile C++ as gnu++17 by default.
    return std::string("gnu++17, clang's default without -std=");
  for (llvm::StringRef Old :
       {"c++98", "c++03", "c++0x", "c++11", "c++1y", "c++14", "c++1z", "c++17",
        "gnu++98", "gnu++03", "gnu++0x", "gnu++11", "gnu++1y", "gnu++14",
        "gnu++1z", "gnu++17"})
    if (*Standard == Old)
      return Standard->str();
  return std::nullopt;
}

} // namespace corolint
