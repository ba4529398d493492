//===--- Files.h - corolint ------------------------------------*- C++ -*-===//
//
// File helpers that are not about coroutines: the files a translation unit
// read, and writing a file so that no reader ever sees half of it.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_UTILS_FILES_H
#define COROLINT_UTILS_FILES_H

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::coro {

/// Every file \p SM has read, absolute (relative names against the compile
/// command's directory, the VFS's), sorted, each once. `..` is kept:
/// `/lib/gcc/../../include` is not `/include` when /lib is a symbolic link
/// (Debian's merged /usr).
std::vector<std::string> filesRead(const SourceManager &SM);

/// A file a translation unit read, with the contents it was parsed from
/// when \p SM still holds them.
struct FileRead {
  std::string Path;
  std::optional<llvm::StringRef> Contents;
};
/// filesRead(), with the contents: hashing them costs no second read of
/// every header from disk.
std::vector<FileRead> filesReadWithContents(const SourceManager &SM);

/// Writes \p Path through a unique file beside it, renamed when \p Write has
/// written everything: a reader never sees half a file.
llvm::Error writeFileAtomically(llvm::StringRef Path,
                                llvm::function_ref<void(llvm::raw_ostream &)> Write);

} // namespace clang::tidy::coro

#endif // COROLINT_UTILS_FILES_H
