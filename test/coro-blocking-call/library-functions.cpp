// RUN: %check_corolint %s coro-blocking-call %t -- -- %std_flags -I%inputs/libraries
// RUN: %check_corolint %s coro-blocking-call %t.opt --check-suffixes=OPT --config="{CheckOptions: {coro-blocking-call.BlockingFunctions: 'app::flush_all', coro-blocking-call.AllowedFunctions: 'unifex::_sync_wait_cpo::_fn'}}" -- -- %std_flags -I%inputs/libraries

// Library functions are matched by their declaration, never by a bare name:
// a C function is extern "C" or declared in a system header; a function
// object (a customisation-point object such as stdexec::sync_wait) is
// matched by its own name and by its type's, in the defaults and in every
// option; a call that is itself awaited is never a blocking call.

#include "stdexec.h"
#include "unifex.h"
#include <sys/socket.h>

// A user's coroutine that happens to be called `connect`, at global scope.
exec::task<int> connect(const char *Host);
// A user's function called `poll`, in the user's own code.
int poll(const char *Queue);

exec::task<int> userNames() {
  int Fd = co_await connect("db");
  int Items = poll("jobs");
  co_return Fd + Items;
}

// The C library's connect() does block.
exec::task<int> cLibrary(int Fd, const sockaddr *Address) {
  int Result = ::connect(Fd, Address, sizeof(sockaddr));
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'connect' blocks the executor thread on I/O inside a coroutine [coro-blocking-call]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:16: warning: 'connect' blocks the executor thread on I/O inside a coroutine [coro-blocking-call]
  co_return Result;
}

// Synchronous waits through function objects.
exec::task<int> fetch(int);
unifex::task<int> load(int);
exec::task<> waits() {
  stdexec::sync_wait(fetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'stdexec::sync_wait' waits synchronously on a task inside a coroutine [coro-blocking-call]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:3: warning: 'stdexec::sync_wait' waits synchronously on a task inside a coroutine [coro-blocking-call]
  unifex::sync_wait(load(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'unifex::sync_wait' waits synchronously on a task inside a coroutine [coro-blocking-call]
  co_return;
}

// The project's own function object, through BlockingFunctions.
namespace app {
struct flusher {
  void operator()(int Fd) const;
};
inline constexpr flusher flush_all{};
} // namespace app

exec::task<> flushes() {
  app::flush_all(3);
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: 'app::flush_all' blocks the executor thread inside a coroutine [coro-blocking-call]
  co_return;
}

// In a template nobody instantiates, the function object is known too.
template <typename T> exec::task<T> generic(exec::task<T> Work) {
  auto Result = stdexec::sync_wait(std::move(Work));
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'stdexec::sync_wait' waits synchronously on a task inside a coroutine [coro-blocking-call]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:17: warning: 'stdexec::sync_wait' waits synchronously on a task inside a coroutine [coro-blocking-call]
  co_return std::get<0>(*Result);
}

// Outside coroutines: quiet.
int main() {
  stdexec::sync_wait(fetch(4));
  unifex::sync_wait(load(5));
}
