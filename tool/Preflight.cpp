//===--- Preflight.cpp - corolint command-line checks ---------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Preflight.h"
#include "LLVMCompat.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "clang/Driver/Types.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"
#include "llvm/Support/raw_ostream.h"

namespace corolint {

namespace {

/// The source type clang's driver gives a file by its extension.
clang::driver::types::ID typeOf(llvm::StringRef Path) {
  llvm::StringRef Ext = llvm::sys::path::extension(Path);
  if (Ext.empty())
    return clang::driver::types::TY_INVALID;
  return clang::driver::types::lookupTypeForExtension(Ext.drop_front());
}

/// A header (or a file with no extension, as the standard headers are): it
/// has no command of its own.
bool isHeader(llvm::StringRef Path) {
  clang::driver::types::ID Type = typeOf(Path);
  return Type == clang::driver::types::TY_INVALID ||
         clang::driver::types::onlyPrecompileType(Type);
}

std::string absolute(llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

bool isGlob(llvm::StringRef Path) {
  return Path.find_first_of("*?[") != llvm::StringRef::npos;
}

bool isUnder(llvm::StringRef File, llvm::StringRef Directory) {
  return File.starts_with(Directory) &&
         (File.size() == Directory.size() ||
          llvm::sys::path::is_separator(File[Directory.size()]) ||
          llvm::sys::path::is_separator(Directory.back()));
}

/// Loads the compilation database the command line points at.
std::optional<std::string>
loadDatabase(const CommandLine &Cmd,
             std::unique_ptr<clang::tooling::CompilationDatabase> &Database,
             std::string &Where) {
  std::string Error;
  if (!Cmd.BuildPath) {
    Database = clang::tooling::CompilationDatabase::autoDetectFromSource(
        absolute(Cmd.Sources.front()), Error);
    if (!Database)
      return "no compile_commands.json found above '" + Cmd.Sources.front() +
             "'; pass -p <build dir>, or compiler flags after --";
    Where = "the compilation database";
    return std::nullopt;
  }
  if (!llvm::sys::fs::exists(*Cmd.BuildPath))
    return "build directory '" + *Cmd.BuildPath + "' does not exist";
  llvm::SmallString<256> Json(*Cmd.BuildPath);
  if (llvm::sys::fs::is_directory(*Cmd.BuildPath))
    llvm::sys::path::append(Json, "compile_commands.json");
  if (!llvm::sys::fs::exists(Json))
    return "no compile_commands.json in '" + *Cmd.BuildPath +
           "' (configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or pass "
           "compiler flags after --)";
  Database = clang::tooling::JSONCompilationDatabase::loadFromFile(
      Json, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Database)
    return "cannot read '" + std::string(Json) + "': " + Error;
  Where = std::string(Json);
  return std::nullopt;
}

/// Files named on a command line with fixed flags (`--`): no database.
std::optional<std::string> collectNamedFiles(const CommandLine &Cmd,
                                             std::vector<std::string> &Files) {
  for (const std::string &Source : Cmd.Sources) {
    if (llvm::sys::fs::is_directory(Source))
      return "'" + Source +
             "' is a directory; name source files, or pass "
             "-p <build dir> to analyse the files below it";
    if (isGlob(Source))
      return "'" + Source +
             "' is a pattern; patterns select files of "
             "compile_commands.json, so pass -p <build dir>";
    if (!llvm::sys::fs::exists(Source))
      return "no such file: '" + Source + "'";
    Files.push_back(absolute(Source));
  }
  return std::nullopt;
}

} // namespace

namespace {

/// The language a compile command gives its file: the last `-x LANG`
/// (`-xLANG`, `--language=LANG`, clang-cl's `/TP`) before it, else the
/// file's extension, where a C file given to a C++ driver (`g++`,
/// `clang++-22`, `c++`) is compiled as C++, as those drivers do.
clang::driver::types::ID
languageOf(const clang::tooling::CompileCommand &Command) {
  std::optional<clang::driver::types::ID> Given;
  const std::vector<std::string> &Args = Command.CommandLine;
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    std::optional<llvm::StringRef> Language;
    if ((Arg == "-x" || Arg == "--language") && I + 1 < Args.size())
      Language = Args[++I];
    else if (Arg.starts_with("--language="))
      Language = Arg.drop_front(strlen("--language="));
    else if (Arg.starts_with("-x") && Arg.size() > 2)
      Language = Arg.drop_front(2);
    else if (Arg == "/TP" || Arg == "-TP")
      Given = clang::driver::types::TY_CXX;
    if (Language)
      Given =
          *Language == "none"
              ? std::nullopt
              : std::optional(clang::driver::types::lookupTypeForTypeSpecifier(
                    Language->data()));
  }
  if (Given)
    return *Given;
  clang::driver::types::ID Type = typeOf(Command.Filename);
  llvm::StringRef Driver =
      Args.empty() ? llvm::StringRef() : llvm::sys::path::filename(Args[0]);
  // `clang++-22`, `x86_64-linux-gnu-g++-12`: the name without its version.
  Driver = Driver.rtrim("0123456789.").rtrim('-');
  if (Type == clang::driver::types::TY_C && Driver.ends_with("++"))
    return clang::driver::types::TY_CXX;
  return Type;
}

bool isCxxType(clang::driver::types::ID Type) {
  return Type != clang::driver::types::TY_INVALID &&
         clang::driver::types::isCXX(Type) &&
         !clang::driver::types::onlyPrecompileType(Type) &&
         !clang::driver::types::isObjC(Type);
}

} // namespace

/// A C++ (or CUDA/HIP) translation unit, as clang's driver sees it.
bool isCxxSource(const std::string &Path) { return isCxxType(typeOf(Path)); }

std::optional<std::string> collectInputFiles(const CommandLine &Cmd,
                                             std::vector<std::string> &Files,
                                             llvm::StringSet<> *WithCommand) {
  Files.clear();
  if (Cmd.Sources.empty() && !Cmd.BuildPath)
    return std::string("no input files; pass -p <build dir> to analyse every "
                       "file of its compile_commands.json, or name files");
  for (const std::string &Source : Cmd.Sources)
    if (!isGlob(Source) && !llvm::sys::fs::exists(Source))
      return "no such file: '" + Source + "'";
  if (Cmd.HasFixedFlags && !Cmd.BuildPath) {
    if (auto Error = collectNamedFiles(Cmd, Files))
      return Error;
  } else {
    std::unique_ptr<clang::tooling::CompilationDatabase> Database;
    std::string Where;
    if (auto Error = loadDatabase(Cmd, Database, Where))
      return Error;
    std::vector<std::string> Known;
    for (const std::string &File : Database->getAllFiles())
      Known.push_back(absolute(File));
    // A database also lists C and assembly files: there are no coroutines
    // to check there. The command's language decides (`-x c++` makes a
    // `.inl` or `.c` file C++); files named on the command line are always
    // analysed.
    llvm::StringSet<> CxxFiles;
    for (const clang::tooling::CompileCommand &Command :
         Database->getAllCompileCommands())
      if (isCxxType(languageOf(Command))) {
        llvm::SmallString<256> Path(Command.Filename);
        if (llvm::sys::path::is_relative(Path)) {
          Path = Command.Directory;
          llvm::sys::path::append(Path, Command.Filename);
        }
        CxxFiles.insert(absolute(Path));
      }
    auto IsCxxUnit = [&](const std::string &File) {
      return CxxFiles.contains(File);
    };
    if (Cmd.Sources.empty())
      llvm::copy_if(Known, std::back_inserter(Files), IsCxxUnit);
    for (const std::string &Source : Cmd.Sources) {
      std::string Path = absolute(Source);
      size_t Before = Files.size();
      if (llvm::sys::fs::is_directory(Source)) {
        for (const std::string &File : Known)
          if (isUnder(File, Path) && IsCxxUnit(File))
            Files.push_back(File);
      } else if (isGlob(Source)) {
        auto Pattern = llvm::GlobPattern::create(Path);
        if (!Pattern)
          return "malformed pattern '" + Source +
                 "': " + llvm::toString(Pattern.takeError());
        for (const std::string &File : Known)
          if (Pattern->match(File) && IsCxxUnit(File))
            Files.push_back(File);
      } else {
        // A file with no command of its own (a header, a new file) gets
        // one inferred from the closest entry, as clang-tidy does
        // (InterpolatingCompilationDatabase); say so.
        if (!isHeader(Source) && !llvm::is_contained(Known, Path) &&
            Database->getCompileCommands(Path).empty()) {
          std::string Error;
          auto Interpolating = clang::tooling::inferMissingCompileCommands(
              clang::tooling::JSONCompilationDatabase::loadFromFile(
                  Where, Error,
                  clang::tooling::JSONCommandLineSyntax::AutoDetect));
          // With no entry to infer from, the worker reports the file as
          // not analysed.
          if (Interpolating && !Interpolating->getCompileCommands(Path).empty())
            llvm::errs()
                << "corolint: note: '" << Source << "' is not in " << Where
                << "; its command is inferred from the closest entry\n";
        }
        Files.push_back(Path);
        continue;
      }
      if (Files.size() == Before)
        return "'" + Source + "' matches no file in " + Where;
    }
    // A command the worker cannot run would leave its file unanalysed (a
    // relative directory makes clang-tidy skip it, a missing one makes it
    // abort): refuse the run instead of reporting the file clean.
    llvm::StringSet<> Selected;
    for (const std::string &File : Files)
      Selected.insert(File);
    for (const clang::tooling::CompileCommand &Command :
         Database->getAllCompileCommands()) {
      llvm::SmallString<256> Joined(Command.Filename);
      if (llvm::sys::path::is_relative(Joined)) {
        Joined = Command.Directory;
        llvm::sys::path::append(Joined, Command.Filename);
      }
      if (!Selected.contains(absolute(Joined)) &&
          !Selected.contains(absolute(Command.Filename)))
        continue;
      if (!llvm::sys::path::is_absolute(Command.Directory))
        return "the command for '" + Command.Filename + "' in " + Where +
               " has a relative directory '" + Command.Directory +
               "'; compile_commands.json needs absolute directories";
      if (!llvm::sys::fs::is_directory(Command.Directory))
        return "the command for '" + Command.Filename + "' in " + Where +
               " runs in '" + Command.Directory + "', which does not exist";
    }
    // What the worker would ask of the same database (clang-tidy's adds
    // commands inferred for files without one, never removes one).
    if (WithCommand && Cmd.BuildPath &&
        llvm::sys::fs::is_directory(*Cmd.BuildPath))
      for (const std::string &File : Files)
        if (!Database->getCompileCommands(File).empty())
          WithCommand->insert(File);
  }
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  return std::nullopt;
}

/// True when \p Glob (without its `-`) matches one of corolint's checks, as
/// clang-tidy's own GlobList matches names: `coro-*`, `-coro-blocking-call`,
/// `*`, but not `cppcoreguidelines-avoid-reference-coroutine-parameters`.
static bool isAboutCoroChecks(llvm::StringRef Glob) {
  static const std::vector<std::string> CoroChecks = [] {
    std::vector<std::string> Names;
    for (const std::string &Name : registeredCheckNames())
      if (llvm::StringRef(Name).starts_with("coro-"))
        Names.push_back(Name);
    return Names;
  }();
  clang::tidy::GlobList Matcher(Glob.ltrim('-'));
  return llvm::any_of(CoroChecks, [&](const std::string &Name) {
    return Matcher.contains(Name);
  });
}

std::string coroGlobsOf(llvm::StringRef Checks) {
  llvm::SmallVector<llvm::StringRef, 16> Globs;
  Checks.split(Globs, ',', -1, /*KeepEmpty=*/false);
  llvm::SmallVector<llvm::StringRef, 8> Kept;
  bool PendingReset = false;
  for (llvm::StringRef Glob : Globs) {
    Glob = Glob.trim();
    if (Glob == "-*") {
      PendingReset = true;
      continue;
    }
    if (Glob == "*" || !isAboutCoroChecks(Glob))
      continue;
    // `-*` counts only when a coro check is enabled after it.
    if (PendingReset && !Glob.starts_with("-")) {
      Kept.push_back("-*");
      PendingReset = false;
    }
    Kept.push_back(Glob);
  }
  return llvm::join(Kept, ",");
}

std::optional<std::string>
checkConfiguration(const CommandLine &Cmd, llvm::ArrayRef<std::string> Files) {
  auto Parse = [](llvm::StringRef Text,
                  llvm::StringRef Name) -> std::optional<std::string> {
    std::string Message;
    auto Parsed = clang::tidy::parseConfigurationWithDiags(
        llvm::MemoryBufferRef(Text, Name), [&](const llvm::SMDiagnostic &Diag) {
          if (Message.empty())
            Message = Diag.getMessage().str();
        });
    if (Parsed)
      return std::nullopt;
    if (Message.empty())
      Message = Parsed.getError().message();
    return "cannot parse " + Name.str() + ": " + Message;
  };
  if (Cmd.Config)
    if (auto Error = Parse(*Cmd.Config, "the --config text"))
      return Error;
  if (Cmd.ConfigFile) {
    auto Buffer = llvm::MemoryBuffer::getFile(*Cmd.ConfigFile);
    if (!Buffer)
      return "cannot read the --config-file '" + *Cmd.ConfigFile +
             "': " + Buffer.getError().message();
    if (auto Error = Parse((*Buffer)->getBuffer(), "'" + *Cmd.ConfigFile + "'"))
      return Error;
  }
  if (Cmd.Config || Cmd.ConfigFile)
    return std::nullopt; // .clang-tidy files are not read then.
  // The .clang-tidy files clang-tidy would read for these files: clang-tidy
  // skips a broken one with a message and runs every check.
  llvm::StringSet<> Seen;
  for (const std::string &File : Files)
    for (llvm::StringRef Dir = llvm::sys::path::parent_path(File); !Dir.empty();
         Dir = llvm::sys::path::parent_path(Dir)) {
      if (!Seen.insert(Dir).second)
        break;
      llvm::SmallString<256> Config(Dir);
      llvm::sys::path::append(Config, ".clang-tidy");
      if (!llvm::sys::fs::is_regular_file(Config))
        continue;
      auto Buffer = llvm::MemoryBuffer::getFile(Config);
      if (!Buffer)
        return "cannot read '" + std::string(Config) +
               "': " + Buffer.getError().message();
      if (auto Error =
              Parse((*Buffer)->getBuffer(), "'" + Config.str().str() + "'"))
        return Error;
    }
  return std::nullopt;
}

/// The configurations that apply to \p File, in clang-tidy's order: the
/// --config text or --config-file, else the .clang-tidy files above it.
static std::vector<clang::tidy::ClangTidyOptions>
configurationsFor(const CommandLine &Cmd, llvm::StringRef File) {
  std::vector<clang::tidy::ClangTidyOptions> Found;
  std::optional<std::string> Text = Cmd.Config;
  if (Cmd.ConfigFile)
    if (auto Buffer = llvm::MemoryBuffer::getFile(*Cmd.ConfigFile))
      Text = (*Buffer)->getBuffer().str();
  if (Text) {
    // Errors in the configuration are reported before (checkConfiguration).
    if (auto Parsed = clang::tidy::parseConfiguration(
            llvm::MemoryBufferRef(*Text, "<config>")))
      Found.push_back(std::move(*Parsed));
    return Found;
  }
  clang::tidy::FileOptionsProvider Provider{
      clang::tidy::ClangTidyGlobalOptions{}, clang::tidy::ClangTidyOptions{},
      clang::tidy::ClangTidyOptions{}};
  for (auto &[Options, Source] : Provider.getRawOptions(absolute(File)))
    if (Source !=
        clang::tidy::ClangTidyOptionsProvider::OptionsSourceTypeDefaultBinary)
      Found.push_back(std::move(Options));
  return Found;
}

clang::tidy::ClangTidyOptions configuredOptions(const CommandLine &Cmd,
                                                llvm::StringRef File) {
  clang::tidy::ClangTidyOptions Result;
  for (const clang::tidy::ClangTidyOptions &Options :
       configurationsFor(Cmd, File))
    Result.mergeWith(Options, 0);
  return Result;
}

std::string defaultChecksFor(const CommandLine &Cmd, llvm::StringRef File) {
  std::string Checks = "-*,coro-*";
  // Each configuration's coro globs, in order (merging would join them).
  for (const clang::tidy::ClangTidyOptions &Options :
       configurationsFor(Cmd, File))
    if (Options.Checks)
      if (std::string Coro = coroGlobsOf(*Options.Checks); !Coro.empty())
        Checks += "," + Coro;
  return Checks;
}

bool headerFilterUnset(const CommandLine &Cmd, llvm::StringRef File) {
  return !Cmd.HeaderFilterGiven &&
         llvm::none_of(configurationsFor(Cmd, File),
                       [](const clang::tidy::ClangTidyOptions &Options) {
                         return Options.HeaderFilterRegex.has_value();
                       });
}

std::vector<std::string> registeredCheckNames() {
  clang::tidy::ClangTidyCheckFactories Factories;
  for (const auto &Entry : clang::tidy::ClangTidyModuleRegistry::entries())
    Entry.instantiate()->addCheckFactories(Factories);
  std::vector<std::string> Names;
  for (const auto &Factory : Factories)
    Names.push_back(Factory.getKey().str());
  return Names;
}

std::optional<std::string>
findUnknownCheck(llvm::StringRef Checks,
                 llvm::ArrayRef<std::string> KnownChecks) {
  llvm::SmallVector<llvm::StringRef, 8> Items;
  Checks.split(Items, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Item : Items) {
    Item = Item.trim();
    if (Item.empty() || Item.starts_with("-") || Item.starts_with("clang-"))
      continue;
    // The same glob syntax as clang-tidy: '*' matches anything.
    std::string Pattern = "^";
    for (char C : Item)
      Pattern +=
          C == '*' ? std::string(".*") : llvm::Regex::escape(std::string(1, C));
    Pattern += "$";
    llvm::Regex Glob(Pattern);
    bool Matches = false;
    for (const std::string &Name : KnownChecks)
      Matches |= Glob.match(Name);
    if (Matches)
      continue;
    std::string Message = "unknown check '" + Item.str() + "'";
    unsigned Best = 4;
    std::string Closest;
    for (const std::string &Name : KnownChecks) {
      unsigned Distance = Item.edit_distance(Name, true, Best);
      if (Distance < Best) {
        Best = Distance;
        Closest = Name;
      }
    }
    if (!Closest.empty())
      Message += "; did you mean '" + Closest + "'?";
    return Message + " ('corolint --list-checks --checks=*' lists them)";
  }
  return std::nullopt;
}

std::optional<std::string> checkLineFilter(const CommandLine &Cmd) {
  if (!Cmd.LineFilter)
    return std::nullopt;
  // Its syntax first, with the YAML parser's message (clang-tidy's own
  // parse prints it on stderr).
  std::string Message;
  llvm::SourceMgr Sources;
  Sources.setDiagHandler(
      [](const llvm::SMDiagnostic &D, void *Context) {
        std::string &Kept = *static_cast<std::string *>(Context);
        if (Kept.empty())
          Kept = D.getMessage().str();
      },
      &Message);
  llvm::yaml::Stream Stream(*Cmd.LineFilter, Sources);
  for (llvm::yaml::Document &Document : Stream)
    if (llvm::yaml::Node *Root = Document.getRoot())
      Root->skip();
  if (Stream.failed())
    return "malformed --line-filter: " + Message;
  clang::tidy::ClangTidyGlobalOptions Parsed;
  if (std::error_code EC =
          clang::tidy::parseLineFilter(*Cmd.LineFilter, Parsed))
    return "malformed --line-filter: " + EC.message();
  return std::nullopt;
}

} // namespace corolint
