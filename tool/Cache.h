//===--- Cache.h - corolint's result cache ---------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `--cache-dir DIR`: a unit's WorkerResult (and its facts across files) is
// stored under a key made of everything that decides it besides the files it
// reads: corolint's binary, the worker's arguments, the compile command, the
// configuration that applies to the file, and the program facts it was
// given. An entry is used while every file the unit read (recorded at
// analysis time, as ccache's direct mode does) still has the contents it had:
// a warm run preprocesses nothing. Entries are written beside and renamed,
// so concurrent workers and runs never see half an entry; an unreadable
// entry is a miss and is written again; the least recently used entries go
// when the cache outgrows its size limit. The cache owns one marked subtree
// of the folder it is given (`corolint-cache/`, with a CACHEDIR.TAG) and
// removes nothing but its own entries there, never through a link.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_CACHE_H
#define COROLINT_TOOL_CACHE_H

#include "WorkerResult.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include <mutex>
#include <optional>
#include <string>

namespace corolint {

class ResultCache {
public:
  /// A cache in the subtree `corolint-cache` of \p Folder.
  ResultCache(llvm::StringRef Folder, uint64_t MaxBytes);

  /// Creates the owned subtree and its marker; the reason on failure.
  std::optional<std::string> open();

  struct Entry {
    WorkerResult Result;
    std::optional<std::string> UnitFacts; ///< The unit facts file's text.
  };

  /// The key of a unit from the parts that decide its result.
  static std::string key(llvm::ArrayRef<std::string> Parts);

  /// The entry for \p Key when every file it read is unchanged.
  std::optional<Entry> lookup(llvm::StringRef Key);
  /// Stores a result whose inputs are known; \p UnitFactsPath may not exist.
  void store(llvm::StringRef Key, const WorkerResult &Result,
             llvm::StringRef UnitFactsPath);
  /// The files the entry for \p Key read when it was stored (whatever they
  /// hold now), or none.
  std::optional<std::vector<std::string>> recordedInputs(llvm::StringRef Key);
  /// Removes the least recently used entries beyond the size limit: only
  /// files of the cache's own entry names, never through a link.
  void trim();

  unsigned hits() const { return Hits; }

private:
  std::string pathOf(llvm::StringRef Key) const;
  /// The hash of a file's current contents, once per run.
  std::string currentHash(const std::string &File);

  std::string Directory;
  uint64_t MaxBytes;
  std::mutex Lock;
  llvm::StringMap<std::string> Hashes;
  unsigned Hits = 0;
};

} // namespace corolint

#endif // COROLINT_TOOL_CACHE_H
