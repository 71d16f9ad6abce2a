import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { churnRepo, everythingShown, pullRequestEvent, registerChurn, runAction } from "../helpers/action.js";
import { type FakeGitHub, fakeGitHub } from "../helpers/github-api.js";
import { serveGitHttp } from "../helpers/http-remote.js";
import { cleanEnv, cli, git, tempDir } from "../helpers/repo.js";

/**
 * The Action's propose, end to end: the built dist/action.js on a schedule, in a clone of a
 * remote served over HTTP, against the stand-in REST API. One pull request per model and stage,
 * found again by its marker, updated in place, closed when nothing qualifies.
 */

const TOKEN = "ghs_propose_token_that_must_never_be_printed";
const CONFIG = `models:
  churn:
    select:
      rank: { metric: metrics.val_rmse, goal: min }
    promote: { to: production, from: staging, min_improvement_pct: 1, reviewers: [alice], team_reviewers: [ml-leads] }
    monitor: { metric: rmse, baseline: metrics.val_rmse, goal: min }
`;
const BRANCH = "git-model/promote/churn-production";
const SCHEDULE = { schedule: "0 6 * * *", repository: { full_name: "acme/models", default_branch: "main" } };

let http: Awaited<ReturnType<typeof serveGitHttp>>;
let github: FakeGitHub;
let bare: string;
let author: string;
let workspace: string;

beforeAll(async () => {
  github = await fakeGitHub({ owner: "acme", repo: "models" });
  const projects = tempDir("gm-projects-");
  bare = join(projects, "models.git");
  await git(projects, ["init", "-q", "--bare", "-b", "main", bare]);
  http = await serveGitHttp(projects);
  author = await churnRepo({ config: CONFIG });
  // Seed 003: the challenger keeps winning its monitoring runs against the champion.
  for (const [champion, challenger] of [
    ["0.0130", "0.0112"],
    ["0.0131", "0.0111"],
    ["0.0129", "0.0113"],
  ]) {
    const r = await cli(author, [
      "monitor",
      "churn",
      "--version",
      "1.0.0",
      "--value",
      champion!,
      "--challenger",
      "1.0.1",
      "--challenger-value",
      challenger!,
    ]);
    expect(r.code, r.stderr).toBe(0);
  }
  await git(author, ["remote", "add", "origin", `file://${bare}`]);
  await git(author, ["push", "-q", "origin", "main", "--tags"]);
  workspace = join(tempDir("gm-ws-"), "ws");
  await git(
    tempDir(),
    ["clone", "-q", `${http.url}/models.git`, workspace],
    cleanEnv({ GIT_LFS_SKIP_SMUDGE: "1" }),
  );
});

afterAll(async () => {
  await http?.close();
  await github?.close();
});

/** The author's main, landed on the remote and checked out in the workspace. */
async function land(): Promise<void> {
  await git(author, ["push", "-q", "origin", "main", "--tags"]);
  await git(workspace, ["fetch", "-q", "origin"]);
  await git(workspace, ["reset", "-q", "--hard", "origin/main"]);
}

const propose = (extra: Partial<Parameters<typeof runAction>[0]> = {}) =>
  runAction({
    workspace,
    inputs: { command: "propose", token: TOKEN },
    eventName: "schedule",
    event: SCHEDULE,
    apiUrl: github.url,
    env: { GIT_MODEL_API_RETRY_BASE_MS: "10" },
    ...extra,
  });

const branchStages = async () =>
  JSON.parse(await git(bare, ["show", `${BRANCH}:models/churn/stages.json`])) as Record<string, unknown>;

const writes = () => github.requests.filter((r) => r.method !== "GET");

describe("propose", () => {
  it("opens one labelled pull request with reviewers, the comparison, monitoring, the change and the chart", async () => {
    const r = await propose();
    expect(r.stderr).toBe("");
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ "pull-request-number": "1", candidate: "churn@1.0.1" });
    expect(github.pulls).toHaveLength(1);
    const pr = github.pulls[0]!;
    expect(pr).toMatchObject({
      head: BRANCH,
      base: "main",
      state: "open",
      title: "Promote churn@1.0.1 to production",
      labels: ["git-model:promotion"],
      reviewers: ["alice"],
      teamReviewers: ["ml-leads"],
    });
    expect(pr.body).toContain(
      '<!-- git-model:promotion {"model":"churn","stage":"production","version":"1.0.1"} -->',
    );
    expect(pr.body).toContain("| val_rmse | 0.012 | 0.011 | -8.33% |");
    expect(pr.body).toContain("1.0.1 beats 1.0.0 on metrics.val_rmse by 8.33%");
    expect(pr.body).toContain("### Monitoring");
    expect(pr.body).toContain("- propose promotion of 1.0.1: it beat 1.0.0 on rmse in 3 of its last 3 runs");
    expect(pr.body).toContain('-  "staging": "1.0.1",\n-  "production": "1.0.0"\n');
    expect(pr.body).toContain('+  "production": "1.0.1",');
    expect(pr.body).toContain("xychart-beta");
    expect(pr.body.length).toBeLessThan(65_536);
    expect(await branchStages()).toMatchObject({ production: "1.0.1", archived: ["1.0.0"] });
    expect(r.summary).toContain("| churn | production | `1.0.1` | `1.0.0` | +8.33% | created #1 |");
    // The token goes in the Authorization header and nowhere else.
    expect(github.requests.every((q) => q.authorization === `token ${TOKEN}`)).toBe(true);
    expect(JSON.stringify(github.requests.map((q) => [q.path, q.query, q.body]))).not.toContain(TOKEN);
    expect(everythingShown(r)).not.toContain(TOKEN);
  });

  it("changes nothing when run again with the same candidate", async () => {
    const tip = await git(bare, ["rev-parse", BRANCH]);
    const before = writes().length;
    const r = await propose();
    expect(r.code, r.stdout).toBe(0);
    expect(r.summary).toContain("unchanged #1");
    expect(writes()).toHaveLength(before);
    expect(await git(bare, ["rev-parse", BRANCH])).toBe(tip);
  });

  it("updates the same pull request in place when the candidate changes, through a flaky API", async () => {
    await registerChurn(author, "0.0100");
    expect((await cli(author, ["promote", "churn@1.0.2", "staging"])).code).toBe(0);
    await land();
    const seen = github.requests.length;
    github.failNext(2, 502);
    const r = await propose();
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ "pull-request-number": "1", candidate: "churn@1.0.2" });
    const [first, second, third] = github.requests.slice(seen);
    expect([first, second, third].map((q) => `${q?.method} ${q?.path}`)).toEqual([
      "GET /repos/acme/models/pulls",
      "GET /repos/acme/models/pulls",
      "GET /repos/acme/models/pulls",
    ]);
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]).toMatchObject({ state: "open", title: "Promote churn@1.0.2 to production" });
    expect(github.pulls[0]!.body).toContain('"version":"1.0.2"');
    expect(await branchStages()).toMatchObject({ production: "1.0.2" });
    // Review requests are made once, when the pull request is opened.
    expect(github.pulls[0]!.reviewers).toEqual(["alice"]);
  });

  it("waits out a secondary rate limit", async () => {
    await registerChurn(author, "0.0090");
    expect((await cli(author, ["promote", "churn@1.0.3", "staging"])).code).toBe(0);
    await land();
    github.failNext(1, 403, { rateLimit: true });
    const r = await propose();
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.candidate).toBe("churn@1.0.3");
    expect(github.pulls).toHaveLength(1);
  });

  it("fails clearly when the API keeps failing, without the token", async () => {
    github.failNext(50, 500);
    const r = await propose();
    github.failNext(0, 500);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::GitHub API GET \/repos\/acme\/models\/pulls failed \(500\)/);
    expect(r.stdout).not.toMatch(/^\s+at /m);
    expect(everythingShown(r)).not.toContain(TOKEN);
  });

  it("never pushes for a fork's pull request", async () => {
    const tip = await git(bare, ["rev-parse", BRANCH]);
    const seen = github.requests.length;
    const head = (await git(workspace, ["rev-parse", "HEAD"])).trim();
    for (const command of ["propose", "register"]) {
      const r = await runAction({
        workspace,
        inputs: { command, token: TOKEN },
        eventName: "pull_request_target",
        event: pullRequestEvent({ base: head, head, headRepo: "mallory/models" }),
        apiUrl: github.url,
      });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        `::error::${command} never runs on pull_request_target (and never pushes for a fork's pull request)`,
      );
      expect(everythingShown(r)).not.toContain(TOKEN);
    }
    expect(github.requests).toHaveLength(seen);
    expect(await git(bare, ["rev-parse", BRANCH])).toBe(tip);
    expect(await git(bare, ["tag", "-l"])).toBe(await git(author, ["tag", "-l"]));
  });

  it("closes the pull request with a comment when no candidate qualifies any longer", async () => {
    expect((await cli(author, ["promote", "churn@1.0.3", "production"])).code).toBe(0);
    await land();
    const r = await propose();
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ "pull-request-number": "", candidate: "" });
    expect(github.pulls[0]!.state).toBe("closed");
    expect(github.pulls[0]!.comments).toHaveLength(1);
    expect(github.pulls[0]!.comments[0]).toContain("No candidate qualifies for production any longer");
    expect(r.summary).toContain("closed #1");
    // Nothing left to close: a second run makes no write.
    const before = writes().length;
    expect((await propose()).code).toBe(0);
    expect(writes()).toHaveLength(before);
  });
});
