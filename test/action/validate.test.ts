import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { churnRepo, everythingShown, pullRequestEvent, registerChurn, runAction } from "../helpers/action.js";
import { type FakeGitHub, fakeGitHub } from "../helpers/github-api.js";
import { serveGitHttp } from "../helpers/http-remote.js";
import { cleanEnv, cli, git, tempDir } from "../helpers/repo.js";

/**
 * The Action's validate, end to end: the built dist/action.js on a pull_request event, in a
 * clone of a remote served over HTTP, with a token that can do nothing (the stand-in API fails
 * every request, and none must be made).
 */

const TOKEN = "ghs_readonly_token_that_must_never_be_printed";
const CONFIG = `models:
  churn:
    select:
      rank: { metric: metrics.val_rmse, goal: min }
    promote: { to: production, from: staging, min_improvement_pct: 1 }
`;

let http: Awaited<ReturnType<typeof serveGitHttp>>;
let github: FakeGitHub;
let url: string;
const sha: Record<string, string> = {};

beforeAll(async () => {
  github = await fakeGitHub({ owner: "acme", repo: "models" });
  github.failNext(1_000_000, 403);
  const projects = tempDir("gm-projects-");
  const bare = join(projects, "models.git");
  await git(projects, ["init", "-q", "--bare", "-b", "main", bare]);
  http = await serveGitHttp(projects);
  url = `${http.url}/models.git`;

  const repo = await churnRepo({ config: CONFIG });
  await git(repo, ["remote", "add", "origin", `file://${bare}`]);
  await git(repo, ["push", "-q", "origin", "main", "--tags"]);
  sha.base = (await git(repo, ["rev-parse", "HEAD"])).trim();

  await git(repo, ["switch", "-q", "-c", "good"]);
  await registerChurn(repo, "0.0100");
  expect(
    (await cli(repo, ["promote", "churn@1.0.1", "production", "--reason", "beats 1.0.0 on val_rmse"])).code,
  ).toBe(0);
  sha.good = (await git(repo, ["rev-parse", "HEAD"])).trim();

  await git(repo, ["switch", "-q", "-c", "tampered", sha.base]);
  const meta = join(repo, "models/churn/1.0.0/metadata.json");
  writeFileSync(meta, readFileSync(meta, "utf8").replace('"val_rmse": 0.012', '"val_rmse": 0.001'));
  await git(repo, ["commit", "-q", "-am", "better numbers"]);
  sha.tampered = (await git(repo, ["rev-parse", "HEAD"])).trim();
  await git(repo, ["push", "-q", "origin", "good", "tampered"]);

  // main moves on after the pull request branched off: a base the pull request's branch does not hold.
  await git(repo, ["switch", "-q", "main"]);
  writeFileSync(join(repo, "README.md"), "# project, moved on\n");
  await git(repo, ["commit", "-q", "-am", "main moves on"]);
  await git(repo, ["push", "-q", "origin", "main"]);
  sha.next = (await git(repo, ["rev-parse", "HEAD"])).trim();
});

afterAll(async () => {
  await http?.close();
  await github?.close();
});

/** A checkout of the pull request's head, as actions/checkout makes it (fetch-depth 0, no LFS). */
async function checkout(head: string, options: { depth?: number } = {}): Promise<string> {
  const dir = join(tempDir("gm-ws-"), "ws");
  const env = cleanEnv({ GIT_LFS_SKIP_SMUDGE: "1" });
  const depth = options.depth ? ["--depth", String(options.depth), "--no-single-branch"] : [];
  await git(tempDir(), ["clone", "-q", ...depth, url, dir], env);
  await git(dir, ["checkout", "-q", "--detach", head], env);
  return dir;
}

const validate = (workspace: string, event: Record<string, unknown> | string | null) =>
  runAction({ workspace, inputs: { command: "validate", token: TOKEN }, event, apiUrl: github.url });

describe("validate on pull_request", () => {
  it("passes a good pull request and shows its new version against production, the stage move and the chart", async () => {
    const ws = await checkout(sha.good!);
    const r = await validate(ws, pullRequestEvent({ base: sha.base!, head: sha.good! }));
    expect(r.stderr).toBe("");
    expect(r.code, r.stdout).toBe(0);
    expect(r.annotations).toEqual([]);
    expect(r.summary).toContain("✅ no errors");
    // The new version against the production holder at the base, by the ranking metric's goal.
    expect(r.summary).toContain(
      "| `churn@1.0.2` | `churn@1.0.0` (production) | **val_rmse** (ranking) | 0.01 | 0.012 | -16.67% | ✅ better |",
    );
    expect(r.summary).toContain("|  |  | val_mae | 0.5 | 0.5 | +0.00% |  |");
    expect(r.summary).toContain("| churn | `1.0.1` | staging | production | beats 1.0.0 on val_rmse |");
    expect(r.summary).toContain("| churn | `1.0.0` | production | archived |  |");
    expect(r.summary).toContain("xychart-beta");
    expect(r.outputs.errors).toBe("0");
    expect(github.requests).toHaveLength(0);
    expect(everythingShown(r)).not.toContain(TOKEN);
    expect(r.stdout).toContain(`::add-mask::${TOKEN}`);
  });

  it("validates a fork's pull request with a token that can do nothing, and calls no API", async () => {
    const ws = await checkout(sha.good!);
    const seen = github.requests.length;
    const r = await validate(
      ws,
      pullRequestEvent({ base: sha.base!, head: sha.good!, headRepo: "mallory/models" }),
    );
    expect(r.code, r.stdout).toBe(0);
    expect(r.summary).toContain("churn@1.0.2");
    expect(github.requests).toHaveLength(seen);
    expect(everythingShown(r)).not.toContain(TOKEN);
  });

  it("fails a pull request that edits a registered version, with an annotation on the file", async () => {
    const ws = await checkout(sha.tampered!);
    const r = await validate(ws, pullRequestEvent({ base: sha.base!, head: sha.tampered! }));
    expect(r.code).toBe(1);
    expect(
      r.annotations.some((a) =>
        a.startsWith("::error title=git-model,file=models/churn/1.0.0/metadata.json::"),
      ),
    ).toBe(true);
    expect(r.summary).toContain("❌ 1 error");
    expect(r.summary).toMatch(
      /❌ error \| `models\/churn\/1\.0\.0\/metadata\.json` \| {2}\| edited in churn@1\.0\.0/,
    );
    expect(r.stdout).toMatch(/::error::1 problem in the registry files this pull request changes/);
    expect(everythingShown(r)).not.toContain(TOKEN);
  });

  it("fetches a base the clone does not have", async () => {
    const ws = join(tempDir("gm-ws-"), "ws");
    await git(
      tempDir(),
      ["clone", "-q", "--single-branch", "--branch", "good", url, ws],
      cleanEnv({ GIT_LFS_SKIP_SMUDGE: "1" }),
    );
    expect(await git(ws, ["cat-file", "-t", sha.next!]).catch(() => "missing")).toBe("missing");
    const r = await validate(ws, pullRequestEvent({ base: sha.next!, head: sha.good! }));
    expect(r.code, r.stdout).toBe(0);
    expect(r.summary).toContain("churn@1.0.2");
  });

  it("deepens a shallow clone to the base", async () => {
    const ws = await checkout(sha.good!, { depth: 1 });
    expect((await git(ws, ["rev-parse", "--is-shallow-repository"])).trim()).toBe("true");
    const r = await validate(ws, pullRequestEvent({ base: sha.base!, head: sha.good! }));
    expect(r.code, r.stdout).toBe(0);
    expect(r.summary).toContain("churn@1.0.2");
    expect((await git(ws, ["rev-parse", "--is-shallow-repository"])).trim()).toBe("false");
  });

  describe("refuses with a clear failure", () => {
    let ws: string;
    beforeAll(async () => {
      ws = await checkout(sha.good!);
    });

    it.each([
      ["no event payload", null, /::error::GITHUB_EVENT_PATH is not set/],
      ["a payload that is not JSON", "{ not json", /::error::the event payload .*event\.json is not JSON/],
      [
        "a payload without the base",
        { pull_request: { number: 1, head: {} } },
        /::error::the pull_request event payload .* has no pull_request\.base\.sha and \.ref/,
      ],
    ])("%s", async (_name, event, message) => {
      const r = await validate(ws, event as Record<string, unknown> | string | null);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(message);
      expect(r.stdout).not.toMatch(/^\s+at /m);
      expect(everythingShown(r)).not.toContain(TOKEN);
    });

    it("a push event", async () => {
      const r = await runAction({
        workspace: ws,
        inputs: { command: "validate", token: TOKEN },
        eventName: "push",
        event: { ref: "refs/heads/main" },
      });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("::error::validate runs on pull_request events, not on push");
    });

    it("a base that cannot be fetched", async () => {
      const missing = "1234567890abcdef1234567890abcdef12345678";
      const r = await validate(ws, pullRequestEvent({ base: missing, head: sha.good! }));
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        `::error::the pull request's base ${missing.slice(0, 12)} (main) is not in this clone and could not be fetched from origin`,
      );
      expect(r.stdout).toContain("fetch-depth: 0");
    });

    it("a shallow clone without the base whose remote is gone", async () => {
      const shallow = await checkout(sha.good!, { depth: 1 });
      await git(shallow, ["remote", "set-url", "origin", "http://127.0.0.1:9/gone.git"]);
      const r = await validate(shallow, pullRequestEvent({ base: sha.base!, head: sha.good! }));
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("is not in this shallow clone and could not be fetched from origin");
      expect(r.stdout).toContain("fetch-depth: 0");
    });

    it("an unknown command", async () => {
      const r = await runAction({
        workspace: ws,
        inputs: { command: "deploy", token: TOKEN },
        event: pullRequestEvent({ base: sha.base!, head: sha.good! }),
      });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('::error::unknown command "deploy"');
    });
  });
});
