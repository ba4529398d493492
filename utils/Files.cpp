//===--- Files.cpp - corolint ---------------------------------------------===//

#include "Files.h"
#include "clang/Basic/FileManager.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"

namespace clang::tidy::coro {

std::vector<FileRead> filesReadWithContents(const SourceManager &SM) {
  std::vector<FileRead> Files;
  for (auto It = SM.fileinfo_begin(), End = SM.fileinfo_end(); It != End;
       ++It) {
    llvm::SmallString<256> Path(It->first.getName());
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

llvm::Error writeFileAtomically(
    llvm::StringRef Path, llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  int FD = -1;
  llvm::SmallString<256> Unique;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          Path + ".tmp-%%%%%%", FD, Unique))
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  // A process stopped while it writes (a worker its orchestrator ends)
  // leaves no half-written file behind.
  llvm::sys::RemoveFileOnSignal(Unique);
  llvm::scope_exit Unregister(
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

} // namespace clang::tidy::coro
