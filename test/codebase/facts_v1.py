#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Rewrites a program facts file in version 1's layout (each unit's files in
full, no shared "files" table), as corolint before version 2 wrote it.

Usage: facts_v1.py IN.json OUT.json
"""
import json
import sys


def main():
    with open(sys.argv[1]) as f:
        facts = json.load(f)
    files = facts.pop("files", [])
    for unit in facts.get("units", []):
        ids = unit.pop("inputIds", [])
        unit["inputs"] = [{"path": files[i][0], "hash": files[i][1]} for i in ids]
        unit.pop("context", None)
        unit["version"], unit["kind"] = 1, "unit"
    facts["version"] = 1
    with open(sys.argv[2], "w") as f:
        json.dump(facts, f, indent=2)


if __name__ == "__main__":
    main()
