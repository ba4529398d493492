#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes, for language-by-command.test, one unit per way a command makes a
file C++ whatever its extension, each with one discarded lazy task, and a
compile_commands.json with those commands (and two C units that stay C).

Usage: language-by-command.py OUT_DIR INCLUDE_DIR
"""
import json
import os
import sys

CXX_UNITS = [
    ("inline.inl", ["clang++", "-x", "c++"]),
    ("impl.tpp", ["clang++", "-xc++"]),
    ("impl.ipp", ["clang++", "--language=c++"]),
    ("module.ixx", ["clang++", "-x", "c++"]),
    ("noext", ["clang++", "-x", "c++"]),
    ("legacy.c", ["clang++", "-x", "c++"]),
    ("driver.c", ["g++-12"]),
]
C_UNITS = [
    ("plain.c", ["cc"]),
    ("reset.cc", ["clang++", "-x", "c"]),
]
TASK_UNIT = """#include "lazy_task.h"
lib::Task<int> fetch();
lib::Task<> run() {
  fetch();
  co_return;
}
"""
C_UNIT = "int plain(void) { return 0; }\n"


def main():
    out, include = sys.argv[1:3]
    os.makedirs(out, exist_ok=True)
    entries = []
    for name, driver in CXX_UNITS + C_UNITS:
        path = os.path.join(out, name)
        with open(path, "w") as f:
            f.write(TASK_UNIT if (name, driver) in CXX_UNITS else C_UNIT)
        std = ["-std=c++20"] if (name, driver) in CXX_UNITS else []
        entries.append({"directory": out, "file": path,
                        "arguments": driver + std + [f"-I{include}", "-c", path,
                                                     "-o", "/dev/null"]})
    with open(os.path.join(out, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=2)


if __name__ == "__main__":
    sys.exit(main())
