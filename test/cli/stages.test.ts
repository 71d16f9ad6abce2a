import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readGtoStages } from "../../src/domain/gto.js";
import { cli, expectCliError, git, newRepo, runFolder } from "../helpers/repo.js";
import { at, ok, seedRepo } from "../helpers/stages.js";

/**
 * promote / demote / rollback / show --at / validate of stage changes, as a new user of seed 004
 * meets them: development, beta, champion (exclusive), archived, and seed 004's transition table.
 */

/** Everything a write could have touched: HEAD, the work tree and index status, the index itself, the tags. */
async function snapshot(repo: string): Promise<string[]> {
  // In order: status refreshes the index's stat data, which ls-files --debug prints.
  const status = await git(repo, ["status", "--porcelain", "--untracked-files=all"]);
  return [
    await git(repo, ["rev-parse", "HEAD"]),
    status,
    await git(repo, ["ls-files", "-s", "--debug"]),
    await git(repo, ["tag", "--list"]),
    existsSync(join(repo, STAGES)) ? readFileSync(join(repo, STAGES), "utf8") : "(none)",
  ];
}

const STAGES = "models/rl/stages.json";
const stagesJson = (repo: string) => JSON.parse(readFileSync(join(repo, STAGES), "utf8"));

describe("promote with seed 004's table", () => {
  it("refuses development -> champion, naming beta and archived, and writes nothing", async () => {
    const repo = await seedRepo(1);
    const before = await snapshot(repo);
    const r = await cli(repo, ["promote", "rl@1.0.0", "champion"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("development -> champion is not allowed; from development: beta, archived");
    expect(r.stderr).not.toContain("    at "); // no stack trace
    expect(await snapshot(repo)).toEqual(before);
  });

  it("goes development -> beta -> champion with reasons as trailers; a new champion displaces the old one to archived", async () => {
    const repo = await seedRepo();
    await ok(repo, ["promote", "rl@1.0.0", "beta", "--reason", "Passed initial validation"]);
    const r = await ok(repo, [
      "promote",
      "rl@1.0.0",
      "champion",
      "--reason",
      "Best performance in backtesting",
    ]);
    expect(r.stdout).toContain("promoted rl@1.0.0 to champion (from beta)");
    expect(stagesJson(repo)).toEqual({ champion: "1.0.0" });
    expect(await git(repo, ["log", "-1", "--format=%B"])).toBe(
      "promote rl@1.0.0 to champion\n\nModel: rl\nVersion: 1.0.0\nStage: champion\nFrom: beta\nReason: Best performance in backtesting\n\n",
    );
    // The commit holds stages.json and nothing else.
    expect((await git(repo, ["show", "--name-only", "--format=", "HEAD"])).trim()).toBe(STAGES);

    await ok(repo, ["promote", "rl@1.0.1", "beta"]);
    const json = await ok(repo, [
      "promote",
      "rl#beta",
      "champion",
      "--reason",
      "Improved Sharpe ratio by 15%",
      "--json",
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      action: "promote",
      version: "1.0.1",
      from: "beta",
      to: "champion",
      displaced: { version: "1.0.0", from: "champion", to: "archived" },
      reason: "Improved Sharpe ratio by 15%",
      dryRun: false,
    });
    expect(stagesJson(repo)).toEqual({ champion: "1.0.1", archived: ["1.0.0"] });
    const trailers = await git(repo, ["log", "-1", "--format=%(trailers:only,unfold)"]);
    expect(trailers).toContain("Displaced: 1.0.0\n");
    expect(trailers).toContain("Reason: Improved Sharpe ratio by 15%\n");
    // Python reads it without git-model.
    expect(stagesJson(repo).champion).toBe("1.0.1");
  });

  it("accepts a `git revert` of the last promotion: validate --base HEAD~1 passes and show names the old champion", async () => {
    const repo = await seedRepo();
    await ok(repo, ["promote", "rl@1.0.0", "beta"], at("2026-01-05T10:00:00Z"));
    await ok(repo, ["promote", "rl@1.0.0", "champion"], at("2026-01-06T10:00:00Z"));
    await ok(repo, ["promote", "rl@1.0.1", "beta"], at("2026-01-10T10:00:00Z"));
    await ok(repo, ["promote", "rl@1.0.1", "champion", "--reason", "better"], at("2026-01-20T10:00:00Z"));
    const promotion = (await git(repo, ["rev-parse", "HEAD"])).trim();
    expect((await ok(repo, ["show", "rl#champion"])).stdout).toContain("rl@1.0.1");

    await git(repo, ["revert", "--no-edit", "HEAD"], at("2026-01-25T10:00:00Z"));
    expect(stagesJson(repo)).toEqual({ beta: ["1.0.1"], champion: "1.0.0" });
    const validated = await ok(repo, ["validate", "--base", "HEAD~1"]);
    expect(validated.stdout).toContain("ok:");
    expect((await ok(repo, ["show", "rl#champion"])).stdout).toMatch(/^rl@1\.0\.0\n/);

    // What held champion then: by date (the end of that day, UTC) and by commit.
    const byDate = await ok(repo, ["show", "rl#champion", "--at", "2026-01-21", "--json"]);
    expect(JSON.parse(byDate.stdout)).toMatchObject({
      version: "1.0.1",
      stage: "beta",
      at: { stage: "champion", versions: ["1.0.1"], commit: promotion },
    });
    expect((await ok(repo, ["show", "rl#champion", "--at", "2026-01-06"])).stdout).toMatch(/^rl@1\.0\.0\n/);
    expect((await ok(repo, ["show", "rl#champion", "--at", promotion.slice(0, 8)])).stdout).toMatch(
      /^rl@1\.0\.1\n {2}held {9}champion at /,
    );
    expect((await ok(repo, ["show", "rl#champion", "--at", "HEAD"])).stdout).toMatch(/^rl@1\.0\.0\n/);
    const before = await cli(repo, ["show", "rl#champion", "--at", "2025-12-31"]);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain("no version of rl was in champion at 2025-12-31");
    const notRef = await cli(repo, ["show", "rl@1.0.0", "--at", "2026-01-21"]);
    expect(notRef.code).toBe(2);
    expect(notRef.stderr).toContain("--at needs a stage reference like rl#production");
  });

  it("--dry-run prints the diff and the commit message and changes nothing", async () => {
    const repo = await seedRepo();
    await ok(repo, ["promote", "rl@1.0.0", "beta"]);
    await ok(repo, ["promote", "rl@1.0.0", "champion"]);
    await ok(repo, ["promote", "rl@1.0.1", "beta"]);
    // Something staged by the user must stay exactly as it is too.
    writeFileSync(join(repo, "notes.txt"), "wip\n");
    await git(repo, ["add", "notes.txt"]);
    const before = await snapshot(repo);
    const r = await ok(repo, ["promote", "rl@1.0.1", "champion", "--reason", "try", "--dry-run"]);
    expect(r.stdout).toContain(
      "dry run: would promote rl@1.0.1 to champion (from beta); nothing was written",
    );
    expect(r.stdout).toContain("rl@1.0.0 leaves champion for archived");
    expect(r.stdout).toContain(`--- a/${STAGES}\n+++ b/${STAGES}\n@@ `);
    expect(r.stdout).toContain('-  "champion": "1.0.0"');
    expect(r.stdout).toContain('+  "champion": "1.0.1",');
    expect(r.stdout).toContain("Displaced: 1.0.0");
    expect(await snapshot(repo)).toEqual(before);

    const json = JSON.parse((await ok(repo, ["demote", "rl@1.0.1", "--dry-run", "--json"])).stdout);
    expect(json).toMatchObject({ action: "demote", to: "development", dryRun: true, commit: null });
    expect(JSON.parse(json.after)).toEqual({ champion: "1.0.0" });
    expect(await snapshot(repo)).toEqual(before);
  });

  it("commits stages.json alone: what the user staged stays staged and out of the commit", async () => {
    const repo = await seedRepo(1);
    writeFileSync(join(repo, "notes.txt"), "wip\n");
    await git(repo, ["add", "notes.txt"]);
    await ok(repo, ["promote", "rl@1.0.0", "beta"]);
    expect((await git(repo, ["show", "--name-only", "--format=", "HEAD"])).trim()).toBe(STAGES);
    expect(await git(repo, ["status", "--porcelain"])).toBe("A  notes.txt\n");
  });

  it("refuses to commit over uncommitted edits of stages.json", async () => {
    const repo = await seedRepo(2);
    await ok(repo, ["promote", "rl@1.0.0", "beta"]);
    writeFileSync(join(repo, STAGES), '{\n  "beta": ["1.0.0", "1.0.1"]\n}\n');
    const before = await snapshot(repo);
    const r = await cli(repo, ["promote", "rl@1.0.0", "archived"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("uncommitted changes");
    expect(await snapshot(repo)).toEqual(before);
  });
});

describe("demote and rollback", () => {
  it("demotes to the initial stage or to a named one, by the same table", async () => {
    const repo = await seedRepo(2);
    await ok(repo, ["promote", "rl@1.0.0", "beta"]);
    await ok(repo, ["promote", "rl@1.0.0", "champion"]);
    const refused = await cli(repo, ["demote", "rl#champion"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("champion -> development is not allowed; from champion: beta, archived");
    const r = await ok(repo, ["demote", "rl#champion", "archived", "--reason", "drifted"]);
    expect(r.stdout).toContain("demoted rl@1.0.0 to archived (from champion)");
    expect(stagesJson(repo)).toEqual({ archived: ["1.0.0"] });
    expect(await git(repo, ["log", "-1", "--format=%s"])).toBe("demote rl@1.0.0 to archived\n");
  });

  it("rollback restores the previous champion with Rollback-Of naming the move it undoes", async () => {
    const repo = await seedRepo();
    await ok(repo, ["promote", "rl@1.0.0", "beta"]);
    await ok(repo, ["promote", "rl@1.0.0", "champion"]);
    await ok(repo, ["promote", "rl@1.0.1", "beta"]);
    await ok(repo, ["promote", "rl@1.0.1", "champion"]);
    const undone = (await git(repo, ["rev-parse", "HEAD"])).trim();

    const dry = await ok(repo, ["rollback", "rl", "--dry-run"]);
    expect(dry.stdout).toContain("would roll back rl#champion to 1.0.0 (from archived)");
    const r = await ok(repo, ["rollback", "rl", "--stage", "champion", "--reason", "1.0.1 drifts"]);
    expect(r.stdout).toContain("rolled back rl#champion to 1.0.0 (from archived)");
    expect(stagesJson(repo)).toEqual({ champion: "1.0.0", archived: ["1.0.1"] });
    expect(await git(repo, ["log", "-1", "--format=%B"])).toBe(
      `roll back rl#champion to 1.0.0\n\nModel: rl\nVersion: 1.0.0\nStage: champion\nFrom: archived\nDisplaced: 1.0.1\nReason: 1.0.1 drifts\nRollback-Of: ${undone}\n\n`,
    );
    expect((await ok(repo, ["validate", "--base", "HEAD~1"])).stdout).toContain("ok:");
    // Rolling back twice restores the rolled-back version, like reverting a revert.
    await ok(repo, ["rollback", "rl"]);
    expect(stagesJson(repo)).toEqual({ champion: "1.0.1", archived: ["1.0.0"] });
  });

  it("rolling back one stage never moves a version out of another (the default stages, no promote policy)", async () => {
    const repo = await newRepo();
    for (const n of [1, 2]) {
      expect((await cli(repo, ["register", "m", runFolder({ "params.json": `{"n": ${n}}` })])).code).toBe(0);
    }
    await ok(repo, ["promote", "m@1.0.0", "staging"]);
    await ok(repo, ["promote", "m@1.0.0", "production"]);
    await ok(repo, ["promote", "m@1.0.1", "staging"]);
    const file = () => JSON.parse(readFileSync(join(repo, "models/m/stages.json"), "utf8"));
    expect(file()).toEqual({ staging: "1.0.1", production: "1.0.0" });
    const before = await snapshot(repo);
    // Both forms: --stage, and the stage whose holder changed last.
    for (const args of [
      ["rollback", "m", "--stage", "staging"],
      ["rollback", "m"],
    ]) {
      const r = await cli(repo, args);
      expectCliError(r, 1, [
        "m#staging has no earlier holder to roll back to: it held no version before 1.0.1 entered it",
        "hint: take 1.0.1 out with git model demote m@1.0.1, or promote the version you want to staging",
      ]);
      expect(await snapshot(repo)).toEqual(before);
    }
    // An earlier holder parked where displaced versions go comes back; production stays as it is.
    expect((await cli(repo, ["register", "m", runFolder({ "params.json": '{"n": 3}' })])).code).toBe(0);
    await ok(repo, ["promote", "m@1.0.2", "staging"]);
    const back = await ok(repo, ["rollback", "m", "--stage", "staging"]);
    expect(back.stdout).toContain("rolled back m#staging to 1.0.1 (from archived)");
    expect(file()).toEqual({ staging: "1.0.1", production: "1.0.0", archived: ["1.0.2"] });
    // An earlier holder that went to production since stays there: refused, with what to run.
    await ok(repo, ["promote", "m@1.0.1", "production"]);
    await ok(repo, ["promote", "m@1.0.0", "staging"]);
    await ok(repo, ["promote", "m@1.0.2", "staging"]);
    await ok(repo, ["promote", "m@1.0.0", "production"]);
    expect(file()).toEqual({ staging: "1.0.2", production: "1.0.0", archived: ["1.0.1"] });
    const held = await snapshot(repo);
    const moved = await cli(repo, ["rollback", "m", "--stage", "staging"]);
    expectCliError(moved, 1, [
      "m#staging's earlier holder 1.0.0 is in production now, and rolling back staging does not move a version out of production",
      "hint: take 1.0.2 out with git model demote m@1.0.2; to move 1.0.0 back anyway: git model promote m@1.0.0 staging",
    ]);
    expect(await snapshot(repo)).toEqual(held);
  });

  it("rollback without an earlier holder, or of a list stage, is a clear error", async () => {
    const repo = await seedRepo(1);
    await ok(repo, ["promote", "rl@1.0.0", "beta"]);
    await ok(repo, ["promote", "rl@1.0.0", "champion"]);
    const none = await cli(repo, ["rollback", "rl"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("rl#champion has no earlier holder to roll back to");
    const list = await cli(repo, ["rollback", "rl", "--stage", "beta"]);
    expect(list.code).toBe(2);
    expect(list.stderr).toContain("beta is not exclusive");
  });
});

describe("bad input", () => {
  it("a stage that is not configured, a version or model that does not exist: exit 2 or 1, nothing written", async () => {
    const repo = await seedRepo(1);
    const before = await snapshot(repo);
    const stage = await cli(repo, ["promote", "rl@1.0.0", "production"]);
    expect(stage.code).toBe(2);
    expect(stage.stderr).toContain(
      'stage "production" is not configured; stages: development, beta, champion, archived',
    );
    const version = await cli(repo, ["promote", "rl@2.0.0", "beta"]);
    expect(version.code).toBe(1);
    expect(version.stderr).toContain("rl@2.0.0 is not registered");
    const bad = await cli(repo, ["promote", "rl@not-a-version", "beta"]);
    expect(bad.code).toBe(2);
    const model = await cli(repo, ["promote", "nope@1.0.0", "beta"]);
    expect(model.code).toBe(1);
    expect(model.stderr).toContain("no model named nope");
    const same = await cli(repo, ["demote", "rl@1.0.0"]);
    expect(same.code).toBe(1);
    expect(same.stderr).toContain("rl@1.0.0 is already in development");
    expect(await snapshot(repo)).toEqual(before);
  });

  it.each([
    [
      "two stages for one version",
      '{\n  "beta": ["1.0.0"],\n  "archived": ["1.0.0"]\n}\n',
      3,
      "1.0.0 is in two stages, beta and archived",
    ],
    [
      "an exclusive stage with a list",
      '{\n  "champion": ["1.0.0", "1.0.1"]\n}\n',
      2,
      "champion is exclusive and holds one version, not a list",
    ],
    [
      "an unknown version",
      '{\n  "beta": ["1.0.0"],\n  "champion": "9.9.9"\n}\n',
      3,
      "champion names 9.9.9, which is not a registered version",
    ],
    ["not JSON", '{\n  "beta": ["1.0.0"]\n  "champion": "1.0.1"\n}\n', 3, "not valid JSON"],
  ])(
    "stages.json hand-edited into %s: validate reports file:line, promote refuses",
    async (_, text, line, message) => {
      const repo = await seedRepo(2);
      writeFileSync(join(repo, STAGES), text);
      await git(repo, ["add", STAGES]);
      await git(repo, ["commit", "-q", "-m", "edit stages by hand"]);
      const v = await cli(repo, ["validate"]);
      expect(v.code).toBe(1);
      expect(v.stdout).toContain(`${STAGES}:${line}: error: ${message}`);
      const before = await snapshot(repo);
      const p = await cli(repo, ["promote", "rl@1.0.1", "beta"]);
      expect(p.code).toBe(1);
      expect(p.stderr).toContain(`${STAGES}:`);
      expect(p.stderr).toContain("fix stages.json first");
      expect(await snapshot(repo)).toEqual(before);
    },
  );

  it("a hand-edited stages.json: list and show read it as the stage rules do, validate names the edit", async () => {
    const repo = await seedRepo(3);
    // A stage the configuration lacks, and a version named under two stages.
    writeFileSync(join(repo, STAGES), '{"canary": "1.0.0", "archived": ["1.0.1"], "beta": "1.0.1"}\n');
    const listed = (await ok(repo, ["list", "rl", "--json"])).stdout;
    expect(JSON.parse(listed).map((v: { stage: string }) => v.stage)).toEqual([
      "development",
      "beta",
      "development",
    ]);
    expect(JSON.parse((await ok(repo, ["show", "rl@1.0.0", "--json"])).stdout).stage).toBe("development");
    expect(JSON.parse((await ok(repo, ["show", "rl#beta", "--json"])).stdout).version).toBe("1.0.1");
    // An unknown stage counts for nothing, and of two stages the configured order wins (beta
    // before archived), as in promote's plans, which refuse such a file until validate passes.
    const r = await cli(repo, ["validate"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/canary/);
  });

  it("validate --base sees a stages.json that is new and uncommitted, in a model no commit since the base touched", async () => {
    const repo = await seedRepo(2);
    await git(repo, ["commit", "-q", "--allow-empty", "-m", "unrelated"]);
    // rl never had a stages.json: this one is untracked, and the commits since HEAD~1 touch no model.
    writeFileSync(join(repo, STAGES), '{\n  "champion": "1.0.1"\n}\n');
    const r = await cli(repo, ["validate", "--base", "HEAD~1"]);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).toContain(`${STAGES}:2: error: 1.0.1: development -> champion is not allowed`);
  });

  it("validate --base reports a forbidden hand edit with file and line, and accepts an allowed one", async () => {
    const repo = await seedRepo(2);
    await ok(repo, ["promote", "rl@1.0.0", "beta"]);
    writeFileSync(join(repo, STAGES), '{\n  "beta": ["1.0.0"],\n  "champion": "1.0.1"\n}\n');
    const r = await cli(repo, ["validate", "--base", "HEAD"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${STAGES}:3: error: 1.0.1: development -> champion is not allowed; from development: beta, archived`,
    );
    writeFileSync(join(repo, STAGES), '{\n  "champion": "1.0.0"\n}\n');
    expect((await ok(repo, ["validate", "--base", "HEAD"])).stdout).toContain("ok:");
  });
});

describe("stage tags (GTO grammar)", () => {
  it("promote does not tag unless --tag; doctor reports the missing ones and --fix creates them once, dated in order", async () => {
    const repo = await seedRepo(2);
    // Both moves in one second: GTO orders by the second, so the tags must not share one.
    const sameSecond = at("2026-02-01T10:00:00+02:00");
    await ok(repo, ["promote", "rl@1.0.0", "beta"], sameSecond);
    await ok(repo, ["promote", "rl@1.0.0", "champion"], sameSecond);
    expect(await git(repo, ["tag", "--list", "rl#*"])).toBe("");

    const report = await cli(repo, ["doctor"]);
    expect(report.code).toBe(1);
    expect(report.stdout).toContain("rl@1.0.0 entered beta in commit");
    expect(report.stdout).toContain("(rl#beta#1)");
    expect(report.stdout).toContain("rl@1.0.0 left beta in commit");
    expect(report.stdout).toContain("(rl#beta!#2)");
    expect(report.stdout).toContain("(rl#champion#3)");
    await ok(repo, ["doctor", "--fix"]);
    const dates = async () =>
      (
        await git(repo, [
          "for-each-ref",
          "--sort=taggerdate",
          "--format=%(refname:strip=2) %(taggerdate:iso-strict)",
          "refs/tags/rl#*",
        ])
      )
        .trim()
        .split("\n");
    // Each at its stage change's committer time (and zone), a second after the one before.
    expect(await dates()).toEqual([
      "rl#beta#1 2026-02-01T10:00:00+02:00",
      "rl#beta!#2 2026-02-01T10:00:01+02:00",
      "rl#champion#3 2026-02-01T10:00:02+02:00",
    ]);
    // On the registration commit of the version, as GTO reads them.
    expect((await git(repo, ["rev-parse", "rl#champion#3^{commit}"])).trim()).toBe(
      (await git(repo, ["rev-parse", "rl@v1.0.0^{commit}"])).trim(),
    );
    expect((await ok(repo, ["doctor"])).stdout).toContain("files and tags agree");
    expect((await ok(repo, ["doctor", "--fix", "--json"])).stdout).toContain('"fixed": []');

    // --tag creates every tag the model still lacks, the earlier untagged beta move first.
    await ok(repo, ["promote", "rl@1.0.1", "beta"], sameSecond);
    const tagged = await ok(repo, ["promote", "rl@1.0.1", "champion", "--tag", "--json"], sameSecond);
    expect(JSON.parse(tagged.stdout).tags).toEqual([
      "rl#beta#4",
      "rl#beta!#5",
      "rl#champion#6",
      "rl#champion!#7",
      "rl#archived#8",
    ]);
    expect((await dates()).slice(3).map((l) => l.split(" ")[1])).toEqual([
      "2026-02-01T10:00:03+02:00",
      "2026-02-01T10:00:04+02:00",
      "2026-02-01T10:00:05+02:00",
      "2026-02-01T10:00:06+02:00",
      "2026-02-01T10:00:07+02:00",
    ]);
    expect((await ok(repo, ["doctor"])).stdout).toContain("files and tags agree");
  });

  it("after two rollbacks (a version re-entering its stage) doctor --fix tags each move once, and GTO reads stages.json", async () => {
    const repo = await seedRepo(2);
    const sameSecond = at("2026-02-01T10:00:00Z");
    for (const [v, s] of [
      ["1.0.0", "beta"],
      ["1.0.0", "champion"],
      ["1.0.1", "beta"],
      ["1.0.1", "champion"],
    ]) {
      await ok(repo, ["promote", `rl@${v}`, s!], sameSecond);
    }
    await ok(repo, ["doctor", "--fix"]);
    await ok(repo, ["rollback", "rl"], sameSecond);
    await ok(repo, ["doctor", "--fix"]);
    await ok(repo, ["rollback", "rl"], sameSecond);
    const fixed = JSON.parse((await ok(repo, ["doctor", "--fix", "--json"])).stdout);
    // Only the second rollback's moves were new: 1.0.1 leaves archived for champion again (its
    // second entry there, not a duplicate of the first), 1.0.0 leaves champion for archived.
    expect(fixed.fixed).toEqual(["rl#archived!#13", "rl#champion#14", "rl#champion!#15", "rl#archived#16"]);
    expect(stagesJson(repo)).toEqual({ champion: "1.0.1", archived: ["1.0.0"] });
    const rows = (
      await git(repo, [
        "for-each-ref",
        "--format=%(refname:strip=2)%00%(*objectname)%00%(taggerdate:unix)",
        "refs/tags",
      ])
    )
      .trim()
      .split("\n")
      .map((l) => l.split("\0"));
    const tags = rows.map(([name = "", commit = "", time = ""]) => ({ name, commit, time: Number(time) }));
    const gto = readGtoStages("rl", tags);
    expect(gto.get("champion")?.at(-1)?.version).toBe("1.0.1");
    expect(gto.get("archived")?.map((h) => h.version)).toEqual(["1.0.0"]);
    expect(gto.get("beta")).toBeUndefined();
    // Every stage tag a second after the one before, in the order of the moves.
    const times = tags
      .filter((t) => t.name.includes("#"))
      .map((t) => t.time)
      .sort((a, b) => a - b);
    expect(new Set(times).size).toBe(times.length);
    expect((await ok(repo, ["doctor"])).stdout).toContain("files and tags agree");
  });

  it("refuses --tag off the default branch", async () => {
    const repo = await seedRepo(1);
    await git(repo, ["checkout", "-q", "-b", "feature"]);
    const before = await snapshot(repo);
    const r = await cli(repo, ["promote", "rl@1.0.0", "beta", "--tag"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--tag records stage changes that land on the default branch (main)");
    expect(await snapshot(repo)).toEqual(before);
  });
});
