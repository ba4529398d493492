//===--- ProgramFactsTest.cpp - a unit's facts, written and read ----------===//
//
// The worker streams its unit's facts (writeUnitFactsFile) instead of
// building them as a json::Value; the orchestrator and the kept program
// facts read them with toJSON's shape. The two writers must not drift.
//
//===----------------------------------------------------------------------===//

#include "ProgramFacts.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "gtest/gtest.h"

using namespace clang::tidy::coro;

namespace {

/// Every field set, a blocking function with a chain, one without, and
/// names that JSON must escape.
UnitFacts sampleFacts() {
  UnitFacts Facts;
  Facts.MainFile = "/src/a \"b\".cpp";
  Facts.Inputs = {{"/src/a.h", "xxh3:1"}, {"/src/b.h", "xxh3:2"}};
  FunctionFacts Blocking;
  Blocking.USR = "c:@F@helper#";
  Blocking.Name = "'helper'";
  BlockingFact Fact;
  Fact.Name = "'helper'";
  Fact.Category = "sleep";
  Fact.BlockingName = "'std::this_thread::sleep_for'";
  Fact.Steps.push_back(
      {"/src/a.cpp", 3, 5, "'helper'", "'std::this_thread::sleep_for'"});
  Blocking.Blocks = Fact;
  Blocking.Overrides = {"c:@S@Base@F@helper#"};
  FunctionFacts Caller;
  Caller.USR = "c:@F@caller#";
  Caller.Name = "'caller'\t\xc3\xa9";
  Caller.Calls.push_back({"c:@F@other#", "'other'", true, "/src/a.cpp", 9, 2});
  Caller.Calls.push_back({"c:@F@more#", "'more'", false, "/src/b.h", 1, 1});
  Facts.Functions = {Blocking, Caller};
  Facts.Wanted = {"c:@F@other#"};
  return Facts;
}

std::string contents(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  EXPECT_TRUE(static_cast<bool>(Buffer));
  return Buffer ? (*Buffer)->getBuffer().str() : "";
}

TEST(ProgramFacts, StreamedUnitFactsAreWhatToJSONWrites) {
  llvm::SmallString<128> Streamed, Built;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("facts", "json", Streamed));
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("facts", "json", Built));
  UnitFacts Facts = sampleFacts();
  ASSERT_FALSE(static_cast<bool>(writeUnitFactsFile(Streamed, Facts)));
  ASSERT_FALSE(static_cast<bool>(writeJSONFile(Built, toJSON(Facts))));
  EXPECT_EQ(contents(Streamed), contents(Built));

  llvm::Expected<UnitFacts> Read = readUnitFacts(Streamed);
  ASSERT_TRUE(static_cast<bool>(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(Read->MainFile, Facts.MainFile);
  ASSERT_EQ(Read->Functions.size(), 2u);
  EXPECT_EQ(Read->Functions[1].Name, Facts.Functions[1].Name);
  ASSERT_EQ(Read->Functions[1].Calls.size(), 2u);
  EXPECT_TRUE(Read->Functions[1].Calls[0].Virtual);
  ASSERT_TRUE(Read->Functions[0].Blocks.has_value());
  EXPECT_EQ(Read->Functions[0].Blocks->Steps.size(), 1u);
  EXPECT_EQ(Read->Wanted, Facts.Wanted);
  llvm::sys::fs::remove(Streamed);
  llvm::sys::fs::remove(Built);
}

} // namespace
