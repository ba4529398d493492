//===--- Files.cpp - corolint ---------------------------------------------===//

#include "Files.h"
#include "clang/Basic/FileManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::coro {

std::vector<std::string> filesRead(const SourceManager &SM) {
  std::vector<std::string> Files;
  for (auto It = SM.fileinfo_begin(), End = SM.fileinfo_end(); It != End;
       ++It) {
    llvm::SmallString<256> Path(It->first.getName());
    SM.getFileManager().makeAbsolutePath(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/false);
    Files.push_back(std::string(Path));
  }
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
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
