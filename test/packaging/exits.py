#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""exits.py CODE OUTPUT COMMAND...: runs COMMAND with its stdout and stderr
into the file OUTPUT, and succeeds when it exits with CODE (lit's `not` takes
any failure)."""
import subprocess
import sys

code, output, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
with open(output, "w") as out:
    status = subprocess.call(command, stdout=out, stderr=subprocess.STDOUT)
if status != code:
    print(f"exits.py: {command[0]} exited {status}, not {code}", file=sys.stderr)
    sys.exit(1)
