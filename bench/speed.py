#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Measures corolint's speed as ratios, never as absolute thresholds.

For the C++ files of a compile_commands.json it times, one file at a time:
  1. clang++-22 -fsyntax-only with each file's own command (the parse cost),
  2. stock clang-tidy-22 with clang-tidy's two coroutine checks,
  3. corolint -j 1 with all coro-* checks,
and prints the totals and the ratios corolint/parse and corolint/clang-tidy.

Usage: speed.py BUILD_DIR [--corolint PATH] [--runs N]
"""
import argparse
import json
import os
import shlex
import subprocess
import time

CXX = (".cpp", ".cc", ".cxx", ".c++", ".cp", ".C")


def commands(build_dir):
    seen, result = set(), []
    with open(os.path.join(build_dir, "compile_commands.json")) as f:
        for entry in json.load(f):
            path = os.path.join(entry["directory"], entry["file"])
            if not path.endswith(CXX) or path in seen:
                continue
            seen.add(path)
            args = entry.get("arguments") or shlex.split(entry["command"])
            result.append((entry["directory"], path, args))
    return result


def syntax_only(args):
    out, skip = ["clang++-22", "-fsyntax-only"], False
    for arg in args[1:]:
        if skip:
            skip = False
            continue
        if arg in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if arg in ("-c", "-MD", "-MMD"):
            continue
        out.append(arg)
    return out


def timed(fn, runs):
    best = None
    for _ in range(runs):
        start = time.monotonic()
        fn()
        elapsed = time.monotonic() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build_dir")
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--corolint", default=os.path.join(here, "build", "bin", "corolint"))
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    files = commands(args.build_dir)
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def parse():
        for directory, _, cmd in files:
            subprocess.run(syntax_only(cmd), cwd=directory, **quiet)

    def stock():
        for directory, path, _ in files:
            subprocess.run(["clang-tidy-22", "-p", args.build_dir, "--quiet",
                            "--checks=-*,misc-coroutine-hostile-raii,"
                            "cppcoreguidelines-no-suspend-with-lock", path],
                           cwd=directory, **quiet)

    def corolint():
        subprocess.run([args.corolint, "-p", args.build_dir, "-j", "1"], **quiet)

    t_parse, t_stock, t_coro = timed(parse, args.runs), timed(stock, args.runs), timed(corolint, args.runs)
    print(f"{len(files)} translation units")
    print(f"clang++-22 -fsyntax-only: {t_parse:.1f} s")
    print(f"clang-tidy-22 (2 coroutine checks): {t_stock:.1f} s")
    print(f"corolint -j 1 (all coro-* checks): {t_coro:.1f} s")
    print(f"ratio corolint / parse: {t_coro / t_parse:.2f}")
    print(f"ratio corolint / clang-tidy: {t_coro / t_stock:.2f}")


if __name__ == "__main__":
    main()
