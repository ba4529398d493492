#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Installs Microsoft's official SARIF validator (npm @microsoft/sarif-multitool,
# pinned) into build/sarif-validator for the SARIF tests. Skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=5.7.0
DIR=build/sarif-validator
TOOL="$DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ -x "$TOOL" ] && grep -q "\"version\": \"$VERSION\"" \
     "$DIR/node_modules/@microsoft/sarif-multitool/package.json" 2>/dev/null; then
  exit 0
fi
if ! command -v npm > /dev/null; then
  echo "corolint: npm is missing; the SARIF validation tests will be skipped" >&2
  exit 0
fi
mkdir -p "$DIR"
if ! npm install --prefix "$DIR" --no-audit --no-fund --silent \
       "@microsoft/sarif-multitool@$VERSION" > /dev/null 2>&1; then
  echo "corolint: could not install @microsoft/sarif-multitool@$VERSION;" \
       "the SARIF validation tests will be skipped" >&2
  exit 0
fi
# npm does not run the package's install script (it only sets the mode).
chmod u+x "$TOOL"
