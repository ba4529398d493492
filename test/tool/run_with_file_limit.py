# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs a command under a file size limit: run_with_file_limit.py BYTES CMD...

Writes that would make a file larger than BYTES fail (EFBIG), as on a full
disk; the command's exit code is passed on.
"""
import os
import resource
import sys

limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
os.execvp(sys.argv[2], sys.argv[2:])
