#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# in_root.sh ROOT COMMAND...: runs COMMAND chrooted into ROOT, with /proc
# mounted there as on a running system (the dynamic loader resolves
# $ORIGIN through /proc/self/exe), in a mount namespace of its own: the
# mount goes away with the command. The environment is a fresh login's:
# nothing of the host's (lit's TMPDIR) leaks in.
set -euo pipefail
if [ $# -lt 2 ] || [ ! -d "$1/proc" ]; then
  echo "usage: in_root.sh ROOT COMMAND... (ROOT: a system root with /proc)" >&2
  exit 2
fi
exec env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  unshare --mount --propagation private --fork \
  sh -c 'mount -t proc proc "$0/proc" && exec chroot "$0" "$@"' "$@"
