#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes stress inputs: deeply nested coroutine lambdas, and one huge
coroutine with thousands of statements, awaits, locks and branches.

Usage: gen_stress.py OUT_DIR
"""
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

depth = 120
with open(os.path.join(out, "nested.cpp"), "w") as f:
    f.write('#include "lazy_task.h"\n#include <mutex>\nlib::Task<int> fetch(int);\nstd::mutex Mu;\n')
    f.write("lib::Task<> outer() {\n")
    for i in range(depth):
        f.write(f"auto L{i} = [&]() -> lib::Task<> {{ std::lock_guard<std::mutex> G{i}(Mu); co_await fetch({i});\n")
    for i in reversed(range(depth)):
        f.write(f"co_return; }}; lib::spawn(L{i}());\n")
    f.write("co_return;\n}\n")

statements = 4000
with open(os.path.join(out, "huge.cpp"), "w") as f:
    f.write('#include "lazy_task.h"\n#include <mutex>\n#include <thread>\n')
    f.write("lib::Task<int> fetch(int);\nstd::mutex Mu;\nvoid helper(int);\n")
    f.write("lib::Task<int> huge(int X) {\n  int Sum = 0;\n")
    for i in range(statements):
        kind = i % 8
        if kind == 0:
            f.write(f"  auto A{i} = co_await fetch({i});\n  Sum += A{i};\n")
        elif kind == 1:
            f.write(f"  if (X > {i}) {{ std::unique_lock<std::mutex> L{i}(Mu); L{i}.unlock(); }}\n")
        elif kind == 2:
            f.write(f"  for (int I{i} = 0; I{i} < X; ++I{i}) Sum += co_await fetch(I{i});\n")
        elif kind == 3:
            f.write(f"  helper({i});\n")
        elif kind == 4:
            f.write(f"  switch (X) {{ case {i}: Sum += 1; break; default: break; }}\n")
        elif kind == 5:
            f.write(f"  while (Sum > {i}) {{ Sum -= co_await fetch(Sum); }}\n")
        elif kind == 6:
            f.write(f"  {{ std::lock_guard<std::mutex> G{i}(Mu); Sum += {i}; }}\n")
        else:
            f.write(f"  Sum += [&] {{ return {i}; }}();\n")
    f.write("  co_return Sum;\n}\n")
