import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import "./chunks/chunk-VBFOSH5Y.js";

// src/action/main.ts
async function run() {
  const command = process.env.INPUT_COMMAND ?? "";
  process.stderr.write(
    `::error::git-model action: command ${JSON.stringify(command)} is not implemented yet
`
  );
  process.exitCode = 1;
}

// src/action/index.ts
await run();
