// RUN: %check_corolint %s coro-sequential-await %t -- -- %std_flags

// Operations called through function objects (customisation-point objects)
// are named by the object, not by 'operator()'.

#include "lazy_task.h"

namespace api {
struct fetch_fn {
  lib::Task<int> operator()(int Id) const;
};
inline constexpr fetch_fn fetch{};
} // namespace api

lib::Task<int> both() {
  auto A = co_await api::fetch(1);
  auto B = co_await api::fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: independent operations 'fetch' and 'fetch' are awaited one after another; awaiting them together with 'lib::when_all' would overlap them [coro-sequential-await]
  // CHECK-FIXES: {{^}}  auto [A, B] = co_await lib::when_all(api::fetch(1), api::fetch(2));{{$}}
  co_return A + B;
}
