// RUN: %check_corolint %s coro-dangling-reference %t -- -- %std_flags

// Template code as written: a call left to the instantiation because an
// argument depends on the template parameters. When it has one candidate
// (a lambda called where it is written, a qualified function template, a
// member of the class template itself), a prvalue of a known type passed to
// its reference or view parameter is a temporary, whatever the
// instantiation: reported as for code that is not a template. A dependent
// argument may be a reference, several overloads leave the parameter to the
// instantiation, and argument-dependent lookup may add candidates: quiet.

#include "lazy_task.h"
#include <string>
#include <string_view>
#include <utility>

template <typename U> lib::Task<int> fetch(const U &);

namespace app {
template <typename Key>
lib::Task<> store(const std::string &Name, Key K) {
  co_await fetch(Name);
  co_await fetch(K);
}
template <typename Key> lib::Task<> overloaded(const std::string &Name, Key K) {
  co_await fetch(Name);
}
template <typename Key> lib::Task<> overloaded(std::string Name, Key K, int) {
  co_await fetch(Name);
}
} // namespace app

template <typename Key> class Index {
public:
  template <typename U> void add(Key K, U Extra) {
    lib::spawn(app::store(std::string("index"), K));
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: temporary bound to reference parameter 'Name' of lazy coroutine 'store' is destroyed at the end of the full-expression, but the task is passed on and runs later [coro-dangling-reference]
    lib::spawn(this->write(std::string("log"), Extra));
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: temporary bound to view parameter 'Text' of lazy coroutine 'write' is destroyed at the end of the full-expression, but the task is passed on and runs later [coro-dangling-reference]
    lib::spawn([](const std::string &Name) -> lib::Task<> {
      co_await fetch(Name);
    }(std::string(K.name())));
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: temporary bound to reference parameter 'Name' of a lazy coroutine lambda is destroyed at the end of the full-expression, but the task is passed on and runs later [coro-dangling-reference]
  }
  template <typename U> lib::Task<> later(Key K, U Extra) {
    return app::store(std::string("later"), Extra);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: temporary bound to reference parameter 'Name' of lazy coroutine 'store' is destroyed at the end of the full-expression, but the task is returned and runs later
  }

  // Look-alikes.
  template <typename U> lib::Task<> quiet(Key K, U Extra) {
    // Awaited in the full-expression: the temporary outlives the task.
    co_await app::store(std::string("now"), K);
    co_await this->write(std::string("now"), Extra);
    // A dependent argument may be a reference to something that lives on.
    lib::spawn(app::store(K.name(), K));
    lib::spawn([](const std::string &Name) -> lib::Task<> {
      co_await fetch(Name);
    }(K.name()));
    // Several candidates: the instantiation picks the parameter.
    lib::spawn(app::overloaded(std::string("x"), K));
    // Unqualified: argument-dependent lookup may add candidates.
    lib::spawn(store(std::string("x"), K));
    // A by-value parameter keeps its own copy.
    lib::spawn([](std::string Name) -> lib::Task<> {
      co_await fetch(Name);
    }(std::string(K.name())));
  }

private:
  template <typename U> lib::Task<> write(std::string_view Text, U Extra) {
    co_await fetch(Text);
  }
};

template <typename Key> lib::Task<> store(const std::string &Name, Key K);
