#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Builds corolint and runs the whole test suite: lit + FileCheck, every check
# test through both front ends, plus the coroutine model's unit tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
scripts/install-sarif-validator.sh
scripts/install-actionlint.sh
cmake --build build --target check
