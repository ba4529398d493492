#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Generates a synthetic coroutine-heavy codebase, deterministic from a seed.

Each translation unit defines coroutines over a small lazy task library
(test/Inputs/lazy_task.h) with a mix of what corolint looks at: awaits
(some independent, in sequence), thread locks (some held across a
suspension), loops, helpers that block (some in other units), discarded
tasks, and plain functions. Writes the sources and a compile_commands.json.
With --clean, the same shapes without their pitfalls: no findings, so that
the checks' analysis is measured apart from the handling of findings.

Usage: generate.py OUT_DIR [--units N] [--coroutines N] [--statements N]
                   [--seed N] [--clean] [--inputs test/Inputs]
"""
import argparse
import json
import os
import random


def clean_statement(kind, unit, s):
    """The same shapes without their pitfalls: each await needs the one
    before it, no lock is held across one, every task is awaited, no helper
    blocks. What corolint costs where it has nothing to report."""
    if kind < 0.30:
        return [f"  total += co_await fetch(total + {s});"]
    if kind < 0.40:
        return ["  {", "    std::lock_guard<std::mutex> guard(table_mutex);",
                f"    table[{s}] = total;", "  }"]
    if kind < 0.50:
        return [f"  for (int i = 0; i < {s % 7 + 1}; ++i)",
                "    total += co_await fetch(total + i);"]
    if kind < 0.55:
        return [f"  helper_{(unit + 1) % 1000}_{1 + s % 2}();"]
    return [f"  total += plain({s});"]


def coroutine(rng, unit, index, statements, clean=False):
    name = f"co_{unit}_{index}"
    body = []
    for s in range(statements):
        kind = rng.random()
        if clean:
            body.extend(clean_statement(kind, unit, s))
        elif kind < 0.30:
            body.append(f"  int v{s} = co_await fetch({s});")
        elif kind < 0.40:
            body.append("  {")
            body.append("    std::lock_guard<std::mutex> guard(table_mutex);")
            body.append(f"    table[{s}] = {s};" if rng.random() < 0.7
                        else f"    co_await fetch({s});")
            body.append("  }")
        elif kind < 0.50:
            body.append(f"  for (int i = 0; i < {s % 7 + 1}; ++i)")
            body.append(f"    total += co_await fetch(i + {s});")
        elif kind < 0.55:
            body.append(f"  helper_{(unit + 1) % 1000}_{s % 3}();")
        elif kind < 0.58:
            body.append(f"  fetch({s});")
        elif kind < 0.60:
            body.append("  std::this_thread::sleep_for(std::chrono::milliseconds(1));")
        else:
            body.append(f"  total += plain({s});")
    return (f"lib::Task<int> {name}() {{\n  int total = 0;\n"
            + "\n".join(body) + "\n  co_return total;\n}\n")


def unit_source(rng, unit, coroutines, statements, clean=False):
    parts = ['#include "lazy_task.h"', "#include <chrono>", "#include <map>",
             "#include <mutex>", "#include <thread>", "",
             "lib::Task<int> fetch(int);", "int plain(int);",
             "extern std::mutex table_mutex;", "extern std::map<int, int> table;"]
    # Helpers this unit defines, and declarations of the next unit's.
    for h in range(3):
        body = ("std::this_thread::sleep_for(std::chrono::milliseconds(1));"
                if h == 0 else "table[0] = 1;")
        parts.append(f"void helper_{unit}_{h}() {{ {body} }}")
        parts.append(f"void helper_{(unit + 1) % 1000}_{h}();")
    parts.append("")
    for c in range(coroutines):
        parts.append(coroutine(rng, unit, c, statements, clean))
    return "\n".join(parts) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--units", type=int, default=8)
    parser.add_argument("--coroutines", type=int, default=200)
    parser.add_argument("--statements", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clean", action="store_true",
                        help="the same code without findings")
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--inputs", default=os.path.join(here, "..", "test", "Inputs"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    entries = []
    for unit in range(args.units):
        path = os.path.join(out, f"unit{unit}.cpp")
        with open(path, "w") as f:
            f.write(unit_source(rng, unit, args.coroutines, args.statements,
                                args.clean))
        entries.append({"directory": out, "file": path,
                        "arguments": ["clang++-22", "-std=c++20", "-Wno-unused-value",
                                      f"-I{os.path.abspath(args.inputs)}",
                                      "-c", path]})
    with open(os.path.join(out, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)
    print(f"{args.units} units x {args.coroutines} coroutines x "
          f"{args.statements} statements in {out}")


if __name__ == "__main__":
    main()
