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
# The Debian 13 root without LLVM where the portable tarball must run (about
# 2 minutes the first time, kept in build/debian13-root). The container
# image's base is not made here (another 2.5 minutes; the suite must stay
# under 30 minutes on 2 cores): `scripts/make-test-roots.sh container-base`
# enables test/packaging/container.test.
if [ "$(id -u)" -eq 0 ]; then
  scripts/make-test-roots.sh debian13-root
fi
cmake --build build --target check
# LLVM 19 (Debian 12's clang-tidy-19): built, and a sample of the tests run
# against it, within CI's 30 minutes (scripts/test-llvm.sh 19 runs them all).
# LLVM 16 builds but does not pass yet: scripts/test-llvm.sh 16.
scripts/test-llvm.sh 19 --sample
