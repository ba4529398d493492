#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Checks that every SARIF result points at the line it talks about.

For each result, the first name quoted in the message (its last `::` part)
must appear on the line its location names, in the file under the source
root. Prints 'N results checked' and exits 1 on the first mismatch.

Usage: check_sarif_lines.py FILE.sarif SOURCE_ROOT
"""
import json
import os
import re
import sys


def main():
    log_path, root = sys.argv[1], sys.argv[2]
    with open(log_path) as f:
        log = json.load(f)
    checked = 0
    for run in log["runs"]:
        for result in run["results"]:
            location = result["locations"][0]["physicalLocation"]
            uri = location["artifactLocation"]["uri"]
            path = uri[len("file://"):] if uri.startswith("file://") else os.path.join(root, uri)
            line_number = location["region"]["startLine"]
            with open(path) as f:
                line = f.read().split("\n")[line_number - 1]
            quoted = re.findall(r"'([^']+)'", result["message"]["text"])
            if not quoted:
                print(f"{uri}:{line_number}: no quoted name in: {result['message']['text']}")
                return 1
            name = quoted[0].split("::")[-1]
            if name not in line:
                print(f"{uri}:{line_number}: '{name}' is not on the line: {line.strip()}")
                return 1
            if location["region"].get("snippet", {}).get("text") not in (None, line):
                print(f"{uri}:{line_number}: the snippet is not the line")
                return 1
            checked += 1
    print(f"{checked} results checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
