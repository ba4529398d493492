#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Checks that every registered coro check (one per line in CHECKS, from
`corolint --list-checks`) has a row in each index (docs/checks/README.md,
README.md) linking to its page, and that no index lists a check that is not
registered.

Usage: check_docs_index.py CHECKS INDEX...
"""
import re
import sys


def main():
    checks_file, *indexes = sys.argv[1:]
    registered = {l.strip() for l in open(checks_file) if l.strip()}
    if not registered:
        sys.exit("no checks listed")
    failed = False
    for index in indexes:
        text = open(index).read()
        linked = set(re.findall(r"\[`?(coro-[a-z-]+)`?\]\([^)]*\1\.md\)", text))
        for missing in sorted(registered - linked):
            print(f"{index}: no row for {missing}")
            failed = True
        for unknown in sorted(linked - registered):
            print(f"{index}: lists {unknown}, which is not a registered check")
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
