#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs one corolint check on one test file through both front ends.

This is corolint's own version of clang-tidy's check_clang_tidy.py (which
Debian does not ship). For each front end (the standalone `corolint` and
`clang-tidy -load corolint-tidy.so`) it:
  1. copies the test file, blanking its CHECK lines so line numbers stay;
  2. runs the check with --fix (or --fix-notes) on the copy;
  3. FileChecks the diagnostics against CHECK-MESSAGES (warnings and errors,
     none unexpected) and CHECK-NOTES (warnings, errors and notes, none
     unexpected);
  4. FileChecks the fixed copy against CHECK-FIXES;
  5. compiles the fixed copy with clang++ -fsyntax-only, so that every fix-it
     is proven to keep the code valid.
Both front ends must satisfy the same expectations.

Usage:
  corolint_check.py [driver options] FILE CHECK-NAME TEMP [--check-suffixes=A,B]
                    [--fix-notes] [--config=YAML] [-- COMPILER ARGS]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys


def run(cmd, **kwargs):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, **kwargs)


def fail(message, output=""):
    sys.stderr.write(f"corolint_check: {message}\n")
    if output:
        sys.stderr.write("------ output ------\n" + output + "\n--------------------\n")
    sys.exit(1)


FILECHECK = "FileCheck"


def file_check(prefixes, input_text, check_file, extra):
    cmd = [FILECHECK, f"--input-file=-", check_file,
           f"--check-prefixes={','.join(prefixes)}", "--strict-whitespace",
           "--dump-input=fail"] + extra
    proc = subprocess.run(cmd, input=input_text, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return proc.returncode, proc.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corolint", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--clangxx", required=True)
    parser.add_argument("--frontends", default="tool,plugin")
    parser.add_argument("--stdlibs", default=os.environ.get("COROLINT_TEST_STDLIBS", "libstdc++"),
                        help="comma-separated: libstdc++, libc++ (each is a separate run)")
    parser.add_argument("--check-suffixes", default="")
    parser.add_argument("--fix-notes", action="store_true")
    parser.add_argument("--config", default=None)
    parser.add_argument("--no-compile", action="store_true",
                        help="do not compile the fixed file (for inputs that are "
                             "deliberately broken)")
    parser.add_argument("input")
    parser.add_argument("check")
    parser.add_argument("temp")
    argv = sys.argv[1:]
    compiler_args = []
    if "--" in argv:
        split = argv.index("--")
        argv, compiler_args = argv[:split], argv[split + 1:]
        # check_clang_tidy.py habit: `-- --` before the compiler flags.
        if compiler_args[:1] == ["--"]:
            compiler_args = compiler_args[1:]
    args = parser.parse_args(argv)
    global FILECHECK
    beside = os.path.join(os.path.dirname(args.clang_tidy), "FileCheck")
    if os.path.exists(beside):
        FILECHECK = beside
    if not compiler_args:
        compiler_args = ["-std=c++20"]

    suffixes = [s for s in args.check_suffixes.split(",") if s]
    def prefixed(base):
        return [f"{base}-{s}" for s in suffixes] if suffixes else [base]
    message_prefixes = prefixed("CHECK-MESSAGES")
    note_prefixes = prefixed("CHECK-NOTES")
    fix_prefixes = prefixed("CHECK-FIXES")

    with open(args.input) as f:
        original = f.read()
    has = lambda prefixes: any(re.search(p + r"(-NOT|-NEXT|-SAME|-DAG)?:", original)
                               for p in prefixes)
    has_messages, has_notes, has_fixes = (has(message_prefixes), has(note_prefixes),
                                          has(fix_prefixes))
    if has_messages and has_notes:
        fail("use CHECK-MESSAGES or CHECK-NOTES in one test run, not both")
    # Blank out every CHECK line so that it cannot match its own text.
    cleaned = re.sub(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*", "//", original)

    extension = os.path.splitext(args.input)[1] or ".cpp"
    runs = [(f, lib) for lib in args.stdlibs.split(",") for f in args.frontends.split(",")]
    base_compiler_args = compiler_args
    for frontend, stdlib in runs:
        # libc++ puts the standard library in std::__1: every check must
        # see through it.
        compiler_args = base_compiler_args + (["-stdlib=libc++"] if stdlib == "libc++" else [])
        tag = frontend if stdlib == "libstdc++" else f"{frontend}.libcxx"
        temp = f"{args.temp}.{tag}{extension}"
        os.makedirs(os.path.dirname(os.path.abspath(temp)), exist_ok=True)
        with open(temp, "w") as f:
            f.write(cleaned)
        if frontend == "tool":
            cmd = [args.corolint]
        else:
            # As docs/usage.md tells plugin users: parse as the compiler does
            # (clang-tidy defines __clang_analyzer__; the corolint tool
            # undefines it by itself).
            cmd = [args.clang_tidy, "-load", args.plugin,
                   "--extra-arg=-U__clang_analyzer__"]
        cmd += [f"--checks=-*,{args.check}", "--fix-notes" if args.fix_notes else "--fix"]
        if args.config is not None:
            cmd.append(f"--config={args.config}")
        cmd += [temp, "--"] + compiler_args
        proc = run(cmd)
        output = proc.stdout
        if proc.returncode not in (0, 1, 3) or "Stack dump" in output:
            fail(f"[{frontend}, {stdlib}] {' '.join(cmd)} crashed (exit {proc.returncode})", output)

        # Only diagnostics about the file under test and its headers count.
        diagnostics = "\n".join(l for l in output.splitlines()
                                if re.search(r"(warning|error|note):", l)
                                and "note: FIX-IT applied" not in l)
        if has_messages:
            rc, out = file_check(message_prefixes, diagnostics + "\n", args.input,
                                 ["--implicit-check-not={{warning|error}}:"])
            if rc:
                fail(f"[{frontend}, {stdlib}] CHECK-MESSAGES failed", out + "\nfull output:\n" + output)
        elif not has_notes:
            # Without any expectation the run must be silent.
            unexpected = [l for l in diagnostics.splitlines()
                          if re.search(r"(warning|error):", l)]
            if unexpected:
                fail(f"[{frontend}, {stdlib}] unexpected diagnostics", "\n".join(unexpected))
        if has_notes:
            rc, out = file_check(note_prefixes, diagnostics + "\n", args.input,
                                 ["--implicit-check-not={{note|warning|error}}:"])
            if rc:
                fail(f"[{frontend}, {stdlib}] CHECK-NOTES failed", out + "\nfull output:\n" + output)
        with open(temp) as f:
            fixed = f.read()
        if has_fixes:
            rc, out = file_check(fix_prefixes, fixed, args.input, [])
            if rc:
                fail(f"[{frontend}, {stdlib}] CHECK-FIXES failed", out)
        elif fixed != cleaned and not args.no_compile:
            pass  # Fixes without CHECK-FIXES are still compiled below.
        if not args.no_compile:
            compile_cmd = [args.clangxx, "-fsyntax-only"] + compiler_args + [temp]
            proc = run(compile_cmd)
            if proc.returncode:
                fail(f"[{frontend}, {stdlib}] the fixed file does not compile: {' '.join(compile_cmd)}",
                     proc.stdout + "\nfixed file:\n" + fixed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
