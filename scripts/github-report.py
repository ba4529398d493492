#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Shows corolint's findings in a GitHub Actions run, code scanning or not.

Reads corolint's JSON report (--format=json) and
- prints one workflow annotation per finding (GitHub's workflow commands:
  `::warning file=PATH,line=L,col=C,title=CHECK::MESSAGE`), so that findings
  show on the run's page and in the pull request's changed files; ranked by
  the finding's severity: `error` for critical ones (and errors), `notice`
  for info ones (and remarks), else `warning`;
- appends a Markdown table of the findings (place, check, message) to the
  job's step summary, the file GITHUB_STEP_SUMMARY names (when it is set).

Paths are made relative to GITHUB_WORKSPACE (else the current folder) when
they are below it, as annotations need. Python 3 standard library only.

Usage: github-report.py REPORT.json [--title=TEXT]
"""
import json
import os
import sys


def escape_data(text):
    """A workflow command's message: % and line breaks encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text):
    """A workflow command's property value: also ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def relative(path, root):
    if not path or not os.path.isabs(path):
        return path
    try:
        rel = os.path.relpath(path, root)
    except ValueError:
        return path
    return path if rel == os.pardir or rel.startswith(os.pardir + os.sep) else rel


def annotation_level(finding):
    severity = finding.get("severity")
    if finding.get("level") == "error" or severity in ("critical", "blocker"):
        return "error"
    if finding.get("level") == "remark" or severity == "info":
        return "notice"
    return "warning"


def annotation(finding, root):
    level = annotation_level(finding)
    properties = []
    path = relative(finding.get("file", ""), root)
    if path:
        properties.append(("file", path))
        if finding.get("line"):
            properties.append(("line", str(finding["line"])))
            if finding.get("column"):
                properties.append(("col", str(finding["column"])))
    if finding.get("check"):
        properties.append(("title", finding["check"]))
    props = ",".join(f"{k}={escape_property(v)}" for k, v in properties)
    return f"::{level} {props}::{escape_data(finding.get('message', ''))}"


def cell(text):
    """A Markdown table cell: no line break, no column separator."""
    return " ".join(str(text).split()).replace("|", "\\|")


def summary(findings, root, title):
    lines = [f"### {title}", ""]
    if not findings:
        lines += ["No findings.", ""]
        return "\n".join(lines) + "\n"
    count = len(findings)
    lines += [f"{count} finding{'s' if count != 1 else ''}.", "",
              "| place | check | severity | message |", "|---|---|---|---|"]
    for f in findings:
        place = relative(f.get("file", ""), root)
        if place and f.get("line"):
            place += f":{f['line']}"
        lines.append(f"| `{cell(place)}` | `{cell(f.get('check', ''))}` | "
                     f"{cell(f.get('severity', ''))} | "
                     f"{cell(f.get('message', ''))} |")
    return "\n".join(lines) + "\n\n"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--title=")]
    titles = [a[len("--title="):] for a in sys.argv[1:] if a.startswith("--title=")]
    if len(args) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as f:
        findings = json.load(f)
    root = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
    for finding in findings:
        print(annotation(finding, root))
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(summary(findings, root, titles[-1] if titles else "corolint"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
