#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes a compile_commands.json for a test project.

Usage: make_db.py PROJECT_DIR OUT_DIR INCLUDE_DIR FILE... [--twice FILE]
INCLUDE_DIR may list several folders separated by ':'.
Each FILE (relative to PROJECT_DIR) gets one command; --twice FILE gives a
file a second, different command (the file must still be analysed once).
"""
import json
import shlex
import os
import sys


def driver(name):
    """The compiler a build system gives the file: C and assembly files go
    to the C driver (clang++ would compile a .c file as C++)."""
    if name.endswith((".c", ".S", ".s")):
        return "cc"
    return "clang++ -std=c++20"


def main():
    project, out, include = sys.argv[1:4]
    files, twice = [], []
    args = sys.argv[4:]
    while args:
        arg = args.pop(0)
        if arg == "--twice":
            twice.append(args.pop(0))
        else:
            files.append(arg)
    entries = []
    includes = " ".join(f"-I{d}" for d in include.split(":"))
    for name in files + twice:
        path = os.path.join(project, name)
        flags = "-DSECOND_COMMAND " if name in twice and entries and any(
            e["file"] == path for e in entries) else ""
        entries.append({
            "directory": project,
            "file": path,
            "command": f"{driver(name)} {flags}{includes} -c {shlex.quote(path)} -o /dev/null",
        })
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=2)


if __name__ == "__main__":
    main()
