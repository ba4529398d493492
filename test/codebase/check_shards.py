#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Checks shard coverage and SARIF merging for the codebase tests.

  check_shards.py files TOTAL PROGRESS...  every file of the run appears in
      exactly one shard's --progress output, and there are TOTAL of them
  check_shards.py same-results A.sarif B.sarif  both logs hold the same
      results (rule, file, line, column), whatever their order
"""
import json
import re
import sys


def shard_files(path):
    with open(path) as f:
        return [m.group(1) for m in re.finditer(r"^\[\d+/\d+\] (\S+)$", f.read(), re.M)]


def results(path):
    with open(path) as f:
        log = json.load(f)
    found = []
    for run in log["runs"]:
        for r in run["results"]:
            loc = r["locations"][0]["physicalLocation"]
            found.append((r["ruleId"], loc["artifactLocation"]["uri"],
                          loc["region"]["startLine"], loc["region"]["startColumn"]))
    return sorted(found)


def main():
    mode = sys.argv[1]
    if mode == "files":
        total = int(sys.argv[2])
        seen = []
        for path in sys.argv[3:]:
            seen += shard_files(path)
        if len(seen) != len(set(seen)):
            print("a file is in two shards:", seen)
            return 1
        if len(seen) != total:
            print(f"{len(seen)} files in the shards, expected {total}:", seen)
            return 1
        print(f"{total} files, each in exactly one shard")
        return 0
    if mode == "same-results":
        a, b = results(sys.argv[2]), results(sys.argv[3])
        if a != b:
            print("different results:\n", a, "\n", b)
            return 1
        print(f"{len(a)} results in both")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
