#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Helpers for cache.test.

  check_cache.py owner CACHE_DIR     prints the main file of each entry
                                     (the source file among its inputs)
  check_cache.py limit CACHE_DIR A   prints a --cache-size (in K) that keeps
                                     the entry of A but not all entries
  check_cache.py truncate CACHE_DIR  cuts every entry to 10 bytes
"""
import glob
import json
import os
import sys


def entries(cache):
    return sorted(glob.glob(os.path.join(cache, "corolint-cache", "*", "*.json")))


def lines(path):
    """An entry's JSON lines: a header, then the worker's result, where each
    finding's line gives the lengths of the texts that follow it as they
    are, and each pending finding's line the length of its payload
    (tool/WorkerResult.h)."""
    with open(path, "rb") as f:
        data = f.read()
    at = 0
    while at < len(data):
        end = data.index(b"\n", at)
        entry = json.loads(data[at:end])
        at = end + 1
        if "finding" in entry:
            at += sum(entry["finding"][7:9]) + 1
        elif "pending" in entry:
            at += entry["pending"][7] + 1
        yield entry


def owner(path):
    """The entry's `input` lines list the files the unit read."""
    sources = [entry["input"][0] for entry in lines(path)
               if "input" in entry and entry["input"][0].endswith(".cpp")]
    return os.path.basename(sources[0]) if sources else "?"


def main():
    command, cache = sys.argv[1:3]
    if command == "owner":
        for path in entries(cache):
            print(owner(path))
    elif command == "limit":
        keep = sys.argv[3]
        sizes = {owner(p): os.path.getsize(p) for p in entries(cache)}
        total = sum(sizes.values())
        kilobytes = (sizes[keep] + 1023) // 1024
        if kilobytes * 1024 >= total:
            sys.exit("entries too small to tell apart")
        print(f"{kilobytes}K")
    elif command == "truncate":
        for path in entries(cache):
            with open(path, "r+") as f:
                f.truncate(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
