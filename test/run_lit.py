#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs lit on the test suite and ends with a plain 'N passed, N failed' line.

Usage: run_lit.py LIT TEST_DIR [lit args...]
"""
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree


def main():
    lit, test_dir, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    report = os.path.join(test_dir, "lit-results.xml")
    if os.path.exists(report):
        os.remove(report)
    code = subprocess.call([lit, "-sv", f"--xunit-xml-output={report}", test_dir] + extra)
    passed = failed = skipped = 0
    if os.path.exists(report):
        for case in ElementTree.parse(report).getroot().iter("testcase"):
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
            elif case.find("skipped") is not None:
                skipped += 1
            else:
                passed += 1
    elif code:
        failed = 1
    print(f"lit: {passed} passed, {failed} failed, {skipped} skipped")
    return code


if __name__ == "__main__":
    sys.exit(main())
