#ifndef COROLINT_CHECKS_SEQUENTIALAWAITCHECK_H
#define COROLINT_CHECKS_SEQUENTIALAWAITCHECK_H
#include "clang-tidy/ClangTidyCheck.h"
namespace clang::tidy::coro {
class SequentialAwaitCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
};
} // namespace clang::tidy::coro
#endif
