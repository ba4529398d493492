// RUN: %check_corolint %s coro-blocking-call %t -- -- %std_flags

#include "lazy_task.h"
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/wait.h>

lib::Task<> blockingIO(int Fd, sockaddr *Addr, socklen_t Len) {
  char Buffer[64];
  recv(Fd, Buffer, sizeof(Buffer), 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' blocks the executor thread on I/O inside a coroutine [coro-blocking-call]
  recvfrom(Fd, Buffer, sizeof(Buffer), 0, Addr, &Len);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recvfrom' blocks the executor thread on I/O
  msghdr Message{};
  recvmsg(Fd, &Message, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recvmsg' blocks the executor thread on I/O
  accept(Fd, Addr, &Len);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'accept' blocks the executor thread on I/O
  accept4(Fd, Addr, &Len, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'accept4' blocks the executor thread on I/O
  connect(Fd, Addr, Len);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'connect' blocks the executor thread on I/O
  select(Fd + 1, nullptr, nullptr, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'select' blocks the executor thread on I/O
  pollfd Poll{Fd, POLLIN, 0};
  poll(&Poll, 1, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'poll' blocks the executor thread on I/O
  epoll_event Events[4];
  epoll_wait(Fd, Events, 4, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'epoll_wait' blocks the executor thread on I/O
  co_return;
}

lib::Task<> processes(pid_t Child) {
  system("true");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'system' blocks the executor thread on a child process inside a coroutine
  FILE *Pipe = popen("true", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'popen' blocks the executor thread on a child process
  int Status = 0;
  waitpid(Child, &Status, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'waitpid' blocks the executor thread on a child process
  wait(&Status);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'wait' blocks the executor thread on a child process
  pclose(Pipe);
  co_return;
}

// Members and namespaced functions with the same names are someone else's.
namespace net {
lib::Task<int> connect(int);
int poll(int);
}
struct Socket {
  int recv(char *, int);
  int accept();
};
lib::Task<> lookAlikes(Socket &S) {
  co_await net::connect(1);
  net::poll(1);
  char Buffer[8];
  S.recv(Buffer, 8);
  S.accept();
}
