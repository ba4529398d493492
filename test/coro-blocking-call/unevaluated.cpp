// RUN: %check_corolint %s coro-blocking-call %t -- -- %std_flags

// Calls that never run are no blocking calls: in a requires-expression,
// decltype, sizeof, noexcept, and in the discarded branch of if constexpr
// (reduced from a real server whose start() tested `requires { pool.run(); }`).

#include "lazy_task.h"
#include <thread>

struct Pool {
  void run() {
    std::thread Worker([] {});
    Worker.join();
  }
};

struct Server {
  Pool Workers;
  std::thread Background;
  void start() {
    if constexpr (requires(Pool &P) { P.run(); })
      Background = std::thread([this] { Workers.run(); });
  }
  void inspect() {
    using Result = decltype(Workers.run());
    constexpr bool Quiet = noexcept(Workers.run());
    static_assert(sizeof(Workers.run(), 0) > 0);
    if constexpr (false)
      Workers.run();
    (void)Quiet;
  }
};

lib::Task<> serve(Server &S, std::thread &T) {
  S.start();
  S.inspect();
  using R = decltype(T.join());
  if constexpr (requires { T.join(); }) {
  }
  if constexpr (sizeof(int) == 0)
    T.join();
  co_return;
}

// The taken branch of if constexpr does run.
lib::Task<> taken(std::thread &T) {
  if constexpr (sizeof(int) > 0)
    T.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::thread::join' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
  co_return;
}
