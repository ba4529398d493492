//===--- Files.cpp - corolint ---------------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Files.h"
#include "LLVMCompat.h"
#include "clang/Basic/FileManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include <csignal>
#include <unistd.h>

namespace clang::tidy::coro {

std::vector<FileRead> filesReadWithContents(const SourceManager &SM) {
  std::vector<FileRead> Files;
  for (auto It = SM.fileinfo_begin(), End = SM.fileinfo_end(); It != End;
       ++It) {
    llvm::SmallString<256> Path(corolint::compat::openedName(It->first));
    SM.getFileManager().makeAbsolutePath(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/false);
    std::optional<llvm::StringRef> Contents;
    if (std::optional<llvm::MemoryBufferRef> Buffer =
            It->second->getBufferIfLoaded())
      Contents = Buffer->getBuffer();
    Files.push_back({std::string(Path), Contents});
  }
  llvm::sort(Files, [](const FileRead &A, const FileRead &B) {
    return A.Path < B.Path;
  });
  Files.erase(std::unique(Files.begin(), Files.end(),
                          [](const FileRead &A, const FileRead &B) {
                            return A.Path == B.Path;
                          }),
              Files.end());
  return Files;
}

std::vector<std::string> filesRead(const SourceManager &SM) {
  std::vector<std::string> Files;
  for (FileRead &File : filesReadWithContents(SM))
    Files.push_back(std::move(File.Path));
  return Files;
}

std::error_code createRegisteredUniqueFile(const llvm::Twine &Model, int &FD,
                                           llvm::SmallVectorImpl<char> &Path,
                                           const TemporaryRegistry &Registry,
                                           unsigned Mode) {
  std::string ModelText = Model.str();
  std::error_code EC;
  // As createUniqueFile does: another name when one is taken.
  for (int Attempt = 0; Attempt < 128; ++Attempt) {
    llvm::sys::fs::createUniquePath(ModelText, Path, /*MakeAbsolute=*/false);
    llvm::StringRef Name(Path.data(), Path.size());
    Registry.Register(Name);
    EC = llvm::sys::fs::openFileForWrite(Name, FD, llvm::sys::fs::CD_CreateNew,
                                         llvm::sys::fs::OF_None, Mode);
    if (!EC)
      return EC;
    Registry.Unregister(Name);
    if (EC != std::errc::file_exists)
      return EC;
  }
  return EC;
}

namespace {

const TemporaryRegistry &removedOnSignal() {
  static const TemporaryRegistry Registry{
      [](llvm::StringRef Path) { llvm::sys::RemoveFileOnSignal(Path); },
      [](llvm::StringRef Path) { llvm::sys::DontRemoveFileOnSignal(Path); }};
  return Registry;
}

/// Writes all of \p Contents to \p FD and closes it.
std::optional<std::string> writeAndClose(int FD, llvm::StringRef Contents) {
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  OS << Contents;
  OS.close();
  if (!OS.has_error())
    return std::nullopt;
  std::string Reason = OS.error().message();
  OS.clear_error();
  return Reason;
}

/// Replaces what \p Path holds by \p Contents, in the file itself.
std::optional<std::string> overwrite(llvm::StringRef Path,
                                     llvm::StringRef Contents) {
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::openFileForWrite(
          Path, FD, llvm::sys::fs::CD_CreateAlways, llvm::sys::fs::OF_None))
    return EC.message();
  return writeAndClose(FD, Contents);
}

/// Holds back the signals that end corolint while it lives: a rewrite in
/// place is never left half done by an interrupt.
class InterruptsHeldBack {
public:
  InterruptsHeldBack() {
    sigset_t Held;
    sigemptyset(&Held);
    for (int Signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
      sigaddset(&Held, Signal);
    ::pthread_sigmask(SIG_BLOCK, &Held, &Saved);
  }
  ~InterruptsHeldBack() { ::pthread_sigmask(SIG_SETMASK, &Saved, nullptr); }

private:
  sigset_t Saved;
};

/// Rewrites the file itself (its other hard links see the new contents, its
/// owner stays). Nothing is lost when the new contents cannot be written
/// whole (a full disk, a file size limit): the old ones, kept in memory, are
/// written back into the space the truncation just freed.
std::optional<std::string> rewriteInPlace(llvm::StringRef Path,
                                          llvm::StringRef Contents) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Read =
      llvm::MemoryBuffer::getFile(Path);
  if (!Read)
    return Read.getError().message();
  // A copy: a buffer that maps the file would lose its pages when the
  // rewrite truncates it.
  std::string Old = (*Read)->getBuffer().str();
  InterruptsHeldBack Held;
  std::optional<std::string> Reason = overwrite(Path, Contents);
  if (Reason && overwrite(Path, Old))
    return *Reason + "; its old contents could not be written back";
  return Reason;
}

} // namespace

llvm::Error
writeFileAtomically(llvm::StringRef Path,
                    llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  int FD = -1;
  llvm::SmallString<256> Unique;
  // A process stopped while it writes (a worker its orchestrator ends)
  // leaves no half-written file behind.
  if (std::error_code EC = createRegisteredUniqueFile(
          Path + ".tmp-%%%%%%", FD, Unique, removedOnSignal()))
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  auto Unregister = corolint::compat::onScopeExit(
      [&] { llvm::sys::DontRemoveFileOnSignal(Unique); });
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    Write(OS);
    OS.close();
    if (OS.has_error()) {
      OS.clear_error();
      llvm::sys::fs::remove(Unique);
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "cannot write '%s'", Path.str().c_str());
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Unique, Path)) {
    llvm::sys::fs::remove(Unique);
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  }
  return llvm::Error::success();
}

std::optional<std::string>
replaceFileContents(llvm::StringRef Path, llvm::StringRef Contents,
                    const TemporaryRegistry &Registry) {
  // The file itself, wherever links lead: a link is not replaced by a copy.
  llvm::SmallString<256> Real;
  if (std::error_code EC = llvm::sys::fs::real_path(Path, Real))
    return EC.message();
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(Real, Status))
    return EC.message();
  if (Status.getLinkCount() > 1)
    return rewriteInPlace(Real, Contents);
  int FD = -1;
  llvm::SmallString<256> Temporary;
  if (std::error_code EC = createRegisteredUniqueFile(Real + ".corolint-%%%%%%",
                                                      FD, Temporary, Registry))
    return EC.message();
  auto Discard = [&] {
    llvm::sys::fs::remove(Temporary);
    Registry.Unregister(Temporary);
  };
  // The umask does not apply to an explicit chmod; a file owned by another
  // user (corolint run as root, or a group-writable file) keeps its owner,
  // else it is written in place rather than taken over.
  bool OwnerKept =
      (Status.getUser() == ::geteuid() && Status.getGroup() == ::getegid()) ||
      ::fchown(FD, Status.getUser(), Status.getGroup()) == 0;
  if (!OwnerKept) {
    ::close(FD);
    Discard();
    return rewriteInPlace(Real, Contents);
  }
  if (std::error_code EC =
          llvm::sys::fs::setPermissions(FD, Status.permissions())) {
    ::close(FD);
    Discard();
    return EC.message();
  }
  if (std::optional<std::string> Reason = writeAndClose(FD, Contents)) {
    Discard();
    return Reason;
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temporary, Real)) {
    Discard();
    return EC.message();
  }
  Registry.Unregister(Temporary);
  return std::nullopt;
}

std::optional<std::string> whyNotInputFile(llvm::StringRef Path,
                                           uint64_t MaxBytes) {
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(Path, Status))
    return EC.message();
  if (Status.type() == llvm::sys::fs::file_type::directory_file)
    return std::string("it is a directory");
  if (Status.type() != llvm::sys::fs::file_type::regular_file)
    return std::string("it is not a regular file");
  if (Status.getSize() > MaxBytes)
    return "it is larger than " + std::to_string(MaxBytes >> 20) + " MiB";
  return std::nullopt;
}

std::optional<std::string> whyNotWritable(llvm::StringRef Path) {
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(Path, Status)) {
    if (Status.type() == llvm::sys::fs::file_type::directory_file)
      return std::string("it is a directory");
    // A device or a FIFO (/dev/stdout) is written as it is; opening it here
    // could block on a FIFO, or end its reader's input.
    if (Status.type() != llvm::sys::fs::file_type::regular_file)
      return std::nullopt;
  }
  // A regular file is written beside and renamed: its folder decides.
  llvm::SmallString<256> Folder(llvm::sys::path::parent_path(Path));
  if (Folder.empty())
    Folder = ".";
  if (!llvm::sys::fs::exists(Folder))
    return "no folder '" + std::string(Folder) + "'";
  if (!llvm::sys::fs::is_directory(Folder))
    return "'" + std::string(Folder) + "' is not a folder";
  if (std::error_code EC =
          llvm::sys::fs::access(Folder, llvm::sys::fs::AccessMode::Write))
    return "its folder: " + EC.message();
  return std::nullopt;
}

} // namespace clang::tidy::coro
