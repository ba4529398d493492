#ifndef COROLINT_CHECKS_LOCKACROSSSUSPENDCHECK_H
#define COROLINT_CHECKS_LOCKACROSSSUSPENDCHECK_H
#include "clang-tidy/ClangTidyCheck.h"
namespace clang::tidy::coro {
class LockAcrossSuspendCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
};
} // namespace clang::tidy::coro
#endif
