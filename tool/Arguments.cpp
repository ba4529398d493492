//===--- Arguments.cpp - corolint's command line --------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Arguments.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include <set>

namespace corolint {

namespace cl = llvm::cl;

namespace {

cl::OptionCategory CorolintCategory("corolint options");

cl::opt<std::string> Jobs("j", cl::Prefix, cl::value_desc("N"),
                          cl::desc("Analyse N files at once (default: one "
                                   "per core)"),
                          cl::cat(CorolintCategory));
cl::alias JobsAlias("jobs", cl::desc("Alias for -j"), cl::aliasopt(Jobs),
                    cl::NotHidden);
cl::opt<std::string>
    Format("format", cl::value_desc("text|sarif|json|codeclimate|html"),
           cl::desc("The report's format (default text); codeclimate is "
                    "GitLab's Code Quality report, html one page to open "
                    "in a browser"),
           cl::cat(CorolintCategory));
cl::opt<std::string> Output("output", cl::value_desc("file"),
                            cl::desc("Write the report to a file"),
                            cl::cat(CorolintCategory));
cl::alias OutputAlias("o", cl::desc("Alias for --output"), cl::aliasopt(Output),
                      cl::NotHidden);
cl::opt<std::string>
    Shard("shard", cl::value_desc("K/N"),
          cl::desc("Analyse only the K-th of N stable parts of the files (for "
                   "a CI matrix)"),
          cl::cat(CorolintCategory));
cl::list<std::string>
    Exclude("exclude", cl::value_desc("regex"),
            cl::desc("Leave out the files matching the regex (repeatable)"),
            cl::cat(CorolintCategory));
cl::opt<std::string>
    Baseline("baseline", cl::value_desc("file"),
             cl::desc("Report only the findings not in the baseline"),
             cl::cat(CorolintCategory));
cl::opt<bool> AllowMissingBaseline(
    "allow-missing-baseline",
    cl::desc("A --baseline file that does not exist yet accepts nothing (a "
             "first run) instead of being an error"),
    cl::cat(CorolintCategory));
cl::opt<std::string> WriteBaseline(
    "write-baseline", cl::value_desc("file"),
    cl::desc("Record the current findings as the baseline; they are reported "
             "but do not fail the run"),
    cl::cat(CorolintCategory));
cl::opt<std::string> ProgramFacts(
    "program-facts", cl::value_desc("file"),
    cl::desc("Keep what the files' functions block on (for findings across "
             "files) between runs"),
    cl::cat(CorolintCategory));
cl::opt<std::string> ProjectRoot(
    "project-root", cl::value_desc("dir"),
    cl::desc("Report paths (and fingerprints) relative to this folder "
             "(default: the git work tree, else the current folder)"),
    cl::cat(CorolintCategory));
cl::opt<std::string>
    HelpUriBase("help-uri-base", cl::value_desc("uri"),
                cl::desc("Where SARIF rules link to the check docs"),
                cl::cat(CorolintCategory));
cl::opt<std::string>
    Diff("diff", cl::value_desc("rev|-"),
         cl::desc("Analyse only the files a diff (git diff <rev>, or a "
                  "unified diff on stdin) touches or whose headers it "
                  "touches; report changed lines only"),
         cl::cat(CorolintCategory));
cl::opt<std::string> CacheDir(
    "cache-dir", cl::value_desc("dir"),
    cl::desc("Keep each file's result, reused while nothing it reads changes "
             "(also COROLINT_CACHE_DIR)"),
    cl::cat(CorolintCategory));
cl::opt<std::string> CacheSize(
    "cache-size", cl::value_desc("size"),
    cl::desc("The cache's size limit: megabytes, or 64K, 2G (default 1024); "
             "the least recently used go first"),
    cl::cat(CorolintCategory));
cl::opt<std::string>
    Timeout("timeout", cl::value_desc("seconds"),
            cl::desc("A file still being analysed after this long is stopped "
                     "and reported not analysed (exit 3)"),
            cl::cat(CorolintCategory));
cl::opt<std::string> Explain(
    "explain", cl::value_desc("regex"),
    cl::desc("Say why each task type matching the regex (by qualified name) "
             "is, or is not, a lazy task"),
    cl::cat(CorolintCategory));
cl::opt<bool> Progress("progress",
                       cl::desc("A progress line even when stderr is no "
                                "terminal"),
                       cl::cat(CorolintCategory));
cl::opt<bool> AllowEmpty("allow-empty",
                         cl::desc("Selecting no file is a note, not an error"),
                         cl::cat(CorolintCategory));
cl::opt<bool> AllowCompileErrors(
    "allow-compile-errors",
    cl::desc("Files that fail to compile do not fail the run"),
    cl::cat(CorolintCategory));

cl::extrahelp CorolintHelp(R"(
corolint finds C++20 coroutine pitfalls: it is clang-tidy's driver with the
coro-* checks built in (default --checks=-*,coro-*), and runs over a codebase:

  -p <build dir> with no files  analyse every file of its compile_commands.json
  <dir> or '<glob>' as a file   analyse the files of compile_commands.json below
                                the folder or matching the pattern
  corolint merge-sarif OUT IN...  merge SARIF files (e.g. from shards) into one

Exit codes: 0 no findings; 1 findings; 2 usage, configuration or input error;
3 some files failed to compile (unless --allow-compile-errors) or were not
analysed; 130 interrupted; 141 its output pipe was closed.
)");

/// Every option of corolint's, with the names it may be written with.
struct OwnOption {
  cl::Option *Option;
  std::vector<llvm::StringRef> Names;
};

std::vector<OwnOption> ownOptions() {
  std::vector<OwnOption> Own;
  auto Add = [&](cl::Option &Option,
                 std::initializer_list<llvm::StringRef> Names) {
    Own.push_back({&Option, std::vector<llvm::StringRef>(Names)});
  };
  Add(Jobs, {"j", "jobs"});
  Add(Format, {"format"});
  Add(Output, {"output", "o"});
  Add(Shard, {"shard"});
  Add(Exclude, {"exclude"});
  Add(Baseline, {"baseline"});
  Add(AllowMissingBaseline, {"allow-missing-baseline"});
  Add(WriteBaseline, {"write-baseline"});
  Add(ProgramFacts, {"program-facts"});
  Add(ProjectRoot, {"project-root"});
  Add(HelpUriBase, {"help-uri-base"});
  Add(Diff, {"diff"});
  Add(CacheDir, {"cache-dir"});
  Add(CacheSize, {"cache-size"});
  Add(Timeout, {"timeout"});
  Add(Explain, {"explain"});
  Add(Progress, {"progress"});
  Add(AllowEmpty, {"allow-empty"});
  Add(AllowCompileErrors, {"allow-compile-errors"});
  return Own;
}

/// clang-tidy's own category (its options' one), where corolint's options
/// are listed too.
cl::OptionCategory &tidyCategory() {
  cl::Option *Checks = cl::getRegisteredOptions().lookup("checks");
  if (!Checks || Checks->Categories.empty())
    return CorolintCategory;
  return *Checks->Categories.front();
}

/// A clang-tidy option as its driver registered it, or null.
template <typename OptionType> OptionType *registered(llvm::StringRef Name) {
  auto &Registered = cl::getRegisteredOptions();
  auto Found = Registered.find(Name);
  return Found == Registered.end() ? nullptr
                                   : dynamic_cast<OptionType *>(Found->second);
}

std::optional<std::string> givenText(llvm::StringRef Name) {
  auto *Option = registered<cl::opt<std::string>>(Name);
  if (!Option || Option->getNumOccurrences() == 0)
    return std::nullopt;
  return Option->getValue();
}

bool givenFlag(llvm::StringRef Name) {
  auto *Option = registered<cl::opt<bool>>(Name);
  return Option && Option->getNumOccurrences() > 0 && Option->getValue();
}

/// The argument positions an option's occurrences took: its own, and the
/// one before when its value came as the next argument (`-o FILE`); llvm::cl
/// records the position of an occurrence's last argument.
void addPositions(const OwnOption &Own, unsigned Position,
                  llvm::ArrayRef<const char *> Args, std::set<size_t> &Taken) {
  Taken.insert(Position);
  llvm::StringRef Arg = Args[Position];
  llvm::StringRef Name = Arg.ltrim('-').split('=').first;
  bool IsOptionItself =
      Arg.starts_with("-") &&
      llvm::any_of(Own.Names, [&](llvm::StringRef Known) {
        // -j is a prefix option: -j4.
        return Name == Known || (Known == "j" && Name.starts_with("j"));
      });
  if (!IsOptionItself && Position > 0)
    Taken.insert(Position - 1);
}

void addPositions(const OwnOption &Own, llvm::ArrayRef<const char *> Args,
                  std::set<size_t> &Taken) {
  if (auto *List = dynamic_cast<cl::list<std::string> *>(Own.Option)) {
    for (size_t I = 0; I < List->size(); ++I)
      addPositions(Own, List->getPosition(I), Args, Taken);
    return;
  }
  if (Own.Option->getNumOccurrences() > 0)
    addPositions(Own, Own.Option->getPosition(), Args, Taken);
}

/// The positions of the files in the arguments (clang-tidy's positional
/// list, which CommonOptionsParser registers).
std::vector<unsigned> sourcePositions() {
  for (cl::Option *Positional : cl::SubCommand::getTopLevel().PositionalOpts)
    if (auto *Sources = dynamic_cast<cl::list<std::string> *>(Positional)) {
      std::vector<unsigned> Positions;
      for (size_t I = 0; I < Sources->size(); ++I)
        Positions.push_back(Sources->getPosition(I));
      return Positions;
    }
  return {};
}

std::optional<std::pair<unsigned, unsigned>> parseShard(llvm::StringRef Spec) {
  auto [K, N] = Spec.split('/');
  unsigned Index = 0, Count = 0;
  if (K.getAsInteger(10, Index) || N.getAsInteger(10, Count) || Count == 0 ||
      Index == 0 || Index > Count)
    return std::nullopt;
  return std::make_pair(Index, Count);
}

/// A size in megabytes, or with a unit: 64K, 512M, 2G.
std::optional<uint64_t> parseSize(llvm::StringRef Size) {
  unsigned Shift = 20;
  if (Size.consume_back("K"))
    Shift = 10;
  else if (Size.consume_back("G"))
    Shift = 30;
  else
    Size.consume_back("M");
  uint64_t Count = 0;
  if (Size.getAsInteger(10, Count) || Count == 0 || Count > (1ULL << 33))
    return std::nullopt;
  return Count << Shift;
}

/// Checks the values of corolint's options and keeps them in \p Options.
std::optional<std::string> takeOwnOptions(RunOptions &Options) {
  if (Jobs.getNumOccurrences() &&
      (llvm::StringRef(Jobs).getAsInteger(10, Options.Jobs) ||
       Options.Jobs == 0))
    return "-j takes a number of jobs of at least 1, not '" + Jobs + "'";
  if (Format.getNumOccurrences()) {
    if (Format == "text")
      Options.OutputFormat = RunOptions::Format::Text;
    else if (Format == "sarif")
      Options.OutputFormat = RunOptions::Format::Sarif;
    else if (Format == "json")
      Options.OutputFormat = RunOptions::Format::Json;
    else if (Format == "codeclimate")
      Options.OutputFormat = RunOptions::Format::CodeClimate;
    else if (Format == "html")
      Options.OutputFormat = RunOptions::Format::Html;
    else
      return "--format takes text, sarif, json, codeclimate or html, not '" +
             Format + "'";
  }
  if (Output.getNumOccurrences()) {
    if (Output.empty())
      return std::string("--output needs a file name");
    Options.Output = Output;
  }
  if (Shard.getNumOccurrences() && !(Options.Shard = parseShard(Shard)))
    return "malformed shard '" + Shard +
           "': expected K/N with 1 <= K <= N, e.g. --shard=2/4";
  for (const std::string &Pattern : Exclude) {
    std::string Error;
    if (!llvm::Regex(Pattern).isValid(Error))
      return "invalid --exclude regex '" + Pattern + "': " + Error;
    Options.Excludes.push_back(Pattern);
  }
  if (Baseline.getNumOccurrences())
    Options.Baseline = Baseline;
  Options.AllowMissingBaseline = AllowMissingBaseline;
  if (WriteBaseline.getNumOccurrences())
    Options.WriteBaseline = WriteBaseline;
  if (ProgramFacts.getNumOccurrences()) {
    if (ProgramFacts.empty())
      return std::string("--program-facts needs a file name");
    Options.ProgramFacts = ProgramFacts;
  }
  if (ProjectRoot.getNumOccurrences()) {
    if (!llvm::sys::fs::is_directory(ProjectRoot))
      return "--project-root takes an existing folder, not '" + ProjectRoot +
             "'";
    Options.ProjectRoot = ProjectRoot;
  }
  if (HelpUriBase.getNumOccurrences()) {
    Options.HelpUriBase = HelpUriBase;
    if (!llvm::StringRef(*Options.HelpUriBase).ends_with("/"))
      *Options.HelpUriBase += "/";
  }
  if (Diff.getNumOccurrences()) {
    if (Diff.empty())
      return std::string("--diff takes a git revision, or '-' to read a "
                         "unified diff from stdin");
    // git would take it as one of its own options (`--output=FILE`).
    if (Diff != "-" && Diff.front() == '-')
      return "--diff takes a revision, not an option: '" + Diff + "'";
    Options.Diff = Diff;
  }
  if (CacheDir.getNumOccurrences()) {
    if (CacheDir.empty())
      return std::string("--cache-dir needs a folder");
    Options.CacheDir = CacheDir;
  }
  if (Timeout.getNumOccurrences() &&
      (llvm::StringRef(Timeout).getAsInteger(10, Options.TimeoutSeconds) ||
       Options.TimeoutSeconds > 7 * 24 * 3600))
    return "--timeout takes a number of seconds (0: no limit), not '" +
           Timeout + "'";
  if (CacheSize.getNumOccurrences()) {
    std::optional<uint64_t> Bytes = parseSize(CacheSize);
    if (!Bytes)
      return "--cache-size takes a size such as 512 (megabytes), 64K or 2G, "
             "not '" +
             CacheSize + "'";
    Options.CacheBytes = *Bytes;
  }
  if (Explain.getNumOccurrences()) {
    std::string Error;
    if (Explain.empty() || !llvm::Regex(Explain).isValid(Error))
      return "--explain takes a regular expression matching task type "
             "names, not '" +
             Explain + "'" + (Error.empty() ? "" : ": " + Error);
    Options.Explain = Explain;
  }
  Options.Progress = Progress;
  Options.AllowEmpty = AllowEmpty;
  Options.AllowCompileErrors = AllowCompileErrors;
  return std::nullopt;
}

/// What the run needs of clang-tidy's parsed options.
CommandLine takeTidyOptions() {
  CommandLine Cmd;
  Cmd.BuildPath = givenText("p");
  Cmd.Checks = givenText("checks");
  Cmd.Config = givenText("config");
  Cmd.ConfigFile = givenText("config-file");
  Cmd.FormatStyle = givenText("format-style");
  Cmd.FixNotes = givenFlag("fix-notes");
  Cmd.FixErrors = givenFlag("fix-errors");
  Cmd.Fixing = givenFlag("fix") || Cmd.FixNotes || Cmd.FixErrors;
  if (auto *Color = registered<cl::opt<bool>>("use-color");
      Color && Color->getNumOccurrences() > 0)
    Cmd.UseColor = Color->getValue();
  Cmd.WarningsAsErrors = givenText("warnings-as-errors").value_or("") != "";
  Cmd.LineFilter = givenText("line-filter");
  Cmd.HeaderFilterGiven = givenText("header-filter").has_value();
  Cmd.NeedsNoSources = llvm::any_of(
      std::initializer_list<llvm::StringRef>{
          "list-checks", "dump-config", "verify-config", "explain-config",
          "print-options", "print-all-options"},
      givenFlag);
  return Cmd;
}

/// Parses \p Args with clang-tidy's parser (every registered option,
/// corolint's included) and fills \p Cmd; the error is one line.
std::optional<std::string> parseAll(llvm::ArrayRef<const char *> Args,
                                    CommandLine &Cmd, size_t &End) {
  End =
      llvm::find_if(
          Args, [](const char *Arg) { return llvm::StringRef(Arg) == "--"; }) -
      Args.begin();
  // The compiler flags after `--` are no options; with `--` ending them,
  // CommonOptionsParser looks for no compilation database (the preflight
  // does, with clear errors).
  std::vector<const char *> Argv(Args.begin(), Args.begin() + End);
  Argv.push_back("--");
  int Argc = static_cast<int>(Argv.size());
  llvm::Expected<clang::tooling::CommonOptionsParser> Parsed =
      clang::tooling::CommonOptionsParser::create(
          Argc, Argv.data(), tidyCategory(), cl::ZeroOrMore);
  if (!Parsed) {
    std::string Full = llvm::toString(Parsed.takeError());
    llvm::StringRef Message = llvm::StringRef(Full).split('\n').first.trim();
    Message.consume_front(llvm::sys::path::filename(Args.front()));
    Message.consume_front(": ");
    std::string Text = Message.str();
    if (!Text.empty())
      Text[0] = llvm::toLower(Text[0]);
    return Text;
  }
  Cmd = takeTidyOptions();
  Cmd.Sources = Parsed->getSourcePathList();
  Cmd.HasFixedFlags = End < Args.size();
  return std::nullopt;
}

} // namespace

bool asksForHelpOrVersion(llvm::ArrayRef<const char *> Args) {
  for (llvm::StringRef Arg : Args.drop_front()) {
    if (Arg == "--")
      return false;
    llvm::StringRef Name = Arg.ltrim('-');
    if (Arg.starts_with("-") &&
        (Name == "h" || Name == "help" || Name == "help-hidden" ||
         Name == "help-list" || Name == "help-list-hidden" ||
         Name == "version"))
      return true;
  }
  return false;
}

std::optional<std::string> parseArguments(llvm::ArrayRef<const char *> Args,
                                          RunOptions &Options,
                                          CommandLine &Cmd) {
  size_t End = 0;
  if (auto Error = parseAll(Args, Cmd, End))
    return Error;
  if (auto Error = takeOwnOptions(Options))
    return Error;
  Options.ExportFixes = givenText("export-fixes");
  // The workers' arguments: clang-tidy's, without corolint's own options
  // (they would only vary the cache's keys). Clang-tidy's --export-fixes
  // and --fix stay: a worker gives its own export and `--fix=false` after
  // them, and the last occurrence counts.
  std::set<size_t> Taken;
  for (const OwnOption &Own : ownOptions())
    addPositions(Own, Args, Taken);
  std::vector<unsigned> Sources = sourcePositions();
  Options.TidyArgs = {Args.front()};
  for (size_t I = 1; I < End; ++I) {
    if (Taken.count(I))
      continue;
    if (llvm::is_contained(Sources, I))
      Cmd.SourceIndexes.push_back(Options.TidyArgs.size());
    Options.TidyArgs.push_back(Args[I]);
  }
  Cmd.FixedFlagsIndex = Options.TidyArgs.size();
  Options.TidyArgs.insert(Options.TidyArgs.end(), Args.begin() + End,
                          Args.end());
  return std::nullopt;
}

CommandLine parseTidyArguments(llvm::ArrayRef<const char *> TidyArgs) {
  CommandLine Cmd;
  size_t End = 0;
  // The orchestrator parsed these arguments already: no error here.
  if (parseAll(TidyArgs, Cmd, End))
    return Cmd;
  Cmd.FixedFlagsIndex = End;
  return Cmd;
}

void showOptionsInClangTidyHelp() {
  cl::OptionCategory &Tidy = tidyCategory();
  for (const OwnOption &Own : ownOptions())
    Own.Option->Categories.assign(1, &Tidy);
  for (cl::Option *Alias : {static_cast<cl::Option *>(&JobsAlias),
                            static_cast<cl::Option *>(&OutputAlias)})
    Alias->Categories.assign(1, &Tidy);
}

} // namespace corolint
