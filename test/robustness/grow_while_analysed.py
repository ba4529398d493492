#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs a command while another process appends to a file, for the tests of
files that change while they are analysed.

Usage: grow_while_analysed.py FILE RUNS -- COMMAND...
Appends empty declarations to FILE as fast as it can while COMMAND runs, RUNS
times (FILE
is restored to its first contents before each run). Prints the last run's
output, and one line per run that crashed; exits 1 if any run crashed.
"""
import os
import subprocess
import sys
import threading
import time


def main():
    path, runs = sys.argv[1], int(sys.argv[2])
    command = sys.argv[4:] if sys.argv[3] == "--" else sys.argv[3:]
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
                                  stderr=subprocess.STDOUT, timeout=120)
        finally:
            stop.set()
            grower.join()
        output = proc.stdout.decode("utf-8", "replace")
        if proc.returncode < 0 or "crashed" in output:
            crashed += 1
            print(f"run {run + 1}: crashed (exit {proc.returncode})")
    sys.stdout.write(output)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
