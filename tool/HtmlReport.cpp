//===--- HtmlReport.cpp - corolint's HTML report --------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "HtmlReport.h"
#include "Reports.h"
#include "WorkerResult.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>
#include <map>

namespace corolint {

SourceReader analysedSources(const FileHashes &Hashes) {
  return [&Hashes](llvm::StringRef File) -> std::optional<std::string> {
    if (std::unique_ptr<llvm::MemoryBuffer> Buffer =
            Hashes.readAsAnalysed(File))
      return Buffer->getBuffer().str();
    return std::nullopt;
  };
}

namespace {

/// The lines around a finding that its excerpt shows, before and after.
constexpr unsigned ContextLines = 2;

/// \p Text as HTML text or attribute value: markup characters escaped,
/// bytes that are not UTF-8 shown as U+FFFD (as in the JSON report), and
/// control characters as clang prints them (`<U+001B>`).
std::string escape(llvm::StringRef Text) {
  std::string Valid;
  if (!llvm::json::isUTF8(Text)) {
    Valid = llvm::json::fixUTF8(Text);
    Text = Valid;
  }
  std::string Escaped;
  Escaped.reserve(Text.size());
  for (unsigned char C : Text) {
    switch (C) {
    case '&':
      Escaped += "&amp;";
      break;
    case '<':
      Escaped += "&lt;";
      break;
    case '>':
      Escaped += "&gt;";
      break;
    case '"':
      Escaped += "&quot;";
      break;
    case '\'':
      Escaped += "&#39;";
      break;
    case '\t':
    case '\n':
      Escaped += static_cast<char>(C);
      break;
    default:
      if (C < 0x20 || C == 0x7f) {
        Escaped += "&lt;U+00";
        Escaped += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
        Escaped += llvm::hexdigit(C & 15, /*LowerCase=*/false);
        Escaped += "&gt;";
      } else {
        Escaped += static_cast<char>(C);
      }
    }
  }
  return Escaped;
}

/// A file's contents cut into lines (without their line ends).
class SourceText {
public:
  explicit SourceText(std::string Text) : Text(std::move(Text)) {
    Starts.push_back(0);
    for (size_t I = 0; I < this->Text.size(); ++I)
      if (this->Text[I] == '\n')
        Starts.push_back(I + 1);
  }

  unsigned lines() const { return Starts.size(); }
  size_t size() const { return Text.size(); }

  /// Where 1-based \p Line starts and ends (before its line end).
  size_t lineStart(unsigned Line) const { return Starts[Line - 1]; }
  size_t lineEnd(unsigned Line) const {
    size_t End = Line < Starts.size() ? Starts[Line] - 1 : Text.size();
    if (End > Starts[Line - 1] && Text[End - 1] == '\r')
      --End;
    return End;
  }
  llvm::StringRef line(unsigned Line) const {
    return llvm::StringRef(Text).slice(lineStart(Line), lineEnd(Line));
  }
  /// The 1-based line holding \p Offset.
  unsigned lineOf(size_t Offset) const {
    return std::upper_bound(Starts.begin(), Starts.end(), Offset) -
           Starts.begin();
  }
  llvm::StringRef text() const { return Text; }

private:
  std::string Text;
  std::vector<size_t> Starts;
};

/// The files the excerpts come from, each read once.
class Excerpts {
public:
  explicit Excerpts(const SourceReader &Read) : Read(Read) {}

  const SourceText *of(const std::string &File) {
    auto [Found, Inserted] = Files.try_emplace(File);
    if (Inserted && !File.empty() && Read)
      if (std::optional<std::string> Contents = Read(File))
        Found->second.emplace(std::move(*Contents));
    return Found->second ? &*Found->second : nullptr;
  }

private:
  const SourceReader &Read;
  std::map<std::string, std::optional<SourceText>> Files;
};

std::string locationText(const Location &L, const SourceFiles &Sources) {
  std::string Text = Sources.displayPath(L.File);
  if (L.Line)
    Text += ":" + std::to_string(L.Line) + ":" + std::to_string(L.Column);
  return Text;
}

llvm::StringRef levelOf(const Finding &F) {
  return F.IsError ? "error" : F.IsRemark ? "remark" : "warning";
}

/// One line of code as a table row: its number, an optional marker column
/// (`-`/`+` in a fix), and its text, already escaped.
void writeRow(llvm::raw_ostream &OS, llvm::StringRef Class, unsigned Number,
              llvm::StringRef Html, llvm::StringRef Marker = "") {
  OS << "<tr";
  if (!Class.empty())
    OS << " class=\"" << Class << "\"";
  OS << "><td class=\"ln\">" << Number << "</td>";
  if (!Marker.empty())
    OS << "<td class=\"mark\">" << Marker << "</td>";
  OS << "<td class=\"src\">" << Html << "</td></tr>\n";
}

/// \p Line with the bytes from 1-based \p Column to \p EndColumn (0: the end
/// of the line) marked as what the finding points at.
std::string markedLine(llvm::StringRef Line, unsigned Column,
                       unsigned EndColumn) {
  size_t Begin = std::min<size_t>(Column ? Column - 1 : 0, Line.size());
  size_t End =
      EndColumn ? std::min<size_t>(EndColumn - 1, Line.size()) : Line.size();
  if (End <= Begin)
    End = std::min(Line.size(), Begin + 1);
  if (End <= Begin)
    return escape(Line);
  return escape(Line.take_front(Begin)) + "<span class=\"range\">" +
         escape(Line.slice(Begin, End)) + "</span>" +
         escape(Line.drop_front(End));
}

/// The lines around \p Where (\p Around before and after), its own line
/// highlighted; only its line, from the finding, when the file's contents
/// are not those analysed.
void writeExcerpt(llvm::raw_ostream &OS, const Place &Where, unsigned Around,
                  Excerpts &Files) {
  const Location &Begin = Where.Begin;
  if (Begin.File.empty() || !Begin.Line)
    return;
  unsigned EndColumn =
      Where.End.Line == Begin.Line && Where.End.Column > Begin.Column
          ? Where.End.Column
      : Where.End.Line > Begin.Line ? 0
                                    : Begin.Column + 1;
  // The contents the analysis read, where they hold the finding's line (a
  // `#line` directive numbers lines otherwise); else the finding's own copy
  // of its line (none for a line longer than clang prints).
  const SourceText *Source = Files.of(Begin.File);
  if (Source && (Begin.Line > Source->lines() ||
                 (!Where.LineText.empty() &&
                  Source->line(Begin.Line) !=
                      llvm::StringRef(Where.LineText).rtrim("\r\n"))))
    Source = nullptr;
  if (!Source) {
    if (Where.LineText.empty())
      return;
    OS << "<table class=\"code\">\n";
    writeRow(OS, "hit", Begin.Line,
             markedLine(llvm::StringRef(Where.LineText).rtrim("\r\n"),
                        Begin.Column, EndColumn));
    OS << "</table>\n";
    return;
  }
  unsigned First = Begin.Line > Around ? Begin.Line - Around : 1;
  unsigned Last = std::min(Source->lines(), Begin.Line + Around);
  // A file ending in a line end has no last line to show.
  if (Last > Begin.Line && Last == Source->lines() &&
      Source->lineStart(Last) == Source->size())
    --Last;
  OS << "<table class=\"code\">\n";
  for (unsigned Line = First; Line <= Last; ++Line)
    if (Line == Begin.Line)
      writeRow(OS, "hit", Line,
               markedLine(Source->line(Line), Begin.Column, EndColumn));
    else
      writeRow(OS, "", Line, escape(Source->line(Line)));
  OS << "</table>\n";
}

/// Text cut into pieces that a fix changed or not.
using Pieces = std::vector<std::pair<std::string, bool>>;

/// \p Text as escaped lines, the changed pieces inside \p Tag.
std::vector<std::string> htmlLines(const Pieces &Text, llvm::StringRef Tag) {
  std::vector<std::string> Lines(1);
  for (const auto &[Piece, Changed] : Text) {
    llvm::StringRef Rest = Piece;
    while (true) {
      auto [Part, After] = Rest.split('\n');
      if (!Part.empty()) {
        std::string Html = escape(Part.rtrim('\r'));
        Lines.back() +=
            Changed ? "<" + Tag.str() + ">" + Html + "</" + Tag.str() + ">"
                    : Html;
      }
      if (Part.size() == Rest.size())
        break;
      Lines.emplace_back();
      Rest = After;
    }
  }
  return Lines;
}

/// The edits of one file as before/after lines: each run of lines that the
/// edits touch (edits on the same or neighbouring lines together), as it
/// is and as the fix makes it.
bool writeFileDiff(llvm::raw_ostream &OS, std::vector<const Edit *> Edits,
                   const SourceText &Source) {
  llvm::sort(Edits, [](const Edit *A, const Edit *B) {
    return A->Begin.Offset < B->Begin.Offset;
  });
  for (const Edit *E : Edits)
    if (E->Begin.Offset + E->Length > Source.size())
      return false;
  size_t I = 0;
  while (I < Edits.size()) {
    unsigned FirstLine = Source.lineOf(Edits[I]->Begin.Offset);
    unsigned LastLine =
        Source.lineOf(Edits[I]->Begin.Offset + Edits[I]->Length);
    size_t J = I + 1;
    // Edits on the same or neighbouring lines are shown together.
    while (J < Edits.size() &&
           Source.lineOf(Edits[J]->Begin.Offset) <= LastLine + 1) {
      LastLine = std::max(
          LastLine, Source.lineOf(Edits[J]->Begin.Offset + Edits[J]->Length));
      ++J;
    }
    size_t Start = Source.lineStart(FirstLine);
    size_t End = Source.lineEnd(LastLine);
    Pieces Before, After;
    size_t At = Start;
    for (size_t K = I; K < J; ++K) {
      const Edit &E = *Edits[K];
      size_t From = std::max<size_t>(E.Begin.Offset, At);
      size_t To = std::max<size_t>(E.Begin.Offset + E.Length, From);
      llvm::StringRef Kept = Source.text().slice(At, From);
      Before.push_back({Kept.str(), false});
      After.push_back({Kept.str(), false});
      Before.push_back({Source.text().slice(From, To).str(), true});
      After.push_back({E.Text, true});
      At = To;
    }
    llvm::StringRef Tail = Source.text().slice(At, std::max(At, End));
    Before.push_back({Tail.str(), false});
    After.push_back({Tail.str(), false});
    std::vector<std::string> Old = htmlLines(Before, "del");
    std::vector<std::string> New = htmlLines(After, "ins");
    OS << "<table class=\"diff\">\n";
    for (size_t L = 0; L < Old.size(); ++L)
      writeRow(OS, "del", FirstLine + L, Old[L], "-");
    for (size_t L = 0; L < New.size(); ++L)
      writeRow(OS, "add", FirstLine + L, New[L], "+");
    OS << "</table>\n";
    I = J;
  }
  return true;
}

/// A fix: per file, its before/after lines; each edit on its own when the
/// file's contents are not those analysed.
void writeFix(llvm::raw_ostream &OS, const std::vector<Edit> &Edits,
              llvm::StringRef Title, const SourceFiles &Sources,
              Excerpts &Files) {
  if (Edits.empty())
    return;
  std::map<std::string, std::vector<const Edit *>> PerFile;
  for (const Edit &E : Edits)
    PerFile[E.Begin.File].push_back(&E);
  OS << "<div class=\"fix\">\n<p class=\"fix-title\">" << escape(Title)
     << "</p>\n";
  for (const auto &[File, FileEdits] : PerFile) {
    if (File.empty())
      continue;
    OS << "<p class=\"fix-file\">" << escape(Sources.displayPath(File))
       << "</p>\n";
    const SourceText *Source = Files.of(File);
    if (Source && writeFileDiff(OS, FileEdits, *Source))
      continue;
    OS << "<ul class=\"edits\">\n";
    for (const Edit *E : FileEdits) {
      OS << "<li><span class=\"loc\">"
         << escape(locationText(E->Begin, Sources)) << "</span>: ";
      if (E->Length == 0)
        OS << "insert <code><ins>" << escape(E->Text) << "</ins></code>";
      else if (E->Text.empty())
        OS << "remove " << E->Length << " byte" << (E->Length == 1 ? "" : "s");
      else
        OS << "replace " << E->Length << " byte" << (E->Length == 1 ? "" : "s")
           << " with <code><ins>" << escape(E->Text) << "</ins></code>";
      OS << "</li>\n";
    }
    OS << "</ul>\n";
  }
  OS << "</div>\n";
}

void writeCheck(llvm::raw_ostream &OS, llvm::StringRef Check,
                const HtmlRun &Run) {
  std::string Doc = checkHelpUri(Run.HelpUriBase, Check);
  if (Doc.empty())
    OS << "<span class=\"check\">" << escape(Check) << "</span>";
  else
    OS << "<a class=\"check\" href=\"" << escape(Doc) << "\">" << escape(Check)
       << "</a>";
}

void writeFinding(llvm::raw_ostream &OS, const Finding &F, size_t Index,
                  const SourceFiles &Sources, const HtmlRun &Run,
                  Excerpts &Files) {
  std::string Id = "finding-" + std::to_string(Index + 1);
  OS << "<article class=\"finding " << levelOf(F) << "\" id=\"" << Id
     << "\">\n<p class=\"head\"><a class=\"loc\" href=\"#" << Id << "\">"
     << escape(F.loc().File.empty() ? "(no location)"
                                    : locationText(F.loc(), Sources))
     << "</a> <span class=\"level\">" << levelOf(F) << "</span> ";
  if (!F.Severity.empty())
    OS << "<span class=\"severity\">" << escape(F.Severity) << "</span> ";
  writeCheck(OS, F.Check, Run);
  OS << "</p>\n<p class=\"message\">" << escape(F.Message) << "</p>\n";
  writeExcerpt(OS, F.Where, ContextLines, Files);
  if (!F.Notes.empty()) {
    OS << "<ul class=\"notes\">\n";
    for (const Note &N : F.Notes) {
      OS << "<li>";
      if (!N.Where.Begin.File.empty())
        OS << "<span class=\"loc\">"
           << escape(locationText(N.Where.Begin, Sources)) << "</span> ";
      OS << "<span class=\"level\">note</span> <span class=\"message\">"
         << escape(N.Message) << "</span>\n";
      writeExcerpt(OS, N.Where, 0, Files);
      OS << "</li>\n";
    }
    OS << "</ul>\n";
  }
  writeFix(OS, F.Fixes, "Fix-it", Sources, Files);
  for (const Note &N : F.Notes)
    writeFix(OS, N.Fixes, "Fix-it of the note: " + N.Message, Sources, Files);
  OS << "</article>\n";
}

// Light and dark, readable printed; no fonts, images or scripts to load.
constexpr llvm::StringLiteral Style = R"css(
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff;
  --muted: #59636e; --line: #d1d9e0; --code: #f6f8fa; --hit: #fff8c5;
  --range: #f5c518; --warning: #9a6700; --error: #d1242f; --remark: #0969da;
  --del: #ffebe9; --del-strong: #ffcecb; --add: #dafbe1;
  --add-strong: #aceebb; --link: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d;
    --code: #151b23; --hit: #3b2e00; --range: #7a5c00; --warning: #d29922;
    --error: #f85149; --remark: #4493f8; --del: #3c1618;
    --del-strong: #6e2327; --add: #12261e; --add-strong: #1f5130;
    --link: #4493f8; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 70rem; padding: 1rem 1.5rem 3rem;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--fg); background: var(--bg); }
a { color: var(--link); }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; padding-bottom: 0.25rem;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
.meta { color: var(--muted); margin: 0; }
code, .src, .loc, .check { font-family: ui-monospace, "SFMono-Regular",
  Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
table.stats { border-collapse: collapse; margin: 0.5rem 0 1rem; }
table.stats th, table.stats td { text-align: left; padding: 0.2rem 0.8rem;
  border-bottom: 1px solid var(--line); vertical-align: top; }
table.stats td.n, table.stats th.n { text-align: right; }
table.stats .check, table.stats .loc { white-space: nowrap; }
.overview { display: flex; flex-wrap: wrap; gap: 0 3rem; }
.finding { border: 1px solid var(--line); border-left: 4px solid
  var(--warning); border-radius: 6px; margin: 0.8rem 0; padding: 0.5rem 1rem; }
.finding.error { border-left-color: var(--error); }
.finding.remark { border-left-color: var(--remark); }
.head { margin: 0.2rem 0; }
.head .loc { font-weight: 600; text-decoration: none; color: var(--fg); }
.level { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.04em;
  font-weight: 600; color: var(--warning); }
.error .head .level { color: var(--error); }
.remark .head .level { color: var(--remark); }
.notes .level { color: var(--muted); }
.severity { font-size: 0.8em; color: var(--muted); }
p.message { margin: 0.2rem 0 0.5rem; font-weight: 500; }
table.code, table.diff { border-collapse: collapse; width: 100%;
  background: var(--code); border-radius: 4px; margin: 0.3rem 0;
  display: block; overflow-x: auto; }
td.ln { color: var(--muted); text-align: right; padding: 0 0.6rem;
  user-select: none; font-family: ui-monospace, monospace;
  font-size: 0.85em; vertical-align: top; }
td.mark { user-select: none; padding: 0 0.3rem; font-family: ui-monospace,
  monospace; }
td.src { white-space: pre; padding: 0 0.6rem; width: 100%; tab-size: 4; }
tr.hit { background: var(--hit); }
span.range { background: var(--range); border-radius: 2px; }
tr.del { background: var(--del); }
tr.add { background: var(--add); }
del { background: var(--del-strong); text-decoration: none; }
ins { background: var(--add-strong); text-decoration: none; }
ul.notes { list-style: none; padding-left: 1rem; margin: 0.3rem 0; }
ul.notes li { margin: 0.3rem 0; }
ul.notes .message { font-weight: normal; }
.fix { margin: 0.5rem 0; }
.fix-title { margin: 0.3rem 0 0; font-weight: 600; }
.fix-file { margin: 0; color: var(--muted); font-family: ui-monospace,
  monospace; font-size: 0.85em; }
.clean { font-size: 1.1rem; }
.stale { color: var(--muted); font-style: italic; margin: 0.2rem 0; }
)css";

} // namespace

void writeHtml(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const SourceFiles &Sources, const HtmlRun &Run,
               const SourceReader &Read) {
  // Counted as the summary line counts them: compile errors and remarks
  // on their own.
  std::map<std::string, unsigned> PerCheck;
  unsigned Counted = 0, CompileErrors = 0, Remarks = 0;
  // The files in report order, with their counts.
  std::vector<std::pair<std::string, unsigned>> PerFile;
  for (const Finding &F : Findings) {
    ++PerCheck[F.Check];
    if (F.IsRemark)
      ++Remarks;
    else if (F.isCompileError())
      ++CompileErrors;
    else
      ++Counted;
    if (PerFile.empty() || PerFile.back().first != F.loc().File)
      PerFile.push_back({F.loc().File, 0});
    ++PerFile.back().second;
  }
  auto Plural = [](size_t N, llvm::StringRef One, llvm::StringRef Many) {
    return std::to_string(N) + " " + (N == 1 ? One : Many).str();
  };

  OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
        "charset=\"utf-8\">\n<meta name=\"viewport\" "
        "content=\"width=device-width, initial-scale=1\">\n"
     << "<meta name=\"generator\" content=\"corolint " << escape(Run.Version)
     << "\">\n<title>corolint report: "
     << Plural(Counted, "finding", "findings") << "</title>\n<style>" << Style
     << "</style>\n</head>\n<body>\n<header>\n<h1>corolint report</h1>\n"
     << "<p class=\"meta\">corolint <span class=\"version\">"
     << escape(Run.Version) << "</span>; paths relative to <code>"
     << escape(Sources.root()) << "</code></p>\n</header>\n";

  OS << "<section id=\"statistics\">\n<h2>Statistics</h2>\n"
     << "<table class=\"stats\">\n"
     << "<tr><th>Files analysed</th><td class=\"n\" id=\"analysed\">"
     << Run.Analysed << "</td></tr>\n";
  if (Run.NotAnalysed)
    OS << "<tr><th>Files not analysed</th><td class=\"n\">" << Run.NotAnalysed
       << "</td></tr>\n";
  OS << "<tr><th>Files that failed to compile</th><td class=\"n\">"
     << Run.FailedFiles << "</td></tr>\n"
     << "<tr><th>Findings</th><td class=\"n\" id=\"findings-count\">" << Counted
     << "</td></tr>\n";
  if (CompileErrors)
    OS << "<tr><th>Compile errors</th><td class=\"n\">" << CompileErrors
       << "</td></tr>\n";
  if (Remarks)
    OS << "<tr><th>Remarks</th><td class=\"n\">" << Remarks << "</td></tr>\n";
  OS << "</table>\n";
  if (Findings.empty()) {
    OS << "<p class=\"clean\">No findings.</p>\n</section>\n</body>\n"
          "</html>\n";
    return;
  }

  OS << "<div class=\"overview\">\n<div>\n<h3>Per check</h3>\n"
     << "<table class=\"stats\" id=\"per-check\">\n<tr><th>Check</th>"
        "<th class=\"n\">Findings</th><th>What it flags</th></tr>\n";
  for (const auto &[Check, Count] : PerCheck) {
    OS << "<tr><td>";
    writeCheck(OS, Check, Run);
    OS << "</td><td class=\"n\">" << Count << "</td><td>"
       << escape(checkSummary(Check)) << "</td></tr>\n";
  }
  OS << "</table>\n</div>\n<div>\n<h3>Per file</h3>\n"
     << "<table class=\"stats\" id=\"per-file\">\n<tr><th>File</th>"
        "<th class=\"n\">Findings</th></tr>\n";
  for (size_t I = 0; I < PerFile.size(); ++I)
    OS << "<tr><td><a class=\"loc\" href=\"#file-" << I + 1 << "\">"
       << escape(PerFile[I].first.empty()
                     ? "(no location)"
                     : Sources.displayPath(PerFile[I].first))
       << "</a></td><td class=\"n\">" << PerFile[I].second << "</td></tr>\n";
  OS << "</table>\n</div>\n</div>\n</section>\n";

  OS << "<section id=\"findings\">\n<h2>Findings</h2>\n";
  Excerpts Files(Read);
  size_t FileIndex = 0;
  for (size_t I = 0; I < Findings.size(); ++I) {
    const std::string &File = Findings[I].loc().File;
    if (I == 0 || File != Findings[I - 1].loc().File) {
      if (I)
        OS << "</section>\n";
      const auto &[Name, Count] = PerFile[FileIndex++];
      OS << "<section class=\"file\" id=\"file-" << FileIndex << "\">\n<h3>"
         << escape(Name.empty() ? "(no location)" : Sources.displayPath(Name))
         << " <span class=\"meta\">(" << Plural(Count, "finding", "findings")
         << ")</span></h3>\n";
      if (!Name.empty() && !Files.of(Name))
        OS << "<p class=\"stale\">The file is not as it was analysed "
              "(changed since, or fixed): only the flagged lines are shown, "
              "and the fix-its edit by edit.</p>\n";
    }
    writeFinding(OS, Findings[I], I, Sources, Run, Files);
  }
  OS << "</section>\n</section>\n</body>\n</html>\n";
}

} // namespace corolint
