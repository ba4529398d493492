#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Checks the repository's GitHub Action (action.yml) and runs it as a runner would.

The metadata is checked against GitHub's documented syntax for composite
actions (https://docs.github.com/actions/sharing-automations/creating-actions/
metadata-syntax-for-github-actions): the top-level keys, every input with a
description, every output with a value, every `run` step with a shell, every
`${{ inputs.X }}` naming a declared input and every `${{ steps.Y... }}` an
earlier step's id. Then its `run` steps are executed with bash in order, with
the expressions substituted, `GITHUB_OUTPUT` and `GITHUB_ACTION_PATH` set,
and `if:` conditions evaluated; a `uses:` step is printed with its condition
and its `with:` values, not run.

Usage: run_action.py ACTION_YML [--check-only] [--bin=DIR] [--summary=FILE]
                     [input=value ...]
(--bin=DIR: a folder put first on the PATH of the steps; --summary=FILE: the
job summary file, GITHUB_STEP_SUMMARY.)
Prints one line per problem or step, then the action's outputs and the exit
code of the step that failed (as `action: exit N`).
"""
import os
import re
import subprocess
import sys
import tempfile

import yaml

TOP_KEYS = {"name", "author", "description", "inputs", "outputs", "runs",
            "branding"}
INPUT_KEYS = {"description", "required", "default", "deprecationMessage"}
OUTPUT_KEYS = {"description", "value"}
STEP_KEYS = {"name", "id", "if", "run", "shell", "uses", "with", "env",
             "working-directory", "continue-on-error"}
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def check(action):
    problems = []
    for key in set(action) - TOP_KEYS:
        problems.append(f"unknown top-level key {key!r}")
    for key in ("name", "description", "runs"):
        if key not in action:
            problems.append(f"missing {key!r}")
    inputs = action.get("inputs", {}) or {}
    for name, spec in inputs.items():
        for key in set(spec) - INPUT_KEYS:
            problems.append(f"input {name}: unknown key {key!r}")
        if "description" not in spec:
            problems.append(f"input {name}: no description")
    for name, spec in (action.get("outputs", {}) or {}).items():
        for key in set(spec) - OUTPUT_KEYS:
            problems.append(f"output {name}: unknown key {key!r}")
        if "value" not in spec:
            problems.append(f"output {name}: a composite action's output needs a value")
    runs = action.get("runs", {})
    if runs.get("using") != "composite":
        problems.append("runs.using is not 'composite'")
    ids = set()
    texts = [yaml.safe_dump(action.get("outputs", {}))]
    for index, step in enumerate(runs.get("steps", [])):
        where = f"step {step.get('name', index + 1)}"
        for key in set(step) - STEP_KEYS:
            problems.append(f"{where}: unknown key {key!r}")
        if ("run" in step) == ("uses" in step):
            problems.append(f"{where}: needs exactly one of run and uses")
        if "run" in step and "shell" not in step:
            problems.append(f"{where}: a run step needs a shell")
        text = yaml.safe_dump(step)
        for used in re.findall(r"steps\.([A-Za-z0-9_-]+)\.", text):
            if used not in ids:
                problems.append(f"{where}: steps.{used} is not an earlier step's id")
        texts.append(text)
        if "id" in step:
            ids.add(step["id"])
    for text in texts:
        for used in re.findall(r"inputs\.([A-Za-z0-9_-]+)", text):
            if used not in inputs:
                problems.append(f"inputs.{used} is not declared")
    return problems


def value_of(name, context):
    name = name.strip()
    if name.startswith("'") and name.endswith("'"):
        return name[1:-1]
    if name == "always()":
        return True
    return context.get(name, "")


def evaluate(condition, context):
    """The conditions this action uses: terms joined by &&, each always(),
    a context value, or a comparison with == or !=."""
    for term in condition.split("&&"):
        match = re.match(r"\s*(.*?)\s*(==|!=)\s*(.*?)\s*$", term)
        if match:
            left = value_of(match.group(1), context)
            right = value_of(match.group(3), context)
            if (left == right) != (match.group(2) == "=="):
                return False
        elif not value_of(term, context):
            return False
    return True


def substitute(text, context):
    return EXPRESSION.sub(lambda m: str(value_of(m.group(1), context)), text)


def run(action, action_dir, given, bin_dir, summary=None):
    context = {}
    for name, spec in (action.get("inputs", {}) or {}).items():
        context[f"inputs.{name}"] = given.get(name, str(spec.get("default", "")))
    failed = None
    for step in action["runs"]["steps"]:
        label = step.get("name", step.get("id", "step"))
        condition = step.get("if")
        if condition is not None and not evaluate(condition, context):
            print(f"step {label}: skipped")
            continue
        if condition is None and failed is not None:
            print(f"step {label}: skipped")
            continue
        if "uses" in step:
            print(f"step {label}: uses {step['uses']}"
                  + (f" if: {condition}" if condition is not None else ""))
            for key, value in (step.get("with") or {}).items():
                for line in substitute(str(value), context).splitlines():
                    print(f"  with {key}: {line}")
            continue
        env = dict(os.environ)
        if bin_dir:
            env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
        env.update({k: substitute(str(v), context)
                    for k, v in (step.get("env") or {}).items()})
        with tempfile.NamedTemporaryFile("r", suffix=".out") as output:
            env["GITHUB_OUTPUT"] = output.name
            env["GITHUB_ACTION_PATH"] = action_dir
            if summary:
                env["GITHUB_STEP_SUMMARY"] = summary
            script = substitute(step["run"], context)
            status = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script],
                                    env=env).returncode
            for line in output.read().splitlines():
                key, _, value = line.partition("=")
                context[f"steps.{step.get('id')}.outputs.{key}"] = value
        print(f"step {label}: exit {status}")
        if status != 0 and failed is None:
            failed = status
    for name, spec in (action.get("outputs", {}) or {}).items():
        print(f"output {name}={substitute(str(spec['value']), context)}")
    print(f"action: exit {failed or 0}")
    return failed or 0


def main():
    path = sys.argv[1]
    with open(path) as f:
        action = yaml.safe_load(f)
    problems = check(action)
    for problem in problems:
        print(f"{path}: {problem}")
    print(f"{len(problems)} problem(s)")
    if problems or "--check-only" in sys.argv:
        return 1 if problems else 0
    bin_dir = None
    summary = None
    given = {}
    for arg in sys.argv[2:]:
        if arg.startswith("--bin="):
            bin_dir = arg[len("--bin="):]
        elif arg.startswith("--summary="):
            summary = os.path.abspath(arg[len("--summary="):])
        elif "=" in arg:
            name, _, value = arg.partition("=")
            given[name] = value
    sys.stdout.flush()
    run(action, os.path.dirname(os.path.abspath(path)), given, bin_dir, summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
