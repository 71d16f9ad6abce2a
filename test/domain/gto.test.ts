import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/domain/config.js";
import { gtoMismatches, planStageTags, readGtoStages, type TagMove, tagMoves } from "../../src/domain/gto.js";
import type { StageEvent } from "../../src/domain/stage-history.js";
import { SEED_004 } from "../helpers/fixtures.js";

/** GTO 1.8's reading of tags (/work/shared/gto-tags.md) and the tags git-model plans for it. */

const R1 = "c1".padEnd(40, "0");
const R2 = "c2".padEnd(40, "0");
const registered = [
  { name: "churn@v1.0.0", commit: R1, time: 1 },
  { name: "churn@v1.0.1", commit: R2, time: 2 },
];

describe("readGtoStages", () => {
  it("orders by tagger second, and within one second by name as git lists it (#10 before #9)", () => {
    // Same second: churn#staging#10 sorts before churn#staging#9, so 1.0.0 (#9) is read last.
    // Which of two activations in one second `gto show` prints is not something to rely on:
    // git-model never dates two stage tags of a model in the same second.
    const sameSecond = readGtoStages("churn", [
      ...registered,
      { name: "churn#staging#9", commit: R1, time: 100 },
      { name: "churn#staging#10", commit: R2, time: 100 },
    ]);
    expect(sameSecond.get("staging")?.map((h) => h.version)).toEqual(["1.0.1", "1.0.0"]);
    // A second apart, the later one holds the stage whatever the names.
    const apart = readGtoStages("churn", [
      ...registered,
      { name: "churn#staging#9", commit: R1, time: 100 },
      { name: "churn#staging#10", commit: R2, time: 101 },
    ]);
    expect(apart.get("staging")?.at(-1)?.version).toBe("1.0.1");
  });

  it("keeps a vstage active until an unassignment, whose time decides against the assignment", () => {
    const tags = [
      ...registered,
      { name: "churn#staging#1", commit: R1, time: 10 },
      { name: "churn#staging!#2", commit: R1, time: 11 },
      { name: "churn#production#3", commit: R1, time: 11 },
    ];
    const read = readGtoStages("churn", tags);
    expect(read.get("staging")).toBeUndefined();
    expect(read.get("production")).toEqual([{ version: "1.0.0", activatedAt: 11 }]);
    // The unassignment dated before the assignment does not end it.
    const early = readGtoStages("churn", [...registered, { ...tags[2]!, time: 12 }, tags[3]!]);
    expect(early.get("staging")).toEqual([{ version: "1.0.0", activatedAt: 12 }]);
  });

  it("reads only the model's own tags, and a commit without a registration as the commit", () => {
    const read = readGtoStages("churn", [
      ...registered,
      { name: "other#staging#1", commit: R1, time: 5 },
      { name: "churn#staging#2", commit: "f".repeat(40), time: 6 },
    ]);
    expect(read.get("staging")).toEqual([{ version: "f".repeat(40), activatedAt: 6 }]);
  });
});

describe("gtoMismatches", () => {
  const config = parseConfig(SEED_004);
  it("compares an exclusive stage's holder and a list stage's active set with stages.json", () => {
    const gto = new Map([
      [
        "champion",
        [
          { version: "1.0.0", activatedAt: 1 },
          { version: "1.0.1", activatedAt: 2 },
        ],
      ],
      ["archived", [{ version: "1.0.0", activatedAt: 3 }]],
    ]);
    expect(gtoMismatches({ champion: "1.0.1", archived: ["1.0.0"] }, config, gto)).toEqual([]);
    expect(gtoMismatches({ champion: "1.0.0", archived: ["1.0.0", "1.0.2"] }, config, gto)).toEqual([
      { stage: "champion", expected: ["1.0.0"], gto: ["1.0.1"] },
      { stage: "archived", expected: ["1.0.0", "1.0.2"], gto: ["1.0.0"] },
    ]);
  });
});

const event = (version: string, from: string, to: string, at: string, commit: string): StageEvent => ({
  version,
  from,
  to,
  at,
  commit,
  who: "t",
  email: "t@example.com",
  subject: "",
  reason: null,
  pullRequest: null,
  rollback: false,
  kind: "promotion",
});

describe("tagMoves and planStageTags", () => {
  const events = [
    event("1.0.0", "development", "beta", "2026-02-01T10:00:00+02:00", "a"),
    event("1.0.0", "beta", "champion", "2026-02-01T10:00:00+02:00", "b"),
    event("1.0.1", "development", "champion", "2026-02-01T10:00:00+02:00", "c"),
    event("1.0.0", "champion", "archived", "2026-02-01T10:00:00+02:00", "c"),
  ];
  const moves = tagMoves(events, "development");
  const at = Date.parse("2026-02-01T08:00:00Z") / 1000;

  it("a version leaving a stage gets an unassignment, entering one an assignment; the initial stage neither", () => {
    expect(moves.map((m) => `${m.kind} ${m.version} ${m.stage} ${m.change} ${m.at} ${m.zone}`)).toEqual([
      `assignment 1.0.0 beta a ${at} +0200`,
      `unassignment 1.0.0 beta b ${at} +0200`,
      `assignment 1.0.0 champion b ${at} +0200`,
      `assignment 1.0.1 champion c ${at} +0200`,
      `unassignment 1.0.0 champion c ${at} +0200`,
      `assignment 1.0.0 archived c ${at} +0200`,
    ]);
  });

  it("dates every tag at its change, a second after the tag before it, numbered on from the highest counter", () => {
    const plan = planStageTags({
      model: "rl",
      moves,
      existing: [
        { name: "rl#beta#7", kind: "assignment", stage: "beta", version: "1.0.0", time: at, counter: 7 },
      ],
    });
    expect(plan.missing.map((t) => [t.name, t.time - at])).toEqual([
      ["rl#beta!#8", 1],
      ["rl#champion#9", 2],
      ["rl#champion#10", 3],
      ["rl#champion!#11", 4],
      ["rl#archived#12", 5],
    ]);
    expect(plan.extra).toEqual([]);
    expect(plan.outOfOrder).toEqual([]);
  });

  it("matches existing tags to moves oldest first, so a re-entered stage is not tagged twice", () => {
    // 1.0.0 entered champion twice; only the first entry has a tag. The second one is missing.
    const twice: TagMove[] = [
      { kind: "assignment", version: "1.0.0", stage: "champion", change: "a", at: 100, zone: "+0000" },
      { kind: "unassignment", version: "1.0.0", stage: "champion", change: "b", at: 200, zone: "+0000" },
      { kind: "assignment", version: "1.0.0", stage: "champion", change: "c", at: 300, zone: "+0000" },
    ];
    const existing = [
      {
        name: "rl#champion#1",
        kind: "assignment" as const,
        stage: "champion",
        version: "1.0.0",
        time: 100,
        counter: 1,
      },
      {
        name: "rl#champion!#2",
        kind: "unassignment" as const,
        stage: "champion",
        version: "1.0.0",
        time: 200,
        counter: 2,
      },
    ];
    const plan = planStageTags({ model: "rl", moves: twice, existing });
    expect(plan.missing.map((t) => [t.name, t.change, t.time])).toEqual([["rl#champion#3", "c", 300]]);
    // Every move tagged: nothing to create, however often the command runs.
    const done = planStageTags({
      model: "rl",
      moves: twice,
      existing: [...existing, { ...existing[0]!, name: "rl#champion#3", time: 300, counter: 3 }],
    });
    expect(done).toEqual({ missing: [], extra: [], outOfOrder: [] });
  });

  it("reports a tag that records no move, and one dated before an earlier move's tag", () => {
    const two: TagMove[] = [
      { kind: "assignment", version: "1.0.0", stage: "beta", change: "a", at: 100, zone: "+0000" },
      { kind: "assignment", version: "1.0.1", stage: "beta", change: "b", at: 100, zone: "+0000" },
    ];
    const plan = planStageTags({
      model: "rl",
      moves: two,
      existing: [
        { name: "rl#beta#2", kind: "assignment", stage: "beta", version: "1.0.0", time: 100, counter: 2 },
        { name: "rl#beta#1", kind: "assignment", stage: "beta", version: "1.0.1", time: 100, counter: 1 },
        {
          name: "rl#champion#3",
          kind: "assignment",
          stage: "champion",
          version: "1.0.1",
          time: 90,
          counter: 3,
        },
      ],
    });
    expect(plan.missing).toEqual([]);
    expect(plan.outOfOrder.map((t) => t.name)).toEqual(["rl#beta#1"]);
    // Across stages the order does not matter to GTO: a later move's tag in another stage, dated
    // before an earlier move's, is not out of order.
    const across = planStageTags({
      model: "rl",
      moves: [two[0]!, { ...two[1]!, stage: "champion" }],
      existing: [
        { name: "rl#beta#1", kind: "assignment", stage: "beta", version: "1.0.0", time: 100, counter: 1 },
        {
          name: "rl#champion#2",
          kind: "assignment",
          stage: "champion",
          version: "1.0.1",
          time: 99,
          counter: 2,
        },
      ],
    });
    expect(across).toEqual({ missing: [], extra: [], outOfOrder: [] });
    expect(plan.extra.map((t) => t.name)).toEqual(["rl#champion#3"]);
  });
});
