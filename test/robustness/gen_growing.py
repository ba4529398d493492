#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes the inputs of growing-source.test: a source, and a source with a
header, each large enough that clang would map it, with one finding.

Usage: gen_growing.py OUT_DIR
"""
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
finding = ('#include "lazy_task.h"\nlib::Task<int> fetch(int);\n'
           'lib::Task<> caller() { fetch(1); co_return; }\n')
functions = "".join(f"int f{i}(int x) {{ return x + {i}; }}\n"
                    for i in range(8000))
with open(os.path.join(out, "main.cpp"), "w") as f:
    f.write(finding + functions)
with open(os.path.join(out, "big.h"), "w") as f:
    f.write(functions)
with open(os.path.join(out, "header.cpp"), "w") as f:
    f.write(finding + '#include "big.h"\n')
