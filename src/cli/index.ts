#!/usr/bin/env node
import { enableCompileCache } from "node:module";

// V8's compiled code is cached between runs under the system temp folder (NODE_COMPILE_CACHE
// moves it, NODE_DISABLE_COMPILE_CACHE=1 turns it off); node checks the source hash, so a new
// build is never served stale code. It is switched on before anything else loads: a static
// import would be loaded, uncached, before this line runs. About a third of a command's
// start-up (docs/benchmarks.md).
try {
  enableCompileCache?.();
} catch {
  // A read-only temp folder: run without the cache.
}

const { run } = await import("./main.js");

// `git model list | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await run(process.argv);
