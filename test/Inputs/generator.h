// A minimal lazy generator (the shape of std::generator / cppcoro::generator).
#ifndef COROLINT_TEST_GENERATOR_H
#define COROLINT_TEST_GENERATOR_H

#include <coroutine>
#include <exception>

namespace gen {

template <typename T> class Generator {
public:
  struct promise_type {
    T Current{};
    Generator get_return_object() {
      return Generator(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T V) noexcept {
      Current = V;
      return {};
    }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  explicit Generator(std::coroutine_handle<promise_type> H) : Handle(H) {}
  Generator(Generator &&Other) noexcept : Handle(Other.Handle) { Other.Handle = {}; }
  ~Generator() {
    if (Handle)
      Handle.destroy();
  }
  bool next() {
    Handle.resume();
    return !Handle.done();
  }
  T value() const { return Handle.promise().Current; }

private:
  std::coroutine_handle<promise_type> Handle;
};

} // namespace gen

#endif
