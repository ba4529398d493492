//===--- Cache.cpp - corolint's result cache ------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Cache.h"
#include "Files.h"
#include "LLVMCompat.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>

namespace corolint {

namespace json = llvm::json;

/// Bumped whenever what an entry holds changes meaning.
constexpr llvm::StringLiteral CacheFormat = "corolint-cache-2";

std::string ResultCache::key(llvm::ArrayRef<std::string> Parts) {
  std::string Joined(CacheFormat);
  for (const std::string &Part : Parts) {
    Joined += '\0';
    Joined += Part;
  }
  return corolint::compat::hash128Hex(Joined);
}

/// The subtree of the cache folder the cache owns, and the file marking it
/// (the Cache Directory Tagging format, which backup tools skip): nothing
/// outside it is ever written or removed.
constexpr llvm::StringLiteral OwnedFolder = "corolint-cache";
constexpr llvm::StringLiteral MarkerName = "CACHEDIR.TAG";
constexpr llvm::StringLiteral MarkerText =
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file marks corolint's result cache (--cache-dir); every file\n"
    "# beside it may be removed when the cache is trimmed.\n";

ResultCache::ResultCache(llvm::StringRef Folder, uint64_t MaxBytes)
    : MaxBytes(MaxBytes) {
  llvm::SmallString<256> Owned(Folder);
  llvm::sys::path::append(Owned, OwnedFolder);
  Directory = std::string(Owned);
}

std::optional<std::string> ResultCache::open() {
  if (std::error_code EC = llvm::sys::fs::create_directories(Directory))
    return EC.message();
  llvm::SmallString<256> Marker(Directory);
  llvm::sys::path::append(Marker, MarkerName);
  if (llvm::sys::fs::exists(Marker))
    return std::nullopt;
  // A folder of that name that something else filled is not adopted. Two
  // first runs may race here: the other one's marker is the one file that
  // may appear meanwhile, and it comes before any entry.
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Directory, EC, false), End;
       It != End && !EC; It.increment(EC))
    if (llvm::sys::path::filename(It->path()) != MarkerName &&
        !llvm::sys::fs::exists(Marker))
      return "'" + Directory +
             "' is not a corolint cache (it has files but no " +
             MarkerName.str() + ")";
  // Created exclusively: the marker is written whole by whichever run
  // creates it, and a run that finds it there already is done.
  int FD = -1;
  if (std::error_code Created = llvm::sys::fs::openFileForWrite(
          Marker, FD, llvm::sys::fs::CD_CreateNew, llvm::sys::fs::OF_None)) {
    if (Created == std::errc::file_exists)
      return std::nullopt;
    return Created.message();
  }
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  OS << MarkerText;
  OS.close();
  if (OS.has_error()) {
    std::string Reason = OS.error().message();
    OS.clear_error();
    return Reason;
  }
  return std::nullopt;
}

std::string ResultCache::pathOf(llvm::StringRef Key) const {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, Key.take_front(2), Key + ".json");
  return std::string(Path);
}

std::string ResultCache::currentHash(const std::string &File) {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    auto Known = Hashes.find(File);
    if (Known != Hashes.end())
      return Known->second;
  }
  std::string Hash;
  if (auto Buffer = llvm::MemoryBuffer::getFile(
          File, /*IsText=*/false, /*RequiresNullTerminator=*/false))
    Hash = contentHash((*Buffer)->getBuffer());
  std::lock_guard<std::mutex> Guard(Lock);
  Hashes[File] = Hash;
  return Hash;
}

namespace {

/// The status of \p Path itself, a link not followed.
std::optional<llvm::sys::fs::file_status> linkStatus(llvm::StringRef Path) {
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status, /*Follow=*/false))
    return std::nullopt;
  return Status;
}

/// An entry: a header line (format, key, the unit's facts), then the
/// worker's result as it writes it (JSON lines).
struct ReadEntry {
  json::Value UnitFacts = nullptr;
  WorkerResult Result;
};

std::optional<ReadEntry> readEntry(llvm::StringRef Path, llvm::StringRef Key) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return std::nullopt;
  auto [HeaderLine, Rest] = (*Buffer)->getBuffer().split('\n');
  // A truncated or corrupt entry is a miss; the analysis writes it again.
  llvm::Expected<json::Value> Header = json::parse(HeaderLine);
  if (!Header) {
    llvm::consumeError(Header.takeError());
    return std::nullopt;
  }
  const json::Object *Root = Header->getAsObject();
  if (!Root || Root->getString("format") != CacheFormat ||
      Root->getString("key") != Key)
    return std::nullopt;
  llvm::Expected<WorkerResult> Result = parseWorkerResult(Rest);
  if (!Result) {
    llvm::consumeError(Result.takeError());
    return std::nullopt;
  }
  ReadEntry Entry;
  Entry.Result = std::move(*Result);
  if (const json::Value *Facts = Root->get("unitFacts"))
    Entry.UnitFacts = *Facts;
  return Entry;
}

} // namespace

std::optional<ResultCache::Entry> ResultCache::lookup(llvm::StringRef Key) {
  std::string Path = pathOf(Key);
  std::optional<ReadEntry> Read = readEntry(Path, Key);
  if (!Read || Read->Result.Inputs.empty())
    return std::nullopt;
  for (const auto &[File, Hash] : Read->Result.Inputs)
    if (currentHash(File) != Hash)
      return std::nullopt;
  Entry Found{std::move(Read->Result), std::nullopt};
  if (Read->UnitFacts.kind() != json::Value::Null) {
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    json::OStream(OS).value(Read->UnitFacts);
    Found.UnitFacts = std::move(Text);
  }
  // Recently used: trim() keeps it.
  int FD = -1;
  if (!llvm::sys::fs::openFileForRead(Path, FD)) {
    llvm::sys::fs::setLastAccessAndModificationTime(
        FD, std::chrono::system_clock::now());
    llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  }
  std::lock_guard<std::mutex> Guard(Lock);
  ++Hits;
  return Found;
}

std::optional<std::vector<std::string>>
ResultCache::recordedInputs(llvm::StringRef Key) {
  std::optional<ReadEntry> Read = readEntry(pathOf(Key), Key);
  if (!Read || Read->Result.Inputs.empty())
    return std::nullopt;
  std::vector<std::string> Files;
  for (const auto &[File, Hash] : Read->Result.Inputs)
    Files.push_back(File);
  return Files;
}

void ResultCache::store(llvm::StringRef Key, const WorkerResult &Result,
                        llvm::StringRef UnitFactsPath) {
  if (Result.Inputs.empty())
    return; // A file changed during the analysis, or the inputs are unknown.
  json::Value Facts = nullptr;
  if (auto Buffer = llvm::MemoryBuffer::getFile(UnitFactsPath)) {
    if (llvm::Expected<json::Value> Parsed =
            json::parse((*Buffer)->getBuffer()))
      Facts = std::move(*Parsed);
    else
      llvm::consumeError(Parsed.takeError());
  }
  std::string Header;
  llvm::raw_string_ostream OS(Header);
  json::OStream(OS).value(json::Object{
      {"format", CacheFormat}, {"key", Key}, {"unitFacts", std::move(Facts)}});
  OS << "\n";
  std::string Path = pathOf(Key);
  llvm::StringRef Shard = llvm::sys::path::parent_path(Path);
  llvm::sys::fs::create_directories(Shard);
  // Nothing is written through a link out of the cache.
  std::optional<llvm::sys::fs::file_status> ShardStatus = linkStatus(Shard);
  if (!ShardStatus ||
      ShardStatus->type() != llvm::sys::fs::file_type::directory_file)
    return;
  // Written beside and renamed: concurrent runs never read half an entry.
  llvm::consumeError(writeWorkerResultFile(Path, Result, Header));
}

namespace {

struct StoredEntry {
  std::string Path;
  uint64_t Size;
  llvm::sys::TimePoint<> Used;
};

bool isHexName(llvm::StringRef Name, size_t Length) {
  return Name.size() == Length && llvm::all_of(Name, llvm::isHexDigit);
}

/// The entries the cache wrote, and only those: `XX/<key>.json` regular
/// files under real folders of the owned subtree. A symbolic link (to a
/// folder or a file) is never followed, and no other file is counted.
std::vector<StoredEntry> listEntries(llvm::StringRef Directory) {
  std::vector<StoredEntry> Entries;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator Shard(Directory, EC, false), End;
       Shard != End && !EC; Shard.increment(EC)) {
    std::optional<llvm::sys::fs::file_status> ShardStatus =
        linkStatus(Shard->path());
    if (!isHexName(llvm::sys::path::filename(Shard->path()), 2) ||
        !ShardStatus ||
        ShardStatus->type() != llvm::sys::fs::file_type::directory_file)
      continue;
    std::error_code InnerEC;
    for (llvm::sys::fs::directory_iterator It(Shard->path(), InnerEC, false);
         It != End && !InnerEC; It.increment(InnerEC)) {
      llvm::StringRef Name = llvm::sys::path::filename(It->path());
      std::optional<llvm::sys::fs::file_status> Status = linkStatus(It->path());
      if (!Name.consume_back(".json") || !isHexName(Name, 32) || !Status ||
          Status->type() != llvm::sys::fs::file_type::regular_file)
        continue;
      Entries.push_back(
          {It->path(), Status->getSize(), Status->getLastModificationTime()});
    }
  }
  return Entries;
}

} // namespace

void ResultCache::trim() {
  // Only a folder that carries the marker is the cache's to trim. The owned
  // folder itself may be a link the user made (to a larger disk); below it
  // no link is followed.
  llvm::SmallString<256> Root;
  if (llvm::sys::fs::real_path(Directory, Root) ||
      !llvm::sys::fs::is_directory(Root))
    return;
  llvm::SmallString<256> Marker(Root);
  llvm::sys::path::append(Marker, MarkerName);
  std::optional<llvm::sys::fs::file_status> MarkerStatus = linkStatus(Marker);
  if (!MarkerStatus ||
      MarkerStatus->type() != llvm::sys::fs::file_type::regular_file)
    return;
  std::vector<StoredEntry> Entries = listEntries(Root);
  uint64_t Total = 0;
  for (const StoredEntry &Entry : Entries)
    Total += Entry.Size;
  if (Total <= MaxBytes)
    return;
  llvm::sort(Entries, [](const StoredEntry &A, const StoredEntry &B) {
    return A.Used < B.Used;
  });
  for (const StoredEntry &Old : Entries) {
    if (Total <= MaxBytes)
      break;
    llvm::sys::fs::remove(Old.Path);
    Total -= Old.Size;
  }
}

} // namespace corolint
