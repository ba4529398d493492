// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags
// The `co_await` fix is offered only where it compiles: the task is
// awaitable by itself (await_ready, a member operator co_await), through an
// operator co_await of its namespace, or through the coroutine's
// await_transform. A lazy task awaitable in none of these ways (a job that
// must be started through a scheduler) is flagged with a note and no fix:
// the fixed file would not compile.

#include <coroutine>
#include <exception>

namespace jobs {
// Lazy, and not awaitable: its promise has no await_transform, the type no
// await_ready and no operator co_await.
struct Job {
  struct promise_type {
    Job get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};
Job step(int);
void schedule(Job);

Job pipeline() {
  step(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: lazy task returned by 'jobs::step' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: a lazy task starts only when awaited: 'co_await' it inside a coroutine, or hand it to an executor or scope that starts it
  schedule(step(2));
  co_return;
}

template <typename T> Job templated(T V) {
  step(V);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: lazy task returned by 'jobs::step' is discarded
  // CHECK-NOTES: :[[@LINE-2]]:3: note: a lazy task starts only when awaited
  co_return;
}
} // namespace jobs

namespace freeop {
// Awaitable through an operator co_await of its namespace.
struct Op {
  struct promise_type {
    Op get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};
inline std::suspend_never operator co_await(Op) { return {}; }
Op work(int);

Op caller() {
  work(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: lazy task returned by 'freeop::work' is discarded
  // CHECK-FIXES: {{^}}  co_await work(1);
  co_return;
}
} // namespace freeop

namespace transformed {
// Awaitable only through the caller's await_transform.
struct Lazy {
  struct promise_type {
    Lazy get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
    std::suspend_never await_transform(Lazy) { return {}; }
  };
};
Lazy load(int);

Lazy caller() {
  load(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: lazy task returned by 'transformed::load' is discarded
  // CHECK-FIXES: {{^}}  co_await load(1);
  co_return;
}
} // namespace transformed

namespace lookalikes {
// An operator co_await of the namespace and an await_transform that take
// other types (an executor tag): they do not make the task awaitable, so
// no fix.
struct ExecutorTag {};
struct Deferred {
  struct promise_type {
    Deferred get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
    std::suspend_never await_transform(ExecutorTag) { return {}; }
  };
};
inline std::suspend_never operator co_await(ExecutorTag) { return {}; }
Deferred later(int);

Deferred caller() {
  later(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: lazy task returned by 'lookalikes::later' is discarded
  // CHECK-NOTES: :[[@LINE-2]]:3: note: a lazy task starts only when awaited
  co_await ExecutorTag{};
}
} // namespace lookalikes

namespace generic {
// A generic await_transform (a template parameter) takes the task.
struct Flow {
  struct promise_type {
    Flow get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
    template <typename A> std::suspend_never await_transform(A &&) {
      return {};
    }
  };
};
Flow next(int);

Flow caller() {
  next(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: lazy task returned by 'generic::next' is discarded
  // CHECK-FIXES: {{^}}  co_await next(1);
  co_return;
}
} // namespace generic
