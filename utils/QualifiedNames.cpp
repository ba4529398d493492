//===--- QualifiedNames.cpp - corolint ------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "QualifiedNames.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>

namespace clang::tidy::coro {

std::string getPortableQualifiedName(const NamedDecl &D) {
  llvm::SmallVector<std::string, 4> Parts;
  if (D.getDeclName().isIdentifier())
    Parts.push_back(D.getName().str());
  else
    Parts.push_back(D.getNameAsString());
  for (const DeclContext *DC = D.getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Parts.push_back(NS->getName().str());
    } else if (const auto *Record = dyn_cast<RecordDecl>(DC)) {
      Parts.push_back(Record->getNameAsString());
    }
  }
  std::reverse(Parts.begin(), Parts.end());
  return llvm::join(Parts, "::");
}

bool isInNamespace(llvm::StringRef Name, llvm::StringRef Namespace) {
  return Name == Namespace ||
         (Name.starts_with(Namespace) &&
          Name.drop_front(Namespace.size()).starts_with("::"));
}

} // namespace clang::tidy::coro
