// REQUIRES: qcoro
// RUN: %check_corolint %s 'coro-*' %t -- -- %std_flags -fPIC %qcoro_flags
// Every check on Debian's real QCoro 0.8 (qcoro-qt6-dev, Qt 6): its Task<T>
// is eager (TaskPromiseBase::initial_suspend returns std::suspend_never),
// and QCoro::waitFor runs a nested event loop until a task finishes.

#include <QCoro/QCoroTask>
#include <QCoro/QCoroTimer>
#include <QTimer>
#include <chrono>
#include <mutex>
#include <thread>

QCoro::Task<int> fetch(int);
std::mutex Mu;

// coro-discarded-task: an eager task runs without being awaited: quiet.
QCoro::Task<> start() {
  fetch(1);
  auto Running = fetch(2);
  co_return;
}

// coro-lock-across-suspend
QCoro::Task<> locks() {
  std::lock_guard<std::mutex> Guard(Mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: thread lock 'Guard' on 'Mu' is held across a suspension point [coro-lock-across-suspend]
  co_await fetch(3);
}

// coro-blocking-call
QCoro::Task<> blocks() {
  QCoro::waitFor(fetch(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'QCoro::waitFor' waits synchronously on a task inside a coroutine [coro-blocking-call]
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' sleeps the executor thread inside a coroutine [coro-blocking-call]
  QTimer Timer;
  Timer.start(std::chrono::milliseconds(1));
  co_await Timer;
}

// coro-sequential-await: eager tasks are not operations it combines.
QCoro::Task<int> both() {
  auto A = co_await fetch(5);
  auto B = co_await fetch(6);
  co_return A + B;
}

// Outside coroutines, waitFor is how QCoro code is run: quiet.
int main() { return QCoro::waitFor(fetch(7)); }
