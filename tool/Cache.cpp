//===--- Cache.cpp - corolint's result cache ------------------------------===//

#include "Cache.h"
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
  llvm::XXH128_hash_t Hash = llvm::xxh3_128bits(
      llvm::ArrayRef(reinterpret_cast<const uint8_t *>(Joined.data()),
                     Joined.size()));
  return llvm::formatv("{0:x-16}{1:x-16}", Hash.high64, Hash.low64).str();
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
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
  // Written beside and renamed: concurrent runs never read half an entry.
  llvm::consumeError(writeWorkerResultFile(Path, Result, Header));
}

void ResultCache::trim() {
  struct Stored {
    std::string Path;
    uint64_t Size;
    llvm::sys::TimePoint<> Used;
  };
  std::vector<Stored> Entries;
  uint64_t Total = 0;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Directory, EC), End;
       It != End && !EC; It.increment(EC)) {
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(It->path(), Status) ||
        Status.type() != llvm::sys::fs::file_type::regular_file)
      continue;
    Entries.push_back(
        {It->path(), Status.getSize(), Status.getLastModificationTime()});
    Total += Status.getSize();
  }
  if (Total <= MaxBytes)
    return;
  llvm::sort(Entries, [](const Stored &A, const Stored &B) {
    return A.Used < B.Used;
  });
  for (const Stored &Old : Entries) {
    if (Total <= MaxBytes)
      break;
    llvm::sys::fs::remove(Old.Path);
    Total -= Old.Size;
  }
}

} // namespace corolint
