import { expect } from "vitest";
import { type CliResult, cleanEnv, cli, newRepo, runFolder } from "./repo.js";

export { SEED_004 } from "./fixtures.js";

import { SEED_004 } from "./fixtures.js";

/** An environment whose commits carry this date. */
export const at = (date: string) => cleanEnv({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });

/** A seed-004 repository with rl@1.0.0, 1.0.1 and 1.0.2 registered. */
export async function seedRepo(versions = 3): Promise<string> {
  const repo = await newRepo({ config: SEED_004 });
  for (let i = 0; i < versions; i++) {
    const run = runFolder({ "model.zip": 256 + i, "config.json": `{"timeframe": "1H", "n": ${i}}\n` });
    const r = await cli(repo, ["register", "rl", run, "--metric", `sharpe_ratio=1.${i}`], {
      env: at(`2026-01-0${i + 1}T08:00:00Z`),
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  }
  return repo;
}

/** Runs the CLI and expects success, showing its output when it fails. */
export async function ok(repo: string, args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult> {
  const r = await cli(repo, args, env ? { env } : {});
  expect(r.code, `${args.join(" ")}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r;
}
