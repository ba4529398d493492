#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Every source file of corolint names its licence (an SPDX line in its first
lines), and LICENSE holds the licence it names: check_licence.py ROOT."""
import os
import sys

SPDX = "SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception"
SOURCES = ("checks", "model", "utils", "tool", "plugin", "clangd", "scripts",
           "bench", os.path.join("test", "unit"))
EXTENSIONS = (".cpp", ".h", ".py", ".sh")

root = sys.argv[1]
licence = open(os.path.join(root, "LICENSE")).read()
problems = []
if "Apache License" not in licence or "LLVM Exceptions" not in licence:
    problems.append("LICENSE: not the Apache License v2.0 with LLVM Exceptions")
for folder in SOURCES:
    for parent, _, names in os.walk(os.path.join(root, folder)):
        for name in names:
            if not name.endswith(EXTENSIONS) and name != "CMakeLists.txt":
                continue
            path = os.path.join(parent, name)
            with open(path, errors="replace") as source:
                head = "".join(source.readline() for _ in range(8))
            if SPDX not in head:
                problems.append(os.path.relpath(path, root) + ": no SPDX line")
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
