// RUN: %check_corolint %s coro-blocking-call %t -- -- %std_flags

// A helper blocks its caller only through calls on paths that return to
// it: a logger whose fatal path runs a command before exit() does not block
// the coroutine that logs.

#include "lazy_task.h"
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <thread>

using namespace std::chrono_literals;

enum class Level { Info, Fatal };

// The fatal path dumps a stack trace through a child process, then exits.
void log(Level L, const char *Message) {
  std::fputs(Message, stderr);
  if (L == Level::Fatal) {
    if (FILE *Trace = popen("gdb -batch -ex bt", "r"))
      pclose(Trace);
    std::exit(1);
  }
}

// A [[noreturn]] fatal handler of the user's own.
[[noreturn]] void die(const char *Why) {
  std::system("notify-admin");
  std::abort();
}

void check(bool Ok) {
  if (!Ok)
    die("check failed");
}

// Throwing paths do not return either.
void validate(int Value) {
  if (Value < 0) {
    std::this_thread::sleep_for(10ms); // back off before reporting
    throw std::invalid_argument("negative");
  }
}

lib::Task<int> fetch(int);

lib::Task<int> quiet(int Id) {
  log(Level::Info, "fetching");
  check(Id != 0);
  validate(Id);
  if (Id > 100)
    die("out of range");
  co_return co_await fetch(Id);
}

// A blocking call on a path that returns is still found, with the chain.
void logAndWait(Level L) {
  log(L, "waiting");
  std::this_thread::sleep_for(1ms);
}

lib::Task<int> loud(int Id) {
  logAndWait(Level::Info);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'logAndWait' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for' [coro-blocking-call]
  // CHECK-NOTES: :61:3: note: 'logAndWait' calls 'std::this_thread::sleep_for' here
  co_return co_await fetch(Id);
}

// A loop with no way out keeps the caller waiting: it counts.
void pollForever() {
  for (;;)
    std::this_thread::sleep_for(1s);
}

lib::Task<> poller() {
  pollForever();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'pollForever' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for' [coro-blocking-call]
  // CHECK-NOTES: :74:5: note: 'pollForever' calls 'std::this_thread::sleep_for' here
  co_return;
}

// In the coroutine itself too: a blocking call right before abort() is not
// reported; one before a co_return is.
lib::Task<> direct(bool Broken) {
  if (Broken) {
    std::system("collect-core-dump");
    std::abort();
  }
  std::system("touch ready");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'system' blocks the executor thread on a child process inside a coroutine [coro-blocking-call]
  co_return;
}

// Templates: the same judgement in a class template nobody instantiates.
template <typename T> struct Service {
  lib::Task<T> serve(T Id) {
    log(Level::Info, "serving");
    logAndWait(Level::Info);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: call to 'logAndWait' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for' [coro-blocking-call]
    // CHECK-NOTES: :61:3: note: 'logAndWait' calls 'std::this_thread::sleep_for' here
    co_return Id;
  }
};

// A fatal message object that ends the program from its destructor (the
// shape of glog's LogMessageFatal, here a named local): what runs before it
// is destroyed is on a path that never returns. An object whose destructor
// returns is a look-alike: the sleep before it blocks.
struct FatalMessage {
  [[noreturn]] ~FatalMessage() { std::abort(); }
  void append(const char *Text) { std::fputs(Text, stderr); }
};
struct InfoMessage {
  ~InfoMessage() { std::fputs("\n", stderr); }
  void append(const char *Text) { std::fputs(Text, stderr); }
};

void failHard(const char *Why) {
  FatalMessage Message;
  Message.append(Why);
  std::this_thread::sleep_for(100ms); // let the other threads log first
}

void noteSlowly(const char *What) {
  InfoMessage Message;
  Message.append(What);
  std::this_thread::sleep_for(100ms);
}

lib::Task<int> guarded(int Id) {
  if (Id < 0)
    failHard("negative id");
  noteSlowly("guarded");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'noteSlowly' sleeps the executor thread inside a coroutine: it calls 'std::this_thread::sleep_for' [coro-blocking-call]
  // CHECK-NOTES: :[[@LINE-8]]:3: note: 'noteSlowly' calls 'std::this_thread::sleep_for' here
  co_return co_await fetch(Id);
}
