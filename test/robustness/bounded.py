#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs a command under a memory and a time limit, for the robustness tests.

Usage: bounded.py [--exit N] [--memory MB] [--seconds S] -- COMMAND...
Prints the command's stderr (then its stdout) and exits 0 when the command
ended by itself within the limits with exit code N (default: any code that
is not a crash), else 1 with a line saying what happened. A command still
running at the time limit is killed with its process group.
"""
import argparse
import os
import resource
import signal
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--exit", type=int)
    parser.add_argument("--memory", type=int, default=4096)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    def limit():
        os.setsid()
        limit_bytes = args.memory * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    proc = subprocess.Popen(command, stdin=sys.stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=limit)
    try:
        out, err = proc.communicate(timeout=args.seconds)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        print(f"bounded: timed out after {args.seconds} s")
        return 1
    sys.stdout.write(err.decode("utf-8", "replace"))
    sys.stdout.write(out.decode("utf-8", "replace"))
    if proc.returncode < 0:
        print(f"bounded: killed by signal {-proc.returncode}")
        return 1
    if args.exit is not None and proc.returncode != args.exit:
        print(f"bounded: exit {proc.returncode}, expected {args.exit}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
