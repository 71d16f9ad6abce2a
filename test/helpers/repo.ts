import { execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect } from "vitest";

/**
 * Real things for tests: temporary git repositories, bare remotes, and the built CLI run as a
 * child process, exactly as a user runs it.
 */

const exec = promisify(execFile);
/** The built CLI, as tests run it. */
export const CLI = join(import.meta.dirname, "..", "..", "dist", "cli.js");
const made: string[] = [];

afterAll(() => {
  if (process.env.KEEP_TEMP) return;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = "gm-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** An environment without the user's git configuration, so tests see what a new machine sees. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = tempDir("gm-home-");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Test User",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "Test User",
    GIT_COMMITTER_EMAIL: "test@example.com",
    NO_COLOR: "1",
    ...extra,
  };
  return env;
}

const defaultEnv = cleanEnv();

export async function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = defaultEnv): Promise<string> {
  const { stdout } = await exec("git", args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (dist/cli.js) with the test's Node, as `git-model <args>`. `killAfterSeconds`
 * turns a hang into a result (exit -1) instead of a test that waits forever; it catches hangs
 * only (speed is the bench's).
 */
export function cli(
  cwd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; killAfterSeconds?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: options.env ?? defaultEnv,
      ...(options.killAfterSeconds
        ? { timeout: options.killAfterSeconds * 1000, killSignal: "SIGKILL" }
        : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** A new repository with one commit and git-lfs installed in it. */
export async function newRepo(options: { init?: boolean; config?: string } = {}): Promise<string> {
  const dir = join(tempDir("gm-repo-"), "repo");
  mkdirSync(dir);
  await git(dir, ["init", "-q", "-b", "main"]);
  await git(dir, ["lfs", "install", "--local"]);
  writeFileSync(join(dir, "README.md"), "# project\n");
  if (options.config) writeFileSync(join(dir, ".gitmodel.yaml"), options.config);
  await git(dir, ["add", "-A"]);
  await git(dir, ["commit", "-q", "-m", "initial"]);
  if (options.init !== false) {
    const r = await cli(dir, ["init"]);
    if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
  }
  return dir;
}

/** A training run's output folder with the given files (content as text, or a size in bytes of random-ish data). */
export function runFolder(files: Record<string, string | number>): string {
  const dir = tempDir("gm-run-");
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === "number" ? pseudoRandom(content, name) : content);
  }
  return dir;
}

function pseudoRandom(size: number, seed: string): Buffer {
  const buf = Buffer.alloc(size);
  let x = [...seed].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7);
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    buf[i] = x >>> 24;
  }
  return buf;
}

/** A bare repository to push to, and a clone of it with git-lfs set up. */
export async function bareRemote(): Promise<{ bare: string; url: string }> {
  const bare = join(tempDir("gm-remote-"), "remote.git");
  await exec("git", ["init", "-q", "--bare", "-b", "main", bare], { env: defaultEnv });
  return { bare, url: `file://${bare}` };
}

export async function cloneOf(url: string, extraConfig: string[] = []): Promise<string> {
  const dir = join(tempDir("gm-clone-"), "clone");
  await git(tempDir(), ["clone", "-q", ...extraConfig.flatMap((c) => ["-c", c]), url, dir]);
  await git(dir, ["lfs", "install", "--local"]);
  return dir;
}

/** A bare remote holding an initialised registry on main, and a clone of it. */
export async function remoteAndClone(): Promise<{ bare: string; url: string; clone: string }> {
  const { bare, url } = await bareRemote();
  const seed = await newRepo();
  await git(seed, ["remote", "add", "origin", url]);
  await git(seed, ["push", "-q", "origin", "main"]);
  return { bare, url, clone: await cloneOf(url) };
}

/** A run folder of one small text file (kept out of LFS), different for each `n`. */
export const smallRun = (n: number): string => runFolder({ "params.json": `{"n": ${n}}\n` });

export function remove(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/** A refusal as the CLI must give it: the exit code, the message fragments on stderr, no stack trace, nothing on stdout. */
export function expectCliError(r: CliResult, code: 1 | 2, fragments: readonly string[]): void {
  const context = `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.code, context).toBe(code);
  for (const fragment of fragments) expect(r.stderr, context).toContain(fragment);
  expect(r.stderr, "no stack trace").not.toMatch(/^ {4}at /m);
  expect(r.stdout, context).toBe("");
}

/**
 * Lands branch `branch` as GitHub merges a pull request: a merge commit named after PR #`pr`
 * (conflicting hunks from the checked-out side), made by `commit` (which sets its dates), then
 * the branch deleted.
 */
export async function mergePullRequestBranch(
  repo: string,
  pr: number,
  commit: (repo: string, args: string[]) => Promise<string>,
  branch = "pr",
): Promise<void> {
  await commit(repo, [
    "merge",
    "-q",
    "--no-ff",
    "-X",
    "ours",
    "-m",
    `Merge pull request #${pr} from team/${branch}`,
    branch,
  ]);
  await git(repo, ["branch", "-q", "-D", branch]);
}
