// A class left invalid by a header that is missing (here: a member of a
// template that is declared and never defined, as when the header that
// defines it was not found). Its destructor's graph would ask the member's
// incomplete type for a destructor: the checks skip code parsed with errors
// instead of crashing, in both front ends, and report the rest of the unit.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/bounded.py --exit 3 --memory 4096 --seconds 300 -- %corolint %s -- %std_flags > %t/tool.txt
// RUN: FileCheck %s < %t/tool.txt
// RUN: %python %S/bounded.py --exit 1 --memory 4096 --seconds 300 -- %clang_tidy_plugin --checks=-*,coro-* %s -- %std_flags > %t/plugin.txt
// RUN: FileCheck %s --check-prefix=PLUGIN < %t/plugin.txt

#include "lazy_task.h"
#include <exception>
#include <thread>

namespace lib {
template <class T> struct atomic_box; // Its definition was not found.
} // namespace lib

struct Scope {
  ~Scope() {
    auto Bits = Bits_.load();
    if (!destructible(Bits))
      std::terminate();
  }
  static bool destructible(unsigned long) noexcept;
  void close() noexcept;
  lib::atomic_box<unsigned long> Bits_;
};

void closeScope(Scope &S) {
  auto Bits = S.Bits_.load();
  S.close();
}

lib::Task<int> fetch(int);

lib::Task<> caller(Scope &S) {
  closeScope(S);
  fetch(1);
  co_await fetch(2);
}

// CHECK-NOT: Stack dump
// CHECK: corolint: 1 file analysed, 1 failed to compile, 1 finding (coro-discarded-task: 1)
// CHECK: invalid-class.cpp:[[@LINE-6]]:3: warning: lazy task returned by 'fetch' is discarded
// CHECK-NOT: Stack dump

// PLUGIN-NOT: Stack dump
// PLUGIN: invalid-class.cpp:[[@LINE-10]]:3: warning: lazy task returned by 'fetch' is discarded
// PLUGIN-NOT: Stack dump
