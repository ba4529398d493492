//===--- ProgramFactsTest.cpp - a unit's facts, written and read ----------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A unit's facts as the worker writes them and the orchestrator reads them
// back, and what a pending finding's payload says once the program's facts
// are known (coro-blocking-call writes it, the orchestrator settles it).
//
//===----------------------------------------------------------------------===//

#include "ProgramFacts.h"
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

} // namespace
