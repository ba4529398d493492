#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Makes the portable tarball of a corolint build, for machines without LLVM:
#   scripts/make-portable.sh BUILD_DIR OUT_DIR
# writes OUT_DIR/corolint-<version>-linux-x86_64-llvm<major>.tar.gz, one
# prefix holding
#   bin/corolint, bin/corolint-clangd (when built)   run path $ORIGIN/../lib
#   lib/corolint-tidy.so                             the clang-tidy plugin
#   lib/libclang-cpp.so.*, lib/libLLVM.so.* and every other library ldd
#     resolves for them, but glibc's, libstdc++ and libgcc_s   run path $ORIGIN
#   lib/clang/<major>/include, share    clang's resource headers: the tools
#     look for them at ../lib/clang/<major> from their own path
#   share/doc/corolint                  the docs, the copyright, the changelog
# The C++ standard library's headers are not bundled: corolint reads the
# user's, as their compiler does.
set -euo pipefail

if [ $# -ne 2 ] || [ ! -f "${1:-}/CMakeCache.txt" ]; then
  echo "usage: scripts/make-portable.sh BUILD_DIR OUT_DIR (BUILD_DIR: a configured and built corolint build folder)" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
for tool in patchelf ldd tar gzip; do
  if ! command -v "$tool" > /dev/null; then
    echo "corolint: make-portable.sh needs $tool (apt-get install patchelf)" >&2
    exit 2
  fi
done
if [ ! -x "$build/bin/corolint" ]; then
  echo "corolint: $build/bin/corolint is not built (ninja -C $build)" >&2
  exit 2
fi

cache_value() {
  sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt" | head -n 1
}
version=$(cache_value CMAKE_PROJECT_VERSION)
llvm_root=$(cache_value COROLINT_LLVM_ROOT)
clang_dir=$(cache_value Clang_DIR)
llvm_major=$(sed -n 's/^set(LLVM_VERSION_MAJOR \([0-9]*\))$/\1/p' \
  "$clang_dir/../llvm/LLVMConfig.cmake" 2> /dev/null | head -n 1)
[ -n "$llvm_major" ] || llvm_major=22
resource="$llvm_root/lib/clang/$llvm_major"
if [ -z "$version" ] || [ ! -d "$resource/include" ]; then
  echo "corolint: no version in $build/CMakeCache.txt or no clang resource headers in $resource" >&2
  exit 2
fi

name="corolint-$version-linux-x86_64-llvm$llvm_major"
stage="$out/$name"
rm -rf "$stage" "$out/$name.tar.gz"
cmake --install "$build" --prefix "$stage" --strip > /dev/null

# glibc, libstdc++ and libgcc_s are every Linux system's own (the user's
# compiler uses them too); everything else the tools load is bundled.
is_system_library() {
  case "$1" in
  linux-vdso.so.* | ld-linux*.so.* | libc.so.* | libm.so.* | libmvec.so.* | \
    libpthread.so.* | libdl.so.* | librt.so.* | libresolv.so.* | libutil.so.* | \
    libanl.so.* | libnsl.so.* | libstdc++.so.* | libgcc_s.so.*)
    return 0 ;;
  esac
  return 1
}

executables=()
for tool in corolint corolint-clangd; do
  [ -x "$stage/bin/$tool" ] && executables+=("$stage/bin/$tool")
done
bundled=()
for exe in "${executables[@]}"; do
  # ldd lists the whole closure: "libLLVM.so.22.1 => /usr/lib/.../libLLVM.so.22.1 (0x...)".
  while read -r soname arrow path _; do
    [ "$arrow" = "=>" ] || continue
    is_system_library "$soname" && continue
    if [ ! -f "$path" ]; then
      echo "corolint: $exe needs $soname, which ldd does not find" >&2
      exit 2
    fi
    if [ ! -e "$stage/lib/$soname" ]; then
      cp -L "$path" "$stage/lib/$soname"
      chmod 644 "$stage/lib/$soname"
      bundled+=("$stage/lib/$soname")
    fi
  done < <(ldd "$exe")
done
for exe in "${executables[@]}"; do
  patchelf --set-rpath '$ORIGIN/../lib' "$exe"
done
for library in "${bundled[@]}"; do
  patchelf --set-rpath '$ORIGIN' "$library"
done

# clang's builtin headers (stddef.h, the intrinsics...) where the driver
# derives the resource folder from the executable: bin/../lib/clang/<major>.
mkdir -p "$stage/lib/clang/$llvm_major"
cp -r "$resource/include" "$stage/lib/clang/$llvm_major/include"
[ -d "$resource/share" ] && cp -r "$resource/share" "$stage/lib/clang/$llvm_major/share"

# Reproducible: the files' times are the commit's, owned by root, sorted.
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$(cache_value CMAKE_HOME_DIRECTORY)" log -1 --format=%ct 2> /dev/null || date +%s)}
tar -C "$out" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
  -cf - "$name" | gzip -n > "$out/$name.tar.gz"
rm -rf "$stage"
echo "$out/$name.tar.gz"
