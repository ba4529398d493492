// RUN: %check_corolint %s coro-blocking-call %t --config="{CheckOptions: {coro-blocking-call.BlockingFunctions: 'legacy::readAll;db::.*::query', coro-blocking-call.AllowedFunctions: 'std::this_thread::sleep_for', coro-blocking-call.AsyncReplacements: 'legacy::readAll=co_await lib::sleep_for'}}" -- -- %std_flags

#include "lazy_task.h"
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

[[clang::annotate("corolint::blocking")]] void flushToDisk();
void flushLater();

namespace legacy {
void readAll(std::chrono::milliseconds);
}
namespace db::v2 {
int query(const char *);
}

lib::Task<> configured() {
  flushToDisk();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'flushToDisk' blocks the executor thread inside a coroutine [coro-blocking-call]
  flushLater();
  legacy::readAll(5ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'legacy::readAll' blocks the executor thread inside a coroutine
  // CHECK-FIXES: {{^}}  co_await lib::sleep_for(5ms);{{$}}
  db::v2::query("select 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'db::v2::query' blocks the executor thread inside a coroutine
  // AllowedFunctions takes sleep_for off the list.
  std::this_thread::sleep_for(1ms);
  co_return;
}
