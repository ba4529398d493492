#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""corolint's cost against the compiler's and clang-tidy's, on the same files.

On a synthetic codebase (bench/generate.py, deterministic) or a real one
(any compile_commands.json), per translation unit and with the same flags,
alternating the tools run by run and taking medians:
  parse     clang++-22 -fsyntax-only
  tool      corolint (all coro checks, one worker)
  plugin    clang-tidy-22 -load corolint-tidy.so (all coro checks)
  stock     clang-tidy-22 with misc-coroutine-hostile-raii and
            cppcoreguidelines-no-suspend-with-lock
  floor     clang-tidy-22 with one stock check that finds nothing here
            (misc-definitions-in-headers): what clang-tidy itself costs over
            the parse (its driver, one traversal of the AST), under any check
and for the whole codebase: corolint -j2 against run-clang-tidy-22 -j2 with
the two stock checks, and corolint -j1 against the units' parse times added
up (the workers are forked, so a unit does not pay a process's start).
Prints seconds, peak memory (MB) and ratios to parse, a per-check breakdown
(--enable-check-profile), and with --scaling the cost
as the coroutines per file double (1,000 to 20,000) or the statements per
coroutine (12 to 768), each written as an SVG plot.

With --instructions, the instructions each tool but stock executes on the
first unit (valgrind's callgrind, the tool's forked worker counted once):
unlike CPU time, which varies by 1-2 % from run to run, the count is the
same every run, so a change of half a percent shows. Two more rows split the plugin's cost:
  silenced  the plugin on a copy of the unit inside NOLINTBEGIN/NOLINTEND:
            the checks' analysis without clang-tidy rendering, fix-it merging
            and printing of their findings
  tool-silenced  the same for the tool
Instructions are not time (the parse misses the cache more than the
checks do): the ratios are larger than the time ratios.

With --clean the synthetic code has the same shapes without their pitfalls
(generate.py --clean): no findings, so the rows measure the checks'
analysis alone, without clang-tidy's handling of findings.

Usage: perf.py [--build-dir DIR | --synthetic] [--clean] [--runs 3]
               [--scaling OUT.svg] [--scaling-statements OUT.svg]
               [--instructions]
"""
import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
STOCK_CHECKS = "-*,misc-coroutine-hostile-raii,cppcoreguidelines-no-suspend-with-lock"
FLOOR_CHECKS = "-*,misc-definitions-in-headers"


def run(cmd, cwd=None):
    """Seconds and peak RSS (MB, the process and the children it waited for)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def units(build_dir):
    with open(os.path.join(build_dir, "compile_commands.json")) as f:
        entries = json.load(f)
    seen, result = set(), []
    for e in entries:
        path = os.path.join(e["directory"], e["file"])
        if path in seen or not path.endswith((".cpp", ".cc", ".cxx")):
            continue
        seen.add(path)
        args = e.get("arguments") or shlex.split(e["command"])
        flags = [a for a in args[1:] if a not in ("-c", path, e["file"])]
        if "-o" in flags:
            i = flags.index("-o")
            del flags[i:i + 2]
        result.append((e["directory"], path, flags))
    return result


def tools(args, directory, path, flags):
    return {
        "parse": ["clang++-22", "-fsyntax-only", *flags, path],
        "tool": [args.corolint, "--quiet", path, "--", *flags],
        "plugin": ["clang-tidy-22", "-load", args.plugin, "--quiet",
                   "--checks=-*,coro-*", "--extra-arg=-U__clang_analyzer__",
                   path, "--", *flags],
        "stock": ["clang-tidy-22", "--quiet", f"--checks={STOCK_CHECKS}", path,
                  "--", *flags],
        "floor": ["clang-tidy-22", "--quiet", f"--checks={FLOOR_CHECKS}", path,
                  "--", *flags],
    }


def per_unit(args, build_dir):
    totals = {}
    for directory, path, flags in units(build_dir):
        commands = tools(args, directory, path, flags)
        samples = {name: [] for name in commands}
        for _ in range(args.runs):  # alternate the tools run by run
            for name, cmd in commands.items():
                samples[name].append(run(cmd, cwd=directory))
        for name, values in samples.items():
            t = statistics.median(v[0] for v in values)
            m = statistics.median(v[1] for v in values)
            old = totals.get(name, (0.0, 0.0))
            totals[name] = (old[0] + t, max(old[1], m))
    return totals


def instructions(cmd, cwd):
    """Instructions executed by cmd and every process it forks. A forked
    child starts with its parent's counts: the parent dumps and zeroes them
    before each fork (--dump-before=fork), so that every part of every
    process's file is counted once."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["valgrind", "--tool=callgrind", "--dump-before=fork",
                        f"--callgrind-out-file={tmp}/out.%p", *cmd], cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        total = 0
        for name in os.listdir(tmp):
            with open(os.path.join(tmp, name)) as f:
                for line in f:
                    if line.startswith(("summary:", "totals:")):
                        total += int(line.split()[1])
                        break
        return total


def instruction_report(args, build_dir):
    directory, path, flags = units(build_dir)[0]
    commands = tools(args, directory, path, flags)
    del commands["stock"]
    with tempfile.TemporaryDirectory() as tmp:
        silenced = os.path.join(tmp, os.path.basename(path))
        with open(path) as f, open(silenced, "w") as out:
            out.write("// NOLINTBEGIN\n" + f.read() + "\n// NOLINTEND\n")
        # The copy includes its neighbours as the unit does.
        quoted = ["-iquote", os.path.dirname(path), "-I", os.path.dirname(path)]
        silent = tools(args, directory, silenced, quoted + flags)
        commands["silenced"] = silent["plugin"]
        commands["tool-silenced"] = silent["tool"]
        counts = {name: instructions(cmd, directory)
                  for name, cmd in commands.items()}
    print(f"instructions on {os.path.relpath(path, build_dir)} "
          "(millions, ratio to parse)")
    for name, count in counts.items():
        print(f"  {name:14} {count / 1e6:10.1f}  {count / counts['parse']:.3f}")


def check_profile(args, build_dir):
    """Seconds per check, summed over the units (plugin, all coro checks)."""
    per_check = {}
    for directory, path, flags in units(build_dir):
        out = subprocess.run(
            ["clang-tidy-22", "-load", args.plugin, "--quiet",
             "--checks=-*,coro-*", "--extra-arg=-U__clang_analyzer__",
             "--enable-check-profile", path, "--", *flags],
            cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True).stderr
        for line in out.splitlines():
            m = re.match(r"\s*([\d.]+) \(.*?\)\s+([\d.]+) \(.*?\)\s+([\d.]+) \(.*?\)\s+([\d.]+) \(.*?\)\s+(coro-[\w-]+)", line)
            if m:
                per_check[m.group(5)] = per_check.get(m.group(5), 0.0) + float(m.group(4))
    return per_check


def whole(args, build_dir):
    """corolint -j2, cold; again with the program facts of an earlier run
    kept (--program-facts, as CI keeps them: no second pass for the units
    whose helpers block in other files); run-clang-tidy-22 -j2; and
    corolint -j1, to set against the units' parse times added up."""
    one_job = statistics.median(
        run([args.corolint, "-p", build_dir, "-j1"], cwd=build_dir)[0]
        for _ in range(args.runs))
    tool = statistics.median(
        run([args.corolint, "-p", build_dir, "-j2"], cwd=build_dir)[0]
        for _ in range(args.runs))
    with tempfile.TemporaryDirectory() as tmp:
        facts = os.path.join(tmp, "facts.json")
        kept = [args.corolint, "-p", build_dir, "-j2", f"--program-facts={facts}"]
        run(kept, cwd=build_dir)
        with_facts = statistics.median(run(kept, cwd=build_dir)[0]
                                       for _ in range(args.runs))
    stock = statistics.median(
        run(["run-clang-tidy-22", "-p", build_dir, "-j", "2", "-quiet",
             f"-checks={STOCK_CHECKS}"], cwd=build_dir)[0]
        for _ in range(args.runs))
    return tool, with_facts, stock, one_job


def report(args, build_dir):
    totals = per_unit(args, build_dir)
    parse_t, parse_m = totals["parse"]
    print(f"{'':8} {'seconds':>9} {'peak MB':>9} {'time/parse':>11} {'mem/parse':>10}")
    for name, (t, m) in totals.items():
        print(f"{name:8} {t:9.2f} {m:9.0f} {t / parse_t:11.2f} {m / parse_m:10.2f}")
    print("\nper check (--enable-check-profile, wall seconds):")
    for check, seconds in sorted(check_profile(args, build_dir).items()):
        print(f"  {check:26} {seconds:8.3f}")
    tool, with_facts, stock, one_job = whole(args, build_dir)
    print(f"\nwhole codebase: corolint -j2 {tool:.2f} s, with the program facts "
          f"of an earlier run {with_facts:.2f} s, run-clang-tidy-22 -j2 (two "
          f"stock checks) {stock:.2f} s, ratios {tool / stock:.2f} and "
          f"{with_facts / stock:.2f}")
    # One worker at a time: each unit's analysis, cross-file findings
    # settled, against the compiler on each unit (a process each).
    print(f"whole codebase, one job: corolint -j1 {one_job:.2f} s, the parse "
          f"of every unit {parse_t:.2f} s, ratio {one_job / parse_t:.2f}")


def clean_flag(args):
    return ["--clean"] if args.clean else []


def scaling(args, out_svg, what):
    """The added cost as the file grows: `coroutines` per file (1,000 to
    20,000, 12 statements each) or `statements` per coroutine (12 to 768,
    100 coroutines)."""
    if what == "coroutines":
        sizes, fixed = (1000, 2000, 5000, 10000, 20000), ["--statements", "12"]
    else:
        sizes, fixed = (12, 24, 48, 96, 192, 384, 768), ["--coroutines", "100"]
    points = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            out = os.path.join(tmp, f"{what}{size}")
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), out,
                            "--units", "1", f"--{what}", str(size), *fixed,
                            *clean_flag(args)],
                           check=True, stdout=subprocess.DEVNULL)
            totals = per_unit(args, out)
            points.append((size, totals["parse"], totals["tool"]))
            p, t = totals["parse"], totals["tool"]
            print(f"{size:6} {what}: parse {p[0]:6.2f} s {p[1]:6.0f} MB, "
                  f"corolint {t[0]:6.2f} s {t[1]:6.0f} MB, added "
                  f"{(t[0] - p[0]) * 1000 / size:.3f} ms per {what[:-1]}, "
                  f"ratio {t[0] / p[0]:.2f} time {t[1] / p[1]:.2f} memory")
    write_svg(out_svg, points, f"{what} per file" if what == "coroutines"
              else "statements per coroutine (100 coroutines)")


def write_svg(path, points, xlabel):
    """Seconds against the size, parse and corolint."""
    w, h, pad = 640, 400, 50
    xmax = max(p[0] for p in points)
    ymax = max(max(p[1][0], p[2][0]) for p in points) * 1.1
    def xy(x, y):
        return pad + x / xmax * (w - 2 * pad), h - pad - y / ymax * (h - 2 * pad)
    def line(index, colour):
        pts = " ".join("%.1f,%.1f" % xy(p[0], p[index][0]) for p in points)
        return f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{pts}"/>'
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}">',
             f'<rect width="{w}" height="{h}" fill="white"/>',
             f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="black"/>',
             f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{h - pad}" stroke="black"/>',
             line(1, "#888"), line(2, "#c33"),
             f'<text x="{w / 2}" y="{h - 10}" text-anchor="middle">{xlabel} (up to {xmax})</text>',
             f'<text x="12" y="{pad - 15}">seconds (up to {ymax:.0f})</text>',
             f'<text x="{w - pad - 200}" y="{pad}" fill="#888">clang++ -fsyntax-only</text>',
             f'<text x="{w - pad - 200}" y="{pad + 18}" fill="#c33">corolint (all checks)</text>',
             "</svg>"]
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir")
    parser.add_argument("--synthetic", action="store_true",
                        help="generate 8 units x 200 coroutines and measure them")
    parser.add_argument("--clean", action="store_true",
                        help="synthetic code without findings (generate.py --clean)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scaling", metavar="OUT.svg",
                        help="coroutines per file, 1,000 to 20,000")
    parser.add_argument("--scaling-statements", metavar="OUT.svg",
                        help="statements per coroutine, 12 to 768")
    parser.add_argument("--instructions", action="store_true",
                        help="instructions on the first unit (callgrind)")
    parser.add_argument("--corolint", default=os.path.join(ROOT, "build", "bin", "corolint"))
    parser.add_argument("--plugin", default=os.path.join(ROOT, "build", "lib", "corolint-tidy.so"))
    args = parser.parse_args()
    if args.scaling or args.scaling_statements:
        if args.scaling:
            scaling(args, args.scaling, "coroutines")
        if args.scaling_statements:
            scaling(args, args.scaling_statements, "statements")
        return
    if args.synthetic:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), tmp,
                            *clean_flag(args)],
                           check=True, stdout=subprocess.DEVNULL)
            (instruction_report if args.instructions else report)(args, tmp)
        return
    if not args.build_dir:
        parser.error("--build-dir, --synthetic or --scaling")
    (instruction_report if args.instructions else report)(
        args, os.path.abspath(args.build_dir))


if __name__ == "__main__":
    main()
