#!/usr/bin/env node

// The first thing that runs, on whatever node the user has: this file must parse and run on old
// versions (no static imports, nothing newer than ES2017), so an old node gets one line naming the
// version it needs (exit 2) instead of a SyntaxError from a module that uses a newer API.
const NEEDED = [22, 3]; // process.getBuiltinModule (22.3), module.enableCompileCache (22.1)
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < NEEDED[0]! || (major === NEEDED[0] && minor < NEEDED[1]!)) {
  process.stderr.write(
    `error: git-model needs Node.js ${NEEDED.join(".")} or newer; this is Node.js ${process.versions.node} (${process.execPath})\n`,
  );
  process.exit(2);
}

const { enableCompileCache } = await import("node:module");
// V8's compiled code is cached between runs under the system temp folder (NODE_COMPILE_CACHE
// moves it, NODE_DISABLE_COMPILE_CACHE=1 turns it off); node checks the source hash, so a new
// build is never served stale code. It is switched on before anything else loads (main.js comes
// by dynamic import below). About a third of a command's start-up (docs/benchmarks.md).
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
