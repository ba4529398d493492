//===--- Driver.cpp - corolint runs over a codebase -----------------------===//

#include "Driver.h"
#include "Analysis.h"
#include "WorkerProcesses.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

namespace corolint {

namespace {

/// Matches `--name=value`, `-name=value`, `--name value` and `-name value`.
bool takeValue(llvm::ArrayRef<const char *> Args, size_t &I,
               llvm::StringRef Name, std::optional<std::string> &Value) {
  llvm::StringRef Arg = Args[I];
  if (!Arg.starts_with("-"))
    return false;
  llvm::StringRef Bare = Arg.ltrim('-');
  if (Bare == Name) {
    if (I + 1 < Args.size()) {
      Value = Args[++I];
      return true;
    }
    Value = "";
    return true;
  }
  if (Bare.starts_with(Name) && Bare.drop_front(Name.size()).starts_with("=")) {
    Value = Bare.drop_front(Name.size() + 1).str();
    return true;
  }
  return false;
}

bool isFlag(llvm::StringRef Arg, llvm::StringRef Name) {
  return Arg.starts_with("-") && Arg.ltrim('-') == Name;
}

std::optional<std::pair<unsigned, unsigned>> parseShard(llvm::StringRef Spec) {
  auto [K, N] = Spec.split('/');
  unsigned Index = 0, Count = 0;
  if (K.getAsInteger(10, Index) || N.getAsInteger(10, Count) || Count == 0 ||
      Index == 0 || Index > Count)
    return std::nullopt;
  return std::make_pair(Index, Count);
}

} // namespace

std::optional<std::string> splitOptions(llvm::ArrayRef<const char *> Args,
                                        RunOptions &Options) {
  Options.TidyArgs.push_back(Args[0]);
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    if (Arg == "--") {
      Options.TidyArgs.insert(Options.TidyArgs.end(), Args.begin() + I,
                              Args.end());
      break;
    }
    std::optional<std::string> Value;
    if (Arg.starts_with("-j") && Arg.size() > 2 && llvm::isDigit(Arg[2]))
      Value = Arg.drop_front(2).str();
    if (!Value && Arg.starts_with("-j") && Arg.size() > 2 && Arg[2] != '=' &&
        !Arg.starts_with("-jobs"))
      Value = Arg.drop_front(2).str();
    if (Value || takeValue(Args, I, "j", Value) ||
        takeValue(Args, I, "jobs", Value)) {
      if (llvm::StringRef(*Value).getAsInteger(10, Options.Jobs) ||
          Options.Jobs == 0)
        return "-j takes a number of jobs of at least 1, not '" + *Value + "'";
      continue;
    }
    if (takeValue(Args, I, "format", Value)) {
      if (*Value == "text")
        Options.OutputFormat = RunOptions::Format::Text;
      else if (*Value == "sarif")
        Options.OutputFormat = RunOptions::Format::Sarif;
      else if (*Value == "json")
        Options.OutputFormat = RunOptions::Format::Json;
      else if (*Value == "codeclimate")
        Options.OutputFormat = RunOptions::Format::CodeClimate;
      else
        return "--format takes text, sarif, json or codeclimate, not '" +
               *Value + "'";
      continue;
    }
    if (takeValue(Args, I, "output", Value) || takeValue(Args, I, "o", Value)) {
      if (Value->empty())
        return std::string("--output needs a file name");
      Options.Output = Value;
      continue;
    }
    if (takeValue(Args, I, "shard", Value)) {
      Options.Shard = parseShard(*Value);
      if (!Options.Shard)
        return "malformed shard '" + *Value +
               "': expected K/N with 1 <= K <= N, e.g. --shard=2/4";
      continue;
    }
    if (takeValue(Args, I, "exclude", Value)) {
      std::string Error;
      if (!llvm::Regex(*Value).isValid(Error))
        return "invalid --exclude regex '" + *Value + "': " + Error;
      Options.Excludes.push_back(*Value);
      continue;
    }
    if (takeValue(Args, I, "baseline", Value)) {
      Options.Baseline = Value;
      continue;
    }
    if (isFlag(Arg, "allow-missing-baseline")) {
      Options.AllowMissingBaseline = true;
      continue;
    }
    if (takeValue(Args, I, "write-baseline", Value)) {
      Options.WriteBaseline = Value;
      continue;
    }
    if (takeValue(Args, I, "export-fixes", Value)) {
      Options.ExportFixes = Value;
      continue;
    }
    if (takeValue(Args, I, "program-facts", Value)) {
      if (Value->empty())
        return std::string("--program-facts needs a file name");
      Options.ProgramFacts = Value;
      continue;
    }
    if (takeValue(Args, I, "help-uri-base", Value)) {
      Options.HelpUriBase = *Value;
      if (!llvm::StringRef(*Options.HelpUriBase).ends_with("/"))
        *Options.HelpUriBase += "/";
      continue;
    }
    if (takeValue(Args, I, "diff", Value)) {
      if (Value->empty())
        return std::string("--diff takes a git revision, or '-' to read a "
                           "unified diff from stdin");
      // git would take it as one of its own options (`--output=FILE`).
      if (*Value != "-" && Value->front() == '-')
        return "--diff takes a revision, not an option: '" + *Value + "'";
      Options.Diff = Value;
      continue;
    }
    if (takeValue(Args, I, "cache-dir", Value)) {
      if (Value->empty())
        return std::string("--cache-dir needs a folder");
      Options.CacheDir = Value;
      continue;
    }
    if (takeValue(Args, I, "timeout", Value)) {
      if (llvm::StringRef(*Value).getAsInteger(10, Options.TimeoutSeconds) ||
          Options.TimeoutSeconds > 7 * 24 * 3600)
        return "--timeout takes a number of seconds (0: no limit), not '" +
               *Value + "'";
      continue;
    }
    if (takeValue(Args, I, "cache-size", Value)) {
      // Megabytes, or with a unit: 64K, 512M, 2G.
      llvm::StringRef Size = *Value;
      unsigned Shift = 20;
      if (Size.consume_back("K"))
        Shift = 10;
      else if (Size.consume_back("G"))
        Shift = 30;
      else
        Size.consume_back("M");
      uint64_t Count = 0;
      if (Size.getAsInteger(10, Count) || Count == 0 || Count > (1ULL << 33))
        return "--cache-size takes a size such as 512 (megabytes), 64K or "
               "2G, not '" +
               *Value + "'";
      Options.CacheBytes = Count << Shift;
      continue;
    }
    if (takeValue(Args, I, "explain", Value)) {
      std::string Error;
      if (Value->empty() || !llvm::Regex(*Value).isValid(Error))
        return "--explain takes a regular expression matching task type "
               "names, not '" +
               *Value + "'" + (Error.empty() ? "" : ": " + Error);
      Options.Explain = Value;
      continue;
    }
    if (isFlag(Arg, "progress")) {
      Options.Progress = true;
      continue;
    }
    if (isFlag(Arg, "allow-empty")) {
      Options.AllowEmpty = true;
      continue;
    }
    if (isFlag(Arg, "allow-compile-errors")) {
      Options.AllowCompileErrors = true;
      continue;
    }
    Options.TidyArgs.push_back(Args[I]);
  }
  return std::nullopt;
}

void printDriverHelp() {
  llvm::outs()
      << R"(corolint: finds C++20 coroutine pitfalls. It is clang-tidy's driver with the
coro-* checks built in (default --checks=-*,coro-*); clang-tidy's options
follow below. corolint adds:

  -p <build dir> with no files  analyse every file of its compile_commands.json
  <dir> or '<glob>' as a file   analyse the files of compile_commands.json below
                                the folder or matching the pattern
  --exclude=<regex>             leave out matching files (repeatable)
  -j <N>, --jobs=<N>            analyse N files at once (default: one per core)
  --shard=<K>/<N>               analyse only the K-th of N stable parts of the
                                files (for a CI matrix)
  --format=text|sarif|json|codeclimate
                                the report's format (default text);
                                codeclimate is GitLab's Code Quality report
  --output=<file>, -o <file>    write the report to a file
  --help-uri-base=<uri>         where SARIF rules link to the check docs
  --diff=<rev>, --diff=-        analyse only the files a diff (git diff <rev>,
                                or a unified diff on stdin) touches or whose
                                headers it touches; report changed lines only
  --cache-dir=<dir>             keep each file's result, reused while nothing it
                                reads changes (also COROLINT_CACHE_DIR)
  --cache-size=<size>           the cache's size limit: megabytes, or 64K, 2G
                                (default 1024); least recently used go first
  --explain=<regex>             say why each task type matching the regex (by
                                qualified name) is, or is not, a lazy task
  --program-facts=<file>        keep what the files' functions block on (for
                                findings across files) between runs
  --baseline=<file>             report only findings not in the baseline
  --allow-missing-baseline      a --baseline file that does not exist yet
                                accepts nothing (a first run) instead of an error
  --write-baseline=<file>       record the current findings as the baseline;
                                they are reported but do not fail the run
  --allow-empty                 selecting no file is a note, not an error
  --allow-compile-errors        files that fail to compile do not fail the run
  --timeout=<seconds>           a file still being analysed after this long
                                is stopped and reported not analysed (exit 3)
  --progress                    a progress line even when stderr is no terminal
  corolint merge-sarif OUT IN...  merge SARIF files (e.g. from shards) into one

Exit codes: 0 no findings; 1 findings; 2 usage, configuration or input error;
3 some files failed to compile (unless --allow-compile-errors) or were not
analysed; 130 interrupted; 141 its output pipe was closed.

)";
  llvm::outs().flush();
}

int runAnalysis(const RunOptions &Options, const char *Argv0) {
  // Before the first temporary file: an interrupted run leaves none.
  stopWorkersOnInterrupt(ExitInterrupted);
  int Code = Analysis(Options, Argv0).run();
  // Also after an error that ended the run early.
  removeTemporaryFiles();
  return Code;
}

} // namespace corolint
