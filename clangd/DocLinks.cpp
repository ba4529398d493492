//===--- DocLinks.cpp - corolint-clangd -----------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "DocLinks.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <string>
#include <unistd.h>

namespace corolint {

bool pointDocLinksAt(llvm::json::Value &Message, llvm::StringRef DocsUrl) {
  llvm::json::Object *Object = Message.getAsObject();
  if (!Object ||
      Object->getString("method") != "textDocument/publishDiagnostics")
    return false;
  llvm::json::Object *Params = Object->getObject("params");
  llvm::json::Array *Diagnostics =
      Params ? Params->getArray("diagnostics") : nullptr;
  if (!Diagnostics)
    return false;
  bool Changed = false;
  for (llvm::json::Value &Entry : *Diagnostics) {
    llvm::json::Object *Diagnostic = Entry.getAsObject();
    std::optional<llvm::StringRef> Code =
        Diagnostic ? Diagnostic->getString("code") : std::nullopt;
    if (!Code || !Code->starts_with("coro-"))
      continue;
    std::string Link = (DocsUrl + *Code + ".md").str();
    (*Diagnostic)["codeDescription"] = llvm::json::Object{{"href", Link}};
    Changed = true;
  }
  return Changed;
}

namespace {

/// Reads from a file descriptor a line or a number of bytes at a time.
class Reader {
public:
  explicit Reader(int FD) : FD(FD) {}

  /// The next line with its "\n" (or what is left at the end), empty at end.
  std::string line() {
    for (;;) {
      size_t End = Buffer.find('\n');
      if (End != std::string::npos)
        return take(End + 1);
      if (!fill())
        return take(Buffer.size());
    }
  }
  /// The next \p Size bytes (fewer at the end).
  std::string bytes(size_t Size) {
    while (Buffer.size() < Size && fill()) {
    }
    return take(std::min(Size, Buffer.size()));
  }

private:
  bool fill() {
    char Chunk[65536];
    for (;;) {
      ssize_t Read = read(FD, Chunk, sizeof(Chunk));
      if (Read > 0) {
        Buffer.append(Chunk, Read);
        return true;
      }
      if (Read < 0 && errno == EINTR)
        continue;
      return false;
    }
  }
  std::string take(size_t Size) {
    std::string Result = Buffer.substr(0, Size);
    Buffer.erase(0, Size);
    return Result;
  }

  int FD;
  std::string Buffer;
};

void writeAll(int FD, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t Written = write(FD, Data.data(), Data.size());
    if (Written < 0 && errno == EINTR)
      continue;
    if (Written <= 0)
      return; // The editor went away.
    Data = Data.drop_front(Written);
  }
}

} // namespace

void relayMessages(int In, int Out, llvm::StringRef DocsUrl) {
  Reader From(In);
  for (;;) {
    // The header: lines up to an empty one; Content-Length is required.
    std::string Header;
    std::optional<size_t> Length;
    for (;;) {
      std::string Line = From.line();
      if (Line.empty()) {
        writeAll(Out, Header);
        return;
      }
      Header += Line;
      llvm::StringRef Text = llvm::StringRef(Line).trim();
      if (Text.empty())
        break;
      auto [Name, Value] = Text.split(':');
      size_t Size = 0;
      if (Name.trim().equals_insensitive("content-length") &&
          !Value.trim().getAsInteger(10, Size))
        Length = Size;
    }
    if (!Length) {
      writeAll(Out, Header);
      continue;
    }
    std::string Body = From.bytes(*Length);
    // Only diagnostics of coro checks change: completion lists and
    // semantic tokens (megabytes) pass on unparsed.
    if (llvm::StringRef(Body).find("textDocument/publishDiagnostics") ==
            llvm::StringRef::npos ||
        llvm::StringRef(Body).find("\"coro-") == llvm::StringRef::npos) {
      writeAll(Out, Header + Body);
      continue;
    }
    llvm::Expected<llvm::json::Value> Message = llvm::json::parse(Body);
    if (!Message) {
      llvm::consumeError(Message.takeError());
      writeAll(Out, Header + Body);
      continue;
    }
    if (!pointDocLinksAt(*Message, DocsUrl)) {
      writeAll(Out, Header + Body);
      continue;
    }
    std::string Rewritten;
    llvm::raw_string_ostream(Rewritten) << *Message;
    writeAll(Out, "Content-Length: " + std::to_string(Rewritten.size()) +
                      "\r\n\r\n" + Rewritten);
  }
}

} // namespace corolint
