//===--- Fixes.cpp - corolint ---------------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Fixes.h"
#include "Files.h"
#include "Rendering.h"
#include "clang/Format/Format.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <set>

namespace corolint {

std::unique_ptr<llvm::MemoryBuffer>
FileHashes::readAsAnalysed(llvm::StringRef File) const {
  std::string Expected = of(File.str());
  if (Expected.empty())
    return nullptr;
  auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer || contentHash((*Buffer)->getBuffer()) != Expected)
    return nullptr;
  return std::move(*Buffer);
}

namespace {

/// A file as every unit names it, however it reached it (relative to its
/// build directory, `src/../inc`, a symbolic link), computed once per name.
class FileIdentities {
public:
  const std::string &of(llvm::StringRef Path, llvm::StringRef BuildDirectory) {
    std::string Key = (Path + llvm::Twine('\0') + BuildDirectory).str();
    auto [Known, New] = Identities.try_emplace(Key);
    if (!New)
      return Known->second;
    std::string Absolute = absolutePath(Path, BuildDirectory);
    llvm::SmallString<256> Real;
    Known->second =
        llvm::sys::fs::real_path(Absolute, Real) ? Absolute : std::string(Real);
    return Known->second;
  }

private:
  llvm::StringMap<std::string> Identities;
};

/// What makes two exported diagnostics the same finding: the check, the
/// place, the words and every replacement of every fix.
std::string exportIdentity(const clang::tooling::Diagnostic &D,
                           FileIdentities &Files) {
  std::string Identity;
  llvm::raw_string_ostream OS(Identity);
  auto Message = [&](const clang::tooling::DiagnosticMessage &M) {
    OS << Files.of(M.FilePath, D.BuildDirectory) << '\0' << M.FileOffset << '\0'
       << M.Message << '\0';
    for (const auto &[File, Replaces] : M.Fix)
      for (const clang::tooling::Replacement &R : Replaces)
        OS << Files.of(File, D.BuildDirectory) << '\0' << R.getOffset() << '\0'
           << R.getLength() << '\0' << R.getReplacementText() << '\0';
  };
  OS << D.DiagnosticName << '\0';
  Message(D.Message);
  for (const clang::tooling::DiagnosticMessage &Note : D.Notes)
    Message(Note);
  return Identity;
}

} // namespace

void dropCutFixes(clang::tooling::Diagnostic &D) {
  auto Cut = [](const llvm::StringMap<clang::tooling::Replacements> &Fix) {
    for (const auto &FileFixes : Fix)
      for (const clang::tooling::Replacement &R : FileFixes.getValue())
        if (R.getReplacementText().ends_with("\xEF\xBF\xBD"))
          return true;
    return false;
  };
  if (!Cut(D.Message.Fix) &&
      llvm::none_of(D.Notes, [&](const clang::tooling::DiagnosticMessage &N) {
        return Cut(N.Fix);
      }))
    return;
  D.Message.Fix.clear();
  for (clang::tooling::DiagnosticMessage &Note : D.Notes)
    Note.Fix.clear();
}

void mergeExportedFixes(const std::vector<FileResult> &Results,
                        llvm::StringRef Out) {
  clang::tooling::TranslationUnitDiagnostics Merged;
  std::set<std::string> Seen;
  FileIdentities Files;
  for (const FileResult &Result : Results) {
    auto Buffer = llvm::MemoryBuffer::getFile(Result.exportPath());
    if (!Buffer)
      continue;
    clang::tooling::TranslationUnitDiagnostics One;
    llvm::yaml::Input Input((*Buffer)->getBuffer());
    Input >> One;
    if (Input.error())
      continue;
    if (Merged.MainSourceFile.empty())
      Merged.MainSourceFile = One.MainSourceFile;
    // A finding in a header shared by several units is exported by each;
    // clang-apply-replacements would apply its fix once per copy.
    for (clang::tooling::Diagnostic &D : One.Diagnostics) {
      dropCutFixes(D);
      if (Seen.insert(exportIdentity(D, Files)).second)
        Merged.Diagnostics.push_back(std::move(D));
    }
  }
  auto Write = [&](llvm::raw_ostream &OS) {
    llvm::yaml::Output YAML(OS);
    YAML << Merged;
  };
  // A regular file beside and renamed (a reader never sees half of it, its
  // folder was checked before the analysis); a device as it is.
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(Out, Status) &&
      Status.type() != llvm::sys::fs::file_type::regular_file) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Out, EC, llvm::sys::fs::OF_Text);
    if (!EC) {
      Write(OS);
      return;
    }
    llvm::WithColor::error(llvm::errs(), "corolint")
        << "cannot write '" << Out << "': " << EC.message() << "\n";
    return;
  }
  if (llvm::Error Error = clang::tidy::coro::writeFileAtomically(Out, Write))
    llvm::WithColor::error(llvm::errs(), "corolint")
        << llvm::toString(std::move(Error)) << "\n";
}

bool applyFixes(const std::vector<Finding> &Findings, const FileHashes &Hashes,
                const CommandLine &Cmd, const SourceFiles &Sources) {
  std::map<std::string, clang::tooling::Replacements> PerFile;
  // Fixes merged per file: counted as applied once their file is written.
  std::map<std::string, unsigned> MergedIn;
  unsigned Total = 0, Applied = 0;
  for (const Finding &F : Findings) {
    const std::vector<Edit> *Fix = F.chosenFix();
    if (!Fix)
      continue;
    for (const Edit &E : *Fix) {
      ++Total;
      clang::tooling::Replacement R(E.Begin.File, E.Begin.Offset, E.Length,
                                    E.Text);
      clang::tooling::Replacements &Replaces = PerFile[E.Begin.File];
      llvm::Error Conflict = Replaces.add(R);
      if (!Conflict) {
        ++MergedIn[E.Begin.File];
        continue;
      }
      llvm::consumeError(std::move(Conflict));
      unsigned Offset = Replaces.getShiftedCodePosition(R.getOffset());
      unsigned Length =
          Replaces.getShiftedCodePosition(R.getOffset() + R.getLength()) -
          Offset;
      if (Length != R.getLength()) {
        llvm::errs() << "corolint: a fix in '"
                     << Sources.displayPath(E.Begin.File) << "' at line "
                     << E.Begin.Line
                     << " conflicts with another fix; it was skipped\n";
        continue;
      }
      Replaces = Replaces.merge(clang::tooling::Replacements(
          clang::tooling::Replacement(E.Begin.File, Offset, Length, E.Text)));
      ++MergedIn[E.Begin.File];
    }
  }
  bool Refused = false;
  for (const auto &[File, Replaces] : PerFile) {
    std::string Display = Sources.displayPath(File);
    std::unique_ptr<llvm::MemoryBuffer> Buffer = Hashes.readAsAnalysed(File);
    if (!Buffer) {
      llvm::WithColor::error(llvm::errs(), "corolint")
          << "'" << Display
          << "' changed after it was analysed; its fixes were not "
             "applied (run corolint again)\n";
      Refused = true;
      continue;
    }
    llvm::StringRef Code = Buffer->getBuffer();
    std::string StyleName = Cmd.FormatStyle.value_or(
        configuredOptions(Cmd, File).FormatStyle.value_or("none"));
    llvm::Expected<clang::format::FormatStyle> Style =
        clang::format::getStyle(StyleName, File, "none");
    if (!Style) {
      llvm::WithColor::error(llvm::errs(), "corolint")
          << llvm::toString(Style.takeError()) << "\n";
      Refused = true;
      continue;
    }
    llvm::Expected<clang::tooling::Replacements> Cleaned =
        clang::format::cleanupAroundReplacements(Code, Replaces, *Style);
    if (!Cleaned) {
      llvm::WithColor::error(llvm::errs(), "corolint")
          << llvm::toString(Cleaned.takeError()) << "\n";
      Refused = true;
      continue;
    }
    clang::tooling::Replacements Final = *Cleaned;
    if (llvm::Expected<clang::tooling::Replacements> Formatted =
            clang::format::formatReplacements(Code, *Cleaned, *Style))
      Final = std::move(*Formatted);
    else
      llvm::consumeError(Formatted.takeError());
    llvm::Expected<std::string> Fixed =
        clang::tooling::applyAllReplacements(Code, Final);
    if (!Fixed) {
      llvm::WithColor::error(llvm::errs(), "corolint")
          << "the fixes for '" << Display
          << "' do not apply: " << llvm::toString(Fixed.takeError()) << "\n";
      Refused = true;
      continue;
    }
    if (auto Error = clang::tidy::coro::replaceFileContents(
            File, *Fixed, removedOnInterrupt())) {
      llvm::WithColor::error(llvm::errs(), "corolint")
          << "cannot write the fixes of '" << Display << "': " << *Error
          << "; the file is as it was\n";
      Refused = true;
      continue;
    }
    Applied += MergedIn[File];
  }
  if (Total > 0)
    llvm::errs() << "corolint: applied " << Applied << " of " << Total
                 << " suggested fixes"
                 << (Refused ? " (some files refused)" : "") << "\n";
  return !Refused;
}

} // namespace corolint
