//===--- Rendering.cpp - findings rendered as clang-tidy does -----------===//

#include "Rendering.h"
#include "BlockingCallCheck.h"
#include "ProgramFacts.h"
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

bool isPendingMarker(const Diagnostic &D) {
  return D.DiagnosticName == "coro-blocking-call" &&
         llvm::StringRef(D.Message.Message)
             .starts_with(clang::tidy::coro::PendingFindingPrefix);
}

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
    DiagOpts.ShowColors = ShowColors;
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

  /// The offset of a line and column of \p FilePath, as clang translates
  /// them (past the end of a line: its end), or none when it is unreadable.
  std::optional<unsigned> offsetAt(llvm::StringRef FilePath, unsigned Line,
                                   unsigned Column) {
    clang::SourceLocation Start = getLocation(FilePath, 0);
    if (Start.isInvalid())
      return std::nullopt;
    clang::FileID File = SourceMgr.getFileID(Start);
    clang::SourceLocation At = SourceMgr.translateLineCol(File, Line, Column);
    return SourceMgr.getFileOffset(At);
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
    Line.Key = Line.Text.size() <= MaxLineLengthToPrint
                   ? Folded
                   : "xxh3:" + contentHash(Folded);
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
  clang::DiagnosticOptions DiagOpts;
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

/// True when the driver prints \p D as describe() renders it, as far as
/// can be told before: a place for it; no escape character in a message or
/// fix-it (it would read as a colour); every path as describe() prints it
/// (the driver prints them as clang recorded them: relative, or with `..`
/// from an include directory). \p IsAbsolute tells a path describe() prints
/// as it is.
bool isPrintedAsRendered(
    const Diagnostic &D,
    llvm::function_ref<bool(llvm::StringRef Path, llvm::StringRef Build)>
        IsAbsolute) {
  if (D.Message.FilePath.empty() || hasEscapeInFixIt(D))
    return false;
  auto PrintedAsIs = [&](llvm::StringRef Path) {
    return Path.empty() || IsAbsolute(Path, D.BuildDirectory);
  };
  auto MessageAsIs = [&](const DiagnosticMessage &M) {
    if (llvm::StringRef(M.Message).contains('\x1b') || !PrintedAsIs(M.FilePath))
      return false;
    for (const clang::tooling::FileByteRange &Range : M.Ranges)
      if (!PrintedAsIs(Range.FilePath))
        return false;
    for (const auto &FileFixes : M.Fix)
      for (const clang::tooling::Replacement &R : FileFixes.getValue())
        if (!PrintedAsIs(R.getFilePath()))
          return false;
    return true;
  };
  return MessageAsIs(D.Message) && llvm::all_of(D.Notes, MessageAsIs);
}

/// What clang prints first, in colour, for a diagnostic at \p Loc: its
/// place, in bold.
std::string printedPlace(const Location &Loc) {
  return ("\x1b[1m" + Loc.File + ":" + llvm::Twine(Loc.Line) + ":" +
          llvm::Twine(Loc.Column) + ": ")
      .str();
}

/// Where the first diagnostic printed at \p Place from \p From in
/// \p Printed starts, notes skipped (they belong to the diagnostic before);
/// npos when there is none.
size_t findDiagnosticAt(llvm::StringRef Printed, llvm::StringRef Place,
                        size_t From) {
  for (size_t At = Printed.find(Place, From); At != llvm::StringRef::npos;
       At = Printed.find(Place, At + 1)) {
    llvm::StringRef Level = Printed.substr(At + Place.size());
    while (Level.consume_front("\x1b[")) {
      size_t ColourEnd = Level.find('m');
      Level = ColourEnd == llvm::StringRef::npos
                  ? llvm::StringRef()
                  : Level.drop_front(ColourEnd + 1);
    }
    if (!Level.starts_with("note: "))
      return At;
  }
  return llvm::StringRef::npos;
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

std::optional<std::vector<llvm::StringRef>>
FindingRenderer::cutPrintedTexts(llvm::StringRef Printed,
                                 llvm::ArrayRef<Diagnostic> Diagnostics) {
  if (Fixing != FixMode::None || Diagnostics.empty())
    return std::nullopt;
  auto IsAbsolute = [&](llvm::StringRef Path, llvm::StringRef Build) {
    return Colored->absolute(Path, Build) == Path;
  };
  // The worker's driver prints no pending marker (wrappedHandleErrors): the
  // printed diagnostics are the others, in order; a marker's text is empty.
  // Should a marker be printed after all, it would read as part of the
  // finding before it.
  if (Printed.contains(clang::tidy::coro::PendingFindingPrefix) ||
      !llvm::all_of(Diagnostics, [&](const Diagnostic &D) {
        return isPendingMarker(D) || isPrintedAsRendered(D, IsAbsolute);
      }))
    return std::nullopt;
  std::vector<size_t> PrintedOnes;
  for (size_t I = 0; I < Diagnostics.size(); ++I)
    if (!isPendingMarker(Diagnostics[I]))
      PrintedOnes.push_back(I);
  // Where each one's place in bold, and each of its notes', is printed.
  std::vector<std::string> Places;
  std::vector<std::vector<std::string>> NotePlaces;
  for (size_t I : PrintedOnes) {
    const Diagnostic &D = Diagnostics[I];
    Places.push_back(printedPlace(Colored->locate(
        D.Message.FilePath, D.Message.FileOffset, D.BuildDirectory)));
    NotePlaces.emplace_back();
    for (const DiagnosticMessage &Note : D.Notes)
      if (!Note.FilePath.empty())
        NotePlaces.back().push_back(printedPlace(
            Colored->locate(Note.FilePath, Note.FileOffset, D.BuildDirectory)));
  }
  // Without an escape character in a message or fix-it, every escape is a
  // colour and a place in bold starts a diagnostic or a note.
  std::vector<llvm::StringRef> Texts(Diagnostics.size());
  size_t Start = 0;
  for (size_t P = 0; P < Places.size(); ++P) {
    const Diagnostic &D = Diagnostics[PrintedOnes[P]];
    // Its first line: the place, the level, the message and the name as
    // rendered here (the driver adds a check's aliases).
    llvm::StringRef FirstLine = Printed.substr(Start).split('\n').first;
    if (!FirstLine.starts_with(Places[P]) ||
        !FirstLine.ends_with(D.Message.Message + " [" + printedName(D) +
                             "]\x1b[0m"))
      return std::nullopt;
    size_t End = P + 1 == Places.size()
                     ? Printed.size()
                     : findDiagnosticAt(Printed, Places[P + 1],
                                        Start + Places[P].size());
    if (End == llvm::StringRef::npos)
      return std::nullopt;
    llvm::StringRef Text = Printed.slice(Start, End);
    // Its notes, in order, where they are placed here.
    size_t NoteFrom = Places[P].size();
    for (const std::string &NotePlace : NotePlaces[P]) {
      NoteFrom = Text.find(NotePlace, NoteFrom);
      if (NoteFrom == llvm::StringRef::npos)
        return std::nullopt;
      NoteFrom += NotePlace.size();
    }
    Texts[PrintedOnes[P]] = Text;
    Start = End;
  }
  // The first finding rendered here as the driver rendered it: any
  // difference in how the two render shows.
  if (!PrintedOnes.empty()) {
    ClangTidyStyleRenderer Fresh(/*ShowColors=*/true, Fixing);
    if (Fresh.render(Diagnostics[PrintedOnes.front()]) !=
        Texts[PrintedOnes.front()])
      return std::nullopt;
  }
  return Texts;
}

Finding FindingRenderer::describe(const Diagnostic &D,
                                  std::optional<llvm::StringRef> Printed) {
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
  F.ColorText = Printed ? Printed->str() : Colored->render(D);
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

llvm::Expected<std::optional<Finding>>
FindingRenderer::settle(const PendingFinding &Pending,
                        const clang::tidy::coro::ProgramFacts &Facts) {
  using clang::tidy::coro::BlockingCallCheck;
  auto Settled =
      BlockingCallCheck::settlePendingFinding(Pending.Payload, Facts);
  if (!Settled)
    return Settled.takeError();
  if (!*Settled)
    return std::nullopt;
  // The diagnostic clang-tidy would have exported had the unit been
  // analysed with the facts: where the pending one was, with the words.
  Diagnostic D;
  D.DiagnosticName = Pending.Check;
  D.DiagLevel = Pending.IsError ? Diagnostic::Error : Diagnostic::Warning;
  D.BuildDirectory = Pending.BuildDirectory;
  D.Message.Message = (*Settled)->Message;
  D.Message.FilePath = Pending.File;
  D.Message.FileOffset = Pending.Offset;
  D.Message.Ranges = Pending.Ranges;
  for (const BlockingCallCheck::SettledNote &From : (*Settled)->Notes) {
    DiagnosticMessage Note;
    Note.Message = From.Message;
    if (From.Line == 0) {
      Note.FilePath = From.File;
      Note.FileOffset = From.Offset;
    } else if (std::optional<unsigned> Offset =
                   Colored->offsetAt(From.File, From.Line, From.Column)) {
      // As the check places a step of another file (locationOf): by line
      // and column in its current contents; an unreadable file, no place.
      Note.FilePath = From.File;
      Note.FileOffset = *Offset;
    }
    D.Notes.push_back(std::move(Note));
  }
  return std::optional<Finding>(describe(D));
}

} // namespace corolint
