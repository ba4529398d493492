// RUN: %check_corolint %s coro-discarded-task %t -- -- %std_flags

// Template code as written: a discarded call whose type depends on the
// template's parameters is classified by name lookup where the template is
// defined, when every candidate is declared to return a lazy task. Members
// of the class template itself (through `this->`, unqualified, on an object
// of the class's own type, on a local deduced from `*this`), member
// templates with explicit arguments, and function templates with explicit
// arguments. One candidate that is not a task, a member a dependent base
// may declare, or an object whose type is not the current instantiation
// keeps the call unknown: quiet.

#include "lazy_task.h"
#include <utility>

template <bool Flag, typename U> lib::Task<int> impl_op(U);
template <bool Flag> lib::Task<int> impl_op(int, int);
template <bool Flag, typename U> int mixed_op(U);
template <bool Flag> lib::Task<int> mixed_op(int, int);

template <typename T> struct Base {
  lib::Task<> inherited(T);
  int overloaded(T, T);
};

template <typename T> class Service : public Base<T> {
public:
  lib::Task<> member(T);
  lib::Task<> member(T, int);
  lib::Task<> mixed(T);
  int mixed(T, int);
  template <typename U> lib::Task<U> get();
  using Base<T>::overloaded;
  lib::Task<> overloaded(T);
  struct Inner {
    lib::Task<> go(T);
  };

  lib::Task<> discards(T X, Service &Obj, Service<T> *Ptr) {
    this->member(X);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by 'Service::member' is discarded; the coroutine never runs [coro-discarded-task]
    // CHECK-FIXES: {{^}}    co_await this->member(X);{{$}}
    member(X);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by 'Service::member' is discarded; the coroutine never runs [coro-discarded-task]
    // CHECK-FIXES: {{^}}    co_await member(X);{{$}}
    this->member(X, 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by 'Service::member' is discarded; the coroutine never runs [coro-discarded-task]
    Obj.template get<T>();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by 'Service::get' is discarded; the coroutine never runs [coro-discarded-task]
    // CHECK-FIXES: {{^}}    co_await Obj.template get<T>();{{$}}
    Ptr->template get<int>();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by 'Service::get' is discarded; the coroutine never runs [coro-discarded-task]
    this->template get<T>();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by 'Service::get' is discarded; the coroutine never runs [coro-discarded-task]
    // A local whose type is deduced from `*this`: clang leaves the member
    // to the instantiation; the class template declares it.
    auto &Self = *this;
    Self.member(X);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by 'Service::member' is discarded; the coroutine never runs [coro-discarded-task]
    // CHECK-FIXES: {{^}}    co_await Self.member(X);{{$}}
    Self.template get<T>();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by 'Service::get' is discarded; the coroutine never runs [coro-discarded-task]
    auto *Me = this;
    Me->member(X, 2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by 'Service::member' is discarded; the coroutine never runs [coro-discarded-task]
    co_return;
  }

  // Function templates with explicit template arguments.
  lib::Task<> explicitArguments(T X) {
    impl_op<true>(X);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by 'impl_op' is discarded; the coroutine never runs [coro-discarded-task]
    // CHECK-FIXES: {{^}}    co_await impl_op<true>(X);{{$}}
    impl_op<sizeof(T) == 4>(1, 2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: lazy task returned by 'impl_op' is discarded; the coroutine never runs [coro-discarded-task]
    co_return;
  }

  // A local made by a dependent member call and never used.
  lib::Task<> unusedLocals(T X) {
    auto Pending = this->member(X);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: lazy task 'Pending' is never awaited, started or passed on; the coroutine never runs [coro-discarded-task]
    auto &Self = *this;
    auto Other = Self.template get<T>();
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: lazy task 'Other' is never awaited, started or passed on; the coroutine never runs [coro-discarded-task]
    co_return;
  }

  // Look-alikes: awaited, stored and awaited later, passed on.
  lib::Task<> used(T X, Service &Obj) {
    co_await this->member(X);
    co_await member(X, 3);
    co_await Obj.template get<T>();
    co_await impl_op<false>(X);
    auto Later = this->member(X);
    co_await std::move(Later);
    auto &Self = *this;
    auto Pending = Self.member(X);
    co_await std::move(Pending);
    co_await Self.template get<T>();
    lib::spawn(this->member(X));
    lib::spawn(Self.member(X));
  }
  // Returned.
  lib::Task<> returned(T X) { return this->member(X); }
  lib::Task<> returnedFromSelf(T X) {
    auto &Self = *this;
    return Self.member(X);
  }
  lib::Task<T> awaitedAndReturned() { co_return co_await this->template get<T>(); }

  // Look-alikes: candidates that are not all lazy tasks, or not all known.
  lib::Task<> unknown(T X, Inner &In) {
    // One overload returns an int.
    this->mixed(X);
    mixed(X);
    mixed_op<true>(X);
    auto &Self = *this;
    Self.mixed(X);
    // Declared by a dependent base: a specialization of Base may differ.
    this->inherited(X);
    Self.inherited(X);
    // A using-declaration of a dependent base's member brings overloads
    // nobody knows yet.
    this->overloaded(X);
    overloaded(X);
    // A member class may be specialized on its own.
    In.go(X);
    co_return;
  }
};

// Free function templates with explicit template arguments.
template <bool Flag> lib::Task<> dispatch(int X) {
  impl_op<Flag>(X);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'impl_op' is discarded; the coroutine never runs [coro-discarded-task]
  // CHECK-FIXES: {{^}}  co_await impl_op<Flag>(X);{{$}}
  impl_op<!Flag>(X, X);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lazy task returned by 'impl_op' is discarded; the coroutine never runs [coro-discarded-task]
  mixed_op<Flag>(X);
  co_await impl_op<Flag>(X);
  auto Later = impl_op<Flag>(X);
  co_await std::move(Later);
}

// Outside the class, a specialization's members may differ (an explicit
// specialization of Service), and a template parameter's are unknown.
template <typename T> lib::Task<> outside(Service<T> &S, T X) {
  S.member(X);
  co_return;
}
template <typename T> lib::Task<> throughParameter(T &Obj) {
  Obj.member(1);
  Obj.template get<int>();
  co_return;
}

// Instantiated: still reported once, at the written call.
lib::Task<> instantiate(Service<int> &S, Service<long> &L) {
  co_await S.discards(1, S, &S);
  co_await L.discards(2, L, &L);
  co_await dispatch<true>(3);
  co_await dispatch<false>(4);
}
