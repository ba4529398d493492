#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Builds the release artefacts of the checked-out commit (docs/releasing.md):
#   scripts/release.sh [--build-dir DIR]
# From a clean git tree whose CHANGELOG.md has a section for the version in
# CMakeLists.txt's project() (and nothing left under [Unreleased]), it
# builds in a fresh build folder (default build-release/) and writes into
# dist/:
#   corolint_<version>_amd64.deb                     (CPack)
#   corolint-<version>-linux-x86_64-llvm22.tar.gz    (scripts/make-portable.sh)
#   SHA256SUMS                                       (sha256sum of both)
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

# A fresh build folder: nothing cached from another configuration.
rm -rf "$build_dir"
cmake -S . -B "$build_dir" -G Ninja "${configure[@]}" > /dev/null
cmake --build "$build_dir" -j "${COROLINT_RELEASE_JOBS:-2}"

mkdir -p dist
deb="corolint_${version}_amd64.deb"
tarball="corolint-${version}-linux-x86_64-llvm22.tar.gz"
rm -f "dist/$deb" "dist/$tarball" dist/SHA256SUMS
rm -rf "$build_dir/cpack"
cpack -G DEB -B "$build_dir/cpack" --config "$build_dir/CPackConfig.cmake" > "$build_dir/cpack.log"
mv "$build_dir/cpack/$deb" dist/
scripts/make-portable.sh "$build_dir" dist > /dev/null
(cd dist && sha256sum "$deb" "$tarball" > SHA256SUMS)

echo "corolint $version ($(git describe --always --dirty --abbrev=12)):"
for artefact in "$deb" "$tarball" SHA256SUMS; do
  echo "  dist/$artefact"
done
