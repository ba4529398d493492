#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes, for duplicate-commands.test, a compile_commands.json that lists
twice.cpp three times with one command and many.cpp COUNT times with
commands that differ only by a define, each file with one discarded task.

Usage: duplicate-commands.py OUT_DIR INCLUDE_DIR COUNT
"""
import json
import os
import sys

UNIT = """#include "lazy_task.h"
lib::Task<int> fetch();
lib::Task<> run() {
  fetch();
  co_return;
}
"""


def main():
    out, include, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    entries = []
    for name in ("twice.cpp", "many.cpp"):
        with open(os.path.join(out, name), "w") as f:
            f.write(UNIT)
    base = ["clang++", "-std=c++20", f"-I{include}", "-c"]
    for _ in range(3):
        entries.append({"directory": out, "file": "twice.cpp",
                        "arguments": base + ["twice.cpp"]})
    for i in range(count):
        entries.append({"directory": out, "file": "many.cpp",
                        "arguments": base + [f"-DVARIANT={i}", "many.cpp"]})
    with open(os.path.join(out, "compile_commands.json"), "w") as f:
        json.dump(entries, f)


if __name__ == "__main__":
    sys.exit(main())
