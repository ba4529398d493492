//===--- WorkerResultTest.cpp - the worker's result, written and read -----===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The contract between a worker and the orchestrator (tool/WorkerResult.h):
// whatever a worker writes, the orchestrator reads back the same, including
// what the format leaves out because it can be told from the rest.
//
//===----------------------------------------------------------------------===//

#include "WorkerResult.h"
#include "gtest/gtest.h"

using namespace corolint;

namespace {

Location at(std::string File, unsigned Offset, unsigned Line, unsigned Column,
            unsigned Utf16Column = 0) {
  Location Loc;
  Loc.File = std::move(File);
  Loc.Offset = Offset;
  Loc.Line = Line;
  Loc.Column = Column;
  Loc.Utf16Column = Utf16Column ? Utf16Column : Column;
  return Loc;
}

Place place(Location Begin, Location End, std::string LineText) {
  Place Where;
  Where.Begin = std::move(Begin);
  Where.End = std::move(End);
  Where.LineKey = foldedLine(LineText);
  Where.LineText = std::move(LineText);
  return Where;
}

void expectSame(const Location &A, const Location &B) {
  EXPECT_EQ(A.File, B.File);
  EXPECT_EQ(A.Offset, B.Offset);
  EXPECT_EQ(A.Line, B.Line);
  EXPECT_EQ(A.Column, B.Column);
  EXPECT_EQ(A.Utf16Column, B.Utf16Column);
}

void expectSame(const Place &A, const Place &B) {
  expectSame(A.Begin, B.Begin);
  expectSame(A.End, B.End);
  EXPECT_EQ(A.LineText, B.LineText);
  EXPECT_EQ(A.LineKey, B.LineKey);
}

void expectSame(const std::vector<Edit> &A, const std::vector<Edit> &B) {
  ASSERT_EQ(A.size(), B.size());
  for (size_t I = 0; I < A.size(); ++I) {
    expectSame(A[I].Begin, B[I].Begin);
    expectSame(A[I].End, B[I].End);
    EXPECT_EQ(A[I].Length, B[I].Length);
    EXPECT_EQ(A[I].Text, B[I].Text);
  }
}

WorkerResult sampleResult() {
  WorkerResult Result;
  Result.State = WorkerResult::Status::Analysed;
  Result.Profile = "===--- profile";

  // A diagnostic without a place (clang-tidy's configuration warnings).
  Finding Config;
  Config.Check = "clang-tidy-config";
  Config.Message = "invalid regular expression";
  Config.ColorText = "\x1b[0;1;35mwarning: \x1b[0m...\n";
  Result.Findings.push_back(Config);

  // Notes and fixes in two files, a non-ASCII line, a line re-indented
  // (its key folds the blanks), a long line (its key is a hash).
  Finding F;
  F.Check = "coro-lock-across-suspend";
  F.Message = "mutex 'm' is held";
  F.IsError = true;
  F.ChosenFix = 1;
  F.Where =
      place(at("/src/a.cpp", 120, 7, 5, 4), at("/src/a.cpp", 130, 7, 15, 14),
            "  auto \xc3\xa9  =   co_await f();");
  Note N;
  N.Message = "locked here";
  N.Where = place(at("/src/lock.h", 10, 2, 3), at("/src/lock.h", 14, 2, 7),
                  "\tstd::lock_guard g(m);");
  Edit E;
  E.Begin = at("/src/lock.h", 10, 2, 3);
  E.End = at("/src/lock.h", 14, 2, 7);
  E.Length = 4;
  E.Text = "{\n";
  N.Fixes.push_back(E);
  F.Notes.push_back(N);
  Note Long;
  Long.Message = "on a long line";
  Long.Where = place(at("/src/gen.cpp", 9000, 1, 9001),
                     at("/src/gen.cpp", 9004, 1, 9005), "");
  Long.Where.LineKey = "xxh3:0123456789abcdef";
  F.Notes.push_back(Long);
  F.Fixes.push_back(E);
  // A fix-it copying a Latin-1 string literal: its bytes, not UTF-8.
  Edit Latin1 = E;
  Latin1.Text = "fetch(\"caf\xe9\")";
  F.Fixes.push_back(Latin1);
  // Texts of several lines, one of them quoting a Latin-1 source byte for
  // byte: they follow the finding's line as they are.
  F.ColorText = "\x1b[1m/src/a.cpp:7:5: \x1b[0m\n  fetch(\"caf\xe9\");\n\n";
  F.Text = "/src/a.cpp:7:5: plain\n{\"finding\":[]}\n";
  Result.Findings.push_back(F);

  Result.FileHashes["/src/a.cpp"] = "0011";
  Result.Inputs.emplace_back("/src/a.cpp", "0011");
  return Result;
}

TEST(WorkerResult, ReadsBackWhatItWrites) {
  WorkerResult Written = sampleResult();
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeWorkerResult(OS, Written);
  llvm::Expected<WorkerResult> Read = parseWorkerResult(Text);
  ASSERT_TRUE(static_cast<bool>(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(Read->State, Written.State);
  EXPECT_EQ(Read->Profile, Written.Profile);
  ASSERT_EQ(Read->Findings.size(), Written.Findings.size());
  for (size_t I = 0; I < Written.Findings.size(); ++I) {
    const Finding &A = Written.Findings[I], &B = Read->Findings[I];
    EXPECT_EQ(A.Check, B.Check);
    EXPECT_EQ(A.Message, B.Message);
    EXPECT_EQ(A.IsError, B.IsError);
    EXPECT_EQ(A.IsRemark, B.IsRemark);
    EXPECT_EQ(A.ChosenFix, B.ChosenFix);
    expectSame(A.Where, B.Where);
    ASSERT_EQ(A.Notes.size(), B.Notes.size());
    for (size_t J = 0; J < A.Notes.size(); ++J) {
      EXPECT_EQ(A.Notes[J].Message, B.Notes[J].Message);
      expectSame(A.Notes[J].Where, B.Notes[J].Where);
      expectSame(A.Notes[J].Fixes, B.Notes[J].Fixes);
    }
    expectSame(A.Fixes, B.Fixes);
    EXPECT_EQ(A.ColorText, B.ColorText);
    EXPECT_EQ(A.Text, B.Text);
  }
  EXPECT_EQ(Read->FileHashes, Written.FileHashes);
  EXPECT_EQ(Read->Inputs, Written.Inputs);
  // Each path is written once.
  EXPECT_EQ(llvm::StringRef(Text).count("/src/lock.h"), 1u);
}

TEST(WorkerResult, RefusesDamagedResults) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeWorkerResult(OS, sampleResult());
  // Cut short: the last line is incomplete.
  llvm::Expected<WorkerResult> Read =
      parseWorkerResult(llvm::StringRef(Text).drop_back(5));
  EXPECT_FALSE(static_cast<bool>(Read));
  llvm::consumeError(Read.takeError());
  // Cut inside a finding's texts, or right after the header.
  size_t Texts = Text.find("plain");
  ASSERT_NE(Texts, std::string::npos);
  Read = parseWorkerResult(llvm::StringRef(Text).take_front(Texts));
  EXPECT_FALSE(static_cast<bool>(Read));
  llvm::consumeError(Read.takeError());
  Read = parseWorkerResult(llvm::StringRef(Text).take_front(Text.find('\n')));
  EXPECT_FALSE(static_cast<bool>(Read));
  llvm::consumeError(Read.takeError());
  // A finding whose texts are not followed by a newline where their lengths
  // say they end.
  std::string Unterminated = Text;
  std::string Plain = sampleResult().Findings[1].Text;
  size_t Terminator = Unterminated.find(Plain) + Plain.size();
  ASSERT_EQ(Unterminated[Terminator], '\n');
  Unterminated[Terminator] = 'x';
  Read = parseWorkerResult(Unterminated);
  EXPECT_FALSE(static_cast<bool>(Read));
  llvm::consumeError(Read.takeError());
  // A finding that names a file no line declared.
  std::string Undeclared = Text;
  size_t FileLine = Undeclared.find("{\"file\":");
  ASSERT_NE(FileLine, std::string::npos);
  Undeclared.erase(FileLine, Undeclared.find('\n', FileLine) + 1 - FileLine);
  Read = parseWorkerResult(Undeclared);
  EXPECT_FALSE(static_cast<bool>(Read));
  llvm::consumeError(Read.takeError());
  // Another version's result.
  std::string Other = Text;
  Other.replace(Other.find("\"version\":"), 11, "\"version\":1");
  Read = parseWorkerResult(Other);
  EXPECT_FALSE(static_cast<bool>(Read));
  llvm::consumeError(Read.takeError());
}

} // namespace
