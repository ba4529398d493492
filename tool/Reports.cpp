//===--- Reports.cpp - corolint output formats ----------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Reports.h"
#include "CoroTidyModule.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

namespace corolint {

namespace {

/// \p Text as a JSON string holds it: a fix-it or a source line from a file
/// that is not UTF-8 shows U+FFFD for each byte it cannot hold (--fix
/// itself writes the very bytes).
std::string asJSONText(llvm::StringRef Text) {
  return llvm::json::isUTF8(Text) ? Text.str() : llvm::json::fixUTF8(Text);
}

llvm::json::Array jsonFixes(const std::vector<Edit> &Edits,
                            const SourceFiles &Sources) {
  llvm::json::Array Fixes;
  for (const Edit &E : Edits)
    Fixes.push_back(
        llvm::json::Object{{"file", Sources.displayPath(E.Begin.File)},
                           {"line", E.Begin.Line},
                           {"column", E.Begin.Column},
                           {"endLine", E.End.Line},
                           {"endColumn", E.End.Column},
                           {"text", asJSONText(E.Text)}});
  return Fixes;
}

/// A path as a URI reference (RFC 3986): every byte but the unreserved ones
/// and `/` is percent-encoded, so `a#b.cpp`, spaces, `[1]` and file names
/// that are not UTF-8 survive.
std::string percentEncodePath(llvm::StringRef Path) {
  std::string Encoded;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' ||
        C == '/') {
      Encoded += static_cast<char>(C);
      continue;
    }
    Encoded += '%';
    Encoded += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
    Encoded += llvm::hexdigit(C & 15, /*LowerCase=*/false);
  }
  return Encoded;
}

/// A SARIF artifact location: relative to %SRCROOT% inside the source root.
llvm::json::Object artifactLocation(llvm::StringRef File,
                                    const SourceFiles &Sources) {
  std::string Display = Sources.displayPath(File);
  if (!llvm::sys::path::is_absolute(Display))
    return llvm::json::Object{{"uri", percentEncodePath(Display)},
                              {"uriBaseId", "%SRCROOT%"}};
  return llvm::json::Object{{"uri", "file://" + percentEncodePath(Display)}};
}

llvm::json::Object physicalLocation(const Place &Where,
                                    const SourceFiles &Sources) {
  const Location &Begin = Where.Begin;
  const Location &End = Where.End;
  llvm::json::Object Region{{"startLine", std::max(1u, Begin.Line)},
                            {"startColumn", std::max(1u, Begin.Utf16Column)},
                            {"endLine", std::max(1u, End.Line)},
                            {"endColumn", std::max(1u, End.Utf16Column)}};
  if (!Where.LineText.empty())
    Region["snippet"] =
        llvm::json::Object{{"text", asJSONText(Where.LineText)}};
  return llvm::json::Object{
      {"artifactLocation", artifactLocation(Begin.File, Sources)},
      {"region", std::move(Region)}};
}

llvm::json::Array sarifFixes(const Finding &F, const SourceFiles &Sources) {
  llvm::json::Array Fixes;
  auto AddFix = [&](const std::vector<Edit> &Edits, const std::string &Why) {
    if (Edits.empty())
      return;
    llvm::json::Array Changes;
    for (const Edit &E : Edits)
      Changes.push_back(llvm::json::Object{
          {"artifactLocation", artifactLocation(E.Begin.File, Sources)},
          {"replacements",
           llvm::json::Array{llvm::json::Object{
               {"deletedRegion",
                llvm::json::Object{{"startLine", E.Begin.Line},
                                   {"startColumn", E.Begin.Utf16Column},
                                   {"endLine", E.End.Line},
                                   {"endColumn", E.End.Utf16Column}}},
               {"insertedContent",
                llvm::json::Object{{"text", asJSONText(E.Text)}}}}}}});
    Fixes.push_back(
        llvm::json::Object{{"description", llvm::json::Object{{"text", Why}}},
                           {"artifactChanges", std::move(Changes)}});
  };
  AddFix(F.Fixes, "Apply corolint's fix for " + F.Check);
  for (const Note &N : F.Notes)
    AddFix(N.Fixes, N.Message);
  return Fixes;
}

std::string ruleName(llvm::StringRef Check) {
  // SARIF wants an identifier-like name: CoroDiscardedTask.
  std::string Name;
  bool Upper = true;
  for (char C : Check) {
    if (C == '-') {
      Upper = true;
      continue;
    }
    Name += Upper ? llvm::toUpper(C) : C;
    Upper = false;
  }
  return Name;
}

/// The doc page of a corolint check (docs/checks/NAME.md, embedded at
/// build time); empty for other checks.
llvm::StringRef checkPage(llvm::StringRef Check) {
  static const std::pair<const char *, const char *> Pages[] = {
#include "CheckDocs.inc"
  };
  for (const auto &[Name, Page] : Pages)
    if (Check == Name)
      return Page;
  return "";
}

/// The severity a report gives \p F: its check's (see Finding::Severity),
/// `blocker` for a compile error, `info` for a remark asked for (--explain),
/// `major` for other clang-tidy checks.
llvm::StringRef severityOf(const Finding &F) {
  if (F.isCompileError())
    return "blocker";
  if (F.IsRemark)
    return "info";
  return F.Severity.empty() ? "major" : llvm::StringRef(F.Severity);
}

/// SARIF's level for a severity: what GitHub sorts alerts by.
llvm::StringRef sarifLevel(llvm::StringRef Severity) {
  if (Severity == "critical" || Severity == "blocker")
    return "error";
  return Severity == "info" ? "note" : "warning";
}

/// A coro check's default severity, or none for other checks.
std::optional<clang::tidy::coro::Severity>
defaultSeverity(llvm::StringRef Check) {
  for (const auto &Summary : clang::tidy::coro::CheckSummaries)
    if (Check == Summary.Name)
      return Summary.DefaultSeverity;
  return std::nullopt;
}

} // namespace

std::string checkSummary(llvm::StringRef Check) {
  for (const auto &Summary : clang::tidy::coro::CheckSummaries)
    if (Check == Summary.Name)
      return Summary.Summary;
  if (Check.starts_with("clang-diagnostic-"))
    return "A compiler diagnostic.";
  return "A clang-tidy check.";
}

std::string checkHelpUri(llvm::StringRef HelpUriBase, llvm::StringRef Check) {
  if (!Check.starts_with("coro-"))
    return "";
  return (HelpUriBase + Check + ".md").str();
}

void writeText(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               bool Colors) {
  for (const Finding &F : Findings)
    OS << (Colors ? F.ColorText : F.plainText());
}

void writeJson(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const SourceFiles &Sources) {
  llvm::json::Array List;
  for (const Finding &F : Findings) {
    llvm::json::Array Notes;
    for (const Note &N : F.Notes)
      Notes.push_back(
          llvm::json::Object{{"file", Sources.displayPath(N.Where.Begin.File)},
                             {"line", N.Where.Begin.Line},
                             {"column", N.Where.Begin.Column},
                             {"message", N.Message},
                             {"fixes", jsonFixes(N.Fixes, Sources)}});
    List.push_back(llvm::json::Object{
        {"file", Sources.displayPath(F.loc().File)},
        {"line", F.loc().Line},
        {"column", F.loc().Column},
        {"check", F.Check},
        {"level", F.IsError    ? "error"
                  : F.IsRemark ? "remark"
                               : "warning"},
        {"severity", severityOf(F)},
        {"message", F.Message},
        {"notes", std::move(Notes)},
        {"fixes", jsonFixes(F.Fixes, Sources)},
        {"fingerprint", F.Fingerprint + ":" + std::to_string(F.Occurrence)}});
  }
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(List))) << "\n";
}

void writeCodeClimate(llvm::raw_ostream &OS,
                      const std::vector<Finding> &Findings,
                      const SourceFiles &Sources) {
  llvm::json::Array Issues;
  for (const Finding &F : Findings) {
    // GitLab shows issues at a place in a file: none for remarks or the
    // configuration warnings that have no location.
    if (F.IsRemark || F.loc().File.empty())
      continue;
    // GitLab: info, minor, major, critical or blocker.
    llvm::StringRef Severity = severityOf(F);
    Issues.push_back(llvm::json::Object{
        {"type", "issue"},
        {"description", F.Message},
        {"check_name", F.Check},
        {"categories", llvm::json::Array{"Bug Risk"}},
        // Unique per finding, stable across unrelated line shifts.
        {"fingerprint", F.Fingerprint + ":" + std::to_string(F.Occurrence)},
        {"severity", Severity},
        {"location",
         llvm::json::Object{
             {"path", Sources.displayPath(F.loc().File)},
             {"lines",
              llvm::json::Object{{"begin", std::max(1u, F.loc().Line)}}}}}});
  }
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Issues))) << "\n";
}

void writeSarif(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
                const SourceFiles &Sources, const SarifTool &Tool) {
  // Rules: every corolint check, then any other check that reported.
  std::vector<std::string> RuleIds;
  for (const auto &Summary : clang::tidy::coro::CheckSummaries)
    RuleIds.push_back(Summary.Name);
  for (const Finding &F : Findings)
    if (!llvm::is_contained(RuleIds, F.Check))
      RuleIds.push_back(F.Check);
  llvm::json::Array Rules;
  for (const std::string &Id : RuleIds) {
    llvm::json::Object Rule{
        {"id", Id},
        {"name", ruleName(Id)},
        {"shortDescription", llvm::json::Object{{"text", checkSummary(Id)}}},
        {"fullDescription", llvm::json::Object{{"text", checkSummary(Id)}}},
        {"defaultConfiguration",
         llvm::json::Object{
             {"level", sarifLevel(clang::tidy::coro::severityName(
                           defaultSeverity(Id).value_or(
                               clang::tidy::coro::Severity::Major)))}}}};
    // A use after free: GitHub ranks it among security alerts (high).
    if (defaultSeverity(Id) == clang::tidy::coro::Severity::Critical)
      Rule["properties"] = llvm::json::Object{
          {"security-severity", "8.0"},
          {"tags", llvm::json::Array{"security", "correctness"}}};
    std::string Help = checkSummary(Id);
    if (std::string Doc = checkHelpUri(Tool.HelpUriBase, Id); !Doc.empty()) {
      Rule["helpUri"] = Doc;
      Help += " What it flags, what it does not, its options and fixes: " + Doc;
    }
    // The check's whole page, as GitHub shows a rule's help.
    llvm::StringRef Page = checkPage(Id);
    Rule["help"] = llvm::json::Object{
        {"text", Help}, {"markdown", Page.empty() ? Help : Page.str()}};
    Rules.push_back(std::move(Rule));
  }
  llvm::json::Array Results;
  for (const Finding &F : Findings) {
    auto RuleIndex =
        std::find(RuleIds.begin(), RuleIds.end(), F.Check) - RuleIds.begin();
    llvm::json::Array Related;
    for (const Note &N : F.Notes) {
      llvm::json::Object Location{
          {"id", static_cast<int64_t>(Related.size())},
          {"message", llvm::json::Object{{"text", N.Message}}}};
      if (!N.Where.Begin.File.empty())
        Location["physicalLocation"] = physicalLocation(N.Where, Sources);
      Related.push_back(std::move(Location));
    }
    // GitHub shows only the related locations that the message links to:
    // link each note (`[text](id)`, brackets escaped).
    std::string Message = F.Message;
    for (size_t I = 0; I < F.Notes.size(); ++I) {
      if (F.Notes[I].Where.Begin.File.empty())
        continue;
      std::string Text;
      for (char C : F.Notes[I].Message) {
        if (C == '[' || C == ']' || C == '\\')
          Text += '\\';
        Text += C;
      }
      Message += (I == 0 ? "\n" : "; ") +
                 ("[" + Text + "](" + std::to_string(I) + ")");
    }
    llvm::json::Object Result{
        {"ruleId", F.Check},
        {"ruleIndex", static_cast<int64_t>(RuleIndex)},
        {"level", F.IsError    ? "error"
                  : F.IsRemark ? "note"
                               : sarifLevel(severityOf(F))},
        {"message", llvm::json::Object{{"text", Message}}},
        {"partialFingerprints",
         llvm::json::Object{
             {"corolintFingerprint/v" + std::to_string(FingerprintVersion),
              F.Fingerprint + ":" + std::to_string(F.Occurrence)}}}};
    if (!F.loc().File.empty())
      Result["locations"] = llvm::json::Array{llvm::json::Object{
          {"physicalLocation", physicalLocation(F.Where, Sources)}}};
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    llvm::json::Array Fixes = sarifFixes(F, Sources);
    if (!Fixes.empty())
      Result["fixes"] = std::move(Fixes);
    Results.push_back(std::move(Result));
  }
  std::string RootUri = "file://" + percentEncodePath(Sources.root());
  if (!llvm::StringRef(RootUri).ends_with("/"))
    RootUri += "/";
  llvm::json::Value Log = llvm::json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       llvm::json::Array{llvm::json::Object{
           {"tool",
            llvm::json::Object{
                {"driver", llvm::json::Object{{"name", "corolint"},
                                              {"version", Tool.Version},
                                              {"semanticVersion", Tool.Version},
                                              {"informationUri",
                                               Tool.HelpUriBase + "README.md"},
                                              {"rules", std::move(Rules)}}}}},
           {"originalUriBaseIds",
            llvm::json::Object{
                {"%SRCROOT%", llvm::json::Object{{"uri", RootUri}}}}},
           {"columnKind", "utf16CodeUnits"},
           {"results", std::move(Results)}}}}};
  OS << llvm::formatv("{0:2}", Log) << "\n";
}

//===----------------------------------------------------------------------===//
// merge-sarif
//===----------------------------------------------------------------------===//

namespace {

int mergeError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "corolint") << Message << "\n";
  return 2;
}

} // namespace

int mergeSarif(llvm::ArrayRef<const char *> Args) {
  if (Args.size() < 2)
    return mergeError("usage: corolint merge-sarif OUT IN...");
  llvm::StringRef Out = Args[0];
  std::optional<llvm::json::Object> Merged;
  llvm::json::Array Rules;
  llvm::StringSet<> RuleIds;
  llvm::json::Array Results;
  llvm::StringSet<> SeenResults;
  for (llvm::StringRef In : Args.drop_front()) {
    auto Buffer = llvm::MemoryBuffer::getFile(In);
    if (!Buffer)
      return mergeError("cannot read '" + In +
                        "': " + Buffer.getError().message());
    llvm::Expected<llvm::json::Value> Parsed =
        llvm::json::parse((*Buffer)->getBuffer());
    if (!Parsed)
      return mergeError("'" + In + "' is not valid JSON: " +
                        llvm::toString(Parsed.takeError()));
    llvm::json::Object *Log = Parsed->getAsObject();
    llvm::json::Array *Runs = Log ? Log->getArray("runs") : nullptr;
    if (!Runs || Runs->empty() || !(*Runs)[0].getAsObject())
      return mergeError("'" + In + "' is not a SARIF log with a run");
    for (llvm::json::Value &RunValue : *Runs) {
      llvm::json::Object *Run = RunValue.getAsObject();
      if (!Run)
        continue;
      llvm::json::Object *Tool = Run->getObject("tool");
      llvm::json::Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
      llvm::json::Array *RunRules =
          Driver ? Driver->getArray("rules") : nullptr;
      std::vector<std::string> LocalIds;
      if (RunRules)
        for (llvm::json::Value &Rule : *RunRules) {
          std::string Id =
              Rule.getAsObject()
                  ? Rule.getAsObject()->getString("id").value_or("").str()
                  : "";
          LocalIds.push_back(Id);
          if (RuleIds.insert(Id).second)
            Rules.push_back(Rule);
        }
      if (llvm::json::Array *RunResults = Run->getArray("results"))
        for (llvm::json::Value &Result : *RunResults) {
          llvm::json::Object *Object = Result.getAsObject();
          if (!Object)
            continue;
          std::string Key;
          llvm::raw_string_ostream(Key) << Result;
          if (!SeenResults.insert(Key).second)
            continue; // the same result in two inputs
          Results.push_back(Result);
        }
      if (!Merged)
        Merged = *Run;
    }
  }
  // Rule indexes point into the merged rule list.
  std::vector<std::string> MergedIds;
  for (const llvm::json::Value &Rule : Rules)
    MergedIds.push_back(Rule.getAsObject()->getString("id").value_or("").str());
  for (llvm::json::Value &Result : Results) {
    llvm::json::Object &Object = *Result.getAsObject();
    std::string Id = Object.getString("ruleId").value_or("").str();
    auto Index = std::find(MergedIds.begin(), MergedIds.end(), Id);
    if (Index != MergedIds.end())
      Object["ruleIndex"] = static_cast<int64_t>(Index - MergedIds.begin());
    else
      Object.erase("ruleIndex");
  }
  llvm::json::Object Run = std::move(*Merged);
  if (llvm::json::Object *Tool = Run.getObject("tool"))
    if (llvm::json::Object *Driver = Tool->getObject("driver"))
      (*Driver)["rules"] = std::move(Rules);
  Run["results"] = std::move(Results);
  llvm::json::Value Log = llvm::json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", llvm::json::Array{std::move(Run)}}};
  std::error_code EC;
  llvm::raw_fd_ostream OS(Out, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return mergeError("cannot write '" + Out + "': " + EC.message());
  OS << llvm::formatv("{0:2}", Log) << "\n";
  return 0;
}

} // namespace corolint
