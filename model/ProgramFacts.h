//===--- ProgramFacts.h - corolint -----------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Facts about functions across translation units, keyed by USR, so that a
// coroutine in one file is reported for a blocking helper defined in
// another, and a virtual call for overriders that all block.
//
// Two kinds of files, both JSON:
//   * unit facts, written by coro-blocking-call for one translation unit
//     (the functions it defines: the blocking chain found in their body,
//     the calls they make to functions defined elsewhere, the methods they
//     override; and the files the unit read, with their content hashes);
//   * program facts, merged from every unit's facts and resolved across
//     files: for each function that blocks, the whole chain of calls down
//     to the blocking call, with file, line and column for each step; for
//     each virtual method whose every overrider blocks, the chain of one.
// The standalone tool writes both; the clang-tidy plugin reads program
// facts through the check's ProgramFacts option.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_MODEL_PROGRAMFACTS_H
#define COROLINT_MODEL_PROGRAMFACTS_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::coro {

/// Bumped whenever the meaning or layout of the files changes. Version 2
/// writes each file a program's units read once ("files"); version 1 files
/// are still read.
inline constexpr int ProgramFactsVersion = 2;

/// The USR of a declaration, or empty.
std::string getUSR(const Decl &D);

/// One call of a chain, where it is written: "Caller calls Callee here".
struct FactStep {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Caller; ///< As diagnostics name it: `'Db::query'`.
  std::string Callee;
};

llvm::json::Value toJSON(const FactStep &Step);
bool fromJSON(const llvm::json::Value &Value, FactStep &Step,
              llvm::json::Path P);

/// Why a function blocks: the chain from its body to the blocking call.
struct BlockingFact {
  std::string Name;         ///< The function, as diagnostics name it.
  std::string Category;     ///< BlockingCallCheck's category, by name.
  std::string BlockingName; ///< The blocking function at the end.
  std::vector<FactStep> Steps;
};

/// A call from a function's body to a function defined elsewhere.
struct ExternalCall {
  std::string USR;
  std::string Name;
  bool Virtual = false; ///< Dispatched: any overrider may run.
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// What one translation unit says about one function it defines.
struct FunctionFacts {
  std::string USR;
  std::string Name;
  std::optional<BlockingFact> Blocks; ///< Found within the unit.
  std::vector<ExternalCall> Calls;    ///< On paths that return.
  std::vector<std::string> Overrides; ///< USRs of the methods it overrides.
};

/// A file the unit read, for reusing its facts while nothing changed.
struct InputFile {
  std::string Path;
  std::string Hash;
};

struct UnitFacts {
  std::string MainFile;
  std::vector<InputFile> Inputs;
  std::vector<FunctionFacts> Functions;
  /// Functions (and virtual methods) that the unit's coroutines call, that
  /// it does not define, and that the program facts it was analysed with
  /// did not say block: if the program's facts say so now, the unit is
  /// analysed again.
  std::vector<std::string> Wanted;
  /// Set by the standalone tool in a kept program facts file: what the facts
  /// were found with besides the files (corolint's build, arguments, compile
  /// command, configuration), as a hash; a later run uses them only if its
  /// own is the same.
  std::string Context;
};

llvm::json::Value toJSON(const UnitFacts &Facts);
llvm::Expected<UnitFacts> readUnitFacts(llvm::StringRef Path);
/// Writes \p Value atomically (write, then rename). Facts files are written
/// unindented (\p IndentSize 0): programs read them, and a kept program
/// facts file lists every function of every unit; `jq .` indents them.
llvm::Error writeJSONFile(llvm::StringRef Path, const llvm::json::Value &Value,
                          unsigned IndentSize = 0);

/// The content hash recorded for an input file (versioned xxh3), or empty
/// when it cannot be read.
std::string hashFile(llvm::StringRef Path);
/// The same hash, of contents already read.
std::string hashContents(llvm::StringRef Contents);

/// The resolved facts of a whole program.
class ProgramFacts {
public:
  /// Merges the units' facts and resolves chains across them, following at
  /// most \p MaxDepth calls from a function to the blocking call.
  static ProgramFacts resolve(llvm::ArrayRef<UnitFacts> Units,
                              unsigned MaxDepth);
  static llvm::Expected<ProgramFacts> read(llvm::StringRef Path);
  /// With the units it was resolved from, so that a later run can reuse the
  /// facts of the files it does not analyse again.
  llvm::json::Value toJSON(llvm::ArrayRef<UnitFacts> Units = {}) const;
  /// The units stored in a program facts file (none if it was written
  /// without them); an error if the file is not a program facts file.
  static llvm::Expected<std::vector<UnitFacts>> readUnits(llvm::StringRef Path);

  /// The chain through which the function with this USR blocks, if any.
  const BlockingFact *blocking(llvm::StringRef USR) const;
  /// For a virtual method: the chain of one overrider, when every
  /// implementation found in the program blocks.
  const BlockingFact *blockingOverriders(llvm::StringRef USR) const;
  bool empty() const { return Functions.empty() && Virtuals.empty(); }

private:
  llvm::StringMap<BlockingFact> Functions;
  llvm::StringMap<BlockingFact> Virtuals;
};

/// Set by the standalone tool in its worker processes: where
/// coro-blocking-call writes the unit's facts, and the program facts it
/// reads when its ProgramFacts option is not set.
struct ToolFactsSettings {
  static std::string &unitFactsOutput();
  static std::string &programFactsInput();
};

} // namespace clang::tidy::coro

#endif // COROLINT_MODEL_PROGRAMFACTS_H
