// What the git-access measurements share (bench/git-access.mjs, bench/isomorphic-git.mjs): a git
// process run as src/infra/git.ts runs it, the parse of its `cat-file --batch` answer, and a
// median of timed runs after one warm-up.
import { spawn } from "node:child_process";
import { gitEnv } from "./generate.mjs";

const ENV = gitEnv();

/** Runs git, feeding `input`, and returns its stdout as a Buffer. */
export function git(cwd, args, input = "") {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, env: ENV, stdio: ["pipe", "pipe", "pipe"] });
    const out = [];
    child.stdout.on("data", (d) => out.push(d));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`git ${args[0]} exited ${code}`)),
    );
    child.stdin.on("error", () => {});
    child.stdin.end(input);
  });
}

/** Parses `cat-file --batch` output into contents (null for a missing name), in order. */
export function parseBatch(out, count) {
  const contents = [];
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const eol = out.indexOf(0x0a, pos);
    const header = out.toString("latin1", pos, eol);
    pos = eol + 1;
    if (header.endsWith(" missing")) {
      contents.push(null);
      continue;
    }
    const size = Number(header.split(" ")[2]);
    contents.push(out.toString("utf8", pos, pos + size));
    pos += size + 1;
  }
  return contents;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** The median time of `runs` runs of `fn`, after one untimed warm-up. */
export async function time(fn, runs = 5) {
  await fn();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

export const fmt = (ms) => (ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
