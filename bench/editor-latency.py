#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Diagnostics latency in the editor: corolint-clangd against stock clangd-22.

For each file, opens it in each server as an editor does
(test/editor/lsp_client.py), then edits it N times (an appended comment,
then its removal) and takes the median time from didChange to the
diagnostics of the new version; also the time to the first diagnostics after
didOpen (the preamble is built then, and corolint's second parse of it when a
coroutine calls into the headers). Servers:

  corolint-clangd   the coro checks on (.clangd: Add coro-*, FastCheckFilter: Loose)
  clangd-22         Debian's clangd, no clang-tidy check

Usage: editor-latency.py [--edits N] [--corolint-clangd PATH] [--clangd PATH]
                         [--flags "-std=c++20 -I..."] FILE...
Prints a Markdown table. Timings, not assertions: run it on a quiet machine.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT = os.path.join(HERE, "..", "test", "editor", "lsp_client.py")


def clangd_config(flags, coro):
    lines = ["CompileFlags:", f"  Add: [{', '.join(flags.split())}]"]
    if coro:
        lines += ["Diagnostics:", "  ClangTidy:", "    Add: [coro-*]",
                  "    FastCheckFilter: Loose"]
    return "\n".join(lines) + "\n"


def measure(server, path, flags, coro, edits):
    with tempfile.TemporaryDirectory() as work:
        copy = os.path.join(work, os.path.basename(path))
        shutil.copy(path, copy)
        with open(os.path.join(work, ".clangd"), "w") as f:
            f.write(clangd_config(flags, coro))
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-u", CLIENT, server, "--", copy,
                               f"--latency={edits}"],
                              stdout=subprocess.PIPE, text=True, check=True)
        total = time.monotonic() - start
        median = re.search(r"latency median ([0-9.]+) s", proc.stdout)
        findings = len(re.findall(r"^diagnostic .* coro-", proc.stdout, re.M))
        return float(median.group(1)), total, findings


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+")
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--corolint-clangd",
                        default=os.path.join(HERE, "..", "build", "bin", "corolint-clangd"))
    parser.add_argument("--clangd", default="/usr/lib/llvm-22/bin/clangd")
    parser.add_argument("--flags", default="-std=c++20")
    args = parser.parse_args()
    print("| file | lines | coro findings | corolint-clangd: edit (median) | clangd-22: edit (median) | ratio | first diagnostics + edits, corolint-clangd / clangd-22 |")
    print("|---|---|---|---|---|---|---|")
    for path in args.files:
        lines = sum(1 for _ in open(path))
        ours, ours_total, findings = measure(args.corolint_clangd, path, args.flags, True, args.edits)
        stock, stock_total, _ = measure(args.clangd, path, args.flags, False, args.edits)
        print(f"| {os.path.basename(path)} | {lines} | {findings} | {ours:.3f} s | "
              f"{stock:.3f} s | {ours / stock:.2f}x | {ours_total:.1f} s / {stock_total:.1f} s |")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
