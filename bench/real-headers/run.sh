#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Runs corolint on the bench files of this folder against the real headers of
# stdexec, libunifex, folly::coro and Boost.Cobalt (see README.md), and prints
# per library: expected, found, missing, unexpected, and whether the fixes
# compile.
#
#   bench/real-headers/run.sh [HEADERS_DIR] [COROLINT]
#
# HEADERS_DIR holds the extracted checkouts (default /work/realcode/headers):
#   stdexec/  libunifex/  folly/  cobalt/  boost-asio/  [folly-config/]
# COROLINT is the corolint binary (default build/bin/corolint of this repo).
# Environment: VARIANTS="default undef" (which runs to make: "default" as
# clang-tidy runs, "undef" with --extra-arg=-U__clang_analyzer__), LIBS to
# choose files (default: every one), CXX (default clang++-22).
# Exit code: 0 when every library matched its EXPECT lines and every fix
# compiled, 1 otherwise, 2 on a usage error.
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
H=${1:-/work/realcode/headers}
COROLINT=${2:-$repo/build/bin/corolint}
CXX=${CXX:-clang++-22}
VARIANTS=${VARIANTS:-default undef}
LIBS=${LIBS:-stdexec stdexec-std unifex folly cobalt}

[[ -d $H ]] || { echo "run.sh: no headers folder $H" >&2; exit 2; }
[[ -x $COROLINT ]] || { echo "run.sh: no corolint binary $COROLINT" >&2; exit 2; }
H=$(cd "$H" && pwd)
COROLINT=$(cd "$(dirname "$COROLINT")" && pwd)/$(basename "$COROLINT")

folly_config=$H/folly-config
[[ -f $folly_config/folly/folly-config.h ]] || folly_config=$here/folly-config

flags_for() {
  case $1 in
    stdexec)     echo "-std=c++20 -I$H/stdexec/include" ;;
    stdexec-std) echo "-std=c++20 -DSTDEXEC_NAMESPACE=std::execution -I$H/stdexec/include" ;;
    unifex)      echo "-std=c++20 -I$H/libunifex/include" ;;
    folly)       echo "-std=c++20 -I$folly_config -I$H/folly" ;;
    cobalt)      echo "-std=c++20 -I$H/cobalt/include -I$H/boost-asio/include" ;;
    *) return 1 ;;
  esac
}

work=$(mktemp -d "${TMPDIR:-/tmp}/corolint-real-headers.XXXXXX")
trap 'rm -rf "$work"' EXIT

# "LINE CHECK" pairs, one a line, from the trailing EXPECT comments
# ("// EXPECT: coro-a" or "// EXPECT: coro-a, coro-b" at the end of a line).
# Sorted as comm wants them (LC_ALL=C, whole line).
expected_of() {
  grep -nE '// EXPECT: coro-[a-z-]+(, *coro-[a-z-]+)*[[:space:]]*$' "$1" |
    while IFS= read -r l; do
      n=${l%%:*}
      for c in $(echo "${l##*// EXPECT:}" | tr ',' ' '); do echo "$n $c"; done
    done | LC_ALL=C sort
}

# "LINE CHECK MESSAGE" from corolint's text report, for the main file only.
found_of() { # report basename
  sed -n -E "s|^(.*/)?$2:([0-9]+):[0-9]+: warning: (.*) \[(coro-[a-z-]+)\]\$|\2 \4 \3|p" "$1" |
    LC_ALL=C sort
}

status=0
summary=()
printf 'corolint: %s\nheaders:  %s\n' "$COROLINT" "$H"
for lib in $LIBS; do
  src=$here/$lib.cpp
  flags=$(flags_for "$lib") || { echo "run.sh: unknown library $lib" >&2; exit 2; }
  base=$(basename "$src")
  # shellcheck disable=SC2086
  if ! $CXX $flags -fsyntax-only -Wno-unused-value "$src" >"$work/$lib.cc.log" 2>&1; then
    echo; echo "== $lib: the bench file does not compile with: $CXX $flags"
    head -5 "$work/$lib.cc.log"; status=1
    summary+=("$(printf '%-12s %-8s  bench file does not compile' "$lib" -)"); continue
  fi
  expected_of "$src" >"$work/$lib.exp"
  for variant in $VARIANTS; do
    extra=()
    [[ $variant == undef ]] && extra=(--extra-arg=-U__clang_analyzer__)
    d=$work/$lib.$variant; mkdir -p "$d"
    cp "$src" "$d/$base"
    # shellcheck disable=SC2086
    (cd "$d" && "$COROLINT" --checks='-*,coro-*' "${extra[@]}" "$base" -- $flags) \
      >"$d/report" 2>"$d/stderr"
    rc=$?
    found_of "$d/report" "$base" >"$d/found"
    cut -d' ' -f1,2 "$d/found" >"$d/found.keys"
    echo
    echo "== $lib [$variant${extra:+: ${extra[*]}}]  flags: $flags"
    if grep -q 'error:' "$d/report" "$d/stderr" && [[ $rc -ge 2 ]]; then
      echo "   corolint failed (exit $rc):"; grep -h 'error' "$d/report" "$d/stderr" | head -5 | sed 's/^/     /'
      summary+=("$(printf '%-12s %-8s  corolint failed (exit %s)' "$lib" "$variant" "$rc")")
      status=1; continue
    fi
    missing=$(LC_ALL=C comm -23 "$work/$lib.exp" "$d/found.keys" | sort -k1,1n -k2)
    unexpected=$(LC_ALL=C comm -13 "$work/$lib.exp" "$d/found.keys" | sort -k1,1n -k2)
    ne=$(grep -c . "$work/$lib.exp"); nf=$(grep -c . "$d/found.keys")
    nm=$(grep -c . <<<"$missing"); nu=$(grep -c . <<<"$unexpected")
    echo "   expected $ne, found $nf, matched $((ne - nm)), missing $nm, unexpected $nu"
    while read -r n c; do
      [[ -n $n ]] || continue
      echo "   MISSING    line $n $c: $(sed -n "${n}p" "$src" | sed -E 's|[[:space:]]*// EXPECT:.*||; s|^[[:space:]]+||')"
    done <<<"$missing"
    while read -r n c; do
      [[ -n $n ]] || continue
      msg=$(awk -v n="$n" -v c="$c" '$1 == n && $2 == c { $1 = ""; $2 = ""; sub(/^  /, ""); print; exit }' "$d/found")
      echo "   UNEXPECTED line $n $c: $msg"
    done <<<"$unexpected"
    [[ $nm -eq 0 && $nu -eq 0 ]] || status=1
    fixnote="none"

    # The fixes: apply them to a copy and compile it.
    mkdir -p "$d/fix"; cp "$src" "$d/fix/$base"
    # shellcheck disable=SC2086
    (cd "$d/fix" && "$COROLINT" --checks='-*,coro-*' "${extra[@]}" --fix "$base" -- $flags) \
      >"$d/fix.report" 2>"$d/fix.stderr"
    changed=$(diff -U0 "$src" "$d/fix/$base" | grep -c '^+[^+]')
    if [[ $changed -eq 0 ]]; then
      echo "   fixes: none applied"
    else
      # shellcheck disable=SC2086
      if $CXX $flags -fsyntax-only -Wno-unused-value "$d/fix/$base" >"$d/fix.cc.log" 2>&1; then
        echo "   fixes: $changed line(s) changed; the fixed file compiles"
        fixnote="$changed lines, compiles"
      else
        echo "   fixes: $changed line(s) changed; the fixed file DOES NOT compile:"
        fixnote="$changed lines, DOES NOT compile"
        grep -m3 'error:' "$d/fix.cc.log" | sed "s|^$d/fix/||; s/^/     /"
        status=1
      fi
      diff -U0 "$src" "$d/fix/$base" | grep '^[-+][^-+]' | sed 's/^/     /'
    fi
    summary+=("$(printf '%-12s %-8s %8s %5s %7s %10s  %s' "$lib" "$variant" "$ne" "$nf" "$nm" "$nu" "$fixnote")")
  done
done
echo
printf '%-12s %-8s %8s %5s %7s %10s  %s\n' library variant expected found missing unexpected fixes
printf '%s\n' "${summary[@]}"
exit $status
