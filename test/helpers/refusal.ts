import { expect } from "vitest";
import { type CliResult, cli, git } from "./repo.js";

/**
 * Refusals as the CLI must give them (issue 2, issue 11): what a person can act on, exit 1 (not
 * found / invalid / conflict) or 2 (usage / environment), no stack trace, and the repository
 * exactly as it was: work tree, index, HEAD, branches and tags.
 */

export interface Snapshot {
  status: string;
  head: string;
  tags: string;
  refs: string;
  index: string;
}

export async function snapshot(repo: string): Promise<Snapshot> {
  return {
    status: await git(repo, ["status", "--porcelain", "--untracked-files=all"]),
    head: await git(repo, ["rev-parse", "HEAD"]),
    tags: await git(repo, ["tag", "--list"]),
    refs: await git(repo, ["for-each-ref", "--format=%(refname) %(objectname)"]),
    index: await git(repo, ["ls-files", "-s"]),
  };
}

/** One or two lines a person can act on: the fragments, the exit code, and nothing a person should not see. */
export function expectClearError(r: CliResult, code: 1 | 2, fragments: readonly string[]): void {
  const context = `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.code, context).toBe(code);
  for (const fragment of fragments) expect(r.stderr, context).toContain(fragment);
  expect(r.stderr, "no stack trace").not.toMatch(/^ {4}at /m);
  expect(r.stderr).not.toContain("node:internal");
  expect(r.stderr.trim().split("\n").length, `one or two lines:\n${r.stderr}`).toBeLessThanOrEqual(2);
  expect(r.stdout, "errors go to stderr, nothing to stdout").toBe("");
}

/** Runs the CLI and checks the error and that the repository is exactly as it was before. */
export async function expectRefused(
  repo: string,
  args: string[],
  code: 1 | 2,
  fragments: readonly string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  const before = await snapshot(repo);
  const r = await cli(repo, args, options);
  expectClearError(r, code, fragments);
  expect(await snapshot(repo)).toEqual(before);
  return r;
}
