//===--- Rendering.cpp - findings rendered as clang-tidy does -----------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Rendering.h"
#include "LLVMCompat.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Basic/DiagnosticFrontend.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

namespace corolint {

using clang::tooling::Diagnostic;
using clang::tooling::DiagnosticMessage;

namespace {

/// Like clang, which prints no source line longer than this (minified or
/// generated code), corolint keeps no snippet of such lines.
constexpr size_t MaxLineLengthToPrint = 4096;

/// The 1-based column in UTF-16 code units of the bytes \p Before a
/// position on its line.
unsigned utf16Column(llvm::StringRef Before) {
  unsigned Units = 0;
  for (unsigned char C : Before) {
    if ((C & 0xC0) == 0x80)
      continue;                 // A continuation byte.
    Units += C >= 0xF0 ? 2 : 1; // Four-byte sequences are surrogate pairs.
  }
  return Units + 1;
}

} // namespace

std::string absolutePath(llvm::StringRef Path, llvm::StringRef BuildDirectory) {
  llvm::SmallString<256> Result(Path);
  if (!llvm::sys::path::is_absolute(Result) && !BuildDirectory.empty()) {
    Result = BuildDirectory;
    llvm::sys::path::append(Result, Path);
  }
  llvm::sys::fs::make_absolute(Result);
  llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

namespace {

/// The name clang-tidy prints after a diagnostic's message.
std::string printedName(const Diagnostic &D) {
  std::string Name = D.DiagnosticName;
  // The export turns --warnings-as-errors into the error level.
  if (D.DiagLevel == Diagnostic::Error &&
      !llvm::StringRef(Name).starts_with("clang-diagnostic-"))
    Name += ",-warnings-as-errors";
  return Name;
}

} // namespace

/// Renders diagnostics as clang-tidy's ErrorReporter prints them (a fresh
/// SourceManager over the files, clang's TextDiagnosticPrinter, `%0 [%1]`,
/// the FIX-IT notes of --fix), one diagnostic at a time, and places them.
class ClangTidyStyleRenderer {
public:
  ClangTidyStyleRenderer(bool ShowColors, FixMode Fixing)
      : Files(clang::FileSystemOptions()), Stream(Out),
        Printer(new clang::TextDiagnosticPrinter(Stream, DiagOpts)),
        Diags(llvm::makeIntrusiveRefCnt<clang::DiagnosticIDs>(), DiagOpts,
              Printer),
        SourceMgr(Diags, Files), Fixing(Fixing) {
    corolint::compat::diagnosticOptions(DiagOpts).ShowColors = ShowColors;
    Stream.enable_colors(ShowColors);
    Printer->BeginSourceFile(LangOpts, /*PP=*/nullptr);
  }

  std::string render(const Diagnostic &D) {
    Out.clear();
    reportDiagnostic(D);
    Stream.flush();
    return Out;
  }

  /// Where \p Offset of \p FilePath is, with the end of the token there (or
  /// of \p Ranges' range starting there) and the line's text.
  Place place(llvm::StringRef FilePath, unsigned Offset,
              llvm::StringRef BuildDirectory,
              llvm::ArrayRef<clang::tooling::FileByteRange> Ranges = {}) {
    Place Where;
    Where.Begin = locate(FilePath, Offset, BuildDirectory);
    Where.End = Where.Begin;
    clang::SourceLocation Loc = getLocation(Where.Begin.File, Offset);
    if (Loc.isInvalid())
      return Where;
    unsigned Length = 0;
    for (const clang::tooling::FileByteRange &Range : Ranges)
      if (Range.FileOffset == Offset &&
          absolute(Range.FilePath, BuildDirectory) == Where.Begin.File)
        Length = Range.Length;
    if (Length == 0)
      Length = clang::Lexer::MeasureTokenLength(Loc, SourceMgr, LangOpts);
    Where.End = locate(FilePath, Offset + std::max(Length, 1u), BuildDirectory);
    const LineFacts &Line = lineFacts(SourceMgr.getFileID(Loc), Offset);
    if (Line.End - Line.Start <= MaxLineLengthToPrint)
      Where.LineText = Line.Text.str();
    Where.LineKey = Line.Key;
    return Where;
  }

  /// absolutePath(), computed once per path and build directory: a finding
  /// names the same few files many times.
  const std::string &absolute(llvm::StringRef Path,
                              llvm::StringRef BuildDirectory) {
    std::string Key = (Path + llvm::Twine('\0') + BuildDirectory).str();
    auto [Known, New] = AbsolutePaths.try_emplace(Key);
    if (New)
      Known->second = absolutePath(Path, BuildDirectory);
    return Known->second;
  }

  Location locate(llvm::StringRef FilePath, unsigned Offset,
                  llvm::StringRef BuildDirectory) {
    Location Loc;
    if (FilePath.empty())
      return Loc;
    Loc.File = absolute(FilePath, BuildDirectory);
    Loc.Offset = Offset;
    clang::SourceLocation At = getLocation(Loc.File, Offset);
    if (At.isInvalid())
      return Loc;
    clang::FileID File = SourceMgr.getFileID(At);
    const LineFacts &Line = lineFacts(File, Offset);
    unsigned Clamped = std::min(Offset, Line.End);
    Loc.Line = Line.Number;
    Loc.Column = Clamped - Line.Start + 1;
    Loc.Utf16Column = Line.utf16Column(Clamped);
    return Loc;
  }

  /// The contents the offsets refer to, for the fix's content check.
  std::optional<llvm::StringRef> contents(llvm::StringRef File) {
    clang::SourceLocation Loc = getLocation(File, 0);
    if (Loc.isInvalid())
      return std::nullopt;
    return SourceMgr.getBufferData(SourceMgr.getFileID(Loc));
  }

private:
  /// What is known of a line: computed once, so that many findings on one
  /// long line (minified or generated code) cost one pass over it, not one
  /// each.
  struct LineFacts {
    unsigned Number = 0;
    unsigned Start = 0; ///< Offsets in the file.
    unsigned End = 0;   ///< Before the end of line.
    llvm::StringRef Text;
    std::string Key; ///< The folded text, or its hash for long lines.
    bool Ascii = true;
    /// UTF-16 code units before Start + K * Step, for non-ASCII lines.
    static constexpr unsigned Step = 256;
    std::vector<unsigned> Utf16Before;

    unsigned utf16Column(unsigned Offset) const {
      unsigned Column = Offset - Start;
      if (Ascii)
        return Column + 1;
      unsigned Checkpoint = Column / Step;
      return Utf16Before[Checkpoint] - 1 +
             corolint::utf16Column(Text.slice(Checkpoint * Step, Column));
    }
  };

  const LineFacts &lineFacts(clang::FileID File, unsigned Offset) {
    llvm::StringRef Buffer = SourceMgr.getBufferData(File);
    Offset = std::min<unsigned>(Offset, Buffer.size());
    // The line table is built once per file; the column comes from it.
    unsigned Number = SourceMgr.getLineNumber(File, Offset);
    auto [Found, Inserted] =
        Lines.try_emplace(std::make_pair(File.getHashValue(), Number));
    LineFacts &Line = Found->second;
    if (!Inserted)
      return Line;
    Line.Number = Number;
    Line.Start = Offset - (SourceMgr.getColumnNumber(File, Offset) - 1);
    size_t End = Buffer.find_first_of("\r\n", Line.Start);
    Line.End = End == llvm::StringRef::npos ? Buffer.size() : End;
    Line.Text = Buffer.slice(Line.Start, Line.End);
    std::string Folded = foldedLine(Line.Text);
    Line.Key =
        Line.Text.size() <= MaxLineLengthToPrint
            ? Folded
            : (corolint::compat::Hash64Name + ":" + contentHash(Folded)).str();
    Line.Ascii = llvm::all_of(
        Line.Text, [](char C) { return static_cast<unsigned char>(C) < 0x80; });
    if (!Line.Ascii) {
      unsigned Units = 0;
      for (size_t I = 0; I < Line.Text.size(); ++I) {
        if (I % LineFacts::Step == 0)
          Line.Utf16Before.push_back(Units + 1);
        unsigned char C = Line.Text[I];
        if ((C & 0xC0) != 0x80) // Not a continuation byte.
          Units += C >= 0xF0 ? 2 : 1;
      }
      if (Line.Text.size() % LineFacts::Step == 0)
        Line.Utf16Before.push_back(Units + 1);
    }
    return Line;
  }

  clang::SourceLocation getLocation(llvm::StringRef FilePath, unsigned Offset) {
    if (FilePath.empty())
      return {};
    auto [Known, New] = FileIDs.try_emplace(FilePath);
    if (New)
      if (auto File = Files.getOptionalFileRef(FilePath))
        Known->second =
            SourceMgr.getOrCreateFileID(*File, clang::SrcMgr::C_User);
    if (Known->second.isInvalid())
      return {};
    return SourceMgr.getLocForStartOfFile(Known->second)
        .getLocWithOffset(Offset);
  }

  /// The custom diagnostic "%0 [%1]" (a finding) or "%0" (a note) at
  /// \p Level, registered once.
  unsigned diagID(clang::DiagnosticsEngine::Level Level, bool IsNote) {
    unsigned &ID = DiagIDs[IsNote][Level];
    if (ID == 0)
      ID = IsNote ? Diags.getCustomDiagID(Level, "%0")
                  : Diags.getCustomDiagID(Level, "%0 [%1]");
    return ID;
  }

  clang::CharSourceRange getRange(const clang::tooling::FileByteRange &Range,
                                  llvm::StringRef BuildDirectory) {
    clang::SourceLocation Begin =
        getLocation(absolute(Range.FilePath, BuildDirectory), Range.FileOffset);
    return clang::CharSourceRange::getCharRange(
        Begin, Begin.getLocWithOffset(Range.Length));
  }

  void reportFix(const clang::DiagnosticBuilder &Diag,
                 const llvm::StringMap<clang::tooling::Replacements> &Fix,
                 llvm::StringRef BuildDirectory) {
    for (const auto &FileAndReplacements : Fix)
      for (const clang::tooling::Replacement &Repl :
           FileAndReplacements.second) {
        if (!Repl.isApplicable())
          continue;
        clang::tooling::FileByteRange Range;
        Range.FilePath = Repl.getFilePath().str();
        Range.FileOffset = Repl.getOffset();
        Range.Length = Repl.getLength();
        Diag << clang::FixItHint::CreateReplacement(
            getRange(Range, BuildDirectory), Repl.getReplacementText());
      }
  }

  void reportDiagnostic(const Diagnostic &D) {
    const DiagnosticMessage &Message = D.Message;
    llvm::StringRef Build = D.BuildDirectory;
    clang::SourceLocation Loc = getLocation(
        Message.FilePath.empty() ? "" : absolute(Message.FilePath, Build),
        Message.FileOffset);
    auto Level = static_cast<clang::DiagnosticsEngine::Level>(D.DiagLevel);
    std::string Name = printedName(D);
    std::vector<clang::SourceLocation> FixLocations;
    {
      auto Diag = Diags.Report(Loc, diagID(Level, /*IsNote=*/false))
                  << Message.Message << Name;
      for (const clang::tooling::FileByteRange &Range : Message.Ranges)
        Diag << getRange(Range, Build);
      if (Fixing != FixMode::None)
        if (const auto *Chosen =
                clang::tidy::getFixIt(D, Fixing == FixMode::Notes))
          for (const auto &FileAndReplacements : *Chosen)
            for (const clang::tooling::Replacement &Repl :
                 FileAndReplacements.second)
              if (Repl.isApplicable())
                FixLocations.push_back(getLocation(
                    absolute(Repl.getFilePath(), Build), Repl.getOffset()));
      reportFix(Diag, Message.Fix, Build);
    }
    for (clang::SourceLocation FixLoc : FixLocations)
      Diags.Report(FixLoc, clang::diag::note_fixit_applied);
    for (const DiagnosticMessage &Note : D.Notes) {
      clang::SourceLocation NoteLoc = getLocation(
          Note.FilePath.empty() ? "" : absolute(Note.FilePath, Build),
          Note.FileOffset);
      auto Diag = Diags.Report(NoteLoc, diagID(clang::DiagnosticsEngine::Note,
                                               /*IsNote=*/true))
                  << Note.Message;
      for (const clang::tooling::FileByteRange &Range : Note.Ranges)
        Diag << getRange(Range, Build);
      reportFix(Diag, Note.Fix, Build);
    }
  }

  clang::FileManager Files;
  clang::LangOptions LangOpts;
  corolint::compat::DiagnosticOptionsHolder DiagOpts;
  std::string Out;
  llvm::raw_string_ostream Stream;
  clang::TextDiagnosticPrinter *Printer; // Owned by Diags.
  clang::DiagnosticsEngine Diags;
  clang::SourceManager SourceMgr;
  FixMode Fixing;
  std::map<std::pair<unsigned, unsigned>, LineFacts> Lines;
  llvm::StringMap<clang::FileID> FileIDs; ///< Invalid: unreadable.
  llvm::StringMap<std::string> AbsolutePaths;
  unsigned DiagIDs[2][clang::DiagnosticsEngine::Fatal + 1] = {};
};

namespace {

std::vector<Edit>
toEdits(const llvm::StringMap<clang::tooling::Replacements> &Fix,
        llvm::StringRef BuildDirectory, ClangTidyStyleRenderer &Placer) {
  std::vector<Edit> Edits;
  for (const auto &FileFixes : Fix)
    for (const clang::tooling::Replacement &R : FileFixes.getValue()) {
      Edit E;
      E.Begin = Placer.locate(R.getFilePath(), R.getOffset(), BuildDirectory);
      E.End = Placer.locate(R.getFilePath(), R.getOffset() + R.getLength(),
                            BuildDirectory);
      E.Length = R.getLength();
      E.Text = R.getReplacementText().str();
      Edits.push_back(std::move(E));
    }
  llvm::sort(Edits, [](const Edit &A, const Edit &B) {
    return std::tie(A.Begin.File, A.Begin.Offset) <
           std::tie(B.Begin.File, B.Begin.Offset);
  });
  return Edits;
}

bool hasEscapeInFixIt(const Diagnostic &D) {
  auto InFix = [](const llvm::StringMap<clang::tooling::Replacements> &Fix) {
    for (const auto &FileFixes : Fix)
      for (const clang::tooling::Replacement &R : FileFixes.getValue())
        if (R.getReplacementText().contains('\x1b'))
          return true;
    return false;
  };
  return InFix(D.Message.Fix) ||
         llvm::any_of(D.Notes, [&](const DiagnosticMessage &Note) {
           return InFix(Note.Fix);
         });
}

} // namespace

FindingRenderer::FindingRenderer(FixMode Fixing)
    : Fixing(Fixing),
      // Rendered once, coloured: the plain text is the coloured one without
      // its colours (withoutColors), made where it is printed.
      Colored(std::make_unique<ClangTidyStyleRenderer>(/*ShowColors=*/true,
                                                       Fixing)) {}

FindingRenderer::~FindingRenderer() = default;

std::optional<llvm::StringRef> FindingRenderer::contents(llvm::StringRef File) {
  return Colored->contents(File);
}

Finding FindingRenderer::describe(const Diagnostic &D) {
  Finding F;
  F.Check = D.DiagnosticName;
  F.Message = D.Message.Message;
  F.IsError = D.DiagLevel == Diagnostic::Error;
  F.IsRemark = D.DiagLevel == Diagnostic::Remark;
  F.Where = Colored->place(D.Message.FilePath, D.Message.FileOffset,
                           D.BuildDirectory, D.Message.Ranges);
  F.Fixes = toEdits(D.Message.Fix, D.BuildDirectory, *Colored);
  for (const DiagnosticMessage &N : D.Notes) {
    Note Converted;
    Converted.Message = N.Message;
    Converted.Where =
        Colored->place(N.FilePath, N.FileOffset, D.BuildDirectory, N.Ranges);
    Converted.Fixes = toEdits(N.Fix, D.BuildDirectory, *Colored);
    F.Notes.push_back(std::move(Converted));
  }
  if (Fixing != FixMode::None)
    if (const auto *Chosen =
            clang::tidy::getFixIt(D, Fixing == FixMode::Notes)) {
      F.ChosenFix = 0;
      for (size_t I = 0; I < D.Notes.size(); ++I)
        if (Chosen == &D.Notes[I].Fix)
          F.ChosenFix = static_cast<int>(I) + 1;
    }
  F.ColorText = Colored->render(D);
  // A fix-it's text is printed as it is: an escape character there is no
  // colour, and only a plain rendering says what clang prints.
  if (hasEscapeInFixIt(D)) {
    if (!Plain)
      Plain = std::make_unique<ClangTidyStyleRenderer>(/*ShowColors=*/false,
                                                       Fixing);
    F.Text = Plain->render(D);
  }
  return F;
}

} // namespace corolint
