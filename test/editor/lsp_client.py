#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Drives a language server as an editor does, and prints what an editor shows.

    lsp_client.py SERVER_COMMAND... -- FILE [--edit-fix] [--latency=N]
                   [--between-edits=CMD]

Starts the server (e.g. corolint-clangd) on stdin/stdout, initializes it
with the capabilities a real client announces (code actions with quick
fixes, workspace edits, publishDiagnostics with code descriptions), opens
FILE and waits for its diagnostics. It prints each diagnostic as

    diagnostic LINE:COL SOURCE CODE: MESSAGE [link URL]

(1-based line and column). With --edit-fix, for each diagnostic from a
coro-* check it asks for the code actions at the diagnostic's range, prints
them, applies the first quick fix's edit to the text as the editor would,
sends didChange with the new text, waits for the new diagnostics and prints
them; and then runs until no coro-* diagnostic has a fix left. It ends with a
clean shutdown and exit, and prints the server's exit code.

With --latency=N it edits the file N times (an appended comment, then its
removal) and prints the median time from didChange to the diagnostics of the
new version (for bench/, never a test assertion), and after each edit the
number of coro-* diagnostics. --between-edits=CMD runs a shell command
before every edit but the first (a header changed on disk meanwhile).
"""
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import queue


class Server:
    def __init__(self, command, root):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=open(os.path.join(root, "server.log"), "wb"),
                                     cwd=root)
        self.next_id = 0
        self.messages = queue.Queue()
        self.reader = threading.Thread(target=self.read_loop, daemon=True)
        self.reader.start()

    def read_loop(self):
        stream = self.proc.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params, timeout=120):
        self.next_id += 1
        my_id = self.next_id
        self.send({"jsonrpc": "2.0", "id": my_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == my_id and "method" not in m,
                         timeout)["result"]

    def wait(self, predicate, timeout=120):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise SystemExit("lsp_client: timed out waiting for the server")
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                raise SystemExit("lsp_client: the server exited")
            # A request from the server (workspace/configuration, progress):
            # answer as a client that has nothing to add.
            if "method" in message and "id" in message:
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                continue
            if predicate(message):
                return message

    def diagnostics(self, uri, version, timeout=120):
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri
                         and m["params"].get("version") == version,
                         timeout)["params"]["diagnostics"]


def show(diagnostics):
    for d in sorted(diagnostics, key=lambda d: (d["range"]["start"]["line"],
                                                d["range"]["start"]["character"])):
        start = d["range"]["start"]
        link = d.get("codeDescription", {}).get("href")
        print(f"diagnostic {start['line'] + 1}:{start['character'] + 1} "
              f"{d.get('source', '')} {d.get('code', '')}: {d['message']}"
              + (f" [link {link}]" if link else ""))
        for info in d.get("relatedInformation", []):
            where = info["location"]
            line = where["range"]["start"]["line"] + 1
            column = where["range"]["start"]["character"] + 1
            print(f"  note {os.path.basename(where['uri'])}:{line}:{column}: {info['message']}")
    sys.stdout.flush()


def offset(text, position):
    lines = text.split("\n")
    # LSP columns are UTF-16 code units; the tests' files are ASCII.
    return sum(len(l) + 1 for l in lines[:position["line"]]) + position["character"]


def apply_edits(text, edits):
    for edit in sorted(edits, key=lambda e: offset(text, e["range"]["start"]),
                       reverse=True):
        begin = offset(text, edit["range"]["start"])
        end = offset(text, edit["range"]["end"])
        text = text[:begin] + edit["newText"] + text[end:]
    return text


def main():
    separator = sys.argv.index("--")
    command = sys.argv[1:separator]
    rest = sys.argv[separator + 1:]
    path = os.path.abspath(rest[0])
    edit_fix = "--edit-fix" in rest
    latency = next((int(a.split("=")[1]) for a in rest if a.startswith("--latency=")), 0)
    between = next((a.split("=", 1)[1] for a in rest if a.startswith("--between-edits=")), None)
    root = os.path.dirname(path)
    uri = "file://" + path
    text = open(path).read()

    server = Server(command, root)
    server.request("initialize", {
        "processId": os.getpid(),
        "rootUri": "file://" + root,
        "capabilities": {
            "textDocument": {
                "publishDiagnostics": {"relatedInformation": True,
                                       "codeDescriptionSupport": True,
                                       "versionSupport": True},
                "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {
                    "valueSet": ["quickfix", "refactor", "source"]}}},
            },
            "workspace": {"applyEdit": True, "workspaceEdit": {"documentChanges": True}},
        },
    })
    server.notify("initialized", {})
    version = 1
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "cpp", "version": version, "text": text}})
    diagnostics = server.diagnostics(uri, version)
    show(diagnostics)

    while edit_fix:
        fixable = None
        for d in diagnostics:
            if not str(d.get("code", "")).startswith("coro-"):
                continue
            actions = server.request("textDocument/codeAction", {
                "textDocument": {"uri": uri}, "range": d["range"],
                "context": {"diagnostics": [d], "only": ["quickfix"]}})
            fixes = [a for a in actions or [] if a.get("kind") == "quickfix"
                     and a.get("edit")]
            for a in fixes:
                print(f"action {d['code']}: {a['title']}")
            if fixes:
                fixable = fixes[0]
                break
        if not fixable:
            break
        edit = fixable["edit"]
        changes = edit.get("changes", {}).get(uri)
        if changes is None:
            changes = [e for dc in edit.get("documentChanges", [])
                       if dc["textDocument"]["uri"] == uri for e in dc["edits"]]
        text = apply_edits(text, changes)
        version += 1
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]})
        print(f"applied; version {version}")
        diagnostics = server.diagnostics(uri, version)
        show(diagnostics)
    if edit_fix:
        with open(path + ".edited", "w") as f:
            f.write(text)

    if latency:
        times = []
        for i in range(latency):
            if between and i > 0:
                subprocess.run(between, shell=True, check=True)
            edited = text + ("// edit\n" if i % 2 == 0 else "")
            version += 1
            start = time.monotonic()
            server.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": edited}]})
            after = server.diagnostics(uri, version, timeout=600)
            times.append(time.monotonic() - start)
            count = sum(1 for d in after if str(d.get("code", "")).startswith("coro-"))
            print(f"edit {i + 1}: {count} coro diagnostic(s)")
        print(f"latency median {statistics.median(times):.3f} s "
              f"min {min(times):.3f} s max {max(times):.3f} s over {latency} edits")

    server.request("shutdown", None)
    server.notify("exit", None)
    try:
        code = server.proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        code = "killed"
    print(f"server exit {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
