import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { GitModelError } from "../../src/domain/errors.js";
import { doctor } from "../../src/registry/checks/doctor.js";
import { openRegistry, type Registry } from "../../src/registry/core/registry.js";
import { demote, promote, rollback } from "../../src/registry/stages/stages.js";
import { deleteVersion } from "../../src/registry/versions/retention.js";
import { gtoReading } from "../helpers/gto.js";
import { tempDir } from "../helpers/repo.js";
import { seedRepo } from "../helpers/stages.js";

/**
 * GTO reads exactly what stages.json says, after any sequence of promote / demote / rollback /
 * delete, several of them in one second, with the stage tags created along the way (promote
 * --tag, doctor --fix) or at the end. The repository's tags are read as GTO 1.8 reads them
 * (src/domain/gto.ts: /work/shared/gto-tags.md's rules) from one for-each-ref.
 */

const VERSIONS = ["1.0.0", "1.0.1", "1.0.2", "1.0.3"];
const STAGES = ["development", "beta", "champion", "archived"];

type Op =
  | { kind: "promote"; version: string; stage: string; tag: boolean }
  | { kind: "demote"; version: string; stage: string | undefined }
  | { kind: "rollback" }
  | { kind: "delete"; version: string }
  | { kind: "tag" };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("promote" as const),
      version: fc.constantFrom(...VERSIONS),
      stage: fc.constantFrom(...STAGES.slice(1)),
      tag: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("demote" as const),
      version: fc.constantFrom(...VERSIONS),
      stage: fc.constantFrom(undefined, "archived", "beta"),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("rollback" as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("delete" as const), version: fc.constantFrom(...VERSIONS) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("tag" as const) }) },
);
/** Each step's delay in seconds: mostly none, so several moves share a second. */
const step = fc.record({ op, delay: fc.constantFrom(0, 0, 0, 1, 2) });

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
});

/** A registry whose git commits at `seconds` (a fresh one per step: git's identity is read once per registry). */
async function registryAt(repo: string, seconds: number): Promise<Registry> {
  const date = `${seconds} +0100`;
  process.env.GIT_COMMITTER_DATE = date;
  process.env.GIT_AUTHOR_DATE = date;
  return openRegistry(repo);
}

async function apply(registry: Registry, o: Op): Promise<void> {
  try {
    if (o.kind === "promote") await promote(registry, { ref: `rl@${o.version}`, stage: o.stage, tag: o.tag });
    else if (o.kind === "demote")
      await demote(registry, { ref: `rl@${o.version}`, ...(o.stage ? { stage: o.stage } : {}) });
    else if (o.kind === "rollback") await rollback(registry, { model: "rl", stage: "champion" });
    else if (o.kind === "delete") await deleteVersion(registry, `rl@${o.version}`);
    else await doctor(registry, { fix: true });
  } catch (e) {
    // A move the rules refuse (the transition table, nothing to roll back, a protected version) changes nothing.
    if (!(e instanceof GitModelError)) throw e;
  }
}

/** stages.json as the expected reading: the holder of the exclusive stage, the sets of the others. */
function expectedReading(repo: string) {
  let file: Record<string, string | string[]> = {};
  try {
    file = JSON.parse(readFileSync(join(repo, "models/rl/stages.json"), "utf8"));
  } catch {}
  return Object.fromEntries(
    STAGES.slice(1).map((s) => {
      const v = file[s];
      return [s, v === undefined ? [] : typeof v === "string" ? [v] : [...v].sort()];
    }),
  );
}

function reading(gto: Map<string, { version: string }[]>) {
  return Object.fromEntries(
    STAGES.slice(1).map((s) => {
      const active = (gto.get(s) ?? []).map((h) => h.version);
      return [s, s === "champion" ? active.slice(-1) : active.sort()];
    }),
  );
}

describe("GTO reads what stages.json says", () => {
  it("after random sequences of moves, several per second, tagged along the way or at the end", async () => {
    const template = await seedRepo(VERSIONS.length);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), async (steps) => {
        const repo = join(tempDir("gm-gto-"), `repo-${run++}`);
        cpSync(template, repo, { recursive: true });
        let seconds = Date.parse("2026-03-01T00:00:00Z") / 1000;
        for (const { op: o, delay } of steps) {
          seconds += delay;
          await apply(await registryAt(repo, seconds), o);
          if (o.kind === "tag") expect(reading(await gtoReading(repo, "rl"))).toEqual(expectedReading(repo));
        }
        const registry = await registryAt(repo, seconds);
        await doctor(registry, { fix: true });
        expect(reading(await gtoReading(repo, "rl"))).toEqual(expectedReading(repo));
        // Nothing left to report, and a second --fix creates nothing.
        expect((await doctor(registry)).disagreements).toEqual([]);
        expect((await doctor(registry, { fix: true })).fixed).toEqual([]);
      }),
      { numRuns: 15 },
    );
  }, 240_000);
});
