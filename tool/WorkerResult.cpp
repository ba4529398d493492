//===--- WorkerResult.cpp - what a worker reports of its unit -------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "WorkerResult.h"
#include "Files.h"
#include "LLVMCompat.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/xxhash.h"
#include <limits>

namespace corolint {

namespace json = llvm::json;

namespace {

constexpr llvm::StringLiteral StatusNames[] = {"analysed", "skipped",
                                               "failed-to-compile", "error"};

// A finding is written as nested arrays, not as objects: a json::Object is
// a table of 64 entries to build and free, and a finding held a dozen, for
// each of the thousands of findings of a unit. A path is written once, on a
// "file" line, and named by its number after that; what a reader can tell
// from the rest (a line's key, a UTF-16 column equal to the byte column) is
// left out.

/// The numbers of the paths written so far, in the order written.
class FileNumbers {
public:
  /// Writes a "file" line for each path of \p F not written yet.
  void declare(llvm::raw_ostream &OS, const Finding &F) {
    auto DeclarePlace = [&](const Place &Where) {
      declare(OS, Where.Begin.File);
      declare(OS, Where.End.File);
    };
    auto DeclareEdits = [&](const std::vector<Edit> &Edits) {
      for (const Edit &E : Edits) {
        declare(OS, E.Begin.File);
        declare(OS, E.End.File);
      }
    };
    DeclarePlace(F.Where);
    DeclareEdits(F.Fixes);
    for (const Note &N : F.Notes) {
      DeclarePlace(N.Where);
      DeclareEdits(N.Fixes);
    }
  }
  /// The number of a declared path; -1 for none.
  int64_t number(llvm::StringRef File) const {
    if (File.empty())
      return -1;
    auto Declared = Numbers.find(File);
    // Never a wrong path: a number the reader refuses.
    if (Declared == Numbers.end())
      return -2;
    return Declared->second;
  }

private:
  void declare(llvm::raw_ostream &OS, llvm::StringRef File) {
    if (File.empty() || !Numbers.try_emplace(File, Numbers.size()).second)
      return;
    json::OStream J(OS);
    J.object([&] { J.attribute("file", File); });
    OS << "\n";
  }

  llvm::StringMap<unsigned> Numbers;
};

/// [file, offset, line, column] and the UTF-16 column when it differs.
void write(json::OStream &J, const FileNumbers &Files, const Location &Loc) {
  J.array([&] {
    J.value(Files.number(Loc.File));
    J.value(Loc.Offset);
    J.value(Loc.Line);
    J.value(Loc.Column);
    if (Loc.Utf16Column != Loc.Column)
      J.value(Loc.Utf16Column);
  });
}

/// [begin, end, line text] and the line's key when foldedLine() does not
/// give it (a line too long to keep).
void write(json::OStream &J, const FileNumbers &Files, const Place &Where) {
  J.array([&] {
    write(J, Files, Where.Begin);
    write(J, Files, Where.End);
    J.value(Where.LineText);
    if (Where.LineKey != foldedLine(Where.LineText))
      J.value(Where.LineKey);
  });
}

/// [[begin, end, length, text]...]; a text that is not UTF-8 (a fix-it
/// copying a Latin-1 string literal) is [its bytes in hex]: a JSON string
/// cannot hold it, and --fix must write back the very bytes.
void write(json::OStream &J, const FileNumbers &Files,
           const std::vector<Edit> &Edits) {
  J.array([&] {
    for (const Edit &E : Edits)
      J.array([&] {
        write(J, Files, E.Begin);
        write(J, Files, E.End);
        J.value(E.Length);
        if (json::isUTF8(E.Text))
          J.value(E.Text);
        else
          J.array([&] { J.value(llvm::toHex(E.Text)); });
      });
  });
}

/// Reads what the writers wrote; the first malformed part names the error.
class Reader {
public:
  explicit Reader(std::string &Error) : Error(Error) {}

  // The header and the rarer lines are objects.
  unsigned number(const json::Object &O, llvm::StringRef Key) {
    if (std::optional<int64_t> Value = O.getInteger(Key); isUnsigned(Value))
      return static_cast<unsigned>(*Value);
    fail(Key);
    return 0;
  }
  std::string text(const json::Object &O, llvm::StringRef Key) {
    if (std::optional<llvm::StringRef> Value = O.getString(Key))
      return Value->str();
    fail(Key);
    return "";
  }
  const json::Array &array(const json::Object &O, llvm::StringRef Key) {
    if (const json::Array *Value = O.getArray(Key))
      return *Value;
    fail(Key);
    return EmptyArray;
  }

  // A finding's parts are arrays: element I of \p A, named \p What.
  unsigned number(const json::Array &A, size_t I, llvm::StringRef What) {
    if (std::optional<int64_t> Value = element(A, I).getAsInteger();
        isUnsigned(Value))
      return static_cast<unsigned>(*Value);
    fail(What);
    return 0;
  }
  std::string text(const json::Array &A, size_t I, llvm::StringRef What) {
    if (std::optional<llvm::StringRef> Value = element(A, I).getAsString())
      return Value->str();
    fail(What);
    return "";
  }
  const json::Array &array(const json::Array &A, size_t I,
                           llvm::StringRef What) {
    if (const json::Array *Value = element(A, I).getAsArray())
      return *Value;
    fail(What);
    return EmptyArray;
  }

  Location location(const json::Array &A, llvm::ArrayRef<std::string> Files) {
    Location Loc;
    std::optional<int64_t> File = element(A, 0).getAsInteger();
    if (!File || *File < -1 || *File >= static_cast<int64_t>(Files.size()))
      fail("file");
    else if (*File >= 0)
      Loc.File = Files[*File];
    Loc.Offset = number(A, 1, "offset");
    Loc.Line = number(A, 2, "line");
    Loc.Column = number(A, 3, "column");
    Loc.Utf16Column = A.size() > 4 ? number(A, 4, "column") : Loc.Column;
    return Loc;
  }
  Place place(const json::Array &A, llvm::ArrayRef<std::string> Files) {
    Place Where;
    Where.Begin = location(array(A, 0, "place"), Files);
    Where.End = location(array(A, 1, "place"), Files);
    Where.LineText = text(A, 2, "line");
    Where.LineKey =
        A.size() > 3 ? text(A, 3, "line") : foldedLine(Where.LineText);
    return Where;
  }
  std::vector<Edit> edits(const json::Array &A,
                          llvm::ArrayRef<std::string> Files) {
    std::vector<Edit> Edits;
    for (size_t I = 0; I < A.size(); ++I) {
      const json::Array &E = array(A, I, "fix");
      Edit Converted;
      Converted.Begin = location(array(E, 0, "fix"), Files);
      Converted.End = location(array(E, 1, "fix"), Files);
      Converted.Length = number(E, 2, "fix");
      Converted.Text = editText(E);
      Edits.push_back(std::move(Converted));
    }
    return Edits;
  }

  /// An edit's text: a string, or [hex] when it is not UTF-8.
  std::string editText(const json::Array &E) {
    const json::Array *Bytes = element(E, 3).getAsArray();
    if (!Bytes)
      return text(E, 3, "fix");
    std::string Text;
    std::optional<llvm::StringRef> Hex =
        Bytes->size() == 1 ? (*Bytes)[0].getAsString() : std::nullopt;
    if (!Hex || !llvm::tryGetFromHex(*Hex, Text))
      fail("fix");
    return Text;
  }

  void fail(llvm::StringRef What) {
    if (Error.empty())
      Error = ("missing or malformed \"" + What + "\"").str();
  }

private:
  static bool isUnsigned(std::optional<int64_t> Value) {
    return Value && *Value >= 0 &&
           *Value <= std::numeric_limits<unsigned>::max();
  }
  const json::Value &element(const json::Array &A, size_t I) const {
    return I < A.size() ? A[I] : Null;
  }

  std::string &Error;
  const json::Value Null = nullptr;
  const json::Array EmptyArray;
};

} // namespace

llvm::StringRef statusName(WorkerResult::Status State) {
  return StatusNames[static_cast<unsigned>(State)];
}

std::string contentHash(llvm::StringRef Contents) {
  return llvm::formatv("{0:x16}", corolint::compat::hash64(Contents)).str();
}

namespace {

/// A finding's flags: one number.
enum FindingFlags : unsigned { IsErrorFlag = 1, IsRemarkFlag = 2 };

/// [check, message, flags, chosen fix, place, notes, fixes, length of the
/// coloured text] and the plain text's length when the coloured one does not
/// give it (see withoutColors); a note is [place, message, fixes]. The texts
/// themselves follow the line as they are (writeTexts): most of a finding's
/// bytes, full of escape codes, which JSON would escape and parse one by one.
void write(json::OStream &J, const FileNumbers &Files, const Finding &F) {
  J.array([&] {
    J.value(F.Check);
    J.value(F.Message);
    J.value((F.IsError ? IsErrorFlag : 0) | (F.IsRemark ? IsRemarkFlag : 0));
    J.value(F.ChosenFix);
    write(J, Files, F.Where);
    J.array([&] {
      for (const Note &N : F.Notes)
        J.array([&] {
          write(J, Files, N.Where);
          J.value(N.Message);
          write(J, Files, N.Fixes);
        });
    });
    write(J, Files, F.Fixes);
    J.value(static_cast<int64_t>(F.ColorText.size()));
    if (!F.Text.empty())
      J.value(static_cast<int64_t>(F.Text.size()));
  });
}

/// A finding's texts, after its line: their bytes, then a newline.
void writeTexts(llvm::raw_ostream &OS, const Finding &F) {
  OS << F.ColorText << F.Text << "\n";
}

/// Takes \p Length bytes written as they are after a line, and the newline
/// that ends them, from the front of \p Rest; none when \p Rest is too
/// short or no newline ends them there.
std::optional<llvm::StringRef> takeVerbatim(size_t Length,
                                            llvm::StringRef &Rest) {
  if (Rest.size() <= Length || Rest[Length] != '\n')
    return std::nullopt;
  llvm::StringRef Taken = Rest.take_front(Length);
  Rest = Rest.drop_front(Length + 1);
  return Taken;
}

/// Moves the texts writeTexts wrote from the front of \p Rest into \p F,
/// whose line gave their lengths; false when \p Rest is too short.
bool takeTexts(Finding &F, size_t ColorLength, size_t PlainLength,
               llvm::StringRef &Rest) {
  std::optional<llvm::StringRef> Texts =
      takeVerbatim(ColorLength + PlainLength, Rest);
  if (!Texts)
    return false;
  F.ColorText = Texts->take_front(ColorLength).str();
  F.Text = Texts->drop_front(ColorLength).str();
  return true;
}

/// A finding's line, and the texts that follow it in \p Rest.
Finding readFinding(const json::Array &A, llvm::ArrayRef<std::string> Files,
                    Reader &Read, llvm::StringRef &Rest) {
  Finding F;
  F.Check = Read.text(A, 0, "check");
  F.Message = Read.text(A, 1, "message");
  unsigned Flags = Read.number(A, 2, "flags");
  F.IsError = Flags & IsErrorFlag;
  F.IsRemark = Flags & IsRemarkFlag;
  std::optional<int64_t> Chosen =
      A.size() > 3 ? A[3].getAsInteger() : std::nullopt;
  if (!Chosen || *Chosen < -1 || *Chosen > std::numeric_limits<int>::max())
    Read.fail("chosen fix");
  else
    F.ChosenFix = static_cast<int>(*Chosen);
  F.Where = Read.place(Read.array(A, 4, "place"), Files);
  const json::Array &Notes = Read.array(A, 5, "notes");
  for (size_t I = 0; I < Notes.size(); ++I) {
    const json::Array &N = Read.array(Notes, I, "note");
    Note Converted;
    Converted.Where = Read.place(Read.array(N, 0, "note"), Files);
    Converted.Message = Read.text(N, 1, "note");
    Converted.Fixes = Read.edits(Read.array(N, 2, "note"), Files);
    F.Notes.push_back(std::move(Converted));
  }
  F.Fixes = Read.edits(Read.array(A, 6, "fixes"), Files);
  size_t ColorLength = Read.number(A, 7, "text");
  size_t PlainLength = A.size() > 8 ? Read.number(A, 8, "text") : 0;
  if (!takeTexts(F, ColorLength, PlainLength, Rest))
    Read.fail("text");
  return F;
}

void writeLine(llvm::raw_ostream &OS, const json::Value &Value) {
  json::OStream(OS).value(Value);
  OS << "\n";
}

std::optional<std::pair<std::string, std::string>>
readPair(const json::Value *Value) {
  const json::Array *Pair = Value ? Value->getAsArray() : nullptr;
  if (!Pair || Pair->size() != 2 || !(*Pair)[0].getAsString() ||
      !(*Pair)[1].getAsString())
    return std::nullopt;
  return std::make_pair((*Pair)[0].getAsString()->str(),
                        (*Pair)[1].getAsString()->str());
}

} // namespace

void writeWorkerResult(llvm::raw_ostream &OS, const WorkerResult &Result) {
  writeLine(OS, json::Object{{"version", WorkerResultVersion},
                             {"status", statusName(Result.State)},
                             {"reason", Result.Reason},
                             {"profile", Result.Profile}});
  // One line per finding: neither side ever holds more than one finding as
  // a json::Value (a json::Object costs kilobytes).
  FileNumbers Files;
  for (const Finding &F : Result.Findings) {
    Files.declare(OS, F);
    json::OStream J(OS);
    J.object([&] {
      J.attributeBegin("finding");
      write(J, Files, F);
      J.attributeEnd();
    });
    OS << "\n";
    writeTexts(OS, F);
  }
  for (const auto &[File, Hash] : Result.FileHashes)
    writeLine(OS, json::Object{{"fileHash", json::Array{File, Hash}}});
  for (const auto &[File, Hash] : Result.Inputs)
    writeLine(OS, json::Object{{"input", json::Array{File, Hash}}});
}

llvm::Expected<WorkerResult> parseWorkerResult(llvm::StringRef Text) {
  auto Fail = [](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
  };
  auto [HeaderLine, Rest] = Text.split('\n');
  if (HeaderLine.size() == Text.size())
    return Fail("the result is truncated");
  llvm::Expected<json::Value> Header = json::parse(HeaderLine);
  if (!Header)
    return Fail(llvm::toString(Header.takeError()));
  const json::Object *Root = Header->getAsObject();
  if (!Root || Root->getInteger("version") != WorkerResultVersion)
    return Fail("not a version " + llvm::Twine(WorkerResultVersion) +
                " result");
  std::string Error;
  Reader Read(Error);
  WorkerResult Result;
  std::string Status = Read.text(*Root, "status");
  const auto *Known = llvm::find(StatusNames, Status);
  if (Known == std::end(StatusNames))
    Read.fail("status");
  else
    Result.State =
        static_cast<WorkerResult::Status>(Known - std::begin(StatusNames));
  Result.Reason = Read.text(*Root, "reason");
  Result.Profile = Read.text(*Root, "profile");
  std::vector<std::string> Files; // By their numbers.
  while (!Rest.empty()) {
    auto [Line, Next] = Rest.split('\n');
    // A truncated result (a worker killed while writing) is no result: every
    // line, a finding's texts included, ends with a newline.
    if (Line.size() == Rest.size())
      return Fail("the result is truncated");
    Rest = Next;
    if (Line.empty())
      continue;
    llvm::Expected<json::Value> Parsed = json::parse(Line);
    if (!Parsed)
      return Fail(llvm::toString(Parsed.takeError()));
    const json::Object *Entry = Parsed->getAsObject();
    if (!Entry)
      return Fail("a line is not an object");
    if (const json::Array *Found = Entry->getArray("finding")) {
      Result.Findings.push_back(readFinding(*Found, Files, Read, Rest));
    } else if (std::optional<llvm::StringRef> File = Entry->getString("file")) {
      Files.push_back(File->str());
    } else if (auto Hash = readPair(Entry->get("fileHash"))) {
      Result.FileHashes[Hash->first] = Hash->second;
    } else if (auto Input = readPair(Entry->get("input"))) {
      Result.Inputs.push_back(std::move(*Input));
    } else {
      Read.fail("finding");
    }
    if (!Error.empty())
      return Fail(Error);
  }
  return Result;
}

llvm::Expected<WorkerResult> readWorkerResult(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "unreadable worker result '" + Path +
                                       "': " + Buffer.getError().message());
  llvm::Expected<WorkerResult> Result =
      parseWorkerResult((*Buffer)->getBuffer());
  if (!Result)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "unreadable worker result '" + Path + "': " +
                                       llvm::toString(Result.takeError()));
  return Result;
}

llvm::Error writeWorkerResultFile(llvm::StringRef Path,
                                  const WorkerResult &Result,
                                  llvm::StringRef FirstLine) {
  return clang::tidy::coro::writeFileAtomically(Path,
                                                [&](llvm::raw_ostream &OS) {
                                                  OS << FirstLine;
                                                  writeWorkerResult(OS, Result);
                                                });
}

} // namespace corolint
