#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Lists the sources of corolint that clang-format-22 would change:
check_format.py ROOT (exit 1 if any)."""
import os
import subprocess
import sys

FOLDERS = ("checks", "model", "utils", "tool", "plugin", "clangd")

root = sys.argv[1]
changed = []
for folder in FOLDERS:
    for parent, _, names in os.walk(os.path.join(root, folder)):
        for name in sorted(names):
            if not name.endswith((".cpp", ".h")):
                continue
            path = os.path.join(parent, name)
            result = subprocess.run(
                ["clang-format-22", "--dry-run", "-Werror", path],
                capture_output=True, text=True)
            if result.returncode != 0:
                changed.append(os.path.relpath(path, root))
for path in changed:
    print(path + ": not formatted (clang-format-22 -i " + path + ")")
sys.exit(1 if changed else 0)
