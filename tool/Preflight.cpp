//===--- Preflight.cpp - corolint command-line checks ---------------------===//

#include "Preflight.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

namespace corolint {

namespace {

/// clang-tidy's options that take a value, which may come as the next
/// argument (`--config X`) as well as after `=`.
bool takesValue(llvm::StringRef Name) {
  static const llvm::StringSet<> WithValue = {
      "checks",        "warnings-as-errors", "header-filter",
      "exclude-header-filter", "line-filter", "format-style",
      "config",        "config-file",        "export-fixes",
      "store-check-profile", "vfsoverlay",   "p",
      "extra-arg",     "extra-arg-before",   "removed-arg",
      "load"};
  return WithValue.contains(Name);
}

bool needsNoSources(llvm::StringRef Name) {
  return Name == "version" || Name == "help" || Name == "help-hidden" ||
         Name == "list-checks" || Name == "dump-config" ||
         Name == "verify-config" || Name == "explain-config" ||
         Name == "print-all-options" || Name == "print-options";
}

bool isHeader(llvm::StringRef Path) {
  llvm::StringRef Ext = llvm::sys::path::extension(Path);
  return Ext == ".h" || Ext == ".hh" || Ext == ".hpp" || Ext == ".hxx" ||
         Ext == ".inc" || Ext.empty();
}

std::string absolute(llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

std::optional<std::string> checkDatabase(const CommandLine &Cmd) {
  std::string Error;
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  std::string Where;
  if (Cmd.BuildPath) {
    Where = *Cmd.BuildPath;
    if (!llvm::sys::fs::is_directory(*Cmd.BuildPath) &&
        !llvm::sys::fs::exists(*Cmd.BuildPath))
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
  } else {
    Database = clang::tooling::CompilationDatabase::autoDetectFromSource(
        absolute(Cmd.Sources.front()), Error);
    if (!Database)
      return "no compile_commands.json found above '" + Cmd.Sources.front() +
             "'; pass -p <build dir>, or compiler flags after --";
    Where = "the compilation database";
  }
  std::vector<std::string> Known = Database->getAllFiles();
  llvm::StringSet<> KnownFiles;
  for (const std::string &File : Known)
    KnownFiles.insert(absolute(File));
  // Headers have no command of their own: clang-tidy borrows one.
  for (const std::string &Source : Cmd.Sources)
    if (!isHeader(Source) && !KnownFiles.contains(absolute(Source)) &&
        Database->getCompileCommands(absolute(Source)).empty())
      return "'" + Source + "' is not in " + Where;
  return std::nullopt;
}

} // namespace

CommandLine parseCommandLine(llvm::ArrayRef<const char *> Args) {
  CommandLine Cmd;
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    if (Arg == "--") {
      Cmd.HasFixedFlags = true;
      break;
    }
    if (!Arg.starts_with("-") || Arg == "-") {
      Cmd.Sources.push_back(Arg.str());
      continue;
    }
    llvm::StringRef Name = Arg.ltrim('-');
    std::optional<std::string> Value;
    if (auto Eq = Name.find('='); Eq != llvm::StringRef::npos) {
      Value = Name.substr(Eq + 1).str();
      Name = Name.take_front(Eq);
    } else if (takesValue(Name) && I + 1 < Args.size()) {
      Value = Args[++I];
    }
    if (Name == "p")
      Cmd.BuildPath = Value;
    else if (Name == "checks")
      Cmd.Checks = Value;
    else if (needsNoSources(Name))
      Cmd.NeedsNoSources = true;
  }
  return Cmd;
}

std::optional<std::string> findInputError(const CommandLine &Cmd) {
  if (Cmd.NeedsNoSources)
    return std::nullopt;
  if (Cmd.Sources.empty())
    return std::string("no input files; name source files, e.g. "
                       "'corolint -p build src/main.cpp'");
  for (const std::string &Source : Cmd.Sources) {
    if (llvm::sys::fs::is_directory(Source))
      return "'" + Source + "' is a directory; name source files";
    if (!llvm::sys::fs::exists(Source))
      return "no such file: '" + Source + "'";
  }
  if (Cmd.HasFixedFlags && !Cmd.BuildPath)
    return std::nullopt;
  return checkDatabase(Cmd);
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
      Pattern += C == '*' ? std::string(".*") : llvm::Regex::escape(std::string(1, C));
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

} // namespace corolint
