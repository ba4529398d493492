//===--- Files.h - corolint ------------------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
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
llvm::Error
writeFileAtomically(llvm::StringRef Path,
                    llvm::function_ref<void(llvm::raw_ostream &)> Write);

/// What removes a temporary file should the process be interrupted, and
/// takes the request back once the file is renamed or removed.
struct TemporaryRegistry {
  void (*Register)(llvm::StringRef Path);
  void (*Unregister)(llvm::StringRef Path);
};

/// Creates a new file named after \p Model (each `%` a random character, as
/// llvm::sys::fs::createUniqueFile does), open for writing in \p FD. Its name
/// is registered before the file exists, so that an interrupt between the
/// two leaves nothing behind.
std::error_code createRegisteredUniqueFile(const llvm::Twine &Model, int &FD,
                                           llvm::SmallVectorImpl<char> &Path,
                                           const TemporaryRegistry &Registry,
                                           unsigned Mode = 0666);

/// Replaces the contents of an existing file, as an editor saving it would:
/// through a symbolic link the link's target is written (the link stays);
/// the file keeps its mode, owner and group; a file with several hard links
/// is written in place (a rename would part it from its other names), as is
/// one whose owner cannot be kept. Otherwise the new contents go to a file
/// beside it that is renamed when whole. Returns the reason on failure.
std::optional<std::string>
replaceFileContents(llvm::StringRef Path, llvm::StringRef Contents,
                    const TemporaryRegistry &Registry);

/// Why \p Path cannot be written, or none: files are written beside and
/// renamed (writeFileAtomically), so a regular or new file needs a writable
/// folder; a device or FIFO is written as it is and is not opened here.
/// Nothing is changed: a run finds out before its analysis, not after.
std::optional<std::string> whyNotWritable(llvm::StringRef Path);

/// Why \p Path cannot be read as an input file, or none: it must be a
/// regular file (a device such as /dev/zero reads without end, a FIFO may
/// never answer) of at most \p MaxBytes.
std::optional<std::string> whyNotInputFile(llvm::StringRef Path,
                                           uint64_t MaxBytes = 1ULL << 30);

} // namespace clang::tidy::coro

#endif // COROLINT_UTILS_FILES_H
