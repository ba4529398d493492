//===--- DocLinks.h - corolint-clangd --------------------------*- C++ -*-===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Points the documentation links of coro-* diagnostics at corolint's pages.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CLANGD_DOCLINKS_H
#define COROLINT_CLANGD_DOCLINKS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

namespace corolint {

/// In a textDocument/publishDiagnostics notification: sets the
/// codeDescription.href of every diagnostic whose code is a coro-* check to
/// \p DocsUrl + check + ".md". Returns true when it changed something.
bool pointDocLinksAt(llvm::json::Value &Message, llvm::StringRef DocsUrl);

/// Copies Language Server Protocol messages (Content-Length framed) from
/// \p In to \p Out until \p In ends, rewriting diagnostics' links with
/// pointDocLinksAt(); anything that is not such a message is copied as it is.
void relayMessages(int In, int Out, llvm::StringRef DocsUrl);

} // namespace corolint

#endif // COROLINT_CLANGD_DOCLINKS_H
