//===--- CompileFlags.h - corolint -----------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What a compile command asks of clang that it cannot give: flags only GCC
// knows (databases written by `bear -- make` with g++), and a language
// standard without coroutines.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_COMPILEFLAGS_H
#define COROLINT_TOOL_COMPILEFLAGS_H

#include <optional>
#include <string>
#include <vector>

namespace corolint {

/// The arguments of \p CommandLine (the compiler first) that clang's driver
/// does not know, each once, in order: clang would refuse the command.
std::vector<std::string>
unknownFlags(const std::vector<std::string> &CommandLine);

/// The standard \p CommandLine compiles C++ with when it has no coroutines
/// (older than C++20): the `-std=` value, or clang's default when none is
/// given; none for C++20 and later.
std::optional<std::string>
standardWithoutCoroutines(const std::vector<std::string> &CommandLine);

} // namespace corolint

#endif // COROLINT_TOOL_COMPILEFLAGS_H
