import { readFileSync } from "node:fs";
import { environment, usage } from "../domain/errors.js";
import type { Scm } from "../infra/github.js";
import type { Registry } from "../registry/core/registry.js";

/**
 * What every Action command starts from: the inputs, the event that triggered the job (read
 * from GITHUB_EVENT_PATH, with a clear failure when it is missing or malformed), the registry in
 * the workspace, and the GitHub API (built on first use, so validate never needs a token).
 */

export interface PullRequestEvent {
  number: number;
  base: { sha: string; ref: string; repo: string };
  head: { sha: string; ref: string; repo: string };
}

export interface GitHubEvent {
  name: string;
  payload: Record<string, unknown>;
  /** The pull request of a pull_request or pull_request_target event. */
  pullRequest: PullRequestEvent | null;
}

export interface ActionContext {
  env: NodeJS.ProcessEnv;
  token: string;
  /** The `models` input; empty means every model. */
  models: readonly string[];
  workspace: string;
  event(): GitHubEvent;
  /** A pull request whose head lives in another repository: nothing may be pushed for it. */
  isForkPullRequest(): boolean;
  registry(): Promise<Registry>;
  scm(): Promise<Scm>;
}

export function actionContext(env: NodeJS.ProcessEnv, token: string): ActionContext {
  const input = (name: string) => (env[`INPUT_${name.toUpperCase()}`] ?? "").trim();
  const models = input("models")
    .split(/[\s,]+/)
    .filter(Boolean);
  const config = input("config");
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  let event: GitHubEvent | undefined;
  let registry: Promise<Registry> | undefined;
  let scm: Promise<Scm> | undefined;
  const context: ActionContext = {
    env,
    token,
    models,
    workspace,
    event: () => {
      event ??= readEvent(env);
      return event;
    },
    isForkPullRequest: () => {
      const pr = context.event().pullRequest;
      return pr !== null && pr.head.repo !== pr.base.repo;
    },
    registry: () => {
      registry ??= import("../registry/core/registry.js").then(({ openRegistry }) =>
        openRegistry(workspace, config ? { config } : {}),
      );
      return registry;
    },
    scm: () => {
      scm ??= import("./github-client.js").then(({ actionScm }) => actionScm(env, token));
      return scm;
    },
  };
  return context;
}

function readEvent(env: NodeJS.ProcessEnv): GitHubEvent {
  const name = env.GITHUB_EVENT_NAME;
  const path = env.GITHUB_EVENT_PATH;
  if (!name || !path) {
    throw environment(`${name ? "GITHUB_EVENT_PATH" : "GITHUB_EVENT_NAME"} is not set`, {
      hint: "the Action runs as a step of a GitHub Actions job, which sets it",
    });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw environment(
      code
        ? `cannot read the event payload ${path} (${code})`
        : `the event payload ${path} is not JSON: ${(e as Error).message}`,
      { hint: "the runner writes it; rerun the job" },
    );
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    throw environment(`the event payload ${path} is not a JSON object`, {
      hint: "the runner writes it; rerun the job",
    });
  const record = payload as Record<string, unknown>;
  return { name, payload: record, pullRequest: pullRequestOf(name, record, path) };
}

function pullRequestOf(
  name: string,
  payload: Record<string, unknown>,
  path: string,
): PullRequestEvent | null {
  if (name !== "pull_request" && name !== "pull_request_target") return null;
  const pr = payload.pull_request as Record<string, unknown> | undefined;
  const side = (key: "base" | "head") => {
    const s = pr?.[key] as Record<string, unknown> | undefined;
    const repo = (s?.repo as Record<string, unknown> | null | undefined)?.full_name;
    if (typeof s?.sha !== "string" || !/^[0-9a-f]{40,64}$/.test(s.sha) || typeof s.ref !== "string")
      throw environment(`the ${name} event payload ${path} has no pull_request.${key}.sha and .ref`, {
        hint: "the runner writes it; rerun the job",
      });
    // A deleted fork has no repository: treat it as another repository, never as this one.
    return { sha: s.sha, ref: s.ref, repo: typeof repo === "string" ? repo : "(deleted fork)" };
  };
  const number = pr?.number;
  if (typeof number !== "number") throw usage(`the ${name} event payload ${path} has no pull_request.number`);
  return { number, base: side("base"), head: side("head") };
}

/** The repository's default branch as the event's payload names it (null when it does not). */
export function defaultBranchOf(event: GitHubEvent): string | null {
  const branch = (event.payload.repository as { default_branch?: unknown } | undefined)?.default_branch;
  return typeof branch === "string" ? branch : null;
}

/** Replaces the token (and the forms git and HTTP headers carry it in) by ***. */
export function redactor(token: string): (text: string) => string {
  if (token.length < 4) return (text) => text;
  const forms = [token, Buffer.from(`x-access-token:${token}`).toString("base64"), encodeURIComponent(token)];
  return (text) => forms.reduce((t, form) => t.split(form).join("***"), text);
}

/** Pushing for a pull request's event is never right, and for a fork's it would hand it a write token. */
export function refusePullRequests(context: ActionContext, command: string): void {
  const event = context.event();
  if (!event.pullRequest) return;
  throw usage(
    `${command} never runs on ${event.name}${context.isForkPullRequest() ? " (and never pushes for a fork's pull request)" : ""}`,
    {
      hint: "run it on push to the default branch, schedule or workflow_dispatch; validate is the pull request's check",
    },
  );
}
