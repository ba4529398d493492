#ifndef COROLINT_CHECKS_BLOCKINGCALLCHECK_H
#define COROLINT_CHECKS_BLOCKINGCALLCHECK_H
#include "clang-tidy/ClangTidyCheck.h"
namespace clang::tidy::coro {
class BlockingCallCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
};
} // namespace clang::tidy::coro
#endif
