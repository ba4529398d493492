#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Builds corolint against another LLVM that Debian 12 ships (16 or 19) in
# build-llvmN/ and runs its tests there:
#   scripts/test-llvm.sh 19            the check tests and every test of the
#                                      tool, the codebase runner, the model,
#                                      robustness and the editor server
#   scripts/test-llvm.sh 19 --sample   a test of each check (both front ends,
#                                      libstdc++) and the tests of what
#                                      differs between LLVMs (version, plugin
#                                      guard, header filter, GCC's flags):
#                                      what scripts/test.sh runs for each
#                                      other LLVM, within CI's time
# LLVM 22 is built in build/ and tested whole by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
major="${1:?usage: scripts/test-llvm.sh 16|19 [--sample]}"
mode="${2:-}"
root="/usr/lib/llvm-$major"
if [ ! -f "$root/lib/cmake/clang/ClangConfig.cmake" ] || [ ! -x "$root/bin/clang-tidy" ]; then
  echo "corolint: LLVM $major is not installed (apt-get install clang-$major libclang-$major-dev clang-tidy-$major llvm-$major-dev llvm-$major-tools)" >&2
  exit 2
fi
build="build-llvm$major"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCOROLINT_LLVM_ROOT="$root" > /dev/null
lit=/usr/lib/llvm-22/bin/lit
command -v "$lit" > /dev/null || lit=lit
# The check folders, named from the sources (the build's test/ has only
# what earlier runs left).
checks=()
for folder in test/coro-*; do
  checks+=("$build/$folder")
done
if [ "$mode" = "--sample" ]; then
  # Only what these tests run: the tool and the plugin.
  cmake --build "$build" --target corolint corolint-tidy
  sample='coro-await-in-loop/loops|coro-blocking-call/sleeping|coro-capturing-lambda/continuations'
  sample+='|coro-cleanup-after-suspend/releases|coro-dangling-reference/temporaries'
  sample+='|coro-discarded-task/(discarded-calls|explain|dependent-calls)|coro-lock-across-suspend/guards'
  sample+='|coro-sequential-await/independent|tool/(defaults|plugin-version|header-filter-and-config-file)'
  sample+='|codebase/gcc-commands'
  # (No editor server is built for the sample: CI=true would insist on it.)
  env -u CI "$lit" -sv --param stdlibs=libstdc++ --filter="$sample" "${checks[@]}" \
    "$build/test/tool" "$build/test/codebase"
else
  cmake --build "$build"
  "$lit" -sv "${checks[@]}" "$build/test/tool" "$build/test/codebase" \
    "$build/test/robustness" "$build/test/coroutine-model" \
    "$build/test/library-coverage" "$build/test/editor"
fi
