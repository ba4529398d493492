//===--- WorkerProcesses.cpp - workers as forked copies of corolint -------===//
//
// Part of corolint, under the Apache License v2.0 with LLVM Exceptions.
// See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "WorkerProcesses.h"
#include "Files.h"
#include "Worker.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <map>
#include <set>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

namespace corolint {

namespace {

/// The exit code of a worker that could not set itself up.
constexpr int WorkerSetupFailed = 127;

/// The orchestrator's process: the signal handlers below are inherited by
/// every worker, and act only in the orchestrator.
std::atomic<pid_t> Orchestrator{0};
int InterruptedExitCode = 130;

/// The workers running now, for the signal handlers.
std::atomic<pid_t> RunningWorkers[MaxWorkers];

/// The temporary files to remove on an interrupt or a crash: a list that a
/// signal handler can walk while this thread is stopped anywhere (a node is
/// complete before it is published; a path taken back is nulled first).
struct TemporaryFile {
  std::atomic<char *> Path;
  TemporaryFile *Next;
  bool Directory = false; ///< An empty folder of the run's, removed last.
};
std::atomic<TemporaryFile *> Temporaries{nullptr};

/// Async-signal-safe.
void removeTemporaries() {
  for (TemporaryFile *File = Temporaries.load(); File; File = File->Next) {
    char *Path = File->Path.load();
    struct stat Status;
    // Like LLVM's own list: never a directory or a device given as --output.
    if (Path && ::stat(Path, &Status) == 0 && S_ISREG(Status.st_mode) &&
        !File->Directory)
      ::unlink(Path);
  }
  // A folder of the run's own, once the files in it are gone (rmdir
  // removes only empty folders).
  for (TemporaryFile *File = Temporaries.load(); File; File = File->Next)
    if (char *Path = File->Path.load(); Path && File->Directory)
      ::rmdir(Path);
}

/// Async-signal-safe: stops the workers and waits for them (a second at
/// most, then they are killed), so that none writes a file after the
/// orchestrator removed the temporary ones. A worker stopped by SIGTERM
/// removes its own temporaries (LLVM's handler in the worker).
void stopRunningWorkers() {
  for (std::atomic<pid_t> &Slot : RunningWorkers)
    if (pid_t Pid = Slot.load())
      ::kill(Pid, SIGTERM);
  for (int Tick = 0; Tick <= 100; ++Tick) {
    bool Running = false;
    for (std::atomic<pid_t> &Slot : RunningWorkers) {
      pid_t Pid = Slot.load();
      if (!Pid)
        continue;
      if (::waitpid(Pid, nullptr, WNOHANG) == 0) {
        Running = true;
        if (Tick == 100)
          ::kill(Pid, SIGKILL);
      } else {
        Slot.store(0);
      }
    }
    if (!Running)
      return;
    struct timespec TenMilliseconds = {0, 10 * 1000 * 1000};
    ::nanosleep(&TenMilliseconds, nullptr);
  }
}

/// LLVM's interrupt function (SIGINT, SIGTERM, SIGHUP...): LLVM does not
/// re-raise the signal when one is set, and the signal may be ignored (a
/// background job's SIGINT), so the run ends here.
void onInterrupt() {
  if (::getpid() == Orchestrator.load()) {
    stopRunningWorkers();
    removeTemporaries();
  }
  ::_exit(InterruptedExitCode);
}

/// SIGPIPE: the reader of the orchestrator's output (progress lines on a
/// pipe, `corolint ... | head`) went away. The run ends as an interrupt
/// does, its workers stopped and its temporary files removed, with the exit
/// code a shell gives a process that SIGPIPE ended.
void onBrokenPipe(int) {
  if (::getpid() == Orchestrator.load()) {
    stopRunningWorkers();
    removeTemporaries();
  }
  ::_exit(128 + SIGPIPE);
}

/// Runs on a crash of any process that inherited it; only the
/// orchestrator's cleans up.
void onCrash(void *) {
  if (::getpid() != Orchestrator.load())
    return;
  stopRunningWorkers();
  removeTemporaries();
}

void track(pid_t Pid) {
  for (std::atomic<pid_t> &Slot : RunningWorkers) {
    pid_t Free = 0;
    if (Slot.compare_exchange_strong(Free, Pid))
      return;
  }
}

void untrack(pid_t Pid) {
  for (std::atomic<pid_t> &Slot : RunningWorkers) {
    pid_t Expected = Pid;
    if (Slot.compare_exchange_strong(Expected, 0))
      return;
  }
}

bool redirect(int FD, const char *Path, int Flags) {
  int Opened = ::open(Path, Flags | O_CLOEXEC, 0600);
  if (Opened < 0)
    return false;
  bool Done = ::dup2(Opened, FD) >= 0;
  ::close(Opened);
  return Done;
}

/// The forked copy: it becomes the worker of \p Command and never returns.
[[noreturn]] void becomeWorker(const WorkerCommand &Command, pid_t Parent) {
  // An interrupt ends a worker the default way; the orchestrator cleans up.
  llvm::sys::SetInterruptFunction(nullptr);
  ::signal(SIGPIPE, SIG_DFL);
#ifdef __linux__
  // A worker dies with its orchestrator, however that ends.
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != Parent)
    ::_exit(WorkerSetupFailed);
  // What top and `ps -o comm` show: the copy keeps the orchestrator's
  // command line.
  ::prctl(PR_SET_NAME, "corolint-worker");
#endif
  if (!redirect(STDIN_FILENO, "/dev/null", O_RDONLY) ||
      !redirect(STDOUT_FILENO, "/dev/null", O_WRONLY) ||
      !redirect(STDERR_FILENO, Command.ErrorPath.c_str(),
                O_WRONLY | O_CREAT | O_TRUNC))
    ::_exit(WorkerSetupFailed);
  // Streams the orchestrator set up for a terminal now write to files.
  llvm::outs().enable_colors(false);
  llvm::errs().enable_colors(false);
  std::vector<const char *> Argv;
  for (const std::string &Arg : Command.Args)
    Argv.push_back(Arg.c_str());
  int Code = runWorker(Argv);
  llvm::outs().flush();
  llvm::errs().flush();
  std::fflush(nullptr);
  // Not exit(): the orchestrator's static objects and exit handlers are
  // its own, not this copy's.
  ::_exit(Code);
}

pid_t startWorker(const WorkerCommand &Command, std::string &Error) {
  // Nothing buffered may be written twice, by this process and its copy.
  llvm::outs().flush();
  llvm::errs().flush();
  std::fflush(nullptr);
  pid_t Parent = ::getpid();
  pid_t Pid = ::fork();
  if (Pid == 0)
    becomeWorker(Command, Parent);
  if (Pid < 0)
    Error = std::string("cannot start a worker: ") + std::strerror(errno);
  return Pid;
}

WorkerExit exitOf(int Status) {
  WorkerExit Exit;
  if (WIFEXITED(Status)) {
    Exit.Code = WEXITSTATUS(Status);
    return Exit;
  }
  Exit.Signalled = true;
  Exit.Code = -2;
  if (WIFSIGNALED(Status)) {
    const char *Name = ::strsignal(WTERMSIG(Status));
    Exit.Message = Name ? Name : "signal " + std::to_string(WTERMSIG(Status));
#ifdef WCOREDUMP
    if (WCOREDUMP(Status))
      Exit.Message += " (core dumped)";
#endif
  }
  return Exit;
}

} // namespace

namespace {

using Clock = std::chrono::steady_clock;

/// Stops the workers that outlived their time limit: SIGTERM first (and
/// SIGCONT, for a stopped one), so that a worker removes its own temporary
/// files as on any interrupt; SIGKILL when it is still there a grace period
/// later. They are reaped as any other, and told apart by \p TimedOut.
void stopExpired(std::map<pid_t, Clock::time_point> &Deadlines,
                 std::set<pid_t> &TimedOut) {
  constexpr auto Grace = std::chrono::seconds(2);
  Clock::time_point Now = Clock::now();
  for (auto &[Pid, Deadline] : Deadlines) {
    if (Now < Deadline)
      continue;
    if (TimedOut.insert(Pid).second) {
      ::kill(Pid, SIGTERM);
      ::kill(Pid, SIGCONT);
      Deadline = Now + Grace;
      continue;
    }
    ::kill(Pid, SIGKILL);
    Deadline = Clock::time_point::max();
  }
}

/// waitpid() for any worker, returning by the next deadline at the latest
/// (0 then, as with WNOHANG).
pid_t waitUntil(const std::map<pid_t, Clock::time_point> &Deadlines,
                int &Status) {
  if (Deadlines.empty())
    return ::waitpid(-1, &Status, 0);
  for (;;) {
    pid_t Pid = ::waitpid(-1, &Status, WNOHANG);
    if (Pid != 0)
      return Pid;
    Clock::time_point Next = Clock::time_point::max();
    for (const auto &Entry : Deadlines)
      Next = std::min(Next, Entry.second);
    if (Clock::now() >= Next)
      return 0;
    // Short naps: a worker's end is noticed within 10 ms.
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

} // namespace

void runWorkers(llvm::ArrayRef<WorkerCommand> Commands, unsigned Jobs,
                llvm::function_ref<void(size_t, const WorkerExit &)> Finished,
                unsigned TimeoutSeconds) {
  Jobs = std::max(1u, std::min<unsigned>(Jobs, MaxWorkers));
  // Inherited as ignored (some process supervisors do), SIGCHLD would make
  // the kernel reap the workers and waitpid() never see them end.
  ::signal(SIGCHLD, SIG_DFL);
  std::map<pid_t, size_t> Running;
  std::map<pid_t, Clock::time_point> Deadlines;
  std::set<pid_t> TimedOut;
  size_t Next = 0;
  // Workers that ended, told to Finished once their slots run new workers:
  // reading a result never keeps a core idle.
  std::vector<std::pair<size_t, WorkerExit>> Ended;
  while (Next < Commands.size() || !Running.empty() || !Ended.empty()) {
    while (Next < Commands.size() && Running.size() < Jobs) {
      WorkerExit Failed;
      pid_t Pid = startWorker(Commands[Next], Failed.Message);
      if (Pid < 0) {
        Ended.emplace_back(Next++, std::move(Failed));
        break;
      }
      track(Pid);
      Running.emplace(Pid, Next++);
      if (TimeoutSeconds)
        Deadlines.emplace(Pid,
                          Clock::now() + std::chrono::seconds(TimeoutSeconds));
    }
    for (auto &[Index, Exit] : Ended)
      Finished(Index, Exit);
    Ended.clear();
    if (Running.empty())
      continue;
    int Status = 0;
    pid_t Pid = waitUntil(Deadlines, Status);
    if (Pid == 0) {
      stopExpired(Deadlines, TimedOut);
      continue;
    }
    if (Pid < 0 && errno == EINTR)
      continue;
    if (Pid < 0) {
      // No child left to wait for: the workers still listed were reaped
      // elsewhere; their results are unknown.
      for (const auto &[Lost, Index] : Running) {
        untrack(Lost);
        WorkerExit Unknown;
        Unknown.Message = "the worker's end was not seen";
        Ended.emplace_back(Index, std::move(Unknown));
      }
      Running.clear();
      Deadlines.clear();
      continue;
    }
    auto It = Running.find(Pid);
    if (It == Running.end())
      continue;
    untrack(Pid);
    WorkerExit Exit = exitOf(Status);
    Deadlines.erase(Pid);
    if (TimedOut.erase(Pid)) {
      Exit.TimedOut = true;
      Exit.Message = "timed out after " + std::to_string(TimeoutSeconds) + " s";
    }
    Ended.emplace_back(It->second, std::move(Exit));
    Running.erase(It);
  }
}

void stopWorkersOnInterrupt(int ExitCode) {
  InterruptedExitCode = ExitCode;
  if (Orchestrator.exchange(::getpid()) == 0)
    llvm::sys::AddSignalHandler(onCrash, nullptr);
  llvm::sys::SetInterruptFunction(onInterrupt);
  // LLVM installs no SIGPIPE handler unless asked before its first handler;
  // this one is the orchestrator's own.
  struct sigaction Action = {};
  Action.sa_handler = onBrokenPipe;
  sigemptyset(&Action.sa_mask);
  ::sigaction(SIGPIPE, &Action, nullptr);
}

void removeFolderOnInterrupt(llvm::StringRef Path) {
  auto *File = new TemporaryFile;
  File->Directory = true;
  File->Path.store(::strdup(Path.str().c_str()));
  File->Next = Temporaries.load();
  Temporaries.store(File);
}

void removeOnInterrupt(llvm::StringRef Path) {
  auto *File = new TemporaryFile;
  File->Path.store(::strdup(Path.str().c_str()));
  File->Next = Temporaries.load();
  Temporaries.store(File);
}

void removeTemporaryFiles() { removeTemporaries(); }

void keepOnInterrupt(llvm::StringRef Path) {
  for (TemporaryFile *File = Temporaries.load(); File; File = File->Next) {
    char *Kept = File->Path.load();
    if (Kept && Path == Kept) {
      File->Path.store(nullptr);
      std::free(Kept);
    }
  }
}

const clang::tidy::coro::TemporaryRegistry &removedOnInterrupt() {
  static const clang::tidy::coro::TemporaryRegistry Registry{
      [](llvm::StringRef Path) { removeOnInterrupt(Path); },
      [](llvm::StringRef Path) { keepOnInterrupt(Path); }};
  return Registry;
}

std::optional<std::string> makeTemporary(llvm::StringRef Suffix,
                                         std::string &Path) {
  llvm::SmallString<256> Model;
  llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, Model);
  llvm::sys::path::append(Model, "corolint-%%%%%%%%." + Suffix);
  llvm::SmallString<256> Created;
  int FD = -1;
  // Removed if the run is interrupted or crashes, and at its end.
  if (std::error_code EC = clang::tidy::coro::createRegisteredUniqueFile(
          Model, FD, Created, removedOnInterrupt(), 0600))
    return "cannot create a temporary file: " + EC.message();
  ::close(FD);
  Path = std::string(Created);
  return std::nullopt;
}

std::optional<std::string>
makeTemporaryFolder(llvm::SmallVectorImpl<char> &Folder) {
  std::error_code EC;
  for (int Attempt = 0; Attempt < 128; ++Attempt) {
    llvm::sys::fs::createUniquePath("corolint-db-%%%%%%%%", Folder,
                                    /*MakeAbsolute=*/true);
    llvm::StringRef Name(Folder.data(), Folder.size());
    removeFolderOnInterrupt(Name);
    EC = llvm::sys::fs::create_directory(Name, /*IgnoreExisting=*/false);
    if (!EC)
      return std::nullopt;
    keepOnInterrupt(Name);
    if (EC != std::errc::file_exists)
      break;
  }
  return "cannot create a temporary folder: " + EC.message();
}

} // namespace corolint
