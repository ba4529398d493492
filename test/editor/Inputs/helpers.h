#pragma once
// Helpers a file includes: clangd parses this header into its preamble,
// with function bodies skipped.
#include "lazy_task.h"
#include <chrono>
#include <coroutine>
#include <thread>

inline void pauseBriefly() {
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

template <class Duration> void pauseFor(Duration D) {
  std::this_thread::sleep_for(D);
}

template <class T> void settleThen(T) {
  pauseBriefly();
}

// What an `if constexpr` on the template's parameters picks: a template's
// facts would stand for every instantiation, so none are kept.
struct Quiet {
  static constexpr bool Blocking = false;
};
template <class Policy> void maybePause() {
  if constexpr (Policy::Blocking)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

struct Poller {
  void settle() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }
  void tick() {}
};

inline auto napper = [] {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
};

// A promise whose initial awaiter is its own type: lazy only because
// await_ready() returns false, in a body the preamble skipped.
struct StartLater {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
struct StartNow {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
struct LaterTask {
  struct promise_type {
    LaterTask get_return_object() { return {}; }
    StartLater initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
struct NowTask {
  struct promise_type {
    NowTask get_return_object() { return {}; }
    StartNow initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
LaterTask computeLater();
NowTask computeNow();
