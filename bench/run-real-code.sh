#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Runs corolint on a checkout of a public coroutine library (brought in by
# hand; nothing of it is committed here) and prints what docs/validation.md
# records: translation units, wall time, and every finding.
#
#   bench/run-real-code.sh NAME CHECKOUT [COROLINT]
#
# NAME picks the CMake options that configure the library with Debian's
# packages and no network: libcoro, cppcoro, concurrencpp, async_simple,
# yalantinglibs, co_async.
# Boost.Asio's C++20 examples come from Debian (libboost1.81-doc):
#   bench/run-real-code.sh asio /usr/share/doc/libboost1.81-doc/examples/libs/asio/example/cpp20
set -euo pipefail
name=$1
checkout=$(realpath "$2")
here=$(cd "$(dirname "$0")/.." && pwd)
corolint=${3:-$here/build/bin/corolint}
out=${OUT:-$here/build/real-code}
mkdir -p "$out"

case "$name" in
  libcoro) options=(-DLIBCORO_FEATURE_NETWORKING=OFF -DLIBCORO_FEATURE_TLS=OFF) ;;
  cppcoro|concurrencpp) options=() ;;
  async_simple) options=(-DASYNC_SIMPLE_DISABLE_AIO=ON -DASYNC_SIMPLE_ENABLE_ASAN=OFF
                         -DASYNC_SIMPLE_BUILD_DEMO_EXAMPLE=OFF -DGMOCK_INCLUDE_DIR=/usr/include
                         -DGTEST_INCLUDE_DIR=/usr/include -DGTEST_LIBRARIES=gtest_main
                         -DGMOCK_LIBRARIES=gmock_main) ;;
  asio) options=() ;;
  # Only the coroutine parts (coro_io, coro_rpc, coro_http), their tests and
  # examples: the struct_* and other libraries have no coroutines.
  yalantinglibs) options=(-DBUILD_BENCHMARK=OFF -DBUILD_STRUCT_PACK=OFF -DBUILD_STRUCT_JSON=OFF
                          -DBUILD_STRUCT_XML=OFF -DBUILD_STRUCT_YAML=OFF -DBUILD_STRUCT_PB=OFF
                          -DBUILD_REFLECTION=OFF -DBUILD_EASYLOG=OFF -DBUILD_UTIL=OFF
                          -DBUILD_METRIC=OFF -DBUILD_INCLUDE=OFF) ;;
  co_async) options=() ;;  # needs libtbb-dev
  *) echo "unknown library '$name'" >&2; exit 2 ;;
esac

start=$(date +%s.%N)
status=0
if [ "$name" = asio ]; then
  mapfile -t files < <(find "$checkout" -name '*.cpp' | sort)
  "$corolint" -j "$(nproc)" --format=json -o "$out/$name.json" --system-headers \
    --header-filter='boost/asio' "${files[@]}" -- -std=c++20 -pthread 2> "$out/$name.log" || status=$?
else
  build="$checkout/build-corolint"
  cmake -S "$checkout" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "${options[@]}" > "$out/$name-cmake.log" 2>&1
  (cd "$checkout" && "$corolint" -p "$build" -j "$(nproc)" --format=json -o "$out/$name.json") \
    2> "$out/$name.log" || status=$?
fi
end=$(date +%s.%N)
grep '^corolint:' "$out/$name.log" || true
echo "exit code $status, $(echo "$end - $start" | bc) s including configuration"
python3 - "$out/$name.json" <<'PY'
import json, sys
for f in json.load(open(sys.argv[1])):
    print(f"{f['file']}:{f['line']}:{f['column']}: [{f['check']}] {f['message']}")
PY
