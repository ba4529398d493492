#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Shows that corolint's report costs grow linearly with findings x file size.

Generates files with N discarded lazy-task calls, all on one long line or
one per line, padded to a given size with comment lines, and times
`corolint` (text report) on each against `clang++ -fsyntax-only` on the same
file, and stock clang-tidy with the plugin. Prints, per case, the time, the
report's size and the added cost per finding; doubling the findings or the
file size should at most double the added cost (a rescan of the file per
finding would square it).

With every finding on one huge line ("long line" rows) clang-tidy itself is
quadratic: its NOLINT handling (NoLintDirectiveHandler::diagHasNoLint) scans
the whole line for each diagnostic, in the plugin as in the tool; corolint's
own part (placing, rendering, the report) stays linear, so the two columns
stay equal.

Usage: bench/report-scaling.py [--corolint build/bin/corolint] [--inputs test/Inputs]
"""
import argparse
import os
import subprocess
import tempfile
import time


def generate(path, findings, padding_kb, one_line, padded_line=False):
    calls = [f"fetch({i});" for i in range(findings)]
    if padded_line:
        # One huge line (minified or generated code): the padding is on it.
        pad = "/*" + "x" * max(0, padding_kb * 1024 // findings - 4) + "*/"
        calls = [c + pad for c in calls]
        padding_kb = 0
    body = " ".join(calls) if one_line else "\n  ".join(calls)
    with open(path, "w") as f:
        f.write('#include "lazy_task.h"\nlib::Task<int> fetch(int);\n')
        line = "// " + "x" * 76 + "\n"
        f.write(line * (padding_kb * 1024 // len(line)))
        f.write("void run() {\n  " + body + "\n}\n")


def timed(cmd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, len(proc.stdout)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--corolint", default=os.path.join(here, "..", "build", "bin", "corolint"))
    parser.add_argument("--inputs", default=os.path.join(here, "..", "test", "Inputs"))
    parser.add_argument("--clang-tidy", default="clang-tidy-22")
    parser.add_argument("--plugin", default=os.path.join(here, "..", "build", "lib", "corolint-tidy.so"))
    args = parser.parse_args()
    flags = ["-std=c++20", f"-I{args.inputs}", "-Wno-unused-result"]
    print(f"{'layout':9} {'findings':>8} {'file KB':>8} {'parse s':>8} {'corolint s':>10} "
          f"{'clang-tidy s':>12} {'added ms/finding':>16} {'report KB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        cases = [(one_line, False, findings, padding)
                 for one_line in (True, False)
                 for findings, padding in ((500, 0), (1000, 0), (2000, 0),
                                           (1000, 1024), (1000, 4096))]
        # All findings on one line of 2.5, 5 and 10 MB.
        cases += [(True, True, findings, padding)
                  for findings, padding in ((1000, 2560), (2000, 5120), (2000, 10240))]
        for one_line, padded_line, findings, padding in cases:
                path = os.path.join(tmp, "scale.cpp")
                generate(path, findings, padding, one_line, padded_line)
                size_kb = os.path.getsize(path) // 1024
                parse, _ = timed(["clang++-22", "-fsyntax-only", *flags, path])
                total, report = timed([args.corolint, "--checks=-*,coro-discarded-task",
                                       path, "--", *flags])
                # The same check in stock clang-tidy (the plugin): what
                # clang-tidy's own diagnostics handling costs on this file.
                stock, _ = timed([args.clang_tidy, "-load", args.plugin,
                                  "--checks=-*,coro-discarded-task", path, "--", *flags])
                added = max(0.0, total - parse) * 1000 / findings
                layout = "long line" if padded_line else "one line" if one_line else "lines"
                print(f"{layout:9} {findings:8} {size_kb:8} "
                      f"{parse:8.2f} {total:10.2f} {stock:12.2f} {added:16.3f} {report // 1024:9}")


if __name__ == "__main__":
    main()
