// RUN: %check_corolint %s coro-blocking-call %t -- -- %std_flags

#include "lazy_task.h"
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <future>
#include <latch>
#include <mutex>
#include <semaphore>
#include <thread>

using namespace std::chrono_literals;

lib::Task<> waits(std::thread &T, std::jthread &J, std::future<int> &F,
                  std::shared_future<int> &SF, std::condition_variable &CV,
                  std::condition_variable_any &CVA, std::mutex &M,
                  std::counting_semaphore<4> &Sem, std::binary_semaphore &Bin,
                  std::latch &L, std::barrier<> &B) {
  T.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::thread::join' blocks the executor thread while it waits inside a coroutine [coro-blocking-call]
  J.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::jthread::join' blocks the executor thread while it waits
  int V = F.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'std::future::get' blocks the executor thread while it waits
  F.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::future::wait' blocks the executor thread while it waits
  F.wait_for(5s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::future::wait_for' blocks the executor thread while it waits
  F.wait_until(std::chrono::steady_clock::now() + 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::future::wait_until' blocks the executor thread while it waits
  SF.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::shared_future::get' blocks the executor thread while it waits
  std::unique_lock<std::mutex> Lock(M);
  CV.wait(Lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait' blocks the executor thread while it waits
  CV.wait_for(Lock, 1s, [] { return true; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait_for' blocks the executor thread while it waits
  CVA.wait(Lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::condition_variable_any::wait' blocks the executor thread while it waits
  Sem.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::counting_semaphore::acquire' blocks the executor thread while it waits
  Bin.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::counting_semaphore::acquire' blocks the executor thread while it waits
  L.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::latch::wait' blocks the executor thread while it waits
  B.arrive_and_wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::barrier::arrive_and_wait' blocks the executor thread while it waits
  (void)V;
  co_return;
}

// Polling with a zero (or negative) timeout returns at once: not blocking.
lib::Task<> polls(std::future<int> &F, std::condition_variable &CV,
                  std::unique_lock<std::mutex> &Lock) {
  F.wait_for(0s);
  F.wait_for(std::chrono::milliseconds(0));
  F.wait_for(std::chrono::seconds::zero());
  CV.wait_for(Lock, 0ms);
  F.wait_until(std::chrono::steady_clock::time_point{});
  // Non-blocking cousins.
  bool Ready = F.valid();
  std::thread T;
  bool CanJoin = T.joinable();
  (void)Ready;
  (void)CanJoin;
  co_return;
}
