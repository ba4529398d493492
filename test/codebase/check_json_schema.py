#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Validates a JSON file against a JSON Schema, for the keywords the
project's schemas use (type, required, properties, items, enum, minLength,
minimum); unknown keywords are an error, so the check never silently
passes. Also checks that fingerprints are unique.

Usage: check_json_schema.py SCHEMA FILE
"""
import json
import sys

TYPES = {"object": dict, "array": list, "string": str, "integer": int,
         "boolean": bool, "number": (int, float)}
KNOWN = {"$comment", "type", "required", "properties", "items", "enum",
         "minLength", "minimum"}


def check(schema, value, where, errors):
    unknown = set(schema) - KNOWN
    if unknown:
        sys.exit(f"schema keyword(s) not supported: {sorted(unknown)}")
    kind = schema.get("type")
    if kind:
        ok = isinstance(value, TYPES[kind]) and not (
            kind == "integer" and isinstance(value, bool))
        if not ok:
            errors.append(f"{where}: expected {kind}, got {type(value).__name__}")
            return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "minLength" in schema and len(value) < schema["minLength"]:
        errors.append(f"{where}: shorter than {schema['minLength']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: below {schema['minimum']}")
    for key in schema.get("required", []):
        if key not in value:
            errors.append(f"{where}: missing {key!r}")
    for key, sub in schema.get("properties", {}).items():
        if isinstance(value, dict) and key in value:
            check(sub, value[key], f"{where}.{key}", errors)
    if "items" in schema:
        for i, item in enumerate(value):
            check(schema["items"], item, f"{where}[{i}]", errors)


def main():
    schema_path, path = sys.argv[1:3]
    with open(schema_path) as f:
        schema = json.load(f)
    with open(path) as f:
        value = json.load(f)
    errors = []
    check(schema, value, "$", errors)
    if isinstance(value, list):
        prints = [v.get("fingerprint") for v in value if isinstance(v, dict)]
        if len(prints) != len(set(prints)):
            errors.append("fingerprints are not unique")
    for e in errors:
        print(e)
    print(f"{len(value) if isinstance(value, list) else 1} item(s), {len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
