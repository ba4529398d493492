// RUN: %check_corolint %s coro-await-in-loop %t -- -- %std_flags -I%inputs/libraries

// A loop that awaits, one iteration after another, lazy tasks built from the
// loop variable and collects their results, with no dependence between the
// iterations: the library's range combinator would overlap them.

#include "cppcoro.h"
#include "folly_coro.h"
#include <map>
#include <string>
#include <vector>

folly::coro::Task<int> price(int Item);
folly::coro::Task<int> priceIn(int Item, const std::string &Currency);
cppcoro::task<std::string> load(const std::string &Key);

folly::coro::Task<std::vector<int>> collectsByPushBack(std::vector<int> Items) {
  std::vector<int> Prices;
  for (int Item : Items)
    Prices.push_back(co_await price(Item));
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: each iteration awaits 'price' before the next one starts, although the iterations do not depend on each other; collect the tasks and await them together with 'folly::coro::collectAllRange' [coro-await-in-loop]
  co_return Prices;
}

folly::coro::Task<int> accumulates(std::vector<int> Items, std::string Currency) {
  int Total = 0;
  for (int Item : Items) {
    int P = co_await priceIn(Item, Currency);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: each iteration awaits 'priceIn' {{.*}} with 'folly::coro::collectAllRange'
    Total += P;
  }
  co_return Total;
}

folly::coro::Task<std::vector<int>> countedLoop(int N) {
  std::vector<int> Prices(N);
  for (int I = 0; I < N; ++I)
    Prices[I] = co_await price(I);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: each iteration awaits 'price' {{.*}} with 'folly::coro::collectAllRange'
  co_return Prices;
}

cppcoro::task<std::vector<std::string>> cppcoroLoop(std::vector<std::string> Keys) {
  std::vector<std::string> Values;
  for (const std::string &Key : Keys) {
    auto Value = co_await load(Key);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: each iteration awaits 'load' {{.*}} with 'cppcoro::when_all'
    Values.push_back(std::move(Value));
  }
  co_return Values;
}

template <class T> folly::coro::Task<std::vector<int>> inTemplate(std::vector<T> Items) {
  std::vector<int> Prices;
  for (const T &Item : Items)
    Prices.push_back(co_await price(Item));
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: each iteration awaits 'price'
  co_return Prices;
}
template folly::coro::Task<std::vector<int>> inTemplate<int>(std::vector<int>);

// Not flagged: iterations that depend on each other, exit early, share a
// receiver, do more than collect, or await something else too.
folly::coro::Task<int> dependsOnPrevious(std::vector<int> Items) {
  int Last = 0;
  for (int Item : Items)
    Last = co_await price(Item + Last);
  co_return Last;
}
folly::coro::Task<int> stopsEarly(std::vector<int> Items) {
  int Total = 0;
  for (int Item : Items) {
    int P = co_await price(Item);
    if (P < 0)
      break;
    Total += P;
  }
  co_return Total;
}
struct Client {
  folly::coro::Task<int> get(int);
};
folly::coro::Task<std::vector<int>> sharedReceiver(Client &C, std::vector<int> Items) {
  std::vector<int> Out;
  for (int Item : Items)
    Out.push_back(co_await C.get(Item));
  co_return Out;
}
void log(int);
folly::coro::Task<std::vector<int>> doesMore(std::vector<int> Items) {
  std::vector<int> Out;
  for (int Item : Items) {
    log(Item);
    Out.push_back(co_await price(Item));
  }
  co_return Out;
}
folly::coro::Task<int> notFromLoopVariable(std::vector<int> Items) {
  int Total = 0;
  for (int Item : Items)
    Total += co_await price(42);
  (void)Items;
  co_return Total;
}
folly::coro::Task<std::vector<int>> twoAwaits(std::vector<int> Items) {
  std::vector<int> Out;
  for (int Item : Items)
    Out.push_back(co_await price(Item) + co_await price(Item + 1));
  co_return Out;
}
folly::coro::Task<> resultUnused(std::vector<int> Items) {
  for (int Item : Items)
    co_await price(Item);
}

// A project's own library: a combinator beside the task type that takes a
// container of tasks is found by itself; one that takes a pack is not a
// range combinator.
#include "lazy_task.h"
namespace lib {
template <class T> Task<std::vector<T>> when_all(std::vector<Task<T>> Tasks);
}
lib::Task<int> fetch(int);
lib::Task<std::vector<int>> ownLibrary(std::vector<int> Ids) {
  std::vector<int> Out;
  for (int Id : Ids)
    Out.push_back(co_await fetch(Id));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: each iteration awaits 'fetch' {{.*}} with 'lib::when_all'
  co_return Out;
}

// State the callee may change, passed by reference or pointer, is shared by
// the iterations in order: not reported.
struct Connection {};
folly::coro::Task<int> send(Connection &C, int Message);
folly::coro::Task<int> sendAll(Connection &C, std::vector<int> Messages) {
  int Sent = 0;
  for (int M : Messages)
    Sent += co_await send(C, M);
  co_return Sent;
}
