//===--- ProgramFactsTest.cpp - a unit's facts, written and read ----------===//
//
// A unit's facts as the worker writes them and the orchestrator reads them
// back, and what a pending finding's payload says once the program's facts
// are known (coro-blocking-call writes it, the orchestrator settles it).
//
//===----------------------------------------------------------------------===//

#include "ProgramFacts.h"
#include "BlockingCallCheck.h"
#include "llvm/Support/FileSystem.h"
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

TEST(ProgramFacts, UnitFactsReadBackWhatIsWritten) {
  llvm::SmallString<128> Written;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("facts", "json", Written));
  UnitFacts Facts = sampleFacts();
  ASSERT_FALSE(static_cast<bool>(writeJSONFile(Written, toJSON(Facts))));

  llvm::Expected<UnitFacts> Read = readUnitFacts(Written);
  ASSERT_TRUE(static_cast<bool>(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(Read->MainFile, Facts.MainFile);
  ASSERT_EQ(Read->Functions.size(), 2u);
  EXPECT_EQ(Read->Functions[1].Name, Facts.Functions[1].Name);
  ASSERT_EQ(Read->Functions[1].Calls.size(), 2u);
  EXPECT_TRUE(Read->Functions[1].Calls[0].Virtual);
  ASSERT_TRUE(Read->Functions[0].Blocks.has_value());
  EXPECT_EQ(Read->Functions[0].Blocks->Steps.size(), 1u);
  EXPECT_EQ(Read->Wanted, Facts.Wanted);
  llvm::sys::fs::remove(Written);
}

/// The program's facts: 'remote' sleeps.
ProgramFacts remoteSleeps() {
  UnitFacts Unit;
  Unit.MainFile = "/src/remote.cpp";
  FunctionFacts Remote;
  Remote.USR = "c:@F@remote#";
  Remote.Name = "'remote'";
  Remote.Blocks = BlockingFact{"'remote'",
                               "sleep",
                               "'std::this_thread::sleep_for'",
                               {{"/src/remote.cpp", 5, 23, "'remote'",
                                 "'std::this_thread::sleep_for'"}}};
  Unit.Functions.push_back(Remote);
  return ProgramFacts::resolve({Unit}, /*MaxDepth=*/4);
}

std::optional<BlockingCallCheck::SettledFinding>
settle(llvm::StringRef Payload) {
  auto Settled =
      BlockingCallCheck::settlePendingFinding(Payload, remoteSleeps());
  EXPECT_TRUE(static_cast<bool>(Settled))
      << llvm::toString(Settled.takeError());
  return Settled ? *Settled : std::nullopt;
}

TEST(PendingPayload, SettlesTheFirstAlternativeThatBlocks) {
  // [condition, steps]: each step [name, body name, file, offset].
  llvm::StringRef Other =
      R"(["c:@F@other#",[["'other'","'other'","/src/a.cpp",7]]])";
  EXPECT_FALSE(settle(("[" + Other + "]").str()));
  auto Remote =
      settle(R"([["c:@F@remote#",[["'helper'","'helper'","/src/a.cpp",7],)"
             R"(["'remote'","'remote'","/src/a.cpp",30]]]])");
  ASSERT_TRUE(Remote);
  EXPECT_NE(Remote->Message.find("'helper'"), std::string::npos);
  EXPECT_NE(Remote->Message.find("sleep_for"), std::string::npos);
  // The call in the helper, then the blocking call in the other file.
  ASSERT_EQ(Remote->Notes.size(), 2u);
  EXPECT_EQ(Remote->Notes[0].Offset, 30u);
  EXPECT_EQ(Remote->Notes[1].Line, 5u);
  // [null, steps, kind, blocking function, external steps]: blocks for
  // certain, after the conditions that do not.
  auto Definite =
      settle(("[" + Other +
              R"(,[null,[["'wait'","'wait'","/src/a.cpp",9]],"sleep",)"
              R"("'std::this_thread::sleep_for'",[]]])")
                 .str());
  ASSERT_TRUE(Definite);
  EXPECT_NE(Definite->Message.find("'wait'"), std::string::npos);
}

TEST(PendingPayload, RefusesMalformedPayloads) {
  for (llvm::StringRef Payload :
       {R"([{"if":"c:@F@remote#","steps":[]}])", R"([["c:@F@remote#"]])",
        R"([["c:@F@remote#",[]]])", R"([["c:@F@remote#",[["'r'","'r'"]]]])",
        R"([[null,[["'w'","'w'","/a.cpp",9]],"sleep"]])", "[",
        R"({"alternatives":[]})"}) {
    auto Settled =
        BlockingCallCheck::settlePendingFinding(Payload, remoteSleeps());
    EXPECT_FALSE(static_cast<bool>(Settled)) << Payload.str();
    llvm::consumeError(Settled.takeError());
  }
}

} // namespace
