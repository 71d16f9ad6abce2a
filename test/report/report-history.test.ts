import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { GitModelError } from "../../src/domain/errors.js";
import { openRegistry, type Registry } from "../../src/registry/core/registry.js";
import { readHistories } from "../../src/registry/report/read.js";
import { type HistoryEntry, history, historyEntries } from "../../src/registry/stages/history.js";
import { readStageLogs, versionEvents } from "../../src/registry/stages/stage-log.js";
import { demote, promote, rollback } from "../../src/registry/stages/stages.js";
import { register } from "../../src/registry/versions/register.js";
import { cleanup, deleteVersion } from "../../src/registry/versions/retention.js";
import { cleanEnv, git, mergePullRequestBranch, runFolder, tempDir } from "../helpers/repo.js";
import { seedRepo } from "../helpers/stages.js";

/**
 * The report reads every model's history from a log of the stages.json files alone, the
 * registration tags and one rev-list (src/registry/report/read.ts) instead of one log of the
 * whole registry root. Its timelines must be the full log's, entry for entry and in the same
 * order, whatever the history: promotions, rollbacks, demotions, deletions (one version, or a
 * cleanup of several in one commit, with reasons), reverts, hand edits, merged pull requests,
 * versions added without a tag or by hand, a deleted tag, two models interleaved.
 */

const MODELS = ["rl", "zeta"];
const STAGES = ["beta", "champion", "archived"];

type Op =
  | { kind: "register"; model: string; tag: boolean }
  | { kind: "promote"; model: string; pick: number; stage: string }
  | { kind: "demote"; model: string; pick: number }
  | { kind: "rollback"; model: string }
  | { kind: "delete"; model: string; pick: number; reason: string | null }
  | { kind: "cleanup"; model: string; keep: number }
  | { kind: "revert" }
  | { kind: "hand-edit"; model: string; pick: number; stage: string }
  | { kind: "hand-add"; model: string }
  | { kind: "merge"; model: string; pick: number; stage: string; pr: number }
  | { kind: "untag"; pick: number };

const model = fc.constantFrom(...MODELS);
const stage = fc.constantFrom(...STAGES);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("register" as const), model, tag: fc.boolean() }) },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant("promote" as const), model, pick: fc.nat(), stage }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("demote" as const), model, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("rollback" as const), model }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("delete" as const),
      model,
      pick: fc.nat(),
      reason: fc.constantFrom(null, "superseded", "leaked test data"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("cleanup" as const),
      model,
      keep: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("revert" as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("hand-edit" as const), model, pick: fc.nat(), stage }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("hand-add" as const), model }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("merge" as const),
      model,
      pick: fc.nat(),
      stage,
      pr: fc.integer({ min: 1, max: 99 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("untag" as const), pick: fc.nat() }) },
);

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
});

const baseEnv = cleanEnv();
let clock = Date.parse("2026-03-01T00:00:00Z") / 1000;
/** The environment of the next commit: usually the same second as the last (ties are ordered by the history), sometimes later. */
function nextEnv(): NodeJS.ProcessEnv {
  clock += Math.random() < 0.5 ? 0 : 5;
  return { ...baseEnv, GIT_AUTHOR_DATE: `${clock} +0000`, GIT_COMMITTER_DATE: `${clock} +0000` };
}
const gitNext = (repo: string, args: string[]) => git(repo, args, nextEnv());

async function registryAt(repo: string): Promise<Registry> {
  const { HOME, GIT_CONFIG_NOSYSTEM, PATH, NO_COLOR, ...identity } = nextEnv();
  Object.assign(process.env, identity);
  return openRegistry(repo);
}

async function versionsOf(repo: string, name: string): Promise<string[]> {
  const registry = await openRegistry(repo);
  return (await registry.models()).includes(name) ? registry.versionFolders(name) : [];
}

async function apply(repo: string, o: Op, counter: { n: number }): Promise<void> {
  const pick = async (m: string, n: number) => {
    const versions = await versionsOf(repo, m);
    return versions.length ? versions[n % versions.length]! : null;
  };
  try {
    if (o.kind === "register") {
      // Versions past 9 as well: git lists 10.0.0 before 9.0.0, the scheme the other way.
      const version = `${++counter.n}.0.0`;
      await register(await registryAt(repo), {
        model: o.model,
        dir: runFolder({ "model.bin": 100 + counter.n }),
        version,
        tag: o.tag,
      });
    } else if (o.kind === "promote" || o.kind === "demote" || o.kind === "delete") {
      const v = await pick(o.model, o.pick);
      if (!v) return;
      const registry = await registryAt(repo);
      if (o.kind === "promote") await promote(registry, { ref: `${o.model}@${v}`, stage: o.stage });
      else if (o.kind === "demote") await demote(registry, { ref: `${o.model}@${v}` });
      else await deleteVersion(registry, `${o.model}@${v}`, o.reason ? { reason: o.reason } : {});
    } else if (o.kind === "rollback") {
      await rollback(await registryAt(repo), { model: o.model, stage: "champion" });
    } else if (o.kind === "cleanup") {
      await cleanup(await registryAt(repo), o.model, {
        keep: o.keep,
        reason: "retention",
        confirm: async () => true,
      });
    } else if (o.kind === "revert") {
      const head = (await git(repo, ["rev-parse", "HEAD"])).trim();
      const parents = (await git(repo, ["rev-list", "--parents", "-1", head])).trim().split(" ");
      if (parents.length !== 2) return;
      // An empty commit (a hand edit that changed nothing) has nothing to revert: git refuses.
      const [tree, before] = (await git(repo, ["rev-parse", "HEAD^{tree}", "HEAD~1^{tree}"])).split("\n");
      if (tree !== before) await gitNext(repo, ["revert", "--no-edit", "HEAD"]);
    } else if (o.kind === "hand-edit") {
      const v = await pick(o.model, o.pick);
      if (!v) return;
      const path = join(repo, "models", o.model, "stages.json");
      let file: Record<string, string | string[]> = {};
      try {
        file = JSON.parse(readFileSync(path, "utf8"));
      } catch {}
      for (const [k, held] of Object.entries(file)) {
        if (held === v) delete file[k];
        else if (Array.isArray(held)) file[k] = held.filter((x) => x !== v);
      }
      file[o.stage] = o.stage === "champion" ? v : [...((file[o.stage] as string[]) ?? []), v];
      writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
      await git(repo, ["add", path]);
      await gitNext(repo, ["commit", "-q", "--allow-empty", "-m", "edit stages by hand"]);
    } else if (o.kind === "hand-add") {
      // A version folder committed by hand: no tag, so only git's log knows when it came.
      const version = `${++counter.n}.0.0`;
      const folder = join(repo, "models", o.model, version);
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        join(folder, "metadata.json"),
        `${JSON.stringify({ name: o.model, version, created_at: "2026-03-01T00:00:00Z", metrics: {} }, null, 2)}\n`,
      );
      await git(repo, ["add", folder]);
      await gitNext(repo, ["commit", "-q", "-m", `add ${o.model} ${version} by hand`]);
    } else if (o.kind === "merge") {
      // A pull request: a move on a branch, a registration meanwhile on main, a merge commit.
      await git(repo, ["checkout", "-q", "-b", "pr"]);
      try {
        const v = await pick(o.model, o.pick);
        if (v) await promote(await registryAt(repo), { ref: `${o.model}@${v}`, stage: o.stage });
      } catch (e) {
        if (!(e instanceof GitModelError)) throw e;
      } finally {
        await git(repo, ["checkout", "-q", "main"]);
      }
      const other = MODELS.find((m) => m !== o.model)!;
      await register(await registryAt(repo), {
        model: other,
        dir: runFolder({ "model.bin": 900 + counter.n }),
        version: `${++counter.n}.0.0`,
      });
      await mergePullRequestBranch(repo, o.pr, gitNext);
    } else {
      // A registration tag deleted: that version's registration comes from git's log.
      const tags = (await git(repo, ["tag", "-l", "*@v*"])).split("\n").filter((t) => t && !t.endsWith("!"));
      if (tags.length) await git(repo, ["tag", "-d", tags[o.pick % tags.length]!]);
    }
  } catch (e) {
    // A move the rules refuse changes nothing.
    if (!(e instanceof GitModelError)) throw e;
  }
}

/** The timelines the report used to read: one log of the whole root (readStageLogs "all"). */
async function fullLogHistories(registry: Registry, models: readonly string[]) {
  const logs = await readStageLogs(registry, "all");
  return new Map(models.map((m) => [m, logs.has(m) ? historyEntries(registry, logs.get(m)!) : []]));
}

async function compare(repo: string): Promise<number> {
  const registry = await openRegistry(repo);
  const models = await registry.models();
  const expected = await fullLogHistories(registry, models);
  const actual = await readHistories(registry, models);
  // What the report cannot see, as `history` cannot (docs/decisions/report.md): a version
  // registered without a tag (or whose tag was deleted) and gone from the branch. Everything
  // about those versions is left out of both sides. Nor a tagged version's removal without a
  // deregistration tag (`git revert` of its registration) once a revert brought it back: its
  // tags show it registered (and, when `delete` removed it again, deleted by that commit), so
  // its deletions are left out too. The rest must be the same.
  const tagged = new Map(
    (
      await git(repo, [
        "for-each-ref",
        "--format=%(refname:strip=2) %(if)%(*objectname)%(then)%(*objectname)%(else)%(objectname)%(end)",
        "refs/tags",
      ])
    )
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" ") as [string, string]),
  );
  const seenBy = new Map<string, (e: HistoryEntry) => boolean>();
  for (const m of models) {
    const present = new Set(await registry.versionFolders(m));
    const unseen = (v: string) => !present.has(v) && !tagged.has(`${m}@v${v}`);
    const unrecorded = (e: HistoryEntry) => {
      if (e.type !== "deletion" || !tagged.has(`${m}@v${e.version}`)) return false;
      const bang = tagged.get(`${m}@v${e.version}!`);
      return present.has(e.version) ? bang === undefined : bang !== undefined && bang !== e.commit;
    };
    const blind = new Set(
      expected
        .get(m)!
        .filter((e) => e.type !== "move" && unseen(e.version))
        .map((e) => e.version),
    );
    const removedUnseen = new Set(
      expected
        .get(m)!
        .filter(unrecorded)
        .map((e) => e.version),
    );
    const seen = (e: HistoryEntry) =>
      !blind.has(e.version) && !(e.type === "deletion" && removedUnseen.has(e.version));
    seenBy.set(m, seen);
    for (const side of [expected, actual]) side.set(m, side.get(m)!.filter(seen));
  }
  expect(actual).toEqual(expected);
  // `history MODEL` reads its registrations and deletions from the same tags: the same events.
  for (const m of models) {
    const events = (entries: readonly HistoryEntry[]) =>
      entries
        .filter((e) => e.type !== "move")
        .map(({ metrics: _, ...e }: HistoryEntry & { metrics?: unknown }) => e)
        .sort((a, b) => `${a.type} ${a.version}`.localeCompare(`${b.type} ${b.version}`));
    expect(events((await history(registry, m, { metrics: false })).entries.filter(seenBy.get(m)!))).toEqual(
      events(expected.get(m)!),
    );
  }
  return [...expected.values()].reduce((n, entries) => n + entries.length, 0);
}

describe("the report's histories", () => {
  it("of a tagged version deleted by `git revert` and brought back by reverting the revert", async () => {
    // The case the property test found (seed -410165184, path "11"): the tag and the folder say
    // registered, nothing records the deletion between; the full log alone sees it.
    const repo = await seedRepo(2);
    const registered = await register(await registryAt(repo), {
      model: "rl",
      dir: runFolder({ "model.bin": 103 }),
      version: "3.0.0",
    });
    await gitNext(repo, ["revert", "--no-edit", "HEAD"]);
    const removal = (await git(repo, ["rev-parse", "HEAD"])).trim();
    await gitNext(repo, ["revert", "--no-edit", "HEAD"]);
    const registry = await openRegistry(repo);
    const events = (entries: readonly HistoryEntry[]) =>
      entries.filter((e) => e.type !== "move" && e.version === "3.0.0").map((e) => [e.type, e.commit]);
    const full = (await fullLogHistories(registry, ["rl"])).get("rl")!;
    expect(events(full)).toEqual([
      ["registration", registered.commit],
      ["deletion", removal],
    ]);
    // The report and `history` read the same tags: the registration, no deletion.
    const fromTags = [["registration", registered.commit]];
    expect(events((await readHistories(registry, ["rl"])).get("rl")!)).toEqual(fromTags);
    expect(events((await history(registry, "rl", { metrics: false })).entries)).toEqual(fromTags);
    // Everything else is the full log's, entry for entry and in order (all but that deletion).
    expect(await compare(repo)).toBe(full.length - 1);
    // Deleted again with `delete` and brought back: its `!` tag sends it to the log of its
    // metadata.json, which finds the first deletion, as the full log does.
    await deleteVersion(await registryAt(repo), "rl@3.0.0", { reason: "superseded" });
    // Gone again: the tags answer, with the deletion that has its `!` tag (the first unseen).
    const deleted = (await git(repo, ["rev-parse", "HEAD"])).trim();
    const gone = await openRegistry(repo);
    expect(events((await fullLogHistories(gone, ["rl"])).get("rl")!)).toEqual([
      ["registration", registered.commit],
      ["deletion", removal],
    ]);
    const tagged = [
      ["registration", registered.commit],
      ["deletion", deleted],
    ];
    expect(events((await readHistories(gone, ["rl"])).get("rl")!)).toEqual(tagged);
    expect(events((await history(gone, "rl", { metrics: false })).entries)).toEqual(tagged);
    await compare(repo);
    await gitNext(repo, ["revert", "--no-edit", "HEAD"]);
    const again = await openRegistry(repo);
    const fullAgain = events((await fullLogHistories(again, ["rl"])).get("rl")!);
    expect(fullAgain).toEqual([
      ["registration", registered.commit],
      ["deletion", removal],
    ]);
    expect(events((await readHistories(again, ["rl"])).get("rl")!)).toEqual(fullAgain);
    expect(events((await history(again, "rl", { metrics: false })).entries)).toEqual(fullAgain);
  }, 60_000);

  it("of a stages.json removed by `git revert` and written again", async () => {
    // The property test's seed -1797031228: the removal put every version back in the initial
    // stage, as `list` reads a model without stages.json, and the next promotion starts from there.
    const repo = await seedRepo(2);
    const first = await promote(await registryAt(repo), { ref: "rl@1.0.1", stage: "archived" });
    await gitNext(repo, ["revert", "--no-edit", "HEAD"]);
    const removal = (await git(repo, ["rev-parse", "HEAD"])).trim();
    await register(await registryAt(repo), {
      model: "zeta",
      dir: runFolder({ "model.bin": 104 }),
      version: "4.0.0",
    });
    const again = await promote(await registryAt(repo), { ref: "rl@1.0.1", stage: "archived" });
    const registry = await openRegistry(repo);
    const moves = (entries: readonly HistoryEntry[]) =>
      entries.flatMap((e) => (e.type === "move" ? [[e.version, e.from, e.to, e.commit]] : []));
    const expected = [
      ["1.0.1", "development", "archived", first.commit],
      ["1.0.1", "archived", "development", removal],
      ["1.0.1", "development", "archived", again.commit],
    ];
    expect(moves((await fullLogHistories(registry, ["rl"])).get("rl")!)).toEqual(expected);
    expect(moves((await readHistories(registry, ["rl"])).get("rl")!)).toEqual(expected);
    expect(moves((await history(registry, "rl")).entries)).toEqual(expected);
    expect(moves((await history(registry, "rl", { bounded: false })).entries)).toEqual(expected);
    await compare(repo);
  }, 60_000);

  it("whatever became of the walk `history` keeps in .git/git-model", async () => {
    // readHistories places every event by that walk (walkOf): one HEAD moved back from, one of a
    // branch HEAD does not hold, an empty file or one that is no walk must give way to git's.
    const repo = await seedRepo(2);
    const walkFile = join(repo, ".git/git-model/walk.txt");
    const gitWalk = (rev: string) => git(repo, ["rev-list", "--topo-order", "--parents", rev]);
    const registerRl = async (version: string) =>
      register(await registryAt(repo), { model: "rl", dir: runFolder({ "model.bin": version }), version });
    await promote(await registryAt(repo), { ref: "rl@1.0.0", stage: "beta" });
    await registerRl("3.0.0");
    await compare(repo);
    expect(readFileSync(walkFile, "utf8")).toBe(await gitWalk("HEAD"));
    await promote(await registryAt(repo), { ref: "rl@1.0.1", stage: "beta" });
    await compare(repo);
    const stale = readFileSync(walkFile);
    await git(repo, ["reset", "-q", "--hard", "HEAD~1"]);
    // Two events after the kept walk's fork: placed by a walk without them, they would swap.
    await promote(await registryAt(repo), { ref: "rl@1.0.0", stage: "champion" });
    await registerRl("4.0.0");
    const side = (await git(repo, ["commit-tree", "HEAD^{tree}", "-p", "HEAD~1", "-m", "side"])).trim();
    for (const kept of [stale, await gitWalk(side), "not a walk\n", ""]) {
      writeFileSync(walkFile, kept);
      await compare(repo);
      // Kept in its place: git's walk.
      expect(readFileSync(walkFile, "utf8")).toBe(await gitWalk("HEAD"));
    }
  }, 60_000);

  it("equal the full log's after any history of two models", async () => {
    const template = await seedRepo(2);
    let run = 0;
    let entries = 0;
    let deletions = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
        const repo = join(tempDir("gm-report-hist-"), `repo-${run++}`);
        cpSync(template, repo, { recursive: true });
        const counter = { n: 2 };
        for (const o of ops) await apply(repo, o, counter);
        entries += await compare(repo);
        // A clone without the tags (a CI checkout that did not fetch them): all from git's log.
        const clone = join(tempDir("gm-report-hist-clone-"), "clone");
        await git(repo, ["clone", "-q", "--no-tags", repo, clone]);
        await compare(clone);
        // Those versions' events from the models' folders instead of a path per version (what a
        // clone without tags of 100,000 versions needs): the same.
        const bare = await openRegistry(clone);
        const wanted = new Map<string, string[]>();
        for (const m of await bare.models()) wanted.set(m, await bare.versionFolders(m));
        expect(await versionEvents(bare, wanted, "HEAD", 0)).toEqual(await versionEvents(bare, wanted));
        const registry = await openRegistry(repo);
        for (const h of (await readHistories(registry, await registry.models())).values())
          deletions += h.filter((e) => e.type === "deletion").length;
      }),
      { numRuns: 12, endOnFailure: true },
    );
    // The histories had something in them, deletions included.
    expect(entries).toBeGreaterThan(20);
    expect(deletions).toBeGreaterThan(0);
  }, 300_000);
});
