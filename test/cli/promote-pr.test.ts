import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, fakeGitHub } from "../helpers/github-api.js";
import { bareRemote, cleanEnv, cli, git, newRepo, runFolder } from "../helpers/repo.js";

const TOKEN = "ghs_test_token_that_must_never_be_printed";

describe("promote --pr", () => {
  let github: FakeGitHub;
  beforeAll(async () => {
    github = await fakeGitHub({ owner: "acme", repo: "models" });
  });
  afterAll(() => github.close());

  const env = () =>
    cleanEnv({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url, GITHUB_REPOSITORY: "acme/models" });

  async function registryWithRemote() {
    const repo = await newRepo({
      config:
        "models:\n  churn:\n    promote: { to: production, from: staging, reviewers: [alice], team_reviewers: [ml-leads] }\n    select:\n      rank: { metric: metrics.val_rmse, goal: min }\n",
    });
    const { bare, url } = await bareRemote();
    await git(repo, ["remote", "add", "origin", url]);
    for (const rmse of ["0.0120", "0.0110"]) {
      expect(
        (
          await cli(repo, [
            "register",
            "churn",
            runFolder({ "model.pkl": 100 + rmse.length }),
            "--metric",
            `val_rmse=${rmse}`,
          ])
        ).code,
      ).toBe(0);
    }
    for (const [ref, stage] of [
      ["churn@1.0.0", "staging"],
      ["churn@1.0.0", "production"],
      ["churn@1.0.1", "staging"],
    ]) {
      expect((await cli(repo, ["promote", ref!, stage!])).code).toBe(0);
    }
    await git(repo, ["push", "-q", "origin", "main"]);
    return { repo, bare };
  }

  it("pushes a branch with the stages.json change and opens one labelled pull request with reviewers; the current branch is untouched", async () => {
    const { repo, bare } = await registryWithRemote();
    const head = await git(repo, ["rev-parse", "HEAD"]);
    const r = await cli(
      repo,
      ["promote", "churn@1.0.1", "production", "--pr", "--reason", "beats 1.0.0 by 8.33% val_rmse"],
      { env: env() },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^created pull request #1 \(git-model\/promote\/churn-production\)/);

    expect(await git(repo, ["rev-parse", "HEAD"])).toBe(head);
    expect(await git(repo, ["status", "--porcelain"])).toBe("");
    const stages = JSON.parse(
      await git(bare, ["show", "git-model/promote/churn-production:models/churn/stages.json"]),
    );
    expect(stages.production).toBe("1.0.1");
    expect(stages.archived).toEqual(["1.0.0"]);
    const message = await git(bare, ["log", "-1", "--format=%B", "git-model/promote/churn-production"]);
    expect(message).toContain("promote churn@1.0.1 to production");
    expect(message).toContain("Reason: beats 1.0.0 by 8.33% val_rmse");

    const pr = github.pulls[0]!;
    expect(pr).toMatchObject({
      head: "git-model/promote/churn-production",
      base: "main",
      title: "Promote churn@1.0.1 to production",
    });
    expect(pr.body).toContain(
      '<!-- git-model:promotion {"model":"churn","stage":"production","version":"1.0.1"} -->',
    );
    expect(pr.body).toContain("| val_rmse | 0.012 | 0.011 | -8.33% |");
    expect(pr.body).toContain("xychart-beta");
    expect(pr.labels).toEqual(["git-model:promotion"]);
    expect(pr.reviewers).toEqual(["alice"]);
    expect(pr.teamReviewers).toEqual(["ml-leads"]);
    expect(github.requests.every((q) => q.authorization === `token ${TOKEN}`)).toBe(true);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);

    // Again, with a new reason: the same pull request is updated in place.
    const again = await cli(
      repo,
      ["promote", "churn@1.0.1", "production", "--pr", "--reason", "still better", "--json"],
      { env: env() },
    );
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ action: "updated", number: 1 });
    expect(github.pulls.filter((p) => p.state === "open")).toHaveLength(1);
    expect(await git(bare, ["log", "-1", "--format=%B", "git-model/promote/churn-production"])).toContain(
      "Reason: still better",
    );
  });

  it("retries a 5xx from the API", async () => {
    const { repo } = await registryWithRemote();
    const seen = github.requests.length;
    github.failNext(1, 502);
    const r = await cli(repo, ["promote", "churn@1.0.1", "production", "--pr"], { env: env() });
    expect(r.code).toBe(0);
    const [failed, retried] = github.requests.slice(seen);
    expect(failed).toMatchObject({ method: "GET", path: "/repos/acme/models/pulls" });
    expect(retried).toMatchObject({ method: "GET", path: "/repos/acme/models/pulls" });
  });

  it("refuses without a token or without a remote, and writes nothing", async () => {
    const { repo, bare } = await registryWithRemote();
    const head = await git(repo, ["rev-parse", "HEAD"]);
    const noToken = await cli(repo, ["promote", "churn@1.0.1", "production", "--pr"], {
      env: cleanEnv({ GITHUB_API_URL: github.url, GITHUB_REPOSITORY: "acme/models" }),
    });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain("--pr needs a GitHub token");
    expect(noToken.stderr).toContain("set GITHUB_TOKEN");
    const noRemote = await cli(
      repo,
      ["promote", "churn@1.0.1", "production", "--pr", "--remote", "upstream"],
      { env: env() },
    );
    expect(noRemote.code).toBe(2);
    expect(noRemote.stderr).toContain("--pr needs a remote named upstream");
    expect(await git(repo, ["rev-parse", "HEAD"])).toBe(head);
    expect(await git(bare, ["branch", "--list", "git-model/*"])).toBe("");
  });

  it("reports an API refusal without printing the token", async () => {
    const { repo } = await registryWithRemote();
    github.failNext(1, 401);
    const r = await cli(repo, ["promote", "churn@1.0.1", "production", "--pr"], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("(401)");
    expect(r.stderr).toContain("check that the token may write contents and pull requests");
    expect(r.stderr).not.toContain(TOKEN);
  });
});
