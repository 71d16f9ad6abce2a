import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { GitModelError } from "../../src/domain/errors.js";
import { doctor } from "../../src/registry/checks/doctor.js";
import { openRegistry, type Registry } from "../../src/registry/core/registry.js";
import { history } from "../../src/registry/stages/history.js";
import { boundedStageLog } from "../../src/registry/stages/stage-index.js";
import { startHistoryReads } from "../../src/registry/stages/stage-log-command.js";
import { demote, promote, rollback } from "../../src/registry/stages/stages.js";
import { register } from "../../src/registry/versions/register.js";
import { deleteVersion } from "../../src/registry/versions/retention.js";
import { cleanEnv, git, mergePullRequestBranch, runFolder, tempDir } from "../helpers/repo.js";
import { seedRepo } from "../helpers/stages.js";

/**
 * `history` reads the stage log up to the newest tagged change from the stage tags
 * (src/registry/stages/stage-index.ts) instead of git's walk of the whole history. Whatever the
 * history and whatever the tags (missing, extra, stale, foreign, a second clone), its answer must
 * be the full walk's, entry for entry: the tags are taken only when they account for the file.
 */

const VERSIONS = ["1.0.0", "1.0.1", "1.0.2", "1.0.3"];
const STAGES = ["development", "beta", "champion", "archived"];

type Op =
  | { kind: "promote"; version: string; stage: string; tag: boolean }
  | { kind: "demote"; version: string; stage: string | undefined }
  | { kind: "rollback" }
  | { kind: "delete"; version: string }
  | { kind: "register" }
  | { kind: "hand-edit"; version: string; stage: string }
  | { kind: "revert" }
  | { kind: "merge"; version: string; stage: string; pr: number; mainMove: string | null; tagFirst: boolean }
  | { kind: "tag" };

const version = fc.constantFrom(...VERSIONS);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("promote" as const),
      version,
      stage: fc.constantFrom(...STAGES.slice(1)),
      tag: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("demote" as const),
      version,
      stage: fc.constantFrom(undefined, "archived", "beta"),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("rollback" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), version }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("register" as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("hand-edit" as const),
      version,
      stage: fc.constantFrom(...STAGES.slice(1)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("revert" as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("merge" as const),
      version,
      stage: fc.constantFrom(...STAGES.slice(1)),
      pr: fc.integer({ min: 1, max: 99 }),
      mainMove: fc.constantFrom(null, ...VERSIONS),
      tagFirst: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("tag" as const) }) },
);

/** What is done to the tags at the end, after the history was made. */
type Perturbation =
  | { kind: "delete-tag"; pick: number }
  | { kind: "extra-tag"; pick: number; counterGap: boolean }
  | { kind: "foreign-tag" }
  | { kind: "amend" }
  | { kind: "rewrite" };
const perturbation: fc.Arbitrary<Perturbation> = fc.oneof(
  fc.record({ kind: fc.constant("delete-tag" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("extra-tag" as const), pick: fc.nat(), counterGap: fc.boolean() }),
  fc.record({ kind: fc.constant("foreign-tag" as const) }),
  fc.record({ kind: fc.constant("amend" as const) }),
  fc.record({ kind: fc.constant("rewrite" as const) }),
);

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
});

const baseEnv = cleanEnv({ FILTER_BRANCH_SQUELCH_WARNING: "1" });
let clock = Date.parse("2026-03-01T00:00:00Z") / 1000;
/** The environment of the next commit: a few seconds after the last. */
function nextEnv(): NodeJS.ProcessEnv {
  clock += 7;
  return { ...baseEnv, GIT_AUTHOR_DATE: `${clock} +0100`, GIT_COMMITTER_DATE: `${clock} +0100` };
}
/** git, committing at the next time. */
const gitNext = (repo: string, args: string[]) => git(repo, args, nextEnv());

/** A registry whose commits are at the next time (a fresh one per step: git's identity is read once). */
async function registryAt(repo: string): Promise<Registry> {
  const { HOME, GIT_CONFIG_NOSYSTEM, PATH, NO_COLOR, ...identity } = nextEnv();
  Object.assign(process.env, identity);
  return openRegistry(repo);
}

const stagesPath = (repo: string) => join(repo, "models/rl/stages.json");

async function apply(repo: string, o: Op, registered: { n: number }): Promise<void> {
  const registry = await registryAt(repo);
  try {
    if (o.kind === "promote") await promote(registry, { ref: `rl@${o.version}`, stage: o.stage, tag: o.tag });
    else if (o.kind === "demote")
      await demote(registry, { ref: `rl@${o.version}`, ...(o.stage ? { stage: o.stage } : {}) });
    else if (o.kind === "rollback") await rollback(registry, { model: "rl", stage: "champion" });
    else if (o.kind === "delete") await deleteVersion(registry, `rl@${o.version}`);
    else if (o.kind === "register")
      await register(registry, { model: "rl", dir: runFolder({ "model.bin": 100 + registered.n++ }) });
    else if (o.kind === "tag") await doctor(registry, { fix: true });
    else if (o.kind === "hand-edit") {
      // A person's edit: the version put in a stage by hand, whatever the rules say.
      let file: Record<string, string | string[]> = {};
      try {
        file = JSON.parse(readFileSync(stagesPath(repo), "utf8"));
      } catch {}
      for (const [k, v] of Object.entries(file)) {
        if (v === o.version) delete file[k];
        else if (Array.isArray(v)) file[k] = v.filter((x) => x !== o.version);
      }
      file[o.stage] =
        o.stage === "champion" ? o.version : [...((file[o.stage] as string[]) ?? []), o.version];
      writeFileSync(stagesPath(repo), `${JSON.stringify(file, null, 2)}\n`);
      await git(repo, ["add", "models/rl/stages.json"]);
      await gitNext(repo, ["commit", "-q", "--allow-empty", "-m", "edit stages by hand"]);
    } else if (o.kind === "revert") {
      // git revert of the last commit when it changed stages.json (not a merge: reverting one
      // needs -m, and git refuses it without).
      const last = await git(repo, ["log", "-1", "--format=%H", "--", "models/rl/stages.json"]);
      const [head, ...parents] = (await git(repo, ["rev-list", "--parents", "-n", "1", "HEAD"]))
        .trim()
        .split(" ");
      if (parents.length === 1 && last.trim() === head) await gitNext(repo, ["revert", "--no-edit", "HEAD"]);
    } else {
      // A pull request: the move on a branch; meanwhile on main a registration, or a move of its
      // own (tagged before the merge, or not); a merge commit (conflicts: main's side).
      await git(repo, ["checkout", "-q", "-b", "pr"]);
      try {
        await promote(await registryAt(repo), { ref: `rl@${o.version}`, stage: o.stage });
      } catch (e) {
        if (!(e instanceof GitModelError)) throw e;
      } finally {
        await git(repo, ["checkout", "-q", "main"]);
      }
      const main = await registryAt(repo);
      if (o.mainMove) {
        try {
          await promote(main, { ref: `rl@${o.mainMove}`, stage: "beta" });
        } catch (e) {
          if (!(e instanceof GitModelError)) throw e;
        }
      } else await register(main, { model: "rl", dir: runFolder({ "model.bin": 500 + registered.n++ }) });
      if (o.tagFirst) await doctor(await registryAt(repo), { fix: true });
      await mergePullRequestBranch(repo, o.pr, gitNext);
    }
  } catch (e) {
    // A move the rules refuse (the transition table, nothing to roll back) changes nothing.
    if (!(e instanceof GitModelError)) throw e;
  }
}

const stageTags = async (repo: string) =>
  (await git(repo, ["tag", "-l", "rl#*"])).split("\n").filter(Boolean);

async function perturb(repo: string, p: Perturbation): Promise<void> {
  const tags = await stageTags(repo);
  const counter = Math.max(0, ...tags.map((t) => Number(t.split("#").at(-1))));
  if (p.kind === "delete-tag" && tags.length) await git(repo, ["tag", "-d", tags[p.pick % tags.length]!]);
  else if (p.kind === "extra-tag") {
    // A tag that records nothing that happened: its change is any commit of the branch.
    const commits = (await git(repo, ["rev-list", "HEAD"])).split("\n").filter(Boolean);
    const target = (await git(repo, ["rev-list", "-1", "rl@v1.0.0"])).trim();
    const n = counter + (p.counterGap ? 2 : 1);
    await gitNext(repo, [
      "tag",
      "-a",
      `rl#beta#${n}`,
      target,
      "-m",
      `assign rl@v1.0.0 to beta\n\nStage-Change: ${commits[p.pick % commits.length]}`,
    ]);
  } else if (p.kind === "foreign-tag") {
    // GTO's own tag: no Stage-Change line.
    const target = (await git(repo, ["rev-list", "-1", "rl@v1.0.1"])).trim();
    await gitNext(repo, [
      "tag",
      "-a",
      `rl#champion#${counter + 1}`,
      target,
      "-m",
      "Assigning stage champion",
    ]);
  } else if (p.kind === "amend") {
    // The last commit made again: tags that named it now name a commit off the branch.
    await gitNext(repo, ["commit", "-q", "--amend", "--no-edit"]);
  } else if (p.kind === "rewrite") {
    // The whole branch rewritten (a filter that keeps every file): every tagged change is stale.
    await gitNext(repo, ["filter-branch", "-f", "--msg-filter", "cat; echo rewritten", "--", "main"]);
  }
}

/** The full walk's history and the bounded one, in both forms `history` has; and whether the tags were used. */
async function compare(repo: string): Promise<boolean> {
  const registry = await openRegistry(repo);
  for (const stage of [undefined, "champion"]) {
    const options = stage ? { stage } : {};
    const full = await history(registry, "rl", { ...options, bounded: false });
    const bounded = await history(registry, "rl", options);
    expect(bounded).toEqual(full);
  }
  const started = await boundedStageLog(
    registry,
    "rl",
    "HEAD",
    startHistoryReads(registry.git, "rl", "HEAD"),
  );
  if (!started) return false;
  await Promise.all([started.blobs(() => {}), started.records(() => {})]);
  return true;
}

describe("history bounded by the stage tags", () => {
  it("equals the full walk after any history, with tags missing, extra, stale or foreign, in a second clone", async () => {
    const template = await seedRepo(VERSIONS.length);
    let run = 0;
    let used = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 3, maxLength: 10 }),
        fc.array(op, { maxLength: 3 }),
        fc.array(perturbation, { maxLength: 2 }),
        async (ops, more, perturbations) => {
          const repo = join(tempDir("gm-hist-"), `repo-${run++}`);
          cpSync(template, repo, { recursive: true });
          const registered = { n: 0 };
          for (const o of ops) await apply(repo, o, registered);
          if (await compare(repo)) used++;
          // More commits on top of the walk kept in .git/git-model by the reads above.
          for (const o of more) await apply(repo, o, registered);
          await compare(repo);
          for (const p of perturbations) await perturb(repo, p);
          await compare(repo);
          // A second clone: the same commits and tags, fetched; no caches.
          const clone = join(tempDir("gm-hist-clone-"), "clone");
          await git(repo, ["clone", "-q", repo, clone]);
          await compare(clone);
        },
      ),
      { numRuns: 14 },
    );
    // The tags were used, not only checked and put aside.
    expect(used).toBeGreaterThan(0);
  }, 300_000);
});
