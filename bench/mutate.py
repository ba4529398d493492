#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Mutation testing of corolint's robustness.

Derives broken variants of C++ inputs (deleting, duplicating or swapping
tokens, truncating the file) and runs corolint on each with a timeout. A run
must end with one of corolint's exit codes (0 to 3) and no crash report; a
hang past the timeout, a signal, or a crash message is a failure, and the
variant is kept for a regression test.

Usage:
  mutate.py --corolint BUILD/bin/corolint --count N [--seed S] [--jobs J]
            [--timeout SECONDS] [--keep DIR] [--include DIR]... FILE...
Prints 'mutate: N variants, N crashes, N hangs' and exits 1 on any failure.
"""
import argparse
import concurrent.futures
import os
import random
import re
import subprocess
import sys
import tempfile

TOKEN = re.compile(r"\w+|\S")
CRASH_SIGNS = ("Stack dump", "PLEASE submit a bug report", "crashed (exit code",
               "Segmentation fault", "Assertion", "LLVM ERROR")


def mutate(text, rng):
    tokens = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    if not tokens:
        return text
    kind = rng.choice(["delete", "delete", "duplicate", "swap", "truncate", "delete-run"])
    if kind == "truncate":
        return text[: rng.randrange(len(text))]
    start, end = tokens[rng.randrange(len(tokens))]
    if kind == "delete":
        return text[:start] + text[end:]
    if kind == "delete-run":
        length = rng.randint(2, 12)
        i = rng.randrange(len(tokens))
        j = min(len(tokens) - 1, i + length)
        return text[: tokens[i][0]] + text[tokens[j][1]:]
    if kind == "duplicate":
        return text[:end] + " " + text[start:end] + text[end:]
    other_start, other_end = tokens[rng.randrange(len(tokens))]
    if other_start < start:
        start, end, other_start, other_end = other_start, other_end, start, end
    return (text[:start] + text[other_start:other_end] + text[end:other_start]
            + text[start:end] + text[other_end:])


def run_one(args, index, source_path, variant, workdir):
    path = os.path.join(workdir, f"variant{index}.cpp")
    with open(path, "w") as f:
        f.write(variant)
    cmd = [args.corolint, "--checks=-*,coro-*", path, "--", "-std=c++20"]
    cmd += [f"-I{d}" for d in args.include]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, errors="replace", timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return ("hang", index, source_path, variant, "")
    except OSError as error:
        # The harness could not run corolint at all: not corolint's fault,
        # but the run is not valid either.
        return ("error", index, source_path, variant, str(error))
    crashed = proc.returncode not in (0, 1, 2, 3) or any(s in proc.stdout for s in CRASH_SIGNS)
    os.remove(path)
    return ("crash" if crashed else "ok", index, source_path, variant, proc.stdout[-2000:])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corolint", required=True)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--keep", default=None, help="folder to keep failing variants in")
    parser.add_argument("--include", action="append", default=[])
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    sources = [(p, open(p, errors="replace").read()) for p in args.files]
    variants = []
    for i in range(args.count):
        path, text = sources[i % len(sources)]
        mutated = text
        for _ in range(rng.randint(1, 3)):
            mutated = mutate(mutated, rng)
        variants.append((i, path, mutated))

    failures = {"crash": 0, "hang": 0, "error": 0}
    with tempfile.TemporaryDirectory() as workdir, \
            concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(run_one, args, i, p, v, workdir) for i, p, v in variants]
        for future in concurrent.futures.as_completed(futures):
            status, index, path, variant, output = future.result()
            if status == "ok":
                continue
            failures[status] += 1
            print(f"mutate: {status} on variant {index} of {path}\n{output}")
            if args.keep:
                os.makedirs(args.keep, exist_ok=True)
                with open(os.path.join(args.keep, f"{status}-{index}.cpp"), "w") as f:
                    f.write(variant)
    print(f"mutate: {args.count} variants, {failures['crash']} crashes, {failures['hang']} hangs"
          + (f", {failures['error']} not run" if failures["error"] else ""))
    return 1 if any(failures.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
