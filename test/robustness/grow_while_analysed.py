#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs a command while another thread appends to a file, for the tests of
files that change while they are analysed.

Usage: grow_while_analysed.py [--exit N] FILE RUNS -- COMMAND...
Appends empty declarations to FILE as fast as it can while COMMAND runs, RUNS
times (each within 4 GiB of address space and 120 s; FILE is restored to its
first contents before each run). Prints the last run's
output, and one line per run that crashed or, with --exit, that ended with
another exit code; exits 1 if there was any such run.
"""
import os
import resource
import subprocess
import sys
import threading
import time


def limit_memory():
    """As bounded.py: 4 GiB of address space."""
    limit = 4096 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main():
    args = sys.argv[1:]
    expected = None
    if args[0] == "--exit":
        expected, args = int(args[1]), args[2:]
    path, runs = args[0], int(args[1])
    command = args[3:] if args[2] == "--" else args[2:]
    text = b";;;;;;;\n"
    with open(path, "rb") as f:
        original = f.read()
    crashed = 0
    output = ""
    for run in range(runs):
        with open(path, "wb") as f:
            f.write(original)
        stop = threading.Event()

        def grow():
            fd = os.open(path, os.O_WRONLY | os.O_APPEND)
            while not stop.is_set():
                os.write(fd, text)
            os.close(fd)

        grower = threading.Thread(target=grow)
        grower.start()
        # Already growing when the analysis starts, as it would be mid-write.
        time.sleep(0.2)
        try:
            proc = subprocess.run(command, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, timeout=120,
                                  preexec_fn=limit_memory)
        finally:
            stop.set()
            grower.join()
        output = proc.stdout.decode("utf-8", "replace")
        if proc.returncode < 0 or "crashed" in output:
            crashed += 1
            print(f"run {run + 1}: crashed (exit {proc.returncode})")
        elif expected is not None and proc.returncode != expected:
            crashed += 1
            print(f"run {run + 1}: exit {proc.returncode}, expected {expected}")
    sys.stdout.write(output)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
