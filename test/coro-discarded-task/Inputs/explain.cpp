#include "eager_task.h"
#include "lazy_task.h"
#include <coroutine>

namespace vendor {
// A promise declared but not defined in this file.
struct Job {
  struct promise_type;
};
// initial_suspend() returns an awaiter whose await_ready() is not constant.
struct Odd {
  struct promise_type {
    Odd get_return_object();
    struct Maybe {
      bool Ready;
      bool await_ready() { return Ready; }
      void await_suspend(std::coroutine_handle<>);
      void await_resume();
    };
    Maybe initial_suspend();
    std::suspend_always final_suspend() noexcept;
    void return_void();
    void unhandled_exception();
  };
};
} // namespace vendor

lib::Task<int> lazy();
vendor::Job job();
vendor::Odd odd();
vendor::Job &notCreated();
template <typename T> lib::Task<T> inTemplate(T);
