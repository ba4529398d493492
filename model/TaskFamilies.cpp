//===--- TaskFamilies.cpp - corolint --------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "TaskModel.h"

namespace clang::tidy::coro {

namespace {

/// The class template a task type comes from (or its class): also for
/// dependent `Task<T>` in template patterns.
const Decl *getTaskFamily(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const auto *Spec =
          T.getCanonicalType()->getAs<TemplateSpecializationType>())
    if (const TemplateDecl *Template =
            Spec->getTemplateName().getAsTemplateDecl())
      return Template->getCanonicalDecl();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return nullptr;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return Spec->getSpecializedTemplate()->getCanonicalDecl();
  if (const ClassTemplateDecl *Template = RD->getDescribedClassTemplate())
    return Template->getCanonicalDecl();
  // A member class of a class template (unifex's `_task<T>::type`).
  if (const CXXRecordDecl *Member = RD->getInstantiatedFromMemberClass())
    return Member->getCanonicalDecl();
  return RD->getCanonicalDecl();
}

} // namespace

bool isSameTaskFamily(QualType A, QualType B) {
  const Decl *FamilyA = getTaskFamily(A);
  return FamilyA && FamilyA == getTaskFamily(B);
}

const DeclContext *getTaskNamespace(QualType T) {
  const CXXRecordDecl *RD = getRecordOrPattern(T);
  if (!RD)
    return nullptr;
  const DeclContext *DC = RD->getDeclContext();
  while (DC && !DC->isFileContext())
    DC = DC->getParent();
  // Step out of inline namespaces (e.g. a versioning namespace) so lookups
  // see the whole library namespace.
  while (DC && DC->isInlineNamespace())
    DC = DC->getParent();
  return DC;
}

/// The namespace a qualified name's prefix names (`a::b` of `a::b::f`).
static const DeclContext *namespaceOf(const ASTContext &Ctx,
                                      llvm::ArrayRef<llvm::StringRef> Parts) {
  auto &Idents = const_cast<ASTContext &>(Ctx).Idents;
  const DeclContext *Scope = Ctx.getTranslationUnitDecl();
  for (llvm::StringRef Part : Parts) {
    const DeclContext *Next = nullptr;
    for (const NamedDecl *D : Scope->lookup(&Idents.get(Part)))
      if (const auto *NS = dyn_cast<NamespaceDecl>(D))
        Next = NS;
    if (!Next)
      return nullptr;
    Scope = Next;
  }
  return Scope;
}

llvm::SmallVector<const NamedDecl *, 4>
findFunctionsInNamespace(const DeclContext *NS, llvm::StringRef Name) {
  llvm::SmallVector<const NamedDecl *, 4> Found;
  if (!NS || !NS->isNamespace())
    return Found;
  auto &Idents = cast<NamespaceDecl>(NS)->getASTContext().Idents;
  for (const NamedDecl *D : NS->lookup(&Idents.get(Name))) {
    const NamedDecl *Underlying = D->getUnderlyingDecl();
    if (isa<FunctionTemplateDecl, FunctionDecl>(Underlying) ||
        isFunctionObject(*Underlying))
      Found.push_back(Underlying);
  }
  return Found;
}

llvm::SmallVector<const NamedDecl *, 4>
findFunctionsByQualifiedName(const ASTContext &Ctx,
                             llvm::StringRef QualifiedName) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  QualifiedName.split(Parts, "::");
  const DeclContext *Scope =
      namespaceOf(Ctx, llvm::ArrayRef(Parts).drop_back());
  if (!Scope || Scope->isTranslationUnit())
    return {};
  return findFunctionsInNamespace(Scope, Parts.back());
}

const NamedDecl *findFunctionByQualifiedName(const ASTContext &Ctx,
                                             llvm::StringRef QualifiedName) {
  llvm::SmallVector<const NamedDecl *, 4> Found =
      findFunctionsByQualifiedName(Ctx, QualifiedName);
  return Found.empty() ? nullptr : Found.front();
}

const NamedDecl *
findFunctionInNamespace(const DeclContext *NS,
                        llvm::ArrayRef<llvm::StringRef> Names) {
  for (llvm::StringRef Name : Names) {
    llvm::SmallVector<const NamedDecl *, 4> Found =
        findFunctionsInNamespace(NS, Name);
    if (!Found.empty())
      return Found.front();
  }
  return nullptr;
}

} // namespace clang::tidy::coro
