#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""image_run.py IMAGE [-v HOST:CONTAINER] -- COMMAND...: runs COMMAND in a
working container of IMAGE with `buildah run --isolation chroot` (no OCI
runtime), prints its output and exits with its exit code; the working
container is removed afterwards."""
import subprocess
import sys

args = sys.argv[1:]
image, args = args[0], args[1:]
volumes = []
while args and args[0] == "-v":
    volumes += ["-v", args[1]]
    args = args[2:]
if not args or args[0] != "--":
    sys.exit("usage: image_run.py IMAGE [-v HOST:CONTAINER] -- COMMAND...")
command = args[1:]
container = subprocess.run(["buildah", "from", "--quiet", image], check=True,
                           stdout=subprocess.PIPE, text=True).stdout.strip()
try:
    status = subprocess.call(["buildah", "run", "--isolation", "chroot", *volumes,
                              container, "--", *command])
finally:
    subprocess.run(["buildah", "rm", container], stdout=subprocess.DEVNULL, check=True)
sys.exit(status)
