#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Builds the release artefacts of the checked-out commit (docs/releasing.md):
#   scripts/release.sh [--build-dir DIR]
# From a clean git tree whose CHANGELOG.md has a section for the version in
# CMakeLists.txt's project() (and nothing left under [Unreleased]), it
# builds in a fresh build folder (default build-release/) and writes into
# dist/:
#   corolint_<version>_amd64.deb                     (CPack, LLVM 22)
#   corolint-llvm19_<version>_amd64.deb              (CPack, LLVM 19, when installed)
#   corolint-llvm16_<version>_amd64.deb              (CPack, LLVM 16, when installed)
#   corolint-<version>-linux-x86_64-llvm22.tar.gz    (scripts/make-portable.sh)
#   SHA256SUMS                                       (sha256sum of them all)
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build-release
while [ $# -gt 0 ]; do
  case "$1" in
  --build-dir)
    if [ $# -lt 2 ] || [ -z "$2" ]; then
      echo "corolint: release.sh: --build-dir needs a folder" >&2
      exit 2
    fi
    build_dir=$2
    shift 2 ;;
  *)
    echo "corolint: release.sh: unknown argument '$1' (usage: scripts/release.sh [--build-dir DIR])" >&2
    exit 2 ;;
  esac
done

if ! git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
  echo "corolint: release.sh: $(pwd) is not a git work tree" >&2
  exit 2
fi
if [ -n "$(git status --porcelain)" ]; then
  echo "corolint: release.sh: the git tree is not clean (commit or stash first: git status)" >&2
  exit 2
fi
version=$(sed -n 's/^project(corolint VERSION \([0-9][0-9.]*\) .*/\1/p' CMakeLists.txt)
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "corolint: release.sh: no X.Y.Z version in CMakeLists.txt's project(corolint VERSION ...)" >&2
  exit 2
fi
if ! grep -q "^## \[$version\]" CHANGELOG.md; then
  echo "corolint: release.sh: CHANGELOG.md has no '## [$version]' section (move [Unreleased] there: docs/releasing.md)" >&2
  exit 2
fi
# What [Unreleased] lists is not in this version's section: the artefacts
# would carry changes their changelog does not name.
if awk '/^## \[Unreleased\]/ { inside = 1; next } /^## \[/ { inside = 0 } inside && /^- / { found = 1 } END { exit !found }' CHANGELOG.md; then
  echo "corolint: release.sh: CHANGELOG.md's [Unreleased] lists changes: move them into '## [$version]' first (docs/releasing.md)" >&2
  exit 2
fi
if [ "$(git tag --points-at HEAD --list "v$version")" != "v$version" ]; then
  echo "corolint: note: HEAD is not tagged v$version; these artefacts are not the release's" >&2
fi

# The .deb's changelog is dated as the CHANGELOG.md section
# ("## [X.Y.Z] - YYYY-MM-DD"); its maintainer is $COROLINT_PACKAGE_CONTACT
# when set.
configure=(-DCMAKE_BUILD_TYPE=Release)
released=$(sed -n "s/^## \[$version\] - \([0-9-]*\)$/\1/p" CHANGELOG.md)
if [ -n "$released" ]; then
  configure+=("-DCOROLINT_RELEASE_DATE=$(LC_ALL=C date -u -R -d "$released")")
fi
if [ -n "${COROLINT_PACKAGE_CONTACT:-}" ]; then
  configure+=("-DCOROLINT_PACKAGE_CONTACT=$COROLINT_PACKAGE_CONTACT")
fi

# The LLVMs to package: 22 (the package corolint and the portable tarball),
# then each other one Debian 12 ships that is installed here (the packages
# corolint-llvm19, corolint-llvm16); COROLINT_RELEASE_LLVMS="22 19" chooses.
llvms="${COROLINT_RELEASE_LLVMS:-}"
if [ -z "$llvms" ]; then
  llvms=22
  for major in 19 16; do
    [ -f "/usr/lib/llvm-$major/lib/cmake/clang/ClangConfig.cmake" ] && llvms+=" $major"
  done
fi
mkdir -p dist
tarball="corolint-${version}-linux-x86_64-llvm22.tar.gz"
artefacts=()
for major in $llvms; do
  dir="$build_dir"
  deb="corolint_${version}_amd64.deb"
  if [ "$major" != 22 ]; then
    dir="$build_dir-llvm$major"
    deb="corolint-llvm${major}_${version}_amd64.deb"
  fi
  # A fresh build folder: nothing cached from another configuration.
  rm -rf "$dir"
  cmake -S . -B "$dir" -G Ninja "${configure[@]}" \
    -DCOROLINT_LLVM_ROOT="/usr/lib/llvm-$major" > /dev/null
  cmake --build "$dir" -j "${COROLINT_RELEASE_JOBS:-2}"
  rm -f "dist/$deb"
  cpack -G DEB -B "$dir/cpack" --config "$dir/CPackConfig.cmake" > "$dir/cpack.log"
  mv "$dir/cpack/$deb" dist/
  artefacts+=("$deb")
  if [ "$major" = 22 ]; then
    rm -f "dist/$tarball"
    scripts/make-portable.sh "$dir" dist > /dev/null
    artefacts+=("$tarball")
  fi
done
rm -f dist/SHA256SUMS
(cd dist && sha256sum "${artefacts[@]}" > SHA256SUMS)
artefacts+=(SHA256SUMS)

echo "corolint $version ($(git describe --always --dirty --abbrev=12)):"
for artefact in "${artefacts[@]}"; do
  echo "  dist/$artefact"
done
