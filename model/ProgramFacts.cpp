//===--- ProgramFacts.cpp - corolint --------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ProgramFacts.h"
#include "Files.h"
#include "LLVMCompat.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

namespace clang::tidy::coro {

std::string getUSR(const Decl &D) {
  llvm::SmallString<128> USR;
  if (index::generateUSRForDecl(&D, USR))
    return "";
  return USR.str().str();
}

std::string hashFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return "";
  return hashContents((*Buffer)->getBuffer());
}

std::string hashContents(llvm::StringRef Contents) {
  return (corolint::compat::Hash64Name + ":" +
          llvm::utohexstr(corolint::compat::hash64(Contents)))
      .str();
}

//===----------------------------------------------------------------------===//
// JSON
//===----------------------------------------------------------------------===//

llvm::json::Value toJSON(const FactStep &Step) {
  return llvm::json::Object{{"file", Step.File},
                            {"line", Step.Line},
                            {"column", Step.Column},
                            {"caller", Step.Caller},
                            {"callee", Step.Callee}};
}

static llvm::json::Value toJSON(const BlockingFact &Fact) {
  llvm::json::Array Steps;
  for (const FactStep &Step : Fact.Steps)
    Steps.push_back(toJSON(Step));
  return llvm::json::Object{{"name", Fact.Name},
                            {"category", Fact.Category},
                            {"blocking", Fact.BlockingName},
                            {"steps", std::move(Steps)}};
}

bool fromJSON(const llvm::json::Value &Value, FactStep &Step,
              llvm::json::Path P) {
  llvm::json::ObjectMapper Map(Value, P);
  return Map && Map.map("file", Step.File) && Map.map("line", Step.Line) &&
         Map.map("column", Step.Column) && Map.map("caller", Step.Caller) &&
         Map.map("callee", Step.Callee);
}

static bool fromJSON(const llvm::json::Value &Value, BlockingFact &Fact,
                     llvm::json::Path P) {
  llvm::json::ObjectMapper Map(Value, P);
  return Map && Map.map("name", Fact.Name) &&
         Map.map("category", Fact.Category) &&
         Map.map("blocking", Fact.BlockingName) && Map.map("steps", Fact.Steps);
}

static bool fromJSON(const llvm::json::Value &Value, ExternalCall &Call,
                     llvm::json::Path P) {
  llvm::json::ObjectMapper Map(Value, P);
  return Map && Map.map("usr", Call.USR) && Map.map("name", Call.Name) &&
         Map.map("virtual", Call.Virtual) && Map.map("file", Call.File) &&
         Map.map("line", Call.Line) && Map.map("column", Call.Column);
}

static bool fromJSON(const llvm::json::Value &Value, FunctionFacts &Facts,
                     llvm::json::Path P) {
  llvm::json::ObjectMapper Map(Value, P);
  return Map && Map.map("usr", Facts.USR) && Map.map("name", Facts.Name) &&
         Map.mapOptional("blocks", Facts.Blocks) &&
         Map.map("calls", Facts.Calls) && Map.map("overrides", Facts.Overrides);
}

static bool fromJSON(const llvm::json::Value &Value, InputFile &Input,
                     llvm::json::Path P) {
  llvm::json::ObjectMapper Map(Value, P);
  return Map && Map.map("path", Input.Path) && Map.map("hash", Input.Hash);
}

namespace {

llvm::Expected<llvm::json::Value> readJSONFile(llvm::StringRef Path,
                                               llvm::StringRef Kind) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read '%s': %s",
                                   Path.str().c_str(),
                                   Buffer.getError().message().c_str());
  llvm::Expected<llvm::json::Value> Value =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Value)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(), "'%s' is not a corolint facts file: %s",
        Path.str().c_str(), llvm::toString(Value.takeError()).c_str());
  const llvm::json::Object *Object = Value->getAsObject();
  // Version 1 wrote each unit's files in full; it reads the same.
  std::optional<int64_t> Version =
      Object ? Object->getInteger("version") : std::nullopt;
  if (!Object || !Version || *Version < 1 || *Version > ProgramFactsVersion ||
      Object->getString("kind") != Kind)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "'%s' is not a corolint %s facts file of version %d",
        Path.str().c_str(), Kind.str().c_str(), ProgramFactsVersion);
  return Value;
}

} // namespace

llvm::json::Value toJSON(const UnitFacts &Facts) {
  llvm::json::Array Inputs;
  for (const InputFile &Input : Facts.Inputs)
    Inputs.push_back(
        llvm::json::Object{{"path", Input.Path}, {"hash", Input.Hash}});
  llvm::json::Array Functions;
  for (const FunctionFacts &Function : Facts.Functions) {
    llvm::json::Array Calls;
    for (const ExternalCall &Call : Function.Calls)
      Calls.push_back(llvm::json::Object{{"usr", Call.USR},
                                         {"name", Call.Name},
                                         {"virtual", Call.Virtual},
                                         {"file", Call.File},
                                         {"line", Call.Line},
                                         {"column", Call.Column}});
    llvm::json::Object Entry{{"usr", Function.USR},
                             {"name", Function.Name},
                             {"calls", std::move(Calls)},
                             {"overrides", Function.Overrides}};
    if (Function.Blocks)
      Entry["blocks"] = toJSON(*Function.Blocks);
    Functions.push_back(std::move(Entry));
  }
  return llvm::json::Object{{"version", ProgramFactsVersion},
                            {"kind", "unit"},
                            {"main", Facts.MainFile},
                            {"inputs", std::move(Inputs)},
                            {"functions", std::move(Functions)},
                            {"wanted", Facts.Wanted}};
}

static bool fromJSON(const llvm::json::Value &Value, UnitFacts &Facts,
                     llvm::json::Path P) {
  llvm::json::ObjectMapper Map(Value, P);
  return Map && Map.map("main", Facts.MainFile) &&
         Map.mapOptional("inputs", Facts.Inputs) &&
         Map.map("functions", Facts.Functions) &&
         Map.map("wanted", Facts.Wanted) &&
         Map.mapOptional("context", Facts.Context);
}

llvm::Expected<UnitFacts> readUnitFacts(llvm::StringRef Path) {
  llvm::Expected<llvm::json::Value> Value = readJSONFile(Path, "unit");
  if (!Value)
    return Value.takeError();
  UnitFacts Facts;
  llvm::json::Path::Root Root;
  if (!fromJSON(*Value, Facts, Root))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "'%s' is not a corolint facts file",
                                   Path.str().c_str());
  return Facts;
}

llvm::Error writeJSONFile(llvm::StringRef Path, const llvm::json::Value &Value,
                          unsigned IndentSize) {
  return writeFileAtomically(Path, [&](llvm::raw_ostream &OS) {
    // (json::OStream rather than formatv: the plugin must not need symbols
    // at load time that another clang-tidy lacks, or its version guard
    // could not say so.)
    llvm::json::OStream(OS, IndentSize).value(Value);
    OS << "\n";
  });
}

//===----------------------------------------------------------------------===//
// Resolving chains across units
//===----------------------------------------------------------------------===//

namespace {

class Resolver {
public:
  Resolver(llvm::ArrayRef<UnitFacts> Units, unsigned MaxDepth)
      : MaxDepth(MaxDepth) {
    // The first unit that defines a function speaks for it (units come in
    // a stable order); every unit's overrides count.
    for (const UnitFacts &Unit : Units)
      for (const FunctionFacts &Function : Unit.Functions) {
        auto [It, Inserted] = ByUSR.try_emplace(Function.USR, &Function);
        // Two programs of one database may each define a function of the
        // same name: when their definitions disagree, nothing is known.
        if (!Inserted && !agree(*It->second, Function))
          Ambiguous.insert(Function.USR);
        for (const std::string &Base : Function.Overrides) {
          auto &Overriders = OverriddenBy[Base];
          if (!llvm::is_contained(Overriders, Function.USR))
            Overriders.push_back(Function.USR);
        }
      }
    for (auto &Entry : OverriddenBy)
      llvm::sort(Entry.second);
  }

  /// The same definition seen by two units says the same things.
  static bool agree(const FunctionFacts &A, const FunctionFacts &B) {
    auto CalleesOf = [](const FunctionFacts &F) {
      std::vector<std::string> USRs;
      for (const ExternalCall &Call : F.Calls)
        USRs.push_back(Call.USR);
      return USRs;
    };
    return A.Blocks.has_value() == B.Blocks.has_value() &&
           (!A.Blocks || A.Blocks->BlockingName == B.Blocks->BlockingName) &&
           CalleesOf(A) == CalleesOf(B);
  }

  const BlockingFact *function(llvm::StringRef USR, unsigned Depth) {
    if (Ambiguous.contains(USR))
      return nullptr;
    if (auto Known = Resolved.find(USR); Known != Resolved.end())
      return Known->second ? &*Known->second : nullptr;
    auto Found = ByUSR.find(USR);
    if (Found == ByUSR.end() || Depth > MaxDepth ||
        !InProgress.insert(USR).second)
      return nullptr;
    const FunctionFacts &Function = *Found->second;
    std::optional<BlockingFact> Result = Function.Blocks;
    for (const ExternalCall &Call : Function.Calls) {
      if (Result)
        break;
      const BlockingFact *Inner = Call.Virtual ? overriders(Call.USR, Depth + 1)
                                               : function(Call.USR, Depth + 1);
      if (!Inner)
        continue;
      Result =
          BlockingFact{Function.Name, Inner->Category, Inner->BlockingName, {}};
      Result->Steps.push_back(
          {Call.File, Call.Line, Call.Column, Function.Name, Call.Name});
      llvm::append_range(Result->Steps, Inner->Steps);
    }
    InProgress.erase(USR);
    auto &Slot = Resolved[USR];
    Slot = std::move(Result);
    return Slot ? &*Slot : nullptr;
  }

  /// Every implementation of a virtual method found in the program: the
  /// method itself when it has a body, and its overriders, transitively.
  std::vector<std::string> implementations(llvm::StringRef USR) {
    std::vector<std::string> Found;
    llvm::StringSet<> Seen;
    std::vector<std::string> Work{USR.str()};
    while (!Work.empty()) {
      std::string Next = Work.back();
      Work.pop_back();
      if (!Seen.insert(Next).second)
        continue;
      if (ByUSR.count(Next))
        Found.push_back(Next);
      if (auto It = OverriddenBy.find(Next); It != OverriddenBy.end())
        llvm::append_range(Work, It->second);
    }
    llvm::sort(Found);
    return Found;
  }

  const BlockingFact *overriders(llvm::StringRef USR, unsigned Depth) {
    if (auto Known = ResolvedVirtual.find(USR); Known != ResolvedVirtual.end())
      return Known->second ? &*Known->second : nullptr;
    std::vector<std::string> Implementations = implementations(USR);
    const BlockingFact *First = nullptr;
    // Unknown stays quiet: every implementation found must block.
    for (const std::string &Implementation : Implementations) {
      const BlockingFact *Fact = function(Implementation, Depth);
      if (!Fact) {
        First = nullptr;
        break;
      }
      if (!First)
        First = Fact;
    }
    auto &Slot = ResolvedVirtual[USR];
    if (First)
      Slot = *First;
    return Slot ? &*Slot : nullptr;
  }

  llvm::StringMap<const FunctionFacts *> ByUSR;
  llvm::StringMap<std::vector<std::string>> OverriddenBy;
  llvm::StringSet<> Ambiguous;

private:
  unsigned MaxDepth;
  llvm::StringMap<std::optional<BlockingFact>> Resolved;
  llvm::StringMap<std::optional<BlockingFact>> ResolvedVirtual;
  llvm::StringSet<> InProgress;
};

} // namespace

ProgramFacts ProgramFacts::resolve(llvm::ArrayRef<UnitFacts> Units,
                                   unsigned MaxDepth) {
  Resolver Resolve(Units, MaxDepth);
  ProgramFacts Facts;
  for (const auto &Entry : Resolve.ByUSR)
    if (const BlockingFact *Fact = Resolve.function(Entry.getKey(), 0))
      Facts.Functions[Entry.getKey()] = *Fact;
  for (const auto &Entry : Resolve.OverriddenBy)
    if (const BlockingFact *Fact = Resolve.overriders(Entry.getKey(), 0))
      Facts.Virtuals[Entry.getKey()] = *Fact;
  return Facts;
}

llvm::json::Value ProgramFacts::toJSON(llvm::ArrayRef<UnitFacts> Units) const {
  auto Sorted = [](const llvm::StringMap<BlockingFact> &Map) {
    std::vector<std::string> Keys;
    for (const auto &Entry : Map)
      Keys.push_back(Entry.getKey().str());
    llvm::sort(Keys);
    llvm::json::Object Object;
    for (const std::string &Key : Keys)
      Object[Key] = coro::toJSON(Map.find(Key)->second);
    return Object;
  };
  // Units share most of the files they read (the standard library, the
  // project's headers): each file and hash is written once, in "files", and
  // a unit lists the indexes of its own.
  llvm::json::Array Files;
  llvm::StringMap<size_t> FileIndex;
  llvm::json::Array UnitArray;
  for (const UnitFacts &Unit : Units) {
    llvm::json::Value Entry = coro::toJSON(Unit);
    llvm::json::Object &Object = *Entry.getAsObject();
    llvm::json::Array Ids;
    for (const InputFile &Input : Unit.Inputs) {
      auto [Known, Inserted] =
          FileIndex.try_emplace(Input.Path + "\n" + Input.Hash, Files.size());
      if (Inserted)
        Files.push_back(llvm::json::Array{Input.Path, Input.Hash});
      Ids.push_back(static_cast<int64_t>(Known->second));
    }
    Object.erase("inputs");
    Object.erase("version");
    Object.erase("kind");
    Object["context"] = Unit.Context;
    Object["inputIds"] = std::move(Ids);
    UnitArray.push_back(std::move(Entry));
  }
  return llvm::json::Object{
      {"version", ProgramFactsVersion}, {"kind", "program"},
      {"functions", Sorted(Functions)}, {"virtual", Sorted(Virtuals)},
      {"files", std::move(Files)},      {"units", std::move(UnitArray)}};
}

llvm::Expected<std::vector<UnitFacts>>
ProgramFacts::readUnits(llvm::StringRef Path) {
  llvm::Expected<llvm::json::Value> Value = readJSONFile(Path, "program");
  if (!Value)
    return Value.takeError();
  std::vector<UnitFacts> Units;
  const llvm::json::Object &Object = *Value->getAsObject();
  std::vector<InputFile> Files;
  if (const llvm::json::Array *Table = Object.getArray("files"))
    for (const llvm::json::Value &File : *Table) {
      const llvm::json::Array *Pair = File.getAsArray();
      std::optional<llvm::StringRef> Name, Hash;
      if (Pair && Pair->size() == 2) {
        Name = (*Pair)[0].getAsString();
        Hash = (*Pair)[1].getAsString();
      }
      // A malformed entry: a hash no file has, so its units count as stale.
      Files.push_back({Name ? Name->str() : "", Hash ? Hash->str() : "?"});
    }
  const llvm::json::Array *Array = Object.getArray("units");
  if (!Array)
    return Units;
  for (const llvm::json::Value &Entry : *Array) {
    UnitFacts Unit;
    llvm::json::Path::Root Root;
    if (!fromJSON(Entry, Unit, Root))
      continue;
    if (const llvm::json::Array *Ids =
            Entry.getAsObject()->getArray("inputIds"))
      for (const llvm::json::Value &Id : *Ids) {
        std::optional<int64_t> Index = Id.getAsInteger();
        if (!Index || *Index < 0 || static_cast<size_t>(*Index) >= Files.size())
          Unit.Inputs.push_back({Unit.MainFile, "?"});
        else
          Unit.Inputs.push_back(Files[*Index]);
      }
    Units.push_back(std::move(Unit));
  }
  return Units;
}

llvm::Expected<ProgramFacts> ProgramFacts::read(llvm::StringRef Path) {
  llvm::Expected<llvm::json::Value> Value = readJSONFile(Path, "program");
  if (!Value)
    return Value.takeError();
  ProgramFacts Facts;
  const llvm::json::Object &Object = *Value->getAsObject();
  auto ReadMap = [&](llvm::StringRef Key,
                     llvm::StringMap<BlockingFact> &Into) -> bool {
    const llvm::json::Object *Map = Object.getObject(Key);
    if (!Map)
      return false;
    for (const auto &[USR, Entry] : *Map) {
      BlockingFact Fact;
      llvm::json::Path::Root Root;
      if (!fromJSON(Entry, Fact, Root))
        return false;
      Into[USR.str()] = std::move(Fact);
    }
    return true;
  };
  if (!ReadMap("functions", Facts.Functions) ||
      !ReadMap("virtual", Facts.Virtuals))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "'%s' is not a corolint facts file",
                                   Path.str().c_str());
  return Facts;
}

const BlockingFact *ProgramFacts::blocking(llvm::StringRef USR) const {
  auto Found = Functions.find(USR);
  return Found == Functions.end() ? nullptr : &Found->second;
}

const BlockingFact *
ProgramFacts::blockingOverriders(llvm::StringRef USR) const {
  auto Found = Virtuals.find(USR);
  return Found == Virtuals.end() ? nullptr : &Found->second;
}

std::string &ToolFactsSettings::unitFactsOutput() {
  static std::string Path;
  return Path;
}

std::string &ToolFactsSettings::programFactsInput() {
  static std::string Path;
  return Path;
}

} // namespace clang::tidy::coro
