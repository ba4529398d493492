//===--- AnalysisReport.cpp - corolint ------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Analysis.h"
#include "HtmlReport.h"
#include "Reports.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

namespace corolint {

namespace {

/// Whether the text report is coloured: --use-color, else the UseColor of
/// the configuration, else when stdout is a terminal that has colours (as
/// clang-tidy decides).
bool useColors(const CommandLine &Cmd, bool ToFile,
               llvm::ArrayRef<std::string> Files) {
  if (Cmd.UseColor)
    return *Cmd.UseColor;
  if (!Files.empty())
    if (std::optional<bool> Configured =
            configuredOptions(Cmd, Files.front()).UseColor)
      return *Configured;
  return !ToFile && llvm::sys::Process::StandardOutHasColors();
}

} // namespace

std::optional<std::string> Analysis::applyBaselines() {
  if (Options.WriteBaseline) {
    if (llvm::Error Error = writeBaseline(*Options.WriteBaseline, All, Sources))
      return llvm::toString(std::move(Error));
    // Written, the findings are accepted: they are still reported (the
    // user sees what the baseline holds) but do not fail the run.
    BaselineWritten = true;
  }
  if (Accepted)
    applyBaseline(*Accepted, All);
  return std::nullopt;
}

void Analysis::fix() {
  Counts.FixesRefused = !applyFixes(All, Hashes, Cmd, Sources);
}

std::optional<std::string> Analysis::writeReport() {
  std::string Target = Options.Output.value_or("<stdout>");
  std::string ReportPath;
  int ReportFD = -1;
  bool ToSpecialFile = Options.Output &&
                       llvm::sys::fs::exists(*Options.Output) &&
                       !llvm::sys::fs::is_regular_file(*Options.Output);
  if (Options.Output && !ToSpecialFile) {
    llvm::SmallString<256> Unique;
    if (std::error_code EC = clang::tidy::coro::createRegisteredUniqueFile(
            *Options.Output + ".tmp-%%%%%%", ReportFD, Unique,
            removedOnInterrupt()))
      return "cannot write '" + Target + "': " + EC.message();
    ReportPath = std::string(Unique);
  }
  std::error_code EC;
  std::unique_ptr<llvm::raw_fd_ostream> File;
  if (ReportFD >= 0)
    File = std::make_unique<llvm::raw_fd_ostream>(ReportFD,
                                                  /*shouldClose=*/true);
  else if (ToSpecialFile)
    File = std::make_unique<llvm::raw_fd_ostream>(*Options.Output, EC,
                                                  llvm::sys::fs::OF_Text);
  if (EC)
    return "cannot write '" + Target + "': " + EC.message();
  llvm::raw_fd_ostream &OS = File ? *File : llvm::outs();
  switch (Options.OutputFormat) {
  case RunOptions::Format::Text:
    writeText(OS, All, useColors(Cmd, File != nullptr, Selected));
    break;
  case RunOptions::Format::Json:
    writeJson(OS, All, Sources);
    break;
  case RunOptions::Format::CodeClimate:
    writeCodeClimate(OS, All, Sources);
    break;
  case RunOptions::Format::Sarif:
    writeSarif(
        OS, All, Sources,
        {COROLINT_VERSION, Options.HelpUriBase.value_or(COROLINT_DOCS_URL)});
    break;
  case RunOptions::Format::Html:
    writeHtml(OS, All, Sources,
              {COROLINT_VERSION,
               Options.HelpUriBase.value_or(COROLINT_DOCS_URL),
               Counts.Selected - Counts.NotAnalysed, Counts.NotAnalysed,
               Counts.FailedFiles},
              analysedSources(Hashes));
    break;
  }
  OS.flush();
  if (OS.has_error()) {
    std::string Reason = OS.error().message();
    OS.clear_error();
    File.reset();
    if (!ReportPath.empty())
      llvm::sys::fs::remove(ReportPath);
    return "cannot write '" + Target + "': " + Reason;
  }
  File.reset();
  if (!ReportPath.empty())
    if (std::error_code Renamed =
            llvm::sys::fs::rename(ReportPath, *Options.Output)) {
      llvm::sys::fs::remove(ReportPath);
      return "cannot write '" + Target + "': " + Renamed.message();
    }
  return std::nullopt;
}

int Analysis::summarize(std::chrono::steady_clock::time_point Start) {
  std::map<std::string, unsigned> PerCheck;
  bool Counted = false;
  for (const Finding &F : All) {
    if (F.isCompileError() || F.IsRemark)
      continue;
    ++PerCheck[F.Check];
    // With --warnings-as-errors only the findings it turns into errors
    // fail the run; without it, every finding does.
    Counted |= !Cmd.WarningsAsErrors || F.IsError;
  }
  unsigned Findings = 0;
  std::string PerCheckText;
  for (const auto &[Check, Count] : PerCheck) {
    Findings += Count;
    PerCheckText += (PerCheckText.empty() ? "" : ", ") + Check + ": " +
                    std::to_string(Count);
  }
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  size_t Analysed = Counts.Selected - Counts.NotAnalysed;
  llvm::errs() << "corolint: " << Analysed << " file"
               << (Analysed == 1 ? "" : "s") << " analysed"
               << (Cache ? " (" + std::to_string(Counts.FromCache) +
                               " from the cache)"
                         : std::string())
               << ", "
               << (Counts.NotAnalysed
                       ? std::to_string(Counts.NotAnalysed) + " not analysed, "
                       : std::string())
               << Counts.FailedFiles << " failed to compile, " << Findings
               << " finding" << (Findings == 1 ? "" : "s")
               << (PerCheckText.empty() ? "" : " (" + PerCheckText + ")")
               << (BaselineWritten ? " recorded in baseline '" +
                                         *Options.WriteBaseline + "'"
                                   : std::string())
               << llvm::format(", %.1f s\n", Seconds);

  if (Counts.FixesRefused)
    return ExitUsageError;
  // A file that was not analysed fails the run even when compile errors
  // are allowed: it was not found clean.
  if (Counts.NotAnalysed || (Counts.FailedFiles && !Options.AllowCompileErrors))
    return ExitCompileErrors;
  return Counted && !BaselineWritten ? ExitFindings : ExitClean;
}

} // namespace corolint
