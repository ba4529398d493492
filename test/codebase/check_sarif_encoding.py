#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Checks what a SARIF log says about locations, for readers like GitHub.

* every artifactLocation.uri is a valid URI reference: only unreserved
  characters, '/', ':' of 'file://' and %XX escapes;
* every region has an end;
* every related location is linked from its result's message ("](id)").
Prints what it checked and exits 1 on the first problem.

Usage: check_sarif_encoding.py FILE.sarif
"""
import json
import re
import sys

URI = re.compile(r"^(file://)?([A-Za-z0-9\-._~/]|%[0-9A-F]{2})*$")


def main():
    with open(sys.argv[1]) as f:
        log = json.load(f)
    uris, links = set(), 0
    for run in log["runs"]:
        for result in run["results"]:
            locations = [l["physicalLocation"] for l in result.get("locations", [])]
            locations += [l["physicalLocation"] for l in result.get("relatedLocations", [])
                          if "physicalLocation" in l]
            for location in locations:
                uri = location["artifactLocation"]["uri"]
                if not URI.match(uri):
                    print(f"not a percent-encoded URI: {uri}")
                    return 1
                uris.add(uri)
                region = location["region"]
                if "endColumn" not in region or "endLine" not in region:
                    print(f"a region without an end: {region}")
                    return 1
            for related in result.get("relatedLocations", []):
                if f"]({related['id']})" not in result["message"]["text"]:
                    print(f"related location {related['id']} is not linked from: "
                          f"{result['message']['text']}")
                    return 1
                links += 1
    for uri in sorted(uris):
        print(f"uri: {uri}")
    print(f"{links} related locations linked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
