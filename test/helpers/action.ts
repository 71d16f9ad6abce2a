import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { cleanEnv, cli, newRepo, runFolder, tempDir } from "./repo.js";

/**
 * Runs the built Action (dist/action.js) as the runner runs it: a node process in the workspace
 * with INPUT_* for the inputs, the event payload in a file, and the files GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY to write to. Returns what a workflow would see.
 */

const ACTION = join(import.meta.dirname, "..", "..", "dist", "action.js");

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The `::error ...::` and `::warning ...::` lines. */
  annotations: string[];
}

export interface ActionOptions {
  workspace: string;
  inputs: Record<string, string>;
  eventName?: string;
  /** The payload object, or raw text (for malformed payloads); null: no GITHUB_EVENT_PATH at all. */
  event?: Record<string, unknown> | string | null;
  apiUrl?: string;
  repository?: string;
  env?: Record<string, string>;
  /** Kill the Action and every process it started (SIGKILL to its process group) once this file exists. */
  killWhenExists?: string;
}

export function runAction(options: ActionOptions): Promise<ActionRun> {
  const dir = tempDir("gm-runner-");
  const output = join(dir, "output");
  const summary = join(dir, "summary.md");
  writeFileSync(output, "");
  writeFileSync(summary, "");
  const env: Record<string, string> = {
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_EVENT_NAME: options.eventName ?? "pull_request",
    GITHUB_REPOSITORY: options.repository ?? "acme/models",
    GITHUB_API_URL: options.apiUrl ?? "http://127.0.0.1:9",
    RUNNER_TEMP: dir,
    ...options.env,
  };
  if (options.event !== null) {
    const path = join(dir, "event.json");
    writeFileSync(
      path,
      typeof options.event === "string" ? options.event : JSON.stringify(options.event ?? {}),
    );
    env.GITHUB_EVENT_PATH = path;
  }
  for (const [name, value] of Object.entries(options.inputs))
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  return new Promise((resolve, reject) => {
    const kill = options.killWhenExists;
    const child = spawn(process.execPath, [ACTION], {
      cwd: options.workspace,
      env: cleanEnv(env),
      ...(kill ? { detached: true } : {}),
    });
    const watch =
      kill &&
      setInterval(() => {
        if (existsSync(kill)) {
          clearInterval(watch as NodeJS.Timeout);
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {}
        }
      }, 10);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (watch) clearInterval(watch);
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        outputs: parseOutputs(readFileSync(output, "utf8")),
        summary: existsSync(summary) ? readFileSync(summary, "utf8") : "",
        annotations: stdout.split("\n").filter((l) => /^::(error|warning)/.test(l)),
      });
    });
    child.stdin.end();
  });
}

/** GITHUB_OUTPUT's `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    outputs[m[1]!] = value.join("\n");
  }
  return outputs;
}

/** A pull_request payload as GitHub sends it (the parts the Action reads). */
export function pullRequestEvent(options: {
  base: string;
  head: string;
  baseRef?: string;
  headRef?: string;
  headRepo?: string;
  number?: number;
}): Record<string, unknown> {
  return {
    action: "synchronize",
    number: options.number ?? 1,
    pull_request: {
      number: options.number ?? 1,
      base: { sha: options.base, ref: options.baseRef ?? "main", repo: { full_name: "acme/models" } },
      head: {
        sha: options.head,
        ref: options.headRef ?? "feature",
        repo: { full_name: options.headRepo ?? "acme/models" },
      },
    },
    repository: { full_name: "acme/models", default_branch: "main" },
  };
}

/** Everything a run showed the world, except the mask command that hides the token from logs. */
export function everythingShown(run: ActionRun): string {
  const stdout = run.stdout
    .split("\n")
    .filter((l) => !l.startsWith("::add-mask::"))
    .join("\n");
  return [stdout, run.stderr, run.summary, ...Object.values(run.outputs)].join("\n");
}

/**
 * A registry with churn@1.0.0 (val_rmse 0.0120) and 1.0.1 (0.0110), and three stage moves:
 * 1.0.0 to staging then production, 1.0.1 to staging. `tag: false` registers without tags.
 */
export async function churnRepo(options: { config?: string; tag?: boolean } = {}): Promise<string> {
  const repo = await newRepo(options.config ? { config: options.config } : {});
  for (const rmse of ["0.0120", "0.0110"])
    await registerChurn(repo, rmse, options.tag === false ? ["--no-tag"] : []);
  for (const [ref, stage] of [
    ["churn@1.0.0", "staging"],
    ["churn@1.0.0", "production"],
    ["churn@1.0.1", "staging"],
  ] as const) {
    const r = await cli(repo, ["promote", ref, stage]);
    expect(r.code, r.stderr).toBe(0);
  }
  return repo;
}

/** Registers the next churn version with this val_rmse (and val_mae 0.5). */
export async function registerChurn(repo: string, rmse: string, extra: string[] = []): Promise<void> {
  const run = runFolder({ "model.pkl": `weights ${rmse}` });
  const r = await cli(repo, [
    "register",
    "churn",
    run,
    "--metric",
    `val_rmse=${rmse}`,
    "--metric",
    "val_mae=0.5",
    ...extra,
  ]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}
