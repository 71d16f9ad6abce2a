import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanEnv, cli, git, runFolder } from "../helpers/repo.js";
import { at, ok, seedRepo } from "../helpers/stages.js";

/**
 * `git model history` as a user reads it: every registration and every stage move (version,
 * from, to, when, who, commit, reason, pull request), including hand edits, reverts and merged
 * pull requests, from one git log.
 */

const STAGES = "models/rl/stages.json";

interface Entry {
  type: string;
  version: string;
  from?: string;
  to?: string;
  at: string;
  who: string;
  commit: string;
  reason?: string | null;
  pullRequest: number | null;
  kind?: string;
  rollback?: boolean;
  metrics?: Record<string, number> | null;
}

const head = async (repo: string) => (await git(repo, ["rev-parse", "HEAD"])).trim();
const brief = (e: Entry) =>
  e.type === "move"
    ? `${e.kind} ${e.version} ${e.from}->${e.to} ${e.reason ?? "-"}`
    : `${e.type} ${e.version}`;

describe("history", () => {
  it("--json holds every registration and move with its reason, who, when and commit; hand edits and reverts too", async () => {
    const repo = await seedRepo();
    await ok(
      repo,
      ["promote", "rl@1.0.0", "beta", "--reason", "Passed initial validation"],
      at("2026-02-01T09:00:00Z"),
    );
    await ok(
      repo,
      ["promote", "rl@1.0.0", "champion", "--reason", "Best in backtesting"],
      at("2026-02-02T09:00:00Z"),
    );
    await ok(repo, ["promote", "rl@1.0.1", "beta", "--reason", "validated"], at("2026-02-03T09:00:00Z"));
    await ok(
      repo,
      ["promote", "rl@1.0.1", "champion", "--reason", "Sharpe +15%"],
      at("2026-02-04T09:00:00Z"),
    );
    const promotion = await head(repo);
    await git(repo, ["revert", "--no-edit", "HEAD"], at("2026-02-05T09:00:00Z"));
    const revert = await head(repo);
    // A hand edit by someone else: rl@1.0.2 straight to archived (allowed by the table).
    writeFileSync(
      join(repo, STAGES),
      '{\n  "beta": ["1.0.1"],\n  "champion": "1.0.0",\n  "archived": ["1.0.2"]\n}\n',
    );
    const bob = cleanEnv({
      GIT_AUTHOR_NAME: "Bob",
      GIT_AUTHOR_EMAIL: "bob@example.com",
      GIT_AUTHOR_DATE: "2026-02-06T09:00:00Z",
      GIT_COMMITTER_DATE: "2026-02-06T09:00:00Z",
    });
    await git(repo, ["commit", "-q", "-am", "archive 1.0.2 by hand"], bob);

    const r = await ok(repo, ["history", "rl", "--json"]);
    const result = JSON.parse(r.stdout) as { model: string; entries: Entry[] };
    expect(result.model).toBe("rl");
    expect(result.entries.map(brief)).toEqual([
      "registration 1.0.0",
      "registration 1.0.1",
      "registration 1.0.2",
      "promotion 1.0.0 development->beta Passed initial validation",
      "promotion 1.0.0 beta->champion Best in backtesting",
      "promotion 1.0.1 development->beta validated",
      "promotion 1.0.1 beta->champion Sharpe +15%",
      "demotion 1.0.0 champion->archived displaced by 1.0.1",
      "rollback 1.0.1 champion->beta -",
      "rollback 1.0.0 archived->champion -",
      "hand-edit 1.0.2 development->archived -",
    ]);
    const [registration] = result.entries;
    expect(registration).toMatchObject({ who: "Test User", metrics: { sharpe_ratio: 1 } });
    expect(registration?.at).toMatch(/^2026-01-01T08:00:00/);
    const moves = result.entries.filter((e) => e.type === "move");
    expect(moves[3]).toMatchObject({ commit: promotion, at: expect.stringMatching(/^2026-02-04T09:00:00/) });
    expect(moves.slice(5, 7).every((e) => e.commit === revert && e.rollback)).toBe(true);
    expect(moves[7]).toMatchObject({ who: "Bob", kind: "hand-edit", pullRequest: null });

    // The table says the same for people.
    const text = await ok(repo, ["history", "rl"]);
    expect(text.stdout).toMatch(/^when +event +version +from +to +who +commit +pr +reason/);
    expect(text.stdout).toContain("Sharpe +15%");
    expect(text.stdout).toMatch(/rollback +1\.0\.0 +archived +champion +Test User/);
  });

  it("gives a promotion merged through a pull request its number, and a squash merge too", async () => {
    const repo = await seedRepo(2);
    await git(repo, ["checkout", "-q", "-b", "git-model/promote/rl-beta"]);
    await ok(repo, ["promote", "rl@1.0.0", "beta", "--reason", "from the PR"]);
    await git(repo, ["checkout", "-q", "main"]);
    writeFileSync(join(repo, "README.md"), "# project\n\nmore\n");
    await git(repo, ["commit", "-q", "-am", "docs"]);
    await git(repo, [
      "merge",
      "-q",
      "--no-ff",
      "git-model/promote/rl-beta",
      "-m",
      "Merge pull request #12 from acme/git-model/promote/rl-beta",
    ]);
    // A squash merge: one commit on main whose subject ends in (#13) and whose body keeps the trailers.
    writeFileSync(join(repo, STAGES), '{\n  "beta": ["1.0.0", "1.0.1"]\n}\n');
    await git(repo, [
      "commit",
      "-q",
      "-am",
      "promote rl@1.0.1 to beta (#13)\n\nModel: rl\nVersion: 1.0.1\nStage: beta\nFrom: development\nReason: squashed",
    ]);

    const r = await ok(repo, ["history", "rl", "--stage", "beta", "--json"]);
    const entries = (JSON.parse(r.stdout) as { entries: Entry[] }).entries;
    expect(entries.map((e) => [e.version, e.kind, e.reason, e.pullRequest])).toEqual([
      ["1.0.0", "promotion", "from the PR", 12],
      ["1.0.1", "promotion", "squashed", 13],
    ]);
    expect((await ok(repo, ["validate", "--base", "HEAD~1"])).stdout).toContain("ok:");
  });

  it("gives a merged promotion its number when the branch went on after it, and registrations their commits", async () => {
    const repo = await seedRepo(2);
    const registered = (await git(repo, ["rev-list", "-1", "rl@v1.0.1"])).trim();
    await git(repo, ["checkout", "-q", "-b", "git-model/promote/rl-beta"]);
    await ok(repo, ["promote", "rl@1.0.0", "beta", "--reason", "from the PR"]);
    // The branch's last commit does not touch stages.json: the merge's second parent is no snapshot.
    writeFileSync(join(repo, "NOTES.md"), "why\n");
    await git(repo, ["add", "NOTES.md"]);
    await git(repo, ["commit", "-q", "-m", "notes"]);
    await git(repo, ["checkout", "-q", "main"]);
    writeFileSync(join(repo, "CHANGES.md"), "docs\n");
    await git(repo, ["add", "CHANGES.md"]);
    await git(repo, ["commit", "-q", "-m", "docs"]);
    await git(repo, [
      "merge",
      "-q",
      "--no-ff",
      "git-model/promote/rl-beta",
      "-m",
      "Merge pull request #21 from acme/x",
    ]);

    const entries = (JSON.parse((await ok(repo, ["history", "rl", "--json"])).stdout) as { entries: Entry[] })
      .entries;
    expect(entries.map((e) => [brief(e), e.pullRequest])).toEqual([
      ["registration 1.0.0", null],
      ["registration 1.0.1", null],
      ["promotion 1.0.0 development->beta from the PR", 21],
    ]);
    expect(entries[1]).toMatchObject({ commit: registered, who: "Test User" });
  });

  it("finds versions the tags do not answer for: added by hand, deleted by hand, deleted with a tag", async () => {
    const repo = await seedRepo(3);
    // A version committed by hand, without register and so without a tag.
    const folder = join(repo, "models/rl/1.0.3");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(folder);
    writeFileSync(
      join(folder, "metadata.json"),
      `${JSON.stringify({ schema: 1, name: "rl", version: "1.0.3", created_at: "2026-01-04T08:00:00Z", artifacts: [] })}\n`,
    );
    await git(repo, ["add", "models/rl/1.0.3"]);
    await git(repo, ["commit", "-q", "-m", "add rl 1.0.3 by hand"], at("2026-01-04T08:00:00Z"));
    const byHand = await head(repo);
    // 1.0.1 deleted by hand (its registration tag stays, no deregistration tag).
    await git(repo, ["rm", "-q", "-r", "models/rl/1.0.1"]);
    await git(repo, ["commit", "-q", "-m", "drop 1.0.1"], at("2026-01-05T08:00:00Z"));
    const dropped = await head(repo);
    // 1.0.0 deleted with git model delete (a deregistration tag on the deletion commit).
    await ok(repo, ["delete", "rl@1.0.0", "--yes", "--reason", "old"], at("2026-01-06T08:00:00Z"));
    const deleted = (await git(repo, ["rev-list", "-1", "rl@v1.0.0!"])).trim();
    // A version registered on another branch only: its tag exists, main never held it.
    await git(repo, ["checkout", "-q", "-b", "experiment"]);
    await ok(repo, ["register", "rl", runFolder({ "model.zip": 300 }), "--version", "2.0.0"]);
    await git(repo, ["checkout", "-q", "main"]);

    const entries = (JSON.parse((await ok(repo, ["history", "rl", "--json"])).stdout) as { entries: Entry[] })
      .entries;
    expect(entries.map(brief)).toEqual([
      "registration 1.0.0",
      "registration 1.0.1",
      "registration 1.0.2",
      "registration 1.0.3",
      "deletion 1.0.1",
      "deletion 1.0.0",
    ]);
    expect(entries[3]).toMatchObject({ commit: byHand, metrics: null });
    expect(entries[4]).toMatchObject({ commit: dropped });
    expect(entries[5]).toMatchObject({ commit: deleted });
  });

  it("--stage keeps only the moves into or out of that stage", async () => {
    const repo = await seedRepo(2);
    await ok(repo, ["promote", "rl@1.0.0", "beta"]);
    await ok(repo, ["promote", "rl@1.0.0", "champion"]);
    await ok(repo, ["promote", "rl@1.0.1", "archived"]);
    const r = await ok(repo, ["history", "rl", "--stage", "champion", "--json"]);
    expect((JSON.parse(r.stdout) as { entries: Entry[] }).entries.map(brief)).toEqual([
      "promotion 1.0.0 beta->champion -",
    ]);
    const none = await ok(repo, ["history", "rl", "--stage", "development"]);
    expect(none.stdout).toContain("promotion");
  });

  it("--metric shows the metric over the registrations", async () => {
    const repo = await seedRepo();
    const r = await ok(repo, ["history", "rl", "--metric", "sharpe_ratio"]);
    expect(r.stdout).toContain("sharpe_ratio");
    expect(r.stdout).toContain("1.2");
    const json = JSON.parse((await ok(repo, ["history", "rl", "--metric", "sharpe_ratio", "--json"])).stdout);
    expect(json.points.map((p: { version: string }) => p.version)).toEqual(["1.0.0", "1.0.1", "1.0.2"]);
  });

  it("an unknown model is exit 1, an unknown stage exit 2; a model without moves has only registrations", async () => {
    const repo = await seedRepo(1);
    const model = await cli(repo, ["history", "nope"]);
    expect(model.code).toBe(1);
    expect(model.stderr).toContain("no model named nope");
    const stage = await cli(repo, ["history", "rl", "--stage", "production"]);
    expect(stage.code).toBe(2);
    expect(stage.stderr).toContain('stage "production" is not configured');
    const r = await ok(repo, ["history", "rl", "--json"]);
    expect((JSON.parse(r.stdout) as { entries: Entry[] }).entries.map(brief)).toEqual(["registration 1.0.0"]);
  });
});
