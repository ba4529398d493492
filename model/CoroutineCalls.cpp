//===--- CoroutineCalls.cpp - corolint ------------------------------------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CoroutineModel.h"
#include "LLVMCompat.h"

namespace clang::tidy::coro {

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

namespace {

bool hasCallOperator(QualType T) {
  const CXXRecordDecl *RD = getRecordOrPattern(T);
  return RD && llvm::any_of(RD->decls(), [](const Decl *D) {
           const auto *Function = D->getAsFunction();
           return Function && Function->getOverloadedOperator() == OO_Call;
         });
}

/// The namespace-scope function object that \p Callee names, or null.
const VarDecl *functionObjectOf(const Expr *Callee) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
      Callee ? Callee->IgnoreParenImpCasts() : nullptr);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && isFunctionObject(*Var) ? Var : nullptr;
}

/// For a call a template pattern leaves unresolved (its arguments depend
/// on the template's parameters): its first candidate, when the candidates
/// are judged alike and argument-dependent lookup can add none at
/// instantiation (`std::this_thread::sleep_for(D)`).
const FunctionDecl *onlyCandidateName(const CallExpr &Call) {
  const auto *Lookup =
      dyn_cast<UnresolvedLookupExpr>(Call.getCallee()->IgnoreParenImpCasts());
  if (!Lookup || Lookup->requiresADL() || Lookup->getNumDecls() == 0)
    return nullptr;
  // Overloads stand for each other only when nothing that judges a call
  // tells them apart: one qualified name, all C functions or none, all in
  // system headers or none, all annotated or none (libc++'s two
  // `std::this_thread::sleep_for`).
  const FunctionDecl *First = nullptr;
  for (const NamedDecl *D : Lookup->decls()) {
    const FunctionDecl *Function = D->getUnderlyingDecl()->getAsFunction();
    if (!Function)
      return nullptr;
    if (!First) {
      First = Function;
      continue;
    }
    const SourceManager &SM = Function->getASTContext().getSourceManager();
    if (Function->getQualifiedNameAsString() !=
            First->getQualifiedNameAsString() ||
        Function->isExternC() != First->isExternC() ||
        SM.isInSystemHeader(Function->getLocation()) !=
            SM.isInSystemHeader(First->getLocation()) ||
        Function->hasAttr<AnnotateAttr>() || First->hasAttr<AnnotateAttr>())
      return nullptr;
  }
  return First;
}

} // namespace

bool isFunctionObject(const NamedDecl &D) {
  const auto *Var = dyn_cast<VarDecl>(&D);
  if (!Var || !Var->getDeclContext()->getRedeclContext()->isFileContext())
    return false;
  return hasCallOperator(Var->getType());
}

std::optional<CalleeInfo> getCalleeInfo(const CallExpr &Call) {
  CalleeInfo Info;
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call)) {
    if (Operator->getOperator() != OO_Call || Operator->getNumArgs() == 0)
      return std::nullopt;
    Info.Object = functionObjectOf(Operator->getArg(0));
    if (!Info.Object)
      return std::nullopt;
    Info.Function = Operator->getDirectCallee();
  } else if (const VarDecl *Object = functionObjectOf(Call.getCallee())) {
    // A call of a function object in a template pattern, not resolved yet.
    Info.Object = Object;
  } else {
    Info.Function = Call.getDirectCallee();
    if (!Info.Function)
      Info.Function = onlyCandidateName(Call);
    if (!Info.Function)
      return std::nullopt;
  }
  const NamedDecl &Named = Info.Object
                               ? static_cast<const NamedDecl &>(*Info.Object)
                               : *Info.Function;
  if (!Named.getDeclName().isIdentifier())
    return std::nullopt;
  Info.Name = Named.getName().str();
  Info.QualifiedName = getPortableQualifiedName(Named);
  if (Info.Object)
    if (const CXXRecordDecl *Type = getRecordOrPattern(Info.Object->getType()))
      Info.TypeName = getPortableQualifiedName(*Type);
  return Info;
}

namespace {

/// The class template (or partial specialization) pattern that a member
/// access in a template pattern names as its object's type, when that type
/// is the current instantiation: `this`, `*this`, an object of the class's
/// own type, or a local whose type is deduced from one
/// (`auto &Self = *this;`). Null otherwise: a member class (which may be
/// specialized on its own), another template's specialization (which may
/// be specialized too), a template parameter.
const CXXRecordDecl *
currentInstantiationOfObject(const CXXDependentScopeMemberExpr &Member) {
  QualType Object = Member.getBaseType();
  const Expr *Base =
      Member.isImplicitAccess() ? nullptr : Member.getBase()->IgnoreParens();
  // A local declared `auto`: the type of what initializes it.
  if (Base && Object->getContainedAutoType())
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Base->IgnoreImpCasts()))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->hasLocalStorage() && Var->getInit())
        Object = Var->getInit()->IgnoreParenImpCasts()->getType();
  if (Object.isNull())
    return nullptr;
  if (Member.isArrow()) {
    Object = Object->getPointeeType();
    if (Object.isNull())
      return nullptr;
  }
  const CXXRecordDecl *Record = Object->getAsCXXRecordDecl();
  if (!Record || !Record->isDependentContext() ||
      (!Record->getDescribedClassTemplate() &&
       !isa<ClassTemplatePartialSpecializationDecl>(Record)))
    return nullptr;
  return Record->getDefinition();
}

/// The members a member call left dependent in a template pattern can
/// call, found by name lookup in the class template where the template is
/// defined: every one must be a function (template) declared in the class
/// itself, which hides whatever its bases declare. Empty when the object is
/// not the current instantiation or the name is not found there (a
/// dependent base may declare it).
llvm::SmallVector<const FunctionDecl *, 4>
lookUpDependentMember(const CXXDependentScopeMemberExpr &Member) {
  const CXXRecordDecl *Record = currentInstantiationOfObject(Member);
  if (!Record)
    return {};
  llvm::SmallVector<const FunctionDecl *, 4> Candidates;
  for (const NamedDecl *D : Record->lookup(Member.getMember())) {
    const FunctionDecl *Function = D->getUnderlyingDecl()->getAsFunction();
    if (!Function)
      return {};
    Candidates.push_back(Function);
  }
  return Candidates;
}

/// The lambda a call left unresolved in a template pattern calls: one
/// written as the callee (`[X]() -> Task<T> {...}()`), or held by a local
/// it initializes (`auto L = [X]() -> Task<T> {...}; L();`), whose type
/// is the lambda's own (no other closure can be assigned to it), or an
/// `auto` the pattern leaves undeduced (a lambda in a template has a
/// dependent type). Null otherwise.
const LambdaExpr *calledLambda(const Expr &Callee) {
  const Expr *E = ignoreImplicitWrappers(&Callee);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
    return Lambda;
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || isa<ParmVarDecl>(Var) || !Var->getInit() ||
      Var->getType()->isReferenceType() ||
      !Var->getDeclContext()->isFunctionOrMethod())
    return nullptr;
  const auto *Lambda =
      dyn_cast<LambdaExpr>(ignoreImplicitWrappers(Var->getInit()));
  if (!Lambda)
    return nullptr;
  if (Var->getType()->getContainedAutoType() &&
      (Var->getType()->isUndeducedType() || Var->getType()->isDependentType()))
    return Lambda;
  const CXXRecordDecl *Type = Var->getType()->getAsCXXRecordDecl();
  return Type && Type == Lambda->getLambdaClass() ? Lambda : nullptr;
}

} // namespace

llvm::SmallVector<const FunctionDecl *, 4>
getCalleeCandidates(const CallExpr &Call) {
  llvm::SmallVector<const FunctionDecl *, 4> Candidates;
  if (const FunctionDecl *Direct = Call.getDirectCallee()) {
    Candidates.push_back(Direct);
    return Candidates;
  }
  const Expr *Callee = Call.getCallee()->IgnoreParenImpCasts();
  if (const LambdaExpr *Lambda = calledLambda(*Callee)) {
    Candidates.push_back(Lambda->getCallOperator());
    return Candidates;
  }
  if (const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(Callee))
    return lookUpDependentMember(*Member);
  const auto *Overloads = dyn_cast<OverloadExpr>(Callee);
  if (!Overloads)
    return Candidates;
  for (const NamedDecl *D : Overloads->decls()) {
    // A using-declaration naming a dependent base's member
    // (`using Base<T>::load;`) brings overloads nobody knows yet.
    const FunctionDecl *Function = D->getUnderlyingDecl()->getAsFunction();
    if (!Function)
      return {};
    Candidates.push_back(Function);
  }
  return Candidates;
}

QualType getCallResultType(const CallExpr &Call) {
  if (!Call.getType()->isDependentType())
    return Call.getType();
  QualType Agreed;
  for (const FunctionDecl *Candidate : getCalleeCandidates(Call)) {
    QualType Returned = Candidate->getReturnType();
    if (!Agreed.isNull() &&
        Agreed.getCanonicalType() != Returned.getCanonicalType())
      return QualType();
    Agreed = Returned;
  }
  return Agreed;
}

bool passesMutableAccess(QualType Parameter) {
  return (Parameter->isLValueReferenceType() &&
          !Parameter.getNonReferenceType().isConstQualified()) ||
         (Parameter->isPointerType() &&
          !Parameter->getPointeeType().isConstQualified());
}

void forEachArgumentAndParameter(
    const CallExpr &Call, const FunctionDecl &Callee,
    llvm::function_ref<void(const Expr &, const ParmVarDecl &)> Visit) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
  unsigned Offset = isa<CXXOperatorCallExpr>(Call) && Method &&
                            !corolint::compat::isExplicitObjectMember(*Method)
                        ? 1
                        : 0;
  for (unsigned I = Offset; I < Call.getNumArgs(); ++I) {
    if (I - Offset >= Callee.getNumParams())
      return;
    Visit(*Call.getArg(I), *Callee.getParamDecl(I - Offset));
  }
}

const Expr *getCallObject(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    return Member->getImplicitObjectArgument();
  if (const auto *Callee =
          dyn_cast<MemberExpr>(Call.getCallee()->IgnoreParenImpCasts()))
    return Callee->getBase();
  return nullptr;
}

} // namespace clang::tidy::coro
