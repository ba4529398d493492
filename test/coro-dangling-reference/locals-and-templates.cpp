// RUN: %check_corolint %s coro-dangling-reference %t -- -- %std_flags

// A local (or a by-value parameter) of a function that returns the lazy task
// dies when the function returns, before the task runs. In templates, the
// instantiations are checked, and calls in uninstantiated templates whose
// callee is known; each location is reported once.

#include "eager_task.h"
#include "lazy_task.h"
#include <string>
#include <string_view>

lib::Task<int> byRef(const std::string &S) { co_return (int)S.size(); }
lib::Task<int> byView(std::string_view S) { co_return (int)S.size(); }
std::string name();

lib::Task<int> returnsLocal() {
  std::string Local = name();
  return byRef(Local);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Local' is destroyed when 'returnsLocal' returns, but the lazy task it returns reads it through parameter 'S' of 'byRef' [coro-dangling-reference]
}

lib::Task<int> returnsByValueParameter(std::string P) {
  return byView(P);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'P' is destroyed when 'returnsByValueParameter' returns, but the lazy task it returns reads it through parameter 'S' of 'byView' [coro-dangling-reference]
}

// Safe: the caller's object, a static, or awaited before returning.
lib::Task<int> returnsCallersObject(const std::string &P) { return byRef(P); }
lib::Task<int> returnsStatic() {
  static std::string Kept = "x";
  return byRef(Kept);
}
lib::Task<int> awaitsBeforeReturning() {
  std::string Local = name();
  co_return co_await byRef(Local);
}

// Templates: a coroutine template called with a temporary, in an
// instantiated function template and in one never instantiated.
template <class T> lib::Task<int> generic(const T &Value) { co_return (int)sizeof(Value); }
template <class T> lib::Task<int> storesGeneric() {
  auto A = generic(T{});
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: temporary bound to reference parameter 'Value' of lazy coroutine 'generic<int>' is destroyed
  co_return co_await A;
}
template lib::Task<int> storesGeneric<int>();
template <class T> lib::Task<int> neverInstantiated(T) {
  auto A = byRef(name());
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: temporary bound to reference parameter 'S' of lazy coroutine 'byRef' is destroyed
  co_return co_await A;
}

// A coroutine lambda's reference parameters too.
lib::Task<int> lambdaParameters() {
  auto Read = [](const std::string &S) -> lib::Task<int> { co_return (int)S.size(); };
  auto A = Read(name());
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: temporary bound to reference parameter 'S' of a lazy coroutine lambda is destroyed
  co_return co_await A + co_await Read(name());
}

// Eager tasks run to their first suspension at once: not reported.
eager::Future<int> startsAtOnce(const std::string &S) { co_return (int)S.size(); }
void startsEagerly() { auto E = startsAtOnce(name()); (void)E; }

// A view forwarded, or a temporary view converted to another view: what
// they refer to belongs to somebody else and lives on.
#include <span>
lib::Task<int> bySpan(std::span<const int> S) { co_return (int)S.size(); }
std::span<int> borrowed();
lib::Task<int> forwardsView(std::string_view Name) { return byView(Name); }
lib::Task<int> localView() {
  std::string_view Literal = "literal";
  return byView(Literal);
}
lib::Task<int> convertsTemporaryView() { return bySpan(borrowed()); }

