#!/usr/bin/env python3
"""Interrupts a corolint run and checks that nothing is left behind.

Usage: check_interrupt.py COROLINT WORKDIR SIGNAL
Writes a small project of slow translation units into WORKDIR, starts
`corolint -p` on it with TMPDIR pointing into WORKDIR, waits for a worker
process, sends SIGNAL (INT or TERM) to corolint, and checks: corolint ends,
no worker process of this run survives it, and no temporary file remains.
"""
import json
import os
import signal
import subprocess
import sys
import time


def workers(marker):
    """Worker processes whose command line mentions marker."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().decode(errors="replace")
        except OSError:
            continue
        if "--corolint-worker" in cmdline and marker in cmdline:
            found.append(int(pid))
    return found


def main():
    corolint, work, sig = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
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
    run = subprocess.Popen([corolint, "-p", work, "-j", "2"], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not workers(tmp) and time.time() < deadline and run.poll() is None:
        time.sleep(0.05)
    if not workers(tmp):
        print("check_interrupt: no worker process was seen")
        run.kill()
        return 1
    run.send_signal(signal.SIGINT if sig == "INT" else signal.SIGTERM)
    try:
        run.wait(timeout=30)
    except subprocess.TimeoutExpired:
        run.kill()
        print("check_interrupt: corolint did not end after the signal")
        return 1
    deadline = time.time() + 10
    while workers(tmp) and time.time() < deadline:
        time.sleep(0.1)
    left = workers(tmp)
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


if __name__ == "__main__":
    sys.exit(main())
