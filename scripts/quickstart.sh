#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Quick start: installs what is missing, builds corolint, and runs it on the
# example project in examples/ (one instance of every pitfall it knows).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
# Configuring the example writes its compile_commands.json.
cmake -S examples -B examples/build -G Ninja -DCMAKE_CXX_COMPILER=clang++-22 > /dev/null
echo
echo "== corolint -p examples/build"
# Exit code 1 means "findings": they are the point of the quick start.
status=0
build/bin/corolint -p examples/build || status=$?
[ "$status" -le 1 ]
