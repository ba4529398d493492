// RUN: %check_corolint %s coro-capturing-lambda %t -- -- %std_flags -std=c++23 -I%inputs/libraries
// RUN: %check_corolint %s coro-capturing-lambda %t.opt --check-suffixes=OPT --config="{CheckOptions: {coro-capturing-lambda.ContinuationFunctions: 'app::runLater'}}" -- -- %std_flags -std=c++23 -I%inputs/libraries

// A coroutine lambda handed to a continuation (seastar's future::then,
// sharded::invoke_on_all and map_reduce by default; ContinuationFunctions)
// is destroyed once it has returned its future. An eager coroutine has then
// run up to its first suspension: what it reads of its captures after that,
// it reads through the destroyed closure. A lazy task has not run at all.

#include "lazy_task.h"
#include "seastar.h"
#include <string>
#include <utility>
#include <vector>

using seastar::future;

void use(int);
void use(const std::string &);
future<int> gate();
future<int> load(int);

struct Shard {
  future<> flush();
  int Id = 0;
};
struct Sum {
  using result_type = int;
  void operator()(int);
  int get();
};

namespace app {
template <typename Func> future<> runLater(Func F);
} // namespace app

struct Service {
  int Count = 0;
  seastar::sharded<Shard> Shards;

  // `this` read after the first co_await, through the dead closure.
  future<int> afterGate() {
    return gate().then([this](int V) -> future<int> {
    // CHECK-NOTES: :[[@LINE-1]]:24: warning: coroutine lambda handed to 'seastar::future::then' is destroyed once it has returned, but its coroutine reads capture 'this' after it suspends [coro-capturing-lambda]
      int Loaded = co_await load(V);
      // CHECK-NOTES: :[[@LINE-1]]:20: note: the coroutine may first suspend here
      co_return Loaded + Count;
      // CHECK-NOTES: :[[@LINE-1]]:26: note: the coroutine reads the capture here, through the lambda object
    });
  }

  // A capture by reference is reached through the closure too; the call
  // runs a copy of the lambda on each shard.
  future<> everyShard(std::vector<int> &Jobs, int Table) {
    co_await Shards.invoke_on_all([&](Shard &S) -> future<> {
    // CHECK-NOTES: :[[@LINE-1]]:35: warning: coroutine lambda handed to 'seastar::sharded::invoke_on_all' is destroyed once it has returned, but its coroutine reads capture 'Jobs' after it suspends
      use(Table);
      co_await S.flush();
      // CHECK-NOTES: :[[@LINE-1]]:7: note: the coroutine may first suspend here
      Jobs.push_back(S.Id);
      // CHECK-NOTES: :[[@LINE-1]]:7: note: the coroutine reads the capture here, through the lambda object
    });
  }

  // In a loop, a read written before the co_await runs after it too.
  future<int> inALoop(std::string Name) {
    co_return co_await Shards.map_reduce(Sum(), [Key = Name](Shard &S) -> future<int> {
    // CHECK-NOTES: :[[@LINE-1]]:49: warning: coroutine lambda handed to 'seastar::sharded::map_reduce' is destroyed once it has returned, but its coroutine reads capture 'Key' after it suspends
      int Total = 0;
      for (int I = 0; I < 3; ++I) {
        // CHECK-NOTES: :[[@LINE+3]]:18: note: the coroutine may first suspend here
        // CHECK-NOTES: :[[@LINE+1]]:13: note: the coroutine reads the capture here, through the lambda object
        use(Key);
        Total += co_await load(I);
      }
      co_return Total;
    });
  }

  // A local lambda moved (or copied) into the continuation.
  future<int> local(int Base) {
    auto Step = [Base](int V) -> future<int> {
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: coroutine lambda handed to 'seastar::future::then' is destroyed once it has returned, but its coroutine reads capture 'Base' after it suspends
      int Loaded = co_await load(V);
      // CHECK-NOTES: :[[@LINE-1]]:20: note: the coroutine may first suspend here
      co_return Loaded + Base;
      // CHECK-NOTES: :[[@LINE-1]]:26: note: the coroutine reads the capture here, through the lambda object
    };
    return gate().then(std::move(Step));
  }

  // A helper that hands its callable on to a continuation.
  template <typename Func> auto underGate(Func F) {
    return gate().then([F = std::move(F)](int) mutable { return F(); });
  }
  future<int> throughHelper() {
    co_return co_await underGate([this]() -> future<int> {
    // CHECK-NOTES: :[[@LINE-1]]:34: warning: coroutine lambda handed to 'Service::underGate' is destroyed once it has returned, but its coroutine reads capture 'this' after it suspends
    // CHECK-NOTES: :94:12: note: 'Service::underGate' hands the lambda to 'seastar::future::then', which destroys it once it has returned
      int Loaded = co_await load(1);
      // CHECK-NOTES: :[[@LINE-1]]:20: note: the coroutine may first suspend here
      co_return Loaded + Count;
      // CHECK-NOTES: :[[@LINE-1]]:26: note: the coroutine reads the capture here, through the lambda object
    });
  }

  // A lazy task has read nothing yet when the lambda is destroyed.
  auto lazy(int Key) {
    return gate().then([Key](int) -> lib::Task<int> { co_return Key; });
    // CHECK-NOTES: :[[@LINE-1]]:24: warning: coroutine lambda handed to 'seastar::future::then' is destroyed once it has returned, but its lazy task reads capture 'Key' later
    // CHECK-NOTES: :[[@LINE-2]]:65: note: the coroutine reads the capture here, through the lambda object
  }

  // A user's continuation, named in the option.
  future<> userContinuation(int Key) {
    return app::runLater([Key]() -> future<> {
    // CHECK-NOTES-OPT: :[[@LINE-1]]:26: warning: coroutine lambda handed to 'app::runLater' is destroyed once it has returned, but its coroutine reads capture 'Key' after it suspends
      co_await seastar::yield();
      // CHECK-NOTES-OPT: :[[@LINE-1]]:7: note: the coroutine may first suspend here
      use(Key);
      // CHECK-NOTES-OPT: :[[@LINE-1]]:11: note: the coroutine reads the capture here, through the lambda object
    });
  }
};

// In a template nobody instantiates: the call on a dependent sharded<S> is
// named by the class template and the member written.
template <typename S> future<> eachShard(seastar::sharded<S> &Shards, int N) {
  co_await Shards.invoke_on_all([N](S &Each) -> future<> {
  // CHECK-NOTES: :[[@LINE-1]]:33: warning: coroutine lambda handed to 'seastar::sharded::invoke_on_all' is destroyed once it has returned, but its coroutine reads capture 'N' after it suspends
    co_await seastar::yield();
    // CHECK-NOTES: :[[@LINE-1]]:5: note: the coroutine may first suspend here
    use(N);
    // CHECK-NOTES: :[[@LINE-1]]:9: note: the coroutine reads the capture here, through the lambda object
  });
}

//===--- Look-alikes -------------------------------------------------------===//

struct Quiet {
  int Count = 0;
  seastar::sharded<Shard> Shards;

  // The captures read only before the first suspension (moved into a
  // local of the coroutine first: the frame holds it).
  future<int> readBefore(std::string Name) {
    co_return co_await Shards.map_reduce(Sum(), [Key_ = Name](Shard &S) mutable -> future<int> {
      std::string Key = std::move(Key_);
      int Total = 0;
      for (int I = 0; I < 3; ++I) {
        use(Key);
        Total += co_await load(I);
      }
      co_return Total;
    });
  }

  // A do-while that never runs again (`while (false)`, or Boost.Test's
  // `while (dummy_cond())`): the read before the co_await runs once.
  static bool neverAgain() { return false; }
  future<int> notALoop(int Key) {
    return gate().then([Key](int V) -> future<int> {
      do {
        use(Key);
        co_await seastar::yield();
      } while (neverAgain());
      co_return V;
    });
  }
  future<int> notALoopEither(int Key) {
    return gate().then([Key](int V) -> future<int> {
      do {
        use(Key);
        co_await seastar::yield();
      } while (false);
      co_return V;
    });
  }

  // C++23: the lambda copied into the frame (`this auto`).
  future<int> copiedIntoFrame() {
    return gate().then([this](this auto, int V) -> future<int> {
      int Loaded = co_await load(V);
      co_return Loaded + Count;
    });
  }

  // coroutine::lambda keeps the lambda alive while the caller awaits.
  future<> wrapped(int Table) {
    co_await Shards.invoke_on_all(seastar::coroutine::lambda([&](Shard &S) -> future<> {
      co_await S.flush();
      use(Table);
    }));
  }

  // No captures; a plain lambda returning a future; no suspension.
  future<int> noCaptures() {
    return gate().then([](int V) -> future<int> {
      co_await seastar::yield();
      co_return V;
    });
  }
  future<int> notACoroutine(int Key) {
    return gate().then([Key](int V) { return load(V + Key); });
  }
  future<int> neverSuspends(int Key) {
    return gate().then([Key](int V) -> future<int> { co_return V + Key; });
  }

  // Not a continuation: futurize_invoke calls the lambda at once, and the
  // caller's temporary lives until the co_await completes; finally() is
  // not in the list; a helper that calls its parameter itself.
  template <typename Func> auto callNow(Func F) { return F(); }
  future<> notContinuations(int Key) {
    co_await seastar::futurize_invoke([Key]() -> future<> {
      co_await seastar::yield();
      use(Key);
    });
    co_await gate().finally([Key]() -> future<> {
      co_await seastar::yield();
      use(Key);
    });
    co_await callNow([Key]() -> future<> {
      co_await seastar::yield();
      use(Key);
    });
  }
};
