#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Makes, once, the systems the packaging tests run corolint's artefacts in
# (as root, from deb.debian.org; each is kept for the next runs):
#   scripts/make-test-roots.sh [debian13-root] [container-base]
#   debian13-root    build/debian13-root (or $COROLINT_DEBIAN13_ROOT): Debian 13
#                    with libstdc++'s headers and no LLVM, where the portable
#                    tarball must run (test/packaging/portable-debian13.test)
#   container-base   the podman image localhost/corolint-debian12-base (or
#                    $COROLINT_CONTAINER_BASE): a Debian 12 minbase like
#                    debian:12-slim, which packaging/Containerfile builds on
#                    when the registry cannot be reached
#                    (test/packaging/container.test)
# Without arguments it makes both. Delete a root (podman rmi the image) to
# make it anew.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(debian13-root container-base)
for target in "${targets[@]}"; do
  case "$target" in
  debian13-root | container-base) ;;
  *)
    echo "corolint: make-test-roots.sh: unknown root '$target' (debian13-root, container-base)" >&2
    exit 2 ;;
  esac
done
if [ "$(id -u)" -ne 0 ]; then
  echo "corolint: make-test-roots.sh: run as root (mmdebstrap --mode=root, chroot)" >&2
  exit 2
fi

mirror=http://deb.debian.org/debian
security=http://deb.debian.org/debian-security
# bootstrap SUITE TARGET PACKAGES SOURCES...: a minbase system at TARGET (a
# folder or a .tar).
bootstrap() {
  local suite=$1 target=$2 packages=$3
  shift 3
  if command -v mmdebstrap > /dev/null; then
    mmdebstrap --mode=root --variant=minbase --quiet ${packages:+--include="$packages"} \
      "$suite" "$target" "$@"
  elif command -v debootstrap > /dev/null && [ "${target%.tar}" = "$target" ]; then
    debootstrap --variant=minbase ${packages:+--include="$packages"} "$suite" "$target" "$mirror" > /dev/null
  else
    echo "corolint: make-test-roots.sh: needs mmdebstrap (apt-get install mmdebstrap)" >&2
    exit 2
  fi
}

for target in "${targets[@]}"; do
  case "$target" in
  debian13-root)
    root=${COROLINT_DEBIAN13_ROOT:-build/debian13-root}
    if [ -f "$root/etc/debian_version" ] && [ -d "$root/usr/include/c++" ]; then
      continue
    fi
    echo "corolint: making the Debian 13 root $root"
    rm -rf "$root" "$root.partial"
    mkdir -p "$(dirname "$root")"
    # libstdc++'s headers (and glibc's), no compiler, no LLVM.
    bootstrap trixie "$root.partial" libstdc++-14-dev "$mirror"
    mv "$root.partial" "$root"
    ;;
  container-base)
    image=${COROLINT_CONTAINER_BASE:-localhost/corolint-debian12-base}
    if ! command -v podman > /dev/null; then
      echo "corolint: make-test-roots.sh: needs podman (apt-get install podman buildah)" >&2
      exit 2
    fi
    podman image exists "$image" && continue
    echo "corolint: making the container image $image"
    tarball=$(mktemp --suffix=.tar)
    # The archives debian:12-slim lists: LLVM 22 is in bookworm-security.
    bootstrap bookworm "$tarball" "" "deb $mirror bookworm main" \
      "deb $mirror bookworm-updates main" "deb $security bookworm-security main"
    podman import --quiet "$tarball" "$image" > /dev/null
    rm -f "$tarball"
    ;;
  esac
done
