#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes a coroutine whose one expression has N terms (a left-leaning tree
N levels deep, as clang builds `v + v + ... + v`), beside a pitfall of each
check, for deep-expressions.test.

Usage: gen_deep.py OUT N
"""
import sys


def main():
    out, terms = sys.argv[1], int(sys.argv[2])
    deep = " + ".join(["v"] * terms)
    with open(out, "w") as f:
        f.write('#include <chrono>\n#include <mutex>\n#include <thread>\n'
                '#include "lazy_task.h"\n'
                "lib::Task<int> fetch(int);\n"
                "std::mutex Mu;\n"
                "lib::Task<> f(int v) {\n"
                f"  int x = {deep};\n"
                "  fetch(x);\n"
                "  std::lock_guard<std::mutex> Guard(Mu);\n"
                "  std::this_thread::sleep_for(std::chrono::seconds(1));\n"
                "  int a = co_await fetch(1);\n"
                "  int b = co_await fetch(2);\n"
                "  co_return;\n"
                "}\n")


if __name__ == "__main__":
    sys.exit(main())
