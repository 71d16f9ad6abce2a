import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import"./chunks/chunk-2S4ELBJK.js";async function run(){let command=process.env.INPUT_COMMAND??"";process.stderr.write(`::error::git-model action: command ${JSON.stringify(command)} is not implemented yet
`),process.exitCode=1}await run();
