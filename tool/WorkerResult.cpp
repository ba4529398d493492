//===--- WorkerResult.cpp - what a worker reports of its unit -------------===//

#include "WorkerResult.h"
#include "Files.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/xxhash.h"

namespace corolint {

namespace json = llvm::json;

namespace {

constexpr llvm::StringLiteral StatusNames[] = {"analysed", "skipped",
                                              "failed-to-compile", "error"};

// Written as a stream: a json::Object per location costs allocations that
// add up over thousands of findings.
void write(json::OStream &J, const Location &Loc) {
  J.object([&] {
    J.attribute("file", Loc.File);
    J.attribute("offset", Loc.Offset);
    J.attribute("line", Loc.Line);
    J.attribute("column", Loc.Column);
    J.attribute("utf16Column", Loc.Utf16Column);
  });
}

void write(json::OStream &J, const Place &Where);
void write(json::OStream &J, const std::vector<Edit> &Edits);
void write(json::OStream &J, const Finding &F);

/// An attribute whose value write() writes.
template <typename T>
void writeAttribute(json::OStream &J, llvm::StringRef Key, const T &Value) {
  J.attributeBegin(Key);
  write(J, Value);
  J.attributeEnd();
}

void write(json::OStream &J, const Place &Where) {
  J.object([&] {
    writeAttribute(J, "begin", Where.Begin);
    writeAttribute(J, "end", Where.End);
    J.attribute("lineText", Where.LineText);
    J.attribute("lineKey", Where.LineKey);
  });
}

void write(json::OStream &J, const std::vector<Edit> &Edits) {
  J.array([&] {
    for (const Edit &E : Edits)
      J.object([&] {
        writeAttribute(J, "begin", E.Begin);
        writeAttribute(J, "end", E.End);
        J.attribute("length", E.Length);
        J.attribute("text", E.Text);
      });
  });
}

/// Reads what write() wrote; \p Root names the part for errors.
class Reader {
public:
  explicit Reader(std::string &Error) : Error(Error) {}

  unsigned number(const json::Object &O, llvm::StringRef Key) {
    if (std::optional<int64_t> Value = O.getInteger(Key); Value && *Value >= 0)
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
  const json::Object &object(const json::Object &O, llvm::StringRef Key) {
    if (const json::Object *Value = O.getObject(Key))
      return *Value;
    fail(Key);
    return Empty;
  }
  Location location(const json::Object &O) {
    Location Loc;
    Loc.File = text(O, "file");
    Loc.Offset = number(O, "offset");
    Loc.Line = number(O, "line");
    Loc.Column = number(O, "column");
    Loc.Utf16Column = number(O, "utf16Column");
    return Loc;
  }
  Place place(const json::Object &O) {
    Place Where;
    Where.Begin = location(object(O, "begin"));
    Where.End = location(object(O, "end"));
    Where.LineText = text(O, "lineText");
    Where.LineKey = text(O, "lineKey");
    return Where;
  }
  std::vector<Edit> edits(const json::Object &O, llvm::StringRef Key) {
    std::vector<Edit> Edits;
    for (const json::Value &Value : array(O, Key)) {
      const json::Object *E = Value.getAsObject();
      if (!E) {
        fail(Key);
        break;
      }
      Edit Converted;
      Converted.Begin = location(object(*E, "begin"));
      Converted.End = location(object(*E, "end"));
      Converted.Length = number(*E, "length");
      Converted.Text = text(*E, "text");
      Edits.push_back(std::move(Converted));
    }
    return Edits;
  }
  const json::Array &array(const json::Object &O, llvm::StringRef Key) {
    if (const json::Array *Value = O.getArray(Key))
      return *Value;
    fail(Key);
    return EmptyArray;
  }
  void fail(llvm::StringRef Key) {
    if (Error.empty())
      Error = ("missing or malformed \"" + Key + "\"").str();
  }

private:
  std::string &Error;
  const json::Object Empty;
  const json::Array EmptyArray;
};

} // namespace

llvm::StringRef statusName(WorkerResult::Status State) {
  return StatusNames[static_cast<unsigned>(State)];
}

std::string contentHash(llvm::StringRef Contents) {
  return llvm::formatv("{0:x16}", llvm::xxh3_64bits(Contents)).str();
}

namespace {

void write(json::OStream &J, const Finding &F) {
  J.object([&] {
    J.attribute("check", F.Check);
    J.attribute("message", F.Message);
    J.attribute("isError", F.IsError);
    J.attribute("isRemark", F.IsRemark);
    J.attribute("chosenFix", F.ChosenFix);
    writeAttribute(J, "where", F.Where);
    J.attributeArray("notes", [&] {
      for (const Note &N : F.Notes)
        J.object([&] {
          writeAttribute(J, "where", N.Where);
          J.attribute("message", N.Message);
          writeAttribute(J, "fixes", N.Fixes);
        });
    });
    writeAttribute(J, "fixes", F.Fixes);
    J.attribute("colorText", F.ColorText);
    // Only when the coloured text does not give it (see withoutColors).
    if (!F.Text.empty())
      J.attribute("text", F.Text);
  });
}

json::Value toJSON(const PendingFinding &P) {
  json::Array Ranges;
  for (const clang::tooling::FileByteRange &R : P.Ranges)
    Ranges.push_back(json::Array{R.FilePath, R.FileOffset, R.Length});
  return json::Object{{"position", static_cast<int64_t>(P.Position)},
                      {"check", P.Check},
                      {"isError", P.IsError},
                      {"file", P.File},
                      {"offset", P.Offset},
                      {"ranges", std::move(Ranges)},
                      {"buildDirectory", P.BuildDirectory},
                      {"payload", P.Payload}};
}

PendingFinding readPending(const json::Object &O, Reader &Read) {
  PendingFinding P;
  P.Position = Read.number(O, "position");
  P.Check = Read.text(O, "check");
  P.IsError = O.getBoolean("isError").value_or(false);
  P.File = Read.text(O, "file");
  P.Offset = Read.number(O, "offset");
  for (const json::Value &Value : Read.array(O, "ranges")) {
    const json::Array *R = Value.getAsArray();
    if (!R || R->size() != 3 || !(*R)[0].getAsString() ||
        !(*R)[1].getAsUINT64() || !(*R)[2].getAsUINT64()) {
      Read.fail("ranges");
      break;
    }
    clang::tooling::FileByteRange Range;
    Range.FilePath = (*R)[0].getAsString()->str();
    Range.FileOffset = static_cast<unsigned>(*(*R)[1].getAsUINT64());
    Range.Length = static_cast<unsigned>(*(*R)[2].getAsUINT64());
    P.Ranges.push_back(std::move(Range));
  }
  P.BuildDirectory = Read.text(O, "buildDirectory");
  P.Payload = Read.text(O, "payload");
  return P;
}

std::optional<Finding> readFinding(const json::Object &O, Reader &Read) {
  Finding F;
  F.Check = Read.text(O, "check");
  F.Message = Read.text(O, "message");
  F.IsError = O.getBoolean("isError").value_or(false);
  F.IsRemark = O.getBoolean("isRemark").value_or(false);
  F.ChosenFix = static_cast<int>(O.getInteger("chosenFix").value_or(-1));
  F.Where = Read.place(Read.object(O, "where"));
  F.Fixes = Read.edits(O, "fixes");
  F.ColorText = Read.text(O, "colorText");
  std::optional<llvm::StringRef> Plain = O.getString("text");
  if (Plain)
    F.Text = Plain->str();
  for (const json::Value &NoteValue : Read.array(O, "notes")) {
    const json::Object *N = NoteValue.getAsObject();
    if (!N) {
      Read.fail("notes");
      return std::nullopt;
    }
    Note Converted;
    Converted.Where = Read.place(Read.object(*N, "where"));
    Converted.Message = Read.text(*N, "message");
    Converted.Fixes = Read.edits(*N, "fixes");
    F.Notes.push_back(std::move(Converted));
  }
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
  for (const Finding &F : Result.Findings) {
    json::OStream J(OS);
    J.object([&] { writeAttribute(J, "finding", F); });
    OS << "\n";
  }
  for (const PendingFinding &P : Result.Pending)
    writeLine(OS, json::Object{{"pending", toJSON(P)}});
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
  bool Complete = false;
  for (llvm::StringRef Line : llvm::split(Rest, '\n')) {
    if (Line.empty()) {
      Complete = true; // The file ends with a newline.
      continue;
    }
    Complete = false;
    llvm::Expected<json::Value> Parsed = json::parse(Line);
    if (!Parsed)
      return Fail(llvm::toString(Parsed.takeError()));
    const json::Object *Entry = Parsed->getAsObject();
    if (!Entry)
      return Fail("a line is not an object");
    if (const json::Object *Found = Entry->getObject("finding")) {
      if (std::optional<Finding> F = readFinding(*Found, Read))
        Result.Findings.push_back(std::move(*F));
    } else if (const json::Object *Pending = Entry->getObject("pending")) {
      Result.Pending.push_back(readPending(*Pending, Read));
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
  // A truncated result (a worker killed while writing) is no result.
  if (!Complete)
    return Fail("the result is truncated");
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
                                   "unreadable worker result '" + Path +
                                       "': " +
                                       llvm::toString(Result.takeError()));
  return Result;
}

llvm::Error writeWorkerResultFile(llvm::StringRef Path,
                                  const WorkerResult &Result,
                                  llvm::StringRef FirstLine) {
  return clang::tidy::coro::writeFileAtomically(
      Path, [&](llvm::raw_ostream &OS) {
        OS << FirstLine;
        writeWorkerResult(OS, Result);
      });
}

} // namespace corolint
