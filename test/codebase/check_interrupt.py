#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Interrupts a corolint run and checks that nothing is left behind.

Usage: check_interrupt.py COROLINT WORKDIR SIGNAL [ARG...] (INT, TERM, SEGV
to crash one worker instead, STOP to stop one, or PIPE to close the pipe
corolint writes its progress lines to; ARGs go to corolint)
Writes a small project of slow translation units into WORKDIR, starts
`corolint -p` on it with TMPDIR pointing into WORKDIR, waits for a worker
process, sends SIGNAL (INT or TERM) to corolint, and checks: corolint ends,
no worker process of this run survives it, and no temporary file remains.
"""
import json
import re
import os
import signal
import subprocess
import sys
import time


def children(parent):
    """The processes whose parent is `parent`: corolint's workers are forked
    copies of it, with its command line."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold blanks and parentheses.
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == parent and fields[0] != "Z":
            found.append(int(pid))
    return found


def alive(pids):
    """Those of `pids` still running (not zombies)."""
    left = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        if stat[stat.rindex(")") + 2:].split()[0] != "Z":
            left.append(pid)
    return left


def first_workers(run):
    """The worker processes of `run` once there are any (a minute at most)."""
    deadline = time.time() + 60
    seen = []
    while not seen and time.time() < deadline and run.poll() is None:
        time.sleep(0.05)
        seen = children(run.pid)
    return seen


def ends(run, seen, seconds, what):
    """Waits for `run` to end and its workers `seen` to be gone; False (said
    on stdout) when it does not end within `seconds`."""
    try:
        run.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        run.kill()
        print(f"check_interrupt: corolint did not end after {what}")
        return False
    deadline = time.time() + 10
    while alive(seen) and time.time() < deadline:
        time.sleep(0.1)
    return True


def main():
    corolint, work, sig = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    extra = sys.argv[4:]
    src, tmp = os.path.join(work, "src"), os.path.join(work, "tmp")
    os.makedirs(src, exist_ok=True)
    os.makedirs(tmp, exist_ok=True)
    heavy = "".join(f"#include <{h}>\n" for h in (
        "algorithm", "future", "map", "regex", "ranges", "iostream", "thread",
        "unordered_map", "variant", "coroutine", "chrono", "sstream"))
    entries = []
    for i in range(24):
        path = os.path.join(src, f"unit{i}.cpp")
        with open(path, "w") as f:
            f.write(heavy + f"int unit{i}() {{ return {i}; }}\n")
        entries.append({"directory": work, "file": path,
                        "command": f"clang++ -std=c++20 -c {path}"})
    with open(os.path.join(work, "compile_commands.json"), "w") as f:
        json.dump(entries, f)

    env = dict(os.environ, TMPDIR=tmp)
    if sig == "PIPE":
        return close_pipe(corolint, work, tmp, env)
    run = subprocess.Popen([corolint, "-p", work, "-j", "2"] + extra, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           text=True)
    seen = first_workers(run)
    if not seen:
        print("check_interrupt: no worker process was seen")
        run.kill()
        return 1
    if sig in ("SEGV", "STOP"):
        return crash_one(run, seen[0], tmp, getattr(signal, "SIG" + sig))
    run.send_signal(signal.SIGINT if sig == "INT" else signal.SIGTERM)
    if not ends(run, seen, 30, "the signal"):
        return 1
    left = alive(seen)
    if left:
        print(f"check_interrupt: orphaned workers: {left}")
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        return 1
    files = os.listdir(tmp)
    if files:
        print(f"check_interrupt: temporary files left: {files}")
        return 1
    print(f"check_interrupt: SIG{sig}: corolint ended (exit {run.returncode}), "
          "no worker left, no temporary file left")
    return 0


def close_pipe(corolint, work, tmp, env):
    """The reader of corolint's progress lines goes away once a worker runs:
    corolint ends as on an interrupt, with no worker and no temporary file
    left (141, the code of a process SIGPIPE ended)."""
    run = subprocess.Popen([corolint, "-p", work, "-j", "2", "--progress"],
                           env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
    seen = first_workers(run)
    run.stderr.close()
    if not ends(run, seen, 120, "its pipe closed"):
        return 1
    if alive(seen) or os.listdir(tmp):
        print(f"check_interrupt: left: workers {alive(seen)}, "
              f"files {os.listdir(tmp)}")
        return 1
    print(f"check_interrupt: SIGPIPE: corolint ended (exit {run.returncode}), "
          "no worker left, no temporary file left")
    return 0


def crash_one(run, worker, tmp, sig):
    """A worker that crashes (or is stopped, and ends at --timeout) costs
    its unit only: the run goes on, says which unit and how, and its
    sibling's files are intact."""
    os.kill(worker, sig)
    try:
        _, err = run.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        run.kill()
        print("check_interrupt: corolint did not end after a worker crashed")
        return 1
    crashed = [l for l in err.splitlines()
               if "crashed" in l or "not analysed:" in l]
    summary = [l for l in err.splitlines() if "files analysed" in l]
    print(f"check_interrupt: exit {run.returncode}")
    for line in crashed + summary:
        print(re.sub(r"unit\d+", "unitN", re.sub(r", [\d.]+ s$", "", line)))
    files = os.listdir(tmp)
    if files:
        # Also on stderr: lit shows it when FileCheck, reading stdout, passed.
        for out in (sys.stdout, sys.stderr):
            print(f"check_interrupt: temporary files left: {files}", file=out)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
